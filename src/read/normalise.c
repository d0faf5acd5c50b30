/* normalise.c: one field's text -> its code in the dataset record, every problem noted. */
#include "read/normalise.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/charset.h"
#include "util/fold.h"

#define MEMO_MAX 65536 /* distinct values remembered per field */

void norm_init(struct normaliser *z, const struct profile *pf, const struct places *pl,
               struct quality *dq, int file)
{
    memset(z, 0, sizeof *z);
    z->profile = pf;
    z->places = pl;
    z->dq = dq;
    z->file = file;
    for (int f = 0; f < F_COUNT; f++)
        z->unknown_longest[f] = profile_unknown_longest(pf, f);
}

void norm_free(struct normaliser *z)
{
    for (int f = 0; f < F_COUNT; f++)
        strmap_free(z->memo[f]);
    buf_free(&z->key);
}

const char *norm_trim(const char *s, size_t *n)
{
    /* ASCII blanks, no-break spaces (C2 A0) and stray byte-order marks (EF BB BF). */
    for (;;) {
        if (*n && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
            s++, (*n)--;
        else if (*n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA0)
            s += 2, *n -= 2;
        else if (*n >= 3 && (unsigned char)s[0] == 0xEF && (unsigned char)s[1] == 0xBB &&
                 (unsigned char)s[2] == 0xBF)
            s += 3, *n -= 3;
        else
            break;
    }
    for (;;) {
        if (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t' || s[*n - 1] == '\r' ||
                   s[*n - 1] == '\n'))
            (*n)--;
        else if (*n >= 2 && (unsigned char)s[*n - 2] == 0xC2 && (unsigned char)s[*n - 1] == 0xA0)
            *n -= 2;
        else
            break;
    }
    return s;
}

void norm_note(struct normaliser *z, int field, const char *v, size_t n, enum dq_action a,
               const char *problem)
{
    if (!dq_add(z->dq, z->file, z->line, field, v, n, a, problem))
        z->oom = true;
}

void norm_reject(struct normaliser *z, int field, const char *v, size_t n, enum dq_action a,
                 const char *problem)
{
    if (z->rejected)
        return; /* one entry per rejected row: the first reason */
    z->rejected = true;
    norm_note(z, field, v, n, a, problem);
}

const char *norm_fmt(struct normaliser *z, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(z->msg, sizeof z->msg, f, ap);
    va_end(ap);
    return z->msg;
}

/* Remembered results for values read without a problem. */
static bool memo_get(struct normaliser *z, int f, const char *s, size_t n, uint32_t *v)
{
    if (!z->memo[f])
        return false;
    long e = strmap_find(z->memo[f], s, n);
    if (e < 0)
        return false;
    *v = strmap_value(z->memo[f], e);
    return true;
}

static void memo_put(struct normaliser *z, int f, const char *s, size_t n, uint32_t v)
{
    if (!z->memo[f] && !(z->memo[f] = strmap_new()))
        return;
    if (strmap_count(z->memo[f]) < MEMO_MAX)
        strmap_intern(z->memo[f], s, n, v, NULL);
}

static bool only_dashes(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '-')
            return false;
    return true;
}

/* ---- values ----------------------------------------------------------------------------- */

/* Words that say "not known" ("desconocido", "sin dato" ...: the [yesno] unknown aliases). */
static bool unknown_word(struct normaliser *z, const char *s, size_t n)
{
    return fold_key(s, n, &z->key) && z->key.len &&
           profile_value(z->profile, V_YESNO, z->key.p, z->key.len) == YESNO_UNKNOWN;
}

/* "M" is masculino where an export writes F and M, but mujer where it writes H (hombre) or
 * V (varón) for men: M is read as male, and a file that writes both M and H or V is told
 * once. */
static void sex_letters(struct normaliser *z, int f, const char *s, size_t n)
{
    if (n != 1 || z->sex_letters & SEX_TOLD)
        return;
    char c = (char)(s[0] | 0x20);
    z->sex_letters |= c == 'm' ? SEX_M : c == 'h' || c == 'v' ? SEX_HV : 0;
    if ((z->sex_letters & (SEX_M | SEX_HV)) != (SEX_M | SEX_HV))
        return;
    z->sex_letters |= SEX_TOLD;
    norm_note(z, f, s, n, DQ_COUNTED_AS_GIVEN,
              "this file writes both M and H or V: M is read as male (masculino), so if it "
              "means mujer here women are counted as men");
}

