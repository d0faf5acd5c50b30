/* indicator_rows.c: an indicator-shaped source's settings, and each group of its rows turned into records. */
#include "read/indicator_rows.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/intake.h"
#include "read/quality.h"
#include "read/schema.h"
#include "read/vocab.h"
#include "util/fold.h"
#include "util/strmap.h"
#include "util/grow.h"

static char *dup_trimmed(const char *s, size_t n)
{
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    return n ? strndup(s, n) : NULL;
}

const char *ir_setting(struct indicator_rows *ir, const char *name, const char *value)
{
    if (strcmp(name, "column") == 0) {
        free(ir->column);
        ir->column = dup_trimmed(value, strlen(value));
        return ir->column ? NULL : "needs a column name";
    }
    if (strcmp(name, "group") != 0)
        return "unknown key (known: column, group)";
    for (size_t i = 0; i < ir->ngroup; i++)
        free(ir->group[i]);
    ir->ngroup = 0;
    for (const char *s = value; *s;) {
        const char *e = strchr(s, ',');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char *col = dup_trimmed(s, n);
        if (col && ir->ngroup == IR_MAX_GROUP) {
            free(col);
            return "at most 8 group columns";
        }
        if (col)
            ir->group[ir->ngroup++] = col;
        s += n + (e != NULL);
    }
    return ir->ngroup ? NULL : "needs at least one column";
}

/* "female", "male", "female 0-5", "male 60+": *role and the slot's sex and band. */
static bool sex_meaning(const char *m, struct ir_slot *sl)
{
    static const char *const sexes[] = {"female", "male"};
    for (int s = 0; s < 2; s++) {
        size_t n = strlen(sexes[s]);
        if (strncmp(m, sexes[s], n) != 0 || (m[n] && m[n] != ' '))
            continue;
        sl->sex = (uint8_t)(s == 0 ? SEX_FEMALE : SEX_MALE);
        sl->role = IR_SEX;
        if (!m[n])
            return true;
        const char *b = m + n + 1;
        sl->role = IR_BAND;
        return age_parse(b, strlen(b), &sl->age) == AGE_OK && sl->age.lo >= 0;
    }
    return false;
}

/* The slot of an indicator, a new one (IR_NONE) when it has none yet; -1 with *why. */
static int slot_for(struct indicator_rows *ir, const char *indicator, const char **why)
{
    if (!ir->meaning && !(ir->meaning = strmap_new())) {
        *why = "out of memory";
        return -1;
    }
    struct buf key = {0};
    bool added = false;
    long e = fold_key(indicator, strlen(indicator), &key) && key.len
                 ? strmap_intern(ir->meaning, key.p, key.len, (uint32_t)ir->nslots, &added)
                 : -2;
    buf_free(&key);
    *why = e == -2 ? "the indicator has no letters or digits" : "out of memory";
    if (e < 0)
        return -1;
    if (!added)
        return (int)strmap_value(ir->meaning, e);
    if (ir->nslots == IR_MAX_SLOTS) { /* interned: the profile fails, nothing reads it */
        *why = "at most 128 indicators";
        return -1;
    }
    struct ir_slot *sl = &ir->slot[ir->nslots];
    memset(sl, 0, sizeof *sl);
    sl->role = IR_NONE;
    snprintf(sl->name, sizeof sl->name, "%s", indicator);
    return (int)ir->nslots++;
}

