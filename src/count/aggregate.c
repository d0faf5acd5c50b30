/* aggregate.c: the counting rules of docs/report-tables.md, applied one record at a time. */
#include "count/aggregate.h"

#include <stdlib.h>
#include <string.h>

#include "count/gives.h"

static bool period_init(struct agg_period *ap, const struct period *pr, int region,
                        size_t ncity, size_t nnat)
{
    ap->period = *pr;
    ap->region = region;
    ap->city_cases = calloc(ncity, sizeof(uint64_t));
    ap->city_victims = calloc(ncity, sizeof(uint64_t));
    ap->nationality = calloc(nnat, sizeof(uint64_t));
    ap->nationality_category = calloc(nnat * UNODC_N, sizeof(uint64_t));
    ap->suspect_stage_nationality = calloc(nnat * STAGE_N, sizeof(uint64_t));
    ap->home_region = calloc((NREGIONS + nnat) * (NREGIONS + 1), sizeof(uint64_t));
    ap->sentence_months = calloc(SENTENCE_MONTHS + 1, sizeof(uint64_t));
    ap->suspects.sentence_min = -1;
    return ap->city_cases && ap->city_victims && ap->nationality && ap->nationality_category &&
           ap->suspect_stage_nationality && ap->home_region && ap->sentence_months;
}

static void period_free(struct agg_period *ap)
{
    free(ap->city_cases);
    free(ap->city_victims);
    free(ap->nationality);
    free(ap->nationality_category);
    free(ap->suspect_stage_nationality);
    free(ap->home_region);
    free(ap->sentence_months);
    free(ap->routes);
}

bool agg_init(struct agg *a, const struct places *places, const struct age_bands *bands,
              const struct period *periods, int nperiods, bool by_region)
{
    memset(a, 0, sizeof *a);
    a->places = places;
    a->bands = *bands;
    a->gives = GIVES_ALL;
    a->nperiods = nperiods < MAX_PERIODS ? nperiods : MAX_PERIODS;
    a->routes = strmap_new();
    a->year_keys = strmap_new();
    a->years_cap = 16; /* rows of by_year.csv; grown by agg_year */
    a->years = calloc(a->years_cap, sizeof *a->years);
    a->months = calloc((size_t)YEARS * 12, sizeof *a->months);
    /* Untouched pages of a large calloc cost no memory: only the days that occur do. */
    a->status_days = calloc((size_t)(vocabs[V_STATUS].ncodes + 1) * (STATUS_DAYS + 1),
                            sizeof *a->status_days);
    size_t ncity = (size_t)places_nprovinces(places) + 1;
    size_t nnat = (size_t)places_ncountries(places) + 1;
    a->suspect_nationality = calloc(nnat, sizeof(uint64_t));
    bool ok = a->routes && a->year_keys && a->years && a->months && a->status_days &&
              a->suspect_nationality;
    for (int p = 0; ok && p < a->nperiods; p++) {
        ok = period_init(&a->period[p], &periods[p], -1, ncity, nnat);
        if (ok && by_region && p < REGIONAL_PERIODS) {
            a->by_region[p] = calloc(NREGIONS + 1, sizeof *a->by_region[p]);
            ok = a->by_region[p] != NULL;
            for (int r = 0; ok && r <= NREGIONS; r++)
                ok = period_init(&a->by_region[p][r], &periods[p], r, ncity, nnat);
        }
    }
    if (!ok)
        agg_free(a);
    return ok;
}

void agg_free(struct agg *a)
{
    for (int p = 0; p < a->nperiods; p++) {
        period_free(&a->period[p]);
        for (int r = 0; a->by_region[p] && r <= NREGIONS; r++)
            period_free(&a->by_region[p][r]);
        free(a->by_region[p]);
    }
    free(a->suspect_nationality);
    strmap_free(a->routes);
    strmap_free(a->year_keys);
    free(a->years);
    free(a->months);
    free(a->status_days);
    memset(a, 0, sizeof *a);
}

uint16_t agg_periods_of(const struct agg *a, tp_date d)
{
    uint16_t partly;
    return agg_periods_of_span(a, d, d, &partly);
}

uint16_t agg_periods_of_span(const struct agg *a, tp_date first, tp_date last,
                             uint16_t *partly)
{
    uint16_t bits = 0;
    *partly = 0;
    for (int p = 0; p < a->nperiods; p++) {
        const struct period *pr = &a->period[p].period;
        bool starts_in = !pr->from || first >= pr->from, ends_in = !pr->to || last <= pr->to;
        bool overlaps = (!pr->from || last >= pr->from) && (!pr->to || first <= pr->to);
        if (starts_in && ends_in)
            bits |= (uint16_t)(1u << p);
        else if (overlaps)
            *partly |= (uint16_t)(1u << p);
    }
    return bits;
}

