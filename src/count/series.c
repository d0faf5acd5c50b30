/* series.c: the tables over time: by year (every year in the data), by month (the period's). */
#include "count/tables.h"

#include <stdio.h>
#include <stdlib.h>

/* The rows of by_year in order: by first year, a year before the ranges it starts. */
static int year_order(const void *x, const void *y)
{
    const int *a = x, *b = y;
    return a[0] != b[0] ? a[0] - b[0] : a[1] - b[1];
}

/* Whether the data cover year y in part: the year of the first case's report date when that
 * is after January, the year of the data date (agg.latest) when it is before December.
 * Months, not days: a register whose first case is on 20 January covers its year. */
static bool year_partial(const struct agg *a, int y)
{
    return a->first && ((y == date_year(a->first) && a->first / 100 % 100 > 1) ||
                        (y == date_year(a->latest) && a->latest / 100 % 100 < 12));
}

/* The first and last years with suspects identified, -1 when none (years, not rows). */
static void suspect_years(const struct agg *a, int *first, int *last)
{
    *first = *last = -1;
    for (int y = 0; y < YEARS; y++)
        if (a->by_year[y].identified) {
            if (*first < 0)
                *first = y;
            *last = y;
        }
}

/* by_year's rows, {first year, last year, row of agg_year or -1}: the cases' rows, then each
 * year with suspects that has no row of its own. Sets *n; NULL when out of memory. */
static int (*by_year_rows(const struct agg *a, size_t *n))[3]
{
    size_t ncases = agg_nyears(a);
    int sfirst, slast;
    suspect_years(a, &sfirst, &slast);
    int (*rows)[3] = malloc((ncases + YEARS + 1) * sizeof *rows);
    if (!rows)
        return NULL;
    for (size_t i = 0; i < ncases; i++) {
        agg_year_key(a, (long)i, &rows[i][0], &rows[i][1]);
        rows[i][2] = (int)i;
    }
    *n = ncases;
    for (int y = sfirst; sfirst >= 0 && y <= slast; y++) {
        int year = y + DATE_MIN_YEAR;
        bool has = false;
        for (size_t i = 0; i < ncases && !has; i++)
            has = rows[i][0] == year && rows[i][1] == year;
        if (!has) {
            rows[*n][0] = rows[*n][1] = year;
            rows[(*n)++][2] = -1;
        }
    }
    qsort(rows, *n, sizeof *rows, year_order);
    return rows;
}

struct table *build_by_year(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    struct table *t = tabledef_table(d);
    size_t n = 0;
    int (*rows)[3] = t ? by_year_rows(a, &n) : NULL;
    if (!rows) {
        table_free(t);
        return NULL;
    }
    for (size_t i = 0; i < n; i++) {
        int first = rows[i][0], last = rows[i][1];
        char label[16];
        if (first == last)
            snprintf(label, sizeof label, "%d", first % 10000);
        else
            snprintf(label, sizeof label, "%d-%d", first % 10000, last % 10000);
        size_t r = table_row(t, label);
        table_text(t, r, tabledef_col(d, "year"), label);
        bool part = year_partial(a, first) || year_partial(a, last);
        table_text(t, r, tabledef_col(d, "partial"), part ? "yes" : "no");
        /* A year with suspects and no case: 0 cases within the cases' years, else not known. */
        const struct year_count none = {0}, *y = rows[i][2] >= 0 ? &a->years[rows[i][2]] : &none;
        if (rows[i][2] >= 0 || (a->first && first >= date_year(a->first) &&
                                first <= date_year(a->last))) {
            const struct metric v[] = {{"cases", y->cases}, {"victims", y->victims},
                                       {"victims_female", y->female}, {"victims_male", y->male},
                                       {"victims_minor", y->minor}};
            for (size_t c = 0; c < sizeof v / sizeof *v; c++)
                table_int(t, r, tabledef_col(d, v[c].name), v[c].v);
        }
        if (first != last) /* suspects are dated by a day: a range of years has none */
            continue;
        const struct suspect_counts *s = &a->by_year[first - DATE_MIN_YEAR];
        const struct metric v[] = {{"suspects_identified", s->identified},
                                   {"suspects_detained", s->detained},
                                   {"suspects_prosecuted", s->prosecuted},
                                   {"suspects_convicted", s->convicted}};
        for (size_t c = 0; c < sizeof v / sizeof *v; c++)
            table_int(t, r, tabledef_col(d, v[c].name), v[c].v);
    }
    free(rows);
    return t;
}

