/* tables.c: the builders the table definitions name; closed value sets list every value. */
#include "count/tables.h"

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/gives.h"
#include "read/category.h"
#include "util/fold.h"

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

/* The rows of files read, by kind (cases, victims, suspects) x read, counted, rejected, blank. */
static void file_rows(const struct quality *dq, uint64_t rows[3][4], uint64_t *warnings,
                      uint64_t *partly)
{
    for (int i = 0; dq && i < dq->nfiles; i++) {
        const struct dq_file *f = &dq->files[i];
        int k = f->kind == K_CASES ? 0 : f->kind == K_SUSPECTS ? 2 : 1; /* flat: victims */
        rows[k][0] += f->read;
        rows[k][1] += f->counted;
        rows[k][2] += f->rejected;
        rows[k][3] += f->blank;
        *warnings += f->warnings;
        *partly += f->partly_in_period;
    }
}

/* summary: a row per metric of its definition printed in this publication. */
struct table *build_summary(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    const struct agg_period *ap = in->ap;
    struct table *t = tabledef_table(d);
    if (!t)
        return NULL;
    uint64_t rows[3][4] = {{0}}, warnings = 0, partly = 0;
    file_rows(in->dq, rows, &warnings, &partly);
    uint64_t minor[3] = {0}, sex[3] = {0};
    for (int s = 0; s < 3; s++)
        for (int m = 0; m < 3; m++)
            minor[m] += ap->sex_minor[s][m];
    for (int s = 0; s < 3; s++)
        for (int b = 0; b <= a->bands.n; b++)
            sex[s] += ap->sex_band[s][b];
    const struct suspect_counts *sc = &ap->suspects;
    const struct metric v[] = {
        {"cases", ap->cases}, {"victims", ap->victims},
        {"victims_female", sex[SEX_FEMALE]}, {"victims_male", sex[SEX_MALE]},
        {"victims_sex_unknown", sex[SEX_UNKNOWN]}, {"victims_minor", minor[MINOR_YES]},
        {"victims_adult", minor[MINOR_NO]}, {"victims_age_unknown", minor[MINOR_UNKNOWN]},
        {"victims_without_case", a->victims_without_case},
        {"victims_without_id_document", ap->id_document[NO]},
        {"victims_assisted", ap->assisted}, {"suspects_identified", sc->identified},
        {"suspects_female", sc->sex[SEX_FEMALE]}, {"suspects_male", sc->sex[SEX_MALE]},
        {"suspects_foreign", sc->foreign}, {"suspects_detained", sc->detained},
        {"suspects_prosecuted", sc->prosecuted}, {"suspects_convicted", sc->convicted},
        {"rows_read_cases", rows[0][0]}, {"rows_read_victims", rows[1][0]},
        {"rows_read_suspects", rows[2][0]}, {"rows_counted_cases", rows[0][1]},
        {"rows_counted_victims", rows[1][1]}, {"rows_counted_suspects", rows[2][1]},
        {"rows_rejected_cases", rows[0][2]}, {"rows_rejected_victims", rows[1][2]},
        {"rows_rejected_suspects", rows[2][2]}, {"rows_blank_cases", rows[0][3]},
        {"rows_blank_victims", rows[1][3]}, {"rows_blank_suspects", rows[2][3]},
        {"warnings", warnings}, {"rows_partly_in_period", partly}};
    int km = tabledef_col(d, "metric"), kv = tabledef_col(d, "value");
    for (int i = 0; i < d->nrows; i++) {
        const struct rowdef *rd = &d->rows[i];
        if (!(rd->in & in->pub))
            continue;
        size_t r = table_row(t, NULL);
        table_text(t, r, km, rd->name);
        if (rd->kind == ROW_TEXT) {
            char date[11];
            date_format(!strcmp(rd->name, "period_to") ? ap->period.to : ap->period.from, date);
            table_text(t, r, kv, date);
            continue;
        }
        size_t m = 0;
        while (m < sizeof v / sizeof *v && strcmp(v[m].name, rd->name))
            m++;
        assert(m < sizeof v / sizeof *v && "a metric of the definition with no value");
        table_int(t, r, kv, v[m].v);
    }
    return t;
}

