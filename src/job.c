/* job.c: the pipeline in order: ingest -> aggregate -> tables -> report -> renderers. */
#include "job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/figures.h"
#include "util/fold.h"
#include "util/number.h"
#include "render/output.h"
#include "protect/protect.h"
#include "render/render.h"
#include "render/render_csv.h"
#include "report/build.h"
#include "report/merge.h"
#include "util/inifile.h"
#include "count/tables.h"
#include "read/indicator_rows.h"
#include "read/profile.h"

/* The age bands of the tables: those asked for, each a union of the source's own bands when
 * its ages are bands (an indicator-shaped source's), else a usage error listing the source's;
 * when none were asked for, the source's own bands (a default 31+ would split its 30-59). */
static enum tp_err age_bands_of_source(const struct profile *p, const struct options *opt,
                                      struct age_bands *out, struct tp_error *err)
{
    *out = opt->bands;
    const struct indicator_rows *ir = profile_indicator_rows(p);
    struct age_bands have;
    if (!ir || !ir_age_bands(ir, &have))
        return TP_OK;
    if (!opt->bands_spec[0]) {
        *out = have;
        return TP_OK;
    }
    int bad = age_bands_union_of(&opt->bands, &have);
    if (bad < 0)
        return TP_OK;
    char list[256], where[1200];
    age_bands_format(&have, list, sizeof list);
    if (opt->set & OPT_BANDS)
        snprintf(where, sizeof where, "--age-bands");
    else /* the settings file's age_bands */
        snprintf(where, sizeof where, "%s: age_bands", opt->config);
    return tp_fail(err, TP_ERR_USAGE, NULL, 0, NULL,
                   "%s: band '%s' is not made of the source's age bands (%s): ask for unions of "
                   "them, such as 0-17,18+\nTry 'tipreport --help'.",
                   where, opt->bands.label[bad], list);
}

/* The periods: the one asked for, and the previous one (period_previous) when it is given. */
static int job_periods(const struct options *opt, struct period periods[MAX_PERIODS])
{
    periods[0] = opt->period;
    periods[1] = period_previous(opt->period);
    return periods[1].from ? 2 : 1;
}

/* Source i's name and profile. A settings file's source whose profile is not found says
 * where it was asked for. */
static enum tp_err source_profile(struct job *j, int i, struct tp_error *err)
{
    const struct options *opt = j->opt;
    struct job_source *s = &j->src[i];
    const struct source_opt *so = opt->nsources ? &opt->sources[i] : NULL;
    s->input = so ? so->path : opt->input;
    s->title = so ? so->title : "";
    snprintf(s->name, sizeof s->name, "%s", so ? so->name : "");
    const char *profile = so && so->profile[0] ? so->profile : opt->profile;
    if ((s->profile = profile_load(profile, opt->templates, err)))
        return TP_OK;
    if (so && so->profile[0] && !err->file[0]) {
        char section[48];
        snprintf(section, sizeof section, "source %s", so->name);
        snprintf(err->file, sizeof err->file, "%.500s", opt->config);
        err->line = inifile_line_of(opt->config, section, "profile");
    }
    return err->code;
}

/* Public mode's release ledger: as asked, or tipreport-ledger.tsv in the output folder's
 * parent (output/ by default), so that every release written there shares it. */
static void ledger_path(struct job *j)
{
    const char *out = j->opt->output;
    if (j->opt->ledger[0]) {
        snprintf(j->ledger_path, sizeof j->ledger_path, "%s", j->opt->ledger);
    } else if (!out[0]) {
        snprintf(j->ledger_path, sizeof j->ledger_path, "output/tipreport-ledger.tsv");
    } else {
        size_t n = strlen(out);
        while (n > 1 && out[n - 1] == '/')
            n--;
        while (n && out[n - 1] != '/')
            n--;
        snprintf(j->ledger_path, sizeof j->ledger_path, "%.*stipreport-ledger.tsv", (int)n, out);
    }
}

/* Public mode: the hash of the source's files, the ledger, and the periods to count besides
 * the report's own: the ledger's other periods of the same data and the pieces all of them
 * cut each other into (protect/history.h). */
