/* figures.c: the figures of a report's text, computed once from the tables of both periods. */
#include "report/figures.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number.h"
#include "util/strmap.h"
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
    "tip_sentence_mean", "region_name", "national_cases", "national_victims",
    "region_share_victims", "region_rate", "national_rate", "k"};

/* Facts a definition may test with [if NAME]: stored as "?NAME", "1" when true. */
static const char *const conditions[] = {
    "cases", "previous_period", "cities", "routes", "international_routes", "exploitation",
    "recruitment", "suspects", "foreign_suspects", "sentences", "publishable"};

struct figures {
    struct strmap *map; /* name -> offset into text */
    struct buf text;
    int k;              /* public mode: hidden counts read "<k" or "x"; 0 otherwise */
};

static bool has_pct(const char *metric)
{
    return (!strncmp(metric, "victims_", 8) || !strncmp(metric, "suspects_", 9)) &&
           strcmp(metric, "suspects_identified") != 0;
}

bool figures_known(const char *name)
{
    for (size_t i = 0; i < sizeof text_figures / sizeof *text_figures; i++)
        if (!strcmp(name, text_figures[i]))
            return true;
    static const char *const suffixes[] = {"", "_prev", "_change", "_pct"};
    for (size_t m = 0; m < nsummary_metrics; m++) {
        size_t k = strlen(summary_metrics[m]);
        if (strncmp(name, summary_metrics[m], k) != 0)
            continue;
        for (size_t s = 0; s < 4; s++)
            if (!strcmp(name + k, suffixes[s]) && (s != 3 || has_pct(summary_metrics[m])))
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
static void put_marked(struct figures *f, const char *name, uint64_t n, int hidden)
{
    char s[32];
    if (f->k && hidden == 1)
        snprintf(s, sizeof s, "<%d", f->k);
    else if (f->k && hidden)
        snprintf(s, sizeof s, "x");
    else
        number_count(n, s, sizeof s);
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

/* The cell of table name whose first column is key; NULL when absent. */
static const struct cell *find(const struct tableset *ts, const char *name, const char *key,
                               int col)
{
    const struct table *t = ts ? tableset_find(ts, name) : NULL;
    for (size_t r = 0; t && r < t->nrows; r++)
        if (!strcmp(table_cell_text(t, table_cell(t, r, 0)), key))
            return table_cell(t, r, col);
    return NULL;
}

/* As a number; 0 when absent. */
static uint64_t lookup(const struct tableset *ts, const char *name, const char *key, int col)
{
    const struct cell *c = find(ts, name, key, col);
    return c && c->kind == CELL_INT ? c->v.i : 0;
}

/* Its public-mode mark; 0 when absent. */
static int mark_of(const struct tableset *ts, const char *name, const char *key, int col)
{
    const struct cell *c = find(ts, name, key, col);
    return c ? c->hidden : 0;
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
    const char *o = table_cell_text(t, table_cell(t, r, 0));
    const char *tr = table_cell_text(t, table_cell(t, r, 1));
    const char *d = table_cell_text(t, table_cell(t, r, 2));
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

/* The first row of table name with a count in col and a known name in col 0. */
static long top_row(const struct tableset *ts, const char *name, int col)
{
    const struct table *t = tableset_find(ts, name);
    for (size_t r = 0; t && r < t->nrows; r++)
        if (table_cell(t, r, col)->v.i > 0 && !is_total_row(t, r) &&
            strcmp(table_cell_text(t, table_cell(t, r, 0)), "unknown") != 0)
            return (long)r;
    return -1;
}

bool figures_condition_known(const char *name)
{
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

bool figures_condition(const struct figures *f, const char *name)
{
    char key[64];
    snprintf(key, sizeof key, "?%s", name);
    return figures_get(f, key)[0] != '\0';
}

/* Victims per 100,000 inhabitants, as the report writes a rate. */
static void rate_text(uint64_t victims, long population, char *out, size_t size)
{
    snprintf(out, size, "%.2f", population > 0 ? (double)victims * 1e5 / (double)population : 0);
}

struct figures *figures_build(const struct agg *a, const struct tableset *cur,
                              const struct tableset *prev, const struct labels *l,
                              const char *title, int public_k, const struct tableset *national,
                              int region)
{
    struct figures *f = calloc(1, sizeof *f);
    if (!f || !(f->map = strmap_new())) {
        free(f);
        return NULL;
    }
    f->k = public_k;
    const struct places *pl = a->places;
    const char *none = labels_get(l, "word", "none");
    char s[256], t[256];
    put(f, "title", title ? title : "");
    labels_date(l, a->period[0].period.from, s, sizeof s);
    put(f, "period_from", s);
    labels_date(l, a->period[0].period.to, s, sizeof s);
    put(f, "period_to", s);
    labels_date(l, prev ? a->period[1].period.from : 0, s, sizeof s);
    put(f, "prev_from", prev ? s : labels_get(l, "word", "no_previous"));
    labels_date(l, prev ? a->period[1].period.to : 0, s, sizeof s);
    put(f, "prev_to", prev ? s : labels_get(l, "word", "no_previous"));
    labels_date(l, a->latest, s, sizeof s);
    put(f, "data_date", s);
    char bands[256]; /* MAX_BANDS labels of up to 12 bytes, with ", " */
    age_bands_format(&a->bands, bands, sizeof bands);
    put(f, "age_bands", bands);
    struct buf b = {0};

    /* Every metric: value, previous, change, share of its whole. */
    uint64_t victims = lookup(cur, "summary", "victims", 1);
    uint64_t suspects = lookup(cur, "summary", "suspects_identified", 1);
    int victims_mark = mark_of(cur, "summary", "victims", 1);
    int suspects_mark = mark_of(cur, "summary", "suspects_identified", 1);
    for (size_t m = 0; m < nsummary_metrics; m++) {
        const char *name = summary_metrics[m];
        uint64_t v = lookup(cur, "summary", name, 1);
        int hid = mark_of(cur, "summary", name, 1);
        int hid_prev = prev ? mark_of(prev, "summary", name, 1) : 0;
        put_marked(f, name, v, hid);
        snprintf(t, sizeof t, "%s_prev", name);
        if (prev) {
            put_marked(f, t, lookup(prev, "summary", name, 1), hid_prev);
        } else {
            put(f, t, labels_get(l, "word", "no_previous"));
        }
        snprintf(t, sizeof t, "%s_change", name);
        if (prev && (hid || hid_prev)) {
            put(f, t, "x");
        } else if (prev) {
            uint64_t p = lookup(prev, "summary", name, 1);
            long long d = (long long)v - (long long)p;
            char pct[32];
            if (p)
                snprintf(pct, sizeof pct, "%+.1f%%", 100.0 * (double)d / (double)p);
            else
                snprintf(pct, sizeof pct, "%s", d ? labels_get(l, "word", "new") : "0.0%");
            snprintf(s, sizeof s, "%+lld (%s)", d, pct);
            put(f, t, s);
        } else {
            put(f, t, labels_get(l, "word", "no_previous"));
        }
        if (has_pct(name)) {
            bool of_victims = !strncmp(name, "victims_", 8);
            uint64_t whole = of_victims ? victims : suspects;
            snprintf(t, sizeof t, "%s_pct", name);
            number_percent(whole ? (double)v / (double)whole : 0, s, sizeof s);
            put(f, t, hid || (of_victims ? victims_mark : suspects_mark) ? "x" : s);
        }
    }

    /* The largest of each breakdown. */
    long r = top_row(cur, "cases_by_region", 2);
    const struct table *tb = tableset_find(cur, "cases_by_region");
    put_condition(f, "cases", lookup(cur, "summary", "cases", 1) > 0);
    put_condition(f, "previous_period", prev != NULL);
    put(f, "top_region", r >= 0 ? table_cell_text(tb, table_cell(tb, (size_t)r, 1)) : none);
    put_marked(f, "top_region_cases", r >= 0 ? table_cell(tb, (size_t)r, 2)->v.i : 0,
               r >= 0 ? table_cell(tb, (size_t)r, 2)->hidden : 0);
    r = top_row(cur, "cases_by_city", 2);
    tb = tableset_find(cur, "cases_by_city");
    put(f, "top_city", r >= 0 ? table_cell_text(tb, table_cell(tb, (size_t)r, 0)) : none);
    put_condition(f, "cities", r >= 0);
    put_marked(f, "top_city_cases", r >= 0 ? table_cell(tb, (size_t)r, 2)->v.i : 0,
               r >= 0 ? table_cell(tb, (size_t)r, 2)->hidden : 0);
    const char *labels3[3] = {NULL};
    char routes[3][200];
    size_t n = 0;
    uint64_t international = 0;
    int international_mark = 0;
    tb = tableset_find(cur, "routes");
    if (!tb) /* a brief: the routes from, through or to its region */
        tb = tableset_find(cur, "routes_region");
    for (size_t i = 0; tb && i < tb->nrows; i++) {
        if (is_total_row(tb, i))
            continue;
        bool abroad = !strcmp(table_cell_text(tb, table_cell(tb, i, 3)), "international");
        international += abroad ? table_cell(tb, i, 4)->v.i : 0;
        if (abroad && table_cell(tb, i, 4)->hidden)
            international_mark = MARK_X;
        /* Unknown places, and in public mode the routes of few victims taken together. */
        bool unknown = !strcmp(table_cell_text(tb, table_cell(tb, i, 0)), "unknown") ||
                       !strcmp(table_cell_text(tb, table_cell(tb, i, 2)), "unknown") ||
                       !strcmp(table_cell_text(tb, table_cell(tb, i, 0)), "other");
        if (n < 3 && !unknown) {
            buf_clear(&b);
            route_text(tb, i, l, pl, &b);
            snprintf(routes[n], sizeof routes[n], "%s", buf_cstr(&b));
            labels3[n] = routes[n];
            n++;
        }
    }
    buf_clear(&b);
    join(&b, labels3, n, l);
    put(f, "main_routes", n ? buf_cstr(&b) : none);
    put_marked(f, "routes_international", international, international_mark);
    put_condition(f, "routes", n > 0);
    put_condition(f, "international_routes", international > 0);
    /* Shares: of victims (exploitation), of cases with a known value (recruitment). */
    uint64_t recruited = lookup(cur, "summary", "cases", 1) - lookup(cur, "recruitment", "unknown", 1);
    struct {
        const char *table, *figure;
        enum vocab_id v;
        int count_col; /* exploitation is by sex and minor: its rows are added up */
        uint64_t whole;
    } tops[] = {{"exploitation", "top_exploitation", V_EXPLOITATION, 3, victims},
                {"recruitment", "top_recruitment", V_RECRUITMENT, 1, recruited}};
    for (int k = 0; k < 2; k++) {
        tb = tableset_find(cur, tops[k].table);
        uint64_t best = 0;
        int best_code = -1, best_mark = 0;
        const struct vocab *vc = &vocabs[tops[k].v];
        for (int c = 0; tb && c < vc->ncodes; c++) {
            uint64_t sum = 0;
            int mark = 0;
            for (size_t i = 0; i < tb->nrows; i++) {
                if (strcmp(table_cell_text(tb, table_cell(tb, i, 0)), vc->codes[c]))
                    continue;
                const struct cell *cl = table_cell(tb, i, tops[k].count_col);
                if (is_total_row(tb, i)) {
                    /* The form's total, as public mode prints it (its sex and age "total"). */
                    if (!strcmp(table_cell_text(tb, table_cell(tb, i, 1)), "total") &&
                        !strcmp(table_cell_text(tb, table_cell(tb, i, 2)), "total"))
                        mark = cl->hidden;
                    continue;
                }
                sum += cl->v.i;
                if (tops[k].count_col == 1)
                    mark = cl->hidden;
            }
            if (sum > best) {
                best = sum;
                best_code = c;
                best_mark = mark;
            }
        }
        uint64_t known = tops[k].whole;
        /* In a sentence: "sexual exploitation", not "Sexual exploitation". */
        snprintf(s, sizeof s, "%s", best_code >= 0 ? labels_code(l, tops[k].v, best_code) : none);
        lower_first(s);
        put(f, tops[k].figure, s);
        put_condition(f, tops[k].table, best_code >= 0);
        snprintf(t, sizeof t, "%s_pct", tops[k].figure);
        number_percent(known ? (double)best / (double)known : 0, s, sizeof s);
        put(f, t, f->k && best_mark ? "x" : s);
    }

    /* Suspects over every year. */
    tb = tableset_find(cur, "suspects_by_year");
    uint64_t all[5] = {0}; /* identified, detained, female, male, foreign */
    int all_mark[5] = {0};
    static const int all_col[5] = {1, 8, 2, 3, 6};
    size_t years = 0;
    for (size_t i = 0; tb && i < tb->nrows; i++) {
        if (is_total_row(tb, i)) { /* public mode: the totals as printed */
            for (int k = 0; k < 5; k++)
                all_mark[k] = table_cell(tb, i, all_col[k])->hidden;
            continue;
        }
        years = i + 1;
        for (int k = 0; k < 5; k++)
            all[k] += table_cell(tb, i, all_col[k])->v.i;
    }
    put_marked(f, "suspects_all", all[0], all_mark[0]);
    put_marked(f, "suspects_detained_all", all[1], all_mark[1]);
    put_marked(f, "suspects_female_all", all[2], all_mark[2]);
    put_marked(f, "suspects_male_all", all[3], all_mark[3]);
    put_marked(f, "suspects_foreign_all", all[4], all_mark[4]);
    put_condition(f, "suspects", all[0] > 0);
    put_condition(f, "foreign_suspects", all[4] > 0);
    put(f, "suspects_first_year", years ? table_cell_text(tb, table_cell(tb, 0, 0)) : none);
    put(f, "suspects_last_year", years ? table_cell_text(tb, table_cell(tb, years - 1, 0)) : none);
    tb = tableset_find(cur, "suspects_by_nationality");
    const char *items[64] = {NULL};
    char item[64][96];
    n = 0;
    for (size_t i = 0; tb && i < tb->nrows && n < 64; i++) {
        const char *c = table_cell_text(tb, table_cell(tb, i, 0));
        if (!strcmp(c, "Peru") || !strcmp(c, "unknown") || !strcmp(c, "total") ||
            !table_cell(tb, i, 1)->v.i)
            continue;
        char cnt[32];
        int hid = table_cell(tb, i, 1)->hidden;
        if (f->k && hid == 1)
            snprintf(cnt, sizeof cnt, "<%d", f->k);
        else if (f->k && hid)
            snprintf(cnt, sizeof cnt, "x");
        else
            number_count(table_cell(tb, i, 1)->v.i, cnt, sizeof cnt);
        snprintf(item[n], sizeof item[n], "%s %s", figures_country(pl, l, c), cnt);
        items[n] = item[n];
        n++;
    }
    buf_clear(&b);
    join(&b, items, n, l);
    put(f, "suspects_foreign_list", n ? buf_cstr(&b) : none);
    /* The US report's law-enforcement figures, as tip_law_enforcement.csv has them. */
    static const char *const tip[] = {"investigations", "prosecutions", "convictions"};
    for (int k = 0; k < 3; k++) {
        snprintf(t, sizeof t, "tip_%s", tip[k]);
        put_marked(f, t, lookup(cur, "tip_law_enforcement", tip[k], 1),
                   mark_of(cur, "tip_law_enforcement", tip[k], 1));
        snprintf(t, sizeof t, "tip_%s_labour", tip[k]);
        put_marked(f, t, lookup(cur, "tip_law_enforcement", tip[k], 2),
                   mark_of(cur, "tip_law_enforcement", tip[k], 2));
    }
    uint64_t sentences = lookup(cur, "tip_law_enforcement", "sentences", 1);
    put_marked(f, "tip_sentences", sentences, mark_of(cur, "tip_law_enforcement", "sentences", 1));
    put_condition(f, "sentences", sentences > 0);
    static const char *const lengths[] = {"min", "max", "mean"};
    tb = tableset_find(cur, "tip_law_enforcement");
    for (int k = 0; k < 3; k++) {
        snprintf(t, sizeof t, "sentence_%s_years", lengths[k]);
        long row = -1;
        for (size_t i = 0; tb && i < tb->nrows && row < 0; i++)
            if (!strcmp(table_cell_text(tb, table_cell(tb, i, 0)), t))
                row = (long)i;
        const struct cell *cl = row >= 0 ? table_cell(tb, (size_t)row, 1) : NULL;
        if (cl && cl->hidden && f->k)
            snprintf(s, sizeof s, "x");
        else
            snprintf(s, sizeof s, "%.1f", cl && cl->kind == CELL_REAL ? cl->v.r : 0.0);
        snprintf(t, sizeof t, "tip_sentence_%s", lengths[k]);
        put(f, t, s);
    }
    /* A regional brief: its region against the country. */
    char k[16];
    snprintf(k, sizeof k, "%d", public_k ? public_k : 3);
    put(f, "k", k);
    /* Publishable: k or more cases and victims, both shown; a brief of a region with fewer
     * has its totals alone (release.c). */
    uint64_t rv = lookup(cur, "summary", "victims", 1), rc = lookup(cur, "summary", "cases", 1);
    uint64_t kk = (uint64_t)(public_k ? public_k : 3);
    put_condition(f, "publishable",
                  rc >= kk && rv >= kk && !mark_of(cur, "summary", "cases", 1) &&
                      !mark_of(cur, "summary", "victims", 1) &&
                      (!region || tableset_find(cur, "victims_by_sex_age")));
    if (region) {
        const struct region_info *ri = places_region(pl, region);
        put(f, "region_name", ri->name);
        uint64_t nv = lookup(national, "summary", "victims", 1);
        put_marked(f, "national_cases", lookup(national, "summary", "cases", 1),
                   mark_of(national, "summary", "cases", 1));
        put_marked(f, "national_victims", nv, mark_of(national, "summary", "victims", 1));
        number_percent(nv ? (double)rv / (double)nv : 0, s, sizeof s);
        put(f, "region_share_victims", victims_mark ? "x" : s);
        rate_text(rv, ri->population, s, sizeof s);
        put(f, "region_rate", victims_mark ? "x" : s);
        long population = 0;
        for (int g = 1; g <= NREGIONS; g++)
            population += places_region(pl, g)->population;
        rate_text(nv, population, s, sizeof s);
        put(f, "national_rate", mark_of(national, "summary", "victims", 1) ? "x" : s);
    } else {
        static const char *const brief_only[] = {"region_name", "national_cases",
                                                 "national_victims", "region_share_victims",
                                                 "region_rate", "national_rate"};
        for (size_t i = 0; i < sizeof brief_only / sizeof *brief_only; i++)
            put(f, brief_only[i], "");
    }
    put_marked(f, "cases_hotline", lookup(cur, "source", "hotline", 1),
               mark_of(cur, "source", "hotline", 1));
    put_marked(f, "cases_media", lookup(cur, "source", "media", 1),
               mark_of(cur, "source", "media", 1));
    buf_free(&b);
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
        const char *close = open ? strstr(open + 2, "}}") : NULL;
        if (!open || !close)
            return buf_adds(out, p);
        buf_add(out, p, (size_t)(open - p));
        char name[64];
        snprintf(name, sizeof name, "%.*s", (int)(close - open - 2), open + 2);
        buf_adds(out, figures_get(f, name));
        p = close + 2;
    }
    return true;
}
