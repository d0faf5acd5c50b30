/* ingest.c: each export file's rows, normalised into records and handed on to counting. */
#include "read/ingest.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/header.h"
#include "read/indicator_rows.h"
#include "read/normalise.h"
#include "read/rowqueue.h"
#include "util/fold.h"
#include "util/strmap.h"

/* Rows come through rowqueue (parsed on a second thread); ids link victims and suspects to
 * their cases; records go to the counting stage through intake.h only. */
/* A case's row, and its suspects (those the suspects file names, and those convicted). */
struct case_note {
    uint32_t line;
    uint32_t status_word;         /* its status as the file wrote it: an entry of status_words */
    uint16_t suspects, convicted; /* saturate at UINT16_MAX */
};

struct run {
    const struct ingest_opts *o;
    struct agg *agg;
    struct quality *dq;
    struct strmap *case_ids;       /* case_id -> index into cases */
    struct case_rec *cases;
    struct case_note *notes; /* of each case, for the checks once every file is read */
    size_t ncases, cases_cap;
    int cases_file; /* in dq: the file of the cases (or the flat file) */
    struct strmap *rejected_cases; /* case_id -> line where it was rejected (| FILTERED) */
    struct strmap *victim_ids, *suspect_ids; /* id -> line of the first */
    struct strmap *status_words; /* the cases' status cells as written, once each */
    bool oom;
};

#define FILTERED (1u << 31) /* in rejected_cases: filtered out, not rejected */

struct reader {
    struct run *run;
    enum file_kind kind;
    const char *path;
    struct csvfile *csv;
    const struct csv_row *row;
    struct header_map h;
    struct normaliser z; /* z.line and z.rejected: the current row's */
    struct dq_file *df;  /* the file's counts */
    struct ir_groups groups; /* an indicator-shaped file's groups */
    uint32_t status_word;    /* a case row's status cell (case_note.status_word) */
};

/* The trimmed text of field f in the current row as written: the profile's constant for
 * the field, or "" when the column is absent. */
static const char *raw_cell(const struct reader *r, int f, size_t *n)
{
    int c = r->h.col[f];
    if (c < 0 || (size_t)c >= r->row->nfields) {
        const char *k = profile_constant(r->run->o->profile, f);
        *n = k ? strlen(k) : 0;
        return k ? k : "";
    }
    *n = r->row->len[c];
    return norm_trim(r->row->field[c], n);
}

/* The value of field f: its raw text, or "" when the profile lists it as meaning unknown. */
static const char *cell(struct reader *r, int f, size_t *n)
{
    const char *s = raw_cell(r, f, n);
    if (norm_unknown_code(&r->z, f, s, *n))
        *n = 0;
    return *n ? s : "";
}

/* Whether the current row passes the profile's filters (a filter on a column this file lacks
 * passes every row). */
static bool row_kept(struct reader *r)
{
    for (size_t i = 0; i < r->h.nfilters; i++) {
        size_t c = r->h.filter_col[i];
        if (c == SIZE_MAX)
            continue;
        size_t n = c < r->row->nfields ? r->row->len[c] : 0;
        const char *s = norm_trim(n ? r->row->field[c] : "", &n);
        const struct profile_filter *f = profile_filter(r->run->o->profile, i);
        if (!n || !fold_key(s, n, &r->z.key) || !profile_filter_keeps(f, r->z.key.p, r->z.key.len))
            return false;
    }
    return true;
}

/* The bits set by the 0/1 indicator columns of multi-valued field f. */
static unsigned indicators(struct reader *r, int f)
{
    unsigned mask = 0;
    for (size_t i = 0; i < r->h.nind; i++) {
        const struct indicator *in = &r->h.ind[i];
        if (in->field != f || in->col >= r->row->nfields)
            continue;
        size_t n = r->row->len[in->col];
        const char *s = norm_trim(r->row->field[in->col], &n);
        mask |= norm_indicator(&r->z, f, in->code, s, n);
    }
    return mask;
}

static unsigned value_field(struct reader *r, int f)
{
    size_t n;
    const char *s = cell(r, f, &n);
    return norm_value(&r->z, f, s, n);
}

static int country_field(struct reader *r, int f)
{
    size_t n;
    const char *s = cell(r, f, &n);
    return norm_country(&r->z, f, s, n);
}

