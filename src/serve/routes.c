/* routes.c: the pages (the form, the login, a run's page), a run's files and zip, and the
 * POSTs that start a run or log in. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "serve/archive.h"
#include "serve/log.h"
#include "serve/reply.h"
#include "util/markup.h"
#include "serve/secret.h"
#include "serve/workdir.h"

#define ZIP_NAME "documents.zip"

enum MHD_Result route_form(struct server *s, struct MHD_Connection *c, enum page_lang l)
{
    struct page_var v[] = {
        {"csrf", s->csrf},
        {"lang", pages_code(l)},
        {"es_selected", l == LANG_ES ? "selected" : NULL},
        {"en_selected", l == LANG_EN ? "selected" : NULL},
    };
    return reply_page(s, c, MHD_HTTP_OK, PAGE_FORM, l, "form_title", NULL, v, 4);
}

enum MHD_Result route_login(struct server *s, struct MHD_Connection *c, enum page_lang l,
                            unsigned status)
{
    struct page_var v[] = {
        {"lang", pages_code(l)},
        {"message", status == MHD_HTTP_OK ? NULL : pages_label(&s->pages, l, "need_token")},
    };
    return reply_page(s, c, status, PAGE_LOGIN, l, "login_title", NULL, v, 2);
}

static const char *content_type(const char *name, bool *inline_)
{
    static const struct { const char *ext, *type; bool show; } types[] = {
        {".pdf", "application/pdf", true},
        {".html", "text/html; charset=utf-8", true},
        {".txt", "text/plain; charset=utf-8", true},
        {".csv", "text/csv; charset=utf-8", false},
        {".tsv", "text/tab-separated-values; charset=utf-8", false},
        {".xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", false},
        {".zip", "application/zip", false},
        {".png", "image/png", true},
    };
    size_t n = strlen(name);
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        size_t e = strlen(types[i].ext);
        if (n > e && !strcmp(name + n - e, types[i].ext)) {
            *inline_ = types[i].show;
            return types[i].type;
        }
    }
    *inline_ = false;
    return "application/octet-stream";
}

/* root/rel (rel checked by workdir_open), shown or downloaded by its type. */
static enum MHD_Result send_file(struct server *s, struct MHD_Connection *c, const char *root,
                                 const char *rel, enum page_lang l)
{
    long long size;
    int fd = workdir_open(root, rel, &size);
    if (fd < 0)
        return reply_message(s, c, MHD_HTTP_NOT_FOUND, l, "not_found");
    struct MHD_Response *r = MHD_create_response_from_fd((size_t)size, fd);
    if (!r) {
        close(fd);
        return MHD_NO;
    }
    bool show;
    const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
    char disposition[300];
    MHD_add_response_header(r, "Content-Type", content_type(base, &show));
    snprintf(disposition, sizeof disposition, "%s; filename=\"%s\"",
             show ? "inline" : "attachment", base); /* base: [A-Za-z0-9._-] only */
    MHD_add_response_header(r, "Content-Disposition", disposition);
    return reply(c, MHD_HTTP_OK, r);
}

static void human_size(long long n, char *out, size_t size)
{
    if (n < 1024)
        snprintf(out, size, "%lld B", n);
    else if (n < 1024 * 1024)
        snprintf(out, size, "%lld KB", (n + 1023) / 1024);
    else
        snprintf(out, size, "%.1f MB", n / 1048576.0);
}

/* One document as a list item: its link and size. */
static bool document_item(struct buf *b, const char *out, const char *name)
{
    char path[2400], size[32];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", out, name);
    human_size(stat(path, &st) == 0 ? (long long)st.st_size : 0, size, sizeof size);
    return buf_adds(b, "<li><a href=\"") && markup_text(b, name) && buf_adds(b, "\">") &&
           markup_text(b, name) && buf_adds(b, "</a> <span class=\"size\">") &&
           markup_text(b, size) && buf_adds(b, "</span></li>\n");
}

/* The documents as list items: the top folder's in docs, the subfolders' (the CSV tables) in
 * tables, *ntables of them; the preview frame when the run wrote report.html. */
