/* age.h: ages as written (years, or a band such as "9-17" or "48+") and the output age bands. */
#ifndef TP_AGE_H
#define TP_AGE_H

#include <stdbool.h>
#include <stddef.h>

#define AGE_MAX 110
#define MAX_BANDS 16

/* An age as an interval of whole years; lo = -1 when unknown. An exact age has lo == hi. */
struct age {
    short lo, hi;
};

enum age_status { AGE_OK, AGE_EMPTY, AGE_BAD, AGE_RANGE };

/* "12", "12 años", "9-17", "9--17", "Age 9-17", "18 a 30", "De 18 a 29 años", "48+",
 * "48 o más", "60 a más"; the words "Minor" (0-17) and "Adult" (18+), in Spanish too. */
enum age_status age_parse(const char *s, size_t n, struct age *out);

enum minor { MINOR_YES, MINOR_NO, MINOR_UNKNOWN };
enum minor age_minor(struct age a); /* yes when all under 18, no when all 18 or over */

/* The output bands, in order, without gaps or overlaps; index n is "unknown". */
struct age_bands {
    int n;
    short lo[MAX_BANDS], hi[MAX_BANDS];
    char label[MAX_BANDS][12]; /* "0-17", "31+" */
};

/* "0-17,18-30,31+", or a preset's name: default (0-17,18-30,31+), inei
 * (0-5,6-11,12-17,18-29,30-59,60+), unodc (0-17,18+). On failure returns false and writes why. */
bool age_bands_parse(const char *spec, struct age_bands *out, char *why, size_t whysize);
void age_bands_default(struct age_bands *out);
int age_band(const struct age_bands *b, struct age a); /* band index, or b->n when unknown */
/* A band's name in tables and keys: its label, "unknown" for index n. */
const char *age_band_name(const struct age_bands *b, int band);
/* -1 when every band of want is a union of bands of have (both run from 0 to AGE_MAX without
 * gaps), else the index of the first band of want that is not. */
int age_bands_union_of(const struct age_bands *want, const struct age_bands *have);
/* The labels for reading: "0-17, 18-30, 31+" (cut to size). */
void age_bands_format(const struct age_bands *b, char *out, size_t size);

#endif
