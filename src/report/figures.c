/* figures.c: the figures of a report's text, computed once from the tables of both periods. */
#include "report/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/change.h"
#include "util/number.h"
#include "util/plural.h"
#include "util/strmap.h"
#include "count/tabledef.h"
#include "count/gives.h"
#include "count/tables.h"

#define MARK_X 2 /* a hidden sum of counts: printed "x" */

/* Text figures; every summary metric adds its own four (see figures_known). */
static const char *const text_figures[] = {
    "title", "period_from", "period_to", "prev_from", "prev_to", "data_date", "age_bands",
    "top_region", "top_region_cases", "top_city", "top_city_cases", "main_routes",
    "routes_international", "top_exploitation", "top_exploitation_pct", "top_recruitment",
    "top_recruitment_pct", "suspects_all", "suspects_first_year", "suspects_last_year",
    "suspects_detained_all", "suspects_female_all", "suspects_male_all", "suspects_foreign_all",
    "suspects_foreign_list", "cases_hotline", "cases_media", "tip_investigations",
    "tip_investigations_labour", "tip_prosecutions", "tip_prosecutions_labour", "tip_convictions",
    "tip_convictions_labour", "tip_sentences", "tip_sentence_min", "tip_sentence_max",
    "tip_sentence_mean", "tip_sentence_median", "countries_abroad", "top_source",
    "top_source_pct", "top_transport", "top_transport_pct", "region_name", "national_cases",
    "national_victims",
    "region_share_victims", "region_rate", "national_rate", "k", "source", "source_short",
    "source_title", "source_register", "institution", "institution_short", "record", "records",
    "register_from", "year_last", "year_before", "year_cases", "year_before_cases",
    "year_cases_change", "year_victims", "year_before_victims", "year_victims_change",
    "year_suspects_identified", "year_before_suspects_identified",
    "year_suspects_identified_change", "year_suspects_prosecuted",
    "year_before_suspects_prosecuted", "year_suspects_prosecuted_change", "status_time_cases",
    "status_time_median", "status_time_q1", "status_time_q3",
    "victims_sex_shown", "victims_mostly_women", "victims_mostly_men"};

/* Facts a definition may test with [if NAME]: stored as "?NAME", "1" when true. */
static const char *const conditions[] = {
    "countries_abroad", "source", "transport",
    "cases", "previous_period", "cities", "routes", "international_routes", "exploitation",
    "recruitment", "suspects", "foreign_suspects", "sentences", "publishable", "record_case",
    "partly_in_period", "prosecution_elsewhere", "calendar_years", "year_before_first",
    "previous_before_register", "status_time", "top_region", "top_city"};

struct figures {
    struct strmap *map; /* name -> offset into text */
    struct buf text;
    int k;              /* public mode: hidden counts read "<k" or "x"; 0 otherwise */
    const char *lang;   /* the numbers' style (util/number.h): the labels' language */
};

static bool has_pct(const char *metric)
{
    return (!strncmp(metric, "victims_", 8) || !strncmp(metric, "suspects_", 9)) &&
           strcmp(metric, "suspects_identified") != 0;
}

/* The summary's metrics (its rows but the period's dates), in order. */
static const struct rowdef *metric_at(size_t i)
{
    const struct tabledef *d = tabledef_find("summary");
    for (int r = 0; d && r < d->nrows; r++)
        if (d->rows[r].kind != ROW_TEXT && i-- == 0)
            return &d->rows[r];
    return NULL;
}

bool figures_known(const char *name)
{
    /* NAME_said of a count: "1" unless public mode hides it as x (put_marked). */
    size_t len = strlen(name);
    if (len > 5 && !strcmp(name + len - 5, "_said")) {
        char base[64];
        snprintf(base, sizeof base, "%.*s", (int)(len - 5), name);
        return figures_known(base);
    }
    for (size_t i = 0; i < sizeof text_figures / sizeof *text_figures; i++)
        if (!strcmp(name, text_figures[i]))
            return true;
    static const char *const suffixes[] = {"", "_prev", "_change", "_pct"};
    const struct rowdef *m;
    for (size_t i = 0; (m = metric_at(i)); i++) {
        size_t k = strlen(m->name);
        if (strncmp(name, m->name, k) != 0)
            continue;
        for (size_t s = 0; s < 4; s++)
            if (!strcmp(name + k, suffixes[s]) && (s != 3 || has_pct(m->name)))
                return true;
    }
    return false;
}

static void put(struct figures *f, const char *name, const char *value)
{
    long e = strmap_intern(f->map, name, strlen(name), 0, NULL);
    if (e < 0)
        return;
    strmap_set(f->map, e, (uint32_t)f->text.len);
    buf_adds(&f->text, value);
    buf_addc(&f->text, '\0');
}

/* A count as the tables print it: in public mode "<k" or "x" when hidden. */
/* A count, and NAME_said: "0" when it is an x, which prose leaves out (see figures_known). */
static void put_marked(struct figures *f, const char *name, uint64_t n, int hidden)
{
    char s[32], said[80];
    snprintf(said, sizeof said, "%s_said", name);
    put(f, said, f->k && hidden > 1 ? "0" : "1");
    if (f->k && hidden == 1)
        snprintf(s, sizeof s, "<%d", f->k);
    else if (f->k && hidden)
        snprintf(s, sizeof s, "x");
    else
        number_count(n, f->lang, s, sizeof s);
    put(f, name, s);
}

