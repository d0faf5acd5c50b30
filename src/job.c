/* job.c: the pipeline in order: ingest -> aggregate -> tables -> report -> renderers. */
#include "job.h"

#include <stdio.h>
#include <string.h>

#include "report/figures.h"
#include "util/fold.h"
#include "util/number.h"
#include "render/output.h"
#include "protect/protect.h"
#include "render/render.h"
#include "render/render_csv.h"
#include "report/build.h"
#include "count/tables.h"

enum tp_err job_read(struct job *j, const struct options *opt, csv_progress_fn progress,
                     void *progress_ctx, struct tp_error *err)
{
    memset(j, 0, sizeof *j);
    j->opt = opt;
    char dir[1100];
    snprintf(dir, sizeof dir, "%s/places", opt->templates);
    if (!(j->places = places_load(dir, err)))
        return err->code;
    if (!(j->profile = profile_load(opt->profile, opt->templates, err)))
        return err->code;
    /* The documents' definitions and labels are checked before any data is read. */
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
        snprintf(dir, sizeof dir, "%s/reports/region-brief.%s.txt", opt->templates, opt->lang);
        if (!(j->brief = reportdef_load(dir, &cat, err)))
            return err->code;
    } else {
        snprintf(dir, sizeof dir, "%s/reports/annual-report.%s.txt", opt->templates, opt->lang);
        if (!(j->annual = reportdef_load(dir, &cat, err)))
            return err->code;
        snprintf(dir, sizeof dir, "%s/reports/checklist.en.txt", opt->templates);
        if (!(j->checklist = reportdef_load(dir, &cat, err)))
            return err->code;
    }
    snprintf(dir, sizeof dir, "%s/places/departments.geojson", opt->templates);
    if (!(j->map = map_load(dir, err)))
        return err->code;
    if (!(j->labels = labels_load(opt->templates, opt->lang, err)) ||
        !(j->labels_en = labels_load(opt->templates, "en", err)))
        return err->code;
    enum tp_err rc = export_find(opt->input, &j->files, err);
    if (rc != TP_OK)
        return rc;
    /* The previous period (period_previous); only when the period is given. */
    struct period periods[MAX_PERIODS] = {opt->period, period_previous(opt->period)};
    int nperiods = periods[1].from ? 2 : 1;
    /* A brief is protected with every region's: count by region too. */
    if (!agg_init(&j->agg, j->places, &opt->bands, periods, nperiods, j->region != 0))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    j->agg_ready = true;
    unsigned gives = profile_attribution(j->profile)->gives;
    if (gives)
        j->agg.gives = gives;
    struct ingest_opts io = {j->profile, j->places, progress, progress_ctx};
    return ingest(&j->files, &io, &j->agg, &j->dq, err);
}

uint64_t job_rejected(const struct job *j)
{
    uint64_t n = 0;
    for (int i = 0; i < j->dq.nfiles; i++)
        n += j->dq.files[i].rejected;
    return n;
}

enum tp_err job_check_counted(const struct job *j, struct tp_error *err)
{
    const struct quality *dq = &j->dq;
    uint64_t counted = 0, rejected = 0, filtered = 0;
    for (int i = 0; i < dq->nfiles; i++) {
        counted += dq->files[i].counted;
        rejected += dq->files[i].rejected;
        filtered += dq->files[i].filtered;
    }
    if (counted > 0)
        return TP_OK;
    char nrej[32], nfil[32], first[700] = "";
    number_count(rejected, "en", nrej, sizeof nrej);
    number_count(filtered, "en", nfil, sizeof nfil);
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
                   "no row could be counted: %s rejected, %s filtered out%s; nothing written",
                   nrej, nfil, first);
}

