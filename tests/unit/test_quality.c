/* test_quality.c: the data-quality log masks what could identify a person. */
#include "check.h"
#include "read/quality.h"

static const char *mask(const char *s)
{
    static struct buf b;
    dq_mask_value(s, strlen(s), &b);
    return buf_cstr(&b);
}

void suite_quality(void)
{
    CHECK_STR(mask("doce"), "doce");
    CHECK_STR(mask("31/02/2007"), "31/02/2007");
    CHECK_STR(mask("41234567"), "########");         /* a DNI */
    CHECK_STR(mask("cel 987654321 casa"), "cel ######### casa");
    CHECK_STR(mask("080101"), "080101");             /* a ubigeo code stays */
    CHECK_STR(mask("áéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñ12345"),
              "áéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñáéíóúñ…");
    struct quality q = {0};
    int f = quality_file(&q, "in/victims.csv", K_VICTIMS);
    CHECK_STR(q.files[f].name, "victims.csv");
    CHECK(dq_add(&q, f, 3, F_AGE, "doce", 4, DQ_KEPT_AS_UNKNOWN, "not an age"));
    CHECK(dq_add(&q, f, 4, F_VICTIM_ID, "V1", 2, DQ_DUPLICATE_REJECTED, "duplicate"));
    CHECK_INT(q.nentries, 2);
    CHECK_INT(q.files[f].warnings, 1); /* rejections are counted by the reader, not here */
    CHECK_STR(dq_value(&q, &q.entries[0]), "doce");
    CHECK_STR(dq_problem(&q, &q.entries[1]), "duplicate");
    CHECK_STR(dq_action_name(DQ_NOT_IN_PERIOD_TABLES), "not_in_period_tables");
    /* A field as the file wrote it: its column's header, else its field name. */
    CHECK(dq_column(&q, f, 4, "Edad", "age"));
    CHECK(dq_column(&q, f, 2, "Finalidad sexual", "exploitation:sexual"));
    CHECK_STR(dq_field_header(&q, f, F_AGE), "Edad");
    CHECK_STR(dq_field_header(&q, f, F_EXPLOITATION), "exploitation");
    CHECK_STR(dq_field_header(&q, f, -1), "");
    quality_free(&q);
}
