/* header.h: an export file's header rows -> the column of each schema field, via the profile. */
#ifndef TP_HEADER_H
#define TP_HEADER_H

#include <stddef.h>

#include "read/csvfile.h"
#include "read/indicator_rows.h"
#include "read/profile.h"
#include "read/quality.h"
#include "read/schema.h"
#include "util/error.h"

/* A 0/1 column standing for one code of a multi-valued field ("exploitation: sexual"). */
struct indicator {
    size_t col;
    int field, code;
};

struct header_map {
    int col[F_COUNT]; /* column of each field, -1 absent */
    size_t ncols;     /* columns of the header */
    struct indicator *ind; /* owned */
    size_t nind;
    long line; /* of the first header row */
    size_t *filter_col; /* owned: the column of each profile filter; SIZE_MAX: not in file */
    size_t nfilters;
    /* An indicator-shaped file: [0] the indicator column, then the group columns; SIZE_MAX
     * until found. nir is 0 for other files. */
    size_t ir_col[1 + IR_MAX_GROUP];
    size_t nir;
    char *name_key[F_COUNT]; /* owned: the folded header name of each field's column, or NULL */
    size_t name_len[F_COUNT];
};

/* Reads the profile's header rows of csv (a file of this kind, path for messages), maps each
 * column to the field (or indicator) the profile names, records in dq's file what each read
 * column is read as, and tells csv to keep only those columns. Fails on two columns for one
 * field, a required field without a column (or constant), a filter whose column a cases or
 * flat file lacks, or a header that cannot be read. h is valid (and
 * must be freed) whatever the result. */
enum tp_err header_read(struct header_map *h, struct csvfile *csv, const char *path,
                        const struct profile *pf, enum file_kind kind, struct quality *dq,
                        int file, struct tp_error *err);
void header_map_free(struct header_map *h);

/* Whether row repeats the header (two exports joined into one file): every column read for a
 * field, where the row is not blank, holds the header's name for it (compared as keys), and
 * there are at least two such columns or none blank. key is scratch. */
bool header_again(const struct header_map *h, const struct csv_row *row, struct buf *key);

#endif
