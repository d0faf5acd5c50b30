/* ingest.c: export files -> header mapping -> one normalised record per row -> aggregates. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "read/ingest.h"

#include <limits.h>
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "util/buf.h"
#include "util/fold.h"
#include "read/rowqueue.h"
#include "util/strmap.h"

#define MEMO_MAX 65536 /* distinct values remembered per column */

/* ---- finding the files ------------------------------------------------------------------ */

static bool has_csv_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* The role a file name gives: 0 cases, 1 victims, 2 suspects, -1 none. */
static int role_of(const char *name)
{
    char key[256];
    size_t n = strlen(name) - 4;
    fold_key_to(name, n, key, sizeof key);
    if (!strcmp(key, "cases") || !strcmp(key, "casos"))
        return 0;
    if (!strcmp(key, "victims") || !strcmp(key, "victimas"))
        return 1;
    if (!strcmp(key, "suspects") || !strcmp(key, "tratantes"))
        return 2;
    return -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file of the folder that is a link must stay inside the folder: an export folder is what
 * the user hands over, and a link to /etc or a home folder is not part of it. */
static enum tp_err inside(const char *dir, const char *name, struct tp_error *err)
{
    char path[PATH_MAX], real[PATH_MAX], base[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return TP_OK;
    if (!realpath(path, real))
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "is a link to nothing: %s",
                       strerror(errno));
    if (!realpath(dir, base))
        return tp_fail(err, TP_ERR_INPUT, dir, 0, NULL, "cannot open: %s", strerror(errno));
    size_t n = strlen(base);
    if (strncmp(real, base, n) != 0 || real[n] != '/')
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL,
                       "is a link to a file outside the input folder (%s): copy the file in",
                       real);
    return TP_OK;
}

enum tp_err export_find(const char *input, struct export *x, struct tp_error *err)
{
    memset(x, 0, sizeof *x);
    struct stat st;
    if (stat(input, &st) != 0)
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "cannot open: %s", strerror(errno));
    if (S_ISREG(st.st_mode)) {
        snprintf(x->flat, sizeof x->flat, "%s", input);
        return TP_OK;
    }
    if (!S_ISDIR(st.st_mode))
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "is neither a file nor a folder");
    /* Paths are joined as DIR/NAME: "input/" and "input" give the same names. */
    char dir[sizeof x->cases - 256];
    size_t len = strlen(input);
    while (len > 1 && input[len - 1] == '/')
        len--;
    if (len >= sizeof dir)
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "the path is too long");
    memcpy(dir, input, len);
    dir[len] = '\0';
    input = dir;
    DIR *d = opendir(input);
    if (!d)
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "cannot open: %s", strerror(errno));
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    enum tp_err rc = TP_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !has_csv_suffix(e->d_name))
            continue;
        if (n == sizeof names / sizeof *names) {
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "holds more than 256 CSV files");
            break;
        }
        if ((rc = inside(input, e->d_name, err)) != TP_OK)
            break;
        if (!(names[n++] = strdup(e->d_name))) {
            rc = tp_fail(err, TP_ERR_NOMEM, input, 0, NULL, "out of memory");
            break;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    char *role[3] = {x->cases, x->victims, x->suspects};
    const char *others[256];
    size_t nothers = 0;
    for (size_t i = 0; i < n && rc == TP_OK; i++) {
        int r = role_of(names[i]);
        if (r < 0) {
            others[nothers++] = names[i];
            continue;
        }
        if (role[r][0]) {
            const char *prev = strrchr(role[r], '/') + 1;
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "both %s and %s hold the %s: keep one", prev, names[i],
                         r == 0 ? "cases" : r == 1 ? "victims" : "suspects");
            break;
        }
        snprintf(role[r], sizeof x->cases, "%s/%s", input, names[i]);
    }
    if (rc == TP_OK) {
        if (x->cases[0] && !x->victims[0])
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "has cases but no victims file (victims.csv or victimas.csv)");
        else if (x->victims[0] && !x->cases[0])
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "has victims but no cases file (cases.csv or casos.csv); a flat "
                         "export is one file of its own name");
        else if (!x->victims[0] && nothers == 1)
            snprintf(x->flat, sizeof x->flat, "%s/%s", input, others[0]);
        else if (!x->victims[0] && nothers == 0)
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "holds no export: expected cases.csv and victims.csv (suspects.csv "
                         "optional), or one flat CSV file");
        else if (!x->victims[0])
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "holds %zu CSV files and none is named cases, victims or suspects: "
                         "name them, or give the flat file itself", nothers);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

