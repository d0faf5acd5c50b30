/* tables.h: the report's tables (the public tables/ interface) built from the aggregates. */
#ifndef TP_TABLES_H
#define TP_TABLES_H

#include "count/aggregate.h"
#include "read/quality.h"
#include "count/table.h"
#include "count/tabledef.h"

/* The names of UNODC's categories (enum unodc_category) and forms (enum unodc_form) in tables. */
const char *unodc_category_name(int c);
const char *unodc_form_name(int f);

/* Adds every table of docs/report-tables.md for period ap (one of a's, national or one
 * region's) to out, in the documented order. False when out of memory. */
bool tables_build(const struct agg *a, const struct agg_period *ap, const struct quality *dq,
                  struct tableset *out);

/* A regional brief's tables for ap, a region's period (agg's by_region). BRIEF_ALL: its
 * summary (cases and victims), victims by sex and age, victims_by_exploitation, and (but for
 * region 0, unknown) routes_region: the routes of country, its national period, from,
 * through or to the region. BRIEF_SUMMARY: the summary alone (a previous period, which a
 * brief compares by its headline figures); BRIEF_TOTALS: its cases and victims alone (a
 * region with too few to publish anything more). */
enum brief_tables { BRIEF_TOTALS, BRIEF_SUMMARY, BRIEF_ALL };
bool tables_build_region(const struct agg *a, const struct agg_period *ap,
                         const struct agg_period *country, enum brief_tables what,
                         struct tableset *out);

/* Public mode, once the protection has marked ts's cells: every sorted table ordered by what
 * it prints (table_sort_printed), the routes too (rebuilt by the protection, unsorted), and
 * prevention, which lists the regions in the order of cases_by_region, in its new order. */
void tables_sort_printed(struct tableset *ts);

/* What a builder reads: the counts of a period, and the tables built before it. */
struct tables_in {
    const struct agg *a;
    const struct agg_period *ap;      /* the period: the country's or one region's */
    const struct agg_period *country; /* a brief's: the country's period (its routes) */
    const struct quality *dq;         /* the files read; NULL in a brief */
    const struct tableset *built;     /* the tables of this publication built so far */
    unsigned pub;                     /* IN_*: the publication being built */
};

/* The p-quantile (rank (n - 1) p, interpolated: QUARTILE.INC) of the days from report to
 * status of the first period's cases of status codes s0..s1 with both dates; *n: how many
 * (0: none, and 0 returned). */
double status_days_quantile(const struct agg *a, int s0, int s1, double p, uint64_t *n);

/* A named count, set in a row by its column's name. */
struct metric {
    const char *name;
    uint64_t v;
};

/* The builders the definitions name (tabledefs.c), one per table: a new table with the
 * definition's columns, NULL when out of memory. */
table_builder build_summary, build_victims_by_sex_age, build_cases_by_region,
    build_cases_by_city, build_victims_by_nationality, build_routes, build_routes_region,
    build_exploitation, build_victims_by_exploitation, build_recruitment, build_transport,
    build_source, build_status, build_assistance, build_prevention, build_by_year, build_by_month,
    build_status_time, build_suspects_by_year,
    build_suspects_by_nationality, build_unodc_victims_by_exploitation,
    build_unodc_victims_by_citizenship, build_unodc_persons_by_sex,
    build_unodc_persons_by_citizenship, build_tip_law_enforcement, build_input_files,
    build_input_columns, build_victims_by_home, build_victims_by_home_region, build_sentences,
    build_categories;

#endif
