/* test_tables.c: the table definitions' check, each builder on hand-filled counts, figures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "read/category.h"
#include "count/tabledef.h"
#include "count/tables.h"
#include "protect/protect.h"
#include "report/figures.h"

static struct table *no_table(const struct tabledef *d, const struct tables_in *in)
{
    (void)d, (void)in;
    return NULL;
}

/* Every definition passes; each kind of mistake is refused, naming the table and column. */
static void definitions(void)
{
    struct tp_error err = {0};
    CHECK(tabledefs_check(&err));
    CHECK(tabledef_find("summary") == &tabledefs[0]);
    CHECK(tabledef_find("nothing") == NULL);
    static const struct coldef uncovered[] = {
        {.name = "region_code", .role = ROLE_DIM, .key = "region", .values = VS_REGION},
        {.name = "cases", .role = ROLE_COUNT}}; /* no measure: no protection covers it */
    struct tabledef bad = {"bad", uncovered, 2, .in = IN_REPORT, .build = no_table};
    CHECK(!tabledef_check(&bad, &err));
    CHECK_INT(err.code, TP_ERR_INTERNAL);
    CHECK_INT(tp_exit_code(err.code), 1);
    CHECK_STR(err.msg, "table definition 'bad', 'cases': a count that no protection covers "
                       "(no measure)");
    static const struct coldef unkeyed[] = {{.name = "region", .role = ROLE_DIM},
                                            {.name = "cases", .role = ROLE_COUNT,
                                             .measure = "cases"}};
    bad.cols = unkeyed;
    CHECK(!tabledef_check(&bad, &err));
    CHECK_STR(err.msg, "table definition 'bad', 'region': a dimension of counts with no key "
                       "(its counts would be one)");
    static const struct coldef share[] = {
        {.name = "region", .role = ROLE_DIM, .key = "region"},
        {.name = "cases", .role = ROLE_COUNT, .measure = "cases"},
        {.name = "share", .role = ROLE_SHARE, .from = "region"}};
    bad.cols = share, bad.ncols = 3;
    CHECK(!tabledef_check(&bad, &err));
    CHECK_STR(err.msg, "table definition 'bad', 'share': computed from no count column");
    static const struct sumdef sums[] = {{"cases", NULL, {"victims"}}};
    bad.ncols = 2, bad.cols = share, bad.row_sums = sums, bad.nrow_sums = 1;
    CHECK(!tabledef_check(&bad, &err));
    CHECK_STR(err.msg, "table definition 'bad', 'victims': a sum of something that is not a count");
    bad.row_sums = NULL, bad.nrow_sums = 0, bad.build = NULL;
    CHECK(!tabledef_check(&bad, &err));
    bad.build = no_table;
    CHECK(tabledef_check(&bad, &err));
    static const struct coldef four[] = {
        {.name = "a", .role = ROLE_DIM, .key = "sex"}, {.name = "b", .role = ROLE_DIM, .key = "band"},
        {.name = "c", .role = ROLE_DIM, .key = "region"}, {.name = "d", .role = ROLE_DIM, .key = "year"},
        {.name = "cases", .role = ROLE_COUNT, .measure = "cases"}};
    bad.cols = four, bad.ncols = 5;
    CHECK(!tabledef_check(&bad, &err));
    CHECK_STR(err.msg, "table definition 'bad', 'bad': more dimensions than public mode protects");
    /* A key no link declares: a table cannot be published outside the links (keydefs). */
    static const struct coldef undeclared[] = {
        {.name = "a", .role = ROLE_DIM, .key = "a"},
        {.name = "cases", .role = ROLE_COUNT, .measure = "cases"}};
    bad.cols = undeclared, bad.ncols = 2;
    CHECK(!tabledef_check(&bad, &err));
    CHECK_STR(err.msg, "table definition 'bad', 'a': a dimension key with no declared link (keydefs)");
    /* Public mode refuses a table no definition describes, rather than print it as it is. */
    struct tableset ts = {0};
    static const char *const cols[] = {"region", "cases"};
    CHECK(tableset_add(&ts, table_new("bad", 2, cols)));
    struct protection *p = protect_new(3);
    CHECK(!protect_tables(p, &ts, "", true, &err));
    CHECK_STR(err.msg, "public mode: a table no definition describes: bad");
    protect_free(p);
    tableset_free(&ts);
    /* The listing: a header, then a line per table, column, keyed row and sum. */
    char *out;
    size_t len;
    FILE *f = open_memstream(&out, &len);
    tabledefs_list(f);
    fclose(f);
    CHECK(strstr(out, "table\tcolumn\trole\tvalues\tkey\tkind\tomit\tmeasure\textra\tfrom\tparts\t"
                      "flags\n") == out);
    CHECK(strstr(out, "\ncases_by_region\tvictims_minor\tcount\t\t\t\t\tvictims\tminor=yes"
                      "\t\t\t\n"));
    CHECK(strstr(out, "\ncases_by_city\tregion\tdimension\tregion\tcity\tadd\t\t\t\t\t\t"
                      "joined=/\n"));
    CHECK(strstr(out, "\nsummary\tvictims_female\trow\t\t\tcount\t\tvictims\tsex=female\t\t\t"
                      "report,brief,brief_summary\n"));
    CHECK(strstr(out, "\nsuspects_by_year\tidentified\tsum_in_row\t\t\t\t\t\tdetained\t\t"
                      "detained\t\n"));
    free(out);
}