void norm_required(struct normaliser *z, int f, size_t n)
{
    if (!n)
        norm_reject(z, f, "", 0, DQ_REJECTED, "empty: this field is required");
}

unsigned norm_value(struct normaliser *z, int f, const char *s, size_t n)
{
    enum vocab_id v = fields[f].vocab;
    const struct vocab *vc = &vocabs[v];
    unsigned result = vc->multi ? 0 : (unsigned)vc->ncodes;
    uint32_t m;
    if (v == V_SEX)
        sex_letters(z, f, s, n);
    if (n && memo_get(z, f, s, n, &m))
        return m;
    bool clean = true;
    for (size_t i = 0; i < n;) {
        size_t j = vc->multi ? i : n;
        while (j < n && s[j] != ';')
            j++;
        size_t k = j - i;
        const char *item = norm_trim(s + i, &k);
        i = j + 1;
        if (!k || only_dashes(item, k))
            continue;
        int code = -1;
        if (fold_key(item, k, &z->key) && z->key.len)
            code = profile_value(z->profile, v, z->key.p, z->key.len);
        if (code < 0) {
            clean = false;
            code = vc->fallback;
            norm_note(z, f, item, k, code == vc->ncodes ? DQ_KEPT_AS_UNKNOWN : DQ_KEPT_AS_OTHER,
                      norm_fmt(z, "not a known %s value", vc->name));
        }
        if (code == vc->ncodes)
            continue;
        result = vc->multi ? result | 1u << code : (unsigned)code;
    }
    if (clean && n)
        memo_put(z, f, s, n, result);
    return result;
}

unsigned norm_indicator(struct normaliser *z, int f, int code, const char *s, size_t n)
{
    if (!n)
        return 0;
    int yes = -1;
    if (fold_key(s, n, &z->key) && z->key.len)
        yes = profile_value(z->profile, V_YESNO, z->key.p, z->key.len);
    if (yes == YES)
        return 1u << code;
    if (yes != NO && yes != YESNO_UNKNOWN)
        norm_note(z, f, s, n, DQ_KEPT_AS_UNKNOWN, "indicator column is not 0/1 or yes/no");
    return 0;
}

/* Three capitals that name a region in ISO 3166-2:PE without its "PE-" (ARE Arequipa, CUS
 * Cusco): in a place field that region, before an ISO 3166-1 country (ARE is also the United
 * Arab Emirates). True with *p set when s is one. */
static bool region_abbreviation(const struct normaliser *z, const char *s, size_t n,
                                struct place *p)
{
    if (n != 3)
        return false;
    char code[6] = "PE-";
    for (size_t i = 0; i < 3; i++) {
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
        code[3 + i] = s[i];
    }
    *p = places_resolve(z->places, code, sizeof code);
    return p->status == PLACE_OK && p->code >= 1 && p->code <= NREGIONS;
}

struct place norm_place(struct normaliser *z, int f, const char *s, size_t n,
                        enum place_use use)
{
    struct place p;
    uint32_t m;
    if (n && memo_get(z, f, s, n, &m)) {
        p.code = (uint16_t)m;
        p.province = (uint8_t)(m >> 16);
        p.status = PLACE_OK;
        return p;
    }
    if (!region_abbreviation(z, s, n, &p))
        p = places_resolve(z->places, s, n);
    if (p.status != PLACE_OK && p.status != PLACE_BLANK && unknown_word(z, s, n)) {
        p.status = PLACE_BLANK;
        p.code = PLACE_UNKNOWN;
    }
    const char *problem = NULL;
    switch (p.status) {
    case PLACE_OK:
        if (p.code >= PLACE_FOREIGN && use != USE_ROUTE)
            problem = norm_fmt(z, "a place abroad (%s): no region of Peru",
                          places_name(z->places, p.code));
        else if (use == USE_CITY && !p.province)
            problem = "names a region, not a city";
        break;
    case PLACE_BLANK:
        return p;
    case PLACE_UNRECOGNISED:
        problem = "not a known place (region, province, city, ubigeo code or country)";
        break;
    case PLACE_AMBIGUOUS: {
        char where[200];
        places_ambiguity(z->places, s, n, where, sizeof where);
        problem = norm_fmt(z, "ambiguous: a place in %s; add the region after a comma", where);
        break;
    }
    case PLACE_NO_REGION:
        problem = "names only the country: no region";
        break;
    }
    if (problem) {
        norm_note(z, f, s, n, DQ_KEPT_AS_UNKNOWN, problem);
        p.code = PLACE_UNKNOWN;
        p.province = 0;
        return p;
    }
    memo_put(z, f, s, n, (uint32_t)p.code | (uint32_t)p.province << 16);
    return p;
}

