/* protect.h: public mode: the published counts of a run as one system of sums, protected. */
#ifndef TP_PROTECT_H
#define TP_PROTECT_H

#include <stdbool.h>
#include <stdio.h>

#include "util/date.h"
#include "util/error.h"
#include "protect/sdc.h"
#include "count/table.h"

/* Every count a run publishes has a key naming what it counts: "victims|band=0-17|sex=female",
 * "cases|region=08", "cases" (dimensions sorted by name; a total leaves its dimension out).
 * Counts with one key are one count wherever they are printed, so that tables sharing a total
 * are protected together. */
struct protection;

/* cell.hidden of a cell computed from hidden counts (a rate, a share): printed "x". */
#define MARK_DERIVED 4

struct protection *protect_new(int k);
/* For the checker: a system built from printed tables (what a reader sees: "<k" and "x" are
 * unknown counts, totals as their rows print them). */
struct protection *protect_published(int k);
void protect_free(struct protection *p); /* accepts NULL */
int protect_k(const struct protection *p);

/* The routes table as published: routes with fewer than k victims merged into one row per
 * scope ("other", "", "other", internal or international). A new table (NULL: no memory). */
struct table *protect_merge_routes(const struct table *routes, int k);

/* Adds the public tables of ts (the CSV tables of one period) with their totals and every sum
 * among them. scope ("" or "region=08") is added to every key: a regional brief's tables
 * count one region ("touching=08": its routes). printed: false for tables no one sees, whose
 * counts are only unknown parts of sums. The tables are marked (cell.hidden) by protect_run. */
bool protect_tables(struct protection *p, struct tableset *ts, const char *scope, bool printed,
                    struct tp_error *err);

/* The sums across scopes: every count with "region=RR" in its key is one region's part of
 * the count without it (when one was added). Call once, after the tables. */
bool protect_link_regions(struct protection *p, struct tp_error *err);

/* After protect_run: every count added so far keeps its state; tables added later (another
 * publication) are protected around them. */
void protect_freeze(struct protection *p);

/* The period the release counts: the counts of every year are tied to the period's through
 * the years it touches (links.c). */
void protect_period(struct protection *p, struct period period);

/* Published mode: whether the reader assumes each city lies in its cases' region (a link the
 * protection draws wherever the counts allow it; the documents do not promise it). */
void protect_assume_cities(struct protection *p, bool assume);

/* Primary and secondary suppression over everything added; marks the tables' cells. */
bool protect_run(struct protection *p, struct sdc_stats *stats, struct tp_error *err);

/* What a reader sees of the count with this key: SDC_SHOWN, SDC_PRIMARY or SDC_SECONDARY;
 * SDC_UNKNOWN when no published table holds it. */
enum sdc_state protect_state(const struct protection *p, const char *key);

/* The key of measure with the dimensions "name=value" (NULL-terminated), sorted. */
void protect_key(char *out, size_t size, const char *measure, const char *const *dims);

/* The checker: how many hidden counts a reader could work out (0: safe), -1 on failure. */
long protect_check(const struct protection *p);
/* Names each count protect_check finds, and why. */
void protect_explain(const struct protection *p, FILE *f);

#endif
