/* views.c: the display tables of the national counts, and the catalogue of every view. */
#include "report/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the views ---------------------------------------------------------------------------- */

/* Whether summary table s gives metric m: a row the source does not give is empty
 * (count/gives.h), and the headline tables leave it out. */
static bool metric_given(const struct table *s, const char *m)
{
    long k = find_row(s, "metric", m);
    return k < 0 || table_cell(s, (size_t)k, table_col(s, "value"))->kind != CELL_EMPTY;
}

static bool v_headline(struct ctx *c, struct dtable *t, bool compare)
{
    static const char *const metrics[] = {
        "cases", "victims", "victims_female", "victims_male", "victims_minor",
        "victims_without_id_document", "suspects_identified", "suspects_detained",
        "suspects_prosecuted", "suspects_convicted"};
    dt_title(c, t, "headline");
    int n = 0;
    dt_col(c, t, &n, "metric", COL_TEXT, false);
    int cur = dt_col(c, t, &n, NULL, COL_COUNT, false);
    snprintf(t->cols[cur].label, sizeof t->cols[cur].label, "%s", L(c, "word", "current"));
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cur);
    else if (compare)
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "no_previous"));
    if (!dt_body(c, t, n))
        return false;
    const struct table *s = pub(c, "summary", false), *sp = pub(c, "summary", true);
    for (size_t i = 0; i < sizeof metrics / sizeof *metrics; i++) {
        if (!metric_given(s, metrics[i]))
            continue; /* a figure the source does not give */
        long k = find_row(s, "metric", metrics[i]);
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "metric", metrics[i]));
        if (k >= 0)
            copy_count(t, r, 1, s, (size_t)k, "value");
        long kp = prev ? find_row(sp, "metric", metrics[i]) : -1;
        if (kp >= 0)
            copy_count(t, r, 2, sp, (size_t)kp, "value");
    }
    return true;
}

/* A brief's main figures: its region in the period (and the previous one), and the country. */
static bool v_brief_headline(struct ctx *c, struct dtable *t, bool compare)
{
    static const char *const metrics[] = {"cases", "victims", "victims_female", "victims_male",
                                          "victims_minor"};
    dt_title(c, t, "brief_headline");
    int n = 0;
    dt_col(c, t, &n, "metric", COL_TEXT, false);
    int cur = dt_col(c, t, &n, NULL, COL_COUNT, false);
    const struct region_info *ri = c->in->region ? places_region(c->in->agg->places,
                                                                 c->in->region)
                                                 : NULL;
    snprintf(t->cols[cur].label, sizeof t->cols[cur].label, "%s",
             ri ? ri->name : L(c, "word", "current"));
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cur);
    int nat = dt_col(c, t, &n, NULL, COL_COUNT, false);
    snprintf(t->cols[nat].label, sizeof t->cols[nat].label, "%s", L(c, "word", "national"));
    if (!dt_body(c, t, n))
        return false;
    const struct table *s = pub(c, "summary", false), *sp = pub(c, "summary", true);
    const struct table *ns = c->in->national ? tableset_find(c->in->national, "summary") : s;
    for (size_t i = 0; i < sizeof metrics / sizeof *metrics; i++) {
        if (!metric_given(ns, metrics[i]))
            continue; /* a figure the source does not give */
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "metric", metrics[i]));
        copy_found(c, t, r, 1, s, "metric", metrics[i], "value");
        if (prev)
            copy_found(c, t, r, 2, sp, "metric", metrics[i], "value");
        copy_found(c, t, r, nat, ns, "metric", metrics[i], "value");
    }
    return true;
}

/* A band's column header: its label, or "unknown" in the report's language. */
static const char *band_label(struct ctx *c, const struct age_bands *b, int band)
{
    return band < b->n ? b->label[band] : L(c, "word", "unknown");
}

/* The one-line table of the 2008 cable: cases, victims, by sex, by sex and age band. */
_Static_assert(4 + 2 * (MAX_BANDS + 1) <= TABLE_MAX_COLS,
               "victims_summary: 4 columns, then each sex by every band and unknown");
