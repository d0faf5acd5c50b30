/* change.h: when a change from the previous period is shown as a percentage (one rule). */
#ifndef TP_CHANGE_H
#define TP_CHANGE_H

#include <stdbool.h>

/* A percentage of a base under this says nothing ("+2 450 %" on 2): such a change is shown
 * only as a difference in counts, in every document and in the workbook's formulas. */
#define CHANGE_PCT_MIN_BASE 20

bool change_pct_shown(double base);

#endif
