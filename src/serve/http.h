/* http.h: the server: its daemon (libmicrohttpd), pages, runs table and secrets. */
#ifndef TP_SERVE_HTTP_H
#define TP_SERVE_HTTP_H

#include <stdbool.h>

#include "serve/pages.h"
#include "serve/runs.h"
#include "serve/serve_options.h"
#include "util/error.h"

struct MHD_Daemon;

struct server {
    const struct serve_options *opt;
    struct pages pages;
    struct runs runs;
    char csrf[33];          /* the forms' hidden field: random, for the server's life */
    char session[33];       /* the login cookie's value (--token-file): random */
    char hosts[3][320];     /* the Host values that name this server; none: any (wildcard) */
    int nhosts;
    struct MHD_Daemon *daemon;
};

/* Starts listening (no thread of its own: serve.c's loop calls http_run). TP_ERR_SERVE when
 * the address cannot be used. */
enum tp_err http_start(struct server *s, struct tp_error *err);
/* The fd to poll for the daemon, and the longest wait in ms before http_run is due. */
int http_fd(const struct server *s);
int http_timeout(const struct server *s, int max_ms);
void http_run(struct server *s);
/* Closes every connection (a cut upload is removed) and the listening socket. */
void http_stop(struct server *s);

#endif