static bool v_victims_summary(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "victims_summary");
    const struct agg_period *ap = cur_period(c);
    const struct age_bands *b = &c->in->agg->bands;
    int n = 0;
    dt_col(c, t, &n, "cases", COL_COUNT, false);
    dt_col(c, t, &n, "victims", COL_COUNT, false);
    dt_col(c, t, &n, "female", COL_COUNT, false);
    dt_col(c, t, &n, "male", COL_COUNT, false);
    uint64_t values[TABLE_MAX_COLS] = {ap->cases, ap->victims, 0, 0};
    const char *band_sex[TABLE_MAX_COLS] = {0}, *band_of[TABLE_MAX_COLS] = {0};
    for (int band = 0; band <= b->n; band++) {
        values[2] += ap->sex_band[SEX_FEMALE][band];
        values[3] += ap->sex_band[SEX_MALE][band];
    }
    for (int s = SEX_FEMALE; s <= SEX_MALE; s++)
        for (int band = 0; band <= b->n; band++) {
            /* The unknown band only when someone is in it. */
            if (band == b->n && !ap->sex_band[s][band])
                continue;
            int col = dt_col(c, t, &n, NULL, COL_COUNT, false);
            snprintf(t->cols[col].label, sizeof t->cols[col].label, "%s %s",
                     L(c, "column", s == SEX_FEMALE ? "female" : "male"),
                     band_label(c, b, band));
            values[col] = ap->sex_band[s][band];
            band_sex[col] = s == SEX_FEMALE ? "female" : "male";
            band_of[col] = age_band_name(b, band);
        }
    if (!dt_body(c, t, n))
        return false;
    size_t r = table_row(t->body, NULL);
    for (int col = 0; col < n; col++)
        table_int(t->body, r, col, values[col]);
    mark(c, t, r, 0, false, "cases", NULL);
    mark(c, t, r, 1, false, "victims", NULL);
    mark(c, t, r, 2, false, "victims", DIMS("sex=female"));
    mark(c, t, r, 3, false, "victims", DIMS("sex=male"));
    for (int col = 4; col < n; col++) /* "Mujeres 0-17": the sex, then the band */
        mark(c, t, r, col, false, "victims",
             DIMS(kv("sex", band_sex[col]), kv("band", band_of[col])));
    return true;
}

_Static_assert(MAX_BANDS + 3 <= TABLE_MAX_COLS,
               "victims_by_sex_age: sex, every band and unknown, total");
static bool v_victims_by_sex_age(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "victims_by_sex_age");
    const struct agg_period *ap = cur_period(c);
    const struct age_bands *b = &c->in->agg->bands;
    int n = 0;
    dt_col(c, t, &n, "sex", COL_TEXT, false);
    for (int band = 0; band <= b->n; band++) {
        int col = dt_col(c, t, &n, NULL, COL_COUNT, true);
        snprintf(t->cols[col].label, sizeof t->cols[col].label, "%s",
                 band_label(c, b, band));
    }
    int tot = dt_col(c, t, &n, NULL, COL_ROWSUM, true);
    snprintf(t->cols[tot].label, sizeof t->cols[tot].label, "%s", L(c, "word", "total"));
    t->cols[tot].a = 1;
    t->cols[tot].b = tot - 1;
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    t->rowsum_marked = true;
    for (int s = 0; s < 3; s++) {
        size_t r = table_row(t->body, NULL);
        const char *sex = vocab_code_name(V_SEX, s);
        table_text(t->body, r, 0, labels_code(c->in->labels, V_SEX, s));
        for (int band = 0; band < tot - 1; band++) {
            table_int(t->body, r, band + 1, ap->sex_band[s][band]);
            mark(c, t, r, band + 1, false, "victims",
                 DIMS(kv("sex", sex), kv("band", age_band_name(b, band))));
        }
        mark(c, t, r, tot, false, "victims", DIMS(kv("sex", sex)));
    }
    for (int band = 0; band < tot - 1; band++)
        mark(c, t, 3, band + 1, false, "victims", DIMS(kv("band", age_band_name(b, band))));
    mark(c, t, 3, tot, false, "victims", NULL);
    return true;
}

static bool v_cases_by_region(struct ctx *c, struct dtable *t, bool compare)
{
    dt_title(c, t, "cases_by_region");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"region_code", COL_TEXT, false}, {"region", COL_TEXT, false},
                               {"cases", COL_COUNT, true}, {"victims", COL_COUNT, true},
                               {"victims_minor", COL_COUNT, true},
                               {"victims_per_100k", COL_RATE, false},
                               {"population", COL_COUNT, false}));
    /* The rate: victims per 100,000 of the population beside it (a spreadsheet's formula). */
    t->cols[5].a = 3;
    t->cols[5].b = 6;
    int cases = 2;
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cases);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "cases_by_region", false), *pp = pub(c, "cases_by_region", true);
    for (size_t j = 0, nb = body_rows(p); j < nb; j++) {
        size_t i = unknown_last(p, "region", 1, j), r = table_row(t->body, NULL);
        const char *code = text_at(p, i, "region_code"), *name = text_at(p, i, "region");
        table_text(t->body, r, 0, code);
        table_text(t->body, r, 1, strcmp(name, "unknown") ? name : L(c, "word", "unknown"));
        static const char *const counts[] = {"cases", "victims", "victims_minor"};
        for (int k = 0; k < 3; k++)
            copy_count(t, r, 2 + k, p, i, counts[k]);
        const struct cell *rate = table_cell(p, i, table_col(p, "victims_per_100k"));
        if (rate->kind == CELL_REAL) {
            table_real(t->body, r, 5, rate->v.r, 2);
            table_hide(t->body, r, 5, rate->hidden);
        }
        const struct region_info *ri = places_region(c->in->agg->places, atoi(code));
        if (ri && ri->population > 0)
            table_int(t->body, r, 6, (uint64_t)ri->population);
        if (prev)
            copy_found(c, t, r, 7, pp, "region_code", code, "cases");
    }
    size_t tr = t->body->nrows;
    mark(c, t, tr, 2, false, "cases", NULL);
    mark(c, t, tr, 3, false, "victims", NULL);
    mark(c, t, tr, 4, false, "victims", DIMS("minor=yes"));
    if (prev)
        mark(c, t, tr, 7, true, "cases", NULL);
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "region_note"));
    return true;
}