static bool is_total_row(const struct table *t, size_t r)
{
    for (int c = 0; c < t->ncols; c++) {
        const struct cell *cl = table_cell(t, r, c);
        if (cl->kind == CELL_TEXT && !strcmp(table_cell_text(t, cl), "total"))
            return true;
    }
    return false;
}

const char *figures_get(const struct figures *f, const char *name)
{
    long e = strmap_find(f->map, name, strlen(name));
    return e < 0 ? "" : f->text.p + strmap_value(f->map, e);
}

/* The cell in column col of table name's row whose first column (what the row is) reads
 * key; NULL when absent. */
static const struct cell *find(const struct tableset *ts, const char *name, const char *key,
                               const char *col)
{
    const struct table *t = ts ? tableset_find(ts, name) : NULL;
    for (size_t r = 0; t && r < t->nrows; r++)
        if (!strcmp(table_cell_text(t, table_cell(t, r, 0)), key))
            return table_cell(t, r, table_col(t, col));
    return NULL;
}

/* As a number; 0 when absent. */
static uint64_t lookup(const struct tableset *ts, const char *name, const char *key,
                       const char *col)
{
    const struct cell *c = find(ts, name, key, col);
    return c && c->kind == CELL_INT ? c->v.i : 0;
}

/* Its public-mode mark; 0 when absent. */
static int mark_of(const struct tableset *ts, const char *name, const char *key, const char *col)
{
    const struct cell *c = find(ts, name, key, col);
    return c ? c->hidden : 0;
}

/* A metric of summary.csv, and its mark. */
static uint64_t metric(const struct tableset *ts, const char *name)
{
    return lookup(ts, "summary", name, "value");
}

static int metric_mark(const struct tableset *ts, const char *name)
{
    return mark_of(ts, "summary", name, "value");
}

const char *figures_country(const struct places *p, const struct labels *l, const char *english)
{
    if (!strcmp(english, "unknown"))
        return labels_get(l, "word", "unknown");
    if (strcmp(labels_lang(l), "es") != 0)
        return english;
    int c = places_country(p, english, strlen(english));
    return c < 0 ? english : places_country_info(p, c)->name_es;
}

/* Lower-cases the first letter (ASCII, or Latin-1 letters in UTF-8: "Él" -> "él"). */
static void lower_first(char *s)
{
    unsigned char *u = (unsigned char *)s;
    if (u[0] >= 'A' && u[0] <= 'Z')
        u[0] = (unsigned char)(u[0] - 'A' + 'a');
    else if (u[0] == 0xC3 && u[1] >= 0x80 && u[1] <= 0x9E && u[1] != 0x97)
        u[1] = (unsigned char)(u[1] + 0x20);
}

/* "a, b and c" in the labels' language. */
static void join(struct buf *out, const char *const *items, size_t n, const struct labels *l)
{
    for (size_t i = 0; i < n; i++) {
        if (i)
            buf_adds(out, i + 1 == n ? " " : ", ");
        if (i && i + 1 == n) {
            buf_adds(out, labels_get(l, "word", "and"));
            buf_addc(out, ' ');
        }
        buf_adds(out, items[i]);
    }
}

static void route_text(const struct table *t, size_t r, const struct labels *l,
                       const struct places *p, struct buf *out)
{
    const char *o = table_cell_text(t, table_cell(t, r, table_col(t, "origin")));
    const char *tr = table_cell_text(t, table_cell(t, r, table_col(t, "transit")));
    const char *d = table_cell_text(t, table_cell(t, r, table_col(t, "destination")));
    buf_adds(out, figures_country(p, l, o));
    for (const char *s = tr; *s;) {
        const char *e = strchr(s, ';');
        size_t n = e ? (size_t)(e - s) : strlen(s);
        char part[128];
        snprintf(part, sizeof part, "%.*s", (int)n, s);
        buf_adds(out, " \xe2\x86\x92 "); /* → */
        buf_adds(out, figures_country(p, l, part));
        s += n + (e ? 1 : 0);
    }
    buf_adds(out, " \xe2\x86\x92 ");
    buf_adds(out, figures_country(p, l, d));
}

/* A row of table name with a known name in its first column and a count in col, shown or
 * hidden (public mode), but not the total. */
static bool named_row(const struct table *t, size_t r, int col)
{
    const struct cell *c = table_cell(t, r, col);
    return (c->v.i > 0 || c->hidden) && !is_total_row(t, r) &&
           strcmp(table_cell_text(t, table_cell(t, r, 0)), "unknown") != 0;
}

/* The first such row with a shown count: the largest, as tables are sorted. -1 when there is
 * none, or (public mode) when an "x" in col could be larger: a hidden count is never named
 * the largest, and naming a shown one must not bound an x. *any: some row has a count. */
static long top_row(const struct tableset *ts, const char *name, const char *colname, bool *any)
{
    const struct table *t = tableset_find(ts, name);
    int col = t ? table_col(t, colname) : 0;
    long top = -1;
    bool x = false;
    *any = false;
    for (size_t r = 0; t && r < t->nrows; r++) {
        if (!named_row(t, r, col))
            continue;
        *any = true;
        int h = table_cell(t, r, col)->hidden;
        x |= h > 1;
        if (top < 0 && !h)
            top = (long)r;
    }
    return x ? -1 : top;
}

