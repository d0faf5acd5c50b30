/* tabledefs.c: the definition of every published table (docs/adding-a-table.md). */
#include "count/tabledef.h"
#include "count/tables.h"

#define N(a) (int)(sizeof a / sizeof *a)
#define DIM(n, k, kd, v) {.name = n, .role = ROLE_DIM, .key = k, .kind = kd, .values = v}
#define JOINED(n, k, s, v)                                                                 \
    {.name = n, .role = ROLE_DIM, .key = k, .sep = s, .kind = DIM_ADD, .values = v}
#define LABEL(n, v) {.name = n, .role = ROLE_LABEL, .values = v}
#define COUNT(n, m) {.name = n, .role = ROLE_COUNT, .measure = m}
#define COUNT_OF(n, m, x) {.name = n, .role = ROLE_COUNT, .measure = m, .extra = x}
#define SHARE(n, f) {.name = n, .role = ROLE_SHARE, .from = f}
#define RATE(n, f) {.name = n, .role = ROLE_RATE, .from = f}
#define NUMBER(n) {.name = n, .role = ROLE_NUMBER}
#define ITEM(n, v) {.name = n, .role = ROLE_DIM, .values = v} /* a dimension of no counts */

#define ALL (IN_REPORT | IN_ANY_BRIEF)
#define REGION (IN_REPORT | IN_BRIEF | IN_BRIEF_SUMMARY)

/* ---- summary: keyed metrics ---------------------------------------------------------------- */

static const struct coldef summary_cols[] = {
    {.name = "metric", .role = ROLE_KEY, .values = VS_TEXT},
    {.name = "value", .role = ROLE_COUNT, .total = true}};

/* A region's summary counts its cases and victims (the first metrics); the rest count the
 * country (victims without a case have no region) or the files. */
#define M(n, m, d, i) {.name = n, .kind = ROW_COUNT, .measure = m, .dims = {d}, .in = i}
#define V(n, d, i) M(n, "victims", d, i)
#define S(n, d) M(n, "psuspects", d, IN_REPORT) /* suspects identified in the period */
#define FILES(n) {.name = n, .kind = ROW_FILES, .in = IN_REPORT}
static const struct rowdef summary_rows[] = {
    {.name = "period_from", .kind = ROW_TEXT, .in = ALL},
    {.name = "period_to", .kind = ROW_TEXT, .in = ALL},
    M("cases", "cases", NULL, ALL), V("victims", NULL, ALL),
    V("victims_female", "sex=female", REGION), V("victims_male", "sex=male", REGION),
    V("victims_sex_unknown", "sex=unknown", REGION), V("victims_minor", "minor=yes", REGION),
    V("victims_adult", "minor=no", REGION), V("victims_age_unknown", "minor=unknown", REGION),
    M("victims_without_case", "orphans", NULL, IN_REPORT),
    V("victims_without_id_document", "id_document=no", IN_REPORT),
    V("victims_assisted", "assisted=yes", IN_REPORT),
    S("suspects_identified", NULL), S("suspects_female", "sex=female"),
    S("suspects_male", "sex=male"), S("suspects_foreign", "nationality=foreign"),
    S("suspects_detained", "detained=yes"), S("suspects_prosecuted", "stage=prosecuted"),
    S("suspects_convicted", "stage=convicted"),
    FILES("rows_read_cases"), FILES("rows_read_victims"), FILES("rows_read_suspects"),
    FILES("rows_counted_cases"), FILES("rows_counted_victims"), FILES("rows_counted_suspects"),
    FILES("rows_rejected_cases"), FILES("rows_rejected_victims"), FILES("rows_rejected_suspects"),
    FILES("rows_blank_cases"), FILES("rows_blank_victims"), FILES("rows_blank_suspects"),
    FILES("warnings"), FILES("rows_partly_in_period"),
};

