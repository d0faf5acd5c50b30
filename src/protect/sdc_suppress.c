/* sdc_suppress.c: which counts to hide: primary (the small ones), secondary (their protection). */
#include "protect/sdc_impl.h"

#include <stdlib.h>
#include <string.h>

void sdc_primary(struct sdc *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (published(s, i) && !s->frozen[i] && s->value[i] >= 1 &&
            s->value[i] < (uint64_t)s->k)
            s->state[i] = SDC_PRIMARY;
}

/* A count that could be hidden next, and how good a choice it is (smaller first). */
struct cand {
    long v;
    uint8_t cls; /* 0 a shown cell, 1 a shown margin, 2 a "<k" to show as "x", 3 a zero cell,
                    4 a zero margin */
    uint32_t level;
    uint64_t value;
};

static int cmp_cand(const void *a, const void *b)
{
    const struct cand *x = a, *y = b;
    if (x->cls != y->cls)
        return x->cls - y->cls;
    if (x->level != y->level)
        return x->level < y->level ? -1 : 1;
    if (x->value != y->value)
        return x->value < y->value ? -1 : 1;
    return (x->v > y->v) - (x->v < y->v);
}

#define TRIALS 12 /* candidates tried, best first, for each count worked out */

/* The counts that could protect pinned count v, best first (at most TRIALS): those reached
 * through the sums (v's own sums, then the sums of the hidden counts in them, ...), a shown
 * cell before a shown margin, the nearest, then the smallest. Then a "<k" shown as "x" (v
 * itself first): a count is worked out to a small number when "<k" around it, each at least
 * 1, fill a total, and an "x" (any value) undoes that where no hidden zero could. Zeros last:
 * zero stays zero unless nothing else serves. Frozen counts never. */
static size_t candidates(const struct sdc *s, const struct index *x, size_t v, bool *reached,
                         size_t *frontier, bool *rel_seen, size_t *rel_list, struct cand *out,
                         bool through_unknown)
{
    size_t nf = 1, head = 0, level = 0, nrl = 0, nc = 0, shown_cells = 0;
    frontier[0] = v;
    reached[v] = true;
    if (s->state[v] == SDC_PRIMARY && !s->frozen[v] && s->role[v] != SDC_IMPLIED)
        out[nc++] = (struct cand){(long)v, 2, 0, 0};
    while (head < nf && shown_cells < TRIALS) {
        size_t level_end = nf;
        for (; head < level_end; head++) {
            size_t u = frontier[head];
            for (size_t k = x->start[u]; k < x->start[u + 1]; k++) {
                size_t r = x->ids[k];
                if (rel_seen[r])
                    continue;
                rel_seen[r] = true;
                rel_list[nrl++] = r;
                const struct rel *rl = &s->rel[r];
                for (size_t i = 0; i < rl->len; i++) {
                    size_t w = (size_t)s->rv[rl->first + i];
                    if (reached[w])
                        continue;
                    if (s->state[w] != SDC_SHOWN) { /* hidden: leads on, frozen or not */
                        if (s->state[w] == SDC_UNKNOWN && !through_unknown)
                            continue;
                        reached[w] = true;
                        frontier[nf++] = w;
                        if (s->state[w] == SDC_PRIMARY && s->role[w] != SDC_IMPLIED &&
                            !s->frozen[w])
                            out[nc++] = (struct cand){(long)w, 2, (uint32_t)level + 1, 0};
                        continue;
                    }
                    if (s->frozen[w])
                        continue;
                    reached[w] = true; /* a shown count leads nowhere: hidden ones do */
                    uint8_t cls = s->value[w] ? (s->role[w] == SDC_CELL ? 0 : 1)
                                              : (s->role[w] == SDC_CELL ? 3 : 4);
                    out[nc++] = (struct cand){(long)w, cls, (uint32_t)level, s->value[w]};
                    shown_cells += cls == 0;
                }
            }
        }
        level++;
    }
    for (size_t i = 0; i < nf; i++)
        reached[frontier[i]] = false;
    for (size_t i = 0; i < nc; i++)
        reached[out[i].v] = false;
    for (size_t i = 0; i < nrl; i++)
        rel_seen[rel_list[i]] = false;
    qsort(out, nc, sizeof *out, cmp_cand);
    return nc < TRIALS ? nc : TRIALS;
}

