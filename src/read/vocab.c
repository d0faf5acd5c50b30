/* vocab.c: the value sets, as tables: adding a value is one word in one list. */
#include "read/vocab.h"

#include <limits.h>
#include <string.h>

#include "count/dataset.h"

#define N(a) ((int)(sizeof(a) / sizeof *(a)))

static const char *const sex[] = {"female", "male"};
static const char *const yesno[] = {"yes", "no"};
static const char *const exploitation[] = {
    "sexual",         "labour",           "domestic_servitude", "begging",
    "child_pornography", "organ_removal", "forced_criminality", "sale_of_children",
    "forced_marriage", "child_labour",    "forced_military",    "illegal_adoption",
    "other"};
static const char *const recruitment[] = {"false_job_offer", "threat", "seduction",
                                          "family",          "internet", "drugs",
                                          "abduction",       "sale",     "other"};
static const char *const transport[] = {"road", "air", "river", "sea", "other"};
static const char *const source[] = {"family", "victim", "missing_person_report", "hotline",
                                     "media",  "police_operation", "ngo", "other"};
static const char *const status[] = {"reported",  "investigation", "prosecution", "trial",
                                     "convicted", "acquitted",     "archived",    "other"};
static const char *const assistance[] = {"shelter", "emergency_centre", "medical",
                                         "psychological", "legal", "repatriation",
                                         "none", "other"};

/* What is sized by these lists, checked here where a word is added: the aggregate's arrays
 * of codes (MAX_CODES, EXP_N, SEX_*, YESNO_*) and the records' masks (count/dataset.h). */
#define BITS(rec, member) (int)(sizeof((struct rec *)0)->member * CHAR_BIT)
_Static_assert(N(sex) == SEX_UNKNOWN && N(yesno) == YESNO_UNKNOWN, "sex, yesno: codes and enums");
_Static_assert(N(exploitation) == EXP_N, "exploitation: codes and enum");
_Static_assert(N(exploitation) <= MAX_CODES && N(recruitment) <= MAX_CODES &&
                   N(transport) <= MAX_CODES && N(source) <= MAX_CODES &&
                   N(status) <= MAX_CODES && N(assistance) <= MAX_CODES,
               "a value set has more than MAX_CODES codes");
_Static_assert(N(exploitation) <= BITS(case_rec, exploitation) &&
                   N(exploitation) <= BITS(suspect_rec, exploitation),
               "exploitation: a code without a bit in the records' masks");
_Static_assert(N(recruitment) <= BITS(case_rec, recruitment), "recruitment: mask too narrow");
_Static_assert(N(transport) <= BITS(case_rec, transport), "transport: mask too narrow");
_Static_assert(N(assistance) <= BITS(victim_rec, assistance), "assistance: mask too narrow");
_Static_assert(N(source) < 1 << BITS(case_rec, source) && N(status) < 1 << BITS(case_rec, status),
               "source, status: a code (or unknown) in the record's field");

const struct vocab vocabs[V_COUNT] = {
    [V_SEX] = {"sex", sex, N(sex), N(sex), false},
    [V_YESNO] = {"yesno", yesno, N(yesno), N(yesno), false},
    [V_EXPLOITATION] = {"exploitation", exploitation, N(exploitation), N(exploitation) - 1, true},
    [V_RECRUITMENT] = {"recruitment", recruitment, N(recruitment), N(recruitment) - 1, true},
    [V_TRANSPORT] = {"transport", transport, N(transport), N(transport) - 1, true},
    [V_SOURCE] = {"source", source, N(source), N(source) - 1, false},
    [V_STATUS] = {"status", status, N(status), N(status) - 1, false},
    [V_ASSISTANCE] = {"assistance", assistance, N(assistance), N(assistance) - 1, true},
};

int vocab_find(enum vocab_id v, const char *code)
{
    const struct vocab *vc = &vocabs[v];
    for (int i = 0; i < vc->ncodes; i++)
        if (strcmp(vc->codes[i], code) == 0)
            return i;
    if (strcmp(code, "unknown") == 0)
        return vc->ncodes;
    return -1;
}

const struct vocab *vocab_by_name(const char *name)
{
    for (int v = 0; v < V_COUNT; v++)
        if (strcmp(vocabs[v].name, name) == 0)
            return &vocabs[v];
    return NULL;
}

const char *vocab_code_name(enum vocab_id v, int code)
{
    if (code < 0 || code >= vocabs[v].ncodes)
        return "unknown";
    return vocabs[v].codes[code];
}
