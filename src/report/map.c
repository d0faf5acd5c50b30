/* map.c: GeoJSON outlines (json-c), the projection, round class limits, and route arrows. */
#include "report/map.h"

#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number.h"
#include "util/grow.h"

#define PI 3.14159265358979323846

struct ring_ll {
    int code;
    size_t first, n; /* into ll */
};

struct map_shape {
    double *ll; /* lon, lat pairs */
    size_t nll, cap;
    struct ring_ll *rings;
    size_t nrings;
    double minlon, maxlon, minlat, maxlat;
};

static bool push(double **v, size_t *n, size_t *cap, double a, double b)
{
    if (!grow((void **)v, cap, *n + 1, sizeof **v, 4096)) /* room for two more */
        return false;
    (*v)[(*n)++] = a;
    (*v)[(*n)++] = b;
    return true;
}

/* Adds one linear ring ([[lon, lat], ...]) of region code. */
static bool add_ring(struct map_shape *m, int code, json_object *ring)
{
    struct ring_ll *r = realloc(m->rings, (m->nrings + 1) * sizeof *r);
    if (!r)
        return false;
    m->rings = r;
    r[m->nrings] = (struct ring_ll){code, m->nll / 2, 0};
    size_t n = json_object_array_length(ring);
    for (size_t i = 0; i < n; i++) {
        json_object *pt = json_object_array_get_idx(ring, i);
        double lon = json_object_get_double(json_object_array_get_idx(pt, 0));
        double lat = json_object_get_double(json_object_array_get_idx(pt, 1));
        if (!push(&m->ll, &m->nll, &m->cap, lon, lat))
            return false;
        m->minlon = fmin(m->minlon, lon);
        m->maxlon = fmax(m->maxlon, lon);
        m->minlat = fmin(m->minlat, lat);
        m->maxlat = fmax(m->maxlat, lat);
        r[m->nrings].n++;
    }
    m->nrings++;
    return true;
}

struct map_shape *map_load(const char *path, struct tp_error *err)
{
    json_object *root = json_object_from_file(path);
    json_object *features;
    if (!root || !json_object_object_get_ex(root, "features", &features) ||
        !json_object_is_type(features, json_type_array)) {
        tp_fail(err, TP_ERR_CONFIG, path, 0, NULL, "not a GeoJSON FeatureCollection: %s",
                json_util_get_last_err() ? json_util_get_last_err() : "no features");
        json_object_put(root);
        return NULL;
    }
    struct map_shape *m = calloc(1, sizeof *m);
    if (!m) {
        json_object_put(root);
        tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
        return NULL;
    }
    m->minlon = m->minlat = INFINITY;
    m->maxlon = m->maxlat = -INFINITY;
    bool ok = true;
    size_t nf = json_object_array_length(features);
    for (size_t f = 0; ok && f < nf; f++) {
        json_object *feat = json_object_array_get_idx(features, f), *props, *id, *geom, *type,
                    *coords;
        if (!json_object_object_get_ex(feat, "properties", &props) ||
            !json_object_object_get_ex(props, "FIRST_IDDP", &id) ||
            !json_object_object_get_ex(feat, "geometry", &geom) ||
            !json_object_object_get_ex(geom, "type", &type) ||
            !json_object_object_get_ex(geom, "coordinates", &coords)) {
            tp_fail(err, TP_ERR_CONFIG, path, 0, NULL,
                    "feature %zu lacks properties.FIRST_IDDP or a geometry", f + 1);
            ok = false;
            break;
        }
        int code = atoi(json_object_get_string(id));
        const char *t = json_object_get_string(type);
        if (!strcmp(t, "Polygon")) {
            for (size_t r = 0; ok && r < json_object_array_length(coords); r++)
                ok = add_ring(m, code, json_object_array_get_idx(coords, r));
        } else if (!strcmp(t, "MultiPolygon")) {
            for (size_t pg = 0; ok && pg < json_object_array_length(coords); pg++) {
                json_object *poly = json_object_array_get_idx(coords, pg);
                for (size_t r = 0; ok && r < json_object_array_length(poly); r++)
                    ok = add_ring(m, code, json_object_array_get_idx(poly, r));
            }
        }
        if (!ok && err->code != TP_ERR_CONFIG)
            tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
    }
    json_object_put(root);
    if (ok && !m->nrings) {
        tp_fail(err, TP_ERR_CONFIG, path, 0, NULL, "holds no region outlines");
        ok = false;
    }
    if (!ok) {
        map_free(m);
        return NULL;
    }
    return m;
}

