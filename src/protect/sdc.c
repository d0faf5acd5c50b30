/* sdc.c: the published counts and the sums that tie them, and the groups the sums make. */
#include "protect/sdc_impl.h"

#include <stdlib.h>
#include <string.h>

struct sdc *sdc_new(int k)
{
    struct sdc *s = calloc(1, sizeof *s);
    if (s)
        s->k = k;
    return s;
}

void sdc_free(struct sdc *s)
{
    if (!s)
        return;
    free(s->value);
    free(s->state);
    free(s->role);
    free(s->frozen);
    free(s->rel);
    free(s->rv);
    free(s);
}

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap)
        return true;
    size_t c = *cap ? *cap : 64;
    while (c < need)
        c *= 2;
    void *q = realloc(*p, c * size);
    if (!q)
        return false;
    *p = q;
    *cap = c;
    return true;
}

long sdc_var(struct sdc *s, uint64_t value, enum sdc_role role)
{
    if (s->n == s->cap) {
        size_t c = s->cap ? s->cap * 2 : 256;
        uint64_t *v = realloc(s->value, c * sizeof *v);
        if (v)
            s->value = v;
        uint8_t *st = realloc(s->state, c);
        if (st)
            s->state = st;
        uint8_t *r = realloc(s->role, c);
        if (r)
            s->role = r;
        uint8_t *f = realloc(s->frozen, c);
        if (f)
            s->frozen = f;
        if (!v || !st || !r || !f)
            return -1;
        s->cap = c;
    }
    s->value[s->n] = value;
    s->state[s->n] = role == SDC_FREE || role == SDC_IMPLIED ? SDC_UNKNOWN : SDC_SHOWN;
    s->role[s->n] = (uint8_t)role;
    s->frozen[s->n] = 0;
    return (long)s->n++;
}

void sdc_freeze(struct sdc *s)
{
    for (size_t v = 0; v < s->n; v++)
        s->frozen[v] = published(s, v);
}

bool sdc_sum(struct sdc *s, long total, const long *parts, size_t n)
{
    if (n == 1 && parts[0] == total) /* one count seen twice (a region's own row) */
        return true;
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++) {
        if (parts[i] == total)
            return false;
        sum += s->value[parts[i]];
    }
    if (sum != s->value[total] && !s->loose)
        return false;
    if (!grow((void **)&s->rel, &s->relcap, s->nrel + 1, sizeof *s->rel) ||
        !grow((void **)&s->rv, &s->rvcap, s->nrv + n + 1, sizeof *s->rv))
        return false;
    s->rel[s->nrel++] = (struct rel){s->nrv, n + 1};
    s->rv[s->nrv++] = total;
    memcpy(s->rv + s->nrv, parts, n * sizeof *parts);
    s->nrv += n;
    return true;
}

size_t sdc_count(const struct sdc *s) { return s->n; }
uint64_t sdc_value(const struct sdc *s, long v) { return s->value[v]; }
enum sdc_state sdc_state(const struct sdc *s, long v) { return (enum sdc_state)s->state[v]; }
void sdc_hide(struct sdc *s, long v, enum sdc_state st) { s->state[v] = (uint8_t)st; }
void sdc_fix(struct sdc *s, long v, enum sdc_state st, int k)
{
    s->state[v] = (uint8_t)st;
    s->frozen[v] = (uint8_t)(k >= 2 && k <= 255 ? k : 1);
}
bool sdc_frozen(const struct sdc *s, long v) { return s->frozen[v]; }
int sdc_fixed_k(const struct sdc *s, long v) { return var_k(s, (size_t)v); }
void sdc_role(struct sdc *s, long v, enum sdc_role role)
{
    if (!published(s, (size_t)v) && role != SDC_FREE && role != SDC_IMPLIED &&
        s->state[v] == SDC_UNKNOWN)
        s->state[v] = SDC_SHOWN;
    s->role[v] = (uint8_t)role;
}

enum sdc_role sdc_role_of(const struct sdc *s, long v) { return (enum sdc_role)s->role[v]; }
void sdc_loose(struct sdc *s, bool loose) { s->loose = loose; }
void sdc_set_value(struct sdc *s, long v, uint64_t value) { s->value[v] = value; }

/* ---- structure: which counts the sums tie together ---------------------------------------- */

bool index_build(const struct sdc *s, struct index *x)
{
    x->start = calloc(s->n + 1, sizeof *x->start);
    x->ids = malloc((s->nrv ? s->nrv : 1) * sizeof *x->ids);
    if (!x->start || !x->ids)
        return false;
    for (size_t i = 0; i < s->nrv; i++)
        x->start[s->rv[i] + 1]++;
    for (size_t v = 0; v < s->n; v++)
        x->start[v + 1] += x->start[v];
    size_t *fill = malloc((s->n ? s->n : 1) * sizeof *fill);
    if (!fill)
        return false;
    memcpy(fill, x->start, s->n * sizeof *fill);
    for (size_t r = 0; r < s->nrel; r++)
        for (size_t i = 0; i < s->rel[r].len; i++)
            x->ids[fill[s->rv[s->rel[r].first + i]]++] = r;
    free(fill);
    return true;
}

void index_free(struct index *x)
{
    free(x->start);
    free(x->ids);
}


static size_t find(size_t *parent, size_t x)
{
    while (parent[x] != x)
        x = parent[x] = parent[parent[x]];
    return x;
}

void components(const struct sdc *s, size_t *comp)
{
    for (size_t v = 0; v < s->n; v++)
        comp[v] = v;
    for (size_t r = 0; r < s->nrel; r++) {
        size_t first = (size_t)-1;
        for (size_t i = 0; i < s->rel[r].len; i++) {
            size_t v = (size_t)s->rv[s->rel[r].first + i];
            if ((s->role[v] == SDC_MARGIN || s->frozen[v]) && s->state[v] == SDC_SHOWN)
                continue;
            if (first == (size_t)-1)
                first = v;
            else
                comp[find(comp, v)] = find(comp, first);
        }
    }
    for (size_t v = 0; v < s->n; v++)
        comp[v] = find(comp, v);
}


bool groups_build(const struct sdc *s, const size_t *comp, struct groups *g)
{
    g->mstart = calloc(s->n + 1, sizeof *g->mstart);
    g->members = malloc((s->n ? s->n : 1) * sizeof *g->members);
    size_t *fill = malloc((s->n ? s->n : 1) * sizeof *fill);
    if (!g->mstart || !g->members || !fill) {
        free(fill);
        return false;
    }
    for (size_t v = 0; v < s->n; v++)
        g->mstart[comp[v] + 1]++;
    for (size_t v = 0; v < s->n; v++)
        g->mstart[v + 1] += g->mstart[v];
    memcpy(fill, g->mstart, s->n * sizeof *fill);
    for (size_t v = 0; v < s->n; v++)
        g->members[fill[comp[v]]++] = v;
    free(fill);
    return true;
}

void groups_free(struct groups *g)
{
    free(g->mstart);
    free(g->members);
    g->mstart = g->members = NULL; /* freed twice is harmless (a failed rebuild) */
}