static tp_date date_field(struct reader *r, int f, bool required)
{
    size_t n;
    const char *s = cell(r, f, &n);
    return norm_date(&r->z, f, s, n, required);
}

static double number_field(struct reader *r, int f)
{
    size_t n;
    const char *s = cell(r, f, &n);
    return norm_number(&r->z, f, s, n);
}

static struct place place_field(struct reader *r, int f, enum place_use use)
{
    size_t n;
    const char *s = cell(r, f, &n);
    return norm_place(&r->z, f, s, n, use);
}

/* The records the row stands for: 1 without a count column. */
static uint32_t weight_field(struct reader *r)
{
    if (r->h.col[F_WEIGHT] < 0 && !profile_constant(r->run->o->profile, F_WEIGHT))
        return 1;
    size_t n;
    const char *s = cell(r, F_WEIGHT, &n);
    return norm_weight(&r->z, s, n);
}

/* The case's region; an empty one is unknown with a warning (a file without the column has
 * one warning, at its header: see read_file). */
static int region_field(struct reader *r)
{
    size_t n;
    raw_cell(r, F_REGION, &n);
    if (!n && r->h.col[F_REGION] >= 0)
        norm_note(&r->z, F_REGION, "", 0, DQ_KEPT_AS_UNKNOWN, "empty: the region is unknown");
    return place_field(r, F_REGION, USE_REGION).code;
}

/* A required text field (an id): rejects the row when empty. */
static const char *required_id(struct reader *r, int f, size_t *n)
{
    const char *s = cell(r, f, n);
    norm_required(&r->z, f, *n);
    return s;
}

/* ---- rows ------------------------------------------------------------------------------- */

/* Problems of the record itself, before any field is read. */
static bool row_readable(struct reader *r)
{
    const struct csv_row *row = r->row;
    struct normaliser *z = &r->z;
    switch (row->problem) {
    case ROW_OK:
        break;
    case ROW_BAD_BYTES:
        norm_reject(z, -1, "", 0, DQ_REJECTED,
                    norm_fmt(z, "column %zu holds bytes that are neither UTF-8 nor Windows-1252",
                             row->problem_column + 1));
        return false;
    case ROW_NUL:
        norm_reject(z, -1, "", 0, DQ_REJECTED,
                    norm_fmt(z, "column %zu holds a NUL byte", row->problem_column + 1));
        return false;
    case ROW_UNTERMINATED:
        norm_reject(z, -1, "", 0, DQ_REJECTED,
                    "a quoted field is never closed: the rest of the file was read as one row");
        return false;
    case ROW_BAD_QUOTES:
        norm_reject(z, -1, "", 0, DQ_REJECTED,
                    "text after a closing quote (a quote inside a quoted field must be doubled)");
        return false;
    }
    if (row->overflow) {
        norm_reject(z, -1, "", 0, DQ_REJECTED,
                    norm_fmt(z, "%zu fields, but the header has %zu", row->nfields, r->h.ncols));
        return false;
    }
    if (row->nfields < r->h.ncols) {
        for (int f = 0; f < F_COUNT; f++)
            if (r->h.col[f] >= (int)row->nfields) {
                norm_note(z, -1, "", 0, DQ_KEPT_AS_UNKNOWN,
                          norm_fmt(z, "%zu fields, but the header has %zu: the missing ones "
                                      "read as blank",
                                   row->nfields, r->h.ncols));
                break;
            }
    }
    return true;
}

/* True when no column the profile reads holds anything. */
static bool blank_row(const struct reader *r)
{
    for (size_t c = 0; c < r->row->nfields; c++) {
        size_t n = r->row->len[c];
        if (n && (norm_trim(r->row->field[c], &n), n))
            return false;
    }
    return true;
}


/* A duplicate id is rejected; the first keeps counting. ids maps id -> line of the first. */
static bool first_id(struct reader *r, struct strmap *ids, int f, const char *s, size_t n)
{
    bool added;
    long e = strmap_intern(ids, s, n, (uint32_t)r->row->line, &added);
    if (e < 0) {
        r->run->oom = true;
        return false;
    }
    if (!added)
        norm_reject(&r->z, f, s, n, DQ_DUPLICATE_REJECTED,
                    norm_fmt(&r->z, "duplicate: the same id is on line %u",
                             strmap_value(ids, e)));
    return added;
}

