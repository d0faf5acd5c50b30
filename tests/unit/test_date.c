/* test_date.c: dates in each order, months, years and ranges, impossible dates, arithmetic. */
#include "check.h"
#include "util/date.h"

static tp_date d(const char *s, enum date_status want)
{
    tp_date v;
    enum date_status st = date_parse(s, strlen(s), &v);
    CHECK_INT(st, want);
    return v;
}

/* A span as "first..last/precision", or the status's number when it is not DATE_OK. */
static void span(const char *s, enum date_order order, const char *want)
{
    struct date_span sp;
    enum date_status st = date_parse_span(s, strlen(s), order, &sp);
    char got[40];
    if (st == DATE_OK)
        snprintf(got, sizeof got, "%d..%d/%d", sp.first, sp.last, (int)sp.precision);
    else
        snprintf(got, sizeof got, "status %d", (int)st);
    CHECK_STR(got, want);
}

static void spans(void)
{
    /* Full dates: day precision (0), in the profile's order; ISO in every order. */
    span("15/04/2007", DATES_DAY_FIRST, "20070415..20070415/0");
    span("04/15/2007", DATES_MONTH_FIRST, "20070415..20070415/0");
    span("5/4/2007", DATES_MONTH_FIRST, "20070504..20070504/0");
    span("2007-04-15", DATES_MONTH_FIRST, "20070415..20070415/0");
    span("2007-04-15", DATES_ISO, "20070415..20070415/0");
    span("15/04/2007", DATES_ISO, "status 2");       /* bad format */
    span("15/04/2007", DATES_MONTH_FIRST, "status 3"); /* month 15: no such date */
    /* A month (1): MM/YYYY, M/YYYY, MM-YYYY, YYYY-MM; February of a leap year. */
    span("03/2019", DATES_DAY_FIRST, "20190301..20190331/1");
    span("2/2020", DATES_ISO, "20200201..20200229/1");
    span("11-2019", DATES_DAY_FIRST, "20191101..20191130/1");
    span("2019-03", DATES_DAY_FIRST, "20190301..20190331/1");
    span("13/2017", DATES_DAY_FIRST, "status 5");      /* DATE_BAD_MONTH */
    span("00/2017", DATES_DAY_FIRST, "status 5");
    span("2017-13", DATES_DAY_FIRST, "status 5");
    /* A year (2) and a range of years (3). */
    span("2017", DATES_DAY_FIRST, "20170101..20171231/2");
    span(" 2017 ", DATES_DAY_FIRST, "20170101..20171231/2");
    span("2014-2018", DATES_DAY_FIRST, "20140101..20181231/3");
    span("2016-2016", DATES_DAY_FIRST, "20160101..20161231/2");
    span("2018-2014", DATES_DAY_FIRST, "status 6");    /* DATE_BAD_RANGE */
    span("1850", DATES_DAY_FIRST, "status 4");         /* DATE_OUT_OF_RANGE */
    span("2014-2150", DATES_DAY_FIRST, "status 4");
    span("201", DATES_DAY_FIRST, "status 2");
    span("20177", DATES_DAY_FIRST, "status 2");
    span("", DATES_DAY_FIRST, "status 1");
    int y, m;
    CHECK_INT(date_parse_year("2017", 4, &y), DATE_OK);
    CHECK_INT(y, 2017);
    CHECK_INT(date_parse_year("20X7", 4, &y), DATE_NOT_YEAR);
    CHECK_INT(date_parse_year("17", 2, &y), DATE_NOT_YEAR);
    CHECK_INT(date_parse_year("1776", 4, &y), DATE_OUT_OF_RANGE);
    CHECK_INT(date_parse_year(" ", 1, &y), DATE_EMPTY);
    /* Months: numbers, or names (already folded by the caller) in Spanish or English. */
    static const struct {
        const char *text, *key;
        int status, month;
    } months[] = {
        {"3", NULL, DATE_OK, 3},          {"12", NULL, DATE_OK, 12},
        {"13", NULL, DATE_BAD_MONTH, 13}, {"0", NULL, DATE_BAD_MONTH, 0},
        {"ENERO", "enero", DATE_OK, 1},   {"Setiembre", "setiembre", DATE_OK, 9},
        {"Septiembre", "septiembre", DATE_OK, 9}, {"January", "january", DATE_OK, 1},
        {"Dic", "dic", DATE_OK, 12},      {"Brumaire", "brumaire", DATE_NOT_MONTH, 0},
    };
    for (size_t i = 0; i < sizeof months / sizeof *months; i++) {
        CHECK_INT(date_parse_month(months[i].text, strlen(months[i].text), months[i].key, &m),
                  months[i].status);
        CHECK_INT(m, months[i].month);
    }
    struct date_span sp;
    CHECK_INT(date_span_of(2019, 0, &sp), DATE_OK);
    CHECK_INT(sp.last, 20191231);
    CHECK_INT(date_span_of(2019, 2, &sp), DATE_OK);
    CHECK_INT(sp.last, 20190228);
}

