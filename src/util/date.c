/* date.c: date parsing (full dates, months, years, ranges) and arithmetic on the proleptic Gregorian calendar. */
#include "util/date.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int days_in_month(int y, int m)
{
    static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

tp_date date_make(int y, int m, int d)
{
    if (m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
        return 0;
    return y * 10000 + m * 100 + d;
}

int date_year(tp_date d) { return d / 10000; }

/* Reads 1..max digits; returns the count read (0 when none). */
static size_t digits(const char *s, size_t n, size_t max, int *v)
{
    size_t i = 0;
    *v = 0;
    while (i < n && i < max && s[i] >= '0' && s[i] <= '9')
        *v = *v * 10 + (s[i++] - '0');
    return i;
}

/* A time after the date: [ T]H[H]:MM[:SS[.fff]] and nothing else. */
static bool time_suffix(const char *s, size_t n)
{
    if (n == 0)
        return true;
    if (s[0] != ' ' && s[0] != 'T')
        return false;
    size_t i = 1;
    while (i < n && s[i] == ' ')
        i++;
    int v;
    size_t k = digits(s + i, n - i, 2, &v);
    if (!k || v > 23)
        return false;
    i += k;
    for (int part = 0; part < 2 && i < n && s[i] == ':'; part++) {
        i++;
        k = digits(s + i, n - i, 2, &v);
        if (k != 2 || v > 59)
            return false;
        i += k;
    }
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9')
            i++;
    }
    return i == n;
}

static const char *trim(const char *s, size_t *n)
{
    while (*n && (*s == ' ' || *s == '\t'))
        s++, (*n)--;
    while (*n && (s[*n - 1] == ' ' || s[*n - 1] == '\t'))
        (*n)--;
    return s;
}

enum date_status date_parse(const char *s, size_t n, tp_date *out)
{
    return date_parse_order(s, n, DATES_DAY_FIRST, out);
}

enum date_status date_parse_order(const char *s, size_t n, enum date_order order, tp_date *out)
{
    *out = 0;
    s = trim(s, &n);
    if (n == 0)
        return DATE_EMPTY;
    int a, b, c;
    size_t i = digits(s, n, 4, &a);
    int y, m, d;
    if (i == 4) { /* YYYY-MM-DD */
        if (i >= n || s[i] != '-')
            return DATE_BAD_FORMAT;
        size_t k = digits(s + i + 1, n - i - 1, 2, &b);
        if (!k)
            return DATE_BAD_FORMAT;
        i += 1 + k;
        if (i >= n || s[i] != '-')
            return DATE_BAD_FORMAT;
        k = digits(s + i + 1, n - i - 1, 2, &c);
        if (!k)
            return DATE_BAD_FORMAT;
        i += 1 + k;
        y = a, m = b, d = c;
    } else if ((i == 1 || i == 2) && order != DATES_ISO) { /* D/M/YYYY, DD-MM-YYYY or M/D/YYYY */
        if (i >= n || (s[i] != '/' && s[i] != '-'))
            return DATE_BAD_FORMAT;
        char sep = s[i];
        size_t k = digits(s + i + 1, n - i - 1, 2, &b);
        if (!k)
            return DATE_BAD_FORMAT;
        i += 1 + k;
        if (i >= n || s[i] != sep)
            return DATE_BAD_FORMAT;
        k = digits(s + i + 1, n - i - 1, 4, &c);
        if (k != 4)
            return DATE_BAD_FORMAT;
        i += 1 + k;
        d = order == DATES_MONTH_FIRST ? b : a;
        m = order == DATES_MONTH_FIRST ? a : b;
        y = c;
    } else {
        return DATE_BAD_FORMAT;
    }
    if (!time_suffix(s + i, n - i))
        return DATE_BAD_FORMAT;
    if (y < DATE_MIN_YEAR || y > DATE_MAX_YEAR)
        return m >= 1 && m <= 12 && d >= 1 && d <= 31 ? DATE_OUT_OF_RANGE : DATE_IMPOSSIBLE;
    tp_date v = date_make(y, m, d);
    if (!v)
        return DATE_IMPOSSIBLE;
    *out = v;
    return DATE_OK;
}

const char *date_problem(enum date_status st)
{
    switch (st) {
    case DATE_OK:
        return "valid date";
    case DATE_EMPTY:
        return "empty";
    case DATE_BAD_FORMAT:
        return "not a date (write YYYY-MM-DD or DD/MM/YYYY)";
    case DATE_IMPOSSIBLE:
        return "no such date";
    case DATE_OUT_OF_RANGE:
        return "year outside 1900-2099";
    case DATE_BAD_MONTH:
        return "no such month (months are 1 to 12)";
    case DATE_BAD_RANGE:
        return "a range of years must start before it ends (2014-2018)";
    case DATE_NOT_YEAR:
        return "not a year (four digits, as 2017)";
    case DATE_NOT_MONTH:
        return "not a month (1 to 12, or its name in Spanish or English)";
    }
    return "?";
}

static bool year_ok(int y) { return y >= DATE_MIN_YEAR && y <= DATE_MAX_YEAR; }

enum date_status date_span_of(int y, int m, struct date_span *out)
{
    memset(out, 0, sizeof *out);
    if (!year_ok(y))
        return DATE_OUT_OF_RANGE;
    if (m < 0 || m > 12)
        return DATE_BAD_MONTH;
    out->first = date_make(y, m ? m : 1, 1);
    out->last = date_make(y, m ? m : 12, days_in_month(y, m ? m : 12));
    out->precision = m ? PREC_MONTH : PREC_YEAR;
    return DATE_OK;
}

/* A range of years y1-y2: a year when both are one. */
static enum date_status range_span(int y1, int y2, struct date_span *out)
{
    enum date_status st = date_span_of(y1, 0, out);
    if (st != DATE_OK || y2 == y1)
        return st;
    if (!year_ok(y2))
        return DATE_OUT_OF_RANGE;
    if (y2 < y1)
        return DATE_BAD_RANGE;
    out->last = date_make(y2, 12, 31);
    out->precision = PREC_RANGE;
    return DATE_OK;
}

enum date_status date_parse_span(const char *s, size_t n, enum date_order order,
                                 struct date_span *out)
{
    memset(out, 0, sizeof *out);
    s = trim(s, &n);
    int a, b;
    size_t i = digits(s, n, 5, &a);
    if (i == 4 && i == n)
        return date_span_of(a, 0, out); /* 2017 */
    if (i == 4 && s[i] == '-') {
        size_t k = digits(s + 5, n - 5, 5, &b);
        if (5 + k == n && k == 4)
            return range_span(a, b, out); /* 2014-2018 */
        if (5 + k == n && (k == 1 || k == 2))
            return date_span_of(a, b ? b : 13, out); /* 2019-03 */
    }
    if ((i == 1 || i == 2) && i < n && (s[i] == '/' || s[i] == '-')) {
        size_t k = digits(s + i + 1, n - i - 1, 5, &b);
        if (i + 1 + k == n && k == 4)
            return date_span_of(b, a ? a : 13, out); /* 03/2019 */
    }
    enum date_status st = date_parse_order(s, n, order, &out->first);
    out->last = out->first;
    return st;
}

enum date_status date_parse_year(const char *s, size_t n, int *year)
{
    s = trim(s, &n);
    *year = 0;
    if (n == 0)
        return DATE_EMPTY;
    if (n != 4 || digits(s, n, 4, year) != 4)
        return DATE_NOT_YEAR;
    return year_ok(*year) ? DATE_OK : DATE_OUT_OF_RANGE;
}

enum date_status date_parse_month(const char *s, size_t n, const char *key, int *month)
{
    /* Spanish and English, full and as usually cut short; Peru writes "setiembre". */
    static const char *const names[12][6] = {
        {"enero", "ene", "january", "jan"},
        {"febrero", "feb", "february"},
        {"marzo", "mar", "march"},
        {"abril", "abr", "april", "apr"},
        {"mayo", "may"},
        {"junio", "jun", "june"},
        {"julio", "jul", "july"},
        {"agosto", "ago", "august", "aug"},
        {"septiembre", "setiembre", "set", "sep", "september", "sept"},
        {"octubre", "oct", "october"},
        {"noviembre", "nov", "november"},
        {"diciembre", "dic", "december", "dec"}};
    s = trim(s, &n);
    *month = 0;
    if (n == 0)
        return DATE_EMPTY;
    if (digits(s, n, 3, month) == n)
        return *month >= 1 && *month <= 12 ? DATE_OK : DATE_BAD_MONTH;
    *month = 0;
    for (int m = 0; key && m < 12; m++)
        for (int k = 0; k < 6 && names[m][k]; k++)
            if (!strcmp(key, names[m][k])) {
                *month = m + 1;
                return DATE_OK;
            }
    return DATE_NOT_MONTH;
}

/* Howard Hinnant's days_from_civil / civil_from_days. */
long date_to_days(tp_date dt)
{
    long y = dt / 10000, m = dt / 100 % 100, d = dt % 100;
    y -= m <= 2;
    long era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400;
    long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

tp_date date_from_days(long z)
{
    z += 719468;
    long era = (z >= 0 ? z : z - 146096) / 146097;
    long doe = z - era * 146097;
    long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long y = yoe + era * 400;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp + (mp < 10 ? 3 : -9);
    y += m <= 2;
    return (tp_date)(y * 10000 + m * 100 + d);
}

int date_full_years(tp_date birth, tp_date on)
{
    if (birth > on)
        return -1;
    return (on - birth) / 10000; /* yyyymmdd difference: whole years exactly */
}

void date_format(tp_date d, char out[11])
{
    if (!d) {
        out[0] = '\0';
        return;
    }
    unsigned u = (unsigned)d;
    snprintf(out, 11, "%04u-%02u-%02u", u / 10000 % 10000, u / 100 % 100, u % 100);
}

/* Whole calendar months: from a first day to a last day. */
static bool whole_months(struct period p)
{
    int ty = p.to / 10000, tm = p.to / 100 % 100;
    return p.from % 100 == 1 && p.to % 100 == days_in_month(ty, tm);
}

bool period_same(struct period a, struct period b)
{
    return a.from == b.from && a.to == b.to;
}

bool period_calendar(struct period p)
{
    if (!p.from || !p.to || !whole_months(p))
        return false;
    int first = p.from / 100 % 100, months = (date_year(p.to) - date_year(p.from)) * 12 +
                                              p.to / 100 % 100 - first + 1;
    return months == 1 || (months == 3 && first % 3 == 1) ||
           (months == 6 && (first == 1 || first == 7)) || (first == 1 && months % 12 == 0);
}

struct period period_previous(struct period p)
{
    struct period prev = {0, 0};
    if (!p.from || !p.to)
        return prev;
    if (whole_months(p)) {
        /* Months counted from year 0: from + n months is a plain addition. */
        int from = p.from / 10000 * 12 + p.from / 100 % 100 - 1;
        int to = p.to / 10000 * 12 + p.to / 100 % 100 - 1;
        int first = from - (to - from + 1), last = from - 1;
        prev.from = date_make(first / 12, first % 12 + 1, 1);
        prev.to = date_make(last / 12, last % 12 + 1, days_in_month(last / 12, last % 12 + 1));
    } else {
        long from = date_to_days(p.from);
        long len = date_to_days(p.to) - from + 1;
        prev.from = date_from_days(from - len);
        prev.to = date_from_days(from - 1);
    }
    if (date_year(prev.from) < DATE_MIN_YEAR)
        prev.from = prev.to = 0;
    return prev;
}
