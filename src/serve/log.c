/* log.c: one timestamped line per event of the server, on stderr. */
#include "serve/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>

void serve_log(const char *fmt, ...)
{
    char when[32] = "";
    time_t now = time(NULL);
    struct tm tm;
    if (gmtime_r(&now, &tm))
        strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    va_list ap;
    va_start(ap, fmt);
    fprintf(stderr, "tipreport serve: %s ", when);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    fflush(stderr);
    va_end(ap);
}
