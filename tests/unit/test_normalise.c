/* test_normalise.c: each field kind's text -> code, with the data-quality notes it leaves. */
#include <stdlib.h>

#include "check.h"
#include "count/aggregate.h"
#include "read/ingest.h"
#include "read/normalise.h"

static struct quality q;
static struct normaliser z;
static size_t seen; /* entries of q already returned by notes() */

/* The notes left since the last call, as "action: problem [value]" joined by " | "; "" when
 * none. */
static const char *notes(void)
{
    static char out[1000];
    size_t len = 0;
    out[0] = '\0';
    for (; seen < q.nentries; seen++) {
        const struct dq_entry *e = &q.entries[seen];
        len += (size_t)snprintf(out + len, sizeof out - len, "%s%s: %s [%s]", len ? " | " : "",
                                dq_action_name(e->action), dq_problem(&q, e), dq_value(&q, e));
    }
    return out;
}

static unsigned value(int f, const char *s) { return norm_value(&z, f, s, strlen(s)); }

static tp_date date(int f, const char *s, bool required)
{
    return norm_date(&z, f, s, strlen(s), required);
}

static const char *age(const char *s, const char *birth, tp_date reported_on)
{
    static char out[32];
    struct age a = norm_age(&z, s, strlen(s), birth, strlen(birth), reported_on);
    snprintf(out, sizeof out, "%d-%d", a.lo, a.hi);
    return out;
}

static struct place place(int f, const char *s, enum place_use use)
{
    return norm_place(&z, f, s, strlen(s), use);
}

static int country(const char *s) { return norm_country(&z, F_NATIONALITY, s, strlen(s)); }
static double number(const char *s) { return norm_number(&z, F_SENTENCE_YEARS, s, strlen(s)); }

static const char *trim(const char *s)
{
    static char out[64];
    size_t n = strlen(s);
    const char *t = norm_trim(s, &n);
    snprintf(out, sizeof out, "%.*s", (int)n, t);
    return out;
}

static void test_text(void)
{
    /* Ids and every other value: blanks, no-break spaces and byte-order marks go; case and
     * inner spaces stay. */
    CHECK_STR(trim("  C-001\t\r\n"), "C-001");
    CHECK_STR(trim("\xC2\xA0" "c 001" "\xC2\xA0"), "c 001");
    CHECK_STR(trim("\xEF\xBB\xBF" "V1"), "V1");
    CHECK_STR(trim(" \t "), "");
    z.rejected = false;
    norm_required(&z, F_CASE_ID, 3);
    CHECK(!z.rejected);
    CHECK_STR(notes(), "");
    norm_required(&z, F_CASE_ID, 0);
    CHECK(z.rejected);
    CHECK_STR(notes(), "rejected: empty: this field is required []");
    /* A rejected row keeps its first reason only. */
    norm_required(&z, F_REGION, 0);
    CHECK_STR(notes(), "");
    z.rejected = false;
}

static void test_dates(void)
{
    CHECK_INT(date(F_REPORTED_ON, "2007-04-01", true), 20070401);
    CHECK_INT(date(F_REPORTED_ON, "01/04/2007", true), 20070401);
    CHECK_STR(notes(), "");
    CHECK(!z.rejected);
    CHECK_INT(date(F_STATUS_ON, "", false), 0); /* optional and blank: nothing to say */
    CHECK_STR(notes(), "");
    CHECK_INT(date(F_STATUS_ON, "31/02/2007", false), 0);
    CHECK_STR(notes(), "kept_as_unknown: no such date [31/02/2007]");
    CHECK_INT(date(F_STATUS_ON, "ayer", false), 0);
    CHECK_STR(notes(), "kept_as_unknown: not a date (write YYYY-MM-DD or DD/MM/YYYY) [ayer]");
    CHECK(!z.rejected);
    CHECK_INT(date(F_REPORTED_ON, "1850-01-01", true), 0); /* required: the row goes */
    CHECK(z.rejected);
    CHECK_STR(notes(), "rejected: year outside 1900-2099 [1850-01-01]");
    z.rejected = false;
    CHECK_INT(date(F_REPORTED_ON, "", true), 0);
    CHECK(z.rejected);
    CHECK_STR(notes(), "rejected: empty: this field is required []");
    z.rejected = false;
}

