/* report.c: the report model from a definition: one builder per display table and chart. */
#include "report/report.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"
#include "util/number.h"
#include "util/version.h"
#include "count/tables.h"

struct ctx {
    const struct report_input *in;
    struct report *r;
    struct tp_error *err;
    bool failed;
};

/* ---- labels and lookups ----------------------------------------------------------------- */

/* The counts the document is about: the country's, or a brief's region's. */
static const struct agg_period *cur_period(const struct ctx *c)
{
    return c->in->ap ? c->in->ap : &c->in->agg->period[0];
}

static const char *L(struct ctx *c, const char *section, const char *key)
{
    const char *s = labels_need(c->in->labels, section, key, c->failed ? NULL : c->err);
    if (!s) {
        c->failed = true;
        return "";
    }
    return s;
}

static const struct table *pub(struct ctx *c, const char *name, bool prev)
{
    const struct tableset *ts = prev ? c->in->prev : c->in->cur;
    return ts ? tableset_find(ts, name) : NULL;
}

static const char *text_at(const struct table *t, size_t r, int col)
{
    return table_cell_text(t, table_cell(t, r, col));
}

static uint64_t int_at(const struct table *t, size_t r, int col)
{
    const struct cell *cl = table_cell(t, r, col);
    return cl->kind == CELL_INT ? cl->v.i : 0;
}

/* The row of t whose column key_col reads key, or -1. */
static long find_row(const struct table *t, int key_col, const char *key)
{
    for (size_t r = 0; t && r < t->nrows; r++)
        if (!strcmp(text_at(t, r, key_col), key))
            return (long)r;
    return -1;
}

static uint64_t count_of(const struct table *t, int key_col, const char *key, int col)
{
    long r = find_row(t, key_col, key);
    return r < 0 ? 0 : int_at(t, (size_t)r, col);
}

/* A count of public table p into a display table, with what public mode hides of it. */
static void copy_count(struct ctx *c, struct dtable *t, size_t r, int col, const struct table *p,
                       size_t pr, int pc)
{
    (void)c;
    table_int(t->body, r, col, int_at(p, pr, pc));
    table_hide(t->body, r, col, table_cell(p, pr, pc)->hidden);
}

/* The count in column src_col of the row of p whose key_col reads key (0 when none), with
 * its mark. */
static void copy_found(struct ctx *c, struct dtable *t, size_t r, int col, const struct table *p,
                       int key_col, const char *key, int src_col)
{
    long k = find_row(p, key_col, key);
    if (k >= 0) {
        copy_count(c, t, r, col, p, (size_t)k, src_col);
    } else {
        table_int(t->body, r, col, 0);
        /* A table's missing row is a zero, but a public summary's is a metric it does not
         * print (a brief of few cases prints its totals alone): unknown. */
        if (c->in->prot && p && !strcmp(p->name, "summary"))
            table_hide(t->body, r, col, MARK_DERIVED);
    }
}

/* Rows of a public table before its totals (public mode appends them as "total" rows). */
static size_t body_rows(const struct table *t)
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

/* Public mode: what a reader may see of the count with key measure|dims (NULL-terminated; in
 * a brief, its region's). A count no table publishes is hidden: the documents never print
 * more than the tables. SDC_SHOWN when not in public mode. */
static int vstate_of(struct ctx *c, bool prev, const char *measure, va_list ap)
{
    const struct protection *p = prev ? c->in->prot_prev : c->in->prot;
    if (!p)
        return SDC_SHOWN;
    const char *dims[9];
    int n = 0;
    for (const char *d; n < 7 && (d = va_arg(ap, const char *));)
        dims[n++] = d;
    char scope[32];
    if (c->in->region) {
        snprintf(scope, sizeof scope, "region=%02d", c->in->region % 100);
        dims[n++] = scope;
    }
    dims[n] = NULL;
    char key[512];
    protect_key(key, sizeof key, measure, dims);
    enum sdc_state st = protect_state(p, key);
    return st == SDC_UNKNOWN ? MARK_DERIVED : (int)st;
}

static int state_of(struct ctx *c, bool prev, const char *measure, ...)
{
    va_list ap;
    va_start(ap, measure);
    int st = vstate_of(c, prev, measure, ap);
    va_end(ap);
    return st;
}

/* The mark of the count printed at (r, col) of t (r == body rows: the total row). */
static void mark(struct ctx *c, struct dtable *t, size_t r, int col, bool prev,
                 const char *measure, ...)
{
    if (!(prev ? c->in->prot_prev : c->in->prot))
        return;
    va_list ap;
    va_start(ap, measure);
    int m = vstate_of(c, prev, measure, ap);
    va_end(ap);
    if (r == t->body->nrows) {
        t->total_mark[col] = (uint8_t)m;
        t->total_marked[col] = true;
    } else {
        table_hide(t->body, r, col, m);
    }
}

/* "name=value" for a key, in a small rotating buffer. */
static const char *kv(const char *name, const char *value)
{
    static char buf[8][256];
    static int i;
    char *b = buf[i++ % 8];
    snprintf(b, sizeof buf[0], "%s=%s", name, value);
    return b;
}

static const char *country(struct ctx *c, const char *english)
{
    return figures_country(c->in->agg->places, c->in->labels, english);
}

/* ---- display tables ----------------------------------------------------------------------- */

static const char *const blank_names[TABLE_MAX_COLS] = {""};

static void dt_title(struct ctx *c, struct dtable *t, const char *id)
{
    snprintf(t->id, sizeof t->id, "%s", id);
    snprintf(t->title, sizeof t->title, "%s", L(c, "table", id));
}

static int dt_col(struct ctx *c, struct dtable *t, int *ncols, const char *label_key,
                  enum col_kind kind, bool sum)
{
    int i = (*ncols)++;
    struct dcol *d = &t->cols[i];
    snprintf(d->label, sizeof d->label, "%s", label_key ? L(c, "column", label_key) : "");
    d->kind = kind;
    d->sum = sum;
    return i;
}

/* Columns as data: label key (in [column]), kind, summed in the total row. */
struct colspec {
    const char *label;
    enum col_kind kind;
    bool sum;
};

static void dt_cols(struct ctx *c, struct dtable *t, int *ncols, const struct colspec *cs, size_t k)
{
    for (size_t i = 0; i < k; i++)
        dt_col(c, t, ncols, cs[i].label, cs[i].kind, cs[i].sum);
}

#define COLSPECS(...) (const struct colspec[]){__VA_ARGS__}, \
    sizeof((const struct colspec[]){__VA_ARGS__}) / sizeof(struct colspec)

static bool dt_body(struct ctx *c, struct dtable *t, int ncols)
{
    t->body = table_new(t->id, ncols, blank_names);
    if (!t->body && !c->failed) {
        tp_fail(c->err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        c->failed = true;
    }
    return t->body != NULL;
}

/* The previous period's columns: previous, change, change %; col is the current count. */
static void dt_compare_cols(struct ctx *c, struct dtable *t, int *ncols, int col)
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
        return b ? (dtable_total(t, d->a) - b) / b : 0;
    }
    double s = 0;
    for (size_t r = 0; r < t->body->nrows; r++)
        s += dtable_number(t, r, col);
    return s;
}

const char *dtable_empty_text(const struct report *r, const struct dtable *t)
{
    return t->withheld ? t->note : r->no_data;
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
        number_count((uint64_t)(v + 0.5), out, size);
        break;
    case COL_PERCENT:
        number_percent(v, out, size);
        break;
    case COL_RATE:
        snprintf(out, size, "%.2f", v);
        break;
    case COL_DIFF:
        snprintf(out, size, "%+.0f", v);
        break;
    case COL_DIFF_PCT:
        if (total && !dtable_total(t, d->b))
            return;
        snprintf(out, size, "%+.1f%%", v * 100);
        break;
    case COL_TEXT:
        break;
    }
}

static int hidden_at(const struct dtable *t, size_t r, int col)
{
    return table_cell(t->body, r, col)->hidden;
}

/* Public mode: a computed cell is hidden when what it is computed from is (a row total the
 * builder did not mark by its key, a change, a share); a total is hidden by the same rule
 * unless its builder marked it. */
static void derive_marks(struct dtable *t)
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
        else
            for (size_t r = 0; r < t->body->nrows; r++)
                hid |= hidden_at(t, r, col) != 0;
        t->total_mark[col] = hid ? MARK_DERIVED : 0;
    }
}

/* Fills the computed columns of every row. */
static void dt_finish(struct dtable *t)
{
    for (size_t r = 0; r < t->body->nrows; r++)
        for (int col = 0; col < t->body->ncols; col++) {
            const struct dcol *d = &t->cols[col];
            if (d->kind == COL_DIFF) {
                table_real(t->body, r, col, dtable_number(t, r, d->a) - dtable_number(t, r, d->b),
                           0);
            } else if (d->kind == COL_DIFF_PCT) {
                double b = dtable_number(t, r, d->b);
                if (b)
                    table_real(t->body, r, col, (dtable_number(t, r, d->a) - b) / b, 4);
            } else if (d->kind == COL_ROWSUM) {
                double s = 0;
                for (int k = d->a; k <= d->b; k++)
                    s += dtable_number(t, r, k);
                table_int(t->body, r, col, (uint64_t)s);
            }
        }
}

