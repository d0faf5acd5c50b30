/* job.c: the pipeline in order: ingest -> aggregate -> tables -> report -> renderers. */
#include "job.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
    int nperiods = job_periods(opt, periods);
    struct age_bands bands;
    if ((rc = age_bands_of_source(s->profile, opt, &bands, err)) != TP_OK)
        return rc;
    /* A brief is protected with every region's: count by region too. */
    if (!agg_init(&s->agg, j->places, &bands, periods, nperiods, j->region != 0))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    s->agg_ready = true;
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
        /* The brief's region: a name, a variant or the ubigeo code. */
        struct place pl = places_resolve(j->places, opt->region, strlen(opt->region));
        if (pl.status != PLACE_OK || pl.code < 1 || pl.code > NREGIONS)
            return tp_fail(err, TP_ERR_USAGE, NULL, 0, NULL,
                           "region '%s': not one of Peru's 25 regions (say a name such as "
                           "Cusco, a variant such as Cuzco, or the ubigeo code, 08)\n"
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

/* Source i's tables (tables/ or tables/NAME/) and data-quality list (data_quality.csv or
 * data_quality/NAME.csv); ts: the report's tables or a brief's. */
static enum tp_err write_tables(struct job *j, int i, const struct tableset *ts,
                                struct output *out, struct tp_error *err)
{
    char dir[40], rel[160];
    job_source_dir(j, i, dir, sizeof dir);
    for (size_t t = 0; t < ts->n; t++) {
        snprintf(rel, sizeof rel, "tables/%s%s.csv", dir, ts->t[t]->name);
        FILE *f = output_open(out, rel, err);
        if (!f)
            return err->code;
        csv_write_table(f, ts->t[t]);
        enum tp_err rc = output_close(out, f, rel, err);
        if (rc != TP_OK)
            return rc;
    }
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
    bool has_prev = s->agg.nperiods > 1, prosecution_elsewhere = false;
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
        char path[1300];
        rc = output_path(out, rel[i], path, sizeof path, err);
        if (rc == TP_OK)
            rc = render(ops[i], r, path, err);
        /* The reader knows the file by its final name, not the staging one. */
        if (rc == TP_ERR_OUTPUT && !strcmp(err->file, path))
            snprintf(err->file, sizeof err->file, "%.440s/%.60s", out->dir, rel[i]);
    }
    report_free(r);
    return rc;
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
    if (j->region) { /* the region's name as a file name: "madre-de-dios_" */
        const char *name = places_region(j->places, j->region)->name;
        fold_key_to(name, strlen(name), slug, sizeof slug - 1);
        for (char *c = slug; *c; c++)
            if (*c == ' ')
                *c = '-';
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
        rc = release_build(&s->cur, &s->agg, 0, &s->dq, k, regions, err);
        if (rc == TP_OK && s->agg.nperiods > 1)
            rc = release_build(&s->prev, &s->agg, 1, &s->dq, k, regions, err);
        if (rc == TP_OK && k) /* the order of a public table tells nothing its marks hide */
            for (int g = 0; g <= NREGIONS; g++) {
                tables_sort_printed(g ? &s->cur.region[g] : &s->cur.national);
                tables_sort_printed(g ? &s->prev.region[g] : &s->prev.national);
            }
    }
    return rc;
}

enum tp_err job_write(struct job *j, struct tp_error *err)
{
    enum tp_err rc = build_releases(j, err);
    if (rc != TP_OK)
        return rc;
    out_dir(j);
    struct output out;
    if ((rc = output_begin(&out, j->outdir, err)) != TP_OK)
        return rc;
    if (j->region) {
        static const struct render_ops *const brief[] = {&render_xlsx, &render_pdf};
        static const char *const brief_files[] = {"brief.xlsx", "brief.pdf"};
        rc = write_tables(j, 0, &j->src[0].cur.region[j->region], &out, err);
        if (rc == TP_OK)
            rc = write_documents(j, &out, j->brief, j->labels, j->opt->title, brief,
                                 brief_files, 2, err);
    } else {
        static const struct render_ops *const annual[] = {&render_xlsx, &render_pdf},
                                              *const checklist[] = {&render_text};
        static const char *const annual_files[] = {"report.xlsx", "report.pdf"},
                                 *const checklist_files[] = {"checklist.txt"};
        for (int i = 0; rc == TP_OK && i < j->nsrc; i++)
            rc = write_tables(j, i, &j->src[i].cur.national, &out, err);
        if (rc == TP_OK)
            rc = write_documents(j, &out, j->annual, j->labels, j->opt->title, annual,
                                 annual_files, 2, err);
        if (rc == TP_OK)
            rc = write_documents(j, &out, j->checklist, j->labels_en, NULL, checklist,
                                 checklist_files, 1, err);
    }
    if (rc == TP_OK)
        return output_commit(&out, err);
    output_abort(&out);
    return rc;
}

void job_free(struct job *j)
{
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