static enum tp_err history_periods(struct job *j, struct job_source *s, struct period *periods,
                                   int *n, struct tp_error *err)
{
    enum tp_err rc = export_hash(&s->files, s->dataset, err);
    if (rc != TP_OK)
        return rc;
    ledger_path(j);
    ledger_free(&j->ledger);
    if (j->ledger_lock < 0 && (j->ledger_lock = ledger_lock(j->ledger_path, err)) < 0)
        return err->code;
    if ((rc = ledger_read(&j->ledger, j->ledger_path, err)) != TP_OK)
        return rc;
    s->hist = (struct history){.ledger = &j->ledger, .path = j->ledger_path,
                               .dataset = s->dataset};
    const struct ledger_release *b =
        j->region ? ledger_briefs_overlap(&j->ledger, s->dataset, periods, *n) : NULL;
    if (b) {
        char from[11], to[11];
        date_format(b->period.from, from);
        date_format(b->period.to, to);
        return tp_fail(err, TP_ERR_USAGE, j->ledger_path, 0, NULL,
                       "the release ledger holds briefs of %s to %s, a period that overlaps "
                       "this run's (or its previous one) without being it: briefs of two such "
                       "periods can be subtracted region by region, which the ledger cannot "
                       "protect; publish briefs of that very period or of periods apart from "
                       "it, or start a new ledger with --ledger",
                       from, to);
    }
    struct period old[MAX_PERIODS], all[MAX_PERIODS], pieces[MAX_PERIODS];
    int nold = ledger_periods(&j->ledger, s->dataset, periods, *n, old, MAX_PERIODS - *n);
    if (nold == 0)
        return TP_OK;
    int na = 0;
    for (int i = 0; i < *n; i++)
        all[na++] = periods[i];
    for (int i = 0; i < nold; i++)
        all[na++] = old[i];
    int np = nold < 0 ? -1 : ledger_pieces(all, na, pieces, MAX_PERIODS - *n - nold);
    if (np < 0)
        return tp_fail(err, TP_ERR_USAGE, j->ledger_path, 0, NULL,
                       "the release ledger holds more periods of this data than a public run "
                       "can be protected around (%d periods and their pieces at most): publish "
                       "a period already published, or start a new ledger with --ledger",
                       MAX_PERIODS);
    for (int i = 0; i < nold; i++)
        periods[(*n)++] = old[i];
    for (int i = 0; i < np; i++) {
        s->hist.piece[s->hist.npieces++] = *n;
        periods[(*n)++] = pieces[i];
    }
    return TP_OK;
}

/* Source i's files and counts. */
static enum tp_err read_source(struct job *j, int i, csv_progress_fn progress,
                               void *progress_ctx, struct tp_error *err)
{
    const struct options *opt = j->opt;
    struct job_source *s = &j->src[i];
    enum tp_err rc = export_find(s->input, &s->files, err);
    if (rc != TP_OK)
        return rc;
    struct period periods[MAX_PERIODS];
    int nperiods = job_periods(opt, periods), nreport = nperiods;
    if (opt->public_mode && (rc = history_periods(j, s, periods, &nperiods, err)) != TP_OK)
        return rc;
    struct age_bands bands;
    if ((rc = age_bands_of_source(s->profile, opt, &bands, err)) != TP_OK)
        return rc;
    /* A brief is protected with every region's: count by region too. */
    if (!agg_init(&s->agg, j->places, &bands, periods, nperiods, j->region != 0))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    s->agg_ready = true;
    s->agg.nreport = nreport;
    unsigned gives = profile_attribution(s->profile)->gives;
    if (gives)
        s->agg.gives = gives;
    const struct indicator_rows *ir = profile_indicator_rows(s->profile);
    if (ir && ir->cats.n) /* the source's own categories: tables/categories.csv */
        s->agg.categories = &ir->cats;
    struct ingest_opts io = {s->profile, j->places, progress, progress_ctx};
    return ingest(&s->files, &io, &s->agg, &s->dq, err);
}