static bool v_cases_by_city(struct ctx *c, struct dtable *t, bool compare)
{
    dt_title(c, t, "cases_by_city");
    int n = 0;
    dt_cols(c, t, &n, COLSPECS({"city", COL_TEXT, false}, {"region", COL_TEXT, false},
                               {"cases", COL_COUNT, true}, {"victims", COL_COUNT, true}));
    int cases = 2;
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cases);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "cases_by_city", false), *pp = pub(c, "cases_by_city", true);
    for (size_t j = 0, nb = body_rows(p); j < nb; j++) {
        size_t i = unknown_last(p, "city", 1, j);
        if (!int_at(p, i, "cases") && !int_at(p, i, "victims"))
            continue;
        size_t r = table_row(t->body, NULL);
        static const char *const places[] = {"city", "region"};
        for (int k = 0; k < 2; k++) {
            const char *s = text_at(p, i, places[k]);
            table_text(t->body, r, k, strcmp(s, "unknown") ? s : L(c, "word", "unknown"));
        }
        copy_count(t, r, 2, p, i, "cases");
        copy_count(t, r, 3, p, i, "victims");
        if (prev)
            copy_found(c, t, r, 4, pp, "city", text_at(p, i, "city"), "cases");
    }
    size_t tr = t->body->nrows;
    mark(c, t, tr, 2, false, "cases", NULL);
    mark(c, t, tr, 3, false, "victims", NULL);
    if (prev)
        mark(c, t, tr, 4, true, "cases", NULL);
    return true;
}

/* A count by country (column key: a nationality, or a victim's home, which may be a region
 * too), with its share: victims or suspects by nationality, victims by home. */
static bool by_country(struct ctx *c, struct dtable *t, const char *id, const char *key,
                       const char *count_label)
{
    dt_title(c, t, id);
    int n = 0;
    dt_col(c, t, &n, key, COL_TEXT, false);
    dt_col(c, t, &n, count_label, COL_COUNT, true);
    dt_col(c, t, &n, "share", COL_PERCENT, true);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, id, false);
    /* Shares of the persons of known nationality. */
    uint64_t whole = known_total(p, key, count_label);
    const char *measure = strstr(id, "suspects") ? "suspects" : "victims";
    for (size_t k = 0, nb = body_rows(p); k < nb; k++) {
        size_t i = unknown_last(p, key, 1, k);
        if (!int_at(p, i, count_label))
            continue;
        size_t r = table_row(t->body, NULL);
        const char *code = text_at(p, i, key);
        table_text(t->body, r, 0, country(c, code));
        copy_count(t, r, 1, p, i, count_label);
        if (strcmp(code, "unknown"))
            share(t, r, 2, 1, int_at(p, i, count_label), whole);
    }
    mark(c, t, t->body->nrows, 1, false, measure, NULL);
    t->whole_hidden = t->total_mark[1] || unknown_hidden(p, key, count_label);
    t->whole_sum = true;
    return true;
}

static bool v_victims_by_nationality(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return by_country(c, t, "victims_by_nationality", "nationality", "victims");
}

static bool v_suspects_by_nationality(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return by_country(c, t, "suspects_by_nationality", "nationality", "suspects");
}

/* Where victims come from: the homes, most victims first, with their share. */
static bool v_victims_by_home(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!by_country(c, t, "victims_by_home", "home", "victims"))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "home_note"));
    return true;
}

/* Where victims come from against the region of their case: the pairs, most victims first. */
static bool v_victims_by_home_region(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "victims_by_home_region", true,
                  COLSPECS({"home", COL_TEXT, false}, {"case_region", COL_TEXT, false},
                           {"victims", COL_COUNT, true})))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "home_region_note"));
    const struct table *p = pub(c, "victims_by_home_region", false);
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, country(c, text_at(p, i, "home")));
        table_text(t->body, r, 1, country(c, text_at(p, i, "region")));
        copy_count(t, r, 2, p, i, "victims");
    }
    mark(c, t, t->body->nrows, 2, false, "victims", NULL);
    return true;
}

