/* tables.c: one builder per public table; closed value sets list every value, zeros too. */
#include "count/tables.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/fold.h"

/* COLS("a", "b") -> 2, (const char *const[]){"a", "b"}: the column count and names. */
#define COLS(...)                                                                          \
    (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *)),               \
        (const char *const[]) { __VA_ARGS__ }

/* Sexes are the value set's codes; "minor" is yes, no or unknown as MINOR_* count them. */
#define SEX_NAME(s) vocab_code_name(V_SEX, s)
#define MINOR_NAME(m) vocab_code_name(V_YESNO, m)
_Static_assert((int)MINOR_YES == YES && (int)MINOR_NO == NO && (int)MINOR_UNKNOWN == YESNO_UNKNOWN,
               "minor is written with the yes/no codes");

/* A sort key that orders names as a reader expects: accents and case folded, unknown last. */
static const char *name_key(const char *name, char *buf, size_t size)
{
    if (strcmp(name, "unknown") == 0) {
        snprintf(buf, size, "~");
        return buf;
    }
    fold_key_to(name, strlen(name), buf, size);
    return buf;
}

/* Sort key for age bands, whose labels do not sort as text ("10-17" < "5-9"): their order. */
static const char *order_key(int i, int j, char *buf, size_t size)
{
    snprintf(buf, size, "%03d.%03d", i, j);
    return buf;
}

const char *const summary_metrics[] = {
    "cases", "victims", "victims_female", "victims_male", "victims_sex_unknown",
    "victims_minor", "victims_adult", "victims_age_unknown", "victims_without_case",
    "victims_without_id_document", "victims_assisted", "suspects_identified",
    "suspects_female", "suspects_male", "suspects_foreign", "suspects_detained",
    "suspects_prosecuted", "suspects_convicted", "rows_read_cases", "rows_read_victims",
    "rows_read_suspects", "rows_counted_cases", "rows_counted_victims",
    "rows_counted_suspects", "rows_rejected_cases", "rows_rejected_victims",
    "rows_rejected_suspects", "rows_blank_cases", "rows_blank_victims",
    "rows_blank_suspects", "warnings"};
const size_t nsummary_metrics = sizeof summary_metrics / sizeof *summary_metrics;
/* A region's summary: its cases and victims, the first metrics (the rest count the country:
 * victims without a case have no region, rows belong to files); or only the first two. */
#define REGION_METRICS 8
#define TOTAL_METRICS 2
_Static_assert(sizeof summary_metrics / sizeof *summary_metrics > REGION_METRICS,
               "a region's metrics come first");

static struct table *summary(const struct agg *a, const struct agg_period *ap,
                             const struct quality *dq, size_t nmetrics)
{
    struct table *t = table_new("summary", COLS("metric", "value"));
    if (!t)
        return NULL;
    char from[11], to[11];
    date_format(ap->period.from, from);
    date_format(ap->period.to, to);
    uint64_t rows[3][4] = {{0}}; /* cases, victims, suspects x read, counted, rejected, blank */
    for (int i = 0; dq && i < dq->nfiles; i++) {
        const struct dq_file *f = &dq->files[i];
        int k = f->kind == K_CASES ? 0 : f->kind == K_SUSPECTS ? 2 : 1; /* flat: victims */
        rows[k][0] += f->read;
        rows[k][1] += f->counted;
        rows[k][2] += f->rejected;
        rows[k][3] += f->blank;
    }
    uint64_t warnings = 0;
    for (int i = 0; dq && i < dq->nfiles; i++)
        warnings += dq->files[i].warnings;
    uint64_t minor[3] = {0};
    for (int s = 0; s < 3; s++)
        for (int m = 0; m < 3; m++)
            minor[m] += ap->sex_minor[s][m];
    uint64_t sex[3] = {0};
    for (int s = 0; s < 3; s++)
        for (int b = 0; b <= a->bands.n; b++)
            sex[s] += ap->sex_band[s][b];
    const struct suspect_counts *sc = &ap->suspects;
    /* In the order of summary_metrics. */
    const uint64_t v[] = {
        ap->cases, ap->victims, sex[SEX_FEMALE], sex[SEX_MALE], sex[SEX_UNKNOWN],
        minor[MINOR_YES], minor[MINOR_NO], minor[MINOR_UNKNOWN], a->victims_without_case,
        ap->id_document[NO], ap->assisted, sc->identified, sc->sex[SEX_FEMALE],
        sc->sex[SEX_MALE], sc->foreign, sc->detained, sc->prosecuted, sc->convicted,
        rows[0][0], rows[1][0], rows[2][0], rows[0][1], rows[1][1], rows[2][1],
        rows[0][2], rows[1][2], rows[2][2], rows[0][3], rows[1][3], rows[2][3], warnings};
    _Static_assert(sizeof v / sizeof *v == sizeof summary_metrics / sizeof *summary_metrics,
                   "one value per metric");
    size_t r = table_row(t, NULL);
    table_text(t, r, 0, "period_from");
    table_text(t, r, 1, from);
    r = table_row(t, NULL);
    table_text(t, r, 0, "period_to");
    table_text(t, r, 1, to);
    size_t n = nmetrics < sizeof v / sizeof *v ? nmetrics : sizeof v / sizeof *v;
    for (size_t i = 0; i < n; i++) {
        r = table_row(t, NULL);
        table_text(t, r, 0, summary_metrics[i]);
        table_int(t, r, 1, v[i]);
    }
    return t;
}

