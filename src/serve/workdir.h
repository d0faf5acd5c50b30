/* workdir.h: the server's private folder: made 0700, removed whole, read only inside a run. */
#ifndef TP_SERVE_WORKDIR_H
#define TP_SERVE_WORKDIR_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

/* mkdtemp under $XDG_RUNTIME_DIR, else /tmp: "tipreport-serve-XXXXXX", mode 0700. */
enum tp_err workdir_make(char *out, size_t size, struct tp_error *err);

/* rm -rf path, not following links. 0, or -1 when something stayed. */
int workdir_remove(const char *path);

/* A relative path the server may serve: 1 to 3 parts of [A-Za-z0-9._-], none starting
 * with '.', separated by single '/'. */
bool workdir_safe_rel(const char *rel);

/* Opens root/rel read-only, a regular file reached through no link (openat, O_NOFOLLOW on
 * every part); -1 otherwise. rel must be workdir_safe_rel. *size: the file's bytes. */
int workdir_open(const char *root, const char *rel, long long *size);

/* The regular files under root (3 levels at most), as sorted relative paths. Owns names. */
struct workdir_list {
    char **names;
    size_t n, cap;
};
bool workdir_list(const char *root, struct workdir_list *out);
void workdir_list_free(struct workdir_list *l);

#endif
