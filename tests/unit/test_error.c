/* test_error.c: the error table and the message format are a contract: pinned here. */
#include "check.h"
#include "util/error.h"

void suite_error(void)
{
    /* One message and one exit code per error, none left empty. */
    static const char *const expected[TP_ERR_COUNT] = {
        "no error", "out of memory", "usage error", "input cannot be read", "profile error",
        "config error", "rows rejected under --strict", "output cannot be written",
        "internal error", "no row could be counted", "the server cannot start"};
    static const int exits[TP_ERR_COUNT] = {0, 1, 2, 3, 3, 3, 4, 5, 1, 6, 7};
    for (int e = 0; e < TP_ERR_COUNT; e++) {
        CHECK_STR(tp_strerror((enum tp_err)e), expected[e]);
        CHECK_INT(tp_exit_code((enum tp_err)e), exits[e]);
    }
    CHECK_STR(tp_strerror(TP_ERR_COUNT), "unknown error");
    CHECK_INT(tp_exit_code(TP_ERR_COUNT), 1);

    struct tp_error err;
    char out[2000];
    tp_fail(&err, TP_ERR_INPUT, "in/victims.csv", 12, "age", "not an age: '%s'", "doce");
    tp_error_format(&err, out, sizeof out);
    CHECK_STR(out, "in/victims.csv:12: field 'age': not an age: 'doce'");
    tp_fail(&err, TP_ERR_INPUT, "in/victims.csv", 0, NULL, "is empty");
    tp_error_format(&err, out, sizeof out);
    CHECK_STR(out, "in/victims.csv: is empty");
    tp_fail(&err, TP_ERR_USAGE, NULL, 0, NULL, "bad");
    tp_error_format(&err, out, sizeof out);
    CHECK_STR(out, "bad");
    CHECK_INT(tp_fail(NULL, TP_ERR_OUTPUT, NULL, 0, NULL, "x"), TP_ERR_OUTPUT);
}
