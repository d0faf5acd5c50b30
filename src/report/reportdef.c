/* reportdef.c: the line-based definition format: headings, paragraphs and [directives]. */
#include "report/reportdef.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/plural.h"

struct reader {
    struct reportdef *d;
    const struct def_catalogue *cat;
    struct tp_error *err;
    long line;
    struct buf para; /* the paragraph being gathered */
    long para_line;
    bool in_section;
    long open_if[DEF_MAX_DEPTH]; /* lines of the [if]s not yet closed */
    bool has_else[DEF_MAX_DEPTH];
    int depth;
};

static enum tp_err fail(struct reader *r, long line, const char *fmt, const char *arg)
{
    char msg[512];
    snprintf(msg, sizeof msg, fmt, arg);
    return tp_fail(r->err, TP_ERR_CONFIG, r->d->path, line, NULL, "%s", msg);
}

/* Every {{name}} of text (n bytes) must be a known figure; {{name|ONE|OTHER}} and
 * {{name|ONE|OTHER|ZERO}} give forms for a count, and their own placeholders are checked. */
static enum tp_err check_text_n(struct reader *r, long line, const char *text, size_t len)
{
    const char *stop = text + len;
    for (const char *p = text; p < stop && (p = strstr(p, "{{")) && p < stop;) {
        const char *close = plural_close(p + 2);
        if (!close || close >= stop)
            return fail(r, line, "'{{' without '}}'%s", "");
        const char *bar = memchr(p + 2, '|', (size_t)(close - p - 2));
        char name[64];
        size_t n = (size_t)((bar ? bar : close) - p - 2);
        snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), p + 2);
        if (n >= 63 || !r->cat->figure(name))
            return fail(r, line, "unknown placeholder {{%s}} (docs/report-definitions.md lists them)",
                        name);
        if (bar) {
            const char *start[PLURAL_MAX_FORMS];
            size_t flen[PLURAL_MAX_FORMS];
            int k = plural_split(bar + 1, (size_t)(close - bar - 1), start, flen);
            if (k < 2)
                return fail(r, line, "{{%s|...}} takes two or three forms: ONE|OTHER or "
                                     "ONE|OTHER|ZERO", name);
            for (int i = 0; i < k; i++) {
                enum tp_err rc = check_text_n(r, line, start[i], flen[i]);
                if (rc != TP_OK)
                    return rc;
            }
        }
        p = close + 2;
    }
    return TP_OK;
}

static enum tp_err check_text(struct reader *r, long line, const char *text)
{
    return check_text_n(r, line, text, strlen(text));
}

static enum tp_err add(struct reader *r, enum def_kind kind, long line, const char *text,
                       const char *name, bool compare, bool negate)
{
    if (kind != DEF_SECTION && !r->in_section)
        return fail(r, line, "text before the first section ('== id: Heading')%s", "");
    if (text) {
        enum tp_err rc = check_text(r, line, text);
        if (rc != TP_OK)
            return rc;
    }
    struct def_item *items = realloc(r->d->items, (r->d->n + 1) * sizeof *items);
    if (!items)
        return tp_fail(r->err, TP_ERR_NOMEM, r->d->path, line, NULL, "out of memory");
    r->d->items = items;
    struct def_item *it = &items[r->d->n];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    it->line = line;
    it->compare = compare;
    it->negate = negate;
    if (name)
        snprintf(it->name, sizeof it->name, "%s", name);
    if (text && !(it->text = strdup(text)))
        return tp_fail(r->err, TP_ERR_NOMEM, r->d->path, line, NULL, "out of memory");
    r->d->n++;
    return TP_OK;
}

static enum tp_err flush(struct reader *r)
{
    if (!r->para.len)
        return TP_OK;
    enum tp_err rc = add(r, DEF_TEXT, r->para_line, buf_cstr(&r->para), NULL, false, false);
    buf_clear(&r->para);
    return rc;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

static bool is_id(const char *s)
{
    if (!*s || strlen(s) >= 32)
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && *s != '_' && !isdigit((unsigned char)*s))
            return false;
    return true;
}

static enum tp_err directive(struct reader *r, char *s)
{
    size_t n = strlen(s);
    if (s[n - 1] != ']')
        return fail(r, r->line, "a directive ends with ']': %s", s);
    s[n - 1] = '\0';
    s = trim(s + 1);
    if (!strncmp(s, "todo:", 5))
        return add(r, DEF_TODO, r->line, trim(s + 5), NULL, false, false);
    char word[16], name[64], opt[48] = ""; /* opt: a negated condition's name too */
    int k = sscanf(s, "%15s %63s %47s", word, name, opt);
    if (k >= 2 && !strcmp(word, "table")) {
        bool compare = k == 3 && !strcmp(opt, "compare");
        if (k == 3 && !compare)
            return fail(r, r->line, "'%s': the only option of a table is 'compare'", opt);
        if (!r->cat->table(name, false))
            return fail(r, r->line, "unknown table '%s' (docs/report-definitions.md lists them)",
                        name);
        if (compare && !r->cat->table(name, true))
            return fail(r, r->line, "table '%s' has no comparison with the previous period",
                        name);
        return add(r, DEF_TABLE, r->line, NULL, name, compare, false);
    }
    if (k == 2 && !strcmp(word, "chart")) {
        if (!r->cat->chart(name))
            return fail(r, r->line, "unknown chart '%s' (docs/report-definitions.md lists them)",
                        name);
        return add(r, DEF_CHART, r->line, NULL, name, false, false);
    }
    if (k >= 2 && !strcmp(word, "if")) {
        bool negate = k == 3 && !strcmp(name, "not");
        const char *cond = negate ? opt : name;
        if ((k == 3 && !negate) || (negate && !opt[0]))
            return fail(r, r->line, "a condition is [if NAME] or [if not NAME]: [%s]", s);
        if (!r->cat->condition(cond))
            return fail(r, r->line,
                        "unknown condition '%s' (docs/report-definitions.md lists them)", cond);
        if (r->depth == DEF_MAX_DEPTH)
            return fail(r, r->line, "[if] nested too deep (at most 8)%s", "");
        r->open_if[r->depth] = r->line;
        r->has_else[r->depth++] = false;
        return add(r, DEF_IF, r->line, NULL, cond, false, negate);
    }
    if (k == 1 && (!strcmp(word, "else") || !strcmp(word, "end"))) {
        bool end = word[1] == 'n';
        if (!r->depth)
            return fail(r, r->line, "[%s] without [if]", word);
        if (!end && r->has_else[r->depth - 1])
            return fail(r, r->line, "a second [else] for one [if]%s", "");
        if (end)
            r->depth--;
        else
            r->has_else[r->depth - 1] = true;
        return add(r, end ? DEF_END : DEF_ELSE, r->line, NULL, NULL, false, false);
    }
    return fail(r, r->line, "unknown directive [%s]: use [table NAME], [chart NAME], "
                            "[todo: ...], [if NAME], [else] or [end]", s);
}