/* Whether a count of the group of root can be worked out: its check, stopping at the first
 * such count (0: none; -1 on a failure). pin[] is left clear. */
static long any_pinned(const struct sdc *s, const struct index *x, const struct groups *g,
                       size_t root, struct scratch *w, bool *pin, size_t *lps)
{
    w->first = true;
    long r = check_group(s, x, g, root, w, NULL, pin, lps);
    w->first = false;
    for (size_t i = g->mstart[root]; i < g->mstart[root + 1]; i++)
        pin[g->members[i]] = false;
    return r;
}

enum { FOUND = 1, NONE = 0, SPENT = -1, FAILED = -2 };
#define SEARCH_SETS 50000 /* sets a search looks at, per group */

/* Tries every set of `size` counts of cand[] as the hidden ones of group root (its counts in
 * g), besides its primary ones; keeps in best[] the safe one with the fewest margins, then
 * the smallest values. With margins among them the groups change with the set, so they are
 * recomputed. Returns FOUND, NONE, SPENT (the budget ran out first) or FAILED. */
static int search(struct sdc *s, const struct index *x, const size_t *comp, size_t root,
                  const size_t *cand, size_t nc, size_t size, const size_t *rels, size_t nrels,
                  bool margins, size_t *best, struct scratch *w, struct sdc_stats *st,
                  size_t limit, size_t *sets)
{
    size_t idx[16];
    if (size > 16 || size > nc)
        return NONE;
    for (size_t i = 0; i < size; i++)
        idx[i] = i;
    bool *pin = calloc(s->n, 1);
    size_t *c2 = margins ? malloc(s->n * sizeof *c2) : NULL;
    struct groups g = {0}; /* without margins among the sets, the groups stay */
    if (!pin || (margins && !c2) || (!margins && !groups_build(s, comp, &g))) {
        free(pin);
        free(c2);
        groups_free(&g);
        return FAILED;
    }
    int result = NONE;
    uint64_t best_cost[2] = {0, 0};
    for (;;) {
        uint64_t cost[2] = {0, 0}; /* margins, values */
        for (size_t i = 0; i < size; i++) {
            size_t v = cand[idx[i]];
            s->state[v] = SDC_SECONDARY;
            cost[0] += s->role[v] == SDC_MARGIN;
            cost[1] += s->value[v];
        }
        if (result == NONE || cost[0] < best_cost[0] ||
            (cost[0] == best_cost[0] && cost[1] < best_cost[1])) {
            /* A sum with one "<k" and the rest shown gives it away: no LP needed. */
            bool plausible = true;
            for (size_t r = 0; r < nrels && plausible; r++) {
                const struct rel *rl = &s->rel[rels[r]];
                size_t unknown = 0, small = 0;
                for (size_t i = 0; i < rl->len && unknown < 2; i++) {
                    size_t v = (size_t)s->rv[rl->first + i];
                    unknown += s->state[v] != SDC_SHOWN;
                    small += s->state[v] == SDC_PRIMARY && s->role[v] != SDC_IMPLIED;
                }
                plausible = !(unknown == 1 && small == 1);
            }
            if (plausible) {
                long r;
                if (margins) {
                    memset(pin, 0, s->n);
                    components(s, c2);
                    r = check_all(s, x, c2, w, NULL, pin, &st->lps);
                } else {
                    r = any_pinned(s, x, &g, root, w, pin, &st->lps);
                }
                if (r < 0) {
                    result = FAILED;
                } else if (r == 0) {
                    result = FOUND;
                    best_cost[0] = cost[0];
                    best_cost[1] = cost[1];
                    for (size_t i = 0; i < size; i++)
                        best[i] = cand[idx[i]];
                }
            }
        }
        for (size_t i = 0; i < size; i++)
            s->state[cand[idx[i]]] = SDC_SHOWN;
        if (result == FAILED || st->lps > limit || ++*sets > SEARCH_SETS)
            break;
        size_t i = size; /* the next set, in order */
        while (i > 0 && idx[i - 1] == nc - size + i - 1)
            i--;
        if (i == 0)
            break;
        idx[i - 1]++;
        for (size_t j = i; j < size; j++)
            idx[j] = idx[j - 1] + 1;
    }
    if (result != FAILED && (st->lps > limit || *sets > SEARCH_SETS))
        result = SPENT; /* not every set was tried: a smaller one may exist */
    free(pin);
    free(c2);
    groups_free(&g);
    return result;
}

