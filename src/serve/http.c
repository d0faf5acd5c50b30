/* http.c: the daemon (libmicrohttpd, polled by serve.c), the checks every request passes
 * (Host, token, method) and the answers' common headers. */
#include "serve/http.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "serve/log.h"
#include "serve/reply.h"
#include "serve/secret.h"

/* The pages load nothing from elsewhere and run no script; report.html is shown in a frame
 * of the run's page. */
#define CSP "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'; " \
            "form-action 'self'; frame-ancestors 'self'; base-uri 'none'"

enum MHD_Result reply(struct MHD_Connection *c, unsigned status, struct MHD_Response *r)
{
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Content-Security-Policy", CSP);
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "Cache-Control", "no-store");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    return ret;
}

enum MHD_Result reply_page(struct server *s, struct MHD_Connection *c, unsigned status,
                           enum page_id id, enum page_lang l, const char *title_key,
                           const char *head, const struct page_var *vars, size_t n)
{
    struct buf b = {0};
    if (!pages_render(&s->pages, id, l, title_key, head, vars, n, &b)) {
        buf_free(&b);
        return MHD_NO;
    }
    struct MHD_Response *r =
        MHD_create_response_from_buffer(b.len, b.p, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        buf_free(&b);
        return MHD_NO;
    }
    MHD_add_response_header(r, "Content-Type", "text/html; charset=utf-8");
    return reply(c, status, r);
}

enum MHD_Result reply_message(struct server *s, struct MHD_Connection *c, unsigned status,
                              enum page_lang l, const char *key)
{
    char title[80];
    snprintf(title, sizeof title, "%s_title", key);
    struct page_var v[] = {{"message", pages_label(&s->pages, l, key)},
                           {"lang", pages_code(l)}};
    return reply_page(s, c, status, PAGE_MESSAGE, l, title, NULL, v, 2);
}

enum MHD_Result reply_redirect(struct MHD_Connection *c, const char *location,
                               const char *cookie)
{
    struct MHD_Response *r = MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
    if (!r)
        return MHD_NO;
    MHD_add_response_header(r, "Location", location);
    if (cookie)
        MHD_add_response_header(r, "Set-Cookie", cookie);
    return reply(c, MHD_HTTP_SEE_OTHER, r);
}

/* The Host names this server (no DNS rebinding onto a loopback server). */
static bool host_ok(const struct server *s, struct MHD_Connection *c)
{
    const char *host = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Host");
    if (s->nhosts == 0)
        return true;
    for (int i = 0; host && i < s->nhosts; i++)
        if (!strcasecmp(host, s->hosts[i]))
            return true;
    return false;
}

/* With --token-file: "Authorization: Bearer TOKEN", or the login's cookie. */
static bool token_ok(const struct server *s, struct MHD_Connection *c)
{
    if (!s->opt->token[0])
        return true;
    const char *auth = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Authorization");
    if (auth && !strncmp(auth, "Bearer ", 7) && secret_same(auth + 7, s->opt->token))
        return true;
    const char *cookie = MHD_lookup_connection_value(c, MHD_COOKIE_KIND, "tipreport_session");
    return cookie && secret_same(cookie, s->session);
}

/* The first call of a request: checks, then a GET's answer or a POST's start. */
static enum MHD_Result begin(struct server *s, struct MHD_Connection *c, const char *url,
                             const char *method, struct request *q)
{
    bool get = !strcmp(method, "GET") || !strcmp(method, "HEAD");
    bool post = !strcmp(method, "POST");
    if (!host_ok(s, c))
        return reply_message(s, c, MHD_HTTP_MISDIRECTED_REQUEST, q->lang, "bad_host");
    if (!get && !post)
        return reply_message(s, c, MHD_HTTP_METHOD_NOT_ALLOWED, q->lang, "not_found");
    if (!strcmp(url, "/login")) {
        if (!post)
            return route_login(s, c, q->lang, MHD_HTTP_OK);
        q->kind = REQ_POST_LOGIN;
        return route_post_begin(s, c, q);
    }
    if (!token_ok(s, c)) {
        if (get && !strcmp(url, "/"))
            return reply_redirect(c, q->lang == LANG_EN ? "/login?lang=en" : "/login", NULL);
        return route_login(s, c, q->lang, MHD_HTTP_UNAUTHORIZED);
    }
    if (post && !strcmp(url, "/runs")) {
        q->kind = REQ_POST_RUNS;
        return route_post_begin(s, c, q);
    }
    if (get && !strcmp(url, "/"))
        return route_form(s, c, q->lang);
    if (get && !strncmp(url, "/runs/", 6))
        return route_run(s, c, url + 6, q->lang);
    return reply_message(s, c, MHD_HTTP_NOT_FOUND, q->lang, "not_found");
}