/* "first..last/precision" of a reported date, or "rejected" (the note is checked after). */
static const char *span(const char *s)
{
    static char out[40];
    struct date_span sp = norm_date_span(&z, F_REPORTED_ON, s, strlen(s));
    snprintf(out, sizeof out, "%d..%d/%d", sp.first, sp.last, (int)sp.precision);
    return z.rejected ? "rejected" : out;
}

static const char *year_month(const char *y, const char *m)
{
    static char out[40];
    struct date_span sp = norm_year_month(&z, y, strlen(y), m, strlen(m));
    snprintf(out, sizeof out, "%d..%d/%d", sp.first, sp.last, (int)sp.precision);
    return z.rejected ? "rejected" : out;
}

static void test_spans(void)
{
    CHECK_STR(span("2017"), "20170101..20171231/2");
    CHECK_STR(span("03/2019"), "20190301..20190331/1");
    CHECK_STR(span("2014-2018"), "20140101..20181231/3");
    CHECK_STR(span("15/04/2007"), "20070415..20070415/0");
    CHECK_STR(notes(), "");
    CHECK_STR(span("13/2017"), "rejected");
    CHECK_STR(notes(), "rejected: no such month (months are 1 to 12) [13/2017]");
    z.rejected = false;
    CHECK_STR(span("2018-2014"), "rejected");
    CHECK_STR(notes(), "rejected: a range of years must start before it ends (2014-2018) "
                       "[2018-2014]");
    z.rejected = false;
    CHECK_STR(year_month("2019", "ENERO"), "20190101..20190131/1");
    CHECK_STR(year_month("2019", "Setiembre"), "20190901..20190930/1");
    CHECK_STR(year_month("2019", "February"), "20190201..20190228/1");
    CHECK_STR(year_month("2019", "11"), "20191101..20191130/1");
    CHECK_STR(year_month("2019", ""), "20190101..20191231/2"); /* no month: the year */
    CHECK_STR(notes(), "");
    CHECK_STR(year_month("dos mil", "3"), "rejected");
    CHECK_STR(notes(), "rejected: not a year (four digits, as 2017) [dos mil]");
    z.rejected = false;
    CHECK_STR(year_month("2019", "Brumario"), "rejected");
    CHECK_STR(notes(), "rejected: not a month (1 to 12, or its name in Spanish or English) "
                       "[Brumario]");
    z.rejected = false;
    CHECK_INT(q.entries[q.nentries - 1].field, F_REPORTED_MONTH);
}