/* Counts filled by hand: 4 cases and 6 victims of 2020, 7 suspects over 2019 and 2020. */
static void fill(struct agg *a, const struct places *pl, struct quality *dq)
{
    struct agg_period *ap = &a->period[0];
    int peru = places_peru(pl) + 1, ven = places_country(pl, "Venezuela", 9) + 1,
        col = places_country(pl, "Colombia", 8) + 1;
    ap->cases = 4, ap->victims = 6, ap->cases_labour = 1;
    ap->sex_band[SEX_FEMALE][0] = 2, ap->sex_band[SEX_FEMALE][1] = 2;
    ap->sex_band[SEX_MALE][0] = 1, ap->sex_band[SEX_UNKNOWN][3] = 1;
    ap->sex_minor[SEX_FEMALE][YES] = 2, ap->sex_minor[SEX_FEMALE][NO] = 2;
    ap->sex_minor[SEX_MALE][YES] = 1, ap->sex_minor[SEX_UNKNOWN][YESNO_UNKNOWN] = 1;
    ap->region_cases[8] = 3, ap->region_victims[8] = 5, ap->region_minor[8] = 3;
    ap->region_cases[0] = 1, ap->region_victims[0] = 1;
    for (int c = 1; c <= places_nprovinces(pl); c++)
        if (!strcmp(places_province(pl, c)->capital, "Cusco"))
            ap->city_cases[c] = 3, ap->city_victims[c] = 5;
    ap->city_cases[0] = 1, ap->city_victims[0] = 1;
    ap->nationality[0] = 1, ap->nationality[peru] = 4, ap->nationality[ven] = 1;
    ap->nationality_category[peru * UNODC_N + UNODC_WOMEN] = 2;
    ap->nationality_category[peru * UNODC_N + UNODC_GIRLS] = 2;
    ap->nationality_category[ven * UNODC_N + UNODC_BOYS] = 1;
    ap->nationality_category[UNODC_UNKNOWN] = 1;
    struct route_key lima = {8, 15, 0, {0}}, bolivia = {8, 0, 0, {0}};
    bolivia.destination = (uint16_t)(PLACE_FOREIGN + places_country(pl, "Bolivia", 7));
    long r1 = agg_route(a, &lima), r2 = agg_route(a, &bolivia);
    ap->routes[r1] = (struct route_count){2, 3};
    ap->routes[r2] = (struct route_count){1, 2};
    ap->exploitation[EXP_SEXUAL][SEX_FEMALE][YES] = 2;
    ap->exploitation[EXP_SEXUAL][SEX_FEMALE][NO] = 1;
    ap->exploitation[EXP_LABOUR][SEX_MALE][YES] = 1;
    ap->recruitment[0] = 2, ap->recruitment[1] = 1, ap->recruitment[9] = 1;
    ap->recruitment_known = 3;
    ap->transport[0] = 3, ap->transport[5] = 1;
    ap->source[0] = 1, ap->source[SOURCE_HOTLINE] = 1, ap->source[SOURCE_MEDIA] = 2;
    ap->region_source[8][SOURCE_HOTLINE] = 1, ap->region_source[8][SOURCE_MEDIA] = 2;
    ap->status[1] = 4;
    ap->assistance[0] = 2, ap->assistance[ASSIST_NONE] = 3, ap->assistance[8] = 1;
    ap->id_document[NO] = 2, ap->assisted = 3;
    struct suspect_counts *sc = &ap->suspects;
    sc->identified = 3, sc->sex[SEX_FEMALE] = 1, sc->sex[SEX_MALE] = 2, sc->foreign = 1;
    sc->peruvian = 2, sc->detained = 1, sc->prosecuted = 2, sc->convicted = 1;
    sc->stage_sex[STAGE_SUSPECTED][SEX_FEMALE] = 1, sc->stage_sex[STAGE_SUSPECTED][SEX_MALE] = 2;
    sc->stage_sex[STAGE_PROSECUTED][SEX_MALE] = 2, sc->stage_sex[STAGE_CONVICTED][SEX_MALE] = 1;
    sc->labour[STAGE_PROSECUTED] = 1;
    sc->sentences = 1, sc->sentence_years_sum = 8, sc->sentence_min = 8, sc->sentence_max = 8;
    ap->sentence_months[8 * 12] = 1;
    uint64_t *sn = ap->suspect_stage_nationality;
    sn[peru * STAGE_N + STAGE_SUSPECTED] = 2, sn[peru * STAGE_N + STAGE_PROSECUTED] = 1;
    sn[peru * STAGE_N + STAGE_CONVICTED] = 1;
    sn[col * STAGE_N + STAGE_SUSPECTED] = 1, sn[col * STAGE_N + STAGE_PROSECUTED] = 1;
    a->suspect_nationality[peru] = 4, a->suspect_nationality[col] = 3;
    struct suspect_counts *y19 = &a->by_year[2019 - DATE_MIN_YEAR];
    y19->identified = 4, y19->sex[SEX_FEMALE] = 1, y19->sex[SEX_MALE] = 3;
    y19->peruvian = 2, y19->foreign = 2, y19->detained = 1;
    a->by_year[2020 - DATE_MIN_YEAR] = *sc;
    a->latest = 20201231;
    /* The period's months: March's 3 cases of Cusco, and the case of unknown region dated by
     * the year alone. Time to status: 2 investigations of 10 and 30 days, 2 without a date. */
    a->months[agg_month_index(20200301)] = (struct year_count){.cases = 3, .victims = 5,
                                                              .minor = 3};
    a->months_undated = (struct year_count){.cases = 1, .victims = 1};
    a->status_days[1 * (STATUS_DAYS + 1) + 10] = 1, a->status_days[1 * (STATUS_DAYS + 1) + 30] = 1;
    a->status_undated[1] = 2;
    dq->nfiles = 1;
    struct dq_file *f = &dq->files[0];
    snprintf(f->name, sizeof f->name, "casos.csv");
    f->kind = K_CASES, f->charset = CHARSET_UTF8, f->delim = ',', f->header_rows = 1;
    f->lines = 5, f->read = 4, f->counted = 4, f->warnings = 1;
    static struct dq_column cols[] = {{1, "id_caso", "case_id"}, {2, "fecha", "reported_on"}};
    f->columns = cols, f->ncolumns = 2;
}

