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

#define TEXT_COLS 8     /* paragraphs span columns A-H */
#define MAX_SHEET_COLS 64
#define CHART_ROWS 17   /* rows a chart covers at its default size */

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
    struct pos *pos;              /* per report table */
    lxw_format *title, *subtitle, *heading, *sub, *para, *todo, *note, *caption, *head, *head_num;
    lxw_format *text; /* body text: indented, so it never touches a number on its left */
    lxw_format *hidden, *tot_hidden; /* public mode's marks, right-aligned (body, total) */
    lxw_format *num[7], *tot[7]; /* by enum col_kind: body and total row */
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

static void set_widths(struct xlsx_ctx *c)
{
    if (!c->ws)
        return;
    for (int k = 0; k < MAX_SHEET_COLS; k++)
        if (c->width[k] > 0) {
            double w = c->width[k] + 2;
            /* wide enough for a SHA-256 digest, no wider */
            worksheet_set_column(c->ws, (lxw_col_t)k, (lxw_col_t)k, w < 68 ? w : 68, NULL);
        }
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
    worksheet_set_row(c->ws, c->row, 15.0 * (double)lines, NULL);
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

/* A computed column as a formula, with its value cached for readers that do not recalculate. */
static void formula(struct xlsx_ctx *c, const struct dtable *t, lxw_row_t row, int col,
                    double value, bool has_value, lxw_format *f)
{
    const struct dcol *d = &t->cols[col];
    char a[16], b[16], form[96];
    cell_ref(a, row, (lxw_col_t)d->a);
    cell_ref(b, row, (lxw_col_t)d->b);
    if (d->kind == COL_DIFF) {
        snprintf(form, sizeof form, "=%s-%s", a, b);
    } else if (d->kind == COL_DIFF_PCT) {
        snprintf(form, sizeof form, "=IF(%s=0,\"\",(%s-%s)/%s)", b, a, b, b);
        if (!has_value) {
            worksheet_write_formula_str(c->ws, row, (lxw_col_t)col, form, f, "");
            return;
        }
    } else { /* COL_ROWSUM */
        snprintf(form, sizeof form, "=SUM(%s:%s)", a, b);
    }
    worksheet_write_formula_num(c->ws, row, (lxw_col_t)col, form, f, value);
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

static bool table(void *ctx, int index)
{
    struct xlsx_ctx *c = ctx;
    const struct dtable *t = &c->r->tables[index];
    int nc = t->body->ncols;
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
    if (!c->frozen && header < 14) {
        worksheet_freeze_panes(c->ws, header + 1, 0);
        c->frozen = true;
    }
    lxw_row_t first = c->row;
    char s[64];
    for (size_t r = 0; r < t->body->nrows; r++, c->row++) {
        for (int k = 0; k < nc; k++) {
            const struct dcol *d = &t->cols[k];
            const struct cell *cl = table_cell(t->body, r, k);
            lxw_format *f = c->num[d->kind];
            if (dtable_mark(t, r, k)) {
                hidden_cell(c, c->row, k, dtable_mark(t, r, k), c->hidden);
                continue;
            }
            if (d->kind == COL_TEXT) {
                const char *v = table_cell_text(t->body, cl);
                if (v[0])
                    worksheet_write_string(c->ws, c->row, (lxw_col_t)k, v, c->text);
                grow_width(c, k, (double)u8width(v) + 1);
            } else if ((d->kind == COL_DIFF || d->kind == COL_DIFF_PCT || d->kind == COL_ROWSUM) &&
                       !c->r->public_k) {
                formula(c, t, c->row, k, dtable_number(t, r, k), cl->kind != CELL_EMPTY, f);
            } else if (cl->kind != CELL_EMPTY) {
                double v = dtable_number(t, r, k);
                worksheet_write_number(c->ws, c->row, (lxw_col_t)k, v, f);
                grow_width(c, k, (double)snprintf(s, sizeof s, "%.0f", v) * 1.3);
            }
        }
    }
    lxw_row_t last = c->row - 1;
    if (t->total) {
        for (int k = 0; k < nc; k++) {
            const struct dcol *d = &t->cols[k];
            lxw_format *f = c->tot[d->kind];
            if (k == 0 && d->kind == COL_TEXT) {
                worksheet_write_string(c->ws, c->row, 0, c->r->total_label, f);
            } else if (c->r->public_k && d->kind != COL_TEXT &&
                       (d->sum || d->kind == COL_DIFF || d->kind == COL_DIFF_PCT)) {
                /* Public mode: the published total, or its mark; no formula that adds up
                 * hidden cells. */
                int h = dtable_hidden(t, t->body->nrows, k);
                double v = dtable_total(t, k);
                if (h)
                    hidden_cell(c, c->row, k, h, c->tot_hidden);
                else if (d->kind == COL_DIFF_PCT && !dtable_total(t, d->b))
                    worksheet_write_blank(c->ws, c->row, (lxw_col_t)k, f);
                else
                    worksheet_write_number(c->ws, c->row, (lxw_col_t)k, v, f);
            } else if (d->kind == COL_DIFF || d->kind == COL_DIFF_PCT) {
                double b = dtable_total(t, d->b);
                formula(c, t, c->row, k, dtable_total(t, k), d->kind == COL_DIFF || b, f);
            } else if (d->sum && t->body->nrows) {
                char a[16], z[16], form[64];
                cell_ref(a, first, (lxw_col_t)k);
                cell_ref(z, last, (lxw_col_t)k);
                snprintf(form, sizeof form, "=SUM(%s:%s)", a, z);
                worksheet_write_formula_num(c->ws, c->row, (lxw_col_t)k, form, f, dtable_total(t, k));
            } else {
                worksheet_write_blank(c->ws, c->row, (lxw_col_t)k, f);
            }
        }
        c->row++;
    }
    if (t->note[0])
        worksheet_write_string(c->ws, c->row++, 0, t->note, c->note);
    if (!c->pos[index].written) /* a table written twice is named where it first stands */
        define_name(c, t, header, last > header ? last : header);
    c->pos[index] = (struct pos){true, c->sheet, header, first, last};
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
    c->row += (lxw_row_t)(h / 20) + 2; /* w x h pixels shown, over rows of 20 */
    return e == LXW_NO_ERROR;
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
    lxw_chart *chart = workbook_add_chart(c->wb, ch->kind == CHART_BAR ? LXW_CHART_BAR
                                                                       : LXW_CHART_COLUMN);
    if (!chart)
        return false;
    for (int s = 0; s < ch->nseries; s++) {
        lxw_chart_series *se = chart_add_series(chart, NULL, NULL);
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
    lxw_chart_options o = {.x_offset = 10, .y_offset = 0, .x_scale = 1.2, .y_scale = rows};
    lxw_row_t at = p->header > 0 ? p->header - 1 : 0;
    worksheet_insert_chart_opt(c->ws, at, (lxw_col_t)(t->body->ncols + 1), chart, &o);
    lxw_row_t bottom = at + (lxw_row_t)(CHART_ROWS * rows) + 1;
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
