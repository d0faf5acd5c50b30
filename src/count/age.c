/* age.c: age parsing into intervals, and classification into bands and minor/adult. */
#include "count/age.h"

#include <stdio.h>
#include <string.h>

static size_t skip_spaces(const char *s, size_t n, size_t i)
{
    while (i < n && (s[i] == ' ' || s[i] == '\t'))
        i++;
    return i;
}

/* Case-insensitive ASCII prefix match of word at s+i; returns length matched or 0. */
static size_t word(const char *s, size_t n, size_t i, const char *w)
{
    size_t k = strlen(w);
    if (i + k > n)
        return 0;
    for (size_t j = 0; j < k; j++) {
        char c = s[i + j];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != w[j])
            return 0;
    }
    return k;
}

/* Reads a whole number of at most 3 digits (longer runs are not ages). */
static size_t number(const char *s, size_t n, size_t i, int *v)
{
    size_t k = 0;
    *v = 0;
    while (i + k < n && s[i + k] >= '0' && s[i + k] <= '9') {
        if (k == 3)
            return 0;
        *v = *v * 10 + (s[i + k] - '0');
        k++;
    }
    return k;
}

/* Optional unit after a number: "años", "anos", "año", "years", "yrs". */
static size_t unit(const char *s, size_t n, size_t i)
{
    static const char *const units[] = {"a\xc3\xb1os", "a\xc3\xb1o", "anos", "ano", "years",
                                        "year", "yrs"};
    size_t j = skip_spaces(s, n, i);
    for (size_t u = 0; u < sizeof units / sizeof *units; u++) {
        size_t k = word(s, n, j, units[u]);
        if (k)
            return j + k - i;
    }
    return 0;
}

/* The words for "a minor" and "an adult", whole (ASCII case ignored): an age interval. */
static bool age_word(const char *s, size_t n, struct age *out)
{
    static const struct {
        const char *w;
        short lo, hi;
    } words[] = {{"minor", 0, 17},       {"menor", 0, 17},       {"menor de edad", 0, 17},
                 {"adult", 18, AGE_MAX}, {"adulto", 18, AGE_MAX}, {"adulta", 18, AGE_MAX},
                 {"mayor de edad", 18, AGE_MAX},
                 /* Peru's law calls niño a child under 12, but exports write niña and niño
                  * for any minor: the band 0-17. */
                 {"ni\xc3\xb1" "a", 0, 17}, {"ni\xc3\xb1o", 0, 17}, {"nina", 0, 17},
                 {"nino", 0, 17}};
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (strlen(words[i].w) == n && word(s, n, 0, words[i].w)) {
            out->lo = words[i].lo;
            out->hi = words[i].hi;
            return true;
        }
    return false;
}

enum age_status age_parse(const char *s, size_t n, struct age *out)
{
    out->lo = out->hi = -1;
    size_t i = skip_spaces(s, n, 0);
    while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (i == n)
        return AGE_EMPTY;
    if (age_word(s + i, n - i, out))
        return AGE_OK;
    size_t k;
    /* A label before the band: "Age 9-17", "Edad 12", "De 18 a 29 años". */
    if ((k = word(s, n, i, "age")) || (k = word(s, n, i, "edad")) || (k = word(s, n, i, "de ")))
        i = skip_spaces(s, n, i + k);
    int lo, hi;
    k = number(s, n, i, &lo);
    if (!k)
        return AGE_BAD;
    i += k;
    i += unit(s, n, i);
    i = skip_spaces(s, n, i);
    if (i == n) {
        if (lo > AGE_MAX)
            return AGE_RANGE;
        out->lo = out->hi = (short)lo;
        return AGE_OK;
    }
    /* An open band: "48+", "48 o más", "48 y más", "60 a más", "48 or more". */
    if (s[i] == '+' || (k = word(s, n, i, "o m\xc3\xa1s")) || (k = word(s, n, i, "y m\xc3\xa1s")) ||
        (k = word(s, n, i, "a m\xc3\xa1s")) || (k = word(s, n, i, "o mas")) ||
        (k = word(s, n, i, "y mas")) || (k = word(s, n, i, "a mas")) ||
        (k = word(s, n, i, "or more"))) {
        i = s[i] == '+' ? i + 1 : i + k;
        i += unit(s, n, i);
        if (skip_spaces(s, n, i) != n)
            return AGE_BAD;
        if (lo > AGE_MAX)
            return AGE_RANGE;
        out->lo = (short)lo;
        out->hi = AGE_MAX;
        return AGE_OK;
    }
    /* A closed band: "9-17", "9--17", "9 a 17", "9 to 17", en dash. */
    if (s[i] == '-') {
        while (i < n && s[i] == '-')
            i++;
    } else if ((k = word(s, n, i, "\xe2\x80\x93")) || (k = word(s, n, i, "a ")) ||
               (k = word(s, n, i, "to "))) {
        i += k;
    } else {
        return AGE_BAD;
    }
    i = skip_spaces(s, n, i);
    k = number(s, n, i, &hi);
    if (!k)
        return AGE_BAD;
    i += k;
    i += unit(s, n, i);
    if (skip_spaces(s, n, i) != n)
        return AGE_BAD;
    if (lo > hi)
        return AGE_BAD;
    if (hi > AGE_MAX)
        return AGE_RANGE;
    out->lo = (short)lo;
    out->hi = (short)hi;
    return AGE_OK;
}

