/* chart_png.h: the map as a PNG image in memory, for documents that cannot draw it (workbook). */
#ifndef TP_CHART_PNG_H
#define TP_CHART_PNG_H

#include <stdbool.h>
#include <stddef.h>

#include "report/report.h"

/* Draws map chart `index` of r, width x height points at `scale` pixels per point, into a
 * malloc'ed PNG (*png, *size; the caller frees it). False when cairo fails or memory runs out. */
bool map_png(const struct report *r, int index, double width, double height, double scale,
             unsigned char **png, size_t *size);

#endif
