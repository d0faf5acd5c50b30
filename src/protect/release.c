/* release.c: a period's public tables, the country's and every region's, protected as one. */
#include "protect/release.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/gives.h"
#include "count/tabledef.h"
#include "count/tables.h"
#include "protect/history.h"
#include "protect/links.h"

/* Routes with fewer than k victims merged, in the tables that list routes. */
static bool merge_routes(struct tableset *ts, int k)
{
    for (size_t i = 0; i < ts->n; i++)
        if (!strcmp(ts->t[i]->name, "routes") || !strcmp(ts->t[i]->name, "routes_region")) {
            struct table *m = protect_merge_routes(ts->t[i], k);
            if (!m)
                return false;
            table_free(ts->t[i]);
            ts->t[i] = m;
        }
    return true;
}

/* Public mode leaves out the tables that are published only in full runs. */
static void drop_full_only(struct tableset *ts)
{
    size_t n = 0;
    for (size_t i = 0; i < ts->n; i++) {
        const struct tabledef *d = tabledef_find(ts->t[i]->name);
        if (d && d->full_only)
            table_free(ts->t[i]);
        else
            ts->t[n++] = ts->t[i];
    }
    ts->n = n;
}

bool release_public_tables(struct tableset *ts, int k)
{
    drop_full_only(ts);
    return merge_routes(ts, k);
}

enum tp_err release_build(struct release *r, const struct agg *a, int p,
                          const struct quality *dq, int k, bool regions,
                          const struct history *h, struct tp_error *err)
{
    memset(r, 0, sizeof *r);
    if (!tables_build(a, &a->period[p], dq, &r->national))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    if (k <= 0)
        return TP_OK;
    if (!(r->prot = protect_new(k)) || !release_public_tables(&r->national, k))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    protect_period(r->prot, a->period[p].period);
    if (!protect_tables(r->prot, &r->national, "", true, err) ||
        !history_add(r->prot, a, p, dq, h, &r->history, err) || !links_add(r->prot, err) ||
        !protect_run(r->prot, &r->stats, err))
        return err->code ? err->code : TP_ERR_NOMEM;
    if (!regions)
        return TP_OK;
    protect_freeze(r->prot);
    for (int g = 0; g <= NREGIONS; g++) {
        char scope[32], touching[32], key[64];
        snprintf(scope, sizeof scope, "region=%02d", g);
        snprintf(touching, sizeof touching, "touching=%02d", g);
        /* A region publishes more than its totals when the report shows both: k or more
         * cases and victims, neither hidden to protect another region. */
        const char *dims[] = {scope, NULL};
        const struct agg_period *ap = &a->by_region[p][g];
        protect_key(key, sizeof key, "cases", dims);
        bool shown = protect_state(r->prot, key) == SDC_SHOWN && ap->cases >= (uint64_t)k;
        protect_key(key, sizeof key, "victims", dims);
        shown &= !(a->gives & GIVES_VICTIMS) || /* victims no table counts (count/gives.h) */
                 (protect_state(r->prot, key) == SDC_SHOWN && ap->victims >= (uint64_t)k);
        r->publishable[g] = g > 0 && shown;
        enum brief_tables full = p == 0 ? BRIEF_ALL : BRIEF_SUMMARY;
        /* The printed tables: a region's brief, or its totals alone. */
        struct tableset *ts = &r->region[g];
        if (g > 0 && (!tables_build_region(a, &a->by_region[p][g], &a->period[p],
                                           shown ? full : BRIEF_TOTALS, ts) ||
                      !merge_routes(ts, k)))
            return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        /* The routes are the country's, not the region's: scoped by the region they touch. */
        struct tableset routes = {0}, counts = *ts;
        if (ts->n && !strcmp(ts->t[ts->n - 1]->name, "routes_region")) {
            counts.n--;
            routes = (struct tableset){&ts->t[ts->n - 1], 1};
        }
        if (!protect_tables(r->prot, &counts, scope, true, err) ||
            !protect_tables(r->prot, &routes, touching, true, err))
            return err->code;
        /* What is not printed of a region (all of the unknown region's) is still its part of
         * the country's counts: there, unknown to a reader. */
        if (g == 0 || !shown) {
            struct tableset u = {0};
            bool ok = tables_build_region(a, &a->by_region[p][g], &a->period[p], full, &u);
            if (ok && u.n && !strcmp(u.t[u.n - 1]->name, "routes_region"))
                table_free(u.t[--u.n]);
            for (size_t i = 0; i < u.n; i++)
                ok = tableset_add(&r->unprinted, u.t[i]) && ok;
            free(u.t);
            struct tableset added = {&r->unprinted.t[r->unprinted.n - u.n], u.n};
            if (!ok)
                return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            if (!protect_tables(r->prot, &added, scope, false, err))
                return err->code;
        }
    }
    if (!links_add(r->prot, err) || !protect_link_regions(r->prot, err) || !protect_run(r->prot, &r->region_stats, err))
        return err->code ? err->code : TP_ERR_NOMEM;
    return TP_OK;
}

void release_free(struct release *r)
{
    tableset_free(&r->national);
    for (int g = 0; g <= NREGIONS; g++)
        tableset_free(&r->region[g]);
    tableset_free(&r->unprinted);
    tableset_free(&r->history);
    protect_free(r->prot);
    memset(r, 0, sizeof *r);
}