/* The date a case was reported: its column, or else the year and month columns. */
static struct date_span reported_span(struct reader *r)
{
    size_t n, nm;
    const char *s = cell(r, F_REPORTED_ON, &n);
    if (r->h.col[F_REPORTED_ON] >= 0 || r->h.col[F_REPORTED_YEAR] < 0)
        return norm_date_span(&r->z, F_REPORTED_ON, s, n);
    s = cell(r, F_REPORTED_YEAR, &n);
    const char *m = cell(r, F_REPORTED_MONTH, &nm);
    return norm_year_month(&r->z, s, n, m, nm);
}

/* The case's required columns; false when the row is rejected. */
static bool case_required(struct reader *r, struct case_rec *c)
{
    memset(c, 0, sizeof *c);
    struct date_span sp = reported_span(r);
    c->reported_on = sp.first;
    c->reported_to = sp.last;
    c->precision = (uint8_t)sp.precision;
    c->weight = weight_field(r);
    return !r->z.rejected;
}

/* The rest of the case's columns (problems here are warnings). False when out of memory. */
static bool case_optional(struct reader *r, struct case_rec *c)
{
    struct run *run = r->run;
    c->region = (uint8_t)region_field(r);
    c->city = place_field(r, F_CITY, USE_CITY).province;
    size_t no, nd, nt;
    const char *o = cell(r, F_ORIGIN, &no), *d = cell(r, F_DESTINATION, &nd);
    const char *t = cell(r, F_TRANSIT, &nt);
    struct route_key k = norm_route(&r->z, o, no, d, nd, t, nt);
    long route = agg_route(run->agg, &k);
    if (route < 0) {
        run->oom = true;
        return false;
    }
    c->route = (uint32_t)route;
    c->exploitation = (uint16_t)(value_field(r, F_EXPLOITATION) | indicators(r, F_EXPLOITATION));
    c->recruitment = (uint16_t)(value_field(r, F_RECRUITMENT) | indicators(r, F_RECRUITMENT));
    c->transport = (uint8_t)(value_field(r, F_TRANSPORT) | indicators(r, F_TRANSPORT));
    c->source = (uint8_t)value_field(r, F_SOURCE);
    c->status = (uint8_t)value_field(r, F_STATUS);
    c->status_on = date_field(r, F_STATUS_ON, false);
    if (c->status_on && c->status_on < c->reported_on) { /* no time from report to status */
        size_t nso;
        const char *so = cell(r, F_STATUS_ON, &nso);
        norm_note(&r->z, F_STATUS_ON, so, nso, DQ_KEPT_AS_UNKNOWN,
                  "before the date the case was reported");
        c->status_on = 0;
    }
    size_t ns;
    const char *st = raw_cell(r, F_STATUS, &ns);
    long word = strmap_intern(run->status_words, st, ns, 0, NULL);
    if (word < 0) {
        run->oom = true;
        return false;
    }
    r->status_word = (uint32_t)word;
    c->periods = agg_periods_of_span(run->agg, c->reported_on, c->reported_to, &c->partly);
    long year = agg_year(run->agg, c->reported_on, c->reported_to, c->precision);
    if (year < 0) {
        run->oom = true;
        return false;
    }
    c->year = (uint16_t)year;
    return true;
}

static long add_case(struct reader *r, const char *id, size_t n, const struct case_rec *c)
{
    struct run *run = r->run;
    if (run->ncases == run->cases_cap) {
        size_t cap = run->cases_cap ? run->cases_cap * 2 : 1024;
        struct case_rec *nc = realloc(run->cases, cap * sizeof *nc);
        if (nc)
            run->cases = nc;
        struct case_note *nl = realloc(run->notes, cap * sizeof *nl);
        if (nl)
            run->notes = nl;
        if (!nc || !nl)
            return -1;
        run->cases_cap = cap;
    }
    size_t idx = run->ncases;
    if (id && strmap_intern(run->case_ids, id, n, (uint32_t)idx, NULL) < 0)
        return -1;
    run->notes[idx] = (struct case_note){.line = (uint32_t)r->row->line,
                                         .status_word = r->status_word};
    run->cases[run->ncases++] = *c;
    agg_case(run->agg, c);
    return (long)idx;
}

