/* test_date.c: day-first dates, impossible dates, arithmetic. */
#include "check.h"
#include "util/date.h"

static tp_date d(const char *s, enum date_status want)
{
    tp_date v;
    enum date_status st = date_parse(s, strlen(s), &v);
    CHECK_INT(st, want);
    return v;
}

void suite_date(void)
{
    CHECK_INT(d("2007-04-15", DATE_OK), 20070415);
    CHECK_INT(d("15/04/2007", DATE_OK), 20070415);
    CHECK_INT(d("5/4/2007", DATE_OK), 20070405); /* day first, always */
    CHECK_INT(d("05-04-2007", DATE_OK), 20070405);
    CHECK_INT(d(" 15/04/2007 10:30", DATE_OK), 20070415);
    CHECK_INT(d("2007-04-15T10:30:00.000", DATE_OK), 20070415);
    CHECK_INT(d("29/02/2008", DATE_OK), 20080229);
    d("29/02/2007", DATE_IMPOSSIBLE);
    d("31/02/2007", DATE_IMPOSSIBLE);
    d("2007-13-01", DATE_IMPOSSIBLE);
    d("0000-00-00", DATE_IMPOSSIBLE);
    d("9999-12-31", DATE_OUT_OF_RANGE);
    d("31/12/1899", DATE_OUT_OF_RANGE);
    d("", DATE_EMPTY);
    d("  ", DATE_EMPTY);
    d("15/04/07", DATE_BAD_FORMAT);
    d("04/15/2007x", DATE_BAD_FORMAT);
    d("15.04.2007", DATE_BAD_FORMAT);
    d("39187", DATE_BAD_FORMAT);
    d("2007/04/15", DATE_BAD_FORMAT);
    d("15/04-2007", DATE_BAD_FORMAT);
    d("15/04/2007 25:00", DATE_BAD_FORMAT);
    CHECK_INT(date_to_days(19700101), 0);
    CHECK_INT(date_to_days(20080229) - date_to_days(20070401), 334);
    CHECK_INT(date_from_days(date_to_days(20080229) + 1), 20080301);
    CHECK_INT(date_full_years(19900301, 20080228), 17);
    CHECK_INT(date_full_years(19900301, 20080301), 18);
    CHECK_INT(date_full_years(20000229, 20080228), 7);
    CHECK_INT(date_full_years(20080302, 20080301), -1);
    char out[11];
    date_format(20080229, out);
    CHECK_STR(out, "2008-02-29");
    date_format(0, out);
    CHECK_STR(out, "");
}