static const struct sumdef summary_sums[] = {
    {"victims", NULL, {"victims_female", "victims_male", "victims_sex_unknown"}},
    {"victims", NULL, {"victims_minor", "victims_adult", "victims_age_unknown"}},
    {"victims", "id_document", {"victims_without_id_document"}},
    {"victims", "assisted", {"victims_assisted"}},
    {"suspects_identified", "sex", {"suspects_female", "suspects_male"}},
    {"suspects_identified", "foreign", {"suspects_foreign"}},
    {"suspects_identified", "detained", {"suspects_detained"}},
    {"suspects_identified", "prosecuted", {"suspects_prosecuted"}},
    {"suspects_identified", "convicted", {"suspects_convicted"}},
};

/* ---- breakdowns ---------------------------------------------------------------------------- */

static const struct coldef sex_age_cols[] = {
    DIM("sex", "sex", DIM_ADD, VS_SEX), DIM("age_band", "band", DIM_ADD, VS_AGE_BAND),
    COUNT("victims", "victims")};

static const struct coldef region_cols[] = {
    DIM("region_code", "region", DIM_ADD, VS_REGION), LABEL("region", VS_REGION),
    COUNT("cases", "cases"), COUNT("victims", "victims"),
    COUNT_OF("victims_minor", "victims", "minor=yes"), RATE("victims_per_100k", "victims")};
static const struct sumdef region_sums[] = {{"victims", "victims_minor", {"victims_minor"}}};

/* A city is named with its region: two provinces may have capitals of one name. */
static const struct coldef city_cols[] = {
    DIM("city", "city", DIM_ADD, VS_CITY), JOINED("region", "city", "/", VS_REGION),
    COUNT("cases", "cases"), COUNT("victims", "victims")};

static const struct coldef nationality_cols[] = {
    DIM("nationality", "nationality", DIM_ADD, VS_COUNTRY), COUNT("victims", "victims")};

/* Where victims come from (a region or a country); and against the region of their case. */
static const struct coldef home_cols[] = {DIM("home", "home", DIM_ADD, VS_PLACE),
                                          COUNT("victims", "victims")};
static const struct coldef home_region_cols[] = {
    DIM("home", "home", DIM_ADD, VS_PLACE), DIM("region_code", "region", DIM_ADD, VS_REGION),
    LABEL("region", VS_REGION), COUNT("victims", "victims")};

/* A route is one value: "origin>transit>destination:scope". */
static const struct coldef route_cols[] = {
    DIM("origin", "route", DIM_ADD, VS_PLACE), JOINED("transit", "route", ">", VS_PLACES),
    JOINED("destination", "route", ">", VS_PLACE), JOINED("scope", "route", ":", VS_SCOPE),
    COUNT("cases", "cases"), COUNT("victims", "victims")};

static const struct coldef exploitation_cols[] = {
    DIM("exploitation", "form", DIM_NONADD, VS_EXPLOITATION), DIM("sex", "sex", DIM_ADD, VS_SEX),
    DIM("minor", "minor", DIM_ADD, VS_YESNO), COUNT("victims", "victims")};

static const struct coldef form_cols[] = {
    DIM("exploitation", "form", DIM_NONADD, VS_EXPLOITATION), COUNT("victims", "victims")};

/* Shares of the cases with a known value: that count is printed (the shares' whole). */
static const struct coldef recruitment_cols[] = {
    {.name = "recruitment", .role = ROLE_DIM, .key = "recruitment", .kind = DIM_NONADD,
     .values = VS_RECRUITMENT, .known = true},
    COUNT("cases", "cases"), SHARE("share", "cases")};
static const struct coldef transport_cols[] = {
    {.name = "transport", .role = ROLE_DIM, .key = "transport", .kind = DIM_NONADD,
     .values = VS_TRANSPORT, .known = true},
    COUNT("cases", "cases")};
static const struct coldef source_cols[] = {DIM("source", "source", DIM_ADD, VS_SOURCE),
                                            COUNT("cases", "cases")};
static const struct coldef status_cols[] = {DIM("status", "status", DIM_ADD, VS_STATUS),
                                            COUNT("cases", "cases")};