static void read_victim(struct reader *r, struct victim_rec *v, tp_date reported_on)
{
    v->sex = (uint8_t)value_field(r, F_SEX);
    size_t na, nb, ns;
    const char *age = cell(r, F_AGE, &na), *birth = cell(r, F_BIRTH_DATE, &nb);
    v->age = norm_age(&r->z, age, na, birth, nb, reported_on);
    if (v->age.lo < 0) { /* "Niña" for sex and no age: a minor */
        const char *sex = cell(r, F_SEX, &ns);
        v->age = norm_minor_word(&r->z, sex, ns);
    }
    v->nationality = (int16_t)country_field(r, F_NATIONALITY);
    v->home = place_field(r, F_HOME, USE_ROUTE).code;
    v->id_document = (uint8_t)value_field(r, F_ID_DOCUMENT);
    v->assistance = (uint16_t)(value_field(r, F_ASSISTANCE) | indicators(r, F_ASSISTANCE));
}

static void row_cases(struct reader *r)
{
    struct run *run = r->run;
    size_t n;
    const char *id = required_id(r, F_CASE_ID, &n);
    long e = r->z.rejected ? -1 : strmap_find(run->case_ids, id, n);
    if (e >= 0) {
        norm_reject(&r->z, F_CASE_ID, id, n, DQ_DUPLICATE_REJECTED,
                    norm_fmt(&r->z, "duplicate: the same case_id is on line %u",
                             run->notes[strmap_value(run->case_ids, e)].line));
        return;
    }
    struct case_rec c;
    if (r->z.rejected || !case_required(r, &c)) {
        if (n && strmap_intern(run->rejected_cases, id, n, (uint32_t)r->row->line, NULL) < 0)
            run->oom = true;
        return;
    }
    if (case_optional(r, &c) && add_case(r, id, n, &c) < 0)
        run->oom = true;
    r->df->partly_in_period += c.partly & 1;
}

static void row_victims(struct reader *r)
{
    struct run *run = r->run;
    size_t nid, ncase;
    const char *vid = required_id(r, F_VICTIM_ID, &nid);
    const char *cid = required_id(r, F_CASE_ID, &ncase);
    uint32_t weight = weight_field(r);
    if (r->z.rejected || !first_id(r, run->victim_ids, F_VICTIM_ID, vid, nid))
        return;
    long e = strmap_find(run->case_ids, cid, ncase);
    const struct case_rec *c = e >= 0 ? &run->cases[strmap_value(run->case_ids, e)] : NULL;
    struct victim_rec v;
    read_victim(r, &v, c ? c->reported_on : 0);
    v.weight = weight;
    if (!c) {
        long rej = strmap_find(run->rejected_cases, cid, ncase);
        uint32_t at = rej >= 0 ? strmap_value(run->rejected_cases, rej) : 0;
        norm_note(&r->z, F_CASE_ID, cid, ncase, DQ_NOT_IN_PERIOD_TABLES,
                  rej < 0 ? "no case with this case_id in the cases file"
                          : norm_fmt(&r->z, "its case was %s (cases file, line %u)",
                                     at & FILTERED ? "filtered out" : "rejected", at & ~FILTERED));
        agg_victim_without_case(run->agg, weight);
        return;
    }
    agg_victim(run->agg, c, &v);
}

/* One victim per row; rows that share a case_id share the case (its first row describes it),
 * and a row without case_id is a case of its own. A row with a count of N is N victims: N
 * cases of their own without case_id, else of the one case (counted once, unless N is 0). */
static void row_flat(struct reader *r)
{
    struct run *run = r->run;
    size_t ncase, nvid;
    const char *cid = cell(r, F_CASE_ID, &ncase);
    const char *vid = cell(r, F_VICTIM_ID, &nvid);
    long e = ncase ? strmap_find(run->case_ids, cid, ncase) : -1;
    struct case_rec c;
    uint32_t weight = e < 0 ? 0 : weight_field(r);
    if (e < 0 && !case_required(r, &c))
        return;
    if (r->z.rejected || (nvid && !first_id(r, run->victim_ids, F_VICTIM_ID, vid, nvid)))
        return;
    if (e < 0) {
        weight = c.weight;
        if (ncase)
            c.weight = weight > 0;
        if (!case_optional(r, &c))
            return;
        e = add_case(r, ncase ? cid : NULL, ncase, &c);
        if (e < 0) {
            run->oom = true;
            return;
        }
    } else {
        e = strmap_value(run->case_ids, e);
    }
    const struct case_rec *cr = &run->cases[e];
    r->df->partly_in_period += cr->partly & 1;
    struct victim_rec v;
    read_victim(r, &v, cr->reported_on);
    v.weight = weight;
    agg_victim(run->agg, cr, &v);
}