/* A share of whole in column col, computed from the count in column from. */
static void share(struct dtable *t, size_t r, int col, int from, uint64_t n, uint64_t whole)
{
    t->cols[col].a = from;
    if (whole)
        table_real(t->body, r, col, (double)n / (double)whole, 4);
}

/* ---- the views ---------------------------------------------------------------------------- */

static bool v_headline(struct ctx *c, struct dtable *t, bool compare)
{
    static const char *const metrics[] = {
        "cases", "victims", "victims_female", "victims_male", "victims_minor",
        "victims_without_id_document", "suspects_identified", "suspects_detained",
        "suspects_prosecuted", "suspects_convicted"};
    dt_title(c, t, "headline");
    int n = 0;
    dt_col(c, t, &n, "metric", COL_TEXT, false);
    int cur = dt_col(c, t, &n, NULL, COL_COUNT, false);
    snprintf(t->cols[cur].label, sizeof t->cols[cur].label, "%s", L(c, "word", "current"));
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cur);
    else if (compare)
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "no_previous"));
    if (!dt_body(c, t, n))
        return false;
    const struct table *s = pub(c, "summary", false), *sp = pub(c, "summary", true);
    for (size_t i = 0; i < sizeof metrics / sizeof *metrics; i++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "metric", metrics[i]));
        long k = find_row(s, 0, metrics[i]);
        if (k >= 0)
            copy_count(c, t, r, 1, s, (size_t)k, 1);
        long kp = prev ? find_row(sp, 0, metrics[i]) : -1;
        if (kp >= 0)
            copy_count(c, t, r, 2, sp, (size_t)kp, 1);
    }
    return true;
}

/* A brief's main figures: its region in the period (and the previous one), and the country. */
static bool v_brief_headline(struct ctx *c, struct dtable *t, bool compare)
{
    static const char *const metrics[] = {"cases", "victims", "victims_female", "victims_male",
                                          "victims_minor"};
    dt_title(c, t, "brief_headline");
    int n = 0;
    dt_col(c, t, &n, "metric", COL_TEXT, false);
    int cur = dt_col(c, t, &n, NULL, COL_COUNT, false);
    const struct region_info *ri = c->in->region ? places_region(c->in->agg->places,
                                                                 c->in->region)
                                                 : NULL;
    snprintf(t->cols[cur].label, sizeof t->cols[cur].label, "%s",
             ri ? ri->name : L(c, "word", "current"));
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cur);
    int nat = dt_col(c, t, &n, NULL, COL_COUNT, false);
    snprintf(t->cols[nat].label, sizeof t->cols[nat].label, "%s", L(c, "word", "national"));
    if (!dt_body(c, t, n))
        return false;
    const struct table *s = pub(c, "summary", false), *sp = pub(c, "summary", true);
    const struct table *ns = c->in->national ? tableset_find(c->in->national, "summary") : s;
    for (size_t i = 0; i < sizeof metrics / sizeof *metrics; i++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "metric", metrics[i]));
        copy_found(c, t, r, 1, s, 0, metrics[i], 1);
        if (prev)
            copy_found(c, t, r, 2, sp, 0, metrics[i], 1);
        copy_found(c, t, r, nat, ns, 0, metrics[i], 1);
    }
    return true;
}

/* A band's column header: its label, or "unknown" in the report's language. */
static const char *band_label(struct ctx *c, const struct age_bands *b, int band)
{
    return band < b->n ? b->label[band] : L(c, "word", "unknown");
}

/* The one-line table of the 2008 cable: cases, victims, by sex, by sex and age band. */
static bool v_victims_summary(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "victims_summary");
    const struct agg_period *ap = cur_period(c);
    const struct age_bands *b = &c->in->agg->bands;
    int n = 0;
    dt_col(c, t, &n, "cases", COL_COUNT, false);
    dt_col(c, t, &n, "victims", COL_COUNT, false);
    dt_col(c, t, &n, "female", COL_COUNT, false);
    dt_col(c, t, &n, "male", COL_COUNT, false);
    uint64_t values[TABLE_MAX_COLS] = {ap->cases, ap->victims, 0, 0};
    const char *band_sex[TABLE_MAX_COLS] = {0}, *band_of[TABLE_MAX_COLS] = {0};
    for (int band = 0; band <= b->n; band++) {
        values[2] += ap->sex_band[SEX_FEMALE][band];
        values[3] += ap->sex_band[SEX_MALE][band];
    }
    for (int s = SEX_FEMALE; s <= SEX_MALE; s++)
        for (int band = 0; band <= b->n && n < TABLE_MAX_COLS; band++) {
            /* The unknown band only when someone is in it. */
            if (band == b->n && !ap->sex_band[s][band])
                continue;
            int col = dt_col(c, t, &n, NULL, COL_COUNT, false);
            snprintf(t->cols[col].label, sizeof t->cols[col].label, "%s %s",
                     L(c, "column", s == SEX_FEMALE ? "female" : "male"),
                     band_label(c, b, band));
            values[col] = ap->sex_band[s][band];
            band_sex[col] = s == SEX_FEMALE ? "female" : "male";
            band_of[col] = age_band_name(b, band);
        }
    if (!dt_body(c, t, n))
        return false;
    size_t r = table_row(t->body, NULL);
    for (int col = 0; col < n; col++)
        table_int(t->body, r, col, values[col]);
    mark(c, t, r, 0, false, "cases", NULL);
    mark(c, t, r, 1, false, "victims", NULL);
    mark(c, t, r, 2, false, "victims", "sex=female", NULL);
    mark(c, t, r, 3, false, "victims", "sex=male", NULL);
    for (int col = 4; col < n; col++) /* "Mujeres 0-17": the sex, then the band */
        mark(c, t, r, col, false, "victims", kv("sex", band_sex[col]), kv("band", band_of[col]),
             NULL);
    return true;
}

static bool v_victims_by_sex_age(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "victims_by_sex_age");
    const struct agg_period *ap = cur_period(c);
    const struct age_bands *b = &c->in->agg->bands;
    int n = 0;
    dt_col(c, t, &n, "sex", COL_TEXT, false);
    for (int band = 0; band <= b->n && n < TABLE_MAX_COLS - 1; band++) {
        int col = dt_col(c, t, &n, NULL, COL_COUNT, true);
        snprintf(t->cols[col].label, sizeof t->cols[col].label, "%s",
                 band_label(c, b, band));
    }
    int tot = dt_col(c, t, &n, NULL, COL_ROWSUM, true);
    snprintf(t->cols[tot].label, sizeof t->cols[tot].label, "%s", L(c, "word", "total"));
    t->cols[tot].a = 1;
    t->cols[tot].b = tot - 1;
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    t->rowsum_marked = true;
    for (int s = 0; s < 3; s++) {
        size_t r = table_row(t->body, NULL);
        const char *sex = vocab_code_name(V_SEX, s);
        table_text(t->body, r, 0, labels_code(c->in->labels, V_SEX, s));
        for (int band = 0; band < tot - 1; band++) {
            table_int(t->body, r, band + 1, ap->sex_band[s][band]);
            mark(c, t, r, band + 1, false, "victims", kv("sex", sex),
                 kv("band", age_band_name(b, band)), NULL);
        }
        mark(c, t, r, tot, false, "victims", kv("sex", sex), NULL);
    }
    for (int band = 0; band < tot - 1; band++)
        mark(c, t, 3, band + 1, false, "victims",
             kv("band", age_band_name(b, band)), NULL);
    mark(c, t, 3, tot, false, "victims", NULL);
    return true;
}

static bool v_cases_by_region(struct ctx *c, struct dtable *t, bool compare)
{
    dt_title(c, t, "cases_by_region");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"region_code", COL_TEXT, false}, {"region", COL_TEXT, false},
                               {"cases", COL_COUNT, true}, {"victims", COL_COUNT, true},
                               {"victims_minor", COL_COUNT, true},
                               {"victims_per_100k", COL_RATE, false}));
    int cases = 2;
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cases);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "cases_by_region", false), *pp = pub(c, "cases_by_region", true);
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        const char *name = text_at(p, i, 1);
        table_text(t->body, r, 0, text_at(p, i, 0));
        table_text(t->body, r, 1, strcmp(name, "unknown") ? name : L(c, "word", "unknown"));
        for (int k = 2; k <= 4; k++)
            copy_count(c, t, r, k, p, i, k);
        const struct cell *rate = table_cell(p, i, 5);
        if (rate->kind == CELL_REAL) {
            table_real(t->body, r, 5, rate->v.r, 2);
            table_hide(t->body, r, 5, rate->hidden);
        }
        if (prev)
            copy_found(c, t, r, 6, pp, 0, text_at(p, i, 0), 2);
    }
    size_t tr = t->body->nrows;
    mark(c, t, tr, 2, false, "cases", NULL);
    mark(c, t, tr, 3, false, "victims", NULL);
    mark(c, t, tr, 4, false, "victims", "minor=yes", NULL);
    if (prev)
        mark(c, t, tr, 6, true, "cases", NULL);
    return true;
}

