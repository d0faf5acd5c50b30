/* vocab.c: the value sets, as tables: adding a value is one word in one list. */
#include "read/vocab.h"

#include <string.h>

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
