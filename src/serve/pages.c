/* pages.c: the page templates and their labels in two languages. */
#include "serve/pages.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "report/labels.h"
#include "util/markup.h"

static const char *const names[PAGE_COUNT] = {
    [PAGE_FORM] = "form", [PAGE_RUNNING] = "running", [PAGE_DONE] = "done",
    [PAGE_FAILED] = "failed", [PAGE_LOGIN] = "login", [PAGE_MESSAGE] = "message",
    [PAGE_LAYOUT] = "layout",
};

static char *read_all(const char *path)
{
    FILE *f = fopen(path, "rb");
    struct buf b = {0};
    char chunk[4096];
    size_t n;
    bool ok = f != NULL;
    while (ok && (n = fread(chunk, 1, sizeof chunk, f)) > 0)
        ok = buf_add(&b, chunk, n);
    if (f && ferror(f))
        ok = false;
    if (f)
        fclose(f);
    if (ok && buf_cstr(&b)[0])
        return b.p;
    buf_free(&b);
    return NULL;
}

/* Every {{t.key}} of text has a label in both languages. */
static enum tp_err check_labels(const struct pages *p, const char *text, const char *path,
                                struct tp_error *err)
{
    for (const char *s = text; (s = strstr(s, "{{t.")); s += 4) {
        char key[64];
        const char *end = strstr(s, "}}");
        if (!end || end - s - 4 >= (long)sizeof key)
            return tp_fail(err, TP_ERR_CONFIG, path, 0, NULL, "a {{t.KEY}} without its end");
        snprintf(key, sizeof key, "%.*s", (int)(end - s - 4), s + 4);
        for (int l = 0; l < 2; l++)
            if (!labels_need(p->labels[l], "serve", key, err))
                return err->code;
    }
    return TP_OK;
}

enum tp_err pages_load(struct pages *p, const char *templates, struct tp_error *err)
{
    memset(p, 0, sizeof *p);
    const char *langs[2] = {"es", "en"};
    for (int l = 0; l < 2; l++)
        if (!(p->labels[l] = labels_load(templates, langs[l], err)))
            return err->code;
    for (int i = 0; i < PAGE_COUNT; i++) {
        char path[1200];
        snprintf(path, sizeof path, "%s/serve/%s.html", templates, names[i]);
        if (!(p->text[i] = read_all(path)))
            return tp_fail(err, TP_ERR_CONFIG, path, 0, NULL, "cannot read the page template");
        enum tp_err rc = check_labels(p, p->text[i], path, err);
        if (rc != TP_OK)
            return rc;
    }
    return TP_OK;
}

void pages_free(struct pages *p)
{
    for (int l = 0; l < 2; l++)
        labels_free(p->labels[l]);
    for (int i = 0; i < PAGE_COUNT; i++)
        free(p->text[i]);
    memset(p, 0, sizeof *p);
}

/* The first language tag of Accept-Language that is es or en (a tag with q=0 is refused);
 * browsers list them in the user's order. */
static enum page_lang accept_lang(const char *h)
{
    for (const char *t = h; t && *t;) {
        t += strspn(t, " ,");
        size_t len = strcspn(t, ",");
        char item[64] = ""; /* zero-filled: item[2] is read even for "*" */
        snprintf(item, sizeof item, "%.*s", (int)(len < 63 ? len : 63), t);
        const char *q = strstr(item, ";q=");
        bool refused = q && strtod(q + 3, NULL) <= 0;
        if (!refused && strchr("-; ", item[2]) != NULL) { /* item[2] '\0' is found too */
            if (!strncasecmp(item, "es", 2))
                return LANG_ES;
            if (!strncasecmp(item, "en", 2))
                return LANG_EN;
        }
        t += len;
    }
    return LANG_ES;
}

enum page_lang pages_lang(const char *query, const char *accept_language)
{
    if (query && !strcmp(query, "en"))
        return LANG_EN;
    if (query && !strcmp(query, "es"))
        return LANG_ES;
    return accept_lang(accept_language);
}

const char *pages_code(enum page_lang l) { return l == LANG_EN ? "en" : "es"; }

const char *pages_label(const struct pages *p, enum page_lang l, const char *key)
{
    const char *s = labels_get(p->labels[l], "serve", key);
    return s ? s : "";
}

static const char *var(const struct page_var *vars, size_t n, const char *name, size_t len)
{
    for (size_t i = 0; i < n; i++)
        if (strlen(vars[i].name) == len && !strncmp(vars[i].name, name, len))
            return vars[i].value ? vars[i].value : "";
    return "";
}

/* text with its {{...}} filled. */
static bool fill(const struct pages *p, enum page_lang l, const char *text,
                 const struct page_var *vars, size_t n, struct buf *out)
{
    bool ok = true;
    const char *s = text, *open;
    while (ok && (open = strstr(s, "{{"))) {
        const char *end = strstr(open, "}}");
        if (!end)
            break;
        ok = buf_add(out, s, (size_t)(open - s));
        const char *name = open + 2;
        size_t len = (size_t)(end - name);
        if (ok && len > 2 && !strncmp(name, "t.", 2)) {
            char key[64];
            snprintf(key, sizeof key, "%.*s", (int)(len - 2), name + 2);
            ok = markup_text(out, pages_label(p, l, key));
        } else if (ok && len > 1 && name[0] == '&')
            ok = buf_adds(out, var(vars, n, name + 1, len - 1));
        else if (ok)
            ok = markup_text(out, var(vars, n, name, len));
        s = end + 2;
    }
    return ok && buf_adds(out, s);
}

bool pages_render(const struct pages *p, enum page_id id, enum page_lang l,
                  const char *title_key, const char *head, const struct page_var *vars,
                  size_t n, struct buf *out)
{
    struct buf main = {0};
    enum page_lang other = l == LANG_EN ? LANG_ES : LANG_EN;
    bool ok = fill(p, l, p->text[id], vars, n, &main);
    struct page_var lv[] = {
        {"lang", pages_code(l)},
        {"title", pages_label(p, l, title_key)},
        {"head", head ? head : ""},
        {"main", buf_cstr(&main)},
        {"other_lang", pages_code(other)},
        {"other_name", pages_label(p, other, "language_name")},
    };
    ok = ok && fill(p, l, p->text[PAGE_LAYOUT], lv, sizeof lv / sizeof lv[0], out);
    buf_free(&main);
    return ok;
}
