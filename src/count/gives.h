/* gives.h: what a source gives (a profile's `gives`): the tables it can fill, cell by cell. */
#ifndef TP_GIVES_H
#define TP_GIVES_H

#include <stdbool.h>

#include "count/table.h"
#include "count/tabledef.h"
#include "read/attribution.h" /* GIVES_* */

/* Whether table d is written for a source that gives this: every dimension it breaks counts
 * down by is given, and one of its counts at least. Keyed-row tables and tables of no
 * counts (the files read) always are. */
bool gives_table(const struct tabledef *d, unsigned gives);
/* Empties the cells of t (built from d) that count what the source does not give: a count
 * column of a measure or a fixed breakdown not given, the shares and rates of it, and keyed
 * rows likewise. An empty cell is "not known", never 0. */
void gives_blank(const struct tabledef *d, struct table *t, unsigned gives);

#endif
