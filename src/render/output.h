/* output.h: a run's output folder, written beside it whole and switched in with one rename. */
#ifndef TP_OUTPUT_H
#define TP_OUTPUT_H

#include <stdio.h>

#include "util/error.h"

/* Files are written under stage, PARENT/.BASE.tipreport-XXXXXX beside DIR (same file system),
 * locked (flock) while the run lives. output_commit() puts the stage in DIR's place with one
 * rename (an exchange when DIR exists, the old tree then removed), so a reader sees the old
 * report or the new one, never a mix; a run that fails or is killed leaves the old one whole,
 * and the next run removes the stages that no live run holds. */
struct output {
    char dir[1024];    /* as asked: what messages name */
    char target[1100]; /* DIR's real path (a link to a folder resolved): the name switched */
    char stage[1200];
    int lock;          /* the stage's folder, flock'ed; -1 when there is none */
    int files;         /* open files not yet closed */
};

enum tp_err output_begin(struct output *o, const char *dir, struct tp_error *err);
/* Opens stage/rel for writing, making folders as needed. NULL with *err on failure. */
FILE *output_open(struct output *o, const char *rel, struct tp_error *err);
/* Flushes and closes; any write error so far (a full disk) is reported for DIR/rel. */
enum tp_err output_close(struct output *o, FILE *f, const char *rel, struct tp_error *err);
/* The staging path of rel (its folders made), for writers that open the file themselves. */
enum tp_err output_path(struct output *o, const char *rel, char *out, size_t size,
                        struct tp_error *err);
/* Switches the stage in. owned: every top-level name a run may write (NULL-terminated); an
 * old entry so named goes with the old report; any other file the run did not write (the
 * user's) is kept, hard linked into the new folder; a folder of the user's is refused
 * (nothing changes). */
enum tp_err output_commit(struct output *o, const char *const owned[], struct tp_error *err);
void output_abort(struct output *o); /* removes the stage */

#endif
