/* job.h: one run of tipreport: load the reference data and profile, read, aggregate, write. */
#ifndef TP_JOB_H
#define TP_JOB_H

#include "count/aggregate.h"
#include "read/ingest.h"
#include "report/labels.h"
#include "report/map.h"
#include "report/reportdef.h"
#include "options.h"
#include "read/quality.h"
#include "protect/history.h"
#include "protect/ledger.h"
#include "protect/release.h"

/* One source of the run: read and counted by its own profile. A run without [source]
 * sections has one, INPUT read with --profile. */
struct job_source {
    char name[32];     /* [source NAME]; "" for INPUT */
    const char *title; /* [source] title, or "": the documents name it by its attribution */
    const char *input; /* its file or folder (borrowed from the options) */
    struct profile *profile;
    struct export files;
    struct agg agg; /* period 0 the current, 1 the previous when there is one */
    bool agg_ready;
    struct quality dq;
    struct release cur, prev; /* the periods' tables (prev empty when none) */
    char dataset[65];         /* public mode: the hash of its files (export_hash) */
    struct history hist;      /* public mode: the ledger's releases of the same data */
};

struct job {
    const struct options *opt; /* borrowed */
    struct places *places;
    struct map_shape *map; /* the regions' outlines */
    struct labels *labels, *labels_en;    /* the workbook's language; English (checklist) */
    struct reportdef *annual, *checklist; /* the documents' definitions */
    struct reportdef *brief;              /* tipreport region: the brief's */
    int region;                           /* the brief's region (1..25); 0 for a report */
    bool all_regions;                     /* tipreport region all: every region's brief */
    char sub[48];                         /* the folder the brief being written goes in
                                             ("cusco/" under region all), or "" */
    struct job_source *src;               /* nsrc of them; several only for a report */
    int nsrc;
    char outdir[1100]; /* where the report went */
    struct ledger ledger;    /* public mode: the releases before this run's, then its own */
    char ledger_path[1100];
    int ledger_lock;         /* held from reading the ledger to the end of the run; -1: none */
};

/* Loads and reads everything (report and validate). */
enum tp_err job_read(struct job *j, const struct options *opt, csv_progress_fn progress,
                     void *progress_ctx, struct tp_error *err);
/* Builds the tables and writes them; a failure leaves any earlier report untouched. */
enum tp_err job_write(struct job *j, struct tp_error *err);
uint64_t job_rejected(const struct job *j);
/* The folder of a source's tables and data-quality list in the output: "" for one source,
 * "NAME/" for each of several (docs/sources.md). */
const char *job_source_dir(const struct job *j, int i, char *out, size_t size);
/* TP_ERR_NOTHING, with the numbers and the first reason, when no row of any file counted. */
enum tp_err job_check_counted(const struct job *j, struct tp_error *err);
void job_free(struct job *j);

#endif