static void breakdowns(const struct tableset *ts)
{
    CHECK_STR(check_table_csv(ts, "cases_by_city"), "city,region,cases,victims\nCusco,Cusco,3,5\n"
                                           "unknown,unknown,1,1\n");
    CHECK_STR(check_table_csv(ts, "victims_by_nationality"),
              "nationality,victims\nPeru,4\nVenezuela,1\nunknown,1\n");
    CHECK_STR(check_table_csv(ts, "routes"), "origin,transit,destination,scope,cases,victims\n"
                                    "Cusco,,Lima,internal,2,3\nCusco,,Bolivia,international,1,2\n");
    /* Closed value sets: every value, most first, then by name, unknown last among equals. */
    CHECK_STR(check_table_csv(ts, "transport"),
              "transport,cases\nroad,3\nunknown,1\nair,0\nother,0\nriver,0\nsea,0\n");
    CHECK_STR(check_table_csv(ts, "source"),
              "source,cases\nmedia,2\nfamily,1\nhotline,1\nmissing_person_report,0\nngo,0\n"
              "other,0\npolice_operation,0\nvictim,0\nunknown,0\n");
    CHECK_STR(check_table_csv(ts, "status"),
              "status,cases\ninvestigation,4\nacquitted,0\narchived,0\nconvicted,0\nother,0\n"
              "prosecution,0\nreported,0\ntrial,0\nunknown,0\n");
    CHECK_STR(check_table_csv(ts, "assistance"),
              "assistance,victims\nnone,3\nshelter,2\nunknown,1\nemergency_centre,0\nlegal,0\n"
              "medical,0\nother,0\npsychological,0\nrepatriation,0\n");
    CHECK_STR(check_table_csv(ts, "prevention"),
              "region_code,region,source,cases\n08,Cusco,hotline,1\n08,Cusco,media,2\n");
    const char *s = check_table_csv(ts, "summary");
    CHECK(strstr(s, "\nvictims_without_id_document,2\nvictims_assisted,3\n"
                    "suspects_identified,3\nsuspects_female,1\nsuspects_male,2\n"
                    "suspects_foreign,1\nsuspects_detained,1\nsuspects_prosecuted,2\n"
                    "suspects_convicted,1\nrows_read_cases,4\n"));
    CHECK(strstr(s, "\nrows_counted_cases,4\n") && strstr(s, "\nwarnings,1\n"));
}

