/* csvfile.h: one CSV file read record by record through libcsv: encoding, delimiter, lines. */
#ifndef TP_CSVFILE_H
#define TP_CSVFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

#include "read/charset.h"
#include "util/error.h"

enum row_problem {
    ROW_OK = 0,
    ROW_BAD_BYTES,    /* a kept field is neither UTF-8 nor Windows-1252 */
    ROW_NUL,          /* a kept field holds a NUL byte */
    ROW_UNTERMINATED, /* the file ends inside a quoted field */
    ROW_BAD_QUOTES,   /* a closing quote is followed by text: the rest of the line is dropped */
};

/* One record. Valid until the next csvfile_next() or csvfile_close(). */
struct csv_row {
    long line;       /* physical line where the record starts; the file's first line is 1 */
    size_t nfields;  /* fields in the record as written */
    const char *const *field; /* UTF-8, NUL-terminated; "" for columns not kept */
    const size_t *len;
    enum row_problem problem;
    size_t problem_column; /* the column of a ROW_BAD_BYTES or ROW_NUL problem */
    bool overflow;         /* a column beyond the keep mask (csvfile_keep) is not empty */
};

struct csv_stats {
    enum charset charset;  /* as detected; ascii when no byte above 127 was seen */
    char delim;            /* ',', ';' or '\t' */
    bool sep_line;         /* the file began with Excel's "sep=X" line */
    long lines;            /* physical lines read so far */
    size_t recoded_fields; /* fields of a UTF-8 file that had to be read as Windows-1252 */
    off_t bytes, size;     /* read so far, and the file's size */
    char sha256[65];       /* of the whole file, hex; "" until the end was read */
};

typedef void (*csv_progress_fn)(void *ctx, const char *name, off_t done, off_t total);

struct csvfile;

/* Opens path; name is how messages call the file. NULL on failure, with *err set. */
struct csvfile *csvfile_open(const char *path, const char *name, struct tp_error *err);
void csvfile_close(struct csvfile *f); /* accepts NULL */
/* One SHA-256 over the files at paths[] (each one's own SHA-256, in order; "" is no file):
 * the data an export holds. out: 64 hex digits and a NUL. False with errno when one cannot
 * be read. */
bool csvfile_hash(const char *const *paths, int n, char out[65]);

/* Only columns i with keep[i] are decoded and returned; the others read as "". Columns at
 * n and beyond are dropped. The mask is copied. Until called, every column is kept. */
bool csvfile_keep(struct csvfile *f, const bool *keep, size_t n);

void csvfile_progress(struct csvfile *f, csv_progress_fn fn, void *ctx);

/* 1: *row holds the next record; 0: end of file; -1: the file cannot be read on (*err). */
int csvfile_next(struct csvfile *f, const struct csv_row **row, struct tp_error *err);

const struct csv_stats *csvfile_stats(const struct csvfile *f);

/* Longest physical line accepted. */
#define CSV_MAX_LINE ((size_t)256 << 20)

#endif