void map_free(struct map_shape *m)
{
    if (!m)
        return;
    free(m->ll);
    free(m->rings);
    free(m);
}

struct projection map_fit(const struct map_shape *m, double width, double height)
{
    struct projection p;
    p.lon0 = m->minlon;
    p.lat0 = m->maxlat;
    p.k = cos((m->minlat + m->maxlat) / 2 * PI / 180);
    double bw = (m->maxlon - m->minlon) * p.k, bh = m->maxlat - m->minlat;
    p.scale = fmin(width / bw, height / bh);
    p.ox = (width - bw * p.scale) / 2;
    p.oy = (height - bh * p.scale) / 2;
    return p;
}

void map_project(const struct projection *p, double lon, double lat, double *x, double *y)
{
    *x = p->ox + (lon - p->lon0) * p->k * p->scale;
    *y = p->oy + (p->lat0 - lat) * p->scale;
}

struct classes map_classes(uint64_t least, uint64_t max)
{
    if (least < 1)
        least = 1;
    if (max < least)
        max = least;
    struct classes c = {0};
    uint64_t uppers[64];
    int n = 0;
    for (uint64_t mag = 1; n < 60; mag *= 10) {
        static const uint64_t mult[] = {1, 2, 5};
        for (int i = 0; i < 3 && n < 60; i++) {
            if (mult[i] * mag < least)
                continue; /* a class no shown count can fall in */
            uppers[n++] = mult[i] * mag;
            if (mult[i] * mag >= max)
                goto done;
        }
    }
done:;
    int first = n > 5 ? n - 5 : 0;
    for (int i = first; i < n; i++) {
        c.lo[c.n] = c.n ? c.hi[c.n - 1] + 1 : least;
        c.hi[c.n] = uppers[i];
        c.n++;
    }
    return c;
}

int map_class(const struct classes *c, uint64_t cases)
{
    if (!cases)
        return -1;
    for (int i = 0; i < c->n; i++)
        if (cases <= c->hi[i])
            return i;
    return c->n - 1;
}

int map_shade(const struct classes *c, int k)
{
    if (k == -3)
        return MAP_SHADE + 4;
    if (k == -4)
        return OTHER_REGION;
    if (k == -2)
        return HIDDEN_CASES;
    if (k < 0)
        return NO_CASES;
    return MAP_SHADE + (c->n > 1 ? k * 4 / (c->n - 1) : 2);
}

void map_arrowhead(double x0, double y0, double x1, double y1, double w, double out[6])
{
    double dx = x1 - x0, dy = y1 - y0, len = hypot(dx, dy);
    if (len == 0)
        len = 1, dx = 1, dy = 0;
    dx /= len;
    dy /= len;
    double L = 3 * w + 5, W = 2 * w + 5; /* length and width of the head */
    double bx = x1 - dx * L, by = y1 - dy * L;
    out[0] = x1;
    out[1] = y1;
    out[2] = bx - dy * W / 2;
    out[3] = by + dx * W / 2;
    out[4] = bx + dy * W / 2;
    out[5] = by - dx * W / 2;
}

void map_edge(double cx, double cy, double dx, double dy, double w, double h, double *x, double *y)
{
    double t = INFINITY;
    if (dx > 0)
        t = fmin(t, (w - cx) / dx);
    if (dx < 0)
        t = fmin(t, -cx / dx);
    if (dy > 0)
        t = fmin(t, (h - cy) / dy);
    if (dy < 0)
        t = fmin(t, -cy / dy);
    if (!isfinite(t))
        t = 0;
    *x = cx + dx * t;
    *y = cy + dy * t;
}

static bool add_pt(struct map_drawing *d, double x, double y)
{
    if (!push(&d->pts, &d->npts, &d->cap, x, y)) {
        d->oom = true;
        return false;
    }
    return true;
}

