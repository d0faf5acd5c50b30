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

static const char *const owned[] = {"tables", "data_quality.csv", "old.csv", NULL};

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
    CHECK_INT(output_commit(&o, owned, &err), TP_OK);
}

static bool exists(const char *dir, const char *name)
{
    char path[1400];
    struct stat st;
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return lstat(path, &st) == 0;
}

/* The switch: the user's files are kept, a stale file of tipreport's is not, the user's folder
 * is refused; a dead run's stage is removed, a live one's is not; of two runs at once, the
 * one that switches last wins whole. */
static void suite_output_switch(const char *dir, const char *sub)
{
    char cmd[600], path[300];
    snprintf(cmd, sizeof cmd,
             "cd %s && echo mine >notes.txt && ln -s notes.txt link && echo x >old.csv && "
             "mkdir ../.2007.tipreport-dead01 ../.2007.tipreport-dead02 && "
             "touch ../.2007.tipreport-dead01/report.pdf",
             sub);
    CHECK_INT(system(cmd), 0);
    struct output o, live;
    struct tp_error err;
    CHECK_INT(output_begin(&live, sub, &err), TP_OK); /* holds its stage locked */
    snprintf(path, sizeof path, "%s/run/.2007.tipreport-dead01", dir);
    CHECK(!exists(path, ""));
    snprintf(path, sizeof path, "%s/run/.2007.tipreport-dead02", dir);
    CHECK(!exists(path, ""));
    CHECK_INT(output_begin(&o, sub, &err), TP_OK);
    CHECK(exists(live.stage, ""));
    FILE *f = output_open(&o, "tables/a.csv", &err);
    fputs("fourth", f);
    CHECK_INT(output_close(&o, f, "tables/a.csv", &err), TP_OK);
    f = output_open(&o, "notes.txt", &err); /* a name not owned that the run writes: its own */
    fputs("ours", f);
    CHECK_INT(output_close(&o, f, "notes.txt", &err), TP_OK);
    CHECK_INT(output_commit(&o, owned, &err), TP_OK);
    snprintf(path, sizeof path, "%s/notes.txt", sub);
    CHECK_STR(slurp(path), "ours");
    snprintf(path, sizeof path, "%s/tables/a.csv", sub);
    CHECK_STR(slurp(path), "fourth");
    snprintf(path, sizeof path, "%s/link", sub);
    CHECK_STR(slurp(path), "ours");
    CHECK(!exists(sub, "old.csv") && !exists(sub, "data_quality.csv"));
    f = output_open(&live, "tables/b.csv", &err);
    fputs("fifth", f);
    CHECK_INT(output_close(&live, f, "tables/b.csv", &err), TP_OK);
    CHECK_INT(output_commit(&live, owned, &err), TP_OK);
    CHECK(exists(sub, "tables/b.csv") && !exists(sub, "tables/a.csv") && exists(sub, "notes.txt"));
    /* A folder of the user's: refused, and nothing changes. */
    snprintf(cmd, sizeof cmd, "mkdir %s/mine", sub);
    CHECK_INT(system(cmd), 0);
    CHECK_INT(output_begin(&o, sub, &err), TP_OK);
    CHECK_INT(output_commit(&o, owned, &err), TP_ERR_OUTPUT);
    CHECK_STR(err.msg, "the output folder holds 'mine', which is not tipreport's and not a "
                       "file: move it out (each run replaces the output folder whole)");
    CHECK(exists(sub, "tables/b.csv") && exists(sub, "mine"));
    snprintf(cmd, sizeof cmd, "rmdir %s/mine && test -z \"$(find %s -name '*.tipreport-*')\"",
             sub, dir);
    CHECK_INT(system(cmd), 0);
}

void suite_output(void)
{
    char dir[64] = "/tmp/tipreport-out-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char sub[128], path[300];
    snprintf(sub, sizeof sub, "%s/run/2007", dir);
    write_report(sub, "first", false);
    snprintf(path, sizeof path, "%s/tables/a.csv", sub);
    CHECK_STR(slurp(path), "first");
    /* A new output folder has a new folder's permissions; an old one's are kept. */
    struct stat st;
    mode_t mask = umask(0);
    umask(mask);
    CHECK(stat(sub, &st) == 0 && (st.st_mode & 07777) == (0777 & ~mask));
    CHECK_INT(chmod(sub, 0750), 0);
    write_report(sub, "second", true); /* fails half-way: nothing changes */
    CHECK_STR(slurp(path), "first");
    write_report(sub, "third", false);
    CHECK_STR(slurp(path), "third");
    snprintf(path, sizeof path, "%s/data_quality.csv", sub);
    CHECK_STR(slurp(path), "third");
    CHECK(stat(sub, &st) == 0 && (st.st_mode & 07777) == 0750);
    /* No staging folders are left behind. */
    char cmd[400];
    snprintf(cmd, sizeof cmd, "test -z \"$(find %s -name '*.tipreport-*')\"", dir);
    CHECK_INT(system(cmd), 0);
    suite_output_switch(dir, sub);
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
    snprintf(path, sizeof path, "%s/notes.txt/x", sub);
    CHECK_INT(output_begin(&o, path, &err), TP_ERR_OUTPUT);
    CHECK_STR(err.msg, "cannot create the output folder: Not a directory");
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
}
