/* output.c: the staging folder beside the output folder, checked writes, and the switch. */
#define _GNU_SOURCE /* renameat2, nftw */
#include "render/output.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/dirs.h"

/* A stage is named ".BASE" + STAGE_MARK + 6 letters; an older tipreport staged in DIR itself,
 * as STAGE_MARK + 6 letters. */
static const char STAGE_MARK[] = ".tipreport-";

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
    (void)st, (void)flag, (void)ftw;
    return remove(path);
}

static void remove_tree(const char *path)
{
    nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

static enum tp_err create_failed(struct output *o, struct tp_error *err)
{
    return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL, "cannot create the output folder: %s",
                   strerror(errno));
}

/* o->target: DIR's real path when it exists (a link to a folder followed: the folder is
 * replaced, the link kept), else its parent's real path and its name, the parents made.
 * *exists: whether it did. */
static enum tp_err find_target(struct output *o, bool *exists, struct tp_error *err)
{
    char parent[1024], real[PATH_MAX];
    struct stat st;
    const char *slash = strrchr(o->dir, '/'), *base = slash ? slash + 1 : o->dir;
    snprintf(parent, sizeof parent, "%.*s", slash ? (int)(slash - o->dir) + (slash == o->dir) : 1,
             slash ? o->dir : ".");
    if (stat(o->dir, &st) != 0) {
        if (errno != ENOENT || lstat(o->dir, &st) == 0) /* a dangling link: ENOENT as before */
            return create_failed(o, err);
        if (dirs_make(parent) != 0)
            return create_failed(o, err);
    }
    *exists = stat(o->dir, &st) == 0; /* "new/..": exists once new/ is made */
    if (*exists && !S_ISDIR(st.st_mode)) {
        errno = ENOTDIR;
        return create_failed(o, err);
    }
    if (!realpath(*exists ? o->dir : parent, real))
        return create_failed(o, err);
    int n = *exists ? snprintf(o->target, sizeof o->target, "%s", real)
                    : snprintf(o->target, sizeof o->target, "%s/%s", strcmp(real, "/") ? real : "",
                               base);
    if (n >= (int)sizeof o->target - 20) { /* room for the stage's name */
        errno = ENAMETOOLONG;
        return create_failed(o, err);
    }
    return TP_OK;
}

/* The switch renames DIR away: the current folder (a shell's, this run's) cannot be in it. */
static bool holds_cwd(const char *target)
{
    char cwd[PATH_MAX];
    size_t n = strlen(target);
    if (!getcwd(cwd, sizeof cwd))
        return false;
    return !strcmp(target, "/") || (!strncmp(cwd, target, n) && (!cwd[n] || cwd[n] == '/'));
}

/* Removes the stages of DIR that no live run holds locked: a killed run's. prefix: their
 * path up to the 6 letters. */
static void remove_dead_stages(const char *prefix)
{
    char parent[1200], path[1500];
    const char *slash = strrchr(prefix, '/'), *name = slash + 1;
    snprintf(parent, sizeof parent, "%.*s", (int)(slash - prefix) + (slash == prefix), prefix);
    DIR *d = opendir(parent);
    if (!d)
        return;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (strncmp(e->d_name, name, strlen(name)) || strlen(e->d_name) != strlen(name) + 6)
            continue;
        snprintf(path, sizeof path, "%s/%s", parent, e->d_name);
        int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
        if (fd < 0)
            continue;
        if (flock(fd, LOCK_EX | LOCK_NB) == 0)
            remove_tree(path);
        close(fd);
    }
    closedir(d);
}

/* Makes the stage and holds its lock until the run ends (the kernel drops it if the run is
 * killed). A run cleaning up may take a fresh stage for a dead one before it is locked: it
 * removes it under its own lock, after which this one finds the name gone and makes another. */
static enum tp_err make_stage(struct output *o, const char *prefix, bool exists,
                              struct tp_error *err)
{
    for (int tries = 0; tries < 10; tries++) {
        if (snprintf(o->stage, sizeof o->stage, "%sXXXXXX", prefix) >= (int)sizeof o->stage)
            abort(); /* find_target left room */
        int fd = -1;
        if (!mkdtemp(o->stage) || (fd = open(o->stage, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0 ||
            flock(fd, LOCK_EX) != 0) {
            int e = errno;
            if (fd >= 0)
                close(fd);
            o->stage[0] = '\0';
            if (!exists)
                return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                               "cannot create the output folder: %s", strerror(e));
            return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                           "cannot write beside the output folder: %s", strerror(e));
        }
        struct stat mine, named;
        if (fstat(fd, &mine) == 0 && stat(o->stage, &named) == 0 && mine.st_ino == named.st_ino &&
            mine.st_dev == named.st_dev) {
            o->lock = fd;
            return TP_OK;
        }
        close(fd);
    }
    o->stage[0] = '\0';
    return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                   "cannot write beside the output folder: %s", strerror(EAGAIN));
}

