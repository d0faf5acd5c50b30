/* report.c: the report model from a definition: its sections, blocks, manifest and notes. */
#include "report/view.h"
#include "util/number.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/version.h"
#include "count/gives.h"
#include "read/category.h"

/* ---- the manifest ------------------------------------------------------------------------- */

/* The run: title, periods, data date, input, profile, bands, language and the tool. Sets
 * the cover's period and date lines too. Public mode names no input folder (it can carry a
 * person's name or number): the files are named by hash (read/quality.h). */
static bool about_run(struct ctx *c, struct dtable *run)
{
    struct report *r = c->r;
    snprintf(run->id, sizeof run->id, "about_run");
    snprintf(run->title, sizeof run->title, "%s", L(c, "word", "about"));
    int n = 0;
    dt_col(c, run, &n, "item", COL_TEXT, false);
    dt_col(c, run, &n, "value", COL_TEXT, false);
    if (!dt_body(c, run, n))
        return false;
    const struct agg *a = c->in->agg;
    char from[80], to[80], pfrom[80], pto[80], date[80], period[200], previous[200];
    labels_date(c->in->labels, a->period[0].period.from, from, sizeof from);
    labels_date(c->in->labels, a->period[0].period.to, to, sizeof to);
    snprintf(period, sizeof period, "%s - %s", from, to);
    if (c->in->prev) {
        labels_date(c->in->labels, a->period[1].period.from, pfrom, sizeof pfrom);
        labels_date(c->in->labels, a->period[1].period.to, pto, sizeof pto);
        snprintf(previous, sizeof previous, "%s - %s", pfrom, pto);
    } else {
        snprintf(previous, sizeof previous, "%s", L(c, "word", "no_previous"));
    }
    labels_date(c->in->labels, a->latest, date, sizeof date);
    char line[400];
    snprintf(line, sizeof line, "%s: %s", L(c, "about", "period"), period);
    r->period_line = strdup(line);
    snprintf(line, sizeof line, "%s: %s", L(c, "about", "data_date"), date);
    r->date_line = strdup(line);
    if (!r->period_line || !r->date_line)
        return false;
    char bands[256];
    age_bands_format(&a->bands, bands, sizeof bands);
    const char *rows[][2] = {
        {"title", r->title},
        {"period", period},
        {"previous_period", previous},
        {"data_date", date},
        {"input", c->in->dq->by_hash ? L(c, "word", "input_by_hash") : c->in->input},
        {"profile", c->in->profile},
        {"age_bands", bands},
        {"language", r->lang},
        {"tool", "tipreport " TIPREPORT_VERSION},
    };
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        size_t k = table_row(run->body, NULL);
        table_text(run->body, k, 0, L(c, "about", rows[i][0]));
        table_text(run->body, k, 1, rows[i][1]);
    }
    return true;
}

/* The input files: name, role, size, SHA-256, encoding, rows read. */
static bool about_files(struct ctx *c, struct dtable *files)
{
    snprintf(files->id, sizeof files->id, "about_files");
    snprintf(files->title, sizeof files->title, "%s", L(c, "table", "data_quality_files"));
    int n = 0;
    dt_cols(c, files, &n, COLSPECS({"file", COL_TEXT, false}, {"role", COL_TEXT, false},
                                   {"size", COL_COUNT, false}, {"sha256", COL_TEXT, false},
                                   {"encoding", COL_TEXT, false}, {"rows_read", COL_COUNT, false}));
    if (!dt_body(c, files, n))
        return false;
    const struct quality *q = c->in->dq;
    for (int i = 0; i < q->nfiles; i++) {
        size_t k = table_row(files->body, NULL);
        table_text(files->body, k, 0, dq_file_name(q, i));
        table_text(files->body, k, 1, L(c, "role", kind_name(q->files[i].kind)));
        table_int(files->body, k, 2, (uint64_t)q->files[i].size);
        table_text(files->body, k, 3, q->files[i].sha256);
        table_text(files->body, k, 4, charset_name(q->files[i].charset));
        table_int(files->body, k, 5, q->files[i].read);
    }
    return true;
}

/* The manifest: the run's and the files' tables, and the counting rules ([rules] 1, 2, ...
 * of the labels). */
