/* tabledef.h: each published table described once, as data: columns and roles, sums, rows. */
#ifndef TP_TABLEDEF_H
#define TP_TABLEDEF_H

#include <stdbool.h>
#include <stdio.h>

#include "count/table.h"
#include "util/error.h"

/* What a column holds. */
enum col_role {
    ROLE_DIM,    /* says what a row counts: a dimension of the counts (key, kind, values) */
    ROLE_LABEL,  /* the name of the previous dimension's value (region beside region_code) */
    ROLE_KEY,    /* keyed rows: the row's name (summary's metric); its values are .rows */
    ROLE_COUNT,  /* a count of people or cases: protected in public mode (measure, extra) */
    ROLE_SHARE,  /* a share of the count in column .from */
    ROLE_RATE,   /* a rate of the count in column .from */
    ROLE_NUMBER, /* a number about the input files (lines, rows): not a count of people */
};

/* Whether a dimension's values add up to the total over it. */
enum dim_kind {
    DIM_ADD,     /* they do (sex, region, year ...) */
    DIM_NONADD,  /* they do not: a victim may count under several (forms of exploitation) */
    DIM_PARTIAL, /* they add up to a part only (hotline and media are two sources of many) */
};

/* The values a dimension takes. The vocabularies come first, in enum vocab_id's order. */
enum value_set {
    VS_NONE,
    VS_SEX, VS_YESNO, VS_EXPLOITATION, VS_RECRUITMENT, VS_TRANSPORT, VS_SOURCE, VS_STATUS,
    VS_ASSISTANCE,
    VS_AGE_BAND, VS_REGION, VS_CITY, VS_COUNTRY, VS_PLACE, VS_PLACES, VS_SCOPE, VS_YEAR,
    VS_MONTH,
    VS_UNODC_FORM, VS_UNODC_CATEGORY, VS_STAGE, VS_SENTENCE_BAND, VS_FILE, VS_COLUMN, VS_TEXT,
    VS_CATEGORY, /* a source's own categories and their values (a profile's) */
    VS_N
};

/* A protected table has at most this many dimensions (public mode's cubes). */
#define TABLEDEF_MAX_DIMS 3

struct coldef {
    const char *name;
    enum col_role role;
    enum value_set values; /* ROLE_DIM, ROLE_LABEL */
    /* ROLE_DIM of a protected table: */
    const char *key;       /* its name in protection keys ("band"); the same key as the column
                              before it: a part of that dimension's value, joined with .sep */
    const char *sep;       /* a joined part's separator ("city/region", "origin>transit") */
    enum dim_kind kind;
    const char *omit;      /* the value that is the whole population, left out of keys */
    bool known;            /* the count of its known values (the whole of shares) is printed */
    bool foreign;          /* its values but Peru and unknown add up to nationality=foreign */
    /* ROLE_COUNT: */
    const char *measure;   /* cases, victims, suspects (every year), psuspects (in the period);
                              NULL in a table of keyed rows (the row's) */
    const char *extra;     /* a fixed "dim=value" of this column's counts, or NULL */
    bool total;            /* keyed rows: its counts are totals (of cells printed elsewhere) */
    /* ROLE_SHARE, ROLE_RATE: */
    const char *from;
};

/* total = parts, or total = parts + rest: a count printed nowhere, named .rest. Within a row
 * these name columns; among keyed rows, rows. */
struct sumdef {
    const char *total, *rest;
    const char *parts[4]; /* NULL-terminated */
};

/* Where a table or a keyed row is published: a bit per publication. */
enum {
    IN_REPORT = 1,        /* the report's tables */
    IN_BRIEF = 2,         /* a regional brief's */
    IN_BRIEF_SUMMARY = 4, /* a brief's previous period: its headline figures */
    IN_BRIEF_TOTALS = 8,  /* a brief of a region with too few: its totals alone */
    IN_ANY_BRIEF = IN_BRIEF | IN_BRIEF_SUMMARY | IN_BRIEF_TOTALS,
};

enum row_kind {
    ROW_COUNT,   /* a count: its key is measure with dims (and each count column's extra) */
    ROW_TEXT,    /* not a number (the period's dates) */
    ROW_FILES,   /* a count of rows of files, not of people: published as it is */
    ROW_DERIVED, /* computed from the count of row .from: hidden with it */
};

