/* test_chart.c: chart geometry in points, hand-computed with a fixed-advance text measure. */
#include "report/chart.h"
#include "check.h"

/* Every character half the font size wide: easy to compute by hand. */
static double fixed(void *ctx, const char *text, double size, bool bold)
{
    (void)ctx, (void)bold;
    return 0.5 * size * (double)strlen(text);
}

static const struct measure ms = {fixed, NULL};

/* The n-th primitive of a kind, or NULL. */
static const struct prim *nth(const struct drawing *d, enum prim_kind kind, int n)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->p[i].kind == kind && n-- == 0)
            return &d->p[i];
    return NULL;
}

static const struct prim *text_prim(const struct drawing *d, const char *t)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->p[i].kind == PRIM_TEXT && !strcmp(d->p[i].text, t))
            return &d->p[i];
    return NULL;
}

static void check_rect(const struct prim *p, double x, double y, double w, double h)
{
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_NEAR(p->x, x);
    CHECK_NEAR(p->y, y);
    CHECK_NEAR(p->w, w);
    CHECK_NEAR(p->h, h);
}

static void scales(void)
{
    struct scale s = nice_scale(11, 5, true);
    CHECK_NEAR(s.step, 5);
    CHECK_INT(s.ticks, 3);
    CHECK_NEAR(s.max, 15);
    s = nice_scale(96, 4, true);
    CHECK_NEAR(s.step, 50);
    CHECK_NEAR(s.max, 100);
    s = nice_scale(48, 3, true);
    CHECK_NEAR(s.step, 20);
    CHECK_NEAR(s.max, 60);
    s = nice_scale(1234, 5, true); /* 246.8 a step: 500 */
    CHECK_NEAR(s.step, 500);
    CHECK_NEAR(s.max, 1500);
    /* Shares: 80.6% in steps of 20%. */
    s = nice_scale(0.806, 5, false);
    CHECK_NEAR(s.step, 0.2);
    CHECK_INT(s.ticks, 5);
    CHECK_NEAR(s.max, 1.0);
    /* Counts never step by halves: 0, 1. */
    s = nice_scale(1, 4, true);
    CHECK_NEAR(s.step, 1);
    CHECK_NEAR(s.max, 1);
    s = nice_scale(3, 5, true);
    CHECK_NEAR(s.step, 1);
    CHECK_INT(s.ticks, 3);
    /* An empty chart still has an axis. */
    s = nice_scale(0, 5, true);
    CHECK_NEAR(s.max, 1);
}

static void bars(void)
{
    struct chart_data d = {.shape = SHAPE_HBARS, .title = "T", .ncats = 3,
                           .cats = {"Puno", "Cusco", "Ica"}, .nseries = 1,
                           .values = {{11, 8, 1}}};
    struct drawing dr;
    CHECK(chart_layout(&d, 400, &ms, &dr));
    /* Labels 20 wide at most, + 6: bars start at 26. Values: "11" 8 + 6 = 14 at the right,
     * so 360 points for 0..15; rows of 15 under a 16.8 title, bars of 10 centred in them. */
    check_rect(nth(&dr, PRIM_RECT, 0), 26, 19.3, 264, 10);
    check_rect(nth(&dr, PRIM_RECT, 1), 26, 34.3, 192, 10);
    check_rect(nth(&dr, PRIM_RECT, 2), 26, 49.3, 24, 10);
    const struct prim *v = text_prim(&dr, "11");
    CHECK(v && v->align == ALIGN_LEFT);
    CHECK(v && v->x > 26 + 264 && v->x < 26 + 264 + 6); /* at the bar's end */
    /* Ticks at 0, 5, 10, 15. */
    const struct prim *t = text_prim(&dr, "15");
    CHECK(t && t->align == ALIGN_CENTER);
    CHECK_NEAR(t ? t->x : 0, 386);
    CHECK(text_prim(&dr, "5") && text_prim(&dr, "10"));
    drawing_free(&dr);

    /* Percentages: ticks in whole percent, values with one decimal. */
    struct chart_data p = {.shape = SHAPE_HBARS, .title = "T", .ncats = 2, .cats = {"a", "b"},
                           .nseries = 1, .values = {{0.806, 0.29}}, .percent = true};
    CHECK(chart_layout(&p, 400, &ms, &dr));
    CHECK(text_prim(&dr, "80.6%") != NULL);
    CHECK(text_prim(&dr, "100%") != NULL);
    CHECK(text_prim(&dr, "20%") != NULL);
    drawing_free(&dr);
}