#define SEARCH_BUDGET 20000 /* linear programs for the proof of the fewest, per group */
#define SEARCH_CANDIDATES 40
#define SEARCH_MARGINS_MAX 4000 /* counts: beyond, a search that may hide margins is skipped */
#define SEARCH_SUMS_MAX 1000    /* sums of a group: beyond, each check costs too much to search */

/* "<3" + "<3" = "<3" can only be 1 + 1 = 2 (with k 3): when a small total's nonzero parts are
 * all small and k - 1 of them or more, they are shown as "x". */
static void small_sums(struct sdc *s, struct sdc_stats *st)
{
    for (size_t r = 0; r < s->nrel; r++) {
        const struct rel *rl = &s->rel[r];
        size_t total = (size_t)s->rv[rl->first], small = 0, other = 0;
        if (s->state[total] != SDC_PRIMARY)
            continue;
        for (size_t i = 1; i < rl->len; i++) {
            size_t v = (size_t)s->rv[rl->first + i];
            small += s->state[v] == SDC_PRIMARY;
            other += s->state[v] != SDC_PRIMARY && s->value[v];
        }
        if (small >= 2 && !other && small >= (size_t)s->k - 1)
            for (size_t i = 1; i < rl->len; i++) {
                size_t v = (size_t)s->rv[rl->first + i];
                if (s->state[v] == SDC_PRIMARY && !s->frozen[v]) {
                    s->state[v] = SDC_SECONDARY;
                    st->fallbacks++;
                }
            }
    }
}

/* Whether count v can still be worked out: the check of its group, for it alone. */
static long still_pinned(struct sdc *s, const struct index *x, size_t v, const size_t *comp,
                         size_t *comp2, struct groups *g, bool regroup, struct scratch *w,
                         bool *pin, size_t *lps)
{
    struct groups g2 = {0};
    if (regroup) { /* a margin hidden joins groups */
        components(s, comp2);
        if (!groups_build(s, comp2, &g2)) {
            groups_free(&g2);
            return -1;
        }
        g = &g2;
        comp = comp2;
    }
    bool *safe = w->safe; /* a trial's verdict holds for the trial alone */
    w->safe = NULL;
    w->only = (long)v;
    long r = check_group(s, x, g, comp[v], w, NULL, pin, lps);
    w->only = -1;
    w->safe = safe;
    bool p = pin[v];
    for (size_t i = g->mstart[comp[v]]; i < g->mstart[comp[v] + 1]; i++)
        pin[g->members[i]] = false;
    groups_free(&g2);
    return r < 0 ? -1 : p;
}

/* Queues every group with a count to check (pending, queued by root); returns how many. */
static size_t queue_groups(const struct sdc *s, const size_t *comp, bool *queued,
                           size_t *pending)
{
    size_t np = 0;
    for (size_t v = 0; v < s->n; v++)
        if (checked(s, v) && !queued[comp[v]]) {
            queued[comp[v]] = true;
            pending[np++] = comp[v];
        }
    return np;
}