static void test_ages(void)
{
    static const struct {
        const char *age, *birth;
        tp_date reported_on;
        const char *want, *note;
    } cases[] = {
        {"17", "", 20070401, "17-17", ""},
        {"9-17", "", 20070401, "9-17", ""},
        {"48+", "", 20070401, "48-110", ""},
        {"doce", "", 20070401, "-1--1",
         "kept_as_unknown: not an age: whole years 0-110 or a band such as 9-17 or 48+ [doce]"},
        {"Desconocido", "", 20070401, "-1--1", ""}, /* a word for "not known" */
        {"111", "", 20070401, "-1--1", "kept_as_unknown: above 110 years [111]"},
        /* No age: whole years from the birth date to the day the case was reported. */
        {"", "2000-04-01", 20070401, "7-7", ""},
        {"", "2000-04-02", 20070401, "6-6", ""},
        {"", "02/04/2000", 20070401, "6-6", ""},
        {"", "2008-01-01", 20070401, "-1--1",
         "kept_as_unknown: after the date the case was reported [2008-01-01]"},
        {"", "1901-01-01", 20120101, "-1--1",
         "kept_as_unknown: more than 110 years before the report [1901-01-01]"},
        {"", "2000-13-01", 20070401, "-1--1", "kept_as_unknown: no such date [2000-13-01]"},
        /* A birth date is not read when the age is given, nor counted without a report date. */
        {"30", "2000-13-01", 20070401, "30-30", ""},
        {"", "2000-04-01", 0, "-1--1", ""},
        {"", "", 20070401, "-1--1", ""},
        /* Dashes are blank: the birth date decides. */
        {"-", "2000-04-01", 20070401, "7-7", ""},
        {"--", "2000-04-02", 20070401, "6-6", ""},
        {"-", "", 20070401, "-1--1", ""},
        /* Capitals, a no-break space, the words for a child. */
        {"17 A\xc3\x91OS", "", 20070401, "17-17", ""},
        {"15\xc2\xa0" "a\xc3\xb1os", "", 20070401, "15-15", ""},
        {"NI\xc3\x91O", "", 20070401, "0-17", ""},
        {"Ni\xc3\xb1" "a", "", 20070401, "0-17", ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        CHECK_STR(age(cases[i].age, cases[i].birth, cases[i].reported_on), cases[i].want);
        CHECK_STR(notes(), cases[i].note);
    }
}

static void test_values(void)
{
    /* Sex: aliases, accents and case folded; unknown is the value set's ncodes. */
    CHECK_INT(value(F_SEX, "F"), SEX_FEMALE);
    CHECK_INT(value(F_SEX, "MUJER"), SEX_FEMALE);
    CHECK_INT(value(F_SEX, "Varón"), SEX_MALE);
    CHECK_INT(value(F_SEX, "sin dato"), SEX_UNKNOWN);
    CHECK_INT(value(F_SEX, ""), SEX_UNKNOWN);
    CHECK_INT(value(F_SEX, "--"), SEX_UNKNOWN);
    CHECK_STR(notes(), "");
    CHECK_INT(value(F_SEX, "otro"), SEX_UNKNOWN); /* sex has no "other": kept as unknown */
    CHECK_STR(notes(), "kept_as_unknown: not a known sex value [otro]");
    /* Yes/no. */
    CHECK_INT(value(F_ID_DOCUMENT, "Sí"), YES);
    CHECK_INT(value(F_ID_DOCUMENT, "0"), NO);
    CHECK_INT(value(F_DETAINED, "N"), NO);
    CHECK_INT(value(F_CONVICTED, "no registra"), YESNO_UNKNOWN);
    CHECK_STR(notes(), "");
    CHECK_INT(value(F_PROSECUTED, "tal vez"), YESNO_UNKNOWN);
    CHECK_STR(notes(), "kept_as_unknown: not a known yesno value [tal vez]");
    /* Forms of exploitation: several, separated by ';'; an unknown word is "other". */
    unsigned sexual = 1u << EXP_SEXUAL, labour = 1u << EXP_LABOUR;
    CHECK_INT(value(F_EXPLOITATION, "Explotación sexual; LABORAL"), sexual | labour);
    CHECK_INT(value(F_EXPLOITATION, "prostitucion;; trabajo domestico ;"),
              sexual | 1u << EXP_DOMESTIC);
    CHECK_INT(value(F_EXPLOITATION, "sexual exploitation; desconocido"), sexual);
    CHECK_INT(value(F_EXPLOITATION, "desconocido"), 0);
    CHECK_INT(value(F_EXPLOITATION, ""), 0);
    CHECK_STR(notes(), "");
    CHECK_INT(value(F_EXPLOITATION, "brujería; laboral"), 1u << EXP_OTHER | labour);
    CHECK_STR(notes(), "kept_as_other: not a known exploitation value [brujería]");
    /* Remembered once read cleanly; a value with a problem is noted each time. */
    CHECK_INT(value(F_EXPLOITATION, "Explotación sexual; LABORAL"), sexual | labour);
    CHECK_INT(value(F_EXPLOITATION, "brujería; laboral"), 1u << EXP_OTHER | labour);
    CHECK_STR(notes(), "kept_as_other: not a known exploitation value [brujería]");
    /* Single value sets: the whole text is one value. */
    CHECK_INT(value(F_SOURCE, "Línea 1818"), SOURCE_HOTLINE);
    CHECK_INT(value(F_STATUS, "en juicio"), vocab_find(V_STATUS, "trial"));
    CHECK_STR(notes(), "");
    CHECK_INT(value(F_STATUS, "juicio; archivado"), vocab_find(V_STATUS, "other"));
    CHECK_STR(notes(), "kept_as_other: not a known status value [juicio; archivado]");
    /* Indicator columns: yes sets the code's bit. */
    CHECK_INT(norm_indicator(&z, F_EXPLOITATION, EXP_LABOUR, "1", 1), labour);
    CHECK_INT(norm_indicator(&z, F_EXPLOITATION, EXP_LABOUR, "si", 2), labour);
    CHECK_INT(norm_indicator(&z, F_EXPLOITATION, EXP_LABOUR, "0", 1), 0);
    CHECK_INT(norm_indicator(&z, F_EXPLOITATION, EXP_LABOUR, "sd", 2), 0);
    CHECK_INT(norm_indicator(&z, F_EXPLOITATION, EXP_LABOUR, "", 0), 0);
    CHECK_STR(notes(), "");
    CHECK_INT(norm_indicator(&z, F_EXPLOITATION, EXP_LABOUR, "x", 1), 0);
    CHECK_STR(notes(), "kept_as_unknown: indicator column is not 0/1 or yes/no [x]");
}

static void test_places(const struct places *pl)
{
    struct place p = place(F_REGION, "Cusco", USE_REGION);
    CHECK_INT(p.code, 8);
    CHECK_INT(place(F_REGION, "08", USE_REGION).code, 8);
    CHECK_INT(place(F_REGION, "Región Madre de Dios", USE_REGION).code, 17);
    CHECK_INT(place(F_REGION, "Cusco", USE_REGION).code, 8); /* remembered */
    p = place(F_CITY, "Pucallpa, Ucayali", USE_CITY);
    CHECK_INT(p.code, 25);
    CHECK_STR(places_province(pl, p.province)->capital, "Pucallpa");
    p = place(F_CITY, "250101", USE_CITY);
    CHECK_STR(places_province(pl, p.province)->capital, "Pucallpa");
    CHECK_INT(place(F_REGION, "sin dato", USE_REGION).code, PLACE_UNKNOWN);
    CHECK_INT(place(F_REGION, "", USE_REGION).code, PLACE_UNKNOWN);
    CHECK_STR(notes(), "");
    p = place(F_ORIGIN, "Quito, Ecuador", USE_ROUTE); /* abroad: a route may start there */
    CHECK(p.code >= PLACE_FOREIGN);
    CHECK_STR(places_name(pl, p.code), "Ecuador");
    CHECK_STR(notes(), "");
    CHECK_INT(place(F_REGION, "Quito, Ecuador", USE_REGION).code, PLACE_UNKNOWN);
    CHECK_STR(notes(), "kept_as_unknown: a place abroad (Ecuador): no region of Peru "
                       "[Quito, Ecuador]");
    p = place(F_CITY, "Ucayali", USE_CITY);
    CHECK_INT(p.code, PLACE_UNKNOWN);
    CHECK_INT(p.province, 0);
    CHECK_STR(notes(), "kept_as_unknown: names a region, not a city [Ucayali]");
    CHECK_INT(place(F_CITY, "San Miguel", USE_CITY).code, PLACE_UNKNOWN);
    CHECK_STR(notes(), "kept_as_unknown: ambiguous: a place in Cajamarca or Ayacucho; add the "
                       "region after a comma [San Miguel]");
    CHECK_INT(place(F_DESTINATION, "Perú", USE_ROUTE).code, PLACE_UNKNOWN);
    CHECK_STR(notes(), "kept_as_unknown: names only the country: no region [Perú]");
    /* A region's ISO 3166-2 code without "PE-" is the region in a place field, before a
     * country's code (ARE is also the United Arab Emirates); in capitals only. */
    CHECK_INT(place(F_REGION, "ARE", USE_REGION).code, 4);
    CHECK_INT(place(F_ORIGIN, "ARE", USE_ROUTE).code, 4);
    CHECK_INT(place(F_HOME, "CUS", USE_ROUTE).code, 8);
    CHECK_STR(notes(), "");
    CHECK_INT(place(F_ORIGIN, "ECU", USE_ROUTE).code, PLACE_FOREIGN + places_country(pl, "Ecuador", 7));
    CHECK_INT(place(F_REGION, "Gondor", USE_REGION).code, PLACE_UNKNOWN);
    CHECK_STR(notes(), "kept_as_unknown: not a known place (region, province, city, ubigeo "
                       "code or country) [Gondor]");

    /* Routes: a stop in the region just left, or at the end in the destination, adds
     * nothing. */
    const char *t = "Cusco; Juliaca ;; Puno";
    struct route_key k = norm_route(&z, "Cuzco", 5, "21", 2, t, strlen(t));
    CHECK_INT(k.origin, 8);
    CHECK_INT(k.destination, 21);
    CHECK_INT(k.ntransit, 0);
    t = "Lima; sin dato; Tacna";
    k = norm_route(&z, "Puno", 4, "", 0, t, strlen(t));
    CHECK_INT(k.ntransit, 3);
    CHECK_INT(k.transit[0], 15);
    CHECK_INT(k.transit[1], PLACE_UNKNOWN);
    CHECK_INT(k.transit[2], 23);
    CHECK_INT(k.destination, PLACE_UNKNOWN);
    CHECK_STR(notes(), "");
    t = "Lima;Cusco;Lima;Cusco;Lima;Cusco;Lima;Cusco;Lima";
    k = norm_route(&z, "Puno", 4, "Tacna", 5, t, strlen(t));
    CHECK_INT(k.ntransit, MAX_TRANSIT);
    CHECK_STR(notes(), "kept_as_unknown: more than 8 transit places: the rest are left out "
                       "[Lima;Cusco;Lima;Cusco;Lima;Cusco;Lima;Cusco;Lima]");

    /* Countries: the first of several; words for "not known" are no problem. */
    int peru = places_country(pl, "Peru", 4), japan = places_country(pl, "Japan", 5);
    CHECK(peru >= 0 && japan >= 0);
    CHECK_INT(country("peruana"), peru);
    CHECK_INT(country("Japón; Perú"), japan);
    CHECK_INT(country("JPN"), japan);
    CHECK_INT(country("desconocido"), -1);
    CHECK_INT(country("-"), -1);
    CHECK_INT(country(""), -1);
    CHECK_STR(notes(), "");
    CHECK_INT(country("Narnia"), -1);
    CHECK_STR(notes(), "kept_as_unknown: not a known country or nationality [Narnia]");
    /* A nationality is a country: ARE is the United Arab Emirates there. */
    CHECK_INT(country("ARE"), places_country(pl, "United Arab Emirates", 20));

    /* reta's [unknown] codes come before ISO codes; those that are also a country's code in
     * capitals are said, with the country. */
    CHECK(norm_unknown_code(&z, F_NATIONALITY, "SD", 2));
    CHECK_STR(notes(), "kept_as_unknown: read as not known (the profile's [unknown] codes), not "
                       "as the ISO code of Sudan: write the country's name [SD]");
    CHECK(norm_unknown_code(&z, F_ORIGIN, "NO", 2));
    CHECK_STR(notes(), "kept_as_unknown: read as not known (the profile's [unknown] codes), not "
                       "as the ISO code of Norway: write the country's name [NO]");
    CHECK(norm_unknown_code(&z, F_NATIONALITY, "ND", 2)); /* no country's code */
    CHECK(norm_unknown_code(&z, F_NATIONALITY, "sd", 2)); /* not a code in lower case */
    CHECK(norm_unknown_code(&z, F_HOME, "Na", 2));
    CHECK(!norm_unknown_code(&z, F_SEX, "NA", 2)); /* not a code of this field */
    CHECK(!norm_unknown_code(&z, F_NATIONALITY, "PE", 2));
    CHECK_STR(notes(), "");
    /* The same inside a list: the first nationality, a stop of a route. */
    CHECK_INT(country("NA; PE"), -1);
    CHECK_STR(notes(), "kept_as_unknown: read as not known (the profile's [unknown] codes), not "
                       "as the ISO code of Namibia: write the country's name [NA]");
    t = "Lima; NP; Tacna";
    k = norm_route(&z, "Puno", 4, "", 0, t, strlen(t));
    CHECK_INT(k.ntransit, 3);
    CHECK_INT(k.transit[1], PLACE_UNKNOWN);
    CHECK_STR(notes(), "kept_as_unknown: read as not known (the profile's [unknown] codes), not "
                       "as the ISO code of Nepal: write the country's name [NP]");
}

/* H and V (hombre, varón) are male; M is male too, and a file that writes both is told, once. */
static void test_sex_letters(void)
{
    struct quality dq = {0};
    struct normaliser w;
    norm_init(&w, z.profile, z.places, &dq, quality_file(&dq, "victims.csv", K_VICTIMS));
    static const struct {
        const char *text;
        unsigned code;
        size_t notes;
    } rows[] = {{"M", SEX_MALE, 0},   {"f", SEX_FEMALE, 0}, {"H", SEX_MALE, 1},
                {"V", SEX_MALE, 1},   {"m", SEX_MALE, 1},   {"Ni\xc3\xb1" "a", SEX_FEMALE, 1},
                {"NI\xc3\x91O", SEX_MALE, 1}};
    for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
        w.line = (long)i + 2;
        CHECK_INT(norm_value(&w, F_SEX, rows[i].text, strlen(rows[i].text)), rows[i].code);
        CHECK_INT(dq.nentries, rows[i].notes);
    }
    if (dq.nentries == 1) {
        CHECK_INT(dq.entries[0].line, 4);
        CHECK_STR(dq_value(&dq, &dq.entries[0]), "H");
        CHECK_STR(dq_problem(&dq, &dq.entries[0]),
                  "this file writes both M and H or V: M is read as male (masculino), so if it "
                  "means mujer here women are counted as men");
    }
    /* A word for a child in the sex column tells a minor. */
    struct age a = norm_minor_word(&w, "NI\xc3\x91" "A", 5);
    CHECK(a.lo == 0 && a.hi == 17);
    a = norm_minor_word(&w, "Mujer", 5);
    CHECK(a.lo == -1 && a.hi == -1);
    a = norm_minor_word(&w, "12", 2);
    CHECK(a.lo == -1);
    norm_free(&w);
    quality_free(&dq);
}