/* ---- reading ---------------------------------------------------------------------------- */

struct run {
    const struct ingest_opts *o;
    struct agg *agg;
    struct quality *dq;
    struct strmap *case_ids;       /* case_id -> index into cases */
    struct case_rec *cases;
    uint32_t *case_line; /* line of each case's row */
    size_t ncases, cases_cap;
    struct strmap *rejected_cases; /* case_id -> line where it was rejected */
    struct strmap *victim_ids, *suspect_ids; /* id -> line of the first */
    bool oom;
};

struct indicator {
    size_t col;
    int field, code;
};

struct reader {
    struct run *run;
    enum file_kind kind;
    int file; /* in dq */
    const char *path;
    struct csvfile *csv;
    const struct csv_row *row;
    long header_line;
    int col[F_COUNT]; /* column of each field, -1 absent */
    size_t ncols;
    struct indicator *ind;
    size_t nind;
    struct strmap *memo[F_COUNT];
    struct buf key;
    char msg[600];
    bool rejected; /* the current row */
};

static const char *trimmed(const char *s, size_t *n)
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

/* The trimmed value of field f in the current row: "" when the column is absent. */
static const char *cell(const struct reader *r, int f, size_t *n)
{
    int c = r->col[f];
    if (c < 0 || (size_t)c >= r->row->nfields) {
        *n = 0;
        return "";
    }
    *n = r->row->len[c];
    return trimmed(r->row->field[c], n);
}

static void note(struct reader *r, int field, const char *v, size_t n, enum dq_action a,
                 const char *problem)
{
    if (!dq_add(r->run->dq, r->file, r->row->line, field, v, n, a, problem))
        r->run->oom = true;
}

static void reject(struct reader *r, int field, const char *v, size_t n, enum dq_action a,
                   const char *problem)
{
    if (r->rejected)
        return; /* one entry per rejected row: the first reason */
    r->rejected = true;
    note(r, field, v, n, a, problem);
}

/* A message built for one note; valid until the next fmt(). */
static const char *fmt(struct reader *r, const char *f, ...) __attribute__((format(printf, 2, 3)));
static const char *fmt(struct reader *r, const char *f, ...)
{
    va_list ap;
    va_start(ap, f);
    vsnprintf(r->msg, sizeof r->msg, f, ap);
    va_end(ap);
    return r->msg;
}

/* Remembered results for values read without a problem. */
static bool memo_get(struct reader *r, int f, const char *s, size_t n, uint32_t *v)
{
    if (!r->memo[f])
        return false;
    long e = strmap_find(r->memo[f], s, n);
    if (e < 0)
        return false;
    *v = strmap_value(r->memo[f], e);
    return true;
}

