/* number.h: numbers as the reports write them in each language: 1,234 and 51.6% in English,
 * 1 234 and 51,6 % in Spanish. */
#ifndef TP_NUMBER_H
#define TP_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* lang is a labels language ("es", "en"); any other writes English. Spanish groups thousands
 * with a narrow no-break space (U+202F) and puts a no-break space (U+00A0) before %, so that a
 * number never breaks across lines. Each writes at most size bytes, '\0' included (a number too long for out is cut). */
void number_count(uint64_t n, const char *lang, char *out, size_t size);
void number_signed(long long n, const char *lang, char *out, size_t size);      /* +34, -1,234 */
void number_percent(double fraction, const char *lang, char *out, size_t size); /* 51.6% */
/* With places decimals (a chart's axis: 40%). */
void number_percent_places(double fraction, int places, const char *lang, char *out, size_t size);
void number_percent_signed(double fraction, const char *lang, char *out, size_t size); /* +8.0% */
void number_decimal(double v, int places, const char *lang, char *out, size_t size); /* 0.41 */

#endif
