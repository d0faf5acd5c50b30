/* main.c: runs every unit-test suite. Usage: unit_tests TEMPLATES_DIR */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"
#include "count/places.h"
#include "render/render_csv.h"

int check_run, check_failed;
const char *check_templates = "templates";

const char *check_tempfile(const char *text, size_t len)
{
    static char paths[64][64];
    static int n;
    char *p = paths[n++ % 64];
    snprintf(p, 64, "/tmp/tipreport-unit-XXXXXX");
    int fd = mkstemp(p);
    if (fd < 0 || write(fd, text, len) != (ssize_t)len) {
        perror("check_tempfile");
        exit(2);
    }
    close(fd);
    return p;
}

const char *check_table_csv(const struct tableset *ts, const char *name)
{
    static char *out;
    size_t len;
    free(out);
    FILE *f = open_memstream(&out, &len);
    const struct table *t = tableset_find(ts, name);
    if (t)
        csv_write_table(f, t);
    fclose(f);
    return out;
}

struct places *check_places(void)
{
    char dir[1100];
    struct tp_error err;
    snprintf(dir, sizeof dir, "%s/places", check_templates);
    struct places *pl = places_load(dir, &err);
    CHECK(pl != NULL);
    return pl;
}

int main(int argc, char **argv)
{
    if (argc > 1)
        check_templates = argv[1];
    void (*suites[])(void) = {suite_error,   suite_strmap,  suite_fold,      suite_charset,
                              suite_csvfile, suite_rowqueue, suite_date,    suite_number, suite_plural,
                              suite_age,     suite_places,
                              suite_profile, suite_profile_sections, suite_profile_categories,
                              suite_quality, suite_aggregate, suite_aggregate_weight,
                              suite_table,
                              suite_output,  suite_chart,   suite_map,       suite_reportdef, suite_sdc,
                              suite_protect, suite_views, suite_tables, suite_normalise, suite_sheet_pages,
                              suite_grow, suite_markup, suite_serve};
    for (size_t i = 0; i < sizeof suites / sizeof *suites; i++)
        suites[i]();
    printf("unit tests: %d checks, %d failed\n", check_run, check_failed);
    return check_failed ? 1 : 0;
}