static enum tp_err line(struct reader *r, char *raw)
{
    char *s = trim(raw);
    if (*s == '#')
        return TP_OK;
    if (!*s)
        return flush(r);
    enum tp_err rc;
    if (!strncmp(s, "===", 3)) {
        if ((rc = flush(r)) != TP_OK)
            return rc;
        return add(r, DEF_SUBHEAD, r->line, trim(s + 3), NULL, false, false);
    }
    if (!strncmp(s, "==", 2)) {
        if ((rc = flush(r)) != TP_OK)
            return rc;
        char *colon = strchr(s, ':');
        if (!colon)
            return fail(r, r->line, "a section is '== id: Heading'%s", "");
        *colon = '\0';
        char *id = trim(s + 2), *heading = trim(colon + 1);
        if (r->depth) {
            char at[24];
            snprintf(at, sizeof at, "%ld", r->open_if[r->depth - 1]);
            return fail(r, r->line, "a section starts inside the [if] of line %s", at);
        }
        if (!is_id(id))
            return fail(r, r->line, "section id '%s' must be lower case letters, digits and _", id);
        for (size_t i = 0; i < r->d->n; i++)
            if (r->d->items[i].kind == DEF_SECTION && !strcmp(r->d->items[i].name, id))
                return fail(r, r->line, "section '%s' is defined twice", id);
        r->in_section = true;
        return add(r, DEF_SECTION, r->line, heading, id, false, false);
    }
    if (*s == '[') {
        if ((rc = flush(r)) != TP_OK)
            return rc;
        return directive(r, s);
    }
    if (!r->in_section) {
        char *colon = strchr(s, ':');
        char **field = NULL;
        if (colon && !strncmp(s, "layout:", 7)) {
            char *v = trim(colon + 1);
            if (strcmp(v, "brief") && strcmp(v, "report"))
                return fail(r, r->line, "layout is 'report' or 'brief', not '%s'", v);
            r->d->brief = !strcmp(v, "brief");
            return TP_OK;
        }
        if (colon && !strncmp(s, "title:", 6))
            field = &r->d->title;
        else if (colon && !strncmp(s, "subtitle:", 9))
            field = &r->d->subtitle;
        if (!field)
            return fail(r, r->line, "before the first section only 'title:', 'subtitle:' and "
                                    "'layout:' lines are allowed%s", "");
        char *v = trim(colon + 1);
        if ((rc = check_text(r, r->line, v)) != TP_OK)
            return rc;
        free(*field);
        *field = strdup(v);
        return *field ? TP_OK : tp_fail(r->err, TP_ERR_NOMEM, r->d->path, r->line, NULL,
                                        "out of memory");
    }
    if (!r->para.len)
        r->para_line = r->line;
    else
        buf_addc(&r->para, ' ');
    return buf_adds(&r->para, s) ? TP_OK
                                 : tp_fail(r->err, TP_ERR_NOMEM, r->d->path, r->line, NULL,
                                           "out of memory");
}

struct reportdef *reportdef_load(const char *path, const struct def_catalogue *cat,
                                 struct tp_error *err)
{
    struct reportdef *d = calloc(1, sizeof *d);
    if (!d) {
        tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
        return NULL;
    }
    snprintf(d->path, sizeof d->path, "%s", path);
    FILE *f = fopen(path, "r");
    if (!f) {
        tp_fail(err, TP_ERR_CONFIG, path, 0, NULL, "cannot open report definition: %s",
                strerror(errno));
        reportdef_free(d);
        return NULL;
    }
    struct reader r = {.d = d, .cat = cat, .err = err};
    char *buf = NULL;
    size_t cap = 0;
    enum tp_err rc = TP_OK;
    while (rc == TP_OK && getline(&buf, &cap, f) >= 0) {
        r.line++;
        rc = line(&r, buf);
    }
    if (rc == TP_OK)
        rc = flush(&r);
    if (rc == TP_OK && r.depth) {
        rc = fail(&r, r.open_if[r.depth - 1], "[if] without [end]%s", "");
    }
    if (rc == TP_OK && !r.in_section)
        rc = fail(&r, 0, "no section: a definition has at least one '== id: Heading'%s", "");
    free(buf);
    buf_free(&r.para);
    fclose(f);
    if (rc != TP_OK) {
        reportdef_free(d);
        return NULL;
    }
    return d;
}

void reportdef_free(struct reportdef *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].text);
    free(d->items);
    free(d->title);
    free(d->subtitle);
    free(d);
}
