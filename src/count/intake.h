/* intake.h: what the counting stage takes from ingest, one normalised record at a time. */
#ifndef TP_INTAKE_H
#define TP_INTAKE_H

#include <stdint.h>

#include "count/dataset.h"
#include "util/date.h"

/* The aggregates (aggregate.h); the reading stage needs no more of them than these calls. */
struct agg;

/* bit p: a record dated d counts in period p (a case's periods field). */
uint16_t agg_periods_of(const struct agg *a, tp_date d);
/* The same for a record dated by a span (a month, a year, a range of years): bit p when the
 * whole span lies inside period p; *partly gets bit p when only a part of it does. */
uint16_t agg_periods_of_span(const struct agg *a, tp_date first, tp_date last,
                             uint16_t *partly);
/* The row of by_year.csv of a case dated first..last with that precision: its year, or its
 * range of years. -1 when out of memory. */
long agg_year(struct agg *a, tp_date first, tp_date last, int precision);
long agg_route(struct agg *a, const struct route_key *k); /* route id; -1 out of memory */

/* A case, its route and periods set. */
void agg_case(struct agg *a, const struct case_rec *c);
/* Once the cases are read: open period ends become the first and last report dates, so that
 * suspects are counted "in the period" by the same dates the tables print. */
void agg_settle_periods(struct agg *a);
/* A victim of counted case c. */
void agg_victim(struct agg *a, const struct case_rec *c, const struct victim_rec *v);
/* A victim counted whose case is not among the counted cases: in no period table. */
void agg_victim_without_case(struct agg *a, uint32_t weight);
void agg_suspect(struct agg *a, const struct suspect_rec *s);

/* A source's own categories (an indicator-shaped profile's [category NAME] sections,
 * read/category.h): at most CAT_MAX of them, each of at most CAT_MAX_VALUES parts and its
 * unknown row (index CAT_MAX_VALUES). */
#define CAT_MAX 16
#define CAT_MAX_VALUES 31
/* n of category cat's value (a part's index, or CAT_MAX_VALUES: unknown), of counted case c
 * (its periods). */
void agg_category(struct agg *a, const struct case_rec *c, int cat, int value, uint64_t n);

#endif