static bool v_cases_by_city(struct ctx *c, struct dtable *t, bool compare)
{
    dt_title(c, t, "cases_by_city");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"city", COL_TEXT, false}, {"region", COL_TEXT, false},
                               {"cases", COL_COUNT, true}, {"victims", COL_COUNT, true}));
    int cases = 2;
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cases);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "cases_by_city", false), *pp = pub(c, "cases_by_city", true);
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        if (!int_at(p, i, 2) && !int_at(p, i, 3))
            continue;
        size_t r = table_row(t->body, NULL);
        for (int k = 0; k < 2; k++) {
            const char *s = text_at(p, i, k);
            table_text(t->body, r, k, strcmp(s, "unknown") ? s : L(c, "word", "unknown"));
        }
        copy_count(c, t, r, 2, p, i, 2);
        copy_count(c, t, r, 3, p, i, 3);
        if (prev)
            copy_found(c, t, r, 4, pp, 0, text_at(p, i, 0), 2);
    }
    size_t tr = t->body->nrows;
    mark(c, t, tr, 2, false, "cases", NULL);
    mark(c, t, tr, 3, false, "victims", NULL);
    if (prev)
        mark(c, t, tr, 4, true, "cases", NULL);
    return true;
}

/* A count by country, with its share: victims or suspects by nationality. */
static bool by_country(struct ctx *c, struct dtable *t, const char *id, const char *count_label)
{
    dt_title(c, t, id);
    int n = 0;
    dt_col(c, t, &n, "nationality", COL_TEXT, false);
    dt_col(c, t, &n, count_label, COL_COUNT, true);
    dt_col(c, t, &n, "share", COL_PERCENT, true);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, id, false);
    uint64_t whole = 0;
    for (size_t i = 0, nb = body_rows(p); i < nb; i++)
        whole += int_at(p, i, 1);
    const char *measure = strstr(id, "suspects") ? "suspects" : "victims";
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        if (!int_at(p, i, 1))
            continue;
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, country(c, text_at(p, i, 0)));
        copy_count(c, t, r, 1, p, i, 1);
        share(t, r, 2, 1, int_at(p, i, 1), whole);
    }
    mark(c, t, t->body->nrows, 1, false, measure, NULL);
    t->whole_hidden = t->total_mark[1] != 0;
    return true;
}

static bool v_victims_by_nationality(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return by_country(c, t, "victims_by_nationality", "victims");
}

static bool v_suspects_by_nationality(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return by_country(c, t, "suspects_by_nationality", "suspects");
}

static bool routes_view(struct ctx *c, struct dtable *t, const char *id)
{
    dt_title(c, t, id);
    int n = 0;
    /* The country's routes add up to its cases; a brief's, those touching its region, to no
     * count it prints. */
    bool total = !strcmp(id, "routes");
    dt_cols(c, t, &n, COLSPECS({"origin", COL_TEXT, false}, {"transit", COL_TEXT, false},
                               {"destination", COL_TEXT, false}, {"scope", COL_TEXT, false},
                               {"cases", COL_COUNT, total}, {"victims", COL_COUNT, total}));
    t->total = total;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, id, false);
    struct buf transit = {0};
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        if (!strcmp(text_at(p, i, 0), "other")) { /* public mode: routes of few victims */
            table_text(t->body, r, 0, L(c, "word", "other_routes"));
            table_text(t->body, r, 3, L(c, "scope", text_at(p, i, 3)));
            copy_count(c, t, r, 4, p, i, 4);
            copy_count(c, t, r, 5, p, i, 5);
            continue;
        }
        table_text(t->body, r, 0, country(c, text_at(p, i, 0)));
        buf_clear(&transit);
        for (const char *s = text_at(p, i, 1); *s;) {
            const char *e = strchr(s, ';');
            size_t k = e ? (size_t)(e - s) : strlen(s);
            char part[128];
            snprintf(part, sizeof part, "%.*s", (int)k, s);
            if (transit.len)
                buf_adds(&transit, "; ");
            buf_adds(&transit, country(c, part));
            s += k + (e ? 1 : 0);
        }
        table_text(t->body, r, 1, buf_cstr(&transit));
        table_text(t->body, r, 2, country(c, text_at(p, i, 2)));
        table_text(t->body, r, 3, L(c, "scope", text_at(p, i, 3)));
        copy_count(c, t, r, 4, p, i, 4);
        copy_count(c, t, r, 5, p, i, 5);
    }
    if (total) {
        mark(c, t, t->body->nrows, 4, false, "cases", NULL);
        mark(c, t, t->body->nrows, 5, false, "victims", NULL);
    }
    buf_free(&transit);
    return true;
}

static bool v_routes(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return routes_view(c, t, "routes");
}

static bool v_routes_region(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return routes_view(c, t, "routes_region");
}

/* A breakdown over a value set, from a public table with the code in column 0 and the count in
 * count_col; rows with a count, largest first. Shares are of `whole`; multi-valued sets get
 * the note that shares may add up to more than 100%. */
static bool by_code(struct ctx *c, struct dtable *t, const char *id, enum vocab_id v,
                    const char *code_label, const char *count_label, int count_col,
                    uint64_t whole, bool whole_known, bool compare, bool stage_order)
{
    dt_title(c, t, id);
    bool multi = vocabs[v].multi;
    int n = 0;
    dt_col(c, t, &n, code_label, COL_TEXT, false);
    int cnt = dt_col(c, t, &n, count_label, COL_COUNT, !multi);
    dt_col(c, t, &n, "share", COL_PERCENT, !multi);
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cnt);
    t->total = !multi;
    if (multi)
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "share_note"));
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, id, false), *pp = pub(c, id, true);
    /* The share's whole: all cases or victims, or for some fields the cases with a value. */
    {
        const char *measure = !strcmp(count_label, "victims") ? "victims" : "cases";
        char known[80];
        snprintf(known, sizeof known, "%s=(known)", id);
        t->whole_hidden = state_of(c, false, measure, whole_known ? known : NULL, NULL) != 0;
    }
    /* Stage order (status) follows the value set; the others, the public table's order. */
    int nk = stage_order ? vocabs[v].ncodes + 1 : (int)body_rows(p);
    for (int k = 0; p && k < nk; k++) {
        const char *code = stage_order ? vocab_code_name(v, k) : text_at(p, (size_t)k, 0);
        uint64_t count = count_of(p, 0, code, count_col);
        if (!count && !(prev && count_of(pp, 0, code, count_col)))
            continue;
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, labels_code(c->in->labels, v, vocab_find(v, code)));
        copy_found(c, t, r, 1, p, 0, code, count_col);
        if (strcmp(code, "unknown") || !multi)
            share(t, r, 2, 1, count, whole);
        if (prev)
            copy_found(c, t, r, 3, pp, 0, code, count_col);
    }
    if (!multi) {
        mark(c, t, t->body->nrows, 1, false, count_label, NULL);
        if (prev)
            mark(c, t, t->body->nrows, 3, true, count_label, NULL);
    }
    return true;
}

static uint64_t summary_count(struct ctx *c, const char *metric)
{
    return count_of(pub(c, "summary", false), 0, metric, 1);
}

/* Cases with a known value of a multi-valued case field: all but the unknown row. */
static uint64_t known_cases(struct ctx *c, const char *id)
{
    return summary_count(c, "cases") - count_of(pub(c, id, false), 0, "unknown", 1);
}

/* Victims of each form (a form column each: all, female, male, minors), from the report's
 * exploitation.csv (by sex and minor) or a brief's victims_by_exploitation.csv (all only). */
static void form_counts(const struct table *p, uint64_t v[EXP_N + 1][4])
{
    memset(v, 0, sizeof(uint64_t[EXP_N + 1][4]));
    bool by_sex = p && p->ncols >= 4 && !strcmp(p->cols[3], "victims");
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        int e = vocab_find(V_EXPLOITATION, text_at(p, i, 0));
        if (e < 0)
            continue;
        uint64_t k = int_at(p, i, by_sex ? 3 : 1);
        v[e][0] += k;
        if (by_sex) {
            v[e][1] += !strcmp(text_at(p, i, 1), "female") ? k : 0;
            v[e][2] += !strcmp(text_at(p, i, 1), "male") ? k : 0;
            v[e][3] += !strcmp(text_at(p, i, 2), "yes") ? k : 0;
        }
    }
}

