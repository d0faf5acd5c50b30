/* profile.c: profile files read with inih; base profiles loaded first, loops refused. */
#include "read/profile.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/indicator_rows.h"
#include "util/buf.h"
#include "util/fold.h"
#include "util/inifile.h"
#include "util/strmap.h"

#define MAX_DEPTH 8

struct profile {
    char *name, *path;
    int header_rows;
    struct strmap *headers;           /* key -> field mask */
    struct strmap *values[V_COUNT];   /* key -> code | generation << 16 */
    struct strmap *indicators;        /* key -> field << 8 | code */
    int generation;                   /* of the file being read; canonical names are 0 */
    bool canonical_headers;           /* the contract's field names match as headers */
    char *constant[F_COUNT];          /* [constants]: the field's value for every row, or NULL */
    struct strmap *unknown[F_COUNT];  /* [unknown]: folded codes that mean "not known", or NULL */
    struct profile_filter *filters;   /* [filter], in the order written */
    size_t nfilters;
    struct attribution attr;          /* the last file's [attribution] that has one */
    int attr_generation;              /* of the file attr came from; 0: none yet */
    enum date_order dates;            /* how full dates are written */
    struct indicator_rows ir;         /* [indicator_rows], [indicator_values] */
};

struct reader {
    struct profile *p;
    const char *path;
    bool base_only; /* first pass: only find [profile] base (and whether headers inherit) */
    char base[512];
    bool canonical_no, inherit; /* this file's canonical_headers = no, inherit_headers = yes */
    struct tp_error *err;
    bool failed;
    struct buf key;
};

static int fail(struct reader *r, const char *fmt, const char *a, const char *b)
{
    if (!r->failed) {
        r->failed = true;
        char msg[600];
        snprintf(msg, sizeof msg, fmt, a, b);
        tp_fail(r->err, TP_ERR_PROFILE, NULL, 0, NULL, "%s", msg);
    }
    return 0;
}

/* Calls fn on each comma-separated, trimmed, non-empty item of list. */
static int each_item(struct reader *r, const char *list,
                     int (*fn)(struct reader *, const char *item, size_t n, void *), void *ctx)
{
    const char *s = list;
    while (*s) {
        while (*s == ' ' || *s == '\t' || *s == ',')
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        size_t n = (size_t)(e - s);
        while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
            n--;
        if (n && !fn(r, s, n, ctx))
            return 0;
        s = e;
    }
    return 1;
}

static bool fold(struct reader *r, const char *s, size_t n)
{
    return fold_key(s, n, &r->key) && r->key.len > 0;
}

static int add_header(struct reader *r, const char *s, size_t n, void *ctx)
{
    field_mask f = *(field_mask *)ctx;
    if (!fold(r, s, n))
        return fail(r, "header alias '%s' has no letters or digits%s", s, "");
    long e = strmap_intern(r->p->headers, r->key.p, r->key.len, 0, NULL);
    if (e < 0)
        return fail(r, "out of memory%s%s", "", "");
    strmap_set(r->p->headers, e, strmap_value(r->p->headers, e) | f);
    return 1;
}

struct value_ctx {
    enum vocab_id v;
    int code;
    const char *code_name;
};

static int put_value(struct profile *p, enum vocab_id v, const char *key, size_t n, int code,
                     int *clash)
{
    bool added;
    long e = strmap_intern(p->values[v], key, n, 0, &added);
    if (e < 0)
        return -1;
    uint32_t old = strmap_value(p->values[v], e);
    if (!added && (int)(old >> 16) == p->generation && (int)(old & 0xFFFF) != code) {
        *clash = (int)(old & 0xFFFF);
        return 0;
    }
    strmap_set(p->values[v], e, (uint32_t)code | (uint32_t)p->generation << 16);
    return 1;
}

static int add_value(struct reader *r, const char *s, size_t n, void *ctx)
{
    struct value_ctx *vc = ctx;
    if (!fold(r, s, n))
        return fail(r, "value alias '%s' has no letters or digits%s", s, "");
    int clash;
    int k = put_value(r->p, vc->v, r->key.p, r->key.len, vc->code, &clash);
    if (k < 0)
        return fail(r, "out of memory%s%s", "", "");
    if (k == 0) {
        char what[300];
        snprintf(what, sizeof what, "'%.*s' already means '%s'", (int)n, s,
                 vocab_code_name(vc->v, clash));
        return fail(r, "%s in [%s]", what, vocabs[vc->v].name);
    }
    return 1;
}

/* ---- header inheritance ------------------------------------------------------------------ */