struct table *build_victims_by_sex_age(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    struct table *t = tabledef_table(d);
    int cs = tabledef_col(d, "sex"), cb = tabledef_col(d, "age_band"),
        cv = tabledef_col(d, "victims");
    char key[16];
    for (int s = 0; t && s < 3; s++)
        for (int b = 0; b <= a->bands.n; b++) {
            size_t r = table_row(t, order_key(s, b, key, sizeof key));
            table_text(t, r, cs, SEX_NAME(s));
            table_text(t, r, cb, age_band_name(&a->bands, b));
            table_int(t, r, cv, in->ap->sex_band[s][b]);
        }
    if (t)
        table_sort(t, cv, -1);
    return t;
}

struct table *build_cases_by_region(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg_period *ap = in->ap;
    struct table *t = tabledef_table(d);
    int code = tabledef_col(d, "region_code"), name = tabledef_col(d, "region"),
        cases = tabledef_col(d, "cases"), victims = tabledef_col(d, "victims"),
        minor = tabledef_col(d, "victims_minor"), rate = tabledef_col(d, "victims_per_100k");
    char key[64];
    for (int g = 0; t && g <= NREGIONS; g++) {
        const struct region_info *ri = places_region(in->a->places, g);
        const char *n = ri ? ri->name : "unknown";
        size_t r = table_row(t, name_key(n, key, sizeof key));
        table_text(t, r, code, ri ? ri->code : "00");
        table_text(t, r, name, n);
        table_int(t, r, cases, ap->region_cases[g]);
        table_int(t, r, victims, ap->region_victims[g]);
        table_int(t, r, minor, ap->region_minor[g]);
        if (ri && ri->population > 0)
            table_real(t, r, rate, (double)ap->region_victims[g] * 1e5 / (double)ri->population,
                       2);
    }
    if (t)
        table_sort(t, cases, victims);
    return t;
}

struct table *build_cases_by_city(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    const struct agg_period *ap = in->ap;
    struct table *t = tabledef_table(d);
    int ccity = tabledef_col(d, "city"), cregion = tabledef_col(d, "region"),
        cases = tabledef_col(d, "cases"), victims = tabledef_col(d, "victims");
    char key[128];
    int n = places_nprovinces(a->places);
    for (int c = 0; t && c <= n; c++) {
        if (c && !ap->city_cases[c] && !ap->city_victims[c])
            continue;
        const struct province_info *pi = places_province(a->places, c);
        const char *city = pi ? pi->capital : "unknown";
        size_t r = table_row(t, name_key(city, key, sizeof key));
        table_text(t, r, ccity, city);
        table_text(t, r, cregion, pi ? places_region(a->places, pi->region)->name : "unknown");
        table_int(t, r, cases, ap->city_cases[c]);
        table_int(t, r, victims, ap->city_victims[c]);
    }
    if (t)
        table_sort(t, cases, victims);
    return t;
}

/* Victims by where they come from (the homes with victims) and, when d has a region column,
 * by the region of their case too (the pairs with victims). */
static struct table *by_home(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg *a = in->a;
    struct table *t = tabledef_table(d);
    bool pairs = tabledef_coldef(d, "region_code") != NULL;
    int ch = tabledef_col(d, "home"), code = pairs ? tabledef_col(d, "region_code") : -1,
        name = pairs ? tabledef_col(d, "region") : -1, victims = tabledef_col(d, "victims");
    char hkey[64], rkey[64], key[140];
    size_t nh = agg_nhomes(a);
    for (size_t h = 0; t && h < nh; h++) {
        const char *home = places_name(a->places, agg_home_place(h));
        uint64_t all = 0;
        for (int g = 0; g <= NREGIONS; g++) {
            uint64_t v = in->ap->home_region[h * (NREGIONS + 1) + (size_t)g];
            all += v;
            if (!v || !pairs)
                continue;
            const struct region_info *ri = places_region(a->places, g);
            const char *n = ri ? ri->name : "unknown";
            snprintf(key, sizeof key, "%s|%s", name_key(home, hkey, sizeof hkey),
                     name_key(n, rkey, sizeof rkey));
            size_t r = table_row(t, key);
            table_text(t, r, ch, home);
            table_text(t, r, code, ri ? ri->code : "00");
            table_text(t, r, name, n);
            table_int(t, r, victims, v);
        }
        if (all && !pairs) {
            size_t r = table_row(t, name_key(home, hkey, sizeof hkey));
            table_text(t, r, ch, home);
            table_int(t, r, victims, all);
        }
    }
    if (t)
        table_sort(t, victims, -1);
    return t;
}