double map_bearing(double lat1, double lon1, double lat2, double lon2)
{
    const double r = PI / 180;
    double p1 = lat1 * r, p2 = lat2 * r, dl = (lon2 - lon1) * r;
    double b = atan2(sin(dl) * cos(p2), cos(p1) * sin(p2) - sin(p1) * cos(p2) * cos(dl)) / r;
    return b < 0 ? b + 360 : b;
}

/* A place abroad sits on the edge of the map, where the great circle from its neighbouring
 * stop (lat, lon, at x, y) towards the country's capital leaves it: Japan lies north-west of
 * Peru, across the Pacific, not east. */
static void abroad_point(const struct places *p, uint16_t code, double lat, double lon,
                         double fx, double fy, double top, double w, double h, double *x,
                         double *y)
{
    const struct country_info *c = places_country_info(p, code - PLACE_FOREIGN);
    double dx = 1, dy = 0; /* east, when the table has no coordinates */
    if (c && !isnan(c->lat)) {
        double b = map_bearing(lat, lon, c->lat, c->lon) * PI / 180;
        dx = sin(b);
        dy = -cos(b);
    }
    map_edge(fx, fy - top, dx, dy, w, h, x, y);
    *y += top;
}

/* What a label must keep clear of: the labels and marks placed, the arrows' lines (with half
 * their width) and their heads. */
struct placed {
    double box[64 + 2 * MAP_MAX_ROUTES][4]; /* x0, y0, x1, y1 */
    int n;
    double seg[MAP_MAX_ROUTES * (1 + MAX_TRANSIT)][5]; /* x0, y0, x1, y1, half width */
    int nseg;
    double head[MAP_MAX_ROUTES][6];
    int nhead;
    char dropped[400]; /* the labels left out for want of room, ", "-separated */
    const char *skip;  /* labels the note names already: left out again (", "-separated) */
};

/* Whether t is one of the ", "-separated items of list. */
static bool listed(const char *list, const char *t)
{
    size_t n = strlen(t);
    if (!n)
        return false;
    for (const char *at = list; at && (at = strstr(at, t)); at += n)
        if ((at == list || !strncmp(at - 2, ", ", 2)) && (!at[n] || !strncmp(at + n, ", ", 2)))
            return true;
    return false;
}

/* A label's position: its anchor as drawing_text takes it; lead: joined to its mark (at
 * mx, my) by a thin line, being further off. */
struct spot {
    double x, y;
    enum prim_align align;
    bool lead;
};

/* Whether the segment meets the box (Liang-Barsky clipping). */
static bool seg_meets_box(double x0, double y0, double x1, double y1, const double b[4])
{
    double t0 = 0, t1 = 1, dx = x1 - x0, dy = y1 - y0;
    const double p[4] = {-dx, dx, -dy, dy};
    const double q[4] = {x0 - b[0], b[2] - x0, y0 - b[1], b[3] - y0};
    for (int i = 0; i < 4; i++) {
        if (p[i] == 0) {
            if (q[i] < 0)
                return false;
            continue;
        }
        double t = q[i] / p[i];
        if (p[i] < 0)
            t0 = fmax(t0, t);
        else
            t1 = fmin(t1, t);
        if (t0 > t1)
            return false;
    }
    return true;
}

static bool in_triangle(const double t[6], double x, double y)
{
    double s = 0;
    bool neg = false, pos = false;
    for (int i = 0; i < 3; i++) {
        int j = (i + 1) % 3;
        s = (t[2 * j] - t[2 * i]) * (y - t[2 * i + 1]) - (t[2 * j + 1] - t[2 * i + 1]) * (x - t[2 * i]);
        neg |= s < 0;
        pos |= s > 0;
    }
    return !(neg && pos);
}