/* The greedy's buffers, each [n] (or [nrel + 1]). */
struct greedy_bufs {
    size_t *comp, *pending, *frontier, *rel_list, *comp2;
    bool *pin, *queued, *reached, *rel_seen, *safe;
    struct cand *cand;
};

/* Whether earlier releases' fixed counts alone let a reader work v out: with every count this
 * release may still hide hidden, v is still pinned (1), or not (0); -1 on a failure. */
static long given_alone(struct sdc *s, const struct index *x, size_t v, struct greedy_bufs *b,
                        struct scratch *w, size_t *lps)
{
    uint8_t *was = malloc(s->n ? s->n : 1);
    if (!was)
        return -1;
    memcpy(was, s->state, s->n);
    for (size_t u = 0; u < s->n; u++)
        if (published(s, u) && !s->frozen[u] && s->state[u] == SDC_SHOWN)
            s->state[u] = SDC_SECONDARY;
    struct groups g = {0};
    components(s, b->comp2);
    long r = groups_build(s, b->comp2, &g)
                 ? still_pinned(s, x, v, b->comp2, b->comp2, &g, false, w, b->pin, lps)
                 : -1;
    groups_free(&g);
    memcpy(s->state, was, s->n);
    free(was);
    return r;
}

static bool greedy_init(const struct sdc *s, struct greedy_bufs *b)
{
    size_t n1 = s->n ? s->n : 1;
    b->comp = malloc(n1 * sizeof *b->comp);
    b->pending = malloc(n1 * sizeof *b->pending);
    b->frontier = malloc(n1 * sizeof *b->frontier);
    b->rel_list = malloc((s->nrel + 1) * sizeof *b->rel_list);
    b->comp2 = malloc(n1 * sizeof *b->comp2);
    b->pin = calloc(n1, 1);
    b->queued = calloc(n1, 1);
    b->reached = calloc(n1, 1);
    b->rel_seen = calloc(s->nrel + 1, 1);
    b->safe = calloc(n1, 1);
    b->cand = malloc(n1 * sizeof *b->cand);
    return b->comp && b->pending && b->frontier && b->rel_list && b->comp2 && b->pin &&
           b->queued && b->reached && b->rel_seen && b->safe && b->cand;
}

static void greedy_free(struct greedy_bufs *b)
{
    free(b->comp);
    free(b->pending);
    free(b->frontier);
    free(b->rel_list);
    free(b->comp2);
    free(b->pin);
    free(b->queued);
    free(b->reached);
    free(b->rel_seen);
    free(b->safe);
    free(b->cand);
}

/* The count to hide for pinned count v: the first of its nc candidates that protects it
 * alone, else the best. A shown cell in a sum with v nearly always protects it: tried only
 * otherwise. -1 on a failure. */
static long choose(struct sdc *s, const struct index *x, size_t v, size_t nc,
                   struct greedy_bufs *b, struct groups *g, struct scratch *w, size_t *lps)
{
    const struct cand *cand = b->cand;
    for (size_t i = 0; nc > 1 && cand[0].cls != 0 && i < nc; i++) {
        size_t c = (size_t)cand[i].v;
        uint8_t was = s->state[c];
        s->state[c] = SDC_SECONDARY;
        long p = still_pinned(s, x, v, b->comp, b->comp2, g,
                              s->role[c] == SDC_MARGIN && was == SDC_SHOWN, w, b->pin, lps);
        s->state[c] = was;
        if (p < 0)
            return -1;
        if (!p)
            return (long)c;
    }
    return cand[0].v;
}

/* Greedy: while a count of a group can be worked out, hide one more for it (choose()), and
 * check that group again (only it: the others did not change, unless a margin joined them).
 * Each round hides one more count or shows a "<k" as "x", so this ends. */