static bool about(struct ctx *c)
{
    struct report *r = c->r;
    struct dtable *t = realloc(r->tables, (r->ntables + 2) * sizeof *t);
    if (!t)
        return false;
    r->tables = t;
    memset(&t[r->ntables], 0, 2 * sizeof *t);
    r->about_run = (int)r->ntables;
    r->about_files = (int)r->ntables + 1;
    r->ntables += 2; /* owned by the report from here: report_free frees what was built */
    if (!about_run(c, &t[r->about_run]) || !about_files(c, &t[r->about_files]))
        return false;
    for (int i = 1; i < 50; i++) {
        char key[12];
        snprintf(key, sizeof key, "%d", i);
        const char *rule = labels_get(c->in->labels, "rules", key);
        if (!rule)
            break;
        char **rs = realloc(r->rules, (r->nrules + 1) * sizeof *rs);
        if (!rs)
            return false;
        r->rules = rs;
        if (!(rs[r->nrules] = strdup(rule)))
            return false;
        r->nrules++;
    }
    return !c->failed;
}

/* ---- the report --------------------------------------------------------------------------- */

static char *expand(struct ctx *c, const char *text)
{
    struct buf b = {0};
    if (!figures_expand(c->r->figures, text ? text : "", &b)) {
        buf_free(&b);
        return NULL;
    }
    char *s = strdup(buf_cstr(&b));
    buf_free(&b);
    return s;
}

static bool add_block(struct ctx *c, enum block_kind kind, const char *text, int index)
{
    struct report *r = c->r;
    if (!r->nsections)
        return false;
    struct section *s = &r->sections[r->nsections - 1];
    struct block *b = realloc(s->blocks, (s->n + 1) * sizeof *b);
    if (!b)
        return false;
    s->blocks = b;
    b[s->n].kind = kind;
    b[s->n].index = index;
    b[s->n].group = c->group;
    b[s->n].text = text ? expand(c, text) : NULL;
    if (text && !b[s->n].text)
        return false;
    s->n++;
    return true;
}

/* The report's fixed wording, in its language, and the documents' properties. */
static bool report_words(struct ctx *c, const char *title)
{
    const struct report_input *in = c->in;
    struct report *r = c->r;
    r->title = expand(c, title);
    r->subtitle = expand(c, in->def->subtitle ? in->def->subtitle : "");
    r->total_label = strdup(L(c, "word", "total"));
    r->todo_label = strdup(L(c, "word", "todo"));
    r->no_data = strdup(L(c, "word", "no_data"));
    r->no_chart = strdup(L(c, "word", "no_chart"));
    r->chart_hidden = strdup(L(c, "word", "chart_hidden"));
    char note[600];
    const char *keys[] = {"source"};
    const char *vals[] = {attribution_text(in->attribution, ATTR_NAME, r->lang, "")};
    labels_fill(note, sizeof note, L(c, "word", "source_note"), keys, vals, 1);
    r->source_note = strdup(note);
    snprintf(note, sizeof note, "trata de personas, trafficking in persons, %s, Peru",
             attribution_text(in->attribution, ATTR_SHORT, r->lang, ""));
    r->keywords = strdup(note);
    r->page_label = strdup(L(c, "word", "page"));
    r->contents_label = strdup(L(c, "word", "contents"));
    r->rows_cut_label = strdup(L(c, "word", "rows_cut"));
    r->share_base_label = strdup(L(c, "word", "share_base"));
    r->author = strdup(in->author ? in->author : "");
    r->organisation = strdup(in->organisation ? in->organisation : "");
    return r->title && r->subtitle && r->total_label && r->todo_label && r->no_data &&
           r->no_chart && r->chart_hidden && r->source_note && r->keywords && r->page_label && r->contents_label &&
           r->rows_cut_label && r->share_base_label && r->author && r->organisation;
}

static bool add_section(struct ctx *c, const struct def_item *it)
{
    struct report *r = c->r;
    struct section *s = realloc(r->sections, (r->nsections + 1) * sizeof *s);
    if (!s)
        return false;
    r->sections = s;
    memset(&s[r->nsections], 0, sizeof *s);
    snprintf(s[r->nsections].id, sizeof s->id, "%s", it->name);
    c->group = -1;
    s[r->nsections].heading = expand(c, it->text);
    return s[r->nsections++].heading != NULL;
}

/* Whether the source gives what the published table name counts (count/gives.h); a view
 * of no published table of that name (the headline, the map) is always given. */
static bool given(const struct ctx *c, const char *name)
{
    if (!strcmp(name, "victims_summary")) /* the checklist's victims by sex and age */
        name = "victims_by_sex_age";
    const struct tabledef *d = tabledef_find(name);
    return !d || gives_table(d, c->in->agg->gives);
}

/* Whether the published table name is left out of a protected report (tabledef.h). */
static bool withheld(const struct ctx *c, const char *name)
{
    const struct tabledef *d = tabledef_find(name);
    return d && d->full_only && c->in->prot;
}