static void memo_put(struct reader *r, int f, const char *s, size_t n, uint32_t v)
{
    if (!r->memo[f] && !(r->memo[f] = strmap_new()))
        return;
    if (strmap_count(r->memo[f]) < MEMO_MAX)
        strmap_intern(r->memo[f], s, n, v, NULL);
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
static bool unknown_word(struct reader *r, const char *s, size_t n)
{
    return fold_key(s, n, &r->key) && r->key.len &&
           profile_value(r->run->o->profile, V_YESNO, r->key.p, r->key.len) == YESNO_UNKNOWN;
}

/* A value-set field: the code (single) or the mask of codes (multi); unknown is ncodes (single)
 * or 0 (multi). Unrecognised words become the value set's fallback, with a warning. */
static unsigned value_field(struct reader *r, int f)
{
    enum vocab_id v = fields[f].vocab;
    const struct vocab *vc = &vocabs[v];
    size_t n;
    const char *s = cell(r, f, &n);
    unsigned result = vc->multi ? 0 : (unsigned)vc->ncodes;
    uint32_t m;
    if (n && memo_get(r, f, s, n, &m))
        return m;
    bool clean = true;
    for (size_t i = 0; i < n;) {
        size_t j = vc->multi ? i : n;
        while (j < n && s[j] != ';')
            j++;
        size_t k = j - i;
        const char *item = trimmed(s + i, &k);
        i = j + 1;
        if (!k || only_dashes(item, k))
            continue;
        int code = -1;
        if (fold_key(item, k, &r->key) && r->key.len)
            code = profile_value(r->run->o->profile, v, r->key.p, r->key.len);
        if (code < 0) {
            clean = false;
            code = vc->fallback;
            note(r, f, item, k, code == vc->ncodes ? DQ_KEPT_AS_UNKNOWN : DQ_KEPT_AS_OTHER,
                 fmt(r, "not a known %s value", vc->name));
        }
        if (code == vc->ncodes)
            continue;
        result = vc->multi ? result | 1u << code : (unsigned)code;
    }
    if (clean && n)
        memo_put(r, f, s, n, result);
    return result;
}

/* Sets the bits of the 0/1 indicator columns of multi-valued field f. */
static unsigned indicators(struct reader *r, int f)
{
    unsigned mask = 0;
    for (size_t i = 0; i < r->nind; i++) {
        if (r->ind[i].field != f || r->ind[i].col >= r->row->nfields)
            continue;
        size_t n = r->row->len[r->ind[i].col];
        const char *s = trimmed(r->row->field[r->ind[i].col], &n);
        if (!n)
            continue;
        int yes = -1;
        if (fold_key(s, n, &r->key) && r->key.len)
            yes = profile_value(r->run->o->profile, V_YESNO, r->key.p, r->key.len);
        if (yes == YES)
            mask |= 1u << r->ind[i].code;
        else if (yes != NO && yes != YESNO_UNKNOWN)
            note(r, f, s, n, DQ_KEPT_AS_UNKNOWN, "indicator column is not 0/1 or yes/no");
    }
    return mask;
}

enum place_use { USE_REGION, USE_CITY, USE_ROUTE };

/* A place field, as its use needs it: a region code (or a foreign place's code for routes),
 * or for cities the province. Problems: unknown (0) with a warning. */
static struct place place_field(struct reader *r, int f, const char *s, size_t n,
                                enum place_use use)
{
    struct place p;
    uint32_t m;
    if (n && memo_get(r, f, s, n, &m)) {
        p.code = (uint16_t)m;
        p.province = (uint8_t)(m >> 16);
        p.status = PLACE_OK;
        return p;
    }
    p = places_resolve(r->run->o->places, s, n);
    if (p.status != PLACE_OK && p.status != PLACE_BLANK && unknown_word(r, s, n)) {
        p.status = PLACE_BLANK;
        p.code = PLACE_UNKNOWN;
    }
    const char *problem = NULL;
    switch (p.status) {
    case PLACE_OK:
        if (p.code >= PLACE_FOREIGN && use != USE_ROUTE)
            problem = fmt(r, "a place abroad (%s): no region of Peru",
                          places_name(r->run->o->places, p.code));
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
        places_ambiguity(r->run->o->places, s, n, where, sizeof where);
        problem = fmt(r, "ambiguous: a place in %s; add the region after a comma", where);
        break;
    }
    case PLACE_NO_REGION:
        problem = "names only the country: no region";
        break;
    }
    if (problem) {
        note(r, f, s, n, DQ_KEPT_AS_UNKNOWN, problem);
        p.code = PLACE_UNKNOWN;
        p.province = 0;
        return p;
    }
    memo_put(r, f, s, n, (uint32_t)p.code | (uint32_t)p.province << 16);
    return p;
}

static int country_field(struct reader *r, int f)
{
    size_t n;
    const char *s = cell(r, f, &n);
    /* Several citizenships: the first counts. */
    const char *semi = memchr(s, ';', n);
    if (semi) {
        n = (size_t)(semi - s);
        s = trimmed(s, &n);
    }
    if (!n || only_dashes(s, n))
        return -1;
    uint32_t m;
    if (memo_get(r, f, s, n, &m))
        return (int)m;
    int c = places_country(r->run->o->places, s, n);
    if (c < 0) {
        if (!unknown_word(r, s, n))
            note(r, f, s, n, DQ_KEPT_AS_UNKNOWN, "not a known country or nationality");
        return -1;
    }
    memo_put(r, f, s, n, (uint32_t)c);
    return c;
}

/* A date: 0 when blank or unreadable. A required date's problem rejects the row; an
 * optional one's is a warning. */
