/* marks.c: public mode's marks: what hides each printed count, by its key or derived. */
#include "report/view.h"

#include <assert.h>
#include <stdio.h>

int state_of(struct ctx *c, bool prev, const char *measure, const char *const *dims)
{
    const char *key_dims[KEY_MAX_DIMS + 2]; /* dims, a brief's region, NULL */
    int n = 0;
    for (; dims && dims[n]; n++) {
        /* A key of more dimensions than the protection keeps is a builder's mistake: cutting
         * it would look up another count's mark. */
        assert(n < KEY_MAX_DIMS && "a public key has at most KEY_MAX_DIMS dimensions");
        key_dims[n] = dims[n];
    }
    const struct protection *p = prev ? c->in->prot_prev : c->in->prot;
    if (!p)
        return SDC_SHOWN;
    char scope[32];
    if (c->in->region) {
        snprintf(scope, sizeof scope, "region=%02d", c->in->region % 100);
        key_dims[n++] = scope;
    }
    key_dims[n] = NULL;
    char key[512];
    protect_key(key, sizeof key, measure, key_dims);
    enum sdc_state st = protect_state(p, key);
    return st == SDC_UNKNOWN ? MARK_DERIVED : (int)st;
}

void mark(struct ctx *c, struct dtable *t, size_t r, int col, bool prev, const char *measure,
          const char *const *dims)
{
    if (!(prev ? c->in->prot_prev : c->in->prot))
        return;
    int m = state_of(c, prev, measure, dims);
    if (r == t->body->nrows) {
        t->total_mark[col] = (uint8_t)m;
        t->total_marked[col] = true;
    } else {
        table_hide(t->body, r, col, m);
    }
}

int dtable_hidden(const struct dtable *t, size_t row, int col)
{
    return row == t->body->nrows ? t->total_mark[col] : table_cell(t->body, row, col)->hidden;
}

int dtable_mark(const struct dtable *t, size_t row, int col)
{
    const struct dcol *d = &t->cols[col];
    if (d->kind == COL_TEXT)
        return 0;
    if (row == t->body->nrows)
        return t->total_mark[col];
    /* An empty cell stays empty; a change from a hidden count is hidden even where a known
     * zero would leave it empty (a reader must not learn the zero). */
    const struct cell *cl = table_cell(t->body, row, col);
    return cl->kind != CELL_EMPTY || d->kind == COL_DIFF_PCT ? cl->hidden : 0;
}

static int hidden_at(const struct dtable *t, size_t r, int col)
{
    return table_cell(t->body, r, col)->hidden;
}

/* Public mode: a computed cell is hidden when what it is computed from is (a row total the
 * builder did not mark by its key, a change, a share); a total is hidden by the same rule
 * unless its builder marked it, but for the total of the shares of a shown whole. */
void derive_marks(struct dtable *t)
{
    for (size_t r = 0; r < t->body->nrows; r++)
        for (int col = 0; col < t->body->ncols; col++) {
            const struct dcol *d = &t->cols[col];
            bool hid = false;
            if (d->kind == COL_DIFF || d->kind == COL_DIFF_PCT)
                hid = hidden_at(t, r, d->a) || hidden_at(t, r, d->b);
            else if (d->kind == COL_ROWSUM && !t->rowsum_marked)
                for (int k = d->a; k <= d->b; k++)
                    hid |= hidden_at(t, r, k) != 0;
            else if (d->kind == COL_PERCENT && d->a > 0)
                hid = hidden_at(t, r, d->a) || t->whole_hidden;
            if (hid && !hidden_at(t, r, col))
                table_hide(t->body, r, col, MARK_DERIVED);
        }
    for (int col = 0; col < t->body->ncols; col++) {
        const struct dcol *d = &t->cols[col];
        if (t->total_marked[col])
            continue;
        bool hid = false;
        if (d->kind == COL_DIFF || d->kind == COL_DIFF_PCT)
            hid = t->total_mark[d->a] || t->total_mark[d->b];
        else if (d->kind == COL_PERCENT && d->a > 0 && !t->whole_hidden)
            hid = false; /* the shares of a shown whole add up to 100 %: hiding says nothing */
        else
            for (size_t r = 0; r < t->body->nrows; r++)
                hid |= hidden_at(t, r, col) != 0;
        t->total_mark[col] = hid ? MARK_DERIVED : 0;
    }
}