/* A keyed row: the value of the table's ROLE_KEY column, and what it holds. */
struct rowdef {
    const char *name;
    enum row_kind kind;
    const char *measure;
    const char *dims[3]; /* "dim=value", NULL-terminated */
    bool alone;          /* its count is in the first count column alone */
    const char *from;    /* ROW_DERIVED */
    unsigned in;         /* IN_*: where the summary prints it */
};

struct tabledef;
struct tables_in;
typedef struct table *table_builder(const struct tabledef *d, const struct tables_in *in);

struct tabledef {
    const char *name; /* the CSV file's stem: tables/NAME.csv */
    const struct coldef *cols;
    int ncols;
    const struct sumdef *row_sums; /* within each row, among its columns */
    int nrow_sums;
    const struct rowdef *rows; /* keyed rows, in order; NULL: rows by dimension values */
    int nrows;
    const struct sumdef *sums_of_rows; /* among keyed rows */
    int nsums_of_rows;
    /* Its rows are the country's counts whatever the scope (a brief's routes touching its
     * region): the scope names which rows it holds, only its merged rows are the scope's own;
     * and it has no totals. */
    bool country_rows;
    /* Not published in public mode: its counts are not yet linked to the other tables' (the
     * years of by_year add up to the periods' counts), so protecting it alone could let a
     * reader subtract a hidden count out. */
    bool full_only;
    /* Its rows are the source's own categories (agg.categories): not written for a source
     * that has none. */
    bool source_categories;
    unsigned in; /* IN_*: the publications that print it */
    table_builder *build;
};

/* How a reader ties a dimension to another that classifies the same people or cases (public
 * mode draws these sums across tables: src/protect/links.c; docs/report-tables.md, "What a
 * reader may derive"). */
enum link_kind {
    LINK_NONE,     /* no other key classifies what it does */
    LINK_CATEGORY, /* each value is a pair of .to's values: UNODC's girls are female minors */
    LINK_BANDS,    /* age bands: those under 18 add up to the minors of .to, at most */
    LINK_UNION,    /* each value is the union of some of .to's (UNODC's forms of ours) */
    LINK_WITHIN,   /* each value lies within one of .to's (a city in its region) */
};

/* Every dimension key a protected table may use, declared with its link: a table with a key
 * not declared here fails the start-up check, so none is published outside the links. */
struct keydef {
    const char *key;
    enum link_kind link;
    const char *to; /* the key (keys, joined by '+') it is tied to */
};
extern const struct keydef keydefs[];
extern const size_t nkeydefs;
const struct keydef *keydef_find(const char *key); /* NULL when not declared */

/* The measures that count every year whatever the period (NULL-terminated), and whether a
 * key ("measure|dim=value...") is one of theirs. */
extern const char *const all_years_measures[];
bool key_all_years(const char *key);

/* Every table, in the order the report lists and protects them. */
extern const struct tabledef tabledefs[];
extern const size_t ntabledefs;

const struct tabledef *tabledef_find(const char *name); /* NULL when none */
/* Column index by name; a name the definition does not have is a programmer error. */
int tabledef_col(const struct tabledef *d, const char *name);
const struct coldef *tabledef_coldef(const struct tabledef *d, const char *name); /* or NULL */
const struct rowdef *tabledef_row(const struct tabledef *d, const char *name);    /* or NULL */
/* The first ROLE_COUNT column (-1: none). */
int tabledef_first_count(const struct tabledef *d);
/* The vocabulary of a value set (an enum vocab_id), or -1. */
int tabledef_vocab(enum value_set v);
const char *tabledef_values_name(enum value_set v);

/* A new empty table with d's name and columns (NULL: out of memory). */
struct table *tabledef_table(const struct tabledef *d);
/* Whether t has exactly d's columns, in order. */
bool tabledef_matches(const struct tabledef *d, const struct table *t);

/* Checks one definition: every count is covered by protection (a measure, or keyed rows that
 * each name theirs), every dimension of a protected table has a key, every sum and derived
 * column names columns or rows it has. False with *err (TP_ERR_INTERNAL) naming the table and
 * column. */
bool tabledef_check(const struct tabledef *d, struct tp_error *err);
/* Every definition (at start-up, before anything is read). */
bool tabledefs_check(struct tp_error *err);

/* tipreport --list-tables: every definition as TSV, a header line first. */
void tabledefs_list(FILE *f);

#endif