static tp_date date_field(struct reader *r, int f, bool required)
{
    size_t n;
    const char *s = cell(r, f, &n);
    tp_date d;
    enum date_status st = date_parse(s, n, &d);
    if (st == DATE_OK || (st == DATE_EMPTY && !required))
        return d;
    if (!required)
        note(r, f, s, n, DQ_KEPT_AS_UNKNOWN, date_problem(st));
    else if (st == DATE_EMPTY)
        reject(r, f, "", 0, DQ_REJECTED, "empty: this field is required");
    else
        reject(r, f, s, n, DQ_REJECTED, date_problem(st));
    return d;
}

static struct age age_field(struct reader *r, tp_date reported_on)
{
    size_t n;
    const char *s = cell(r, F_AGE, &n);
    struct age a;
    switch (age_parse(s, n, &a)) {
    case AGE_OK:
        return a;
    case AGE_BAD:
        if (unknown_word(r, s, n))
            return a;
        note(r, F_AGE, s, n, DQ_KEPT_AS_UNKNOWN,
             "not an age: whole years 0-110 or a band such as 9-17 or 48+");
        return a;
    case AGE_RANGE:
        note(r, F_AGE, s, n, DQ_KEPT_AS_UNKNOWN, "above 110 years");
        return a;
    case AGE_EMPTY:
        break;
    }
    tp_date birth = date_field(r, F_BIRTH_DATE, false);
    if (!birth || !reported_on)
        return a;
    int years = date_full_years(birth, reported_on);
    s = cell(r, F_BIRTH_DATE, &n);
    if (years < 0)
        note(r, F_BIRTH_DATE, s, n, DQ_KEPT_AS_UNKNOWN, "after the date the case was reported");
    else if (years > AGE_MAX)
        note(r, F_BIRTH_DATE, s, n, DQ_KEPT_AS_UNKNOWN, "more than 110 years before the report");
    else
        a.lo = a.hi = (short)years;
    return a;
}

static double number_field(struct reader *r, int f)
{
    size_t n;
    const char *s = cell(r, f, &n);
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
        note(r, f, s, n, DQ_KEPT_AS_UNKNOWN, "not a number of years from 0 to 99");
        return -1;
    }
    return v;
}

/* ---- headers ---------------------------------------------------------------------------- */

