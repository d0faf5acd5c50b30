/* export.c: which files an input folder or flat file holds, and the role of each. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "read/export.h"

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "read/csvfile.h"
#include "util/fold.h"

static bool has_csv_suffix(const char *name)
{
    size_t n = strlen(name);
    return n > 4 && strcasecmp(name + n - 4, ".csv") == 0;
}

/* The role a file name gives: 0 cases, 1 victims, 2 suspects, -1 none. */
static int role_of(const char *name)
{
    char key[256];
    size_t n = strlen(name) - 4;
    fold_key_to(name, n, key, sizeof key);
    if (!strcmp(key, "cases") || !strcmp(key, "casos"))
        return 0;
    if (!strcmp(key, "victims") || !strcmp(key, "victimas"))
        return 1;
    if (!strcmp(key, "suspects") || !strcmp(key, "tratantes"))
        return 2;
    return -1;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* A file of the folder that is a link must stay inside the folder: an export folder is what
 * the user hands over, and a link to /etc or a home folder is not part of it. */
static enum tp_err inside(const char *dir, const char *name, struct tp_error *err)
{
    char path[PATH_MAX], real[PATH_MAX], base[PATH_MAX];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    if (lstat(path, &st) != 0 || !S_ISLNK(st.st_mode))
        return TP_OK;
    if (!realpath(path, real))
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "is a link to nothing: %s",
                       strerror(errno));
    if (!realpath(dir, base))
        return tp_fail(err, TP_ERR_INPUT, dir, 0, NULL, "cannot open: %s", strerror(errno));
    size_t n = strlen(base);
    if (strncmp(real, base, n) != 0 || real[n] != '/')
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL,
                       "is a link to a file outside the input folder (%s): copy the file in",
                       real);
    return TP_OK;
}

enum tp_err export_find(const char *input, struct export *x, struct tp_error *err)
{
    memset(x, 0, sizeof *x);
    struct stat st;
    if (stat(input, &st) != 0)
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "cannot open: %s", strerror(errno));
    if (S_ISREG(st.st_mode)) {
        snprintf(x->flat, sizeof x->flat, "%s", input);
        return TP_OK;
    }
    if (!S_ISDIR(st.st_mode))
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "is neither a file nor a folder");
    /* Paths are joined as DIR/NAME: "input/" and "input" give the same names. */
    char dir[sizeof x->cases - 256];
    size_t len = strlen(input);
    while (len > 1 && input[len - 1] == '/')
        len--;
    if (len >= sizeof dir)
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "the path is too long");
    memcpy(dir, input, len);
    dir[len] = '\0';
    input = dir;
    DIR *d = opendir(input);
    if (!d)
        return tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "cannot open: %s", strerror(errno));
    char *names[256];
    size_t n = 0;
    struct dirent *e;
    enum tp_err rc = TP_OK;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.' || !has_csv_suffix(e->d_name))
            continue;
        if (n == sizeof names / sizeof *names) {
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL, "holds more than 256 CSV files");
            break;
        }
        if ((rc = inside(input, e->d_name, err)) != TP_OK)
            break;
        if (!(names[n++] = strdup(e->d_name))) {
            rc = tp_fail(err, TP_ERR_NOMEM, input, 0, NULL, "out of memory");
            break;
        }
    }
    closedir(d);
    qsort(names, n, sizeof *names, by_name);
    char *role[3] = {x->cases, x->victims, x->suspects};
    const char *others[256];
    size_t nothers = 0;
    for (size_t i = 0; i < n && rc == TP_OK; i++) {
        int r = role_of(names[i]);
        if (r < 0) {
            others[nothers++] = names[i];
            continue;
        }
        if (role[r][0]) {
            const char *prev = strrchr(role[r], '/') + 1;
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "both %s and %s hold the %s: keep one", prev, names[i],
                         r == 0 ? "cases" : r == 1 ? "victims" : "suspects");
            break;
        }
        snprintf(role[r], sizeof x->cases, "%s/%s", input, names[i]);
    }
    if (rc == TP_OK) {
        if (x->cases[0] && !x->victims[0])
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "has cases but no victims file (victims.csv or victimas.csv)");
        else if (x->victims[0] && !x->cases[0])
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "has victims but no cases file (cases.csv or casos.csv); a flat "
                         "export is one file of its own name");
        else if (!x->victims[0] && nothers == 1)
            snprintf(x->flat, sizeof x->flat, "%s/%s", input, others[0]);
        else if (!x->victims[0] && nothers == 0)
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "holds no export: expected cases.csv and victims.csv (suspects.csv "
                         "optional), or one flat CSV file");
        else if (!x->victims[0])
            rc = tp_fail(err, TP_ERR_INPUT, input, 0, NULL,
                         "holds %zu CSV files and none is named cases, victims or suspects: "
                         "name them, or give the flat file itself", nothers);
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    return rc;
}

enum tp_err export_hash(const struct export *x, char out[65], struct tp_error *err)
{
    const char *const paths[] = {x->cases, x->victims, x->suspects, x->flat};
    return csvfile_hash(paths, 4, out) ? TP_OK : tp_fail(err, TP_ERR_INPUT, NULL, 0, NULL,
                                                          "cannot read the input files: %s",
                                                          strerror(errno));
}
