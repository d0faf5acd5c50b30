/* test_protect.c: public tables as one system of sums: keys, merged routes, linked regions. */
#include "check.h"
#include "protect/links.h"
#include "protect/protect.h"
#include "count/table.h"

static const char *const sa_cols[] = {"sex", "age_band", "victims"};

/* victims_by_sex_age: female and male rows, bands 0-17 and 18+. */
static struct table *sex_age(const uint64_t v[2][2])
{
    struct table *t = table_new("victims_by_sex_age", 3, sa_cols);
    const char *sex[] = {"female", "male"}, *band[] = {"0-17", "18+"};
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, sex[i]);
            table_text(t, r, 1, band[j]);
            table_int(t, r, 2, v[i][j]);
        }
    return t;
}

static enum sdc_state state(const struct protection *p, const char *sex, const char *band,
                            const char *region)
{
    char key[256];
    const char *dims[4] = {NULL};
    char s[32], b[32], r[32];
    int n = 0;
    if (sex)
        snprintf(s, sizeof s, "sex=%s", sex), dims[n++] = s;
    if (band)
        snprintf(b, sizeof b, "band=%s", band), dims[n++] = b;
    if (region)
        snprintf(r, sizeof r, "region=%s", region), dims[n++] = r;
    protect_key(key, sizeof key, "victims", dims);
    return protect_state(p, key);
}

static void keys(void)
{
    char k[128];
    const char *dims[] = {"sex=female", "band=0-17", "region=08", NULL};
    protect_key(k, sizeof k, "victims", dims);
    CHECK_STR(k, "victims|band=0-17|region=08|sex=female");
    const char *none[] = {NULL};
    protect_key(k, sizeof k, "cases", none);
    CHECK_STR(k, "cases");
}

static void merged_routes(void)
{
    static const char *const cols[] = {"origin", "transit", "destination", "scope", "cases",
                                       "victims"};
    struct table *t = table_new("routes", 6, cols);
    const struct {
        const char *o, *d, *scope;
        uint64_t cases, victims;
    } rows[] = {{"Cusco", "Puno", "internal", 5, 10}, {"Cusco", "Lima", "internal", 1, 2},
                {"Loreto", "Lima", "internal", 1, 1}, {"Tumbes", "Ecuador", "international", 1, 2},
                {"Puno", "Bolivia", "international", 2, 3}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t r = table_row(t, NULL);
        table_text(t, r, 0, rows[i].o);
        table_text(t, r, 1, "");
        table_text(t, r, 2, rows[i].d);
        table_text(t, r, 3, rows[i].scope);
        table_int(t, r, 4, rows[i].cases);
        table_int(t, r, 5, rows[i].victims);
    }
    struct table *m = protect_merge_routes(t, 3);
    CHECK(m != NULL);
    /* Routes of 3 victims or more stay; the rest add up by scope, after them. */
    CHECK_INT(m->nrows, 4);
    CHECK_STR(table_cell_text(m, table_cell(m, 0, 2)), "Puno");
    CHECK_STR(table_cell_text(m, table_cell(m, 1, 2)), "Bolivia");
    CHECK_STR(table_cell_text(m, table_cell(m, 2, 0)), "other");
    CHECK_STR(table_cell_text(m, table_cell(m, 2, 3)), "internal");
    CHECK_INT(table_cell(m, 2, 4)->v.i, 2);
    CHECK_INT(table_cell(m, 2, 5)->v.i, 3);
    CHECK_STR(table_cell_text(m, table_cell(m, 3, 3)), "international");
    CHECK_INT(table_cell(m, 3, 4)->v.i, 1);
    CHECK_INT(table_cell(m, 3, 5)->v.i, 2);
    table_free(m);
    table_free(t);
}

/* A 2 x 2 table of the country, then two regions that add up to it. */
static const uint64_t nat[2][2] = {{9, 12}, {5, 8}}, r08[2][2] = {{2, 7}, {4, 3}},
                      r09[2][2] = {{7, 5}, {1, 5}};

