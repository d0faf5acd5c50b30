/* map_drawing.h: the map as laid out, for the drawers: region rings, route arrows and texts,
 * in points (map.c lays it out and frees it; map.h has the rest of the map). */
#ifndef TP_MAP_DRAWING_H
#define TP_MAP_DRAWING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/chart.h"

/* Classes of cases with limits at round numbers (1, 2, 5, 10, 20, 50 ...), at most 5. */
struct classes {
    int n;
    uint64_t lo[5], hi[5];
};

/* The colour of class k of c: MAP_SHADE + 0 (lightest) .. 4 (darkest), spread over the
 * classes there are; NO_CASES for -1. The legend and the regions use this one mapping. */
#define MAP_SHADE 100
#define NO_CASES 99
#define HIDDEN_CASES 98
#define OTHER_REGION 97
int map_shade(const struct classes *c, int k);

/* Polygons and arrows in points, with texts (labels, legend) in `text`. */
struct map_ring {
    size_t first, n; /* into pts */
    int code;        /* the region's */
    int fill;        /* class, or -1 for no cases */
};

struct map_arrow {
    size_t first, n;      /* its polyline, into pts */
    double width;         /* by victims */
    double head[6];       /* the arrowhead's three corners: tip, left, right */
};

struct map_drawing {
    double width, height;
    double *pts; /* x, y pairs: npts numbers, npts / 2 points */
    size_t npts, cap;
    struct map_ring *rings;
    size_t nrings;
    struct map_arrow *arrows;
    size_t narrows;
    struct classes classes;
    struct drawing text; /* title, labels, legend boxes and words */
    bool oom;
};

void map_drawing_free(struct map_drawing *d);

#endif