static bool routes_view(struct ctx *c, struct dtable *t, const char *id)
{
    /* The country's routes add up to its cases; a brief's, those touching its region, to no
     * count it prints. */
    bool total = !strcmp(id, "routes");
    if (!dt_begin(c, t, id, total,
                  COLSPECS({"origin", COL_TEXT, false}, {"transit", COL_TEXT, false},
                           {"destination", COL_TEXT, false}, {"scope", COL_TEXT, false},
                           {"cases", COL_COUNT, total}, {"victims", COL_COUNT, total})))
        return false;
    const struct table *p = pub(c, id, false);
    struct buf transit = {0};
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 3, L(c, "scope", text_at(p, i, "scope")));
        copy_count(t, r, 4, p, i, "cases");
        copy_count(t, r, 5, p, i, "victims");
        if (!strcmp(text_at(p, i, "origin"), "other")) { /* public mode: routes of few victims */
            table_text(t->body, r, 0, L(c, "word", "other_routes"));
            continue;
        }
        table_text(t->body, r, 0, country(c, text_at(p, i, "origin")));
        buf_clear(&transit);
        for (const char *s = text_at(p, i, "transit"); *s;) {
            const char *e = strchr(s, ';');
            size_t k = e ? (size_t)(e - s) : strlen(s);
            char part[128];
            snprintf(part, sizeof part, "%.*s", (int)k, s);
            if (transit.len)
                buf_adds(&transit, "; ");
            buf_adds(&transit, country(c, part));
            s += k + (e ? 1 : 0);
        }
        table_text(t->body, r, 1, buf_cstr(&transit));
        table_text(t->body, r, 2, country(c, text_at(p, i, "destination")));
    }
    if (total) {
        mark(c, t, t->body->nrows, 4, false, "cases", NULL);
        mark(c, t, t->body->nrows, 5, false, "victims", NULL);
    }
    buf_free(&transit);
    return true;
}

static bool v_routes(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return routes_view(c, t, "routes");
}

static bool v_routes_region(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    return routes_view(c, t, "routes_region");
}

static uint64_t summary_count(struct ctx *c, const char *metric)
{
    return count_of(pub(c, "summary", false), "metric", metric, "value");
}

/* A breakdown over a value set, from public table id with the code in its column id and the
 * count in its column count_label; rows with a count, largest first, unknown last. Shares are
 * of the cases or victims with a known value (whole_known: public mode publishes that count
 * by its own key); multi-valued sets get the note that shares may add up to more than 100%. */
static bool by_code(struct ctx *c, struct dtable *t, const char *id, enum vocab_id v,
                    const char *code_label, const char *count_label, bool whole_known,
                    bool compare, bool stage_order)
{
    /* The public table's columns: the code, named as the table, and the count. */
    const char *code_col = id;
    dt_title(c, t, id);
    bool multi = vocabs[v].multi;
    int n = 0;
    dt_col(c, t, &n, code_label, COL_TEXT, false);
    int cnt = dt_col(c, t, &n, count_label, COL_COUNT, !multi);
    dt_col(c, t, &n, "share", COL_PERCENT, !multi);
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cnt);
    t->total = !multi;
    if (multi)
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "share_note"));
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, id, false), *pp = pub(c, id, true);
    /* The share's whole: the cases or victims with a known value, hidden in public mode
     * unless both it and the unknown row are published. */
    uint64_t whole = summary_count(c, count_label) - count_of(p, code_col, "unknown", count_label);
    {
        const char *measure = !strcmp(count_label, "victims") ? "victims" : "cases";
        char known[80];
        snprintf(known, sizeof known, "%s=(known)", id);
        t->whole_hidden = state_of(c, false, measure, DIMS(whole_known ? known : NULL)) ||
                          unknown_hidden(p, code_col, count_label);
        t->whole_sum = !multi;
    }
    /* Stage order (status) follows the value set (unknown is its last code); the others, the
     * public table's order. */
    int nk = stage_order ? vocabs[v].ncodes + 1 : (int)body_rows(p);
    for (int k = 0; p && k < nk; k++) {
        const char *code = stage_order ? vocab_code_name(v, k)
                                       : text_at(p, unknown_last(p, code_col, 1, (size_t)k),
                                                 code_col);
        uint64_t count = count_of(p, code_col, code, count_label);
        if (!count && !(prev && count_of(pp, code_col, code, count_label)))
            continue;
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, labels_code(c->in->labels, v, vocab_find(v, code)));
        copy_found(c, t, r, 1, p, code_col, code, count_label);
        if (strcmp(code, "unknown"))
            share(t, r, 2, 1, count, whole);
        if (prev)
            copy_found(c, t, r, 3, pp, code_col, code, count_label);
    }
    if (!multi) {
        mark(c, t, t->body->nrows, 1, false, count_label, NULL);
        if (prev)
            mark(c, t, t->body->nrows, 3, true, count_label, NULL);
    }
    return true;
}


