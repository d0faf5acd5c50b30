/* labels.c: label files read with inih into one map of "section\x1fkey" -> text. */
#include "report/labels.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/quality.h"
#include "read/schema.h"
#include "util/buf.h"
#include "util/inifile.h"
#include "util/plural.h"
#include "util/strmap.h"

struct labels {
    char lang[8];
    char path[1100];
    struct strmap *map; /* value = offset into text */
    struct buf text;
    struct tp_error *err; /* while loading */
};

static int put(void *user, const char *section, const char *name, const char *value)
{
    struct labels *l = user;
    if (l->err->msg[0])
        return 1;
    char key[256];
    int n = snprintf(key, sizeof key, "%s\x1f%s", section, name);
    bool added;
    long e = n > 0 && (size_t)n < sizeof key ? strmap_intern(l->map, key, (size_t)n, 0, &added) : -1;
    if (e < 0) {
        tp_fail(l->err, TP_ERR_CONFIG, NULL, 0, NULL, "out of memory or key too long");
        return 0;
    }
    if (!added) {
        tp_fail(l->err, TP_ERR_CONFIG, NULL, 0, NULL, "[%s] %s is given twice", section, name);
        return 0;
    }
    strmap_set(l->map, e, (uint32_t)l->text.len);
    if (!buf_adds(&l->text, value) || !buf_addc(&l->text, '\0')) {
        tp_fail(l->err, TP_ERR_CONFIG, NULL, 0, NULL, "out of memory");
        return 0;
    }
    return 1;
}

const char *labels_get(const struct labels *l, const char *section, const char *key)
{
    char k[256];
    int n = snprintf(k, sizeof k, "%s\x1f%s", section, key);
    if (n < 0 || (size_t)n >= sizeof k)
        return NULL;
    long e = strmap_find(l->map, k, (size_t)n);
    return e < 0 ? NULL : l->text.p + strmap_value(l->map, e);
}

const char *labels_need(const struct labels *l, const char *section, const char *key,
                        struct tp_error *err)
{
    const char *s = labels_get(l, section, key);
    if (!s)
        tp_fail(err, TP_ERR_CONFIG, l->path, 0, NULL, "no label for [%s] %s", section, key);
    return s;
}

struct labels *labels_load(const char *templates, const char *lang, struct tp_error *err)
{
    struct labels *l = calloc(1, sizeof *l);
    if (!l || !(l->map = strmap_new())) {
        free(l);
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    snprintf(l->lang, sizeof l->lang, "%s", lang);
    snprintf(l->path, sizeof l->path, "%s/labels/%s.ini", templates, lang);
    l->err = err;
    if (inifile_read(l->path, put, l, TP_ERR_CONFIG, err) != TP_OK)
        goto fail;
    /* Everything the program names by code must have a label. */
    for (int v = 0; v < V_COUNT; v++) {
        const char *section = v == V_YESNO ? "yesno" : vocabs[v].name;
        for (int c = 0; c <= vocabs[v].ncodes; c++)
            if (!labels_need(l, section, vocab_code_name((enum vocab_id)v, c), err))
                goto fail;
    }
    static const char *const need[][2] = {
        {"minor", "yes"}, {"minor", "no"}, {"minor", "unknown"}, {"scope", "internal"},
        {"scope", "international"}, {"word", "date"}, {"word", "unknown"}, {"word", "total"},
        {"word", "previous"}, {"word", "current"}, {"word", "change"}, {"word", "new"},
        {"word", "no_previous"}, {"word", "none"}, {"word", "and"}, {"word", "share_note"},
        {"word", "about"}, {"word", "data_quality"}, {"word", "source_note"}, {"word", "todo"}, {"word", "no_data"},
        {"word", "no_chart"}, {"word", "chart_hidden"}, {"word", "chart_hidden_bars"}, {"word", "no_cases"}, {"word", "pyramid_note"}, {"word", "map_routes"},
        {"word", "map_no_routes"}, {"word", "status_note"}, {"word", "page"}, {"word", "contents"},
        {"word", "rows_cut"}, {"word", "unodc_note"}, {"word", "stage_note"}, {"word", "tip_note"},
        {"word", "tip_labour"}, {"word", "other_routes"}, {"word", "public_note"},
        {"word", "public_version"}, {"word", "fewer_than"}, {"about", "version"},
        {"word", "map_hidden"}, {"word", "dq_public"}, {"word", "dq_public_counts"},
        {"word", "input_by_hash"},
        {"record", "case"}, {"record", "cases"},
        {"record", "complaint"}, {"record", "complaints"}, {"record", "victim"},
        {"record", "victims"}, {"record", "crime"}, {"record", "crimes"},
        {"word", "month_year"}};
    for (size_t i = 0; i < sizeof need / sizeof *need; i++)
        if (!labels_need(l, need[i][0], need[i][1], err))
            goto fail;
    for (int a = 0; a < DQ_ACTION_COUNT; a++)
        if (!labels_need(l, "dq_action", dq_action_name((enum dq_action)a), err))
            goto fail;
    for (int k = 0; k < K_COUNT; k++)
        if (!labels_need(l, "role", kind_name((enum file_kind)k), err))
            goto fail;
    for (unsigned m = 1; m <= 12; m++) {
        char k[12];
        snprintf(k, sizeof k, "%u", m);
        if (!labels_need(l, "month", k, err))
            goto fail;
    }
    l->err = NULL;
    return l;
fail:
    labels_free(l);
    return NULL;
}

void labels_free(struct labels *l)
{
    if (!l)
        return;
    strmap_free(l->map);
    buf_free(&l->text);
    free(l);
}

const char *labels_lang(const struct labels *l) { return l->lang; }
const char *labels_path(const struct labels *l) { return l->path; }

const char *labels_code(const struct labels *l, enum vocab_id v, int code)
{
    const char *s = labels_get(l, v == V_YESNO ? "yesno" : vocabs[v].name,
                               vocab_code_name(v, code));
    return s ? s : vocab_code_name(v, code);
}

void labels_date(const struct labels *l, tp_date d, char *out, size_t size)
{
    labels_date_as(l, "date", d, out, size);
}

void labels_date_as(const struct labels *l, const char *format, tp_date d, char *out,
                    size_t size)
{
    if (!d) {
        snprintf(out, size, "%s", labels_get(l, "word", "unknown"));
        return;
    }
    char month[12];
    snprintf(month, sizeof month, "%u", (unsigned)d / 100 % 100);
    const char *fmt = labels_get(l, "word", format);
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = fmt; *p && n + 1 < size; p++) {
        int w = 0;
        if (p[0] == '%' && p[1] == 'd')
            w = snprintf(out + n, size - n, "%d", d % 100);
        else if (p[0] == '%' && p[1] == 'm')
            w = snprintf(out + n, size - n, "%s", labels_get(l, "month", month));
        else if (p[0] == '%' && p[1] == 'y')
            w = snprintf(out + n, size - n, "%d", d / 10000);
        else {
            out[n++] = *p;
            out[n] = '\0';
            continue;
        }
        p++;
        if (w < 0 || (size_t)w >= size - n)
            return;
        n += (size_t)w;
    }
}