static bool v_exploitation(struct ctx *c, struct dtable *t, bool compare)
{
    dt_title(c, t, "exploitation");
    /* A brief publishes each form's victims only, not by sex and age. */
    bool brief = c->in->region != 0;
    const char *id = brief ? "victims_by_exploitation" : "exploitation";
    int n = 0;
    if (brief)
        dt_cols(c, t, &n, COLSPECS({"exploitation", COL_TEXT, false}, {"victims", COL_COUNT, false},
                                   {"share", COL_PERCENT, false}));
    else
        dt_cols(c, t, &n,
                COLSPECS({"exploitation", COL_TEXT, false}, {"victims", COL_COUNT, false},
                         {"female", COL_COUNT, false}, {"male", COL_COUNT, false},
                         {"minors", COL_COUNT, false}, {"share", COL_PERCENT, false}));
    int share_col = n - 1, cnt = 1;
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cnt);
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "share_note"));
    if (!dt_body(c, t, n))
        return false;
    uint64_t cur[EXP_N + 1][4], old[EXP_N + 1][4];
    form_counts(pub(c, id, false), cur);
    form_counts(pub(c, id, true), old);
    uint64_t victims = summary_count(c, "victims");
    int order[EXP_N + 1], nr = 0;
    for (int e = 0; e <= EXP_N; e++)
        if (cur[e][0] || (prev && old[e][0]))
            order[nr++] = e;
    /* Largest first; the value set's order among equals, unknown last. */
    for (int i = 1; i < nr; i++)
        for (int j = i; j > 0 && cur[order[j]][0] > cur[order[j - 1]][0]; j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    t->whole_hidden = state_of(c, false, "victims", NULL) != 0;
    static const char *const split[] = {NULL, "sex=female", "sex=male", "minor=yes"};
    for (int i = 0; i < nr; i++) {
        int e = order[i];
        size_t r = table_row(t->body, NULL);
        const char *form = kv("form", vocab_code_name(V_EXPLOITATION, e));
        table_text(t->body, r, 0, labels_code(c->in->labels, V_EXPLOITATION, e));
        for (int k = 0; k < share_col - 1; k++) {
            table_int(t->body, r, 1 + k, cur[e][k]);
            mark(c, t, r, 1 + k, false, "victims", form, split[k], NULL);
        }
        if (e != EXP_N)
            share(t, r, share_col, 1, cur[e][0], victims);
        if (prev) {
            table_int(t->body, r, share_col + 1, old[e][0]);
            mark(c, t, r, share_col + 1, true, "victims", form, NULL);
        }
    }
    return true;
}

static bool v_recruitment(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "recruitment", V_RECRUITMENT, "recruitment", "cases", 1,
                   known_cases(c, "recruitment"), true, compare, false);
}

static bool v_transport(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "transport", V_TRANSPORT, "transport", "cases", 1,
                   known_cases(c, "transport"), true, compare, false);
}

static bool v_source(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "source", V_SOURCE, "source", "cases", 1, summary_count(c, "cases"),
                   false, compare, false);
}

static bool v_status(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "status", V_STATUS, "status", "cases", 1, summary_count(c, "cases"),
                   false, compare, true);
}

static bool v_assistance(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "assistance", V_ASSISTANCE, "assistance", "victims", 1,
                   summary_count(c, "victims"), false, compare, false);
}

static bool v_suspects_by_year(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    static const char *const cols[] = {"identified", "female",   "male",       "peruvian",
                                       "foreign",    "detained", "prosecuted", "convicted"};
    static const int from[] = {1, 2, 3, 5, 6, 8, 9, 10}; /* columns of suspects_by_year.csv */
    dt_title(c, t, "suspects_by_year");
    int n = 0;
    dt_col(c, t, &n, "year", COL_TEXT, false);
    for (int k = 0; k < 8; k++)
        dt_col(c, t, &n, cols[k], COL_COUNT, true);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "suspects_by_year", false);
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, text_at(p, i, 0));
        for (int k = 0; k < 8; k++)
            copy_count(c, t, r, 1 + k, p, i, from[k]);
    }
    /* The totals of every year, as suspects_by_year's total row publishes them. */
    static const char *const dims[] = {NULL,           "sex=female",        "sex=male",
                                       "nationality=Peru", "nationality=foreign", "detained=yes",
                                       "stage=prosecuted", "stage=convicted"};
    for (int k = 0; k < 8; k++)
        mark(c, t, t->body->nrows, 1 + k, false, "suspects", dims[k], NULL);
    return true;
}

static bool v_prevention(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "prevention");
    int n = 0;
    dt_col(c, t, &n, "region", COL_TEXT, false);
    dt_col(c, t, &n, "hotline", COL_COUNT, true);
    dt_col(c, t, &n, "media", COL_COUNT, true);
    int tot = dt_col(c, t, &n, NULL, COL_ROWSUM, true);
    snprintf(t->cols[tot].label, sizeof t->cols[tot].label, "%s", L(c, "word", "total"));
    t->cols[tot].a = 1;
    t->cols[tot].b = 2;
    t->total = true;
    t->rowsum_marked = true;
    if (!dt_body(c, t, n))
        return false;
    /* prevention.csv: two rows per region with any (hotline, media), most cases first. */
    const struct table *p = pub(c, "prevention", false);
    static const char *const both = "source=(hotline+media)";
    for (size_t i = 0, nb = body_rows(p); i + 1 < nb; i += 2) {
        size_t r = table_row(t->body, NULL);
        const char *code = text_at(p, i, 0);
        table_text(t->body, r, 0, atoi(code) ? text_at(p, i, 1) : L(c, "word", "unknown"));
        copy_count(c, t, r, 1, p, i, 3);
        copy_count(c, t, r, 2, p, i + 1, 3);
        mark(c, t, r, 3, false, "cases", kv("region", code), both, NULL);
    }
    size_t tr = t->body->nrows;
    mark(c, t, tr, 1, false, "cases", "source=hotline", NULL);
    mark(c, t, tr, 2, false, "cases", "source=media", NULL);
    mark(c, t, tr, 3, false, "cases", both, NULL);
    return true;
}

static bool v_data_quality_files(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "data_quality_files");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"file", COL_TEXT, false}, {"role", COL_TEXT, false},
                               {"encoding", COL_TEXT, false}, {"rows_read", COL_COUNT, true},
                               {"rows_counted", COL_COUNT, true}, {"rows_rejected", COL_COUNT, true},
                               {"rows_blank", COL_COUNT, true}, {"warnings", COL_COUNT, true}));
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct quality *q = c->in->dq;
    for (int i = 0; i < q->nfiles; i++) {
        const struct dq_file *f = &q->files[i];
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, f->name);
        table_text(t->body, r, 1, kind_name(f->kind));
        table_text(t->body, r, 2, charset_name(f->charset));
        const uint64_t v[] = {f->read, f->counted, f->rejected, f->blank, f->warnings};
        for (int k = 0; k < 5; k++)
            table_int(t->body, r, 3 + k, v[k]);
    }
    return true;
}

static bool v_data_quality_problems(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "data_quality_problems");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"file", COL_TEXT, false}, {"field", COL_TEXT, false},
                               {"problem", COL_TEXT, false}, {"action", COL_TEXT, false},
                               {"rows", COL_COUNT, true}));
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    /* Group by file, field, problem and action, in the order first seen. */
    const struct quality *q = c->in->dq;
    struct strmap *groups = strmap_new();
    struct buf key = {0};
    for (size_t i = 0; groups && i < q->nentries; i++) {
        const struct dq_entry *e = &q->entries[i];
        const char *field = e->field >= 0 ? fields[e->field].name : "";
        buf_clear(&key);
        buf_printf(&key, "%s\x1f%s\x1f%s\x1f%s", q->files[e->file].name, field,
                   dq_problem(q, e), dq_action_name(e->action));
        bool added;
        long g = strmap_intern(groups, key.p, key.len, 0, &added);
        if (g < 0)
            break;
        if (added) {
            size_t r = table_row(t->body, NULL);
            table_text(t->body, r, 0, q->files[e->file].name);
            table_text(t->body, r, 1, field);
            table_text(t->body, r, 2, dq_problem(q, e));
            table_text(t->body, r, 3, dq_action_name(e->action));
        }
        table_int(t->body, (size_t)g, 4, (uint64_t)dtable_number(t, (size_t)g, 4) + 1);
    }
    buf_free(&key);
    strmap_free(groups);
    table_sort(t->body, 4, -1);
    return true;
}