/* The days from a case's report to its current status, by status: median and quartiles of
 * the cases with both dates (build_status_time); those without (no status date, a report
 * dated by more than a day, a status date before the report) counted apart. */
static const struct coldef status_time_cols[] = {
    DIM("status", "status", DIM_ADD, VS_STATUS), COUNT("cases", "cases"),
    COUNT_OF("cases_without_date", "cases", "status_date=no"), RATE("median_days", "cases"),
    RATE("q1_days", "cases"), RATE("q3_days", "cases")};
static const struct sumdef status_time_sums[] = {
    {"cases", "cases_with_date", {"cases_without_date"}}};
static const struct coldef assistance_cols[] = {
    DIM("assistance", "assistance", DIM_NONADD, VS_ASSISTANCE), COUNT("victims", "victims")};

static const struct coldef prevention_cols[] = {
    DIM("region_code", "region", DIM_ADD, VS_REGION), LABEL("region", VS_REGION),
    DIM("source", "source", DIM_PARTIAL, VS_SOURCE), COUNT("cases", "cases")};

/* Cases and victims by the year reported, suspects by the year identified, every year in the
 * data (not only the period's); a row dated by a range of years is its own row ("2014-2018",
 * no suspects). `partial`: the data cover the year in part (build_by_year). */
static const struct coldef by_year_cols[] = {
    DIM("year", "year", DIM_ADD, VS_YEAR), LABEL("partial", VS_YESNO),
    COUNT("cases", "all_cases"), COUNT("victims", "all_victims"),
    COUNT_OF("victims_female", "all_victims", "sex=female"),
    COUNT_OF("victims_male", "all_victims", "sex=male"),
    COUNT_OF("victims_minor", "all_victims", "minor=yes"), COUNT("suspects_identified", "suspects"),
    COUNT_OF("suspects_detained", "suspects", "detained=yes"),
    COUNT_OF("suspects_prosecuted", "suspects", "stage=prosecuted"),
    COUNT_OF("suspects_convicted", "suspects", "stage=convicted")};
static const struct sumdef by_year_sums[] = {
    {"victims", "sex", {"victims_female", "victims_male"}},
    {"victims", "minor", {"victims_minor"}},
    {"suspects_identified", "detained", {"suspects_detained"}},
    {"suspects_identified", "prosecuted", {"suspects_prosecuted"}},
    {"suspects_identified", "convicted", {"suspects_convicted"}}};

/* The period's cases and their victims by the month reported, every month of the period;
 * a case dated by a year or a range has the row "unknown". `partial`: the data or the period
 * cover the month in part (build_by_month). Full only, like by_year: its months add up to the
 * period's counts, which no sum declares yet. */
static const struct coldef by_month_cols[] = {
    DIM("year", "year", DIM_ADD, VS_YEAR), JOINED("month", "year", "-", VS_MONTH),
    LABEL("partial", VS_YESNO), COUNT("cases", "cases"), COUNT("victims", "victims"),
    COUNT_OF("victims_minor", "victims", "minor=yes")};
static const struct sumdef by_month_sums[] = {{"victims", "victims_minor", {"victims_minor"}}};

/* A source's own categories (a profile's [category NAME] sections, docs/profiles.md): each
 * category's parts in the profile's order, then its unknown (what its total holds beyond
 * them). A category counts cases or victims: the other column is empty, never 0. Written only
 * for a source that has categories; not published in public mode (not yet protected: a
 * category's total is the cases' or the victims' of other tables, which no sum declares). */
static const struct coldef categories_cols[] = {
    DIM("category", "category", DIM_ADD, VS_CATEGORY), DIM("value", "cvalue", DIM_ADD, VS_CATEGORY),
    COUNT("cases", "cases"), COUNT("victims", "victims")};

/* ---- suspects ------------------------------------------------------------------------------ */

