/* chart_svg.h: chart and map drawings written as inline SVG, with their texts as real text,
 * laid out with the PDF's measures (pango), so that both documents place them alike. */
#ifndef TP_CHART_SVG_H
#define TP_CHART_SVG_H

#include <stdbool.h>

#include "report/chart.h"
#include "report/map_drawing.h"
#include "util/buf.h"

struct svg_pen; /* the measuring context: a PDF surface that writes nowhere */

struct svg_pen *svg_pen_new(void); /* NULL when cairo fails or memory runs out */
void svg_pen_free(struct svg_pen *p); /* accepts NULL */
/* Text widths as the PDF measures them; valid while p lives. */
const struct measure *svg_measure(struct svg_pen *p);

/* Appends an <svg> element of the drawing, in points (its viewBox), named by title and
 * described by desc (role="img": a screen reader reads these, not the drawing's pieces). id
 * (unique in the document) prefixes the element's own ids. False when out of memory. */
bool svg_chart(struct svg_pen *p, struct buf *out, const struct drawing *d, const char *id,
               const char *title, const char *desc);
bool svg_map(struct svg_pen *p, struct buf *out, const struct map_drawing *m, const char *id,
             const char *title, const char *desc);

#endif
