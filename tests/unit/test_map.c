/* test_map.c: the projection, class limits, arrowheads, edges and the routes of the map. */
#include <math.h>

#include "check.h"
#include "report/map.h"

static double fixed(void *ctx, const char *text, double size, bool bold)
{
    (void)ctx, (void)bold;
    return 0.5 * size * (double)strlen(text);
}

static const struct measure ms = {fixed, NULL};

static void projection(void)
{
    /* A region from 80 W to 70 W and 20 S to the equator. */
    static const char square[] =
        "{\"type\":\"FeatureCollection\",\"features\":[{\"type\":\"Feature\",\"properties\":"
        "{\"FIRST_IDDP\":\"08\"},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
        "[[[-80,0],[-70,0],[-70,-20],[-80,-20],[-80,0]]]}}]}";
    struct tp_error err;
    struct map_shape *m = map_load(check_tempfile(square, sizeof square - 1), &err);
    CHECK(m != NULL);
    if (!m)
        return;
    /* Longitude shrinks by cos(10 degrees) = 0.98481: 9.848 degrees wide, 20 high; in a box
     * of 100 x 200 the height decides (10 points a degree) and the width is centred. */
    struct projection p = map_fit(m, 100, 200);
    CHECK_NEAR(p.k, 0.984807753);
    CHECK_NEAR(p.scale, 10);
    double x, y;
    map_project(&p, -80, 0, &x, &y);
    CHECK_NEAR(x, 0.759612);
    CHECK_NEAR(y, 0);
    map_project(&p, -70, -20, &x, &y);
    CHECK_NEAR(x, 99.240388);
    CHECK_NEAR(y, 200);
    map_project(&p, -75, -10, &x, &y);
    CHECK_NEAR(x, 50);
    CHECK_NEAR(y, 100);
    map_free(m);

    CHECK(map_load(check_tempfile("{\"type\":\"Feature\"}", 18), &err) == NULL);
    CHECK(strstr(err.msg, "not a GeoJSON FeatureCollection") != NULL);
    CHECK(map_load(check_tempfile("{\"features\":[]}", 15), &err) == NULL);
    CHECK_STR(err.msg, "holds no region outlines");
}

static void classes(void)
{
    struct classes c = map_classes(0, 11); /* 1, 2, 3-5, 6-10, 11-20 */
    CHECK_INT(c.n, 5);
    CHECK_INT(c.lo[0], 1);
    CHECK_INT(c.hi[0], 1);
    CHECK_INT(c.lo[2], 3);
    CHECK_INT(c.hi[2], 5);
    CHECK_INT(c.lo[4], 11);
    CHECK_INT(c.hi[4], 20);
    CHECK_INT(map_class(&c, 0), -1);
    CHECK_INT(map_class(&c, 5), 2);
    CHECK_INT(map_class(&c, 6), 3);
    CHECK_INT(map_class(&c, 11), 4);
    c = map_classes(0, 1);
    CHECK_INT(c.n, 1);
    CHECK_INT(c.hi[0], 1);
    c = map_classes(0, 3); /* 1, 2, 3-5 */
    CHECK_INT(c.n, 3);
    CHECK_INT(c.hi[2], 5);
    c = map_classes(0, 250); /* the five top limits: 1-20, 21-50, 51-100, 101-200, 201-500 */
    CHECK_INT(c.n, 5);
    CHECK_INT(c.lo[0], 1);
    CHECK_INT(c.hi[0], 20);
    CHECK_INT(c.lo[1], 21);
    CHECK_INT(c.hi[4], 500);
    CHECK_INT(map_class(&c, 250), 4);
    c = map_classes(3, 11); /* public mode, K = 3: no class 1 or 2: 3-5, 6-10, 11-20 */
    CHECK_INT(c.n, 3);
    CHECK_INT(c.lo[0], 3);
    CHECK_INT(c.hi[0], 5);
    CHECK_INT(c.lo[2], 11);
    c = map_classes(5, 0); /* nothing shown: one class from K */
    CHECK_INT(c.n, 1);
    CHECK_INT(c.lo[0], 5);
    CHECK_INT(c.hi[0], 5);
}