static bool greedy(struct sdc *s, const struct index *x, struct scratch *w, struct sdc_stats *st)
{
    size_t n1 = s->n ? s->n : 1;
    struct greedy_bufs b = {0};
    struct groups g = {0};
    bool ok = greedy_init(s, &b);
    w->safe = b.safe;
    size_t np = 0;
    if (ok) {
        components(s, b.comp);
        ok = groups_build(s, b.comp, &g);
        np = ok ? queue_groups(s, b.comp, b.queued, b.pending) : 0;
    }
    while (ok && np) {
        size_t root = b.pending[--np];
        b.queued[root] = false;
        w->first = true;
        long r = check_group(s, x, &g, root, w, NULL, b.pin, &st->lps);
        w->first = false;
        if (r <= 0) {
            ok = r == 0;
            continue;
        }
        size_t v = (size_t)-1;
        for (size_t i = g.mstart[root]; i < g.mstart[root + 1]; i++) {
            size_t u = g.members[i];
            if (b.pin[u] && v == (size_t)-1)
                v = u;
            b.pin[u] = false;
        }
        size_t nc = candidates(s, x, v, b.reached, b.frontier, b.rel_seen, b.rel_list, b.cand,
                               false);
        /* nc == 0: a count worked out with nothing left to hide: earlier releases gave it, or
         * it is tied to what this release prints through counts no one printed (a piece of
         * two periods): the search goes on through those (slower, so only then). */
        if (!nc) {
            long given = given_alone(s, x, v, &b, w, &st->lps);
            if (given == 1) {
                s->frozen[v] = FROZEN_GIVEN;
                st->given++;
                b.queued[b.comp[v]] = true;
                b.pending[np++] = b.comp[v];
                continue;
            }
            if (given == 0)
                nc = candidates(s, x, v, b.reached, b.frontier, b.rel_seen, b.rel_list, b.cand,
                                true);
        }
        long h = nc ? choose(s, x, v, nc, &b, &g, w, &st->lps) : -1;
        if (h < 0) {
            ok = false;
            break;
        }
        bool regroup = s->role[h] == SDC_MARGIN && s->state[h] == SDC_SHOWN;
        s->state[h] = SDC_SECONDARY;
        st->fallbacks += s->value[h] < (uint64_t)s->k;
        if (regroup || b.comp[h] != b.comp[v]) { /* groups joined: on from fresh ones */
            components(s, b.comp);
            groups_free(&g);
            ok = groups_build(s, b.comp, &g);
            memset(b.queued, 0, n1);
            np = ok ? queue_groups(s, b.comp, b.queued, b.pending) : 0;
        } else if (!b.queued[b.comp[v]]) {
            b.queued[b.comp[v]] = true;
            b.pending[np++] = b.comp[v];
        }
    }
    groups_free(&g);
    greedy_free(&b);
    w->safe = NULL;
    return ok;
}

/* Order of the counts prune tries to show again: smaller first. */
struct undo {
    size_t v;
    int cls; /* 0 a zero, 1 a "<k" shown as "x", 2 a total, 3 a cell */
};

static const struct sdc *undo_s; /* for the comparison: qsort has no context */

static int cmp_undo(const void *a, const void *b)
{
    const struct undo *x = a, *y = b;
    if (x->cls != y->cls)
        return x->cls - y->cls;
    uint64_t vx = undo_s->value[x->v], vy = undo_s->value[y->v];
    if (vx != vy)
        return vx > vy ? -1 : 1; /* the largest first: it says most */
    return (x->v > y->v) - (x->v < y->v);
}

/* Whether no count of the groups of the members of old group root (under comp2 / g2) can be
 * worked out. */
