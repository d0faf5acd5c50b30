/* tables.h: the report's tables (the public tables/ interface) built from the aggregates. */
#ifndef TP_TABLES_H
#define TP_TABLES_H

#include "count/aggregate.h"
#include "read/quality.h"
#include "count/table.h"

/* The numeric metrics of summary.csv, in order (after period_from, period_to). */
extern const char *const summary_metrics[];
extern const size_t nsummary_metrics;

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

#endif
