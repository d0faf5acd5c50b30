/* links.c: the sums a reader draws across tables, from the keys' declared links (keydefs). */
#include "protect/links.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/tables.h"
#include "protect/system.h"

#define PARTS 32

/* A key cut at '|': parts[0] is the measure. Pointers into buf. */
struct kparts {
    char buf[600];
    const char *p[PARTS];
    int n;
};

static bool split(const char *key, struct kparts *k)
{
    if (strlen(key) >= sizeof k->buf)
        return false;
    strcpy(k->buf, key);
    k->n = 0;
    for (char *s = k->buf, *bar; s && k->n < PARTS; s = bar ? bar + 1 : NULL) {
        bar = strchr(s, '|');
        if (bar)
            *bar = '\0';
        k->p[k->n++] = s;
    }
    return k->n < PARTS;
}

/* The part "key=..." of k (its index), or -1. */
static int part_of(const struct kparts *k, const char *key)
{
    size_t n = strlen(key);
    for (int i = 1; i < k->n; i++)
        if (!strncmp(k->p[i], key, n) && k->p[i][n] == '=')
            return i;
    return -1;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* k's parts but skip (-1: none), with more (NULL-terminated) added, as a sorted key. */
static void join(const struct kparts *k, int skip, const char *const *more, char *out,
                 size_t size)
{
    const char *d[PARTS + 4];
    size_t n = 0;
    for (int i = 1; i < k->n; i++)
        if (i != skip)
            d[n++] = k->p[i];
    for (; more && *more && n < sizeof d / sizeof *d; more++)
        d[n++] = *more;
    qsort(d, n, sizeof *d, cmp_str);
    size_t o = (size_t)snprintf(out, size, "%s", k->p[0]);
    for (size_t i = 0; i < n && o < size; i++)
        if (!i || strcmp(d[i], d[i - 1])) /* a part said twice is said once */
            o += (size_t)snprintf(out + o, size - o, "|%s", d[i]);
}

/* ---- one count under two names ----------------------------------------------------------- */

/* The parts that name the same people as "ucat=NAME": "minor=M", "sex=S" when one pair of sex
 * and minor makes the category (UNODC's unknown is many pairs: none). */
static bool category_same(const char *name, char *minor, char *sex, size_t size)
{
    int found = 0;
    for (int c = 0; c < UNODC_N; c++) {
        if (strcmp(unodc_category_name(c), name))
            continue;
        for (int s = 0; s <= vocabs[V_SEX].ncodes; s++)
            for (int m = MINOR_YES; m <= MINOR_UNKNOWN; m++)
                if ((int)unodc_category(s, m) == c) {
                    snprintf(sex, size, "sex=%s", vocab_code_name(V_SEX, s));
                    snprintf(minor, size, "minor=%s", vocab_code_name(V_YESNO, m));
                    found++;
                }
    }
    return found == 1;
}

/* The exploitation codes that make UNODC's form NAME; their number (0: no such form). */
static int form_sources(const char *name, int *codes, int max)
{
    int f = -1, n = 0;
    for (int i = 0; i < UF_N; i++)
        if (!strcmp(unodc_form_name(i), name))
            f = i;
    for (int e = 0; f >= 0 && e <= EXP_N; e++)
        if (unodc_form_of(e) == f && n < max)
            codes[n++] = e;
    return n;
}

/* A band's ages from its label: "0-17", "31+" (false: "unknown"). */
static bool band_ages(const char *label, int *lo, int *hi)
{
    char plus;
    if (sscanf(label, "%d-%d", lo, hi) == 2)
        return true;
    if (sscanf(label, "%d%c", lo, &plus) == 2 && plus == '+') {
        *hi = AGE_MAX;
        return true;
    }
    return false;
}

const char *links_canon(const char *key, char *out, size_t size)
{
    struct kparts k;
    if (!strchr(key, '=') || !split(key, &k))
        return key;
    for (int i = 1; i < k.n; i++) {
        const char *eq = strchr(k.p[i], '=');
        if (!eq)
            continue;
        char a[64], b[64];
        const char *more[3] = {a, NULL, NULL};
        if (!strncmp(k.p[i], "ucat=", 5)) {
            if (!category_same(eq + 1, a, b, sizeof a))
                continue;
            more[1] = b;
        } else if (!strncmp(k.p[i], "uform=", 6)) {
            int codes[EXP_N + 1];
            if (form_sources(eq + 1, codes, EXP_N + 1) != 1)
                continue;
            snprintf(a, sizeof a, "form=%s", vocab_code_name(V_EXPLOITATION, codes[0]));
        } else if (!strncmp(k.p[i], "band=", 5)) {
            /* The band 0-17 holds every minor and only minors: it is minor=yes; 18+ likewise. */
            int lo, hi;
            if (!band_ages(eq + 1, &lo, &hi) || !((lo == 0 && hi == 17) || (lo == 18 && hi == AGE_MAX)))
                continue;
            snprintf(a, sizeof a, "minor=%s", vocab_code_name(V_YESNO, lo ? MINOR_NO : MINOR_YES));
        } else {
            continue;
        }
        join(&k, i, more, out, size);
        return links_canon(out, out, size);
    }
    return key;
}

/* ---- sums across tables ------------------------------------------------------------------- */

/* total = parts + one more count printed nowhere, keyed total's key with "|name" (name is said
 * once per link: a link met again is not added twice). A reader knows the new count is 0 or
 * more. Skipped when the values say the link does not hold (parts above the total). */
bool links_tie(struct protection *p, const char *total_key, long total, const long *parts,
                size_t n, const char *name)
{
    char key[700];
    snprintf(key, sizeof key, "%s|%s", total_key, name);
    if (sys_lookup(p, key) >= 0)
        return true;
    uint64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += sdc_value(p->s, parts[i]);
    uint64_t t = sdc_value(p->s, total);
    if (!p->published && sum > t)
        return true;
    long all[PARTS + 1];
    if (n > PARTS)
        return true;
    memcpy(all, parts, n * sizeof *parts);
    long rest = sys_count(p, key, p->published ? 0 : t - sum, SDC_FREE);
    if (rest < 0)
        return false;
    all[n] = rest;
    return sdc_sum(p->s, total, all, n + 1) || sys_fail(p, "a link that does not add up", key);
}

/* The count of k's parts but skip, with one more part; -1 when no table has it. */
static long with(const struct protection *p, const struct kparts *k, int skip, const char *part)
{
    char key[700], canon[700];
    const char *more[] = {part, NULL};
    join(k, skip, more, key, sizeof key);
    return sys_lookup(p, links_canon(key, canon, sizeof canon));
}

/* minor=yes (no) = the bands wholly under (over) 18 + the minors (adults) in no band: words
 * such as "menor", which a band of 0-5 cannot hold. Bands from the keys, as a reader has them. */
static bool link_bands(struct protection *p, const struct kparts *k, int at, long v,
                       const char *key, const char *const *labels, size_t nlabels)
{
    bool minor = !strcmp(k->p[at], "minor=yes");
    if (!minor && strcmp(k->p[at], "minor=no"))
        return true;
    long parts[PARTS];
    size_t n = 0;
    for (size_t i = 0; i < nlabels; i++) {
        int lo, hi;
        if (!band_ages(labels[i], &lo, &hi) || (minor ? hi >= 18 : lo < 18))
            continue;
        char part[64];
        snprintf(part, sizeof part, "band=%s", labels[i]);
        long b = with(p, k, at, part);
        if (b < 0 || b == v || n == PARTS)
            return true; /* a band no table has here, or the one that is the minors */
        parts[n++] = b;
    }
    return !n || links_tie(p, key, v, parts, n, "bandrest");
}

/* A UNODC form is at least each of our forms it is made of, and at most their sum. */
static bool link_union(struct protection *p, const struct kparts *k, int at, long v,
                       const char *key)
{
    int codes[EXP_N + 1];
    int n = form_sources(strchr(k->p[at], '=') + 1, codes, EXP_N + 1);
    if (n < 2)
        return true;
    long parts[PARTS];
    int found = 0;
    for (int i = 0; i < n && i < PARTS; i++) {
        char part[80], name[96];
        snprintf(part, sizeof part, "form=%s", vocab_code_name(V_EXPLOITATION, codes[i]));
        if ((parts[found] = with(p, k, at, part)) < 0)
            continue;
        snprintf(name, sizeof name, "over=%s", part + 5);
        if (!links_tie(p, key, v, &parts[found], 1, name))
            return false;
        found++;
    }
    if (found < n)
        return true;
    char sum_key[700];
    snprintf(sum_key, sizeof sum_key, "%s|formsum", key);
    if (sys_lookup(p, sum_key) >= 0)
        return true;
    uint64_t sum = 0;
    for (int i = 0; i < found; i++)
        sum += sdc_value(p->s, parts[i]);
    long t = sys_count(p, sum_key, p->published ? 0 : sum, SDC_FREE);
    return t >= 0 && (sdc_sum(p->s, t, parts, (size_t)found) ||
                      sys_fail(p, "a union that does not add up", sum_key)) &&
           links_tie(p, sum_key, t, &v, 1, "under");
}

/* Whether k counts people or cases by what they are: no part of a sum's machinery (a slack,
 * a rest, a link's own count). */
static bool counts_people(const struct kparts *k)
{
    for (int i = 1; i < k->n; i++)
        if (!strchr(k->p[i], '=') || !strncmp(k->p[i], "rest=", 5) ||
            !strncmp(k->p[i], "over=", 5))
            return false;
    return true;
}

bool links_names(struct protection *p, const struct table *t, const struct tabledef *d)
{
    for (int c = 0; c + 1 < d->ncols; c++) {
        if (d->cols[c].role != ROLE_DIM || !d->cols[c].key || strcmp(d->cols[c].key, "region") ||
            d->cols[c + 1].role != ROLE_LABEL)
            continue;
        for (size_t r = 0; r < t->nrows; r++) {
            const char *name = sys_text(t, r, c + 1);
            int code = atoi(sys_text(t, r, c));
            bool added;
            if (code > 0 &&
                strmap_intern(p->region_codes, name, strlen(name), (uint32_t)code, &added) < 0)
                return sys_fail(p, "out of memory", "regions");
        }
    }
    return true;
}

/* A city's cases lie within its region's: each region's count is its cities' and the rest, a
 * count of its cases in no known city; those rests lie within the unknown city's count. */
static bool link_cities(struct protection *p)
{
    if (p->published && !p->assume_cities) /* no bound a reader may rely on (docs) */
        return true;
    size_t n = strmap_count(p->keys);
    for (size_t e = 0; e < n && !p->failed; e++) {
        char key[600], unknown_key[700];
        struct kparts k;
        int at;
        if (!sys_key(p, e, key, sizeof key) || !split(key, &k) || !counts_people(&k) || (at = part_of(&k, "city")) < 0 ||
            strcmp(k.p[at], "city=unknown/unknown"))
            continue;
        snprintf(unknown_key, sizeof unknown_key, "%s", key);
        long unknown = (long)strmap_value(p->keys, (long)e), rests[PARTS];
        size_t nrests = 0;
        /* The cities of the same other parts, by their region's code. */
        enum { CODES = 100, PER = 24 };
        long cities[CODES][PER];
        size_t nc[CODES] = {0};
        char b[700];
        join(&k, at, NULL, b, sizeof b);
        for (size_t f = 0; f < n; f++) {
            char other[600], a[700];
            struct kparts o;
            int oat;
            if (!sys_key(p, f, other, sizeof other) || !strstr(other, "|city=") || !split(other, &o) || o.n != k.n || (oat = part_of(&o, "city")) < 0)
                continue;
            const char *slash = strrchr(o.p[oat], '/');
            long ce = slash ? strmap_find(p->region_codes, slash + 1, strlen(slash + 1)) : -1;
            long rc = ce < 0 ? -1 : (long)strmap_value(p->region_codes, ce);
            join(&o, oat, NULL, a, sizeof a);
            if (rc > 0 && rc < CODES && nc[rc] < PER && !strcmp(a, b))
                cities[rc][nc[rc]++] = (long)strmap_value(p->keys, (long)f);
        }
        for (long code = 1; code < CODES; code++) {
            char part[32], region_key[700], rest_key[720];
            snprintf(part, sizeof part, "region=%02ld", code);
            const char *more[] = {part, NULL};
            join(&k, at, more, region_key, sizeof region_key);
            long region = sys_lookup(p, region_key);
            if (region < 0 || !nc[code])
                continue;
            if (!links_tie(p, region_key, region, cities[code], nc[code], "cityrest"))
                return false;
            snprintf(rest_key, sizeof rest_key, "%s|cityrest", region_key);
            long rest = sys_lookup(p, rest_key);
            if (rest >= 0 && nrests < PARTS)
                rests[nrests++] = rest;
        }
        if (nrests && nrests <= PARTS && !links_tie(p, unknown_key, unknown, rests, nrests, "regionrest"))
            return false;
    }
    return !p->failed;
}

/* A count of the period (cases, victims, psuspects) is at least the same count of the years
 * wholly inside it and at most that of the years it touches (all_cases, all_victims,
 * suspects: by year, whatever the period); as many when it is whole years. */
static bool link_years(struct protection *p, const struct kparts *k, long v, const char *key,
                       const char *all_years)
{
    struct period pr = p->period;
    if (!pr.from || !pr.to)
        return true;
    int y1 = date_year(pr.from), y2 = date_year(pr.to);
    long touched[PARTS], inside[PARTS];
    size_t nt = 0, ni = 0;
    uint64_t sum = 0, sum_inside = 0;
    struct kparts all = *k;
    all.p[0] = all_years;
    for (int y = y1; y <= y2 && nt < PARTS; y++) {
        char part[32];
        snprintf(part, sizeof part, "year=%d", y);
        long w = with(p, &all, -1, part);
        if (w < 0)
            continue;
        touched[nt++] = w;
        sum += sdc_value(p->s, w);
        if (date_make(y, 1, 1) >= pr.from && date_make(y, 12, 31) <= pr.to) {
            inside[ni++] = w;
            sum_inside += sdc_value(p->s, w);
        }
    }
    if (!nt || (!p->published && (sum < sdc_value(p->s, v) || sum_inside > sdc_value(p->s, v))))
        return true; /* no year printed, or the values say the link does not hold */
    if (ni && !links_tie(p, key, v, inside, ni, "yearsin"))
        return false;
    char sum_key[700];
    snprintf(sum_key, sizeof sum_key, "%s|years", key);
    if (sys_lookup(p, sum_key) >= 0)
        return true;
    long t = sys_count(p, sum_key, p->published ? 0 : sum, SDC_FREE);
    return t >= 0 &&
           (sdc_sum(p->s, t, touched, nt) || sys_fail(p, "years that do not add up", sum_key)) &&
           links_tie(p, sum_key, t, &v, 1, "touched");
}

/* A count split by sex and by minor (UNODC's categories, the forms by sex and minor): a
 * sex's count is its minors, adults and those of unknown age; a minor's (adult's), its
 * women, men and those of unknown sex. Exact when every value is printed, else at least. */
static bool link_split(struct protection *p, const struct kparts *k, long v, const char *key,
                       const char *have, const char *split_by, int vocab)
{
    if (part_of(k, have) < 0 || part_of(k, split_by) >= 0)
        return true;
    long parts[8];
    size_t n = 0;
    uint64_t sum = 0;
    int values = vocabs[vocab].ncodes + 1; /* and unknown */
    for (int c = 0; c < values && n < 8; c++) {
        char part[64];
        snprintf(part, sizeof part, "%s=%s", split_by, vocab_code_name(vocab, c));
        long w = with(p, k, -1, part);
        if (w >= 0 && w != v) {
            parts[n++] = w;
            sum += sdc_value(p->s, w);
        }
    }
    if (n < 2)
        return true;
    if ((int)n == values && (p->published || sum == sdc_value(p->s, v)))
        return sdc_sum(p->s, v, parts, n) || sys_fail(p, "a split that does not add up", key);
    return links_tie(p, key, v, parts, n, split_by[0] == 's' ? "sexrest" : "agerest");
}

/* Every victim has at least one form (ours or UNODC's: an unknown one when none is written):
 * the count of each form is at most the victims', their sum at least it. */
static bool link_forms(struct protection *p, const struct kparts *k, long v, const char *key,
                       bool unodc)
{
    const char *dim = unodc ? "uform" : "form";
    if (part_of(k, "form") >= 0 || part_of(k, "uform") >= 0)
        return true;
    long parts[EXP_N + 2];
    size_t n = 0;
    uint64_t sum = 0;
    int values = unodc ? UF_N : EXP_N + 1;
    for (int c = 0; c < values; c++) {
        char part[80];
        snprintf(part, sizeof part, "%s=%s", dim,
                 unodc ? unodc_form_name(c) : vocab_code_name(V_EXPLOITATION, c));
        long w = with(p, k, -1, part);
        if (w < 0)
            return true; /* a form no table prints here: no sum */
        parts[n++] = w;
        sum += sdc_value(p->s, w);
    }
    char sum_key[700];
    snprintf(sum_key, sizeof sum_key, "%s|%ssum", key, dim);
    if (sys_lookup(p, sum_key) >= 0)
        return true;
    if (!p->published && sum < sdc_value(p->s, v))
        return true;
    for (size_t i = 0; i < n; i++) { /* each form at most the victims */
        char name[96];
        snprintf(name, sizeof name, "%swithin=%zu", dim, i);
        if (!links_tie(p, key, v, &parts[i], 1, name))
            return false;
    }
    long t = sys_count(p, sum_key, p->published ? 0 : sum, SDC_FREE);
    return t >= 0 && (sdc_sum(p->s, t, parts, n) || sys_fail(p, "forms that do not add up", sum_key)) &&
           links_tie(p, sum_key, t, &v, 1, "atleast");
}

/* UNODC's unknown category is the victims of unknown sex or unknown age: wherever a count is
 * split by sex and by minor, those pairs add up to its ucat=unknown (made when no table
 * prints it, so that UNODC's forms reach it through our forms). */
static bool link_unknown_category(struct protection *p)
{
    size_t n = strmap_count(p->keys);
    for (size_t e = 0; e < n && !p->failed; e++) {
        char key[600], once[700], base[700], part[64], pk[700];
        struct kparts k, o;
        int as, am;
        if (!sys_key(p, e, key, sizeof key) || !split(key, &k) || !counts_people(&k) || (as = part_of(&k, "sex")) < 0 ||
            (am = part_of(&k, "minor")) < 0 || strcmp(k.p[as], "sex=unknown") ||
            strcmp(k.p[am], "minor=unknown"))
            continue; /* each base once: from its unknown-unknown count */
        join(&k, as, NULL, once, sizeof once);
        if (!split(once, &o))
            continue;
        join(&o, part_of(&o, "minor"), NULL, base, sizeof base);
        long parts[16];
        size_t np = 0;
        uint64_t sum = 0;
        bool all = true;
        for (int s = 0; s <= vocabs[V_SEX].ncodes && all; s++)
            for (int m = MINOR_YES; m <= MINOR_UNKNOWN && all; m++) {
                if ((int)unodc_category(s, m) != UNODC_UNKNOWN || np == 16)
                    continue;
                snprintf(part, sizeof part, "sex=%s", vocab_code_name(V_SEX, s));
                char mp[32];
                snprintf(mp, sizeof mp, "minor=%s", vocab_code_name(V_YESNO, m));
                const char *more[] = {part, mp, NULL};
                struct kparts b;
                if (!split(base, &b))
                    return true;
                join(&b, -1, more, pk, sizeof pk);
                long w = sys_lookup(p, pk);
                all = w >= 0;
                if (all) {
                    parts[np++] = w;
                    sum += sdc_value(p->s, w);
                }
            }
        if (!all || !np)
            continue;
        links_with(base, "ucat=unknown", pk, sizeof pk);
        long t = sys_lookup(p, pk);
        if (t < 0)
            t = sys_count(p, pk, p->published ? 0 : sum, SDC_FREE);
        if (t < 0)
            return false;
        if (!p->published && sdc_value(p->s, t) != sum)
            continue; /* the values say it does not hold: no link */
        if (!sdc_sum(p->s, t, parts, np))
            return sys_fail(p, "an unknown category that does not add up", pk);
    }
    return !p->failed;
}

bool links_add(struct protection *p, struct tp_error *err)
{
    p->err = err;
    if (!link_unknown_category(p))
        return false;
    size_t n = strmap_count(p->keys);
    /* The bands a reader sees, from the keys. */
    char labels[PARTS][16];
    const char *label_of[PARTS];
    size_t nlabels = 0;
    for (size_t e = 0; e < n; e++) {
        char key[600];
        struct kparts k;
        int at;
        if (!sys_key(p, e, key, sizeof key) || !split(key, &k) || (at = part_of(&k, "band")) < 0)
            continue;
        const char *label = strchr(k.p[at], '=') + 1;
        bool seen = false;
        for (size_t i = 0; i < nlabels; i++)
            seen = seen || !strcmp(labels[i], label);
        if (!seen && nlabels < PARTS && strlen(label) < sizeof labels[0]) {
            strcpy(labels[nlabels], label);
            label_of[nlabels] = labels[nlabels];
            nlabels++;
        }
    }
    for (size_t e = 0; e < n && !p->failed; e++) {
        char key[600];
        if (!sys_key(p, e, key, sizeof key))
            continue;
        long v = (long)strmap_value(p->keys, (long)e);
        struct kparts k;
        int at;
        if (!split(key, &k) || !counts_people(&k))
            continue;
        if ((at = part_of(&k, "minor")) >= 0)
            link_bands(p, &k, at, v, key, label_of, nlabels);
        if ((at = part_of(&k, "uform")) >= 0)
            link_union(p, &k, at, v, key);
        if (!strcmp(k.p[0], "victims") &&
            (!link_forms(p, &k, v, key, false) || !link_forms(p, &k, v, key, true) ||
             !link_split(p, &k, v, key, "minor", "sex", V_SEX) ||
             !link_split(p, &k, v, key, "sex", "minor", V_YESNO)))
            return false;
        /* The period's counts against every year's (by_year, suspects_by_year). */
        static const char *const period_measure[][2] = {
            {"psuspects", "suspects"}, {"cases", "all_cases"}, {"victims", "all_victims"}};
        for (size_t i = 0; i < sizeof period_measure / sizeof *period_measure; i++)
            if (!strcmp(k.p[0], period_measure[i][0]) &&
                !link_years(p, &k, v, key, period_measure[i][1]))
                return false;
    }
    return !p->failed && link_cities(p);
}

void links_with(const char *key, const char *part, char *out, size_t size)
{
    struct kparts k;
    const char *more[] = {part, NULL};
    if (!split(key, &k)) {
        snprintf(out, size, "%s", key);
        return;
    }
    join(&k, -1, more, out, size);
}

bool links_counts_people(const char *key)
{
    struct kparts k;
    return split(key, &k) && counts_people(&k);
}