bool figures_condition_known(const char *name)
{
    if (!strncmp(name, "gives_", 6) && gives_bit(name + 6))
        return true; /* gives_victims ...: what the source gives */
    for (size_t i = 0; i < sizeof conditions / sizeof *conditions; i++)
        if (!strcmp(name, conditions[i]))
            return true;
    return false;
}

static void put_condition(struct figures *f, const char *name, bool value)
{
    char key[64];
    snprintf(key, sizeof key, "?%s", name);
    put(f, key, value ? "1" : "");
}

bool figures_condition_set(struct figures *f, const char *name, bool value)
{
    put_condition(f, name, value);
    return figures_condition(f, name) == value;
}

bool figures_condition(const struct figures *f, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "?%s", name);
    return figures_get(f, key)[0] != '\0';
}

/* Victims per 100,000 inhabitants, as the report writes a rate. */
static void rate_text(uint64_t victims, long population, const char *lang, char *out,
                      size_t size)
{
    number_decimal(population > 0 ? (double)victims * 1e5 / (double)population : 0, 2, lang,
                   out, size);
}

/* What every topic reads. */
struct fctx {
    struct figures *f;
    const struct agg *a;
    const struct tableset *cur, *prev, *national;
    const struct labels *l;
    const char *none;
    struct buf b;
};

/* The title, the periods, the data's date and the age bands. */
static void put_dates(struct fctx *x, const char *title)
{
    const struct labels *l = x->l;
    const struct agg *a = x->a;
    const char *no_previous = labels_get(l, "word", "no_previous");
    char s[256];
    put(x->f, "title", title ? title : "");
    labels_date(l, a->period[0].period.from, s, sizeof s);
    put(x->f, "period_from", s);
    labels_date(l, a->period[0].period.to, s, sizeof s);
    put(x->f, "period_to", s);
    labels_date(l, x->prev ? a->period[1].period.from : 0, s, sizeof s);
    put(x->f, "prev_from", x->prev ? s : no_previous);
    labels_date(l, x->prev ? a->period[1].period.to : 0, s, sizeof s);
    put(x->f, "prev_to", x->prev ? s : no_previous);
    labels_date(l, a->latest, s, sizeof s);
    put(x->f, "data_date", s);
    char bands[256]; /* MAX_BANDS labels of up to 12 bytes, with ", " */
    age_bands_format(&a->bands, bands, sizeof bands);
    put(x->f, "age_bands", bands);
}

/* The change from p to v as the prose prints it in brackets: the difference, and the
 * percentage on a base of 20 or more (change.h) or "new" from 0 ("+57, +146,2 %"). */
static void change_text(const struct fctx *x, uint64_t v, uint64_t p, char *out, size_t size)
{
    long long d = (long long)v - (long long)p;
    char pct[32], diff[32];
    pct[0] = '\0';
    if (change_pct_shown((double)p))
        number_percent_signed((double)d / (double)p, x->f->lang, pct, sizeof pct);
    else if (!p && d)
        snprintf(pct, sizeof pct, "%s", labels_get(x->l, "word", "new"));
    number_signed(d, x->f->lang, diff, sizeof diff);
    if (pct[0])
        snprintf(out, size, "%s, %s", diff, pct);
    else
        snprintf(out, size, "%s", diff);
}

/* NAME_change: the change from the previous period, "x" when either is hidden. */
static void put_change(struct fctx *x, const char *name, uint64_t v, bool hidden)
{
    char t[128], s[128];
    snprintf(t, sizeof t, "%s_change_said", name); /* prose leaves a hidden change out */
    put(x->f, t, x->prev && hidden ? "0" : "1");
    snprintf(t, sizeof t, "%s_change", name);
    if (!x->prev) {
        put(x->f, t, labels_get(x->l, "word", "no_previous"));
    } else if (hidden) {
        put(x->f, t, "x");
    } else {
        change_text(x, v, metric(x->prev, name), s, sizeof s);
        put(x->f, t, s);
    }
}

/* Every metric: value, previous, change, share of its whole. */
static void put_metrics(struct fctx *x)
{
    uint64_t victims = metric(x->cur, "victims");
    uint64_t suspects = metric(x->cur, "suspects_identified");
    int victims_mark = metric_mark(x->cur, "victims");
    int suspects_mark = metric_mark(x->cur, "suspects_identified");
    const struct rowdef *m;
    char t[128], s[64];
    for (size_t i = 0; (m = metric_at(i)); i++) {
        const char *name = m->name;
        uint64_t v = metric(x->cur, name);
        int hid = metric_mark(x->cur, name);
        int hid_prev = x->prev ? metric_mark(x->prev, name) : 0;
        put_marked(x->f, name, v, hid);
        snprintf(t, sizeof t, "%s_prev", name);
        if (x->prev) {
            put_marked(x->f, t, metric(x->prev, name), hid_prev);
        } else {
            put(x->f, t, labels_get(x->l, "word", "no_previous"));
            snprintf(t, sizeof t, "%s_prev_said", name);
            put(x->f, t, "1");
        }
        put_change(x, name, v, hid || hid_prev);
        if (has_pct(name)) {
            bool of_victims = !strncmp(name, "victims_", 8);
            uint64_t whole = of_victims ? victims : suspects;
            snprintf(t, sizeof t, "%s_pct", name);
            number_percent(whole ? (double)v / (double)whole : 0, x->f->lang, s, sizeof s);
            bool pct_hidden = hid || (of_victims ? victims_mark : suspects_mark);
            put(x->f, t, pct_hidden ? "x" : s);
            snprintf(t, sizeof t, "%s_pct_said", name);
            put(x->f, t, pct_hidden ? "0" : "1");
        }
    }
}

