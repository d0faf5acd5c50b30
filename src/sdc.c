/* sdc.c: primary and secondary suppression, and the check by linear programming (GLPK). */
#include "sdc.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

struct rel {
    size_t first, len; /* into rv: the total, then its parts */
};

struct sdc {
    int k;
    bool loose;
    size_t n, cap;
    uint64_t *value;
    uint8_t *state, *role;
    struct rel *rel;
    size_t nrel, relcap;
    long *rv;
    size_t nrv, rvcap;
};

struct sdc *sdc_new(int k)
{
    glp_term_out(GLP_OFF); /* GLPK's own messages would go to stdout */
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
        if (!v || !st || !r)
            return -1;
        s->cap = c;
    }
    s->value[s->n] = value;
    s->state[s->n] = role == SDC_FREE ? SDC_UNKNOWN : SDC_SHOWN;
    s->role[s->n] = (uint8_t)role;
    return (long)s->n++;
}

bool sdc_sum(struct sdc *s, long total, const long *parts, size_t n)
{
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += s->value[parts[i]];
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
void sdc_role(struct sdc *s, long v, enum sdc_role role) { s->role[v] = (uint8_t)role; }
void sdc_loose(struct sdc *s, bool loose) { s->loose = loose; }
void sdc_set_value(struct sdc *s, long v, uint64_t value) { s->value[v] = value; }

void sdc_primary(struct sdc *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (s->role[i] != SDC_FREE && s->value[i] >= 1 && s->value[i] < (uint64_t)s->k)
            s->state[i] = SDC_PRIMARY;
}

static bool hidden(const struct sdc *s, size_t v)
{
    return s->state[v] == SDC_PRIMARY || s->state[v] == SDC_SECONDARY;
}

/* ---- structure: which counts the sums tie together ---------------------------------------- */

/* The sums each count is in (built once the sums are all given; they never change after). */
struct index {
    size_t *start; /* [n + 1]: the sums of v are ids[start[v] .. start[v + 1]) */
    size_t *ids;
};

static bool index_build(const struct sdc *s, struct index *x)
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

static void index_free(struct index *x)
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

/* Groups of counts tied by sums, through every count but shown margins (a shown total is a
 * constant: it ties nothing). comp[v] is the group's root; shown margins are their own. */
static void components(const struct sdc *s, size_t *comp)
{
    for (size_t v = 0; v < s->n; v++)
        comp[v] = v;
    for (size_t r = 0; r < s->nrel; r++) {
        size_t first = (size_t)-1;
        for (size_t i = 0; i < s->rel[r].len; i++) {
            size_t v = (size_t)s->rv[s->rel[r].first + i];
            if (s->role[v] == SDC_MARGIN && s->state[v] == SDC_SHOWN)
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

/* The counts of each group: members[mstart[root] .. mstart[root + 1]) (counting sort). */
struct groups {
    size_t *mstart, *members;
};

static bool groups_build(const struct sdc *s, const size_t *comp, struct groups *g)
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

static void groups_free(struct groups *g)
{
    free(g->mstart);
    free(g->members);
}

/* ---- the check ---------------------------------------------------------------------------- */

/* A reader's bounds on a count before any sum (hi < 0: none). */
static void prior(const struct sdc *s, size_t v, double *lo, double *hi)
{
    switch (s->state[v]) {
    case SDC_PRIMARY:
        *lo = 1, *hi = s->k - 1;
        break;
    case SDC_SECONDARY: /* "x": any value (usually k or more; a zero or a small count when
                           nothing else could protect) */
    case SDC_UNKNOWN:
        *lo = 0, *hi = -1;
        break;
    default:
        *lo = *hi = (double)s->value[v];
    }
}

/* Whether a reader can pin v to one whole number (beyond what "<k" says when k is 2). */
static bool pinned(const struct sdc *s, size_t v, double lo, double hi)
{
    if (hi < 0)
        return false;
    double a = ceil(lo - 1e-6), b = floor(hi + 1e-6);
    if (a < b)
        return false;
    return !(s->state[v] == SDC_PRIMARY && s->k == 2);
}

/* Scratch space for checks, reused across groups. */
struct scratch {
    long *col;     /* [n]: column of a count in the group's program, -1 */
    size_t *rels;  /* the sums that touch the group */
    bool *seen;    /* [nrel] */
    size_t *in;    /* the group's non-shown counts */
};

static bool scratch_init(const struct sdc *s, struct scratch *w)
{
    size_t n = s->n ? s->n : 1, r = s->nrel ? s->nrel : 1;
    w->col = malloc(n * sizeof *w->col);
    w->rels = malloc(r * sizeof *w->rels);
    w->seen = calloc(r, 1);
    w->in = malloc(n * sizeof *w->in);
    if (!w->col || !w->rels || !w->seen || !w->in)
        return false;
    for (size_t v = 0; v < s->n; v++)
        w->col[v] = -1;
    return true;
}

static void scratch_free(struct scratch *w)
{
    free(w->col);
    free(w->rels);
    free(w->seen);
    free(w->in);
}

/* One sum alone: the bounds of each hidden count are those of the rest, in closed form. */
static long check_one_sum(const struct sdc *s, const struct rel *rl, struct sdc_interval *out,
                          bool *pin)
{
    /* parts - total = 0; with a = +1 for parts, -1 for the total: sum a_i x_i = 0. */
    double lo_sum = 0, hi_sum = 0;
    size_t unbounded = 0;
    for (size_t i = 0; i < rl->len; i++) {
        size_t v = (size_t)s->rv[rl->first + i];
        double lo, hi, a = i ? 1 : -1;
        prior(s, v, &lo, &hi);
        if (a > 0) {
            lo_sum += lo;
            if (hi < 0)
                unbounded++;
            else
                hi_sum += hi;
        } else {
            hi_sum -= lo;
            if (hi < 0)
                unbounded++;
            else
                lo_sum -= hi;
        }
    }
    /* Feasible: 0 within [lo_sum, hi_sum] (the second end infinite when anything is). */
    if (lo_sum > 1e-6 && !unbounded)
        return -1;
    if (hi_sum < -1e-6 && !unbounded)
        return -1;
    long n = 0;
    for (size_t i = 0; i < rl->len; i++) {
        size_t v = (size_t)s->rv[rl->first + i];
        if (!hidden(s, v))
            continue;
        double lo, hi, a = i ? 1 : -1;
        prior(s, v, &lo, &hi);
        /* a x = -(the rest); the rest ranges over [rlo, rhi]. */
        double rlo, rhi;
        size_t runb = unbounded - (hi < 0);
        /* The rest: the sums without v's own term (an unbounded term was never added). */
        if (a > 0) {
            rlo = lo_sum - lo;
            rhi = runb ? INFINITY : hi_sum - (hi < 0 ? 0 : hi);
            double xlo = -rhi, xhi = -rlo; /* x = -rest */
            lo = fmax(lo, xlo);
            hi = hi < 0 ? xhi : fmin(hi, xhi);
        } else {
            rlo = lo_sum + (hi < 0 ? 0 : hi);
            rhi = runb ? INFINITY : hi_sum + lo;
            double xlo = rlo, xhi = rhi; /* -x = -rest: x = rest */
            lo = fmax(lo, xlo);
            hi = hi < 0 ? (isinf(xhi) ? -1 : xhi) : (isinf(xhi) ? hi : fmin(hi, xhi));
        }
        if (isinf(hi))
            hi = -1;
        if (out)
            out[v] = (struct sdc_interval){lo, hi};
        if (pinned(s, v, lo, hi)) {
            pin[v] = true;
            n++;
        }
    }
    return n;
}

/* Bounds of every hidden count of the group of root, from the sums that touch it. Pinned
 * counts are flagged in pin[]. Returns how many, -1 on a solver failure or a contradiction. */
static long check_group(const struct sdc *s, const struct index *x, const struct groups *g,
                        size_t root, struct scratch *w, struct sdc_interval *out, bool *pin,
                        size_t *lps)
{
    size_t m = 0, nr = 0;
    bool any_hidden = false;
    for (size_t i = g->mstart[root]; i < g->mstart[root + 1]; i++) {
        size_t v = g->members[i];
        if (s->state[v] == SDC_SHOWN)
            continue;
        any_hidden |= hidden(s, v);
        w->col[v] = (long)m;
        w->in[m++] = v;
        for (size_t k = x->start[v]; k < x->start[v + 1]; k++)
            if (!w->seen[x->ids[k]]) {
                w->seen[x->ids[k]] = true;
                w->rels[nr++] = x->ids[k];
            }
    }
    long result = 0;
    if (!any_hidden) {
        /* nothing to check */
    } else if (nr == 0) { /* in no sum: a reader knows what its mark says, no more */
        for (size_t j = 0; j < m; j++) {
            double lo, hi;
            prior(s, w->in[j], &lo, &hi);
            if (out)
                out[w->in[j]] = (struct sdc_interval){lo, hi};
            if (hidden(s, w->in[j]) && pinned(s, w->in[j], lo, hi)) {
                pin[w->in[j]] = true;
                result++;
            }
        }
    } else if (nr == 1) {
        result = check_one_sum(s, &s->rel[w->rels[0]], out, pin);
    } else {
        glp_prob *lp = glp_create_prob();
        glp_add_cols(lp, (int)m);
        for (size_t j = 0; j < m; j++) {
            double lo, hi;
            prior(s, w->in[j], &lo, &hi);
            glp_set_col_bnds(lp, (int)j + 1, hi < 0 ? GLP_LO : lo == hi ? GLP_FX : GLP_DB, lo,
                             hi < 0 ? 0 : hi);
        }
        size_t ne = 0;
        for (size_t r = 0; r < nr; r++)
            ne += s->rel[w->rels[r]].len;
        int *ia = malloc((ne + 1) * sizeof *ia), *ja = malloc((ne + 1) * sizeof *ja);
        double *ar = malloc((ne + 1) * sizeof *ar);
        if (!ia || !ja || !ar) {
            result = -1;
        } else {
            glp_add_rows(lp, (int)nr);
            ne = 0;
            for (size_t r = 0; r < nr; r++) {
                const struct rel *rl = &s->rel[w->rels[r]];
                double rhs = 0;
                for (size_t i = 0; i < rl->len; i++) {
                    size_t v = (size_t)s->rv[rl->first + i];
                    double coef = i == 0 ? -1 : 1; /* parts - total = 0 */
                    if (w->col[v] < 0) {
                        rhs -= coef * (double)s->value[v];
                        continue;
                    }
                    ne++;
                    ia[ne] = (int)r + 1;
                    ja[ne] = (int)w->col[v] + 1;
                    ar[ne] = coef;
                }
                glp_set_row_bnds(lp, (int)r + 1, GLP_FX, rhs, rhs);
            }
            glp_load_matrix(lp, (int)ne, ia, ja, ar);
        }
        free(ia);
        free(ja);
        free(ar);
        glp_smcp parm;
        glp_init_smcp(&parm);
        parm.msg_lev = GLP_MSG_OFF;
        for (size_t j = 0; j < m && result >= 0; j++) {
            size_t v = w->in[j];
            if (!hidden(s, v))
                continue;
            double b[2] = {0, -1};
            glp_set_obj_coef(lp, (int)j + 1, 1);
            for (int dir = 0; dir < 2 && result >= 0; dir++) {
                glp_set_obj_dir(lp, dir ? GLP_MAX : GLP_MIN);
                (*lps)++;
                if (glp_simplex(lp, &parm) != 0) {
                    glp_adv_basis(lp, 0); /* a failed warm start: again from a fresh basis */
                    if (glp_simplex(lp, &parm) != 0) {
                        result = -1;
                        break;
                    }
                }
                int st = glp_get_status(lp);
                if (st == GLP_UNBND && dir)
                    b[1] = -1;
                else if (st == GLP_OPT)
                    b[dir] = glp_get_obj_val(lp);
                else
                    result = -1; /* no solution: the shown counts contradict the sums */
            }
            glp_set_obj_coef(lp, (int)j + 1, 0);
            if (result < 0)
                break;
            if (out)
                out[v] = (struct sdc_interval){b[0], b[1]};
            if (pinned(s, v, b[0], b[1])) {
                pin[v] = true;
                result++;
            }
        }
        glp_delete_prob(lp);
    }
    for (size_t j = 0; j < m; j++)
        w->col[w->in[j]] = -1;
    for (size_t r = 0; r < nr; r++)
        w->seen[w->rels[r]] = false;
    return result;
}

/* Checks every group with a hidden count. */
static long check_all(const struct sdc *s, const struct index *x, const size_t *comp,
                      struct scratch *w, struct sdc_interval *out, bool *pin, size_t *lps)
{
    struct groups g;
    if (!groups_build(s, comp, &g)) {
        groups_free(&g);
        return -1;
    }
    long total = 0;
    for (size_t root = 0; root < s->n && total >= 0; root++) {
        if (comp[root] != root || g.mstart[root] == g.mstart[root + 1])
            continue;
        long r = check_group(s, x, &g, root, w, out, pin, lps);
        total = r < 0 ? -1 : total + r;
    }
    groups_free(&g);
    return total;
}

long sdc_check(const struct sdc *s, struct sdc_interval *out, size_t *lps)
{
    size_t n1 = s->n ? s->n : 1, dummy = 0;
    size_t *comp = malloc(n1 * sizeof *comp);
    bool *pin = calloc(n1, 1);
    struct index x = {0};
    struct scratch w = {0};
    long r = -1;
    if (comp && pin && index_build(s, &x) && scratch_init(s, &w)) {
        components(s, comp);
        r = check_all(s, &x, comp, &w, out, pin, lps ? lps : &dummy);
    }
    free(comp);
    free(pin);
    index_free(&x);
    scratch_free(&w);
    return r;
}

/* ---- secondary suppression ---------------------------------------------------------------- */

/* The count to hide next to protect pinned count v, reached through the sums (v's own sums,
 * then the sums of the hidden counts in them, ...): a shown cell before a shown margin before
 * a zero cell (zero stays zero unless nothing else serves); within a kind the nearest, then
 * the smallest. As a last resort v itself, shown as "x" instead of "<k". */
static long next_to_hide(const struct sdc *s, const struct index *x, size_t v, bool *reached,
                         size_t *frontier, bool *rel_seen, size_t *rel_list)
{
    size_t nf = 1, head = 0, level = 0, nrl = 0;
    frontier[0] = v;
    reached[v] = true;
    long best = -1;
    int best_class = 3;
    size_t best_level = 0;
    while (head < nf) {
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
                    long w = s->rv[rl->first + i];
                    if (s->state[w] != SDC_SHOWN) {
                        if (!reached[w] && s->state[w] != SDC_UNKNOWN) {
                            reached[w] = true;
                            frontier[nf++] = (size_t)w;
                        }
                        continue;
                    }
                    int cls = s->value[w] ? (s->role[w] == SDC_CELL ? 0 : 1) : 2;
                    if (cls == 2 && s->role[w] != SDC_CELL)
                        continue;
                    if (best < 0 || cls < best_class ||
                        (cls == best_class &&
                         (level < best_level ||
                          (level == best_level &&
                           (s->value[w] < s->value[best] ||
                            (s->value[w] == s->value[best] && w < best)))))) {
                        best = w;
                        best_class = cls;
                        best_level = level;
                    }
                }
            }
        }
        level++;
        if (best_class == 0)
            break; /* a nonzero cell is the best there is; nearer ones were preferred */
    }
    for (size_t i = 0; i < nf; i++)
        reached[frontier[i]] = false;
    for (size_t i = 0; i < nrl; i++)
        rel_seen[rel_list[i]] = false;
    if (best >= 0)
        return best;
    return s->state[v] == SDC_PRIMARY ? (long)v : -1;
}

enum { FOUND = 1, NONE = 0, SPENT = -1, FAILED = -2 };

/* Tries every set of `size` counts of cand[] as the hidden ones of group root (its counts in
 * g), besides its primary ones; keeps in best[] the safe one with the fewest margins, then
 * the smallest values. With margins among them the groups change with the set, so they are
 * recomputed. Returns FOUND, NONE, SPENT (the budget ran out first) or FAILED. */
static int search(struct sdc *s, const struct index *x, const size_t *comp, size_t root,
                  const size_t *cand, size_t nc, size_t size, const size_t *rels, size_t nrels,
                  bool margins, size_t *best, struct scratch *w, struct sdc_stats *st,
                  size_t limit)
{
    size_t idx[16];
    if (size > 16 || size > nc)
        return NONE;
    for (size_t i = 0; i < size; i++)
        idx[i] = i;
    bool *pin = calloc(s->n, 1);
    size_t *c2 = margins ? malloc(s->n * sizeof *c2) : NULL;
    if (!pin || (margins && !c2)) {
        free(pin);
        free(c2);
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
            /* A sum with one hidden count and the rest shown gives it away: no LP needed. */
            bool plausible = true;
            for (size_t r = 0; r < nrels && plausible; r++) {
                const struct rel *rl = &s->rel[rels[r]];
                size_t unknown = 0, hid = 0;
                for (size_t i = 0; i < rl->len; i++) {
                    size_t v = (size_t)s->rv[rl->first + i];
                    unknown += s->state[v] != SDC_SHOWN;
                    hid += hidden(s, v);
                }
                plausible = !(unknown == 1 && hid == 1);
            }
            if (plausible) {
                long r;
                memset(pin, 0, s->n);
                if (margins) {
                    components(s, c2);
                    r = check_all(s, x, c2, w, NULL, pin, &st->lps);
                } else {
                    struct groups g;
                    r = groups_build(s, comp, &g)
                            ? check_group(s, x, &g, root, w, NULL, pin, &st->lps)
                            : -1;
                    groups_free(&g);
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
        if (result == FAILED || st->lps > limit)
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
    if (result != FAILED && st->lps > limit)
        result = SPENT; /* not every set was tried: a smaller one may exist */
    free(pin);
    free(c2);
    return result;
}

#define SEARCH_BUDGET 20000 /* linear programs for the proof of the fewest, per group */
#define SEARCH_CANDIDATES 40
#define SEARCH_MARGINS_MAX 4000 /* counts: beyond, a search that may hide margins is skipped */

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
                if (s->state[v] == SDC_PRIMARY) {
                    s->state[v] = SDC_SECONDARY;
                    st->fallbacks++;
                }
            }
    }
}

/* Greedy: while a hidden count of a group can be worked out, hide the next count for it, and
 * check that group again (only it: the others did not change, unless a margin joined them).
 * Each round hides one more count, so this ends. */
static bool greedy(struct sdc *s, const struct index *x, struct scratch *w, struct sdc_stats *st)
{
    size_t n1 = s->n ? s->n : 1;
    size_t *comp = malloc(n1 * sizeof *comp), *pending = malloc(n1 * sizeof *pending);
    size_t *frontier = malloc(n1 * sizeof *frontier), *rel_list = malloc((s->nrel + 1) * sizeof *rel_list);
    bool *pin = calloc(n1, 1), *queued = calloc(n1, 1), *reached = calloc(n1, 1);
    bool *rel_seen = calloc(s->nrel + 1, 1);
    struct groups g = {0};
    bool ok = comp && pending && frontier && rel_list && pin && queued && reached && rel_seen;
    size_t np = 0;
    if (ok) {
        components(s, comp);
        ok = groups_build(s, comp, &g);
        for (size_t v = 0; ok && v < s->n; v++)
            if (hidden(s, v) && !queued[comp[v]]) {
                queued[comp[v]] = true;
                pending[np++] = comp[v];
            }
    }
    while (ok && np) {
        size_t root = pending[--np];
        queued[root] = false;
        long r = check_group(s, x, &g, root, w, NULL, pin, &st->lps);
        if (r < 0) {
            ok = false;
            break;
        }
        if (r == 0)
            continue;
        size_t v = (size_t)-1;
        for (size_t i = g.mstart[root]; i < g.mstart[root + 1]; i++) {
            size_t u = g.members[i];
            if (pin[u] && v == (size_t)-1)
                v = u;
            pin[u] = false;
        }
        long h = next_to_hide(s, x, v, reached, frontier, rel_seen, rel_list);
        if (h < 0) {
            ok = false; /* a secondary count pinned with nothing left to hide: impossible */
            break;
        }
        s->state[h] = SDC_SECONDARY;
        st->fallbacks += s->value[h] < (uint64_t)s->k;
        if (s->role[h] == SDC_MARGIN || comp[h] != root) {
            /* A margin hidden, or a count of another group: the groups change. */
            components(s, comp);
            groups_free(&g);
            ok = groups_build(s, comp, &g);
            np = 0;
            memset(queued, 0, n1);
            for (size_t u = 0; ok && u < s->n; u++)
                if (hidden(s, u) && !queued[comp[u]]) {
                    queued[comp[u]] = true;
                    pending[np++] = comp[u];
                }
        } else {
            queued[root] = true;
            pending[np++] = root;
        }
    }
    groups_free(&g);
    free(comp);
    free(pending);
    free(frontier);
    free(rel_list);
    free(pin);
    free(queued);
    free(reached);
    free(rel_seen);
    return ok;
}

bool sdc_secondary(struct sdc *s, struct sdc_stats *stats)
{
    struct sdc_stats st = {0};
    size_t n1 = s->n ? s->n : 1;
    struct index x = {0};
    struct scratch w = {0};
    size_t *comp = malloc(n1 * sizeof *comp);
    bool ok = comp && index_build(s, &x) && scratch_init(s, &w);
    if (ok) {
        small_sums(s, &st);
        ok = greedy(s, &x, &w, &st);
    }
    /* Then, group by group, look for fewer: every smaller set of the group's cells and of the
     * margins of its sums, where the group is small enough to try them all. */
    struct groups g = {0};
    bool *is_member = calloc(n1, 1), *rel_seen = calloc(s->nrel + 1, 1);
    size_t *cand = malloc(n1 * sizeof *cand), *greedy_set = malloc(n1 * sizeof *greedy_set);
    size_t *members = malloc(n1 * sizeof *members), *rels = malloc((s->nrel + 1) * sizeof *rels);
    ok = ok && is_member && rel_seen && cand && greedy_set && members && rels;
    if (ok) {
        components(s, comp);
        ok = groups_build(s, comp, &g);
    }
    for (size_t root = 0; ok && root < s->n; root++) {
        if (comp[root] != root)
            continue;
        bool has_hidden = false;
        for (size_t i = g.mstart[root]; i < g.mstart[root + 1] && !has_hidden; i++)
            has_hidden = hidden(s, g.members[i]);
        if (!has_hidden)
            continue;
        st.components++;
        /* Its counts, the margins of its sums, and those sums. */
        size_t nm = 0, nr = 0, nc = 0, ng = 0;
        for (size_t i = g.mstart[root]; i < g.mstart[root + 1]; i++) {
            size_t v = g.members[i];
            is_member[v] = true;
            members[nm++] = v;
        }
        for (size_t i = 0; i < g.mstart[root + 1] - g.mstart[root]; i++) {
            size_t v = members[i];
            for (size_t k = x.start[v]; k < x.start[v + 1]; k++) {
                size_t r = x.ids[k];
                if (rel_seen[r])
                    continue;
                rel_seen[r] = true;
                rels[nr++] = r;
                for (size_t j = 0; j < s->rel[r].len; j++) {
                    size_t u = (size_t)s->rv[s->rel[r].first + j];
                    if (!is_member[u]) {
                        is_member[u] = true;
                        members[nm++] = u;
                    }
                }
            }
        }
        bool fallback = false, margins = false;
        for (size_t i = 0; i < nm; i++) {
            size_t v = members[i];
            if (s->role[v] == SDC_FREE || s->state[v] == SDC_PRIMARY)
                continue;
            if (s->state[v] == SDC_SECONDARY) {
                greedy_set[ng++] = v;
                fallback |= s->value[v] < (uint64_t)s->k;
                margins |= s->role[v] == SDC_MARGIN;
            }
            if (s->value[v] && nc < n1)
                cand[nc++] = v;
        }
        for (size_t i = 0; i < nm; i++)
            is_member[members[i]] = false;
        for (size_t i = 0; i < nr; i++)
            rel_seen[rels[i]] = false;
        if (ng < 2 && !fallback) { /* none, or one: already the fewest */
            st.optimal++;
            continue;
        }
        bool has_margin = margins;
        for (size_t i = 0; i < nc; i++)
            has_margin |= s->role[cand[i]] == SDC_MARGIN;
        if (fallback || nc > SEARCH_CANDIDATES || ng > 16 ||
            (has_margin && s->n > SEARCH_MARGINS_MAX))
            continue; /* the greedy pattern stands, safe but not proved the fewest */
        for (size_t i = 0; i < ng; i++)
            s->state[greedy_set[i]] = SDC_SHOWN;
        size_t best[16], size = 1;
        int found = NONE;
        for (; size < ng && found == NONE; size++)
            found = search(s, &x, comp, root, cand, nc, size, rels, nr, has_margin, best, &w,
                           &st, st.lps + SEARCH_BUDGET);
        if (found == FOUND) {
            for (size_t i = 0; i < size - 1; i++)
                s->state[best[i]] = SDC_SECONDARY;
            st.optimal++;
        } else {
            for (size_t i = 0; i < ng; i++) /* the greedy pattern stands */
                s->state[greedy_set[i]] = SDC_SECONDARY;
            st.optimal += found == NONE;
            ok = found != FAILED;
        }
        if (has_margin) { /* the groups may have changed: on from fresh ones */
            components(s, comp);
            groups_free(&g);
            ok = ok && groups_build(s, comp, &g);
        }
    }
    for (size_t v = 0; v < s->n; v++) {
        st.primary += s->state[v] == SDC_PRIMARY;
        st.secondary += s->state[v] == SDC_SECONDARY;
    }
    groups_free(&g);
    free(comp);
    free(is_member);
    free(rel_seen);
    free(cand);
    free(greedy_set);
    free(members);
    free(rels);
    index_free(&x);
    scratch_free(&w);
    if (stats)
        *stats = st;
    return ok;
}
