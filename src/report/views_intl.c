/* views_intl.c: the international formats' tables (UNODC, the TIP report) as grids. */
#include "report/view.h"

#include <stdio.h>
#include <string.h>

/* ---- international formats ------------------------------------------------------------- */

/* A public table of (row, column, count) triples as a grid: a row per distinct value of
 * its row column in the table's order (labelled from [row_section], or as a country), a column per
 * code of cols (labelled from [col_section]), a row total when the columns add up
 * (row_sum), and a total row when the rows do. Rows of zeros are left out when skip_zero. */
/* The public table's columns (row, col, count); in public mode its counts are
 * "measure|row_dim=row|col_dim=col", where the stage "suspected" is the whole population and
 * stays out of keys. */
struct pivot_src {
    const char *row, *col, *count;
    const char *measure, *row_dim, *col_dim;
};

static const char *pivot_kv(const char *dim, const char *value)
{
    return strcmp(value, "suspected") ? kv(dim, value) : NULL;
}

static bool pivot(struct ctx *c, struct dtable *t, const char *id, const char *first_label,
                  const char *row_section, const char *const *cols, int ncols,
                  const char *col_section, bool skip_zero, bool row_sum, bool total_row,
                  struct pivot_src pk)
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
        const char *key = text_at(p, i, pk.row);
        uint64_t v[TABLE_MAX_COLS] = {0}, sum = 0;
        size_t j = i, at[TABLE_MAX_COLS] = {0};
        for (; j < body && !strcmp(text_at(p, j, pk.row), key); j++)
            for (int k = 0; k < ncols; k++)
                if (!strcmp(text_at(p, j, pk.col), cols[k])) {
                    v[k] = int_at(p, j, pk.count);
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
                    table_hide(t->body, r, 1 + k,
                               table_cell(p, at[k] - 1, table_col(p, pk.count))->hidden);
            }
            if (row_sum)
                mark(c, t, r, ncols + 1, false, pk.measure, DIMS(pivot_kv(pk.row_dim, key)));
        }
        i = j;
    }
    if (total_row) {
        for (int k = 0; k < ncols; k++)
            mark(c, t, t->body->nrows, 1 + k, false, pk.measure,
                 DIMS(pivot_kv(pk.col_dim, cols[k])));
        if (row_sum)
            mark(c, t, t->body->nrows, ncols + 1, false, pk.measure, NULL);
    }
    return !c->failed;
}

static const char *const unodc_categories[] = {"women", "men", "girls", "boys", "unknown"};
static const char *const stages[] = {"suspected", "prosecuted", "convicted"};
static const char *const sexes[] = {"female", "male", "unknown"};

bool v_unodc_victims_by_exploitation(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!pivot(c, t, "unodc_victims_by_exploitation", "unodc_form", "unodc_form",
               unodc_categories, 5, "unodc_category", false, true, false,
               (struct pivot_src){"exploitation", "category", "victims", "victims", "uform",
                                  "ucat"}))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "unodc_note"));
    return true;
}

bool v_unodc_victims_by_citizenship(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return pivot(c, t, "unodc_victims_by_citizenship", "citizenship", NULL, unodc_categories, 5,
                 "unodc_category", true, true, true,
                 (struct pivot_src){"citizenship", "category", "victims", "victims",
                                    "nationality", "ucat"});
}

bool v_unodc_persons_by_sex(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!pivot(c, t, "unodc_persons_by_sex", "stage", "stage", sexes, 3, "sex", false, true,
               false, (struct pivot_src){"stage", "sex", "persons", "psuspects", "stage", "sex"}))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "stage_note"));
    return true;
}

bool v_unodc_persons_by_citizenship(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    /* The stages are nested (the convicted were prosecuted): no row total. */
    return pivot(c, t, "unodc_persons_by_citizenship", "citizenship", NULL, stages, 3, "stage",
                 true, false, true,
                 (struct pivot_src){"citizenship", "stage", "persons", "psuspects",
                                    "nationality", "stage"});
}

bool v_tip_law_enforcement(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "tip_law_enforcement", false,
                  COLSPECS({"measure", COL_TEXT, false}, {"total", COL_COUNT, false},
                           {"labour", COL_COUNT, false})))
        return false;
    const struct table *p = pub(c, "tip_law_enforcement", false);
    static const char *const measures[] = {"investigations", "prosecutions", "convictions"};
    for (int k = 0; k < 3; k++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "tip", measures[k]));
        copy_found(c, t, r, 1, p, "measure", measures[k], "total");
        copy_found(c, t, r, 2, p, "measure", measures[k], "labour");
    }
    snprintf(t->note, sizeof t->note, "%s %s", L(c, "word", "tip_note"),
             L(c, "word", "tip_labour"));
    return !c->failed;
}

