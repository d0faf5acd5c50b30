/* test_views.c: the report's display tables from hand-made counts and public tables. */
#include <signal.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "check.h"
#include "count/table.h"
#include "report/change.h"
#include "report/view.h"

/* What the views read: an agg over the templates' places (bands as given), English labels,
 * and the public tables of cur. */
struct fixture {
    struct places *places;
    struct labels *labels;
    struct agg agg;
    struct tableset cur;
    struct report_input in;
    struct report r;
    struct tp_error err;
    struct ctx c;
};

static bool fixture_init(struct fixture *f, const char *bands)
{
    memset(f, 0, sizeof *f);
    char dir[1100], why[128];
    snprintf(dir, sizeof dir, "%s/places", check_templates);
    struct age_bands b;
    struct period period = {20070101, 20071231};
    f->places = places_load(dir, &f->err);
    f->labels = labels_load(check_templates, "en", &f->err);
    CHECK(f->places && f->labels && age_bands_parse(bands, &b, why, sizeof why));
    if (!f->places || !f->labels || !agg_init(&f->agg, f->places, &b, &period, 1, false))
        return false;
    f->in.agg = &f->agg;
    f->in.labels = f->labels;
    f->in.cur = &f->cur;
    f->c = (struct ctx){&f->in, &f->r, &f->err, false, -1};
    return true;
}

static void fixture_free(struct fixture *f)
{
    for (size_t i = 0; i < f->r.ntables; i++)
        table_free(f->r.tables[i].body);
    free(f->r.tables);
    for (size_t i = 0; i < f->r.ncharts; i++)
        free(f->r.charts[i].map);
    free(f->r.charts);
    tableset_free(&f->cur);
    agg_free(&f->agg);
    labels_free(f->labels);
    places_free(f->places);
}

/* The display table name, built; NULL (a failed check) when it cannot be. */
static const struct dtable *view(struct fixture *f, const char *name)
{
    int i = table_index(&f->c, name, false);
    CHECK(i >= 0);
    return i >= 0 ? &f->r.tables[i] : NULL;
}

static const char *cell(struct fixture *f, const struct dtable *t, size_t row, int col)
{
    static char buf[8][64];
    static int n;
    char *s = buf[n++ % 8];
    dtable_cell_text(&f->r, t, row, col, s, sizeof buf[0]);
    return s;
}

#define BANDS16 "0-4,5-9,10-14,15-17,18-20,21-24,25-29,30-34,35-39,40-44,45-49,50-54,55-59," \
                "60-64,65-69,70+"

/* As many bands as allowed: every band, unknown and the total, in both tables. */
static void max_bands(void)
{
    struct fixture f;
    if (!fixture_init(&f, BANDS16)) {
        fixture_free(&f);
        return;
    }
    CHECK_INT(f.agg.bands.n, MAX_BANDS);
    struct agg_period *ap = &f.agg.period[0];
    /* sex s, band b (16: unknown): 100 (s + 1) + b victims. */
    uint64_t sex_total[3] = {0}, all = 0;
    for (int s = 0; s < 3; s++)
        for (int b = 0; b <= MAX_BANDS; b++) {
            ap->sex_band[s][b] = (uint64_t)(100 * (s + 1) + b);
            sex_total[s] += ap->sex_band[s][b];
        }
    all = sex_total[0] + sex_total[1] + sex_total[2]; /* 1,700 + 3,400 + 5,100 + 3 x 136 */
    CHECK_INT(all, 10608);
    ap->cases = 7;
    ap->victims = all;

    const struct dtable *t = view(&f, "victims_by_sex_age");
    if (t) {
        CHECK_INT(t->body->ncols, 1 + MAX_BANDS + 1 + 1);
        CHECK_STR(t->cols[1].label, "0-4");
        CHECK_STR(t->cols[MAX_BANDS].label, "70+");
        CHECK_STR(t->cols[MAX_BANDS + 1].label, "Unknown");
        CHECK_STR(t->cols[MAX_BANDS + 2].label, "Total");
        size_t total = t->body->nrows;
        CHECK_INT(total, 3);
        CHECK_STR(cell(&f, t, 0, MAX_BANDS + 1), "116"); /* female, unknown age */
        CHECK_STR(cell(&f, t, 0, MAX_BANDS + 2), "1,836");  /* 16 x 100 + 0 + ... + 16 */
        CHECK_STR(cell(&f, t, total, 1), "600");            /* band 0-4: 100 + 200 + 300 */
        CHECK_STR(cell(&f, t, total, MAX_BANDS), "645");    /* 70+: 115 + 215 + 315 */
        CHECK_STR(cell(&f, t, total, MAX_BANDS + 1), "648"); /* unknown */
        CHECK_STR(cell(&f, t, total, MAX_BANDS + 2), "10,608");
    }
    t = view(&f, "victims_summary");
    if (t) {
        /* cases, victims, female, male, then female by 17 bands and male by 17. */
        CHECK_INT(t->body->ncols, 4 + 2 * (MAX_BANDS + 1));
        CHECK_STR(t->cols[4].label, "Female 0-4");
        CHECK_STR(t->cols[4 + MAX_BANDS].label, "Female Unknown");
        CHECK_STR(t->cols[4 + 2 * MAX_BANDS + 1].label, "Male Unknown");
        CHECK_STR(cell(&f, t, 0, 1), "10,608");
        CHECK_STR(cell(&f, t, 0, 2), "1,836");
        CHECK_STR(cell(&f, t, 0, 3), "3,536");
        CHECK_STR(cell(&f, t, 0, 4 + 2 * MAX_BANDS + 1), "216");
    }
    fixture_free(&f);
}