static void one_table(void)
{
    struct tp_error err = {0};
    struct sdc_stats st;
    struct tableset ts = {0};
    CHECK(tableset_add(&ts, sex_age(r08)));
    struct protection *p = protect_new(3);
    CHECK(protect_tables(p, &ts, "", true, &err));
    CHECK(protect_run(p, &st, &err));
    /* The 2 is hidden as "<3"; its row, column and the opposite corner follow (the totals,
     * printed by no one here, are shown: 9, 6, 10, 5, 15). */
    CHECK_INT(state(p, "female", "0-17", NULL), SDC_PRIMARY);
    CHECK_INT(state(p, "female", "18+", NULL), SDC_SECONDARY);
    CHECK_INT(state(p, "male", "0-17", NULL), SDC_SECONDARY);
    CHECK_INT(state(p, "male", "18+", NULL), SDC_SECONDARY);
    CHECK_INT(state(p, "female", NULL, NULL), SDC_SHOWN);
    CHECK_INT(state(p, NULL, NULL, NULL), SDC_SHOWN);
    CHECK_INT(protect_check(p), 0);
    /* The table's cells carry the marks the renderers print. */
    CHECK_INT(table_cell(ts.t[0], 0, 2)->hidden, SDC_PRIMARY);
    CHECK_INT(table_cell(ts.t[0], 3, 2)->hidden, SDC_SECONDARY);
    protect_free(p);
    tableset_free(&ts);
}

static void regions(void)
{
    struct tp_error err = {0};
    struct sdc_stats st;
    struct tableset ns = {0}, s8 = {0}, s9 = {0};
    CHECK(tableset_add(&ns, sex_age(nat)));
    CHECK(tableset_add(&s8, sex_age(r08)));
    CHECK(tableset_add(&s9, sex_age(r09)));

    /* The country alone has no small count: all shown. Frozen, then the regions: the 2 and
     * the 1 are hidden, and protected inside the regions (the country's cells stay shown,
     * and each region's cell is the country's less the other region's). Each region's
     * cells are its part of the country's (linked). */
    struct protection *p = protect_new(3);
    CHECK(protect_tables(p, &ns, "", true, &err));
    CHECK(protect_run(p, &st, &err));
    CHECK_INT(state(p, "female", "0-17", NULL), SDC_SHOWN);
    protect_freeze(p);
    CHECK(protect_tables(p, &s8, "region=08", true, &err));
    CHECK(protect_tables(p, &s9, "region=09", true, &err));
    CHECK(protect_link_regions(p, &err));
    CHECK(protect_run(p, &st, &err));
    CHECK_INT(state(p, "female", "0-17", NULL), SDC_SHOWN);
    CHECK_INT(state(p, "male", "18+", NULL), SDC_SHOWN);
    /* Hidden, as "<3" or as "x" where that gives less away. */
    CHECK(state(p, "female", "0-17", "08") != SDC_SHOWN);
    CHECK(state(p, "male", "0-17", "09") != SDC_SHOWN);
    /* 9 = 2 + 7: the female 0-17 of region 09 would give the 2 away. */
    CHECK(state(p, "female", "0-17", "09") != SDC_SHOWN);
    CHECK(state(p, "male", "0-17", "08") != SDC_SHOWN);
    CHECK_INT(protect_check(p), 0);
    protect_free(p);

    /* Regions that do not add up to the country are refused, by name. */
    tableset_free(&s9);
    static const uint64_t wrong[2][2] = {{7, 5}, {1, 6}};
    CHECK(tableset_add(&s9, sex_age(wrong)));
    p = protect_new(3);
    CHECK(protect_tables(p, &ns, "", true, &err));
    CHECK(protect_tables(p, &s8, "region=08", true, &err));
    CHECK(protect_tables(p, &s9, "region=09", true, &err));
    CHECK(!protect_link_regions(p, &err));
    CHECK(strstr(err.msg, "the regions do not add up to the country") != NULL);
    protect_free(p);
    tableset_free(&ns);
    tableset_free(&s8);
    tableset_free(&s9);
}

/* One count under two names is one key: UNODC's girls are the female minors, its organ removal
 * ours, the band 0-17 the minors; a union of several of our forms keeps its name. */
static void linked_names(void)
{
    char out[256];
    CHECK_STR(links_canon("victims|ucat=girls|uform=organ_removal", out, sizeof out),
              "victims|form=organ_removal|minor=yes|sex=female");
    CHECK_STR(links_canon("victims|nationality=Peru|ucat=men", out, sizeof out),
              "victims|minor=no|nationality=Peru|sex=male");
    CHECK_STR(links_canon("victims|band=0-17|region=08|sex=male", out, sizeof out),
              "victims|minor=yes|region=08|sex=male");
    CHECK_STR(links_canon("victims|band=18+", out, sizeof out), "victims|minor=no");
    CHECK_STR(links_canon("victims|uform=unknown", out, sizeof out), "victims|form=unknown");
    const char *same[] = {"victims|ucat=unknown", "victims|band=0-5", "victims|band=18-30",
                          "victims|uform=sexual_exploitation", "cases|region=08"};
    for (size_t i = 0; i < sizeof same / sizeof *same; i++)
        CHECK(links_canon(same[i], out, sizeof out) == same[i]);
}

void suite_protect(void)
{
    keys();
    linked_names();
    merged_routes();
    one_table();
    regions();
}