/* A case's status cell as its file wrote it; sets *n. */
static const char *status_word(const struct run *run, const struct case_note *cn, size_t *n)
{
    return strmap_key(run->status_words, cn->status_word, n);
}

/* A suspect convicted whose case's status is not a conviction: counted as written, and said
 * with the case's status as its file wrote it. */
static void conviction_note(struct reader *r, const struct case_note *cn)
{
    size_t n, ns;
    const char *v = cell(r, F_CONVICTED, &n);
    const char *st = status_word(r->run, cn, &ns);
    char problem[160];
    snprintf(problem, sizeof problem, "convicted, but the case's status is '%.*s'", (int)ns, st);
    if (!dq_add(r->run->dq, r->z.file, r->z.line, F_CONVICTED, v, n, DQ_COUNTED_AS_GIVEN, problem))
        r->run->oom = true;
}

static void row_suspects(struct reader *r)
{
    struct run *run = r->run;
    size_t n;
    const char *id = required_id(r, F_SUSPECT_ID, &n);
    struct suspect_rec s = {0};
    s.identified_on = date_field(r, F_IDENTIFIED_ON, true);
    s.weight = weight_field(r);
    if (r->z.rejected || !first_id(r, run->suspect_ids, F_SUSPECT_ID, id, n))
        return;
    s.sex = (uint8_t)value_field(r, F_SEX);
    s.nationality = (int16_t)country_field(r, F_NATIONALITY);
    s.detained = (uint8_t)value_field(r, F_DETAINED);
    s.prosecuted = (uint8_t)value_field(r, F_PROSECUTED);
    s.convicted = (uint8_t)value_field(r, F_CONVICTED);
    s.sentence_years = number_field(r, F_SENTENCE_YEARS);
    /* The suspect's case, when named and counted, tells its form of exploitation and region
     * (a blank or unmatched case_id leaves both unknown: the contract allows it). */
    size_t nc;
    const char *cid = cell(r, F_CASE_ID, &nc);
    long e = nc ? strmap_find(run->case_ids, cid, nc) : -1;
    if (e >= 0) {
        size_t idx = strmap_value(run->case_ids, e);
        const struct case_rec *c = &run->cases[idx];
        s.exploitation = c->exploitation;
        s.region = c->region;
        struct case_note *cn = &run->notes[idx];
        cn->suspects += cn->suspects < UINT16_MAX;
        cn->convicted += s.convicted == YES && cn->convicted < UINT16_MAX;
        if (s.convicted == YES && c->status != STATUS_CONVICTED && c->status < vocabs[V_STATUS].ncodes)
            conviction_note(r, cn);
    }
    agg_suspect(run->agg, &s);
}

/* Once the suspects are read: a case whose status is a conviction while none of its suspects
 * is convicted. False when out of memory. */
static bool check_convictions(struct run *run)
{
    for (size_t i = 0; i < run->ncases; i++) {
        const struct case_note *cn = &run->notes[i];
        if (run->cases[i].status != STATUS_CONVICTED || cn->convicted)
            continue;
        char problem[160];
        if (cn->suspects == 1)
            snprintf(problem, sizeof problem,
                     "the case's status is a conviction, but its one suspect is not convicted");
        else if (cn->suspects)
            snprintf(problem, sizeof problem,
                     "the case's status is a conviction, but none of its %u suspects is convicted",
                     (unsigned)cn->suspects);
        else
            snprintf(problem, sizeof problem,
                     "the case's status is a conviction, but the suspects file names none of its "
                     "suspects");
        size_t n;
        const char *v = status_word(run, cn, &n);
        if (!dq_add(run->dq, run->cases_file, cn->line, F_STATUS, v, n, DQ_COUNTED_AS_GIVEN,
                    problem))
            return false;
    }
    return true;
}

/* An indicator-shaped file (indicator_rows.h): the first row of a group (by its group columns'
 * values) describes its case (date, region...); every row adds its count to its indicator. The
 * groups become records once the file is read (read_rows). */