enum minor age_minor(struct age a)
{
    if (a.lo < 0)
        return MINOR_UNKNOWN;
    if (a.hi < 18)
        return MINOR_YES;
    if (a.lo >= 18)
        return MINOR_NO;
    return MINOR_UNKNOWN;
}

const char *age_band_name(const struct age_bands *b, int band)
{
    return band < b->n ? b->label[band] : "unknown";
}

void age_bands_format(const struct age_bands *b, char *out, size_t size)
{
    size_t k = 0;
    out[0] = '\0';
    for (int i = 0; i < b->n && k < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%s%s", i ? ", " : "", b->label[i]);
}

/* The presets --age-bands and age_bands take by name (docs: README, report-tables.md). */
static const struct {
    const char *name, *bands;
} presets[] = {
    {"default", "0-17,18-30,31+"},                 /* tipreport's own */
    {"inei", "0-5,6-11,12-17,18-29,30-59,60+"},     /* Peru's published tables (INEI, MININTER) */
    {"unodc", "0-17,18+"},                          /* UNODC's children and adults */
};

void age_bands_default(struct age_bands *out)
{
    char why[8];
    age_bands_parse(presets[0].name, out, why, sizeof why);
}

/* A preset's bands, or spec itself when it names none; NULL for a word that is no band and
 * names no preset (with *why). */
static const char *preset(const char *spec, char *why, size_t whysize)
{
    size_t n = strlen(spec);
    while (n && spec[n - 1] == ' ')
        n--;
    while (n && *spec == ' ')
        spec++, n--;
    bool digits = false;
    for (size_t i = 0; i < n; i++)
        digits = digits || (spec[i] >= '0' && spec[i] <= '9');
    if (digits)
        return spec;
    for (size_t i = 0; i < sizeof presets / sizeof *presets; i++)
        if (strlen(presets[i].name) == n && strncmp(spec, presets[i].name, n) == 0)
            return presets[i].bands;
    snprintf(why, whysize, "'%.*s' is not a preset (default, inei, unodc) nor bands such as "
             "0-17,18+", (int)n, spec);
    return NULL;
}

bool age_bands_parse(const char *spec, struct age_bands *out, char *why, size_t whysize)
{
    memset(out, 0, sizeof *out);
    if (!(spec = preset(spec, why, whysize)))
        return false;
    const char *p = spec;
    int next = 0; /* the first age not yet covered */
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!*p)
            break;
        const char *e = p;
        while (*e && *e != ',')
            e++;
        struct age a;
        size_t len = (size_t)(e - p);
        if (age_parse(p, len, &a) != AGE_OK || a.lo == a.hi) {
            snprintf(why, whysize, "'%.*s' is not a band such as 18-30 or 31+", (int)len, p);
            return false;
        }
        if (out->n == MAX_BANDS) {
            snprintf(why, whysize, "more than %d bands", MAX_BANDS);
            return false;
        }
        if (a.lo != next) {
            snprintf(why, whysize, "band '%.*s' should start at %d (bands run from 0 without gaps)",
                     (int)len, p, next);
            return false;
        }
        out->lo[out->n] = a.lo;
        out->hi[out->n] = a.hi;
        /* lo, hi are 0..110, so labels fit. */
        if (a.hi == AGE_MAX)
            snprintf(out->label[out->n], sizeof out->label[0], "%u+", (unsigned)a.lo % 1000);
        else
            snprintf(out->label[out->n], sizeof out->label[0], "%u-%u", (unsigned)a.lo % 1000,
                     (unsigned)a.hi % 1000);
        out->n++;
        next = a.hi + 1;
        p = e;
    }
    if (out->n == 0 || next != AGE_MAX + 1) {
        snprintf(why, whysize, "bands must cover 0 to %d: end with an open band such as 31+",
                 AGE_MAX);
        return false;
    }
    return true;
}

int age_band(const struct age_bands *b, struct age a)
{
    if (a.lo < 0)
        return b->n;
    for (int i = 0; i < b->n; i++)
        if (a.lo >= b->lo[i] && a.hi <= b->hi[i])
            return i;
    return b->n;
}

/* A band of want is a union of have's when it starts where one of have's starts and ends where
 * one of have's ends: both cover every age once. */
int age_bands_union_of(const struct age_bands *want, const struct age_bands *have)
{
    for (int i = 0; i < want->n; i++) {
        bool lo = false, hi = false;
        for (int k = 0; k < have->n; k++) {
            lo = lo || have->lo[k] == want->lo[i];
            hi = hi || have->hi[k] == want->hi[i];
        }
        if (!lo || !hi)
            return i;
    }
    return -1;
}
