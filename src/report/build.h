/* build.h: how a report is built: from the counts, the public tables, the labels, a
 * definition and, in public mode, the protection (renderers see only report.h). */
#ifndef TP_BUILD_H
#define TP_BUILD_H

#include <stdbool.h>

#include "count/aggregate.h"
#include "count/table.h"
#include "protect/protect.h"
#include "read/quality.h"
#include "report/labels.h"
#include "report/report.h"
#include "report/reportdef.h"

struct report_input {
    const struct reportdef *def;
    const struct agg *agg;
    const struct tableset *cur, *prev; /* prev NULL: no previous period */
    const struct quality *dq;
    const struct labels *labels;
    const struct labels *labels_en; /* English, whose texts the data-quality log holds; NULL: labels */
    const char *title;   /* overrides the definition's when not empty */
    const char *profile; /* the profile's name, for the manifest */
    const struct attribution *attribution; /* the profile's: source lines and prose */
    const char *input;   /* the input as given */
    const char *author, *organisation;
    const struct map_shape *map_shape; /* region outlines, for [chart map] */
    const struct protection *prot, *prot_prev; /* public mode; NULL otherwise */
    /* A regional brief: the agg period it counts (NULL: agg's period 0), its region (0
     * otherwise), and the country's tables, to compare (protected with the region's: prot). */
    const struct agg_period *ap;
    int region;
    const struct tableset *national;
    /* Several sources: another of them is the prosecution service (its attribution's stage),
     * which answers the law-enforcement questions ([if prosecution_elsewhere]). */
    bool prosecution_elsewhere;
};

struct report *report_build(const struct report_input *in, struct tp_error *err);

/* The catalogue of tables (with compare: those that can show the previous period) and charts. */
bool report_table_known(const char *name, bool compare);
bool report_chart_known(const char *name);

#endif
