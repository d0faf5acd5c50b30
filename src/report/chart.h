/* chart.h: a chart's geometry in points, computed from its numbers; chart_cairo.c draws it. */
#ifndef TP_CHART_H
#define TP_CHART_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define CHART_MAX_CATS 64
#define CHART_MAX_SERIES 3 /* the palette's colours (chart_cairo.c) */

enum chart_shape {
    SHAPE_HBARS,   /* ranked horizontal bars, values at the bar ends */
    SHAPE_COLUMNS, /* a trend: vertical bars with their values; several series side by side,
                      with a legend */
    SHAPE_PYRAMID, /* two series back to back (female left, male right), first category lowest */
    SHAPE_STACKED, /* one bar of the whole, split in the categories' order (case status) */
};

/* What a chart shows. Strings are borrowed. */
struct chart_data {
    enum chart_shape shape;
    const char *title;
    const char *note;   /* may be "": wrapped to the width under the plot */
    const char *source; /* may be "": the last line */
    int ncats;
    const char *cats[CHART_MAX_CATS];
    int nseries;        /* 1; 2 for the pyramid; up to CHART_MAX_SERIES grouped columns */
    const char *series[CHART_MAX_SERIES];
    double values[CHART_MAX_SERIES][CHART_MAX_CATS];
    bool percent;       /* values are fractions: axis and labels in % */
    /* Public mode: a hidden value (1 "<k", other "x") is drawn without length, its mark
     * instead of its number; the scale follows the shown values only. */
    uint8_t hidden[CHART_MAX_SERIES][CHART_MAX_CATS];
    bool all_hidden; /* every bar that is not a shown zero is hidden: nothing to draw */
    int public_k;
    const char *lang; /* the numbers' style (util/number.h); NULL: English */
};

enum prim_kind { PRIM_RECT, PRIM_LINE, PRIM_TEXT };
enum prim_align { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT };

#define INK (-1)   /* text and axes */
#define GRID (-2)  /* light grid lines */
#define PAPER (-3) /* white */
/* Step i of n on a ramp from light to dark (in greyscale too): colours RAMP_BASE..+100. */
#define RAMP_BASE 200
#define RAMP(i, n) (RAMP_BASE + ((n) > 1 ? (i) * 100 / ((n) - 1) : 50))
#define RAMP_DARK(i, n) (RAMP(i, n) - RAMP_BASE > 50)

/* One thing to draw, in points from the drawing's top-left corner. */
struct prim {
    enum prim_kind kind;
    double x, y, w, h; /* rect: corner and size; line: from (x, y) by (w, h);
                          text: x as aligned, y the top of the line */
    int color;         /* palette index, INK or GRID */
    double size;       /* text: font size; line: width */
    bool bold, italic;
    bool halo;         /* text: a white outline keeps it readable on a dark fill */
    enum prim_align align;
    char text[128];
};

struct drawing {
    struct prim *p;
    size_t n, cap;
    double width, height;
    bool oom;
};

/* Text width in points; the drawer measures with pango, tests with a fixed advance. */
struct measure {
    double (*width)(void *ctx, const char *text, double size, bool bold);
    void *ctx;
};

/* An axis from 0 past max in about `target` steps of 1, 2 or 5 times a power of ten (whole:
 * no step below 1). */
struct scale {
    double max, step;
    int ticks; /* steps from 0 to max */
};

struct scale nice_scale(double max, int target, bool whole);

/* Lays out d in the given width; the height follows from the content. False when out of memory. */
bool chart_layout(const struct chart_data *d, double width, const struct measure *m,
                  struct drawing *out);
void drawing_free(struct drawing *d);

/* Lines of text in italics from y, wrapped at spaces to the width; returns the y under them. */
double drawing_note(struct drawing *d, const struct measure *m, double y, double width,
                    const char *text, double size);

/* Adds a primitive (also used by the map). */
void drawing_add(struct drawing *d, struct prim p);
void drawing_text(struct drawing *d, double x, double y, const char *text, double size,
                  enum prim_align align, bool bold, int color);

#endif
