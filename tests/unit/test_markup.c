/* test_markup.c: text escaped for HTML, numbers written short, drawings written as SVG. */
#include <stdlib.h>

#include "check.h"
#include "render/chart_svg.h"
#include "util/markup.h"

static void escapes(void)
{
    struct buf b = {0};
    CHECK(markup_text(&b, "<script>\"a\" & 'b'</script>\x01\x7f\tok\n"));
    CHECK_STR(buf_cstr(&b), "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;\tok\n");
    buf_clear(&b);
    CHECK(markup_text(&b, "Huánuco → Pasco"));
    CHECK(markup_text(&b, NULL));
    CHECK_STR(buf_cstr(&b), "Huánuco → Pasco");
    buf_clear(&b);
    const double v[] = {12.5, 3, -0.25, 0.004, -0.004, 481.889, 100.999};
    for (size_t i = 0; i < sizeof v / sizeof *v; i++)
        CHECK(markup_number(&b, v[i]) && buf_addc(&b, ' '));
    CHECK_STR(buf_cstr(&b), "12.5 3 -0.25 0 0 481.89 101 ");
    buf_free(&b);
}

/* A rectangle of no cases (hatched), a bar, a line and a text with a halo, by their SVG. */
static void chart_svg(void)
{
    struct svg_pen *pen = svg_pen_new();
    CHECK(pen != NULL);
    if (!pen)
        return;
    struct drawing d = {.width = 100, .height = 50};
    drawing_add(&d, (struct prim){.kind = PRIM_RECT, .x = 1, .y = 2, .w = 3, .h = 4,
                                  .color = NO_CASES});
    drawing_add(&d, (struct prim){.kind = PRIM_RECT, .x = 0, .y = 10, .w = 40.125, .h = 8,
                                  .color = 0});
    drawing_add(&d, (struct prim){.kind = PRIM_LINE, .x = 0, .y = 20, .w = 100, .h = 0,
                                  .color = GRID});
    drawing_text(&d, 50, 30, "<3 & x", 8, ALIGN_CENTER, true, INK);
    d.p[d.n - 1].halo = true;
    struct buf b = {0};
    CHECK(svg_chart(pen, &b, &d, "c-x", "Title & co", "A: 1"));
    const char *s = buf_cstr(&b);
    const char *want[] = {
        "<svg viewBox=\"0 0 100 50\" width=\"100\" height=\"50\" style=\"max-width:140px\" "
        "role=\"img\" aria-labelledby=\"c-x-t\" aria-describedby=\"c-x-d\">",
        "<title id=\"c-x-t\">Title &amp; co</title>",
        "<desc id=\"c-x-d\">A: 1</desc>",
        "<pattern id=\"c-x-hk\" patternUnits=\"userSpaceOnUse\" width=\"3\" height=\"3\">",
        "<rect x=\"1\" y=\"2\" width=\"3\" height=\"4\" fill=\"url(#c-x-hk)\" stroke=\"#8c8c8c\" "
        "stroke-width=\".5\"/>",
        "<rect x=\"0\" y=\"10\" width=\"40.13\" height=\"8\" fill=\"#1f4e79\"/>",
        "<line x1=\"0\" y1=\"20\" x2=\"100\" y2=\"20\" stroke=\"#d1d1d1\" stroke-width=\"0.5\"/>",
        " font-size=\"8\" text-anchor=\"middle\" font-weight=\"bold\" fill=\"#1f1f1f\" "
        "stroke=\"#fff\" stroke-width=\"1.6\" stroke-linejoin=\"round\" "
        "paint-order=\"stroke\">&lt;3 &amp; x</text>",
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        if (!strstr(s, want[i])) {
            CHECK(!"an SVG piece is missing");
            fprintf(stderr, "  missing: %s\n  in: %s\n", want[i], s);
        }
    /* The text's baseline: under its top by DejaVu Sans's ascent (0.93 of the size, pango). */
    const char *y = strstr(s, "<text x=\"50\" y=\"");
    CHECK(y != NULL);
    if (y)
        CHECK_NEAR(atof(y + strlen("<text x=\"50\" y=\"")) - 30, 7.43);
    drawing_free(&d);
    buf_free(&b);
    svg_pen_free(pen);
}

/* A region's ring, hatched for no cases, and a route of two points with its head. */
static void map_svg(void)
{
    struct svg_pen *pen = svg_pen_new();
    CHECK(pen != NULL);
    if (!pen)
        return;
    double pts[] = {0, 0, 10, 0, 10, 10, 2, 2, 8, 8};
    struct map_ring ring = {.first = 0, .n = 3, .code = 1, .fill = -1};
    struct map_arrow arrow = {.first = 3, .n = 2, .width = 1.5,
                              .head = {8, 8, 6, 7, 7, 6}};
    struct map_drawing m = {.width = 20, .height = 20, .pts = pts, .npts = 10, .rings = &ring,
                            .nrings = 1, .arrows = &arrow, .narrows = 1};
    struct buf b = {0};
    CHECK(svg_map(pen, &b, &m, "c-map", "Map", "Cusco 8"));
    const char *s = buf_cstr(&b);
    CHECK(strstr(s, "<path d=\"M0 0L10 0 10 10Z\" fill=\"url(#c-map-hm)\"/>") != NULL);
    CHECK(strstr(s, "<path d=\"M2 2L6.5 6.5\" stroke-width=\"1.5\"/>") != NULL);
    CHECK(strstr(s, "<path d=\"M8 8L6 7 7 6Z\" stroke=\"none\" fill=\"#cc380d\" "
                    "fill-opacity=\"0.85\"/>") != NULL);
    buf_free(&b);
    svg_pen_free(pen);
}

void suite_markup(void)
{
    escapes();
    chart_svg();
    map_svg();
}