long agg_year(struct agg *a, tp_date first, tp_date last, int precision)
{
    int16_t key[2] = {(int16_t)date_year(first), (int16_t)date_year(first)};
    if (precision == PREC_RANGE)
        key[1] = (int16_t)date_year(last);
    bool added;
    long id = strmap_intern(a->year_keys, key, sizeof key, 0, &added);
    if (id < 0 || !added || (size_t)id < a->years_cap)
        return id;
    size_t cap = a->years_cap ? a->years_cap * 2 : 16;
    struct year_count *y = realloc(a->years, cap * sizeof *y);
    if (!y)
        return -1;
    memset(y + a->years_cap, 0, (cap - a->years_cap) * sizeof *y);
    a->years = y;
    a->years_cap = cap;
    return id;
}

void agg_year_key(const struct agg *a, long id, int *first_year, int *last_year)
{
    size_t len;
    int16_t key[2];
    memcpy(key, strmap_key(a->year_keys, id, &len), sizeof key);
    *first_year = key[0];
    *last_year = key[1];
}

int unodc_form_of(int e)
{
    static const uint8_t form[EXP_N] = {
        [EXP_SEXUAL] = UF_SEXUAL,       [EXP_CHILD_PORNOGRAPHY] = UF_SEXUAL,
        [EXP_LABOUR] = UF_LABOUR,       [EXP_DOMESTIC] = UF_LABOUR,
        [EXP_CHILD_LABOUR] = UF_LABOUR, [EXP_ORGANS] = UF_ORGANS,
        [EXP_BEGGING] = UF_OTHER,       [EXP_CRIMINALITY] = UF_OTHER,
        [EXP_SALE_OF_CHILDREN] = UF_OTHER, [EXP_FORCED_MARRIAGE] = UF_OTHER,
        [EXP_MILITARY] = UF_OTHER,      [EXP_ADOPTION] = UF_OTHER,
        [EXP_OTHER] = UF_OTHER};
    return e >= 0 && e < EXP_N ? form[e] : UF_UNKNOWN;
}

unsigned unodc_forms(unsigned exploitation)
{
    unsigned mask = 0;
    for (int e = 0; e < EXP_N; e++)
        if (exploitation & (1u << e))
            mask |= 1u << unodc_form_of(e);
    return mask ? mask : 1u << UF_UNKNOWN;
}

enum unodc_category unodc_category(int sex, int minor)
{
    if (sex == SEX_UNKNOWN || minor == MINOR_UNKNOWN)
        return UNODC_UNKNOWN;
    if (minor == MINOR_YES)
        return sex == SEX_FEMALE ? UNODC_GIRLS : UNODC_BOYS;
    return sex == SEX_FEMALE ? UNODC_WOMEN : UNODC_MEN;
}

void agg_settle_periods(struct agg *a)
{
    for (int p = 0; p < a->nperiods; p++) {
        struct period *pr = &a->period[p].period;
        if (!pr->from)
            pr->from = a->first;
        if (!pr->to)
            pr->to = a->last;
        for (int r = 0; a->by_region[p] && r <= NREGIONS; r++)
            a->by_region[p][r].period = *pr;
    }
}

long agg_route(struct agg *a, const struct route_key *k)
{
    uint16_t packed[3 + MAX_TRANSIT];
    size_t n = 3 + k->ntransit;
    packed[0] = k->origin;
    packed[1] = k->destination;
    packed[2] = k->ntransit;
    memcpy(packed + 3, k->transit, k->ntransit * sizeof *packed);
    bool added;
    long id = strmap_intern(a->routes, packed, n * sizeof *packed, 0, &added);
    if (id < 0 || !added || (size_t)id < a->routes_cap)
        return id;
    size_t cap = a->routes_cap ? a->routes_cap * 2 : 64;
    for (int p = 0; p < a->nperiods; p++)
        for (int g = -1; g <= (a->by_region[p] ? NREGIONS : -1); g++) {
            struct agg_period *ap = g < 0 ? &a->period[p] : &a->by_region[p][g];
            struct route_count *r = realloc(ap->routes, cap * sizeof *r);
            if (!r)
                return -1;
            memset(r + a->routes_cap, 0, (cap - a->routes_cap) * sizeof *r);
            ap->routes = r;
        }
    a->routes_cap = cap;
    return id;
}

void agg_route_key(const struct agg *a, long id, struct route_key *k)
{
    size_t len;
    const char *key = strmap_key(a->routes, id, &len);
    uint16_t packed[3 + MAX_TRANSIT];
    memcpy(packed, key, len);
    k->origin = packed[0];
    k->destination = packed[1];
    k->ntransit = packed[2];
    memcpy(k->transit, packed + 3, k->ntransit * sizeof *packed);
}