struct table *build_victims_by_home(const struct tabledef *d, const struct tables_in *in)
{
    return by_home(d, in);
}

struct table *build_victims_by_home_region(const struct tabledef *d, const struct tables_in *in)
{
    return by_home(d, in);
}

/* A country column and a count column: counts[0] is unknown, counts[i + 1] country i; lists
 * countries with a count, and unknown. */
static struct table *by_country(const struct tabledef *d, const struct agg *a,
                                const uint64_t *counts)
{
    struct table *t = tabledef_table(d);
    int cn = 0, cc = tabledef_first_count(d);
    char key[128];
    int n = places_ncountries(a->places);
    for (int c = 0; t && c <= n; c++) {
        if (c && !counts[c])
            continue;
        const char *name = c ? places_country_info(a->places, c - 1)->name : "unknown";
        size_t r = table_row(t, name_key(name, key, sizeof key));
        table_text(t, r, cn, name);
        table_int(t, r, cc, counts[c]);
    }
    if (t)
        table_sort(t, cc, -1);
    return t;
}

struct table *build_victims_by_nationality(const struct tabledef *d, const struct tables_in *in)
{
    return by_country(d, in->a, in->ap->nationality);
}

struct table *build_suspects_by_nationality(const struct tabledef *d, const struct tables_in *in)
{
    return by_country(d, in->a, in->a->suspect_nationality);
}

/* Whether route k starts, passes or ends in region (0: every route does). */
static bool route_touches(const struct route_key *k, int region)
{
    bool touches = !region || k->origin == region || k->destination == region;
    for (int i = 0; i < k->ntransit && !touches; i++)
        touches = k->transit[i] == region;
    return touches;
}

/* The routes of period ap; with region > 0 only those from, through or to it. */
static struct table *routes(const struct tabledef *d, const struct agg *a,
                            const struct agg_period *ap, int region)
{
    struct table *t = tabledef_table(d);
    int co = tabledef_col(d, "origin"), ct = tabledef_col(d, "transit"),
        cd = tabledef_col(d, "destination"), cs = tabledef_col(d, "scope"),
        cases = tabledef_col(d, "cases"), victims = tabledef_col(d, "victims");
    struct buf o = {0}, tr = {0}, dst = {0}, key = {0};
    size_t n = agg_nroutes(a);
    for (size_t id = 0; t && id < n; id++) {
        if (!ap->routes[id].cases)
            continue;
        struct route_key k;
        agg_route_key(a, (long)id, &k);
        if (!route_touches(&k, region))
            continue;
        buf_clear(&o);
        buf_clear(&tr);
        buf_clear(&dst);
        buf_adds(&o, places_name(a->places, k.origin));
        buf_adds(&dst, places_name(a->places, k.destination));
        for (int i = 0; i < k.ntransit; i++) {
            if (i)
                buf_addc(&tr, ';');
            buf_adds(&tr, places_name(a->places, k.transit[i]));
        }
        bool abroad = k.origin >= PLACE_FOREIGN || k.destination >= PLACE_FOREIGN;
        char ko[64], kt[64], kd[64];
        buf_clear(&key);
        buf_printf(&key, "%s|%s|%s", name_key(buf_cstr(&o), ko, sizeof ko),
                   name_key(buf_cstr(&tr), kt, sizeof kt),
                   name_key(buf_cstr(&dst), kd, sizeof kd));
        size_t r = table_row(t, buf_cstr(&key));
        table_text(t, r, co, buf_cstr(&o));
        table_text(t, r, ct, buf_cstr(&tr));
        table_text(t, r, cd, buf_cstr(&dst));
        table_text(t, r, cs, abroad ? "international" : "internal");
        table_int(t, r, cases, ap->routes[id].cases);
        table_int(t, r, victims, ap->routes[id].victims);
    }
    buf_free(&o);
    buf_free(&tr);
    buf_free(&dst);
    buf_free(&key);
    if (t)
        table_sort(t, cases, victims);
    return t;
}

