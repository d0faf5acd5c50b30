/* reportdef.h: a report definition file (templates/reports/NAME.LANG.txt), read and checked. */
#ifndef TP_REPORTDEF_H
#define TP_REPORTDEF_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"

enum def_kind {
    DEF_SECTION, DEF_SUBHEAD, DEF_TEXT, DEF_TABLE, DEF_CHART, DEF_TODO,
    DEF_IF, DEF_ELSE, DEF_END, /* [if NAME], [if not NAME], [else], [end] */
};

struct def_item {
    enum def_kind kind;
    long line;
    char *text;   /* heading, paragraph, subheading, to-do; with {{placeholders}} */
    char name[48]; /* section id, table, chart or condition name */
    bool compare; /* [table NAME compare] */
    bool negate;  /* [if not NAME] */
};

/* What names exist: checked while reading, so a broken definition fails before any data is
 * read, with the file and line. */
struct def_catalogue {
    bool (*figure)(const char *name);
    bool (*table)(const char *name, bool compare);
    bool (*chart)(const char *name);
    bool (*condition)(const char *name);
};

#define DEF_MAX_DEPTH 8 /* [if] inside [if] */

struct reportdef {
    char path[1100];
    char *title, *subtitle;
    bool brief; /* "layout: brief": one or two pages, no cover, contents or annex */
    struct def_item *items;
    size_t n;
};

/* See docs/report-definitions.md for the format. NULL with *err (TP_ERR_CONFIG) on failure. */
struct reportdef *reportdef_load(const char *path, const struct def_catalogue *cat,
                                 struct tp_error *err);
void reportdef_free(struct reportdef *d); /* accepts NULL */

#endif
