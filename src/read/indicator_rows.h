/* indicator_rows.h: an indicator-shaped source: one row per group x indicator, the count in the row. */
#ifndef TP_INDICATOR_ROWS_H
#define TP_INDICATOR_ROWS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "count/dataset.h"
#include "read/category.h"
#include "util/buf.h"

struct agg;
struct quality;
struct strmap;

/* What one indicator counts (docs/profiles.md, "Indicator-shaped sources"). */
enum ir_role {
    IR_CASES,   /* the cases (complaints) total */
    IR_VICTIMS, /* the victims total */
    IR_SEX,     /* a sex subtotal of the victims */
    IR_BAND,    /* the victims of one sex in one age band */
    IR_PART,    /* the cases of one value of a case field (exploitation:sexual) */
    IR_NONE     /* only a category's total or part (read/category.h) */
};

struct ir_slot {
    uint8_t role;       /* enum ir_role */
    uint8_t sex;        /* IR_SEX, IR_BAND: SEX_* */
    struct age age;     /* IR_BAND */
    uint16_t mask;      /* IR_PART: the exploitation bit */
    char name[64];      /* the indicator as written, for data-quality lines */
};

#define IR_MAX_GROUP 8
#define IR_MAX_SLOTS 128

/* The profile's [indicator_rows] and [indicator_values]; column NULL: not indicator-shaped. */
struct indicator_rows {
    char *column;               /* the header of the column naming the indicator */
    char *group[IR_MAX_GROUP];  /* the headers whose values identify one group */
    size_t ngroup;
    struct strmap *meaning;     /* folded indicator -> slot index */
    struct ir_slot slot[IR_MAX_SLOTS];
    size_t nslots;
    struct categories cats;     /* [category NAME] sections */
};

/* One line of [indicator_rows] (column, group) or of [indicator_values] (INDICATOR =
 * meaning). NULL when accepted, else why not (a constant string). */
const char *ir_setting(struct indicator_rows *ir, const char *name, const char *value);
const char *ir_meaning(struct indicator_rows *ir, const char *indicator, const char *meaning);
void ir_free(struct indicator_rows *ir);
/* One line of [category NAME]: title, title.en, counts, section, INDICATOR = total, or
 * INDICATOR = VALUE | label | English label. NULL or why not. */
const char *ir_category(struct indicator_rows *ir, const char *name, const char *key,
                        const char *value);

/* The source's own age bands: those its band indicators name ("female 0-5"), in order of age.
 * False when it names none, or when they do not run from 0 to AGE_MAX without gaps or
 * overlaps (then no band asked for can be checked against them). */
bool ir_age_bands(const struct indicator_rows *ir, struct age_bands *out);

/* One group: its first row's case (date, region...) and its indicators' values. */
struct ir_group {
    struct case_rec c;          /* weight unused */
    uint32_t line[IR_MAX_SLOTS]; /* line of each indicator's first row; 0: not in the group */
    uint64_t val[IR_MAX_SLOTS];
};

/* The groups of one file, in the order their first rows come. */
struct ir_groups {
    struct strmap *index;       /* the group columns' values, as written -> group */
    struct ir_group *g;
    size_t n, cap;
    struct buf key;             /* the current row's key */
};

/* The group of gs->key, or NULL when there is none yet. */
struct ir_group *ir_group_find(struct ir_groups *gs);
/* A new group of gs->key whose case is c; NULL when out of memory. Pointers into the groups
 * hold until the next call. */
struct ir_group *ir_group_add(struct ir_groups *gs, const struct case_rec *c);
void ir_groups_free(struct ir_groups *gs);

/* Hands every group's cases, victims and categories to a and writes to q (file) a
 * data-quality line wherever a total and its parts disagree. False when out of memory. */
bool ir_flush(const struct indicator_rows *ir, const struct ir_groups *gs, struct agg *a,
              struct quality *q, int file);

#endif