static enum tp_err write_tables(struct job *j, const struct tableset *ts, struct output *out,
                               struct tp_error *err)
{
    for (size_t i = 0; i < ts->n; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "tables/%s.csv", ts->t[i]->name);
        FILE *f = output_open(out, rel, err);
        if (!f)
            return err->code;
        csv_write_table(f, ts->t[i]);
        enum tp_err rc = output_close(out, f, rel, err);
        if (rc != TP_OK)
            return rc;
    }
    if (j->opt->public_mode) /* rows of the input, with their case numbers: not public */
        return TP_OK;
    FILE *f = output_open(out, "data_quality.csv", err);
    if (!f)
        return err->code;
    csv_write_quality(f, &j->dq);
    return output_close(out, f, "data_quality.csv", err);
}

/* One report model written as one or more documents (ops[i] to rel[i]). title: the
 * settings' title, for the documents in their language; NULL keeps the definition's. */
static enum tp_err write_documents(struct job *j, struct output *out, const struct reportdef *def,
                                   const struct labels *l, const char *title,
                                   const struct render_ops *const ops[], const char *const rel[],
                                   int n, struct tp_error *err)
{
    const struct options *o = j->opt;
    bool has_prev = j->agg.nperiods > 1;
    struct report_input in = {
        .def = def, .agg = &j->agg, .cur = &j->cur.national,
        .prev = has_prev ? &j->prev.national : NULL, .dq = &j->dq, .labels = l, .title = title,
        .profile = profile_name(j->profile),
        .attribution = profile_attribution(j->profile), .input = o->input, .author = o->author,
        .organisation = o->organisation, .map_shape = j->map, .prot = j->cur.prot,
        .prot_prev = j->prev.prot};
    if (j->region) { /* a brief: its region's tables, and the country's to compare */
        in.ap = &j->agg.by_region[0][j->region];
        in.cur = &j->cur.region[j->region];
        in.prev = has_prev ? &j->prev.region[j->region] : NULL;
        in.region = j->region;
        in.national = &j->cur.national;
    }
    struct report *r = report_build(&in, err);
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

/* The output folder: as asked, or output/<from>_<to> (a brief: output/<region>_<from>_<to>). */
static void out_dir(struct job *j)
{
    if (j->opt->output[0]) {
        snprintf(j->outdir, sizeof j->outdir, "%s", j->opt->output);
        return;
    }
    const struct period *p = &j->agg.period[0].period;
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

enum tp_err job_write(struct job *j, struct tp_error *err)
{
    int k = j->opt->public_mode ? j->opt->min_count : 0;
    bool regions = j->region != 0;
    enum tp_err rc = release_build(&j->cur, &j->agg, 0, &j->dq, k, regions, err);
    if (rc == TP_OK && j->agg.nperiods > 1)
        rc = release_build(&j->prev, &j->agg, 1, &j->dq, k, regions, err);
    if (rc != TP_OK)
        return rc;
    out_dir(j);
    struct output out;
    if ((rc = output_begin(&out, j->outdir, err)) != TP_OK)
        return rc;
    if (j->region) {
        static const struct render_ops *const brief[] = {&render_xlsx, &render_pdf};
        static const char *const brief_files[] = {"brief.xlsx", "brief.pdf"};
        rc = write_tables(j, &j->cur.region[j->region], &out, err);
        if (rc == TP_OK)
            rc = write_documents(j, &out, j->brief, j->labels, j->opt->title, brief,
                                 brief_files, 2, err);
    } else {
        static const struct render_ops *const annual[] = {&render_xlsx, &render_pdf},
                                              *const checklist[] = {&render_text};
        static const char *const annual_files[] = {"report.xlsx", "report.pdf"},
                                 *const checklist_files[] = {"checklist.txt"};
        rc = write_tables(j, &j->cur.national, &out, err);
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
    release_free(&j->cur);
    release_free(&j->prev);
    quality_free(&j->dq);
    if (j->agg_ready)
        agg_free(&j->agg);
    profile_free(j->profile);
    places_free(j->places);
    map_free(j->map);
}
