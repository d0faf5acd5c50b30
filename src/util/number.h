/* number.h: numbers as the reports write them: 1,234 and 51.6%. */
#ifndef TP_NUMBER_H
#define TP_NUMBER_H

#include <stddef.h>
#include <stdint.h>

/* Each writes at most size bytes, '\0' included (a number too long for out is cut). */
void number_count(uint64_t n, char *out, size_t size);
void number_percent(double fraction, char *out, size_t size);

#endif
