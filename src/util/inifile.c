/* inifile.c: inih with a line-length guard and messages that name file and line. */
#include "util/inifile.h"

#include <errno.h>
#include <stdbool.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>

#define INI_LINE 199 /* inih's buffer is INI_MAX_LINE (200) with the NUL */

enum tp_err inifile_read(const char *path, inifile_fn fn, void *user, enum tp_err code,
                         struct tp_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tp_fail(err, code, path, 0, NULL, "cannot open: %s", strerror(errno));
    long line = 1;
    size_t len = 0;
    int c;
    while ((c = getc(f)) != EOF) {
        if (c == '\n') {
            line++;
            len = 0;
        } else if (++len > INI_LINE) {
            fclose(f);
            return tp_fail(err, code, path, line, NULL,
                           "line longer than %d characters: continue a list on an indented "
                           "next line", INI_LINE);
        }
    }
    fclose(f);
    memset(err, 0, sizeof *err);
    int bad = ini_parse(path, fn, user);
    if (bad < 0)
        return tp_fail(err, code, path, 0, NULL, "cannot open: %s", strerror(errno));
    if (bad == 0)
        return TP_OK;
    if (err->msg[0]) { /* the handler said why */
        err->code = code;
        err->line = bad;
        snprintf(err->file, sizeof err->file, "%s", path);
        return code;
    }
    return tp_fail(err, code, path, bad, NULL, "not a '[section]' or 'key = value' line");
}

long inifile_line_of(const char *path, const char *section, const char *name)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    char buf[INI_LINE + 2];
    bool in_section = false;
    size_t nlen = strlen(name);
    for (long line = 1; fgets(buf, sizeof buf, f); line++) {
        const char *s = buf + strspn(buf, " \t");
        if (*s == '[') {
            size_t n = strcspn(s + 1, "]");
            in_section = n == strlen(section) && strncmp(s + 1, section, n) == 0;
        } else if (in_section && strncmp(s, name, nlen) == 0 &&
                   s[nlen + strspn(s + nlen, " \t")] == '=') {
            fclose(f);
            return line;
        }
    }
    fclose(f);
    return 0;
}

int inifile_sections(const char *path, inifile_section_fn fn, void *user)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return 1;
    char buf[INI_LINE + 2];
    int go = 1;
    for (long line = 1; go && fgets(buf, sizeof buf, f); line++) {
        const char *s = buf + strspn(buf, " \t");
        if (*s != '[')
            continue;
        char section[INI_LINE + 2];
        size_t n = strcspn(s + 1, "]\n");
        snprintf(section, sizeof section, "%.*s", (int)n, s + 1);
        go = fn(user, section, line);
    }
    fclose(f);
    return go;
}
