/* views_series.c: the years side by side (by_year.csv): cases, victims and suspects a year. */
#include "report/view.h"

#include <stdio.h>
#include <string.h>

/* Every year in the data, a part year labelled so ("2008 (part year)"); no total row: the
 * years before the cases' register have suspects only. Not in public mode (by_year is
 * full_only: report.c prints a sentence instead). */
bool v_by_year(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "by_year", false,
                  COLSPECS({"year", COL_TEXT, false}, {"cases", COL_COUNT, false},
                           {"victims", COL_COUNT, false}, {"suspects", COL_COUNT, false})))
        return false;
    snprintf(t->note, sizeof t->note, "%s %s", L(c, "word", "part_year_note"),
             L(c, "word", "by_year_note"));
    const struct table *p = pub(c, "by_year", false);
    for (size_t i = 0, nb = p ? body_rows(p) : 0; i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        bool part = !strcmp(text_at(p, i, "partial"), "yes");
        char year[80];
        snprintf(year, sizeof year, "%s%s%s%s", text_at(p, i, "year"), part ? " (" : "",
                 part ? L(c, "word", "part_year") : "", part ? ")" : "");
        table_text(t->body, r, 0, year);
        copy_count(t, r, 1, p, i, "cases");
        copy_count(t, r, 2, p, i, "victims");
        copy_count(t, r, 3, p, i, "suspects_identified");
    }
    return true;
}