static bool v_data_quality_entries(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "data_quality_entries");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"file", COL_TEXT, false}, {"line", COL_COUNT, false},
                               {"field", COL_TEXT, false}, {"value", COL_TEXT, false},
                               {"problem", COL_TEXT, false}, {"action", COL_TEXT, false}));
    if (!dt_body(c, t, n))
        return false;
    const struct quality *q = c->in->dq;
    if (c->in->prot) { /* the rows carry case numbers and values as written: not public */
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "dq_public"));
        t->withheld = true;
        return true;
    }
    for (size_t i = 0; i < q->nentries; i++) {
        const struct dq_entry *e = &q->entries[i];
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, q->files[e->file].name);
        table_int(t->body, r, 1, (uint64_t)e->line);
        table_text(t->body, r, 2, e->field >= 0 ? fields[e->field].name : "");
        table_text(t->body, r, 3, dq_value(q, e));
        table_text(t->body, r, 4, dq_problem(q, e));
        table_text(t->body, r, 5, dq_action_name(e->action));
    }
    return true;
}

/* ---- international formats ------------------------------------------------------------- */

/* A public table of (row, column, count) triples as a grid: a row per distinct value of
 * column 0 in the table's order (labelled from [row_section], or as a country), a column per
 * code of cols (labelled from [col_section]), a row total when the columns add up
 * (row_sum), and a total row when the rows do. Rows of zeros are left out when skip_zero. */
/* In public mode its counts are "measure|row_dim=row|col_dim=col"; the stage "suspected" is
 * the whole population and stays out of keys. */
struct pivot_keys {
    const char *measure, *row_dim, *col_dim;
};

static const char *pivot_kv(const char *dim, const char *value)
{
    return strcmp(value, "suspected") ? kv(dim, value) : NULL;
}

static bool pivot(struct ctx *c, struct dtable *t, const char *id, const char *first_label,
                  const char *row_section, const char *const *cols, int ncols,
                  const char *col_section, bool skip_zero, bool row_sum, bool total_row,
                  struct pivot_keys pk)
{
    dt_title(c, t, id);
    int n = 0;
    dt_col(c, t, &n, first_label, COL_TEXT, false);
    for (int k = 0; k < ncols; k++)
        snprintf(t->cols[dt_col(c, t, &n, NULL, COL_COUNT, true)].label, sizeof t->cols[0].label,
                 "%s", L(c, col_section, cols[k]));
    if (row_sum) {
        int tot = dt_col(c, t, &n, NULL, COL_ROWSUM, true);
        snprintf(t->cols[tot].label, sizeof t->cols[tot].label, "%s", L(c, "word", "total"));
        t->cols[tot].a = 1;
        t->cols[tot].b = ncols;
    }
    t->total = total_row;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, id, false);
    size_t body = body_rows(p);
    t->rowsum_marked = true;
    for (size_t i = 0; i < body;) {
        const char *key = text_at(p, i, 0);
        uint64_t v[TABLE_MAX_COLS] = {0}, sum = 0;
        size_t j = i, at[TABLE_MAX_COLS] = {0};
        for (; j < body && !strcmp(text_at(p, j, 0), key); j++)
            for (int k = 0; k < ncols; k++)
                if (!strcmp(text_at(p, j, 1), cols[k])) {
                    v[k] = int_at(p, j, 2);
                    at[k] = j + 1;
                    sum += v[k];
                }
        if (sum || !skip_zero) {
            size_t r = table_row(t->body, NULL);
            table_text(t->body, r, 0,
                       row_section ? L(c, row_section, key)
                       : !strcmp(key, "unknown") ? L(c, "word", "unknown") : country(c, key));
            for (int k = 0; k < ncols; k++) {
                table_int(t->body, r, 1 + k, v[k]);
                if (at[k])
                    table_hide(t->body, r, 1 + k, table_cell(p, at[k] - 1, 2)->hidden);
            }
            if (row_sum)
                mark(c, t, r, ncols + 1, false, pk.measure, pivot_kv(pk.row_dim, key), NULL);
        }
        i = j;
    }
    if (total_row) {
        for (int k = 0; k < ncols; k++)
            mark(c, t, t->body->nrows, 1 + k, false, pk.measure, pivot_kv(pk.col_dim, cols[k]),
                 NULL);
        if (row_sum)
            mark(c, t, t->body->nrows, ncols + 1, false, pk.measure, NULL);
    }
    return !c->failed;
}

static const char *const unodc_categories[] = {"women", "men", "girls", "boys", "unknown"};
static const char *const stages[] = {"suspected", "prosecuted", "convicted"};
static const char *const sexes[] = {"female", "male", "unknown"};

static bool v_unodc_victims_by_exploitation(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!pivot(c, t, "unodc_victims_by_exploitation", "unodc_form", "unodc_form",
               unodc_categories, 5, "unodc_category", false, true, false,
               (struct pivot_keys){"victims", "uform", "ucat"}))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "unodc_note"));
    return true;
}

static bool v_unodc_victims_by_citizenship(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return pivot(c, t, "unodc_victims_by_citizenship", "citizenship", NULL, unodc_categories, 5,
                 "unodc_category", true, true, true,
                 (struct pivot_keys){"victims", "nationality", "ucat"});
}

static bool v_unodc_persons_by_sex(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!pivot(c, t, "unodc_persons_by_sex", "stage", "stage", sexes, 3, "sex", false, true,
               false, (struct pivot_keys){"psuspects", "stage", "sex"}))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "stage_note"));
    return true;
}

static bool v_unodc_persons_by_citizenship(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    /* The stages are nested (the convicted were prosecuted): no row total. */
    return pivot(c, t, "unodc_persons_by_citizenship", "citizenship", NULL, stages, 3, "stage",
                 true, false, true, (struct pivot_keys){"psuspects", "nationality", "stage"});
}

static bool v_tip_law_enforcement(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "tip_law_enforcement");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"measure", COL_TEXT, false}, {"total", COL_COUNT, false},
                               {"labour", COL_COUNT, false}));
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "tip_law_enforcement", false);
    static const char *const measures[] = {"investigations", "prosecutions", "convictions"};
    for (int k = 0; k < 3; k++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "tip", measures[k]));
        copy_found(c, t, r, 1, p, 0, measures[k], 1);
        copy_found(c, t, r, 2, p, 0, measures[k], 2);
    }
    snprintf(t->note, sizeof t->note, "%s %s", L(c, "word", "tip_note"),
             L(c, "word", "tip_labour"));
    return !c->failed;
}

typedef bool (*view_fn)(struct ctx *c, struct dtable *t, bool compare);

static const struct {
    const char *name;
    view_fn build;
    bool compare; /* can show the previous period */
} views[] = {
    {"headline", v_headline, true},
    {"brief_headline", v_brief_headline, true},
    {"victims_summary", v_victims_summary, false},
    {"victims_by_sex_age", v_victims_by_sex_age, false},
    {"cases_by_region", v_cases_by_region, true},
    {"cases_by_city", v_cases_by_city, true},
    {"victims_by_nationality", v_victims_by_nationality, false},
    {"routes", v_routes, false},
    {"routes_region", v_routes_region, false},
    {"exploitation", v_exploitation, true},
    {"recruitment", v_recruitment, true},
    {"transport", v_transport, true},
    {"source", v_source, true},
    {"status", v_status, true},
    {"assistance", v_assistance, true},
    {"suspects_by_year", v_suspects_by_year, false},
    {"suspects_by_nationality", v_suspects_by_nationality, false},
    {"prevention", v_prevention, false},
    {"unodc_victims_by_exploitation", v_unodc_victims_by_exploitation, false},
    {"unodc_victims_by_citizenship", v_unodc_victims_by_citizenship, false},
    {"unodc_persons_by_sex", v_unodc_persons_by_sex, false},
    {"unodc_persons_by_citizenship", v_unodc_persons_by_citizenship, false},
    {"tip_law_enforcement", v_tip_law_enforcement, false},
    {"data_quality_files", v_data_quality_files, false},
    {"data_quality_problems", v_data_quality_problems, false},
    {"data_quality_entries", v_data_quality_entries, false},
};

#define NVIEWS (sizeof views / sizeof *views)

bool report_table_known(const char *name, bool compare)
{
    for (size_t i = 0; i < NVIEWS; i++)
        if (!strcmp(views[i].name, name))
            return !compare || views[i].compare;
    return false;
}

