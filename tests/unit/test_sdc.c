/* test_sdc.c: suppression patterns worked out by hand, and the check that proves them. */
#include "check.h"
#include "protect/sdc.h"

/* A table of r x c cells with its row totals, column totals and grand total, every sum
 * given. cell[i][j] receives the counts' indexes; rows[i], cols[j], *grand the margins'. */
struct grid {
    long cell[4][4], rows[4], cols[4], grand;
};

static void grid(struct sdc *s, int r, int c, const uint64_t v[4][4], struct grid *g)
{
    uint64_t rs[4] = {0}, cs[4] = {0}, all = 0;
    for (int i = 0; i < r; i++)
        for (int j = 0; j < c; j++) {
            g->cell[i][j] = sdc_var(s, v[i][j], SDC_CELL);
            rs[i] += v[i][j];
            cs[j] += v[i][j];
            all += v[i][j];
        }
    for (int i = 0; i < r; i++)
        g->rows[i] = sdc_var(s, rs[i], SDC_MARGIN);
    for (int j = 0; j < c; j++)
        g->cols[j] = sdc_var(s, cs[j], SDC_MARGIN);
    g->grand = sdc_var(s, all, SDC_MARGIN);
    for (int i = 0; i < r; i++)
        CHECK(sdc_sum(s, g->rows[i], g->cell[i], (size_t)c));
    for (int j = 0; j < c; j++) {
        long col[4];
        for (int i = 0; i < r; i++)
            col[i] = g->cell[i][j];
        CHECK(sdc_sum(s, g->cols[j], col, (size_t)r));
    }
    CHECK(sdc_sum(s, g->grand, g->rows, (size_t)r));
    CHECK(sdc_sum(s, g->grand, g->cols, (size_t)c));
}

/* Two 2 x 3 tables whose rows have the same totals (one count each, shared). */
static void link_grids(struct sdc *s, const uint64_t x[4][4], const uint64_t y[4][4],
                       struct grid *a, struct grid *b)
{
    grid(s, 2, 3, x, a);
    uint64_t cs[3] = {0}, all = 0;
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 3; j++) {
            b->cell[i][j] = sdc_var(s, y[i][j], SDC_CELL);
            cs[j] += y[i][j];
            all += y[i][j];
        }
    for (int i = 0; i < 2; i++) {
        b->rows[i] = a->rows[i];
        CHECK(sdc_sum(s, b->rows[i], b->cell[i], 3));
    }
    for (int j = 0; j < 3; j++) {
        b->cols[j] = sdc_var(s, cs[j], SDC_MARGIN);
        long col[2] = {b->cell[0][j], b->cell[1][j]};
        CHECK(sdc_sum(s, b->cols[j], col, 2));
    }
    b->grand = a->grand;
    CHECK(sdc_sum(s, b->grand, b->cols, 3));
}

/* Hides in s what t hides (the same table built in both). */
static void copy_states(struct sdc *s, const struct grid *gs, const struct sdc *t,
                        const struct grid *gt)
{
    for (int i = 0; i < 2; i++) {
        for (int j = 0; j < 3; j++)
            if (sdc_state(t, gt->cell[i][j]) != SDC_SHOWN)
                sdc_hide(s, gs->cell[i][j], sdc_state(t, gt->cell[i][j]));
        if (sdc_state(t, gt->rows[i]) != SDC_SHOWN)
            sdc_hide(s, gs->rows[i], sdc_state(t, gt->rows[i]));
    }
    for (int j = 0; j < 3; j++)
        if (sdc_state(t, gt->cols[j]) != SDC_SHOWN)
            sdc_hide(s, gs->cols[j], sdc_state(t, gt->cols[j]));
    if (sdc_state(t, gt->grand) != SDC_SHOWN)
        sdc_hide(s, gs->grand, sdc_state(t, gt->grand));
}

/* "P" primary, "S" secondary, "." shown, for the cells then the row, column and grand totals. */
static const char *pattern(const struct sdc *s, const struct grid *g, int r, int c)
{
    static char out[64];
    size_t n = 0;
    const char mark[] = {'.', 'P', 'S', '?'};
    for (int i = 0; i < r; i++) {
        for (int j = 0; j < c; j++)
            out[n++] = mark[sdc_state(s, g->cell[i][j])];
        out[n++] = '|';
        out[n++] = mark[sdc_state(s, g->rows[i])];
        out[n++] = '/';
    }
    for (int j = 0; j < c; j++)
        out[n++] = mark[sdc_state(s, g->cols[j])];
    out[n++] = '|';
    out[n++] = mark[sdc_state(s, g->grand)];
    out[n] = '\0';
    return out;
}

