/* ingest.h: reads an export (a folder of CSV files, or one flat file) into the aggregates,
 * accounting for every row in the data-quality log. */
#ifndef TP_INGEST_H
#define TP_INGEST_H

#include "count/aggregate.h"
#include "read/csvfile.h"
#include "util/error.h"
#include "count/places.h"
#include "read/profile.h"
#include "read/quality.h"

/* The files of an export; "" when absent. */
struct export {
    char cases[1024], victims[1024], suspects[1024], flat[1024];
};

/* input is a folder (cases/casos, victims/victimas, suspects/tratantes .csv; or one other CSV,
 * which is then a flat export) or a single flat file. */
enum tp_err export_find(const char *input, struct export *x, struct tp_error *err);

struct ingest_opts {
    const struct profile *profile;
    const struct places *places;
    csv_progress_fn progress; /* may be NULL */
    void *progress_ctx;
};

/* Reads cases (or the flat file) first, then victims, then suspects. Row problems go to dq;
 * only problems that stop a whole file are returned. */
enum tp_err ingest(const struct export *x, const struct ingest_opts *o, struct agg *agg,
                   struct quality *dq, struct tp_error *err);

#endif
