/* upload.c: the form's fields and files, the files streamed to disk under names made safe. */
#include "serve/upload.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <microhttpd.h>

#include "util/inifile.h"

#define MAX_FILES 64

void upload_safe_name(const char *given, char *out, size_t size)
{
    const char *base = given;
    for (const char *p = given; *p; p++)
        if (*p == '/' || *p == '\\')
            base = p + 1;
    size_t n = 0, max = size - 1 < 100 ? size - 1 : 100;
    const char *p = base;
    for (; *p && n < max; p++) {
        unsigned char c = (unsigned char)*p;
        out[n++] = c < 0x20 || c == 0x7f || c == ':' ? '_' : (char)c;
    }
    if (*p) { /* cut: drop the last character, which may have lost bytes */
        while (n > 0 && ((unsigned char)out[n - 1] & 0xc0) == 0x80)
            n--;
        if (n > 0 && (unsigned char)out[n - 1] >= 0xc0)
            n--;
    }
    out[n] = '\0';
    if (out[0] == '.')
        out[0] = '_';
    if (!out[0])
        snprintf(out, size, "file");
    if (!strcasecmp(out, "tipreport.ini"))
        snprintf(out, size, "tipreport.ini");
}

/* Opens in/NAME, a new file; a name already taken gets "2-", "3-"... before it. */
static int create_file(struct upload *u, const char *filename, char *stored, size_t size)
{
    char name[128], path[1400];
    upload_safe_name(filename, name, sizeof name);
    for (int k = 1; k < 100; k++) {
        if (k == 1)
            snprintf(stored, size, "%s", name);
        else
            snprintf(stored, size, "%d-%s", k, name);
        snprintf(path, sizeof path, "%s/in/%s", u->run->dir, stored);
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    return -1;
}

static bool new_file(struct upload *u, const char *filename)
{
    char stored[160];
    if (u->fd >= 0)
        close(u->fd);
    u->fd = -1;
    if (u->nfiles >= MAX_FILES)
        return false;
    if ((u->fd = create_file(u, filename, stored, sizeof stored)) < 0)
        return false;
    u->nfiles++;
    if (!strcmp(stored, "tipreport.ini"))
        u->ini = true;
    else if (u->ndata++ == 0)
        snprintf(u->first, sizeof u->first, "%s", stored);
    return true;
}

static bool write_all(int fd, const char *data, size_t size)
{
    while (size > 0) {
        ssize_t n = write(fd, data, size);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n, size -= (size_t)n;
    }
    return true;
}

/* A field's piece at offset off into its buffer; false when it does not fit. */
static bool put_field(char *field, size_t cap, const char *data, uint64_t off, size_t size)
{
    if (off + size >= cap)
        return false;
    memcpy(field + off, data, size);
    field[off + size] = '\0';
    return true;
}

static char *field_of(struct upload *u, const char *key, size_t *cap)
{
    struct { const char *name; char *buf; size_t cap; } fields[] = {
        {"csrf", u->csrf, sizeof u->csrf},       {"from", u->from, sizeof u->from},
        {"to", u->to, sizeof u->to},             {"lang", u->lang, sizeof u->lang},
        {"ui", u->ui, sizeof u->ui},             {"region", u->region, sizeof u->region},
        {"public", u->public_mode, sizeof u->public_mode}, {"token", u->token, sizeof u->token},
    };
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        if (!strcmp(key, fields[i].name)) {
            *cap = fields[i].cap;
            return fields[i].buf;
        }
    return NULL;
}

static enum MHD_Result iterate(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
    (void)kind, (void)content_type, (void)transfer_encoding;
    struct upload *u = cls;
    if (!strcmp(key, "files") && filename) {
        if (!u->run || !filename[0])
            return MHD_YES; /* no file chosen: an empty part */
        if (off == 0 && !new_file(u, filename))
            u->bad = true;
        if (!u->bad && size > 0 && (u->fd < 0 || !write_all(u->fd, data, size)))
            u->bad = true;
        return u->bad ? MHD_NO : MHD_YES;
    }
    size_t cap;
    char *field = field_of(u, key, &cap);
    if (field && !put_field(field, cap, data, off, size))
        u->bad = true;
    return u->bad ? MHD_NO : MHD_YES;
}

struct upload *upload_new(struct MHD_Connection *c, struct run *r)
{
    struct upload *u = calloc(1, sizeof *u);
    if (!u)
        return NULL;
    u->run = r;
    u->fd = -1;
    u->pp = MHD_create_post_processor(c, 32 * 1024, iterate, u);
    if (!u->pp) {
        free(u);
        return NULL;
    }
    return u;
}

bool upload_feed(struct upload *u, const char *data, size_t size)
{
    return MHD_post_process(u->pp, data, size) == MHD_YES && !u->bad;
}

/* A field's value: printable (no control byte), not starting with '-' (never an option). */
static bool plain(const char *s)
{
    if (s[0] == '-')
        return false;
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

/* The uploaded settings may name only the uploaded files: no path or profile with a '/' or
 * "..", which could reach the server's own files. */
static int ini_key(void *user, const char *section, const char *name, const char *value)
{
    (void)section;
    bool *bad = user;
    if ((!strcmp(name, "path") || !strcmp(name, "profile")) &&
        (strchr(value, '/') || strstr(value, "..")))
        *bad = true;
    return 1;
}

static bool ini_paths_ok(const struct upload *u)
{
    char path[1300];
    bool bad = false;
    struct tp_error err;
    snprintf(path, sizeof path, "%s/in/tipreport.ini", u->run->dir);
    inifile_read(path, ini_key, &bad, TP_ERR_CONFIG, &err); /* a broken file: the run says so */
    return !bad;
}

const char *upload_finish(struct upload *u, struct run_request *req)
{
    if (u->fd >= 0 && close(u->fd) != 0)
        u->bad = true;
    u->fd = -1;
    if (u->bad)
        return "bad_form";
    if (u->ndata == 0)
        return "no_files";
    if (!plain(u->from) || !plain(u->to) || !plain(u->region) ||
        (u->lang[0] && strcmp(u->lang, "es") && strcmp(u->lang, "en")))
        return "bad_value";
    if (u->ini && !ini_paths_ok(u))
        return "ini_paths";
    memset(req, 0, sizeof *req);
    snprintf(req->from, sizeof req->from, "%s", u->from);
    snprintf(req->to, sizeof req->to, "%s", u->to);
    snprintf(req->lang, sizeof req->lang, "%s", u->lang[0] ? u->lang : "es");
    snprintf(req->region, sizeof req->region, "%s", u->region);
    req->public_mode = u->public_mode[0] != '\0';
    req->config = u->ini;
    if (u->ndata == 1)
        snprintf(req->input, sizeof req->input, "in/%s", u->first);
    else
        snprintf(req->input, sizeof req->input, "in");
    return NULL;
}

void upload_free(struct upload *u)
{
    if (!u)
        return;
    if (u->fd >= 0)
        close(u->fd);
    if (u->pp)
        MHD_destroy_post_processor(u->pp);
    free(u);
}