/* Whether the box is clear of everything placed (a gap of one point around lines). */
static bool box_clear(const struct placed *pl, const double b[4])
{
    for (int i = 0; i < pl->n; i++)
        if (!(b[2] <= pl->box[i][0] || b[0] >= pl->box[i][2] || b[3] <= pl->box[i][1] ||
              b[1] >= pl->box[i][3]))
            return false;
    for (int i = 0; i < pl->nseg; i++) {
        const double *s = pl->seg[i];
        double g = s[4] + 1, big[4] = {b[0] - g, b[1] - g, b[2] + g, b[3] + g};
        if (seg_meets_box(s[0], s[1], s[2], s[3], big))
            return false;
    }
    for (int i = 0; i < pl->nhead; i++) {
        const double *t = pl->head[i];
        double big[4] = {b[0] - 1, b[1] - 1, b[2] + 1, b[3] + 1};
        for (int k = 0; k < 3; k++)
            if (seg_meets_box(t[2 * k], t[2 * k + 1], t[(2 * k + 2) % 6], t[(2 * k + 3) % 6], big))
                return false;
        if (in_triangle(t, (b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
            return false;
    }
    return true;
}

static void add_box(struct placed *pl, double x0, double y0, double x1, double y1)
{
    if (pl->n < (int)(sizeof pl->box / sizeof *pl->box)) {
        double *b = pl->box[pl->n++];
        b[0] = x0, b[1] = y0, b[2] = x1, b[3] = y1;
    }
}

/* Puts text at the first spot where it stays inside the map and clear of what is placed; a
 * spot further off is joined to its mark (mx, my) by a line. Leaves it out (false, its name
 * kept for the note) when there is none: the tables carry every figure. */
static bool place_label(struct map_drawing *out, struct placed *pl, const struct measure *ms,
                        const char *t, double size, bool bold, const struct spot *spots, int n,
                        double mx, double my)
{
    double w = ms->width(ms->ctx, t, size, bold), h = size * 1.25;
    for (int k = 0; k < n && !listed(pl->skip, t); k++) {
        const struct spot *s = &spots[k];
        double x0 = s->align == ALIGN_RIGHT ? s->x - w : s->align == ALIGN_CENTER ? s->x - w / 2
                                                                                  : s->x;
        double b[4] = {x0, s->y, x0 + w, s->y + h};
        if (b[0] < 0 || b[2] > out->width || b[1] < 0 || b[3] > out->height || !box_clear(pl, b))
            continue;
        /* The leader ends at the box's nearest point; it must not cross another label. */
        double ex = fmin(fmax(mx, b[0]), b[2]), ey = fmin(fmax(my, b[1]), b[3]);
        if (s->lead) {
            bool crosses = false;
            for (int i = 0; i < pl->n && !crosses; i++)
                crosses = seg_meets_box(mx, my, ex, ey, pl->box[i]) &&
                          !(mx >= pl->box[i][0] && mx <= pl->box[i][2] && my >= pl->box[i][1] &&
                            my <= pl->box[i][3]); /* its own mark */
            if (crosses)
                continue;
            drawing_add(&out->text, (struct prim){.kind = PRIM_LINE, .x = mx, .y = my,
                                                  .w = ex - mx, .h = ey - my, .size = 0.5,
                                                  .color = INK});
        }
        add_box(pl, b[0], b[1], b[2], b[3]);
        drawing_text(&out->text, s->x, s->y, t, size, s->align, bold, INK);
        out->text.p[out->text.n - 1].halo = true; /* readable on the darkest blue */
        return true;
    }
    size_t len = strlen(pl->dropped);
    snprintf(pl->dropped + len, sizeof pl->dropped - len, "%s%s", len ? ", " : "", t);
    return false;
}

/* Spots around a mark at (x, y) for text `size` high: beside, above and below it, then the
 * same further off (with a leader line). Returns how many. */
static int spots_around(double x, double y, double size, struct spot *s)
{
    double h = size * 1.25, half = h / 2;
    int n = 0;
    for (int ring = 0; ring < 3; ring++) {
        double d = ring == 0 ? 3 : 10 + 10 * ring; /* points from the mark */
        bool lead = ring > 0;
        s[n++] = (struct spot){x + d, y - half, ALIGN_LEFT, lead};
        s[n++] = (struct spot){x - d, y - half, ALIGN_RIGHT, lead};
        s[n++] = (struct spot){x + d * 0.7, y + d * 0.5, ALIGN_LEFT, lead};
        s[n++] = (struct spot){x + d * 0.7, y - d * 0.5 - h, ALIGN_LEFT, lead};
        s[n++] = (struct spot){x - d * 0.7, y + d * 0.5, ALIGN_RIGHT, lead};
        s[n++] = (struct spot){x - d * 0.7, y - d * 0.5 - h, ALIGN_RIGHT, lead};
        s[n++] = (struct spot){x, y + d, ALIGN_CENTER, lead};
        s[n++] = (struct spot){x, y - d - h, ALIGN_CENTER, lead};
    }
    return n;
}

/* A place abroad where a route leaves the map: labelled once every arrow is drawn. */
struct abroad {
    double x, y;   /* on the map's edge */
    double from_y; /* its neighbouring stop's */
    const char *name;
};

/* What the phases of map_layout share. */
struct layout {
    const struct places *p;
    const struct map_data *d;
    const struct measure *ms;
    struct map_drawing *out;
    const char *note; /* the map's note, with the labels left out when there are some */
    struct projection pr;
    double top, h; /* the map's band: from top, h high */
    double foot;   /* the note's and source's height at the bottom */
    struct placed placed;
    struct abroad abroad[MAP_MAX_ROUTES * 2];
    int nabroad;
    bool empty_stop; /* a route passes a region without cases: the legend says so */
};

/* The title, the room the note and source take, the projection and the shading classes. */
static void layout_frame(struct layout *l, const struct map_shape *m)
{
    struct map_drawing *out = l->out;
    drawing_text(&out->text, 0, 0, l->d->title, 10.5, ALIGN_LEFT, true, INK);
    /* The note and source take the lines they need at the bottom. */
    struct drawing scratch = {0};
    double foot = drawing_note(&scratch, l->ms, 0, out->width, l->note, 7);
    l->foot = drawing_note(&scratch, l->ms, foot, out->width, l->d->source, 7);
    drawing_free(&scratch);
    l->top = 18;
    l->h = out->height - l->top - (l->foot > 0 ? l->foot + 6 : 0);
    l->pr = map_fit(m, out->width, l->h);
    uint64_t max = 0;
    for (int g = 1; g <= NREGIONS; g++)
        if (l->d->cases[g] > max && !l->d->hidden[g])
            max = l->d->cases[g];
    out->classes = map_classes(l->d->least, max);
}

/* The regions' outlines, shaded by class. */
static bool layout_regions(struct layout *l, const struct map_shape *m)
{
    struct map_drawing *out = l->out;
    const struct map_data *d = l->d;
    for (size_t r = 0; r < m->nrings; r++) {
        struct map_ring *rg = realloc(out->rings, (out->nrings + 1) * sizeof *rg);
        if (!rg)
            return false;
        out->rings = rg;
        int code = m->rings[r].code;
        int cls = code >= 1 && code <= NREGIONS ? map_class(&out->classes, d->cases[code]) : -1;
        if (code >= 1 && code <= NREGIONS && d->hidden[code])
            cls = -2; /* public mode: its count is hidden */
        if (d->highlight)
            cls = code == d->highlight ? -3 : -4; /* a brief: its region, and the others */
        rg[out->nrings] = (struct map_ring){out->npts / 2, m->rings[r].n, code, cls};
        for (size_t i = 0; i < m->rings[r].n; i++) {
            double x, y;
            size_t k = 2 * (m->rings[r].first + i);
            map_project(&l->pr, m->ll[k], m->ll[k + 1], &x, &y);
            if (!add_pt(out, x, y + l->top))
                return false;
        }
        out->nrings++;
    }
    return true;
}

/* The route's stops on the map: regions at their capitals first, then places abroad, placed
 * from their neighbour on the map's edge (and kept to be labelled there). */
static void route_stops(struct layout *l, const struct map_route *rt, double *xs, double *ys)
{
    double lat[2 + MAX_TRANSIT], lon[2 + MAX_TRANSIT];
    double top = l->top, width = l->out->width;
    for (int s = 0; s < rt->nstops; s++)
        if (rt->stops[s] >= 1 && rt->stops[s] <= NREGIONS) {
            const struct region_info *r = places_region(l->p, rt->stops[s]);
            lat[s] = r->lat;
            lon[s] = r->lon;
            map_project(&l->pr, r->lon, r->lat, &xs[s], &ys[s]);
            ys[s] += top;
        }
    for (int s = 0; s < rt->nstops; s++) {
        if (rt->stops[s] >= 1 && rt->stops[s] <= NREGIONS)
            continue;
        int nb = s == 0 ? 1 : s - 1;
        abroad_point(l->p, rt->stops[s], lat[nb], lon[nb], xs[nb], ys[nb], top, width, l->h,
                     &xs[s], &ys[s]);
        lat[s] = lat[nb];
        lon[s] = lon[nb];
        if (l->nabroad < (int)(sizeof l->abroad / sizeof *l->abroad))
            l->abroad[l->nabroad++] = (struct abroad){
                xs[s], ys[s], ys[nb], rt->names[s] ? rt->names[s] : places_name(l->p, rt->stops[s])};
    }
}

/* Routes: polylines through the capitals, width by victims, with an arrowhead; each line and
 * head is kept for the labels to stay clear of. */
static bool layout_routes(struct layout *l)
{
    struct map_drawing *out = l->out;
    const struct map_data *d = l->d;
    struct placed *pl = &l->placed;
    uint64_t vmax = 1;
    for (int i = 0; i < d->nroutes; i++)
        if (d->routes[i].victims > vmax)
            vmax = d->routes[i].victims;
    for (int i = 0; i < d->nroutes; i++) {
        const struct map_route *rt = &d->routes[i];
        double xs[2 + MAX_TRANSIT], ys[2 + MAX_TRANSIT];
        route_stops(l, rt, xs, ys);
        struct map_arrow *ar = realloc(out->arrows, (out->narrows + 1) * sizeof *ar);
        if (!ar)
            return false;
        out->arrows = ar;
        struct map_arrow *a = &ar[out->narrows++];
        a->first = out->npts / 2;
        a->n = (size_t)rt->nstops;
        a->width = 1 + 4 * (double)rt->victims / (double)vmax;
        int last = rt->nstops - 1;
        /* The tip stops short of a capital, so that its mark stays visible. */
        if (rt->stops[last] <= NREGIONS) {
            double dx = xs[last] - xs[last - 1], dy = ys[last] - ys[last - 1], len = hypot(dx, dy);
            if (len > 8) {
                xs[last] -= dx / len * 3;
                ys[last] -= dy / len * 3;
            }
        }
        for (int s = 0; s < rt->nstops; s++)
            if (!add_pt(out, xs[s], ys[s]))
                return false;
        map_arrowhead(xs[last - 1], ys[last - 1], xs[last], ys[last], a->width, a->head);
        for (int s = 0; s < last && pl->nseg < (int)(sizeof pl->seg / sizeof *pl->seg); s++) {
            double *g = pl->seg[pl->nseg++];
            g[0] = xs[s], g[1] = ys[s], g[2] = xs[s + 1], g[3] = ys[s + 1], g[4] = a->width / 2;
        }
        if (pl->nhead < (int)(sizeof pl->head / sizeof *pl->head))
            memcpy(pl->head[pl->nhead++], a->head, sizeof a->head);
    }
    return true;
}

/* The places abroad, beside their edge points on the side the line does not come from: below
 * when the line comes down, above when it comes up; one label for arrows that leave side by
 * side towards one country. */
static void layout_abroad(struct layout *l)
{
    double top = l->top, width = l->out->width;
    for (int i = 0; i < l->nabroad; i++) {
        const struct abroad *a = &l->abroad[i];
        bool right = a->x > width / 2;
        double ty = a->y < top + 10 ? a->y + 2 : a->y > a->from_y ? a->y + 3 : a->y - 11;
        if (ty > top + l->h - 9)
            ty = top + l->h - 9;
        double lx = a->x + (right ? -2 : 2);
        enum prim_align al = right ? ALIGN_RIGHT : ALIGN_LEFT;
        bool named = false;
        for (int k = 0; k < i && !named; k++)
            named = !strcmp(l->abroad[k].name, a->name) && fabs(l->abroad[k].x - a->x) < 30 &&
                    fabs(l->abroad[k].y - a->y) < 30;
        const struct spot spots[] = {{lx, ty, al, false},      {lx, ty - 10, al, false},
                                     {lx, ty + 10, al, false}, {lx, ty - 20, al, false},
                                     {lx, ty + 20, al, false}};
        if (!named)
            place_label(l->out, &l->placed, l->ms, a->name, 8, true, spots, 5, a->x, a->y);
    }
}

/* The regions with cases or on a route, marked at their capitals and labelled with their
 * cases: a route's stop without cases gets a hollow mark and "(0)". */
static void layout_capitals(struct layout *l)
{
    const struct map_data *d = l->d;
    bool stop[NREGIONS + 1] = {false};
    for (int i = 0; i < d->nroutes; i++)
        for (int s = 0; s < d->routes[i].nstops; s++)
            if (d->routes[i].stops[s] <= NREGIONS)
                stop[d->routes[i].stops[s]] = true;
    /* The most cases first: when labels crowd (Lima and Callao), the larger keeps its own. */
    int order[NREGIONS], no = 0;
    for (int g = 1; g <= NREGIONS; g++) {
        if (!d->cases[g] && !stop[g] && g != d->highlight)
            continue;
        int at = no++;
        for (; at > 0 && d->cases[order[at - 1]] < d->cases[g]; at--)
            order[at] = order[at - 1];
        order[at] = g;
    }
    double xs[NREGIONS], ys[NREGIONS];
    for (int i = 0; i < no; i++) { /* every mark first: no label may cover one */
        const struct region_info *r = places_region(l->p, order[i]);
        map_project(&l->pr, r->lon, r->lat, &xs[i], &ys[i]);
        ys[i] += l->top;
        bool hollow = !d->cases[order[i]] && !d->highlight;
        l->empty_stop |= hollow;
        drawing_add(&l->out->text, (struct prim){.kind = PRIM_RECT, .x = xs[i] - 2,
                                                 .y = ys[i] - 2, .w = 4, .h = 4, .color = INK});
        if (hollow)
            drawing_add(&l->out->text, (struct prim){.kind = PRIM_RECT, .x = xs[i] - 1.2,
                                                     .y = ys[i] - 1.2, .w = 2.4, .h = 2.4,
                                                     .color = PAPER});
        add_box(&l->placed, xs[i] - 2, ys[i] - 2, xs[i] + 2, ys[i] + 2);
    }
    for (int i = 0; i < no; i++) {
        int g = order[i];
        char t[96], n[32];
        number_count(d->cases[g], d->lang, n, sizeof n);
        if (!d->hidden[g] && !d->highlight)
            snprintf(t, sizeof t, "%s (%s)", places_region(l->p, g)->name, n);
        else
            snprintf(t, sizeof t, "%s", places_region(l->p, g)->name);
        struct spot spots[24];
        int ns = spots_around(xs[i], ys[i], MAP_LABEL_PT, spots);
        place_label(l->out, &l->placed, l->ms, t, MAP_LABEL_PT, false, spots, ns, xs[i], ys[i]);
    }
}

/* One entry of the legend: a swatch (or a hollow mark) and its words, at y. */
static void legend_entry(struct layout *l, double y, int color, bool mark, const char *t)
{
    struct drawing *tx = &l->out->text;
    if (mark) {
        drawing_add(tx, (struct prim){.kind = PRIM_RECT, .x = 9, .y = y + 3, .w = 4, .h = 4,
                                      .color = INK});
        drawing_add(tx, (struct prim){.kind = PRIM_RECT, .x = 9.8, .y = y + 3.8, .w = 2.4,
                                      .h = 2.4, .color = PAPER});
    } else {
        drawing_add(tx, (struct prim){.kind = PRIM_RECT, .x = 4, .y = y, .w = 14, .h = 10,
                                      .color = color});
    }
    drawing_text(tx, 22, y, t, 8, ALIGN_LEFT, false, INK);
}

/* The legend, bottom left (the Pacific): the classes, "x" when a count is hidden, the hollow
 * mark when a route passes a region without cases; a brief's: its region alone. */
static void layout_legend(struct layout *l)
{
    struct map_drawing *out = l->out;
    const struct map_data *d = l->d;
    if (d->highlight) {
        double y = l->top + l->h - 14.0;
        drawing_add(&out->text, (struct prim){.kind = PRIM_RECT, .x = 4, .y = y, .w = 14,
                                              .h = 10, .color = MAP_SHADE + 4});
        drawing_text(&out->text, 22, y, d->legend_title, 8, ALIGN_LEFT, true, INK);
        return;
    }
    bool any_hidden = false;
    for (int g = 1; g <= NREGIONS; g++)
        any_hidden |= d->hidden[g];
    bool empty_stop = l->empty_stop && d->stop_no_cases;
    double ly = l->top + l->h - 14.0 * (out->classes.n + 2 + any_hidden + empty_stop);
    drawing_text(&out->text, 4, ly, d->legend_title, 8, ALIGN_LEFT, true, INK);
    int row = 1;
    for (int i = 0; i <= out->classes.n; i++, row++) {
        char t[80], lo[32] = "", hi[32] = "";
        if (i < out->classes.n) { /* the row after the classes: no cases */
            number_count(out->classes.lo[i], d->lang, lo, sizeof lo);
            number_count(out->classes.hi[i], d->lang, hi, sizeof hi);
        }
        if (i == out->classes.n)
            snprintf(t, sizeof t, "%s", d->no_cases);
        else if (out->classes.lo[i] == out->classes.hi[i])
            snprintf(t, sizeof t, "%s", lo);
        else
            snprintf(t, sizeof t, "%s\xe2\x80\x93%s", lo, hi); /* an en dash */
        legend_entry(l, ly + 14 * row,
                     i == out->classes.n ? NO_CASES : map_shade(&out->classes, i), false, t);
    }
    if (any_hidden)
        legend_entry(l, ly + 14 * row++, HIDDEN_CASES, false,
                     d->hidden_label[0] ? d->hidden_label : "x");
    if (empty_stop)
        legend_entry(l, ly + 14 * row, INK, true, d->stop_no_cases);
}

/* One layout with the given note; the labels left out are in l->placed.dropped. */
static bool layout_once(struct layout *l, const struct map_shape *m, double width,
                        double height)
{
    struct map_drawing *out = l->out;
    memset(out, 0, sizeof *out);
    out->width = width;
    out->height = height;
    out->text.width = width;
    layout_frame(l, m);
    if (!layout_regions(l, m) || !layout_routes(l))
        return false;
    /* The legend's corner is kept clear before any label is placed. */
    double legend_top = l->top + l->h - 14.0 * (out->classes.n + 4);
    add_box(&l->placed, 0, legend_top, 130, l->top + l->h);
    layout_abroad(l);
    layout_capitals(l);
    layout_legend(l);
    double y = drawing_note(&out->text, l->ms, height - l->foot, width, l->note, 7);
    drawing_note(&out->text, l->ms, y, width, l->d->source, 7);
    return !out->oom && !out->text.oom;
}

bool map_layout(const struct map_shape *m, const struct places *p, const struct map_data *d,
                double width, double height, const struct measure *ms, struct map_drawing *out)
{
    /* A label left out is named in the note, which takes room from the map: lay out again
     * with the longer note, leaving out those it names, until no other label is left out. */
    char note[1024], named[sizeof((struct placed *)0)->dropped] = "";
    const char *nt = d->note ? d->note : "";
    for (int pass = 0;; pass++) {
        struct layout *l = calloc(1, sizeof *l);
        if (!l) {
            memset(out, 0, sizeof *out);
            return false;
        }
        *l = (struct layout){.p = p, .d = d, .ms = ms, .out = out, .note = nt};
        l->placed.skip = named;
        bool ok = layout_once(l, m, width, height);
        bool done = !ok || !d->unlabelled || !strcmp(l->placed.dropped, named) || pass == 3;
        if (!done) {
            snprintf(named, sizeof named, "%s", l->placed.dropped);
            snprintf(note, sizeof note, "%s%s%s%s.", d->note ? d->note : "",
                     d->note && d->note[0] ? " " : "", d->unlabelled, named);
            nt = note;
            map_drawing_free(out);
        }
        free(l);
        if (done)
            return ok;
    }
}

void map_drawing_free(struct map_drawing *d)
{
    free(d->pts);
    free(d->rings);
    free(d->arrows);
    drawing_free(&d->text);
    memset(d, 0, sizeof *d);
}
