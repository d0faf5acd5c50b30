/* test_aggregate.c: the counting rules on hand-built records, read back through the tables. */
#include <stdlib.h>
#include <string.h>

#include "count/aggregate.h"
#include "check.h"
#include "count/tables.h"

/* A case dated by a span: its periods, the periods it lies partly in, its row of by_year. */
static struct case_rec span_case(struct agg *a, tp_date first, tp_date last, int precision)
{
    struct case_rec c = {.reported_on = first, .reported_to = last, .precision = (uint8_t)precision,
                        .weight = 1};
    struct route_key unknown = {0};
    long r = agg_route(a, &unknown);
    CHECK(r >= 0);
    c.route = (uint32_t)r;
    c.periods = agg_periods_of_span(a, first, last, &c.partly);
    long y = agg_year(a, first, last, precision);
    CHECK(y >= 0);
    c.year = (uint16_t)y;
    return c;
}

/* Periods of 2019-2020 (and 2017-2018 before): a span counts only where it lies wholly. */
static void spans(struct places *pl, const struct age_bands *bands)
{
    struct period periods[2] = {{20190101, 20201231}, {20170101, 20181231}};
    struct agg a;
    CHECK(agg_init(&a, pl, bands, periods, 2, false));
    struct case_rec y2019 = span_case(&a, 20190101, 20191231, PREC_YEAR);
    struct case_rec r2018 = span_case(&a, 20180101, 20191231, PREC_RANGE);
    struct case_rec r2014 = span_case(&a, 20140101, 20181231, PREC_RANGE);
    struct case_rec dec = span_case(&a, 20201201, 20201231, PREC_MONTH);
    struct case_rec day = span_case(&a, 20190415, 20190415, PREC_DAY);
    CHECK_INT(y2019.periods, 1);
    CHECK_INT(y2019.partly, 0);
    CHECK_INT(r2018.periods, 0);
    CHECK_INT(r2018.partly, 3); /* partly in both */
    CHECK_INT(r2014.periods, 0);
    CHECK_INT(r2014.partly, 2); /* partly in 2017-2018, not at all in 2019-2020 */
    CHECK_INT(dec.periods, 1);
    CHECK_INT(day.periods, 1);
    CHECK_INT(day.year, y2019.year); /* a day of 2019 is under 2019 */
    struct victim_rec girl = {SEX_FEMALE, {15, 15}, -1, NO, 0, 1, 0};
    struct victim_rec man = {SEX_MALE, {40, 40}, -1, NO, 0, 1, 0};
    struct case_rec *all[] = {&y2019, &r2018, &r2014, &dec, &day};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
        agg_case(&a, all[i]);
        agg_victim(&a, all[i], i % 2 ? &man : &girl);
    }
    agg_victim(&a, &dec, &girl);
    CHECK_INT(a.first, 20140101);
    CHECK_INT(a.last, 20201231);
    CHECK_INT(a.period[0].cases, 3);
    CHECK_INT(a.period[0].victims, 4);
    struct quality q = {0};
    struct tableset ts = {0};
    CHECK(tables_build(&a, &a.period[0], &q, &ts));
    /* No suspects: 0 a year, none for a range of years; data to December: no part year. */
    const char *head = "year,partial,cases,victims,victims_female,victims_male,victims_minor,"
                       "suspects_identified,suspects_detained,suspects_prosecuted,"
                       "suspects_convicted\n";
    char want[400];
    snprintf(want, sizeof want, "%s2014-2018,no,1,1,1,0,1,,,,\n2018-2019,no,1,1,0,1,0,,,,\n"
             "2019,no,2,2,2,0,2,0,0,0,0\n2020,no,1,2,1,1,1,0,0,0,0\n", head);
    CHECK_STR(check_table_csv(&ts, "by_year"), want);
    tableset_free(&ts);
    /* Data from March 2014 to 15 June 2020: 2014 (so its range) and 2020 are part years. */
    a.first = 20140301, a.latest = 20200615;
    CHECK(tables_build(&a, &a.period[0], &q, &ts));
    snprintf(want, sizeof want, "%s2014-2018,yes,1,1,1,0,1,,,,\n2018-2019,no,1,1,0,1,0,,,,\n"
             "2019,no,2,2,2,0,2,0,0,0,0\n2020,yes,1,2,1,1,1,0,0,0,0\n", head);
    CHECK_STR(check_table_csv(&ts, "by_year"), want);
    tableset_free(&ts);
    agg_free(&a);
}