struct table *build_routes(const struct tabledef *d, const struct tables_in *in)
{
    return routes(d, in->a, in->ap, 0);
}

/* A brief's: the routes of the country from, through or to its region. */
struct table *build_routes_region(const struct tabledef *d, const struct tables_in *in)
{
    return routes(d, in->a, in->country, in->ap->region);
}

/* Sort key of a vocabulary's value: its name, unknown last. */
static const char *code_key(enum vocab_id v, int code, char *buf, size_t size)
{
    const char *name = vocab_code_name(v, code);
    snprintf(buf, size, "%s", strcmp(name, "unknown") ? name : "~");
    return buf;
}

struct table *build_exploitation(const struct tabledef *d, const struct tables_in *in)
{
    struct table *t = tabledef_table(d);
    int ce = tabledef_col(d, "exploitation"), cs = tabledef_col(d, "sex"),
        cm = tabledef_col(d, "minor"), cv = tabledef_col(d, "victims");
    char key[64], code[48];
    for (int e = 0; t && e <= EXP_N; e++)
        for (int s = 0; s < 3; s++)
            for (int m = 0; m < 3; m++) {
                snprintf(key, sizeof key, "%s.%d%d",
                         code_key(V_EXPLOITATION, e, code, sizeof code), s, m);
                size_t r = table_row(t, key);
                table_text(t, r, ce, vocab_code_name(V_EXPLOITATION, e));
                table_text(t, r, cs, SEX_NAME(s));
                table_text(t, r, cm, MINOR_NAME(m));
                table_int(t, r, cv, in->ap->exploitation[e][s][m]);
            }
    if (t)
        table_sort(t, cv, -1);
    return t;
}

struct table *build_victims_by_exploitation(const struct tabledef *d, const struct tables_in *in)
{
    struct table *t = tabledef_table(d);
    int ce = tabledef_col(d, "exploitation"), cv = tabledef_col(d, "victims");
    char key[64];
    for (int e = 0; t && e <= EXP_N; e++) {
        uint64_t n = 0;
        for (int s = 0; s < 3; s++)
            for (int m = 0; m < 3; m++)
                n += in->ap->exploitation[e][s][m];
        size_t r = table_row(t, code_key(V_EXPLOITATION, e, key, sizeof key));
        table_text(t, r, ce, vocab_code_name(V_EXPLOITATION, e));
        table_int(t, r, cv, n);
    }
    if (t)
        table_sort(t, cv, -1);
    return t;
}

/* Cases that reached the police through the hotline or the media, by region: the regions
 * with any, in the order of cases_by_region (most cases first). */
struct table *build_prevention(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg_period *ap = in->ap;
    const struct table *regions = tableset_find(in->built, "cases_by_region");
    struct table *t = tabledef_table(d);
    int code = tabledef_col(d, "region_code"), name = tabledef_col(d, "region"),
        source = tabledef_col(d, "source"), cases = tabledef_col(d, "cases");
    int rcode = regions ? table_col(regions, "region_code") : 0,
        rname = regions ? table_col(regions, "region") : 0;
    static const int sources[] = {SOURCE_HOTLINE, SOURCE_MEDIA};
    for (size_t i = 0; t && regions && i < regions->nrows; i++) {
        const char *rc = table_cell_text(regions, table_cell(regions, i, rcode));
        int g = atoi(rc);
        if (!ap->region_source[g][SOURCE_HOTLINE] && !ap->region_source[g][SOURCE_MEDIA])
            continue;
        for (int s = 0; s < 2; s++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, code, rc);
            table_text(t, r, name, table_cell_text(regions, table_cell(regions, i, rname)));
            table_text(t, r, source, vocab_code_name(V_SOURCE, sources[s]));
            table_int(t, r, cases, ap->region_source[g][sources[s]]);
        }
    }
    return t;
}