static const struct coldef year_cols[] = {
    DIM("year", "year", DIM_ADD, VS_YEAR),
    COUNT("identified", "suspects"),
    COUNT_OF("female", "suspects", "sex=female"),
    COUNT_OF("male", "suspects", "sex=male"),
    COUNT_OF("sex_unknown", "suspects", "sex=unknown"),
    COUNT_OF("peruvian", "suspects", "nationality=Peru"),
    COUNT_OF("foreign", "suspects", "nationality=foreign"),
    COUNT_OF("nationality_unknown", "suspects", "nationality=unknown"),
    COUNT_OF("detained", "suspects", "detained=yes"),
    COUNT_OF("prosecuted", "suspects", "stage=prosecuted"),
    COUNT_OF("convicted", "suspects", "stage=convicted")};
static const struct sumdef year_sums[] = {
    {"identified", NULL, {"female", "male", "sex_unknown"}},
    {"identified", NULL, {"peruvian", "foreign", "nationality_unknown"}},
    {"identified", "detained", {"detained"}},
    {"identified", "prosecuted", {"prosecuted"}},
    {"identified", "convicted", {"convicted"}},
};

static const struct coldef suspect_nationality_cols[] = {
    {.name = "nationality", .role = ROLE_DIM, .key = "nationality", .kind = DIM_ADD,
     .values = VS_COUNTRY, .foreign = true},
    COUNT("suspects", "suspects")};

/* Persons convicted (identified in the period) by the length of their sentence: bands of five
 * years, and unknown for those with no length. Not yet linked to the TIP table's sentences. */
static const struct coldef sentence_cols[] = {
    DIM("sentence_years", "sentence_band", DIM_ADD, VS_SENTENCE_BAND),
    COUNT_OF("persons", "psuspects", "stage=convicted")};

/* ---- international tables ------------------------------------------------------------------ */

static const struct coldef unodc_form_cols[] = {
    DIM("exploitation", "uform", DIM_NONADD, VS_UNODC_FORM),
    DIM("category", "ucat", DIM_ADD, VS_UNODC_CATEGORY), COUNT("victims", "victims")};
static const struct coldef unodc_citizenship_cols[] = {
    DIM("citizenship", "nationality", DIM_ADD, VS_COUNTRY),
    DIM("category", "ucat", DIM_ADD, VS_UNODC_CATEGORY), COUNT("victims", "victims")};
static const struct coldef unodc_sex_cols[] = {
    {.name = "stage", .role = ROLE_DIM, .key = "stage", .kind = DIM_NONADD, .values = VS_STAGE,
     .omit = "suspected"},
    DIM("sex", "sex", DIM_ADD, VS_SEX), COUNT("persons", "psuspects")};
static const struct coldef unodc_persons_citizenship_cols[] = {
    {.name = "citizenship", .role = ROLE_DIM, .key = "nationality", .kind = DIM_ADD,
     .values = VS_COUNTRY, .foreign = true},
    {.name = "stage", .role = ROLE_DIM, .key = "stage", .kind = DIM_NONADD, .values = VS_STAGE,
     .omit = "suspected"},
    COUNT("persons", "psuspects")};

/* The US report's figures, each with its labour part; the sentences' lengths follow their
 * count. */
static const struct coldef tip_cols[] = {
    {.name = "measure", .role = ROLE_KEY, .values = VS_TEXT},
    {.name = "total", .role = ROLE_COUNT, .total = true},
    {.name = "labour", .role = ROLE_COUNT, .extra = "labour=yes"}};
