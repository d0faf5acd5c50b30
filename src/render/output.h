/* output.h: a run's output folder, written in a staging folder and moved into place whole. */
#ifndef TP_OUTPUT_H
#define TP_OUTPUT_H

#include <stdio.h>

#include "util/error.h"

/* Files are written under stage (DIR/.tipreport-XXXXXX); output_commit() then moves each
 * top-level entry into DIR, a folder by an atomic exchange with the old one, so a failed run
 * leaves the previous report as it was. */
struct output {
    char dir[1024];
    char stage[1100];
    int files; /* open files not yet closed */
};

enum tp_err output_begin(struct output *o, const char *dir, struct tp_error *err);
/* Opens stage/rel for writing, making folders as needed. NULL with *err on failure. */
FILE *output_open(struct output *o, const char *rel, struct tp_error *err);
/* Flushes and closes; any write error so far (a full disk) is reported for DIR/rel. */
enum tp_err output_close(struct output *o, FILE *f, const char *rel, struct tp_error *err);
/* The staging path of rel (its folders made), for writers that open the file themselves. */
enum tp_err output_path(struct output *o, const char *rel, char *out, size_t size,
                        struct tp_error *err);
enum tp_err output_commit(struct output *o, struct tp_error *err);
void output_abort(struct output *o); /* removes the staging folder */

#endif
