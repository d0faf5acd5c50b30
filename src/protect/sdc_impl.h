/* sdc_impl.h: the inside of struct sdc, for sdc.c, sdc_check.c and sdc_suppress.c alone. */
#ifndef TP_SDC_IMPL_H
#define TP_SDC_IMPL_H

#include "protect/sdc.h"

struct rel {
    size_t first, len; /* into rv: the total, then its parts */
};

struct sdc {
    int k;
    bool loose;
    size_t n, cap;
    uint64_t *value;
    uint8_t *state, *role;
    uint8_t *frozen; /* its state stays: 1 published before sdc_freeze; K >= 2 fixed by an
                        earlier release of threshold K (sdc_fix) */
    struct rel *rel;
    size_t nrel, relcap;
    long *rv;
    size_t nrv, rvcap;
};

/* frozen[v] of a count earlier releases' fixed counts alone determine: nothing this release
 * does can hide it, and it is no longer judged. */
#define FROZEN_GIVEN 255

/* The threshold a count is judged by: its release's (1: none). */
static inline int var_k(const struct sdc *s, size_t v)
{
    return s->frozen[v] == FROZEN_GIVEN ? 1 : s->frozen[v] >= 2 ? s->frozen[v] : s->k;
}

static inline bool published(const struct sdc *s, size_t v)
{
    return s->role[v] == SDC_CELL || s->role[v] == SDC_MARGIN;
}

static inline bool hidden(const struct sdc *s, size_t v)
{
    return s->state[v] == SDC_PRIMARY || s->state[v] == SDC_SECONDARY;
}

/* The counts the check looks at: the hidden ones, and the implied ones. */
static inline bool checked(const struct sdc *s, size_t v)
{
    return (hidden(s, v) || s->role[v] == SDC_IMPLIED) && s->frozen[v] != FROZEN_GIVEN;
}

/* ---- structure: which counts the sums tie together (sdc.c) ------------------------------- */

/* The sums each count is in (built once the sums are all given; they never change after). */
struct index {
    size_t *start; /* [n + 1]: the sums of v are ids[start[v] .. start[v + 1]) */
    size_t *ids;
};

bool index_build(const struct sdc *s, struct index *x); /* false: out of memory */
void index_free(struct index *x);

/* Groups of counts tied by sums, through every count but shown margins and frozen shown
 * counts (constants: they tie nothing). comp[v] is the group's root; those are their own. */
void components(const struct sdc *s, size_t *comp);

/* The counts of each group: members[mstart[root] .. mstart[root + 1]) (counting sort). */
struct groups {
    size_t *mstart, *members;
};

bool groups_build(const struct sdc *s, const size_t *comp, struct groups *g);
void groups_free(struct groups *g); /* also after a failed groups_build */

/* ---- the check (sdc_check.c) ------------------------------------------------------------- */

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

bool scratch_init(const struct sdc *s, struct scratch *w); /* false: out of memory */
void scratch_free(struct scratch *w);                        /* also after a failed init */

/* Bounds of every hidden count of the group of root, from the sums that touch it. Pinned
 * counts are flagged in pin[]. Returns how many, -1 on a solver failure or a contradiction. */
long check_group(const struct sdc *s, const struct index *x, const struct groups *g,
                 size_t root, struct scratch *w, struct sdc_interval *out, bool *pin,
                 size_t *lps);
/* Checks every group with a hidden count; as check_group. */
long check_all(const struct sdc *s, const struct index *x, const size_t *comp,
               struct scratch *w, struct sdc_interval *out, bool *pin, size_t *lps);

#endif
