/* inifile.h: INI files (profiles, the config) read with inih, refusing lines inih would cut. */
#ifndef TP_INIFILE_H
#define TP_INIFILE_H

#include "util/error.h"

/* Returns 1 to go on; 0 after filling the reader's struct tp_error (file left empty). */
typedef int (*inifile_fn)(void *user, const char *section, const char *name, const char *value);

/* Reads path; on any problem returns code with *err naming path and line. A handler that
 * fails must write its message into err (the same struct passed here) and return 0. */
enum tp_err inifile_read(const char *path, inifile_fn fn, void *user, enum tp_err code,
                         struct tp_error *err);

/* The line (from 1) of the first 'name = ...' in [section] of path; 0 when not found. For
 * messages about a setting that is checked after the file is read. */
long inifile_line_of(const char *path, const char *section, const char *name);

/* Calls fn(user, section, line) for each '[section]' line of path, in order, until fn returns
 * 0 (then returns 0); 1 when all were seen or the file cannot be opened (inifile_read says
 * so). Sections inih would call no handler for (no keys) are seen too. */
typedef int (*inifile_section_fn)(void *user, const char *section, long line);
int inifile_sections(const char *path, inifile_section_fn fn, void *user);

#endif
