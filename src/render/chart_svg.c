/* chart_svg.c: chart and map drawings as SVG elements: rectangles, lines, paths and text. */
#include "render/chart_svg.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "render/chart_cairo.h"
#include "util/markup.h"
#include "render/palette.h"

#define SCREEN_SCALE 1.4 /* pixels per point, at most, on a screen */

struct svg_pen {
    cairo_surface_t *surface;
    cairo_t *cr;
    struct measure ms;
};

struct svg_pen *svg_pen_new(void)
{
    struct svg_pen *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    /* A PDF surface, so that text measures as in report.pdf (no hinted metrics). */
    p->surface = cairo_pdf_surface_create_for_stream(NULL, NULL, 595.276, 841.890);
    p->cr = cairo_create(p->surface);
    if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS) {
        svg_pen_free(p);
        return NULL;
    }
    p->ms = cairo_measure(p->cr);
    return p;
}

void svg_pen_free(struct svg_pen *p)
{
    if (!p)
        return;
    if (p->cr)
        cairo_destroy(p->cr);
    if (p->surface) {
        cairo_surface_finish(p->surface);
        cairo_surface_destroy(p->surface);
    }
    free(p);
}

const struct measure *svg_measure(struct svg_pen *p)
{
    return &p->ms;
}

/* ---- pieces -------------------------------------------------------------------------------- */

static bool add_num(struct buf *b, const char *before, double v)
{
    return buf_adds(b, before) && markup_number(b, v);
}

static bool add_rgb(struct buf *b, const char *attr, struct rgb c)
{
    return buf_printf(b, " %s=\"#%02x%02x%02x\"", attr, (int)lround(c.r * 255),
                      (int)lround(c.g * 255), (int)lround(c.b * 255));
}

static bool rect(struct buf *b, const struct prim *q, const char *id)
{
    bool ok = add_num(b, "<rect x=\"", q->x) && add_num(b, "\" y=\"", q->y) &&
              add_num(b, "\" width=\"", q->w) && add_num(b, "\" height=\"", q->h) &&
              buf_adds(b, "\"");
    if (q->color == NO_CASES) /* no cases: white, hatched, outlined */
        ok = ok && buf_printf(b, " fill=\"url(#%s-hk)\"", id) && add_rgb(b, "stroke", HATCH_KEY) &&
             buf_adds(b, " stroke-width=\".5\"");
    else
        ok = ok && add_rgb(b, "fill", palette_color(q->color));
    return ok && buf_adds(b, "/>");
}

static bool line(struct buf *b, const struct prim *q)
{
    return add_num(b, "<line x1=\"", q->x) && add_num(b, "\" y1=\"", q->y) &&
           add_num(b, "\" x2=\"", q->x + q->w) && add_num(b, "\" y2=\"", q->y + q->h) &&
           buf_adds(b, "\"") && add_rgb(b, "stroke", palette_color(q->color)) &&
           add_num(b, " stroke-width=\"", q->size > 0 ? q->size : 0.5) && buf_adds(b, "\"/>");
}

/* A primitive's y is its line's top; SVG places text by its baseline. */
static bool text(struct svg_pen *p, struct buf *b, const struct prim *q)
{
    static const char *const anchor[] = {"", " text-anchor=\"middle\"", " text-anchor=\"end\""};
    double base = cairo_text_baseline(p->cr, q->size, q->bold, q->italic);
    bool ok = add_num(b, "<text x=\"", q->x) && add_num(b, "\" y=\"", q->y + base) &&
              add_num(b, "\" font-size=\"", q->size) && buf_adds(b, "\"") &&
              buf_adds(b, anchor[q->align]) &&
              (!q->bold || buf_adds(b, " font-weight=\"bold\"")) &&
              (!q->italic || buf_adds(b, " font-style=\"italic\"")) &&
              add_rgb(b, "fill", palette_color(q->color));
    if (q->halo) /* a white outline under the letters keeps them readable on a dark fill */
        ok = ok && add_num(b, " stroke=\"#fff\" stroke-width=\"", q->size / 5) &&
             buf_adds(b, "\" stroke-linejoin=\"round\" paint-order=\"stroke\"");
    return ok && buf_adds(b, ">") && markup_text(b, q->text) && buf_adds(b, "</text>");
}

static bool prims(struct svg_pen *p, struct buf *b, const struct drawing *d, const char *id)
{
    bool ok = true;
    for (size_t i = 0; ok && i < d->n; i++) {
        const struct prim *q = &d->p[i];
        ok = (q->kind == PRIM_RECT ? rect(b, q, id) : q->kind == PRIM_LINE ? line(b, q)
                                                                          : text(p, b, q)) &&
             buf_addc(b, '\n');
    }
    return ok;
}

/* A hatch of lines rising to the right every `step` points, on white. */
static bool hatch(struct buf *b, const char *id, const char *name, double step, struct rgb c,
                  double width)
{
    return buf_printf(b, "<pattern id=\"%s-%s\" patternUnits=\"userSpaceOnUse\"", id, name) &&
           add_num(b, " width=\"", step) && add_num(b, "\" height=\"", step) &&
           buf_adds(b, "\"><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path d=\"M") &&
           add_num(b, "", -step / 2) && add_num(b, " ", step / 2) && add_num(b, "L", step / 2) &&
           add_num(b, " ", -step / 2) && add_num(b, "M0 ", step) && add_num(b, "L", step) &&
           buf_adds(b, " 0M") && add_num(b, "", step / 2) && add_num(b, " ", step * 1.5) &&
           add_num(b, "L", step * 1.5) && add_num(b, " ", step / 2) && buf_adds(b, "\"") &&
           add_rgb(b, "stroke", c) && add_num(b, " stroke-width=\"", width) &&
           buf_adds(b, "\"/></pattern>");
}