static void row_indicator(struct reader *r)
{
    const struct indicator_rows *ir = profile_indicator_rows(r->run->o->profile);
    struct buf *key = &r->groups.key;
    buf_clear(key);
    for (size_t i = 1; i < r->h.nir; i++) {
        size_t c = r->h.ir_col[i], n = c < r->row->nfields ? r->row->len[c] : 0;
        const char *s = norm_trim(n ? r->row->field[c] : "", &n);
        if (!buf_add(key, s, n) || !buf_addc(key, '\x1f'))
            r->run->oom = true;
    }
    if (r->run->oom)
        return;
    struct ir_group *g = ir_group_find(&r->groups);
    uint32_t v;
    if (!g) {
        struct case_rec c;
        if (!case_required(r, &c) || !case_optional(r, &c))
            return; /* the row is rejected; the group's next row tries again */
        if (!(g = ir_group_add(&r->groups, &c))) {
            r->run->oom = true;
            return;
        }
        r->df->partly_in_period += c.partly & 1;
        v = c.weight;
    } else {
        v = weight_field(r);
        if (r->z.rejected)
            return;
    }
    size_t c = r->h.ir_col[0], n = c < r->row->nfields ? r->row->len[c] : 0;
    const char *s = norm_trim(n ? r->row->field[c] : "", &n);
    long e = n && fold_key(s, n, &r->z.key) ? strmap_find(ir->meaning, r->z.key.p, r->z.key.len)
                                            : -1;
    if (e < 0)
        return; /* an indicator the profile does not read */
    uint32_t slot = strmap_value(ir->meaning, e);
    g->val[slot] += v;
    if (!g->line[slot])
        g->line[slot] = (uint32_t)r->row->line;
}

#define PREFETCH_AHEAD 6

/* The id lookups of a row a few rows ahead miss the cache: start loading their slots now. */
static void prefetch(const struct reader *r, const struct csv_row *ahead)
{
    if (!ahead)
        return;
    const struct run *run = r->run;
    int c = r->h.col[F_CASE_ID];
    if (c >= 0 && (size_t)c < ahead->nfields && ahead->len[c])
        strmap_prefetch(run->case_ids, ahead->field[c], ahead->len[c]);
    c = r->h.col[r->kind == K_SUSPECTS ? F_SUSPECT_ID : F_VICTIM_ID];
    if (c >= 0 && (size_t)c < ahead->nfields && ahead->len[c])
        strmap_prefetch(r->kind == K_SUSPECTS ? run->suspect_ids : run->victim_ids,
                        ahead->field[c], ahead->len[c]);
}

/* A case filtered out: its victims are told so (the line's top bit marks it). */
static void filtered(struct reader *r)
{
    size_t n;
    const char *id = r->kind == K_CASES ? cell(r, F_CASE_ID, &n) : "";
    if (r->kind == K_CASES && n &&
        strmap_intern(r->run->rejected_cases, id, n, (uint32_t)r->row->line | FILTERED, NULL) < 0)
        r->run->oom = true;
}

/* What the CSV reader saw of the whole file (data_quality.csv, the manifest). */
static void file_stats(struct dq_file *df, const struct csvfile *csv)
{
    const struct csv_stats *st = csvfile_stats(csv);
    df->charset = st->charset;
    df->delim = st->delim;
    df->lines = st->lines;
    df->recoded_fields = st->recoded_fields;
    df->size = st->size;
    snprintf(df->sha256, sizeof df->sha256, "%s", st->sha256);
}