static long groups_safe(const struct sdc *s, const struct index *x, const struct groups *old,
                        size_t root, const size_t *comp2, const struct groups *g2,
                        struct scratch *w, bool *pin, bool *done, size_t *lps)
{
    long bad = 0;
    for (size_t i = old->mstart[root]; i < old->mstart[root + 1] && !bad; i++) {
        size_t r = comp2[old->members[i]];
        if (done[r])
            continue;
        done[r] = true;
        bad = any_pinned(s, x, g2, r, w, pin, lps);
    }
    for (size_t i = old->mstart[root]; i < old->mstart[root + 1]; i++)
        done[comp2[old->members[i]]] = false;
    return bad;
}

#define PRUNE_BUDGET 10000 /* linear programs for showing counts again, per protection */

/* After the greedy, a count it hid early may protect nothing once later ones are hidden: each
 * is shown again (a "<k" made "x" back to "<k") when nothing can then be worked out. Zeros
 * first (an "x" on a zero says least), then "<k", then totals, then the largest cells, while
 * the budget lasts (each try checks the whole group). */
static bool prune(struct sdc *s, const struct index *x, struct scratch *w, struct sdc_stats *st)
{
    size_t n1 = s->n ? s->n : 1;
    struct undo *list = malloc(n1 * sizeof *list);
    size_t *comp = malloc(n1 * sizeof *comp), *comp2 = malloc(n1 * sizeof *comp2);
    bool *pin = calloc(n1, 1), *done = calloc(n1, 1);
    struct groups g = {0}, g2 = {0};
    bool ok = list && comp && comp2 && pin && done;
    size_t nl = 0;
    for (size_t v = 0; ok && v < s->n; v++)
        if (s->state[v] == SDC_SECONDARY && !s->frozen[v] && published(s, v))
            list[nl++] = (struct undo){v, s->value[v] == 0                  ? 0
                                          : s->value[v] < (uint64_t)s->k ? 1
                                          : s->role[v] == SDC_MARGIN     ? 2
                                                                         : 3};
    if (ok) {
        undo_s = s;
        qsort(list, nl, sizeof *list, cmp_undo);
        components(s, comp);
        ok = groups_build(s, comp, &g);
    }
    size_t limit = st->lps + PRUNE_BUDGET;
    for (size_t i = 0; ok && i < nl && st->lps < limit; i++) {
        size_t v = list[i].v;
        size_t root = comp[v];
        bool small = list[i].cls == 1;
        s->state[v] = small ? SDC_PRIMARY : SDC_SHOWN;
        /* A total shown is a constant: it may split its group. */
        bool split = !small && s->role[v] == SDC_MARGIN;
        long bad;
        if (split) {
            components(s, comp2);
            groups_free(&g2);
            ok = groups_build(s, comp2, &g2);
            bad = ok ? groups_safe(s, x, &g, root, comp2, &g2, w, pin, done, &st->lps) : -1;
        } else {
            bad = any_pinned(s, x, &g, root, w, pin, &st->lps);
        }
        if (bad < 0) {
            ok = false;
        } else if (bad > 0) {
            s->state[v] = SDC_SECONDARY;
        } else if (split) { /* on with the new groups */
            memcpy(comp, comp2, n1 * sizeof *comp);
            groups_free(&g);
            g = g2;
            g2 = (struct groups){0};
        }
    }
    groups_free(&g);
    groups_free(&g2);
    free(list);
    free(comp);
    free(comp2);
    free(pin);
    free(done);
    return ok;
}

/* One group's scope for the search for fewer, and its buffers ([n], or [nrel + 1]). */
struct fewer {
    bool *is_member, *rel_seen;
    size_t *members, *rels; /* the group's counts and the margins of its sums; those sums */
    size_t *greedy_set;     /* the greedy's secondary counts among them */
    size_t *cand;           /* the counts that could be hidden instead (nonzero, published) */
    size_t nm, nr, ng, nc;
    bool fallback, margins; /* the greedy hid a small count, a margin */
};