/* Tables whose every cell is checked: name, then the CSV as written. */
static const char *const whole[][2] = {
    {"suspects_by_nationality", "nationality,suspects\nPeru,4\nColombia,3\nunknown,0\n"},
    /* Suspects by the year identified; no case counted: no year of cases, their cells empty. */
    {"by_year",
     "year,partial,cases,victims,victims_female,victims_male,victims_minor,suspects_identified,"
     "suspects_detained,suspects_prosecuted,suspects_convicted\n2019,no,,,,,,4,1,0,0\n"
     "2020,no,,,,,,3,1,2,1\n"},
    /* Every month of the period; the case without a month last. */
    {"by_month",
     "year,month,partial,cases,victims,victims_minor\n2020,1,no,0,0,0\n2020,2,no,0,0,0\n"
     "2020,3,no,3,5,3\n2020,4,no,0,0,0\n2020,5,no,0,0,0\n2020,6,no,0,0,0\n2020,7,no,0,0,0\n"
     "2020,8,no,0,0,0\n2020,9,no,0,0,0\n2020,10,no,0,0,0\n2020,11,no,0,0,0\n"
     "2020,12,no,0,0,0\nunknown,unknown,no,1,1,0\n"},
    /* 10 and 30 days: quartiles at ranks 0.25, 0.5, 0.75 of (10, 30): 15, 20, 25. */
    {"status_time",
     "status,cases,cases_without_date,median_days,q1_days,q3_days\nreported,0,0,,,\n"
     "investigation,4,2,20.00,15.00,25.00\nprosecution,0,0,,,\ntrial,0,0,,,\nconvicted,0,0,,,\n"
     "acquitted,0,0,,,\narchived,0,0,,,\nother,0,0,,,\nunknown,0,0,,,\n"},
    {"suspects_by_year",
     "year,identified,female,male,sex_unknown,peruvian,foreign,nationality_unknown,detained,"
     "prosecuted,convicted\n2019,4,1,3,0,2,2,0,1,0,0\n2020,3,1,2,0,2,1,0,1,2,1\n"},
    /* Countries by their count (Peru 4, Venezuela 1), unknown last; five categories each. */
    {"unodc_victims_by_citizenship",
     "citizenship,category,victims\nPeru,women,2\nPeru,men,0\nPeru,girls,2\nPeru,boys,0\n"
     "Peru,unknown,0\nVenezuela,women,0\nVenezuela,men,0\nVenezuela,girls,0\n"
     "Venezuela,boys,1\nVenezuela,unknown,0\nunknown,women,0\nunknown,men,0\n"
     "unknown,girls,0\nunknown,boys,0\nunknown,unknown,1\n"},
    {"unodc_persons_by_sex",
     "stage,sex,persons\nsuspected,female,1\nsuspected,male,2\nsuspected,unknown,0\n"
     "prosecuted,female,0\nprosecuted,male,2\nprosecuted,unknown,0\nconvicted,female,0\n"
     "convicted,male,1\nconvicted,unknown,0\n"},
    /* Ordered by the suspects identified in the period: Peru 2, Colombia 1. */
    {"unodc_persons_by_citizenship",
     "citizenship,stage,persons\nPeru,suspected,2\nPeru,prosecuted,1\nPeru,convicted,1\n"
     "Colombia,suspected,1\nColombia,prosecuted,1\nColombia,convicted,0\n"
     "unknown,suspected,0\nunknown,prosecuted,0\nunknown,convicted,0\n"},
    /* The sentences' lengths in the total column; no labour part for them. */
    {"tip_law_enforcement",
     "measure,total,labour\ninvestigations,4,1\nprosecutions,2,1\nconvictions,1,0\n"
     "sentences,1,\nsentence_min_years,8.0,\nsentence_max_years,8.0,\n"
     "sentence_mean_years,8.0,\nsentence_median_years,8.0,\n"},
    /* The one convicted with a sentence, of 8 years; bands in their order. */
    {"sentences",
     "sentence_years,persons\n0-4,0\n5-9,1\n10-14,0\n15-19,0\n20-24,0\n25+,0\nunknown,0\n"},
    {"input_files",
     "file,role,encoding,delimiter,header_rows,lines,rows_read,rows_counted,rows_filtered,"
     "rows_rejected,rows_blank,warnings,rows_partly_in_period\ncasos.csv,cases,utf-8,comma,1,5,4,4,0,0,0,1,0\n"},
    {"input_columns",
     "file,column,header,field\ncasos.csv,1,id_caso,case_id\ncasos.csv,2,fecha,reported_on\n"},
};

