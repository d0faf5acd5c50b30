/* chart_cairo.h: draws chart and map drawings with cairo, text laid out with pango. */
#ifndef TP_CHART_CAIRO_H
#define TP_CHART_CAIRO_H

#include <cairo.h>

#include "report/chart.h"
#include "report/map_drawing.h"

#define FONT_FAMILY "DejaVu Sans"

/* Text widths measured with pango on cr's font map. */
struct measure cairo_measure(cairo_t *cr);

/* How far under a line's top its baseline lies, in points, for text set as the drawers set it
 * (for a writer that places text by its baseline, such as SVG's). */
double cairo_text_baseline(cairo_t *cr, double size, bool bold, bool italic);

/* Draws with the drawing's top-left corner at (x, y). */
void draw_chart(cairo_t *cr, const struct drawing *d, double x, double y);
void draw_map(cairo_t *cr, const struct map_drawing *m, double x, double y);

#endif