static void protect(struct sdc *s, struct sdc_stats *st)
{
    sdc_primary(s);
    CHECK(sdc_secondary(s, st));
    CHECK_INT(sdc_check(s, NULL, NULL), 0);
}

/* Each malloc of sdc_secondary failing in turn: it says so, and does nothing undefined on the
 * way out (the sanitizers' pass runs this too: a qsort of a NULL list once did). */
static void out_of_memory(void)
{
    static const uint64_t v[4][4] = {{1, 5, 7}, {4, 2, 9}, {6, 8, 3}};
    long n = 0;
    for (; n < 1000; n++) {
        struct sdc *s = sdc_new(3);
        struct grid g;
        grid(s, 3, 3, v, &g);
        sdc_primary(s);
        check_malloc_fail = n;
        bool ok = sdc_secondary(s, NULL);
        bool failed = check_malloc_fail < 0;
        check_malloc_fail = -1;
        sdc_free(s);
        if (!failed) { /* every malloc of the call succeeded */
            CHECK(ok);
            break;
        }
        CHECK(!ok);
    }
    CHECK(n > 10 && n < 1000);
}

void suite_sdc(void)
{
    out_of_memory();
    struct sdc_stats st;
    struct grid g;

    /* One small cell: the cheapest rectangle through it (5 + 6 + 7 = 18 of 18, 19, 23, 30). */
    struct sdc *s = sdc_new(3);
    static const uint64_t one[4][4] = {{2, 5, 8}, {6, 7, 9}, {10, 4, 12}};
    grid(s, 3, 3, one, &g);
    protect(s, &st);
    CHECK_STR(pattern(s, &g, 3, 3), "PS.|./SS.|./...|./...|.");
    CHECK_INT(st.secondary, 3);
    CHECK_INT(st.optimal, 1);
    /* What a reader can tell of the hidden cells: 2 is 1 or 2, 5 is 5 or 6 ... */
    struct sdc_interval iv[32];
    CHECK_INT(sdc_check(s, iv, NULL), 0);
    CHECK(iv[g.cell[0][0]].lo < 1.5 && iv[g.cell[0][0]].hi > 1.5);
    sdc_free(s);

    /* Two small cells in one row: the cheaper of the two other rows (5 + 9 = 14 < 7 + 8). */
    s = sdc_new(3);
    static const uint64_t two[4][4] = {{1, 2, 9}, {7, 8, 6}, {5, 9, 8}};
    grid(s, 3, 3, two, &g);
    protect(s, &st);
    CHECK_STR(pattern(s, &g, 3, 3), "PP.|./...|./SS.|./...|.");
    CHECK_INT(st.secondary, 2);
    sdc_free(s);

    /* A small cell alone in its row and column (the rest are zeros, which stay shown): its
     * row and column totals are small too, and only the grand total can protect them. */
    s = sdc_new(3);
    static const uint64_t alone[4][4] = {{2, 0, 0}, {0, 5, 6}, {0, 7, 8}};
    grid(s, 3, 3, alone, &g);
    protect(s, &st);
    CHECK_STR(pattern(s, &g, 3, 3), "P..|P/...|./...|./P..|S");
    CHECK_INT(st.secondary, 1);
    sdc_free(s);

    /* The check on patterns made by hand: one small cell hidden alone is worked out from its
     * row; the rectangle is safe; a rectangle whose shown margins leave one value is not. */
    s = sdc_new(3);
    grid(s, 3, 3, one, &g);
    sdc_hide(s, g.cell[0][0], SDC_PRIMARY);
    CHECK_INT(sdc_check(s, iv, NULL), 1);
    CHECK(iv[g.cell[0][0]].lo > 1.99 && iv[g.cell[0][0]].hi < 2.01);
    sdc_hide(s, g.cell[0][1], SDC_SECONDARY);
    sdc_hide(s, g.cell[1][0], SDC_SECONDARY);
    /* Row 2 and column 2 give the corners away (5 and 6: not small, so not counted), and
     * through them the 2. */
    CHECK_INT(sdc_check(s, iv, NULL), 1);
    CHECK_NEAR(iv[g.cell[0][1]].lo, 5);
    CHECK_NEAR(iv[g.cell[0][1]].hi, 5);
    sdc_hide(s, g.cell[1][1], SDC_SECONDARY);
    CHECK_INT(sdc_check(s, NULL, NULL), 0);
    sdc_free(s);

    /* "<3" + "<3" = "<3" can only be 1 + 1 = 2: one of the parts is shown as "x" ("<3" + "x"
     * = "<3": the x may be 0 or 1), with the column's cells that keep the "<3" from being
     * worked out from its column. */
    s = sdc_new(3);
    static const uint64_t pair[4][4] = {{1, 1, 0}, {4, 6, 5}, {3, 7, 9}};
    grid(s, 3, 3, pair, &g);
    protect(s, &st);
    CHECK_STR(pattern(s, &g, 3, 3), "PS.|P/SS.|S/...|./...|.");
    CHECK_INT(st.fallbacks, 1);
    CHECK_INT(sdc_state(s, g.rows[0]), SDC_PRIMARY);
    sdc_free(s);


    /* Linked tables: women and men by age band (A) and by region (B) share the sex totals.
     * Protected apart, each is safe; read together, B's row of ones gives the women's total
     * (1 + 1 + 1: each "<3" is at least 1) and A's hidden cells follow. Protected together,
     * the women's total, the grand total and columns of both are hidden (six counts). */
    static const uint64_t by_age[4][4] = {{2, 0, 1}, {11, 8, 4}},
                          by_region[4][4] = {{1, 1, 1}, {0, 14, 9}};
    struct grid a, b;
    struct sdc *sa = sdc_new(3), *sb = sdc_new(3), *j = sdc_new(3);
    grid(sa, 2, 3, by_age, &a);
    grid(sb, 2, 3, by_region, &b);
    protect(sa, &st);
    protect(sb, &st);
    struct grid ja, jb;
    link_grids(j, by_age, by_region, &ja, &jb);
    copy_states(j, &ja, sa, &a);
    copy_states(j, &jb, sb, &b);
    CHECK(sdc_check(j, NULL, NULL) > 0);
    sdc_free(j);
    j = sdc_new(3);
    link_grids(j, by_age, by_region, &ja, &jb);
    protect(j, &st);
    CHECK_STR(pattern(j, &ja, 2, 3), "P.P|S/...|./S.S|S");
    CHECK_STR(pattern(j, &jb, 2, 3), "PPP|S/...|./PSS|S");
    CHECK_INT(st.secondary, 6);
    CHECK_INT(st.optimal, st.components);
    sdc_free(sa);
    sdc_free(sb);
    sdc_free(j);

    /* One sum alone is solved in closed form: 10 = a + b + 5 with a "<3" and b "x" leaves a
     * 1 or 2 and b 3 or 4; a alone is 2; with the total hidden instead, a is 1 or 2 and the
     * total 9 or 10. */
    s = sdc_new(3);
    long total = sdc_var(s, 10, SDC_MARGIN), pa = sdc_var(s, 2, SDC_CELL),
         pb = sdc_var(s, 3, SDC_CELL), pc = sdc_var(s, 5, SDC_CELL);
    long parts[] = {pa, pb, pc};
    CHECK(sdc_sum(s, total, parts, 3));
    sdc_hide(s, pa, SDC_PRIMARY);
    CHECK_INT(sdc_check(s, iv, NULL), 1);
    CHECK_NEAR(iv[pa].lo, 2);
    CHECK_NEAR(iv[pa].hi, 2);
    sdc_hide(s, pb, SDC_SECONDARY);
    CHECK_INT(sdc_check(s, iv, NULL), 0);
    CHECK_NEAR(iv[pa].lo, 1);
    CHECK_NEAR(iv[pa].hi, 2);
    CHECK_NEAR(iv[pb].lo, 3);
    CHECK_NEAR(iv[pb].hi, 4);
    sdc_hide(s, pb, SDC_SHOWN);
    sdc_hide(s, total, SDC_SECONDARY);
    CHECK_INT(sdc_check(s, iv, NULL), 0);
    CHECK_NEAR(iv[total].lo, 9);
    CHECK_NEAR(iv[total].hi, 10);
    /* Shown counts that contradict a sum: no solution. */
    sdc_hide(s, total, SDC_SHOWN);
    sdc_set_value(s, pc, 9);
    CHECK_INT(sdc_check(s, NULL, NULL), -1);
    sdc_free(s);
}