size_t agg_nroutes(const struct agg *a) { return strmap_count(a->routes); }
size_t agg_nyears(const struct agg *a) { return strmap_count(a->year_keys); }

size_t agg_month_index(tp_date d)
{
    return (size_t)(date_year(d) - DATE_MIN_YEAR) * 12 + (size_t)(d / 100 % 100 - 1);
}

/* The days from report to status of case c of the first period (tables/status_time.csv). */
static void count_status_days(struct agg *a, const struct case_rec *c)
{
    long days = date_to_days(c->status_on) - date_to_days(c->reported_on);
    if (c->precision == PREC_DAY && c->status_on && days >= 0 && days <= STATUS_DAYS)
        a->status_days[(size_t)c->status * (STATUS_DAYS + 1) + (size_t)days] += c->weight;
    else
        a->status_undated[c->status] += c->weight;
}

/* The counts of case c's month in the first period (by_month.csv), or NULL when c is not in
 * it; a case dated by more than a month has its own row. */
static struct year_count *month_of(struct agg *a, const struct case_rec *c)
{
    if (!(c->periods & 1u))
        return NULL;
    if (c->reported_on / 100 != c->reported_to / 100)
        return &a->months_undated;
    return &a->months[agg_month_index(c->reported_on)];
}

/* Adds w at every code of mask, or at unknown (n) when the mask is empty. */
static void count_mask(uint64_t *counts, unsigned mask, int n, uint64_t w)
{
    if (!mask) {
        counts[n] += w;
        return;
    }
    for (int c = 0; c < n; c++)
        if (mask & (1u << c))
            counts[c] += w;
}

/* Every count below adds the record's weight: a record standing for N cases (or victims,
 * suspects) counts N times wherever it counts. */
static void count_case(struct agg_period *ap, const struct case_rec *c)
{
    uint64_t w = c->weight;
    ap->cases += w;
    ap->region_cases[c->region] += w;
    ap->city_cases[c->city] += w;
    ap->routes[c->route].cases += w;
    count_mask(ap->recruitment, c->recruitment, vocabs[V_RECRUITMENT].ncodes, w);
    ap->recruitment_known += w * (c->recruitment != 0);
    count_mask(ap->transport, c->transport, vocabs[V_TRANSPORT].ncodes, w);
    ap->source[c->source] += w;
    ap->region_source[c->region][c->source] += w;
    ap->status[c->status] += w;
    ap->cases_labour += w * ((c->exploitation & EXP_LABOUR_MASK) != 0);
}

void agg_case(struct agg *a, const struct case_rec *c)
{
    if (!c->weight) /* a row standing for no case: nothing to count, no date to widen */
        return;
    a->cases += c->weight;
    a->years[c->year].cases += c->weight;
    struct year_count *m = month_of(a, c);
    if (m) {
        m->cases += c->weight;
        count_status_days(a, c);
    }
    if (!a->first || c->reported_on < a->first)
        a->first = c->reported_on;
    if (c->reported_to > a->last)
        a->last = c->reported_to;
    if (c->reported_to > a->latest)
        a->latest = c->reported_to;
    if (c->status_on > a->latest)
        a->latest = c->status_on;
    for (int p = 0; p < a->nperiods; p++)
        if (c->periods & (1u << p)) {
            count_case(&a->period[p], c);
            if (a->by_region[p])
                count_case(&a->by_region[p][c->region], c);
        }
}

static void count_victim(struct agg_period *ap, const struct case_rec *c,
                         const struct victim_rec *v, enum minor minor, int band)
{
    uint64_t w = v->weight;
    ap->victims += w;
    ap->sex_band[v->sex][band] += w;
    ap->sex_minor[v->sex][minor] += w;
    ap->region_victims[c->region] += w;
    ap->region_minor[c->region] += w * (minor == MINOR_YES);
    ap->city_victims[c->city] += w;
    ap->nationality[v->nationality + 1] += w;
    ap->home_region[agg_home_index(v->home) * (NREGIONS + 1) + c->region] += w;
    ap->nationality_category[(size_t)(v->nationality + 1) * UNODC_N +
                             unodc_category(v->sex, minor)] += w;
    ap->routes[c->route].victims += w;
    if (!c->exploitation) {
        ap->exploitation[EXP_N][v->sex][minor] += w;
    } else {
        for (int e = 0; e < EXP_N; e++)
            if (c->exploitation & (1u << e))
                ap->exploitation[e][v->sex][minor] += w;
    }
    unsigned forms = unodc_forms(c->exploitation);
    for (int f = 0; f < UF_N; f++)
        ap->unodc_form[f][unodc_category(v->sex, minor)] += w * ((forms >> f) & 1);
    count_mask(ap->assistance, v->assistance, vocabs[V_ASSISTANCE].ncodes, w);
    ap->id_document[v->id_document] += w;
    ap->assisted += w * ((v->assistance & ~(1u << ASSIST_NONE)) != 0);
}