static enum tp_err read_header(struct reader *r, struct tp_error *err)
{
    const struct profile *pf = r->run->o->profile;
    int rows = profile_header_rows(pf);
    field_mask allowed = kind_fields(r->kind);
    field_mask *masks = NULL;
    char **names = NULL; /* header text of each column, for messages */
    size_t ncols = 0;
    enum tp_err rc = TP_OK;
    for (int h = 0; h < rows && rc == TP_OK; h++) {
        const struct csv_row *row;
        int k = csvfile_next(r->csv, &row, err);
        if (k < 0) {
            rc = err->code;
            break;
        }
        if (k == 0) {
            rc = h == 0 ? tp_fail(err, TP_ERR_INPUT, r->path, 0, NULL, "is empty: no header line")
                        : tp_fail(err, TP_ERR_INPUT, r->path, 0, NULL,
                                  "ends inside its header (profile '%s' has %d header rows)",
                                  profile_name(pf), rows);
            break;
        }
        if (h == 0)
            r->header_line = row->line;
        if (row->problem != ROW_OK) {
            rc = tp_fail(err, TP_ERR_INPUT, r->path, row->line, NULL,
                         "the header cannot be read (%s)",
                         row->problem == ROW_BAD_BYTES ? "bytes neither UTF-8 nor Windows-1252"
                         : row->problem == ROW_NUL     ? "a NUL byte"
                                                       : "broken quotes");
            break;
        }
        if (row->nfields > ncols) {
            field_mask *m = realloc(masks, row->nfields * sizeof *m);
            char **nm = m ? realloc(names, row->nfields * sizeof *nm) : NULL;
            if (m)
                masks = m;
            if (nm)
                names = nm;
            if (!m || !nm) {
                rc = tp_fail(err, TP_ERR_NOMEM, r->path, row->line, NULL, "out of memory");
                break;
            }
            memset(masks + ncols, 0, (row->nfields - ncols) * sizeof *masks);
            memset(names + ncols, 0, (row->nfields - ncols) * sizeof *names);
            ncols = row->nfields;
        }
        for (size_t c = 0; c < row->nfields; c++) {
            size_t n = row->len[c];
            const char *s = trimmed(row->field[c], &n);
            if (!n)
                continue;
            if (!names[c] && !(names[c] = strndup(s, n))) {
                rc = tp_fail(err, TP_ERR_NOMEM, r->path, row->line, NULL, "out of memory");
                break;
            }
            if (!fold_key(s, n, &r->key) || !r->key.len)
                continue;
            masks[c] |= profile_header(pf, r->key.p, r->key.len) & allowed;
            int f, code;
            if (profile_indicator(pf, r->key.p, r->key.len, &f, &code) &&
                (allowed & (field_mask)1 << f)) {
                struct indicator *in = realloc(r->ind, (r->nind + 1) * sizeof *in);
                if (!in) {
                    rc = tp_fail(err, TP_ERR_NOMEM, r->path, row->line, NULL, "out of memory");
                    break;
                }
                r->ind = in;
                r->ind[r->nind++] = (struct indicator){c, f, code};
            }
        }
    }
    for (size_t c = 0; c < ncols && rc == TP_OK; c++)
        for (int f = 0; f < F_COUNT && rc == TP_OK; f++) {
            if (!(masks[c] & (field_mask)1 << f))
                continue;
            if (r->col[f] >= 0)
                rc = tp_fail(err, TP_ERR_INPUT, r->path, r->header_line, fields[f].name,
                             "two columns mean this field: %zu ('%s') and %zu ('%s'); keep one",
                             (size_t)r->col[f] + 1, names[r->col[f]], c + 1, names[c]);
            else
                r->col[f] = (int)c;
        }
    /* Say which columns are read, and as what (input_columns.csv). */
    struct dq_file *df = &r->run->dq->files[r->file];
    df->header_rows = rows;
    for (int f = 0; f < F_COUNT && rc == TP_OK; f++)
        if (r->col[f] >= 0 &&
            !dq_column(r->run->dq, r->file, r->col[f] + 1, names[r->col[f]], fields[f].name))
            rc = tp_fail(err, TP_ERR_NOMEM, r->path, 0, NULL, "out of memory");
    for (size_t i = 0; i < r->nind && rc == TP_OK; i++) {
        char target[48];
        snprintf(target, sizeof target, "%s:%s", fields[r->ind[i].field].name,
                 vocab_code_name(fields[r->ind[i].field].vocab, r->ind[i].code));
        if (!dq_column(r->run->dq, r->file, (int)r->ind[i].col + 1, names[r->ind[i].col], target))
            rc = tp_fail(err, TP_ERR_NOMEM, r->path, 0, NULL, "out of memory");
    }
    field_mask req = kind_required(r->kind);
    for (int f = 0; f < F_COUNT && rc == TP_OK; f++)
        if ((req & (field_mask)1 << f) && r->col[f] < 0)
            rc = tp_fail(err, TP_ERR_INPUT, r->path, r->header_line, fields[f].name,
                         "no column for this required field (profile '%s'; see "
                         "docs/input-format.md for the names it may have)", profile_name(pf));
    bool *keep = ncols ? calloc(ncols, sizeof *keep) : NULL;
    if (rc == TP_OK && ncols && !keep)
        rc = tp_fail(err, TP_ERR_NOMEM, r->path, 0, NULL, "out of memory");
    if (rc == TP_OK) {
        for (int f = 0; f < F_COUNT; f++)
            if (r->col[f] >= 0)
                keep[r->col[f]] = true;
        for (size_t i = 0; i < r->nind; i++)
            keep[r->ind[i].col] = true;
        if (!csvfile_keep(r->csv, keep, ncols))
            rc = tp_fail(err, TP_ERR_NOMEM, r->path, 0, NULL, "out of memory");
        r->ncols = ncols;
    }
    free(keep);
    for (size_t c = 0; c < ncols; c++)
        free(names ? names[c] : NULL);
    free(names);
    free(masks);
    return rc;
}

/* ---- rows ------------------------------------------------------------------------------- */

