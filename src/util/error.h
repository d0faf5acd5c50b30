/* error.h: the error values every layer returns to main, their messages and exit codes. */
#ifndef TP_ERROR_H
#define TP_ERROR_H

#include <stdarg.h>

/* Keep in step with the string table in error.c (a unit test pins both). */
enum tp_err {
    TP_OK = 0,
    TP_ERR_NOMEM,   /* out of memory */
    TP_ERR_USAGE,   /* bad command line */
    TP_ERR_INPUT,   /* input missing or unreadable: files, encodings, headers */
    TP_ERR_PROFILE, /* a profile file is wrong */
    TP_ERR_CONFIG,  /* a config file is wrong */
    TP_ERR_STRICT,  /* rows were rejected and --strict was given */
    TP_ERR_OUTPUT,  /* the report could not be written */
    TP_ERR_INTERNAL, /* the program's own data is wrong (a table definition) */
    TP_ERR_NOTHING,  /* no row of the input could be counted */
    TP_ERR_SERVE,    /* tipreport serve cannot listen or keep its work folder */
    TP_ERR_COUNT
};

/* Exit codes (documented in README.md). */
enum tp_exit {
    TP_EXIT_OK = 0,
    TP_EXIT_INTERNAL = 1,
    TP_EXIT_USAGE = 2,
    TP_EXIT_INPUT = 3,
    TP_EXIT_STRICT = 4,
    TP_EXIT_OUTPUT = 5,
    TP_EXIT_NOTHING = 6,
    TP_EXIT_SERVE = 7
};

/* Where and what. Filled by the layer that saw the problem; printed only by main as
 * "tipreport: FILE:LINE: field 'F': MESSAGE" (parts that are unknown are left out). */
struct tp_error {
    enum tp_err code;
    long line;           /* 0 when not about one line */
    char file[512];      /* "" when not about one file */
    char field[64];      /* "" when not about one field */
    char msg[768];
};

const char *tp_strerror(enum tp_err code);
int tp_exit_code(enum tp_err code);

/* Fill *err and return code; file, field may be NULL. Never fails. */
enum tp_err tp_fail(struct tp_error *err, enum tp_err code, const char *file, long line,
                    const char *field, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));

/* Format *err as main prints it (without the "tipreport: " prefix). */
void tp_error_format(const struct tp_error *err, char *out, unsigned long size);

#endif
