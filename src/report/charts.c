/* charts.c: the charts of a report: which table each draws, and the map's routes. */
#include "report/view.h"
#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- charts ------------------------------------------------------------------------------- */

static void chart_title(struct ctx *c, struct dchart *ch, const char *id, const char *table)
{
    snprintf(ch->id, sizeof ch->id, "%s", id);
    snprintf(ch->title, sizeof ch->title, "%s", L(c, "chart", id));
    /* Draw the table as the definition placed it (with or without comparison), if it did. */
    ch->table = -1;
    for (size_t i = 0; i < c->r->ntables && ch->table < 0; i++)
        if (!strcmp(c->r->tables[i].id, table))
            ch->table = (int)i;
    if (ch->table < 0)
        ch->table = table_index(c, table, false);
}

/* Rows with a non-zero value in col (the tables put those first). */
static int nonzero_rows(const struct dtable *t, int col)
{
    int n = 0;
    while ((size_t)n < t->body->nrows && dtable_number(t, (size_t)n, col) > 0)
        n++;
    return n;
}

_Static_assert(MAX_BANDS <= CHART_MAX_CATS, "the pyramid draws every age band");
static bool ch_victims_by_sex_age(struct ctx *c, struct dchart *ch)
{
    chart_title(c, ch, "victims_by_sex_age", "victims_by_sex_age");
    if (ch->table < 0)
        return false;
    ch->kind = CHART_COLUMN;
    ch->shape = SHAPE_PYRAMID;
    ch->by_row = true;
    ch->first = 1;
    ch->n = c->in->agg->bands.n; /* the bands, not unknown or total */
    ch->series[0] = SEX_FEMALE;
    ch->series[1] = SEX_MALE;
    ch->nseries = 2;
    /* What the pyramid leaves out: victims of unknown sex, and of known sex but unknown age. */
    const struct agg_period *ap = cur_period(c);
    uint64_t sex = 0, age = ap->sex_band[SEX_FEMALE][ch->n] + ap->sex_band[SEX_MALE][ch->n];
    for (int b = 0; b <= ch->n; b++)
        sex += ap->sex_band[SEX_UNKNOWN][b];
    char a[32], s[32];
    number_count(sex, c->r->lang, s, sizeof s);
    number_count(age, c->r->lang, a, sizeof a);
    if (c->in->prot) { /* public mode: as the table prints them */
        const struct protection *p = c->in->prot;
        int hs = state_of(c, false, "victims", DIMS("sex=unknown"));
        int hf = state_of(c, false, "victims", DIMS("band=unknown", "sex=female"));
        int hm = state_of(c, false, "victims", DIMS("band=unknown", "sex=male"));
        int k = protect_k(p);
        if (hs == SDC_PRIMARY)
            snprintf(s, sizeof s, "<%d", k);
        else if (hs != SDC_SHOWN)
            snprintf(s, sizeof s, "x");
        if (hf != SDC_SHOWN || hm != SDC_SHOWN) /* a sum of two, one hidden */
            snprintf(a, sizeof a, "x");
    }
    static const char *const keys[] = {"sex", "age"};
    const char *vals[] = {s, a};
    if (sex || age)
        labels_fill(ch->note, sizeof ch->note, L(c, "word", "pyramid_note"), keys, vals, 2);
    return true;
}

/* One value column over the table's first rows: bars (kind) of col. */
static bool ch_simple(struct ctx *c, struct dchart *ch, const char *id, enum chart_kind kind,
                      enum chart_shape shape, int col, bool all_rows)
{
    chart_title(c, ch, id, id);
    if (ch->table < 0)
        return false;
    const struct dtable *t = &c->r->tables[ch->table];
    ch->kind = kind;
    ch->shape = shape;
    ch->cat_col = t->cols[0].kind == COL_TEXT && t->cols[1].kind == COL_TEXT ? 1 : 0;
    ch->first = 0;
    ch->n = all_rows ? (int)t->body->nrows : nonzero_rows(t, col);
    ch->series[0] = col;
    ch->nseries = 1;
    ch->percent = t->cols[col].kind == COL_PERCENT;
    snprintf(ch->note, sizeof ch->note, "%s", t->note);
    return true;
}

static bool ch_cases_by_region(struct ctx *c, struct dchart *ch)
{
    return ch_simple(c, ch, "cases_by_region", CHART_BAR, SHAPE_HBARS, 2, false);
}

static bool ch_suspects_by_year(struct ctx *c, struct dchart *ch)
{
    return ch_simple(c, ch, "suspects_by_year", CHART_COLUMN, SHAPE_COLUMNS, 1, true);
}

