/* sdc.h: small-cell suppression over published counts and the sums that tie them together. */
#ifndef TP_SDC_H
#define TP_SDC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a reader knows of a count. */
enum sdc_state {
    SDC_SHOWN,     /* its value */
    SDC_PRIMARY,   /* "<k": between 1 and k-1 */
    SDC_SECONDARY, /* "x": hidden to protect another; a reader knows nothing of it (it is
                      usually k or more, but may be a zero or a small count when nothing else
                      could protect) */
    SDC_UNKNOWN,   /* never published (a count the sums imply but no table prints): 0 or more */
};

enum sdc_role {
    SDC_CELL,   /* a count in the body of a table: the first choice to hide secondarily */
    SDC_MARGIN, /* a total: hidden only when small, or when no cell can protect */
    SDC_FREE,   /* not published */
    SDC_IMPLIED, /* not published, but the difference of published counts (the victims of a
                    region who are not minors): must not be worked out to a small number */
};

/* The counts of one publication, with every sum a reader can use: total = part + part ... */
struct sdc;

struct sdc *sdc_new(int k);
void sdc_free(struct sdc *s); /* accepts NULL */

/* A count; returns its index, or -1 when out of memory. */
long sdc_var(struct sdc *s, uint64_t value, enum sdc_role role);
/* total = parts[0] + ... + parts[n - 1]. The values must add up, and total be no part but
 * the only one (a count equal to itself: nothing is added); false when not (a bug in the
 * caller) or when out of memory. */
bool sdc_sum(struct sdc *s, long total, const long *parts, size_t n);

size_t sdc_count(const struct sdc *s);
uint64_t sdc_value(const struct sdc *s, long v);
enum sdc_state sdc_state(const struct sdc *s, long v);
/* Loose: sums are not checked against the values (a system built from printed tables, whose
 * hidden counts are unknown). */
void sdc_loose(struct sdc *s, bool loose);
void sdc_set_value(struct sdc *s, long v, uint64_t value);
/* Changes v's role: a cell (a count printed in a table's body somewhere, not only as a
 * total), or a total; an unpublished count becomes a shown one. */
void sdc_role(struct sdc *s, long v, enum sdc_role role);
enum sdc_role sdc_role_of(const struct sdc *s, long v);
/* Marks v hidden: primary or secondary (for tests that build a pattern by hand). */
void sdc_hide(struct sdc *s, long v, enum sdc_state st);

/* Count v was published before, as st, by a release of threshold k: it keeps that state, and
 * is judged by that k. */
void sdc_fix(struct sdc *s, long v, enum sdc_state st, int k);
bool sdc_frozen(const struct sdc *s, long v);
int sdc_fixed_k(const struct sdc *s, long v); /* the K count v is judged by */

/* From now on every count published so far keeps its state: later counts and sums (another
 * publication that must agree with this one) are protected around them. */
void sdc_freeze(struct sdc *s);

/* Primary suppression: every published count from 1 to k-1 (but frozen ones). */
void sdc_primary(struct sdc *s);

struct sdc_stats {
    size_t primary, secondary; /* hidden counts */
    size_t components;         /* groups of counts tied by sums, with something hidden */
    size_t optimal;            /* of those, the ones whose pattern a search proved smallest */
    size_t fallbacks;          /* zeros or small counts shown as "x" because nothing else could
                                  protect */
    size_t lps;                /* linear programs solved */
    size_t given;              /* counts earlier releases' fixed counts alone give away */
};

/* Secondary suppression: hides the fewest further counts (cells before margins; among
 * equals, the smallest values; never a frozen one) so that no hidden count can be worked out. The fewest is
 * proved by search where a group is small; elsewhere a greedy choice, checked the same way.
 * False when out of memory or the solver fails. */
bool sdc_secondary(struct sdc *s, struct sdc_stats *stats);

/* What a reader can work out of hidden count v from everything shown and every sum: its
 * smallest and largest possible values (hi < 0: no upper limit). */
struct sdc_interval {
    double lo, hi;
};

/* Checks every hidden count: returns how many a reader could work out to a small number (a
 * "<k" to its value, an "x" to one from 1 to k-1; 0: safe), and every hidden count's interval
 * in out[] (indexed by count; may be NULL). -1 when the solver fails or the published counts
 * contradict the sums. */
long sdc_check(const struct sdc *s, struct sdc_interval *out, size_t *lps);

#endif