static struct table *victims_by_sex_age(const struct agg *a, const struct agg_period *ap)
{
    struct table *t = table_new("victims_by_sex_age", COLS("sex", "age_band", "victims"));
    char key[16];
    for (int s = 0; t && s < 3; s++)
        for (int b = 0; b <= a->bands.n; b++) {
            size_t r = table_row(t, order_key(s, b, key, sizeof key));
            table_text(t, r, 0, SEX_NAME(s));
            table_text(t, r, 1, age_band_name(&a->bands, b));
            table_int(t, r, 2, ap->sex_band[s][b]);
        }
    if (t)
        table_sort(t, 2, -1);
    return t;
}

static struct table *cases_by_region(const struct agg *a, const struct agg_period *ap)
{
    struct table *t = table_new("cases_by_region", COLS("region_code", "region", "cases",
                                                        "victims", "victims_minor",
                                                        "victims_per_100k"));
    char key[64];
    for (int g = 0; t && g <= NREGIONS; g++) {
        const struct region_info *ri = places_region(a->places, g);
        const char *name = ri ? ri->name : "unknown";
        size_t r = table_row(t, name_key(name, key, sizeof key));
        table_text(t, r, 0, ri ? ri->code : "00");
        table_text(t, r, 1, name);
        table_int(t, r, 2, ap->region_cases[g]);
        table_int(t, r, 3, ap->region_victims[g]);
        table_int(t, r, 4, ap->region_minor[g]);
        if (ri && ri->population > 0)
            table_real(t, r, 5, (double)ap->region_victims[g] * 1e5 / (double)ri->population, 2);
    }
    if (t)
        table_sort(t, 2, 3);
    return t;
}

static struct table *cases_by_city(const struct agg *a, const struct agg_period *ap)
{
    struct table *t = table_new("cases_by_city", COLS("city", "region", "cases", "victims"));
    char key[128];
    int n = places_nprovinces(a->places);
    for (int c = 0; t && c <= n; c++) {
        if (c && !ap->city_cases[c] && !ap->city_victims[c])
            continue;
        const struct province_info *pi = places_province(a->places, c);
        const char *city = pi ? pi->capital : "unknown";
        size_t r = table_row(t, name_key(city, key, sizeof key));
        table_text(t, r, 0, city);
        table_text(t, r, 1, pi ? places_region(a->places, pi->region)->name : "unknown");
        table_int(t, r, 2, ap->city_cases[c]);
        table_int(t, r, 3, ap->city_victims[c]);
    }
    if (t)
        table_sort(t, 2, 3);
    return t;
}

/* counts[0] is unknown, counts[i + 1] country i; lists countries with a count, and unknown. */
static struct table *by_country(const struct agg *a, const char *name, const char *count,
                                const uint64_t *counts)
{
    struct table *t = table_new(name, COLS("nationality", count));
    char key[128];
    int n = places_ncountries(a->places);
    for (int c = 0; t && c <= n; c++) {
        if (c && !counts[c])
            continue;
        const char *cn = c ? places_country_info(a->places, c - 1)->name : "unknown";
        size_t r = table_row(t, name_key(cn, key, sizeof key));
        table_text(t, r, 0, cn);
        table_int(t, r, 1, counts[c]);
    }
    if (t)
        table_sort(t, 1, -1);
    return t;
}