/* Cases a year, from the first year with cases (the years before have suspects only), and
 * beside them victims and suspects when there are any in those years (a source without
 * suspects has none: no empty series in the legend). */
static bool ch_by_year(struct ctx *c, struct dchart *ch)
{
    if (!ch_simple(c, ch, "by_year", CHART_COLUMN, SHAPE_COLUMNS, 1, true))
        return false;
    const struct table *b = c->r->tables[ch->table].body;
    while (ch->n > 0 && table_cell(b, (size_t)ch->first, 1)->kind == CELL_EMPTY)
        ch->first++, ch->n--;
    for (int col = 2; col <= 3; col++) { /* victims, suspects (views_series.c) */
        bool any = false;
        for (int i = ch->first; i < ch->first + ch->n && !any; i++) {
            const struct cell *cl = table_cell(b, (size_t)i, col);
            any = cl->kind == CELL_INT && cl->v.i > 0;
        }
        if (any)
            ch->series[ch->nseries++] = col;
    }
    snprintf(ch->note, sizeof ch->note, "%s", L(c, "word", "part_year_note"));
    return true;
}

/* Cases a month of the period (its table without the month-less row and the total). */
static bool ch_by_month(struct ctx *c, struct dchart *ch)
{
    if (!ch_simple(c, ch, "by_month", CHART_COLUMN, SHAPE_COLUMNS, 1, true))
        return false;
    const struct table *p = pub(c, "by_month", false);
    size_t nb = p ? body_rows(p) : 0;
    ch->n = nb && !strcmp(text_at(p, nb - 1, "month"), "unknown") ? (int)nb - 1 : (int)nb;
    return true;
}

static bool ch_status(struct ctx *c, struct dchart *ch)
{
    if (!ch_simple(c, ch, "status", CHART_BAR, SHAPE_STACKED, 1, true))
        return false;
    snprintf(ch->note, sizeof ch->note, "%s", L(c, "word", "status_note"));
    return true;
}

static bool ch_suspects_funnel(struct ctx *c, struct dchart *ch)
{
    if (!ch_simple(c, ch, "suspects_funnel", CHART_BAR, SHAPE_HBARS, 1, true))
        return false;
    ch->note[0] = '\0'; /* its table, just above, says what it counts */
    return true;
}

static bool ch_exploitation(struct ctx *c, struct dchart *ch)
{
    /* The share: the report's sixth column, a brief's third (forms without sex and age). */
    return ch_simple(c, ch, "exploitation", CHART_BAR, SHAPE_HBARS, c->in->region ? 2 : 5, true);
}

static bool ch_recruitment(struct ctx *c, struct dchart *ch)
{
    return ch_simple(c, ch, "recruitment", CHART_BAR, SHAPE_HBARS, 2, true);
}

/* A route the map can draw: its known stops in order, without repeats, at least one of them a
 * region and two different places in all. */
static int map_stops(const struct route_key *k, int peru, uint16_t *stops)
{
    uint16_t all[2 + MAX_TRANSIT];
    int n = 0, regions = 0, out = 0;
    all[n++] = k->origin;
    for (int i = 0; i < k->ntransit && i < MAX_TRANSIT; i++)
        all[n++] = k->transit[i];
    all[n++] = k->destination;
    if (k->origin == PLACE_UNKNOWN || k->destination == PLACE_UNKNOWN)
        return 0;
    for (int i = 0; i < n; i++) {
        uint16_t s = all[i];
        if (s == PLACE_UNKNOWN || s == PLACE_FOREIGN + peru || (out && stops[out - 1] == s))
            continue;
        regions += s <= NREGIONS;
        stops[out++] = s;
    }
    return out >= 2 && regions ? out : 0;
}

/* Public mode: the regions whose count is hidden, drawn as such, and their legend entry. */
static void map_hidden(struct ctx *c, struct map_data *m)
{
    char code[16];
    for (int g = 1; g <= NREGIONS; g++) {
        snprintf(code, sizeof code, "%02d", g);
        /* Hidden is hidden, even a zero: its shade must not tell it. */
        m->hidden[g] = state_of(c, false, "cases", DIMS(kv("region", code))) != 0;
    }
    m->least = (uint64_t)protect_k(c->in->prot);
    char k[8];
    snprintf(k, sizeof k, "%d", protect_k(c->in->prot));
    static const char *const keys[] = {"k"};
    const char *vals[] = {k};
    labels_fill(m->hidden_label, sizeof m->hidden_label, L(c, "word", "map_hidden"), keys,
                vals, 1);
}

