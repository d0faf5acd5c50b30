/* cube.c: a table by dimensions as counts and sums, from its definition: cells, totals, rows. */
#include "count/aggregate.h"
#include "protect/links.h"
#include "protect/system.h"
#include "read/vocab.h"
#include "util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TOTAL_WORD "total"
#define MAX_DIMS TABLEDEF_MAX_DIMS
#define MAX_VALUES 64 /* of a multi-valued dimension summed (cube_at_least) */

/* A dimension: its columns in the table (a value joined from several: "city/region"). */
struct cdim {
    const struct coldef *cd;
    int col[4];
    const char *sep[4];
    int ncols;
};

/* A position in a cube: each dimension's value index, -1 for its total. */
struct pos {
    int32_t c[MAX_DIMS];
};

struct margin {
    int c[MAX_DIMS]; /* -1: the total over that dimension */
    int m;           /* measure */
    long var;
};

struct cube {
    const struct tabledef *d;
    struct table *t;
    const char *scope;
    struct cdim dims[MAX_DIMS];
    int ndims;
    const struct coldef *meas[TABLE_MAX_COLS];
    int mcol[TABLE_MAX_COLS], nmeas;
    char **values[MAX_DIMS]; /* distinct values, in the table's order */
    size_t *vrow[MAX_DIMS];  /* the row each value is first met in */
    size_t vcap[MAX_DIMS];
    int nv[MAX_DIMS];
    struct strmap *vmap[MAX_DIMS]; /* value -> index */
    struct strmap *pmap;           /* struct pos -> index into sums */
    uint64_t *sums;                /* [position][column]: the body's sums at every position */
    size_t npos, pcap;
    int *coord;     /* [row * MAX_DIMS + d]; -1 a total row's "total" */
    bool *is_total; /* [row]: a row of totals (published mode) */
    size_t body;    /* the rows before any total this adds */
    struct margin *margins;
    size_t nmargins, mcap;
    long *parts; /* of the sum being built */
    size_t partcap;
};

static void coords(const struct cube *q, size_t r, int *c)
{
    for (int d = 0; d < MAX_DIMS; d++)
        c[d] = q->coord[r * MAX_DIMS + (size_t)d];
}

static int value_index(struct cube *q, int d, const char *v, size_t row)
{
    bool added;
    long e = strmap_intern(q->vmap[d], v, strlen(v), (uint32_t)q->nv[d], &added);
    if (e < 0)
        return -1;
    if (!added)
        return (int)strmap_value(q->vmap[d], e);
    size_t cap = q->vcap[d];
    if (!grow((void **)&q->values[d], &cap, (size_t)q->nv[d], sizeof(char *), 64) ||
        !grow((void **)&q->vrow[d], &q->vcap[d], (size_t)q->nv[d], sizeof(size_t), 64))
        return -1;
    q->vrow[d][q->nv[d]] = row;
    q->values[d][q->nv[d]] = strdup(v);
    return q->values[d][q->nv[d]] ? q->nv[d]++ : -1;
}

/* The value of dimension d in row r: its column, joined with its other parts. */
static void dim_value(const struct cube *q, size_t r, int d, char *out, size_t size)
{
    const struct cdim *dm = &q->dims[d];
    const char *v = sys_text(q->t, r, dm->col[0]);
    size_t o = (size_t)snprintf(out, size, "%s", v);
    for (int i = 1; i < dm->ncols && strcmp(v, TOTAL_WORD) && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "%s%s", dm->sep[i],
                              sys_text(q->t, r, dm->col[i]));
}

/* Whether the scope goes without saying at coordinates c: a table by region in a region's
 * scope (its own row), or a row of the country's in a table of country rows (a route of its
 * own, not the "other" routes merged by protect_merge_routes). */
static bool scope_implied(const struct cube *q, const int *c)
{
    const char *eq = strchr(q->scope, '=');
    size_t n = eq ? (size_t)(eq - q->scope) : 0;
    for (int i = 0; i < q->ndims; i++) {
        const char *key = q->dims[i].cd->key;
        if (strlen(key) == n && !strncmp(key, q->scope, n) && c[i] >= 0)
            return true;
        if (q->d->country_rows && c[i] >= 0 && strncmp(q->values[i][c[i]], "other>", 6))
            return true;
    }
    return false;
}