/* The table's title and why it is not there ("word" key), as one sentence: "Víctimas por
 * sexo y grupo de edad: esta fuente no desglosa las cifras de esa manera." */
static const char *table_sentence(struct ctx *c, const char *name, const char *why)
{
    static char s[400];
    snprintf(s, sizeof s, "%s%s", L(c, "table", name), L(c, "word", why));
    return s;
}

/* [table categories]: the source's own categories whose profile places them in the current
 * section, each its table; none in public mode (tables/categories.csv is not published). */
static bool add_categories(struct ctx *c)
{
    const struct categories *cs = c->in->agg->categories;
    const struct report *r = c->r;
    if (!cs || !r->nsections || !pub(c, "categories", false))
        return true;
    for (int k = 0; k < cs->n; k++) {
        if (strcmp(cs->c[k].section, r->sections[r->nsections - 1].id))
            continue;
        int idx = category_table_index(c, k);
        if (idx < 0 || !add_block(c, BLOCK_TABLE, NULL, idx))
            return false;
    }
    return true;
}

/* One kept item of the definition: a section, a block of text, a table or a chart. */
static bool add_item(struct ctx *c, const struct def_item *it)
{
    int idx;
    switch (it->kind) {
    case DEF_SECTION:
        return add_section(c, it);
    case DEF_SUBHEAD:
        c->group = (int)(it - c->in->def->items);
        return add_block(c, BLOCK_SUBHEAD, it->text, -1);
    case DEF_TEXT:
        return add_block(c, BLOCK_TEXT, it->text, -1);
    case DEF_TODO:
        return add_block(c, BLOCK_TODO, it->text, -1);
    case DEF_TABLE:
        if (!strcmp(it->name, "categories"))
            return add_categories(c);
        if (!given(c, it->name)) /* one sentence where the table would be */
            return add_block(c, BLOCK_TEXT, table_sentence(c, it->name, "not_given"), -1);
        if (withheld(c, it->name))
            return add_block(c, BLOCK_TEXT, table_sentence(c, it->name, "full_only"), -1);
        idx = table_index(c, it->name, it->compare);
        return idx >= 0 && add_block(c, BLOCK_TABLE, NULL, idx);
    case DEF_CHART:
        if (!given(c, it->name) || withheld(c, it->name)) /* its table has said so */
            return true;
        idx = chart_index(c, it->name);
        return idx >= 0 && add_block(c, BLOCK_CHART, NULL, idx);
    case DEF_IF:
    case DEF_ELSE:
    case DEF_END:
        break;
    }
    return true;
}

/* The definition's items in order, those under a false [if] (or its [else]) left out. */
static bool walk_definition(struct ctx *c)
{
    const struct reportdef *d = c->in->def;
    /* active[k]: the items under the k-th open [if] are kept. */
    bool active[DEF_MAX_DEPTH + 1] = {true};
    int depth = 0;
    for (size_t i = 0; !c->failed && i < d->n; i++) {
        const struct def_item *it = &d->items[i];
        if (it->kind == DEF_IF) {
            active[depth + 1] = active[depth] &&
                                figures_condition(c->r->figures, it->name) != it->negate;
            depth++;
        } else if (it->kind == DEF_ELSE) {
            active[depth] = active[depth - 1] && !active[depth];
        } else if (it->kind == DEF_END) {
            depth--;
        } else if (active[depth] && !add_item(c, it)) {
            return false;
        }
    }
    return !c->failed;
}

/* Public mode: every table and chart says why some counts are hidden. */
static bool public_notes(struct ctx *c)
{
    struct report *r = c->r;
    r->public_k = protect_k(c->in->prot);
    char k[16], k1[16], note[600];
    snprintf(k, sizeof k, "%d", r->public_k);
    snprintf(k1, sizeof k1, "%d", r->public_k - 1);
    static const char *const keys[] = {"k", "k1"};
    const char *vals[] = {k, k1};
    labels_fill(note, sizeof note, L(c, "word", "public_note"), keys, vals, 2);
    r->public_note = strdup(note);
    char line[300];
    labels_fill(line, sizeof line, L(c, "word", "public_version"), keys, vals, 1);
    r->public_line = strdup(line);
    labels_fill(line, sizeof line, L(c, "word", "chart_hidden_bars"), keys, vals, 1);
    r->chart_hidden_bars = strdup(line);
    if (!r->public_note || !r->public_line || !r->chart_hidden_bars)
        return false;
    struct table *run = r->tables[r->about_run].body;
    size_t k_row = table_row(run, NULL);
    table_text(run, k_row, 0, L(c, "about", "version"));
    table_text(run, k_row, 1, r->public_line);
    if (run->oom)
        return false;
    for (size_t i = 0; i < r->ntables; i++) {
        struct dtable *t = &r->tables[i];
        if (i == (size_t)r->about_run || i == (size_t)r->about_files ||
            !strncmp(t->id, "data_quality", 12))
            continue;
        size_t len = strlen(t->note);
        snprintf(t->note + len, sizeof t->note - len, "%s%s", len ? " " : "", note);
    }
    for (size_t i = 0; i < r->ncharts; i++) {
        struct dchart *ch = &r->charts[i];
        size_t len = strlen(ch->note);
        snprintf(ch->note + len, sizeof ch->note - len, "%s%s", len ? " " : "", note);
    }
    return true;
}

