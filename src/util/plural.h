/* plural.h: the form of words that goes with a count, as templates write it: {{n|# caso|# casos}}. */
#ifndef TP_PLURAL_H
#define TP_PLURAL_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

#define PLURAL_MAX_FORMS 3 /* ONE|OTHER|ZERO */

/* The "}}" that closes the placeholder whose name starts at p (just after its "{{"), nested
 * placeholders skipped; NULL when there is none. */
const char *plural_close(const char *p);

/* The forms of a placeholder's text after its name: "ONE|OTHER" or "ONE|OTHER|ZERO" (n bytes,
 * without the leading '|'); a '|' inside a nested {{...}} does not split. Returns how many
 * forms there are (0 when more than PLURAL_MAX_FORMS) and sets start[i], len[i]. */
int plural_split(const char *forms, size_t n, const char *start[PLURAL_MAX_FORMS],
                 size_t len[PLURAL_MAX_FORMS]);

/* Appends to out the form that goes with value, a count as printed: ONE when it reads "1",
 * ZERO (when given) when it reads "0", else OTHER ("<3", "x" and 1,234 take OTHER); each '#'
 * of the form is replaced by value. False when forms is not 2 or 3 forms, or out of memory. */
bool plural_put(struct buf *out, const char *value, const char *forms, size_t n);

#endif
