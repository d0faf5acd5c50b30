/* runs.h: the runs table: each upload's folder, its child process, its end and its expiry. */
#ifndef TP_SERVE_RUNS_H
#define TP_SERVE_RUNS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/error.h"

enum run_state { RUN_FREE, RUN_UPLOADING, RUN_RUNNING, RUN_DONE };

/* What the form asked for; every value checked by the upload (no leading '-', no control). */
struct run_request {
    char from[32], to[32];
    char lang[4];      /* "es", "en" */
    bool public_mode;
    char region[64];   /* "" = the report; else a regional brief */
    char input[168];   /* "in" (a folder) or "in/NAME" (one flat file), from the run's folder */
    bool config;       /* in/tipreport.ini was uploaded */
};

struct run {
    enum run_state state;
    char id[33];      /* 128 random bits, hex */
    char dir[1100];   /* WORK/ID: in/ (uploads), out/ (the report), messages.txt */
    pid_t pid;        /* while RUN_RUNNING */
    int status;       /* waitpid's, once RUN_DONE */
    double started, finished; /* monotonic seconds */
    uint64_t bytes;   /* uploaded */
};

struct runs {
    char root[1024];       /* the work folder */
    char templates[1024];  /* passed to each run */
    char ledger[1100];     /* passed to each public run; "" = the run's own */
    unsigned max_active;   /* uploads and runs at once */
    double keep;           /* seconds a finished run stays */
    struct run *items;
    size_t n, cap;
};

double runs_now(void); /* CLOCK_MONOTONIC, seconds */

/* A new run, uploading, with its folder WORK/ID/in made. NULL with *busy when max_active are
 * uploading or running, NULL without when the folder cannot be made. */
struct run *runs_new(struct runs *t, bool *busy);
struct run *runs_find(struct runs *t, const char *id);
/* Starts the report (fork, exec of /proc/self/exe in the run's folder). False when it could
 * not start; the run is then done with exit status 1. */
bool runs_start(struct runs *t, struct run *r, const struct run_request *req);
/* Removes the run's folder and frees its slot (an upload refused or cut off). */
void runs_drop(struct run *r);
/* Collects every ended child (after SIGCHLD). */
void runs_reap(struct runs *t);
/* Removes the runs finished more than keep seconds ago. */
void runs_expire(struct runs *t, double now);
/* At exit: ends every child (SIGTERM, then waits) and removes every run's folder. */
void runs_stop_all(struct runs *t);
void runs_free(struct runs *t);

#endif