/* A brief: its region alone, highlighted, under a title that names it. */
static void map_brief(struct ctx *c, struct dchart *ch, struct map_data *m)
{
    const char *name = places_region(c->in->agg->places, c->in->region)->name;
    static const char *const keys[] = {"region"};
    const char *vals[] = {name};
    labels_fill(ch->title, sizeof ch->title, L(c, "chart", "map_region"), keys, vals, 1);
    memset(m->cases, 0, sizeof m->cases);
    memset(m->hidden, 0, sizeof m->hidden);
    m->cases[c->in->region] = 1; /* drawable: the map has its region */
    m->highlight = c->in->region;
    m->legend_title = name;
}

/* The routes the map may draw (of a brief: from, through or to its region), most victims
 * first (the first met among equals), into all; returns how many. */
static int map_candidates(struct ctx *c, const struct agg_period *ap, struct map_route *all)
{
    const struct agg *a = c->in->agg;
    int known = 0, peru = places_peru(a->places), region = c->in->region;
    for (size_t id = 0, n = agg_nroutes(a); id < n; id++) {
        const struct route_count *rc = &ap->routes[id];
        if (!rc->cases)
            continue;
        if (c->in->prot && rc->victims < (uint64_t)protect_k(c->in->prot))
            continue; /* public mode: merged into "other routes", not drawn */
        struct route_key k;
        agg_route_key(a, (long)id, &k);
        bool touches = !region || k.origin == region || k.destination == region;
        for (int i = 0; i < k.ntransit && !touches; i++)
            touches = k.transit[i] == region;
        struct map_route rt = {.victims = rc->victims};
        if (!touches || !(rt.nstops = map_stops(&k, peru, rt.stops)))
            continue;
        int at = known++;
        for (; at > 0 && all[at - 1].victims < rt.victims; at--)
            all[at] = all[at - 1];
        all[at] = rt;
    }
    return known;
}

/* The main routes: so many inside Peru and so many to or from abroad, that neither kind
 * crowds the other out; the note says how many of how many. False when out of memory. */
static bool map_routes(struct ctx *c, struct dchart *ch, struct map_data *m,
                       const struct agg_period *ap)
{
    const struct agg *a = c->in->agg;
    size_t n = agg_nroutes(a);
    struct map_route *all = malloc((n ? n : 1) * sizeof *all);
    if (!all)
        return false;
    int known = map_candidates(c, ap, all), internal = 0;
    for (int i = 0; i < known && m->nroutes < MAP_MAX_ROUTES; i++) {
        struct map_route *rt = &all[i];
        bool abroad = false;
        for (int s = 0; s < rt->nstops; s++)
            if (rt->stops[s] > NREGIONS) {
                rt->names[s] = country(c, places_name(a->places, rt->stops[s]));
                abroad = true;
            }
        if (abroad ? m->nroutes - internal >= MAP_MAX_ABROAD : internal >= MAP_MAX_INTERNAL)
            continue;
        internal += !abroad;
        m->routes[m->nroutes++] = *rt;
    }
    free(all);
    char shown[16], inside[16], abroad[16], total[16];
    snprintf(shown, sizeof shown, "%d", m->nroutes);
    snprintf(inside, sizeof inside, "%d", internal);
    snprintf(abroad, sizeof abroad, "%d", m->nroutes - internal);
    number_count((uint64_t)known, c->r->lang, total, sizeof total);
    static const char *const keys[] = {"shown", "internal", "international", "known"};
    const char *vals[] = {shown, inside, abroad, total};
    labels_fill(ch->note, sizeof ch->note, L(c, "word", known ? "map_routes" : "map_no_routes"),
                keys, vals, 4);
    return true;
}

/* The map of the country's (or a brief's region's) cases and main routes. On failure the map
 * data is freed here: ch->map is set only once it is built. */
static bool ch_map(struct ctx *c, struct dchart *ch)
{
    snprintf(ch->id, sizeof ch->id, "map");
    snprintf(ch->title, sizeof ch->title, "%s", L(c, "chart", "map"));
    ch->kind = CHART_MAP;
    ch->table = -1;
    if (!c->in->map_shape) {
        tp_fail(c->err, TP_ERR_CONFIG, NULL, 0, NULL, "[chart map] needs the regions' outlines");
        c->failed = true;
        return false;
    }
    struct map_data *m = calloc(1, sizeof *m);
    if (!m)
        return false;
    const struct agg_period *ap = &c->in->agg->period[0];
    m->title = ch->title; /* title and note are pointed at again once the charts stop moving */
    m->legend_title = L(c, "column", "cases");
    m->no_cases = L(c, "word", "no_cases");
    m->stop_no_cases = L(c, "word", "route_stop_no_cases");
    m->unlabelled = L(c, "word", "map_unlabelled");
    m->source = c->r->source_note;
    m->lang = c->r->lang;
    memcpy(m->cases, ap->region_cases, sizeof m->cases);
    if (c->in->prot)
        map_hidden(c, m);
    if (c->in->region)
        map_brief(c, ch, m);
    if (!map_routes(c, ch, m, ap) || c->failed) {
        free(m);
        return false;
    }
    ch->map = m;
    return true;
}