static bool fewer_init(const struct sdc *s, struct fewer *f)
{
    size_t n1 = s->n ? s->n : 1;
    f->is_member = calloc(n1, 1);
    f->rel_seen = calloc(s->nrel + 1, 1);
    f->cand = malloc(n1 * sizeof *f->cand);
    f->greedy_set = malloc(n1 * sizeof *f->greedy_set);
    f->members = malloc(n1 * sizeof *f->members);
    f->rels = malloc((s->nrel + 1) * sizeof *f->rels);
    return f->is_member && f->rel_seen && f->cand && f->greedy_set && f->members && f->rels;
}

static void fewer_free(struct fewer *f)
{
    free(f->is_member);
    free(f->rel_seen);
    free(f->cand);
    free(f->greedy_set);
    free(f->members);
    free(f->rels);
}

/* Fills f with the scope of the group of root. */
static void fewer_scope(const struct sdc *s, const struct index *x, const struct groups *g,
                        size_t root, struct fewer *f)
{
    size_t n1 = s->n ? s->n : 1;
    f->nm = f->nr = f->nc = f->ng = 0;
    for (size_t i = g->mstart[root]; i < g->mstart[root + 1]; i++) {
        size_t v = g->members[i];
        f->is_member[v] = true;
        f->members[f->nm++] = v;
    }
    for (size_t i = 0; i < g->mstart[root + 1] - g->mstart[root]; i++) {
        size_t v = f->members[i];
        for (size_t k = x->start[v]; k < x->start[v + 1]; k++) {
            size_t r = x->ids[k];
            if (f->rel_seen[r])
                continue;
            f->rel_seen[r] = true;
            f->rels[f->nr++] = r;
            for (size_t j = 0; j < s->rel[r].len; j++) {
                size_t u = (size_t)s->rv[s->rel[r].first + j];
                if (!f->is_member[u]) {
                    f->is_member[u] = true;
                    f->members[f->nm++] = u;
                }
            }
        }
    }
    f->fallback = f->margins = false;
    for (size_t i = 0; i < f->nm; i++) {
        size_t v = f->members[i];
        if (!published(s, v) || s->state[v] == SDC_PRIMARY || s->frozen[v])
            continue;
        if (s->state[v] == SDC_SECONDARY) {
            f->greedy_set[f->ng++] = v;
            f->fallback |= s->value[v] < (uint64_t)s->k;
            f->margins |= s->role[v] == SDC_MARGIN;
        }
        if (s->value[v] && f->nc < n1)
            f->cand[f->nc++] = v;
    }
    for (size_t i = 0; i < f->nm; i++)
        f->is_member[f->members[i]] = false;
    for (size_t i = 0; i < f->nr; i++)
        f->rel_seen[f->rels[i]] = false;
}

/* Every smaller set of the group's cells and of the margins of its sums (or as many, cheaper)
 * in place of the greedy's, where the group is small enough to try them all. *regroup: the
 * groups may have changed (margins among the candidates). False on a failure. */
static bool fewer_group(struct sdc *s, const struct index *x, const size_t *comp, size_t root,
                        struct fewer *f, struct scratch *w, struct sdc_stats *st, bool *regroup)
{
    *regroup = false;
    if (f->ng < 2 && !f->fallback) { /* none, or one: already the fewest */
        st->optimal++;
        return true;
    }
    bool has_margin = f->margins;
    for (size_t i = 0; i < f->nc; i++)
        has_margin |= s->role[f->cand[i]] == SDC_MARGIN;
    if (f->fallback || f->nc > SEARCH_CANDIDATES || f->ng > 16 || f->nr > SEARCH_SUMS_MAX ||
        (has_margin && s->n > SEARCH_MARGINS_MAX))
        return true; /* the greedy pattern stands, safe but not proved the fewest */
    /* The quick test needs only the sums with a "<k" in them. */
    size_t nsens = 0;
    for (size_t i = 0; i < f->nr; i++) {
        const struct rel *rl = &s->rel[f->rels[i]];
        bool sens = false;
        for (size_t j = 0; j < rl->len && !sens; j++)
            sens = s->state[s->rv[rl->first + j]] == SDC_PRIMARY;
        if (sens)
            f->rels[nsens++] = f->rels[i];
    }
    for (size_t i = 0; i < f->ng; i++)
        s->state[f->greedy_set[i]] = SDC_SHOWN;
    size_t best[16], size = 1, sets = 0;
    int found = NONE;
    for (; size <= f->ng && found == NONE; size++) /* fewer; or as many, cheaper */
        found = search(s, x, comp, root, f->cand, f->nc, size, f->rels, nsens, has_margin, best,
                       w, st, st->lps + SEARCH_BUDGET, &sets);
    *regroup = has_margin;
    if (found == FOUND) {
        for (size_t i = 0; i < size - 1; i++)
            s->state[best[i]] = SDC_SECONDARY;
        st->optimal++;
        return true;
    }
    for (size_t i = 0; i < f->ng; i++) /* the greedy pattern stands */
        s->state[f->greedy_set[i]] = SDC_SECONDARY;
    st->optimal += found == NONE;
    return found != FAILED;
}

