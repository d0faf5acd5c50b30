/* aggregate.h: streaming counters per reporting period, and over all years for suspects. */
#ifndef TP_AGGREGATE_H
#define TP_AGGREGATE_H

#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "count/age.h"
#include "count/dataset.h"
#include "count/intake.h"
#include "count/places.h"
#include "util/strmap.h"
#include "read/vocab.h"

/* The report's period and the previous one, then (public mode) the periods of earlier
 * releases and the pieces they cut the periods into (protect/ledger.h). */
#define MAX_PERIODS 16
/* Counted by region too (briefs): the report's period and the previous one. */
#define REGIONAL_PERIODS 2
_Static_assert(MAX_PERIODS <= sizeof(((struct case_rec *)0)->periods) * CHAR_BIT,
               "a case's periods: a bit per period");
_Static_assert(NREGIONS <= UINT8_MAX, "records hold a region in a byte");

/* UNODC's categories of victims: by sex and whether a minor. */
enum unodc_category { UNODC_WOMEN, UNODC_MEN, UNODC_GIRLS, UNODC_BOYS, UNODC_UNKNOWN, UNODC_N };
enum unodc_category unodc_category(int sex, int minor);

/* UNODC's forms of exploitation, onto which ours map (unodc_forms). */
enum unodc_form { UF_SEXUAL, UF_LABOUR, UF_ORGANS, UF_OTHER, UF_UNKNOWN, UF_N };
/* The UNODC forms of a case's mask of forms: a bit per enum unodc_form. */
unsigned unodc_forms(unsigned exploitation);
/* The UNODC form of one of our forms (an exploitation code); UF_UNKNOWN for EXP_N, none. */
int unodc_form_of(int exploitation_code);

/* Stages of the criminal process a suspect has reached, as the international tables count. */
enum stage { STAGE_SUSPECTED, STAGE_PROSECUTED, STAGE_CONVICTED, STAGE_N };

/* Forms of exploitation the US report counts as labour trafficking (the rest but sexual
 * exploitation, child pornography, organ removal, sale of children, forced marriage, illegal
 * adoption and other). */
#define EXP_LABOUR_MASK ((1u << EXP_LABOUR) | (1u << EXP_DOMESTIC) | (1u << EXP_BEGGING) |    \
                         (1u << EXP_CRIMINALITY) | (1u << EXP_CHILD_LABOUR) | (1u << EXP_MILITARY))

struct suspect_counts {
    uint64_t identified, sex[3], peruvian, foreign, nationality_unknown;
    uint64_t detained, prosecuted, convicted;
    uint64_t sentences;        /* convicted with a sentence length */
    double sentence_years_sum;
    double sentence_min, sentence_max; /* of those; valid when sentences > 0 */
    uint64_t stage_sex[STAGE_N][3];
    uint64_t labour[STAGE_N];  /* whose case has a form of labour exploitation */
};

struct route_count {
    uint64_t cases, victims;
};

/* Counts for the cases reported in one period and their victims. Arrays indexed by a code
 * keep unknown at the value set's ncodes (or index 0 for regions, cities, countries + 1). */
struct agg_period {
    struct period period;
    int region; /* -1: the whole country; else only the cases of that region (0 unknown) and
                   their victims and suspects */
    uint64_t cases, victims;
    uint64_t sex_band[3][MAX_BANDS + 1];
    uint64_t sex_minor[3][3];
    uint64_t region_cases[NREGIONS + 1], region_victims[NREGIONS + 1], region_minor[NREGIONS + 1];
    uint64_t *city_cases, *city_victims; /* [nprovinces + 1] */
    uint64_t *nationality;               /* [ncountries + 1]: 0 unknown, country + 1 */
    uint64_t *home_region; /* victims: [agg_home_index(home) * (NREGIONS + 1) + case region] */
    uint64_t *nationality_category;      /* [(ncountries + 1) * UNODC_N] */
    uint64_t *suspect_stage_nationality; /* [(ncountries + 1) * STAGE_N], identified in the period */
    uint64_t cases_labour;               /* cases with a form of labour exploitation */
    uint64_t unodc_form[UF_N][UNODC_N];  /* victims once per UNODC form of their case */
    struct route_count *routes;          /* [route ids] */
    uint64_t exploitation[EXP_N + 1][3][3]; /* code x sex x minor */
    uint64_t recruitment[MAX_CODES + 1], transport[MAX_CODES + 1], source[MAX_CODES + 1],
        status[MAX_CODES + 1], assistance[MAX_CODES + 1];
    uint64_t recruitment_known; /* cases with at least one recruitment value */
    uint64_t region_source[NREGIONS + 1][MAX_CODES + 1]; /* cases: region x how reported */
    uint64_t id_document[3];    /* victims: YES, NO, unknown */
    uint64_t assisted;          /* victims who received a service (not "none" or unknown) */
    struct suspect_counts suspects; /* identified in the period */
    /* Of those, the convicted with a sentence by its length in whole months (rounded); the
     * last holds the longer ones. */
    uint64_t *sentence_months; /* [SENTENCE_MONTHS + 1] */
    /* The source's own categories (intake.h, agg_category): [category][value], the value's
     * unknown at CAT_MAX_VALUES. Counted in the country's periods only (no brief shows them). */
    uint64_t category[CAT_MAX][CAT_MAX_VALUES + 1];
};