static enum MHD_Result access_handler(void *cls, struct MHD_Connection *c, const char *url,
                                      const char *method, const char *version,
                                      const char *data, size_t *size, void **con_cls)
{
    (void)version;
    struct server *s = cls;
    struct request *q = *con_cls;
    if (!q) {
        if (!(q = calloc(1, sizeof *q)))
            return MHD_NO;
        *con_cls = q;
        q->kind = REQ_OTHER;
        q->lang = pages_lang(MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "lang"),
                             MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept-Language"));
        return begin(s, c, url, method, q);
    }
    if (q->kind == REQ_OTHER || q->answered) {
        *size = 0; /* a body nobody asked for, or after a refusal: dropped */
        return MHD_YES;
    }
    if (*size > 0)
        return route_post_data(s, c, q, data, size);
    return route_post_end(s, c, q);
}

/* Each request's end, whole or cut off: an upload that did not become a run is removed. */
static void completed(void *cls, struct MHD_Connection *c, void **con_cls,
                      enum MHD_RequestTerminationCode toe)
{
    (void)cls, (void)c;
    struct request *q = *con_cls;
    if (!q)
        return;
    if (q->up && q->up->run && q->up->run->state == RUN_UPLOADING) {
        serve_log("run %s: upload %s after %llu bytes: removed", q->up->run->id,
                  toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "refused" : "cut off",
                  (unsigned long long)q->bytes);
        runs_drop(q->up->run);
    }
    upload_free(q->up);
    free(q);
    *con_cls = NULL;
}

static void set_hosts(struct server *s)
{
    const struct serve_options *o = s->opt;
    s->nhosts = 0;
    if (o->wildcard)
        return; /* any name: the token guards it */
    snprintf(s->hosts[s->nhosts++], sizeof s->hosts[0], "%s", o->listen);
    if (o->loopback)
        snprintf(s->hosts[s->nhosts++], sizeof s->hosts[0], "localhost:%u", o->port);
}

enum tp_err http_start(struct server *s, struct tp_error *err)
{
    set_hosts(s);
    unsigned flags = MHD_USE_EPOLL | (s->opt->addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
    s->daemon = MHD_start_daemon(
        flags, (uint16_t)s->opt->port, NULL, NULL, access_handler, s,
        MHD_OPTION_SOCK_ADDR, (const struct sockaddr *)&s->opt->addr,
        MHD_OPTION_NOTIFY_COMPLETED, completed, s,
        MHD_OPTION_CONNECTION_LIMIT, (unsigned)64,
        MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)32,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
        MHD_OPTION_END);
    if (!s->daemon)
        return tp_fail(err, TP_ERR_SERVE, NULL, 0, NULL, "serve: cannot listen on %s: %s",
                       s->opt->listen, errno ? strerror(errno) : "refused");
    return TP_OK;
}

int http_fd(const struct server *s)
{
    const union MHD_DaemonInfo *i = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_EPOLL_FD);
    return i ? i->epoll_fd : -1;
}

int http_timeout(const struct server *s, int max_ms)
{
    MHD_UNSIGNED_LONG_LONG t;
    if (MHD_get_timeout(s->daemon, &t) == MHD_YES && t < (MHD_UNSIGNED_LONG_LONG)max_ms)
        return (int)t;
    return max_ms;
}

void http_run(struct server *s) { MHD_run(s->daemon); }

void http_stop(struct server *s)
{
    if (s->daemon)
        MHD_stop_daemon(s->daemon);
    s->daemon = NULL;
}
