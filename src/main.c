/* main.c: options -> job -> messages and exit code. The only file that prints. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "count/gives.h"
#include "count/tabledef.h"
#include "job.h"
#include "options.h"
#include "serve/serve.h"
#include "util/version.h"

static void print_error(const struct tp_error *err)
{
    char msg[2048];
    tp_error_format(err, msg, sizeof msg);
    fprintf(stderr, "tipreport: %s\n", msg);
}

/* Progress on a terminal only: "reading victims.csv 45%". */
struct progress {
    int last;
    char name[64];
};

static void progress(void *ctx, const char *name, off_t done, off_t total)
{
    struct progress *p = ctx;
    int pct = total > 0 ? (int)(done * 100 / total) : 0;
    const char *base = strrchr(name, '/');
    base = base ? base + 1 : name;
    if (pct == p->last && strcmp(base, p->name) == 0)
        return;
    p->last = pct;
    snprintf(p->name, sizeof p->name, "%s", base);
    fprintf(stderr, "\rreading %s %3d%%\033[K", base, pct > 100 ? 100 : pct);
    fflush(stderr);
}

static void print_quality(const struct job *j)
{
    for (int k = 0; k < j->nsrc; k++) {
        const struct quality *dq = &j->src[k].dq;
        for (size_t i = 0; i < dq->nentries; i++) {
            const struct dq_entry *e = &dq->entries[i];
            const char *v = dq_value(dq, e);
            fprintf(stderr, "tipreport: %s:%ld: ", dq->files[e->file].path, e->line);
            if (e->field >= 0)
                fprintf(stderr, "field '%s': ", fields[e->field].name);
            fputs(dq_problem(dq, e), stderr);
            if (v[0])
                fprintf(stderr, ": '%s'", v);
            fprintf(stderr, " (%s)\n", dq_action_name(e->action));
        }
    }
}

static void print_files(FILE *f, const struct job *j)
{
    for (int k = 0; k < j->nsrc; k++)
        for (int i = 0; i < j->src[k].dq.nfiles; i++) {
            const struct dq_file *df = &j->src[k].dq.files[i];
            char filtered[40] = ""; /* only when a profile filters: other runs print as before */
            if (df->filtered)
                snprintf(filtered, sizeof filtered, ", %llu filtered out",
                         (unsigned long long)df->filtered);
            fprintf(f, "%s: %llu rows read, %llu counted%s, %llu rejected, %llu warnings (%s, %s)\n",
                    df->path, (unsigned long long)df->read, (unsigned long long)df->counted,
                    filtered, (unsigned long long)df->rejected, (unsigned long long)df->warnings,
                    charset_name(df->charset),
                    df->delim == ';' ? "semicolon" : df->delim == '\t' ? "tab" : "comma");
        }
}

/* One line for the operator, who may see every count: they read the raw data anyway. Several
 * sources: each one's cases and victims, after its name. */
static void print_written(const struct job *j)
{
    uint64_t warnings = 0;
    for (int k = 0; k < j->nsrc; k++)
        for (int i = 0; i < j->src[k].dq.nfiles; i++)
            warnings += j->src[k].dq.files[i].warnings;
    printf("tipreport: wrote %s: ", j->outdir);
    if (j->all_regions)
        printf("the briefs of the %d regions; ", NREGIONS);
    else if (j->region)
        printf("brief for %s, ", places_name(j->places, j->region));
    const char *what[] = {"case", "victim", "row", "warning"};
    for (int k = 0; k < j->nsrc; k++) {
        const struct agg *a = &j->src[k].agg;
        const struct agg_period *p =
            j->region && !j->all_regions ? &a->by_region[0][j->region] : &a->period[0];
        if (j->nsrc > 1)
            printf("%s%s ", k ? "; " : "", j->src[k].name);
        uint64_t n[] = {p->cases, p->victims};
        for (int i = 0; i < 2; i++)
            if (i != 1 || (a->gives & GIVES_VICTIMS)) /* victims the source does not count */
                printf("%s%llu %s%s", i ? ", " : "", (unsigned long long)n[i], what[i],
                       n[i] == 1 ? "" : "s");
    }
    uint64_t n[] = {job_rejected(j), warnings};
    for (int i = 0; i < 2; i++)
        printf("%s%llu %s%s%s", i ? ", " : "; ", (unsigned long long)n[i], what[i + 2],
               n[i] == 1 ? "" : "s", i == 0 ? " rejected" : "");
    printf(" (%s)\n", j->opt->public_mode ? "listed by 'tipreport validate'"
                      : j->nsrc > 1      ? "see data_quality/"
                                         : "see data_quality.csv");
}