void tables_sort_printed(struct tableset *ts)
{
    for (size_t i = 0; i < ts->n; i++) {
        struct table *t = ts->t[i];
        table_sort_printed(t);
        /* Public mode's routes are built anew, their small ones added up as "other" routes
         * after them: the routes before, as routes() sorts them. */
        if (!t->sorted && (!strcmp(t->name, "routes") || !strcmp(t->name, "routes_region"))) {
            int origin = table_col(t, "origin");
            size_t n = 0;
            while (n < t->nrows && strcmp(table_cell_text(t, table_cell(t, n, origin)), "other"))
                n++;
            table_sort_printed_rows(t, n, table_col(t, "cases"), table_col(t, "victims"));
        }
    }
    const struct table *regions = tableset_find(ts, "cases_by_region");
    struct table *t = (struct table *)tableset_find(ts, "prevention");
    if (!regions || !t || t->nrows < 2)
        return;
    size_t *idx = malloc(t->nrows * sizeof *idx);
    if (!idx) {
        t->oom = true;
        return;
    }
    /* Its rows, then public mode's: the total, each region's total. Each block by region. */
    int rcode = table_col(regions, "region_code"), code = table_col(t, "region_code"),
        source = table_col(t, "source");
    size_t n = 0;
    for (int block = 0; block < 3; block++)
        for (size_t i = 0; i < (block == 1 ? 1 : regions->nrows); i++) {
            const char *rc = table_cell_text(regions, table_cell(regions, i, rcode));
            for (size_t r = 0; r < t->nrows && n < t->nrows; r++) {
                const char *c = table_cell_text(t, table_cell(t, r, code));
                int b = strcmp(table_cell_text(t, table_cell(t, r, source)), "total") ? 0
                        : !strcmp(c, "total")                                          ? 1
                                                                                       : 2;
                if (b == block && (b == 1 || !strcmp(c, rc)))
                    idx[n++] = r;
            }
        }
    if (n == t->nrows)
        table_reorder(t, idx, n);
    free(idx);
}

/* A breakdown over the closed value set of its first column, unknown last; its share of
 * *known when the definition has a share column and *known > 0. */
static struct table *by_code(const struct tabledef *d, const uint64_t *counts,
                             const uint64_t *known)
{
    struct table *t = tabledef_table(d);
    enum vocab_id v = (enum vocab_id)tabledef_vocab(d->cols[0].values);
    int cc = tabledef_first_count(d);
    const struct coldef *share = tabledef_coldef(d, "share");
    int cs = share ? tabledef_col(d, "share") : -1;
    char key[64];
    int n = vocabs[v].ncodes;
    for (int c = 0; t && c <= n; c++) {
        size_t r = table_row(t, name_key(vocab_code_name(v, c), key, sizeof key));
        table_text(t, r, 0, vocab_code_name(v, c));
        table_int(t, r, cc, counts[c]);
        if (cs >= 0 && c < n && *known)
            table_real(t, r, cs, (double)counts[c] / (double)*known, 4);
    }
    if (t)
        table_sort(t, cc, -1);
    return t;
}

struct table *build_recruitment(const struct tabledef *d, const struct tables_in *in)
{
    return by_code(d, in->ap->recruitment, &in->ap->recruitment_known);
}

struct table *build_transport(const struct tabledef *d, const struct tables_in *in)
{
    return by_code(d, in->ap->transport, NULL);
}

struct table *build_source(const struct tabledef *d, const struct tables_in *in)
{
    return by_code(d, in->ap->source, NULL);
}

struct table *build_status(const struct tabledef *d, const struct tables_in *in)
{
    return by_code(d, in->ap->status, NULL);
}

struct table *build_assistance(const struct tabledef *d, const struct tables_in *in)
{
    return by_code(d, in->ap->assistance, NULL);
}

static const char *const unodc_category_names[UNODC_N] = {"women", "men", "girls", "boys",
                                                           "unknown"};
static const char *const unodc_form_names[UF_N] = {"sexual_exploitation", "forced_labour",
                                                   "organ_removal", "other", "unknown"};