const char *ir_meaning(struct indicator_rows *ir, const char *indicator, const char *meaning)
{
    struct ir_slot sl = {0};
    snprintf(sl.name, sizeof sl.name, "%s", indicator);
    const char *colon = strchr(meaning, ':');
    if (strcmp(meaning, "cases") == 0) {
        sl.role = IR_CASES;
    } else if (strcmp(meaning, "victims") == 0) {
        sl.role = IR_VICTIMS;
    } else if (colon) {
        int f = field_find("exploitation");
        int code = vocab_find(fields[f].vocab, colon + 1);
        if ((size_t)(colon - meaning) != strlen("exploitation") ||
            strncmp(meaning, "exploitation", (size_t)(colon - meaning)) != 0 || code < 0)
            return "must be cases, victims, female, male, 'female 0-5' (a sex and an age "
                   "band) or exploitation:CODE";
        sl.role = IR_PART;
        sl.mask = code < vocabs[fields[f].vocab].ncodes ? (uint16_t)(1u << code) : 0;
    } else if (!sex_meaning(meaning, &sl)) {
        return "must be cases, victims, female, male, 'female 0-5' (a sex and an age band) "
               "or exploitation:CODE";
    }
    const char *why;
    int s = slot_for(ir, indicator, &why);
    if (s < 0)
        return why;
    if (ir->slot[s].role != IR_NONE)
        return "the indicator is given twice";
    ir->slot[s] = sl; /* a category's indicator may be given its meaning after it */
    return NULL;
}

bool ir_age_bands(const struct indicator_rows *ir, struct age_bands *out)
{
    struct age band[IR_MAX_SLOTS];
    size_t n = 0;
    for (size_t i = 0; i < ir->nslots; i++) {
        if (ir->slot[i].role != IR_BAND)
            continue;
        size_t k = 0; /* insertion in order of age, once each */
        while (k < n && band[k].lo < ir->slot[i].age.lo)
            k++;
        if (k < n && band[k].lo == ir->slot[i].age.lo && band[k].hi == ir->slot[i].age.hi)
            continue;
        memmove(band + k + 1, band + k, (n - k) * sizeof *band);
        band[k] = ir->slot[i].age;
        n++;
    }
    char spec[IR_MAX_SLOTS * 9] = "", why[128];
    size_t len = 0;
    for (size_t k = 0; k < n; k++) /* ages are 0..AGE_MAX: each band fits in 9 */
        len += (size_t)snprintf(spec + len, sizeof spec - len, "%s%d-%d", k ? "," : "",
                                band[k].lo, band[k].hi);
    return n && age_bands_parse(spec, out, why, sizeof why);
}

/* The category of that name, a new one when it has none yet; NULL with *why. */
static struct category *category_for(struct indicator_rows *ir, const char *name,
                                     const char **why)
{
    for (int i = 0; i < ir->cats.n; i++)
        if (!strcmp(ir->cats.c[i].name, name))
            return &ir->cats.c[i];
    *why = "a category's name is 1 to 31 lower-case letters, digits or _ ([category place])";
    size_t n = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_");
    if (!n || name[n] || n >= sizeof ir->cats.c[0].name)
        return NULL;
    *why = "at most 16 categories";
    if (ir->cats.n == CAT_MAX)
        return NULL;
    struct category *c = &ir->cats.c[ir->cats.n++];
    memset(c, 0, sizeof *c);
    snprintf(c->name, sizeof c->name, "%s", name);
    c->total = -1;
    return c;
}

const char *ir_category(struct indicator_rows *ir, const char *name, const char *key,
                        const char *value)
{
    const char *why;
    struct category *c = category_for(ir, name, &why);
    if (!c)
        return why;
    if (category_setting(c, key, value, &why))
        return why;
    bool total = !strcmp(value, "total");
    if (!total && c->nvalues == CAT_MAX_VALUES)
        return "at most 31 parts in a category";
    if (!total && (why = category_part(c, c->nvalues, value)))
        return why;
    int s = slot_for(ir, key, &why);
    if (s < 0)
        return why;
    for (int i = 0; i < c->nvalues; i++)
        if (c->slot[i] == s)
            return "the indicator is a part of the category already";
    if (total && c->total >= 0)
        return "the category has a total already";
    if (total) {
        c->total = s;
        snprintf(c->total_name, sizeof c->total_name, "%s", key);
    } else {
        c->slot[c->nvalues++] = s;
    }
    return NULL;
}

void ir_free(struct indicator_rows *ir)
{
    free(ir->column);
    for (size_t i = 0; i < ir->ngroup; i++)
        free(ir->group[i]);
    strmap_free(ir->meaning);
    memset(ir, 0, sizeof *ir);
}

