/* history.c: earlier releases of the same data in one protection with a new one. */
#include "protect/history.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/tabledef.h"
#include "count/tables.h"
#include "protect/links.h"
#include "protect/release.h"
#include "protect/system.h"

static bool inside(struct period in, struct period of)
{
    return in.from >= of.from && in.to <= of.to;
}

/* Release r's cells fixed as printed, each under its key with scope added (NULL: as it is);
 * a count of every year under its own key. */
static bool fix_cells(struct protection *p, const struct ledger_release *r, const char *scope,
                      int tables_k, const char *path)
{
    char key[700];
    for (size_t c = 0; c < r->n; c++) {
        const struct ledger_cell *cl = &r->cells[c];
        /* The routes merged below K are other routes in tables of another K. */
        if (r->k != tables_k && strstr(cl->key, "|route=other>"))
            continue;
        bool own = !scope || key_all_years(cl->key);
        if (own)
            snprintf(key, sizeof key, "%s", cl->key);
        else
            links_with(cl->key, scope, key, sizeof key);
        long v = sys_lookup(p, key);
        if (v < 0)
            continue; /* a count this run does not make (another table's, other options) */
        if (cl->state == SDC_SHOWN && sdc_value(p->s, v) != cl->value) {
            char from[11], to[11];
            date_format(r->period.from, from);
            date_format(r->period.to, to);
            tp_fail(p->err, TP_ERR_INPUT, path, 0, NULL,
                    "the release of %s to %s printed %s = %llu, this run counts "
                    "%llu: the data or tipreport's counting changed since (start a new ledger "
                    "with --ledger)", from, to, cl->key, (unsigned long long)cl->value,
                    (unsigned long long)sdc_value(p->s, v));
            p->failed = true;
            return false;
        }
        /* Printed by several releases of one period: the most any of them says (shown, then
         * "<K" of the smallest K, then "x"). */
        if (sdc_frozen(p->s, v) && (sdc_state(p->s, v) == SDC_SHOWN ||
                                    (sdc_state(p->s, v) == SDC_PRIMARY &&
                                     (cl->state == SDC_SECONDARY || sdc_fixed_k(p->s, v) <= r->k))))
            continue;
        if (!own || sdc_role_of(p->s, v) == SDC_FREE || sdc_role_of(p->s, v) == SDC_IMPLIED)
            sdc_role(p->s, v, SDC_MARGIN); /* printed, by that release */
        sdc_fix(p->s, v, (enum sdc_state)cl->state, r->k);
    }
    return true;
}

/* Period pi's tables as a release of threshold k prints them, added unprinted under scope. */
static bool add_tables(struct protection *p, const struct agg *a, int pi,
                       const struct quality *dq, int k, const char *scope,
                       struct tableset *keep, struct tp_error *err)
{
    struct tableset ts = {0};
    bool ok = tables_build(a, &a->period[pi], dq, &ts) && release_public_tables(&ts, k);
    size_t first = keep->n;
    for (size_t i = 0; i < ts.n; i++)
        ok = tableset_add(keep, ts.t[i]) && ok;
    free(ts.t);
    if (!ok)
        return sys_fail(p, "out of memory", scope);
    struct tableset added = {&keep->t[first], keep->n - first};
    return protect_tables(p, &added, scope, false, err);
}

/* The scope of each piece's counts: "piece=J", or none when it is this period, or the scope
 * of the release whose period it is. */
struct pieces {
    char scope[MAX_PERIODS][32];
};

