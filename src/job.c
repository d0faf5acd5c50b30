/* job.c: the pipeline in order: ingest -> aggregate -> tables -> report -> renderers. */
#include "job.h"

#include <stdio.h>
#include <string.h>

#include "figures.h"
#include "output.h"
#include "protect.h"
#include "render.h"
#include "render_csv.h"
#include "report.h"
#include "tables.h"

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
    snprintf(dir, sizeof dir, "%s/reports/annual-report.%s.txt", opt->templates, opt->lang);
    if (!(j->annual = reportdef_load(dir, &cat, err)))
        return err->code;
    snprintf(dir, sizeof dir, "%s/reports/checklist.en.txt", opt->templates);
    if (!(j->checklist = reportdef_load(dir, &cat, err)))
        return err->code;
    snprintf(dir, sizeof dir, "%s/places/departments.geojson", opt->templates);
    if (!(j->map = map_load(dir, err)))
        return err->code;
    if (!(j->labels = labels_load(opt->templates, opt->lang, err)) ||
        !(j->labels_en = labels_load(opt->templates, "en", err)))
        return err->code;
    enum tp_err rc = export_find(opt->input, &j->files, err);
    if (rc != TP_OK)
        return rc;
    /* The previous period: as long, ending the day before; only when the period is given. */
    struct period periods[2] = {opt->period, {0, 0, 0}};
    int nperiods = 1;
    if (opt->period.from && opt->period.to) {
        long len = date_to_days(opt->period.to) - date_to_days(opt->period.from) + 1;
        long from = date_to_days(opt->period.from);
        periods[1].to = date_from_days(from - 1);
        periods[1].from = date_from_days(from - len);
        nperiods = date_year(periods[1].from) >= DATE_MIN_YEAR ? 2 : 1;
    }
    if (!agg_init(&j->agg, j->places, &opt->bands, periods, nperiods))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    j->agg_ready = true;
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

/* Public mode: routes with fewer than k victims merged, then every count protected. */
static enum tp_err protect_set(struct job *j, struct tableset *ts, const char *scope,
                               struct protection **out, struct tp_error *err)
{
    int k = j->opt->min_count;
    for (size_t i = 0; i < ts->n; i++)
        if (!strcmp(ts->t[i]->name, "routes")) {
            struct table *m = protect_merge_routes(ts->t[i], k);
            if (!m)
                return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            table_free(ts->t[i]);
            ts->t[i] = m;
        }
    struct protection *p = protect_new(k);
    if (!p)
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    *out = p;
    struct sdc_stats st;
    if (!protect_tables(p, ts, scope, err) || !protect_run(p, &st, err))
        return err->code ? err->code : TP_ERR_NOMEM;
    j->stats.primary += st.primary;
    j->stats.secondary += st.secondary;
    j->stats.fallbacks += st.fallbacks;
    return TP_OK;
}

static enum tp_err write_tables(struct job *j, struct output *out, struct tp_error *err)
{
    for (size_t i = 0; i < j->tables.n; i++) {
        char rel[128];
        snprintf(rel, sizeof rel, "tables/%s.csv", j->tables.t[i]->name);
        FILE *f = output_open(out, rel, err);
        if (!f)
            return err->code;
        csv_write_table(f, j->tables.t[i]);
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
                                   const struct tableset *prev,
                                   const struct render_ops *const ops[], const char *const rel[],
                                   int n, struct tp_error *err)
{
    const struct options *o = j->opt;
    struct report_input in = {def,      &j->agg,   &j->tables,       prev,
                              &j->dq,   l,         title,            profile_name(j->profile),
                              o->input, o->author, o->organisation, j->map,
                              j->prot,  j->prot_prev};
    struct report *r = report_build(&in, err);
    if (!r)
        return err->code;
    enum tp_err rc = TP_OK;
    for (int i = 0; rc == TP_OK && i < n; i++) {
        char path[1300];
        rc = output_path(out, rel[i], path, sizeof path, err);
        if (rc == TP_OK)
            rc = render(ops[i], r, path, err);
    }
    report_free(r);
    return rc;
}

enum tp_err job_write(struct job *j, struct tp_error *err)
{
    struct tableset prev = {0};
    bool has_prev = j->agg.nperiods > 1;
    if (!tables_build(&j->agg, 0, &j->dq, &j->tables) ||
        (has_prev && !tables_build(&j->agg, 1, &j->dq, &prev))) {
        tableset_free(&prev);
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    if (j->opt->public_mode) {
        enum tp_err prc = protect_set(j, &j->tables, "", &j->prot, err);
        if (prc == TP_OK && has_prev)
            prc = protect_set(j, &prev, "", &j->prot_prev, err);
        if (prc != TP_OK) {
            tableset_free(&prev);
            return prc;
        }
    }
    if (j->opt->output[0]) {
        snprintf(j->outdir, sizeof j->outdir, "%s", j->opt->output);
    } else {
        const struct period *p = &j->agg.period[0].period;
        char from[11], to[11];
        date_format(p->from, from);
        date_format(p->to, to);
        if (p->from && p->to)
            snprintf(j->outdir, sizeof j->outdir, "output/%s_%s", from, to);
        else
            snprintf(j->outdir, sizeof j->outdir, "output/all");
    }
    struct output out;
    enum tp_err rc = output_begin(&out, j->outdir, err);
    if (rc == TP_OK)
        rc = write_tables(j, &out, err);
    static const struct render_ops *const annual[] = {&render_xlsx, &render_pdf},
                                          *const checklist[] = {&render_text};
    static const char *const annual_files[] = {"report.xlsx", "report.pdf"},
                             *const checklist_files[] = {"checklist.txt"};
    if (rc == TP_OK)
        rc = write_documents(j, &out, j->annual, j->labels, j->opt->title,
                             has_prev ? &prev : NULL, annual, annual_files, 2, err);
    if (rc == TP_OK)
        rc = write_documents(j, &out, j->checklist, j->labels_en, NULL, has_prev ? &prev : NULL,
                             checklist, checklist_files, 1, err);
    tableset_free(&prev);
    if (rc == TP_OK)
        return output_commit(&out, err);
    output_abort(&out);
    return rc;
}

void job_free(struct job *j)
{
    reportdef_free(j->annual);
    reportdef_free(j->checklist);
    labels_free(j->labels);
    labels_free(j->labels_en);
    tableset_free(&j->tables);
    quality_free(&j->dq);
    if (j->agg_ready)
        agg_free(&j->agg);
    profile_free(j->profile);
    places_free(j->places);
    map_free(j->map);
    protect_free(j->prot);
    protect_free(j->prot_prev);
}
