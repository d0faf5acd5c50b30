/* table.h: one table of the report, renderer-neutral: named columns, rows of typed cells. */
#ifndef TP_TABLE_H
#define TP_TABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"

/* The widest table is the report's victims_summary: 4 columns and each sex by every age band
 * and unknown, 4 + 2 x (MAX_BANDS + 1) = 38 (asserted where it is built, report/views.c). */
#define TABLE_MAX_COLS 38

enum cell_kind { CELL_EMPTY, CELL_TEXT, CELL_INT, CELL_REAL };

struct cell {
    uint8_t kind;
    uint8_t decimals; /* CELL_REAL */
    uint8_t hidden;   /* public mode: an enum sdc_state (0 shown); set by protect.c */
    union {
        size_t text; /* offset into the table's text */
        uint64_t i;
        double r;
    } v;
};

/* Owns its cells and text. Column names are borrowed (string literals). */
struct table {
    char name[48]; /* public name, the CSV file's stem: "cases_by_region" */
    int ncols;
    const char *cols[TABLE_MAX_COLS];
    struct cell *cells; /* row-major, nrows * ncols */
    size_t *sortkey;    /* per row, offset into text: the tie-break after the counts */
    size_t nrows, cap;
    struct buf text;
    bool oom; /* set by any failed append; checked once by the builder */
    uint8_t public_k; /* public mode: its counts are protected with this k (0: not public) */
    bool sorted;      /* by table_sort, on columns sort_c1 and sort_c2 (-1: none) */
    int sort_c1, sort_c2;
    size_t sorted_rows; /* the rows it sorted: those added later (totals) stay after them */
};

struct table *table_new(const char *name, int ncols, const char *const *cols);
void table_free(struct table *t); /* accepts NULL */

size_t table_row(struct table *t, const char *sortkey); /* a new row of empty cells */
void table_text(struct table *t, size_t row, int col, const char *s);
void table_int(struct table *t, size_t row, int col, uint64_t v);
void table_real(struct table *t, size_t row, int col, double v, int decimals);
void table_hide(struct table *t, size_t row, int col, int state); /* public mode's mark */
void table_clear(struct table *t, size_t row, int col); /* back to an empty cell */

/* Rows by column c1 descending, then c2 descending (c2 < 0: none), then sort key ascending. */
void table_sort(struct table *t, int c1, int c2);
/* Public mode, once its cells are marked: the rows of a table table_sort ordered, again on
 * the same columns but by what is printed, so that the order tells nothing a mark hides: a
 * shown count by its value, every hidden cell (`<k`, `x`) equal to every other and below
 * every shown count but zero, then the sort key. Rows added after table_sort (public
 * mode's totals) stay where they are; a table never sorted is left as it is. */
void table_sort_printed(struct table *t);
/* The same for a table not sorted by table_sort (one built anew from a sorted one): rows
 * 0..n-1 on columns c1 and c2; rows of equal counts and sort keys by their words. */
void table_sort_printed_rows(struct table *t, size_t n, int c1, int c2);
/* Rows 0..n-1 in the order idx gives (idx[i]: the row that becomes row i; a permutation of
 * 0..n-1); the rows after them stay. */
void table_reorder(struct table *t, const size_t *idx, size_t n);

const struct cell *table_cell(const struct table *t, size_t row, int col);
/* The index of column name; a column t does not have is a programmer error (asserts). */
int table_col(const struct table *t, const char *name);
const char *table_cell_text(const struct table *t, const struct cell *c); /* CELL_TEXT */

/* The tables of one run, in order. Owns them. */
struct tableset {
    struct table **t;
    size_t n;
};

bool tableset_add(struct tableset *s, struct table *t); /* takes t, even on failure */
const struct table *tableset_find(const struct tableset *s, const char *name);
void tableset_free(struct tableset *s);

#endif
