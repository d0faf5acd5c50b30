/* protect.c: the public tables as counts and sums (a key per count), their protection, marks. */
#include "protect/protect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/strmap.h"

/* ---- what each public table counts -------------------------------------------------------- */

enum dimkind {
    ADD,     /* its values add up to the total of the others (sex, region, year ...) */
    NONADD,  /* they do not: a victim may count under several (forms of exploitation) */
    PARTIAL, /* they add up to a part only (hotline and media are two sources of many) */
};

struct dim {
    const char *col;  /* NULL: the route, "origin>transit>destination:scope" */
    const char *name; /* in keys */
    enum dimkind kind;
    const char *omit; /* the value that is the whole population, left out of keys */
    const char *col2; /* a second column joined to the value ("city/region"), or NULL */
};

struct meas {
    const char *col;
    const char *measure; /* cases, victims, suspects (every year), psuspects (in the period) */
    const char *extra;   /* a fixed "dim=value" of this column, or NULL */
};

struct spec {
    const char *table;
    struct dim dims[3];
    int ndims;
    struct meas meas[10];
    int nmeas;
    const char *derived[2][2]; /* {column, the count column it is computed from} */
    const char *rowsum[5][4];  /* {total column, parts ... NULL} within a row; a part "~" is
                                  the rest, printed nowhere (SDC_IMPLIED) */
    bool known;                /* shares of the cases with a known value: that count is shown */
};

#define D(c, n, k) {.col = c, .name = n, .kind = k}
#define D_OMIT(c, n, k, o) {.col = c, .name = n, .kind = k, .omit = o}
#define D_WITH(c, n, k, c2) {.col = c, .name = n, .kind = k, .col2 = c2}
static const struct spec specs[] = {
    {"victims_by_sex_age", {D("sex", "sex", ADD), D("age_band", "band", ADD)}, 2,
     {{"victims", "victims", NULL}}, 1, {{0}}, {{0}}, false},
    {"cases_by_region", {D("region_code", "region", ADD)}, 1,
     {{"cases", "cases", NULL}, {"victims", "victims", NULL},
      {"victims_minor", "victims", "minor=yes"}}, 3,
     {{"victims_per_100k", "victims"}}, {{"victims", "victims_minor", "~"}}, false},
    {"cases_by_city", {D_WITH("city", "city", ADD, "region")}, 1,
     {{"cases", "cases", NULL}, {"victims", "victims", NULL}}, 2, {{0}}, {{0}}, false},
    {"victims_by_nationality", {D("nationality", "nationality", ADD)}, 1,
     {{"victims", "victims", NULL}}, 1, {{0}}, {{0}}, false},
    {"routes", {D(NULL, "route", ADD)}, 1,
     {{"cases", "cases", NULL}, {"victims", "victims", NULL}}, 2, {{0}}, {{0}}, false},
    /* A brief's routes touching its region, counted over the whole country: its scope
     * ("touching=08") names which routes the table holds, and a route's own row is the
     * country's count. */
    {"routes_region", {D(NULL, "route", ADD)}, 1,
     {{"cases", "cases", NULL}, {"victims", "victims", NULL}}, 2, {{0}}, {{0}}, false},
    {"exploitation",
     {D("exploitation", "form", NONADD), D("sex", "sex", ADD), D("minor", "minor", ADD)}, 3,
     {{"victims", "victims", NULL}}, 1, {{0}}, {{0}}, false},
    {"victims_by_exploitation", {D("exploitation", "form", NONADD)}, 1,
     {{"victims", "victims", NULL}}, 1, {{0}}, {{0}}, false},
    {"recruitment", {D("recruitment", "recruitment", NONADD)}, 1, {{"cases", "cases", NULL}}, 1,
     {{"share", "cases"}}, {{0}}, true},
    {"transport", {D("transport", "transport", NONADD)}, 1, {{"cases", "cases", NULL}}, 1,
     {{0}}, {{0}}, true},
    {"source", {D("source", "source", ADD)}, 1, {{"cases", "cases", NULL}}, 1, {{0}}, {{0}},
     false},
    {"status", {D("status", "status", ADD)}, 1, {{"cases", "cases", NULL}}, 1, {{0}}, {{0}},
     false},
    {"assistance", {D("assistance", "assistance", NONADD)}, 1, {{"victims", "victims", NULL}},
     1, {{0}}, {{0}}, false},
    {"prevention", {D("region_code", "region", ADD), D("source", "source", PARTIAL)}, 2,
     {{"cases", "cases", NULL}}, 1, {{0}}, {{0}}, false},
    {"suspects_by_year", {D("year", "year", ADD)}, 1,
     {{"identified", "suspects", NULL},
      {"female", "suspects", "sex=female"},
      {"male", "suspects", "sex=male"},
      {"sex_unknown", "suspects", "sex=unknown"},
      {"peruvian", "suspects", "nationality=Peru"},
      {"foreign", "suspects", "nationality=foreign"},
      {"nationality_unknown", "suspects", "nationality=unknown"},
      {"detained", "suspects", "detained=yes"},
      {"prosecuted", "suspects", "stage=prosecuted"},
      {"convicted", "suspects", "stage=convicted"}}, 10,
     {{0}},
     {{"identified", "female", "male", "sex_unknown"},
      {"identified", "peruvian", "foreign", "nationality_unknown"},
      {"identified", "detained", "~"},
      {"identified", "prosecuted", "~"},
      {"identified", "convicted", "~"}}, false},
    {"suspects_by_nationality", {D("nationality", "nationality", ADD)}, 1,
     {{"suspects", "suspects", NULL}}, 1, {{0}}, {{0}}, false},
    {"unodc_victims_by_exploitation",
     {D("exploitation", "uform", NONADD), D("category", "ucat", ADD)}, 2,
     {{"victims", "victims", NULL}}, 1, {{0}}, {{0}}, false},
    {"unodc_victims_by_citizenship",
     {D("citizenship", "nationality", ADD), D("category", "ucat", ADD)}, 2,
     {{"victims", "victims", NULL}}, 1, {{0}}, {{0}}, false},
    {"unodc_persons_by_sex", {D_OMIT("stage", "stage", NONADD, "suspected"), D("sex", "sex", ADD)}, 2,
     {{"persons", "psuspects", NULL}}, 1, {{0}}, {{0}}, false},
    {"unodc_persons_by_citizenship",
     {D("citizenship", "nationality", ADD), D_OMIT("stage", "stage", NONADD, "suspected")}, 2,
     {{"persons", "psuspects", NULL}}, 1, {{0}}, {{0}}, false},
};

/* summary.csv: the metrics about persons and cases, as keys (rows_* and warnings count rows
 * of files, not people: they are published as they are). */
