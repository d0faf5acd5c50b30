/* export.h: which files an input folder or flat file holds, and the role of each. */
#ifndef TP_EXPORT_H
#define TP_EXPORT_H

#include "util/error.h"

/* The files of an export; "" when absent. */
struct export {
    char cases[1024], victims[1024], suspects[1024], flat[1024];
};

/* input is a folder (cases/casos, victims/victimas, suspects/tratantes .csv; or one other CSV,
 * which is then a flat export) or a single flat file. */
enum tp_err export_find(const char *input, struct export *x, struct tp_error *err);

/* The data an export holds, as one hash (csvfile_hash over its files in role order; hex, 64
 * characters and a NUL). TP_ERR_INPUT when a file cannot be read. */
enum tp_err export_hash(const struct export *x, char out[65], struct tp_error *err);

#endif