static const struct {
    const char *name;
    bool (*build)(struct ctx *c, struct dchart *ch);
} charts[] = {
    {"victims_by_sex_age", ch_victims_by_sex_age}, {"cases_by_region", ch_cases_by_region},
    {"by_year", ch_by_year},                       {"suspects_by_year", ch_suspects_by_year},
    {"by_month", ch_by_month},
    {"status", ch_status},                         {"exploitation", ch_exploitation},
    {"recruitment", ch_recruitment},               {"map", ch_map},
    {"suspects_funnel", ch_suspects_funnel},
};

bool report_chart_known(const char *name)
{
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++)
        if (!strcmp(charts[i].name, name))
            return true;
    return false;
}

int chart_index(struct ctx *c, const char *name)
{
    struct report *r = c->r;
    for (size_t i = 0; i < sizeof charts / sizeof *charts; i++) {
        if (strcmp(charts[i].name, name))
            continue;
        struct dchart *ch = realloc(r->charts, (r->ncharts + 1) * sizeof *ch);
        if (!ch)
            break;
        r->charts = ch;
        memset(&ch[r->ncharts], 0, sizeof *ch);
        if (!charts[i].build(c, &ch[r->ncharts]))
            return -1;
        return (int)r->ncharts++;
    }
    c->failed = true;
    return -1;
}

bool report_chart_drawable(const struct report *r, int index)
{
    const struct dchart *ch = &r->charts[index];
    if (ch->map) {
        for (int g = 1; g <= NREGIONS; g++)
            if (ch->map->cases[g])
                return true;
        return false;
    }
    struct chart_data d;
    return report_chart_data(r, index, &d);
}

bool report_chart_data(const struct report *r, int index, struct chart_data *out)
{
    const struct dchart *ch = &r->charts[index];
    memset(out, 0, sizeof *out);
    if (ch->map || ch->table < 0)
        return false;
    const struct dtable *t = &r->tables[ch->table];
    out->shape = ch->shape;
    out->title = ch->title;
    out->note = ch->note;
    out->source = ch->source ? ch->source : r->source_note;
    out->percent = ch->percent;
    out->nseries = ch->nseries < CHART_MAX_SERIES ? ch->nseries : CHART_MAX_SERIES;
    out->public_k = r->public_k;
    out->lang = r->lang;
    /* A hidden bar counts as something (even a hidden zero: its absence must not tell), but
     * draws nothing: a chart of hidden bars alone is a sentence instead. */
    bool any = false, shown = false;
    if (ch->by_row) {
        for (int s = 0; s < out->nseries; s++)
            out->series[s] = table_cell_text(t->body, table_cell(t->body, (size_t)ch->series[s], 0));
        for (int k = 0; k < ch->n && out->ncats < CHART_MAX_CATS; k++) {
            out->cats[out->ncats] = t->cols[ch->first + k].label;
            for (int s = 0; s < out->nseries; s++) {
                double v = dtable_number(t, (size_t)ch->series[s], ch->first + k);
                out->values[s][out->ncats] = v;
                out->hidden[s][out->ncats] =
                    (uint8_t)dtable_hidden(t, (size_t)ch->series[s], ch->first + k);
                shown |= v > 0 && !out->hidden[s][out->ncats];
                any |= v > 0 || out->hidden[s][out->ncats];
            }
            out->ncats++;
        }
        out->all_hidden = any && !shown;
        return shown;
    }
    for (int s = 0; s < out->nseries; s++)
        out->series[s] = t->cols[ch->series[s]].label;
    /* A trend keeps its latest years when there are more than a chart holds. */
    int first = ch->first, n = ch->n;
    if (n > CHART_MAX_CATS && ch->shape == SHAPE_COLUMNS) {
        first += n - CHART_MAX_CATS;
        n = CHART_MAX_CATS;
    }
    for (int i = 0; i < n && out->ncats < CHART_MAX_CATS; i++) {
        size_t row = (size_t)(first + i);
        /* A share left empty (of unknown values) is not a bar of 0%. */
        if (table_cell(t->body, row, ch->series[0])->kind == CELL_EMPTY && ch->percent)
            continue;
        out->cats[out->ncats] = table_cell_text(t->body, table_cell(t->body, row, ch->cat_col));
        for (int s = 0; s < out->nseries; s++) {
            double v = dtable_number(t, row, ch->series[s]);
            out->hidden[s][out->ncats] = (uint8_t)dtable_hidden(t, row, ch->series[s]);
            out->values[s][out->ncats] = v;
            shown |= v > 0 && !out->hidden[s][out->ncats];
            any |= v > 0 || out->hidden[s][out->ncats];
        }
        out->ncats++;
    }
    out->all_hidden = any && !shown;
    return shown;
}