/* The key of measure m at coordinates c (-1: the total over that dimension). */
static void cube_key(const struct cube *q, int m, const int *c, char *out, size_t size)
{
    char parts[MAX_DIMS][200];
    const char *d[MAX_DIMS + 3];
    int n = 0;
    for (int i = 0; i < q->ndims; i++) {
        const struct coldef *dm = q->dims[i].cd;
        if (c[i] >= 0) {
            if (dm->omit && !strcmp(q->values[i][c[i]], dm->omit))
                continue;
            snprintf(parts[n], sizeof parts[n], "%s=%s", dm->key, q->values[i][c[i]]);
        } else if (dm->kind == DIM_PARTIAL) {
            size_t o = (size_t)snprintf(parts[n], sizeof parts[n], "%s=(", dm->key);
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
    if (q->meas[m]->extra)
        d[n++] = q->meas[m]->extra;
    if (q->scope[0] && !scope_implied(q, c))
        d[n++] = q->scope;
    d[n] = NULL;
    protect_key(out, size, q->meas[m]->measure, d);
}

/* The sums of every column at every position a body row falls in (its own, and with any of
 * the dimensions that add up replaced by their total), computed once. */
static bool cube_index(struct cube *q)
{
    int add[MAX_DIMS], na = 0;
    size_t nc = (size_t)q->t->ncols;
    for (int d = 0; d < q->ndims; d++)
        if (q->dims[d].cd->kind != DIM_NONADD)
            add[na++] = d;
    for (size_t r = 0; r < q->t->nrows; r++) {
        if (q->is_total[r])
            continue;
        for (int mask = 0; mask < 1 << na; mask++) {
            struct pos ps;
            coords(q, r, ps.c);
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
                    uint64_t *n = realloc(q->sums, cap * nc * sizeof *n);
                    if (!n)
                        return false;
                    q->sums = n;
                    q->pcap = cap;
                }
                memset(&q->sums[q->npos * nc], 0, nc * sizeof *q->sums);
                q->npos++;
            }
            for (size_t c = 0; c < nc; c++)
                q->sums[at * nc + c] += sys_num(q->t, r, (int)c);
        }
    }
    return true;
}

/* The sum of column mc over the body rows at position c (-1: any); *any: there are some. */
static uint64_t cube_sum(const struct cube *q, int mc, const int *c, bool *any)
{
    struct pos ps = {{-1, -1, -1}};
    for (int d = 0; d < q->ndims; d++)
        ps.c[d] = c[d];
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
        for (int i = 0; i < q->ndims && match; i++)
            match = q->coord[r * MAX_DIMS + (size_t)i] == c[i];
        if (match)
            return (long)r;
    }
    return -1;
}

/* The count at coordinates c of measure m: a cell, or a total made (and remembered for its
 * row) when new. Published mode: the total as its row prints it, or unknown. */
static long cube_count(struct protection *p, struct cube *q, int m, const int *c)
{
    int mc = q->mcol[m];
    bool any, cell = true;
    for (int i = 0; i < q->ndims; i++)
        cell &= c[i] >= 0;
    char key[512];
    cube_key(q, m, c, key, sizeof key);
    if (cell || !p->published) {
        uint64_t v = p->published ? 0 : cube_sum(q, mc, c, &any);
        /* Met before under this name (a count another name links to gets its row here). */
        long e = strmap_find(p->keys, key, strlen(key));
        long var = sys_count(p, key, v, cell ? SDC_CELL : SDC_MARGIN);
        if (var < 0 || cell || e >= 0)
            return var;
        /* A new total: it gets a row of its own in the table, marked like the rest. */
        if (!grow((void **)&q->margins, &q->mcap, q->nmargins, sizeof *q->margins, 64)) {
            sys_fail(p, "out of memory", key);
            return -1;
        }
        q->margins[q->nmargins++] = (struct margin){{c[0], c[1], c[2]}, m, var};
        return var;
    }
    long r = total_row(q, c);
    if (r < 0)
        return sys_count(p, key, 0, SDC_FREE);
    long var = sys_count(p, key, 0, SDC_MARGIN);
    if (var >= 0 && !sys_print_as(p, var, table_cell(q->t, (size_t)r, mc)))
        return -1;
    return var;
}

