/* mask.h: what of an input value may be printed: identity numbers and phones masked, else its shape. */
#ifndef TP_MASK_H
#define TP_MASK_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* A value may hold personal data by mistake (a DNI in a "documento" column, a phone in an
 * address). Digit groups joined by separators (dots, dashes, spaces, no-break spaces,
 * brackets, '+'; up to 3 between two groups) that add up to 7 or more digits become '#'
 * digit by digit ("DNI 4567 8912" -> "DNI #### ####", "+51 999 888 777" -> "+## ### ### ###");
 * a date's three groups (2007-02-29, 29.02.2007) and a range of years (2014-2018) are not
 * such a number. Control characters
 * become spaces, and the value is cut at 60 characters ("…" added). out is replaced; it is
 * NUL-terminated. For messages and headers. */
void mask_value(const char *s, size_t n, struct buf *out);

/* True when s cannot be personal data and may be quoted in a published list: no run of 3
 * or more digits, at most two words, and nothing mask_value would mask. */
bool mask_quotable(const char *s, size_t n);

/* s's shape, which says what it looked like and nothing of it: "3 words, 22 letters",
 * "1 word, 8 digits" (letters: every character not a digit, blank or ASCII punctuation).
 * "empty" for nothing. out is replaced. */
void mask_shape(const char *s, size_t n, struct buf *out);

/* What a published list may quote of s: mask_value(s) when mask_quotable(s), else
 * mask_shape(s). out is replaced. */
void mask_quote(const char *s, size_t n, struct buf *out);

#endif
