/* history.h: a period protected around what earlier releases of the same data printed. */
#ifndef TP_HISTORY_H
#define TP_HISTORY_H

#include <stdbool.h>

#include "count/aggregate.h"
#include "count/table.h"
#include "protect/ledger.h"
#include "protect/protect.h"
#include "read/quality.h"
#include "util/error.h"

/* The ledger's releases of one dataset, and the pieces their periods and the run's cut each
 * other into (indices into agg's periods; none when every release is of the run's periods). */
struct history {
    const struct ledger *ledger;
    const char *path; /* its file, for messages */
    const char *dataset;
    int piece[MAX_PERIODS], npieces;
};

/* Adds to p, which holds period pi's own tables, every earlier release of h's dataset, fixed as
 * it was printed: a release of the same period on these very counts; one of another period,
 * as its tables keyed "release=N" tied to this period's through the pieces of both, each a
 * difference a reader can take, which must not come out small. Counts of every year (all_years
 * measures) are one count in every release. The tables made are kept in keep (freed by its
 * owner after p). A shown count that differs from this run's is TP_ERR_INPUT: the data or the
 * counting changed since. */
bool history_add(struct protection *p, const struct agg *a, int pi, const struct quality *dq,
                 const struct history *h, struct tableset *keep, struct tp_error *err);

#endif
