/* workdir.c: the private folder, its removal, and opening files only inside a run's folder. */
#define _XOPEN_SOURCE 700 /* nftw */
#include "serve/workdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/grow.h"

enum tp_err workdir_make(char *out, size_t size, struct tp_error *err)
{
    const char *base = getenv("XDG_RUNTIME_DIR");
    struct stat st;
    if (!base || base[0] != '/' || stat(base, &st) != 0 || !S_ISDIR(st.st_mode) ||
        access(base, W_OK) != 0)
        base = "/tmp";
    int n = snprintf(out, size, "%s/tipreport-serve-XXXXXX", base);
    if (n < 0 || (size_t)n >= size || !mkdtemp(out))
        return tp_fail(err, TP_ERR_SERVE, base, 0, NULL, "cannot make the work folder: %s",
                       n < 0 || (size_t)n >= size ? "path too long" : strerror(errno));
    return TP_OK;
}

static int remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    if (remove(path) != 0 && errno != ENOENT)
        return -1;
    return 0;
}

int workdir_remove(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return errno == ENOENT ? 0 : -1;
    return nftw(path, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static bool safe_part(const char *p, size_t n)
{
    if (n == 0 || n > 128 || p[0] == '.')
        return false;
    for (size_t i = 0; i < n; i++) {
        char c = p[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-'))
            return false;
    }
    return true;
}

bool workdir_safe_rel(const char *rel)
{
    int parts = 0;
    for (const char *p = rel;; parts++) {
        const char *slash = strchr(p, '/');
        size_t n = slash ? (size_t)(slash - p) : strlen(p);
        if (!safe_part(p, n) || parts >= 3)
            return false;
        if (!slash)
            return true;
        p = slash + 1;
    }
}

int workdir_open(const char *root, const char *rel, long long *size)
{
    if (!workdir_safe_rel(rel))
        return -1;
    int dir = open(root, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    char part[130];
    const char *p = rel;
    for (const char *slash; dir >= 0 && (slash = strchr(p, '/')); p = slash + 1) {
        snprintf(part, sizeof part, "%.*s", (int)(slash - p), p);
        int next = openat(dir, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        close(dir);
        dir = next;
    }
    if (dir < 0)
        return -1;
    int fd = openat(dir, p, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
    close(dir);
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))) {
        close(fd);
        return -1;
    }
    if (fd >= 0)
        *size = (long long)st.st_size;
    return fd;
}

static bool add_name(struct workdir_list *l, const char *name)
{
    char *copy = strdup(name);
    if (!copy || !grow((void **)&l->names, &l->cap, l->n, sizeof *l->names, 16)) {
        free(copy);
        return false;
    }
    l->names[l->n++] = copy;
    return true;
}

/* rel: "" or "sub/" (the folder's path under the root). */
static bool list_dir(const char *root, const char *rel, int depth, struct workdir_list *l)
{
    char path[2048];
    snprintf(path, sizeof path, "%s/%s", root, rel);
    DIR *d = opendir(path);
    if (!d)
        return errno == ENOENT;
    bool ok = true;
    for (struct dirent *e; ok && (e = readdir(d));) {
        char name[1024];
        struct stat st;
        if (e->d_name[0] == '.')
            continue;
        snprintf(name, sizeof name, "%s%s", rel, e->d_name);
        snprintf(path, sizeof path, "%s/%s", root, name);
        if (lstat(path, &st) != 0 || !workdir_safe_rel(name))
            continue;
        if (S_ISREG(st.st_mode))
            ok = add_name(l, name);
        else if (S_ISDIR(st.st_mode) && depth < 2) {
            snprintf(name, sizeof name, "%s%s/", rel, e->d_name);
            ok = list_dir(root, name, depth + 1, l);
        }
    }
    closedir(d);
    return ok;
}

static int by_name(const void *a, const void *b)
{
    const char *x = *(char *const *)a, *y = *(char *const *)b;
    /* The top folder's files before the subfolders' */
    int dx = strchr(x, '/') != NULL, dy = strchr(y, '/') != NULL;
    return dx != dy ? dx - dy : strcmp(x, y);
}

bool workdir_list(const char *root, struct workdir_list *out)
{
    memset(out, 0, sizeof *out);
    if (!list_dir(root, "", 0, out)) {
        workdir_list_free(out);
        return false;
    }
    if (out->n)
        qsort(out->names, out->n, sizeof *out->names, by_name);
    return true;
}

void workdir_list_free(struct workdir_list *l)
{
    for (size_t i = 0; i < l->n; i++)
        free(l->names[i]);
    free(l->names);
    memset(l, 0, sizeof *l);
}