static const struct {
    const char *metric, *measure, *dim;
} summary_keys[] = {
    {"cases", "cases", NULL},
    {"victims", "victims", NULL},
    {"victims_female", "victims", "sex=female"},
    {"victims_male", "victims", "sex=male"},
    {"victims_sex_unknown", "victims", "sex=unknown"},
    {"victims_minor", "victims", "minor=yes"},
    {"victims_adult", "victims", "minor=no"},
    {"victims_age_unknown", "victims", "minor=unknown"},
    {"victims_without_case", "orphans", NULL},
    {"victims_without_id_document", "victims", "id_document=no"},
    {"victims_assisted", "victims", "assisted=yes"},
    {"suspects_identified", "psuspects", NULL},
    {"suspects_female", "psuspects", "sex=female"},
    {"suspects_male", "psuspects", "sex=male"},
    {"suspects_foreign", "psuspects", "nationality=foreign"},
    {"suspects_detained", "psuspects", "detained=yes"},
    {"suspects_prosecuted", "psuspects", "stage=prosecuted"},
    {"suspects_convicted", "psuspects", "stage=convicted"},
};

/* tip_law_enforcement.csv: measure -> the keys of its total and labour columns. */
static const struct {
    const char *measure, *total, *labour;
} tip_keys[] = {
    {"investigations", "cases", "cases|labour=yes"},
    {"prosecutions", "psuspects|stage=prosecuted", "psuspects|labour=yes|stage=prosecuted"},
    {"convictions", "psuspects|stage=convicted", "psuspects|labour=yes|stage=convicted"},
    {"sentences", "psuspects|sentence=yes|stage=convicted", NULL},
};

/* ---- the system --------------------------------------------------------------------------- */

struct mark {
    struct table *t;
    size_t row;
    int col;
    long var;   /* the count; or -1 for a derived cell ... */
    long from;  /* ... hidden when this count is */
    long from2; /* or this one (-1: none) */
};

struct protection {
    int k;
    bool published; /* built from printed tables: hidden counts are unknown */
    bool unprinted; /* the tables being added are not printed: their new counts are unknown */
    uint8_t *printed; /* published mode, per count: 1 printed shown, 2 printed hidden */
    size_t nprinted;
    struct sdc *s;
    struct strmap *keys; /* key -> count */
    struct mark *marks;
    size_t nmarks, mcap;
    struct tp_error *err;
    bool failed;
};

struct protection *protect_new(int k)
{
    struct protection *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->k = k;
    p->s = sdc_new(k);
    if (p->s)
        sdc_loose(p->s, false);
    p->keys = strmap_new();
    if (!p->s || !p->keys) {
        protect_free(p);
        return NULL;
    }
    return p;
}

void protect_free(struct protection *p)
{
    if (!p)
        return;
    sdc_free(p->s);
    free(p->printed);
    strmap_free(p->keys);
    free(p->marks);
    free(p);
}

int protect_k(const struct protection *p) { return p->k; }

