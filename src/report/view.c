/* view.c: what every view and chart builder reads: labels, the public tables, their cells. */
#include "report/view.h"

#include <stdio.h>
#include <string.h>

/* The counts the document is about: the country's, or a brief's region's. */
const struct agg_period *cur_period(const struct ctx *c)
{
    return c->in->ap ? c->in->ap : &c->in->agg->period[0];
}

const char *L(struct ctx *c, const char *section, const char *key)
{
    const char *s = labels_need(c->in->labels, section, key, c->failed ? NULL : c->err);
    if (!s) {
        c->failed = true;
        return "";
    }
    return s;
}

const struct table *pub(struct ctx *c, const char *name, bool prev)
{
    const struct tableset *ts = prev ? c->in->prev : c->in->cur;
    return ts ? tableset_find(ts, name) : NULL;
}

const char *text_at(const struct table *t, size_t r, const char *col)
{
    return table_cell_text(t, table_cell(t, r, table_col(t, col)));
}

uint64_t int_at(const struct table *t, size_t r, const char *col)
{
    const struct cell *cl = table_cell(t, r, table_col(t, col));
    return cl->kind == CELL_INT ? cl->v.i : 0;
}

long find_row(const struct table *t, const char *key_col, const char *key)
{
    if (!t)
        return -1;
    int k = table_col(t, key_col);
    for (size_t r = 0; r < t->nrows; r++)
        if (!strcmp(table_cell_text(t, table_cell(t, r, k)), key))
            return (long)r;
    return -1;
}

uint64_t count_of(const struct table *t, const char *key_col, const char *key, const char *col)
{
    long r = find_row(t, key_col, key);
    return r < 0 ? 0 : int_at(t, (size_t)r, col);
}

uint64_t known_total(const struct table *t, const char *key_col, const char *col)
{
    uint64_t n = 0;
    for (size_t i = 0, nb = body_rows(t); i < nb; i++)
        n += int_at(t, i, col);
    return n - count_of(t, key_col, "unknown", col);
}

void copy_count(struct dtable *t, size_t r, int col, const struct table *p, size_t pr,
                const char *pcol)
{
    const struct cell *cl = table_cell(p, pr, table_col(p, pcol));
    if (cl->kind == CELL_EMPTY)
        return; /* a count the source does not give (count/gives.h): empty, not 0 */
    table_int(t->body, r, col, cl->kind == CELL_INT ? cl->v.i : 0);
    table_hide(t->body, r, col, cl->hidden);
}

void copy_found(struct ctx *c, struct dtable *t, size_t r, int col, const struct table *p,
                const char *key_col, const char *key, const char *pcol)
{
    long k = find_row(p, key_col, key);
    if (k >= 0) {
        copy_count(t, r, col, p, (size_t)k, pcol);
    } else {
        table_int(t->body, r, col, 0);
        /* A table's missing row is a zero, but a public summary's is a metric it does not
         * print (a brief of few cases prints its totals alone): unknown. */
        if (c->in->prot && p && !strcmp(p->name, "summary"))
            table_hide(t->body, r, col, MARK_DERIVED);
    }
}

size_t unknown_last(const struct table *p, const char *col, size_t g, size_t i)
{
    size_t n = body_rows(p);
    long u = find_row(p, col, "unknown");
    if (u < 0 || (size_t)u + g >= n || i < (size_t)u)
        return i;
    return i + g < n ? i + g : i + g - n + (size_t)u;
}

int unknown_hidden(const struct table *p, const char *key_col, const char *col)
{
    long u = find_row(p, key_col, "unknown");
    return u < 0 ? 0 : table_cell(p, (size_t)u, table_col(p, col))->hidden;
}

/* Rows of a public table before its totals (public mode appends them as "total" rows). */
size_t body_rows(const struct table *t)
{
    if (!t)
        return 0;
    for (size_t r = 0; r < t->nrows; r++)
        for (int c = 0; c < t->ncols; c++) {
            const struct cell *cl = table_cell(t, r, c);
            if (cl->kind == CELL_TEXT && !strcmp(table_cell_text(t, cl), "total"))
                return r;
        }
    return t->nrows;
}

/* "name=value" for a key, in a small rotating buffer. */
const char *kv(const char *name, const char *value)
{
    static char buf[8][256];
    static int i;
    char *b = buf[i++ % 8];
    snprintf(b, sizeof buf[0], "%s=%s", name, value);
    return b;
}

const char *country(struct ctx *c, const char *english)
{
    return figures_country(c->in->agg->places, c->in->labels, english);
}