/* The period compared with from..to, as "first..last" ("0..0": none). */
static void previous(tp_date from, tp_date to, const char *want)
{
    struct period p = period_previous((struct period){from, to});
    char got[24];
    snprintf(got, sizeof got, "%d..%d", p.from, p.to);
    CHECK_STR(got, want);
}

/* Worked by hand: whole years and months go back by as many of them, other periods by days. */
static void previous_periods(void)
{
    previous(20190101, 20201231, "20170101..20181231");  /* 2019-2020: 2017-2018 */
    previous(20170101, 20171231, "20160101..20161231");  /* leap 2016 whole, not from 01-02 */
    previous(20210101, 20211231, "20200101..20201231");
    previous(20190301, 20190531, "20181201..20190228");  /* 2019-03..05: 2018-12..2019-02 */
    previous(20200301, 20200331, "20200201..20200229");  /* March: February of a leap year */
    previous(20190301, 20191231, "20180501..20190228");  /* 10 months */
    previous(20070401, 20080229, "20060501..20070331");  /* the sample's 11 months */
    previous(20200101, 20200229, "20191101..20191231");  /* ends on a leap day: whole months */
    previous(20190101, 20190228, "20181101..20181231");
    /* Not whole months: as many days, ending the day before. */
    previous(20200301, 20200310, "20200220..20200229");  /* 10 days back over 29 February */
    previous(20190301, 20190310, "20190219..20190228");
    previous(20190102, 20191231, "20180103..20190101");  /* 364 days */
    previous(20190101, 20191230, "20180102..20181231");  /* 364 days */
    previous(20200215, 20200315, "20200116..20200214");  /* 30 days: 15 of a leap February */
    previous(20070415, 20070415, "20070414..20070414");  /* one day */
    /* Open periods and a previous one before 1900: none. */
    previous(0, 20191231, "0..0");
    previous(20190101, 0, "0..0");
    previous(19000101, 19001231, "0..0");
    previous(19010101, 19011231, "19000101..19001231");
}

/* Public mode's default periods: whole calendar months, quarters, halves, years, runs of years. */
static void calendar_periods(void)
{
    static const struct {
        tp_date from, to;
        int want;
    } cases[] = {
        {20070101, 20071231, 1}, {20060101, 20081231, 1}, /* a year, three years */
        {20070101, 20070630, 1}, {20070701, 20071231, 1}, /* the halves */
        {20070401, 20070630, 1}, {20071001, 20071231, 1}, /* Q2, Q4 */
        {20080201, 20080229, 1}, {20070401, 20070430, 1}, /* a leap February, April */
        {20070401, 20080229, 0}, /* the sample's 11 months */
        {20070501, 20070731, 0}, {20070201, 20070731, 0}, /* 3 and 6 months, off the grid */
        {20070401, 20080331, 0}, {20070101, 20080630, 0}, /* 12 months from April, 18 */
        {20070101, 20071230, 0}, {20070102, 20071231, 0}, /* a day short at either end */
        {20080201, 20080228, 0}, {0, 20071231, 0},       {20070101, 0, 0},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK_INT(period_calendar((struct period){cases[i].from, cases[i].to}), cases[i].want);
}

void suite_date(void)
{
    previous_periods();
    calendar_periods();
    spans();
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
