/* view.h: inside the report builder: the context every view and chart is built in (internal). */
#ifndef TP_VIEW_H
#define TP_VIEW_H

#include <stdbool.h>
#include <stdint.h>

#include "report/build.h"
#include "report/figures.h"
#include "report/map.h"

/* One report being built: its input, the model so far, and the first error (failed: the
 * error is set; builders stop and return false). */
struct ctx {
    const struct report_input *in;
    struct report *r;
    struct tp_error *err;
    bool failed;
    int group; /* the subheading the blocks are under: its item of the definition, or -1 */
};

/* ---- lookups (view.c) ---- */

/* The counts the document is about: the country's, or a brief's region's. */
const struct agg_period *cur_period(const struct ctx *c);
/* A label from the labels file; a missing one fails the report (and reads ""). */
const char *L(struct ctx *c, const char *section, const char *key);
/* The public table name of the current or (prev) the previous period; NULL when absent. */
const struct table *pub(struct ctx *c, const char *name, bool prev);
/* Cells of public table t by column name (a name t lacks aborts: table_col). */
const char *text_at(const struct table *t, size_t r, const char *col);
uint64_t int_at(const struct table *t, size_t r, const char *col); /* 0 unless a number */
/* The row of t (NULL: none) whose column key_col reads key, or -1. */
long find_row(const struct table *t, const char *key_col, const char *key);
/* The count in column col of that row; 0 when there is none. */
uint64_t count_of(const struct table *t, const char *key_col, const char *key, const char *col);
/* The whole of the shares: column col over the body rows whose key_col is not "unknown". */
uint64_t known_total(const struct table *t, const char *key_col, const char *col);
/* The count at (pr, pcol) of public table p into (r, col) of t, with its public mark. */
void copy_count(struct dtable *t, size_t r, int col, const struct table *p, size_t pr,
                const char *pcol);
/* The count in column pcol of the row of p whose key_col reads key (0 when none: in public
 * mode a summary's missing metric is hidden), with its mark. */
void copy_found(struct ctx *c, struct dtable *t, size_t r, int col, const struct table *p,
                const char *key_col, const char *key, const char *pcol);
size_t body_rows(const struct table *t); /* rows before public mode's "total" rows */
/* Unknown rows last: the i-th body row of p once the g rows from the first whose column col
 * reads "unknown" (one group of g rows per value) are moved to the end. */
size_t unknown_last(const struct table *p, const char *col, size_t g, size_t i);
/* Public mode: the mark of the count in column col of p's unknown row (0: shown, or none). */
int unknown_hidden(const struct table *p, const char *key_col, const char *col);
const char *kv(const char *name, const char *value); /* "name=value", 8 rotating buffers */
const char *country(struct ctx *c, const char *english); /* a country in the report's language */

/* ---- display tables (dtable.c) ---- */

/* Columns as data: label key (in [column]), kind, summed in the total row. */
struct colspec {
    const char *label;
    enum col_kind kind;
    bool sum;
};

#define COLSPECS(...) (const struct colspec[]){__VA_ARGS__}, \
    sizeof((const struct colspec[]){__VA_ARGS__}) / sizeof(struct colspec)

void dt_title(struct ctx *c, struct dtable *t, const char *id);
/* Appends a column (label_key in [column], or NULL: set by the caller); returns its index. */
int dt_col(struct ctx *c, struct dtable *t, int *ncols, const char *label_key,
           enum col_kind kind, bool sum);
void dt_cols(struct ctx *c, struct dtable *t, int *ncols, const struct colspec *cs, size_t k);
bool dt_body(struct ctx *c, struct dtable *t, int ncols); /* the body, once columns are set */
/* A table of fixed columns at once: title, columns (COLSPECS), total row, body. */
bool dt_begin(struct ctx *c, struct dtable *t, const char *id, bool total,
              const struct colspec *cs, size_t k);
/* The previous period's columns: previous, change, change %; col is the current count. */
void dt_compare_cols(struct ctx *c, struct dtable *t, int *ncols, int col);
void dt_finish(struct dtable *t); /* fills the computed columns of every row */
/* Once finished and marked: a change % column that would be empty in every row is not
 * printed (every base under change.h's minimum). */
void dt_drop_empty_changes(struct dtable *t);
/* A share of whole in column col, computed from the count in column from. */
void share(struct dtable *t, size_t r, int col, int from, uint64_t n, uint64_t whole);

/* ---- public mode's marks (marks.c) ---- */

/* A public key's dimensions: "name=value" strings up to the first NULL (so a NULL value
 * ends the list early); a NULL list has none. More than KEY_MAX_DIMS fail an assertion. */
#define KEY_MAX_DIMS 7
#define DIMS(...) ((const char *const[]){__VA_ARGS__, NULL})

/* Public mode: what a reader may see of the count with key measure|dims (in a brief, its
 * region's); a count no table publishes is hidden: the documents never print more than the
 * tables. SDC_SHOWN when not in public mode. */
int state_of(struct ctx *c, bool prev, const char *measure, const char *const *dims);
/* The mark of the count printed at (r, col) of t (r == body rows: the total row). */
void mark(struct ctx *c, struct dtable *t, size_t r, int col, bool prev, const char *measure,
          const char *const *dims);
void derive_marks(struct dtable *t);

/* ---- the catalogues ---- */

/* The index of table name in the report (built once per name and comparison), or -1. */
int table_index(struct ctx *c, const char *name, bool compare);
/* A new display table built by build(c, t, arg), finished (computed cells, public marks): its
 * index, or -1 (out of memory, or build failed; NULL build: name is no table). */
typedef bool (*table_build_fn)(struct ctx *c, struct dtable *t, const void *arg);
int table_append(struct ctx *c, table_build_fn build, const void *arg, const char *name);
/* The source's own categories of the report's current section, each its table and a block
 * (views_categories.c); nothing in public mode, which does not publish them. */
int category_table_index(struct ctx *c, int k);
int chart_index(struct ctx *c, const char *name); /* a new chart's index, or -1 */

/* The international formats (views_intl.c). */
bool v_unodc_victims_by_exploitation(struct ctx *c, struct dtable *t, bool compare);
bool v_unodc_victims_by_citizenship(struct ctx *c, struct dtable *t, bool compare);
bool v_unodc_persons_by_sex(struct ctx *c, struct dtable *t, bool compare);
bool v_unodc_persons_by_citizenship(struct ctx *c, struct dtable *t, bool compare);
bool v_tip_law_enforcement(struct ctx *c, struct dtable *t, bool compare);
/* The years and the period's months side by side (views_series.c). */
bool v_by_year(struct ctx *c, struct dtable *t, bool compare);
bool v_by_month(struct ctx *c, struct dtable *t, bool compare);
bool v_status_time(struct ctx *c, struct dtable *t, bool compare);

#endif