/* The index of table name (built once per name and comparison), or -1. */
static int table_index(struct ctx *c, const char *name, bool compare)
{
    struct report *r = c->r;
    for (size_t i = 0; i < r->ntables; i++)
        if (!strcmp(r->tables[i].id, name) &&
            r->tables[i].compared == (compare && c->in->prev != NULL))
            return (int)i;
    for (size_t v = 0; v < NVIEWS; v++) {
        if (strcmp(views[v].name, name))
            continue;
        struct dtable *t = realloc(r->tables, (r->ntables + 1) * sizeof *t);
        if (!t)
            break;
        r->tables = t;
        memset(&t[r->ntables], 0, sizeof *t);
        if (!views[v].build(c, &t[r->ntables], compare) || c->failed) {
            table_free(t[r->ntables].body);
            return -1;
        }
        dt_finish(&t[r->ntables]);
        if (c->in->prot)
            derive_marks(&t[r->ntables]);
        return (int)r->ntables++;
    }
    if (!c->failed)
        tp_fail(c->err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory building table %s", name);
    c->failed = true;
    return -1;
}

/* ---- charts ------------------------------------------------------------------------------- */

static void chart_title(struct ctx *c, struct dchart *ch, const char *id, const char *table)
{
    snprintf(ch->id, sizeof ch->id, "%s", id);
    snprintf(ch->title, sizeof ch->title, "%s", L(c, "chart", id));
    /* Draw the table as the definition placed it (with or without comparison), if it did. */
    ch->table = -1;
    for (size_t i = 0; i < c->r->ntables && ch->table < 0; i++)
        if (!strcmp(c->r->tables[i].id, table))
            ch->table = (int)i;
    if (ch->table < 0)
        ch->table = table_index(c, table, false);
}

/* Rows with a non-zero value in col (the tables put those first). */
static int nonzero_rows(const struct dtable *t, int col)
{
    int n = 0;
    while ((size_t)n < t->body->nrows && dtable_number(t, (size_t)n, col) > 0)
        n++;
    return n;
}

static bool ch_victims_by_sex_age(struct ctx *c, struct dchart *ch)
{
    chart_title(c, ch, "victims_by_sex_age", "victims_by_sex_age");
    if (ch->table < 0)
        return false;
    ch->kind = CHART_COLUMN;
    ch->shape = SHAPE_PYRAMID;
    ch->by_row = true;
    ch->first = 1;
    ch->n = c->in->agg->bands.n; /* the bands, not unknown or total */
    ch->series[0] = SEX_FEMALE;
    ch->series[1] = SEX_MALE;
    ch->nseries = 2;
    /* What the pyramid leaves out: victims of unknown sex, and of known sex but unknown age. */
    const struct agg_period *ap = cur_period(c);
    uint64_t sex = 0, age = ap->sex_band[SEX_FEMALE][ch->n] + ap->sex_band[SEX_MALE][ch->n];
    for (int b = 0; b <= ch->n; b++)
        sex += ap->sex_band[SEX_UNKNOWN][b];
    char a[32], s[32];
    number_count(sex, s, sizeof s);
    number_count(age, a, sizeof a);
    if (c->in->prot) { /* public mode: as the table prints them */
        const struct protection *p = c->in->prot;
        int hs = state_of(c, false, "victims", "sex=unknown", NULL);
        int hf = state_of(c, false, "victims", "band=unknown", "sex=female", NULL);
        int hm = state_of(c, false, "victims", "band=unknown", "sex=male", NULL);
        int k = protect_k(p);
        if (hs == SDC_PRIMARY)
            snprintf(s, sizeof s, "<%d", k);
        else if (hs != SDC_SHOWN)
            snprintf(s, sizeof s, "x");
        if (hf != SDC_SHOWN || hm != SDC_SHOWN) /* a sum of two, one hidden */
            snprintf(a, sizeof a, "x");
    }
    static const char *const keys[] = {"sex", "age"};
    const char *vals[] = {s, a};
    if (sex || age)
        labels_fill(ch->note, sizeof ch->note, L(c, "word", "pyramid_note"), keys, vals, 2);
    return true;
}

/* One value column over the table's first rows: bars (kind) of col. */
static bool ch_simple(struct ctx *c, struct dchart *ch, const char *id, enum chart_kind kind,
                      enum chart_shape shape, int col, bool all_rows)
{
    chart_title(c, ch, id, id);
    if (ch->table < 0)
        return false;
    const struct dtable *t = &c->r->tables[ch->table];
    ch->kind = kind;
    ch->shape = shape;
    ch->cat_col = t->cols[0].kind == COL_TEXT && t->cols[1].kind == COL_TEXT ? 1 : 0;
    ch->first = 0;
    ch->n = all_rows ? (int)t->body->nrows : nonzero_rows(t, col);
    ch->series[0] = col;
    ch->nseries = 1;
    ch->percent = t->cols[col].kind == COL_PERCENT;
    snprintf(ch->note, sizeof ch->note, "%s", t->note);
    return true;
}

static bool ch_cases_by_region(struct ctx *c, struct dchart *ch)
{
    return ch_simple(c, ch, "cases_by_region", CHART_BAR, SHAPE_HBARS, 2, false);
}

static bool ch_suspects_by_year(struct ctx *c, struct dchart *ch)
{
    return ch_simple(c, ch, "suspects_by_year", CHART_COLUMN, SHAPE_COLUMNS, 1, true);
}

static bool ch_status(struct ctx *c, struct dchart *ch)
{
    if (!ch_simple(c, ch, "status", CHART_BAR, SHAPE_STACKED, 1, true))
        return false;
    snprintf(ch->note, sizeof ch->note, "%s", L(c, "word", "status_note"));
    return true;
}

static bool ch_exploitation(struct ctx *c, struct dchart *ch)
{
    /* The share: the report's sixth column, a brief's third (forms without sex and age). */
    return ch_simple(c, ch, "exploitation", CHART_BAR, SHAPE_HBARS, c->in->region ? 2 : 5, true);
}

static bool ch_recruitment(struct ctx *c, struct dchart *ch)
{
    return ch_simple(c, ch, "recruitment", CHART_BAR, SHAPE_HBARS, 2, true);
}

/* A route the map can draw: its known stops in order, without repeats, at least one of them a
 * region and two different places in all. */
static int map_stops(const struct route_key *k, int peru, uint16_t *stops)
{
    uint16_t all[2 + MAX_TRANSIT];
    int n = 0, regions = 0, out = 0;
    all[n++] = k->origin;
    for (int i = 0; i < k->ntransit && i < MAX_TRANSIT; i++)
        all[n++] = k->transit[i];
    all[n++] = k->destination;
    if (k->origin == PLACE_UNKNOWN || k->destination == PLACE_UNKNOWN)
        return 0;
    for (int i = 0; i < n; i++) {
        uint16_t s = all[i];
        if (s == PLACE_UNKNOWN || s == PLACE_FOREIGN + peru || (out && stops[out - 1] == s))
            continue;
        regions += s <= NREGIONS;
        stops[out++] = s;
    }
    return out >= 2 && regions ? out : 0;
}

static bool ch_map(struct ctx *c, struct dchart *ch)
{
    snprintf(ch->id, sizeof ch->id, "map");
    snprintf(ch->title, sizeof ch->title, "%s", L(c, "chart", "map"));
    ch->kind = CHART_MAP;
    ch->table = -1;
    if (!c->in->map_shape) {
        tp_fail(c->err, TP_ERR_CONFIG, NULL, 0, NULL, "[chart map] needs the regions' outlines");
        c->failed = true;
        return false;
    }
    struct map_data *m = calloc(1, sizeof *m);
    if (!(ch->map = m))
        return false;
    const struct agg *a = c->in->agg;
    const struct agg_period *ap = &a->period[0];
    m->title = ch->title;
    m->legend_title = L(c, "column", "cases");
    m->no_cases = L(c, "word", "no_cases");
    m->source = L(c, "word", "source_note");
    memcpy(m->cases, ap->region_cases, sizeof m->cases);
    if (c->in->prot) { /* public mode: regions whose count is hidden, and big routes only */
        char code[16];
        for (int g = 1; g <= NREGIONS; g++) {
            snprintf(code, sizeof code, "%02d", g);
            m->hidden[g] = state_of(c, false, "cases", kv("region", code), NULL) &&
                           ap->region_cases[g];
        }
        char k[8];
        snprintf(k, sizeof k, "%d", protect_k(c->in->prot));
        static const char *const keys[] = {"k"};
        const char *vals[] = {k};
        labels_fill(m->hidden_label, sizeof m->hidden_label, L(c, "word", "map_hidden"), keys,
                    vals, 1);
    }
    if (c->in->region) { /* a brief: its region, and the routes from, through or to it */
        static const char *const keys[] = {"region"};
        const char *vals[] = {places_region(a->places, c->in->region)->name};
        labels_fill(ch->title, sizeof ch->title, L(c, "chart", "map_region"), keys, vals, 1);
        memset(m->cases, 0, sizeof m->cases);
        memset(m->hidden, 0, sizeof m->hidden);
        m->cases[c->in->region] = 1; /* drawable: the map has its region */
        m->highlight = c->in->region;
        m->legend_title = places_region(a->places, c->in->region)->name;
        ap = &a->period[0];
    }
    /* The main routes: the most victims (the first met among equals), so many inside Peru
     * and so many to or from abroad, that neither kind crowds the other out. */
    int known = 0, internal = 0, peru = places_peru(a->places);
    size_t n = agg_nroutes(a);
    struct map_route *all = malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return false;
    for (size_t id = 0; id < n; id++) {
        const struct route_count *rc = &ap->routes[id];
        struct route_key k;
        if (!rc->cases)
            continue;
        agg_route_key(a, (long)id, &k);
        struct map_route rt = {.victims = rc->victims};
        if (c->in->prot && rc->victims < (uint64_t)protect_k(c->in->prot))
            continue; /* public mode: merged into "other routes", not drawn */
        bool touches = !c->in->region || k.origin == c->in->region ||
                       k.destination == c->in->region;
        for (int i = 0; i < k.ntransit && !touches; i++)
            touches = k.transit[i] == c->in->region;
        if (!touches)
            continue;
        if (!(rt.nstops = map_stops(&k, peru, rt.stops)))
            continue;
        int at = known++;
        for (; at > 0 && all[at - 1].victims < rt.victims; at--)
            all[at] = all[at - 1];
        all[at] = rt;
    }
    for (int i = 0; i < known && m->nroutes < MAP_MAX_ROUTES; i++) {
        struct map_route *rt = &all[i];
        bool abroad = false;
        for (int s = 0; s < rt->nstops; s++)
            if (rt->stops[s] > NREGIONS) {
                rt->names[s] = country(c, places_name(a->places, rt->stops[s]));
                abroad = true;
            }
        if (abroad ? m->nroutes - internal >= MAP_MAX_ABROAD : internal >= MAP_MAX_INTERNAL)
            continue;
        internal += !abroad;
        m->routes[m->nroutes++] = *rt;
    }
    free(all);
    char shown[16], inside[16], abroad[16], total[16];
    snprintf(shown, sizeof shown, "%d", m->nroutes);
    snprintf(inside, sizeof inside, "%d", internal);
    snprintf(abroad, sizeof abroad, "%d", m->nroutes - internal);
    number_count((uint64_t)known, total, sizeof total);
    static const char *const keys[] = {"shown", "internal", "international", "known"};
    const char *vals[] = {shown, inside, abroad, total};
    labels_fill(ch->note, sizeof ch->note, L(c, "word", known ? "map_routes" : "map_no_routes"),
                keys, vals, 4);
    return !c->failed; /* title and note are pointed at once the charts stop moving */
}

static const struct {
    const char *name;
    bool (*build)(struct ctx *c, struct dchart *ch);
} charts[] = {
    {"victims_by_sex_age", ch_victims_by_sex_age}, {"cases_by_region", ch_cases_by_region},
    {"suspects_by_year", ch_suspects_by_year},     {"status", ch_status},
    {"exploitation", ch_exploitation},             {"recruitment", ch_recruitment},
    {"map", ch_map},
};

bool report_chart_known(const char *name)
{
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++)
        if (!strcmp(charts[i].name, name))
            return true;
    return false;
}

