/* reply.h: the server's answers, each with the security headers; routes and the dispatcher. */
#ifndef TP_SERVE_REPLY_H
#define TP_SERVE_REPLY_H

#include <stddef.h>

#include <microhttpd.h>

#include "serve/http.h"
#include "serve/upload.h"

/* One request's state across the handler's calls (MHD's con_cls). */
struct request {
    enum { REQ_POST_RUNS, REQ_POST_LOGIN, REQ_OTHER } kind;
    struct upload *up;
    uint64_t bytes;  /* of the body so far */
    bool answered;   /* a refusal was queued before the body's end */
    enum page_lang lang;
};

/* Queues r (destroyed here) with status and the headers every answer carries. */
enum MHD_Result reply(struct MHD_Connection *c, unsigned status, struct MHD_Response *r);
enum MHD_Result reply_page(struct server *s, struct MHD_Connection *c, unsigned status,
                           enum page_id id, enum page_lang l, const char *title_key,
                           const char *head, const struct page_var *vars, size_t n);
/* A page saying the label [serve] KEY (title KEY_title), with a link back to the form. */
enum MHD_Result reply_message(struct server *s, struct MHD_Connection *c, unsigned status,
                              enum page_lang l, const char *key);
/* 303 See Other to location; cookie: a Set-Cookie value or NULL. */
enum MHD_Result reply_redirect(struct MHD_Connection *c, const char *location,
                               const char *cookie);

/* Routes (routes.c). GET: */
enum MHD_Result route_form(struct server *s, struct MHD_Connection *c, enum page_lang l);
enum MHD_Result route_login(struct server *s, struct MHD_Connection *c, enum page_lang l,
                            unsigned status);
/* path: what follows "/runs/". */
enum MHD_Result route_run(struct server *s, struct MHD_Connection *c, const char *path,
                          enum page_lang l);
/* POST /runs: the first call (no body yet), each piece, and the end. */
enum MHD_Result route_post_begin(struct server *s, struct MHD_Connection *c,
                                 struct request *q);
enum MHD_Result route_post_data(struct server *s, struct MHD_Connection *c, struct request *q,
                                const char *data, size_t *size);
enum MHD_Result route_post_end(struct server *s, struct MHD_Connection *c, struct request *q);

#endif
