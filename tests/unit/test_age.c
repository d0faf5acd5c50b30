/* test_age.c: ages and bands as intervals; minors; output bands. */
#include "count/age.h"
#include "check.h"

static struct age a(const char *s, enum age_status want)
{
    struct age v;
    CHECK_INT(age_parse(s, strlen(s), &v), want);
    return v;
}

void suite_age(void)
{
    struct age v = a("15", AGE_OK);
    CHECK(v.lo == 15 && v.hi == 15);
    v = a(" 0 ", AGE_OK);
    CHECK(v.lo == 0 && v.hi == 0);
    v = a("12 años", AGE_OK);
    CHECK(v.lo == 12 && v.hi == 12);
    v = a("9--17", AGE_OK);
    CHECK(v.lo == 9 && v.hi == 17);
    v = a("Age 9-17", AGE_OK);
    CHECK(v.lo == 9 && v.hi == 17);
    v = a("18 a 30", AGE_OK);
    CHECK(v.lo == 18 && v.hi == 30);
    v = a("48+", AGE_OK);
    CHECK(v.lo == 48 && v.hi == AGE_MAX);
    v = a("60 o más", AGE_OK);
    CHECK(v.lo == 60 && v.hi == AGE_MAX);
    /* Labelled bands and the words of victim-level files (CTDC, the police observatory). */
    static const struct {
        const char *text;
        short lo, hi;
    } labelled[] = {{"De 18 a 29 años", 18, 29}, {"De 0 a 5 años", 0, 5},
                    {"60 a más", 60, AGE_MAX},   {"De 60 a más años", 60, AGE_MAX},
                    {"60 a mas", 60, AGE_MAX},   {"Adult", 18, AGE_MAX},
                    {"MINOR", 0, 17},            {"Menor de edad", 0, 17},
                    {" adulto ", 18, AGE_MAX},   {"Mayor de edad", 18, AGE_MAX}};
    for (size_t i = 0; i < sizeof labelled / sizeof *labelled; i++) {
        v = a(labelled[i].text, AGE_OK);
        CHECK(v.lo == labelled[i].lo && v.hi == labelled[i].hi);
    }
    CHECK_INT(age_minor(a("Minor", AGE_OK)), MINOR_YES);
    CHECK_INT(age_minor(a("Adult", AGE_OK)), MINOR_NO);
    /* Niña and niño: any minor (the words the reader folds to lower case). */
    v = a("ni\xc3\xb1" "a", AGE_OK);
    CHECK(v.lo == 0 && v.hi == 17);
    v = a("Nino", AGE_OK);
    CHECK(v.lo == 0 && v.hi == 17);
    a("ninos", AGE_BAD);
    a("Adults", AGE_BAD);
    a("menores", AGE_BAD);
    a("De", AGE_BAD);
    a("De 18 a", AGE_BAD);
    a("", AGE_EMPTY);
    a("doce", AGE_BAD);
    a("-0", AGE_BAD);
    a("1e9", AGE_BAD);
    a("12.5", AGE_BAD);
    a("17-9", AGE_BAD);
    a("1000", AGE_BAD);
    a("111", AGE_RANGE);
    a("100-120", AGE_RANGE);

    CHECK_INT(age_minor(a("17", AGE_OK)), MINOR_YES);
    CHECK_INT(age_minor(a("18", AGE_OK)), MINOR_NO);
    CHECK_INT(age_minor(a("9-17", AGE_OK)), MINOR_YES);
    CHECK_INT(age_minor(a("15-20", AGE_OK)), MINOR_UNKNOWN);
    CHECK_INT(age_minor(a("48+", AGE_OK)), MINOR_NO);
    struct age unknown = {-1, -1};
    CHECK_INT(age_minor(unknown), MINOR_UNKNOWN);

    struct age_bands b;
    age_bands_default(&b);
    CHECK_INT(b.n, 3);
    CHECK_STR(b.label[0], "0-17");
    CHECK_STR(b.label[2], "31+");
    CHECK_INT(age_band(&b, a("17", AGE_OK)), 0);
    CHECK_INT(age_band(&b, a("18 a 25", AGE_OK)), 1);
    CHECK_INT(age_band(&b, a("31", AGE_OK)), 2);
    CHECK_INT(age_band(&b, a("15-20", AGE_OK)), 3); /* spans two bands: unknown */
    CHECK_INT(age_band(&b, unknown), 3);
    char why[200];
    CHECK(age_bands_parse("0-11, 12-17,18+", &b, why, sizeof why));
    CHECK_INT(b.n, 3);
    CHECK_STR(b.label[1], "12-17");
    CHECK(!age_bands_parse("0-17,19+", &b, why, sizeof why));
    CHECK_STR(why, "band '19+' should start at 18 (bands run from 0 without gaps)");
    CHECK(!age_bands_parse("0-17,18-30", &b, why, sizeof why));
    CHECK_STR(why, "bands must cover 0 to 110: end with an open band such as 31+");
    CHECK(!age_bands_parse("0-17,x", &b, why, sizeof why));
    CHECK_STR(why, "'x' is not a band such as 18-30 or 31+");

    /* Presets by name; a word that names none. */
    struct age_bands inei, unodc;
    CHECK(age_bands_parse("inei", &inei, why, sizeof why));
    CHECK_INT(inei.n, 6);
    CHECK_STR(inei.label[4], "30-59");
    CHECK_STR(inei.label[5], "60+");
    CHECK(age_bands_parse(" unodc ", &unodc, why, sizeof why));
    CHECK_INT(unodc.n, 2);
    CHECK_STR(unodc.label[1], "18+");
    CHECK(age_bands_parse("default", &b, why, sizeof why));
    CHECK_STR(b.label[1], "18-30");
    CHECK(!age_bands_parse("INEI2", &b, why, sizeof why));
    CHECK(!age_bands_parse("who", &b, why, sizeof why));
    CHECK_STR(why, "'who' is not a preset (default, inei, unodc) nor bands such as 0-17,18+");

    /* Unions of a source's bands: 0-17 and 18+ are; 18-30 is not (it ends inside 30-59). */
    CHECK_INT(age_bands_union_of(&unodc, &inei), -1);
    CHECK_INT(age_bands_union_of(&inei, &inei), -1);
    CHECK(age_bands_parse("default", &b, why, sizeof why));
    CHECK_INT(age_bands_union_of(&b, &inei), 1);
    CHECK_INT(age_bands_union_of(&inei, &unodc), 0); /* 0-5 cuts 0-17 */
}