static void suspects_and_files(const struct tableset *ts)
{
    for (size_t i = 0; i < sizeof whole / sizeof *whole; i++)
        CHECK_STR(check_table_csv(ts, whole[i][0]), whole[i][1]);
}

static void figures(const struct agg *a, const struct tableset *ts)
{
    struct tp_error err;
    struct labels *l = labels_load(check_templates, "en", &err);
    CHECK(l != NULL);
    if (!l)
        return;
    struct attribution attr = {0};
    char msg[200];
    CHECK(attribution_set(&attr, "institution.en", "the Institute", msg, sizeof msg));
    CHECK(attribution_set(&attr, "name", "Instituto, Denuncias", msg, sizeof msg));
    CHECK(attribution_set(&attr, "record", "complaint", msg, sizeof msg));
    struct figures *f = figures_build(a, ts, NULL, l, &attr, "T", 0, NULL, 0);
    CHECK(f != NULL);
    const struct {
        const char *name, *value;
    } want[] = {
        {"victims", "6"}, {"victims_female", "4"}, {"victims_female_pct", "66.7%"},
        {"suspects_foreign_pct", "33.3%"}, {"victims_prev", "no previous period to compare with"},
        {"top_region", "Cusco"}, {"top_region_cases", "3"}, {"top_city", "Cusco"},
        {"top_city_cases", "3"},
        {"main_routes", "Cusco \xe2\x86\x92 Lima and Cusco \xe2\x86\x92 Bolivia"},
        {"routes_international", "1"}, {"top_exploitation", "sexual exploitation"},
        {"top_exploitation_pct", "50.0%"}, {"top_recruitment", "false job offer"},
        {"top_recruitment_pct", "66.7%"}, {"suspects_all", "7"},
        {"suspects_detained_all", "2"}, {"suspects_female_all", "2"},
        {"suspects_male_all", "5"}, {"suspects_foreign_all", "3"},
        {"suspects_first_year", "2019"}, {"suspects_last_year", "2020"},
        {"suspects_foreign_list", "Colombia 3"}, {"tip_investigations", "4"},
        {"tip_investigations_labour", "1"}, {"tip_prosecutions", "2"},
        {"tip_prosecutions_labour", "1"}, {"tip_convictions", "1"}, {"tip_sentences", "1"},
        {"tip_sentence_mean", "8.0"}, {"cases_hotline", "1"}, {"cases_media", "2"},
        {"region_name", ""}, {"k", "3"}, {"title", "T"}, {"source", "Instituto, Denuncias"},
        {"source_short", "Instituto, Denuncias"}, {"institution", "the Institute"},
        {"record", "complaint"}, {"records", "complaints"}};
    for (size_t i = 0; f && i < sizeof want / sizeof *want; i++)
        CHECK_STR(figures_get(f, want[i].name), want[i].value);
    CHECK(f && figures_condition(f, "publishable") && figures_condition(f, "foreign_suspects"));
    CHECK(f && !figures_condition(f, "previous_period") && !figures_condition(f, "record_case"));
    figures_free(f);
    attribution_clear(&attr);
    labels_free(l);
}