/* total = the sum along dimension d at position cc (cc[d] ignored), when it has rows. */
static bool sum_along(struct protection *p, struct cube *q, int m, int d, int *cc)
{
    bool any;
    cc[d] = -1;
    cube_sum(q, q->mcol[m], cc, &any);
    if (!any)
        return true;
    long tv = cube_count(p, q, m, cc);
    size_t np = 0;
    for (int v = 0; v < q->nv[d] && tv >= 0; v++) {
        cc[d] = v;
        cube_sum(q, q->mcol[m], cc, &any);
        if (!any)
            continue;
        long pv = cube_count(p, q, m, cc);
        if (pv < 0)
            return false;
        if (!grow((void **)&q->parts, &q->partcap, np, sizeof *q->parts, 64))
            return sys_fail(p, "out of memory", q->t->name);
        q->parts[np++] = pv;
    }
    if (tv < 0 || !sdc_sum(p->s, tv, q->parts, np))
        return sys_fail(p, "a total that is not the sum of its parts", q->t->name);
    return true;
}

/* Every sum of measure m: for each dimension that adds up, and every position of the others
 * (their values, and their totals when they add up too), total = the sum along it. */
static bool cube_sums(struct protection *p, struct cube *q, int m)
{
    /* A table of the country's rows has no total: the victims of every route touching a
     * region are no count a reader needs, and such a total would tie each region's routes to
     * the country's (every route counted, small ones too, is one of the country's). */
    if (q->d->country_rows)
        return true;
    for (int d = 0; d < q->ndims; d++) {
        if (q->dims[d].cd->kind == DIM_NONADD)
            continue;
        /* Odometer over the other dimensions: -1 is their total. */
        int c[MAX_DIMS] = {0, 0, 0}, lo[MAX_DIMS] = {0, 0, 0};
        for (int i = 0; i < q->ndims; i++)
            c[i] = lo[i] = i == d || q->dims[i].cd->kind == DIM_NONADD ? 0 : -1;
        for (;;) {
            int cc[MAX_DIMS] = {c[0], c[1], c[2]};
            if (!sum_along(p, q, m, d, cc))
                return false;
            int i = 0;
            for (; i < q->ndims; i++) {
                if (i == d)
                    continue;
                if (c[i] + 1 < q->nv[i]) {
                    c[i]++;
                    break;
                }
                c[i] = lo[i];
            }
            if (i == q->ndims)
                break;
        }
    }
    return true;
}

/* A value of a dimension that does not add up (a form of exploitation) counts part of the
 * total without it, when one is published: cell + slack = total, the slack unknown. */
static bool cube_bounds(struct protection *p, struct cube *q, int m)
{
    for (int d = 0; d < q->ndims; d++) {
        if (q->dims[d].cd->kind != DIM_NONADD)
            continue;
        for (size_t r = 0; r < q->t->nrows; r++) {
            if (q->is_total[r])
                continue;
            int c[MAX_DIMS];
            coords(q, r, c);
            char key[512], slack[600];
            cube_key(q, m, c, key, sizeof key);
            long cell = sys_lookup(p, key);
            c[d] = -1;
            cube_key(q, m, c, slack, sizeof slack);
            long total = sys_lookup(p, slack);
            if (cell < 0 || total < 0 || cell == total) /* the value omitted is the whole */
                continue;
            snprintf(slack, sizeof slack, "%s|slack", key);
            uint64_t tv = sdc_value(p->s, total), cv = sdc_value(p->s, cell);
            long sl = sys_count(p, slack, p->published || cv > tv ? 0 : tv - cv, SDC_FREE);
            long parts[2] = {cell, sl};
            if (sl < 0 || !sdc_sum(p->s, total, parts, 2))
                return sys_fail(p, "a part larger than its total", key);
        }
    }
    return true;
}

/* The values of a multi-valued dimension's fixed set, unknown included; 0 for another set. */
static int nonadd_values(const struct coldef *cd)
{
    int v = tabledef_vocab(cd->values);
    if (v >= 0)
        return vocabs[v].ncodes + 1;
    return cd->values == VS_UNODC_FORM ? UF_N : 0;
}

/* Every case or victim has a value of a multi-valued field, unknown included, and a fixed set
 * prints every value (docs/report-tables.md): where all are printed and the total without the
 * field is a count, they add up to at least that total. (A reader adds them up: transport
 * road 16 and river 3 of 23 cases leave air and unknown, each <3, at 2 and 2.) */