static struct table *summary(const char *const *metric, const uint64_t *value, int n)
{
    static const char *const cols[] = {"metric", "value"};
    struct table *t = table_new("summary", 2, cols);
    for (int i = 0; t && i < n; i++) {
        size_t r = table_row(t, NULL);
        table_text(t, r, 0, metric[i]);
        table_int(t, r, 1, value[i]);
    }
    return t;
}

/* Views over hand-made public tables: what they pick, label, add up and share. */
static void public_tables(void)
{
    struct fixture f;
    if (!fixture_init(&f, "0-17,18+")) {
        fixture_free(&f);
        return;
    }
    static const char *const metrics[] = {"cases", "victims", "victims_female"};
    static const uint64_t values[] = {12, 30, 21};
    CHECK(tableset_add(&f.cur, summary(metrics, values, 3)));
    /* A public table whose columns are not in the order the view prints them. */
    static const char *const tcols[] = {"labour", "measure", "total"};
    struct table *tip = table_new("tip_law_enforcement", 3, tcols);
    static const char *const measures[] = {"prosecutions", "investigations"};
    for (int i = 0; i < 2; i++) {
        size_t r = table_row(tip, NULL);
        table_int(tip, r, 0, (uint64_t)(i + 1));
        table_text(tip, r, 1, measures[i]);
        table_int(tip, r, 2, (uint64_t)(10 * (i + 1)));
    }
    CHECK(tableset_add(&f.cur, tip));
    static const char *const rcols[] = {"recruitment", "cases", "share"};
    struct table *rec = table_new("recruitment", 3, rcols);
    static const char *const codes[] = {"false_job_offer", "unknown"};
    static const uint64_t counts[] = {6, 4};
    for (int i = 0; i < 2; i++) {
        size_t r = table_row(rec, NULL);
        table_text(rec, r, 0, codes[i]);
        table_int(rec, r, 1, counts[i]);
    }
    CHECK(tableset_add(&f.cur, rec));

    const struct dtable *t = view(&f, "headline");
    if (t) {
        CHECK_STR(cell(&f, t, 0, 0), "Cases registered");
        CHECK_STR(cell(&f, t, 0, 1), "12");
        CHECK_STR(cell(&f, t, 2, 1), "21");
        CHECK_STR(cell(&f, t, 3, 1), ""); /* a metric the summary lacks: empty, not 0 */
    }
    t = view(&f, "tip_law_enforcement");
    if (t) { /* by name: investigations' total is 20, its labour 2 */
        CHECK_STR(cell(&f, t, 0, 1), "20");
        CHECK_STR(cell(&f, t, 0, 2), "2");
        CHECK_STR(cell(&f, t, 1, 1), "10");
        CHECK_STR(cell(&f, t, 2, 1), "0"); /* convictions: not in the table */
    }
    t = view(&f, "recruitment");
    if (t) { /* shares of the 12 - 4 cases with a known value; none for unknown */
        CHECK_INT(t->body->nrows, 2);
        CHECK_STR(cell(&f, t, 0, 1), "6");
        CHECK_STR(cell(&f, t, 0, 2), "75.0%");
        CHECK_STR(cell(&f, t, 1, 1), "4");
        CHECK_STR(cell(&f, t, 1, 2), "");
        CHECK(!t->total); /* several values per case: no total row */
    }
    fixture_free(&f);
}

/* A change in % only on a base of at least 20 (report/change.h), in the rows and the total;
 * else the difference alone. */
static void small_bases(void)
{
    CHECK(change_pct_shown(20) && !change_pct_shown(19.9) && !change_pct_shown(0));
    struct fixture f;
    if (!fixture_init(&f, "0-17,18+")) {
        fixture_free(&f);
        return;
    }
    static const char *const cols[] = {"name", "cur", "prev", "diff", "pct"};
    struct dtable t = {.total = true, .compared = true, .body = table_new("t", 5, cols)};
    t.cols[0].kind = COL_TEXT;
    t.cols[1] = (struct dcol){.kind = COL_COUNT, .sum = true};
    t.cols[2] = (struct dcol){.kind = COL_COUNT, .sum = true};
    t.cols[3] = (struct dcol){.kind = COL_DIFF, .a = 1, .b = 2};
    t.cols[4] = (struct dcol){.kind = COL_DIFF_PCT, .a = 1, .b = 2};
    static const uint64_t v[][2] = {{51, 2}, {30, 20}, {10, 19}};
    for (size_t i = 0; t.body && i < 3; i++) {
        size_t r = table_row(t.body, NULL);
        table_text(t.body, r, 0, "x");
        table_int(t.body, r, 1, v[i][0]);
        table_int(t.body, r, 2, v[i][1]);
    }
    if (t.body) {
        dt_finish(&t);
        CHECK_STR(cell(&f, &t, 0, 3), "+49");
        CHECK_STR(cell(&f, &t, 0, 4), ""); /* not +2450.0% on a base of 2 */
        CHECK_STR(cell(&f, &t, 1, 4), "+50.0%");
        CHECK_STR(cell(&f, &t, 2, 3), "-9");
        CHECK_STR(cell(&f, &t, 2, 4), ""); /* a base of 19 */
        CHECK_STR(cell(&f, &t, 3, 3), "+50"); /* the total row: 91 against 41 */
        CHECK_STR(cell(&f, &t, 3, 4), "+122.0%");
    }
    table_free(t.body);
    fixture_free(&f);
}