/* A source's own categories: each part in the profile's order, then unknown, the count in
 * the column of what the category counts and the other empty. Without categories (above) the
 * table is not written. */
static void categories(struct agg *a)
{
    static struct categories cs;
    memset(&cs, 0, sizeof cs);
    cs.n = 2;
    snprintf(cs.c[0].name, sizeof cs.c[0].name, "scope");
    cs.c[0].nvalues = 2;
    snprintf(cs.c[0].value[0], sizeof cs.c[0].value[0], "national");
    snprintf(cs.c[0].value[1], sizeof cs.c[0].value[1], "international");
    snprintf(cs.c[1].name, sizeof cs.c[1].name, "schooling");
    cs.c[1].victims = true;
    cs.c[1].nvalues = 1;
    snprintf(cs.c[1].value[0], sizeof cs.c[1].value[0], "primary");
    a->categories = &cs;
    struct case_rec c = {.periods = 1};
    agg_category(a, &c, 0, 0, 5);
    agg_category(a, &c, 0, 1, 1);
    agg_category(a, &c, 0, CAT_MAX_VALUES, 2);
    agg_category(a, &c, 1, 0, 7);
    c.periods = 0; /* a case outside the period: counted in no table */
    agg_category(a, &c, 0, 0, 100);
    struct tableset ts = {0};
    CHECK(tables_build(a, &a->period[0], NULL, &ts));
    CHECK_STR(check_table_csv(&ts, "categories"),
              "category,value,cases,victims\nscope,national,5,\nscope,international,1,\n"
              "scope,unknown,2,\nschooling,primary,,7\nschooling,unknown,,0\n");
    tableset_free(&ts);
    a->categories = NULL;
}

/* A month the data cover in part or not at all: up to the first case's (15 March), from the
 * data date's (10 November). */
static void part_months(struct agg *a)
{
    a->first = 20200315, a->latest = 20201110;
    struct tables_in in = {.a = a, .ap = &a->period[0]};
    struct table *t = build_by_month(tabledef_find("by_month"), &in);
    const char *want[] = {"yes", "yes", "yes", "no", "no", "no", "no", "no", "no", "no", "yes",
                          "yes", "no"};
    CHECK(t && t->nrows == 13);
    for (size_t r = 0; t && r < t->nrows && r < 13; r++)
        CHECK_STR(table_cell_text(t, table_cell(t, r, tabledef_col(tabledef_find("by_month"),
                                                                    "partial"))), want[r]);
    table_free(t);
    a->first = 0, a->latest = 20201231;
}

void suite_tables(void)
{
    definitions();
    struct places *pl = check_places();
    if (!pl)
        return;
    struct age_bands bands;
    age_bands_default(&bands);
    struct period period = {20200101, 20201231};
    struct agg a;
    struct quality dq = {0};
    CHECK(agg_init(&a, pl, &bands, &period, 1, false));
    fill(&a, pl, &dq);
    struct tableset ts = {0};
    CHECK(tables_build(&a, &a.period[0], &dq, &ts));
    /* Every table of the report, in the definitions' order, with the definition's columns. */
    size_t n = 0;
    for (size_t i = 0; i < ntabledefs; i++)
        if ((tabledefs[i].in & IN_REPORT) && !tabledefs[i].source_categories) {
            CHECK(n < ts.n && tabledef_matches(&tabledefs[i], ts.t[n]));
            n++;
        }
    CHECK_INT(ts.n, n);
    breakdowns(&ts);
    suspects_and_files(&ts);
    figures(&a, &ts);
    tableset_free(&ts);
    part_months(&a);
    categories(&a);
    agg_free(&a);
    places_free(pl);
}