/* Victims of each form (a form column each: all, female, male, minors), from the report's
 * exploitation.csv (by sex and minor) or a brief's victims_by_exploitation.csv (all only). */
static void form_counts(const struct table *p, uint64_t v[EXP_N + 1][4])
{
    memset(v, 0, sizeof(uint64_t[EXP_N + 1][4]));
    bool by_sex = p && !strcmp(p->name, "exploitation");
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        int e = vocab_find(V_EXPLOITATION, text_at(p, i, "exploitation"));
        if (e < 0)
            continue;
        uint64_t k = int_at(p, i, "victims");
        v[e][0] += k;
        if (by_sex) {
            v[e][1] += !strcmp(text_at(p, i, "sex"), "female") ? k : 0;
            v[e][2] += !strcmp(text_at(p, i, "sex"), "male") ? k : 0;
            v[e][3] += !strcmp(text_at(p, i, "minor"), "yes") ? k : 0;
        }
    }
}

static bool v_exploitation(struct ctx *c, struct dtable *t, bool compare)
{
    dt_title(c, t, "exploitation");
    /* A brief publishes each form's victims only, not by sex and age. */
    bool brief = c->in->region != 0;
    const char *id = brief ? "victims_by_exploitation" : "exploitation";
    int n = 0;
    if (brief)
        dt_cols(c, t, &n, COLSPECS({"exploitation", COL_TEXT, false}, {"victims", COL_COUNT, false},
                                   {"share", COL_PERCENT, false}));
    else
        dt_cols(c, t, &n,
                COLSPECS({"exploitation", COL_TEXT, false}, {"victims", COL_COUNT, false},
                         {"female", COL_COUNT, false}, {"male", COL_COUNT, false},
                         {"minors", COL_COUNT, false}, {"share", COL_PERCENT, false}));
    int share_col = n - 1, cnt = 1;
    bool prev = compare && c->in->prev;
    if (prev)
        dt_compare_cols(c, t, &n, cnt);
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "share_note"));
    if (!dt_body(c, t, n))
        return false;
    uint64_t cur[EXP_N + 1][4], old[EXP_N + 1][4];
    form_counts(pub(c, id, false), cur);
    form_counts(pub(c, id, true), old);
    /* Shares of the victims of a known form (EXP_N: unknown). */
    uint64_t victims = summary_count(c, "victims") - cur[EXP_N][0];
    int order[EXP_N + 1], nr = 0;
    for (int e = 0; e <= EXP_N; e++)
        if (cur[e][0] || (prev && old[e][0]))
            order[nr++] = e;
    /* Largest first; the value set's order among equals; unknown last. */
    for (int i = 1; i < nr; i++)
        for (int j = i; j > 0 && order[j] != EXP_N &&
                        (order[j - 1] == EXP_N || cur[order[j]][0] > cur[order[j - 1]][0]);
             j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    t->whole_hidden = state_of(c, false, "victims", NULL) ||
                      state_of(c, false, "victims", DIMS(kv("form", "unknown")));
    static const char *const split[] = {NULL, "sex=female", "sex=male", "minor=yes"};
    for (int i = 0; i < nr; i++) {
        int e = order[i];
        size_t r = table_row(t->body, NULL);
        const char *form = kv("form", vocab_code_name(V_EXPLOITATION, e));
        table_text(t->body, r, 0, labels_code(c->in->labels, V_EXPLOITATION, e));
        for (int k = 0; k < share_col - 1; k++) {
            table_int(t->body, r, 1 + k, cur[e][k]);
            mark(c, t, r, 1 + k, false, "victims", DIMS(form, split[k]));
        }
        if (e != EXP_N)
            share(t, r, share_col, 1, cur[e][0], victims);
        if (prev) {
            table_int(t->body, r, share_col + 1, old[e][0]);
            mark(c, t, r, share_col + 1, true, "victims", DIMS(form));
        }
    }
    return true;
}

static bool v_recruitment(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "recruitment", V_RECRUITMENT, "recruitment", "cases", true, compare, false);
}

static bool v_transport(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "transport", V_TRANSPORT, "transport", "cases", true, compare, false);
}

static bool v_source(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "source", V_SOURCE, "source", "cases", false, compare, false);
}

static bool v_status(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "status", V_STATUS, "status", "cases", false, compare, true);
}

