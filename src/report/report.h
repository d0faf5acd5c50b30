/* report.h: the renderer-neutral report: sections of text, tables and charts, and a manifest.
 * The one header a renderer includes: the model, nothing of counting or protection (a report
 * is built through report/build.h). */
#ifndef TP_REPORT_H
#define TP_REPORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "count/table.h"
#include "report/change.h" /* COL_DIFF_PCT's rule */
#include "report/chart.h"
#include "report/map_drawing.h"
#include "util/buf.h"
#include "util/date.h"

struct figures;
struct map_data;
struct map_shape;
struct places;

enum col_kind {
    COL_TEXT,
    COL_COUNT,    /* a whole number */
    COL_PERCENT,  /* a fraction, shown as a percentage */
    COL_RATE,     /* a decimal number */
    COL_DIFF,     /* column a minus column b */
    COL_DIFF_PCT, /* (a - b) / b; empty when b is under CHANGE_PCT_MIN_BASE (change.h) */
    COL_ROWSUM,   /* columns a to b of the row, added up */
};

struct dcol {
    char label[96];
    enum col_kind kind;
    int a, b;
    bool sum; /* the total row adds this column up */
};

/* A table as the reader sees it: labelled, ordered, with its total. The body's cells hold
 * every value, computed columns included, so that a renderer may write values or formulas. */
struct dtable {
    char id[48];
    char title[160];
    char note[800]; /* a long one (a part year, the marks, the source) is not cut */
    struct table *body; /* owned */
    struct dcol cols[TABLE_MAX_COLS];
    bool total;         /* a total row follows the body */
    bool compared;      /* has the previous period's columns */
    /* Public mode: the total row's marks (enum sdc_state or MARK_DERIVED; cells carry theirs
     * in cell.hidden), which of them a builder set by key, whether the row totals are set by
     * key, and whether the whole of the shares is hidden. */
    uint8_t total_mark[TABLE_MAX_COLS];
    bool total_marked[TABLE_MAX_COLS];
    bool rowsum_marked, whole_hidden;
    bool withheld; /* public mode: no rows are published; the note says why */
    /* The shares' whole: the count of known values (unknown rows come last, without a share).
     * whole_sum: it is the sum of the share's counts over the rows with a share (a
     * single-valued field); else a count of its own (a case counts once, whatever its values). */
    uint64_t whole;
    bool whole_sum;
};

enum chart_kind { CHART_BAR, CHART_COLUMN, CHART_MAP };

/* A chart draws a display table. Series are value columns over rows [first, first + n) with
 * categories from cat_col; or, by_row, rows (series[]) over columns [first, first + n) with the
 * column labels as categories. The map draws its own data instead (table -1). */
struct dchart {
    char id[48];
    char title[160];
    char note[800]; /* a long one (a part year, the marks, the source) is not cut */
    enum chart_kind kind;  /* as a spreadsheet draws it */
    enum chart_shape shape; /* as chart.c draws it */
    bool percent;
    int table; /* index into report.tables */
    bool by_row;
    int cat_col, first, n;
    int series[4], nseries;
    struct map_data *map; /* CHART_MAP: owned */
    const char *source;   /* its source line (several sources); NULL: the report's */
};

enum block_kind { BLOCK_SUBHEAD, BLOCK_TEXT, BLOCK_TABLE, BLOCK_CHART, BLOCK_TODO };

struct block {
    enum block_kind kind;
    char *text; /* figures filled in */
    int index;  /* table or chart */
    int group;  /* the definition's item of the subheading it is under (-1: none); merge.c */
};

struct section {
    char id[48];
    char *heading;
    struct block *blocks;
    size_t n;
};

