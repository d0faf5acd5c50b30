/* render_csv.h: tables as plain CSV (UTF-8, comma, header row), and the data-quality list. */
#ifndef TP_RENDER_CSV_H
#define TP_RENDER_CSV_H

#include <stdio.h>

#include "read/quality.h"
#include "count/table.h"

void csv_write_table(FILE *f, const struct table *t);
void csv_write_quality(FILE *f, const struct quality *dq);

#endif