void labels_fill(char *out, size_t size, const char *text, const char *const keys[],
                 const char *const vals[], int n)
{
    size_t o = 0;
    for (const char *p = text; *p && o + 1 < size;) {
        int k = 0;
        size_t kl = 0;
        for (; k < n; k++) {
            kl = strlen(keys[k]);
            if (p[0] == '{' && !strncmp(p + 1, keys[k], kl) &&
                (p[1 + kl] == '}' || p[1 + kl] == '|'))
                break;
        }
        /* {key}, or {key|ONE|OTHER[|ZERO]}: the form that goes with the count (util/plural.h). */
        const char *close = k < n ? strchr(p + 1 + kl, '}') : NULL;
        if (!close) {
            out[o++] = *p++;
            continue;
        }
        struct buf form = {0};
        const char *v = vals[k];
        if (p[1 + kl] == '|' && plural_put(&form, vals[k], p + 2 + kl, (size_t)(close - p - 2 - kl)))
            v = buf_cstr(&form);
        o += (size_t)snprintf(out + o, size - o, "%s", v);
        if (o >= size)
            o = size - 1;
        buf_free(&form);
        p = close + 1;
    }
    out[o] = '\0';
}

/* Does text match pattern from here? cap[k] takes the text of {k+1} (at least one byte). */
static bool match(const char *p, const char *s, const char *cap[9][2])
{
    if (p[0] == '{' && p[1] >= '1' && p[1] <= '9' && p[2] == '}') {
        for (const char *e = s + 1; e <= s + strlen(s); e++)
            if (match(p + 3, e, cap)) {
                cap[p[1] - '1'][0] = s;
                cap[p[1] - '1'][1] = e;
                return true;
            }
        return false;
    }
    if (!*p)
        return !*s;
    return *p == *s && match(p + 1, s + 1, cap);
}

void labels_say(const struct labels *l, const struct labels *en, const char *section,
                const char *text, char *out, size_t size)
{
    snprintf(out, size, "%s", text);
    size_t slen = strlen(section), best = 0;
    const char *said = NULL, *cap[9][2] = {{0}}, *best_cap[9][2] = {{0}};
    for (size_t e = 0; e < strmap_count(en->map); e++) {
        size_t klen;
        const char *key = strmap_key(en->map, (long)e, &klen);
        if (klen <= slen || strncmp(key, section, slen) || key[slen] != '\x1f')
            continue;
        const char *pattern = en->text.p + strmap_value(en->map, (long)e);
        size_t fixed = strlen(pattern); /* the longer, the closer the match */
        if (!match(pattern, text, cap) || fixed <= best)
            continue;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(klen - slen - 1), key + slen + 1);
        const char *mine = labels_get(l, section, name);
        if (!mine)
            continue;
        best = fixed;
        said = mine;
        memcpy(best_cap, cap, sizeof cap);
    }
    if (!said)
        return;
    char vals[9][128];
    const char *keys[9] = {"1", "2", "3", "4", "5", "6", "7", "8", "9"}, *v[9];
    for (int k = 0; k < 9; k++) {
        size_t n = best_cap[k][0] ? (size_t)(best_cap[k][1] - best_cap[k][0]) : 0;
        snprintf(vals[k], sizeof vals[k], "%.*s", (int)n, n ? best_cap[k][0] : "");
        v[k] = vals[k];
    }
    labels_fill(out, size, said, keys, v, 9);
}