struct route_key norm_route(struct normaliser *z, const char *origin, size_t norigin,
                            const char *destination, size_t ndestination, const char *s,
                            size_t n)
{
    struct route_key k = {0};
    k.origin = norm_place(z, F_ORIGIN, origin, norigin, USE_ROUTE).code;
    k.destination = norm_place(z, F_DESTINATION, destination, ndestination, USE_ROUTE).code;
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ';')
            j++;
        size_t m = j - i;
        const char *part = norm_trim(s + i, &m);
        i = j + 1;
        if (!m)
            continue;
        if (k.ntransit == MAX_TRANSIT) {
            norm_note(z, F_TRANSIT, s, n, DQ_KEPT_AS_UNKNOWN,
                      norm_fmt(z, "more than %d transit places: the rest are left out",
                               MAX_TRANSIT));
            break;
        }
        uint16_t code = norm_unknown_code(z, F_TRANSIT, part, m)
                            ? PLACE_UNKNOWN
                            : norm_place(z, F_TRANSIT, part, m, USE_ROUTE).code;
        /* Routes are between regions: a stop in the region just left adds nothing. */
        uint16_t prev = k.ntransit ? k.transit[k.ntransit - 1] : k.origin;
        if (code == PLACE_UNKNOWN || code != prev)
            k.transit[k.ntransit++] = code;
    }
    while (k.ntransit && k.transit[k.ntransit - 1] != PLACE_UNKNOWN &&
           k.transit[k.ntransit - 1] == k.destination)
        k.ntransit--;
    return k;
}

int norm_country(struct normaliser *z, int f, const char *s, size_t n)
{
    /* Several citizenships: the first counts. */
    const char *semi = memchr(s, ';', n);
    if (semi) {
        n = (size_t)(semi - s);
        s = norm_trim(s, &n);
    }
    if (!n || only_dashes(s, n) || norm_unknown_code(z, f, s, n))
        return -1;
    uint32_t m;
    if (memo_get(z, f, s, n, &m))
        return (int)m;
    int c = places_country(z->places, s, n);
    if (c < 0) {
        if (!unknown_word(z, s, n))
            norm_note(z, f, s, n, DQ_KEPT_AS_UNKNOWN, "not a known country or nationality");
        return -1;
    }
    memo_put(z, f, s, n, (uint32_t)c);
    return c;
}

bool norm_unknown_code(struct normaliser *z, int f, const char *s, size_t n)
{
    if (!n || !z->unknown_longest[f])
        return false;
    /* A key keeps every ASCII letter and digit: text with more of them than the longest code
     * is none, and is not folded (most values, on every row). */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        kept += (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if (kept > z->unknown_longest[f])
            return false;
    }
    if (!fold_key(s, n, &z->key) || !profile_unknown(z->profile, f, z->key.p, z->key.len))
        return false;
    enum field_type t = fields[f].type;
    if (t != T_COUNTRY && t != T_PLACE && t != T_PLACES)
        return true;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return true;
    int c = places_country(z->places, s, n);
    if (c >= 0)
        norm_note(z, f, s, n, DQ_KEPT_AS_UNKNOWN,
                  norm_fmt(z, "read as not known (the profile's [unknown] codes), not as the ISO "
                              "code of %s: write the country's name",
                           places_country_info(z->places, c)->name));
    return true;
}

/* A date's problem: a warning (optional) or the row rejected (required). */
static void date_note(struct normaliser *z, int f, const char *s, size_t n, bool required,
                      enum date_status st)
{
    if (st == DATE_OK || (st == DATE_EMPTY && !required))
        return;
    if (!required)
        norm_note(z, f, s, n, DQ_KEPT_AS_UNKNOWN, date_problem(st));
    else if (st == DATE_EMPTY)
        norm_required(z, f, 0);
    else
        norm_reject(z, f, s, n, DQ_REJECTED, date_problem(st));
}

tp_date norm_date(struct normaliser *z, int f, const char *s, size_t n, bool required)
{
    tp_date d;
    date_note(z, f, s, n, required, date_parse_order(s, n, profile_dates(z->profile), &d));
    return d;
}

struct date_span norm_date_span(struct normaliser *z, int f, const char *s, size_t n)
{
    struct date_span sp;
    enum date_status st = date_parse_span(s, n, profile_dates(z->profile), &sp);
    date_note(z, f, s, n, true, st);
    return sp;
}

