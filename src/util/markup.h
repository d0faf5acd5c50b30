/* markup.h: text escaped for HTML and SVG, and numbers written short and the same every run. */
#ifndef TP_MARKUP_H
#define TP_MARKUP_H

#include <stdbool.h>

#include "util/buf.h"

/* Appends s with & < > " ' as entities, so that it is text in an element or an attribute
 * alike; control characters (but tab and newline) are left out: HTML has no place for them. */
bool markup_text(struct buf *b, const char *s);
/* Appends v with at most two decimals and no trailing zeros ("12.5", "3", "-0.25"). */
bool markup_number(struct buf *b, double v);

#endif
