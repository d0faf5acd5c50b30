/* sdc.c: primary and secondary suppression, and the check by linear programming (GLPK). */
#include "protect/sdc.h"

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
    uint8_t *frozen; /* published before sdc_freeze: its state stays */
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

static bool published(const struct sdc *s, size_t v)
{
    return s->role[v] == SDC_CELL || s->role[v] == SDC_MARGIN;
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

void sdc_primary(struct sdc *s)
{
    for (size_t i = 0; i < s->n; i++)
        if (published(s, i) && !s->frozen[i] && s->value[i] >= 1 &&
            s->value[i] < (uint64_t)s->k)
            s->state[i] = SDC_PRIMARY;
}

static bool hidden(const struct sdc *s, size_t v)
{
    return s->state[v] == SDC_PRIMARY || s->state[v] == SDC_SECONDARY;
}

/* The counts the check looks at: the hidden ones, and the implied ones. */
static bool checked(const struct sdc *s, size_t v)
{
    return hidden(s, v) || s->role[v] == SDC_IMPLIED;
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

/* Groups of counts tied by sums, through every count but shown margins and frozen shown
 * counts (constants: they tie nothing). comp[v] is the group's root; those are their own. */
static void components(const struct sdc *s, size_t *comp)
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
    if (s->role[v] == SDC_IMPLIED) { /* printed nowhere: a reader knows nothing of it */
        *lo = 0, *hi = -1;
        return;
    }
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

/* Whether a reader can work out hidden count v to a small number: a "<k" to its value (beyond
 * what "<k" says when k is 2), or an "x" or an implied count to one from 1 to k-1. An "x" worked out to 0 or to k
 * or more gives nothing away: such counts were never small. */
static bool pinned(const struct sdc *s, size_t v, double lo, double hi)
{
    if (hi < 0)
        return false;
    double a = ceil(lo - 1e-6), b = floor(hi + 1e-6);
    if (a < b)
        return false;
    if (s->state[v] == SDC_PRIMARY && s->role[v] != SDC_IMPLIED)
        return s->k != 2;
    return a >= 1 && a <= s->k - 1;
}

/* Scratch space for checks, reused across groups. */
struct scratch {
    long *col;     /* [n]: column of a count in the group's program, -1 */
    size_t *rels;  /* the sums that touch the group */
    bool *seen;    /* [nrel] */
    size_t *in;    /* the group's non-shown counts */
    long only;     /* check this count alone (-1: all) */
    bool first;    /* stop at the first count worked out */
    bool *safe;    /* [n] or NULL: counts checked and safe; while counts are only hidden,
                      never shown, they stay safe (a reader only knows less) */
};

/* Whether the check must bound count v. Knowing the values (not a reader's system), an "x"
 * or an implied count that is 0 or k or more can never be worked out to a small number. */
static bool to_check(const struct sdc *s, size_t v, const struct scratch *w)
{
    if (!checked(s, v) || (w->only >= 0 && (long)v != w->only) || (w->safe && w->safe[v]))
        return false;
    if (s->loose || (s->state[v] == SDC_PRIMARY && s->role[v] != SDC_IMPLIED))
        return true;
    return s->value[v] >= 1 && s->value[v] < (uint64_t)s->k;
}

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
    w->only = -1;
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
        if (!checked(s, v))
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
        any_hidden |= checked(s, v);
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
            if (checked(s, w->in[j]) && pinned(s, w->in[j], lo, hi)) {
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
            if (!out && !to_check(s, v, w))
                continue;
            if (out && !checked(s, v))
                continue;
            double b[2] = {0, -1};
            glp_set_obj_coef(lp, (int)j + 1, 1);
            for (int dir = 0; dir < 2 && result >= 0; dir++) {
                /* The true value lies within: a smallest value 1 or more below it is enough. */
                if (dir == 1 && !out && !s->loose && (double)s->value[v] - b[0] >= 1 - 1e-6) {
                    b[1] = -1;
                    break;
                }
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
                if (w->first)
                    break;
            } else if (w->safe && !out) {
                w->safe[v] = true;
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
                         size_t *frontier, bool *rel_seen, size_t *rel_list, struct cand *out)
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
                        if (s->state[w] == SDC_UNKNOWN)
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
                    w->first = true;
                    r = check_group(s, x, &g, root, w, NULL, pin, &st->lps);
                    w->first = false;
                    for (size_t i = g.mstart[root]; i < g.mstart[root + 1]; i++)
                        pin[g.members[i]] = false;
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

/* Greedy: while a hidden count of a group can be worked out, hide the next count for it, and
 * check that group again (only it: the others did not change, unless a margin joined them).
 * Each round hides one more count, so this ends. */
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

/* Greedy: while a count of a group can be worked out, hide one more for it (the first of its
 * candidates that protects it alone, else the best), and check that group again (only it:
 * the others did not change, unless a margin joined them). Each round hides one more count
 * or shows a "<k" as "x", so this ends. */
static bool greedy(struct sdc *s, const struct index *x, struct scratch *w, struct sdc_stats *st)
{
    size_t n1 = s->n ? s->n : 1;
    size_t *comp = malloc(n1 * sizeof *comp), *pending = malloc(n1 * sizeof *pending);
    size_t *frontier = malloc(n1 * sizeof *frontier), *rel_list = malloc((s->nrel + 1) * sizeof *rel_list);
    bool *pin = calloc(n1, 1), *queued = calloc(n1, 1), *reached = calloc(n1, 1);
    bool *rel_seen = calloc(s->nrel + 1, 1);
    struct cand *cand = malloc(n1 * sizeof *cand);
    size_t *comp2 = malloc(n1 * sizeof *comp2);
    bool *safe = calloc(n1, 1);
    struct groups g = {0};
    bool ok = comp && pending && frontier && rel_list && pin && queued && reached && rel_seen &&
              cand && comp2 && safe;
    w->safe = safe;
    size_t np = 0;
    if (ok) {
        components(s, comp);
        ok = groups_build(s, comp, &g);
        for (size_t v = 0; ok && v < s->n; v++)
            if (checked(s, v) && !queued[comp[v]]) {
                queued[comp[v]] = true;
                pending[np++] = comp[v];
            }
    }
    while (ok && np) {
        size_t root = pending[--np];
        queued[root] = false;
        w->first = true;
        long r = check_group(s, x, &g, root, w, NULL, pin, &st->lps);
        w->first = false;
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
        size_t nc = candidates(s, x, v, reached, frontier, rel_seen, rel_list, cand);
        if (nc == 0) {
            ok = false; /* a count worked out with nothing left to hide: impossible */
            break;
        }
        long h = cand[0].v;
        /* A shown cell in a sum with v nearly always protects it: tried only otherwise. */
        for (size_t i = 0; nc > 1 && cand[0].cls != 0 && i < nc && ok; i++) {
            size_t c = (size_t)cand[i].v;
            uint8_t was = s->state[c];
            s->state[c] = SDC_SECONDARY;
            long p = still_pinned(s, x, v, comp, comp2, &g,
                                  s->role[c] == SDC_MARGIN && was == SDC_SHOWN, w, pin,
                                  &st->lps);
            s->state[c] = was;
            if (p < 0)
                ok = false;
            else if (!p) {
                h = (long)c;
                break;
            }
        }
        if (!ok)
            break;
        bool regroup = s->role[h] == SDC_MARGIN && s->state[h] == SDC_SHOWN;
        s->state[h] = SDC_SECONDARY;
        st->fallbacks += s->value[h] < (uint64_t)s->k;
        if (regroup || comp[h] != comp[v]) { /* groups joined: on from fresh ones */
            components(s, comp);
            groups_free(&g);
            ok = groups_build(s, comp, &g);
            np = 0;
            memset(queued, 0, n1);
            for (size_t u = 0; ok && u < s->n; u++)
                if (checked(s, u) && !queued[comp[u]]) {
                    queued[comp[u]] = true;
                    pending[np++] = comp[u];
                }
        } else if (!queued[comp[v]]) {
            queued[comp[v]] = true;
            pending[np++] = comp[v];
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
    free(cand);
    free(comp2);
    free(safe);
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
        w->first = true;
        bad = check_group(s, x, g2, r, w, NULL, pin, lps);
        w->first = false;
        for (size_t j = g2->mstart[r]; j < g2->mstart[r + 1]; j++)
            pin[g2->members[j]] = false;
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
    undo_s = s;
    qsort(list, nl, sizeof *list, cmp_undo);
    if (ok) {
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
            w->first = true;
            bad = check_group(s, x, &g, root, w, NULL, pin, &st->lps);
            w->first = false;
            for (size_t j = g.mstart[root]; j < g.mstart[root + 1]; j++)
                pin[g.members[j]] = false;
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
        ok = greedy(s, &x, &w, &st) && prune(s, &x, &w, &st);
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
            has_hidden = checked(s, g.members[i]);
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
            if (!published(s, v) || s->state[v] == SDC_PRIMARY || s->frozen[v])
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
        if (fallback || nc > SEARCH_CANDIDATES || ng > 16 || nr > SEARCH_SUMS_MAX ||
            (has_margin && s->n > SEARCH_MARGINS_MAX))
            continue; /* the greedy pattern stands, safe but not proved the fewest */
        /* The quick test needs only the sums with a "<k" in them. */
        size_t nsens = 0;
        for (size_t i = 0; i < nr; i++) {
            const struct rel *rl = &s->rel[rels[i]];
            bool sens = false;
            for (size_t j = 0; j < rl->len && !sens; j++)
                sens = s->state[s->rv[rl->first + j]] == SDC_PRIMARY;
            if (sens)
                rels[nsens++] = rels[i];
        }
        nr = nsens;
        for (size_t i = 0; i < ng; i++)
            s->state[greedy_set[i]] = SDC_SHOWN;
        size_t best[16], size = 1, sets = 0;
        int found = NONE;
        for (; size <= ng && found == NONE; size++) /* fewer; or as many, cheaper */
            found = search(s, &x, comp, root, cand, nc, size, rels, nr, has_margin, best, &w,
                           &st, st.lps + SEARCH_BUDGET, &sets);
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
    st.fallbacks = 0;
    for (size_t v = 0; v < s->n; v++) {
        st.primary += s->state[v] == SDC_PRIMARY;
        st.secondary += s->state[v] == SDC_SECONDARY;
        st.fallbacks += s->state[v] == SDC_SECONDARY && s->value[v] < (uint64_t)s->k;
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
