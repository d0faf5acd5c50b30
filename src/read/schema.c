/* schema.c: the field table of the input contract (docs/input-format.md says it in words). */
#include "read/schema.h"

#include <string.h>

#define B(f) ((field_mask)1 << (f))

const struct field fields[F_COUNT] = {
    [F_CASE_ID] = {"case_id", T_ID, 0},
    [F_REPORTED_ON] = {"reported_on", T_DATE, 0},
    [F_REGION] = {"region", T_PLACE, 0},
    [F_CITY] = {"city", T_PLACE, 0},
    [F_ORIGIN] = {"origin", T_PLACE, 0},
    [F_DESTINATION] = {"destination", T_PLACE, 0},
    [F_TRANSIT] = {"transit", T_PLACES, 0},
    [F_EXPLOITATION] = {"exploitation", T_VOCAB, V_EXPLOITATION},
    [F_RECRUITMENT] = {"recruitment", T_VOCAB, V_RECRUITMENT},
    [F_TRANSPORT] = {"transport", T_VOCAB, V_TRANSPORT},
    [F_SOURCE] = {"source", T_VOCAB, V_SOURCE},
    [F_STATUS] = {"status", T_VOCAB, V_STATUS},
    [F_STATUS_ON] = {"status_on", T_DATE, 0},
    [F_VICTIM_ID] = {"victim_id", T_ID, 0},
    [F_SEX] = {"sex", T_VOCAB, V_SEX},
    [F_AGE] = {"age", T_AGE, 0},
    [F_BIRTH_DATE] = {"birth_date", T_DATE, 0},
    [F_NATIONALITY] = {"nationality", T_COUNTRY, 0},
    [F_HOME] = {"home", T_PLACE, 0},
    [F_ID_DOCUMENT] = {"id_document", T_VOCAB, V_YESNO},
    [F_ASSISTANCE] = {"assistance", T_VOCAB, V_ASSISTANCE},
    [F_SUSPECT_ID] = {"suspect_id", T_ID, 0},
    [F_IDENTIFIED_ON] = {"identified_on", T_DATE, 0},
    [F_DETAINED] = {"detained", T_VOCAB, V_YESNO},
    [F_PROSECUTED] = {"prosecuted", T_VOCAB, V_YESNO},
    [F_CONVICTED] = {"convicted", T_VOCAB, V_YESNO},
    [F_SENTENCE_YEARS] = {"sentence_years", T_NUMBER, 0},
    [F_WEIGHT] = {"count", T_WHOLE, 0},
    [F_REPORTED_YEAR] = {"reported_year", T_DATE, 0},
    [F_REPORTED_MONTH] = {"reported_month", T_DATE, 0},
};

static const field_mask case_fields =
    B(F_CASE_ID) | B(F_REPORTED_ON) | B(F_REGION) | B(F_CITY) | B(F_ORIGIN) | B(F_DESTINATION) |
    B(F_TRANSIT) | B(F_EXPLOITATION) | B(F_RECRUITMENT) | B(F_TRANSPORT) | B(F_SOURCE) |
    B(F_STATUS) | B(F_STATUS_ON) | B(F_WEIGHT) | B(F_REPORTED_YEAR) | B(F_REPORTED_MONTH);
static const field_mask victim_fields = B(F_VICTIM_ID) | B(F_CASE_ID) | B(F_SEX) | B(F_AGE) |
                                        B(F_BIRTH_DATE) | B(F_NATIONALITY) | B(F_HOME) |
                                        B(F_ID_DOCUMENT) | B(F_ASSISTANCE) | B(F_WEIGHT);
static const field_mask suspect_fields = B(F_SUSPECT_ID) | B(F_CASE_ID) | B(F_SEX) |
                                         B(F_NATIONALITY) | B(F_IDENTIFIED_ON) | B(F_DETAINED) |
                                         B(F_PROSECUTED) | B(F_CONVICTED) | B(F_SENTENCE_YEARS) |
                                         B(F_WEIGHT);

field_mask kind_fields(enum file_kind k)
{
    switch (k) {
    case K_CASES:
        return case_fields;
    case K_VICTIMS:
        return victim_fields;
    case K_SUSPECTS:
        return suspect_fields;
    case K_FLAT:
        return case_fields | victim_fields;
    default:
        return 0;
    }
}

field_mask kind_required(enum file_kind k)
{
    switch (k) {
    case K_CASES:
        return B(F_CASE_ID) | B(F_REPORTED_ON);
    case K_VICTIMS:
        return B(F_VICTIM_ID) | B(F_CASE_ID);
    case K_SUSPECTS:
        return B(F_SUSPECT_ID) | B(F_IDENTIFIED_ON);
    case K_FLAT: /* one row per victim; ids optional: a row without case_id is its own case */
        return B(F_REPORTED_ON);
    default:
        return 0;
    }
}

const char *kind_name(enum file_kind k)
{
    static const char *const names[K_COUNT] = {"cases", "victims", "suspects", "flat"};
    return k < K_COUNT ? names[k] : "?";
}

int field_find(const char *name)
{
    for (int f = 0; f < F_COUNT; f++)
        if (strcmp(fields[f].name, name) == 0)
            return f;
    return -1;
}
