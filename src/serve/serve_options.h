/* serve_options.h: tipreport serve's command line: where to listen, the token, the limits. */
#ifndef TP_SERVE_OPTIONS_H
#define TP_SERVE_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/socket.h>

#include "util/error.h"

#define SERVE_DEFAULT_LISTEN "127.0.0.1:8080"
#define SERVE_DEFAULT_MAX_UPLOAD (200ull << 20) /* bytes: 200M */
#define SERVE_DEFAULT_KEEP 60                           /* minutes */
#define SERVE_DEFAULT_MAX_RUNS 2

struct serve_options {
    char listen[300];                /* ADDR:PORT as given (IPv6 as [ADDR]:PORT) */
    struct sockaddr_storage addr;    /* parsed from listen */
    socklen_t addrlen;
    bool loopback;                   /* addr is 127.0.0.0/8 or ::1 */
    bool wildcard;                   /* 0.0.0.0 or ::: any Host is the listening name */
    unsigned port;
    char token[256];                 /* from --token-file; "" = none (loopback only) */
    uint64_t max_upload;             /* bytes of one POST's body */
    unsigned keep;                   /* minutes a finished run stays */
    unsigned max_runs;               /* uploads and runs at once */
    char templates[1024];            /* pages, labels; passed on to each run */
    char ledger[1100];               /* --ledger, absolute; "" = each run's own (in its folder) */
};

/* argv[1] is "serve". Usage problems are TP_ERR_USAGE; an unreadable or short token file
 * TP_ERR_INPUT. */
enum tp_err serve_options_parse(int argc, char **argv, struct serve_options *o,
                                struct tp_error *err);

#endif
