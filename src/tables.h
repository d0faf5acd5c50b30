/* tables.h: the report's tables (the public tables/ interface) built from the aggregates. */
#ifndef TP_TABLES_H
#define TP_TABLES_H

#include "aggregate.h"
#include "quality.h"
#include "table.h"

/* Adds every table of docs/report-tables.md for period p to out, in the documented order.
 * False when out of memory. */
bool tables_build(const struct agg *a, int p, const struct quality *dq, struct tableset *out);

#endif