/* A total and the sum of its parts disagree: a line at the total's row (or the group's first
 * parts' row when the total is missing). False when out of memory. */
static bool disagree(struct quality *q, int file, uint32_t line, const char *total, uint64_t t,
                     const char *what, uint64_t parts, const char *kept)
{
    char msg[256];
    snprintf(msg, sizeof msg, "%s is %llu but %s sum to %llu: %s", total, (unsigned long long)t,
             what, (unsigned long long)parts, kept);
    return dq_add(q, file, line, F_WEIGHT, total, strlen(total), DQ_KEPT_AS_UNKNOWN, msg);
}

static uint32_t clamp(uint64_t v)
{
    return v > UINT32_MAX ? UINT32_MAX : (uint32_t)v;
}

/* The slot of the first indicator with this role (and sex), or -1. */
static int slot_of(const struct indicator_rows *ir, int role, int sex)
{
    for (size_t i = 0; i < ir->nslots; i++)
        if (ir->slot[i].role == role && (role != IR_SEX || ir->slot[i].sex == sex))
            return (int)i;
    return -1;
}

/* The cases: one record per part (exploitation:CODE), the total's rest of unknown purpose. */
static bool flush_cases(const struct indicator_rows *ir, const struct ir_group *g, struct agg *a,
                        struct quality *q, int file, int *said)
{
    int t = slot_of(ir, IR_CASES, 0);
    uint64_t total = t >= 0 ? g->val[t] : 0, parts = 0;
    bool any = false;
    for (size_t i = 0; i < ir->nslots; i++)
        if (ir->slot[i].role == IR_PART && g->line[i]) {
            any = true;
            parts += g->val[i];
            struct case_rec c = g->c;
            c.exploitation = ir->slot[i].mask;
            c.weight = clamp(g->val[i]);
            if (c.weight)
                agg_case(a, &c);
        }
    struct case_rec c = g->c;
    c.exploitation = 0;
    c.weight = clamp(total > parts ? total - parts : 0);
    if (c.weight)
        agg_case(a, &c);
    if (!any || parts == total || t < 0 || !g->line[t])
        return true;
    *said = t;
    return disagree(q, file, g->line[t], ir->slot[t].name, total, "its parts", parts,
                    parts < total ? "the rest is counted as of unknown purpose"
                                  : "the parts are counted");
}

static void victim(struct agg *a, const struct case_rec *c, int sex, struct age age, uint64_t w)
{
    struct victim_rec v = {.sex = (uint8_t)sex, .age = age, .nationality = -1,
                           .id_document = YESNO_UNKNOWN, .weight = clamp(w)};
    if (v.weight)
        agg_victim(a, c, &v);
}

/* One sex's victims: each band, and what the subtotal holds beyond them as unknown age.
 * Returns the victims counted of that sex. */
static uint64_t flush_sex(const struct indicator_rows *ir, const struct ir_group *g, struct agg *a,
                          const struct case_rec *c, int sex, struct quality *q, int file,
                          bool *ok)
{
    int t = slot_of(ir, IR_SEX, sex);
    uint64_t sub = t >= 0 ? g->val[t] : 0, bands = 0;
    bool has_bands = false; /* the profile names bands of this sex */
    for (size_t i = 0; i < ir->nslots; i++) {
        if (ir->slot[i].role != IR_BAND || ir->slot[i].sex != sex)
            continue;
        has_bands = true;
        bands += g->val[i];
        victim(a, c, sex, ir->slot[i].age, g->val[i]);
    }
    struct age unknown = {-1, -1};
    victim(a, c, sex, unknown, sub > bands ? sub - bands : 0);
    if (has_bands && bands != sub && t >= 0 && g->line[t])
        *ok = *ok && disagree(q, file, g->line[t], ir->slot[t].name, sub, "its age bands", bands,
                              bands < sub ? "the rest is counted as of unknown age"
                                          : "the bands are counted");
    return sub > bands ? sub : bands;
}