struct protection *protect_published(int k)
{
    struct protection *p = protect_new(k);
    if (p) {
        p->published = true;
        sdc_loose(p->s, true);
    }
    return p;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void protect_key(char *out, size_t size, const char *measure, const char *const *dims)
{
    const char *d[12];
    size_t n = 0;
    for (; dims && dims[n] && n < 12; n++)
        d[n] = dims[n];
    qsort(d, n, sizeof *d, cmp_str);
    size_t o = (size_t)snprintf(out, size, "%s", measure);
    for (size_t i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "|%s", d[i]);
}

static bool fail(struct protection *p, const char *what, const char *key)
{
    if (!p->failed)
        tp_fail(p->err, TP_ERR_NOMEM, NULL, 0, NULL, "public mode: %s: %s", what, key);
    p->failed = true;
    return false;
}

/* The count with this key (made with value and role when new). A count met twice must have
 * one value: two tables that disagree would be a bug in the tables. */
static long count(struct protection *p, const char *key, uint64_t value, enum sdc_role role)
{
    bool added;
    long e = strmap_intern(p->keys, key, strlen(key), 0, &added);
    if (e < 0) {
        fail(p, "out of memory", key);
        return -1;
    }
    if (p->unprinted)
        role = SDC_FREE;
    if (!added) {
        long v = (long)strmap_value(p->keys, e);
        if (sdc_value(p->s, v) != value && !p->published) {
            fail(p, "two tables disagree on", key);
            return -1;
        }
        /* Printed as a cell anywhere makes it a cell; printed at all, no longer unknown; the
         * difference of printed counts, no longer free. */
        enum sdc_role was = sdc_role_of(p->s, v);
        bool printed = was == SDC_CELL || was == SDC_MARGIN;
        if (role == SDC_CELL || (role == SDC_MARGIN && !printed) ||
            (role == SDC_IMPLIED && was == SDC_FREE))
            sdc_role(p->s, v, role);
        return v;
    }
    long v = sdc_var(p->s, value, role);
    if (v < 0) {
        fail(p, "out of memory", key);
        return -1;
    }
    strmap_set(p->keys, e, (uint32_t)v);
    return v;
}

/* Published mode: count v is printed as cell cl (shown, or hidden as its mark says). A count
 * printed shown in one place and hidden in another is given away. */
static bool print_as(struct protection *p, long v, const struct cell *cl)
{
    if (!p->published || p->unprinted || (!cl->hidden && cl->kind != CELL_INT))
        return true; /* a blank: this row has no such count */
    if ((size_t)v >= p->nprinted) {
        size_t n = sdc_count(p->s) + 256;
        uint8_t *x = realloc(p->printed, n);
        if (!x)
            return fail(p, "out of memory", "printed");
        memset(x + p->nprinted, 0, n - p->nprinted);
        p->printed = x;
        p->nprinted = n;
    }
    if (cl->hidden) {
        p->printed[v] |= 2;
        if (sdc_state(p->s, v) == SDC_SHOWN)
            sdc_hide(p->s, v, cl->hidden == 1 ? SDC_PRIMARY : SDC_SECONDARY);
    } else {
        p->printed[v] |= 1;
        sdc_set_value(p->s, v, cl->kind == CELL_INT ? cl->v.i : 0);
    }
    return true;
}

static long lookup(const struct protection *p, const char *key)
{
    long e = strmap_find(p->keys, key, strlen(key));
    return e < 0 ? -1 : (long)strmap_value(p->keys, e);
}

static bool add_mark(struct protection *p, struct mark m)
{
    if (p->nmarks == p->mcap) {
        size_t c = p->mcap ? p->mcap * 2 : 256;
        struct mark *n = realloc(p->marks, c * sizeof *n);
        if (!n)
            return fail(p, "out of memory", "marks");
        p->marks = n;
        p->mcap = c;
    }
    p->marks[p->nmarks++] = m;
    return true;
}

/* total = parts + the rest: a count printed nowhere that a reader may work out as a difference
 * (keyed "rest=name" under the total's key), which must not be small. */
static bool add_rest(struct protection *p, const char *total_key, long total, const long *parts,
                     size_t n, const char *name)
{
    char key[600];
    snprintf(key, sizeof key, "%s|rest=%s", total_key, name);
    uint64_t v = sdc_value(p->s, total);
    long all[8];
    for (size_t i = 0; i < n && i < 7; i++) {
        v -= p->published ? 0 : sdc_value(p->s, parts[i]);
        all[i] = parts[i];
    }
    long rest = count(p, key, p->published ? 0 : v, SDC_IMPLIED);
    if (rest < 0)
        return false;
    all[n < 7 ? n : 7] = rest;
    return sdc_sum(p->s, total, all, (n < 7 ? n : 7) + 1) ||
           fail(p, "a rest that does not add up", key);
}

static int col_of(const struct table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    return -1;
}

static const char *text(const struct table *t, size_t r, int c)
{
    const struct cell *cl = table_cell(t, r, c);
    if (cl->kind == CELL_INT) { /* a year, read back as a number */
        static char buf[4][32];
        static int i;
        char *b = buf[i++ % 4];
        snprintf(b, sizeof buf[0], "%llu", (unsigned long long)cl->v.i);
        return b;
    }
    return table_cell_text(t, cl);
}

static uint64_t num(const struct table *t, size_t r, int c)
{
    const struct cell *cl = table_cell(t, r, c);
    return cl->kind == CELL_INT ? cl->v.i : 0;
}

/* ---- a table as a cube of counts ---------------------------------------------------------- */

/* A position in a cube: each dimension's value index, -1 for its total. */
struct pos {
    int32_t c[3];
};
#define TOTAL_WORD "total"

struct margin {
    int c[3]; /* -1: the total over that dimension */
    int m;    /* measure */
    long var;
};

struct cube {
    const struct spec *sp;
    struct table *t;
    const char *scope;
    int dimcol[3], dimcol2[3], nv[3];
    char **values[3];      /* distinct values, in the table's order */
    size_t vcap[3];
    struct strmap *vmap[3]; /* value -> index */
    struct strmap *pmap;    /* struct pos -> index into sums */
    uint64_t *sums;         /* [position][column]: the body's sums at every position */
    size_t npos, pcap;
    int *coord;            /* [row * 3 + d]; -1 a total row's "total" */
    bool *is_total;        /* [row]: a row of totals (published mode) */
    struct margin *margins;
    size_t nmargins, mcap;
    long *parts; /* of the sum being built */
    size_t partcap;
};

static int value_index(struct cube *q, int d, const char *v, bool add)
{
    bool added;
    long e = strmap_intern(q->vmap[d], v, strlen(v), (uint32_t)q->nv[d], &added);
    if (e < 0)
        return -1;
    if (!added || !add)
        return added ? -1 : (int)strmap_value(q->vmap[d], e);
    if ((size_t)q->nv[d] == q->vcap[d]) {
        size_t cap = q->vcap[d] ? q->vcap[d] * 2 : 64;
        char **n = realloc(q->values[d], cap * sizeof *n);
        if (!n)
            return -1;
        q->values[d] = n;
        q->vcap[d] = cap;
    }
    q->values[d][q->nv[d]] = strdup(v);
    return q->values[d][q->nv[d]] ? q->nv[d]++ : -1;
}

/* The value of dimension d in row r: the column, or the route, or "city/region". */
static void dim_value(const struct cube *q, size_t r, int d, char *out, size_t size)
{
    const struct table *t = q->t;
    if (!q->sp->dims[d].col) {
        if (!strcmp(text(t, r, 0), TOTAL_WORD))
            snprintf(out, size, "%s", TOTAL_WORD);
        else
            snprintf(out, size, "%s>%s>%s:%s", text(t, r, 0), text(t, r, 1), text(t, r, 2),
                     text(t, r, 3));
        return;
    }
    const char *v = text(t, r, q->dimcol[d]);
    if (q->dimcol2[d] >= 0 && strcmp(v, TOTAL_WORD))
        snprintf(out, size, "%s/%s", v, text(t, r, q->dimcol2[d]));
    else
        snprintf(out, size, "%s", v);
}

/* Whether the scope goes without saying at coordinates c: a table by region in a region's
 * scope (its own row), or a route of its own in a table of the routes touching a region. */
static bool scope_implied(const struct cube *q, const int *c)
{
    const char *eq = strchr(q->scope, '=');
    size_t n = eq ? (size_t)(eq - q->scope) : 0;
    for (int i = 0; i < q->sp->ndims; i++) {
        const struct dim *dm = &q->sp->dims[i];
        if (strlen(dm->name) == n && !strncmp(dm->name, q->scope, n) && c[i] >= 0)
            return true;
        if (!strcmp(q->sp->table, "routes_region") && !dm->col && c[i] >= 0 &&
            strncmp(q->values[i][c[i]], "other>", 6))
            return true;
    }
    return false;
}

/* The key of measure m at coordinates c (-1: the total over that dimension). */
static void cube_key(const struct cube *q, const struct meas *m, const int *c, char *out,
                     size_t size)
{
    char parts[6][200];
    const char *d[7];
    int n = 0;
    for (int i = 0; i < q->sp->ndims; i++) {
        const struct dim *dm = &q->sp->dims[i];
        if (c[i] >= 0) {
            if (dm->omit && !strcmp(q->values[i][c[i]], dm->omit))
                continue;
            snprintf(parts[n], sizeof parts[n], "%s=%s", dm->name, q->values[i][c[i]]);
        } else if (dm->kind == PARTIAL) {
            size_t o = (size_t)snprintf(parts[n], sizeof parts[n], "%s=(", dm->name);
            for (int v = 0; v < q->nv[i] && o < sizeof parts[n]; v++)
                o += (size_t)snprintf(parts[n] + o, sizeof parts[n] - o, "%s%s", v ? "+" : "",
                                      q->values[i][v]);
            if (o < sizeof parts[n])
                snprintf(parts[n] + o, sizeof parts[n] - o, ")");
        } else {
            continue;
        }
        d[n] = parts[n];
        n++;
    }
    if (m->extra)
        d[n++] = m->extra;
    if (q->scope[0] && !scope_implied(q, c))
        d[n++] = q->scope;
    d[n] = NULL;
    protect_key(out, size, m->measure, d);
}

/* The sums of every column at every position a body row falls in (its own, and with any of
 * the dimensions that add up replaced by their total), computed once. */
static bool cube_index(struct cube *q)
{
    const struct spec *sp = q->sp;
    int add[3], na = 0;
    for (int d = 0; d < sp->ndims; d++)
        if (sp->dims[d].kind != NONADD)
            add[na++] = d;
    for (size_t r = 0; r < q->t->nrows; r++) {
        if (q->is_total[r])
            continue;
        for (int mask = 0; mask < 1 << na; mask++) {
            struct pos ps = {{-1, -1, -1}};
            for (int d = 0; d < sp->ndims; d++)
                ps.c[d] = q->coord[r * 3 + (size_t)d];
            for (int i = 0; i < na; i++)
                if (mask & (1 << i))
                    ps.c[add[i]] = -1;
            bool added;
            long e = strmap_intern(q->pmap, &ps, sizeof ps, (uint32_t)q->npos, &added);
            if (e < 0)
                return false;
            size_t at = strmap_value(q->pmap, e);
            if (added) {
                if (q->npos == q->pcap) {
                    size_t cap = q->pcap ? q->pcap * 2 : 256;
                    uint64_t *n = realloc(q->sums, cap * (size_t)q->t->ncols * sizeof *n);
                    if (!n)
                        return false;
                    q->sums = n;
                    q->pcap = cap;
                }
                memset(&q->sums[q->npos * (size_t)q->t->ncols], 0,
                       (size_t)q->t->ncols * sizeof *q->sums);
                q->npos++;
            }
            for (int c = 0; c < q->t->ncols; c++)
                q->sums[at * (size_t)q->t->ncols + (size_t)c] += num(q->t, r, c);
        }
    }
    return true;
}

/* The sum of column mc over the body rows at position c (-1: any); *any: there are some. */
static uint64_t cube_sum(const struct cube *q, int mc, const int *c, bool *any)
{
    struct pos ps = {{c[0], c[1], c[2]}};
    for (int d = q->sp->ndims; d < 3; d++)
        ps.c[d] = -1;
    long e = strmap_find(q->pmap, &ps, sizeof ps);
    *any = e >= 0;
    return e < 0 ? 0 : q->sums[strmap_value(q->pmap, e) * (size_t)q->t->ncols + (size_t)mc];
}

/* A published row of totals at exactly coordinates c, or -1. */
static long total_row(const struct cube *q, const int *c)
{
    for (size_t r = 0; r < q->t->nrows; r++) {
        if (!q->is_total[r])
            continue;
        bool match = true;
        for (int i = 0; i < q->sp->ndims && match; i++)
            match = q->coord[r * 3 + (size_t)i] == c[i];
        if (match)
            return (long)r;
    }
    return -1;
}

/* The count at coordinates c of measure m: a cell, or a total made (and remembered for its
 * row) when new. Published mode: the total as its row prints it, or unknown. */
static long cube_count(struct protection *p, struct cube *q, int m, int mc, const int *c)
{
    const struct meas *ms = &q->sp->meas[m];
    bool any, cell = true;
    for (int i = 0; i < q->sp->ndims; i++)
        cell &= c[i] >= 0;
    char key[512];
    cube_key(q, ms, c, key, sizeof key);
    if (cell || !p->published) {
        uint64_t v = p->published ? 0 : cube_sum(q, mc, c, &any);
        long e = lookup(p, key);
        long var = count(p, key, v, cell ? SDC_CELL : SDC_MARGIN);
        if (var < 0 || cell || e >= 0)
            return var;
        /* A new total: it gets a row of its own in the table, marked like the rest. */
        if (q->nmargins == q->mcap) {
            size_t cap = q->mcap ? q->mcap * 2 : 64;
            struct margin *n = realloc(q->margins, cap * sizeof *n);
            if (!n) {
                fail(p, "out of memory", key);
                return -1;
            }
            q->margins = n;
            q->mcap = cap;
        }
        q->margins[q->nmargins++] = (struct margin){{c[0], c[1], c[2]}, m, var};
        return var;
    }
    long r = total_row(q, c);
    if (r < 0)
        return count(p, key, 0, SDC_FREE);
    long var = count(p, key, 0, SDC_MARGIN);
    if (var >= 0 && !print_as(p, var, table_cell(q->t, (size_t)r, mc)))
        return -1;
    return var;
}

/* Every sum of measure m: for each dimension that adds up, and every position of the others
 * (their values, and their totals when they add up too), total = the sum along it. */
static bool cube_sums(struct protection *p, struct cube *q, int m, int mc)
{
    const struct spec *sp = q->sp;
    /* A brief's routes have no total: the victims of every route touching a region are no
     * count a reader needs, and such a total would tie each region's routes to the country's
     * (every route counted, small ones too, is one of the country's). */
    if (!strcmp(sp->table, "routes_region"))
        return true;
    for (int d = 0; d < sp->ndims; d++) {
        if (sp->dims[d].kind == NONADD)
            continue;
        /* Odometer over the other dimensions: -1 is their total. */
        int c[3] = {0, 0, 0}, lo[3] = {0, 0, 0};
        for (int i = 0; i < sp->ndims; i++)
            c[i] = lo[i] = i == d || sp->dims[i].kind == NONADD ? 0 : -1;
        for (;;) {
            int cc[3] = {c[0], c[1], c[2]};
            cc[d] = -1;
            bool any;
            cube_sum(q, mc, cc, &any);
            if (any) {
                long tv = cube_count(p, q, m, mc, cc);
                size_t np = 0;
                for (int v = 0; v < q->nv[d] && tv >= 0; v++) {
                    cc[d] = v;
                    cube_sum(q, mc, cc, &any);
                    if (!any)
                        continue;
                    long pv = cube_count(p, q, m, mc, cc);
                    if (pv < 0)
                        return false;
                    if (np == q->partcap) {
                        size_t cap = q->partcap ? q->partcap * 2 : 64;
                        long *n = realloc(q->parts, cap * sizeof *n);
                        if (!n)
                            return fail(p, "out of memory", q->t->name);
                        q->parts = n;
                        q->partcap = cap;
                    }
                    q->parts[np++] = pv;
                }
                if (tv < 0 || !sdc_sum(p->s, tv, q->parts, np))
                    return fail(p, "a total that is not the sum of its parts", q->t->name);
            }
            int i = 0;
            for (; i < sp->ndims; i++) {
                if (i == d)
                    continue;
                if (c[i] + 1 < q->nv[i]) {
                    c[i]++;
                    break;
                }
                c[i] = lo[i];
            }
            if (i == sp->ndims)
                break;
        }
    }
    return true;
}

/* A value of a dimension that does not add up (a form of exploitation) counts part of the
 * total without it, when one is published: cell + slack = total, the slack unknown. */
static bool cube_bounds(struct protection *p, struct cube *q, int m, int mc)
{
    const struct spec *sp = q->sp;
    for (int d = 0; d < sp->ndims; d++) {
        if (sp->dims[d].kind != NONADD)
            continue;
        for (size_t r = 0; r < q->t->nrows; r++) {
            if (q->is_total[r])
                continue;
            int c[3] = {q->coord[r * 3], q->coord[r * 3 + 1], q->coord[r * 3 + 2]};
            char key[512], slack[600];
            cube_key(q, &sp->meas[m], c, key, sizeof key);
            long cell = lookup(p, key);
            c[d] = -1;
            cube_key(q, &sp->meas[m], c, slack, sizeof slack);
            long total = lookup(p, slack);
            if (cell < 0 || total < 0 || cell == total) /* the value omitted is the whole */
                continue;
            snprintf(slack, sizeof slack, "%s|slack", key);
            uint64_t tv = sdc_value(p->s, total), cv = sdc_value(p->s, cell);
            long sl = count(p, slack, p->published || cv > tv ? 0 : tv - cv, SDC_FREE);
            long parts[2] = {cell, sl};
            if (sl < 0 || !sdc_sum(p->s, total, parts, 2))
                return fail(p, "a part larger than its total", key);
        }
    }
    (void)mc;
    return true;
}

/* The totals as rows at the table's end: "total" in each dimension summed over, the counts
 * of every measure (0 where a measure has no such total), marked by protect_run. */
static bool margin_rows(struct protection *p, struct cube *q, const int *mcol)
{
    struct table *t = q->t;
    for (size_t i = 0; i < q->nmargins; i++) {
        const struct margin *mg = &q->margins[i];
        bool seen = false;
        for (size_t j = 0; j < i && !seen; j++)
            seen = !memcmp(q->margins[j].c, mg->c, sizeof mg->c);
        if (seen)
            continue;
        size_t r = table_row(t, NULL);
        for (int c = 0; c < t->ncols; c++)
            table_text(t, r, c, "");
        for (int d = 0; d < q->sp->ndims; d++) {
            int col = q->dimcol[d] >= 0 ? q->dimcol[d] : 0;
            table_text(t, r, col, mg->c[d] < 0 ? TOTAL_WORD : q->values[d][mg->c[d]]);
            if (mg->c[d] >= 0 && q->dimcol2[d] >= 0) { /* "city/region" back apart */
                const char *v = q->values[d][mg->c[d]], *slash = strrchr(v, '/');
                char city[200];
                snprintf(city, sizeof city, "%.*s", (int)(slash ? slash - v : (long)strlen(v)), v);
                table_text(t, r, col, city);
                table_text(t, r, q->dimcol2[d], slash ? slash + 1 : "");
            }
        }
        for (size_t j = i; j < q->nmargins; j++) {
            const struct margin *mj = &q->margins[j];
            if (memcmp(mj->c, mg->c, sizeof mg->c))
                continue;
            table_int(t, r, mcol[mj->m], sdc_value(p->s, mj->var));
            if (!add_mark(p, (struct mark){t, r, mcol[mj->m], mj->var, -1, -1}))
                return false;
        }
        /* The other measures' totals, printed before in another table: here too, as there. */
        for (int m = 0; m < q->sp->nmeas; m++) {
            if (table_cell(t, r, mcol[m])->kind != CELL_TEXT)
                continue;
            char key[512];
            int c[3] = {mg->c[0], mg->c[1], mg->c[2]};
            cube_key(q, &q->sp->meas[m], c, key, sizeof key);
            long var = lookup(p, key);
            if (var >= 0) {
                table_int(t, r, mcol[m], sdc_value(p->s, var));
                if (!add_mark(p, (struct mark){t, r, mcol[m], var, -1, -1}))
                    return false;
            }
        }
    }
    return !t->oom || fail(p, "out of memory", t->name);
}

static bool add_cube(struct protection *p, struct table *t, const struct spec *sp,
                     const char *scope)
{
    struct cube q = {.sp = sp, .t = t, .scope = scope};
    size_t n = t->nrows ? t->nrows : 1;
    q.coord = malloc(n * 3 * sizeof *q.coord);
    q.is_total = calloc(n, sizeof *q.is_total);
    q.pmap = strmap_new();
    for (int d = 0; d < 3; d++)
        q.vmap[d] = strmap_new();
    bool ok = q.coord && q.is_total && q.pmap && q.vmap[0] && q.vmap[1] && q.vmap[2];
    if (!ok)
        fail(p, "out of memory", t->name);
    for (int d = 0; ok && d < sp->ndims; d++) {
        q.dimcol[d] = sp->dims[d].col ? col_of(t, sp->dims[d].col) : -1;
        q.dimcol2[d] = sp->dims[d].col2 ? col_of(t, sp->dims[d].col2) : -1;
        if (sp->dims[d].col && q.dimcol[d] < 0)
            ok = fail(p, "no such column", sp->dims[d].col);
    }
    char v[400];
    for (size_t r = 0; ok && r < t->nrows; r++)
        for (int d = 0; ok && d < sp->ndims; d++) {
            dim_value(&q, r, d, v, sizeof v);
            int i = -1;
            if (!strcmp(v, TOTAL_WORD))
                q.is_total[r] = true;
            else if ((i = value_index(&q, d, v, true)) < 0)
                ok = fail(p, "too many values", t->name);
            q.coord[r * 3 + (size_t)d] = i;
        }
    int mcol[10];
    for (int m = 0; ok && m < sp->nmeas; m++)
        if ((mcol[m] = col_of(t, sp->meas[m].col)) < 0)
            ok = fail(p, "no such column", sp->meas[m].col);
    if (ok && !cube_index(&q))
        ok = fail(p, "out of memory", t->name);
    /* The cells, each marked where it is printed (published mode: as it is printed). */
    size_t body = t->nrows;
    for (size_t r = 0; ok && r < body; r++)
        for (int m = 0; ok && m < sp->nmeas && !q.is_total[r]; m++) {
            int c[3] = {q.coord[r * 3], q.coord[r * 3 + 1], q.coord[r * 3 + 2]};
            long var = cube_count(p, &q, m, mcol[m], c);
            ok = var >= 0 && add_mark(p, (struct mark){t, r, mcol[m], var, -1, -1}) &&
                 print_as(p, var, table_cell(t, r, mcol[m]));
        }
    for (int m = 0; ok && m < sp->nmeas; m++)
        ok = cube_sums(p, &q, m, mcol[m]);
    for (int m = 0; ok && m < sp->nmeas; m++)
        ok = cube_bounds(p, &q, m, mcol[m]);
    /* Sums within a row, and cells computed from a count of their row. */
    for (size_t r = 0; ok && r < body; r++) {
        for (int k = 0; ok && k < 5 && sp->rowsum[k][0]; k++) {
            long var[4];
            size_t nv = 0;
            bool rest = false;
            for (int i = 0; i < 4 && sp->rowsum[k][i]; i++) {
                rest |= !strcmp(sp->rowsum[k][i], "~");
                int c = col_of(t, sp->rowsum[k][i]);
                for (size_t mk = p->nmarks; c >= 0 && mk-- > 0;)
                    if (p->marks[mk].t == t && p->marks[mk].row == r && p->marks[mk].col == c) {
                        var[nv++] = p->marks[mk].var;
                        break;
                    }
            }
            if (rest && nv > 1 && !q.is_total[r]) {
                int m = 0, c[3] = {q.coord[r * 3], q.coord[r * 3 + 1], q.coord[r * 3 + 2]};
                while (m < sp->nmeas - 1 && strcmp(sp->meas[m].col, sp->rowsum[k][0]))
                    m++;
                char key[512];
                cube_key(&q, &sp->meas[m], c, key, sizeof key);
                ok = add_rest(p, key, var[0], var + 1, nv - 1, sp->rowsum[k][1]);
            } else if (!rest && nv > 1 && !sdc_sum(p->s, var[0], var + 1, nv - 1)) {
                ok = fail(p, "a row that does not add up", t->name);
            }
        }
        for (int k = 0; ok && k < 2 && sp->derived[k][0] && !q.is_total[r]; k++) {
            int c = col_of(t, sp->derived[k][0]), from = col_of(t, sp->derived[k][1]);
            long fv = -1;
            for (size_t mk = p->nmarks; from >= 0 && mk-- > 0;)
                if (p->marks[mk].t == t && p->marks[mk].row == r && p->marks[mk].col == from) {
                    fv = p->marks[mk].var;
                    break;
                }
            if (c >= 0 && fv >= 0)
                ok = add_mark(p, (struct mark){t, r, c, -1, fv, -1});
        }
    }
    /* Shares of the cases with a known value tell that count: cases = known + unknown. */
    if (ok && sp->known) {
        int cc = col_of(t, "cases");
        uint64_t unknown = 0;
        int unknown_hidden = 0;
        bool has_unknown = false;
        for (size_t r = 0; r < body; r++)
            if (!strcmp(text(t, r, 0), "unknown")) {
                unknown = num(t, r, cc);
                unknown_hidden = table_cell(t, r, cc)->hidden;
                has_unknown = true;
            }
        char key[256], d[80];
        const char *dims[] = {scope[0] ? scope : NULL, NULL};
        protect_key(key, sizeof key, "cases", dims);
        long cases = lookup(p, key);
        if (cases >= 0 && has_unknown) {
            snprintf(d, sizeof d, "%s=(known)", sp->dims[0].name);
            const char *dk[] = {d, scope[0] ? scope : NULL, NULL};
            protect_key(key, sizeof key, "cases", dk);
            bool cases_shown = sdc_state(p->s, cases) == SDC_SHOWN;
            uint64_t known_value = p->published
                                       ? (cases_shown && !unknown_hidden
                                              ? sdc_value(p->s, cases) - unknown : 0)
                                       : sdc_value(p->s, cases) - unknown;
            long known = count(p, key, known_value, SDC_MARGIN);
            snprintf(d, sizeof d, "%s=unknown", sp->dims[0].name);
            const char *du[] = {d, scope[0] ? scope : NULL, NULL};
            protect_key(key, sizeof key, "cases", du);
            long unk = lookup(p, key);
            long parts[2] = {known, unk};
            ok = known >= 0 && unk >= 0 && sdc_sum(p->s, cases, parts, 2);
            /* The shares follow the known count too. */
            for (size_t mk = 0; ok && mk < p->nmarks; mk++)
                if (p->marks[mk].t == t && p->marks[mk].var < 0)
                    p->marks[mk].from2 = known;
            /* Published: the known count is printed only through the shares; without them it
             * is just a difference, not a count anyone hid. */
            if (ok && p->published) {
                bool share_shown = false;
                int sc = col_of(t, "share");
                for (size_t r = 0; sc >= 0 && r < body; r++)
                    share_shown |= table_cell(t, r, sc)->kind == CELL_REAL &&
                                   !table_cell(t, r, sc)->hidden;
                if (!share_shown)
                    sdc_hide(p->s, known, SDC_UNKNOWN);
            }
        }
    }
    if (ok && !p->published)
        ok = margin_rows(p, &q, mcol);
    for (int d = 0; d < 3; d++) {
        for (int i = 0; i < q.nv[d]; i++)
            free(q.values[d][i]);
        free(q.values[d]);
        strmap_free(q.vmap[d]);
    }
    strmap_free(q.pmap);
    free(q.sums);
    free(q.parts);
    free(q.coord);
    free(q.is_total);
    free(q.margins);
    return ok && !p->failed;
}

/* ---- special tables ----------------------------------------------------------------------- */

/* Sums among the summary's counts: {total, the rest's name, parts ...}. A rest is a count
 * printed nowhere, the total less the parts; without one (NULL) the parts add up. */
static const char *const summary_rests[][6] = {
    {"victims", NULL, "victims_female", "victims_male", "victims_sex_unknown"},
    {"victims", NULL, "victims_minor", "victims_adult", "victims_age_unknown"},
    {"victims", "id_document", "victims_without_id_document", NULL},
    {"victims", "assisted", "victims_assisted", NULL},
    {"suspects_identified", "sex", "suspects_female", "suspects_male", NULL},
    {"suspects_identified", "foreign", "suspects_foreign", NULL},
    {"suspects_identified", "detained", "suspects_detained", NULL},
    {"suspects_identified", "prosecuted", "suspects_prosecuted", NULL},
    {"suspects_identified", "convicted", "suspects_convicted", NULL},
};

static bool add_summary(struct protection *p, struct table *t, const char *scope)
{
    enum { NK = sizeof summary_keys / sizeof *summary_keys };
    long var[NK];
    char keys[NK][256];
    for (size_t i = 0; i < NK; i++)
        var[i] = -1;
    for (size_t r = 0; r < t->nrows; r++) {
        const char *metric = text(t, r, 0);
        for (size_t i = 0; i < NK; i++) {
            if (strcmp(metric, summary_keys[i].metric))
                continue;
            const char *dims[] = {summary_keys[i].dim ? summary_keys[i].dim : scope,
                                  summary_keys[i].dim && scope[0] ? scope : NULL, NULL};
            if (!dims[0][0])
                dims[0] = NULL;
            protect_key(keys[i], sizeof keys[i], summary_keys[i].measure, dims);
            long v = count(p, keys[i], p->published ? 0 : num(t, r, 1), SDC_MARGIN);
            if (v < 0 || !add_mark(p, (struct mark){t, r, 1, v, -1, -1}) ||
                !print_as(p, v, table_cell(t, r, 1)))
                return false;
            var[i] = v;
        }
    }
    for (size_t j = 0; j < sizeof summary_rests / sizeof *summary_rests; j++) {
        long total = -1, parts[3];
        size_t n = 0, total_i = 0;
        bool all = true;
        for (size_t i = 0; i < NK; i++) {
            if (!strcmp(summary_keys[i].metric, summary_rests[j][0]))
                total = var[total_i = i];
            for (int k = 2; k < 6 && summary_rests[j][k]; k++)
                if (!strcmp(summary_keys[i].metric, summary_rests[j][k])) {
                    all &= var[i] >= 0;
                    parts[n++] = var[i];
                }
        }
        if (total < 0 || !all || !n)
            continue;
        if (summary_rests[j][1] ? !add_rest(p, keys[total_i], total, parts, n, summary_rests[j][1])
                                : !sdc_sum(p->s, total, parts, n))
            return fail(p, "a sum of the summary that does not add up", summary_rests[j][0]);
    }
    return true;
}

static bool add_tip(struct protection *p, struct table *t, const char *scope)
{
    long sentences = -1, convictions = -1;
    char conv_key[256] = "";
    for (size_t r = 0; r < t->nrows; r++) {
        const char *m = text(t, r, 0);
        for (size_t i = 0; i < sizeof tip_keys / sizeof *tip_keys; i++) {
            if (strcmp(m, tip_keys[i].measure))
                continue;
            long var[2] = {-1, -1};
            char key[2][256];
            for (int c = 1; c <= 2; c++) {
                const char *base = c == 1 ? tip_keys[i].total : tip_keys[i].labour;
                if (!base)
                    continue;
                if (scope[0])
                    snprintf(key[c - 1], sizeof key[0], "%s|%s", base, scope);
                else
                    snprintf(key[c - 1], sizeof key[0], "%s", base);
                long v = count(p, key[c - 1], p->published ? 0 : num(t, r, c),
                               c == 1 ? SDC_MARGIN : SDC_CELL);
                if (v < 0 || !add_mark(p, (struct mark){t, r, c, v, -1, -1}) ||
                    !print_as(p, v, table_cell(t, r, c)))
                    return false;
                var[c - 1] = v;
            }
            /* The labour cases are part of the total: the rest is not labour trafficking. */
            if (var[1] >= 0 && !add_rest(p, key[0], var[0], &var[1], 1, "labour"))
                return false;
            if (!strcmp(m, "sentences"))
                sentences = var[0];
            if (!strcmp(m, "convictions")) {
                convictions = var[0];
                snprintf(conv_key, sizeof conv_key, "%s", key[0]);
            }
        }
    }
    /* The convicted with a sentence length are part of the convicted. */
    if (sentences >= 0 && convictions >= 0 &&
        !add_rest(p, conv_key, convictions, &sentences, 1, "sentence"))
        return false;
    /* The lengths of a few sentences would name the convicted: they follow their count. */
    for (size_t r = 0; r < t->nrows && sentences >= 0; r++)
        if (!strncmp(text(t, r, 0), "sentence_", 9) &&
            !add_mark(p, (struct mark){t, r, 1, -1, sentences, -1}))
            return false;
    return true;
}

/* Foreign = every country but Peru and unknown, in a table by nationality. */
static bool add_foreign(struct protection *p, const struct table *t, const char *measure,
                        const char *country_col, const char *scope)
{
    int cc = col_of(t, country_col);
    if (cc < 0)
        return true;
    char key[256];
    const char *fd[] = {"nationality=foreign", scope[0] ? scope : NULL, NULL};
    protect_key(key, sizeof key, measure, fd);
    long foreign = lookup(p, key);
    if (foreign < 0)
        return true;
    long parts[512];
    size_t n = 0;
    for (size_t r = 0; r < t->nrows && n < 512; r++) {
        const char *c = text(t, r, cc);
        if (!strcmp(c, "Peru") || !strcmp(c, "unknown"))
            continue;
        char d[200];
        snprintf(d, sizeof d, "nationality=%s", c);
        const char *dims[] = {d, scope[0] ? scope : NULL, NULL};
        protect_key(key, sizeof key, measure, dims);
        long v = lookup(p, key);
        bool dup = false;
        for (size_t i = 0; i < n; i++)
            dup |= parts[i] == v;
        if (v >= 0 && !dup)
            parts[n++] = v;
    }
    if (!sdc_sum(p->s, foreign, parts, n))
        return fail(p, "foreign counts do not add up", t->name);
    return true;
}

bool protect_count_column(const char *table, const char *col)
{
    if (!strcmp(table, "summary"))
        return !strcmp(col, "value");
    if (!strcmp(table, "tip_law_enforcement"))
        return !strcmp(col, "total") || !strcmp(col, "labour");
    for (size_t i = 0; i < sizeof specs / sizeof *specs; i++)
        if (!strcmp(specs[i].table, table))
            for (int m = 0; m < specs[i].nmeas; m++)
                if (!strcmp(specs[i].meas[m].col, col))
                    return true;
    return false;
}

bool protect_tables(struct protection *p, struct tableset *ts, const char *scope, bool printed,
                    struct tp_error *err)
{
    p->err = err;
    p->unprinted = !printed;
    for (size_t i = 0; i < sizeof specs / sizeof *specs && !p->failed; i++)
        for (size_t j = 0; j < ts->n; j++)
            if (!strcmp(ts->t[j]->name, specs[i].table)) {
                ts->t[j]->public_k = (uint8_t)p->k;
                add_cube(p, ts->t[j], &specs[i], scope);
            }
    for (size_t j = 0; j < ts->n && !p->failed; j++) {
        struct table *t = ts->t[j];
        if (!strcmp(t->name, "summary")) {
            t->public_k = (uint8_t)p->k;
            add_summary(p, t, scope);
        } else if (!strcmp(t->name, "tip_law_enforcement")) {
            t->public_k = (uint8_t)p->k;
            add_tip(p, t, scope);
        } else if (!strcmp(t->name, "unodc_persons_by_citizenship")) {
            add_foreign(p, t, "psuspects", "citizenship", scope);
        } else if (!strcmp(t->name, "suspects_by_nationality")) {
            add_foreign(p, t, "suspects", "nationality", scope);
        }
    }
    p->unprinted = false;
    return !p->failed;
}

void protect_freeze(struct protection *p) { sdc_freeze(p->s); }

struct link {
    long base, part, entry; /* counts; the base's key entry */
};

static int cmp_link(const void *a, const void *b)
{
    const struct link *x = a, *y = b;
    return x->base != y->base ? (x->base > y->base) - (x->base < y->base)
                              : (x->part > y->part) - (x->part < y->part);
}

bool protect_link_regions(struct protection *p, struct tp_error *err)
{
    p->err = err;
    size_t n = strmap_count(p->keys);
    struct link *l = malloc((n ? n : 1) * sizeof *l);
    if (!l)
        return fail(p, "out of memory", "regions");
    size_t nl = 0;
    char base[512];
    for (size_t e = 0; e < n; e++) {
        size_t len;
        const char *key = strmap_key(p->keys, (long)e, &len);
        const char *at = NULL;
        for (const char *c = memchr(key, '|', len); c; c = memchr(c + 1, '|', len - (size_t)(c + 1 - key)))
            if ((size_t)(key + len - c) > 8 && !memcmp(c, "|region=", 8)) {
                at = c;
                break;
            }
        if (!at || len >= sizeof base)
            continue;
        const char *end = memchr(at + 1, '|', len - (size_t)(at + 1 - key));
        size_t cut = (size_t)((end ? end : key + len) - at), head = (size_t)(at - key);
        memcpy(base, key, head);
        memcpy(base + head, at + cut, len - head - cut);
        long b = strmap_find(p->keys, base, len - cut);
        if (b >= 0)
            l[nl++] = (struct link){(long)strmap_value(p->keys, b),
                                    (long)strmap_value(p->keys, (long)e), b};
    }
    qsort(l, nl, sizeof *l, cmp_link);
    long parts[64]; /* a region each */
    for (size_t i = 0; i < nl && !p->failed;) {
        size_t np = 0, j = i;
        for (; j < nl && l[j].base == l[i].base; j++)
            if (np < sizeof parts / sizeof *parts)
                parts[np++] = l[j].part;
        if (j - i > np || !sdc_sum(p->s, l[i].base, parts, np)) {
            size_t klen;
            const char *k = strmap_key(p->keys, l[i].entry, &klen);
            snprintf(base, sizeof base, "%.*s", (int)klen, k);
            fail(p, "the regions do not add up to the country", base);
        }
        i = j;
    }
    free(l);
    return !p->failed;
}

bool protect_run(struct protection *p, struct sdc_stats *stats, struct tp_error *err)
{
    p->err = err;
    if (p->failed)
        return false;
    sdc_primary(p->s);
    if (!sdc_secondary(p->s, stats))
        return fail(p, "the suppression failed", "out of memory or solver error");
    for (size_t i = 0; i < p->nmarks; i++) {
        const struct mark *m = &p->marks[i];
        int st;
        if (m->var >= 0) {
            st = sdc_state(p->s, m->var);
        } else {
            bool hid = sdc_state(p->s, m->from) != SDC_SHOWN ||
                       (m->from2 >= 0 && sdc_state(p->s, m->from2) != SDC_SHOWN);
            st = hid ? MARK_DERIVED : SDC_SHOWN;
        }
        table_hide(m->t, m->row, m->col, st);
    }
    return true;
}

enum sdc_state protect_state(const struct protection *p, const char *key)
{
    long v = lookup(p, key);
    return v < 0 ? SDC_UNKNOWN : sdc_state(p->s, v);
}

void protect_explain(const struct protection *p, FILE *f)
{
    size_t n = sdc_count(p->s);
    struct sdc_interval *iv = calloc(n ? n : 1, sizeof *iv);
    const char **key = calloc(n ? n : 1, sizeof *key);
    size_t *len = calloc(n ? n : 1, sizeof *len);
    if (!iv || !key || !len || sdc_check(p->s, iv, NULL) < 0) {
        fprintf(f, "cannot explain: out of memory or no solution\n");
    } else {
        for (size_t e = 0; e < strmap_count(p->keys); e++) {
            long v = (long)strmap_value(p->keys, (long)e);
            key[v] = strmap_key(p->keys, (long)e, &len[v]);
        }
        for (size_t v = 0; v < n; v++) {
            enum sdc_state st = sdc_state(p->s, (long)v);
            bool given = p->published && v < p->nprinted && p->printed[v] == 3;
            bool implied = sdc_role_of(p->s, (long)v) == SDC_IMPLIED;
            bool hid = st == SDC_PRIMARY || st == SDC_SECONDARY || implied;
            bool pinned = hid && iv[v].hi >= 0 && iv[v].hi - iv[v].lo < 1 - 1e-6 &&
                          (st == SDC_PRIMARY && !implied
                               ? p->k != 2
                               : iv[v].lo > 0.5 && iv[v].lo < p->k - 0.5);
            if (given)
                fprintf(f, "  %.*s: printed hidden in one place and shown in another\n",
                        (int)len[v], key[v] ? key[v] : "?");
            else if (pinned && implied)
                fprintf(f, "  %.*s: printed nowhere, but it can be worked out: %.0f\n",
                        (int)len[v], key[v] ? key[v] : "?", iv[v].lo);
            else if (pinned)
                fprintf(f, "  %.*s: hidden as %s, but it can only be %.0f\n", (int)len[v],
                        key[v] ? key[v] : "?", st == SDC_PRIMARY ? "<k" : "x", iv[v].lo);
        }
    }
    free(iv);
    free(key);
    free(len);
}

long protect_check(const struct protection *p)
{

    long given_away = 0;
    for (size_t v = 0; p->published && v < p->nprinted; v++)
        given_away += p->printed[v] == 3;
    long r = sdc_check(p->s, NULL, NULL);
    return r < 0 ? r : r + given_away;
}

/* ---- routes ------------------------------------------------------------------------------- */

struct table *protect_merge_routes(const struct table *routes, int k)
{
    struct table *t = table_new(routes->name, routes->ncols, routes->cols);
    uint64_t cases[2] = {0, 0}, victims[2] = {0, 0}; /* internal, international */
    bool merged[2] = {false, false};
    for (size_t r = 0; t && r < routes->nrows; r++) {
        if (num(routes, r, 5) < (uint64_t)k) {
            int s = !strcmp(text(routes, r, 3), "international");
            cases[s] += num(routes, r, 4);
            victims[s] += num(routes, r, 5);
            merged[s] = true;
            continue;
        }
        size_t n = table_row(t, NULL);
        for (int c = 0; c < 4; c++)
            table_text(t, n, c, text(routes, r, c));
        table_int(t, n, 4, num(routes, r, 4));
        table_int(t, n, 5, num(routes, r, 5));
    }
    for (int s = 0; t && s < 2; s++) {
        if (!merged[s])
            continue;
        size_t n = table_row(t, NULL);
        table_text(t, n, 0, "other");
        table_text(t, n, 1, "");
        table_text(t, n, 2, "other");
        table_text(t, n, 3, s ? "international" : "internal");
        table_int(t, n, 4, cases[s]);
        table_int(t, n, 5, victims[s]);
    }
    return t;
}