static void pyramid(void)
{
    struct chart_data d = {.shape = SHAPE_PYRAMID, .title = "T", .ncats = 2,
                           .cats = {"0-17", "18+"}, .nseries = 2, .series = {"F", "M"},
                           .values = {{48, 42}, {3, 0}}};
    struct drawing dr;
    CHECK(chart_layout(&d, 400, &ms, &dr));
    /* Band labels 16 + 12 = 28 in the middle; "60" + 6 = 14 at each side; halves of 172:
     * female axis at 186, male at 214. Rows of 18 from 31.2; the youngest band lowest. */
    check_rect(nth(&dr, PRIM_RECT, 0), 186 - 137.6, 51.7, 137.6, 13); /* female 0-17 */
    check_rect(nth(&dr, PRIM_RECT, 1), 214, 51.7, 8.6, 13);           /* male 0-17 */
    check_rect(nth(&dr, PRIM_RECT, 2), 186 - 120.4, 33.7, 120.4, 13); /* female 18+ */
    check_rect(nth(&dr, PRIM_RECT, 3), 214, 33.7, 0, 13);
    CHECK(nth(&dr, PRIM_RECT, 0)->color != nth(&dr, PRIM_RECT, 1)->color);
    const struct prim *band = text_prim(&dr, "0-17");
    CHECK(band && band->align == ALIGN_CENTER);
    CHECK_NEAR(band ? band->x : 0, 200);
    drawing_free(&dr);
}

