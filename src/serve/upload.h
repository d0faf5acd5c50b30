/* upload.h: a POSTed form read with MHD's post processor, its files streamed to the run's
 * in/ folder under safe names, never held whole in memory. */
#ifndef TP_SERVE_UPLOAD_H
#define TP_SERVE_UPLOAD_H

#include <stdbool.h>
#include <stdint.h>

#include "serve/runs.h"

struct MHD_Connection;
struct MHD_PostProcessor;

struct upload {
    struct run *run;        /* where files go; NULL: a form without files (login) */
    struct MHD_PostProcessor *pp;
    int fd;                 /* the file being written; -1 */
    unsigned nfiles, ndata; /* files stored; of them, data (not tipreport.ini) */
    char first[160];        /* the first data file's stored name */
    bool ini;               /* in/tipreport.ini stored */
    bool bad;               /* a field too long, too many files, or a write failed */
    /* The fields, as sent (each NUL-terminated; one too long sets bad). */
    char csrf[80], from[32], to[32], lang[4], ui[4], region[64], public_mode[8], token[300];
};

/* NULL when the body is no form (multipart/form-data or urlencoded) or out of memory. */
struct upload *upload_new(struct MHD_Connection *c, struct run *r);
/* False when the post processor refuses the data (a malformed body). */
bool upload_feed(struct upload *u, const char *data, size_t size);
/* Closes the last file. NULL and *req filled when the form is good; else the label key of
 * what is wrong ("bad_form", "no_files", "bad_value", "ini_paths"). */
const char *upload_finish(struct upload *u, struct run_request *req);
void upload_free(struct upload *u); /* accepts NULL; leaves the run and its files */

/* The uploaded name made safe: its last part only (no '/' or '\\'), no control byte or ':',
 * not starting with '.', at most 100 bytes (a character cut at the end is dropped whole);
 * "file" when nothing is left. tipreport.ini, in any case, is recognised by name. */
void upload_safe_name(const char *given, char *out, size_t size);

#endif
