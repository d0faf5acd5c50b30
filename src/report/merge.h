/* merge.h: the reports of several sources, built from one definition, as one document. */
#ifndef TP_MERGE_H
#define TP_MERGE_H

#include <stddef.h>

#include "report/report.h"
#include "util/error.h"

#define MERGE_MAX 16 /* sources in one report */

/* Merges parts[0..n) (2 <= n <= MERGE_MAX, each built by report_build from the same definition) into
 * parts[0], which keeps its cover, title and words; returns it, or NULL (out of memory).
 * Takes every part, on failure too. Each section holds its blocks grouped by the subheading
 * they are under: the subheading once, then each source's blocks under its name (names[k]),
 * then the narrative gaps once. Every table's note and every chart's source line name its
 * source; the manifest lists every source's files, and its run's lines where they differ,
 * each after the source's tag (its [source] NAME). */
struct report *report_merge(struct report *parts[], const char *const names[],
                            const char *const tags[], size_t n, struct tp_error *err);

#endif