#define SENTENCE_MONTHS (50 * 12)
#define STATUS_DAYS ((DATE_MAX_YEAR - DATE_MIN_YEAR + 1) * 366) /* every interval of dates */

#define YEARS (DATE_MAX_YEAR - DATE_MIN_YEAR + 1)

/* Cases and victims of one row of by_year.csv: a year, or a range of years, in every period. */
struct year_count {
    uint64_t cases, victims, female, male, minor;
};

struct categories;

struct agg {
    const struct places *places; /* borrowed */
    struct age_bands bands;
    int nperiods;
    int nreport; /* the report's own periods, first: 1, or 2 with the previous one; the rest
                    are earlier releases' and their pieces (protect/history.h) */
    struct agg_period period[MAX_PERIODS];
    /* When asked for: each period again for each region, [NREGIONS + 1] (public mode, whose
     * tables are protected with every region's breakdown). NULL otherwise. */
    struct agg_period *by_region[MAX_PERIODS];
    tp_date first, last;        /* range of the counted cases' report dates; 0 when none */
    tp_date latest;             /* the latest date of any counted record: the data's date */
    struct strmap *routes;      /* packed route_key -> route id (entry number) */
    size_t routes_cap;
    struct suspect_counts by_year[YEARS]; /* every suspect, by year identified */
    struct strmap *year_keys;   /* int16 {first year, last year} -> row of years */
    struct year_count *years;   /* [years_cap]: cases by the year (or range) reported */
    size_t years_cap;
    /* The first period's cases (the report's) and their victims by the month reported,
     * [agg_month_index]; those dated by a year or a range, in no month, in months_undated. */
    struct year_count *months;
    struct year_count months_undated;
    /* The first period's cases by status and the days from report to status date (a report
     * dated by a day, and a status date on or after it): [status * (STATUS_DAYS + 1) + days],
     * status the value set's code (its ncodes: unknown); by status, the cases without them. */
    uint64_t *status_days;
    uint64_t status_undated[MAX_CODES + 1];
    uint64_t *suspect_nationality;        /* [ncountries + 1], all years */
    uint64_t cases, victims, suspects;    /* counted, whatever the period */
    uint64_t victims_without_case;
    unsigned gives; /* GIVES_* (count/gives.h): what the source gives; agg_init: all */
    /* The source's own categories (read/category.h), borrowed from its profile; NULL when it
     * has none (then tables/categories.csv is not written). */
    const struct categories *categories;
};

bool agg_init(struct agg *a, const struct places *places, const struct age_bands *bands,
              const struct period *periods, int nperiods, bool by_region);
void agg_free(struct agg *a);

/* Counting a record: intake.h. */

void agg_route_key(const struct agg *a, long id, struct route_key *k);
/* Where a victim comes from, as an index of agg_period.home_region: 0 unknown, 1..NREGIONS a
 * region, then the countries abroad; and back to a place code. */
size_t agg_home_index(uint16_t home);
uint16_t agg_home_place(size_t index);
size_t agg_nhomes(const struct agg *a);
/* Row id of by_year's counts (agg_year): its first and last year (equal for one year). */
void agg_year_key(const struct agg *a, long id, int *first_year, int *last_year);
size_t agg_nroutes(const struct agg *a);
size_t agg_nyears(const struct agg *a); /* rows of by_year's counts */
/* The index in agg.months of the month of d (DATE_MIN_YEAR..DATE_MAX_YEAR). */
size_t agg_month_index(tp_date d);

#endif