/* What a reader can bound a summary count to from what is printed: its value; 1 to k-1 for
 * "<k"; 0 to the whole for "x". */
static void bounds(const struct fctx *x, const char *name, uint64_t whole, uint64_t *lo,
                   uint64_t *hi)
{
    int m = metric_mark(x->cur, name);
    uint64_t v = metric(x->cur, name);
    *lo = !m ? v : m == 1 ? 1 : 0;
    *hi = !m ? v : m == 1 ? (uint64_t)x->f->k - 1 : whole;
}

/* victims_sex_shown: "1" when the victims by sex are printed as numbers; else
 * victims_mostly_women (men): "1" when what is printed proves that more than half of the
 * victims are women (men), so that prose can say so without a hidden count. */
static void put_sex_words(struct fctx *x)
{
    static const char *const sexes[3] = {"victims_female", "victims_male", "victims_sex_unknown"};
    uint64_t v = metric(x->cur, "victims"), lo[3], hi[3];
    bool shown = !metric_mark(x->cur, sexes[0]) && !metric_mark(x->cur, sexes[1]);
    for (int s = 0; s < 3; s++)
        bounds(x, sexes[s], v, &lo[s], &hi[s]);
    bool most[2] = {false, false};
    for (int s = 0; s < 2 && !metric_mark(x->cur, "victims"); s++) {
        uint64_t others = hi[1 - s] + hi[2], least = v > others ? v - others : 0;
        if (least < lo[s])
            least = lo[s];
        most[s] = 2 * least > v;
    }
    put(x->f, "victims_sex_shown", shown ? "1" : "0");
    put(x->f, "victims_mostly_women", most[0] ? "1" : "0");
    put(x->f, "victims_mostly_men", most[1] ? "1" : "0");
}

/* The region and the city with most cases. */
static void put_places(struct fctx *x)
{
    bool any;
    long r = top_row(x->cur, "cases_by_region", "cases", &any);
    put_condition(x->f, "top_region", r >= 0);
    const struct table *tb = tableset_find(x->cur, "cases_by_region");
    put_condition(x->f, "cases", metric(x->cur, "cases") > 0);
    put_condition(x->f, "previous_period", x->prev != NULL);
    put_condition(x->f, "partly_in_period", metric(x->cur, "rows_partly_in_period") > 0);
    const struct cell *cl = r >= 0 ? table_cell(tb, (size_t)r, table_col(tb, "cases")) : NULL;
    put(x->f, "top_region",
        r >= 0 ? table_cell_text(tb, table_cell(tb, (size_t)r, table_col(tb, "region"))) : x->none);
    put_marked(x->f, "top_region_cases", cl ? cl->v.i : 0, cl ? cl->hidden : 0);
    r = top_row(x->cur, "cases_by_city", "cases", &any);
    put_condition(x->f, "top_city", r >= 0);
    tb = tableset_find(x->cur, "cases_by_city");
    cl = r >= 0 ? table_cell(tb, (size_t)r, table_col(tb, "cases")) : NULL;
    put(x->f, "top_city",
        r >= 0 ? table_cell_text(tb, table_cell(tb, (size_t)r, table_col(tb, "city"))) : x->none);
    put_condition(x->f, "cities", any);
    put_marked(x->f, "top_city_cases", cl ? cl->v.i : 0, cl ? cl->hidden : 0);
}

/* Adds the country named name[0..n) to items (once; not Peru, not a region of Peru). */
static void add_country(struct fctx *x, const char *name, size_t n, char items[][96],
                        size_t *count, size_t max)
{
    int c = places_country(x->a->places, name, n);
    if (c < 0 || c == places_peru(x->a->places) || *count >= max)
        return;
    char english[96];
    snprintf(english, sizeof english, "%.*s", (int)n, name);
    const char *shown = figures_country(x->a->places, x->l, english);
    for (size_t i = 0; i < *count; i++)
        if (!strcmp(items[i], shown))
            return;
    snprintf(items[(*count)++], 96, "%s", shown);
}

/* countries_abroad: the countries the international routes of tb start in, pass through or
 * end in, by name, in the routes' order (most cases first). Public mode's "other routes"
 * name none, so a country is named only where its route is printed. */
static void put_countries(struct fctx *x, const struct table *tb)
{
    char items[16][96];
    const char *list[16];
    size_t n = 0;
    static const char *const cols[3] = {"origin", "transit", "destination"};
    for (size_t i = 0; tb && i < tb->nrows; i++) {
        if (is_total_row(tb, i) ||
            strcmp(table_cell_text(tb, table_cell(tb, i, table_col(tb, "scope"))),
                   "international") != 0)
            continue;
        for (int k = 0; k < 3; k++) /* a transit is "A;B" */
            for (const char *s = table_cell_text(tb, table_cell(tb, i, table_col(tb, cols[k])));
                 *s;) {
                size_t len = strcspn(s, ";");
                add_country(x, s, len, items, &n, 16);
                s += len + (s[len] == ';');
            }
    }
    for (size_t i = 0; i < n; i++)
        list[i] = items[i];
    buf_clear(&x->b);
    join(&x->b, list, n, x->l);
    put(x->f, "countries_abroad", n ? buf_cstr(&x->b) : x->none);
    put_condition(x->f, "countries_abroad", n > 0);
}

