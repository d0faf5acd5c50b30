/* table.c: the table model: rows appended by builders, sorted, read by renderers. */
#include "count/table.h"

#include "util/fold.h"

#include <assert.h>
#include <stdlib.h>
#include <string.h>

struct table *table_new(const char *name, int ncols, const char *const *cols)
{
    if (ncols < 1 || ncols > TABLE_MAX_COLS)
        return NULL;
    struct table *t = calloc(1, sizeof *t);
    if (!t)
        return NULL;
    strncpy(t->name, name, sizeof t->name - 1);
    t->ncols = ncols;
    for (int c = 0; c < ncols; c++)
        t->cols[c] = cols[c];
    return t;
}

void table_free(struct table *t)
{
    if (!t)
        return;
    free(t->cells);
    free(t->sortkey);
    buf_free(&t->text);
    free(t);
}

size_t table_row(struct table *t, const char *sortkey)
{
    if (t->nrows == t->cap) {
        size_t cap = t->cap ? t->cap * 2 : 32;
        struct cell *c = realloc(t->cells, cap * (size_t)t->ncols * sizeof *c);
        if (c)
            t->cells = c;
        size_t *k = realloc(t->sortkey, cap * sizeof *k);
        if (k)
            t->sortkey = k;
        if (!c || !k) {
            t->oom = true;
            return t->nrows ? t->nrows - 1 : 0; /* callers write into a valid row; oom wins */
        }
        t->cap = cap;
    }
    size_t r = t->nrows++;
    memset(&t->cells[r * (size_t)t->ncols], 0, (size_t)t->ncols * sizeof *t->cells);
    t->sortkey[r] = t->text.len;
    if (!buf_adds(&t->text, sortkey ? sortkey : "") || !buf_addc(&t->text, '\0'))
        t->oom = true;
    return r;
}