struct table *build_suspects_by_year(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    struct table *t = tabledef_table(d);
    int first, last;
    suspect_years(a, &first, &last);
    /* Every year from the first to the last, so that a gap shows as a zero. */
    for (int y = first; t && first >= 0 && y <= last; y++) {
        const struct suspect_counts *s = &a->by_year[y];
        char year[8];
        snprintf(year, sizeof year, "%d", (y + DATE_MIN_YEAR) % 10000);
        size_t r = table_row(t, year);
        table_text(t, r, tabledef_col(d, "year"), year);
        const struct metric v[] = {
            {"identified", s->identified}, {"female", s->sex[SEX_FEMALE]},
            {"male", s->sex[SEX_MALE]}, {"sex_unknown", s->sex[SEX_UNKNOWN]},
            {"peruvian", s->peruvian}, {"foreign", s->foreign},
            {"nationality_unknown", s->nationality_unknown}, {"detained", s->detained},
            {"prosecuted", s->prosecuted}, {"convicted", s->convicted}};
        for (size_t c = 0; c < sizeof v / sizeof *v; c++)
            table_int(t, r, tabledef_col(d, v[c].name), v[c].v);
    }
    return t;
}


/* The last day of month m of year y. */
static tp_date month_end(int y, int m)
{
    tp_date d = 0;
    for (int day = 31; !d; day--)
        d = date_make(y, m, day);
    return d;
}

/* Whether the data cover the month [first, last] of the period in part (or not at all): the
 * period, or the data (from the first case's report date to the data date), starts after its
 * first day or ends before its last. */
static bool month_partial(const struct agg *a, tp_date first, tp_date last)
{
    const struct period *p = &a->period[0].period;
    tp_date from = p->from > a->first ? p->from : a->first;
    tp_date to = p->to < a->latest ? p->to : a->latest;
    return from > first || to < last;
}

static void month_row(const struct tabledef *d, struct table *t, const char *year,
                      const char *month, bool part, const struct year_count *m)
{
    size_t r = table_row(t, NULL);
    table_text(t, r, tabledef_col(d, "year"), year);
    table_text(t, r, tabledef_col(d, "month"), month);
    table_text(t, r, tabledef_col(d, "partial"), part ? "yes" : "no");
    const struct metric v[] = {
        {"cases", m->cases}, {"victims", m->victims}, {"victims_minor", m->minor}};
    for (size_t c = 0; c < sizeof v / sizeof *v; c++)
        table_int(t, r, tabledef_col(d, v[c].name), v[c].v);
}

struct table *build_by_month(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    const struct period *p = &a->period[0].period;
    struct table *t = tabledef_table(d);
    /* Every month of the period, so that a month without cases shows as a zero. */
    for (tp_date m = p->from ? p->from / 100 * 100 + 1 : 0; t && m && m <= p->to;) {
        int y = date_year(m), mo = m / 100 % 100;
        char year[8], month[4];
        snprintf(year, sizeof year, "%d", y % 10000);
        snprintf(month, sizeof month, "%d", mo % 100);
        tp_date end = month_end(y, mo);
        month_row(d, t, year, month, month_partial(a, m, end), &a->months[agg_month_index(m)]);
        m = mo == 12 ? date_make(y + 1, 1, 1) : date_make(y, mo + 1, 1);
    }
    const struct year_count *u = &a->months_undated;
    if (t && (u->cases || u->victims))
        month_row(d, t, "unknown", "unknown", false, u);
    return t;
}

/* The k-th smallest (0-based) of the days of statuses s0..s1 (agg.status_days). */
static double kth_day(const struct agg *a, int s0, int s1, uint64_t k)
{
    uint64_t seen = 0;
    for (size_t d = 0; d <= STATUS_DAYS; d++)
        for (int s = s0; s <= s1; s++)
            if ((seen += a->status_days[(size_t)s * (STATUS_DAYS + 1) + d]) > k)
                return (double)d;
    return 0;
}

double status_days_quantile(const struct agg *a, int s0, int s1, double p, uint64_t *n)
{
    *n = 0;
    for (int s = s0; s <= s1; s++)
        for (size_t d = 0; d <= STATUS_DAYS; d++)
            *n += a->status_days[(size_t)s * (STATUS_DAYS + 1) + d];
    if (!*n)
        return 0;
    double h = (double)(*n - 1) * p;
    uint64_t lo = (uint64_t)h;
    double x = kth_day(a, s0, s1, lo);
    return lo + 1 < *n ? x + (h - (double)lo) * (kth_day(a, s0, s1, lo + 1) - x) : x;
}

/* Every status in the value set's order, then unknown, as status.csv lists them. */
struct table *build_status_time(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    struct table *t = tabledef_table(d);
    int n = vocabs[V_STATUS].ncodes;
    for (int s = 0; t && s <= n; s++) {
        uint64_t dated;
        double q[3];
        for (int k = 0; k < 3; k++)
            q[k] = status_days_quantile(a, s, s, (k + 1) / 4.0, &dated);
        size_t r = table_row(t, NULL);
        table_text(t, r, tabledef_col(d, "status"), vocab_code_name(V_STATUS, s));
        table_int(t, r, tabledef_col(d, "cases"), dated + a->status_undated[s]);
        table_int(t, r, tabledef_col(d, "cases_without_date"), a->status_undated[s]);
        static const char *const cols[] = {"q1_days", "median_days", "q3_days"};
        for (int k = 0; dated && k < 3; k++) /* quarters of a day at most: exact */
            table_real(t, r, tabledef_col(d, cols[k]), q[k], 2);
    }
    return t;
}