void suite_aggregate(void)
{
    struct places *pl = check_places();
    if (!pl)
        return;
    struct age_bands bands;
    age_bands_default(&bands);
    struct period period = {20070401, 20080229};
    struct agg a;
    CHECK(agg_init(&a, pl, &bands, &period, 1, true)); /* and by region */
    /* Period ends are included; the day before and after are not. */
    CHECK_INT(agg_periods_of(&a, 20070401), 1);
    CHECK_INT(agg_periods_of(&a, 20080229), 1);
    CHECK_INT(agg_periods_of(&a, 20070331), 0);
    CHECK_INT(agg_periods_of(&a, 20080301), 0);

    struct route_key cusco_puno = {8, 21, 0, {0}}, abroad = {15, 0, 0, {0}};
    abroad.destination = (uint16_t)(PLACE_FOREIGN + places_country(pl, "Argentina", 9));
    long r1 = agg_route(&a, &cusco_puno), r2 = agg_route(&a, &abroad);
    CHECK(r1 >= 0 && r2 >= 0 && r1 != r2);
    CHECK_INT(agg_route(&a, &cusco_puno), r1);
    struct case_rec c1 = {.reported_on = 20070401, .weight = 1, .route = (uint32_t)r1,
                          .exploitation = 1u << EXP_SEXUAL | 1u << EXP_LABOUR,
                          .recruitment = 1u << 0, .region = 21, .city = 0,
                          .source = (uint8_t)vocabs[V_SOURCE].ncodes, .status = 1};
    c1.periods = agg_periods_of(&a, c1.reported_on);
    struct case_rec c2 = {.reported_on = 20080301, .weight = 1, .route = (uint32_t)r2,
                          .region = 15};
    c2.periods = agg_periods_of(&a, c2.reported_on);
    struct case_rec c3 = {.reported_on = 20071010, .weight = 1, .route = (uint32_t)r2, .region = 15,
                          .recruitment = 1u << 0 | 1u << 1};
    c3.periods = agg_periods_of(&a, c3.reported_on);
    agg_case(&a, &c1);
    agg_case(&a, &c2);
    agg_case(&a, &c3);
    struct victim_rec girl = {SEX_FEMALE, {15, 15}, -1, NO, 0, 1, 0};
    struct victim_rec woman = {SEX_FEMALE, {18, 30}, (int16_t)places_peru(pl), YES, 1, 1, 8};
    struct victim_rec boy = {SEX_MALE, {9, 17}, -1, YESNO_UNKNOWN, 0, 1,
                           (uint16_t)(PLACE_FOREIGN + places_country(pl, "Bolivia", 7))};
    agg_victim(&a, &c1, &girl);
    agg_victim(&a, &c1, &woman);
    agg_victim(&a, &c2, &boy); /* outside the period */
    agg_victim(&a, &c3, &boy);
    struct suspect_rec s = {20071231, SEX_MALE, (int16_t)places_peru(pl), YES, NO, YESNO_UNKNOWN,
                            -1, 0, 0, 1};
    agg_suspect(&a, &s);
    s.identified_on = 20040105;
    s.nationality = (int16_t)places_country(pl, "Chile", 5);
    agg_suspect(&a, &s);

    struct quality q = {0};
    struct tableset ts = {0};
    CHECK(tables_build(&a, &a.period[0], &q, &ts));
    CHECK_STR(check_table_csv(&ts, "victims_by_sex_age"),
              "sex,age_band,victims\nfemale,0-17,1\nfemale,18-30,1\nmale,0-17,1\n"
              "female,31+,0\nfemale,unknown,0\nmale,18-30,0\nmale,31+,0\nmale,unknown,0\n"
              "unknown,0-17,0\nunknown,18-30,0\nunknown,31+,0\nunknown,unknown,0\n");
    CHECK_STR(check_table_csv(&ts, "routes"),
              "origin,transit,destination,scope,cases,victims\n"
              "Cusco,,Puno,internal,1,2\nLima,,Argentina,international,1,1\n");
    /* Homes: the woman from Cusco and the girl of no home in Puno's case, the boy from
     * Bolivia in Lima's (his other case is outside the period). */
    CHECK_STR(check_table_csv(&ts, "victims_by_home_region"),
              "home,region_code,region,victims\nBolivia,15,Lima,1\nCusco,21,Puno,1\n"
              "unknown,21,Puno,1\n");
    CHECK_STR(check_table_csv(&ts, "victims_by_home"),
              "home,victims\nBolivia,1\nCusco,1\nunknown,1\n");
    /* Shares: a case counts once per value, of the cases with any value. */
    CHECK_STR(check_table_csv(&ts, "recruitment"),
              "recruitment,cases,share\nfalse_job_offer,2,1.0000\nthreat,1,0.5000\n"
              "abduction,0,0.0000\ndrugs,0,0.0000\nfamily,0,0.0000\ninternet,0,0.0000\n"
              "other,0,0.0000\nsale,0,0.0000\nseduction,0,0.0000\nunknown,0,\n");
    const char *ex = check_table_csv(&ts, "exploitation");
    CHECK(strstr(ex, "exploitation,sex,minor,victims\n") == ex);
    CHECK(strstr(ex, "\nsexual,female,yes,1\n") && strstr(ex, "\nsexual,female,no,1\n") &&
          strstr(ex, "\nlabour,female,yes,1\n") && strstr(ex, "\nunknown,male,yes,1\n"));
    CHECK_STR(check_table_csv(&ts, "suspects_by_year"),
              "year,identified,female,male,sex_unknown,peruvian,foreign,nationality_unknown,"
              "detained,prosecuted,convicted\n"
              "2004,1,0,1,0,0,1,0,1,0,0\n2005,0,0,0,0,0,0,0,0,0,0\n2006,0,0,0,0,0,0,0,0,0,0\n"
              "2007,1,0,1,0,1,0,0,1,0,0\n");
    const char *sum = check_table_csv(&ts, "summary");
    CHECK(strstr(sum, "\ncases,2\nvictims,3\nvictims_female,2\nvictims_male,1\n"));
    CHECK(strstr(sum, "\nvictims_minor,2\nvictims_adult,1\nvictims_age_unknown,0\n"));
    CHECK(strstr(sum, "\nsuspects_identified,1\n"));
    const char *reg = check_table_csv(&ts, "cases_by_region");
    CHECK(strstr(reg, "region_code,region,cases,victims,victims_minor,victims_per_100k\n"
                      "21,Puno,1,2,1,0.16\n15,Lima,1,1,1,0.01\n") == reg);
    CHECK(strstr(reg, "\n00,unknown,0,0,0,\n"));
    /* UNODC: the girl and the woman of c1 (sexual and labour) count under both forms; the boy
     * of c3 (no form) under unknown. */
    const char *ue = check_table_csv(&ts, "unodc_victims_by_exploitation");
    CHECK(strstr(ue, "\nsexual_exploitation,women,1\nsexual_exploitation,men,0\n"
                     "sexual_exploitation,girls,1\n"));
    CHECK(strstr(ue, "\nforced_labour,women,1\nforced_labour,men,0\nforced_labour,girls,1\n"));
    CHECK(strstr(ue, "\nunknown,boys,1\n"));
    CHECK_STR(check_table_csv(&ts, "tip_law_enforcement"),
              "measure,total,labour\ninvestigations,2,1\nprosecutions,0,0\nconvictions,0,0\n"
              "sentences,0,\nsentence_min_years,,\nsentence_max_years,,\nsentence_mean_years,,\n"
              "sentence_median_years,,\n");
    tableset_free(&ts);
    /* The same counts by the case's region: Puno has c1 and its two victims, Lima c3 and one
     * (c2 is outside the period); the suspect, of no known case, is of unknown region. */
    CHECK_INT(a.by_region[0][21].cases, 1);
    CHECK_INT(a.by_region[0][21].victims, 2);
    CHECK_INT(a.by_region[0][21].exploitation[EXP_LABOUR][SEX_FEMALE][MINOR_YES], 1);
    CHECK_INT(a.by_region[0][15].cases, 1);
    CHECK_INT(a.by_region[0][15].victims, 1);
    CHECK_INT(a.by_region[0][0].cases, 0);
    CHECK_INT(a.by_region[0][0].suspects.identified, 1);
    CHECK_INT(a.by_region[0][8].cases + a.by_region[0][8].victims, 0);
    CHECK_INT(a.by_region[0][21].period.from, 20070401);
    /* A region's tables: its summary (cases and victims only), by sex and age, forms of
     * exploitation, and the country's routes touching it. */
    CHECK(tables_build_region(&a, &a.by_region[0][21], &a.period[0], BRIEF_ALL, &ts));
    CHECK_INT(ts.n, 4);
    CHECK_STR(check_table_csv(&ts, "summary"),
              "metric,value\nperiod_from,2007-04-01\nperiod_to,2008-02-29\ncases,1\nvictims,2\n"
              "victims_female,2\nvictims_male,0\nvictims_sex_unknown,0\nvictims_minor,1\n"
              "victims_adult,1\nvictims_age_unknown,0\n");
    const char *vx = check_table_csv(&ts, "victims_by_exploitation");
    CHECK(strstr(vx, "exploitation,victims\nlabour,2\nsexual,2\n") == vx);
    CHECK(strstr(vx, "\nunknown,0\n"));
    CHECK_STR(check_table_csv(&ts, "routes_region"),
              "origin,transit,destination,scope,cases,victims\nCusco,,Puno,internal,1,2\n");
    tableset_free(&ts);
    /* Lima's: the route abroad starts there; region 0 (unknown) has no routes table. */
    CHECK(tables_build_region(&a, &a.by_region[0][15], &a.period[0], BRIEF_ALL, &ts));
    CHECK_STR(check_table_csv(&ts, "routes_region"), "origin,transit,destination,scope,cases,victims\n"
                                                "Lima,,Argentina,international,1,1\n");
    tableset_free(&ts);
    CHECK(tables_build_region(&a, &a.by_region[0][0], &a.period[0], BRIEF_ALL, &ts));
    CHECK_INT(ts.n, 3);
    tableset_free(&ts);
    /* A previous period's: the summary; a region with too few: its totals. */
    CHECK(tables_build_region(&a, &a.by_region[0][21], &a.period[0], BRIEF_SUMMARY, &ts));
    CHECK_INT(ts.n, 1);
    tableset_free(&ts);
    CHECK(tables_build_region(&a, &a.by_region[0][21], &a.period[0], BRIEF_TOTALS, &ts));
    CHECK_STR(check_table_csv(&ts, "summary"), "metric,value\nperiod_from,2007-04-01\n"
                                         "period_to,2008-02-29\ncases,1\nvictims,2\n");
    tableset_free(&ts);
    agg_free(&a);
    spans(pl, &bands);
    places_free(pl);

    CHECK_INT(unodc_category(SEX_FEMALE, MINOR_YES), UNODC_GIRLS);
    CHECK_INT(unodc_category(SEX_MALE, MINOR_NO), UNODC_MEN);
    CHECK_INT(unodc_category(SEX_UNKNOWN, MINOR_YES), UNODC_UNKNOWN);
    CHECK_INT(unodc_category(SEX_MALE, MINOR_UNKNOWN), UNODC_UNKNOWN);
    CHECK_INT(unodc_forms(0), 1u << UF_UNKNOWN);
    CHECK_INT(unodc_forms(1u << EXP_CHILD_PORNOGRAPHY), 1u << UF_SEXUAL);
    CHECK_INT(unodc_forms(1u << EXP_DOMESTIC | 1u << EXP_BEGGING), 1u << UF_LABOUR | 1u << UF_OTHER);
    CHECK_INT(unodc_forms(1u << EXP_ORGANS), 1u << UF_ORGANS);
}