/* First pass, [profile]: a file that names only its own headers (canonical_headers = no) drops
 * its base's header aliases, unless it says inherit_headers = yes. */
static int first_pass_headers(struct reader *r, const char *name, const char *value)
{
    if (strcmp(name, "canonical_headers") == 0) {
        r->canonical_no = strcmp(value, "no") == 0;
    } else if (strcmp(name, "inherit_headers") == 0) {
        if (strcmp(value, "yes") && strcmp(value, "no"))
            return fail(r, "inherit_headers must be yes or no, not '%s'%s", value, "");
        r->inherit = value[0] == 'y';
    }
    return 1;
}

/* ---- [constants], [unknown], [filter] ------------------------------------------------------ */

/* [constants] field = value: every row of the file has this value (its column is not read). */
static int add_constant(struct reader *r, const char *name, const char *value)
{
    int f = field_find(name);
    if (f < 0)
        return fail(r, "unknown field '%s' in [constants]%s", name, "");
    if (!value[0])
        return fail(r, "constant '%s' has no value%s", name, "");
    free(r->p->constant[f]);
    if (!(r->p->constant[f] = strdup(value)))
        return fail(r, "out of memory%s%s", "", "");
    return 1;
}

static int put_key(struct reader *r, const char *s, size_t n, void *ctx)
{
    struct strmap *m = ctx;
    if (!fold(r, s, n))
        return fail(r, "'%s' has no letters or digits%s", s, "");
    if (strmap_intern(m, r->key.p, r->key.len, 0, NULL) < 0)
        return fail(r, "out of memory%s%s", "", "");
    return 1;
}

/* [unknown] field = code, code: values of the field that mean "not known" (no warning). */
static int add_unknown(struct reader *r, const char *name, const char *value)
{
    int f = field_find(name);
    if (f < 0)
        return fail(r, "unknown field '%s' in [unknown]%s", name, "");
    if (!r->p->unknown[f] && !(r->p->unknown[f] = strmap_new()))
        return fail(r, "out of memory%s%s", "", "");
    return each_item(r, value, put_key, r->p->unknown[f]);
}

/* [filter] column = value, value: only rows whose column holds one of the values are read. */
static int add_filter(struct reader *r, const char *name, const char *value)
{
    struct profile *p = r->p;
    if (!fold(r, name, strlen(name)))
        return fail(r, "filter column '%s' has no letters or digits%s", name, "");
    struct profile_filter *nf = realloc(p->filters, (p->nfilters + 1) * sizeof *nf);
    if (!nf)
        return fail(r, "out of memory%s%s", "", "");
    p->filters = nf;
    struct profile_filter *pf = &p->filters[p->nfilters];
    memset(pf, 0, sizeof *pf);
    pf->column = strdup(name);
    pf->key = strndup(r->key.p, r->key.len);
    pf->path = strdup(r->path);
    pf->line = inifile_line_of(r->path, "filter", name);
    pf->values = strmap_new();
    p->nfilters++;
    if (!pf->column || !pf->key || !pf->path || !pf->values)
        return fail(r, "out of memory%s%s", "", "");
    pf->keylen = r->key.len;
    if (!each_item(r, value, put_key, pf->values))
        return 0;
    if (!strmap_count(pf->values))
        return fail(r, "filter '%s' lists no value%s", name, "");
    return 1;
}

/* One word of [attribution] gives: what the source gives (count/gives.h). */
static int put_given(struct reader *r, const char *item, size_t n, void *ctx)
{
    char word[32];
    snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), item);
    unsigned bit = n < sizeof word ? gives_bit(word) : 0;
    if (!bit)
        return fail(r, "gives: '%s' is not a thing a source gives (known: %s)", word,
                    gives_words());
    *(unsigned *)ctx |= bit;
    return 1;
}

/* [attribution] gives = cases, year, region: what the source gives; the documents leave out
 * the rest (not said: everything). */
static int gives_line(struct reader *r, const char *value)
{
    unsigned gives = 0;
    if (!each_item(r, value, put_given, &gives))
        return 0;
    if (!(gives & (GIVES_CASES | GIVES_VICTIMS | GIVES_SUSPECTS)))
        return fail(r, "gives: name what the source counts: cases, victims or suspects%s%s",
                    "", "");
    r->p->attr.gives = gives;
    return 1;
}