static bool v_assistance(struct ctx *c, struct dtable *t, bool compare)
{
    return by_code(c, t, "assistance", V_ASSISTANCE, "assistance", "victims", false, compare,
                   false);
}

/* The persons identified in the period and what happened to them, beside the cases' status:
 * identified, detained, prosecuted, convicted, each with its share of those identified. */
static bool v_suspects_funnel(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    static const char *const metrics[] = {"suspects_identified", "suspects_detained",
                                          "suspects_prosecuted", "suspects_convicted"};
    if (!dt_begin(c, t, "suspects_funnel", false,
                  COLSPECS({"metric", COL_TEXT, false}, {"persons", COL_COUNT, false},
                           {"share_identified", COL_PERCENT, false})))
        return false;
    snprintf(t->note, sizeof t->note, "%s", L(c, "word", "funnel_note"));
    const struct table *s = pub(c, "summary", false);
    long k0 = find_row(s, "metric", metrics[0]);
    const struct cell *whole = k0 >= 0 ? table_cell(s, (size_t)k0, table_col(s, "value")) : NULL;
    for (size_t i = 0; whole && i < sizeof metrics / sizeof *metrics; i++) {
        long k = find_row(s, "metric", metrics[i]);
        if (k < 0)
            continue;
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, L(c, "metric", metrics[i]));
        copy_count(t, r, 1, s, (size_t)k, "value");
        const struct cell *v = table_cell(s, (size_t)k, table_col(s, "value"));
        if (!v->hidden && !whole->hidden)
            share(t, r, 2, 1, v->v.i, whole->v.i);
    }
    return true;
}

/* Persons convicted by the length of their sentence, in the bands' order, with shares. */
static bool v_sentences(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "sentences", true,
                  COLSPECS({"sentence_years", COL_TEXT, false}, {"persons", COL_COUNT, true},
                           {"share", COL_PERCENT, true})))
        return false;
    /* Shares of the sentences of known length; unknown, last, has none. */
    const struct table *p = pub(c, "sentences", false);
    uint64_t whole = known_total(p, "sentence_years", "persons");
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        const char *b = text_at(p, i, "sentence_years");
        bool known = strcmp(b, "unknown") != 0;
        table_text(t->body, r, 0, known ? b : L(c, "word", "unknown"));
        copy_count(t, r, 1, p, i, "persons");
        if (known)
            share(t, r, 2, 1, int_at(p, i, "persons"), whole);
    }
    mark(c, t, t->body->nrows, 1, false, "psuspects", DIMS("stage=convicted"));
    t->whole_sum = true;
    return true;
}

static bool v_suspects_by_year(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    static const char *const cols[] = {"identified", "female",   "male",       "peruvian",
                                       "foreign",    "detained", "prosecuted", "convicted"};
    dt_title(c, t, "suspects_by_year");
    int n = 0;
    dt_col(c, t, &n, "year", COL_TEXT, false);
    for (int k = 0; k < 8; k++)
        dt_col(c, t, &n, cols[k], COL_COUNT, true);
    t->total = true;
    if (!dt_body(c, t, n))
        return false;
    const struct table *p = pub(c, "suspects_by_year", false);
    for (size_t i = 0, nb = body_rows(p); i < nb; i++) {
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, text_at(p, i, "year"));
        for (int k = 0; k < 8; k++) /* the public table's columns are named as these */
            copy_count(t, r, 1 + k, p, i, cols[k]);
    }
    /* The totals of every year, as suspects_by_year's total row publishes them. */
    static const char *const dims[] = {NULL,           "sex=female",        "sex=male",
                                       "nationality=Peru", "nationality=foreign", "detained=yes",
                                       "stage=prosecuted", "stage=convicted"};
    for (int k = 0; k < 8; k++)
        mark(c, t, t->body->nrows, 1 + k, false, "suspects", DIMS(dims[k]));
    return true;
}

static bool v_prevention(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    dt_title(c, t, "prevention");
    int n = 0;
    dt_col(c, t, &n, "region", COL_TEXT, false);
    dt_col(c, t, &n, "hotline", COL_COUNT, true);
    dt_col(c, t, &n, "media", COL_COUNT, true);
    int tot = dt_col(c, t, &n, NULL, COL_ROWSUM, true);
    snprintf(t->cols[tot].label, sizeof t->cols[tot].label, "%s", L(c, "word", "total"));
    t->cols[tot].a = 1;
    t->cols[tot].b = 2;
    t->total = true;
    t->rowsum_marked = true;
    if (!dt_body(c, t, n))
        return false;
    /* prevention.csv: two rows per region with any (hotline, media), most cases first. */
    const struct table *p = pub(c, "prevention", false);
    static const char *const both = "source=(hotline+media)";
    for (size_t k = 0, nb = body_rows(p); k + 1 < nb; k += 2) {
        size_t i = unknown_last(p, "region", 2, k), r = table_row(t->body, NULL);
        const char *code = text_at(p, i, "region_code");
        table_text(t->body, r, 0, atoi(code) ? text_at(p, i, "region") : L(c, "word", "unknown"));
        copy_count(t, r, 1, p, i, "cases");
        copy_count(t, r, 2, p, i + 1, "cases");
        mark(c, t, r, 3, false, "cases", DIMS(kv("region", code), both));
    }
    size_t tr = t->body->nrows;
    mark(c, t, tr, 1, false, "cases", DIMS("source=hotline"));
    mark(c, t, tr, 2, false, "cases", DIMS("source=media"));
    mark(c, t, tr, 3, false, "cases", DIMS(both));
    return true;
}