struct report *report_build(const struct report_input *in, struct tp_error *err)
{
    struct report *r = calloc(1, sizeof *r);
    if (!r) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    struct ctx c = {in, r, err, false, -1};
    const struct reportdef *d = in->def;
    snprintf(r->lang, sizeof r->lang, "%s", labels_lang(in->labels));
    r->created = in->agg->latest ? in->agg->latest : in->agg->period[0].period.to;
    const char *title = in->title && in->title[0] ? in->title : d->title;
    r->figures = figures_build(in->agg, in->cur, in->prev, in->labels, in->attribution,
                               title ? title : "",
                               in->prot ? protect_k(in->prot) : 0, in->national, in->region);
    r->brief = d->brief;
    bool ok = r->figures &&
              (!in->prosecution_elsewhere ||
               figures_condition_set(r->figures, "prosecution_elsewhere", true)) &&
              report_words(&c, title ? title : "") && walk_definition(&c) &&
              about(&c);
    for (size_t i = 0; ok && i < r->ncharts; i++)
        if (r->charts[i].map) {
            r->charts[i].map->title = r->charts[i].title;
            r->charts[i].map->note = r->charts[i].note;
        }
    r->places = in->agg->places;
    r->map_shape = in->map_shape;
    ok = ok && (!in->prot || public_notes(&c));
    if (!ok) {
        if (!c.failed)
            tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        report_free(r);
        return NULL;
    }
    return r;
}

void report_page_text(const struct report *r, int page, int pages, char *out, size_t size)
{
    char p[16], n[16];
    snprintf(p, sizeof p, "%d", page);
    snprintf(n, sizeof n, "%d", pages);
    static const char *const keys[] = {"page", "pages"};
    const char *vals[] = {p, n};
    labels_fill(out, size, r->page_label, keys, vals, 2);
}

void report_rows_cut_text(const struct report *r, size_t shown, size_t rows, char *out,
                          size_t size)
{
    char a[32], b[32];
    number_count(shown, r->lang, a, sizeof a);
    number_count(rows, r->lang, b, sizeof b);
    static const char *const keys[] = {"shown", "rows"};
    const char *vals[] = {a, b};
    labels_fill(out, size, r->rows_cut_label, keys, vals, 2);
}

void report_sections_free(struct section *s, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        for (size_t k = 0; k < s[i].n; k++)
            free(s[i].blocks[k].text);
        free(s[i].blocks);
        free(s[i].heading);
    }
    free(s);
}

void report_free(struct report *r)
{
    if (!r)
        return;
    report_sections_free(r->sections, r->nsections);
    for (size_t i = 0; i < r->ntables; i++)
        table_free(r->tables[i].body);
    free(r->tables);
    for (size_t i = 0; i < r->ncharts; i++)
        free(r->charts[i].map);
    free(r->charts);
    for (size_t i = 0; i < r->nrules; i++)
        free(r->rules[i]);
    free(r->rules);
    free(r->title);
    free(r->subtitle);
    free(r->total_label);
    free(r->todo_label);
    free(r->no_data);
    free(r->no_chart);
    free(r->chart_hidden);
    free(r->chart_hidden_bars);
    free(r->period_line);
    free(r->public_note);
    free(r->public_line);
    free(r->date_line);
    free(r->source_note);
    for (size_t i = 0; i < r->nsource_notes; i++)
        free(r->source_notes[i]);
    free(r->source_notes);
    free(r->keywords);
    free(r->page_label);
    free(r->contents_label);
    free(r->rows_cut_label);
    free(r->share_base_label);
    free(r->author);
    free(r->organisation);
    figures_free(r->figures);
    free(r);
}