/* The documents' definitions and labels, checked before any data is read. */
static enum tp_err load_definitions(struct job *j, struct tp_error *err)
{
    const struct options *opt = j->opt;
    char path[1100];
    static const struct def_catalogue cat = {figures_known, report_table_known,
                                             report_chart_known, figures_condition_known};
    if (opt->cmd == CMD_REGION) {
        /* The brief's region: a name, a variant or the ubigeo code; or all of them. */
        j->all_regions = !strcmp(opt->region, "all");
        struct place pl = j->all_regions ? (struct place){.status = PLACE_OK, .code = 1}
                                         : places_resolve(j->places, opt->region,
                                                          strlen(opt->region));
        if (pl.status != PLACE_OK || pl.code < 1 || pl.code > NREGIONS)
            return tp_fail(err, TP_ERR_USAGE, NULL, 0, NULL,
                           "region '%s': not one of Peru's 25 regions (say a name such as "
                           "Cusco, a variant such as Cuzco, the ubigeo code, 08, or all)\n"
                           "Try 'tipreport --help'.",
                           opt->region);
        j->region = pl.code;
        snprintf(path, sizeof path, "%s/reports/region-brief.%s.txt", opt->templates, opt->lang);
        if (!(j->brief = reportdef_load(path, &cat, err)))
            return err->code;
    } else {
        snprintf(path, sizeof path, "%s/reports/annual-report.%s.txt", opt->templates,
                 opt->lang);
        if (!(j->annual = reportdef_load(path, &cat, err)))
            return err->code;
        snprintf(path, sizeof path, "%s/reports/checklist.en.txt", opt->templates);
        if (!(j->checklist = reportdef_load(path, &cat, err)))
            return err->code;
    }
    snprintf(path, sizeof path, "%s/places/departments.geojson", opt->templates);
    if (!(j->map = map_load(path, err)))
        return err->code;
    if (!(j->labels = labels_load(opt->templates, opt->lang, err)) ||
        !(j->labels_en = labels_load(opt->templates, "en", err)))
        return err->code;
    return TP_OK;
}

enum tp_err job_read(struct job *j, const struct options *opt, csv_progress_fn progress,
                     void *progress_ctx, struct tp_error *err)
{
    memset(j, 0, sizeof *j);
    j->ledger_lock = -1;
    j->opt = opt;
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/places", opt->templates);
    if (!(j->places = places_load(dir, err)))
        return err->code;
    /* Every source's profile is loaded before the definitions, as one source's always was. */
    int n = opt->nsources ? opt->nsources : 1;
    if (!(j->src = calloc((size_t)n, sizeof *j->src)))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    j->nsrc = n;
    enum tp_err rc = TP_OK;
    for (int i = 0; rc == TP_OK && i < n; i++)
        rc = source_profile(j, i, err);
    if (rc == TP_OK)
        rc = load_definitions(j, err);
    if (rc == TP_OK)
        rc = options_public_period(opt, err);
    for (int i = 0; rc == TP_OK && i < n; i++)
        rc = read_source(j, i, progress, progress_ctx, err);
    return rc;
}

uint64_t job_rejected(const struct job *j)
{
    uint64_t n = 0;
    for (int k = 0; k < j->nsrc; k++)
        for (int i = 0; i < j->src[k].dq.nfiles; i++)
            n += j->src[k].dq.files[i].rejected;
    return n;
}

const char *job_source_dir(const struct job *j, int i, char *out, size_t size)
{
    snprintf(out, size, "%s%s", j->nsrc > 1 ? j->src[i].name : "", j->nsrc > 1 ? "/" : "");
    return out;
}

/* A source of which no row counted: the numbers and the first reason. Several sources: the
 * message names it ("[source mpfn]: no row could be counted ..."). */
static enum tp_err nothing_counted(const struct job *j, const struct job_source *s,
                                   struct tp_error *err)
{
    const struct quality *dq = &s->dq;
    uint64_t rejected = 0, filtered = 0;
    for (int i = 0; i < dq->nfiles; i++) {
        rejected += dq->files[i].rejected;
        filtered += dq->files[i].filtered;
    }
    char nrej[32], nfil[32], first[700] = "", which[48] = "";
    number_count(rejected, "en", nrej, sizeof nrej);
    number_count(filtered, "en", nfil, sizeof nfil);
    if (j->nsrc > 1)
        snprintf(which, sizeof which, "[source %s]: ", s->name);
    for (size_t i = 0; i < dq->nentries && !first[0]; i++) {
        const struct dq_entry *e = &dq->entries[i];
        if (e->action != DQ_REJECTED && e->action != DQ_DUPLICATE_REJECTED)
            continue;
        snprintf(first, sizeof first, ", first reason: %s:%ld: %s%s%s%s%s%s%s",
                 dq->files[e->file].name, e->line, e->field >= 0 ? "field '" : "",
                 e->field >= 0 ? fields[e->field].name : "", e->field >= 0 ? "': " : "",
                 dq_problem(dq, e), dq_value(dq, e)[0] ? ": '" : "", dq_value(dq, e),
                 dq_value(dq, e)[0] ? "'" : "");
    }
    return tp_fail(err, TP_ERR_NOTHING, NULL, 0, NULL,
                   "%sno row could be counted: %s rejected, %s filtered out%s; nothing written",
                   which, nrej, nfil, first);
}

