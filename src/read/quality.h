/* quality.h: the data-quality log: every rejected row and every warning, and per-file counts. */
#ifndef TP_QUALITY_H
#define TP_QUALITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "util/buf.h"
#include "read/charset.h"
#include "read/schema.h"

enum dq_action {
    DQ_REJECTED,
    DQ_DUPLICATE_REJECTED,
    DQ_KEPT_AS_UNKNOWN,
    DQ_KEPT_AS_OTHER,
    DQ_NOT_IN_PERIOD_TABLES,
    DQ_COUNTED_AS_GIVEN, /* counted as written; it disagrees with another file (docs) */
    DQ_ACTION_COUNT
};

const char *dq_action_name(enum dq_action a); /* "rejected", "kept_as_unknown" ... */

/* One input file. Invariant after reading: read == counted + filtered + rejected. Blank records (no
 * value in any column the profile reads) are not rows: they are counted in blank. */
/* A column the profile reads: its 1-based position, its header as written (masked, cut),
 * and what it is read as ("age", or "exploitation:sexual" for an indicator column). */
struct dq_column {
    int column;
    char header[64];
    char target[48];
};

struct dq_file {
    char name[256];       /* base name, as in data_quality.csv */
    char hash_name[20];   /* "sha256:" and 8 hex digits, once named by hash */
    char path[1024];      /* as given, for messages */
    enum file_kind kind;
    enum charset charset;
    char delim;
    int header_rows;
    long lines;
    off_t size;       /* bytes */
    char sha256[65];  /* hex */
    uint64_t read, counted, filtered, rejected, blank, warnings;
    uint64_t partly_in_period; /* counted rows dated by a span partly inside the period */
    size_t recoded_fields;
    struct dq_column *columns; /* in column order; owned */
    size_t ncolumns;
};

struct dq_entry {
    int file;        /* index into files */
    long line;
    int field;       /* field id, or -1 for the whole row */
    enum dq_action action;
    size_t value, quote, problem; /* offsets into the log's text */
};

struct quality {
    struct dq_file files[8];
    int nfiles;
    struct dq_entry *entries;
    size_t nentries, cap;
    struct buf text; /* NUL-separated strings */
    bool by_hash;    /* outputs name files by hash: dq_file_name */
};

void quality_free(struct quality *q);
int quality_file(struct quality *q, const char *path, enum file_kind kind); /* index; -1 full */

/* Adds an entry and counts it. value is as written: it is stored masked and shortened by
 * mask_value() (util/mask.h), and as data_quality.csv may quote it (mask_quote()). problem
 * is plain text, with no input value in it. False when out of memory. */
bool dq_add(struct quality *q, int file, long line, int field, const char *value, size_t vlen,
            enum dq_action action, const char *problem);

/* Records that column (1-based) of file is read as target. False when out of memory. */
bool dq_column(struct quality *q, int file, int column, const char *header, const char *target);

/* How file wrote field: the header of the column read as it, else (no such column: a constant,
 * or indicator columns) its field name; "" for the whole row (-1). */
const char *dq_field_header(const struct quality *q, int file, int field);

const char *dq_value(const struct quality *q, const struct dq_entry *e); /* masked: messages */
const char *dq_quote(const struct quality *q, const struct dq_entry *e); /* data_quality.csv */
const char *dq_problem(const struct quality *q, const struct dq_entry *e);

/* How outputs name file i: its base name, or in public mode (dq_name_by_hash) the first 8
 * digits of its SHA-256, "sha256:5b8e89bd" (enough to tell a run's few files apart): a name
 * or a folder can carry a person's name or identity number. Messages use files[i].path. */
const char *dq_file_name(const struct quality *q, int file);
void dq_name_by_hash(struct quality *q);

#endif