static const struct rowdef tip_rows[] = {
    {.name = "investigations", .kind = ROW_COUNT, .measure = "cases", .in = IN_REPORT},
    {.name = "prosecutions", .kind = ROW_COUNT, .measure = "psuspects",
     .dims = {"stage=prosecuted"}, .in = IN_REPORT},
    {.name = "convictions", .kind = ROW_COUNT, .measure = "psuspects",
     .dims = {"stage=convicted"}, .in = IN_REPORT},
    {.name = "sentences", .kind = ROW_COUNT, .measure = "psuspects",
     .dims = {"sentence=yes", "stage=convicted"}, .alone = true, .in = IN_REPORT},
    {.name = "sentence_min_years", .kind = ROW_DERIVED, .from = "sentences", .in = IN_REPORT},
    {.name = "sentence_max_years", .kind = ROW_DERIVED, .from = "sentences", .in = IN_REPORT},
    {.name = "sentence_mean_years", .kind = ROW_DERIVED, .from = "sentences", .in = IN_REPORT},
    {.name = "sentence_median_years", .kind = ROW_DERIVED, .from = "sentences", .in = IN_REPORT},
};
static const struct sumdef tip_row_sums[] = {{"total", "labour", {"labour"}}};
static const struct sumdef tip_sums[] = {{"convictions", "sentence", {"sentences"}}};

/* ---- the input files: no counts of people --------------------------------------------------- */

static const struct coldef files_cols[] = {
    ITEM("file", VS_FILE), LABEL("role", VS_TEXT), LABEL("encoding", VS_TEXT),
    LABEL("delimiter", VS_TEXT), NUMBER("header_rows"), NUMBER("lines"), NUMBER("rows_read"),
    NUMBER("rows_counted"), NUMBER("rows_filtered"), NUMBER("rows_rejected"), NUMBER("rows_blank"),
    NUMBER("warnings"), NUMBER("rows_partly_in_period")};
static const struct coldef columns_cols[] = {ITEM("file", VS_FILE), ITEM("column", VS_COLUMN),
                                             LABEL("header", VS_TEXT), LABEL("field", VS_TEXT)};

/* ---- every table ---------------------------------------------------------------------------- */