static bool cube_at_least(struct protection *p, struct cube *q, int m)
{
    for (int d = 0; d < q->ndims; d++) {
        int n = nonadd_values(q->dims[d].cd);
        if (q->dims[d].cd->kind != DIM_NONADD || n != q->nv[d] || n > MAX_VALUES)
            continue;
        for (size_t r = 0; r < q->t->nrows; r++) {
            int c[MAX_DIMS];
            coords(q, r, c);
            if (q->is_total[r] || c[d] != 0)
                continue;
            long parts[MAX_VALUES];
            uint64_t sum = 0;
            int i = 0;
            for (; i < n; i++) {
                char key[512];
                c[d] = i;
                cube_key(q, m, c, key, sizeof key);
                if ((parts[i] = sys_lookup(p, key)) < 0)
                    break;
                sum += sdc_value(p->s, parts[i]);
            }
            char total_key[512], sum_key[600];
            c[d] = -1;
            cube_key(q, m, c, total_key, sizeof total_key);
            long total = sys_lookup(p, total_key);
            if (i < n || total < 0 || (!p->published && sum < sdc_value(p->s, total)))
                continue;
            snprintf(sum_key, sizeof sum_key, "%s|%ssum", total_key, q->dims[d].cd->key);
            if (sys_lookup(p, sum_key) >= 0)
                continue; /* the same field's sum, from another table */
            long s = sys_count(p, sum_key, p->published ? 0 : sum, SDC_FREE);
            if (s < 0 || !(sdc_sum(p->s, s, parts, (size_t)n) ||
                           sys_fail(p, "values that do not add up", sum_key)) ||
                !links_tie(p, sum_key, s, &total, 1, "atleast"))
                return false;
        }
    }
    return true;
}

/* Writes the counts of margin i (and of every other measure at its position) into row r. */
static bool margin_counts(struct protection *p, struct cube *q, size_t i, size_t r)
{
    struct table *t = q->t;
    const struct margin *mg = &q->margins[i];
    for (size_t j = i; j < q->nmargins; j++) {
        const struct margin *mj = &q->margins[j];
        if (memcmp(mj->c, mg->c, sizeof mg->c))
            continue;
        table_int(t, r, q->mcol[mj->m], sdc_value(p->s, mj->var));
        if (!sys_mark(p, (struct mark){t, r, q->mcol[mj->m], mj->var, -1, -1}))
            return false;
    }
    /* The other measures' totals, printed before in another table: here too, as there. */
    for (int m = 0; m < q->nmeas; m++) {
        if (table_cell(t, r, q->mcol[m])->kind != CELL_TEXT)
            continue;
        char key[512];
        int c[MAX_DIMS] = {mg->c[0], mg->c[1], mg->c[2]};
        cube_key(q, m, c, key, sizeof key);
        long var = sys_lookup(p, key);
        if (var >= 0) {
            table_int(t, r, q->mcol[m], sdc_value(p->s, var));
            if (!sys_mark(p, (struct mark){t, r, q->mcol[m], var, -1, -1}))
                return false;
        }
    }
    return true;
}

/* The totals as rows at the table's end: "total" in each dimension summed over (its value,
 * as its first row has it, in the others), the counts of every measure (0 where a measure
 * has no such total), marked by protect_run. */
static bool margin_rows(struct protection *p, struct cube *q)
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
        for (int d = 0; d < q->ndims; d++) {
            const struct cdim *dm = &q->dims[d];
            if (mg->c[d] < 0) {
                table_text(t, r, dm->col[0], TOTAL_WORD);
                continue;
            }
            size_t from = q->vrow[d][mg->c[d]];
            for (int k = 0; k < dm->ncols; k++)
                table_text(t, r, dm->col[k], sys_text(t, from, dm->col[k]));
        }
        if (!margin_counts(p, q, i, r))
            return false;
    }
    return !t->oom || sys_fail(p, "out of memory", t->name);
}

/* The columns of d's dimensions and measures in t. */
static bool cube_columns(struct protection *p, struct cube *q)
{
    const struct tabledef *d = q->d;
    for (int c = 0; c < d->ncols; c++) {
        const struct coldef *cd = &d->cols[c];
        int col = sys_col(q->t, cd->name);
        if (col < 0 && (cd->role == ROLE_DIM || cd->role == ROLE_COUNT))
            return sys_fail(p, "no such column", cd->name);
        if (cd->role == ROLE_DIM && cd->sep) {
            struct cdim *dm = &q->dims[q->ndims - 1];
            dm->sep[dm->ncols] = cd->sep;
            dm->col[dm->ncols++] = col;
        } else if (cd->role == ROLE_DIM) {
            if (q->ndims == MAX_DIMS)
                return sys_fail(p, "more dimensions than public mode protects", d->name);
            q->dims[q->ndims++] = (struct cdim){.cd = cd, .col = {col}, .ncols = 1};
        } else if (cd->role == ROLE_COUNT) {
            q->meas[q->nmeas] = cd;
            q->mcol[q->nmeas++] = col;
        }
    }
    return true;
}