/* The routes of period ap; with region > 0 only those from, through or to it ("routes_region",
 * a regional brief's). */
static struct table *routes(const struct agg *a, const struct agg_period *ap, int region)
{
    struct table *t = table_new(region ? "routes_region" : "routes",
                                COLS("origin", "transit", "destination", "scope", "cases",
                                     "victims"));
    struct buf o = {0}, tr = {0}, d = {0}, key = {0};
    size_t n = agg_nroutes(a);
    for (size_t id = 0; t && id < n; id++) {
        if (!ap->routes[id].cases)
            continue;
        struct route_key k;
        agg_route_key(a, (long)id, &k);
        bool touches = !region || k.origin == region || k.destination == region;
        for (int i = 0; i < k.ntransit && !touches; i++)
            touches = k.transit[i] == region;
        if (!touches)
            continue;
        buf_clear(&o);
        buf_clear(&tr);
        buf_clear(&d);
        buf_adds(&o, places_name(a->places, k.origin));
        buf_adds(&d, places_name(a->places, k.destination));
        for (int i = 0; i < k.ntransit; i++) {
            if (i)
                buf_addc(&tr, ';');
            buf_adds(&tr, places_name(a->places, k.transit[i]));
        }
        bool abroad = k.origin >= PLACE_FOREIGN || k.destination >= PLACE_FOREIGN;
        char ko[64], kt[64], kd[64];
        buf_clear(&key);
        buf_printf(&key, "%s|%s|%s", name_key(buf_cstr(&o), ko, sizeof ko),
                   name_key(buf_cstr(&tr), kt, sizeof kt), name_key(buf_cstr(&d), kd, sizeof kd));
        size_t r = table_row(t, buf_cstr(&key));
        table_text(t, r, 0, buf_cstr(&o));
        table_text(t, r, 1, buf_cstr(&tr));
        table_text(t, r, 2, buf_cstr(&d));
        table_text(t, r, 3, abroad ? "international" : "internal");
        table_int(t, r, 4, ap->routes[id].cases);
        table_int(t, r, 5, ap->routes[id].victims);
    }
    buf_free(&o);
    buf_free(&tr);
    buf_free(&d);
    buf_free(&key);
    if (t)
        table_sort(t, 4, 5);
    return t;
}

static struct table *exploitation(const struct agg_period *ap)
{
    struct table *t = table_new("exploitation", COLS("exploitation", "sex", "minor", "victims"));
    char key[64];
    for (int e = 0; t && e <= EXP_N; e++)
        for (int s = 0; s < 3; s++)
            for (int m = 0; m < 3; m++) {
                const char *name = vocab_code_name(V_EXPLOITATION, e);
                snprintf(key, sizeof key, "%s.%d%d", strcmp(name, "unknown") ? name : "~", s, m);
                size_t r = table_row(t, key);
                table_text(t, r, 0, vocab_code_name(V_EXPLOITATION, e));
                table_text(t, r, 1, SEX_NAME(s));
                table_text(t, r, 2, MINOR_NAME(m));
                table_int(t, r, 3, ap->exploitation[e][s][m]);
            }
    if (t)
        table_sort(t, 3, -1);
    return t;
}

/* A brief's forms of exploitation: victims once per form of their case. */
static struct table *victims_by_exploitation(const struct agg_period *ap)
{
    struct table *t = table_new("victims_by_exploitation", COLS("exploitation", "victims"));
    char key[64];
    for (int e = 0; t && e <= EXP_N; e++) {
        uint64_t n = 0;
        for (int s = 0; s < 3; s++)
            for (int m = 0; m < 3; m++)
                n += ap->exploitation[e][s][m];
        const char *name = vocab_code_name(V_EXPLOITATION, e);
        snprintf(key, sizeof key, "%s", strcmp(name, "unknown") ? name : "~");
        size_t r = table_row(t, key);
        table_text(t, r, 0, name);
        table_int(t, r, 1, n);
    }
    if (t)
        table_sort(t, 1, -1);
    return t;
}

/* Cases that reached the police through the hotline or the media, by region: the regions
 * with any, in the order of cases_by_region (most cases first). */
