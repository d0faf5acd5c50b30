/* protect.c: public mode's counts by key, marks, the suppression run, the check, routes. */
#include "protect/protect.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protect/links.h"
#include "protect/system.h"
#include "util/grow.h"

struct protection *protect_new(int k)
{
    struct protection *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->k = k;
    p->s = sdc_new(k);
    if (p->s)
        sdc_loose(p->s, false);
    p->keys = strmap_new();
    p->region_codes = strmap_new();
    if (!p->s || !p->keys || !p->region_codes) {
        protect_free(p);
        return NULL;
    }
    return p;
}

void protect_free(struct protection *p)
{
    if (!p)
        return;
    sdc_free(p->s);
    free(p->printed);
    strmap_free(p->keys);
    strmap_free(p->region_codes);
    free(p->marks);
    free(p);
}

int protect_k(const struct protection *p) { return p->k; }

struct protection *protect_published(int k)
{
    struct protection *p = protect_new(k);
    if (p) {
        p->published = true;
        sdc_loose(p->s, true);
    }
    return p;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void protect_key(char *out, size_t size, const char *measure, const char *const *dims)
{
    const char *d[12];
    size_t n = 0;
    for (; dims && dims[n] && n < 12; n++)
        d[n] = dims[n];
    qsort(d, n, sizeof *d, cmp_str);
    size_t o = (size_t)snprintf(out, size, "%s", measure);
    for (size_t i = 0; i < n && o < size; i++)
        o += (size_t)snprintf(out + o, size - o, "|%s", d[i]);
}

bool sys_fail(struct protection *p, const char *what, const char *key)
{
    if (!p->failed)
        tp_fail(p->err, TP_ERR_NOMEM, NULL, 0, NULL, "public mode: %s: %s", what, key);
    p->failed = true;
    return false;
}

/* The count with this key (made with value and role when new). A count met twice must have
 * one value: two tables that disagree would be a bug in the tables. */
long sys_count(struct protection *p, const char *key, uint64_t value, enum sdc_role role)
{
    char canon[700];
    key = links_canon(key, canon, sizeof canon);
    bool added;
    long e = strmap_intern(p->keys, key, strlen(key), 0, &added);
    if (e < 0) {
        sys_fail(p, "out of memory", key);
        return -1;
    }
    if (p->unprinted)
        role = SDC_FREE;
    if (!added) {
        long v = (long)strmap_value(p->keys, e);
        if (sdc_value(p->s, v) != value && !p->published) {
            sys_fail(p, "two tables disagree on", key);
            return -1;
        }
        /* Printed as a cell anywhere makes it a cell; printed at all, no longer unknown; the
         * difference of printed counts, no longer free. */
        enum sdc_role was = sdc_role_of(p->s, v);
        bool printed = was == SDC_CELL || was == SDC_MARGIN;
        if (role == SDC_CELL || (role == SDC_MARGIN && !printed) ||
            (role == SDC_IMPLIED && was == SDC_FREE))
            sdc_role(p->s, v, role);
        return v;
    }
    long v = sdc_var(p->s, value, role);
    if (v < 0) {
        sys_fail(p, "out of memory", key);
        return -1;
    }
    strmap_set(p->keys, e, (uint32_t)v);
    return v;
}

/* Published mode: count v is printed as cell cl (shown, or hidden as its mark says). A count
 * printed shown in one place and hidden in another is given away. */
bool sys_print_as(struct protection *p, long v, const struct cell *cl)
{
    if (!p->published || p->unprinted || (!cl->hidden && cl->kind != CELL_INT))
        return true; /* a blank: this row has no such count */
    if ((size_t)v >= p->nprinted) {
        size_t n = sdc_count(p->s) + 256;
        uint8_t *x = realloc(p->printed, n);
        if (!x)
            return sys_fail(p, "out of memory", "printed");
        memset(x + p->nprinted, 0, n - p->nprinted);
        p->printed = x;
        p->nprinted = n;
    }
    if (cl->hidden) {
        p->printed[v] |= 2;
        if (sdc_state(p->s, v) == SDC_SHOWN)
            sdc_hide(p->s, v, cl->hidden == 1 ? SDC_PRIMARY : SDC_SECONDARY);
    } else {
        p->printed[v] |= 1;
        sdc_set_value(p->s, v, cl->kind == CELL_INT ? cl->v.i : 0);
    }
    return true;
}

long sys_lookup(const struct protection *p, const char *key)
{
    char canon[700];
    key = links_canon(key, canon, sizeof canon);
    long e = strmap_find(p->keys, key, strlen(key));
    return e < 0 ? -1 : (long)strmap_value(p->keys, e);
}

bool sys_key(const struct protection *p, size_t e, char *out, size_t size)
{
    size_t len;
    const char *key = strmap_key(p->keys, (long)e, &len);
    if (len >= size)
        return false;
    memcpy(out, key, len);
    out[len] = '\0';
    return true;
}

bool sys_mark(struct protection *p, struct mark m)
{
    if (!grow((void **)&p->marks, &p->mcap, p->nmarks, sizeof *p->marks, 256))
        return sys_fail(p, "out of memory", "marks");
    p->marks[p->nmarks++] = m;
    return true;
}

/* total = parts + the rest: a count printed nowhere that a reader may work out as a difference
 * (keyed "rest=name" under the total's key), which must not be small. */
bool sys_rest(struct protection *p, const char *total_key, long total, const long *parts,
                     size_t n, const char *name)
{
    char key[600];
    snprintf(key, sizeof key, "%s|rest=%s", total_key, name);
    uint64_t v = sdc_value(p->s, total);
    long all[8];
    for (size_t i = 0; i < n && i < 7; i++) {
        v -= p->published ? 0 : sdc_value(p->s, parts[i]);
        all[i] = parts[i];
    }
    long rest = sys_count(p, key, p->published ? 0 : v, SDC_IMPLIED);
    if (rest < 0)
        return false;
    all[n < 7 ? n : 7] = rest;
    return sdc_sum(p->s, total, all, (n < 7 ? n : 7) + 1) ||
           sys_fail(p, "a rest that does not add up", key);
}

long sys_marked(const struct protection *p, const struct table *t, size_t r, int col)
{
    for (size_t mk = p->nmarks; mk-- > 0;)
        if (p->marks[mk].t == t && p->marks[mk].row == r && p->marks[mk].col == col)
            return p->marks[mk].var;
    return -1;
}

int sys_col(const struct table *t, const char *name)
{
    for (int c = 0; c < t->ncols; c++)
        if (!strcmp(t->cols[c], name))
            return c;
    return -1;
}

const char *sys_text(const struct table *t, size_t r, int c)
{
    const struct cell *cl = table_cell(t, r, c);
    if (cl->kind == CELL_INT) { /* a year, read back as a number */
        static char buf[4][32];
        static int i;
        char *b = buf[i++ % 4];
        snprintf(b, sizeof buf[0], "%llu", (unsigned long long)cl->v.i);
        return b;
    }
    return table_cell_text(t, cl);
}

uint64_t sys_num(const struct table *t, size_t r, int c)
{
    const struct cell *cl = table_cell(t, r, c);
    return cl->kind == CELL_INT ? cl->v.i : 0;
}


/* ---- the tables --------------------------------------------------------------------------- */

/* Published mode: the period the printed summary says (period_from, period_to). */
static void period_of_summary(struct protection *p, const struct table *t)
{
    for (size_t r = 0; r < t->nrows; r++) {
        const char *m = sys_text(t, r, 0), *v = sys_text(t, r, 1);
        tp_date d;
        if (date_parse(v, strlen(v), &d) != DATE_OK)
            continue;
        if (!strcmp(m, "period_from"))
            p->period.from = d;
        else if (!strcmp(m, "period_to"))
            p->period.to = d;
    }
}

bool protect_tables(struct protection *p, struct tableset *ts, const char *scope, bool printed,
                    struct tp_error *err)
{
    p->err = err;
    p->unprinted = !printed;
    /* Every table is one the definitions describe: none is published unprotected. */
    for (size_t j = 0; j < ts->n; j++)
        if (!tabledef_find(ts->t[j]->name))
            return sys_fail(p, "a table no definition describes", ts->t[j]->name);
    /* The tables by dimensions, in the definitions' order ... */
    for (size_t i = 0; i < ntabledefs && !p->failed; i++) {
        const struct tabledef *d = &tabledefs[i];
        if (d->rows || tabledef_first_count(d) < 0)
            continue;
        for (size_t j = 0; j < ts->n; j++)
            if (!strcmp(ts->t[j]->name, d->name)) {
                ts->t[j]->public_k = (uint8_t)p->k;
                cube_add(p, ts->t[j], d, scope);
            }
    }
    /* ... then the keyed rows, whose sums reach the others' counts, and the foreign. */
    for (size_t j = 0; j < ts->n && !p->failed; j++) {
        struct table *t = ts->t[j];
        const struct tabledef *d = tabledef_find(t->name);
        if (!links_names(p, t, d))
            return false;
        if (p->published && !scope[0] && !strcmp(t->name, "summary"))
            period_of_summary(p, t);
        if (d->rows) {
            t->public_k = (uint8_t)p->k;
            rows_add(p, t, d, scope);
        } else {
            rows_foreign(p, t, d, scope);
        }
    }
    p->unprinted = false;
    return !p->failed;
}

void protect_freeze(struct protection *p) { sdc_freeze(p->s); }
void protect_period(struct protection *p, struct period period) { p->period = period; }
void protect_assume_cities(struct protection *p, bool assume) { p->assume_cities = assume; }

struct link {
    long base, part, entry; /* counts; the base's key entry */
};

static int cmp_link(const void *a, const void *b)
{
    const struct link *x = a, *y = b;
    return x->base != y->base ? (x->base > y->base) - (x->base < y->base)
                              : (x->part > y->part) - (x->part < y->part);
}

bool protect_link_regions(struct protection *p, struct tp_error *err)
{
    p->err = err;
    size_t n = strmap_count(p->keys);
    struct link *l = malloc((n ? n : 1) * sizeof *l);
    if (!l)
        return sys_fail(p, "out of memory", "regions");
    size_t nl = 0;
    char base[512];
    for (size_t e = 0; e < n; e++) {
        size_t len;
        const char *key = strmap_key(p->keys, (long)e, &len);
        const char *at = NULL;
        for (const char *c = memchr(key, '|', len); c; c = memchr(c + 1, '|', len - (size_t)(c + 1 - key)))
            if ((size_t)(key + len - c) > 8 && !memcmp(c, "|region=", 8)) {
                at = c;
                break;
            }
        if (!at || len >= sizeof base)
            continue;
        const char *end = memchr(at + 1, '|', len - (size_t)(at + 1 - key));
        size_t cut = (size_t)((end ? end : key + len) - at), head = (size_t)(at - key);
        memcpy(base, key, head);
        memcpy(base + head, at + cut, len - head - cut);
        long b = strmap_find(p->keys, base, len - cut);
        if (b >= 0)
            l[nl++] = (struct link){(long)strmap_value(p->keys, b),
                                    (long)strmap_value(p->keys, (long)e), b};
    }
    qsort(l, nl, sizeof *l, cmp_link);
    long parts[64]; /* a region each */
    for (size_t i = 0; i < nl && !p->failed;) {
        size_t np = 0, j = i;
        for (; j < nl && l[j].base == l[i].base; j++)
            if (np < sizeof parts / sizeof *parts)
                parts[np++] = l[j].part;
        if (j - i > np || !sdc_sum(p->s, l[i].base, parts, np)) {
            size_t klen;
            const char *k = strmap_key(p->keys, l[i].entry, &klen);
            snprintf(base, sizeof base, "%.*s", (int)klen, k);
            sys_fail(p, "the regions do not add up to the country", base);
        }
        i = j;
    }
    free(l);
    return !p->failed;
}

bool protect_run(struct protection *p, struct sdc_stats *stats, struct tp_error *err)
{
    p->err = err;
    if (p->failed)
        return false;
    sdc_primary(p->s);
    if (!sdc_secondary(p->s, stats))
        return sys_fail(p, "the suppression failed", "out of memory or solver error");
    for (size_t i = 0; i < p->nmarks; i++) {
        const struct mark *m = &p->marks[i];
        int st;
        if (m->var >= 0) {
            st = sdc_state(p->s, m->var);
        } else {
            bool hid = sdc_state(p->s, m->from) != SDC_SHOWN ||
                       (m->from2 >= 0 && sdc_state(p->s, m->from2) != SDC_SHOWN);
            st = hid ? MARK_DERIVED : SDC_SHOWN;
        }
        table_hide(m->t, m->row, m->col, st);
    }
    return true;
}

enum sdc_state protect_state(const struct protection *p, const char *key)
{
    long v = sys_lookup(p, key);
    return v < 0 ? SDC_UNKNOWN : sdc_state(p->s, v);
}

void protect_explain(const struct protection *p, FILE *f)
{
    size_t n = sdc_count(p->s);
    struct sdc_interval *iv = calloc(n ? n : 1, sizeof *iv);
    const char **key = calloc(n ? n : 1, sizeof *key);
    size_t *len = calloc(n ? n : 1, sizeof *len);
    if (!iv || !key || !len || sdc_check(p->s, iv, NULL) < 0) {
        fprintf(f, "cannot explain: out of memory or no solution\n");
    } else {
        for (size_t e = 0; e < strmap_count(p->keys); e++) {
            long v = (long)strmap_value(p->keys, (long)e);
            key[v] = strmap_key(p->keys, (long)e, &len[v]);
        }
        for (size_t v = 0; v < n; v++) {
            enum sdc_state st = sdc_state(p->s, (long)v);
            bool given = p->published && v < p->nprinted && p->printed[v] == 3;
            bool implied = sdc_role_of(p->s, (long)v) == SDC_IMPLIED;
            bool hid = st == SDC_PRIMARY || st == SDC_SECONDARY || implied;
            bool pinned = hid && iv[v].hi >= 0 && iv[v].hi - iv[v].lo < 1 - 1e-6 &&
                          (st == SDC_PRIMARY && !implied
                               ? p->k != 2
                               : iv[v].lo > 0.5 && iv[v].lo < p->k - 0.5);
            if (given)
                fprintf(f, "  %.*s: printed hidden in one place and shown in another\n",
                        (int)len[v], key[v] ? key[v] : "?");
            else if (pinned && implied)
                fprintf(f, "  %.*s: printed nowhere, but it can be worked out: %.0f\n",
                        (int)len[v], key[v] ? key[v] : "?", iv[v].lo);
            else if (pinned)
                fprintf(f, "  %.*s: hidden as %s, but it can only be %.0f\n", (int)len[v],
                        key[v] ? key[v] : "?", st == SDC_PRIMARY ? "<k" : "x", iv[v].lo);
        }
    }
    free(iv);
    free(key);
    free(len);
}

long protect_check(const struct protection *p)
{

    long given_away = 0;
    for (size_t v = 0; p->published && v < p->nprinted; v++)
        given_away += p->printed[v] == 3;
    long r = sdc_check(p->s, NULL, NULL);
    return r < 0 ? r : r + given_away;
}

/* ---- routes ------------------------------------------------------------------------------- */

struct table *protect_merge_routes(const struct table *routes, int k)
{
    struct table *t = table_new(routes->name, routes->ncols, routes->cols);
    uint64_t cases[2] = {0, 0}, victims[2] = {0, 0}; /* internal, international */
    bool merged[2] = {false, false};
    for (size_t r = 0; t && r < routes->nrows; r++) {
        if (sys_num(routes, r, 5) < (uint64_t)k) {
            int s = !strcmp(sys_text(routes, r, 3), "international");
            cases[s] += sys_num(routes, r, 4);
            victims[s] += sys_num(routes, r, 5);
            merged[s] = true;
            continue;
        }
        size_t n = table_row(t, NULL);
        for (int c = 0; c < 4; c++)
            table_text(t, n, c, sys_text(routes, r, c));
        table_int(t, n, 4, sys_num(routes, r, 4));
        table_int(t, n, 5, sys_num(routes, r, 5));
    }
    for (int s = 0; t && s < 2; s++) {
        if (!merged[s])
            continue;
        size_t n = table_row(t, NULL);
        table_text(t, n, 0, "other");
        table_text(t, n, 1, "");
        table_text(t, n, 2, "other");
        table_text(t, n, 3, s ? "international" : "internal");
        table_int(t, n, 4, cases[s]);
        table_int(t, n, 5, victims[s]);
    }
    return t;
}