/* A data-quality problem, English in the log, in the report's language. */
static const char *dq_say(struct ctx *c, const char *section, const char *english)
{
    static char out[4][512]; /* rotating: a row uses a few */
    static int next;
    char *o = out[next++ % 4];
    const struct labels *en = c->in->labels_en ? c->in->labels_en : c->in->labels;
    labels_say(c->in->labels, en, section, english, o, sizeof out[0]);
    return o;
}

static bool v_data_quality_files(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "data_quality_files", true,
                  COLSPECS({"file", COL_TEXT, false}, {"role", COL_TEXT, false},
                           {"encoding", COL_TEXT, false}, {"rows_read", COL_COUNT, true},
                           {"rows_counted", COL_COUNT, true}, {"rows_filtered", COL_COUNT, true},
                           {"rows_rejected", COL_COUNT, true}, {"rows_blank", COL_COUNT, true},
                           {"warnings", COL_COUNT, true})))
        return false;
    const struct quality *q = c->in->dq;
    for (int i = 0; i < q->nfiles; i++) {
        const struct dq_file *f = &q->files[i];
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, dq_file_name(q, i));
        table_text(t->body, r, 1, L(c, "role", kind_name(f->kind)));
        table_text(t->body, r, 2, charset_name(f->charset));
        const uint64_t v[] = {f->read, f->counted, f->filtered, f->rejected, f->blank, f->warnings};
        for (int k = 0; k < 6; k++)
            table_int(t->body, r, 3 + k, v[k]);
    }
    return true;
}

static bool v_data_quality_problems(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "data_quality_problems", !c->in->prot, /* public: no counts, no total */
                  COLSPECS({"file", COL_TEXT, false}, {"field", COL_TEXT, false},
                           {"problem", COL_TEXT, false}, {"action", COL_TEXT, false},
                           {"rows", COL_COUNT, true})))
        return false;
    /* Group by file, field, problem and action, in the order first seen. */
    const struct quality *q = c->in->dq;
    struct strmap *groups = strmap_new();
    struct buf key = {0};
    for (size_t i = 0; groups && i < q->nentries; i++) {
        const struct dq_entry *e = &q->entries[i];
        const char *field = e->field >= 0 ? fields[e->field].name : "";
        buf_clear(&key);
        buf_printf(&key, "%s\x1f%s\x1f%s\x1f%s", dq_file_name(q, e->file), field,
                   dq_problem(q, e), dq_action_name(e->action));
        bool added;
        long g = strmap_intern(groups, key.p, key.len, 0, &added);
        if (g < 0)
            break;
        if (added) {
            size_t r = table_row(t->body, NULL);
            table_text(t->body, r, 0, dq_file_name(q, e->file));
            table_text(t->body, r, 1, dq_field_header(q, e->file, e->field));
            table_text(t->body, r, 2, dq_say(c, "dq_problem", dq_problem(q, e)));
            table_text(t->body, r, 3, L(c, "dq_action", dq_action_name(e->action)));
        }
        if (!c->in->prot) /* public: how many rows a problem has is no protected count */
            table_int(t->body, (size_t)g, 4, (uint64_t)dtable_number(t, (size_t)g, 4) + 1);
    }
    buf_free(&key);
    strmap_free(groups);
    if (c->in->prot)
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "dq_public_counts"));
    else
        table_sort(t->body, 4, -1);
    return true;
}