/* A count printed nowhere that earlier releases' shown counts determine (a sum's only other
 * count) was theirs to give: it is judged by their K, not this release's. */
static void given_by_fixed(struct sdc *s)
{
    for (size_t r = 0; r < s->nrel; r++) {
        long open = -1;
        int k = 0;
        size_t nopen = 0;
        for (size_t i = 0; i < s->rel[r].len; i++) {
            size_t v = (size_t)s->rv[s->rel[r].first + i];
            if (s->frozen[v] >= 2 && s->state[v] == SDC_SHOWN)
                k = k && k < s->frozen[v] ? k : s->frozen[v];
            else
                open = (long)v, nopen++;
        }
        if (nopen == 1 && k && s->role[open] == SDC_IMPLIED && !s->frozen[open])
            s->frozen[open] = (uint8_t)k;
    }
}

bool sdc_secondary(struct sdc *s, struct sdc_stats *stats)
{
    given_by_fixed(s);
    struct sdc_stats st = {0};
    size_t n1 = s->n ? s->n : 1;
    struct index x = {0};
    struct scratch w = {0};
    size_t *comp = malloc(n1 * sizeof *comp);
    bool ok = comp && index_build(s, &x) && scratch_init(s, &w);
    if (ok) {
        small_sums(s, &st);
        ok = greedy(s, &x, &w, &st) && prune(s, &x, &w, &st);
    }
    /* Then, group by group, look for fewer. */
    struct groups g = {0};
    struct fewer f = {0};
    ok = ok && fewer_init(s, &f);
    if (ok) {
        components(s, comp);
        ok = groups_build(s, comp, &g);
    }
    for (size_t root = 0; ok && root < s->n; root++) {
        if (comp[root] != root)
            continue;
        bool has_hidden = false;
        for (size_t i = g.mstart[root]; i < g.mstart[root + 1] && !has_hidden; i++)
            has_hidden = checked(s, g.members[i]);
        if (!has_hidden)
            continue;
        st.components++;
        fewer_scope(s, &x, &g, root, &f);
        bool regroup;
        ok = fewer_group(s, &x, comp, root, &f, &w, &st, &regroup);
        if (regroup) { /* on from fresh groups */
            components(s, comp);
            groups_free(&g);
            ok = ok && groups_build(s, comp, &g);
        }
    }
    st.fallbacks = 0;
    for (size_t v = 0; v < s->n; v++) {
        st.primary += s->state[v] == SDC_PRIMARY;
        st.secondary += s->state[v] == SDC_SECONDARY;
        st.fallbacks += s->state[v] == SDC_SECONDARY && s->value[v] < (uint64_t)s->k;
    }
    groups_free(&g);
    fewer_free(&f);
    free(comp);
    index_free(&x);
    scratch_free(&w);
    if (stats)
        *stats = st;
    return ok;
}
