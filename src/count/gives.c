/* gives.c: what a source gives (a profile's `gives`): the tables it can fill, cell by cell. */
#include "count/gives.h"

#include <string.h>

/* The definitions' measures, protection keys and fixed dimensions, by what they need. A name
 * not listed needs nothing beyond its measure (a suspect's stage needs suspects). */
static const struct {
    const char *name;
    unsigned bit;
} needs[] = {
    {"cases", GIVES_CASES}, {"all_cases", GIVES_CASES}, {"victims", GIVES_VICTIMS},
    {"all_victims", GIVES_VICTIMS}, {"orphans", GIVES_VICTIMS},
    {"suspects", GIVES_SUSPECTS}, {"psuspects", GIVES_SUSPECTS}, {"year", GIVES_YEAR},
    {"region", GIVES_REGION}, {"city", GIVES_CITY}, {"route", GIVES_ROUTES},
    {"sex", GIVES_SEX}, {"band", GIVES_AGE}, {"minor", GIVES_AGE},
    {"nationality", GIVES_NATIONALITY}, {"ucat", GIVES_NATIONALITY}, {"home", GIVES_HOME},
    {"form", GIVES_EXPLOITATION}, {"uform", GIVES_EXPLOITATION}, {"labour", GIVES_EXPLOITATION},
    {"recruitment", GIVES_RECRUITMENT}, {"transport", GIVES_TRANSPORT},
    {"source", GIVES_SOURCE}, {"status", GIVES_STATUS}, {"assistance", GIVES_ASSISTANCE},
    {"assisted", GIVES_ASSISTANCE}, {"id_document", GIVES_ID_DOCUMENT}};

/* Whether the source gives what a measure, key or "dim=value" names (up to '=' or len). */
static bool given(const char *name, size_t len, unsigned gives)
{
    for (size_t i = 0; name && i < sizeof needs / sizeof *needs; i++)
        if (strlen(needs[i].name) == len && !strncmp(needs[i].name, name, len))
            return (needs[i].bit & gives) != 0;
    return true;
}

static bool given_dim(const char *dim, unsigned gives)
{
    return !dim || given(dim, strcspn(dim, "="), gives);
}

/* Whether count column c can be filled (a measure and its fixed breakdown). */
static bool count_given(const struct coldef *c, unsigned gives)
{
    return (!c->measure || given(c->measure, strlen(c->measure), gives)) &&
           given_dim(c->extra, gives);
}

bool gives_table(const struct tabledef *d, unsigned gives)
{
    if (d->rows || tabledef_first_count(d) < 0)
        return true; /* keyed rows are blanked one by one; tables of files are the files' */
    bool counts = false;
    for (int c = 0; c < d->ncols; c++) {
        const struct coldef *cd = &d->cols[c];
        if (cd->role == ROLE_DIM && cd->key && !given(cd->key, strlen(cd->key), gives))
            return false;
        counts |= cd->role == ROLE_COUNT && count_given(cd, gives);
    }
    return counts;
}

/* Whether keyed row rd of d can be filled. */
static bool row_given(const struct tabledef *d, const struct rowdef *rd, unsigned gives)
{
    if (rd->kind == ROW_DERIVED)
        return row_given(d, tabledef_row(d, rd->from), gives);
    if (rd->kind != ROW_COUNT)
        return true; /* the period's dates, rows of files */
    if (!given(rd->measure, strlen(rd->measure), gives))
        return false;
    for (int k = 0; k < 3 && rd->dims[k]; k++)
        if (!given_dim(rd->dims[k], gives))
            return false;
    return true;
}

void gives_blank(const struct tabledef *d, struct table *t, unsigned gives)
{
    if (!t || gives == GIVES_ALL)
        return;
    for (size_t r = 0; d->rows && r < t->nrows; r++) { /* column 0 is the row's name */
        const struct rowdef *rd = tabledef_row(d, table_cell_text(t, table_cell(t, r, 0)));
        for (int c = 1; rd && !row_given(d, rd, gives) && c < t->ncols; c++)
            table_clear(t, r, c);
    }
    for (int c = 0; c < d->ncols; c++) {
        const struct coldef *cd = &d->cols[c];
        const struct coldef *of = cd->from ? tabledef_coldef(d, cd->from) : cd;
        if (cd->role != ROLE_COUNT && cd->role != ROLE_SHARE && cd->role != ROLE_RATE)
            continue;
        if (!of || count_given(of, gives))
            continue;
        for (size_t r = 0; r < t->nrows; r++)
            table_clear(t, r, c);
    }
}
