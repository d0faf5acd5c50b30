/* category.h: a source's own categories (an indicator-shaped profile's [category NAME]). */
#ifndef TP_CATEGORY_H
#define TP_CATEGORY_H

#include <stdbool.h>

#include "count/intake.h" /* CAT_MAX, CAT_MAX_VALUES */

enum { CAT_ES, CAT_EN, CAT_LANGS }; /* a text's languages: the first serves every other */

/* One category: its own table (tables/categories.csv and the documents), its total and its
 * parts each an indicator of the file (docs/profiles.md, "Categories"). */
struct category {
    char name[32];                /* [category NAME]: the table's `category` */
    char title[CAT_LANGS][120];   /* the documents' table title ("" in English: the first) */
    char column[CAT_LANGS][80];   /* the header of its values' column ("": the title) */
    char section[32];             /* the report section it is shown in (magnitude ...) */
    bool victims;                 /* it counts victims; else cases */
    int total;                    /* the slot of its total indicator (-1: not given yet) */
    char total_name[64];          /* that indicator, as the profile writes it */
    int nvalues;
    int slot[CAT_MAX_VALUES];     /* each part's indicator slot */
    char value[CAT_MAX_VALUES][32];              /* each part's `value` in the table */
    char label[CAT_MAX_VALUES][CAT_LANGS][80];   /* and its labels */
};

struct categories {
    struct category c[CAT_MAX];
    int n;
};

/* The category's texts in language lang ("es", "en"), falling back to the first: its title,
 * its values' column header (or the title), a part's label. */
const char *category_title(const struct category *c, const char *lang);
const char *category_column(const struct category *c, const char *lang);
const char *category_label(const struct category *c, int value, const char *lang);
/* The category of this name (NULL: none). */
const struct category *categories_find(const struct categories *cs, const char *name);

/* A line of [category NAME] that is not an indicator (title, column, counts, section; title
 * and column with .en too): true
 * when it is one (*why NULL, or why the value is wrong). */
bool category_setting(struct category *c, const char *key, const char *value, const char **why);
/* "VALUE | label | English label": the part's value and labels; NULL or why not. */
const char *category_part(struct category *c, int value, const char *text);

#endif
