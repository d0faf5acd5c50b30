/* date.h: calendar dates as exports write them (ISO or day-first), held as yyyymmdd integers. */
#ifndef TP_DATE_H
#define TP_DATE_H

#include <stddef.h>
#include <stdint.h>

/* yyyymmdd: compares like a date and prints like one; 0 means no date. */
typedef int32_t tp_date;

/* Both ends included; 0 = open (every date in the data on that side). */
struct period {
    tp_date from, to;
};

enum date_status { DATE_OK, DATE_EMPTY, DATE_BAD_FORMAT, DATE_IMPOSSIBLE, DATE_OUT_OF_RANGE };

#define DATE_MIN_YEAR 1900
#define DATE_MAX_YEAR 2099

/* Accepts YYYY-MM-DD, DD/MM/YYYY, D/M/YYYY, DD-MM-YYYY (day first, always), optionally
 * followed by a time ("15/04/2007 10:30", "2007-04-15T10:30:00"), which is ignored. */
enum date_status date_parse(const char *s, size_t n, tp_date *out);
const char *date_problem(enum date_status st); /* words for a message */

tp_date date_make(int y, int m, int d); /* 0 when not a real date */
int date_year(tp_date d);
long date_to_days(tp_date d); /* days since 1970-01-01 */
tp_date date_from_days(long days);
int date_full_years(tp_date birth, tp_date on); /* age in whole years; -1 when birth > on */
void date_format(tp_date d, char out[11]);      /* "YYYY-MM-DD", "" for 0 */

#endif
