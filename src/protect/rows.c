/* rows.c: a table of keyed rows (summary, tip_law_enforcement) as counts and sums; foreign. */
#include "protect/system.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_SIZE 256

/* The counts of a table's keyed rows: per definition row and count column, count and key. */
struct rowvars {
    const struct tabledef *d;
    int ncount, count_col[TABLE_MAX_COLS]; /* the definition's count columns */
    long *var;                             /* [row * ncount + i], -1: not in the table */
    char (*key)[KEY_SIZE];
};

static long *var_at(struct rowvars *v, const struct rowdef *rd, int i)
{
    return &v->var[(size_t)(rd - v->d->rows) * (size_t)v->ncount + (size_t)i];
}

static char *key_at(struct rowvars *v, const struct rowdef *rd, int i)
{
    return v->key[(size_t)(rd - v->d->rows) * (size_t)v->ncount + (size_t)i];
}

/* The count of count column i in row r, keyed by the row's measure and dims, the column's
 * extra dim and the scope. */
static bool row_count(struct protection *p, struct rowvars *v, struct table *t, size_t r,
                      const struct rowdef *rd, int i, const char *scope)
{
    const struct coldef *cd = &v->d->cols[v->count_col[i]];
    int c = sys_col(t, cd->name);
    if (c < 0)
        return sys_fail(p, "no such column", cd->name);
    const char *dims[6];
    int n = 0;
    for (int k = 0; k < 3 && rd->dims[k]; k++)
        dims[n++] = rd->dims[k];
    if (cd->extra)
        dims[n++] = cd->extra;
    if (scope[0])
        dims[n++] = scope;
    dims[n] = NULL;
    char *key = key_at(v, rd, i);
    protect_key(key, KEY_SIZE, rd->measure, dims);
    long var = sys_count(p, key, p->published ? 0 : sys_num(t, r, c),
                         cd->total ? SDC_MARGIN : SDC_CELL);
    if (var < 0 || !sys_mark(p, (struct mark){t, r, c, var, -1, -1}) ||
        !sys_print_as(p, var, table_cell(t, r, c)))
        return false;
    *var_at(v, rd, i) = var;
    return true;
}

/* The count column (its index among them) of name, or -1. */
static int count_index(const struct rowvars *v, const char *name)
{
    for (int i = 0; i < v->ncount; i++)
        if (!strcmp(v->d->cols[v->count_col[i]].name, name))
            return i;
    return -1;
}

/* total = parts (+ a rest), when every one is in the table. */
static bool row_sum(struct protection *p, const struct sumdef *sd, const char *total_key,
                    long total, const long *parts, size_t n)
{
    if (total < 0 || !n)
        return true;
    for (size_t i = 0; i < n; i++)
        if (parts[i] < 0)
            return true;
    if (sd->rest)
        return sys_rest(p, total_key, total, parts, n, sd->rest);
    return sdc_sum(p->s, total, parts, n) ||
           sys_fail(p, "a sum of keyed rows that does not add up", sd->total);
}

/* Within row rd: the sums among its count columns. */
static bool sums_in_row(struct protection *p, struct rowvars *v, const struct rowdef *rd)
{
    for (int k = 0; k < v->d->nrow_sums; k++) {
        const struct sumdef *sd = &v->d->row_sums[k];
        int ti = count_index(v, sd->total);
        long parts[4];
        size_t n = 0;
        for (int i = 0; i < 4 && sd->parts[i]; i++) {
            int pi = count_index(v, sd->parts[i]);
            parts[n++] = pi < 0 ? -1 : *var_at(v, rd, pi);
        }
        if (ti >= 0 && !row_sum(p, sd, key_at(v, rd, ti), *var_at(v, rd, ti), parts, n))
            return false;
    }
    return true;
}

/* Among rows: sums of the first count column's counts. */
static bool sums_of_rows(struct protection *p, struct rowvars *v)
{
    for (int k = 0; k < v->d->nsums_of_rows; k++) {
        const struct sumdef *sd = &v->d->sums_of_rows[k];
        const struct rowdef *total = tabledef_row(v->d, sd->total);
        long parts[4];
        size_t n = 0;
        for (int i = 0; i < 4 && sd->parts[i]; i++)
            parts[n++] = *var_at(v, tabledef_row(v->d, sd->parts[i]), 0);
        if (!row_sum(p, sd, key_at(v, total, 0), *var_at(v, total, 0), parts, n))
            return false;
    }
    return true;
}

