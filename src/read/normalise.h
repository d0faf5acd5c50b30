/* normalise.h: one field's text -> its code in the dataset record, every problem noted. */
#ifndef TP_NORMALISE_H
#define TP_NORMALISE_H

#include <stdbool.h>
#include <stddef.h>

#include "count/age.h"
#include "count/dataset.h"
#include "count/places.h"
#include "read/profile.h"
#include "read/quality.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/strmap.h"

/* The state of one file's normalisation. Values are read through the profile (its value sets
 * and its words for "not known") and the place tables; each problem becomes a data-quality
 * entry of the current row (file, line). Results of values read without a problem are
 * remembered per field, so a repeated value costs one lookup. */
struct normaliser {
    const struct profile *profile; /* borrowed */
    const struct places *places;   /* borrowed */
    struct quality *dq;            /* borrowed: where notes go */
    int file;                      /* in dq */
    long line;                     /* the current row's: the caller sets it for each row */
    bool rejected; /* the current row is rejected (norm_reject); the caller clears it per row */
    bool oom;      /* a note could not be stored: the run must stop */
    size_t unknown_longest[F_COUNT]; /* the profile's longest [unknown] key per field; 0: none */
    unsigned sex_letters; /* SEX_M, SEX_HV: the file's sex column wrote M, H or V; SEX_TOLD */
    struct strmap *memo[F_COUNT];
    struct buf key;
    char msg[600];
};

enum { SEX_M = 1, SEX_HV = 2, SEX_TOLD = 4 };

void norm_init(struct normaliser *z, const struct profile *pf, const struct places *pl,
               struct quality *dq, int file);
void norm_free(struct normaliser *z);

/* s without leading and trailing blanks (ASCII, no-break spaces) and byte-order marks; *n is
 * updated. */
const char *norm_trim(const char *s, size_t *n);

/* A warning on field (-1: the whole row) of the current row. */
void norm_note(struct normaliser *z, int field, const char *v, size_t n, enum dq_action a,
               const char *problem);
/* Rejects the current row: only the first reason is noted. */
void norm_reject(struct normaliser *z, int field, const char *v, size_t n, enum dq_action a,
                 const char *problem);
/* A message built for one note; valid until the next norm_fmt(). */
const char *norm_fmt(struct normaliser *z, const char *f, ...)
    __attribute__((format(printf, 2, 3)));

/* Each function below takes the field's trimmed text (s, n; n == 0: blank or absent). */

/* A required text (an id, the region): the row is rejected when it is empty. Ids are
 * compared as written (case counts), once trimmed. */
void norm_required(struct normaliser *z, int f, size_t n);

/* A value-set field: the code (single) or the mask of codes (multi, items separated by ';');
 * unknown is the value set's ncodes (single) or 0 (multi). Unrecognised words become the
 * value set's fallback, with a warning. */
unsigned norm_value(struct normaliser *z, int f, const char *s, size_t n);

/* One 0/1 (or yes/no) indicator column of multi-valued field f standing for code: the bit of
 * code when yes; 0 when no, unknown or blank; a warning when none of these. */
unsigned norm_indicator(struct normaliser *z, int f, int code, const char *s, size_t n);

/* What a place field is for: a case's region, its city, or a stop of a route (or a home,
 * which may be abroad). */
enum place_use { USE_REGION, USE_CITY, USE_ROUTE };

/* A place field, as its use needs it: a region code (or a foreign place's code for routes),
 * or for cities the province. Problems: unknown (PLACE_UNKNOWN) with a warning. */
struct place norm_place(struct normaliser *z, int f, const char *s, size_t n,
                        enum place_use use);

/* A route: origin and destination places, and the transit places separated by ';' (stops in
 * the region just left, and at the end in the destination, add nothing). */
struct route_key norm_route(struct normaliser *z, const char *origin, size_t norigin,
                            const char *destination, size_t ndestination, const char *transit,
                            size_t ntransit);

/* Whether the profile's [unknown] codes of field f hold s (read then as blank): checked
 * before anything else, so that SD is not Sudan. When s is also an ISO 3166-1 code in capitals
 * (SD, NA, NO) and f a nationality or a place, a warning says which country it is not. */
bool norm_unknown_code(struct normaliser *z, int f, const char *s, size_t n);

/* A country or nationality (the first of several separated by ';'): its index, -1 unknown. */
int norm_country(struct normaliser *z, int f, const char *s, size_t n);

/* A date: 0 when blank or unreadable. A required date's problem rejects the row; an
 * optional one's is a warning. */
tp_date norm_date(struct normaliser *z, int f, const char *s, size_t n, bool required);

/* The date a case was reported (required): a full date, a month, a year or a range of years
 * (util/date.h); problems reject the row. */
struct date_span norm_date_span(struct normaliser *z, int f, const char *s, size_t n);
/* The same from a year column and a month column (a number or a month's name; blank: the
 * whole year). */
struct date_span norm_year_month(struct normaliser *z, const char *year, size_t nyear,
                                 const char *month, size_t nmonth);

/* The victim's age: from the age field, or when it is blank from the birth date and the date
 * the case was reported (0: not known). Unknown (lo = -1) with a warning when unreadable. */
struct age norm_age(struct normaliser *z, const char *age, size_t nage, const char *birth,
                    size_t nbirth, tp_date reported_on);

/* The band 0-17 when s (a sex column's "Niña", "Niño", "Menor") is a word for a minor; else
 * unknown (lo = -1). No warning. */
struct age norm_minor_word(struct normaliser *z, const char *s, size_t n);

/* A number of years from 0 to 99 (a decimal point or comma allowed): -1 when blank or not
 * such a number (with a warning). */
double norm_number(struct normaliser *z, int f, const char *s, size_t n);

/* The count column: the records the row stands for, a whole number from 0 (at most
 * 999,999,999). Blank is 0 with a warning; anything else rejects the row. */
uint32_t norm_weight(struct normaliser *z, const char *s, size_t n);

#endif
