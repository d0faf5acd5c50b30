/* render_xlsx.c: a report as an Excel workbook with libxlsxwriter: a sheet per section, live
 * totals, native charts, and an About sheet with the run's manifest. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "render/chart_png.h"
#include "render/render.h"
#include "render/sheet_pages.h"

#define TEXT_COLS 8     /* paragraphs span columns A-H */
#define MAX_SHEET_COLS 64
#define CHART_ROWS 17   /* rows a chart covers at its default size */
#define MAX_HEADS 64    /* table headers on one sheet */
#define CHART_SCALE 1.2 /* a chart's width, times the default 480 pixels */
#define CHART_PX (480 * CHART_SCALE)

/* Where a table was written: its sheet and rows (0-based). */
struct pos {
    bool written;
    int sheet;
    lxw_row_t header, first, last; /* header row, first and last body rows */
};

struct xlsx_ctx {
    const struct report *r;
    char path[1300];
    lxw_workbook *wb;
    lxw_worksheet *ws;
    int sheet;           /* number of sheets so far */
    char sheet_name[64]; /* the current one */
    lxw_row_t row;       /* the next free row */
    bool frozen;
    double width[MAX_SHEET_COLS]; /* characters, per column of the current sheet */
    /* The current sheet's table headers (row, table), made tall enough for their wrapped
     * labels once the columns' widths are known. */
    struct head { lxw_row_t row; int table; } heads[MAX_HEADS];
    int nheads;
    /* Printing the current sheet: its rows and blocks, the rightmost chart's column (or -1)
     * and the map's width in pixels. */
    struct sheet_pages pages;
    int chart_col;
    double image_px;
    struct pos *pos;              /* per report table */
    lxw_format *title, *subtitle, *heading, *sub, *para, *todo, *note, *caption, *head, *head_num;
    lxw_format *text; /* body text: indented, so it never touches a number on its left */
    lxw_format *hidden, *tot_hidden; /* public mode's marks, right-aligned (body, total) */
    lxw_format *num[7], *tot[7]; /* by enum col_kind: body and total row */
    char mark_k[16];             /* public mode's "<k", for charts' labels */
    bool failed;
};

static size_t u8width(const char *s)
{
    size_t w = 0;
    for (; *s; s++)
        w += ((unsigned char)*s & 0xC0) != 0x80;
    return w;
}

static void grow_width(struct xlsx_ctx *c, int col, double w)
{
    if (col < MAX_SHEET_COLS && w > c->width[col])
        c->width[col] = w;
}

/* A column's width in characters: wide enough for a SHA-256 digest, no wider. */
static double col_width(const struct xlsx_ctx *c, int k)
{
    double w = c->width[k] + 2;
    return w < 68 ? w : 68;
}

/* A row of its own height, remembered for the page breaks. */
static void row_height(struct xlsx_ctx *c, lxw_row_t row, double points)
{
    worksheet_set_row(c->ws, row, points, NULL);
    pages_row_height(&c->pages, row, points);
}

/* Page breaks before a block that would not fit in what is left of a page (a spreadsheet's own
 * breaks cut a chart in two). The sheet prints one page wide (new_sheet): its scale, estimated
 * from the columns and charts (Excel's pixels: 7 a character plus 5), gives the rows a page
 * holds; text spilling past the columns makes the real scale smaller, so pages hold more and
 * the estimate errs early. A4 landscape: 842 x 595 points less the default margins (0.7 and
 * 0.75 inches). LibreOffice keeps manual breaks under fit-to-width; Excel ignores them. */
static void page_breaks(struct xlsx_ctx *c)
{
    double left = 0, edge = c->image_px; /* pixels */
    for (int k = 0; k < MAX_SHEET_COLS; k++) {
        if (k == c->chart_col && left + 10 + CHART_PX > edge)
            edge = left + 10 + CHART_PX;
        left += c->width[k] > 0 ? col_width(c, k) * 7 + 5 : 64; /* Excel's default: 64 */
        if ((c->width[k] > 0 || k < TEXT_COLS) && left > edge) /* paragraphs span A-H */
            edge = left;
    }
    if (edge <= 0)
        return; /* nothing written since the last call */
    double scale = 741.6 / (edge * 0.75);
    scale = scale > 1 ? 1 : scale;
    lxw_row_t breaks[PAGES_MAX + 1];
    if (pages_breaks(&c->pages, c->row, 487.0 / scale * 0.95, breaks))
        worksheet_set_h_pagebreaks(c->ws, breaks);
}