static bool v_data_quality_entries(struct ctx *c, struct dtable *t, bool compare)
{
    (void)compare;
    if (!dt_begin(c, t, "data_quality_entries", false,
                  COLSPECS({"file", COL_TEXT, false}, {"line", COL_COUNT, false},
                           {"field", COL_TEXT, false}, {"problem", COL_TEXT, false},
                           {"action", COL_TEXT, false})))
        return false;
    const struct quality *q = c->in->dq;
    if (c->in->prot) { /* the rows carry case numbers and values as written: not public */
        snprintf(t->note, sizeof t->note, "%s", L(c, "word", "dq_public"));
        t->withheld = true;
        return true;
    }
    for (size_t i = 0; i < q->nentries; i++) {
        const struct dq_entry *e = &q->entries[i];
        size_t r = table_row(t->body, NULL);
        table_text(t->body, r, 0, dq_file_name(q, e->file));
        table_int(t->body, r, 1, (uint64_t)e->line);
        table_text(t->body, r, 2, dq_field_header(q, e->file, e->field));
        table_text(t->body, r, 3, dq_say(c, "dq_problem", dq_problem(q, e)));
        table_text(t->body, r, 4, L(c, "dq_action", dq_action_name(e->action)));
    }
    return true;
}

typedef bool (*view_fn)(struct ctx *c, struct dtable *t, bool compare);

static const struct {
    const char *name;
    view_fn build;
    bool compare; /* can show the previous period */
} views[] = {
    {"headline", v_headline, true},
    {"brief_headline", v_brief_headline, true},
    {"victims_summary", v_victims_summary, false},
    {"by_year", v_by_year, false},
    {"by_month", v_by_month, false},
    {"victims_by_sex_age", v_victims_by_sex_age, false},
    {"cases_by_region", v_cases_by_region, true},
    {"cases_by_city", v_cases_by_city, true},
    {"victims_by_nationality", v_victims_by_nationality, false},
    {"routes", v_routes, false},
    {"victims_by_home", v_victims_by_home, false},
    {"victims_by_home_region", v_victims_by_home_region, false},
    {"routes_region", v_routes_region, false},
    {"exploitation", v_exploitation, true},
    {"recruitment", v_recruitment, true},
    {"transport", v_transport, true},
    {"source", v_source, true},
    {"status", v_status, true},
    {"status_time", v_status_time, false},
    {"assistance", v_assistance, true},
    {"suspects_by_year", v_suspects_by_year, false},
    {"suspects_by_nationality", v_suspects_by_nationality, false},
    {"suspects_funnel", v_suspects_funnel, false},
    {"sentences", v_sentences, false},
    {"prevention", v_prevention, false},
    {"unodc_victims_by_exploitation", v_unodc_victims_by_exploitation, false},
    {"unodc_victims_by_citizenship", v_unodc_victims_by_citizenship, false},
    {"unodc_persons_by_sex", v_unodc_persons_by_sex, false},
    {"unodc_persons_by_citizenship", v_unodc_persons_by_citizenship, false},
    {"tip_law_enforcement", v_tip_law_enforcement, false},
    {"data_quality_files", v_data_quality_files, false},
    {"data_quality_problems", v_data_quality_problems, false},
    {"data_quality_entries", v_data_quality_entries, false},
};

#define NVIEWS (sizeof views / sizeof *views)

bool report_table_known(const char *name, bool compare)
{
    if (!strcmp(name, "categories")) /* the source's own (views_categories.c) */
        return !compare;
    for (size_t i = 0; i < NVIEWS; i++)
        if (!strcmp(views[i].name, name))
            return !compare || views[i].compare;
    return false;
}

int table_append(struct ctx *c, table_build_fn build, const void *arg, const char *name)
{
    struct report *r = c->r;
    struct dtable *t = build ? realloc(r->tables, (r->ntables + 1) * sizeof *t) : NULL;
    if (t) {
        r->tables = t;
        memset(&t[r->ntables], 0, sizeof *t);
        if (!build(c, &t[r->ntables], arg) || c->failed) {
            table_free(t[r->ntables].body);
            return -1;
        }
        dt_finish(&t[r->ntables]);
        if (c->in->prot)
            derive_marks(&t[r->ntables]);
        dt_drop_empty_changes(&t[r->ntables]);
        return (int)r->ntables++;
    }
    if (!c->failed)
        tp_fail(c->err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory building table %s", name);
    c->failed = true;
    return -1;
}

struct view_call {
    view_fn build;
    bool compare;
};

static bool call_view(struct ctx *c, struct dtable *t, const void *arg)
{
    const struct view_call *v = arg;
    return v->build(c, t, v->compare);
}

/* The index of table name (built once per name and comparison), or -1. */
int table_index(struct ctx *c, const char *name, bool compare)
{
    struct report *r = c->r;
    for (size_t i = 0; i < r->ntables; i++)
        if (!strcmp(r->tables[i].id, name) &&
            r->tables[i].compared == (compare && c->in->prev != NULL))
            return (int)i;
    for (size_t v = 0; v < NVIEWS; v++)
        if (!strcmp(views[v].name, name)) {
            struct view_call call = {views[v].build, compare};
            return table_append(c, call_view, &call, name);
        }
    return table_append(c, NULL, NULL, name); /* a name no view has: fails */
}