static struct table *prevention(const struct agg *a, const struct agg_period *ap,
                                const struct table *regions)
{
    struct table *t = table_new("prevention", COLS("region_code", "region", "source", "cases"));
    static const int sources[] = {SOURCE_HOTLINE, SOURCE_MEDIA};
    for (size_t i = 0; t && regions && i < regions->nrows; i++) {
        const char *code = table_cell_text(regions, table_cell(regions, i, 0));
        int g = atoi(code);
        if (!ap->region_source[g][SOURCE_HOTLINE] && !ap->region_source[g][SOURCE_MEDIA])
            continue;
        for (int s = 0; s < 2; s++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, code);
            table_text(t, r, 1, table_cell_text(regions, table_cell(regions, i, 1)));
            table_text(t, r, 2, vocab_code_name(V_SOURCE, sources[s]));
            table_int(t, r, 3, ap->region_source[g][sources[s]]);
        }
    }
    (void)a;
    return t;
}

/* A one-column breakdown over a closed value set, unknown last; share when known > 0. */
static struct table *by_code(const char *name, const char *col, const char *count,
                             enum vocab_id v, const uint64_t *counts, const uint64_t *known)
{
    struct table *t = known ? table_new(name, COLS(col, count, "share"))
                            : table_new(name, COLS(col, count));
    char key[64];
    int n = vocabs[v].ncodes;
    for (int c = 0; t && c <= n; c++) {
        size_t r = table_row(t, name_key(vocab_code_name(v, c), key, sizeof key));
        table_text(t, r, 0, vocab_code_name(v, c));
        table_int(t, r, 1, counts[c]);
        if (known && c < n && *known)
            table_real(t, r, 2, (double)counts[c] / (double)*known, 4);
    }
    if (t)
        table_sort(t, 1, -1);
    return t;
}

static struct table *suspects_by_year(const struct agg *a)
{
    struct table *t = table_new("suspects_by_year",
                                COLS("year", "identified", "female", "male", "sex_unknown",
                                     "peruvian", "foreign", "nationality_unknown", "detained",
                                     "prosecuted", "convicted"));
    int first = -1, last = -1;
    for (int y = 0; y < YEARS; y++)
        if (a->by_year[y].identified) {
            if (first < 0)
                first = y;
            last = y;
        }
    /* Every year from the first to the last, so that a gap shows as a zero. */
    for (int y = first; t && first >= 0 && y <= last; y++) {
        const struct suspect_counts *s = &a->by_year[y];
        char year[8];
        snprintf(year, sizeof year, "%d", (y + DATE_MIN_YEAR) % 10000);
        size_t r = table_row(t, year);
        table_text(t, r, 0, year);
        uint64_t v[] = {s->identified, s->sex[SEX_FEMALE], s->sex[SEX_MALE], s->sex[SEX_UNKNOWN],
                        s->peruvian, s->foreign, s->nationality_unknown, s->detained,
                        s->prosecuted, s->convicted};
        for (int c = 0; c < 10; c++)
            table_int(t, r, c + 1, v[c]);
    }
    return t;
}

static const char *const unodc_category_names[UNODC_N] = {"women", "men", "girls", "boys",
                                                           "unknown"};
static const char *const unodc_form_names[UF_N] = {"sexual_exploitation", "forced_labour",
                                                   "organ_removal", "other", "unknown"};
static const char *const stage_names[STAGE_N] = {"suspected", "prosecuted", "convicted"};

/* UNODC: victims by form of exploitation (a victim once per form of its case) and category. */
static struct table *unodc_victims_by_exploitation(const struct agg_period *ap)
{
    struct table *t = table_new("unodc_victims_by_exploitation",
                                COLS("exploitation", "category", "victims"));
    for (int f = 0; t && f < UF_N; f++)
        for (int c = 0; c < UNODC_N; c++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, unodc_form_names[f]);
            table_text(t, r, 1, unodc_category_names[c]);
            table_int(t, r, 2, ap->unodc_form[f][c]);
        }
    return t;
}

/* Country indexes + 1 (0 unknown, last) with a count, most first, then by name. */
static size_t countries_by_count(const struct agg *a, const uint64_t *counts, int *out)
{
    int n = places_ncountries(a->places);
    size_t k = 0;
    char ka[128], kb[128];
    for (int c = 1; c <= n; c++) {
        if (!counts[c])
            continue;
        size_t at = k++;
        const char *name = name_key(places_country_info(a->places, c - 1)->name, ka, sizeof ka);
        for (; at > 0; at--) {
            int p = out[at - 1];
            const char *pn = name_key(places_country_info(a->places, p - 1)->name, kb, sizeof kb);
            if (counts[p] > counts[c] || (counts[p] == counts[c] && strcmp(pn, name) <= 0))
                break;
            out[at] = p;
        }
        out[at] = c;
    }
    out[k++] = 0;
    return k;
}