/* The three main routes, and the cases of international ones. */
static void put_routes(struct fctx *x)
{
    const char *labels3[3] = {NULL};
    char routes[3][200];
    size_t n = 0;
    uint64_t international = 0;
    int international_mark = 0;
    const struct table *tb = tableset_find(x->cur, "routes");
    if (!tb) /* a brief: the routes from, through or to its region */
        tb = tableset_find(x->cur, "routes_region");
    int co = tb ? table_col(tb, "origin") : 0, cd = tb ? table_col(tb, "destination") : 0,
        cs = tb ? table_col(tb, "scope") : 0, cc = tb ? table_col(tb, "cases") : 0;
    for (size_t i = 0; tb && i < tb->nrows; i++) {
        if (is_total_row(tb, i))
            continue;
        bool abroad = !strcmp(table_cell_text(tb, table_cell(tb, i, cs)), "international");
        international += abroad ? table_cell(tb, i, cc)->v.i : 0;
        if (abroad && table_cell(tb, i, cc)->hidden)
            international_mark = MARK_X;
        /* Unknown places, and in public mode the routes of few victims taken together. */
        const char *o = table_cell_text(tb, table_cell(tb, i, co));
        bool unknown = !strcmp(o, "unknown") || !strcmp(o, "other") ||
                       !strcmp(table_cell_text(tb, table_cell(tb, i, cd)), "unknown");
        if (n < 3 && !unknown) {
            buf_clear(&x->b);
            route_text(tb, i, x->l, x->a->places, &x->b);
            snprintf(routes[n], sizeof routes[n], "%s", buf_cstr(&x->b));
            labels3[n] = routes[n];
            n++;
        }
    }
    buf_clear(&x->b);
    join(&x->b, labels3, n, x->l);
    put(x->f, "main_routes", n ? buf_cstr(&x->b) : x->none);
    put_marked(x->f, "routes_international", international, international_mark);
    put_condition(x->f, "routes", n > 0);
    put_condition(x->f, "international_routes", international > 0);
    put_countries(x, tb);
}

/* Whether row r of t is the total over column col. */
static bool is_total_of(const struct table *t, size_t r, const char *col)
{
    return !strcmp(table_cell_text(t, table_cell(t, r, table_col(t, col))), "total");
}

/* The largest value of breakdown `table` (a vocabulary's in its first column, its count in
 * column count) and its share of whole. by_rows: the table is by sex and minor too (the
 * forms of exploitation): its rows are added up, and public mode's "total" row has the mark. */
static void put_top(struct fctx *x, const char *table, const char *count, bool by_rows,
                    enum vocab_id v, uint64_t whole)
{
    char figure[64]; /* top_TABLE, and top_TABLE_pct */
    snprintf(figure, sizeof figure, "top_%s", table);
    const struct table *tb = tableset_find(x->cur, table);
    int cc = tb ? table_col(tb, count) : 0;
    uint64_t best = 0;
    int best_code = -1, best_mark = 0;
    const struct vocab *vc = &vocabs[v];
    for (int c = 0; tb && c < vc->ncodes; c++) {
        uint64_t sum = 0;
        int mark = 0;
        for (size_t i = 0; i < tb->nrows; i++) {
            if (strcmp(table_cell_text(tb, table_cell(tb, i, 0)), vc->codes[c]))
                continue;
            const struct cell *cl = table_cell(tb, i, cc);
            if (is_total_row(tb, i)) {
                /* The form's total, as public mode prints it (its sex and age "total"). */
                if (by_rows && is_total_of(tb, i, "sex") && is_total_of(tb, i, "minor"))
                    mark = cl->hidden;
                continue;
            }
            sum += cl->v.i;
            if (!by_rows)
                mark = cl->hidden;
        }
        if (sum > best) {
            best = sum;
            best_code = c;
            best_mark = mark;
        }
    }
    char s[256], t[128];
    /* In a sentence: "sexual exploitation", not "Sexual exploitation". */
    snprintf(s, sizeof s, "%s", best_code >= 0 ? labels_code(x->l, v, best_code) : x->none);
    lower_first(s);
    put(x->f, figure, s);
    put_condition(x->f, table, best_code >= 0);
    snprintf(t, sizeof t, "%s_pct", figure);
    number_percent(whole ? (double)best / (double)whole : 0, x->f->lang, s, sizeof s);
    put(x->f, t, x->f->k && best_mark ? "x" : s);
}