/* Reads the rows' coordinates and the body's sums. */
static bool cube_open(struct protection *p, struct cube *q)
{
    struct table *t = q->t;
    size_t n = t->nrows ? t->nrows : 1;
    q->coord = malloc(n * MAX_DIMS * sizeof *q->coord);
    q->is_total = calloc(n, sizeof *q->is_total);
    q->pmap = strmap_new();
    for (int d = 0; d < MAX_DIMS; d++)
        q->vmap[d] = strmap_new();
    if (!q->coord || !q->is_total || !q->pmap || !q->vmap[0] || !q->vmap[1] || !q->vmap[2])
        return sys_fail(p, "out of memory", t->name);
    if (!cube_columns(p, q))
        return false;
    char v[400];
    for (size_t r = 0; r < t->nrows; r++)
        for (int d = 0; d < MAX_DIMS; d++) {
            int i = -1;
            if (d < q->ndims) {
                dim_value(q, r, d, v, sizeof v);
                if (!strcmp(v, TOTAL_WORD))
                    q->is_total[r] = true;
                else if ((i = value_index(q, d, v, r)) < 0)
                    return sys_fail(p, "too many values", t->name);
            }
            q->coord[r * MAX_DIMS + (size_t)d] = i;
        }
    q->body = t->nrows;
    return cube_index(q) || sys_fail(p, "out of memory", t->name);
}

/* The counts of row r by their column, as marked. */
static int cube_measure(const struct cube *q, const char *col)
{
    for (int m = 0; m < q->nmeas; m++)
        if (!strcmp(q->meas[m]->name, col))
            return m;
    return -1;
}

/* Sums within a row among its columns, and cells computed from a count of their row. */
static bool cube_row(struct protection *p, struct cube *q, size_t r)
{
    const struct tabledef *d = q->d;
    struct table *t = q->t;
    for (int k = 0; k < d->nrow_sums; k++) {
        const struct sumdef *sd = &d->row_sums[k];
        long var[5];
        size_t nv = 0;
        for (int i = -1; i < 4 && (i < 0 || sd->parts[i]); i++) {
            int c = sys_col(t, i < 0 ? sd->total : sd->parts[i]);
            long v = c >= 0 ? sys_marked(p, t, r, c) : -1;
            if (v >= 0) /* as marked: a row of totals has no marks */
                var[nv++] = v;
        }
        if (sd->rest && nv > 1 && !q->is_total[r]) {
            int c[MAX_DIMS], m = cube_measure(q, sd->total);
            coords(q, r, c);
            char key[512];
            cube_key(q, m < 0 ? q->nmeas - 1 : m, c, key, sizeof key);
            if (!sys_rest(p, key, var[0], var + 1, nv - 1, sd->rest))
                return false;
        } else if (!sd->rest && nv > 1 && !sdc_sum(p->s, var[0], var + 1, nv - 1)) {
            return sys_fail(p, "a row that does not add up", t->name);
        }
    }
    for (int c = 0; c < d->ncols && !q->is_total[r]; c++) {
        const struct coldef *cd = &d->cols[c];
        if (cd->role != ROLE_SHARE && cd->role != ROLE_RATE)
            continue;
        int col = sys_col(t, cd->name), from = sys_col(t, cd->from);
        long fv = from >= 0 ? sys_marked(p, t, r, from) : -1;
        if (col >= 0 && fv >= 0 && !sys_mark(p, (struct mark){t, r, col, -1, fv, -1}))
            return false;
    }
    return true;
}

/* A dimension whose known values are a printed count (the whole of its shares): the count
 * of the first measure = known + unknown, and the shares follow the known count too. */