static bool document_list(struct server *s, const struct run *r, enum page_lang l,
                          struct buf *docs, struct buf *tables, size_t *ntables,
                          struct buf *preview)
{
    char out[1200];
    snprintf(out, sizeof out, "%s/out", r->dir);
    struct workdir_list files;
    if (!workdir_list(out, &files))
        return false;
    bool ok = true;
    *ntables = 0;
    for (size_t i = 0; ok && i < files.n; i++) {
        bool sub = strchr(files.names[i], '/') != NULL;
        *ntables += sub;
        ok = document_item(sub ? tables : docs, out, files.names[i]);
        if (ok && !strcmp(files.names[i], "report.html"))
            ok = buf_adds(preview, "<h2>") &&
                 markup_text(preview, pages_label(&s->pages, l, "preview")) &&
                 buf_adds(preview, "</h2>\n<iframe src=\"report.html\" sandbox title=\"") &&
                 markup_text(preview, pages_label(&s->pages, l, "preview")) &&
                 buf_adds(preview, "\"></iframe>");
    }
    workdir_list_free(&files);
    return ok;
}

static enum MHD_Result page_done(struct server *s, struct MHD_Connection *c,
                                 const struct run *r, enum page_lang l)
{
    struct buf docs = {0}, tables = {0}, preview = {0};
    char minutes[32], count[32];
    size_t ntables;
    double left = s->runs.keep - (runs_now() - r->finished);
    snprintf(minutes, sizeof minutes, "%.0f", left > 60 ? left / 60 : 1);
    enum MHD_Result ret = MHD_NO;
    if (document_list(s, r, l, &docs, &tables, &ntables, &preview)) {
        snprintf(count, sizeof count, "%zu", ntables);
        struct page_var v[] = {
            {"documents", buf_cstr(&docs)}, {"tables", buf_cstr(&tables)},
            {"ntables", count},             {"preview", buf_cstr(&preview)},
            {"zip", ZIP_NAME},              {"minutes", minutes},
            {"lang", pages_code(l)},
        };
        ret = reply_page(s, c, MHD_HTTP_OK, PAGE_DONE, l, "done_title", NULL, v, 7);
    }
    buf_free(&docs);
    buf_free(&tables);
    buf_free(&preview);
    return ret;
}

/* The run's own messages (its stderr), the first 8 KB. */
static void run_messages(const struct run *r, char *out, size_t size)
{
    char path[1200];
    snprintf(path, sizeof path, "%s/messages.txt", r->dir);
    int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, out, size - 1) : -1;
    out[n > 0 ? n : 0] = '\0';
    if (fd >= 0)
        close(fd);
}

static enum MHD_Result page_failed(struct server *s, struct MHD_Connection *c,
                                   const struct run *r, enum page_lang l)
{
    static char message[8192]; /* one request at a time: the daemon has one thread */
    char code[48], key[16] = "exit_signal";
    run_messages(r, message, sizeof message);
    if (WIFEXITED(r->status)) {
        snprintf(code, sizeof code, "%d", WEXITSTATUS(r->status));
        snprintf(key, sizeof key, "exit_%d", WEXITSTATUS(r->status));
    } else
        snprintf(code, sizeof code, "%s %d", pages_label(&s->pages, l, "signal"),
                 WTERMSIG(r->status));
    struct page_var v[] = {{"message", message},
                           {"code", code},
                           {"meaning", pages_label(&s->pages, l, key)},
                           {"lang", pages_code(l)}};
    return reply_page(s, c, MHD_HTTP_OK, PAGE_FAILED, l, "failed_title", NULL, v, 4);
}

static enum MHD_Result run_page(struct server *s, struct MHD_Connection *c,
                                const struct run *r, enum page_lang l)
{
    if (r->state == RUN_RUNNING) {
        char seconds[32];
        snprintf(seconds, sizeof seconds, "%.0f", runs_now() - r->started);
        struct page_var v[] = {{"seconds", seconds}, {"lang", pages_code(l)}};
        return reply_page(s, c, MHD_HTTP_OK, PAGE_RUNNING, l, "running_title",
                          "<meta http-equiv=\"refresh\" content=\"2\">", v, 2);
    }
    if (WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0)
        return page_done(s, c, r, l);
    return page_failed(s, c, r, l);
}

enum MHD_Result route_run(struct server *s, struct MHD_Connection *c, const char *path,
                          enum page_lang l)
{
    char id[33];
    struct run *r = NULL;
    if (strlen(path) > 32 && path[32] == '/') {
        snprintf(id, sizeof id, "%.32s", path);
        r = runs_find(&s->runs, id);
    }
    if (!r || r->state == RUN_UPLOADING)
        return reply_message(s, c, MHD_HTTP_NOT_FOUND, l, "not_found");
    const char *rest = path + 33;
    if (!rest[0])
        return run_page(s, c, r, l);
    bool ok = r->state == RUN_DONE && WIFEXITED(r->status) && WEXITSTATUS(r->status) == 0;
    if (!ok)
        return reply_message(s, c, MHD_HTTP_NOT_FOUND, l, "not_found");
    char root[1200];
    if (!strcmp(rest, ZIP_NAME)) {
        char zip[1300];
        snprintf(root, sizeof root, "%s/out", r->dir);
        snprintf(zip, sizeof zip, "%s/" ZIP_NAME, r->dir);
        if (access(zip, F_OK) != 0 && !archive_write(zip, root, "tipreport"))
            return reply_message(s, c, MHD_HTTP_INTERNAL_SERVER_ERROR, l, "no_zip");
        return send_file(s, c, r->dir, ZIP_NAME, l);
    }
    snprintf(root, sizeof root, "%s/out", r->dir);
    return send_file(s, c, root, rest, l);
}

