/* map.h: Peru's regions projected to points, shaded by cases, with the main routes as arrows. */
#ifndef TP_MAP_H
#define TP_MAP_H

#include <stdbool.h>
#include <stdint.h>

#include "report/chart.h"
#include "report/map_drawing.h"
#include "count/dataset.h"
#include "util/error.h"
#include "count/places.h"

/* The regions' outlines (lon/lat), read from a GeoJSON FeatureCollection whose features carry
 * the INEI code in FIRST_IDDP (templates/places/departments.geojson). */
struct map_shape;

struct map_shape *map_load(const char *path, struct tp_error *err);
void map_free(struct map_shape *m); /* accepts NULL */

/* x = (lon - lon0) * cos(mean latitude), y = -lat: Peru keeps its shape; then scaled and moved
 * to fit the box, centred. */
struct projection {
    double lon0, lat0, k, scale, ox, oy;
};

struct projection map_fit(const struct map_shape *m, double width, double height);
void map_project(const struct projection *p, double lon, double lat, double *x, double *y);

/* Round classes from least (1; public mode: K, the smallest count a region shows) to max. */
struct classes map_classes(uint64_t least, uint64_t max);
int map_class(const struct classes *c, uint64_t cases); /* 0..n-1; -1 for no cases */

#define MAP_MAX_INTERNAL 8 /* routes drawn inside Peru ... */
#define MAP_MAX_ABROAD 4   /* ... and to or from abroad */
#define MAP_MAX_ROUTES (MAP_MAX_INTERNAL + MAP_MAX_ABROAD)

/* A route as place codes (places.h): a region, or PLACE_FOREIGN + country. */
struct map_route {
    uint16_t stops[2 + MAX_TRANSIT];      /* origin, transit..., destination */
    const char *names[2 + MAX_TRANSIT];   /* the places abroad, as the report names them */
    int nstops;
    uint64_t victims;
};

struct map_data {
    const char *title, *note, *source; /* note and source wrapped under the map */
    const char *legend_title, *no_cases; /* "Casos", "Sin casos" */
    const char *stop_no_cases;           /* the hollow mark's legend entry; NULL: none */
    const char *unlabelled; /* opens the note's list of labels left out; NULL: not listed */
    const char *lang;                    /* the numbers' style (util/number.h); NULL: English */
    uint64_t cases[NREGIONS + 1];        /* by region code */
    bool hidden[NREGIONS + 1];           /* public mode: a hidden count, drawn as such */
    char hidden_label[96];               /* its legend entry ("<3 o x") */
    uint64_t least;                      /* public mode: K, the least count shown; else 0 */
    int highlight;                       /* a brief's region: drawn alone, the others plain */
    struct map_route routes[MAP_MAX_ROUTES];
    int nroutes;
};

/* Lays the map out in width x height points: regions labelled with their names from p, the
 * legend in the bottom left, where the Pacific is. No label covers another, a mark, an arrow
 * or the legend; one that finds no room is named in the note. False when out of memory. */
#define MAP_LABEL_PT 7.5
bool map_layout(const struct map_shape *m, const struct places *p, const struct map_data *d,
                double width, double height, const struct measure *ms, struct map_drawing *out);

/* The arrowhead at the end of the segment from (x0, y0) to (x1, y1) for a line of width w:
 * tip, left, right. */
void map_arrowhead(double x0, double y0, double x1, double y1, double w, double out[6]);

/* Initial great-circle bearing from one point to another, in degrees clockwise from north. */
double map_bearing(double lat1, double lon1, double lat2, double lon2);

/* Where a ray from (cx, cy) towards direction (dx, dy) leaves the box [0, w] x [0, h]. */
void map_edge(double cx, double cy, double dx, double dy, double w, double h, double *x,
              double *y);

#endif
