/* test_serve.c: tipreport serve's pieces that decide what is safe: uploaded names, served
 * paths, the page's language, the options, and the runs' expiry. */
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check.h"
#include "serve/pages.h"
#include "serve/runs.h"
#include "serve/serve_options.h"
#include "serve/upload.h"
#include "serve/workdir.h"

static const char *safe(const char *given)
{
    static char out[128];
    upload_safe_name(given, out, sizeof out);
    return out;
}

static void uploaded_names(void)
{
    CHECK_STR(safe("casos.csv"), "casos.csv");
    CHECK_STR(safe("../../etc/passwd"), "passwd");
    CHECK_STR(safe("C:\\Users\\ana\\víctimas.csv"), "víctimas.csv");
    CHECK_STR(safe(".bashrc"), "_bashrc");
    CHECK_STR(safe("a\nb\tc:d.csv"), "a_b_c_d.csv");
    CHECK_STR(safe("dir/"), "file");
    CHECK_STR(safe(""), "file");
    CHECK_STR(safe("TipReport.INI"), "tipreport.ini");
    CHECK_STR(safe("x/tipreport.ini"), "tipreport.ini");
    /* 99 bytes and a two-byte character: cut at 100, the character dropped whole */
    char longname[128];
    memset(longname, 'a', 99);
    snprintf(longname + 99, sizeof longname - 99, "ñb.csv");
    CHECK_INT(strlen(safe(longname)), 99);
}

static void served_paths(void)
{
    CHECK(workdir_safe_rel("report.pdf"));
    CHECK(workdir_safe_rel("tables/summary.csv"));
    CHECK(workdir_safe_rel("cusco/tables/summary.csv"));
    CHECK(!workdir_safe_rel("a/b/c/d.csv"));
    CHECK(!workdir_safe_rel("../messages.txt"));
    CHECK(!workdir_safe_rel("tables/../report.pdf"));
    CHECK(!workdir_safe_rel(".hidden"));
    CHECK(!workdir_safe_rel("/etc/passwd"));
    CHECK(!workdir_safe_rel("tables//summary.csv"));
    CHECK(!workdir_safe_rel("tables/"));
    CHECK(!workdir_safe_rel(""));
    CHECK(!workdir_safe_rel("a%2f..%2fb"));
    CHECK(!workdir_safe_rel("informe año.pdf"));
}

static void languages(void)
{
    CHECK_INT(pages_lang(NULL, NULL), LANG_ES);
    CHECK_INT(pages_lang(NULL, "en-GB,en;q=0.9,es;q=0.8"), LANG_EN);
    CHECK_INT(pages_lang(NULL, "fr-FR, es-PE;q=0.7, en;q=0.5"), LANG_ES);
    CHECK_INT(pages_lang(NULL, "en;q=0, es"), LANG_ES);
    CHECK_INT(pages_lang(NULL, "fr, de"), LANG_ES);
    CHECK_INT(pages_lang(NULL, "eng, en-US"), LANG_EN); /* "eng" is not "en" */
    CHECK_INT(pages_lang(NULL, "*"), LANG_ES);
    CHECK_INT(pages_lang("en", "es"), LANG_EN);
    CHECK_INT(pages_lang("es", "en"), LANG_ES);
    CHECK_INT(pages_lang("xx", "en"), LANG_EN);
}

/* tipreport serve A1 A2 --templates (the tests' templates, for the program is not beside them) */
static enum tp_err parse(struct serve_options *o, const char *a1, const char *a2)
{
    char *argv[7] = {"tipreport", "serve"};
    int argc = 2;
    if (a1)
        argv[argc++] = (char *)a1;
    if (a2)
        argv[argc++] = (char *)a2;
    argv[argc++] = "--templates";
    argv[argc++] = (char *)check_templates;
    struct tp_error err;
    return serve_options_parse(argc, argv, o, &err);
}

static void options(void)
{
    static struct serve_options o;
    CHECK_INT(parse(&o, NULL, NULL), TP_OK);
    CHECK_STR(o.listen, "127.0.0.1:8080");
    CHECK(o.loopback);
    CHECK_INT(o.port, 8080);
    CHECK_INT(o.max_upload, 200ull << 20);
    CHECK_INT(o.keep, 60);
    CHECK_INT(o.max_runs, 2);
    CHECK_INT(parse(&o, "--listen", "[::1]:9000"), TP_OK);
    CHECK(o.loopback);
    CHECK_INT(o.port, 9000);
    CHECK_INT(parse(&o, "--listen", "127.3.4.5:80"), TP_OK);
    CHECK(o.loopback);
    CHECK_INT(parse(&o, "--listen", "192.168.1.5:8080"), TP_ERR_USAGE); /* no token */
    CHECK_INT(parse(&o, "--listen", "127.0.0.1:65536"), TP_ERR_USAGE);
    CHECK_INT(parse(&o, "--max-upload", "1K"), TP_OK);
    CHECK_INT(o.max_upload, 1024);
    CHECK_INT(parse(&o, "--max-upload", "3G"), TP_OK);
    CHECK_INT(o.max_upload, 3ull << 30);
    CHECK_INT(parse(&o, "--max-upload", "1000"), TP_ERR_USAGE); /* under 1K */
    CHECK_INT(parse(&o, "--max-upload", "-5M"), TP_ERR_USAGE);
    CHECK_INT(parse(&o, "--keep", "10081"), TP_ERR_USAGE);
    CHECK_INT(parse(&o, "--max-runs", "65"), TP_ERR_USAGE);
}

/* A run finished keep seconds ago is removed with its folder; a younger one stays. */
static void expiry(void)
{
    static struct runs t;
    char root[] = "/tmp/tipreport-unit-runs-XXXXXX";
    CHECK(mkdtemp(root) != NULL);
    snprintf(t.root, sizeof t.root, "%s", root);
    t.max_active = 1;
    t.keep = 60;
    bool busy;
    struct run *a = runs_new(&t, &busy);
    CHECK(a != NULL && !busy);
    CHECK(runs_new(&t, &busy) == NULL && busy); /* one at once */
    struct stat st;
    CHECK(stat(a->dir, &st) == 0 && (st.st_mode & 0777) == 0700);
    a->state = RUN_DONE;
    a->finished = 100;
    struct run *b = runs_new(&t, &busy);
    CHECK(b != NULL && b != a && strlen(b->id) == 32 && strcmp(a->id, b->id) != 0);
    b->state = RUN_DONE;
    b->finished = 130;
    char adir[1100], bdir[1100];
    snprintf(adir, sizeof adir, "%s", a->dir);
    snprintf(bdir, sizeof bdir, "%s", b->dir);
    runs_expire(&t, 165);
    CHECK(access(adir, F_OK) != 0 && a->state == RUN_FREE);
    CHECK(access(bdir, F_OK) == 0 && b->state == RUN_DONE);
    CHECK(runs_find(&t, b->id) == b);
    runs_stop_all(&t);
    CHECK(access(bdir, F_OK) != 0);
    runs_free(&t);
    CHECK_INT(workdir_remove(root), 0);
    CHECK(access(root, F_OK) != 0);
}

void suite_serve(void)
{
    uploaded_names();
    served_paths();
    languages();
    options();
    expiry();
}