static void geometry(void)
{
    double h[6];
    map_arrowhead(0, 0, 10, 0, 1, h); /* 8 long, 7 wide for a line of 1 */
    CHECK_NEAR(h[0], 10);
    CHECK_NEAR(h[1], 0);
    CHECK_NEAR(h[2], 2);
    CHECK_NEAR(h[3], 3.5);
    CHECK_NEAR(h[4], 2);
    CHECK_NEAR(h[5], -3.5);
    map_arrowhead(5, 5, 5, 25, 2, h); /* downwards: 11 long, 9 wide */
    CHECK_NEAR(h[0], 5);
    CHECK_NEAR(h[1], 25);
    CHECK_NEAR(h[3], 14);
    CHECK_NEAR(fabs(h[2] - h[4]), 9);

    double x, y;
    map_edge(50, 50, 1, 0, 100, 100, &x, &y);
    CHECK_NEAR(x, 100);
    CHECK_NEAR(y, 50);
    map_edge(50, 50, 0.6, -0.8, 100, 100, &x, &y); /* the top edge comes first */
    CHECK_NEAR(x, 87.5);
    CHECK_NEAR(y, 0);
    map_edge(20, 50, -sqrt(0.5), sqrt(0.5), 100, 100, &x, &y);
    CHECK_NEAR(x, 0);
    CHECK_NEAR(y, 70);

    /* Bearings on the sphere: east along the equator, north, west. */
    CHECK_NEAR(map_bearing(0, 0, 0, 90), 90);
    CHECK_NEAR(map_bearing(0, 0, 10, 0), 0);
    CHECK_NEAR(map_bearing(0, 0, 0, -90), 270);
    /* From Lima: Tokyo lies north-west across the Pacific, Madrid north-east, La Paz
     * south-east. */
    double tokyo = map_bearing(-12.05, -77.04, 35.68, 139.69);
    CHECK(tokyo > 270 && tokyo < 360);
    double madrid = map_bearing(-12.05, -77.04, 40.42, -3.70);
    CHECK(madrid > 0 && madrid < 90);
    double lapaz = map_bearing(-12.05, -77.04, -16.50, -68.15);
    CHECK(lapaz > 90 && lapaz < 180);
}

/* The templates' places and outlines; false (a failed check) when either cannot be read. */
static bool load_real(struct places **p, struct map_shape **m)
{
    char dir[1100];
    struct tp_error err;
    snprintf(dir, sizeof dir, "%s/places", check_templates);
    *p = places_load(dir, &err);
    snprintf(dir, sizeof dir, "%s/places/departments.geojson", check_templates);
    *m = map_load(dir, &err);
    CHECK(*p && *m);
    if (*p && *m)
        return true;
    places_free(*p);
    map_free(*m);
    return false;
}

/* The real outlines: routes between capitals, and one abroad. */
static void layout(void)
{
    struct places *p;
    struct map_shape *m;
    if (!load_real(&p, &m))
        return;
    const int cusco = 8, arequipa = 4, lima = 15, puno = 21;
    int japan = places_country(p, "Japan", 5);
    CHECK(japan >= 0);
    struct map_data d = {.title = "Map", .note = "", .source = "", .legend_title = "Cases",
                         .no_cases = "None"};
    d.cases[puno] = 11;
    d.cases[cusco] = 8;
    d.cases[lima] = 3;
    d.routes[0] = (struct map_route){.stops = {cusco, arequipa}, .nstops = 2, .victims = 17};
    d.routes[1] = (struct map_route){.stops = {lima, (uint16_t)(PLACE_FOREIGN + japan)},
                                     .names = {NULL, "Japón"}, .nstops = 2, .victims = 2};
    d.nroutes = 2;
    struct map_drawing md;
    CHECK(map_layout(m, p, &d, 480, 640, &ms, &md));
    /* Peru keeps its shape: the outlines span the height, and about 0.72 of it across. */
    double minx = 1e9, maxx = -1e9, miny = 1e9, maxy = -1e9;
    for (size_t i = 0; i < md.npts / 2; i++) {
        double x = md.pts[2 * i], y = md.pts[2 * i + 1];
        bool arrow = false;
        for (size_t a = 0; a < md.narrows; a++)
            arrow |= i >= md.arrows[a].first && i < md.arrows[a].first + md.arrows[a].n;
        if (arrow)
            continue;
        minx = fmin(minx, x), maxx = fmax(maxx, x), miny = fmin(miny, y), maxy = fmax(maxy, y);
    }
    CHECK(minx >= 0 && maxx <= 480 && miny >= 18 && maxy <= 640);
    double ratio = (maxx - minx) / (maxy - miny);
    CHECK(ratio > 0.68 && ratio < 0.76);
    /* Regions shaded by class (1, 2, 3-5, 6-10, 11-20); no cases: -1. */
    int fill[NREGIONS + 1];
    for (size_t r = 0; r < md.nrings; r++)
        fill[md.rings[r].code] = md.rings[r].fill;
    CHECK_INT(fill[puno], 4);
    CHECK_INT(fill[cusco], 3);
    CHECK_INT(fill[lima], 2);
    CHECK_INT(fill[arequipa], -1);
    CHECK_INT(md.narrows, 2);
    /* Cusco to Arequipa: from Cusco's capital (the map under an 18-point title, no note) to 3
     * points short of Arequipa's, the widest line. */
    struct projection pr = map_fit(m, 480, 640 - 18);
    double cx, cy, ax, ay;
    map_project(&pr, places_region(p, cusco)->lon, places_region(p, cusco)->lat, &cx, &cy);
    map_project(&pr, places_region(p, arequipa)->lon, places_region(p, arequipa)->lat, &ax, &ay);
    const struct map_arrow *a = &md.arrows[0];
    double x0 = md.pts[2 * a->first], y0 = md.pts[2 * a->first + 1];
    double x1 = md.pts[2 * (a->first + 1)], y1 = md.pts[2 * (a->first + 1) + 1];
    CHECK_NEAR(x0, cx);
    CHECK_NEAR(y0, cy + 18);
    CHECK_NEAR(hypot(ax - x1, ay + 18 - y1), 3);
    CHECK_NEAR(a->width, 5);
    CHECK_NEAR(a->head[0], x1);
    CHECK_NEAR(a->head[1], y1);
    CHECK(y1 > y0); /* Arequipa is south of Cusco */
    /* Lima to Japan: to the left edge (north-west), labelled there. */
    const struct map_arrow *b = &md.arrows[1];
    double jx = md.pts[2 * (b->first + 1)], jy = md.pts[2 * (b->first + 1) + 1];
    double ly = md.pts[2 * b->first + 1];
    CHECK_NEAR(jx, 0);
    CHECK(jy < ly && jy >= 18);
    CHECK(b->width < a->width);
    CHECK_NEAR(b->width, 1 + 4 * 2.0 / 17);
    bool label = false, lima_label = false;
    for (size_t i = 0; i < md.text.n; i++) {
        label |= !strcmp(md.text.p[i].text, "Japón") && md.text.p[i].align == ALIGN_LEFT;
        lima_label |= !strcmp(md.text.p[i].text, "Lima (3)");
    }
    CHECK(label);
    CHECK(lima_label);
    map_drawing_free(&md);
    map_free(m);
    places_free(p);
}