enum tp_err job_check_counted(const struct job *j, struct tp_error *err)
{
    for (int k = 0; k < j->nsrc; k++) {
        const struct quality *dq = &j->src[k].dq;
        uint64_t counted = 0;
        for (int i = 0; i < dq->nfiles; i++)
            counted += dq->files[i].counted;
        if (!counted)
            return nothing_counted(j, &j->src[k], err);
    }
    return TP_OK;
}

/* Tables ts (the report's or a brief's) in tables/UNDER (the previous period's: "previous/"),
 * or tables/NAME/UNDER for source i of several. */
static enum tp_err write_tableset(struct job *j, int i, const struct tableset *ts,
                                  const char *under, struct output *out, struct tp_error *err)
{
    char dir[40], rel[200];
    job_source_dir(j, i, dir, sizeof dir);
    for (size_t t = 0; t < ts->n; t++) {
        if (under[0] && !strncmp(ts->t[t]->name, "input_", 6))
            continue; /* the files read: the same for every period */
        snprintf(rel, sizeof rel, "%stables/%s%s%s.csv", j->sub, dir, under, ts->t[t]->name);
        FILE *f = output_open(out, rel, err);
        if (!f)
            return err->code;
        csv_write_table(f, ts->t[t]);
        enum tp_err rc = output_close(out, f, rel, err);
        if (rc != TP_OK)
            return rc;
    }
    return TP_OK;
}

/* Source i's tables (tables/ or tables/NAME/) and data-quality list (data_quality.csv or
 * data_quality/NAME.csv); cur, prev: the report's tables or a brief's, of the period and the
 * previous one. Public mode publishes the previous period's in tables/previous/: the
 * documents print some of its counts, and a reader of the CSVs gets all they print. */
static enum tp_err write_tables(struct job *j, int i, const struct tableset *ts,
                                const struct tableset *prev, struct output *out,
                                struct tp_error *err)
{
    char rel[160];
    enum tp_err rc = write_tableset(j, i, ts, "", out, err);
    if (rc == TP_OK && j->opt->public_mode && prev && prev->n)
        rc = write_tableset(j, i, prev, "previous/", out, err);
    if (rc != TP_OK)
        return rc;
    if (j->opt->public_mode) /* rows of the input, with their case numbers: not public */
        return TP_OK;
    if (j->nsrc > 1)
        snprintf(rel, sizeof rel, "data_quality/%s.csv", j->src[i].name);
    else
        snprintf(rel, sizeof rel, "data_quality.csv");
    FILE *f = output_open(out, rel, err);
    if (!f)
        return err->code;
    csv_write_quality(f, &j->src[i].dq);
    return output_close(out, f, rel, err);
}

/* The model of source i for a definition. title: the settings' title, for the documents in
 * their language; NULL keeps the definition's. */
static struct report *source_model(struct job *j, int i, const struct reportdef *def,
                                   const struct labels *l, const char *title,
                                   struct tp_error *err)
{
    const struct options *o = j->opt;
    struct job_source *s = &j->src[i];
    bool has_prev = s->agg.nreport > 1, prosecution_elsewhere = false;
    for (int k = 0; k < j->nsrc; k++)
        if (k != i && profile_attribution(j->src[k].profile)->stage == SOURCE_STAGE_PROSECUTION)
            prosecution_elsewhere = true;
    struct report_input in = {
        .def = def, .agg = &s->agg, .cur = &s->cur.national,
        .prev = has_prev ? &s->prev.national : NULL, .dq = &s->dq, .labels = l, .labels_en = j->labels_en,
        .title = title,
        .profile = profile_name(s->profile),
        .attribution = profile_attribution(s->profile), .input = s->input, .author = o->author,
        .organisation = o->organisation, .map_shape = j->map, .prot = s->cur.prot,
        .prot_prev = s->prev.prot, .prosecution_elsewhere = prosecution_elsewhere};
    if (j->region) { /* a brief: its region's tables, and the country's to compare */
        in.ap = &s->agg.by_region[0][j->region];
        in.cur = &s->cur.region[j->region];
        in.prev = has_prev ? &s->prev.region[j->region] : NULL;
        in.region = j->region;
        in.national = &s->cur.national;
    }
    return report_build(&in, err);
}

/* The report model of every source, merged when there are several (report/merge.h): each
 * source named by its [source] title, else by its attribution's name. */