const char *unodc_category_name(int c) { return unodc_category_names[c]; }
const char *unodc_form_name(int f) { return unodc_form_names[f]; }

static const char *const stage_names[STAGE_N] = {"suspected", "prosecuted", "convicted"};

/* Two dimensions of fixed values (n1 x n2, each by name) and a count: cells[i * n2 + j]. */
static struct table *grid(const struct tabledef *d, const char *const *v1, int n1,
                          const char *const *v2, int n2, const uint64_t *cells)
{
    struct table *t = tabledef_table(d);
    int cc = tabledef_first_count(d);
    for (int i = 0; t && i < n1; i++)
        for (int j = 0; j < n2; j++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, v1[i]);
            table_text(t, r, 1, v2[j]);
            table_int(t, r, cc, cells[i * n2 + j]);
        }
    return t;
}

/* UNODC: victims by form of exploitation (a victim once per form of its case) and category. */
struct table *build_unodc_victims_by_exploitation(const struct tabledef *d,
                                                  const struct tables_in *in)
{
    return grid(d, unodc_form_names, UF_N, unodc_category_names, UNODC_N,
                &in->ap->unodc_form[0][0]);
}

struct table *build_unodc_persons_by_sex(const struct tabledef *d, const struct tables_in *in)
{
    const char *sexes[3] = {SEX_NAME(0), SEX_NAME(1), SEX_NAME(2)};
    return grid(d, stage_names, STAGE_N, sexes, 3, &in->ap->suspects.stage_sex[0][0]);
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

/* Country (English), then a value of vals, then its count, from per-country vectors. */
static struct table *by_country_and(const struct tabledef *d, const struct agg *a, int nvals,
                                    const char *const *vals, const uint64_t *totals,
                                    const uint64_t *cells /* [(ncountries + 1) * nvals] */)
{
    struct table *t = tabledef_table(d);
    int cc = tabledef_first_count(d);
    int *order = malloc(((size_t)places_ncountries(a->places) + 1) * sizeof *order);
    size_t n = t && order ? countries_by_count(a, totals, order) : 0;
    for (size_t i = 0; t && i < n; i++) {
        int c = order[i];
        const char *cn = c ? places_country_info(a->places, c - 1)->name : "unknown";
        for (int v = 0; v < nvals; v++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, 0, cn);
            table_text(t, r, 1, vals[v]);
            table_int(t, r, cc, cells[(size_t)c * (size_t)nvals + (size_t)v]);
        }
    }
    if (t && !order)
        t->oom = true;
    free(order);
    return t;
}

struct table *build_unodc_victims_by_citizenship(const struct tabledef *d,
                                                 const struct tables_in *in)
{
    return by_country_and(d, in->a, UNODC_N, unodc_category_names, in->ap->nationality,
                          in->ap->nationality_category);
}

/* Suspects identified in the period, by citizenship: ordered by those identified. */
struct table *build_unodc_persons_by_citizenship(const struct tabledef *d,
                                                 const struct tables_in *in)
{
    const struct agg_period *ap = in->ap;
    size_t nnat = (size_t)places_ncountries(in->a->places) + 1;
    uint64_t *totals = calloc(nnat, sizeof *totals);
    if (!totals)
        return NULL;
    for (size_t c = 0; c < nnat; c++)
        totals[c] = ap->suspect_stage_nationality[c * STAGE_N + STAGE_SUSPECTED];
    struct table *t = by_country_and(d, in->a, STAGE_N, stage_names, totals,
                                     ap->suspect_stage_nationality);
    free(totals);
    return t;
}

/* The length in months of the k-th (1-based) of the sentences counted in months[]. */
static size_t kth_month(const uint64_t *months, uint64_t k)
{
    uint64_t seen = 0;
    for (size_t m = 0; m <= SENTENCE_MONTHS; m++)
        if ((seen += months[m]) >= k)
            return m;
    return SENTENCE_MONTHS;
}

/* The median sentence in years (to the month): the middle one, or the mean of the middle two. */
static double median_years(const uint64_t *months, uint64_t n)
{
    return (double)(kth_month(months, (n + 1) / 2) + kth_month(months, n / 2 + 1)) / 24.0;
}

