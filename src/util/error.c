/* error.c: error messages, exit codes and the one formatter of "FILE:LINE: field" prefixes. */
#include "util/error.h"

#include <stdio.h>
#include <string.h>

static const char *const messages[TP_ERR_COUNT] = {
    [TP_OK] = "no error",
    [TP_ERR_NOMEM] = "out of memory",
    [TP_ERR_USAGE] = "usage error",
    [TP_ERR_INPUT] = "input cannot be read",
    [TP_ERR_PROFILE] = "profile error",
    [TP_ERR_CONFIG] = "config error",
    [TP_ERR_STRICT] = "rows rejected under --strict",
    [TP_ERR_OUTPUT] = "output cannot be written",
    [TP_ERR_INTERNAL] = "internal error",
    [TP_ERR_NOTHING] = "no row could be counted",
    [TP_ERR_SERVE] = "the server cannot start",
};

static const int exits[TP_ERR_COUNT] = {
    [TP_OK] = TP_EXIT_OK,
    [TP_ERR_NOMEM] = TP_EXIT_INTERNAL,
    [TP_ERR_USAGE] = TP_EXIT_USAGE,
    [TP_ERR_INPUT] = TP_EXIT_INPUT,
    [TP_ERR_PROFILE] = TP_EXIT_INPUT,
    [TP_ERR_CONFIG] = TP_EXIT_INPUT,
    [TP_ERR_STRICT] = TP_EXIT_STRICT,
    [TP_ERR_OUTPUT] = TP_EXIT_OUTPUT,
    [TP_ERR_INTERNAL] = TP_EXIT_INTERNAL,
    [TP_ERR_NOTHING] = TP_EXIT_NOTHING,
    [TP_ERR_SERVE] = TP_EXIT_SERVE,
};

const char *tp_strerror(enum tp_err code)
{
    if (code < 0 || code >= TP_ERR_COUNT)
        return "unknown error";
    return messages[code];
}

int tp_exit_code(enum tp_err code)
{
    if (code < 0 || code >= TP_ERR_COUNT)
        return TP_EXIT_INTERNAL;
    return exits[code];
}

enum tp_err tp_fail(struct tp_error *err, enum tp_err code, const char *file, long line,
                    const char *field, const char *fmt, ...)
{
    if (!err)
        return code;
    err->code = code;
    err->line = line;
    snprintf(err->file, sizeof err->file, "%s", file ? file : "");
    snprintf(err->field, sizeof err->field, "%s", field ? field : "");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
    return code;
}

void tp_error_format(const struct tp_error *err, char *out, unsigned long size)
{
    char where[700] = "";
    size_t n = 0;
    if (err->file[0]) {
        if (err->line > 0)
            n = (size_t)snprintf(where, sizeof where, "%s:%ld: ", err->file, err->line);
        else
            n = (size_t)snprintf(where, sizeof where, "%s: ", err->file);
    }
    if (err->field[0] && n < sizeof where)
        snprintf(where + n, sizeof where - n, "field '%s': ", err->field);
    snprintf(out, size, "%s%s", where, err->msg[0] ? err->msg : tp_strerror(err->code));
}