/* [attribution]: a file that has the section replaces its base's attribution as a whole. */
static int attribution_line(struct reader *r, const char *name, const char *value)
{
    struct profile *p = r->p;
    if (p->attr_generation != p->generation) {
        attribution_clear(&p->attr);
        p->attr_generation = p->generation;
    }
    if (!strcmp(name, "gives"))
        return gives_line(r, value);
    char msg[300];
    if (!attribution_set(&p->attr, name, value, msg, sizeof msg))
        return fail(r, "%s%s", msg, "");
    return 1;
}

/* [profile] dates = day-first | month-first | iso. 1: the key was this one (done or failed);
 * 0: another key. */
static int dates_key(struct reader *r, const char *name, const char *value)
{
    static const char *const orders[] = {[DATES_DAY_FIRST] = "day-first",
                                         [DATES_MONTH_FIRST] = "month-first",
                                         [DATES_ISO] = "iso"};
    if (strcmp(name, "dates") != 0)
        return 0;
    for (int o = 0; o < 3; o++)
        if (!strcmp(value, orders[o])) {
            r->p->dates = (enum date_order)o;
            return 1;
        }
    fail(r, "dates must be day-first, month-first or iso, not '%s'%s", value, "");
    return 1;
}

/* [indicator_rows], [indicator_values] and [category NAME]: an indicator-shaped source
 * (indicator_rows.h) and its own categories (category.h). */
static int indicator_rows_line(struct reader *r, const char *section, const char *name,
                               const char *value)
{
    const char *why = section[0] == 'c'    ? ir_category(&r->p->ir, section + 9, name, value)
                      : section[10] == 'r' ? ir_setting(&r->p->ir, name, value)
                                           : ir_meaning(&r->p->ir, name, value);
    if (!why)
        return 1;
    char where[256];
    snprintf(where, sizeof where, "[%s] '%s'", section, name);
    return fail(r, "%s: %s", where, why);
}

static int handler(void *user, const char *section, const char *name, const char *value)
{
    struct reader *r = user;
    if (r->failed)
        return 1; /* keep the first message; inih goes on reading */
    bool is_profile = strcmp(section, "profile") == 0;
    if (r->base_only) {
        if (is_profile && strcmp(name, "base") == 0)
            snprintf(r->base, sizeof r->base, "%s", value);
        return is_profile ? first_pass_headers(r, name, value) : 1;
    }
    struct profile *p = r->p;
    if (is_profile) {
        if (strcmp(name, "name") == 0) {
            free(p->name);
            p->name = strdup(value);
        } else if (strcmp(name, "header_rows") == 0) {
            char *end;
            long v = strtol(value, &end, 10);
            if (*end || v < 1 || v > 10)
                return fail(r, "header_rows must be a number from 1 to 10, not '%s'%s", value, "");
            p->header_rows = (int)v;
        } else if (strcmp(name, "canonical_headers") == 0) {
            if (strcmp(value, "yes") && strcmp(value, "no"))
                return fail(r, "canonical_headers must be yes or no, not '%s'%s", value, "");
            p->canonical_headers = value[0] == 'y';
        } else if (strcmp(name, "base") != 0 && strcmp(name, "description") != 0 &&
                   strcmp(name, "inherit_headers") != 0 && !dates_key(r, name, value)) {
            return fail(r, "unknown key '%s' in [profile] (known: name, description, "
                           "header_rows, base, canonical_headers, inherit_headers, dates)%s",
                        name, "");
        }
        return !r->failed;
    }
    if (strcmp(section, "headers") == 0) {
        int f = field_find(name);
        if (f < 0)
            return fail(r, "unknown field '%s' in [headers]%s", name, "");
        field_mask m = (field_mask)1 << f;
        return each_item(r, value, add_header, &m);
    }
    if (strcmp(section, "indicators") == 0) {
        const char *colon = strchr(value, ':');
        char fname[64];
        snprintf(fname, sizeof fname, "%.*s", colon ? (int)(colon - value) : (int)strlen(value),
                 value);
        int f = field_find(fname);
        if (!colon || f < 0 || fields[f].type != T_VOCAB || !vocabs[fields[f].vocab].multi)
            return fail(r, "indicator '%s' must name a multi-valued field and a code, as "
                           "exploitation:sexual, not '%s'", name, value);
        int code = vocab_find(fields[f].vocab, colon + 1);
        if (code < 0 || code >= vocabs[fields[f].vocab].ncodes)
            return fail(r, "indicator '%s': '%s' is not a code of that field", name, colon + 1);
        if (!fold(r, name, strlen(name)))
            return fail(r, "indicator column '%s' has no letters or digits%s", name, "");
        if (strmap_intern(p->indicators, r->key.p, r->key.len, (uint32_t)(f << 8 | code), NULL) < 0)
            return fail(r, "out of memory%s%s", "", "");
        return 1;
    }
    if (strcmp(section, "constants") == 0)
        return add_constant(r, name, value);
    if (strcmp(section, "unknown") == 0)
        return add_unknown(r, name, value);
    if (strcmp(section, "filter") == 0)
        return add_filter(r, name, value);
    if (strcmp(section, "attribution") == 0)
        return attribution_line(r, name, value);
    if (strcmp(section, "indicator_rows") == 0 || strcmp(section, "indicator_values") == 0)
        return indicator_rows_line(r, section, name, value);
    if (strncmp(section, "category ", 9) == 0)
        return indicator_rows_line(r, section, name, value);
    const struct vocab *v = vocab_by_name(section);
    if (v) {
        struct value_ctx vc = {(enum vocab_id)(v - vocabs), vocab_find((enum vocab_id)(v - vocabs), name), name};
        if (vc.code < 0)
            return fail(r, "'%s' is not a code of [%s]", name, section);
        return each_item(r, value, add_value, &vc);
    }
    return fail(r, "unknown section [%s]%s", section, "");
}