static void test_numbers(void)
{
    CHECK_NEAR(number("2,5"), 2.5);
    CHECK_NEAR(number("10"), 10);
    CHECK_NEAR(number("0.5"), 0.5);
    CHECK_NEAR(number(""), -1);
    CHECK_NEAR(number("--"), -1);
    CHECK_STR(notes(), "");
    CHECK_NEAR(number("100"), -1);
    CHECK_NEAR(number(".5"), -1);
    CHECK_NEAR(number("1.2.3"), -1);
    CHECK_STR(notes(), "kept_as_unknown: not a number of years from 0 to 99 [100] | "
                       "kept_as_unknown: not a number of years from 0 to 99 [.5] | "
                       "kept_as_unknown: not a number of years from 0 to 99 [1.2.3]");
}

/* The count column: whole numbers from 0; blank 0 with a warning; anything else rejects. */
static void test_weights(void)
{
    static const struct {
        const char *text;
        uint32_t weight;
        bool rejected;
    } cases[] = {{"0", 0, false},  {"7", 7, false},   {"0012", 12, false},
                 {"999999999", 999999999, false},     {"1000000000", 0, true},
                 {"-1", 0, true},  {"3.5", 0, true},  {"abc", 0, true},
                 {"1e3", 0, true}, {"+2", 0, true}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        z.rejected = false;
        CHECK_INT(norm_weight(&z, cases[i].text, strlen(cases[i].text)), cases[i].weight);
        CHECK_INT(z.rejected, cases[i].rejected);
    }
    z.rejected = false;
    notes();
    CHECK_INT(norm_weight(&z, "", 0), 0);
    CHECK(!z.rejected);
    CHECK_STR(notes(), "kept_as_unknown: empty: counts as 0 []");
}

