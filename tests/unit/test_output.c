/* test_output.c: staging and replacing: a failed run leaves the previous report whole. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "render/output.h"
#include <stdbool.h>

static const char *slurp(const char *path)
{
    static char buf[256];
    FILE *f = fopen(path, "r");
    if (!f)
        return "(missing)";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static void write_report(const char *dir, const char *text, bool fail)
{
    struct output o;
    struct tp_error err;
    CHECK_INT(output_begin(&o, dir, &err), TP_OK);
    FILE *f = output_open(&o, "tables/a.csv", &err);
    fputs(text, f);
    CHECK_INT(output_close(&o, f, "tables/a.csv", &err), TP_OK);
    if (fail) {
        output_abort(&o);
        return;
    }
    f = output_open(&o, "data_quality.csv", &err);
    fputs(text, f);
    CHECK_INT(output_close(&o, f, "data_quality.csv", &err), TP_OK);
    CHECK_INT(output_commit(&o, &err), TP_OK);
}

void suite_output(void)
{
    char dir[64] = "/tmp/tipreport-out-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char sub[128], path[200];
    snprintf(sub, sizeof sub, "%s/run/2007", dir);
    write_report(sub, "first", false);
    snprintf(path, sizeof path, "%s/tables/a.csv", sub);
    CHECK_STR(slurp(path), "first");
    write_report(sub, "second", true); /* fails half-way: nothing changes */
    CHECK_STR(slurp(path), "first");
    write_report(sub, "third", false);
    CHECK_STR(slurp(path), "third");
    snprintf(path, sizeof path, "%s/data_quality.csv", sub);
    CHECK_STR(slurp(path), "third");
    /* No staging folders are left behind. */
    char cmd[300];
    snprintf(cmd, sizeof cmd, "test -z \"$(find %s -name '.tipreport-*')\"", dir);
    CHECK_INT(system(cmd), 0);
    /* A full disk is reported for the file being written. */
    struct output o;
    struct tp_error err;
    CHECK_INT(output_begin(&o, sub, &err), TP_OK);
    FILE *f = fopen("/dev/full", "w");
    o.files++;
    fputs("x", f);
    CHECK_INT(output_close(&o, f, "tables/a.csv", &err), TP_ERR_OUTPUT);
    snprintf(path, sizeof path, "cannot write tables/a.csv: No space left on device");
    CHECK_STR(err.msg, path);
    output_abort(&o);
    /* An output path under a file cannot be created. */
    snprintf(path, sizeof path, "%s/data_quality.csv/x", sub);
    CHECK_INT(output_begin(&o, path, &err), TP_ERR_OUTPUT);
    CHECK_STR(err.msg, "cannot create the output folder: Not a directory");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
}
