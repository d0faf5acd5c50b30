/* main.c: runs every unit-test suite. Usage: unit_tests TEMPLATES_DIR */
#include <stdlib.h>
#include <unistd.h>

#include "check.h"

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

int main(int argc, char **argv)
{
    if (argc > 1)
        check_templates = argv[1];
    void (*suites[])(void) = {suite_error,   suite_strmap,  suite_fold,      suite_charset,
                              suite_csvfile, suite_rowqueue, suite_date,    suite_number,
                              suite_age,     suite_places,
                              suite_profile, suite_quality, suite_aggregate, suite_table,
                              suite_output,  suite_chart,   suite_map,       suite_reportdef, suite_sdc,
                              suite_protect};
    for (size_t i = 0; i < sizeof suites / sizeof *suites; i++)
        suites[i]();
    printf("unit tests: %d checks, %d failed\n", check_run, check_failed);
    return check_failed ? 1 : 0;
}
