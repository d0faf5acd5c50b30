/* figures.h: the named figures a report definition places in its text as {{name}}. */
#ifndef TP_FIGURES_H
#define TP_FIGURES_H

#include <stdbool.h>

#include "count/aggregate.h"
#include "util/buf.h"
#include "read/attribution.h"
#include "report/labels.h"
#include "count/table.h"

/* The catalogue, the same whatever the data: every metric of summary.csv as NAME, NAME_prev,
 * NAME_change and (victims_*, suspects_*) NAME_pct; and the text figures listed in
 * docs/report-definitions.md. A definition naming anything else is refused when read. */
bool figures_known(const char *name);
/* The facts [if NAME] tests: cases, previous_period, cities, routes, international_routes,
 * exploitation, recruitment, suspects, foreign_suspects. */
bool figures_condition_known(const char *name);

struct figures;

/* cur and prev are the tables of the period and of the one before (prev NULL: none); attr
 * names the source (source, source_short, source_title, source_register, institution,
 * institution_short) and
 * its record (record, records from the labels' [record]; condition record_case). */
/* public_k: public mode's k (hidden counts read "<k" or "x"), or 0. A regional brief gives
 * its region and the country's tables (the region_* and national_* figures); else 0, NULL. */
struct figures *figures_build(const struct agg *a, const struct tableset *cur,
                              const struct tableset *prev, const struct labels *l,
                              const struct attribution *attr, const char *title, int public_k, const struct tableset *national,
                              int region);
/* A country's name in the labels' language (tables write English names). */
const char *figures_country(const struct places *p, const struct labels *l, const char *english);
void figures_free(struct figures *f); /* accepts NULL */

const char *figures_get(const struct figures *f, const char *name); /* "" when unknown */
bool figures_condition(const struct figures *f, const char *name);
/* A fact of the run rather than of the counts (prosecution_elsewhere: another source of the
 * report is the prosecution service). False when out of memory. */
bool figures_condition_set(struct figures *f, const char *name, bool value);

/* Appends text to out with each {{name}} replaced by its figure. */
bool figures_expand(const struct figures *f, const char *text, struct buf *out);

#endif
