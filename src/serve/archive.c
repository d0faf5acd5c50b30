/* archive.c: the "all documents" zip, written with libzip from the run's output folder. */
#include "serve/archive.h"

#include <stdio.h>
#include <unistd.h>
#include <zip.h>

#include "serve/workdir.h"

bool archive_write(const char *zip_path, const char *root, const char *top)
{
    struct workdir_list files;
    if (!workdir_list(root, &files))
        return false;
    int zerr = 0;
    zip_t *z = zip_open(zip_path, ZIP_CREATE | ZIP_TRUNCATE, &zerr);
    bool ok = z != NULL;
    for (size_t i = 0; ok && i < files.n; i++) {
        char path[2048], name[1024];
        snprintf(path, sizeof path, "%s/%s", root, files.names[i]);
        snprintf(name, sizeof name, "%s/%s", top, files.names[i]);
        zip_source_t *src = zip_source_file(z, path, 0, -1);
        ok = src && zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0;
        if (!ok && src)
            zip_source_free(src);
    }
    if (z && ok)
        ok = zip_close(z) == 0;
    else if (z)
        zip_discard(z);
    if (!ok)
        unlink(zip_path);
    workdir_list_free(&files);
    return ok;
}
