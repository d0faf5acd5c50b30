/* schema.h: the export's files and fields: names, types, which file holds them, which are required. */
#ifndef TP_SCHEMA_H
#define TP_SCHEMA_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "read/vocab.h"

enum field_id {
    F_CASE_ID, F_REPORTED_ON, F_REGION, F_CITY, F_ORIGIN, F_DESTINATION, F_TRANSIT,
    F_EXPLOITATION, F_RECRUITMENT, F_TRANSPORT, F_SOURCE, F_STATUS, F_STATUS_ON,
    F_VICTIM_ID, F_SEX, F_AGE, F_BIRTH_DATE, F_NATIONALITY, F_HOME, F_ID_DOCUMENT, F_ASSISTANCE,
    F_SUSPECT_ID, F_IDENTIFIED_ON, F_DETAINED, F_PROSECUTED, F_CONVICTED, F_SENTENCE_YEARS,
    F_WEIGHT, /* "count": the records a row stands for */
    F_REPORTED_YEAR, F_REPORTED_MONTH, /* reported_on in two columns, when it has none */
    F_COUNT
};

enum field_type {
    T_ID,      /* an identifier, kept as written (trimmed) */
    T_DATE,    /* a calendar date */
    T_PLACE,   /* a region, province, city, ubigeo code or country */
    T_PLACES,  /* places in order, separated by ';' */
    T_VOCAB,   /* a word of a value set (struct field.vocab) */
    T_AGE,     /* whole years or a band */
    T_COUNTRY, /* a country or demonym; the first of a ';' list */
    T_NUMBER,  /* a non-negative decimal number */
    T_WHOLE,   /* a whole number from 0 */
};

enum file_kind { K_CASES, K_VICTIMS, K_SUSPECTS, K_FLAT, K_COUNT };

struct field {
    const char *name;
    enum field_type type;
    enum vocab_id vocab; /* for T_VOCAB */
};

extern const struct field fields[F_COUNT];

typedef uint32_t field_mask; /* bit f set: field f */
_Static_assert(F_COUNT <= sizeof(field_mask) * CHAR_BIT, "a field_mask holds a bit per field");

field_mask kind_fields(enum file_kind k);   /* fields a file of this kind may hold */
field_mask kind_required(enum file_kind k); /* fields whose column must exist and value be set */
const char *kind_name(enum file_kind k);    /* "cases", "victims", "suspects", "flat" */
int field_find(const char *name);           /* field id or -1 */

#endif