/* The rows after the header, each handed to row_fn; they are parsed on a second thread. */
static enum tp_err read_rows(struct reader *r, struct dq_file *df, struct tp_error *err)
{
    void (*row_fn)(struct reader *) = r->h.nir                  ? row_indicator
                                      : r->kind == K_CASES      ? row_cases
                                      : r->kind == K_VICTIMS  ? row_victims
                                      : r->kind == K_SUSPECTS ? row_suspects
                                                              : row_flat;
    r->df = df;
    struct rowqueue *rq = rowqueue_start(r->csv, err);
    if (!rq)
        return err->code;
    enum tp_err rc = TP_OK;
    int k = 0;
    while (rc == TP_OK && (k = rowqueue_next(rq, &r->row, err)) == 1) {
        prefetch(r, rowqueue_peek(rq, PREFETCH_AHEAD));
        r->z.rejected = false;
        r->z.line = r->row->line;
        if (r->row->problem == ROW_OK && !r->row->overflow && blank_row(r)) {
            df->blank++;
            continue;
        }
        df->read++;
        if (header_again(&r->h, r->row, &r->z.key))
            norm_reject(&r->z, -1, "", 0, DQ_REJECTED,
                        "the header line again (two exports joined into one file?): skipped, "
                        "not a row");
        bool out = !r->z.rejected && row_readable(r) && !row_kept(r);
        if (out)
            filtered(r);
        else if (!r->z.rejected)
            row_fn(r);
        if (out)
            df->filtered++;
        else if (r->z.rejected)
            df->rejected++;
        else
            df->counted++;
        if (r->run->oom || r->z.oom)
            rc = tp_fail(err, TP_ERR_NOMEM, r->path, r->row->line, NULL, "out of memory");
    }
    if (rc == TP_OK && k < 0)
        rc = err->code;
    if (rc == TP_OK && r->h.nir &&
        !ir_flush(profile_indicator_rows(r->run->o->profile), &r->groups, r->run->agg,
                  r->run->dq, r->z.file))
        rc = tp_fail(err, TP_ERR_NOMEM, r->path, 0, NULL, "out of memory");
    if (rc == TP_OK && df->read == 0 && (r->kind == K_CASES || r->kind == K_FLAT))
        rc = tp_fail(err, TP_ERR_INPUT, r->path, 0, NULL,
                     "has a header but no rows: nothing to count");
    rowqueue_stop(rq);
    return rc;
}

static enum tp_err read_file(struct run *run, const char *path, enum file_kind kind,
                             struct tp_error *err)
{
    struct reader r = {.run = run, .kind = kind, .path = path};
    int file = quality_file(run->dq, path, kind);
    if (file < 0)
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "too many input files");
    struct dq_file *df = &run->dq->files[file];
    if (kind == K_CASES || kind == K_FLAT)
        run->cases_file = file;
    r.csv = csvfile_open(path, path, err);
    if (!r.csv)
        return err->code;
    if (run->o->progress)
        csvfile_progress(r.csv, run->o->progress, run->o->progress_ctx);
    norm_init(&r.z, run->o->profile, run->o->places, run->dq, file);
    enum tp_err rc = header_read(&r.h, r.csv, path, run->o->profile, kind, run->dq, file, err);
    if (rc == TP_OK && (kind == K_CASES || kind == K_FLAT) && r.h.col[F_REGION] < 0 &&
        !profile_constant(run->o->profile, F_REGION) &&
        !dq_add(run->dq, file, r.h.line, F_REGION, "", 0, DQ_KEPT_AS_UNKNOWN,
                "no column for this field: every row's region is unknown"))
        rc = tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
    if (rc == TP_OK)
        rc = read_rows(&r, df, err);
    file_stats(df, r.csv);
    csvfile_close(r.csv);
    norm_free(&r.z);
    header_map_free(&r.h);
    ir_groups_free(&r.groups);
    return rc;
}

enum tp_err ingest(const struct export *x, const struct ingest_opts *o, struct agg *agg,
                   struct quality *dq, struct tp_error *err)
{
    struct run run = {.o = o, .agg = agg, .dq = dq};
    enum tp_err rc = TP_OK;
    run.case_ids = strmap_new();
    run.rejected_cases = strmap_new();
    run.victim_ids = strmap_new();
    run.suspect_ids = strmap_new();
    run.status_words = strmap_new();
    if (!run.case_ids || !run.rejected_cases || !run.victim_ids || !run.suspect_ids ||
        !run.status_words)
        rc = tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    if (rc == TP_OK)
        rc = x->flat[0] ? read_file(&run, x->flat, K_FLAT, err)
                        : read_file(&run, x->cases, K_CASES, err);
    if (rc == TP_OK)
        agg_settle_periods(agg);
    if (rc == TP_OK && x->victims[0])
        rc = read_file(&run, x->victims, K_VICTIMS, err);
    if (rc == TP_OK && x->suspects[0])
        rc = read_file(&run, x->suspects, K_SUSPECTS, err);
    if (rc == TP_OK && x->suspects[0] && !run.oom && !check_convictions(&run))
        rc = tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    strmap_free(run.case_ids);
    strmap_free(run.rejected_cases);
    strmap_free(run.victim_ids);
    strmap_free(run.suspect_ids);
    strmap_free(run.status_words);
    free(run.cases);
    free(run.notes);
    return rc;
}