/* Public mode: the view marks each count as the protection of the public table does (the
 * 2 x 2 table of test_protect: the 2 is "<3", its row, column and opposite corner "x", the
 * totals shown) and hides the counts no table publishes (unknown sex, unknown age). */
static void marks(void)
{
    struct fixture f;
    if (!fixture_init(&f, "0-17,18+")) {
        fixture_free(&f);
        return;
    }
    static const uint64_t v[2][2] = {{2, 7}, {4, 3}};
    static const char *const cols[] = {"sex", "age_band", "victims"};
    static const char *const sex[] = {"female", "male"}, *band[] = {"0-17", "18+"};
    struct table *p = table_new("victims_by_sex_age", 3, cols);
    for (int i = 0; i < 2; i++)
        for (int j = 0; j < 2; j++) {
            size_t r = table_row(p, NULL);
            table_text(p, r, 0, sex[i]);
            table_text(p, r, 1, band[j]);
            table_int(p, r, 2, v[i][j]);
            f.agg.period[0].sex_band[i == 0 ? SEX_FEMALE : SEX_MALE][j] = v[i][j];
        }
    CHECK(tableset_add(&f.cur, p));
    struct sdc_stats st;
    struct protection *prot = protect_new(3);
    CHECK(protect_tables(prot, &f.cur, "", true, &f.err) && protect_run(prot, &st, &f.err));
    f.in.prot = prot;
    f.r.public_k = 3; /* as report_build sets it */
    const struct dtable *t = view(&f, "victims_by_sex_age");
    if (t) { /* columns 0-17, 18+, unknown, total; rows female, male, unknown, total */
        static const char *const want[4][4] = {{"<3", "x", "x", "9"},
                                               {"x", "x", "x", "7"},
                                               {"x", "x", "x", "x"},
                                               {"6", "10", "x", "16"}};
        for (size_t r = 0; r < 4; r++)
            for (int k = 0; k < 4; k++)
                CHECK_STR(cell(&f, t, r, k + 1), want[r][k]);
    }
    fixture_free(&f);
    protect_free(prot);
}

/* Runs fn in a child; true when it ended by SIGABRT (its stderr silenced). */
static bool aborts(void (*fn)(void *), void *arg)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stderr);
        fn(arg);
        _exit(0);
    }
    int st;
    return pid > 0 && waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT;
}

static void eight_dims(void *arg)
{
    struct ctx *c = arg;
    state_of(c, false, "victims", DIMS("a=1", "b=2", "c=3", "d=4", "e=5", "f=6", "g=7", "h=8"));
}

static void seven_dims(void *arg)
{
    struct ctx *c = arg;
    state_of(c, false, "victims", DIMS("a=1", "b=2", "c=3", "d=4", "e=5", "f=6", "g=7"));
}

static void missing_column(void *arg)
{
    table_col(arg, "no_such_column");
}

/* Programmer's errors are refused loudly: a key cut to fewer dimensions, a column by a name
 * the table lacks. */
static void refused(void)
{
    struct report_input in = {0};
    struct ctx c = {&in, NULL, NULL, false, -1};
    CHECK(aborts(eight_dims, &c));
    CHECK(!aborts(seven_dims, &c));
    CHECK_INT(state_of(&c, false, "victims", NULL), SDC_SHOWN);
    static const char *const cols[] = {"metric", "value"};
    struct table *t = table_new("summary", 2, cols);
    CHECK_INT(table_col(t, "value"), 1);
    CHECK(aborts(missing_column, t));
    table_free(t);
}

/* A map chart whose building fails frees its map data (the leak checkers of the sanitizer and
 * valgrind passes fail this test otherwise). */
static void map_failure(void)
{
    struct fixture f;
    if (!fixture_init(&f, "0-17,18+")) {
        fixture_free(&f);
        return;
    }
    f.in.map_shape = (const struct map_shape *)&f; /* not read: the map is not laid out */
    f.c.failed = true; /* a label was missing before: every builder fails */
    CHECK_INT(chart_index(&f.c, "map"), -1);
    CHECK_INT(f.r.ncharts, 0);
    fixture_free(&f);
}

void suite_views(void)
{
    max_bands();
    public_tables();
    small_bases();
    marks();
    refused();
    map_failure();
}