/* country (English), then one count column per name in cols, from per-country vectors. */
static struct table *by_country_and(const struct agg *a, const char *name, const char *first,
                                    const char *col, const char *count, int nvals,
                                    const char *const *vals, const uint64_t *totals,
                                    const uint64_t *cells /* [(ncountries + 1) * nvals] */)
{
    struct table *t = table_new(name, 3, (const char *const[]){first, col, count});
    int *order = malloc(((size_t)places_ncountries(a->places) + 1) * sizeof *order);
    size_t n = t && order ? countries_by_count(a, totals, order) : 0;
    for (size_t i = 0; t && i < n; i++) {
        int c = order[i];
        const char *cn = c ? places_country_info(a->places, c - 1)->name : "unknown";
        for (int v = 0; v < nvals; v++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, cn);
            table_text(t, r, 1, vals[v]);
            table_int(t, r, 2, cells[(size_t)c * (size_t)nvals + (size_t)v]);
        }
    }
    if (t && !order)
        t->oom = true;
    free(order);
    return t;
}

static struct table *unodc_persons_by_sex(const struct agg_period *ap)
{
    struct table *t = table_new("unodc_persons_by_sex", COLS("stage", "sex", "persons"));
    for (int k = 0; t && k < STAGE_N; k++)
        for (int s = 0; s < 3; s++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, stage_names[k]);
            table_text(t, r, 1, SEX_NAME(s));
            table_int(t, r, 2, ap->suspects.stage_sex[k][s]);
        }
    return t;
}

/* The US report's law-enforcement figures for the period: each with its labour part. */
static struct table *tip_law_enforcement(const struct agg_period *ap)
{
    struct table *t = table_new("tip_law_enforcement", COLS("measure", "total", "labour"));
    const struct suspect_counts *sc = &ap->suspects;
    const struct {
        const char *name;
        uint64_t total, labour;
    } rows[] = {{"investigations", ap->cases, ap->cases_labour},
                {"prosecutions", sc->stage_sex[STAGE_PROSECUTED][0] +
                                     sc->stage_sex[STAGE_PROSECUTED][1] +
                                     sc->stage_sex[STAGE_PROSECUTED][2],
                 sc->labour[STAGE_PROSECUTED]},
                {"convictions", sc->convicted, sc->labour[STAGE_CONVICTED]}};
    for (size_t i = 0; t && i < sizeof rows / sizeof *rows; i++) {
        size_t r = table_row(t, NULL);
        table_text(t, r, 0, rows[i].name);
        table_int(t, r, 1, rows[i].total);
        table_int(t, r, 2, rows[i].labour);
    }
    /* Sentences of those convicted with a length: how many, shortest, longest, mean (years). */
    const char *const names[] = {"sentences", "sentence_min_years", "sentence_max_years",
                                 "sentence_mean_years"};
    for (int i = 0; t && i < 4; i++) {
        size_t r = table_row(t, NULL);
        table_text(t, r, 0, names[i]);
        if (i == 0)
            table_int(t, r, 1, sc->sentences);
        else if (sc->sentences)
            table_real(t, r, 1,
                       i == 1 ? sc->sentence_min
                       : i == 2 ? sc->sentence_max
                                : sc->sentence_years_sum / (double)sc->sentences,
                       1);
    }
    return t;
}

static struct table *input_files(const struct quality *dq)
{
    struct table *t = table_new("input_files",
                                COLS("file", "role", "encoding", "delimiter", "header_rows",
                                     "lines", "rows_read", "rows_counted", "rows_rejected",
                                     "rows_blank", "warnings"));
    for (int i = 0; t && i < dq->nfiles; i++) {
        const struct dq_file *f = &dq->files[i];
        size_t r = table_row(t, NULL);
        table_text(t, r, 0, f->name);
        table_text(t, r, 1, kind_name(f->kind));
        table_text(t, r, 2, charset_name(f->charset));
        table_text(t, r, 3, f->delim == '\t' ? "tab" : f->delim == ';' ? "semicolon" : "comma");
        table_int(t, r, 4, (uint64_t)f->header_rows);
        table_int(t, r, 5, (uint64_t)f->lines);
        table_int(t, r, 6, f->read);
        table_int(t, r, 7, f->counted);
        table_int(t, r, 8, f->rejected);
        table_int(t, r, 9, f->blank);
        table_int(t, r, 10, f->warnings);
    }
    return t;
}