static struct report *job_model(struct job *j, const struct reportdef *def,
                                const struct labels *l, const char *title, struct tp_error *err)
{
    if (j->nsrc == 1)
        return source_model(j, 0, def, l, title, err);
    struct report *parts[MERGE_MAX];
    const char *names[MERGE_MAX], *tags[MERGE_MAX];
    int n = 0;
    for (; n < j->nsrc && n < MERGE_MAX; n++) {
        const struct job_source *s = &j->src[n];
        tags[n] = s->name;
        names[n] = s->title[0] ? s->title
                               : attribution_text(profile_attribution(s->profile), ATTR_NAME,
                                                  labels_lang(l), s->name);
        if (!(parts[n] = source_model(j, n, def, l, title, err)))
            break;
    }
    if (n < j->nsrc) {
        while (n--)
            report_free(parts[n]);
        return NULL;
    }
    return report_merge(parts, names, tags, (size_t)n, err);
}

/* One report model written as one or more documents (ops[i] to rel[i]). */
static enum tp_err write_documents(struct job *j, struct output *out, const struct reportdef *def,
                                   const struct labels *l, const char *title,
                                   const struct render_ops *const ops[], const char *const rel[],
                                   int n, struct tp_error *err)
{
    struct report *r = job_model(j, def, l, title, err);
    if (!r)
        return err->code;
    enum tp_err rc = TP_OK;
    for (int i = 0; rc == TP_OK && i < n; i++) {
        char path[1300], name[160];
        snprintf(name, sizeof name, "%s%s", j->sub, rel[i]);
        rc = output_path(out, name, path, sizeof path, err);
        if (rc == TP_OK)
            rc = render(ops[i], r, path, err);
        /* The reader knows the file by its final name, not the staging one. */
        if (rc == TP_ERR_OUTPUT && !strcmp(err->file, path))
            snprintf(err->file, sizeof err->file, "%.400s/%.100s", out->dir, name);
    }
    report_free(r);
    return rc;
}

/* A region's name as a file name: "madre-de-dios". */
static void region_slug(const struct job *j, int g, char *out, size_t size)
{
    const char *name = places_region(j->places, g)->name;
    fold_key_to(name, strlen(name), out, size);
    for (char *c = out; *c; c++)
        if (*c == ' ')
            *c = '-';
}

/* The output folder: as asked, or output/<from>_<to> (a brief: output/<region>_<from>_<to>);
 * several sources without a period: the first source's. */
static void out_dir(struct job *j)
{
    if (j->opt->output[0]) {
        snprintf(j->outdir, sizeof j->outdir, "%s", j->opt->output);
        return;
    }
    const struct period *p = &j->src[0].agg.period[0].period;
    char from[11], to[11], slug[64] = "";
    date_format(p->from, from);
    date_format(p->to, to);
    if (j->all_regions) {
        strcpy(slug, "briefs_");
    } else if (j->region) {
        region_slug(j, j->region, slug, sizeof slug - 1);
        strcat(slug, "_");
    }
    if (p->from && p->to)
        snprintf(j->outdir, sizeof j->outdir, "output/%s%s_%s", slug, from, to);
    else
        snprintf(j->outdir, sizeof j->outdir, "output/%sall", slug);
}

/* Every source's tables of each period (public mode: protected, one source only). */
static enum tp_err build_releases(struct job *j, struct tp_error *err)
{
    int k = j->opt->public_mode ? j->opt->min_count : 0;
    bool regions = j->region != 0;
    enum tp_err rc = TP_OK;
    for (int i = 0; rc == TP_OK && i < j->nsrc; i++) {
        struct job_source *s = &j->src[i];
        const struct history *h = k ? &s->hist : NULL;
        /* Each period is protected around the ones published before it, this run's first. */
        for (int p = 0; rc == TP_OK && p < s->agg.nreport; p++) {
            struct release *r = p ? &s->prev : &s->cur;
            rc = release_build(r, &s->agg, p, &s->dq, k, regions, h, err);
            if (rc == TP_OK && k &&
                !ledger_record(&j->ledger, s->dataset, s->agg.period[p].period, k, regions,
                               r->prot))
                rc = tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        }
        if (rc == TP_OK && k) /* the order of a public table tells nothing its marks hide */
            for (int g = 0; g <= NREGIONS; g++) {
                tables_sort_printed(g ? &s->cur.region[g] : &s->cur.national);
                tables_sort_printed(g ? &s->prev.region[g] : &s->prev.national);
            }
    }
    return rc;
}