/* Suspects over every year: the sums of suspects_by_year (public mode: its totals' marks). */
static void put_suspects(struct fctx *x)
{
    const struct table *tb = tableset_find(x->cur, "suspects_by_year");
    static const char *const cols[5] = {"identified", "detained", "female", "male", "foreign"};
    static const char *const names[5] = {"suspects_all", "suspects_detained_all",
                                         "suspects_female_all", "suspects_male_all",
                                         "suspects_foreign_all"};
    uint64_t all[5] = {0};
    int all_mark[5] = {0}, col[5] = {0};
    for (int k = 0; tb && k < 5; k++)
        col[k] = table_col(tb, cols[k]);
    size_t years = 0;
    for (size_t i = 0; tb && i < tb->nrows; i++) {
        if (is_total_row(tb, i)) { /* public mode: the totals as printed */
            for (int k = 0; k < 5; k++)
                all_mark[k] = table_cell(tb, i, col[k])->hidden;
            continue;
        }
        years = i + 1;
        for (int k = 0; k < 5; k++)
            all[k] += table_cell(tb, i, col[k])->v.i;
    }
    for (int k = 0; k < 5; k++)
        put_marked(x->f, names[k], all[k], all_mark[k]);
    put_condition(x->f, "suspects", all[0] > 0);
    put_condition(x->f, "foreign_suspects", all[4] > 0);
    int cy = tb ? table_col(tb, "year") : 0;
    put(x->f, "suspects_first_year", years ? table_cell_text(tb, table_cell(tb, 0, cy)) : x->none);
    put(x->f, "suspects_last_year",
        years ? table_cell_text(tb, table_cell(tb, years - 1, cy)) : x->none);
}

/* Calendar year against calendar year (by_year.csv, the full report's only): the last whole
 * year with cases, year_last, against the one before, year_before, for each of year_counts:
 * year_NAME, year_before_NAME, year_NAME_change. And where the register starts. */
static const char *const year_counts[] = {"cases", "victims", "suspects_identified",
                                          "suspects_prosecuted"};

/* by_year's row of year y with cases (not a year the register does not cover), or -1. */
static long year_row(const struct table *t, int y)
{
    char key[8];
    snprintf(key, sizeof key, "%d", y % 10000);
    for (size_t r = 0; t && r < t->nrows; r++)
        if (!strcmp(table_cell_text(t, table_cell(t, r, table_col(t, "year"))), key))
            return table_cell(t, r, table_col(t, "cases"))->kind == CELL_INT ? (long)r : -1;
    return -1;
}

static bool is_part_year(const struct table *t, size_t r)
{
    return !strcmp(table_cell_text(t, table_cell(t, r, table_col(t, "partial"))), "yes");
}

static void put_years(struct fctx *x)
{
    const struct table *t = tableset_find(x->cur, "by_year");
    const struct agg *a = x->a;
    char s[128], name[64];
    labels_date_as(x->l, "month_year", a->first, s, sizeof s);
    put(x->f, "register_from", s);
    const struct period *prev = &a->period[1].period;
    put_condition(x->f, "previous_before_register", x->prev && a->first && prev->from < a->first);
    /* y: the last year with cases that is not a part year; y - 1 the one before it. */
    long last = -1, before = -1;
    int y = a->latest ? date_year(a->latest) : DATE_MIN_YEAR;
    for (; t && y > DATE_MIN_YEAR && last < 0; y--)
        if ((last = year_row(t, y)) >= 0 && is_part_year(t, (size_t)last))
            last = -1;
    y++; /* the loop stepped past it */
    if (last >= 0)
        before = year_row(t, y - 1);
    bool both = last >= 0 && before >= 0;
    /* Public mode: the sentences are left out when a count of theirs is hidden (by_year is
     * protected like the rest; a change from a hidden count would give it away). */
    for (size_t k = 0; both && k < sizeof year_counts / sizeof *year_counts; k++) {
        int col = table_col(t, year_counts[k]);
        both = !table_cell(t, (size_t)last, col)->hidden &&
               !table_cell(t, (size_t)before, col)->hidden;
    }
    put_condition(x->f, "calendar_years", both);
    snprintf(s, sizeof s, "%d", y);
    put(x->f, "year_last", both ? s : x->none);
    snprintf(s, sizeof s, "%d", y - 1);
    put(x->f, "year_before", both ? s : x->none);
    put_condition(x->f, "year_before_first", both && y - 1 == date_year(a->first) &&
                                                 is_part_year(t, (size_t)before));
    for (size_t k = 0; k < sizeof year_counts / sizeof *year_counts; k++) {
        int col = t ? table_col(t, year_counts[k]) : 0;
        uint64_t v = both ? table_cell(t, (size_t)last, col)->v.i : 0;
        uint64_t p = both ? table_cell(t, (size_t)before, col)->v.i : 0;
        snprintf(name, sizeof name, "year_%s", year_counts[k]);
        put_marked(x->f, name, v, 0);
        snprintf(name, sizeof name, "year_before_%s", year_counts[k]);
        put_marked(x->f, name, p, 0);
        change_text(x, v, p, s, sizeof s);
        snprintf(name, sizeof name, "year_%s_change", year_counts[k]);
        put(x->f, name, both ? s : x->none);
    }
}

/* The days from report to current status over every status (status_time.csv's cases with
 * both dates; the full report's only): median and quartiles, in whole days. */
static void put_status_time(struct fctx *x)
{
    static const char *const names[] = {"status_time_q1", "status_time_median",
                                        "status_time_q3"};
    uint64_t n = 0;
    bool shown = tableset_find(x->cur, "status_time") != NULL;
    for (int k = 0; k < 3; k++) {
        double d = shown ? status_days_quantile(x->a, 0, vocabs[V_STATUS].ncodes, (k + 1) / 4.0,
                                                &n)
                         : 0;
        put_marked(x->f, names[k], (uint64_t)(d + 0.5), 0);
    }
    put_marked(x->f, "status_time_cases", n, 0);
    put_condition(x->f, "status_time", n > 0);
}