/* The columns each file was read by; every other column was ignored. */
static struct table *input_columns(const struct quality *dq)
{
    struct table *t = table_new("input_columns", COLS("file", "column", "header", "field"));
    for (int i = 0; t && i < dq->nfiles; i++)
        for (size_t c = 0; c < dq->files[i].ncolumns; c++) {
            const struct dq_column *col = &dq->files[i].columns[c];
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, dq->files[i].name);
            table_int(t, r, 1, (uint64_t)col->column);
            table_text(t, r, 2, col->header);
            table_text(t, r, 3, col->target);
        }
    return t;
}

bool tables_build_region(const struct agg *a, const struct agg_period *ap,
                         const struct agg_period *country, enum brief_tables what,
                         struct tableset *out)
{
    if (!tableset_add(out, summary(a, ap, NULL,
                                   what == BRIEF_TOTALS ? TOTAL_METRICS : REGION_METRICS)))
        return false;
    if (what != BRIEF_ALL)
        return true;
    return tableset_add(out, victims_by_sex_age(a, ap)) &&
           tableset_add(out, victims_by_exploitation(ap)) &&
           (ap->region == 0 || tableset_add(out, routes(a, country, ap->region)));
}

bool tables_build(const struct agg *a, const struct agg_period *ap, const struct quality *dq,
                  struct tableset *out)
{
    /* Suspects identified in the period, by citizenship: the order of their table. */
    size_t nnat = (size_t)places_ncountries(a->places) + 1;
    uint64_t *suspect_totals = calloc(nnat, sizeof *suspect_totals);
    if (!suspect_totals)
        return false;
    for (size_t c = 0; c < nnat; c++)
        suspect_totals[c] = ap->suspect_stage_nationality[c * STAGE_N + STAGE_SUSPECTED];
    bool ok = tableset_add(out, summary(a, ap, dq, nsummary_metrics)) &&
              tableset_add(out, victims_by_sex_age(a, ap)) &&
              tableset_add(out, cases_by_region(a, ap)) &&
              tableset_add(out, cases_by_city(a, ap)) &&
              tableset_add(out, by_country(a, "victims_by_nationality", "victims",
                                           ap->nationality)) &&
              tableset_add(out, routes(a, ap, 0)) && tableset_add(out, exploitation(ap)) &&
              tableset_add(out, by_code("recruitment", "recruitment", "cases", V_RECRUITMENT,
                                        ap->recruitment, &ap->recruitment_known)) &&
              tableset_add(out, by_code("transport", "transport", "cases", V_TRANSPORT,
                                        ap->transport, NULL)) &&
              tableset_add(out, by_code("source", "source", "cases", V_SOURCE, ap->source, NULL)) &&
              tableset_add(out, by_code("status", "status", "cases", V_STATUS, ap->status, NULL)) &&
              tableset_add(out, by_code("assistance", "assistance", "victims", V_ASSISTANCE,
                                        ap->assistance, NULL)) &&
              tableset_add(out, prevention(a, ap, tableset_find(out, "cases_by_region"))) &&
              tableset_add(out, suspects_by_year(a)) &&
              tableset_add(out, by_country(a, "suspects_by_nationality", "suspects",
                                           a->suspect_nationality)) &&
              tableset_add(out, unodc_victims_by_exploitation(ap)) &&
              tableset_add(out, by_country_and(a, "unodc_victims_by_citizenship", "citizenship",
                                               "category", "victims", UNODC_N,
                                               unodc_category_names, ap->nationality,
                                               ap->nationality_category)) &&
              tableset_add(out, unodc_persons_by_sex(ap)) &&
              tableset_add(out, by_country_and(a, "unodc_persons_by_citizenship", "citizenship",
                                               "stage", "persons", STAGE_N, stage_names,
                                               suspect_totals, ap->suspect_stage_nationality)) &&
              tableset_add(out, tip_law_enforcement(ap)) &&
              tableset_add(out, input_files(dq)) && tableset_add(out, input_columns(dq));
    free(suspect_totals);
    return ok;
}