/* Each category's parts, and what its total holds beyond them as unknown; a line where they
 * disagree, unless the total's disagreement was said already (the purposes of the cases). */
static bool flush_categories(const struct indicator_rows *ir, const struct ir_group *g,
                             struct agg *a, struct quality *q, int file, int said)
{
    for (int k = 0; k < ir->cats.n; k++) {
        const struct category *cat = &ir->cats.c[k];
        int t = cat->total;
        uint64_t total = t >= 0 ? g->val[t] : 0, parts = 0;
        bool any = false;
        for (int v = 0; v < cat->nvalues; v++)
            if (g->line[cat->slot[v]]) {
                any = true;
                parts += g->val[cat->slot[v]];
                agg_category(a, &g->c, k, v, g->val[cat->slot[v]]);
            }
        agg_category(a, &g->c, k, CAT_MAX_VALUES, total > parts ? total - parts : 0);
        if (any && t >= 0 && g->line[t] && parts != total && t != said &&
            !disagree(q, file, g->line[t], ir->slot[t].name, total, "its parts", parts,
                      parts < total ? "the rest is counted as unknown" : "the parts are counted"))
            return false;
    }
    return true;
}

/* One group's records and data-quality lines. */
static bool flush_group(const struct indicator_rows *ir, const struct ir_group *g,
                        struct agg *a, struct quality *q, int file)
{
    int said = -1; /* the cases total, when its disagreement with its purposes was said */
    bool ok = flush_cases(ir, g, a, q, file, &said) &&
              flush_categories(ir, g, a, q, file, said);
    /* Victims belong to the group, not to one purpose: their case record has none. */
    struct case_rec c = g->c;
    c.exploitation = 0;
    uint64_t sexes = flush_sex(ir, g, a, &c, SEX_FEMALE, q, file, &ok) +
                     flush_sex(ir, g, a, &c, SEX_MALE, q, file, &ok);
    int t = slot_of(ir, IR_VICTIMS, 0);
    uint64_t total = t >= 0 ? g->val[t] : 0;
    struct age unknown = {-1, -1};
    victim(a, &c, SEX_UNKNOWN, unknown, total > sexes ? total - sexes : 0);
    if (total != sexes && t >= 0 && g->line[t] && (slot_of(ir, IR_SEX, SEX_FEMALE) >= 0 ||
                                                   slot_of(ir, IR_SEX, SEX_MALE) >= 0))
        ok = ok && disagree(q, file, g->line[t], ir->slot[t].name, total, "the sexes", sexes,
                            sexes < total ? "the rest is counted as of unknown sex"
                                          : "the sexes are counted");
    return ok;
}

bool ir_flush(const struct indicator_rows *ir, const struct ir_groups *gs, struct agg *a,
              struct quality *q, int file)
{
    bool ok = true;
    for (size_t i = 0; ok && i < gs->n; i++)
        ok = flush_group(ir, &gs->g[i], a, q, file);
    return ok;
}

struct ir_group *ir_group_find(struct ir_groups *gs)
{
    long e = gs->index ? strmap_find(gs->index, gs->key.p, gs->key.len) : -1;
    return e < 0 ? NULL : &gs->g[strmap_value(gs->index, e)];
}

struct ir_group *ir_group_add(struct ir_groups *gs, const struct case_rec *c)
{
    if (!gs->index && !(gs->index = strmap_new()))
        return NULL;
    if (!grow((void **)&gs->g, &gs->cap, gs->n, sizeof *gs->g, 64))
        return NULL;
    if (strmap_intern(gs->index, gs->key.p, gs->key.len, (uint32_t)gs->n, NULL) < 0)
        return NULL;
    struct ir_group *g = &gs->g[gs->n++];
    memset(g, 0, sizeof *g);
    g->c = *c;
    return g;
}

void ir_groups_free(struct ir_groups *gs)
{
    strmap_free(gs->index);
    free(gs->g);
    buf_free(&gs->key);
    memset(gs, 0, sizeof *gs);
}