static bool open_svg(struct buf *b, double w, double h, const char *id, const char *title,
                     const char *desc)
{
    /* As wide as the page allows, up to a little over its size in print (a brief's small
     * map stays small). */
    return add_num(b, "<svg viewBox=\"0 0 ", w) && add_num(b, " ", h) &&
           add_num(b, "\" width=\"", w) && add_num(b, "\" height=\"", h) &&
           buf_printf(b, "\" style=\"max-width:%.0fpx", w * SCREEN_SCALE) &&
           buf_printf(b, "\" role=\"img\" aria-labelledby=\"%s-t\" aria-describedby=\"%s-d\">"
                         "\n<title id=\"%s-t\">", id, id, id) &&
           markup_text(b, title) && buf_printf(b, "</title>\n<desc id=\"%s-d\">", id) &&
           markup_text(b, desc) && buf_adds(b, "</desc>\n<defs>") &&
           hatch(b, id, "hk", 3, HATCH_KEY, 0.5) && hatch(b, id, "hm", 4, HATCH_MAP, 0.4) &&
           buf_adds(b, "</defs>\n");
}

bool svg_chart(struct svg_pen *p, struct buf *out, const struct drawing *d, const char *id,
               const char *title, const char *desc)
{
    return open_svg(out, d->width, d->height, id, title, desc) && prims(p, out, d, id) &&
           buf_adds(out, "</svg>\n");
}

/* A polyline of the map's points, as path data ("M x y L x y x y ..."). */
static bool points(struct buf *b, const struct map_drawing *m, size_t first, size_t n)
{
    bool ok = true;
    for (size_t i = 0; ok && i < n; i++)
        ok = buf_adds(b, i == 0 ? "M" : i == 1 ? "L" : " ") &&
             markup_number(b, m->pts[2 * (first + i)]) && buf_addc(b, ' ') &&
             markup_number(b, m->pts[2 * (first + i) + 1]);
    return ok;
}

static bool rings(struct buf *b, const struct map_drawing *m, const char *id)
{
    bool ok = buf_adds(b, "<g stroke-width=\".5\"") && add_rgb(b, "stroke", OUTLINE) &&
              buf_adds(b, ">\n");
    for (size_t i = 0; ok && i < m->nrings; i++) {
        const struct map_ring *r = &m->rings[i];
        ok = buf_adds(b, "<path d=\"") && points(b, m, r->first, r->n) && buf_adds(b, "Z\"") &&
             (r->fill == -1 ? buf_printf(b, " fill=\"url(#%s-hm)\"", id)
                            : add_rgb(b, "fill", palette_color(map_shade(&m->classes, r->fill)))) &&
             buf_adds(b, "/>\n");
    }
    return ok && buf_adds(b, "</g>\n");
}

/* The routes: a line to the head's base (so that the tip stays sharp), then the head. */
static bool arrows(struct buf *b, const struct map_drawing *m)
{
    bool ok = buf_adds(b, "<g fill=\"none\" stroke-linejoin=\"round\" stroke-linecap=\"round\"") &&
              add_rgb(b, "stroke", ROUTE) && add_num(b, " stroke-opacity=\"", ROUTE_ALPHA) &&
              buf_adds(b, "\">\n");
    for (size_t i = 0; ok && i < m->narrows; i++) {
        const struct map_arrow *a = &m->arrows[i];
        double bx = (a->head[2] + a->head[4]) / 2, by = (a->head[3] + a->head[5]) / 2;
        ok = buf_adds(b, "<path d=\"") && (a->n < 2 || points(b, m, a->first, a->n - 1)) &&
             buf_adds(b, a->n < 2 ? "M" : a->n == 2 ? "L" : " ") && markup_number(b, bx) &&
             buf_addc(b, ' ') && markup_number(b, by) &&
             add_num(b, "\" stroke-width=\"", a->width) && buf_adds(b, "\"/>\n<path d=\"M") &&
             markup_number(b, a->head[0]) && add_num(b, " ", a->head[1]) &&
             add_num(b, "L", a->head[2]) && add_num(b, " ", a->head[3]) &&
             add_num(b, " ", a->head[4]) && add_num(b, " ", a->head[5]) &&
             buf_adds(b, "Z\" stroke=\"none\"") && add_rgb(b, "fill", ROUTE) &&
             add_num(b, " fill-opacity=\"", ROUTE_ALPHA) && buf_adds(b, "\"/>\n");
    }
    return ok && buf_adds(b, "</g>\n");
}

bool svg_map(struct svg_pen *p, struct buf *out, const struct map_drawing *m, const char *id,
             const char *title, const char *desc)
{
    return open_svg(out, m->width, m->height, id, title, desc) && rings(out, m, id) &&
           arrows(out, m) && prims(p, out, &m->text, id) && buf_adds(out, "</svg>\n");
}