/* Problems of the record itself, before any field is read. */
static bool row_readable(struct reader *r)
{
    const struct csv_row *row = r->row;
    switch (row->problem) {
    case ROW_OK:
        break;
    case ROW_BAD_BYTES:
        reject(r, -1, "", 0, DQ_REJECTED,
               fmt(r, "column %zu holds bytes that are neither UTF-8 nor Windows-1252",
                   row->problem_column + 1));
        return false;
    case ROW_NUL:
        reject(r, -1, "", 0, DQ_REJECTED,
               fmt(r, "column %zu holds a NUL byte", row->problem_column + 1));
        return false;
    case ROW_UNTERMINATED:
        reject(r, -1, "", 0, DQ_REJECTED,
               "a quoted field is never closed: the rest of the file was read as one row");
        return false;
    case ROW_BAD_QUOTES:
        reject(r, -1, "", 0, DQ_REJECTED,
               "text after a closing quote (a quote inside a quoted field must be doubled)");
        return false;
    }
    if (row->overflow) {
        reject(r, -1, "", 0, DQ_REJECTED,
               fmt(r, "%zu fields, but the header has %zu", row->nfields, r->ncols));
        return false;
    }
    if (row->nfields < r->ncols) {
        for (int f = 0; f < F_COUNT; f++)
            if (r->col[f] >= (int)row->nfields) {
                note(r, -1, "", 0, DQ_KEPT_AS_UNKNOWN,
                     fmt(r, "%zu fields, but the header has %zu: the missing ones read as blank",
                         row->nfields, r->ncols));
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
        if (n && (trimmed(r->row->field[c], &n), n))
            return false;
    }
    return true;
}

/* A required text field (an id, the region): rejects the row when empty. */
static const char *required_id(struct reader *r, int f, size_t *n)
{
    const char *s = cell(r, f, n);
    if (!*n)
        reject(r, f, "", 0, DQ_REJECTED, "empty: this field is required");
    return s;
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
        reject(r, f, s, n, DQ_DUPLICATE_REJECTED,
               fmt(r, "duplicate: the same id is on line %u", strmap_value(ids, e)));
    return added;
}

/* The case's required columns; false when the row is rejected. */
static bool case_required(struct reader *r, struct case_rec *c)
{
    memset(c, 0, sizeof *c);
    c->reported_on = date_field(r, F_REPORTED_ON, true);
    size_t n;
    required_id(r, F_REGION, &n);
    return !r->rejected;
}

/* The rest of the case's columns (problems here are warnings). False when out of memory. */
static bool case_optional(struct reader *r, struct case_rec *c)
{
    struct run *run = r->run;
    size_t n;
    const char *s = cell(r, F_REGION, &n);
    c->region = (uint8_t)place_field(r, F_REGION, s, n, USE_REGION).code;
    s = cell(r, F_CITY, &n);
    c->city = place_field(r, F_CITY, s, n, USE_CITY).province;
    struct route_key k = {0};
    s = cell(r, F_ORIGIN, &n);
    k.origin = place_field(r, F_ORIGIN, s, n, USE_ROUTE).code;
    s = cell(r, F_DESTINATION, &n);
    k.destination = place_field(r, F_DESTINATION, s, n, USE_ROUTE).code;
    s = cell(r, F_TRANSIT, &n);
    for (size_t i = 0; i < n;) {
        size_t j = i;
        while (j < n && s[j] != ';')
            j++;
        size_t m = j - i;
        const char *part = trimmed(s + i, &m);
        i = j + 1;
        if (!m)
            continue;
        if (k.ntransit == MAX_TRANSIT) {
            note(r, F_TRANSIT, s, n, DQ_KEPT_AS_UNKNOWN,
                 fmt(r, "more than %d transit places: the rest are left out", MAX_TRANSIT));
            break;
        }
        uint16_t code = place_field(r, F_TRANSIT, part, m, USE_ROUTE).code;
        /* Routes are between regions: a stop in the region just left adds nothing. */
        uint16_t prev = k.ntransit ? k.transit[k.ntransit - 1] : k.origin;
        if (code == PLACE_UNKNOWN || code != prev)
            k.transit[k.ntransit++] = code;
    }
    while (k.ntransit && k.transit[k.ntransit - 1] != PLACE_UNKNOWN &&
           k.transit[k.ntransit - 1] == k.destination)
        k.ntransit--;
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
    c->periods = agg_periods_of(run->agg, c->reported_on);
    return true;
}

static long add_case(struct run *run, const char *id, size_t n, const struct case_rec *c,
                     long line)
{
    if (run->ncases == run->cases_cap) {
        size_t cap = run->cases_cap ? run->cases_cap * 2 : 1024;
        struct case_rec *nc = realloc(run->cases, cap * sizeof *nc);
        if (nc)
            run->cases = nc;
        uint32_t *nl = realloc(run->case_line, cap * sizeof *nl);
        if (nl)
            run->case_line = nl;
        if (!nc || !nl)
            return -1;
        run->cases_cap = cap;
    }
    size_t idx = run->ncases;
    if (id && strmap_intern(run->case_ids, id, n, (uint32_t)idx, NULL) < 0)
        return -1;
    run->case_line[idx] = (uint32_t)line;
    run->cases[run->ncases++] = *c;
    agg_case(run->agg, c);
    return (long)idx;
}

static void read_victim(struct reader *r, struct victim_rec *v, tp_date reported_on)
{
    v->sex = (uint8_t)value_field(r, F_SEX);
    v->age = age_field(r, reported_on);
    v->nationality = (int16_t)country_field(r, F_NATIONALITY);
    size_t n;
    const char *s = cell(r, F_HOME, &n);
    place_field(r, F_HOME, s, n, USE_ROUTE); /* read for its warnings; no table uses it yet */
    v->id_document = (uint8_t)value_field(r, F_ID_DOCUMENT);
    v->assistance = (uint16_t)(value_field(r, F_ASSISTANCE) | indicators(r, F_ASSISTANCE));
}

static void row_cases(struct reader *r)
{
    struct run *run = r->run;
    size_t n;
    const char *id = required_id(r, F_CASE_ID, &n);
    long e = r->rejected ? -1 : strmap_find(run->case_ids, id, n);
    if (e >= 0) {
        reject(r, F_CASE_ID, id, n, DQ_DUPLICATE_REJECTED,
               fmt(r, "duplicate: the same case_id is on line %u",
                   run->case_line[strmap_value(run->case_ids, e)]));
        return;
    }
    struct case_rec c;
    if (r->rejected || !case_required(r, &c)) {
        if (n && strmap_intern(run->rejected_cases, id, n, (uint32_t)r->row->line, NULL) < 0)
            run->oom = true;
        return;
    }
    if (case_optional(r, &c) && add_case(run, id, n, &c, r->row->line) < 0)
        run->oom = true;
}

static void row_victims(struct reader *r)
{
    struct run *run = r->run;
    size_t nid, ncase;
    const char *vid = required_id(r, F_VICTIM_ID, &nid);
    const char *cid = required_id(r, F_CASE_ID, &ncase);
    if (r->rejected || !first_id(r, run->victim_ids, F_VICTIM_ID, vid, nid))
        return;
    long e = strmap_find(run->case_ids, cid, ncase);
    const struct case_rec *c = e >= 0 ? &run->cases[strmap_value(run->case_ids, e)] : NULL;
    struct victim_rec v;
    read_victim(r, &v, c ? c->reported_on : 0);
    if (!c) {
        long rej = strmap_find(run->rejected_cases, cid, ncase);
        note(r, F_CASE_ID, cid, ncase, DQ_NOT_IN_PERIOD_TABLES,
             rej >= 0 ? fmt(r, "its case was rejected (cases file, line %u)",
                            strmap_value(run->rejected_cases, rej))
                      : "no case with this case_id in the cases file");
        agg_victim_without_case(run->agg);
        return;
    }
    agg_victim(run->agg, c, &v);
}

/* One victim per row; rows that share a case_id share the case (its first row describes it),
 * and a row without case_id is a case of its own. */
static void row_flat(struct reader *r)
{
    struct run *run = r->run;
    size_t ncase, nvid;
    const char *cid = cell(r, F_CASE_ID, &ncase);
    const char *vid = cell(r, F_VICTIM_ID, &nvid);
    long e = ncase ? strmap_find(run->case_ids, cid, ncase) : -1;
    struct case_rec c;
    if (e < 0 && !case_required(r, &c))
        return;
    if (nvid && !first_id(r, run->victim_ids, F_VICTIM_ID, vid, nvid))
        return;
    if (e < 0) {
        if (!case_optional(r, &c))
            return;
        e = add_case(run, ncase ? cid : NULL, ncase, &c, r->row->line);
        if (e < 0) {
            run->oom = true;
            return;
        }
    } else {
        e = strmap_value(run->case_ids, e);
    }
    const struct case_rec *cr = &run->cases[e];
    struct victim_rec v;
    read_victim(r, &v, cr->reported_on);
    agg_victim(run->agg, cr, &v);
}

static void row_suspects(struct reader *r)
{
    struct run *run = r->run;
    size_t n;
    const char *id = required_id(r, F_SUSPECT_ID, &n);
    struct suspect_rec s = {0};
    s.identified_on = date_field(r, F_IDENTIFIED_ON, true);
    if (r->rejected || !first_id(r, run->suspect_ids, F_SUSPECT_ID, id, n))
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
        const struct case_rec *c = &run->cases[strmap_value(run->case_ids, e)];
        s.exploitation = c->exploitation;
        s.region = c->region;
    }
    agg_suspect(run->agg, &s);
}