static bool cube_known(struct protection *p, struct cube *q, size_t first_mark)
{
    struct table *t = q->t;
    const char *scope = q->scope;
    int kd = -1;
    for (int d = 0; d < q->ndims; d++)
        if (q->dims[d].cd->known)
            kd = d;
    if (kd < 0)
        return true;
    const char *dim = q->dims[kd].cd->key, *measure = q->meas[0]->measure;
    int cc = q->mcol[0], vc = q->dims[kd].col[0];
    uint64_t unknown = 0;
    int unknown_hidden = 0;
    bool has_unknown = false;
    for (size_t r = 0; r < q->body; r++)
        if (!strcmp(sys_text(t, r, vc), "unknown")) {
            unknown = sys_num(t, r, cc);
            unknown_hidden = table_cell(t, r, cc)->hidden;
            has_unknown = true;
        }
    char key[256], d[80];
    const char *dims[] = {scope[0] ? scope : NULL, NULL};
    protect_key(key, sizeof key, measure, dims);
    long whole = sys_lookup(p, key);
    if (whole < 0 || !has_unknown)
        return true;
    snprintf(d, sizeof d, "%s=(known)", dim);
    const char *dk[] = {d, scope[0] ? scope : NULL, NULL};
    protect_key(key, sizeof key, measure, dk);
    bool whole_shown = sdc_state(p->s, whole) == SDC_SHOWN;
    uint64_t wv = sdc_value(p->s, whole);
    uint64_t known_value = !p->published ? wv - unknown
                           : whole_shown && !unknown_hidden ? wv - unknown : 0;
    long known = sys_count(p, key, known_value, SDC_MARGIN);
    snprintf(d, sizeof d, "%s=unknown", dim);
    const char *du[] = {d, scope[0] ? scope : NULL, NULL};
    protect_key(key, sizeof key, measure, du);
    long unk = sys_lookup(p, key);
    long parts[2] = {known, unk};
    if (known < 0 || unk < 0 || !sdc_sum(p->s, whole, parts, 2))
        return sys_fail(p, "the known and unknown values do not add up", t->name);
    for (size_t mk = first_mark; mk < p->nmarks; mk++)
        if (p->marks[mk].t == t && p->marks[mk].var < 0)
            p->marks[mk].from2 = known;
    /* Published: the known count is printed only through the shares; without them it is
     * just a difference, not a count anyone hid. */
    if (p->published) {
        bool share_shown = false;
        for (int c = 0; c < q->d->ncols; c++) {
            int sc = q->d->cols[c].role == ROLE_SHARE ? sys_col(t, q->d->cols[c].name) : -1;
            for (size_t r = 0; sc >= 0 && r < q->body; r++)
                share_shown |= table_cell(t, r, sc)->kind == CELL_REAL &&
                               !table_cell(t, r, sc)->hidden;
        }
        if (!share_shown)
            sdc_hide(p->s, known, SDC_UNKNOWN);
    }
    return true;
}

static void cube_free(struct cube *q)
{
    for (int d = 0; d < MAX_DIMS; d++) {
        for (int i = 0; i < q->nv[d]; i++)
            free(q->values[d][i]);
        free(q->values[d]);
        free(q->vrow[d]);
        strmap_free(q->vmap[d]);
    }
    strmap_free(q->pmap);
    free(q->sums);
    free(q->parts);
    free(q->coord);
    free(q->is_total);
    free(q->margins);
}

bool cube_add(struct protection *p, struct table *t, const struct tabledef *d,
              const char *scope)
{
    struct cube q = {.d = d, .t = t, .scope = scope};
    size_t first_mark = p->nmarks;
    bool ok = cube_open(p, &q);
    /* The cells, each marked where it is printed (published mode: as it is printed). */
    for (size_t r = 0; ok && r < q.body; r++)
        for (int m = 0; ok && m < q.nmeas && !q.is_total[r]; m++) {
            int c[MAX_DIMS];
            coords(&q, r, c);
            long var = cube_count(p, &q, m, c);
            ok = var >= 0 && sys_mark(p, (struct mark){t, r, q.mcol[m], var, -1, -1}) &&
                 sys_print_as(p, var, table_cell(t, r, q.mcol[m]));
        }
    for (int m = 0; ok && m < q.nmeas; m++)
        ok = cube_sums(p, &q, m);
    for (int m = 0; ok && m < q.nmeas; m++)
        ok = cube_bounds(p, &q, m) && cube_at_least(p, &q, m);
    for (size_t r = 0; ok && r < q.body; r++)
        ok = cube_row(p, &q, r);
    if (ok)
        ok = cube_known(p, &q, first_mark);
    if (ok && !p->published)
        ok = margin_rows(p, &q);
    cube_free(&q);
    return ok && !p->failed;
}
