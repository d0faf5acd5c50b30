/* tables.h: the report's tables (the public tables/ interface) built from the aggregates. */
#ifndef TP_TABLES_H
#define TP_TABLES_H

#include "aggregate.h"
#include "quality.h"
#include "table.h"

/* The numeric metrics of summary.csv, in order (after period_from, period_to). */
extern const char *const summary_metrics[];
extern const size_t nsummary_metrics;

/* Adds every table of docs/report-tables.md for period p to out, in the documented order.
 * False when out of memory. */
bool tables_build(const struct agg *a, int p, const struct quality *dq, struct tableset *out);

#endif
