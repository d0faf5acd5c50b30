/* release.h: a period's public tables, the country's and every region's, protected as one. */
#ifndef TP_RELEASE_H
#define TP_RELEASE_H

#include "count/aggregate.h"
#include "util/error.h"
#include "protect/protect.h"
#include "read/quality.h"
#include "count/table.h"

/* Everything public mode may print for one period: the report's tables and each region's
 * brief. The report's are protected first, on their own: a public report is the same whether
 * briefs are made or not. Then every region's, around the report's counts as printed, all
 * at once: no count hidden in one can be worked out from the others, whichever of them a
 * reader holds, and a count printed twice is hidden in both or neither. */
struct release {
    struct tableset national;
    /* A brief's tables for each region (its counts, and the country's routes touching it);
     * [0], the cases of unknown region, is empty: never printed. Empty unless public and
     * asked for. */
    struct tableset region[NREGIONS + 1];
    struct tableset unprinted; /* what no brief prints, for the sums (the unknown region's) */
    struct tableset history;   /* earlier releases' tables and the pieces (history.h) */
    /* A region with k or more cases and victims, both shown in the report: its brief has
     * figures (else its tables are its totals alone). */
    bool publishable[NREGIONS + 1];
    struct protection *prot; /* NULL unless public */
    struct sdc_stats stats, region_stats; /* what each step hid */
};

/* The tables of ts as public mode publishes them with threshold k: full-only tables left out,
 * small routes merged. False when out of memory. */
bool release_public_tables(struct tableset *ts, int k);

/* Builds period p's tables (a->period[p]). k > 0: public mode with that threshold; regions:
 * the briefs' tables too (a counted by region: agg_init's by_region). */
struct history;
/* h: the earlier releases to protect around (NULL: none). */
enum tp_err release_build(struct release *r, const struct agg *a, int p,
                          const struct quality *dq, int k, bool regions,
                          const struct history *h, struct tp_error *err);
void release_free(struct release *r); /* accepts a zeroed release */

#endif