/* Every top-level name a run may write in its output folder: the switch leaves behind those
 * of an earlier run that this one does not write again (a non-public run's data_quality.csv
 * under a public report), and keeps any other (render/output.h). With every region's brief,
 * the regions' folders too. */
static const char *const job_files[] = {"report.xlsx", "report.pdf", "report.html",
                                        "checklist.txt", "brief.xlsx", "brief.pdf",
                                        "brief.html", "tables", "data_quality.csv",
                                        "data_quality"};
#define NFILES (sizeof job_files / sizeof *job_files)

static void job_owned(const struct job *j, char names[][48], const char *owned[])
{
    size_t n = 0;
    for (size_t i = 0; i < NFILES; i++)
        owned[n++] = job_files[i];
    for (int g = 1; j->all_regions && g <= NREGIONS; g++) {
        region_slug(j, g, names[g], 48);
        owned[n++] = names[g];
    }
    owned[n] = NULL;
}

/* The brief of region j->region, in folder j->sub. */
static enum tp_err write_brief(struct job *j, struct output *out, struct tp_error *err)
{
    static const struct render_ops *const brief[] = {&render_xlsx, &render_pdf, &render_html};
    static const char *const brief_files[] = {"brief.xlsx", "brief.pdf", "brief.html"};
    enum tp_err rc = write_tables(j, 0, &j->src[0].cur.region[j->region],
                                  &j->src[0].prev.region[j->region], out, err);
    return rc != TP_OK ? rc
                       : write_documents(j, out, j->brief, j->labels, j->opt->title, brief,
                                         brief_files, 3, err);
}

enum tp_err job_write(struct job *j, struct tp_error *err)
{
    /* A public output names no input file or folder: roles and hashes only. */
    for (int i = 0; j->opt->public_mode && i < j->nsrc; i++)
        dq_name_by_hash(&j->src[i].dq);
    enum tp_err rc = build_releases(j, err);
    if (rc != TP_OK)
        return rc;
    out_dir(j);
    struct output out;
    if ((rc = output_begin(&out, j->outdir, err)) != TP_OK)
        return rc;
    if (j->all_regions) { /* one protection, every brief in its own folder */
        for (int g = 1; rc == TP_OK && g <= NREGIONS; g++) {
            j->region = g;
            region_slug(j, g, j->sub, sizeof j->sub - 1);
            strcat(j->sub, "/");
            rc = write_brief(j, &out, err);
        }
        j->sub[0] = '\0';
    } else if (j->region) {
        rc = write_brief(j, &out, err);
    } else {
        static const struct render_ops *const annual[] = {&render_xlsx, &render_pdf,
                                                          &render_html},
                                              *const checklist[] = {&render_text};
        static const char *const annual_files[] = {"report.xlsx", "report.pdf", "report.html"},
                                 *const checklist_files[] = {"checklist.txt"};
        for (int i = 0; rc == TP_OK && i < j->nsrc; i++)
            rc = write_tables(j, i, &j->src[i].cur.national, &j->src[i].prev.national, &out,
                              err);
        if (rc == TP_OK)
            rc = write_documents(j, &out, j->annual, j->labels, j->opt->title, annual,
                                 annual_files, 3, err);
        if (rc == TP_OK)
            rc = write_documents(j, &out, j->checklist, j->labels_en, NULL, checklist,
                                 checklist_files, 1, err);
    }
    /* The ledger first: a release it records but a failed commit did not publish only makes
     * later ones more careful. */
    if (rc == TP_OK && j->opt->public_mode && j->ledger_path[0])
        rc = ledger_write(&j->ledger, j->ledger_path, err);
    char names[NREGIONS + 1][48];
    const char *owned[NFILES + NREGIONS + 1];
    job_owned(j, names, owned);
    if (rc == TP_OK)
        return output_commit(&out, owned, err);
    output_abort(&out);
    return rc;
}

void job_free(struct job *j)
{
    ledger_free(&j->ledger);
    if (j->ledger_lock >= 0)
        close(j->ledger_lock);
    j->ledger_lock = -1;
    reportdef_free(j->annual);
    reportdef_free(j->checklist);
    reportdef_free(j->brief);
    labels_free(j->labels);
    labels_free(j->labels_en);
    for (int i = 0; i < j->nsrc; i++) {
        struct job_source *s = &j->src[i];
        release_free(&s->cur);
        release_free(&s->prev);
        quality_free(&s->dq);
        if (s->agg_ready)
            agg_free(&s->agg);
        profile_free(s->profile);
    }
    free(j->src);
    places_free(j->places);
    map_free(j->map);
}