/* "Colombia 3, Ecuador <3": the foreign suspects by nationality. */
static void put_foreign(struct fctx *x)
{
    const struct table *tb = tableset_find(x->cur, "suspects_by_nationality");
    int cn = tb ? table_col(tb, "nationality") : 0, cs = tb ? table_col(tb, "suspects") : 0;
    const char *items[64] = {NULL};
    char item[64][96];
    size_t n = 0;
    for (size_t i = 0; tb && i < tb->nrows && n < 64; i++) {
        const char *c = table_cell_text(tb, table_cell(tb, i, cn));
        const struct cell *cl = table_cell(tb, i, cs);
        /* A hidden count is left out, and says nothing, not even whether it is zero: the
         * country is named alone. */
        bool hidden = x->f->k && cl->hidden;
        if (!strcmp(c, "Peru") || !strcmp(c, "unknown") || !strcmp(c, "total") ||
            (!hidden && !cl->v.i))
            continue;
        char cnt[32] = "";
        if (!hidden)
            number_count(cl->v.i, x->f->lang, cnt, sizeof cnt);
        snprintf(item[n], sizeof item[n], "%s%s%s", figures_country(x->a->places, x->l, c),
                 hidden ? "" : " ", cnt);
        items[n] = item[n];
        n++;
    }
    buf_clear(&x->b);
    join(&x->b, items, n, x->l);
    put(x->f, "suspects_foreign_list", n ? buf_cstr(&x->b) : x->none);
}

/* The US report's law-enforcement figures, as tip_law_enforcement.csv has them. */
static void put_tip(struct fctx *x)
{
    static const char *const tip[] = {"investigations", "prosecutions", "convictions"};
    const char *tl = "tip_law_enforcement";
    char t[64], s[64];
    for (int k = 0; k < 3; k++) {
        snprintf(t, sizeof t, "tip_%s", tip[k]);
        put_marked(x->f, t, lookup(x->cur, tl, tip[k], "total"),
                   mark_of(x->cur, tl, tip[k], "total"));
        snprintf(t, sizeof t, "tip_%s_labour", tip[k]);
        put_marked(x->f, t, lookup(x->cur, tl, tip[k], "labour"),
                   mark_of(x->cur, tl, tip[k], "labour"));
    }
    uint64_t sentences = lookup(x->cur, tl, "sentences", "total");
    put_marked(x->f, "tip_sentences", sentences, mark_of(x->cur, tl, "sentences", "total"));
    put_condition(x->f, "sentences", sentences > 0);
    static const char *const lengths[] = {"min", "max", "mean", "median"};
    for (int k = 0; k < 4; k++) {
        snprintf(t, sizeof t, "sentence_%s_years", lengths[k]);
        const struct cell *cl = find(x->cur, tl, t, "total");
        if (cl && cl->hidden && x->f->k)
            snprintf(s, sizeof s, "x");
        else
            number_decimal(cl && cl->kind == CELL_REAL ? cl->v.r : 0.0, 1, x->f->lang, s,
                           sizeof s);
        snprintf(t, sizeof t, "tip_sentence_%s", lengths[k]);
        put(x->f, t, s);
    }
}

/* k, whether the figures may be published, and a regional brief's region against the
 * country (empty in a report). */
static void put_region(struct fctx *x, int public_k, int region)
{
    char k[16], s[64];
    snprintf(k, sizeof k, "%d", public_k ? public_k : 3);
    put(x->f, "k", k);
    /* Publishable: k or more cases and victims, both shown; a brief of a region with fewer
     * has its totals alone (release.c). Victims only when the source gives them. */
    uint64_t rv = metric(x->cur, "victims"), rc = metric(x->cur, "cases");
    uint64_t kk = (uint64_t)(public_k ? public_k : 3);
    int victims_mark = metric_mark(x->cur, "victims");
    bool victims_ok = !(x->a->gives & GIVES_VICTIMS) ||
                      (rv >= kk && !victims_mark &&
                       (!region || tableset_find(x->cur, "victims_by_sex_age")));
    put_condition(x->f, "publishable", rc >= kk && !metric_mark(x->cur, "cases") && victims_ok);
    if (!region) {
        static const char *const brief_only[] = {"region_name", "national_cases",
                                                 "national_victims", "region_share_victims",
                                                 "region_rate", "national_rate"};
        for (size_t i = 0; i < sizeof brief_only / sizeof *brief_only; i++)
            put(x->f, brief_only[i], "");
        return;
    }
    const struct places *pl = x->a->places;
    const struct region_info *ri = places_region(pl, region);
    put(x->f, "region_name", ri->name);
    uint64_t nv = metric(x->national, "victims");
    put_marked(x->f, "national_cases", metric(x->national, "cases"),
               metric_mark(x->national, "cases"));
    put_marked(x->f, "national_victims", nv, metric_mark(x->national, "victims"));
    number_percent(nv ? (double)rv / (double)nv : 0, x->f->lang, s, sizeof s);
    put(x->f, "region_share_victims", victims_mark ? "x" : s);
    rate_text(rv, ri->population, x->f->lang, s, sizeof s);
    put(x->f, "region_rate", victims_mark ? "x" : s);
    long population = 0;
    for (int g = 1; g <= NREGIONS; g++)
        population += places_region(pl, g)->population;
    rate_text(nv, population, x->f->lang, s, sizeof s);
    put(x->f, "national_rate", metric_mark(x->national, "victims") ? "x" : s);
}

