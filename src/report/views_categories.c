/* views_categories.c: a source's own categories (a profile's [category NAME]), each its table. */
#include "report/view.h"

#include <stdio.h>
#include <string.h>

#include "read/category.h"
#include "report/labels.h"

/* Category k: its parts with a count, in the profile's order, then its unknown; the count of
 * what it counts (cases or victims) and its share of the category's total. */
static bool category_view(struct ctx *c, struct dtable *t, const void *arg)
{
    const struct category *cat = &c->in->agg->categories->c[*(const int *)arg];
    const struct table *p = pub(c, "categories", false);
    snprintf(t->id, sizeof t->id, "category_%s", cat->name);
    snprintf(t->title, sizeof t->title, "%s", category_title(cat, c->r->lang));
    int n = 0;
    int label = dt_col(c, t, &n, NULL, COL_TEXT, false);
    snprintf(t->cols[label].label, sizeof t->cols[0].label, "%s",
             category_column(cat, c->r->lang));
    const char *measure = cat->victims ? "victims" : "cases";
    dt_col(c, t, &n, measure, COL_COUNT, true);
    dt_col(c, t, &n, "share", COL_PERCENT, true);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    uint64_t count[CAT_MAX_VALUES + 1] = {0}, whole = 0;
    for (int v = 0; v <= cat->nvalues; v++) {
        const char *value = v < cat->nvalues ? cat->value[v] : "unknown";
        count[v] = 0;
        for (size_t r = 0; p && r < body_rows(p); r++)
            if (!strcmp(text_at(p, r, "category"), cat->name) && !strcmp(text_at(p, r, "value"), value))
                count[v] = int_at(p, r, measure);
        whole += count[v];
    }
    /* What "unknown" is here, when it is shown; and the source, named under the table. */
    if (count[cat->nvalues]) {
        const char *keys[] = {"total"};
        const char *vals[] = {cat->total_name};
        labels_fill(t->note, sizeof t->note, L(c, "word", "category_unknown"), keys, vals, 1);
    }
    size_t len = strlen(t->note);
    snprintf(t->note + len, sizeof t->note - len, "%s%s", len ? " " : "", c->r->source_note);
    for (int v = 0; v <= cat->nvalues; v++) {
        if (!count[v])
            continue;
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0,
                   v < cat->nvalues ? category_label(cat, v, c->r->lang) : L(c, "word", "unknown"));
        table_int(t->body, r, 1, count[v]);
        share(t, r, 2, 1, count[v], whole);
    }
    return true;
}

int category_table_index(struct ctx *c, int k)
{
    return table_append(c, category_view, &k, c->in->agg->categories->c[k].name);
}
