/* chart_cairo.c: charts and the map drawn with cairo (render/palette.h's colours); every colour
 * change inside save/restore. */
#include "render/chart_cairo.h"

#include <pango/pangocairo.h>

#include "render/palette.h"

static void set_rgb(cairo_t *cr, struct rgb c)
{
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
}

static void set_color(cairo_t *cr, int color)
{
    set_rgb(cr, palette_color(color));
}

static PangoLayout *layout(cairo_t *cr, const char *text, double size, bool bold, bool italic)
{
    PangoLayout *l = pango_cairo_create_layout(cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
    if (bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_text(l, text, -1);
    return l;
}

static double measure_width(void *ctx, const char *text, double size, bool bold)
{
    PangoLayout *l = layout(ctx, text, size, bold, false);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return (double)w / PANGO_SCALE;
}

double cairo_text_baseline(cairo_t *cr, double size, bool bold, bool italic)
{
    PangoLayout *l = layout(cr, "0", size, bold, italic);
    double b = (double)pango_layout_get_baseline(l) / PANGO_SCALE;
    g_object_unref(l);
    return b;
}

struct measure cairo_measure(cairo_t *cr)
{
    return (struct measure){measure_width, cr};
}

/* Text in the current colour; with a halo, first its outline in white. */
static void text_at(cairo_t *cr, double x, double y, const char *text, double size, bool bold,
                    bool italic, enum prim_align align, bool halo)
{
    PangoLayout *l = layout(cr, text, size, bold, italic);
    int w, h;
    pango_layout_get_size(l, &w, &h);
    double dx = align == ALIGN_RIGHT ? -(double)w / PANGO_SCALE
              : align == ALIGN_CENTER ? -(double)w / PANGO_SCALE / 2 : 0;
    cairo_move_to(cr, x + dx, y);
    if (halo) {
        cairo_save(cr);
        pango_cairo_layout_path(cr, l);
        cairo_set_source_rgb(cr, 1, 1, 1);
        cairo_set_line_width(cr, size / 5);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_stroke(cr);
        cairo_restore(cr);
        cairo_move_to(cr, x + dx, y);
    }
    pango_cairo_show_layout(cr, l);
    g_object_unref(l);
}


static void draw_prims(cairo_t *cr, const struct drawing *d)
{
    for (size_t i = 0; i < d->n; i++) {
        const struct prim *p = &d->p[i];
        cairo_save(cr);
        set_color(cr, p->color);
        switch (p->kind) {
        case PRIM_RECT:
            cairo_rectangle(cr, p->x, p->y, p->w, p->h);
            if (p->color == NO_CASES) { /* no cases: white, hatched, outlined */
                cairo_fill_preserve(cr);
                cairo_clip_preserve(cr);
                set_rgb(cr, HATCH_KEY);
                cairo_set_line_width(cr, 0.5);
                cairo_stroke(cr);
                for (double k = -p->h; k < p->w; k += 3) {
                    cairo_move_to(cr, p->x + k, p->y + p->h);
                    cairo_line_to(cr, p->x + k + p->h, p->y);
                }
                cairo_stroke(cr);
            } else {
                cairo_fill(cr);
            }
            break;
        case PRIM_LINE:
            cairo_set_line_width(cr, p->size > 0 ? p->size : 0.5);
            cairo_move_to(cr, p->x, p->y);
            cairo_rel_line_to(cr, p->w, p->h);
            cairo_stroke(cr);
            break;
        case PRIM_TEXT:
            text_at(cr, p->x, p->y, p->text, p->size, p->bold, p->italic, p->align, p->halo);
            break;
        }
        cairo_restore(cr);
    }
}

void draw_chart(cairo_t *cr, const struct drawing *d, double x, double y)
{
    cairo_save(cr);
    cairo_translate(cr, x, y);
    draw_prims(cr, d);
    cairo_restore(cr);
}

static void ring_path(cairo_t *cr, const struct map_drawing *m, const struct map_ring *r)
{
    for (size_t i = 0; i < r->n; i++) {
        double px = m->pts[2 * (r->first + i)], py = m->pts[2 * (r->first + i) + 1];
        if (i)
            cairo_line_to(cr, px, py);
        else
            cairo_move_to(cr, px, py);
    }
    cairo_close_path(cr);
}

void draw_map(cairo_t *cr, const struct map_drawing *m, double x, double y)
{
    cairo_save(cr);
    cairo_translate(cr, x, y);
    for (size_t i = 0; i < m->nrings; i++) {
        const struct map_ring *r = &m->rings[i];
        cairo_save(cr);
        ring_path(cr, m, r);
        set_color(cr, map_shade(&m->classes, r->fill));
        cairo_fill_preserve(cr);
        if (r->fill == -1) { /* no cases: hatched */
            cairo_clip_preserve(cr);
            double x1, y1, x2, y2;
            cairo_path_extents(cr, &x1, &y1, &x2, &y2);
            cairo_new_path(cr);
            set_rgb(cr, HATCH_MAP);
            cairo_set_line_width(cr, 0.4);
            for (double k = x1 - (y2 - y1); k < x2; k += 4) {
                cairo_move_to(cr, k, y2);
                cairo_line_to(cr, k + (y2 - y1), y1);
            }
            cairo_stroke(cr);
            cairo_reset_clip(cr);
            ring_path(cr, m, r);
        }
        set_rgb(cr, OUTLINE);
        cairo_set_line_width(cr, 0.5);
        cairo_stroke(cr);
        cairo_restore(cr);
    }
    for (size_t i = 0; i < m->narrows; i++) {
        const struct map_arrow *a = &m->arrows[i];
        cairo_save(cr);
        cairo_set_source_rgba(cr, ROUTE.r, ROUTE.g, ROUTE.b, ROUTE_ALPHA);
        cairo_set_line_width(cr, a->width);
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
        cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
        /* The line stops at the head's base, so the tip stays sharp. */
        double bx = (a->head[2] + a->head[4]) / 2, by = (a->head[3] + a->head[5]) / 2;
        for (size_t k = 0; k < a->n; k++) {
            double px = m->pts[2 * (a->first + k)], py = m->pts[2 * (a->first + k) + 1];
            if (k + 1 == a->n)
                px = bx, py = by;
            if (k)
                cairo_line_to(cr, px, py);
            else
                cairo_move_to(cr, px, py);
        }
        cairo_stroke(cr);
        cairo_move_to(cr, a->head[0], a->head[1]);
        cairo_line_to(cr, a->head[2], a->head[3]);
        cairo_line_to(cr, a->head[4], a->head[5]);
        cairo_close_path(cr);
        cairo_fill(cr);
        cairo_restore(cr);
    }
    draw_prims(cr, &m->text);
    cairo_restore(cr);
}
