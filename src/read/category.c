/* category.c: a source's own categories: the settings and parts of a [category NAME] section. */
#include "read/category.h"

#include <stdio.h>
#include <string.h>

const char *category_title(const struct category *c, const char *lang)
{
    int l = lang && !strcmp(lang, "en") ? CAT_EN : CAT_ES;
    return c->title[l][0] ? c->title[l] : c->title[CAT_ES][0] ? c->title[CAT_ES] : c->name;
}

const char *category_column(const struct category *c, const char *lang)
{
    int l = lang && !strcmp(lang, "en") ? CAT_EN : CAT_ES;
    return c->column[l][0] ? c->column[l] : c->column[CAT_ES][0] ? c->column[CAT_ES]
                                                                 : category_title(c, lang);
}

const char *category_label(const struct category *c, int value, const char *lang)
{
    int l = lang && !strcmp(lang, "en") ? CAT_EN : CAT_ES;
    return c->label[value][l][0] ? c->label[value][l] : c->label[value][CAT_ES];
}

const struct category *categories_find(const struct categories *cs, const char *name)
{
    for (int i = 0; cs && i < cs->n; i++)
        if (!strcmp(cs->c[i].name, name))
            return &cs->c[i];
    return NULL;
}

/* A copy of s[0..n) without the spaces around it; false when it does not fit or is empty. */
static bool copy_trimmed(char *out, size_t size, const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    if (!n || n >= size)
        return false;
    memcpy(out, s, n);
    out[n] = '\0';
    return true;
}

/* A name in tables: lower-case letters, digits and '_'. */
static bool plain_name(const char *s)
{
    for (const char *p = s; *p; p++)
        if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
            return false;
    return *s != '\0';
}

bool category_setting(struct category *c, const char *key, const char *value, const char **why)
{
    *why = NULL;
    if (!strcmp(key, "title") || !strcmp(key, "title.en")) {
        char *t = c->title[key[5] ? CAT_EN : CAT_ES];
        if (!copy_trimmed(t, sizeof c->title[0], value, strlen(value)))
            *why = "a title of 1 to 119 bytes";
    } else if (!strcmp(key, "column") || !strcmp(key, "column.en")) {
        char *t = c->column[key[6] ? CAT_EN : CAT_ES];
        if (!copy_trimmed(t, sizeof c->column[0], value, strlen(value)))
            *why = "a column header of 1 to 79 bytes";
    } else if (!strcmp(key, "counts")) {
        c->victims = !strcmp(value, "victims");
        if (!c->victims && strcmp(value, "cases"))
            *why = "counts must be cases or victims";
    } else if (!strcmp(key, "section")) {
        if (!copy_trimmed(c->section, sizeof c->section, value, strlen(value)) ||
            !plain_name(c->section))
            *why = "a section is the id of a report section, as magnitude";
    } else {
        return false;
    }
    return true;
}

const char *category_part(struct category *c, int value, const char *text)
{
    const char *bar = strchr(text, '|');
    const char *bar2 = bar ? strchr(bar + 1, '|') : NULL;
    const char *end = text + strlen(text);
    if (!bar || !copy_trimmed(c->value[value], sizeof c->value[0], text, (size_t)(bar - text)) ||
        !plain_name(c->value[value]) || !strcmp(c->value[value], "unknown"))
        return "must be 'value | label' or 'value | label | English label', the value in "
               "lower-case letters, digits and _ (not unknown)";
    for (int i = 0; i < value; i++)
        if (!strcmp(c->value[i], c->value[value]))
            return "this value is a part of the category already";
    const char *l1 = bar + 1, *e1 = bar2 ? bar2 : end;
    if (!copy_trimmed(c->label[value][CAT_ES], sizeof c->label[0][0], l1, (size_t)(e1 - l1)))
        return "needs a label of 1 to 79 bytes after the value";
    c->label[value][CAT_EN][0] = '\0';
    if (bar2 && !copy_trimmed(c->label[value][CAT_EN], sizeof c->label[0][0], bar2 + 1,
                              (size_t)(end - bar2 - 1)))
        return "the English label, after the second |, must be 1 to 79 bytes";
    return NULL;
}