static void resolve(const char *spec, const char *templates, char *out, size_t size)
{
    size_t n = strlen(spec);
    if (strchr(spec, '/') || (n > 4 && strcmp(spec + n - 4, ".ini") == 0))
        snprintf(out, size, "%s", spec);
    else
        snprintf(out, size, "%s/profiles/%s.ini", templates, spec);
}

static int load_file(struct profile *p, const char *spec, const char *templates,
                     char chain[][1024], int depth, struct tp_error *err)
{
    char path[1024];
    resolve(spec, templates, path, sizeof path);
    for (int i = 0; i < depth; i++)
        if (strcmp(chain[i], path) == 0) {
            char loop[1200] = "";
            for (int k = i; k < depth; k++) {
                strncat(loop, chain[k], sizeof loop - strlen(loop) - 1);
                strncat(loop, " -> ", sizeof loop - strlen(loop) - 1);
            }
            strncat(loop, path, sizeof loop - strlen(loop) - 1);
            return tp_fail(err, TP_ERR_PROFILE, chain[depth - 1], 0, NULL,
                           "base profiles loop: %s", loop);
        }
    if (depth == MAX_DEPTH)
        return tp_fail(err, TP_ERR_PROFILE, path, 0, NULL, "more than %d base profiles",
                       MAX_DEPTH);
    snprintf(chain[depth], 1024, "%s", path);
    FILE *f = fopen(path, "r");
    if (!f) {
        if (depth == 0 && !strchr(spec, '/'))
            return tp_fail(err, TP_ERR_PROFILE, NULL, 0, NULL,
                           "no profile '%s' (looked for %s)", spec, path);
        return tp_fail(err, TP_ERR_PROFILE, path, 0, NULL, "cannot open profile: %s",
                       strerror(errno));
    }
    fclose(f);
    /* First pass: only the base, which must be loaded before this file's own mappings. */
    struct reader r = {.p = p, .path = path, .base_only = true, .err = err};
    enum tp_err rc = inifile_read(path, handler, &r, TP_ERR_PROFILE, err);
    if (rc == TP_OK && r.base[0])
        rc = load_file(p, r.base, templates, chain, depth + 1, err);
    if (rc == TP_OK && r.canonical_no && !r.inherit && r.base[0]) {
        strmap_free(p->headers); /* the base's aliases: this file names its own */
        if (!(p->headers = strmap_new()))
            rc = tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    if (rc == TP_OK) {
        p->generation++;
        r.base_only = false;
        rc = inifile_read(path, handler, &r, TP_ERR_PROFILE, err);
    }
    buf_free(&r.key);
    return rc;
}

struct profile *profile_load(const char *spec, const char *templates, struct tp_error *err)
{
    struct profile *p = calloc(1, sizeof *p);
    if (!p) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    p->header_rows = 1;
    bool ok = (p->headers = strmap_new()) && (p->indicators = strmap_new());
    for (int v = 0; ok && v < V_COUNT; v++)
        ok = (p->values[v] = strmap_new()) != NULL;
    /* Canonical codes always match (generation 0); canonical field names unless the
     * profile says canonical_headers = no (added after the files, below). */
    p->canonical_headers = true;
    struct buf key = {0};
    for (int v = 0; ok && v < V_COUNT; v++)
        for (int c = 0; ok && c <= vocabs[v].ncodes; c++) { /* ncodes: "unknown" */
            int clash;
            const char *code = vocab_code_name((enum vocab_id)v, c);
            ok = fold_key(code, strlen(code), &key) &&
                 put_value(p, (enum vocab_id)v, key.p, key.len, c, &clash) > 0;
        }
    if (!ok) {
        buf_free(&key);
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        profile_free(p);
        return NULL;
    }
    char chain[MAX_DEPTH][1024];
    if (load_file(p, spec, templates, chain, 0, err) != TP_OK) {
        buf_free(&key);
        profile_free(p);
        return NULL;
    }
    for (int f = 0; ok && p->canonical_headers && f < F_COUNT; f++) {
        ok = fold_key(fields[f].name, strlen(fields[f].name), &key);
        long e = ok ? strmap_intern(p->headers, key.p, key.len, 0, NULL) : -1;
        ok = e >= 0;
        if (ok)
            strmap_set(p->headers, e, strmap_value(p->headers, e) | (field_mask)1 << f);
    }
    buf_free(&key);
    if (!ok) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        profile_free(p);
        return NULL;
    }
    p->path = strdup(chain[0]);
    if (!p->name) {
        const char *b = strrchr(chain[0], '/');
        b = b ? b + 1 : chain[0];
        p->name = strndup(b, strcspn(b, "."));
    }
    /* No [attribution] in the chain: the documents name the profile. */
    char msg[300];
    bool named = !p->name || !p->name[0] || attribution_text(&p->attr, ATTR_NAME, "", NULL) ||
                 attribution_set(&p->attr, "name", p->name, msg, sizeof msg);
    if (!p->path || !p->name || !named) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        profile_free(p);
        return NULL;
    }
    return p;
}

