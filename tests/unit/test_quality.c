/* test_quality.c: the data-quality log masks what could identify a person. */
#include "check.h"
#include "read/quality.h"
#include "util/mask.h"

static const char *mask(const char *s)
{
    static struct buf b;
    mask_value(s, strlen(s), &b);
    return buf_cstr(&b);
}

static const char *quote(const char *s)
{
    static struct buf b;
    mask_quote(s, strlen(s), &b);
    return buf_cstr(&b);
}

/* Identity numbers and phones written with separators (issue 13), and what is not one. */
static void suite_mask_separators(void)
{
    CHECK_STR(mask("45.678.913"), "##.###.###");
    CHECK_STR(mask("4567-8914"), "####-####");
    CHECK_STR(mask("DNI 4567 8912"), "DNI #### ####");
    CHECK_STR(mask("987-654-321"), "###-###-###");
    CHECK_STR(mask("+51 999 888 777"), "+## ### ### ###");
    CHECK_STR(mask("(01) 234-5678"), "(##) ###-####");
    CHECK_STR(mask("tel\xc2\xa0""999\xc2\xa0""888\xc2\xa0""777"), "tel\xc2\xa0###\xc2\xa0###\xc2\xa0###");
    CHECK_STR(mask("12 34 56 78"), "## ## ## ##");    /* 8 digits in pairs */
    CHECK_STR(mask("123-456"), "123-456");            /* 6 digits: not a number of a person */
    CHECK_STR(mask("12 años 345 6789"), "12 años ### ####");
    CHECK_STR(mask("1 - 2 - 3 - 4 - 5 - 6 - 7"), "# - # - # - # - # - # - #");
    CHECK_STR(mask("1    2345678"), "1    #######"); /* 4 blanks part two numbers */
    /* A date's three groups are a date, and a number after it is still masked. */
    CHECK_STR(mask("2007-02-29"), "2007-02-29");
    CHECK_STR(mask("29.02.2007"), "29.02.2007");
    CHECK_STR(mask("2007-02-29 10"), "2007-02-29 10");
    CHECK_STR(mask("2007-02-29 45678913"), "2007-02-29 ########");
    CHECK_STR(mask("2007.02-29"), "####.##-##");      /* mixed separators: not a date */
    CHECK_STR(mask("2018-2014"), "2018-2014");        /* a range of years */
    CHECK_STR(mask("2018-2014-5"), "####-####-#");
    CHECK_STR(mask("4567-2014"), "####-####");        /* 4567 is no year */
    CHECK_STR(mask("45678913-2007-02-29"), "########-####-##-##");
    /* A stray UTF-8 continuation byte after a digit (input not yet rejected) is its own. */
    CHECK_STR(mask("12345678\x80"), "########\x80");
    CHECK_STR(mask("1\x80""2345678"), "1\x80#######");
    /* Stray continuation bytes: a character is 4 bytes at most, and the cut holds. */
    char stray[262];
    memset(stray, 0x80, sizeof stray);
    struct buf sb = {0};
    mask_value(stray, 100, &sb);
    CHECK_INT(sb.len, 100); /* 25 characters of 4 bytes */
    memcpy(stray, "\xc3\xa9", 2);
    mask_value(stray, sizeof stray, &sb);
    CHECK_INT(sb.len, 240 + 3); /* 60 characters of 4 bytes, and "…" */
    buf_free(&sb);
    /* The cut at 60 characters counts a masked digit as one. */
    CHECK_STR(mask("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz 987 654 321"),
              "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz ### ###…");
    /* What data_quality.csv may quote: no run of 3 digits, at most two words; else the shape. */
    CHECK_STR(quote("doce"), "doce");
    CHECK_STR(quote("Nueva York"), "Nueva York");
    CHECK_STR(quote("17.9"), "17.9");
    CHECK_STR(quote("=HYPERLINK(1)"), "=HYPERLINK(1)");
    CHECK_STR(quote("María Quispe Huamán"), "3 words, 17 letters");
    CHECK_STR(quote("45.678.913"), "1 word, 8 digits");
    CHECK_STR(quote("DNI 4567 8912"), "3 words, 3 letters, 8 digits");
    CHECK_STR(quote("2007-02-29"), "1 word, 8 digits");
    CHECK_STR(quote("1.2.3.4.5.6.7"), "1 word, 7 digits"); /* short groups, but 7 digits */
    CHECK_STR(quote("x 123"), "2 words, 1 letter, 3 digits");
    CHECK_STR(quote(""), "");
    CHECK(mask_quotable("12 de mayo", 10) == false);
    struct buf b = {0};
    mask_shape(" \t", 2, &b);
    CHECK_STR(buf_cstr(&b), "empty");
    buf_free(&b);
}

void suite_quality(void)
{
    suite_mask_separators();
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
    CHECK_STR(dq_quote(&q, &q.entries[0]), "doce");
    CHECK(dq_add(&q, f, 5, F_NATIONALITY, "DNI 4567 8912", 13, DQ_KEPT_AS_UNKNOWN, "not known"));
    CHECK_STR(dq_value(&q, &q.entries[2]), "DNI #### ####");
    CHECK_STR(dq_quote(&q, &q.entries[2]), "3 words, 3 letters, 8 digits");
    CHECK_STR(dq_file_name(&q, f), "victims.csv");
    snprintf(q.files[f].sha256, sizeof q.files[f].sha256, "%s",
             "5b8e89bda1a96fc51ffe7dd24216c49e06819d9615aaaaaaaaaaaaaaaaaaaaaa");
    dq_name_by_hash(&q);
    CHECK_STR(dq_file_name(&q, f), "sha256:5b8e89bd");
    CHECK_STR(dq_problem(&q, &q.entries[1]), "duplicate");
    CHECK_STR(dq_action_name(DQ_NOT_IN_PERIOD_TABLES), "not_in_period_tables");
    /* A field as the file wrote it: its column's header, else its field name. */
    CHECK(dq_column(&q, f, 4, "Edad", "age"));
    CHECK(dq_column(&q, f, 2, "Finalidad sexual", "exploitation:sexual"));
    CHECK_STR(dq_field_header(&q, f, F_AGE), "Edad");
    CHECK_STR(dq_field_header(&q, f, F_EXPLOITATION), "exploitation");
    CHECK_STR(dq_field_header(&q, f, -1), "");
    CHECK(dq_column(&q, f, 7, "DNI 4567-8912", "sex")); /* a header is masked as a value */
    CHECK_STR(dq_field_header(&q, f, F_SEX), "DNI ####-####");
    quality_free(&q);
}