int main(int argc, char **argv)
{
    struct options opt;
    struct tp_error err = {0};
    /* No run ends by a signal it can report: past a file-size limit (ulimit -f) a write fails
     * with EFBIG, to a closed pipe with EPIPE, and the run says so (exit 5). */
    signal(SIGXFSZ, SIG_IGN);
    signal(SIGPIPE, SIG_IGN);
    if (argc >= 2 && !strcmp(argv[1], "serve")) {
        enum tp_err src = serve_main(argc, argv, &err);
        if (src != TP_OK)
            print_error(&err);
        return tp_exit_code(src);
    }
    enum tp_err rc = options_parse(argc, argv, &opt, &err);
    if (rc != TP_OK) {
        print_error(&err);
        return tp_exit_code(rc);
    }
    /* The tables' definitions: a count no protection covers is refused before anything. */
    if (!tabledefs_check(&err)) {
        print_error(&err);
        return tp_exit_code(err.code);
    }
    if (opt.cmd == CMD_HELP || opt.cmd == CMD_VERSION || opt.cmd == CMD_LIST_TABLES) {
        if (opt.cmd == CMD_HELP)
            fputs(options_help(), stdout);
        else if (opt.cmd == CMD_LIST_TABLES)
            tabledefs_list(stdout);
        else
            printf("tipreport %s (commit %s)\n", TIPREPORT_VERSION, TIPREPORT_COMMIT);
        if (fflush(stdout) == 0 && !ferror(stdout))
            return TP_EXIT_OK;
        print_error(&(struct tp_error){.code = TP_ERR_OUTPUT,
                                       .msg = "cannot write to standard output"});
        return TP_EXIT_OUTPUT;
    }
    if ((rc = options_config(&opt, &err)) != TP_OK) {
        print_error(&err);
        return tp_exit_code(rc);
    }
    struct job job;
    struct progress prog = {-1, ""};
    bool tty = !opt.quiet && isatty(STDERR_FILENO);
    rc = job_read(&job, &opt, tty ? progress : NULL, &prog, &err);
    if (tty && prog.last >= 0)
        fputs("\r\033[K", stderr);
    if (rc == TP_OK && (rc = job_check_counted(&job, &err)) != TP_OK) {
        if (opt.cmd == CMD_VALIDATE)
            print_quality(&job);
    } else if (rc == TP_OK && opt.cmd == CMD_VALIDATE) {
        print_quality(&job);
        print_files(stdout, &job);
    } else if (rc == TP_OK && opt.strict && job_rejected(&job) > 0) {
        print_quality(&job);
        rc = tp_fail(&err, TP_ERR_STRICT, NULL, 0, NULL,
                     "%llu row%s rejected (--strict): no report written",
                     (unsigned long long)job_rejected(&job), job_rejected(&job) == 1 ? "" : "s");
    } else if (rc == TP_OK) {
        rc = job_write(&job, &err);
        if (rc == TP_OK && !opt.quiet)
            print_written(&job);
    }
    if (rc == TP_OK && opt.cmd == CMD_VALIDATE && opt.strict && job_rejected(&job) > 0)
        rc = tp_fail(&err, TP_ERR_STRICT, NULL, 0, NULL, "%llu row%s rejected (--strict)",
                     (unsigned long long)job_rejected(&job), job_rejected(&job) == 1 ? "" : "s");
    job_free(&job);
    /* Fontconfig's, pango's and cairo's caches stay until exit: FcFini() here raced pango's
     * font thread and aborted (tests/valgrind.supp, tests/lsan.supp say why they are no leak). */
    if (rc == TP_OK && (fflush(stdout) != 0 || ferror(stdout)))
        rc = tp_fail(&err, TP_ERR_OUTPUT, NULL, 0, NULL, "cannot write to standard output");
    if (rc != TP_OK)
        print_error(&err);
    return tp_exit_code(rc);
}