struct report {
    char *title, *subtitle;
    char lang[8];
    tp_date created; /* the data's date: the documents' pinned creation date */
    struct section *sections;
    size_t nsections;
    struct dtable *tables;
    size_t ntables;
    struct dchart *charts;
    size_t ncharts;
    int about_run, about_files; /* the manifest's tables (indexes into tables) */
    char *total_label;          /* "Total" in the report's language */
    char *todo_label;           /* "TO BE WRITTEN" */
    char *no_data;              /* the sentence an empty table shows instead of itself */
    char *no_chart;             /* ... and an empty chart */
    char *chart_hidden;         /* ... and a chart whose every bar is hidden (public mode) */
    char *chart_hidden_bars;    /* a workbook chart with hidden bars, under it (public mode) */
    char *source_note;          /* under every chart */
    char *keywords;             /* the documents' properties: the topic and the source */
    char *period_line, *date_line; /* "Periodo: ...", "Fecha de los datos: ..." for a cover */
    char *page_label;     /* "Página {page} de {pages}" */
    char *contents_label; /* "Contenido" */
    char *rows_cut_label; /* a long table printed in part: "... {shown} de {rows} filas ..." */
    char *share_base_label; /* the shares' whole, where a workbook writes it */
    char *author, *organisation; /* for the documents' properties; may be "" */
    char **rules;               /* the counting rules in words, for the manifest */
    size_t nrules;
    struct figures *figures;
    const struct places *places;       /* borrowed, for the map */
    const struct map_shape *map_shape; /* borrowed; NULL when no map was asked for */
    int public_k;                      /* public mode: "<k" and "x"; 0 otherwise */
    bool brief;                        /* laid out as a brief (reportdef's layout) */
    char *public_note;                 /* public mode: why counts are hidden */
    char *public_line; /* public mode: "public version: counts below K are hidden", for the
                          cover (or a brief's title block) and the About table */
    char **source_notes; /* several sources (merge.c): each one's source line, owned */
    size_t nsource_notes;
};

/* The rows of a table that a printed document (PDF, HTML) shows; all of them are in the
 * workbook and the CSV tables, and the document says so (report_rows_cut_text). */
#define REPORT_PRINTED_ROWS 250

void report_free(struct report *r); /* accepts NULL */
/* Frees n sections: their blocks' texts (NULL ones: moved elsewhere), blocks and headings. */
void report_sections_free(struct section *s, size_t n);

/* What chart `index` draws, for the renderers that draw it themselves (not the map, not a
 * spreadsheet's native chart). False when there is nothing to draw. Strings borrowed from r. */
bool report_chart_data(const struct report *r, int index, struct chart_data *out);
/* Whether a chart has something to draw (the map: any case in a known region). */
bool report_chart_drawable(const struct report *r, int index);
/* A chart's text alternative, appended to out: every bar's category and value as the chart
 * prints them (marks for hidden ones), or the map's regions and routes; then its note. False
 * when out of memory. */
bool report_chart_alt(const struct report *r, int index, struct buf *out);
/* The sentence a chart that is not drawn shows: no data, or (public mode) every bar hidden. */
const char *report_chart_empty_text(const struct report *r, int index);

/* A cell as the documents print it: counts with thousands separators, shares as percentages,
 * changes signed; row t->body->nrows is the total row. "" for an empty cell. */
void dtable_cell_text(const struct report *r, const struct dtable *t, size_t row, int col,
                      char *out, size_t size);

/* Lays out map chart `index` in width x height points into out (free it with
 * map_drawing_free). False when it is not a map or out of memory. */
bool report_map_layout(const struct report *r, int index, double width, double height,
                       const struct measure *ms, struct map_drawing *out);

/* "Page {page} of {pages}" and "... {shown} of {rows} rows ..." in the report's words. */
void report_page_text(const struct report *r, int page, int pages, char *out, size_t size);
void report_rows_cut_text(const struct report *r, size_t shown, size_t rows, char *out,
                          size_t size);

/* Public mode: what hides cell (row, col) (row == body rows: the total row); 0 shown. */
int dtable_hidden(const struct dtable *t, size_t row, int col);
/* The public mark a cell shows (nonzero: a count under k itself prints "<k", the others "x"),
 * or 0 when it shows its value or nothing; row nrows is the total row. */
int dtable_mark(const struct dtable *t, size_t row, int col);
/* The sentence an empty table prints instead of itself. */
const char *dtable_empty_text(const struct report *r, const struct dtable *t);

/* A cell's number (0 for text and empty cells). */
double dtable_number(const struct dtable *t, size_t row, int col);
/* The total row's number for a summed, row-sum or difference column. */
double dtable_total(const struct dtable *t, int col);

#endif