static void set_widths(struct xlsx_ctx *c)
{
    if (!c->ws)
        return;
    for (int k = 0; k < MAX_SHEET_COLS; k++)
        if (c->width[k] > 0)
            worksheet_set_column(c->ws, (lxw_col_t)k, (lxw_col_t)k, col_width(c, k), NULL);
    /* A wrapped header gets its lines' height: a spreadsheet that does not measure it
     * (LibreOffice) would draw it over the table's title. */
    for (int h = 0; h < c->nheads; h++) {
        const struct dtable *t = &c->r->tables[c->heads[h].table];
        int lines = 1;
        for (int k = 0; k < t->body->ncols && k < MAX_SHEET_COLS; k++) {
            int n = pages_wrapped_lines(t->cols[k].label, col_width(c, k));
            lines = n > lines ? n : lines;
        }
        if (lines > 1)
            row_height(c, c->heads[h].row, LINE_HEIGHT * lines);
    }
    page_breaks(c);
    c->nheads = c->pages.ntall = c->pages.nkeep = 0;
    c->chart_col = -1;
    c->image_px = 0;
    memset(c->width, 0, sizeof c->width);
}

static lxw_format *fmt(struct xlsx_ctx *c, bool bold, bool italic, double size, const char *num)
{
    lxw_format *f = workbook_add_format(c->wb);
    if (bold)
        format_set_bold(f);
    if (italic)
        format_set_italic(f);
    if (size > 0)
        format_set_font_size(f, size);
    if (num)
        format_set_num_format(f, num);
    return f;
}

static const char *const num_formats[7] = {
    [COL_TEXT] = NULL,          [COL_COUNT] = "#,##0",
    [COL_PERCENT] = "0.0%",     [COL_RATE] = "0.00",
    [COL_DIFF] = "+#,##0;-#,##0;0", [COL_DIFF_PCT] = "+0.0%;-0.0%;0.0%",
    [COL_ROWSUM] = "#,##0"};

/* Sheet names: at most 31 characters, none of []:*?/\, unique. */
static void sheet_name(struct xlsx_ctx *c, const char *heading, char *out, size_t size)
{
    char base[64];
    size_t n = 0, chars = 0;
    for (const char *p = heading; *p && n + 4 < sizeof base; p++) {
        unsigned char ch = (unsigned char)*p;
        if ((ch & 0xC0) != 0x80 && ++chars > 31)
            break;
        base[n++] = strchr("[]:*?/\\", ch) ? ' ' : (char)ch;
    }
    base[n] = '\0';
    snprintf(out, size, "%s", n ? base : "Sheet");
    for (int k = 2; workbook_get_worksheet_by_name(c->wb, out) && k < 100; k++)
        snprintf(out, size, "%.27s %d", base, k);
}

