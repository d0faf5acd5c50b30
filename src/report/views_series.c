/* views_series.c: the years (by_year.csv) and the period's months (by_month.csv) side by side. */
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
    /* Where the series starts: the first case's month. */
    char from[64], starts[160] = "";
    labels_date_as(c->in->labels, "month_year", c->in->agg->first, from, sizeof from);
    static const char *const keys[] = {"from"};
    const char *vals[] = {from};
    if (c->in->agg->first)
        labels_fill(starts, sizeof starts, L(c, "word", "register_note"), keys, vals, 1);
    snprintf(t->note, sizeof t->note, "%s%s%s %s", starts, starts[0] ? " " : "",
             L(c, "word", "part_year_note"), L(c, "word", "by_year_note"));
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

/* The period's months ("abril 2007"), a part month labelled so; a total row (the months add
 * up to the period's counts). Not in public mode (by_month is full_only). */
bool v_by_month(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "by_month", true,
                  COLSPECS({"month", COL_TEXT, false}, {"cases", COL_COUNT, true},
                           {"victims", COL_COUNT, true}, {"victims_minor", COL_COUNT, true})))
        return false;
    const struct table *p = pub(c, "by_month", false);
    bool any_part = false;
    for (size_t i = 0, nb = p ? body_rows(p) : 0; i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        bool part = !strcmp(text_at(p, i, "partial"), "yes");
        any_part |= part;
        const char *month = text_at(p, i, "month");
        char name[120];
        if (!strcmp(month, "unknown"))
            snprintf(name, sizeof name, "%s", L(c, "word", "no_month"));
        else
            snprintf(name, sizeof name, "%s %s%s%s%s", L(c, "month", month),
                     text_at(p, i, "year"), part ? " (" : "", part ? L(c, "word", "part_year") : "",
                     part ? ")" : "");
        table_text(t->body, r, 0, name);
        copy_count(t, r, 1, p, i, "cases");
        copy_count(t, r, 2, p, i, "victims");
        copy_count(t, r, 3, p, i, "victims_minor");
    }
    if (any_part)
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "part_month_note"));
    return true;
}

/* The days from report to current status (status_time.csv), the statuses with cases in the
 * order a case moves. Not in public mode (full_only). */
bool v_status_time(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "status_time", true,
                  COLSPECS({"status", COL_TEXT, false}, {"cases", COL_COUNT, true},
                           {"cases_without_date", COL_COUNT, true}, {"q1_days", COL_RATE, false},
                           {"median_days", COL_RATE, false}, {"q3_days", COL_RATE, false})))
        return false;
    snprintf(t->note, sizeof t->note, "%s %s", L(c, "word", "status_time_note"),
             L(c, "word", "status_time_no_date"));
    const struct table *p = pub(c, "status_time", false);
    static const char *const days[] = {"q1_days", "median_days", "q3_days"};
    for (size_t i = 0, nb = p ? body_rows(p) : 0; i < nb; i++) {
        if (!int_at(p, i, "cases"))
            continue;
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "status", text_at(p, i, "status")));
        copy_count(t, r, 1, p, i, "cases");
        copy_count(t, r, 2, p, i, "cases_without_date");
        for (int k = 0; k < 3; k++) {
            const struct cell *d = table_cell(p, i, table_col(p, days[k]));
            if (d->kind == CELL_REAL)
                table_real(t->body, r, 3 + k, d->v.r, 2);
        }
    }
    return true;
}
