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

/* Where in the chain from complaint to sentence the source stands (`stage`): the checklist
 * answers law-enforcement questions from the prosecution service when a report has one. */
enum source_stage { SOURCE_STAGE_UNSAID, SOURCE_STAGE_POLICE, SOURCE_STAGE_PROSECUTION,
                    SOURCE_STAGE_JUDICIARY, SOURCE_STAGE_OTHER, SOURCE_STAGE_COUNT };

#define ATTR_MAX 24 /* KEY or KEY.LANG entries */

struct attribution {
    int n;
    struct { char key[24]; char *value; } entry[ATTR_MAX]; /* values owned */
    enum record_kind record;
    enum source_stage stage; /* SOURCE_STAGE_UNSAID unless the profile says */
    unsigned gives; /* GIVES_* of `gives`; 0: not said, everything */
};

/* One bit per word of `gives` (docs/profiles.md); a source gives every one unless it says. */
enum {
    GIVES_CASES = 1 << 0, GIVES_VICTIMS = 1 << 1, GIVES_SUSPECTS = 1 << 2,
    GIVES_YEAR = 1 << 3, GIVES_REGION = 1 << 4, GIVES_CITY = 1 << 5, GIVES_ROUTES = 1 << 6,
    GIVES_SEX = 1 << 7, GIVES_AGE = 1 << 8, GIVES_NATIONALITY = 1 << 9,
    GIVES_EXPLOITATION = 1 << 10, GIVES_RECRUITMENT = 1 << 11, GIVES_TRANSPORT = 1 << 12,
    GIVES_SOURCE = 1 << 13, GIVES_STATUS = 1 << 14, GIVES_ASSISTANCE = 1 << 15,
    GIVES_HOME = 1 << 16,
    GIVES_ID_DOCUMENT = 1 << 17, /* whether victims have an identity document */
    GIVES_ALL = (1 << 18) - 1
};

/* The bit of a word of `gives` ("cases", "age" ...); 0 when it is none. */
unsigned gives_bit(const char *word);
/* Every word, comma-separated, for messages. */
const char *gives_words(void);
/* The i-th word (from 0), NULL past the last. */
const char *gives_word(int i);

extern const char *const record_names[RECORD_COUNT]; /* "case", "complaint", ... */
extern const char *const source_stage_names[SOURCE_STAGE_COUNT]; /* "", "police", "prosecution" ... */

/* One line of [attribution]: false with why in msg (a key or record not known, too many). */
bool attribution_set(struct attribution *a, const char *key, const char *value, char *msg,
                     size_t size);
void attribution_clear(struct attribution *a); /* frees the values; record back to case */
/* text in language lang (KEY.lang, else KEY, else name, else fallback); never NULL. */
const char *attribution_text(const struct attribution *a, enum attr_text t, const char *lang,
                             const char *fallback);

#endif
