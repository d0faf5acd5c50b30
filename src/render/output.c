/* output.c: staging folder, checked writes, and the final renames (renameat2 exchange). */
#define _GNU_SOURCE /* renameat2, nftw */
#include "render/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* mkdir -p */
static int make_dirs(const char *path)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s", path);
    for (char *p = tmp + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
            return -1;
        *p = '/';
    }
    if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
        return -1;
    struct stat st;
    if (stat(tmp, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return -1;
    }
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

enum tp_err output_begin(struct output *o, const char *dir, struct tp_error *err)
{
    memset(o, 0, sizeof *o);
    snprintf(o->dir, sizeof o->dir, "%s", dir);
    size_t n = strlen(o->dir);
    while (n > 1 && o->dir[n - 1] == '/')
        o->dir[--n] = '\0';
    if (make_dirs(o->dir) != 0)
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot create the output folder: %s",
                       strerror(errno));
    snprintf(o->stage, sizeof o->stage, "%s/.tipreport-XXXXXX", o->dir);
    if (!mkdtemp(o->stage)) {
        int e = errno;
        o->stage[0] = '\0';
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot write in the output folder: %s",
                       strerror(e));
    }
    return TP_OK;
}

enum tp_err output_path(struct output *o, const char *rel, char *out, size_t size,
                        struct tp_error *err)
{
    snprintf(out, size, "%s/%s", o->stage, rel);
    char *slash = strrchr(out, '/');
    *slash = '\0';
    int rc = make_dirs(out);
    *slash = '/';
    if (rc != 0)
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot create %s: %s", rel,
                       strerror(errno));
    return TP_OK;
}

FILE *output_open(struct output *o, const char *rel, struct tp_error *err)
{
    char path[1300];
    if (output_path(o, rel, path, sizeof path, err) != TP_OK)
        return NULL;
    FILE *f = fopen(path, "w");
    if (!f) {
        tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot write %s: %s", rel, strerror(errno));
        return NULL;
    }
    o->files++;
    return f;
}

enum tp_err output_close(struct output *o, FILE *f, const char *rel, struct tp_error *err)
{
    o->files--;
    bool bad = fflush(f) != 0 || ferror(f);
    int e = errno;
    if (fclose(f) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    if (bad)
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot write %s: %s", rel,
                       strerror(e ? e : EIO));
    return TP_OK;
}

/* Moves stage/name to dir/name. An existing folder is exchanged atomically and the old one
 * removed; an existing file is replaced by rename(). */
static int move_in(struct output *o, const char *name)
{
    char from[1400], to[1400];
    snprintf(from, sizeof from, "%s/%s", o->stage, name);
    snprintf(to, sizeof to, "%s/%s", o->dir, name);
    struct stat st;
    bool dir_exists = lstat(to, &st) == 0 && S_ISDIR(st.st_mode);
    if (!dir_exists)
        return rename(from, to);
    if (renameat2(AT_FDCWD, from, AT_FDCWD, to, RENAME_EXCHANGE) == 0) {
        remove_tree(from); /* now the old folder */
        return 0;
    }
    if (errno != EINVAL && errno != ENOSYS)
        return -1;
    /* No exchange on this file system: move the old one aside first. */
    char old[1500];
    snprintf(old, sizeof old, "%s/old-%s", o->stage, name);
    if (rename(to, old) != 0)
        return -1;
    if (rename(from, to) != 0) {
        int e = errno;
        rename(old, to);
        errno = e;
        return -1;
    }
    remove_tree(old);
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

enum tp_err output_commit(struct output *o, struct tp_error *err)
{
    DIR *d = opendir(o->stage);
    if (!d)
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot read the staging folder: %s",
                       strerror(errno));
    char *names[64];
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < sizeof names / sizeof *names)
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    enum tp_err rc = TP_OK;
    for (size_t i = 0; i < n; i++) {
        if (rc == TP_OK && (!names[i] || move_in(o, names[i]) != 0))
            rc = tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot move %s into place: %s",
                         names[i] ? names[i] : "a file", strerror(errno));
        free(names[i]);
    }
    output_abort(o);
    return rc;
}

void output_abort(struct output *o)
{
    if (o->stage[0])
        remove_tree(o->stage);
    o->stage[0] = '\0';
}