static struct cell *at(struct table *t, size_t row, int col)
{
    if (row >= t->nrows || col < 0 || col >= t->ncols)
        return NULL;
    return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

void table_text(struct table *t, size_t row, int col, const char *s)
{
    struct cell *c = at(t, row, col);
    if (!c)
        return;
    c->kind = CELL_TEXT;
    c->v.text = t->text.len;
    if (!buf_adds(&t->text, s) || !buf_addc(&t->text, '\0'))
        t->oom = true;
}

void table_int(struct table *t, size_t row, int col, uint64_t v)
{
    struct cell *c = at(t, row, col);
    if (c) {
        c->kind = CELL_INT;
        c->v.i = v;
    }
}

void table_real(struct table *t, size_t row, int col, double v, int decimals)
{
    struct cell *c = at(t, row, col);
    if (c) {
        c->kind = CELL_REAL;
        c->decimals = (uint8_t)decimals;
        c->v.r = v;
    }
}

const struct cell *table_cell(const struct table *t, size_t row, int col)
{
    return &t->cells[row * (size_t)t->ncols + (size_t)col];
}

const char *table_cell_text(const struct table *t, const struct cell *c)
{
    return c->kind == CELL_TEXT ? t->text.p + c->v.text : "";
}

/* qsort is not stable and has no context: sort an index, then permute. */
static const struct table *sorting;
static int sort_c1, sort_c2;
static bool sort_printed;

/* A cell's place in the order, larger first: its count, or in printed order one rank for
 * every hidden cell, between the shown counts and zero (1 is below any shown count > 0). */
static uint64_t rank(const struct table *t, size_t row, int col)
{
    const struct cell *c = table_cell(t, row, col);
    uint64_t v = c->kind == CELL_INT ? c->v.i : 0;
    if (!sort_printed)
        return v;
    return c->hidden ? 1 : v ? v + 1 : 0;
}

static int cmp_rows(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    uint64_t p = rank(sorting, x, sort_c1), q = rank(sorting, y, sort_c1);
    if (p != q)
        return p > q ? -1 : 1;
    if (sort_c2 >= 0) {
        p = rank(sorting, x, sort_c2);
        q = rank(sorting, y, sort_c2);
        if (p != q)
            return p > q ? -1 : 1;
    }
    int k = strcmp(sorting->text.p + sorting->sortkey[x], sorting->text.p + sorting->sortkey[y]);
    if (k)
        return k;
    /* Rows with no sort key (public mode's merged routes): by their words, folded. */
    for (int c = 0; sort_printed && c < sorting->ncols; c++) {
        char fx[128], fy[128];
        const char *tx = table_cell_text(sorting, table_cell(sorting, x, c)),
                   *ty = table_cell_text(sorting, table_cell(sorting, y, c));
        fold_key_to(tx, strlen(tx), fx, sizeof fx);
        fold_key_to(ty, strlen(ty), fy, sizeof fy);
        if ((k = strcmp(fx, fy)))
            return k;
    }
    return x < y ? -1 : x > y;
}

void table_reorder(struct table *t, const size_t *idx, size_t n)
{
    if (n < 2 || n > t->nrows || t->oom)
        return;
    struct cell *cells = malloc(n * (size_t)t->ncols * sizeof *cells);
    size_t *keys = malloc(n * sizeof *keys);
    if (!cells || !keys) {
        t->oom = true;
        free(cells);
        free(keys);
        return;
    }
    for (size_t i = 0; i < n; i++) {
        memcpy(&cells[i * (size_t)t->ncols], &t->cells[idx[i] * (size_t)t->ncols],
               (size_t)t->ncols * sizeof *cells);
        keys[i] = t->sortkey[idx[i]];
    }
    memcpy(t->cells, cells, n * (size_t)t->ncols * sizeof *cells);
    memcpy(t->sortkey, keys, n * sizeof *keys);
    free(cells);
    free(keys);
}

/* Rows 0..n-1. */
static void sort_rows(struct table *t, size_t n, int c1, int c2, bool printed)
{
    if (n < 2 || t->oom)
        return;
    size_t *idx = malloc(n * sizeof *idx);
    if (!idx) {
        t->oom = true;
        return;
    }
    for (size_t i = 0; i < n; i++)
        idx[i] = i;
    sorting = t;
    sort_c1 = c1;
    sort_c2 = c2;
    sort_printed = printed;
    qsort(idx, n, sizeof *idx, cmp_rows);
    sorting = NULL;
    table_reorder(t, idx, n);
    free(idx);
}

void table_sort(struct table *t, int c1, int c2)
{
    t->sorted = true;
    t->sort_c1 = c1;
    t->sort_c2 = c2;
    t->sorted_rows = t->nrows;
    sort_rows(t, t->nrows, c1, c2, false);
}

void table_sort_printed(struct table *t)
{
    if (t->sorted)
        sort_rows(t, t->sorted_rows, t->sort_c1, t->sort_c2, true);
}

void table_sort_printed_rows(struct table *t, size_t n, int c1, int c2)
{
    sort_rows(t, n <= t->nrows ? n : t->nrows, c1, c2, true);
}

bool tableset_add(struct tableset *s, struct table *t)
{
    if (!t)
        return false;
    struct table **n = realloc(s->t, (s->n + 1) * sizeof *n);
    if (!n || t->oom) {
        if (n)
            s->t = n;
        table_free(t);
        return false;
    }
    s->t = n;
    s->t[s->n++] = t;
    return true;
}

const struct table *tableset_find(const struct tableset *s, const char *name)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->t[i]->name, name) == 0)
            return s->t[i];
    return NULL;
}

void tableset_free(struct tableset *s)
{
    for (size_t i = 0; i < s->n; i++)
        table_free(s->t[i]);
    free(s->t);
    s->t = NULL;
    s->n = 0;
}

void table_hide(struct table *t, size_t row, int col, int state)
{
    struct cell *c = at(t, row, col);
    if (c)
        c->hidden = (uint8_t)state;
}

void table_clear(struct table *t, size_t row, int col)
{
    struct cell *c = at(t, row, col);
    if (c)
        *c = (struct cell){.kind = CELL_EMPTY};
}

int table_col(const struct table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    assert(!"a column the table does not have");
    return -1;
}
