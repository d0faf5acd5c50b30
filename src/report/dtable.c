/* dtable.c: display tables: their columns, computed cells, totals, and cells as printed. */
#include "report/view.h"
#include "report/change.h"
#include "util/number.h"

#include <assert.h>
#include <stdio.h>
#include <string.h>

static const char *const blank_names[TABLE_MAX_COLS] = {""};

void dt_title(struct ctx *c, struct dtable *t, const char *id)
{
    snprintf(t->id, sizeof t->id, "%s", id);
    snprintf(t->title, sizeof t->title, "%s", L(c, "table", id));
}

int dt_col(struct ctx *c, struct dtable *t, int *ncols, const char *label_key,
           enum col_kind kind, bool sum)
{
    assert(*ncols < TABLE_MAX_COLS && "a view's widest table is asserted where it is built");
    int i = (*ncols)++;
    struct dcol *d = &t->cols[i];
    snprintf(d->label, sizeof d->label, "%s", label_key ? L(c, "column", label_key) : "");
    d->kind = kind;
    d->sum = sum;
    return i;
}

void dt_cols(struct ctx *c, struct dtable *t, int *ncols, const struct colspec *cs, size_t k)
{
    for (size_t i = 0; i < k; i++)
        dt_col(c, t, ncols, cs[i].label, cs[i].kind, cs[i].sum);
}