/* Persons convicted by the length of their sentence, in bands of five years, in order. */
struct table *build_sentences(const struct tabledef *d, const struct tables_in *in)
{
    static const char *const bands[] = {"0-4", "5-9", "10-14", "15-19", "20-24", "25+"};
    enum { NB = sizeof bands / sizeof *bands };
    const struct agg_period *ap = in->ap;
    struct table *t = tabledef_table(d);
    int cb = tabledef_col(d, "sentence_years"), cp = tabledef_col(d, "persons");
    uint64_t n[NB + 1] = {0};
    for (size_t m = 0; m <= SENTENCE_MONTHS; m++)
        n[m / 60 < NB ? m / 60 : NB - 1] += ap->sentence_months[m];
    n[NB] = ap->suspects.convicted - ap->suspects.sentences; /* no length given */
    char key[16];
    for (int b = 0; t && b <= NB; b++) {
        size_t r = table_row(t, order_key(b, 0, key, sizeof key));
        table_text(t, r, cb, b < NB ? bands[b] : "unknown");
        table_int(t, r, cp, n[b]);
    }
    return t;
}

/* The US report's law-enforcement figures for the period: each with its labour part; the
 * sentences of those convicted with a length: how many, shortest, longest, mean, median
 * (years). */
struct table *build_tip_law_enforcement(const struct tabledef *d, const struct tables_in *in)
{
    const struct agg_period *ap = in->ap;
    struct table *t = tabledef_table(d);
    const struct suspect_counts *sc = &ap->suspects;
    int cm = tabledef_col(d, "measure"), ct = tabledef_col(d, "total"),
        cl = tabledef_col(d, "labour");
    const uint64_t prosecuted = sc->stage_sex[STAGE_PROSECUTED][0] +
                                sc->stage_sex[STAGE_PROSECUTED][1] +
                                sc->stage_sex[STAGE_PROSECUTED][2];
    const struct {
        const char *name;
        uint64_t total, labour;
    } counts[] = {{"investigations", ap->cases, ap->cases_labour},
                  {"prosecutions", prosecuted, sc->labour[STAGE_PROSECUTED]},
                  {"convictions", sc->convicted, sc->labour[STAGE_CONVICTED]},
                  {"sentences", sc->sentences, 0}};
    const struct {
        const char *name;
        double years;
    } lengths[] = {{"sentence_min_years", sc->sentence_min},
                   {"sentence_max_years", sc->sentence_max},
                   {"sentence_mean_years", sc->sentences ? sc->sentence_years_sum /
                                                               (double)sc->sentences : 0},
                   {"sentence_median_years", median_years(ap->sentence_months, sc->sentences)}};
    for (int i = 0; t && i < d->nrows; i++) {
        const struct rowdef *rd = &d->rows[i];
        size_t r = table_row(t, NULL);
        table_text(t, r, cm, rd->name);
        for (size_t k = 0; rd->kind == ROW_COUNT && k < sizeof counts / sizeof *counts; k++)
            if (!strcmp(counts[k].name, rd->name)) {
                table_int(t, r, ct, counts[k].total);
                if (!rd->alone)
                    table_int(t, r, cl, counts[k].labour);
            }
        for (size_t k = 0; sc->sentences && k < sizeof lengths / sizeof *lengths; k++)
            if (!strcmp(lengths[k].name, rd->name))
                table_real(t, r, ct, lengths[k].years, 1);
    }
    return t;
}