#define COLS(c) .cols = c, .ncols = N(c)
#define ROW_SUMS(s) .row_sums = s, .nrow_sums = N(s)
const struct tabledef tabledefs[] = {
    {"summary", COLS(summary_cols), .rows = summary_rows, .nrows = N(summary_rows),
     .sums_of_rows = summary_sums, .nsums_of_rows = N(summary_sums), .in = ALL,
     .build = build_summary},
    {"victims_by_sex_age", COLS(sex_age_cols), .in = IN_REPORT | IN_BRIEF,
     .build = build_victims_by_sex_age},
    {"cases_by_region", COLS(region_cols), ROW_SUMS(region_sums), .in = IN_REPORT,
     .build = build_cases_by_region},
    {"cases_by_city", COLS(city_cols), .in = IN_REPORT, .build = build_cases_by_city},
    {"victims_by_nationality", COLS(nationality_cols), .in = IN_REPORT,
     .build = build_victims_by_nationality},
    {"victims_by_home", COLS(home_cols), .in = IN_REPORT, .build = build_victims_by_home},
    /* Protected, its small flows would hide the regions' victims in every brief (their
     * totals over homes): the public report has the homes alone. */
    {"victims_by_home_region", COLS(home_region_cols), .in = IN_REPORT, .full_only = true,
     .build = build_victims_by_home_region},
    {"routes", COLS(route_cols), .in = IN_REPORT, .build = build_routes},
    {"exploitation", COLS(exploitation_cols), .in = IN_REPORT, .build = build_exploitation},
    /* A brief's forms of exploitation: victims once per form of their case. */
    {"victims_by_exploitation", COLS(form_cols), .in = IN_BRIEF,
     .build = build_victims_by_exploitation},
    /* A brief's routes from, through or to its region, counted over the whole country. */
    {"routes_region", COLS(route_cols), .country_rows = true, .in = IN_BRIEF,
     .build = build_routes_region},
    {"recruitment", COLS(recruitment_cols), .in = IN_REPORT, .build = build_recruitment},
    {"transport", COLS(transport_cols), .in = IN_REPORT, .build = build_transport},
    {"source", COLS(source_cols), .in = IN_REPORT, .build = build_source},
    {"status", COLS(status_cols), .in = IN_REPORT, .build = build_status},
    {"status_time", COLS(status_time_cols), ROW_SUMS(status_time_sums), .in = IN_REPORT,
     .full_only = true, .build = build_status_time},
    {"assistance", COLS(assistance_cols), .in = IN_REPORT, .build = build_assistance},
    {"prevention", COLS(prevention_cols), .in = IN_REPORT, .build = build_prevention},
    {"by_year", COLS(by_year_cols), ROW_SUMS(by_year_sums), .in = IN_REPORT,
     .build = build_by_year},
    {"by_month", COLS(by_month_cols), ROW_SUMS(by_month_sums), .in = IN_REPORT,
     .full_only = true, .build = build_by_month},
    {"categories", COLS(categories_cols), .in = IN_REPORT, .full_only = true,
     .source_categories = true, .build = build_categories},
    {"suspects_by_year", COLS(year_cols), ROW_SUMS(year_sums), .in = IN_REPORT,
     .build = build_suspects_by_year},
    {"suspects_by_nationality", COLS(suspect_nationality_cols), .in = IN_REPORT,
     .build = build_suspects_by_nationality},
    {"sentences", COLS(sentence_cols), .in = IN_REPORT, .full_only = true,
     .build = build_sentences},
    {"unodc_victims_by_exploitation", COLS(unodc_form_cols), .in = IN_REPORT,
     .build = build_unodc_victims_by_exploitation},
    {"unodc_victims_by_citizenship", COLS(unodc_citizenship_cols), .in = IN_REPORT,
     .build = build_unodc_victims_by_citizenship},
    {"unodc_persons_by_sex", COLS(unodc_sex_cols), .in = IN_REPORT,
     .build = build_unodc_persons_by_sex},
    {"unodc_persons_by_citizenship", COLS(unodc_persons_citizenship_cols), .in = IN_REPORT,
     .build = build_unodc_persons_by_citizenship},
    {"tip_law_enforcement", COLS(tip_cols), ROW_SUMS(tip_row_sums), .rows = tip_rows,
     .nrows = N(tip_rows), .sums_of_rows = tip_sums, .nsums_of_rows = N(tip_sums),
     .in = IN_REPORT, .build = build_tip_law_enforcement},
    {"input_files", COLS(files_cols), .in = IN_REPORT, .build = build_input_files},
    {"input_columns", COLS(columns_cols), .in = IN_REPORT, .build = build_input_columns},
};
const size_t ntabledefs = sizeof tabledefs / sizeof *tabledefs;

/* The keys the tables' dimensions use. Two keys that classify the same people are tied here;
 * the others classify what no other key does (a reader cannot relate a route to a region: a
 * route's places are where a case went, not where it was registered). */
const struct keydef keydefs[] = {
    {"sex", LINK_NONE, NULL},
    {"minor", LINK_NONE, NULL},
    {"band", LINK_BANDS, "minor"},
    {"ucat", LINK_CATEGORY, "sex+minor"},
    {"form", LINK_NONE, NULL},
    {"uform", LINK_UNION, "form"},
    {"region", LINK_NONE, NULL},
    {"city", LINK_WITHIN, "region"},
    {"home", LINK_NONE, NULL},
    {"route", LINK_NONE, NULL},
    {"nationality", LINK_NONE, NULL},
    {"recruitment", LINK_NONE, NULL},
    {"transport", LINK_NONE, NULL},
    {"source", LINK_NONE, NULL},
    {"status", LINK_NONE, NULL},
    {"assistance", LINK_NONE, NULL},
    {"stage", LINK_NONE, NULL},
    {"year", LINK_NONE, NULL},
    {"sentence_band", LINK_NONE, NULL},
    {"category", LINK_NONE, NULL},
    {"cvalue", LINK_NONE, NULL},
};
const size_t nkeydefs = sizeof keydefs / sizeof *keydefs;

/* The measures that count every year whatever the period: the same counts in every release. */
const char *const all_years_measures[] = {"suspects", "all_cases", "all_victims", NULL};