const char *report_chart_empty_text(const struct report *r, int index)
{
    struct chart_data d;
    return !report_chart_data(r, index, &d) && d.all_hidden ? r->chart_hidden : r->no_chart;
}

bool report_map_layout(const struct report *r, int index, double width, double height,
                       const struct measure *ms, struct map_drawing *out)
{
    const struct dchart *ch = &r->charts[index];
    if (!ch->map || !r->map_shape) {
        memset(out, 0, sizeof *out);
        return false;
    }
    return map_layout(r->map_shape, r->places, ch->map, width, height, ms, out);
}

/* ---- text alternatives ------------------------------------------------------------------ */

/* A bar's value as the chart prints it: its mark when hidden. */
static void bar_text(const struct chart_data *d, int s, int k, char *out, size_t size)
{
    if (d->hidden[s][k] == 1)
        snprintf(out, size, "<%d", d->public_k);
    else if (d->hidden[s][k])
        snprintf(out, size, "x");
    else if (d->percent)
        number_percent(d->values[s][k], d->lang, out, size);
    else
        number_count((uint64_t)(d->values[s][k] + 0.5), d->lang, out, size);
}

/* The map: the regions with cases, most first, as the legend names them (a hidden count by its
 * legend entry); then the routes drawn, by their stops (their victims are the routes table's:
 * a width says no number). */
static bool map_alt(const struct report *r, const struct map_data *m, struct buf *out)
{
    int order[NREGIONS], n = 0;
    for (int g = 1; g <= NREGIONS && !m->highlight; g++) {
        if (!m->cases[g] && !m->hidden[g])
            continue;
        int at = n++;
        /* Shown counts by size, then the hidden ones; by code among equals. */
        for (; at > 0; at--) {
            int o = order[at - 1];
            uint64_t a = m->hidden[o] ? 0 : m->cases[o], b = m->hidden[g] ? 0 : m->cases[g];
            if (a >= b)
                break;
            order[at] = o;
        }
        order[at] = g;
    }
    bool ok = !n || buf_printf(out, "%s: ", m->legend_title);
    for (int i = 0; ok && i < n; i++) {
        char v[96];
        if (m->hidden[order[i]])
            snprintf(v, sizeof v, "%s", m->hidden_label);
        else
            number_count(m->cases[order[i]], r->lang, v, sizeof v);
        ok = buf_printf(out, "%s%s %s", i ? ", " : "", places_region(r->places, order[i])->name,
                        v);
    }
    if (ok && n)
        ok = buf_adds(out, ". ");
    for (int i = 0; ok && i < m->nroutes; i++) {
        const struct map_route *rt = &m->routes[i];
        for (int s = 0; ok && s < rt->nstops; s++)
            ok = buf_printf(out, "%s%s", s ? " → " : "",
                            rt->names[s] ? rt->names[s] : places_name(r->places, rt->stops[s]));
        ok = ok && buf_adds(out, i + 1 < m->nroutes ? "; " : ". ");
    }
    return ok && buf_adds(out, m->note ? m->note : "");
}

bool report_chart_alt(const struct report *r, int index, struct buf *out)
{
    const struct dchart *ch = &r->charts[index];
    if (ch->map)
        return map_alt(r, ch->map, out);
    struct chart_data d;
    report_chart_data(r, index, &d);
    bool ok = true;
    for (int k = 0; ok && k < d.ncats; k++) {
        ok = buf_printf(out, "%s%s:", k ? "; " : "", d.cats[k]);
        for (int s = 0; ok && s < d.nseries; s++) {
            char v[64];
            bar_text(&d, s, k, v, sizeof v);
            ok = d.nseries > 1 ? buf_printf(out, "%s %s %s", s ? "," : "", d.series[s], v)
                               : buf_printf(out, " %s", v);
        }
    }
    return ok && buf_adds(out, d.ncats ? ". " : "") && buf_adds(out, d.note);
}