enum tp_err output_begin(struct output *o, const char *dir, struct tp_error *err)
{
    memset(o, 0, sizeof *o);
    o->lock = -1;
    snprintf(o->dir, sizeof o->dir, "%s", dir);
    size_t n = strlen(o->dir);
    while (n > 1 && o->dir[n - 1] == '/')
        o->dir[--n] = '\0';
    bool exists = false;
    enum tp_err rc = find_target(o, &exists, err);
    if (rc != TP_OK)
        return rc;
    if (holds_cwd(o->target))
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                       "the output folder holds the current folder: each run replaces the "
                       "output folder whole, choose another");
    char prefix[1200];
    const char *slash = strrchr(o->target, '/');
    snprintf(prefix, sizeof prefix, "%.*s/.%s%s", (int)(slash - o->target), o->target,
             slash + 1, STAGE_MARK);
    remove_dead_stages(prefix);
    return make_stage(o, prefix, exists, err);
}

enum tp_err output_path(struct output *o, const char *rel, char *out, size_t size,
                        struct tp_error *err)
{
    snprintf(out, size, "%s/%s", o->stage, rel);
    char *slash = strrchr(out, '/');
    *slash = '\0';
    int rc = dirs_make(out);
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

static bool is_owned(const char *name, const char *const owned[])
{
    if (!strncmp(name, STAGE_MARK, strlen(STAGE_MARK))) /* an older tipreport's stage */
        return true;
    for (; *owned; owned++)
        if (!strcmp(name, *owned))
            return true;
    return false;
}

/* Keeps NAME of the old output folder (from: its fd), not tipreport's, unless the run wrote
 * that name too: a file is hard linked into the stage, a link made again; anything else of
 * the user's is refused. */
static enum tp_err keep_one(struct output *o, int from, const char *name, struct tp_error *err)
{
    char link[PATH_MAX];
    struct stat st;
    ssize_t n;
    if (fstatat(o->lock, name, &st, AT_SYMLINK_NOFOLLOW) == 0) /* the run wrote it: its own */
        return TP_OK;
    if (fstatat(from, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (errno == ENOENT) /* gone meanwhile */
            return TP_OK;
    } else if (S_ISLNK(st.st_mode) && (n = readlinkat(from, name, link, sizeof link - 1)) >= 0) {
        link[n] = '\0';
        if (symlinkat(link, o->lock, name) == 0)
            return TP_OK;
    } else if (S_ISREG(st.st_mode) && linkat(from, name, o->lock, name, 0) == 0) {
        return TP_OK;
    } else if (!S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
        return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                       "the output folder holds '%s', which is not tipreport's and not a file: "
                       "move it out (each run replaces the output folder whole)", name);
    }
    return tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                   "cannot keep '%s', not tipreport's, in the new output folder: %s", name,
                   strerror(errno));
}

/* The old output folder's entries that tipreport does not own go into the stage, so that the
 * switch keeps them. */
static enum tp_err keep_others(struct output *o, const char *const owned[],
                               struct tp_error *err)
{
    DIR *d = opendir(o->target);
    if (!d)
        return errno == ENOENT ? TP_OK
                               : tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                                         "cannot read the output folder: %s", strerror(errno));
    enum tp_err rc = TP_OK;
    struct dirent *e;
    while (rc == TP_OK && (e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && !is_owned(e->d_name, owned))
            rc = keep_one(o, dirfd(d), e->d_name, err);
    closedir(d);
    return rc;
}

/* One rename puts the stage in DIR's place: a plain one when DIR is missing (or empty), else
 * an exchange, after which the stage's name holds the old tree (*old). No fallback moves
 * things one by one: a file system without the exchange fails the run (EINVAL). */
static int switch_in(struct output *o, bool *old)
{
    for (int tries = 0; tries < 5; tries++) {
        if (rename(o->stage, o->target) == 0)
            return 0;
        if (errno != EEXIST && errno != ENOTEMPTY)
            return -1;
        struct stat st;
        if (lstat(o->target, &st) == 0 && !S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            return -1;
        }
        if (renameat2(AT_FDCWD, o->stage, AT_FDCWD, o->target, RENAME_EXCHANGE) == 0) {
            *old = true;
            return 0;
        }
        if (errno != ENOENT) /* ENOENT: DIR went meanwhile; try again */
            return -1;
    }
    return -1;
}

/* The new folder keeps the old one's permissions, or has a new folder's: one made in the
 * stage and removed tells the umask (umask() would set it, racing other threads). */
static mode_t folder_mode(struct output *o)
{
    struct stat st;
    if (stat(o->target, &st) == 0)
        return st.st_mode & 07777;
    if (mkdirat(o->lock, ".mode", 0777) != 0)
        return 0755;
    bool made = fstatat(o->lock, ".mode", &st, 0) == 0;
    unlinkat(o->lock, ".mode", AT_REMOVEDIR);
    return made ? st.st_mode & 07777 : 0755;
}

enum tp_err output_commit(struct output *o, const char *const owned[], struct tp_error *err)
{
    enum tp_err rc = keep_others(o, owned, err);
    mode_t mode = folder_mode(o);
    bool old = false;
    if (rc == TP_OK && (fchmod(o->lock, mode) != 0 || switch_in(o, &old) != 0))
        rc = tp_fail(err, TP_ERR_OUTPUT, o->dir, 0, NULL,
                     "cannot put the new output folder in place: %s", strerror(errno));
    if (rc == TP_OK && !old)
        o->stage[0] = '\0'; /* the stage is DIR now */
    output_abort(o);        /* the old tree, or the stage of a run that failed */
    return rc;
}

void output_abort(struct output *o)
{
    if (o->stage[0])
        remove_tree(o->stage);
    o->stage[0] = '\0';
    if (o->lock >= 0)
        close(o->lock);
    o->lock = -1;
}
