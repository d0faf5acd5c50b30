/* palette.h: the charts' and the map's colours, one table for every drawer (cairo, SVG). */
#ifndef TP_PALETTE_H
#define TP_PALETTE_H

/* Components 0..1. */
struct rgb {
    double r, g, b;
};

/* A primitive's colour (report/chart.h and report/map_drawing.h: INK, GRID, PAPER, the
 * series, the ramp, the map's shades and marks). */
struct rgb palette_color(int color);

/* What the map and the legend draw besides fills. */
#define HATCH_KEY ((struct rgb){0.55, 0.55, 0.55}) /* a legend box of no cases: hatch, outline */
#define HATCH_MAP ((struct rgb){0.75, 0.75, 0.75}) /* a region of no cases: its hatch */
#define OUTLINE ((struct rgb){0.45, 0.45, 0.45})   /* every region's outline */
#define ROUTE ((struct rgb){0.80, 0.22, 0.05})     /* the routes' arrows ... */
#define ROUTE_ALPHA 0.85                           /* ... a little transparent */

#endif