static void *begin(const struct report *r, const char *path, struct tp_error *err)
{
    struct xlsx_ctx *c = calloc(1, sizeof *c);
    if (c)
        c->pos = calloc(r->ntables ? r->ntables : 1, sizeof *c->pos);
    if (!c || !c->pos) {
        free(c);
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    c->r = r;
    snprintf(c->mark_k, sizeof c->mark_k, "<%d", r->public_k);
    c->chart_col = -1;
    snprintf(c->path, sizeof c->path, "%s", path);
    /* Temporary files beside the output: the staging folder, on the same disk. */
    char tmpdir[1300];
    snprintf(tmpdir, sizeof tmpdir, "%s", path);
    char *slash = strrchr(tmpdir, '/');
    if (slash)
        *slash = '\0';
    lxw_workbook_options o = {.constant_memory = LXW_FALSE, .tmpdir = slash ? tmpdir : NULL};
    c->wb = workbook_new_opt(path, &o);
    if (!c->wb) {
        tp_fail(err, TP_ERR_OUTPUT, path, 0, NULL, "cannot create the workbook");
        free(c->pos);
        free(c);
        return NULL;
    }
    /* Pinned to the data's date, so the same input gives the same bytes. */
    lxw_doc_properties props = {
        .title = r->title,
        .subject = r->subtitle,
        .author = r->author,
        .company = r->organisation,
        .keywords = r->keywords,
        .comments = "tipreport",
        .created = (time_t)date_to_days(r->created) * 86400,
    };
    workbook_set_properties(c->wb, &props);
    c->title = fmt(c, true, false, 16, NULL);
    c->subtitle = fmt(c, false, true, 11, NULL);
    c->heading = fmt(c, true, false, 14, NULL);
    c->sub = fmt(c, true, false, 11, NULL);
    c->caption = fmt(c, true, false, 0, NULL);
    c->para = fmt(c, false, false, 0, NULL);
    format_set_text_wrap(c->para);
    format_set_align(c->para, LXW_ALIGN_VERTICAL_TOP);
    c->todo = fmt(c, false, true, 0, NULL);
    format_set_text_wrap(c->todo);
    format_set_font_color(c->todo, 0xC00000);
    c->note = fmt(c, false, true, 9, NULL);
    format_set_font_color(c->note, 0x595959);
    c->head = fmt(c, true, false, 0, NULL);
    format_set_bottom(c->head, LXW_BORDER_THIN);
    format_set_bg_color(c->head, 0xE7E6E6);
    format_set_text_wrap(c->head);
    format_set_align(c->head, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_indent(c->head, 1);
    c->text = fmt(c, false, false, 0, NULL);
    format_set_indent(c->text, 1);
    c->head_num = fmt(c, true, false, 0, NULL); /* over numbers: right-aligned */
    format_set_bottom(c->head_num, LXW_BORDER_THIN);
    format_set_bg_color(c->head_num, 0xE7E6E6);
    format_set_text_wrap(c->head_num);
    format_set_align(c->head_num, LXW_ALIGN_VERTICAL_BOTTOM);
    format_set_align(c->head_num, LXW_ALIGN_RIGHT);
    for (int k = 0; k < 7; k++) {
        c->num[k] = fmt(c, false, false, 0, num_formats[k]);
        c->tot[k] = fmt(c, true, false, 0, num_formats[k]);
        format_set_top(c->tot[k], LXW_BORDER_THIN);
    }
    c->hidden = fmt(c, false, false, 0, NULL);
    format_set_align(c->hidden, LXW_ALIGN_RIGHT);
    c->tot_hidden = fmt(c, true, false, 0, NULL);
    format_set_align(c->tot_hidden, LXW_ALIGN_RIGHT);
    format_set_top(c->tot_hidden, LXW_BORDER_THIN);
    return c;
}

static void new_sheet(struct xlsx_ctx *c, const char *heading)
{
    set_widths(c);
    sheet_name(c, heading, c->sheet_name, sizeof c->sheet_name);
    c->ws = workbook_add_worksheet(c->wb, c->sheet_name);
    c->sheet++;
    c->row = 0;
    c->frozen = false;
    if (!c->ws) {
        c->failed = true;
        return;
    }
    /* Printed: A4 landscape, one page wide. */
    worksheet_set_paper(c->ws, 9);
    worksheet_set_landscape(c->ws);
    worksheet_fit_to_pages(c->ws, 1, 0);
}

/* The longest word of a header: the column must fit it unbroken. */
static double longest_word(const char *s)
{
    size_t best = 0, cur = 0;
    for (; *s; s++) {
        if (*s == ' ') {
            cur = 0;
            continue;
        }
        cur += ((unsigned char)*s & 0xC0) != 0x80;
        if (cur > best)
            best = cur;
    }
    return (double)best;
}

static bool section(void *ctx, const struct section *s)
{
    struct xlsx_ctx *c = ctx;
    bool first = c->sheet == 0;
    new_sheet(c, s->heading);
    if (c->failed)
        return false;
    if (first) { /* the report's title opens the first sheet */
        worksheet_write_string(c->ws, 0, 0, c->r->title, c->title);
        worksheet_write_string(c->ws, 1, 0, c->r->subtitle, c->subtitle);
        if (c->r->public_line)
            worksheet_write_string(c->ws, 2, 0, c->r->public_line, c->heading);
        c->row = 3;
    }
    worksheet_write_string(c->ws, c->row, 0, s->heading, c->heading);
    c->row += 2;
    return true;
}

/* A paragraph across the first columns, tall enough for its lines. */
static void paragraph(struct xlsx_ctx *c, const char *t, lxw_format *f)
{
    size_t lines = u8width(t) / 95 + 1;
    worksheet_merge_range(c->ws, c->row, 0, c->row, TEXT_COLS - 1, t, f);
    row_height(c, c->row, LINE_HEIGHT * (double)lines);
    c->row++;
}

static bool text(void *ctx, enum block_kind kind, const char *t)
{
    struct xlsx_ctx *c = ctx;
    if (kind == BLOCK_SUBHEAD) {
        worksheet_write_string(c->ws, c->row++, 0, t, c->sub);
    } else if (kind == BLOCK_TODO) {
        size_t n = strlen(t) + strlen(c->r->todo_label) + 8;
        char *s = malloc(n);
        if (!s)
            return false;
        snprintf(s, n, "[%s: %s]", c->r->todo_label, t);
        paragraph(c, s, c->todo);
        free(s);
    } else {
        paragraph(c, t, c->para);
    }
    c->row++;
    return true;
}

static void cell_ref(char *out, lxw_row_t row, lxw_col_t col)
{
    lxw_rowcol_to_cell(out, row, col);
}

/* Where a table's rows stand on the sheet while it is written: the formulas' references. */
struct place {
    lxw_row_t first; /* the first body row */
    lxw_row_t total; /* the total row, when the table has one */
    lxw_row_t base;  /* the shares' whole, when the table has shares */
};

/* Whether body cell (row, col) is a number a formula may refer to: in public mode a hidden
 * count is a mark, and a formula over it would print (or let an editor work out) a figure
 * the tables do not publish. */
static bool published(const struct dtable *t, size_t row, int col)
{
    return !dtable_mark(t, row, col);
}

/* The change in % of the count in cell a over the previous one in cell b, as a formula: empty
 * on a base too small for a percentage (change.h), so an edited count keeps the rule. */
static void change_pct_formula(char *form, size_t size, const char *a, const char *b)
{
    snprintf(form, size, "=IF(%s<%d,\"\",(%s-%s)/%s)", b, CHANGE_PCT_MIN_BASE, a, b, b);
}

/* A computed body cell as a formula over the row's cells (a share over the shares' whole, a
 * rate over the population beside it), with its value cached for readers that do not
 * recalculate. False when it refers to a hidden cell: the caller writes the value instead. */
static bool formula(struct xlsx_ctx *c, const struct dtable *t, const struct place *at, size_t r,
                    int col, lxw_format *f)
{
    const struct dcol *d = &t->cols[col];
    const struct cell *cl = table_cell(t->body, r, col);
    lxw_row_t row = at->first + (lxw_row_t)r;
    char a[16], b[16], form[96];
    cell_ref(a, row, (lxw_col_t)d->a);
    cell_ref(b, row, (lxw_col_t)d->b);
    if (d->kind == COL_PERCENT) {
        if (cl->kind == CELL_EMPTY || !published(t, r, d->a) || t->whole_hidden)
            return false;
        lxw_rowcol_to_cell_abs(b, at->base, (lxw_col_t)d->a, 1, 1);
        snprintf(form, sizeof form, "=%s/%s", a, b);
    } else if (d->kind == COL_RATE) { /* per 100,000 of the population in column b */
        if (cl->kind == CELL_EMPTY || !published(t, r, d->a) || !published(t, r, d->b))
            return false;
        snprintf(form, sizeof form, "=IF(%s=0,\"\",%s/%s*100000)", b, a, b);
    } else if (d->kind == COL_ROWSUM) {
        for (int k = d->a; k <= d->b; k++)
            if (!published(t, r, k))
                return false;
        snprintf(form, sizeof form, "=SUM(%s:%s)", a, b);
    } else {
        if (!published(t, r, d->a) || !published(t, r, d->b))
            return false;
        if (d->kind == COL_DIFF)
            snprintf(form, sizeof form, "=%s-%s", a, b);
        else
            change_pct_formula(form, sizeof form, a, b);
    }
    if (cl->kind == CELL_EMPTY) /* a change over a base too small for a percentage */
        worksheet_write_formula_str(c->ws, row, (lxw_col_t)col, form, f, "");
    else
        worksheet_write_formula_num(c->ws, row, (lxw_col_t)col, form, f, dtable_number(t, r, col));
    return true;
}

/* Public mode: "<k" or "x" in place of a hidden count, right-aligned like the numbers. */
static void hidden_cell(struct xlsx_ctx *c, lxw_row_t row, int col, int mark, lxw_format *f)
{
    char s[16];
    if (mark == 1)
        snprintf(s, sizeof s, "<%d", c->r->public_k);
    else
        snprintf(s, sizeof s, "x");
    worksheet_write_string(c->ws, row, (lxw_col_t)col, s, f);
}

/* Defined names let readers (and the tests) find each table: t_<id>, t_<id>_compare. */
static void define_name(struct xlsx_ctx *c, const struct dtable *t, lxw_row_t top, lxw_row_t bottom)
{
    char name[64], ref[256], from[16], to[16], quoted[80];
    snprintf(name, sizeof name, "t_%s%s", t->id, t->compared ? "_compare" : "");
    size_t q = 0;
    for (const char *p = c->sheet_name; *p && q + 2 < sizeof quoted; p++) {
        if (*p == '\'')
            quoted[q++] = '\'';
        quoted[q++] = *p;
    }
    quoted[q] = '\0';
    lxw_rowcol_to_cell_abs(from, top, 0, 1, 1);
    lxw_rowcol_to_cell_abs(to, bottom, (lxw_col_t)(t->body->ncols - 1), 1, 1);
    snprintf(ref, sizeof ref, "='%s'!%s:%s", quoted, from, to);
    workbook_define_name(c->wb, name, ref);
}

/* The share column of t whose whole is written under it (-1: none). */
static int share_col(const struct dtable *t)
{
    for (int k = 0; k < t->body->ncols; k++)
        if (t->cols[k].kind == COL_PERCENT && t->cols[k].a > 0)
            return k;
    return -1;
}

/* The body's row r. */
static void body_row(struct xlsx_ctx *c, const struct dtable *t, const struct place *at, size_t r)
{
    lxw_row_t row = at->first + (lxw_row_t)r;
    char s[64];
    for (int k = 0; k < t->body->ncols; k++) {
        const struct dcol *d = &t->cols[k];
        const struct cell *cl = table_cell(t->body, r, k);
        lxw_format *f = c->num[d->kind];
        if (dtable_mark(t, r, k)) {
            hidden_cell(c, row, k, dtable_mark(t, r, k), c->hidden);
        } else if (d->kind == COL_TEXT) {
            const char *v = table_cell_text(t->body, cl);
            if (v[0])
                worksheet_write_string(c->ws, row, (lxw_col_t)k, v, c->text);
            grow_width(c, k, (double)u8width(v) + 1);
        } else if ((d->kind == COL_COUNT || (d->kind == COL_RATE && !d->b) ||
                    !formula(c, t, at, r, k, f)) &&
                   cl->kind != CELL_EMPTY) {
            double v = dtable_number(t, r, k);
            worksheet_write_number(c->ws, row, (lxw_col_t)k, v, f);
            grow_width(c, k, (double)snprintf(s, sizeof s, "%.0f", v) * 1.3);
        }
    }
}

/* Whether every body cell of column col is published (a total may then add them up). */
static bool column_published(const struct dtable *t, int col)
{
    for (size_t r = 0; r < t->body->nrows; r++)
        if (!published(t, r, col))
            return false;
    return true;
}

/* The total row: sums, and changes between them, as formulas over published cells; else the
 * published total, or its mark. */
static void total_row(struct xlsx_ctx *c, const struct dtable *t, const struct place *at)
{
    lxw_row_t last = at->total - 1;
    char a[16], z[16], form[96];
    for (int k = 0; k < t->body->ncols; k++) {
        const struct dcol *d = &t->cols[k];
        lxw_format *f = c->tot[d->kind];
        int h = dtable_hidden(t, t->body->nrows, k);
        bool diff = d->kind == COL_DIFF || d->kind == COL_DIFF_PCT;
        double v = dtable_total(t, k), b = diff ? dtable_total(t, d->b) : 0;
        if (k == 0 && d->kind == COL_TEXT) {
            worksheet_write_string(c->ws, at->total, 0, c->r->total_label, f);
        } else if (d->kind == COL_TEXT || !(d->sum || diff)) {
            worksheet_write_blank(c->ws, at->total, (lxw_col_t)k, f);
        } else if (h) {
            hidden_cell(c, at->total, k, h, c->tot_hidden);
        } else if (diff && !dtable_hidden(t, t->body->nrows, d->a) &&
                   !dtable_hidden(t, t->body->nrows, d->b)) {
            cell_ref(a, at->total, (lxw_col_t)d->a);
            cell_ref(z, at->total, (lxw_col_t)d->b);
            if (d->kind == COL_DIFF) {
                snprintf(form, sizeof form, "=%s-%s", a, z);
                worksheet_write_formula_num(c->ws, at->total, (lxw_col_t)k, form, f, v);
            } else {
                change_pct_formula(form, sizeof form, a, z);
                if (change_pct_shown(b))
                    worksheet_write_formula_num(c->ws, at->total, (lxw_col_t)k, form, f, v);
                else
                    worksheet_write_formula_str(c->ws, at->total, (lxw_col_t)k, form, f, "");
            }
        } else if (!diff && column_published(t, k)) {
            cell_ref(a, at->first, (lxw_col_t)k);
            cell_ref(z, last, (lxw_col_t)k);
            snprintf(form, sizeof form, "=SUM(%s:%s)", a, z);
            worksheet_write_formula_num(c->ws, at->total, (lxw_col_t)k, form, f, v);
        } else if (d->kind == COL_DIFF_PCT && !change_pct_shown(b)) {
            worksheet_write_blank(c->ws, at->total, (lxw_col_t)k, f);
        } else {
            worksheet_write_number(c->ws, at->total, (lxw_col_t)k, v, f);
        }
    }
}

/* Under a table with shares, their whole: the sum of the counts of the rows with a share
 * (unknown rows come last) as a formula, or the count of known values when a case counts once
 * whatever its values; its mark when public mode hides it. */
static void share_base(struct xlsx_ctx *c, const struct dtable *t, const struct place *at,
                       int share)
{
    int col = t->cols[share].a;
    size_t known = 0, n = t->body->nrows;
    while (known < n && table_cell(t->body, known, share)->kind != CELL_EMPTY &&
           published(t, known, col))
        known++;
    bool contiguous = known > 0;
    for (size_t r = known; r < n; r++)
        contiguous &= table_cell(t->body, r, share)->kind == CELL_EMPTY;
    worksheet_write_string(c->ws, at->base, 0, c->r->share_base_label, c->note);
    lxw_format *f = c->num[COL_COUNT];
    if (t->whole_hidden) {
        worksheet_write_string(c->ws, at->base, (lxw_col_t)col, "x", c->hidden);
    } else if (t->whole_sum && contiguous) {
        char a[16], z[16], form[64];
        cell_ref(a, at->first, (lxw_col_t)col);
        cell_ref(z, at->first + (lxw_row_t)known - 1, (lxw_col_t)col);
        snprintf(form, sizeof form, "=SUM(%s:%s)", a, z);
        worksheet_write_formula_num(c->ws, at->base, (lxw_col_t)col, form, f, (double)t->whole);
    } else {
        worksheet_write_number(c->ws, at->base, (lxw_col_t)col, (double)t->whole, f);
    }
}

static bool table(void *ctx, int index)
{
    struct xlsx_ctx *c = ctx;
    const struct dtable *t = &c->r->tables[index];
    int nc = t->body->ncols;
    lxw_row_t top = c->row;
    worksheet_write_string(c->ws, c->row++, 0, t->title, c->caption);
    if (!t->body->nrows) { /* a sentence, not an empty frame */
        worksheet_write_string(c->ws, c->row++, 0, dtable_empty_text(c->r, t), c->note);
        c->row++;
        return true;
    }
    lxw_row_t header = c->row++;
    for (int k = 0; k < nc; k++) {
        worksheet_write_string(c->ws, header, (lxw_col_t)k, t->cols[k].label,
                               t->cols[k].kind == COL_TEXT ? c->head : c->head_num);
        double w = (double)u8width(t->cols[k].label) / 2 + 1, word = longest_word(t->cols[k].label);
        grow_width(c, k, w > word ? w : word);
    }
    if (c->nheads < MAX_HEADS)
        c->heads[c->nheads++] = (struct head){header, index};
    if (!c->frozen && header < 14) {
        worksheet_freeze_panes(c->ws, header + 1, 0);
        c->frozen = true;
    }
    int share = share_col(t);
    lxw_row_t last = c->row + (lxw_row_t)t->body->nrows - 1;
    struct place at = {c->row, last + 1, last + 1 + (t->total ? 1 : 0)};
    for (size_t r = 0; r < t->body->nrows; r++)
        body_row(c, t, &at, r);
    c->row = last + 1;
    if (t->total) {
        total_row(c, t, &at);
        c->row++;
    }
    if (share >= 0) {
        share_base(c, t, &at, share);
        c->row++;
    }
    if (t->note[0])
        worksheet_write_string(c->ws, c->row++, 0, t->note, c->note);
    if (!c->pos[index].written) /* a table written twice is named where it first stands */
        define_name(c, t, header, last > header ? last : header);
    c->pos[index] = (struct pos){true, c->sheet, header, at.first, last};
    pages_keep(&c->pages, top, c->row - 1);
    c->row++;
    return true;
}

/* The map has no native Excel form: a picture of it, drawn as in the PDF. */
static bool map_image(struct xlsx_ctx *c, int index)
{
    const struct dchart *ch = &c->r->charts[index];
    if (!report_chart_drawable(c->r, index)) {
        worksheet_write_string(c->ws, c->row++, 0, ch->title, c->caption);
        worksheet_write_string(c->ws, c->row++, 0, c->r->no_chart, c->note);
        c->row++;
        return true;
    }
    /* Shown w x h pixels, a pixel being 3/4 of a point: laid out in points, so that its labels
     * keep their size in points; drawn at twice the pixels shown, sharp when zoomed or printed. */
    const double w = 480, h = 620, pt = 0.75, scale = 2 / pt;
    unsigned char *png;
    size_t size;
    if (!map_png(c->r, index, w * pt, h * pt, scale, &png, &size))
        return false;
    char title[sizeof ch->title];
    snprintf(title, sizeof title, "%s", ch->title);
    lxw_image_options o = {.x_scale = 0.5, .y_scale = 0.5, .description = title};
    lxw_error e = worksheet_insert_image_buffer_opt(c->ws, c->row, 0, png, size, &o);
    free(png);
    pages_keep(&c->pages, c->row, c->row + (lxw_row_t)(h / 20));
    c->image_px = w > c->image_px ? w : c->image_px;
    c->row += (lxw_row_t)(h / 20) + 2; /* w x h pixels shown, over rows of 20 */
    return e == LXW_NO_ERROR;
}

/* Public mode: the bars of series s that are hidden are left out of the drawing: a text cell
 * has no length, and its label is its mark, never a 0. True when the series has one. */
static bool hidden_labels(struct xlsx_ctx *c, lxw_chart_series *se, const struct dchart *ch,
                          int s)
{
    const struct dtable *t = &c->r->tables[ch->table];
    lxw_chart_data_label *labels = calloc((size_t)ch->n, sizeof *labels);
    lxw_chart_data_label **list = calloc((size_t)ch->n + 1, sizeof *list);
    int last = -1;
    for (int i = 0; labels && list && i < ch->n; i++) {
        int h = ch->by_row ? dtable_hidden(t, (size_t)ch->series[s], ch->first + i)
                           : dtable_hidden(t, (size_t)(ch->first + i), ch->series[s]);
        if (h) {
            labels[i].value = h == 1 ? c->mark_k : "x";
            last = i;
        }
        list[i] = &labels[i];
    }
    if (last >= 0) { /* the points after the last hidden one keep their labels */
        list[last + 1] = NULL;
        if (chart_series_set_labels_custom(se, list) != LXW_NO_ERROR)
            c->failed = true;
    }
    if (!labels || !list)
        c->failed = true;
    free(labels);
    free(list);
    return last >= 0;
}

static bool chart(void *ctx, int index)
{
    struct xlsx_ctx *c = ctx;
    const struct dchart *ch = &c->r->charts[index];
    if (ch->map)
        return map_image(c, index);
    const struct dtable *t = &c->r->tables[ch->table];
    if (ch->n <= 0 || !t->body->nrows)
        return true; /* nothing to draw: the table says so */
    /* A chart draws its table: write the table here unless this sheet has it already. */
    if (!c->pos[ch->table].written || c->pos[ch->table].sheet != c->sheet)
        if (!table(ctx, ch->table))
            return false;
    const struct pos *p = &c->pos[ch->table];
    struct chart_data d;
    if (!report_chart_data(c->r, index, &d) && d.all_hidden) { /* public: nothing to draw */
        worksheet_write_string(c->ws, c->row++, 0, ch->title, c->caption);
        worksheet_write_string(c->ws, c->row++, 0, c->r->chart_hidden, c->note);
        c->row++;
        return true;
    }
    lxw_chart *chart = workbook_add_chart(c->wb, ch->kind == CHART_BAR ? LXW_CHART_BAR
                                                                       : LXW_CHART_COLUMN);
    if (!chart)
        return false;
    bool hidden = false;
    for (int s = 0; s < ch->nseries; s++) {
        lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
        /* Each bar says its value, as the PDF's charts do; a share as a percentage. */
        chart_series_set_labels(se);
        chart_series_set_labels_position(se, LXW_CHART_LABEL_POSITION_OUTSIDE_END);
        if (ch->percent)
            chart_series_set_labels_num_format(se, "0.0%");
        hidden |= hidden_labels(c, se, ch, s);
        if (ch->by_row) {
            lxw_row_t row = p->first + (lxw_row_t)ch->series[s];
            chart_series_set_categories(se, c->sheet_name, p->header, (lxw_col_t)ch->first,
                                        p->header, (lxw_col_t)(ch->first + ch->n - 1));
            chart_series_set_values(se, c->sheet_name, row, (lxw_col_t)ch->first, row,
                                    (lxw_col_t)(ch->first + ch->n - 1));
            chart_series_set_name_range(se, c->sheet_name, row, 0);
        } else {
            lxw_row_t a = p->first + (lxw_row_t)ch->first, z = a + (lxw_row_t)ch->n - 1;
            chart_series_set_categories(se, c->sheet_name, a, (lxw_col_t)ch->cat_col, z,
                                        (lxw_col_t)ch->cat_col);
            chart_series_set_values(se, c->sheet_name, a, (lxw_col_t)ch->series[s], z,
                                    (lxw_col_t)ch->series[s]);
            chart_series_set_name_range(se, c->sheet_name, p->header, (lxw_col_t)ch->series[s]);
        }
    }
    chart_title_set_name(chart, ch->title);
    if (ch->nseries == 1)
        chart_legend_set_position(chart, LXW_CHART_LEGEND_NONE);
    if (ch->percent) { /* on the value axis, whichever way a bar chart turns it */
        chart_axis_set_num_format(chart->x_axis, "0%");
        chart_axis_set_num_format(chart->y_axis, "0%");
    }
    if (ch->kind == CHART_BAR) /* ranked: the largest at the top (the category axis) */
        chart_axis_set_reverse(chart->y_axis);
    double rows = ch->kind == CHART_BAR && ch->n > 10 ? (double)ch->n / 10.0 : 1.0;
    lxw_chart_options o = {.x_offset = 10, .y_offset = 0, .x_scale = CHART_SCALE, .y_scale = rows};
    lxw_row_t at = p->header > 0 ? p->header - 1 : 0;
    worksheet_insert_chart_opt(c->ws, at, (lxw_col_t)(t->body->ncols + 1), chart, &o);
    lxw_row_t bottom = at + (lxw_row_t)(CHART_ROWS * rows) + 1;
    if (hidden) /* under the chart: what a hidden bar is */
        worksheet_write_string(c->ws, bottom++, (lxw_col_t)(t->body->ncols + 1),
                               c->r->chart_hidden_bars, c->note);
    pages_keep(&c->pages, at, bottom);
    if ((int)t->body->ncols + 1 > c->chart_col)
        c->chart_col = t->body->ncols + 1;
    if (c->row < bottom)
        c->row = bottom;
    return true;
}

/* The About sheet: the run's manifest and the counting rules. */
static bool manifest(struct xlsx_ctx *c)
{
    new_sheet(c, c->r->tables[c->r->about_run].title);
    if (c->failed)
        return false;
    worksheet_write_string(c->ws, 0, 0, c->r->tables[c->r->about_run].title, c->heading);
    c->row = 2;
    if (!table(c, c->r->about_run) || !table(c, c->r->about_files))
        return false;
    for (size_t i = 0; i < c->r->nrules; i++)
        paragraph(c, c->r->rules[i], c->para);
    set_widths(c);
    return true;
}


/* workbook_close(), whose failures libxlsxwriter also prints to stderr ("[ERROR]..."): only
 * main prints, so stderr points to /dev/null meanwhile (no other thread runs by now). errno
 * is the system's reason when the zip could not be written. */
static lxw_error close_quietly(lxw_workbook *wb)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
    if (saved >= 0 && null >= 0)
        dup2(null, STDERR_FILENO);
    errno = 0;
    lxw_error e = workbook_close(wb);
    int why = errno;
    if (saved >= 0 && null >= 0)
        dup2(saved, STDERR_FILENO);
    if (saved >= 0)
        close(saved);
    if (null >= 0)
        close(null);
    errno = why;
    return e;
}

static enum tp_err end(void *ctx, bool ok, struct tp_error *err)
{
    struct xlsx_ctx *c = ctx;
    enum tp_err rc = TP_OK;
    ok = ok && !c->failed;
    if (ok) {
        set_widths(c);
        ok = manifest(c);
    }
    if (ok) {
        lxw_error e = close_quietly(c->wb);
        if (e == LXW_ERROR_ZIP_FILE_OPERATION && errno)
            rc = tp_fail(err, TP_ERR_OUTPUT, c->path, 0, NULL, "cannot write the workbook: %s",
                         strerror(errno));
        else if (e != LXW_NO_ERROR)
            rc = tp_fail(err, TP_ERR_OUTPUT, c->path, 0, NULL, "cannot write the workbook: %s",
                         lxw_strerror(e));
    } else {
        lxw_workbook_free(c->wb);
    }
    free(c->pos);
    free(c);
    return rc;
}

const struct render_ops render_xlsx = {"workbook", begin, section, text, table, chart, end};