/* Who published the data and what one record is, in the labels' language. */
static void put_attribution(struct figures *f, const struct attribution *attr,
                            const struct labels *l)
{
    static const char *const names[ATTR_NTEXT] = {"source", "source_short", "source_title",
                                                  "source_register", "institution",
                                                  "institution_short"};
    for (int t = 0; t < ATTR_NTEXT; t++)
        put(f, names[t], attribution_text(attr, (enum attr_text)t, labels_lang(l), ""));
    const char *record = record_names[attr->record];
    char plural[32];
    snprintf(plural, sizeof plural, "%ss", record); /* the labels' key: cases, complaints */
    put(f, "record", labels_get(l, "record", record));
    put(f, "records", labels_get(l, "record", plural));
    put_condition(f, "record_case", attr->record == RECORD_CASE);
}

struct figures *figures_build(const struct agg *a, const struct tableset *cur,
                              const struct tableset *prev, const struct labels *l,
                              const struct attribution *attr, const char *title, int public_k, const struct tableset *national,
                              int region)
{
    struct figures *f = calloc(1, sizeof *f);
    if (!f || !(f->map = strmap_new())) {
        free(f);
        return NULL;
    }
    f->k = public_k;
    f->lang = labels_lang(l);
    char k[16], fewer[64];
    snprintf(k, sizeof k, "%d", public_k);
    static const char *const keys[] = {"k"};
    const char *vals[] = {k};
    labels_fill(fewer, sizeof fewer, labels_get(l, "word", "fewer_than"), keys, vals, 1);
    put(f, "fewer_than", fewer);
    struct fctx x = {f, a, cur, prev, national, l, labels_get(l, "word", "none"), {0}};
    put_dates(&x, title);
    put_metrics(&x);
    put_sex_words(&x);
    put_places(&x);
    put_routes(&x);
    /* Shares: of victims (exploitation), of cases with a known value (recruitment). */
    put_top(&x, "exploitation", "victims", true, V_EXPLOITATION, metric(cur, "victims"));
    put_top(&x, "recruitment", "cases", false, V_RECRUITMENT,
            metric(cur, "cases") - lookup(cur, "recruitment", "unknown", "cases"));
    /* How cases reached the authorities (one value a case) and how victims were moved
     * (several): each of the cases where it is known. */
    put_top(&x, "source", "cases", false, V_SOURCE,
            metric(cur, "cases") - lookup(cur, "source", "unknown", "cases"));
    put_top(&x, "transport", "cases", false, V_TRANSPORT,
            metric(cur, "cases") - lookup(cur, "transport", "unknown", "cases"));
    put_suspects(&x);
    put_years(&x);
    put_status_time(&x);
    put_foreign(&x);
    put_tip(&x);
    put_region(&x, public_k, region);
    put_attribution(f, attr, l);
    /* What the source gives: the prose says nothing of what it does not. */
    for (int i = 0; gives_word(i); i++) {
        char name[48];
        snprintf(name, sizeof name, "gives_%s", gives_word(i));
        put_condition(f, name, (a->gives & gives_bit(gives_word(i))) != 0);
    }
    put_marked(f, "cases_hotline", lookup(cur, "source", "hotline", "cases"),
               mark_of(cur, "source", "hotline", "cases"));
    put_marked(f, "cases_media", lookup(cur, "source", "media", "cases"),
               mark_of(cur, "source", "media", "cases"));
    buf_free(&x.b);
    return f;
}

void figures_free(struct figures *f)
{
    if (!f)
        return;
    strmap_free(f->map);
    buf_free(&f->text);
    free(f);
}

bool figures_expand(const struct figures *f, const char *text, struct buf *out)
{
    for (const char *p = text; *p;) {
        const char *open = strstr(p, "{{");
        const char *close = open ? plural_close(open + 2) : NULL;
        if (!open || !close)
            return buf_adds(out, p);
        buf_add(out, p, (size_t)(open - p));
        /* {{name}}, or {{name|ONE|OTHER[|ZERO]}}: the form for the figure, itself expanded. */
        const char *bar = memchr(open + 2, '|', (size_t)(close - open - 2));
        const char *end = bar ? bar : close;
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(end - open - 2), open + 2);
        if (!bar) {
            buf_adds(out, figures_get(f, name));
        } else {
            /* "<k" before words reads as words: "menos de 3 casos", "fewer than 3 cases";
             * "Menos de 3 ..." where a sentence starts. */
            const char *v = figures_get(f, name), *fewer = figures_get(f, "fewer_than");
            size_t at = out->len;
            bool start = !at || (at > 1 && out->p[at - 1] == ' ' && out->p[at - 2] == '.');
            struct buf form = {0};
            bool ok = plural_put(&form, v[0] == '<' ? fewer : v, bar + 1,
                                 (size_t)(close - bar - 1)) &&
                      figures_expand(f, buf_cstr(&form), out);
            buf_free(&form);
            if (ok && start && v[0] == '<' && out->len > at &&
                !strncmp(out->p + at, fewer, strlen(fewer)) && out->p[at] >= 'a' &&
                out->p[at] <= 'z')
                out->p[at] = (char)(out->p[at] - 'a' + 'A');
            if (!ok)
                return false;
        }
        p = close + 2;
    }
    return true;
}
