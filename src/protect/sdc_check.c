/* sdc_check.c: what a reader can work out of each hidden count, by linear programming (GLPK). */
#include "protect/sdc_impl.h"

#include <glpk.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* A reader's bounds on a count before any sum (hi < 0: none). */
static void prior(const struct sdc *s, size_t v, double *lo, double *hi)
{
    if (s->role[v] == SDC_IMPLIED) { /* printed nowhere: a reader knows nothing of it */
        *lo = 0, *hi = -1;
        return;
    }
    if (s->frozen[v] == FROZEN_GIVEN) { /* earlier releases pin it: a reader knows it (and a
                                           "<k" judged by k = 1 would bound it to 1..0) */
        *lo = *hi = (double)s->value[v];
        return;
    }
    switch (s->state[v]) {
    case SDC_PRIMARY:
        *lo = 1, *hi = var_k(s, v) - 1;
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
        return var_k(s, v) != 2;
    return a >= 1 && a <= var_k(s, v) - 1;
}

/* Whether the check must bound count v. Knowing the values (not a reader's system), an "x"
 * or an implied count that is 0 or k or more can never be worked out to a small number. */
static bool to_check(const struct sdc *s, size_t v, const struct scratch *w)
{
    if (!checked(s, v) || (w->only >= 0 && (long)v != w->only) || (w->safe && w->safe[v]))
        return false;
    if (s->loose || (s->state[v] == SDC_PRIMARY && s->role[v] != SDC_IMPLIED))
        return true;
    return s->value[v] >= 1 && s->value[v] < (uint64_t)var_k(s, v);
}

bool scratch_init(const struct sdc *s, struct scratch *w)
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

void scratch_free(struct scratch *w)
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

/* The group's counts that are not shown, each given a column (w->col, w->in), and the sums
 * that touch them (w->rels); *m and *nr how many. True when one of them is to be checked. */
static bool gather(const struct sdc *s, const struct index *x, const struct groups *g,
                   size_t root, struct scratch *w, size_t *m, size_t *nr)
{
    bool any = false;
    *m = *nr = 0;
    for (size_t i = g->mstart[root]; i < g->mstart[root + 1]; i++) {
        size_t v = g->members[i];
        if (s->state[v] == SDC_SHOWN)
            continue;
        any |= checked(s, v);
        w->col[v] = (long)*m;
        w->in[(*m)++] = v;
        for (size_t k = x->start[v]; k < x->start[v + 1]; k++)
            if (!w->seen[x->ids[k]]) {
                w->seen[x->ids[k]] = true;
                w->rels[(*nr)++] = x->ids[k];
            }
    }
    return any;
}

/* Counts in no sum: a reader knows what their mark says, no more. */
static long check_alone(const struct sdc *s, const struct scratch *w, size_t m,
                        struct sdc_interval *out, bool *pin)
{
    long result = 0;
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
    return result;
}

/* The group's program: a column per count not shown (bounded as prior() says), a row per sum
 * (parts - total = the shown counts' share). False when out of memory. */
static bool lp_load(const struct sdc *s, const struct scratch *w, size_t m, size_t nr,
                    glp_prob *lp)
{
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
    bool ok = ia && ja && ar;
    if (ok) {
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
    return ok;
}

/* The smallest and largest value of count v, column j (b[1] = -1: no largest; without
 * want_both, only the smallest when that alone shows v cannot be worked out). False when the
 * solver fails or the program has no solution (the shown counts contradict the sums). */
static bool lp_bounds(const struct sdc *s, glp_prob *lp, const glp_smcp *parm, size_t v,
                      size_t j, bool want_both, double b[2], size_t *lps)
{
    b[0] = 0, b[1] = -1;
    glp_set_obj_coef(lp, (int)j + 1, 1);
    bool ok = true;
    for (int dir = 0; dir < 2 && ok; dir++) {
        /* The true value lies within: a smallest value 1 or more below it is enough. */
        if (dir == 1 && !want_both && (double)s->value[v] - b[0] >= 1 - 1e-6) {
            b[1] = -1;
            break;
        }
        glp_set_obj_dir(lp, dir ? GLP_MAX : GLP_MIN);
        (*lps)++;
        if (glp_simplex(lp, parm) != 0) {
            glp_adv_basis(lp, 0); /* a failed warm start: again from a fresh basis */
            if (glp_simplex(lp, parm) != 0) {
                ok = false;
                break;
            }
        }
        int st = glp_get_status(lp);
        if (st == GLP_UNBND && dir)
            b[1] = -1;
        else if (st == GLP_OPT)
            b[dir] = glp_get_obj_val(lp);
        else
            ok = false;
    }
    glp_set_obj_coef(lp, (int)j + 1, 0);
    return ok;
}

/* Each count of the group to check, bounded by the program: two linear programs each. */
static long check_lp(const struct sdc *s, struct scratch *w, size_t m, size_t nr,
                     struct sdc_interval *out, bool *pin, size_t *lps)
{
    glp_term_out(GLP_OFF); /* GLPK's own messages would go to stdout */
    glp_prob *lp = glp_create_prob();
    long result = lp_load(s, w, m, nr, lp) ? 0 : -1;
    glp_smcp parm;
    glp_init_smcp(&parm);
    parm.msg_lev = GLP_MSG_OFF;
    for (size_t j = 0; j < m && result >= 0; j++) {
        size_t v = w->in[j];
        if (!out && !to_check(s, v, w))
            continue;
        if (out && !checked(s, v))
            continue;
        double b[2];
        if (!lp_bounds(s, lp, &parm, v, j, out || s->loose, b, lps)) {
            result = -1;
            break;
        }
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
    return result;
}

long check_group(const struct sdc *s, const struct index *x, const struct groups *g,
                 size_t root, struct scratch *w, struct sdc_interval *out, bool *pin,
                 size_t *lps)
{
    size_t m, nr;
    long result = 0;
    if (!gather(s, x, g, root, w, &m, &nr))
        result = 0; /* nothing to check */
    else if (nr == 0)
        result = check_alone(s, w, m, out, pin);
    else if (nr == 1)
        result = check_one_sum(s, &s->rel[w->rels[0]], out, pin);
    else
        result = check_lp(s, w, m, nr, out, pin, lps);
    for (size_t j = 0; j < m; j++)
        w->col[w->in[j]] = -1;
    for (size_t r = 0; r < nr; r++)
        w->seen[w->rels[r]] = false;
    return result;
}

/* Checks every group with a hidden count. */
long check_all(const struct sdc *s, const struct index *x, const size_t *comp,
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