static int chart_index(struct ctx *c, const char *name)
{
    struct report *r = c->r;
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++) {
        if (strcmp(charts[i].name, name))
            continue;
        struct dchart *ch = realloc(r->charts, (r->ncharts + 1) * sizeof *ch);
        if (!ch)
            break;
        r->charts = ch;
        memset(&ch[r->ncharts], 0, sizeof *ch);
        if (!charts[i].build(c, &ch[r->ncharts]))
            return -1;
        return (int)r->ncharts++;
    }
    c->failed = true;
    return -1;
}

bool report_chart_drawable(const struct report *r, int index)
{
    const struct dchart *ch = &r->charts[index];
    if (ch->map) {
        for (int g = 1; g <= NREGIONS; g++)
            if (ch->map->cases[g])
                return true;
        return false;
    }
    struct chart_data d;
    return report_chart_data(r, index, &d);
}

bool report_chart_data(const struct report *r, int index, struct chart_data *out)
{
    const struct dchart *ch = &r->charts[index];
    memset(out, 0, sizeof *out);
    if (ch->map || ch->table < 0)
        return false;
    const struct dtable *t = &r->tables[ch->table];
    out->shape = ch->shape;
    out->title = ch->title;
    out->note = ch->note;
    out->source = r->source_note;
    out->percent = ch->percent;
    out->nseries = ch->nseries < 2 ? ch->nseries : 2;
    out->public_k = r->public_k;
    bool any = false;
    if (ch->by_row) {
        for (int s = 0; s < out->nseries; s++)
            out->series[s] = table_cell_text(t->body, table_cell(t->body, (size_t)ch->series[s], 0));
        for (int k = 0; k < ch->n && out->ncats < CHART_MAX_CATS; k++) {
            out->cats[out->ncats] = t->cols[ch->first + k].label;
            for (int s = 0; s < out->nseries; s++) {
                double v = dtable_number(t, (size_t)ch->series[s], ch->first + k);
                out->values[s][out->ncats] = v;
                out->hidden[s][out->ncats] =
                    (uint8_t)dtable_hidden(t, (size_t)ch->series[s], ch->first + k);
                any |= v > 0;
            }
            out->ncats++;
        }
        return any;
    }
    out->series[0] = t->cols[ch->series[0]].label;
    /* A trend keeps its latest years when there are more than a chart holds. */
    int first = ch->first, n = ch->n;
    if (n > CHART_MAX_CATS && ch->shape == SHAPE_COLUMNS) {
        first += n - CHART_MAX_CATS;
        n = CHART_MAX_CATS;
    }
    for (int i = 0; i < n && out->ncats < CHART_MAX_CATS; i++) {
        size_t row = (size_t)(first + i);
        /* A share left empty (of unknown values) is not a bar of 0%. */
        if (table_cell(t->body, row, ch->series[0])->kind == CELL_EMPTY && ch->percent)
            continue;
        out->cats[out->ncats] = table_cell_text(t->body, table_cell(t->body, row, ch->cat_col));
        double v = dtable_number(t, row, ch->series[0]);
        out->hidden[0][out->ncats] = (uint8_t)dtable_hidden(t, row, ch->series[0]);
        out->values[0][out->ncats++] = v;
        any |= v > 0;
    }
    return any;
}

/* ---- the manifest ------------------------------------------------------------------------- */

static bool about(struct ctx *c)
{
    struct report *r = c->r;
    struct dtable *t = realloc(r->tables, (r->ntables + 2) * sizeof *t);
    if (!t)
        return false;
    r->tables = t;
    memset(&t[r->ntables], 0, 2 * sizeof *t);
    struct dtable *run = &t[r->ntables], *files = &t[r->ntables + 1];
    snprintf(run->id, sizeof run->id, "about_run");
    snprintf(run->title, sizeof run->title, "%s", L(c, "word", "about"));
    int n = 0;
    dt_col(c, run, &n, "item", COL_TEXT, false);
    dt_col(c, run, &n, "value", COL_TEXT, false);
    if (!dt_body(c, run, n))
        return false;
    const struct agg *a = c->in->agg;
    char from[80], to[80], pfrom[80], pto[80], date[80], period[200], previous[200];
    labels_date(c->in->labels, a->period[0].period.from, from, sizeof from);
    labels_date(c->in->labels, a->period[0].period.to, to, sizeof to);
    snprintf(period, sizeof period, "%s - %s", from, to);
    if (c->in->prev) {
        labels_date(c->in->labels, a->period[1].period.from, pfrom, sizeof pfrom);
        labels_date(c->in->labels, a->period[1].period.to, pto, sizeof pto);
        snprintf(previous, sizeof previous, "%s - %s", pfrom, pto);
    } else {
        snprintf(previous, sizeof previous, "%s", L(c, "word", "no_previous"));
    }
    labels_date(c->in->labels, a->latest, date, sizeof date);
    char line[400];
    snprintf(line, sizeof line, "%s: %s", L(c, "about", "period"), period);
    r->period_line = strdup(line);
    snprintf(line, sizeof line, "%s: %s", L(c, "about", "data_date"), date);
    r->date_line = strdup(line);
    if (!r->period_line || !r->date_line)
        return false;
    char bands[256];
    age_bands_format(&a->bands, bands, sizeof bands);
    const char *rows[][2] = {
        {"title", r->title},
        {"period", period},
        {"previous_period", previous},
        {"data_date", date},
        {"input", c->in->input},
        {"profile", c->in->profile},
        {"age_bands", bands},
        {"language", r->lang},
        {"tool", "tipreport " TIPREPORT_VERSION},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t k = table_row(run->body, NULL);
        table_text(run->body, k, 0, L(c, "about", rows[i][0]));
        table_text(run->body, k, 1, rows[i][1]);
    }
    snprintf(files->id, sizeof files->id, "about_files");
    snprintf(files->title, sizeof files->title, "%s", L(c, "table", "data_quality_files"));
    n = 0;
    dt_cols(c, files, &n, COLSPECS({"file", COL_TEXT, false}, {"role", COL_TEXT, false},
                                   {"size", COL_COUNT, false}, {"sha256", COL_TEXT, false},
                                   {"encoding", COL_TEXT, false}, {"rows_read", COL_COUNT, false}));
    if (!dt_body(c, files, n))
        return false;
    const struct quality *q = c->in->dq;
    for (int i = 0; i < q->nfiles; i++) {
        size_t k = table_row(files->body, NULL);
        table_text(files->body, k, 0, q->files[i].name);
        table_text(files->body, k, 1, kind_name(q->files[i].kind));
        table_int(files->body, k, 2, (uint64_t)q->files[i].size);
        table_text(files->body, k, 3, q->files[i].sha256);
        table_text(files->body, k, 4, charset_name(q->files[i].charset));
        table_int(files->body, k, 5, q->files[i].read);
    }
    r->about_run = (int)r->ntables;
    r->about_files = (int)r->ntables + 1;
    r->ntables += 2;
    /* The counting rules, [rules] 1, 2, ... of the labels. */
    for (int i = 1; i < 50; i++) {
        char key[12];
        snprintf(key, sizeof key, "%d", i);
        const char *rule = labels_get(c->in->labels, "rules", key);
        if (!rule)
            break;
        char **rs = realloc(r->rules, (r->nrules + 1) * sizeof *rs);
        if (!rs || !(rs[r->nrules] = strdup(rule)))
            return false;
        r->rules = rs;
        r->nrules++;
    }
    return !c->failed;
}