struct table *build_input_files(const struct tabledef *d, const struct tables_in *in)
{
    struct table *t = tabledef_table(d);
    for (int i = 0; t && in->dq && i < in->dq->nfiles; i++) {
        const struct dq_file *f = &in->dq->files[i];
        size_t r = table_row(t, NULL);
        table_text(t, r, tabledef_col(d, "file"), dq_file_name(in->dq, i));
        table_text(t, r, tabledef_col(d, "role"), kind_name(f->kind));
        table_text(t, r, tabledef_col(d, "encoding"), charset_name(f->charset));
        table_text(t, r, tabledef_col(d, "delimiter"),
                   f->delim == '\t' ? "tab" : f->delim == ';' ? "semicolon" : "comma");
        const struct metric v[] = {
            {"header_rows", (uint64_t)f->header_rows}, {"lines", (uint64_t)f->lines},
            {"rows_read", f->read}, {"rows_counted", f->counted},
            {"rows_filtered", f->filtered}, {"rows_rejected", f->rejected}, {"rows_blank", f->blank},
            {"warnings", f->warnings}, {"rows_partly_in_period", f->partly_in_period}};
        for (size_t c = 0; c < sizeof v / sizeof *v; c++)
            table_int(t, r, tabledef_col(d, v[c].name), v[c].v);
    }
    return t;
}

/* The columns each file was read by; every other column was ignored. */
struct table *build_input_columns(const struct tabledef *d, const struct tables_in *in)
{
    struct table *t = tabledef_table(d);
    int cf = tabledef_col(d, "file"), cc = tabledef_col(d, "column"),
        ch = tabledef_col(d, "header"), cd = tabledef_col(d, "field");
    for (int i = 0; t && in->dq && i < in->dq->nfiles; i++)
        for (size_t c = 0; c < in->dq->files[i].ncolumns; c++) {
            const struct dq_column *col = &in->dq->files[i].columns[c];
            size_t r = table_row(t, NULL);
            table_text(t, r, cf, dq_file_name(in->dq, i));
            table_int(t, r, cc, (uint64_t)col->column);
            table_text(t, r, ch, col->header);
            table_text(t, r, cd, col->target);
        }
    return t;
}

/* The source's own categories: each part in the profile's order, then unknown; the count in
 * the column of what the category counts, the other empty. */
struct table *build_categories(const struct tabledef *d, const struct tables_in *in)
{
    const struct categories *cs = in->a->categories;
    struct table *t = tabledef_table(d);
    int cc = tabledef_col(d, "category"), cv = tabledef_col(d, "value");
    for (int k = 0; t && cs && k < cs->n; k++) {
        const struct category *cat = &cs->c[k];
        int count = tabledef_col(d, cat->victims ? "victims" : "cases");
        for (int v = 0; v <= cat->nvalues; v++) {
            size_t r = table_row(t, NULL);
            table_text(t, r, cc, cat->name);
            table_text(t, r, cv, v < cat->nvalues ? cat->value[v] : "unknown");
            table_int(t, r, count, in->ap->category[k][v < cat->nvalues ? v : CAT_MAX_VALUES]);
        }
    }
    return t;
}

/* Every table of publication in->pub, in the definitions' order. */
static bool build_all(struct tables_in *in, struct tableset *out)
{
    in->built = out;
    for (size_t i = 0; i < ntabledefs; i++) {
        const struct tabledef *d = &tabledefs[i];
        /* The routes touching the unknown region: none. */
        if (!(d->in & in->pub) || (d->country_rows && in->ap->region == 0) ||
            !gives_table(d, in->a->gives) || (d->source_categories && !in->a->categories))
            continue;
        struct table *t = d->build(d, in);
        assert((!t || tabledef_matches(d, t)) && "a table built with other columns");
        gives_blank(d, t, in->a->gives);
        if (!tableset_add(out, t))
            return false;
    }
    return true;
}

bool tables_build_region(const struct agg *a, const struct agg_period *ap,
                         const struct agg_period *country, enum brief_tables what,
                         struct tableset *out)
{
    static const unsigned pubs[] = {[BRIEF_TOTALS] = IN_BRIEF_TOTALS,
                                    [BRIEF_SUMMARY] = IN_BRIEF_SUMMARY, [BRIEF_ALL] = IN_BRIEF};
    struct tables_in in = {.a = a, .ap = ap, .country = country, .pub = pubs[what]};
    return build_all(&in, out);
}

bool tables_build(const struct agg *a, const struct agg_period *ap, const struct quality *dq,
                  struct tableset *out)
{
    struct tables_in in = {.a = a, .ap = ap, .country = ap, .dq = dq, .pub = IN_REPORT};
    return build_all(&in, out);
}