struct date_span norm_year_month(struct normaliser *z, const char *ys, size_t ny,
                                 const char *ms, size_t nm)
{
    struct date_span sp = {0};
    int year, month = 0;
    enum date_status st = date_parse_year(ys, ny, &year);
    date_note(z, F_REPORTED_YEAR, ys, ny, true, st);
    if (st != DATE_OK)
        return sp;
    if (nm) {
        const char *key = fold_key(ms, nm, &z->key) ? z->key.p : NULL;
        st = date_parse_month(ms, nm, key, &month);
        date_note(z, F_REPORTED_MONTH, ms, nm, true, st);
        if (st != DATE_OK)
            return sp;
    }
    date_span_of(year, month, &sp);
    return sp;
}

struct age norm_age(struct normaliser *z, const char *s, size_t n, const char *birth_s,
                    size_t nbirth, tp_date reported_on)
{
    struct age a;
    if (only_dashes(s, n))
        n = 0; /* "-", "--": the birth date decides */
    enum age_status st = age_parse(s, n, &a);
    /* "17 AÑOS", "NIÑA": the parser ignores the case of ASCII letters only. */
    if (st == AGE_BAD && has_high_bytes(s, n) && fold_case(s, n, &z->key))
        st = age_parse(z->key.p, z->key.len, &a);
    switch (st) {
    case AGE_OK:
        return a;
    case AGE_BAD:
        if (unknown_word(z, s, n))
            return a;
        norm_note(z, F_AGE, s, n, DQ_KEPT_AS_UNKNOWN,
                  "not an age: whole years 0-110 or a band such as 9-17 or 48+");
        return a;
    case AGE_RANGE:
        norm_note(z, F_AGE, s, n, DQ_KEPT_AS_UNKNOWN, "above 110 years");
        return a;
    case AGE_EMPTY:
        break;
    }
    tp_date birth = norm_date(z, F_BIRTH_DATE, birth_s, nbirth, false);
    if (!birth || !reported_on)
        return a;
    int years = date_full_years(birth, reported_on);
    s = birth_s;
    n = nbirth;
    if (years < 0)
        norm_note(z, F_BIRTH_DATE, s, n, DQ_KEPT_AS_UNKNOWN,
                  "after the date the case was reported");
    else if (years > AGE_MAX)
        norm_note(z, F_BIRTH_DATE, s, n, DQ_KEPT_AS_UNKNOWN,
                  "more than 110 years before the report");
    else
        a.lo = a.hi = (short)years;
    return a;
}

struct age norm_minor_word(struct normaliser *z, const char *s, size_t n)
{
    struct age a = {-1, -1};
    bool folded = has_high_bytes(s, n) && fold_case(s, n, &z->key);
    if (n && age_parse(folded ? z->key.p : s, folded ? z->key.len : n, &a) == AGE_OK &&
        a.lo == 0 && a.hi == 17)
        return a;
    a.lo = a.hi = -1;
    return a;
}

double norm_number(struct normaliser *z, int f, const char *s, size_t n)
{
    if (!n || only_dashes(s, n))
        return -1;
    char tmp[32];
    bool ok = n < sizeof tmp;
    size_t dots = 0;
    for (size_t i = 0; ok && i < n; i++) {
        char c = s[i] == ',' ? '.' : s[i]; /* Spanish decimal comma */
        dots += c == '.';
        ok = (c >= '0' && c <= '9') || (c == '.' && dots == 1 && i > 0 && i + 1 < n);
        tmp[i] = c;
    }
    double v = -1;
    if (ok) {
        tmp[n] = '\0';
        v = strtod(tmp, NULL);
    }
    if (!ok || v > 99) {
        norm_note(z, f, s, n, DQ_KEPT_AS_UNKNOWN, "not a number of years from 0 to 99");
        return -1;
    }
    return v;
}

uint32_t norm_weight(struct normaliser *z, const char *s, size_t n)
{
    if (!n) {
        norm_note(z, F_WEIGHT, "", 0, DQ_KEPT_AS_UNKNOWN, "empty: counts as 0");
        return 0;
    }
    uint32_t w = 0;
    bool ok = n <= 9;
    for (size_t i = 0; ok && i < n; i++) {
        ok = s[i] >= '0' && s[i] <= '9';
        w = w * 10 + (uint32_t)(s[i] - '0');
    }
    if (!ok) {
        norm_reject(z, F_WEIGHT, s, n, DQ_REJECTED,
                    "not a count: a whole number of records from 0 (at most 999999999)");
        return 0;
    }
    return w;
}