/* A label's box, as the drawer would place it with the fixed advance. */
static void text_box(const struct prim *t, double b[4])
{
    double w = fixed(NULL, t->text, t->size, t->bold);
    b[0] = t->align == ALIGN_RIGHT ? t->x - w : t->align == ALIGN_CENTER ? t->x - w / 2 : t->x;
    b[1] = t->y;
    b[2] = b[0] + w;
    b[3] = t->y + t->size * 1.25;
}

/* Whether a point lies in the box grown by g: checked by sampling, not by the layout's
 * clipping, so that the two do not share a mistake. */
static bool near_box(double x, double y, const double b[4], double g)
{
    return x > b[0] - g && x < b[2] + g && y > b[1] - g && y < b[3] + g;
}

/* The sample's routes on the real outlines: no label smaller than 7 points, none over another
 * label, a line or an arrowhead; the stop without cases (Junin) marked hollow with "(0)". */
static void labels_clear(void)
{
    struct places *p;
    struct map_shape *m;
    if (!load_real(&p, &m))
        return;
    enum { AREQUIPA = 4, CUSCO = 8, HUANUCO = 10, JUNIN = 12, LIMA = 15, LORETO = 16,
           MADRE = 17, PASCO = 19, PUNO = 21, SANMARTIN = 22, TUMBES = 24, UCAYALI = 25 };
    uint16_t japan = (uint16_t)(PLACE_FOREIGN + places_country(p, "Japan", 5));
    uint16_t bolivia = (uint16_t)(PLACE_FOREIGN + places_country(p, "Bolivia", 7));
    uint16_t ecuador = (uint16_t)(PLACE_FOREIGN + places_country(p, "Ecuador", 7));
    struct map_data d = {.title = "Map", .note = "", .source = "Source: test.",
                         .legend_title = "Cases", .no_cases = "None",
                         .stop_no_cases = "Route stop with no cases",
                         .unlabelled = "Not labelled: "};
    const uint64_t cases[][2] = {{PUNO, 11}, {CUSCO, 8}, {UCAYALI, 5}, {LORETO, 4}, {LIMA, 3},
                                 {PASCO, 2}, {AREQUIPA, 2}, {MADRE, 1}, {HUANUCO, 1},
                                 {SANMARTIN, 1}, {TUMBES, 1}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
        d.cases[cases[i][0]] = cases[i][1];
    const struct map_route routes[] = {
        {.stops = {CUSCO, AREQUIPA}, .nstops = 2, .victims = 17},
        {.stops = {CUSCO, PUNO}, .nstops = 2, .victims = 15},
        {.stops = {SANMARTIN, HUANUCO, PASCO}, .nstops = 3, .victims = 12},
        {.stops = {LORETO, UCAYALI}, .nstops = 2, .victims = 7},
        {.stops = {CUSCO, MADRE}, .nstops = 2, .victims = 6},
        {.stops = {JUNIN, LIMA}, .nstops = 2, .victims = 3},
        {.stops = {PUNO, MADRE}, .nstops = 2, .victims = 3},
        {.stops = {PUNO, AREQUIPA}, .nstops = 2, .victims = 1},
        {.stops = {LIMA, japan}, .names = {NULL, "Japan"}, .nstops = 2, .victims = 2},
        {.stops = {TUMBES, ecuador}, .names = {NULL, "Ecuador"}, .nstops = 2, .victims = 2},
        {.stops = {PUNO, bolivia}, .names = {NULL, "Bolivia"}, .nstops = 2, .victims = 1}};
    d.nroutes = (int)(sizeof routes / sizeof *routes);
    memcpy(d.routes, routes, sizeof routes);
    struct map_drawing md;
    CHECK(map_layout(m, p, &d, 480, 640, &ms, &md));
    int labels = 0, crossings = 0, overlaps = 0, small = 0;
    bool junin = false, hollow = false, legend = false;
    for (size_t i = 0; i < md.text.n; i++) {
        const struct prim *t = &md.text.p[i];
        legend |= t->kind == PRIM_TEXT && !strcmp(t->text, "Route stop with no cases");
        hollow |= t->kind == PRIM_RECT && t->color == PAPER;
        if (t->kind != PRIM_TEXT || !t->halo) /* the labels are the texts with a halo */
            continue;
        labels++;
        junin |= !strcmp(t->text, "Jun\xc3\xadn (0)");
        small += t->size < 7;
        double b[4];
        text_box(t, b);
        for (size_t k = i + 1; k < md.text.n; k++) {
            const struct prim *u = &md.text.p[k];
            double c[4];
            if (u->kind != PRIM_TEXT || !u->halo)
                continue;
            text_box(u, c);
            overlaps += !(b[2] <= c[0] || c[2] <= b[0] || b[3] <= c[1] || c[3] <= b[1]);
        }
        for (size_t a = 0; a < md.narrows; a++) {
            const struct map_arrow *ar = &md.arrows[a];
            for (size_t s = 0; s + 1 < ar->n; s++) {
                const double *p0 = &md.pts[2 * (ar->first + s)], *p1 = p0 + 2;
                for (double f = 0; f <= 1; f += 1.0 / 400)
                    crossings += near_box(p0[0] + f * (p1[0] - p0[0]),
                                          p0[1] + f * (p1[1] - p0[1]), b, ar->width / 2);
            }
            const double *h = ar->head; /* points of the head, by barycentric steps */
            for (double u = 0; u <= 1; u += 0.05)
                for (double v = 0; u + v <= 1; v += 0.05)
                    crossings += near_box(h[0] + u * (h[2] - h[0]) + v * (h[4] - h[0]),
                                          h[1] + u * (h[3] - h[1]) + v * (h[5] - h[1]), b, 0);
        }
    }
    CHECK_INT(labels, 15); /* the 11 regions with cases, Junín, and the 3 countries */
    CHECK_INT(small, 0);
    CHECK_INT(overlaps, 0);
    CHECK_INT(crossings, 0);
    CHECK(junin && hollow && legend);
    map_drawing_free(&md);
    /* On a map too small for them, the labels left out are named in the note: every region
     * with cases is labelled or named there, none both. */
    CHECK(map_layout(m, p, &d, 150, 200, &ms, &md));
    char notes[4096] = "";
    for (size_t i = 1; i < md.text.n; i++) /* after the title: the legend and the note's lines */
        if (md.text.p[i].kind == PRIM_TEXT && !md.text.p[i].halo &&
            strlen(notes) + strlen(md.text.p[i].text) + 2 < sizeof notes)
            strcat(strcat(notes, md.text.p[i].text), " ");
    int named = 0, both = 0, neither = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char t[64];
        snprintf(t, sizeof t, "%s (%d)", places_region(p, (int)cases[i][0])->name,
                 (int)cases[i][1]);
        bool drawn = false;
        for (size_t k = 0; k < md.text.n; k++)
            drawn |= md.text.p[k].halo && !strcmp(md.text.p[k].text, t);
        bool in_note = strstr(notes, t) != NULL;
        named += in_note;
        both += drawn && in_note;
        neither += !drawn && !in_note;
    }
    CHECK(named > 0 && strstr(notes, "Not labelled: "));
    CHECK_INT(both, 0);
    CHECK_INT(neither, 0);
    map_drawing_free(&md);
    map_free(m);
    places_free(p);
}

void suite_map(void)
{
    projection();
    classes();
    geometry();
    layout();
    labels_clear();
}