#define PREFETCH_AHEAD 6

/* The id lookups of a row a few rows ahead miss the cache: start loading their slots now. */
static void prefetch(const struct reader *r, const struct csv_row *ahead)
{
    if (!ahead)
        return;
    const struct run *run = r->run;
    int c = r->col[F_CASE_ID];
    if (c >= 0 && (size_t)c < ahead->nfields && ahead->len[c])
        strmap_prefetch(run->case_ids, ahead->field[c], ahead->len[c]);
    c = r->col[r->kind == K_SUSPECTS ? F_SUSPECT_ID : F_VICTIM_ID];
    if (c >= 0 && (size_t)c < ahead->nfields && ahead->len[c])
        strmap_prefetch(r->kind == K_SUSPECTS ? run->suspect_ids : run->victim_ids,
                        ahead->field[c], ahead->len[c]);
}

static enum tp_err read_file(struct run *run, const char *path, enum file_kind kind,
                             struct tp_error *err)
{
    struct reader r = {.run = run, .kind = kind, .path = path};
    for (int f = 0; f < F_COUNT; f++)
        r.col[f] = -1;
    r.file = quality_file(run->dq, path, kind);
    if (r.file < 0)
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "too many input files");
    struct dq_file *df = &run->dq->files[r.file];
    r.csv = csvfile_open(path, path, err);
    if (!r.csv)
        return err->code;
    if (run->o->progress)
        csvfile_progress(r.csv, run->o->progress, run->o->progress_ctx);
    enum tp_err rc = read_header(&r, err);
    void (*row_fn)(struct reader *) = kind == K_CASES      ? row_cases
                                      : kind == K_VICTIMS  ? row_victims
                                      : kind == K_SUSPECTS ? row_suspects
                                                           : row_flat;
    /* The header was read here; the rows are parsed on a second thread. */
    struct rowqueue *rq = rc == TP_OK ? rowqueue_start(r.csv, err) : NULL;
    if (rc == TP_OK && !rq)
        rc = err->code;
    int k = 0;
    while (rc == TP_OK && (k = rowqueue_next(rq, &r.row, err)) == 1) {
        prefetch(&r, rowqueue_peek(rq, PREFETCH_AHEAD));
        r.rejected = false;
        if (r.row->problem == ROW_OK && !r.row->overflow && blank_row(&r)) {
            df->blank++;
            continue;
        }
        df->read++;
        if (row_readable(&r))
            row_fn(&r);
        if (r.rejected)
            df->rejected++;
        else
            df->counted++;
        if (run->oom)
            rc = tp_fail(err, TP_ERR_NOMEM, path, r.row->line, NULL, "out of memory");
    }
    if (rc == TP_OK && k < 0)
        rc = err->code;
    if (rc == TP_OK && df->read == 0 && (kind == K_CASES || kind == K_FLAT))
        rc = tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "has a header but no rows: nothing to count");
    rowqueue_stop(rq);
    const struct csv_stats *st = csvfile_stats(r.csv);
    df->charset = st->charset;
    df->delim = st->delim;
    df->lines = st->lines;
    df->recoded_fields = st->recoded_fields;
    df->size = st->size;
    snprintf(df->sha256, sizeof df->sha256, "%s", st->sha256);
    csvfile_close(r.csv);
    for (int f = 0; f < F_COUNT; f++)
        strmap_free(r.memo[f]);
    free(r.ind);
    buf_free(&r.key);
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
    if (!run.case_ids || !run.rejected_cases || !run.victim_ids || !run.suspect_ids)
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
    strmap_free(run.case_ids);
    strmap_free(run.rejected_cases);
    strmap_free(run.victim_ids);
    strmap_free(run.suspect_ids);
    free(run.cases);
    free(run.case_line);
    return rc;
}
