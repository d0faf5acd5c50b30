/* vocab.h: the canonical value sets of the export (sex, yes/no, exploitation ...). */
#ifndef TP_VOCAB_H
#define TP_VOCAB_H

#include <stdbool.h>
#include <stdint.h>

enum vocab_id {
    V_SEX,
    V_YESNO,
    V_EXPLOITATION,
    V_RECRUITMENT,
    V_TRANSPORT,
    V_SOURCE,
    V_STATUS,
    V_ASSISTANCE,
    V_COUNT
};

/* Codes are numbered 0 .. ncodes-1; the number ncodes means unknown (blank or "not known").
 * A multi-valued field holds a bit mask of codes; mask 0 means unknown. */
struct vocab {
    const char *name; /* also the profile section that holds its aliases */
    const char *const *codes;
    int ncodes;
    int fallback; /* what an unrecognised word becomes: "other", or ncodes (unknown) */
    bool multi;   /* several values separated by ';' */
};

extern const struct vocab vocabs[V_COUNT];

enum { SEX_FEMALE, SEX_MALE, SEX_UNKNOWN };
enum { YES, NO, YESNO_UNKNOWN };
enum { EXP_SEXUAL, EXP_LABOUR, EXP_DOMESTIC, EXP_BEGGING, EXP_CHILD_PORNOGRAPHY, EXP_ORGANS,
       EXP_CRIMINALITY, EXP_SALE_OF_CHILDREN, EXP_FORCED_MARRIAGE, EXP_CHILD_LABOUR,
       EXP_MILITARY, EXP_ADOPTION, EXP_OTHER, EXP_N };
/* Codes the program names; tests/unit/test_profile.c checks them against the tables. */
enum { SOURCE_HOTLINE = 3, SOURCE_MEDIA = 4, ASSIST_NONE = 6, STATUS_CONVICTED = 4 };
enum { MAX_CODES = 16 };

int vocab_find(enum vocab_id v, const char *code); /* code number, ncodes for "unknown", -1 */
const struct vocab *vocab_by_name(const char *name); /* NULL when none */
const char *vocab_code_name(enum vocab_id v, int code); /* "unknown" for ncodes */

#endif