/* Records of a count: n times the same record. weight 0 adds nothing. */
static void add_records(struct agg *a, struct case_rec c, struct victim_rec v,
                        struct suspect_rec s, uint32_t weight, uint32_t times)
{
    c.weight = v.weight = s.weight = weight;
    for (uint32_t i = 0; i < times; i++) {
        agg_case(a, &c);
        agg_victim(a, &c, &v);
        agg_suspect(a, &s);
    }
}

/* Checks that every table of a is the same as b's, and frees both. */
static void same_tables(struct tableset *a, struct tableset *b)
{
    CHECK_INT(a->n, b->n);
    for (size_t i = 0; i < a->n && i < b->n; i++) {
        char *first = strdup(check_table_csv(a, a->t[i]->name));
        CHECK_STR(check_table_csv(b, a->t[i]->name), first);
        free(first);
    }
    tableset_free(a);
    tableset_free(b);
}

/* A record standing for N counts as N records wherever it counts: every table of a record of
 * weight 3 (and one of weight 0) is the table of the same record added 3 times. */
void suite_aggregate_weight(void)
{
    struct places *pl = check_places();
    struct age_bands bands;
    struct period year = {20070101, 20071231};
    struct agg aggs[2]; /* [0]: weight 3 once; [1]: weight 1 three times */
    struct route_key k = {8, 21, 0, {0}};
    struct case_rec c = {.reported_on = 20070601, .route = 0, .region = 8, .city = 0,
                         .exploitation = 1u << EXP_LABOUR, .recruitment = 1u << 1,
                         .transport = 1u << 0, .source = 1, .status = 2};
    struct victim_rec v = {SEX_FEMALE, {16, 16}, 0, NO, 1u << ASSIST_NONE, 0, 0};
    struct suspect_rec s = {20070701, SEX_MALE, -1, YES, YES, YES, 6.5, 1u << EXP_LABOUR, 8, 0};
    age_bands_default(&bands);
    for (int i = 0; pl && i < 2; i++) {
        struct agg *a = &aggs[i];
        CHECK(agg_init(a, pl, &bands, &year, 1, true));
        CHECK(agg_route(a, &k) == 0);
        c.periods = agg_periods_of(a, c.reported_on);
        v.nationality = (int16_t)places_peru(pl);
        add_records(a, c, v, s, i ? 1 : 3, i ? 3 : 1);
        add_records(a, c, v, s, 0, 1);
        agg_victim_without_case(a, i ? 1 : 2);
        if (i)
            agg_victim_without_case(a, 1);
    }
    if (!pl)
        return;
    CHECK_INT(aggs[0].cases, 3);
    CHECK_INT(aggs[0].victims, 5);
    CHECK_INT(aggs[0].suspects, 3);
    struct quality q = {0};
    struct tableset t[2] = {{0}};
    for (int i = 0; i < 2; i++)
        CHECK(tables_build(&aggs[i], &aggs[i].period[0], &q, &t[i]));
    CHECK(strstr(check_table_csv(&t[0], "summary"), "cases,3\nvictims,3\n") != NULL);
    same_tables(&t[0], &t[1]);
    for (int i = 0; i < 2; i++)
        CHECK(tables_build_region(&aggs[i], &aggs[i].by_region[0][8], &aggs[i].period[0],
                                  BRIEF_ALL, &t[i]));
    same_tables(&t[0], &t[1]);
    agg_free(&aggs[0]);
    agg_free(&aggs[1]);
    places_free(pl);
}