bool dt_body(struct ctx *c, struct dtable *t, int ncols)
{
    t->body = table_new(t->id, ncols, blank_names);
    if (!t->body && !c->failed) {
        tp_fail(c->err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        c->failed = true;
    }
    return t->body != NULL;
}

bool dt_begin(struct ctx *c, struct dtable *t, const char *id, bool total,
              const struct colspec *cs, size_t k)
{
    dt_title(c, t, id);
    int n = 0;
    dt_cols(c, t, &n, cs, k);
    t->total = total;
    return dt_body(c, t, n);
}

/* The previous period's columns: previous, change, change %; col is the current count. */
void dt_compare_cols(struct ctx *c, struct dtable *t, int *ncols, int col)
{
    t->compared = true;
    int prev = *ncols;
    snprintf(t->cols[dt_col(c, t, ncols, NULL, COL_COUNT, t->cols[col].sum)].label,
             sizeof t->cols[0].label, "%s", L(c, "word", "previous"));
    int d = dt_col(c, t, ncols, NULL, COL_DIFF, false);
    snprintf(t->cols[d].label, sizeof t->cols[d].label, "%s", L(c, "word", "change"));
    t->cols[d].a = col;
    t->cols[d].b = prev;
    int p = dt_col(c, t, ncols, NULL, COL_DIFF_PCT, false);
    snprintf(t->cols[p].label, sizeof t->cols[p].label, "%s %%", L(c, "word", "change"));
    t->cols[p].a = col;
    t->cols[p].b = prev;
}

double dtable_number(const struct dtable *t, size_t row, int col)
{
    const struct cell *cl = table_cell(t->body, row, col);
    return cl->kind == CELL_INT ? (double)cl->v.i : cl->kind == CELL_REAL ? cl->v.r : 0;
}

double dtable_total(const struct dtable *t, int col)
{
    const struct dcol *d = &t->cols[col];
    if (d->kind == COL_DIFF)
        return dtable_total(t, d->a) - dtable_total(t, d->b);
    if (d->kind == COL_DIFF_PCT) {
        double b = dtable_total(t, d->b);
        return change_pct_shown(b) ? (dtable_total(t, d->a) - b) / b : 0;
    }
    double s = 0;
    for (size_t r = 0; r < t->body->nrows; r++)
        s += dtable_number(t, r, col);
    return s;
}

/* Whether every body cell of col is empty (and there is one). */
static bool column_empty(const struct dtable *t, int col)
{
    for (size_t r = 0; r < t->body->nrows; r++)
        if (table_cell(t->body, r, col)->kind != CELL_EMPTY)
            return false;
    return t->body->nrows > 0;
}

const char *dtable_empty_text(const struct report *r, const struct dtable *t)
{
    return t->withheld ? t->note : r->no_data;
}

void dtable_cell_text(const struct report *r, const struct dtable *t, size_t row, int col,
                      char *out, size_t size)
{
    const struct dcol *d = &t->cols[col];
    bool total = row == t->body->nrows;
    const struct cell *cl = total ? NULL : table_cell(t->body, row, col);
    out[0] = '\0';
    if (d->kind == COL_TEXT) {
        if (!total)
            snprintf(out, size, "%s", table_cell_text(t->body, cl));
        else if (col == 0)
            snprintf(out, size, "%s", r->total_label);
        return;
    }
    if (total && !d->sum && d->kind != COL_DIFF && d->kind != COL_DIFF_PCT)
        return;
    if (total && column_empty(t, col))
        return; /* a count the source does not give (count/gives.h) has no total either */
    int hidden = dtable_mark(t, row, col);
    if (!hidden && !total && cl->kind == CELL_EMPTY)
        return;
    if (hidden) {
        if (hidden == SDC_PRIMARY)
            snprintf(out, size, "<%d", r->public_k);
        else
            snprintf(out, size, "x");
        return;
    }
    double v = total ? dtable_total(t, col) : dtable_number(t, row, col);
    switch (d->kind) {
    case COL_COUNT:
    case COL_ROWSUM:
        number_count((uint64_t)(v + 0.5), r->lang, out, size);
        break;
    case COL_PERCENT:
        number_percent(v, r->lang, out, size);
        break;
    case COL_RATE:
        number_decimal(v, 2, r->lang, out, size);
        break;
    case COL_DIFF:
        number_signed((long long)(v < 0 ? v - 0.5 : v + 0.5), r->lang, out, size);
        break;
    case COL_DIFF_PCT:
        if (total && !change_pct_shown(dtable_total(t, d->b)))
            return;
        number_percent_signed(v, r->lang, out, size);
        break;
    case COL_TEXT:
        break;
    }
}

/* Fills the computed columns of every row. */
void dt_finish(struct dtable *t)
{
    for (size_t r = 0; r < t->body->nrows; r++)
        for (int col = 0; col < t->body->ncols; col++) {
            const struct dcol *d = &t->cols[col];
            if (d->kind == COL_DIFF) {
                table_real(t->body, r, col, dtable_number(t, r, d->a) - dtable_number(t, r, d->b),
                           0);
            } else if (d->kind == COL_DIFF_PCT) {
                double b = dtable_number(t, r, d->b);
                if (change_pct_shown(b)) /* else empty: the difference says it */
                    table_real(t->body, r, col, (dtable_number(t, r, d->a) - b) / b, 4);
            } else if (d->kind == COL_ROWSUM) {
                double s = 0;
                for (int k = d->a; k <= d->b; k++)
                    s += dtable_number(t, r, k);
                table_int(t->body, r, col, (uint64_t)s);
            }
        }
}

/* Whether change % column col would print nothing: every base (the previous count) shown
 * and under CHANGE_PCT_MIN_BASE, the total's too. A hidden base keeps the column, so that
 * whether it is printed says nothing of a hidden count. */
static bool change_pct_empty(const struct dtable *t, int col)
{
    int b = t->cols[col].b;
    for (size_t r = 0; r < t->body->nrows; r++)
        if (table_cell(t->body, r, b)->hidden || change_pct_shown(dtable_number(t, r, b)))
            return false;
    return !(t->total && (t->total_mark[b] || change_pct_shown(dtable_total(t, b))));
}

/* Column col out of the table: the cells, names, marks and computed columns' references. */
static void drop_col(struct dtable *t, int col)
{
    struct table *b = t->body;
    int n = b->ncols;
    for (size_t r = 0; r < b->nrows; r++)
        for (int k = 0, to = 0; k < n; k++)
            if (k != col)
                b->cells[r * (size_t)(n - 1) + (size_t)to++] = b->cells[r * (size_t)n + (size_t)k];
    for (int k = col; k + 1 < n; k++) {
        b->cols[k] = b->cols[k + 1];
        t->cols[k] = t->cols[k + 1];
        t->total_mark[k] = t->total_mark[k + 1];
        t->total_marked[k] = t->total_marked[k + 1];
    }
    b->ncols = n - 1;
    for (int k = 0; k < b->ncols; k++) {
        t->cols[k].a -= t->cols[k].kind != COL_TEXT && t->cols[k].a > col;
        t->cols[k].b -= t->cols[k].kind != COL_TEXT && t->cols[k].b > col;
    }
}

void dt_drop_empty_changes(struct dtable *t)
{
    for (int col = t->body->ncols - 1; col >= 0; col--)
        if (t->cols[col].kind == COL_DIFF_PCT && change_pct_empty(t, col))
            drop_col(t, col);
}

/* A share of whole in column col, computed from the count in column from. */
void share(struct dtable *t, size_t r, int col, int from, uint64_t n, uint64_t whole)
{
    t->cols[col].a = from;
    t->whole = whole;
    if (whole)
        table_real(t->body, r, col, (double)n / (double)whole, 4);
}