static void columns_and_stack(void)
{
    struct chart_data d = {.shape = SHAPE_COLUMNS, .title = "T", .ncats = 2,
                           .cats = {"2004", "2005"}, .nseries = 1, .values = {{8, 96}}};
    struct drawing dr;
    CHECK(chart_layout(&d, 218, &ms, &dr));
    /* Axis labels "100" 12 + 6 wide; slots of 100, columns of 60; 140 points for 0..100 down
     * to a base at 164.8. */
    check_rect(nth(&dr, PRIM_RECT, 0), 38, 164.8 - 11.2, 60, 11.2);
    check_rect(nth(&dr, PRIM_RECT, 1), 138, 164.8 - 134.4, 60, 134.4);
    const struct prim *v = text_prim(&dr, "96");
    CHECK(v && v->y < 164.8 - 134.4); /* above its column */
    drawing_free(&dr);

    /* Narrow columns: "1,000" (20 wide) in slots of 10 would be under 6 points: no values;
     * years (16 wide, slots of 8) every third one. */
    struct chart_data y = {.shape = SHAPE_COLUMNS, .title = "T", .ncats = 4,
                           .cats = {"2001", "2002", "2003", "2004"}, .nseries = 1,
                           .values = {{1000, 990, 980, 970}}};
    CHECK(chart_layout(&y, 58, &ms, &dr)); /* axis "1,000" 20 + 6: slots of 8 */
    CHECK(text_prim(&dr, "990") == NULL);
    CHECK(text_prim(&dr, "2001") != NULL);
    CHECK(text_prim(&dr, "2002") == NULL);
    CHECK(text_prim(&dr, "2003") == NULL);
    CHECK(text_prim(&dr, "2004") != NULL);
    drawing_free(&dr);

    /* Two series side by side: the legend's swatches under the title ("A" 4 wide: the second
     * at 13 + 4 + 16), then the plot 15.2 lower (its row); groups of 84 in slots of 100, a
     * column of 42 per series, each in its series' colour. */
    struct chart_data g = {.shape = SHAPE_COLUMNS, .title = "T", .ncats = 2,
                           .cats = {"2004", "2005"}, .nseries = 2, .series = {"A", "B"},
                           .values = {{8, 96}, {50, 20}}};
    CHECK(chart_layout(&g, 218, &ms, &dr));
    check_rect(nth(&dr, PRIM_RECT, 0), 0, 17.8, 9, 9);
    check_rect(nth(&dr, PRIM_RECT, 1), 33, 17.8, 9, 9);
    check_rect(nth(&dr, PRIM_RECT, 2), 26, 180 - 11.2, 42, 11.2);
    check_rect(nth(&dr, PRIM_RECT, 3), 68, 180 - 70, 42, 70);
    check_rect(nth(&dr, PRIM_RECT, 4), 126, 180 - 134.4, 42, 134.4);
    check_rect(nth(&dr, PRIM_RECT, 5), 168, 180 - 28, 42, 28);
    CHECK_INT(nth(&dr, PRIM_RECT, 4)->color, 0);
    CHECK_INT(nth(&dr, PRIM_RECT, 5)->color, 1);
    CHECK(text_prim(&dr, "B") != NULL && text_prim(&dr, "50") != NULL);
    drawing_free(&dr);

    struct chart_data s = {.shape = SHAPE_STACKED, .title = "T", .ncats = 3,
                           .cats = {"a", "b", "c"}, .nseries = 1, .values = {{3, 19, 7}}};
    CHECK(chart_layout(&s, 290, &ms, &dr));
    check_rect(nth(&dr, PRIM_RECT, 0), 0, 18.8, 30, 24);
    check_rect(nth(&dr, PRIM_RECT, 1), 30, 18.8, 190, 24);
    check_rect(nth(&dr, PRIM_RECT, 2), 220, 18.8, 70, 24);
    /* Darker step by step; the legend says count and share. */
    CHECK(nth(&dr, PRIM_RECT, 0)->color < nth(&dr, PRIM_RECT, 1)->color);
    CHECK(nth(&dr, PRIM_RECT, 1)->color < nth(&dr, PRIM_RECT, 2)->color);
    CHECK(text_prim(&dr, "b: 19 (65.5%)") != NULL);
    CHECK(text_prim(&dr, "19") != NULL); /* inside its segment */
    CHECK(text_prim(&dr, "3") != NULL);  /* 30 points hold "3" (4 wide, 4 of margin) */
    drawing_free(&dr);
    struct chart_data n = {.shape = SHAPE_STACKED, .title = "T", .ncats = 2, .cats = {"a", "b"},
                           .nseries = 1, .values = {{1, 99}}};
    CHECK(chart_layout(&n, 100, &ms, &dr));
    CHECK(text_prim(&dr, "1") == NULL); /* a 1-point segment holds no number */
    CHECK(text_prim(&dr, "a: 1 (1.0%)") != NULL);
    drawing_free(&dr);
}

static void notes(void)
{
    struct drawing dr = {0};
    double y = drawing_note(&dr, &ms, 10, 40, "aaa bbb ccc", 10);
    CHECK_INT(dr.n, 2);
    CHECK_STR(dr.p[0].text, "aaa bbb");
    CHECK_STR(dr.p[1].text, "ccc");
    CHECK_NEAR(dr.p[1].y, 24);
    CHECK_NEAR(y, 38);
    CHECK_NEAR(drawing_note(&dr, &ms, 5, 40, "", 10), 5);
    drawing_free(&dr);
}

void suite_chart(void)
{
    scales();
    bars();
    pyramid();
    columns_and_stack();
    notes();
}
