/* date.h: calendar dates as exports write them (ISO or day-first), held as yyyymmdd integers. */
#ifndef TP_DATE_H
#define TP_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* yyyymmdd: compares like a date and prints like one; 0 means no date. */
typedef int32_t tp_date;

/* Both ends included; 0 = open (every date in the data on that side). */
struct period {
    tp_date from, to;
};

enum date_status {
    DATE_OK, DATE_EMPTY, DATE_BAD_FORMAT, DATE_IMPOSSIBLE, DATE_OUT_OF_RANGE,
    DATE_BAD_MONTH, DATE_BAD_RANGE, DATE_NOT_YEAR, DATE_NOT_MONTH
};

/* How a profile's full dates are written (docs/profiles.md, key dates); YYYY-MM-DD is read
 * in every order. */
enum date_order { DATES_DAY_FIRST, DATES_MONTH_FIRST, DATES_ISO };

/* How much of a date a record gives: a day, a month, a year or a range of years. */
enum date_precision { PREC_DAY, PREC_MONTH, PREC_YEAR, PREC_RANGE };

/* A record's date as the days it may fall on, both included: first == last for a day. */
struct date_span {
    tp_date first, last;
    enum date_precision precision;
};

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2099

/* Accepts YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY (day first, always), optionally
 * followed by a time ("15/04/2007 10:30", "2007-04-15T10:30:00"), which is ignored. */
enum date_status date_parse(const char *s, size_t n, tp_date *out);
const char *date_problem(enum date_status st); /* words for a message */
/* A full date written in order (and its time, ignored). */
enum date_status date_parse_order(const char *s, size_t n, enum date_order order, tp_date *out);
/* A full date in order, a year (2017), a month (MM/YYYY, M/YYYY, MM-YYYY, YYYY-MM) or a range
 * of years (2014-2018). */
enum date_status date_parse_span(const char *s, size_t n, enum date_order order,
                                 struct date_span *out);
/* The span of year y, or of its month m (1-12; 0: the whole year). */
enum date_status date_span_of(int y, int m, struct date_span *out);
/* A year of four digits (1900-2099) in s: DATE_NOT_YEAR when not four digits. */
enum date_status date_parse_year(const char *s, size_t n, int *year);
/* A month as a number (1-12) or, given a fold_key() key, its name in Spanish or English
 * ("enero", "setiembre", "september", "sept"): 1-12, DATE_NOT_MONTH or DATE_BAD_MONTH. */
enum date_status date_parse_month(const char *s, size_t n, const char *key, int *month);

tp_date date_make(int y, int m, int d); /* 0 when not a real date */
int date_year(tp_date d);
long date_to_days(tp_date d); /* days since 1970-01-01 */
tp_date date_from_days(long days);
int date_full_years(tp_date birth, tp_date on); /* age in whole years; -1 when birth > on */
void date_format(tp_date d, char out[11]);      /* "YYYY-MM-DD", "" for 0 */

/* The period compared with p: it ends the day before p starts and is as long, counted in whole
 * months when p is whole calendar months (whole years are whole months: 2019-2020 gives
 * 2017-2018), else in days. Both ends 0 when p is open on either side or when the previous
 * period would start before DATE_MIN_YEAR. */
struct period period_previous(struct period p);

/* Whether a and b are the same days. */
bool period_same(struct period a, struct period b);

/* Whether p is one whole calendar month, quarter, half or year, or a run of whole years: the
 * periods public releases take by default, whose differences are whole months again. */
bool period_calendar(struct period p);

#endif