void agg_victim(struct agg *a, const struct case_rec *c, const struct victim_rec *v)
{
    a->victims += v->weight;
    enum minor minor = age_minor(v->age);
    int band = age_band(&a->bands, v->age);
    struct year_count *y = &a->years[c->year];
    y->victims += v->weight;
    y->female += v->weight * (v->sex == SEX_FEMALE);
    y->male += v->weight * (v->sex == SEX_MALE);
    y->minor += v->weight * (minor == MINOR_YES);
    struct year_count *m = month_of(a, c);
    if (m) {
        m->victims += v->weight;
        m->minor += v->weight * (minor == MINOR_YES);
    }
    for (int p = 0; p < a->nperiods; p++)
        if (c->periods & (1u << p)) {
            count_victim(&a->period[p], c, v, minor, band);
            if (a->by_region[p])
                count_victim(&a->by_region[p][c->region], c, v, minor, band);
        }
}

void agg_victim_without_case(struct agg *a, uint32_t weight)
{
    a->victims += weight;
    a->victims_without_case += weight;
}

static void count_suspect(struct suspect_counts *sc, const struct suspect_rec *s, int peru)
{
    uint64_t w = s->weight;
    sc->identified += w;
    sc->sex[s->sex] += w;
    if (s->nationality < 0)
        sc->nationality_unknown += w;
    else if (s->nationality == peru)
        sc->peruvian += w;
    else
        sc->foreign += w;
    sc->detained += w * (s->detained == YES);
    sc->prosecuted += w * (s->prosecuted == YES);
    sc->convicted += w * (s->convicted == YES);
    if (s->convicted == YES && s->sentence_years >= 0) {
        if (!sc->sentences || s->sentence_years < sc->sentence_min)
            sc->sentence_min = s->sentence_years;
        if (!sc->sentences || s->sentence_years > sc->sentence_max)
            sc->sentence_max = s->sentence_years;
        sc->sentences += w;
        sc->sentence_years_sum += (double)w * s->sentence_years;
    }
    bool stage[STAGE_N] = {true, s->prosecuted == YES, s->convicted == YES};
    bool labour = (s->exploitation & EXP_LABOUR_MASK) != 0;
    for (int k = 0; k < STAGE_N; k++)
        if (stage[k]) {
            sc->stage_sex[k][s->sex] += w;
            sc->labour[k] += w * labour;
        }
}

static void count_period_suspect(struct agg_period *ap, const struct suspect_rec *s, int peru)
{
    bool stage[STAGE_N] = {true, s->prosecuted == YES, s->convicted == YES};
    count_suspect(&ap->suspects, s, peru);
    if (s->convicted == YES && s->sentence_years >= 0) {
        double m = s->sentence_years * 12 + 0.5;
        ap->sentence_months[m < SENTENCE_MONTHS ? (size_t)m : SENTENCE_MONTHS] += s->weight;
    }
    for (int k = 0; k < STAGE_N; k++)
        ap->suspect_stage_nationality[(size_t)(s->nationality + 1) * STAGE_N + k] +=
            s->weight * stage[k];
}

void agg_suspect(struct agg *a, const struct suspect_rec *s)
{
    if (!s->weight) /* a row standing for no suspect */
        return;
    int peru = places_peru(a->places);
    a->suspects += s->weight;
    if (s->identified_on > a->latest)
        a->latest = s->identified_on;
    count_suspect(&a->by_year[date_year(s->identified_on) - DATE_MIN_YEAR], s, peru);
    a->suspect_nationality[s->nationality + 1] += s->weight;
    uint16_t bits = agg_periods_of(a, s->identified_on);
    for (int p = 0; p < a->nperiods; p++)
        if (bits & (1u << p)) {
            count_period_suspect(&a->period[p], s, peru);
            if (a->by_region[p])
                count_period_suspect(&a->by_region[p][s->region], s, peru);
        }
}

size_t agg_home_index(uint16_t home)
{
    return home >= PLACE_FOREIGN ? (size_t)NREGIONS + 1 + (home - PLACE_FOREIGN)
                                 : home <= NREGIONS ? home : 0;
}

uint16_t agg_home_place(size_t index)
{
    return (uint16_t)(index <= NREGIONS ? index : PLACE_FOREIGN + (index - NREGIONS - 1));
}

size_t agg_nhomes(const struct agg *a)
{
    return (size_t)NREGIONS + 1 + (size_t)places_ncountries(a->places);
}

void agg_category(struct agg *a, const struct case_rec *c, int cat, int value, uint64_t n)
{
    for (int p = 0; n && p < a->nperiods; p++)
        if (c->periods & (1u << p))
            a->period[p].category[cat][value] += n;
}