void profile_free(struct profile *p)
{
    if (!p)
        return;
    strmap_free(p->headers);
    strmap_free(p->indicators);
    ir_free(&p->ir);
    attribution_clear(&p->attr);
    for (int v = 0; v < V_COUNT; v++)
        strmap_free(p->values[v]);
    for (int f = 0; f < F_COUNT; f++) {
        free(p->constant[f]);
        strmap_free(p->unknown[f]);
    }
    for (size_t i = 0; i < p->nfilters; i++) {
        free(p->filters[i].column);
        free(p->filters[i].key);
        free(p->filters[i].path);
        strmap_free(p->filters[i].values);
    }
    free(p->filters);
    free(p->name);
    free(p->path);
    free(p);
}

const char *profile_name(const struct profile *p) { return p->name; }
const char *profile_path(const struct profile *p) { return p->path; }
int profile_header_rows(const struct profile *p) { return p->header_rows; }
const struct attribution *profile_attribution(const struct profile *p) { return &p->attr; }
enum date_order profile_dates(const struct profile *p) { return p->dates; }

field_mask profile_header(const struct profile *p, const char *key, size_t n)
{
    long e = strmap_find(p->headers, key, n);
    return e < 0 ? 0 : strmap_value(p->headers, e);
}

bool profile_indicator(const struct profile *p, const char *key, size_t n, int *field, int *code)
{
    long e = strmap_find(p->indicators, key, n);
    if (e < 0)
        return false;
    uint32_t v = strmap_value(p->indicators, e);
    *field = (int)(v >> 8);
    *code = (int)(v & 0xFF);
    return true;
}

int profile_value(const struct profile *p, enum vocab_id v, const char *key, size_t n)
{
    long e = strmap_find(p->values[v], key, n);
    return e < 0 ? -1 : (int)(strmap_value(p->values[v], e) & 0xFFFF);
}

const char *profile_constant(const struct profile *p, int field) { return p->constant[field]; }

bool profile_has_unknown(const struct profile *p, int field) { return p->unknown[field] != NULL; }

size_t profile_unknown_longest(const struct profile *p, int field)
{
    const struct strmap *m = p->unknown[field];
    size_t longest = 0, len;
    for (size_t e = 0; m && e < strmap_count(m); e++)
        if (strmap_key(m, (long)e, &len) && len > longest)
            longest = len;
    return longest;
}

bool profile_unknown(const struct profile *p, int field, const char *key, size_t n)
{
    return p->unknown[field] && strmap_find(p->unknown[field], key, n) >= 0;
}

size_t profile_nfilters(const struct profile *p) { return p->nfilters; }

const struct profile_filter *profile_filter(const struct profile *p, size_t i)
{
    return &p->filters[i];
}

bool profile_filter_keeps(const struct profile_filter *f, const char *key, size_t n)
{
    return strmap_find(f->values, key, n) >= 0;
}

const struct indicator_rows *profile_indicator_rows(const struct profile *p)
{
    return p->ir.column ? &p->ir : NULL;
}