enum MHD_Result route_post_begin(struct server *s, struct MHD_Connection *c,
                                 struct request *q)
{
    const char *len = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
    if (len && strtoull(len, NULL, 10) > s->opt->max_upload) {
        q->answered = true;
        return reply_message(s, c, MHD_HTTP_CONTENT_TOO_LARGE, q->lang, "too_large");
    }
    struct run *r = NULL;
    if (q->kind == REQ_POST_RUNS) {
        bool busy;
        if (!(r = runs_new(&s->runs, &busy))) {
            q->answered = true;
            return reply_message(s, c, busy ? MHD_HTTP_SERVICE_UNAVAILABLE
                                            : MHD_HTTP_INTERNAL_SERVER_ERROR,
                                 q->lang, busy ? "busy" : "no_folder");
        }
    }
    if (!(q->up = upload_new(c, r))) {
        if (r)
            runs_drop(r);
        q->answered = true;
        return reply_message(s, c, MHD_HTTP_BAD_REQUEST, q->lang, "bad_form");
    }
    return MHD_YES;
}

/* Refuses the upload before its end: its files go now. */
static enum MHD_Result refuse(struct server *s, struct MHD_Connection *c, struct request *q,
                              unsigned status, const char *key)
{
    struct run *r = q->up ? q->up->run : NULL;
    if (r && r->state == RUN_UPLOADING) {
        serve_log("run %s: upload refused (%u) after %llu bytes: removed", r->id, status,
                  (unsigned long long)q->bytes);
        runs_drop(r);
    }
    if (q->up)
        q->up->run = NULL; /* the slot may be another run's from now on */
    q->answered = true;
    return reply_message(s, c, status, q->lang, key);
}

enum MHD_Result route_post_data(struct server *s, struct MHD_Connection *c, struct request *q,
                                const char *data, size_t *size)
{
    q->bytes += *size;
    if (q->bytes > s->opt->max_upload) {
        *size = 0;
        return refuse(s, c, q, MHD_HTTP_CONTENT_TOO_LARGE, "too_large");
    }
    if (q->up->run)
        q->up->run->bytes = q->bytes;
    bool ok = upload_feed(q->up, data, *size);
    *size = 0;
    return ok ? MHD_YES : refuse(s, c, q, MHD_HTTP_BAD_REQUEST, "bad_form");
}

static enum MHD_Result login_end(struct server *s, struct MHD_Connection *c, struct request *q)
{
    if (!s->opt->token[0])
        return reply_redirect(c, "/", NULL);
    if (!secret_same(q->up->token, s->opt->token)) {
        serve_log("login refused");
        return route_login(s, c, q->lang, MHD_HTTP_FORBIDDEN);
    }
    char cookie[128];
    snprintf(cookie, sizeof cookie,
             "tipreport_session=%s; Path=/; HttpOnly; SameSite=Strict", s->session);
    return reply_redirect(c, q->lang == LANG_EN ? "/?lang=en" : "/", cookie);
}

enum MHD_Result route_post_end(struct server *s, struct MHD_Connection *c, struct request *q)
{
    if (q->kind == REQ_POST_LOGIN)
        return login_end(s, c, q);
    struct upload *u = q->up;
    struct run_request req;
    const char *problem;
    if (u->ui[0])
        q->lang = pages_lang(u->ui, NULL);
    if (!secret_same(u->csrf, s->csrf))
        return refuse(s, c, q, MHD_HTTP_FORBIDDEN, "bad_csrf");
    if ((problem = upload_finish(u, &req)))
        return refuse(s, c, q, MHD_HTTP_BAD_REQUEST, problem);
    struct run *r = u->run;
    runs_start(&s->runs, r, &req);
    u->run = NULL; /* a run now: the connection's end leaves it */
    char location[80];
    snprintf(location, sizeof location, "/runs/%s/?lang=%s", r->id, pages_code(q->lang));
    return reply_redirect(c, location, NULL);
}
