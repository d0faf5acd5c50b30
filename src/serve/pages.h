/* pages.h: the server's HTML pages: templates/serve/NAME.html filled with escaped values and
 * the [serve] labels of templates/labels/LANG.ini. */
#ifndef TP_SERVE_PAGES_H
#define TP_SERVE_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/error.h"

enum page_id { PAGE_FORM, PAGE_RUNNING, PAGE_DONE, PAGE_FAILED, PAGE_LOGIN, PAGE_MESSAGE,
               PAGE_LAYOUT, PAGE_COUNT };
enum page_lang { LANG_ES, LANG_EN };

struct labels;
struct pages {
    struct labels *labels[2]; /* es, en */
    char *text[PAGE_COUNT];   /* the templates */
};

/* {{name}}: the value, HTML-escaped; {{&name}}: the value as it is (HTML the server built,
 * every value in it escaped); {{t.key}}: the label [serve] key, escaped. */
struct page_var {
    const char *name, *value;
};

/* Reads the templates and both languages' labels, and checks that every {{t.key}} has a label
 * in each. */
enum tp_err pages_load(struct pages *p, const char *templates, struct tp_error *err);
void pages_free(struct pages *p);

/* The page's language: ?lang=es|en when given, else the first of es or en in Accept-Language,
 * else Spanish. */
enum page_lang pages_lang(const char *query, const char *accept_language);
const char *pages_code(enum page_lang l); /* "es", "en" */
const char *pages_label(const struct pages *p, enum page_lang l, const char *key);

/* The page id inside the layout (its title and heading the label [serve] TITLE_KEY, head the
 * raw HTML of <head>, e.g. a refresh). False when out of memory. */
bool pages_render(const struct pages *p, enum page_id id, enum page_lang l,
                  const char *title_key, const char *head, const struct page_var *vars,
                  size_t n, struct buf *out);

#endif
