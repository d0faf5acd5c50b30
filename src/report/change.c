/* change.c: when a change from the previous period is shown as a percentage (change.h). */
#include "report/change.h"

bool change_pct_shown(double base) { return base >= CHANGE_PCT_MIN_BASE; }
