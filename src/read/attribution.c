/* attribution.c: a profile's [attribution] lines: texts per language and the kind of record. */
#include "read/attribution.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const record_names[RECORD_COUNT] = {"case", "complaint", "victim", "crime"};
const char *const source_stage_names[SOURCE_STAGE_COUNT] = {"", "police", "prosecution", "judiciary",
                                                     "other"};

/* The words of `gives` (docs/profiles.md). */
static const struct {
    const char *word;
    unsigned bit;
} words[] = {
    {"cases", GIVES_CASES}, {"victims", GIVES_VICTIMS}, {"suspects", GIVES_SUSPECTS},
    {"year", GIVES_YEAR}, {"region", GIVES_REGION}, {"city", GIVES_CITY},
    {"routes", GIVES_ROUTES}, {"sex", GIVES_SEX}, {"age", GIVES_AGE},
    {"nationality", GIVES_NATIONALITY}, {"exploitation", GIVES_EXPLOITATION},
    {"recruitment", GIVES_RECRUITMENT}, {"transport", GIVES_TRANSPORT},
    {"source", GIVES_SOURCE}, {"status", GIVES_STATUS}, {"assistance", GIVES_ASSISTANCE},
    {"home", GIVES_HOME}, {"id_document", GIVES_ID_DOCUMENT}};

unsigned gives_bit(const char *word)
{
    for (size_t i = 0; i < sizeof words / sizeof *words; i++)
        if (!strcmp(words[i].word, word))
            return words[i].bit;
    return 0;
}

const char *gives_word(int i)
{
    return i >= 0 && (size_t)i < sizeof words / sizeof *words ? words[i].word : NULL;
}

const char *gives_words(void)
{
    return "cases, victims, suspects, year, region, city, routes, sex, age, nationality, "
           "exploitation, recruitment, transport, source, status, assistance, id_document";
}

static const char *const text_keys[ATTR_NTEXT] = {"name", "short", "title", "register",
                                                  "institution", "institution_short"};
/* What a missing text falls back to. */
static const enum attr_text fallback_of[ATTR_NTEXT] = {ATTR_NAME, ATTR_NAME, ATTR_NAME, ATTR_NAME,
                                                       ATTR_NAME, ATTR_INSTITUTION};

static bool text_key(const char *key)
{
    size_t n = strcspn(key, ".");
    if (key[n] && (strlen(key + n + 1) < 2 || strlen(key + n + 1) > 3))
        return false; /* KEY.LANG: a two- or three-letter language */
    for (int t = 0; t < ATTR_NTEXT; t++)
        if (strlen(text_keys[t]) == n && !strncmp(key, text_keys[t], n))
            return true;
    return false;
}

bool attribution_set(struct attribution *a, const char *key, const char *value, char *msg,
                     size_t size)
{
    if (!strcmp(key, "record")) {
        for (int k = 0; k < RECORD_COUNT; k++)
            if (!strcmp(value, record_names[k])) {
                a->record = (enum record_kind)k;
                return true;
            }
        snprintf(msg, size, "record must be case, complaint, victim or crime, not '%s'", value);
        return false;
    }
    if (!strcmp(key, "stage")) {
        for (int k = 1; k < SOURCE_STAGE_COUNT; k++)
            if (!strcmp(value, source_stage_names[k])) {
                a->stage = (enum source_stage)k;
                return true;
            }
        snprintf(msg, size, "stage must be police, prosecution, judiciary or other, not '%s'",
                 value);
        return false;
    }
    if (!text_key(key) || strlen(key) >= sizeof a->entry[0].key) {
        snprintf(msg, size, "unknown key '%s' in [attribution] (known: name, short, title, "
                            "register, institution, institution_short, each also as "
                            "KEY.LANG; record; stage; gives)", key);
        return false;
    }
    if (!*value) {
        snprintf(msg, size, "[attribution] %s is empty", key);
        return false;
    }
    int i = 0;
    while (i < a->n && strcmp(a->entry[i].key, key))
        i++;
    if (i == ATTR_MAX) {
        snprintf(msg, size, "more than %d lines in [attribution]", ATTR_MAX);
        return false;
    }
    char *v = strdup(value);
    if (!v) {
        snprintf(msg, size, "out of memory");
        return false;
    }
    if (i == a->n)
        snprintf(a->entry[a->n++].key, sizeof a->entry[0].key, "%s", key);
    free(a->entry[i].value);
    a->entry[i].value = v;
    return true;
}

void attribution_clear(struct attribution *a)
{
    for (int i = 0; i < a->n; i++) {
        free(a->entry[i].value);
        a->entry[i].value = NULL;
    }
    a->n = 0;
    a->record = RECORD_CASE;
    a->stage = SOURCE_STAGE_UNSAID;
    a->gives = 0;
}

static const char *find(const struct attribution *a, const char *key)
{
    for (int i = 0; i < a->n; i++)
        if (!strcmp(a->entry[i].key, key))
            return a->entry[i].value;
    return NULL;
}

const char *attribution_text(const struct attribution *a, enum attr_text t, const char *lang,
                             const char *fallback)
{
    char k[48];
    const char *s;
    for (;;) {
        snprintf(k, sizeof k, "%s.%s", text_keys[t], lang);
        if ((s = find(a, k)) || (s = find(a, text_keys[t])))
            return s;
        if (t == ATTR_NAME)
            return fallback;
        t = fallback_of[t];
    }
}