/* Ids through a whole export: trimmed, then compared with their case. */
static void test_ids(const struct places *pl, const struct profile *pf)
{
    char dir[] = "/tmp/tipreport-unit-ingest-XXXXXX", path[64];
    if (!mkdtemp(dir))
        return;
    const char *files[][2] = {
        {"cases.csv", "id_caso,fecha_denuncia,departamento\n"
                      " C1 ,2007-05-01,Cusco\nC1,2007-05-02,Puno\nc1,2007-05-03,Lima\n"
                      ",2007-05-04,Lima\n"},
        {"victims.csv", "id_victima,id_caso,sexo\nV1,C1\xC2\xA0,f\nV1 ,c1,m\nV2,C9,m\n"},
    };
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        FILE *f = fopen(path, "w");
        fputs(files[i][1], f);
        fclose(f);
    }
    struct tp_error err;
    struct export x;
    CHECK_INT(export_find(dir, &x, &err), TP_OK);
    struct age_bands bands;
    age_bands_default(&bands);
    struct agg a;
    struct period all = {0, 0};
    CHECK(agg_init(&a, pl, &bands, &all, 1, false));
    struct quality dq = {0};
    struct ingest_opts o = {pf, pl, NULL, NULL};
    CHECK_INT(ingest(&x, &o, &a, &dq, &err), TP_OK);
    CHECK_INT(a.cases, 2); /* " C1 " and "c1": "C1" repeats the first; "" is no id */
    CHECK_INT(a.victims, 2);
    CHECK_INT(a.victims_without_case, 1);
    CHECK_INT(dq.nentries, 4);
    if (dq.nentries == 4) {
        CHECK_STR(dq_problem(&dq, &dq.entries[0]), "duplicate: the same case_id is on line 2");
        CHECK_STR(dq_problem(&dq, &dq.entries[1]), "empty: this field is required");
        CHECK_STR(dq_problem(&dq, &dq.entries[2]), "duplicate: the same id is on line 2");
        CHECK_STR(dq_problem(&dq, &dq.entries[3]), "no case with this case_id in the cases file");
    }
    agg_free(&a);
    quality_free(&dq);
    for (int i = 0; i < 2; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, files[i][0]);
        remove(path);
    }
    remove(dir);
}

void suite_normalise(void)
{
    char dir[1100];
    struct tp_error err;
    snprintf(dir, sizeof dir, "%s/places", check_templates);
    struct places *pl = places_load(dir, &err);
    struct profile *pf = profile_load("reta", check_templates, &err);
    CHECK(pl && pf);
    if (pl && pf) {
        norm_init(&z, pf, pl, &q, quality_file(&q, "victims.csv", K_VICTIMS));
        z.line = 7;
        test_text();
        test_dates();
        test_spans();
        test_ages();
        test_values();
        test_places(pl);
        test_sex_letters();
        test_numbers();
        test_weights();
        CHECK_INT(q.entries[0].line, 7);
        CHECK_INT(q.entries[0].field, F_CASE_ID);
        CHECK(!z.oom);
        norm_free(&z);
        quality_free(&q);
        test_ids(pl, pf);
    }
    profile_free(pf);
    places_free(pl);
}
