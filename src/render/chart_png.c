/* chart_png.c: the map drawn on a cairo image surface and encoded as PNG into memory. */
#include "render/chart_png.h"

#include <stdlib.h>
#include <string.h>

#include "render/chart_cairo.h"

struct sink {
    unsigned char *p;
    size_t n, cap;
    bool oom;
};

static cairo_status_t put(void *closure, const unsigned char *data, unsigned int length)
{
    struct sink *s = closure;
    if (s->n + length > s->cap) {
        size_t cap = s->cap ? s->cap : 65536;
        while (cap < s->n + length)
            cap *= 2;
        unsigned char *p = realloc(s->p, cap);
        if (!p) {
            s->oom = true;
            return CAIRO_STATUS_NO_MEMORY;
        }
        s->p = p;
        s->cap = cap;
    }
    memcpy(s->p + s->n, data, length);
    s->n += length;
    return CAIRO_STATUS_SUCCESS;
}

bool map_png(const struct report *r, int index, double width, double height, double scale,
             unsigned char **png, size_t *size)
{
    const struct dchart *ch = &r->charts[index];
    *png = NULL;
    *size = 0;
    if (!ch->map || !r->map_shape)
        return false;
    cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(width * scale),
                                                    (int)(height * scale));
    cairo_t *cr = cairo_create(s);
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_scale(cr, scale, scale);
    struct measure ms = cairo_measure(cr);
    struct map_drawing md;
    const double pad = 8; /* white around the map */
    bool ok = report_map_layout(r, index, width - 2 * pad, height - 2 * pad, &ms, &md);
    if (ok)
        draw_map(cr, &md, pad, pad);
    map_drawing_free(&md);
    struct sink sk = {0};
    ok = ok && cairo_status(cr) == CAIRO_STATUS_SUCCESS &&
         cairo_surface_write_to_png_stream(s, put, &sk) == CAIRO_STATUS_SUCCESS && !sk.oom;
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    if (!ok) {
        free(sk.p);
        return false;
    }
    *png = sk.p;
    *size = sk.n;
    return true;
}