static bool add_rows(struct protection *p, struct rowvars *v, struct table *t,
                     const char *scope)
{
    const struct tabledef *d = v->d;
    int kc = sys_col(t, d->cols[0].name);
    if (kc < 0)
        return sys_fail(p, "no such column", d->cols[0].name);
    for (size_t r = 0; r < t->nrows; r++) {
        const struct rowdef *rd = tabledef_row(d, sys_text(t, r, kc));
        if (!rd || rd->kind != ROW_COUNT)
            continue;
        for (int i = 0; i < v->ncount && (i == 0 || !rd->alone); i++)
            if (!row_count(p, v, t, r, rd, i, scope))
                return false;
        if (!sums_in_row(p, v, rd))
            return false;
    }
    if (!sums_of_rows(p, v))
        return false;
    /* Values computed from a count (a sentence's length) follow it: a few would name it. */
    int c0 = sys_col(t, d->cols[v->count_col[0]].name);
    for (size_t r = 0; r < t->nrows; r++) {
        const struct rowdef *rd = tabledef_row(d, sys_text(t, r, kc));
        long from = rd && rd->kind == ROW_DERIVED ? *var_at(v, tabledef_row(d, rd->from), 0) : -1;
        if (from >= 0 && c0 >= 0 && !sys_mark(p, (struct mark){t, r, c0, -1, from, -1}))
            return false;
    }
    return true;
}

bool rows_add(struct protection *p, struct table *t, const struct tabledef *d,
              const char *scope)
{
    struct rowvars v = {.d = d};
    for (int c = 0; c < d->ncols; c++)
        if (d->cols[c].role == ROLE_COUNT)
            v.count_col[v.ncount++] = c;
    size_t n = (size_t)d->nrows * (size_t)v.ncount;
    v.var = malloc((n ? n : 1) * sizeof *v.var);
    v.key = calloc(n ? n : 1, sizeof *v.key);
    bool ok = v.var && v.key && v.ncount > 0;
    if (!ok)
        sys_fail(p, "out of memory", t->name);
    for (size_t i = 0; ok && i < n; i++)
        v.var[i] = -1;
    ok = ok && add_rows(p, &v, t, scope);
    free(v.var);
    free(v.key);
    return ok;
}

/* Foreign = every country but Peru and unknown, in a table by nationality. */
bool rows_foreign(struct protection *p, const struct table *t, const struct tabledef *d,
                  const char *scope)
{
    const struct coldef *nat = NULL;
    for (int c = 0; c < d->ncols; c++)
        if (d->cols[c].foreign)
            nat = &d->cols[c];
    int cc = nat ? sys_col(t, nat->name) : -1, mc = tabledef_first_count(d);
    if (cc < 0 || mc < 0)
        return true;
    const char *measure = d->cols[mc].measure;
    char key[256];
    const char *fd[] = {"nationality=foreign", scope[0] ? scope : NULL, NULL};
    protect_key(key, sizeof key, measure, fd);
    long foreign = sys_lookup(p, key);
    if (foreign < 0)
        return true;
    long parts[512];
    size_t n = 0;
    for (size_t r = 0; r < t->nrows && n < 512; r++) {
        const char *c = sys_text(t, r, cc);
        if (!strcmp(c, "Peru") || !strcmp(c, "unknown"))
            continue;
        char dim[200];
        snprintf(dim, sizeof dim, "nationality=%s", c);
        const char *dims[] = {dim, scope[0] ? scope : NULL, NULL};
        protect_key(key, sizeof key, measure, dims);
        long v = sys_lookup(p, key);
        bool dup = false;
        for (size_t i = 0; i < n; i++)
            dup |= parts[i] == v;
        if (v >= 0 && !dup)
            parts[n++] = v;
    }
    if (!sdc_sum(p->s, foreign, parts, n))
        return sys_fail(p, "foreign counts do not add up", t->name);
    return true;
}
