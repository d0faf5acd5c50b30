/* fold.h: matching keys for names and values: case, accents and punctuation folded away. */
#ifndef TP_FOLD_H
#define TP_FOLD_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

/* Replace out with the key of UTF-8 s[0..n): compatibility-decomposed, case-folded, marks
 * stripped, and only letters and digits kept ("Huánuco" -> "huanuco", "id_caso" ->
 * "idcaso", "Nº" -> "no"). Returns false on invalid UTF-8 or out of memory. */
bool fold_key(const char *s, size_t n, struct buf *out);

/* Whether the key of s[0..n) is key[0..klen): ASCII is compared as it is folded, stopping at
 * the first difference; anything else is folded whole into scratch. */
bool fold_equals(const char *s, size_t n, const char *key, size_t klen, struct buf *scratch);

/* Replace out with UTF-8 s[0..n) compatibility-composed and case-folded, everything else
 * kept ("17 AÑOS" -> "17 años", a no-break space -> a space, zero-width characters
 * dropped), for readers that need the spaces and signs that fold_key drops. Returns false on
 * invalid UTF-8 or out of memory. */
bool fold_case(const char *s, size_t n, struct buf *out);

/* Same as fold_key, into a caller's array; truncates silently at size - 1 bytes. "" on invalid input. */
void fold_key_to(const char *s, size_t n, char *out, size_t size);

#endif
