/* labels.h: the words one language uses for codes, columns, tables and dates (templates/labels). */
#ifndef TP_LABELS_H
#define TP_LABELS_H

#include <stddef.h>

#include "util/date.h"
#include "util/error.h"
#include "read/vocab.h"

struct labels;

/* Loads templates/labels/LANG.ini and checks that every code of every value set, every
 * month and the words the program uses have a label. NULL with *err on failure. */
struct labels *labels_load(const char *templates, const char *lang, struct tp_error *err);
void labels_free(struct labels *l); /* accepts NULL */

const char *labels_lang(const struct labels *l);   /* "es", "en" */
const char *labels_path(const struct labels *l);
/* The label of [section] key, or NULL. */
const char *labels_get(const struct labels *l, const char *section, const char *key);
/* As labels_get, but a missing label is an error naming the file. */
const char *labels_need(const struct labels *l, const char *section, const char *key,
                        struct tp_error *err);
/* A code of a value set ("unknown" for the set's ncodes). Never NULL after labels_load. */
const char *labels_code(const struct labels *l, enum vocab_id v, int code);
/* "1 de abril de 2007", "1 April 2007": [word] date with %d, %m (month name), %y. */
void labels_date(const struct labels *l, tp_date d, char *out, size_t size);
/* The same in the format of [word] key format ("month_year": "septiembre de 2006"). */
void labels_date_as(const struct labels *l, const char *format, tp_date d, char *out,
                    size_t size);

/* An English text as [section] words it in l: en's [section] labels are the English texts,
 * each {1}..{9} standing for a value inside ("duplicate: the same {1} is on line {2}"); the
 * label whose fixed text matches most is used. Copies text when none matches. */
void labels_say(const struct labels *l, const struct labels *en, const char *section,
                const char *text, char *out, size_t size);

/* label with each {key} of keys[] replaced by vals[]: "Página {page} de {pages}". */
void labels_fill(char *out, size_t size, const char *label, const char *const keys[],
                 const char *const vals[], int n);

#endif
