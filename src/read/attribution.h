/* attribution.h: who published the data read and what one of its records is ([attribution]). */
#ifndef TP_ATTRIBUTION_H
#define TP_ATTRIBUTION_H

#include <stdbool.h>
#include <stddef.h>

/* What one counted record (a "case" of the tables) is in the source. */
enum record_kind { RECORD_CASE, RECORD_COMPLAINT, RECORD_VICTIM, RECORD_CRIME, RECORD_COUNT };

/* The words a profile's [attribution] gives (docs/profiles.md): name (the source line),
 * short (titles), title (the subtitle's opening), register (after "figures from"),
 * institution (who registered, in sentences) and institution_short (the same, once named:
 * "the police"), each optionally per language as KEY.LANG; record. A missing text falls
 * back to name (institution_short: to institution). */
enum attr_text {
    ATTR_NAME, ATTR_SHORT, ATTR_TITLE, ATTR_REGISTER, ATTR_INSTITUTION, ATTR_INSTITUTION_SHORT,
    ATTR_NTEXT
};

#define ATTR_MAX 24 /* KEY or KEY.LANG entries */

struct attribution {
    int n;
    struct { char key[24]; char *value; } entry[ATTR_MAX]; /* values owned */
    enum record_kind record;
};

extern const char *const record_names[RECORD_COUNT]; /* "case", "complaint", ... */

/* One line of [attribution]: false with why in msg (a key or record not known, too many). */
bool attribution_set(struct attribution *a, const char *key, const char *value, char *msg,
                     size_t size);
void attribution_clear(struct attribution *a); /* frees the values; record back to case */
/* text in language lang (KEY.lang, else KEY, else name, else fallback); never NULL. */
const char *attribution_text(const struct attribution *a, enum attr_text t, const char *lang,
                             const char *fallback);

#endif
