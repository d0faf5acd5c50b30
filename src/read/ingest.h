/* ingest.h: an export's rows, each counted (through intake.h) or logged as rejected. */
#ifndef TP_INGEST_H
#define TP_INGEST_H

#include "count/intake.h"
#include "count/places.h"
#include "read/csvfile.h"
#include "read/export.h"
#include "read/profile.h"
#include "read/quality.h"
#include "util/error.h"

struct ingest_opts {
    const struct profile *profile;
    const struct places *places;
    csv_progress_fn progress; /* may be NULL */
    void *progress_ctx;
};

/* Reads cases (or the flat file) first, then victims, then suspects, handing each record to
 * agg (intake.h). Row problems go to dq; only problems that stop a whole file are returned. */
enum tp_err ingest(const struct export *x, const struct ingest_opts *o, struct agg *agg,
                   struct quality *dq, struct tp_error *err);

#endif
