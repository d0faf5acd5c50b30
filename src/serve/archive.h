/* archive.h: a zip of a run's documents (libzip). */
#ifndef TP_SERVE_ARCHIVE_H
#define TP_SERVE_ARCHIVE_H

#include <stdbool.h>

/* Writes zip_path holding every file under root (workdir_list's names, under top/ in the
 * archive). False when it could not be written (zip_path is then removed). */
bool archive_write(const char *zip_path, const char *root, const char *top);

#endif
