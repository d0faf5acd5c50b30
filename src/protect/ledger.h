/* ledger.h: what earlier public releases of the same data printed, kept beside the outputs. */
#ifndef TP_LEDGER_H
#define TP_LEDGER_H

#include <stdbool.h>
#include <stdint.h>

#include "protect/protect.h"
#include "util/date.h"
#include "util/error.h"

/* A count a release printed: its key (protect.h), how, and its value when shown. Aggregates
 * only: no input value, no hidden count's value. */
struct ledger_cell {
    char *key;
    uint8_t state; /* enum sdc_state: SDC_SHOWN, SDC_PRIMARY or SDC_SECONDARY */
    uint64_t value;
};

/* One public release of one period: the data it counted (dataset, a hash of the input files),
 * its period as counted and its K. */
struct ledger_release {
    char dataset[65];
    struct period period;
    int k;
    bool briefs; /* the regions' briefs were published with it ("briefs" on its line) */
    struct ledger_cell *cells;
    size_t n, cap;
};

struct ledger {
    struct ledger_release *r;
    size_t n, cap;
};

/* Waits for the ledger at path to be free and holds it (a lock on its folder, which it makes
 * when missing), so that public runs sharing it follow one another: each protected around
 * the one before. The descriptor to close when the run is over; -1 with *err (TP_ERR_OUTPUT). */
int ledger_lock(const char *path, struct tp_error *err);
/* Reads the ledger at path; a file that does not exist is an empty ledger. A line that is not
 * a ledger's is TP_ERR_INPUT with its line. */
enum tp_err ledger_read(struct ledger *l, const char *path, struct tp_error *err);
/* Writes l to path whole or not at all (a new file renamed over the old). */
enum tp_err ledger_write(const struct ledger *l, const char *path, struct tp_error *err);
/* Adds the release of period pr that prot protected: every count it printed, with its state;
 * briefs: with the regions' briefs. */
bool ledger_record(struct ledger *l, const char *dataset, struct period pr, int k, bool briefs,
                   const struct protection *prot);
/* A release of dataset with briefs whose period overlaps one of own[] without being it (NULL:
 * none): the briefs of two such periods could be subtracted region by region, which the
 * pieces (national tables only) do not protect. */
const struct ledger_release *ledger_briefs_overlap(const struct ledger *l, const char *dataset,
                                                   const struct period *own, int nown);
void ledger_free(struct ledger *l); /* accepts a zeroed ledger */

/* The periods a new release must be protected around: the distinct periods of l's releases
 * of dataset but the ones in own[] (out[], at most max; their number, -1 when more). */
int ledger_periods(const struct ledger *l, const char *dataset, const struct period *own,
                   int nown, struct period *out, int max);
/* The pieces periods cut each other into: the days inside some of them, split wherever one
 * starts or ends (out[], at most max; their number, -1 when more). A period's 0 from or to is
 * open: the data's first or last day. */
int ledger_pieces(const struct period *periods, int n, struct period *out, int max);

#endif