/* ---- the report --------------------------------------------------------------------------- */

static char *expand(struct ctx *c, const char *text)
{
    struct buf b = {0};
    if (!figures_expand(c->r->figures, text ? text : "", &b)) {
        buf_free(&b);
        return NULL;
    }
    char *s = strdup(buf_cstr(&b));
    buf_free(&b);
    return s;
}

static bool add_block(struct ctx *c, enum block_kind kind, const char *text, int index)
{
    struct report *r = c->r;
    if (!r->nsections)
        return false;
    struct section *s = &r->sections[r->nsections - 1];
    struct block *b = realloc(s->blocks, (s->n + 1) * sizeof *b);
    if (!b)
        return false;
    s->blocks = b;
    b[s->n].kind = kind;
    b[s->n].index = index;
    b[s->n].text = text ? expand(c, text) : NULL;
    if (text && !b[s->n].text)
        return false;
    s->n++;
    return true;
}

struct report *report_build(const struct report_input *in, struct tp_error *err)
{
    struct report *r = calloc(1, sizeof *r);
    if (!r) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    struct ctx c = {in, r, err, false};
    const struct reportdef *d = in->def;
    snprintf(r->lang, sizeof r->lang, "%s", labels_lang(in->labels));
    r->created = in->agg->latest ? in->agg->latest : in->agg->period[0].period.to;
    const char *title = in->title && in->title[0] ? in->title : d->title;
    r->figures = figures_build(in->agg, in->cur, in->prev, in->labels, title ? title : "",
                               in->prot ? protect_k(in->prot) : 0, in->national, in->region);
    r->brief = d->brief;
    bool ok = r->figures != NULL;
    if (ok) {
        r->title = expand(&c, title ? title : "");
        r->subtitle = expand(&c, d->subtitle ? d->subtitle : "");
        r->total_label = strdup(L(&c, "word", "total"));
        r->todo_label = strdup(L(&c, "word", "todo"));
        r->no_data = strdup(L(&c, "word", "no_data"));
        r->no_chart = strdup(L(&c, "word", "no_chart"));
        r->source_note = strdup(L(&c, "word", "source_note"));
        r->page_label = strdup(L(&c, "word", "page"));
        r->contents_label = strdup(L(&c, "word", "contents"));
        r->rows_cut_label = strdup(L(&c, "word", "rows_cut"));
        r->author = strdup(in->author ? in->author : "");
        r->organisation = strdup(in->organisation ? in->organisation : "");
        ok = r->title && r->subtitle && r->total_label && r->todo_label && r->no_data &&
             r->no_chart && r->source_note && r->page_label && r->contents_label &&
             r->rows_cut_label && r->author && r->organisation;
    }
    /* active[k]: the items under the k-th open [if] are kept. */
    bool active[DEF_MAX_DEPTH + 1] = {true};
    int depth = 0;
    for (size_t i = 0; ok && !c.failed && i < d->n; i++) {
        const struct def_item *it = &d->items[i];
        int idx;
        if (it->kind == DEF_IF) {
            active[depth + 1] = active[depth] &&
                                figures_condition(r->figures, it->name) != it->negate;
            depth++;
            continue;
        }
        if (it->kind == DEF_ELSE) {
            active[depth] = active[depth - 1] && !active[depth];
            continue;
        }
        if (it->kind == DEF_END) {
            depth--;
            continue;
        }
        if (!active[depth])
            continue;
        switch (it->kind) {
        case DEF_SECTION: {
            struct section *s = realloc(r->sections, (r->nsections + 1) * sizeof *s);
            ok = s != NULL;
            if (!ok)
                break;
            r->sections = s;
            memset(&s[r->nsections], 0, sizeof *s);
            snprintf(s[r->nsections].id, sizeof s->id, "%s", it->name);
            s[r->nsections].heading = expand(&c, it->text);
            ok = s[r->nsections++].heading != NULL;
            break;
        }
        case DEF_SUBHEAD:
            ok = add_block(&c, BLOCK_SUBHEAD, it->text, -1);
            break;
        case DEF_TEXT:
            ok = add_block(&c, BLOCK_TEXT, it->text, -1);
            break;
        case DEF_TODO:
            ok = add_block(&c, BLOCK_TODO, it->text, -1);
            break;
        case DEF_TABLE:
            idx = table_index(&c, it->name, it->compare);
            ok = idx >= 0 && add_block(&c, BLOCK_TABLE, NULL, idx);
            break;
        case DEF_CHART:
            idx = chart_index(&c, it->name);
            ok = idx >= 0 && add_block(&c, BLOCK_CHART, NULL, idx);
            break;
        case DEF_IF:
        case DEF_ELSE:
        case DEF_END:
            break;
        }
    }
    ok = ok && !c.failed && about(&c);
    for (size_t i = 0; ok && i < r->ncharts; i++)
        if (r->charts[i].map) {
            r->charts[i].map->title = r->charts[i].title;
            r->charts[i].map->note = r->charts[i].note;
        }
    r->places = in->agg->places;
    r->map_shape = in->map_shape;
    /* Public mode: every table and chart says why some counts are hidden. */
    if (ok && in->prot) {
        r->public_k = protect_k(in->prot);
        char k[16], k1[16], note[600];
        snprintf(k, sizeof k, "%d", r->public_k);
        snprintf(k1, sizeof k1, "%d", r->public_k - 1);
        static const char *const keys[] = {"k", "k1"};
        const char *vals[] = {k, k1};
        labels_fill(note, sizeof note, L(&c, "word", "public_note"), keys, vals, 2);
        r->public_note = strdup(note);
        ok = r->public_note != NULL;
        for (size_t i = 0; ok && i < r->ntables; i++) {
            struct dtable *t = &r->tables[i];
            if (i == (size_t)r->about_run || i == (size_t)r->about_files ||
                !strncmp(t->id, "data_quality", 12))
                continue;
            size_t len = strlen(t->note);
            snprintf(t->note + len, sizeof t->note - len, "%s%s", len ? " " : "", note);
        }
        for (size_t i = 0; ok && i < r->ncharts; i++) {
            struct dchart *ch = &r->charts[i];
            size_t len = strlen(ch->note);
            snprintf(ch->note + len, sizeof ch->note - len, "%s%s", len ? " " : "", note);
        }
    }
    if (!ok) {
        if (!c.failed)
            tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        report_free(r);
        return NULL;
    }
    return r;
}

void report_free(struct report *r)
{
    if (!r)
        return;
    for (size_t i = 0; i < r->nsections; i++) {
        for (size_t k = 0; k < r->sections[i].n; k++)
            free(r->sections[i].blocks[k].text);
        free(r->sections[i].blocks);
        free(r->sections[i].heading);
    }
    free(r->sections);
    for (size_t i = 0; i < r->ntables; i++)
        table_free(r->tables[i].body);
    free(r->tables);
    for (size_t i = 0; i < r->ncharts; i++)
        free(r->charts[i].map);
    free(r->charts);
    for (size_t i = 0; i < r->nrules; i++)
        free(r->rules[i]);
    free(r->rules);
    free(r->title);
    free(r->subtitle);
    free(r->total_label);
    free(r->todo_label);
    free(r->no_data);
    free(r->no_chart);
    free(r->period_line);
    free(r->public_note);
    free(r->date_line);
    free(r->source_note);
    free(r->page_label);
    free(r->contents_label);
    free(r->rows_cut_label);
    free(r->author);
    free(r->organisation);
    figures_free(r->figures);
    free(r);
}
