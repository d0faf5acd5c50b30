/* job.c: the pipeline in order: ingest -> aggregate -> tables -> renderers (csv). */
#include "job.h"

#include <stdio.h>
#include <string.h>

#include "render_csv.h"
#include "output.h"
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
    enum tp_err rc = export_find(opt->input, &j->files, err);
    if (rc != TP_OK)
        return rc;
    if (!agg_init(&j->agg, j->places, &opt->bands, &opt->period, 1))
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
    FILE *f = output_open(out, "data_quality.csv", err);
    if (!f)
        return err->code;
    csv_write_quality(f, &j->dq);
    return output_close(out, f, "data_quality.csv", err);
}

enum tp_err job_write(struct job *j, struct tp_error *err)
{
    if (!tables_build(&j->agg, 0, &j->dq, &j->tables))
        return tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
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
    if (rc == TP_OK)
        return output_commit(&out, err);
    output_abort(&out);
    return rc;
}

void job_free(struct job *j)
{
    tableset_free(&j->tables);
    quality_free(&j->dq);
    if (j->agg_ready)
        agg_free(&j->agg);
    profile_free(j->profile);
    places_free(j->places);
}