/* Each count of a period (this one, or release N's) = the same count in each piece of it. */
static bool tie_pieces(struct protection *p, const struct agg *a, struct period own,
                       const struct history *h, const struct pieces *ps)
{
    size_t n = strmap_count(p->keys);
    for (size_t e = 0; e < n && !p->failed; e++) {
        char key[600], base[600], piece_key[700];
        if (!sys_key(p, e, key, sizeof key) || strstr(key, "|piece=") || key_all_years(key) || !links_counts_people(key))
            continue;
        struct period of = own;
        char *rel = strstr(key, "|release=");
        snprintf(base, sizeof base, "%s", key);
        if (rel) {
            size_t i = strtoul(rel + 9, NULL, 10);
            if (i >= h->ledger->n)
                continue;
            of = h->ledger->r[i].period;
            char *end = strchr(rel + 1, '|');
            snprintf(base + (rel - key), sizeof base - (size_t)(rel - key), "%s", end ? end : "");
        }
        long v = (long)strmap_value(p->keys, (long)e), parts[MAX_PERIODS];
        size_t np = 0;
        uint64_t sum = 0;
        for (int j = 0; j < h->npieces; j++) {
            if (!inside(a->period[h->piece[j]].period, of))
                continue;
            if (ps->scope[j][0])
                links_with(base, ps->scope[j], piece_key, sizeof piece_key);
            else
                snprintf(piece_key, sizeof piece_key, "%s", base);
            long w = sys_lookup(p, piece_key);
            if (w >= 0 && w != v) {
                parts[np++] = w;
                sum += sdc_value(p->s, w);
            }
        }
        if (!np || (np == 1 && parts[0] == v))
            continue;
        bool exact = sum == sdc_value(p->s, v);
        if (exact ? !sdc_sum(p->s, v, parts, np)
                  : !links_tie(p, key, v, parts, np, "pieces"))
            return sys_fail(p, "pieces that do not add up", key);
    }
    return !p->failed;
}

bool history_add(struct protection *p, const struct agg *a, int pi, const struct quality *dq,
                 const struct history *h, struct tableset *keep, struct tp_error *err)
{
    p->err = err;
    if (!h || !h->ledger)
        return true;
    struct period own = a->period[pi].period;
    bool other = false;
    struct pieces ps;
    for (int j = 0; j < h->npieces; j++) {
        struct period pj = a->period[h->piece[j]].period;
        snprintf(ps.scope[j], sizeof ps.scope[j], "%s", period_same(pj, own) ? "" : "piece=");
        if (ps.scope[j][0])
            snprintf(ps.scope[j], sizeof ps.scope[j], "piece=%d", j);
    }
    for (size_t i = 0; i < h->ledger->n && !p->failed; i++) {
        const struct ledger_release *r = &h->ledger->r[i];
        if (strcmp(r->dataset, h->dataset))
            continue;
        if (period_same(r->period, own)) {
            fix_cells(p, r, NULL, protect_k(p), h->path);
            continue;
        }
        int fi = -1;
        for (int q = 0; q < a->nperiods && fi < 0; q++)
            if (q != pi && period_same(a->period[q].period, r->period))
                fi = q;
        /* Releases of one period are one release's counts: the first one's scope. */
        size_t first = i;
        for (size_t e = 0; e < i; e++)
            if (!strcmp(h->ledger->r[e].dataset, h->dataset) &&
                period_same(h->ledger->r[e].period, r->period) && first == i)
                first = e;
        char scope[32];
        snprintf(scope, sizeof scope, "release=%zu", first);
        if (fi < 0 || !h->npieces) { /* no piece ties it to this period: its all-years counts */
            struct ledger_release only = *r;
            only.n = 0;
            for (size_t c = 0; c < r->n; c++)
                if (key_all_years(r->cells[c].key)) {
                    only.cells = &r->cells[c];
                    only.n = 1;
                    if (!fix_cells(p, &only, NULL, protect_k(p), h->path))
                        return false;
                }
            continue;
        }
        other = true;
        if ((first == i && !add_tables(p, a, fi, dq, r->k, scope, keep, err)) ||
            !fix_cells(p, r, scope, h->ledger->r[first].k, h->path))
            return false;
        for (int j = 0; j < h->npieces; j++)
            if (period_same(a->period[h->piece[j]].period, r->period) &&
                !strncmp(ps.scope[j], "piece=", 6))
                snprintf(ps.scope[j], sizeof ps.scope[j], "%s", scope);
    }
    if (p->failed || !other)
        return !p->failed;
    /* The pieces: counts no one printed, each a difference a reader may take. */
    size_t before = strmap_count(p->keys);
    for (int j = 0; j < h->npieces; j++)
        if (!strncmp(ps.scope[j], "piece=", 6) &&
            !add_tables(p, a, h->piece[j], dq, protect_k(p), ps.scope[j], keep, err))
            return false;
    for (size_t e = before; e < strmap_count(p->keys); e++) {
        char key[600];
        long v = (long)strmap_value(p->keys, (long)e);
        if (!sys_key(p, e, key, sizeof key))
            continue;
        if (sdc_role_of(p->s, v) == SDC_FREE && links_counts_people(key))
            sdc_role(p->s, v, SDC_IMPLIED);
    }
    return tie_pieces(p, a, own, h, &ps);
}
