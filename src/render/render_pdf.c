/* render_pdf.c: a report as an A4 PDF: cover and contents, pango text, tables that break across
 * pages, cairo charts and the map, running headers, page numbers, outline and metadata. */
#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/chart_cairo.h"
#include "util/version.h"
#include "render/render.h"
#include "util/grow.h"

/* A4 portrait, in points. */
#define PAGE_W 595.276
#define PAGE_H 841.890
#define MARGIN 56.7 /* 20 mm */
#define TEXT_W (PAGE_W - 2 * MARGIN)
#define TOP 76.0                /* where a page's text starts, under the running header */
#define BOTTOM (PAGE_H - 60.0)  /* where it must end, above the page number */
#define MAP_H 640.0
#define BODY 10.0
#define TABLE_FONT 8.0
#define PAD 3.5                 /* inside table cells */

enum item_kind { I_SECTION, I_SUBHEAD, I_TEXT, I_TODO, I_TABLE, I_CHART };

/* The document as the walk met it; laid out twice in end(): once to count the pages, once to
 * draw them with the count known. */
struct item {
    enum item_kind kind;
    const char *text; /* borrowed from the report */
    int index;        /* table, chart, or section */
};

struct pdf_ctx {
    const struct report *r;
    char path[1300];
    struct item *items;
    size_t n, cap;
    size_t nsections;
    bool oom;
    /* layout state */
    cairo_surface_t *surface;
    cairo_t *cr;
    struct measure ms;
    bool draw;
    int page, pages;
    double y;
    const char *running; /* the section named in the running header */
    int *section_page;   /* [nsections + 1]: where each section (and the annex) starts */
    bool *placed;        /* [ntables]: the table has been printed */
};

/* ---- the walk ---------------------------------------------------------------------------- */

static bool push(struct pdf_ctx *c, enum item_kind kind, const char *text, int index)
{
    if (!grow((void **)&c->items, &c->cap, c->n, sizeof *c->items, 64)) {
        c->oom = true;
        return false;
    }
    c->items[c->n++] = (struct item){kind, text, index};
    return true;
}

static void *begin(const struct report *r, const char *path, struct tp_error *err)
{
    struct pdf_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    c->r = r;
    snprintf(c->path, sizeof c->path, "%s", path);
    return c;
}

static bool section(void *ctx, const struct section *s)
{
    struct pdf_ctx *c = ctx;
    return push(c, I_SECTION, s->heading, (int)c->nsections++);
}

static bool text(void *ctx, enum block_kind kind, const char *t)
{
    return push(ctx, kind == BLOCK_SUBHEAD ? I_SUBHEAD : kind == BLOCK_TODO ? I_TODO : I_TEXT, t,
                -1);
}

static bool table(void *ctx, int index)
{
    return push(ctx, I_TABLE, NULL, index);
}

static bool chart(void *ctx, int index)
{
    return push(ctx, I_CHART, NULL, index);
}

/* ---- text -------------------------------------------------------------------------------- */

struct style {
    double size;
    bool bold, italic;
    double grey; /* 0 black .. 1 white */
};

static const struct style body = {BODY, false, false, 0.1}, heading = {17, true, false, 0.1},
                          subhead = {12, true, false, 0.1}, caption = {9.5, true, false, 0.1},
                          note = {7.5, false, true, 0.25}, small = {8, false, false, 0.4},
                          todo = {BODY, true, true, 0.45}; /* a gap to be written */

/* A layout of text in a style, wrapped at width (none when width <= 0). Caller unrefs. */
static PangoLayout *layout(struct pdf_ctx *c, const char *t, struct style st, double width,
                           PangoAlignment align)
{
    PangoLayout *l = pango_cairo_create_layout(c->cr);
    PangoFontDescription *fd = pango_font_description_new();
    pango_font_description_set_family(fd, FONT_FAMILY);
    pango_font_description_set_absolute_size(fd, st.size * PANGO_SCALE);
    if (st.bold)
        pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
    if (st.italic)
        pango_font_description_set_style(fd, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    if (width > 0) {
        pango_layout_set_width(l, (int)(width * PANGO_SCALE));
        pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    }
    pango_layout_set_alignment(l, align);
    pango_layout_set_text(l, t ? t : "", -1);
    return l;
}

static void size_of(PangoLayout *l, double *w, double *h)
{
    int pw, ph;
    pango_layout_get_size(l, &pw, &ph);
    if (w)
        *w = (double)pw / PANGO_SCALE;
    if (h)
        *h = (double)ph / PANGO_SCALE;
}

static void show(struct pdf_ctx *c, PangoLayout *l, double x, double y, double grey)
{
    if (!c->draw)
        return;
    cairo_save(c->cr);
    cairo_set_source_rgb(c->cr, grey, grey, grey);
    cairo_move_to(c->cr, x, y);
    pango_cairo_show_layout(c->cr, l);
    cairo_restore(c->cr);
}

/* ---- pages ------------------------------------------------------------------------------- */

/* The running header: the title, the section, a rule. */
static void decorate_header(struct pdf_ctx *c, struct style st)
{
    PangoLayout *l = layout(c, c->r->title, st, TEXT_W * 0.55, PANGO_ALIGN_LEFT);
    pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    show(c, l, MARGIN, MARGIN - 22, st.grey);
    g_object_unref(l);
    if (c->running) {
        l = layout(c, c->running, st, TEXT_W * 0.4, PANGO_ALIGN_RIGHT);
        pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
        show(c, l, MARGIN + TEXT_W * 0.6, MARGIN - 22, st.grey);
        g_object_unref(l);
    }
    cairo_save(c->cr);
    cairo_set_source_rgb(c->cr, 0.6, 0.6, 0.6);
    cairo_set_line_width(c->cr, 0.5);
    cairo_move_to(c->cr, MARGIN, MARGIN - 8);
    cairo_rel_line_to(c->cr, TEXT_W, 0);
    cairo_stroke(c->cr);
    cairo_restore(c->cr);
}

/* The running header and the page number of the page being finished (not on the cover). */
static void decorate(struct pdf_ctx *c)
{
    if (!c->draw || (c->page == 1 && !c->r->brief))
        return;
    struct style st = small;
    if (c->page > 1) /* a brief's first page has its title block instead */
        decorate_header(c, st);
    char t[160];
    PangoLayout *l;
    report_page_text(c->r, c->page, c->pages, t, sizeof t);
    l = layout(c, t, st, TEXT_W, PANGO_ALIGN_CENTER);
    show(c, l, MARGIN, PAGE_H - 40, st.grey);
    g_object_unref(l);
}

static void new_page(struct pdf_ctx *c)
{
    decorate(c);
    if (c->draw)
        cairo_show_page(c->cr);
    c->page++;
    c->y = TOP;
}

/* Starts a new page unless h more points fit on this one (or the page is still empty). */
static void ensure(struct pdf_ctx *c, double h)
{
    if (c->y + h > BOTTOM && c->y > TOP)
        new_page(c);
}

/* A paragraph, split between pages by lines; at least two lines stay together. */
static void paragraph(struct pdf_ctx *c, const char *t, struct style st, double after)
{
    PangoLayout *l = layout(c, t, st, TEXT_W, PANGO_ALIGN_LEFT);
    double h;
    size_of(l, NULL, &h);
    int lines = pango_layout_get_line_count(l);
    ensure(c, lines > 1 ? 2 * h / lines : h);
    PangoLayoutIter *it = pango_layout_get_iter(l);
    double shift = 0; /* layout y of the first line on this page */
    do {
        PangoRectangle r;
        pango_layout_iter_get_line_extents(it, NULL, &r);
        double top = (double)r.y / PANGO_SCALE, lh = (double)r.height / PANGO_SCALE;
        if (c->y + top - shift + lh > BOTTOM && top > shift) {
            c->y += top - shift; /* as if the lines so far filled the page */
            new_page(c);
            shift = top;
        }
        if (c->draw) {
            double base = (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE;
            cairo_save(c->cr);
            cairo_set_source_rgb(c->cr, st.grey, st.grey, st.grey);
            cairo_move_to(c->cr, MARGIN + (double)r.x / PANGO_SCALE, c->y + base - shift);
            pango_cairo_show_layout_line(c->cr, pango_layout_iter_get_line_readonly(it));
            cairo_restore(c->cr);
        }
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    g_object_unref(l);
    c->y += h - shift + after;
}

/* ---- tables ------------------------------------------------------------------------------ */

struct cols {
    int n;
    double w[TABLE_MAX_COLS], x[TABLE_MAX_COLS];
    double size;
};

static double text_width(struct pdf_ctx *c, const char *t, struct style st)
{
    PangoLayout *l = layout(c, t, st, 0, PANGO_ALIGN_LEFT);
    double w;
    size_of(l, &w, NULL);
    g_object_unref(l);
    return w;
}

static double longest_word(struct pdf_ctx *c, const char *t, struct style st)
{
    double best = 0;
    char word[128];
    for (const char *p = t; *p;) {
        while (*p == ' ')
            p++;
        size_t n = strcspn(p, " ");
        if (!n)
            break;
        snprintf(word, sizeof word, "%.*s", (int)(n < sizeof word ? n : sizeof word - 1), p);
        double w = text_width(c, word, st);
        if (w > best)
            best = w;
        p += n;
    }
    return best;
}

static size_t rows_shown(const struct dtable *t)
{
    return t->body->nrows < REPORT_PRINTED_ROWS ? t->body->nrows : REPORT_PRINTED_ROWS;
}

/* Widths at k->size: each column as wide as its widest cell and its header's longest word
 * (k->w), its header in one line (full), the narrowest it may be (min: numbers whole, text
 * down to its longest word, up to a limit). Returns the sum of the minimums. */
static double measure_cols(struct pdf_ctx *c, const struct dtable *t, struct cols *k,
                           double *full, double *min)
{
    struct style cell = {k->size, false, false, 0.1}, head = {k->size, true, false, 0.1};
    size_t rows = rows_shown(t) + (t->total ? 1 : 0);
    double need = 0;
    for (int j = 0; j < k->n; j++) {
        bool txt = t->cols[j].kind == COL_TEXT;
        double hw = longest_word(c, t->cols[j].label, head);
        double w = hw, word = hw;
        char s[512];
        for (size_t r = 0; r < rows; r++) {
            bool total = r == rows_shown(t);
            dtable_cell_text(c->r, t, total ? t->body->nrows : r, j, s, sizeof s);
            double x = text_width(c, s, total ? head : cell);
            if (x > w)
                w = x;
            /* Text wraps between words, not inside them (up to a limit). */
            if (txt && x > word && word < 110) {
                double lw = longest_word(c, s, total ? head : cell);
                if (lw > word)
                    word = lw;
            }
        }
        k->w[j] = w + 2 * PAD;
        full[j] = text_width(c, t->cols[j].label, head) + 2 * PAD;
        min[j] = (txt ? (word < 110 ? word : 110) : w) + 2 * PAD;
        need += min[j];
    }
    return need;
}

/* Column widths: as measured; then narrowed (text columns first, which wrap) to fit the page,
 * or widened where headers wrap. A table too wide for the page even so (one of many age
 * bands) is set in smaller type, so that no number breaks. */
static void columns(struct pdf_ctx *c, const struct dtable *t, struct cols *k)
{
    int nc = t->body->ncols;
    k->n = nc;
    k->size = nc > 8 ? 7.0 : TABLE_FONT;
    double full[TABLE_MAX_COLS], min[TABLE_MAX_COLS], sum = 0;
    double need = measure_cols(c, t, k, full, min);
    for (int tries = 0; need > TEXT_W && tries < 4; tries++) {
        k->size = floor(k->size * TEXT_W / need * 20) / 20; /* padding does not shrink */
        need = measure_cols(c, t, k, full, min);
    }
    for (int j = 0; j < nc; j++)
        sum += k->w[j];
    if (sum > TEXT_W) {
        double excess = sum - TEXT_W, give = 0;
        for (int j = 0; j < nc; j++)
            if (k->w[j] > min[j])
                give += k->w[j] - min[j];
        double f = give > 0 ? (excess < give ? excess / give : 1) : 0;
        sum = 0;
        for (int j = 0; j < nc; j++) {
            if (k->w[j] > min[j])
                k->w[j] -= (k->w[j] - min[j]) * f;
            sum += k->w[j];
        }
        if (sum > TEXT_W) /* still too wide: every column gives way, cells wrap anywhere */
            for (int j = 0; j < nc; j++)
                k->w[j] *= TEXT_W / sum;
    } else {
        double left = TEXT_W - sum;
        for (int j = 0; j < nc && left > 0; j++)
            if (full[j] > k->w[j]) {
                double add = full[j] - k->w[j] < left ? full[j] - k->w[j] : left;
                k->w[j] += add;
                left -= add;
            }
    }
    double x = MARGIN;
    for (int j = 0; j < nc; j++) {
        k->x[j] = x;
        x += k->w[j];
    }
}

/* One row of cells (header: row = -1; total: the body's row count). Measures it, and draws it
 * at the current y when drawing. Returns its height. */
static double print_row(struct pdf_ctx *c, const struct dtable *t, const struct cols *k, long row,
                        bool measure_only)
{
    bool header = row < 0, total = !header && (size_t)row == t->body->nrows;
    struct style st = {k->size, header || total, false, 0.1};
    PangoLayout *l[TABLE_MAX_COLS];
    double h = 0;
    char s[512];
    for (int j = 0; j < k->n; j++) {
        const char *v = t->cols[j].label;
        if (!header) {
            dtable_cell_text(c->r, t, (size_t)row, j, s, sizeof s);
            v = s;
        }
        bool num = t->cols[j].kind != COL_TEXT;
        l[j] = layout(c, v, st, k->w[j] - 2 * PAD, num ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
        double ch;
        size_of(l[j], NULL, &ch);
        if (ch > h)
            h = ch;
    }
    h += 2 * PAD;
    if (c->draw && !measure_only) {
        cairo_t *cr = c->cr;
        double x1 = k->x[k->n - 1] + k->w[k->n - 1];
        cairo_save(cr);
        if (header) {
            cairo_set_source_rgb(cr, 0.88, 0.91, 0.95);
            cairo_rectangle(cr, MARGIN, c->y, x1 - MARGIN, h);
            cairo_fill(cr);
        }
        /* A rule under the row: firmer under the header, above the total. */
        cairo_set_source_rgb(cr, header ? 0.3 : 0.78, header ? 0.3 : 0.78, header ? 0.3 : 0.78);
        cairo_set_line_width(cr, header ? 0.6 : 0.3);
        cairo_move_to(cr, MARGIN, c->y + h);
        cairo_line_to(cr, x1, c->y + h);
        cairo_stroke(cr);
        if (total) {
            cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
            cairo_set_line_width(cr, 0.6);
            cairo_move_to(cr, MARGIN, c->y);
            cairo_line_to(cr, x1, c->y);
            cairo_stroke(cr);
        }
        cairo_restore(cr);
        for (int j = 0; j < k->n; j++) {
            /* Headers sit on the row's bottom, like the numbers under them. */
            double ch = 0;
            if (header)
                size_of(l[j], NULL, &ch);
            show(c, l[j], k->x[j] + PAD, header ? c->y + h - PAD - ch : c->y + PAD, 0.1);
        }
    }
    for (int j = 0; j < k->n; j++)
        g_object_unref(l[j]);
    return h;
}

static void table_caption(struct pdf_ctx *c, const struct dtable *t, bool continued)
{
    if (c->running && !strcmp(c->running, t->title) && !continued)
        return; /* the heading above says it */
    char s[200];
    snprintf(s, sizeof s, "%s%s", t->title, continued ? " (cont.)" : "");
    paragraph(c, s, caption, 4);
}

/* The height of a paragraph of text t in style st, in points. */
static double text_height(struct pdf_ctx *c, const char *t, struct style st)
{
    PangoLayout *l = layout(c, t, st, TEXT_W, PANGO_ALIGN_LEFT);
    double h;
    size_of(l, NULL, &h);
    g_object_unref(l);
    return h;
}

static void print_table(struct pdf_ctx *c, int index)
{
    const struct dtable *t = &c->r->tables[index];
    c->placed[index] = true;
    if (!t->body->nrows) { /* a sentence, not an empty frame */
        ensure(c, text_height(c, t->title, caption) + 20);
        table_caption(c, t, false);
        paragraph(c, dtable_empty_text(c->r, t), note, 12);
        return;
    }
    struct cols k;
    columns(c, t, &k);
    size_t shown = rows_shown(t), rows = shown + (t->total ? 1 : 0);
    double head = print_row(c, t, &k, -1, true);
    /* A short table stays on one page; a long one keeps its caption, header and first three
     * rows together. */
    double first = 0, all = 0;
    for (size_t r = 0; r < rows && r < 30; r++) {
        double h = print_row(c, t, &k, r == shown ? (long)t->body->nrows : (long)r, true);
        first += r < 3 ? h : 0;
        all += h;
    }
    if (t->note[0]) /* a short table keeps its note with it */
        all += text_height(c, t->note, note) + 5;
    ensure(c, 18 + head + (rows <= 30 && all < (BOTTOM - TOP) / 2 ? all : first));
    table_caption(c, t, false);
    print_row(c, t, &k, -1, false);
    c->y += head;
    for (size_t r = 0; r < rows; r++) {
        long row = r == shown ? (long)t->body->nrows : (long)r;
        double h = print_row(c, t, &k, row, true);
        if (c->y + h > BOTTOM) {
            new_page(c);
            table_caption(c, t, true);
            print_row(c, t, &k, -1, false);
            c->y += head;
        }
        print_row(c, t, &k, row, false);
        c->y += h;
    }
    c->y += 3;
    if (shown < t->body->nrows) {
        char s[400];
        report_rows_cut_text(c->r, shown, t->body->nrows, s, sizeof s);
        paragraph(c, s, note, 2);
    }
    if (t->note[0])
        paragraph(c, t->note, note, 2);
    c->y += 12;
}

/* ---- charts ------------------------------------------------------------------------------ */

static void print_chart(struct pdf_ctx *c, int index)
{
    const struct dchart *ch = &c->r->charts[index];
    if (!report_chart_drawable(c->r, index)) {
        /* Its table, printed already, says there is nothing; otherwise a sentence does. */
        if (ch->table >= 0 && c->placed[ch->table] && !c->r->tables[ch->table].body->nrows)
            return;
        ensure(c, 40);
        paragraph(c, ch->title, caption, 4);
        paragraph(c, report_chart_empty_text(c->r, index), note, 12);
        return;
    }
    if (ch->map) {
        /* A brief's map shows one region: smaller, so that the brief stays short. */
        double mw = c->r->brief ? TEXT_W * 0.62 : TEXT_W, mh = c->r->brief ? MAP_H * 0.62 : MAP_H;
        struct map_drawing md;
        bool ok = report_map_layout(c->r, index, mw, mh, &c->ms, &md);
        if (ok) {
            ensure(c, md.height);
            if (c->draw)
                draw_map(c->cr, &md, MARGIN, c->y);
            c->y += md.height + 14;
        } else {
            c->oom = true;
        }
        map_drawing_free(&md);
        return;
    }
    struct chart_data d;
    struct drawing dr;
    report_chart_data(c->r, index, &d);
    if (!chart_layout(&d, TEXT_W, &c->ms, &dr)) {
        c->oom = true;
        drawing_free(&dr);
        return;
    }
    ensure(c, dr.height + 6);
    c->y += 6;
    if (c->draw)
        draw_chart(c->cr, &dr, MARGIN, c->y);
    c->y += dr.height + 16;
    drawing_free(&dr);
}

/* ---- the document ------------------------------------------------------------------------ */

/* The cover: title, subtitle, period, date of the data, issuing body; then the contents. */
static void cover(struct pdf_ctx *c)
{
    const struct report *r = c->r;
    if (c->draw) {
        cairo_save(c->cr);
        cairo_set_source_rgb(c->cr, 0.122, 0.306, 0.475);
        cairo_rectangle(c->cr, MARGIN, MARGIN, TEXT_W, 5);
        cairo_fill(c->cr);
        cairo_restore(c->cr);
    }
    c->y = MARGIN + 20;
    if (r->organisation[0])
        paragraph(c, r->organisation, (struct style){12, true, false, 0.3}, 0);
    c->y = 200;
    paragraph(c, r->title, (struct style){24, true, false, 0.1}, 14);
    if (r->subtitle[0])
        paragraph(c, r->subtitle, (struct style){13, false, false, 0.25}, 18);
    paragraph(c, r->period_line, body, 3);
    paragraph(c, r->date_line, body, 3);
    if (r->public_line)
        paragraph(c, r->public_line, (struct style){11, true, false, 0.1}, 3);
    if (r->author[0])
        paragraph(c, r->author, body, 3);
    /* Contents: sections and the annex with their pages. */
    c->y = 470;
    paragraph(c, r->contents_label, subhead, 8);
    for (size_t i = 0; i <= c->nsections; i++) {
        const char *name = i < c->nsections ? NULL : r->tables[r->about_run].title;
        for (size_t k = 0; !name && k < c->n; k++)
            if (c->items[k].kind == I_SECTION && c->items[k].index == (int)i)
                name = c->items[k].text;
        char page[16];
        snprintf(page, sizeof page, "%d", c->section_page[i]);
        PangoLayout *l = layout(c, name, body, TEXT_W - 40, PANGO_ALIGN_LEFT);
        PangoLayout *p = layout(c, page, body, 40, PANGO_ALIGN_RIGHT);
        double h;
        size_of(l, NULL, &h);
        show(c, l, MARGIN, c->y, body.grey);
        show(c, p, MARGIN + TEXT_W - 40, c->y, body.grey);
        if (c->draw) {
            cairo_save(c->cr);
            cairo_set_source_rgb(c->cr, 0.8, 0.8, 0.8);
            cairo_set_line_width(c->cr, 0.3);
            cairo_move_to(c->cr, MARGIN, c->y + h + 2);
            cairo_rel_line_to(c->cr, TEXT_W, 0);
            cairo_stroke(c->cr);
            cairo_restore(c->cr);
        }
        g_object_unref(l);
        g_object_unref(p);
        c->y += h + 6;
    }
    PangoLayout *l = layout(c, "tipreport " TIPREPORT_VERSION, small, TEXT_W, PANGO_ALIGN_LEFT);
    show(c, l, MARGIN, BOTTOM, small.grey);
    g_object_unref(l);
}

/* A brief's first page opens with its title block instead of a cover. */
static void brief_header(struct pdf_ctx *c)
{
    const struct report *r = c->r;
    if (c->draw) {
        cairo_save(c->cr);
        cairo_set_source_rgb(c->cr, 0.122, 0.306, 0.475);
        cairo_rectangle(c->cr, MARGIN, MARGIN - 10, TEXT_W, 4);
        cairo_fill(c->cr);
        cairo_restore(c->cr);
    }
    c->y = MARGIN + 4;
    if (r->organisation[0])
        paragraph(c, r->organisation, (struct style){9, true, false, 0.35}, 4);
    paragraph(c, r->title, (struct style){20, true, false, 0.1}, 6);
    if (r->subtitle[0])
        paragraph(c, r->subtitle, (struct style){10, false, false, 0.3}, r->public_line ? 3 : 14);
    if (r->public_line)
        paragraph(c, r->public_line, (struct style){10, true, false, 0.1}, 14);
}

/* A section's heading on a new page, with its outline entry; in a brief, where it falls, and
 * its first heading left to the title above. */
static void start_section(struct pdf_ctx *c, const char *name, size_t index)
{
    if (c->r->brief) {
        c->section_page[index] = c->page;
        if (c->draw) {
            char dest[64];
            snprintf(dest, sizeof dest, "page=%d pos=[%.1f %.1f]", c->page, MARGIN, c->y);
            cairo_pdf_surface_add_outline(c->surface, CAIRO_PDF_OUTLINE_ROOT, name, dest, 0);
        }
        if (index > 0) {
            ensure(c, 80);
            paragraph(c, name, subhead, 8);
        }
        c->running = name;
        return;
    }
    new_page(c);
    c->running = name;
    c->section_page[index] = c->page;
    if (c->draw) {
        char dest[64];
        snprintf(dest, sizeof dest, "page=%d pos=[%.1f %.1f]", c->page, MARGIN, c->y);
        cairo_pdf_surface_add_outline(c->surface, CAIRO_PDF_OUTLINE_ROOT, name, dest, 0);
    }
    paragraph(c, name, heading, 12);
}


/* What a heading keeps on its page: the paragraphs after it, and a few lines of what follows
 * them, or its chart (a map: all of it). */
static double lead_height(struct pdf_ctx *c, size_t i)
{
    double h = 0;
    for (i++; i < c->n && c->items[i].kind == I_TEXT; i++)
        h += text_height(c, c->items[i].text, body) + 8;
    if (i < c->n && c->items[i].kind == I_CHART)
        return h + (c->r->charts[c->items[i].index].map ? MAP_H * (c->r->brief ? 0.62 : 1) + 20
                                                         : 160);
    return h + 30;
}

/* A gap to be written, as printed: "[POR REDACTAR: ...]". */
static const char *todo_text(const struct report *r, const struct item *it, char *s, size_t n)
{
    snprintf(s, n, "[%s: %s]", r->todo_label, it->text);
    return s;
}

/* The whole document, once: pages counted; drawn when c->draw. */
static void lay_out(struct pdf_ctx *c)
{
    const struct report *r = c->r;
    c->page = 1;
    c->running = NULL;
    memset(c->placed, 0, r->ntables * sizeof *c->placed);
    if (r->brief)
        brief_header(c);
    else
        cover(c);
    for (size_t i = 0; i < c->n && !c->oom; i++) {
        const struct item *it = &c->items[i];
        switch (it->kind) {
        case I_SECTION:
            start_section(c, it->text, (size_t)it->index);
            break;
        case I_SUBHEAD:
            ensure(c, 30 + lead_height(c, i));
            c->y += 4;
            paragraph(c, it->text, subhead, 6);
            break;
        case I_TEXT: {
            /* A short paragraph keeps the gap marked after it on its page, so that no page
             * holds a gap alone. */
            char s[2048];
            double h = text_height(c, it->text, body);
            if (i + 1 < c->n && c->items[i + 1].kind == I_TODO && h < 120)
                ensure(c, h + 8 + text_height(c, todo_text(r, &c->items[i + 1], s, sizeof s),
                                              todo));
            paragraph(c, it->text, body, 8);
            break;
        }
        case I_TODO: {
            char s[2048];
            paragraph(c, todo_text(r, it, s, sizeof s), todo, 8);
            break;
        }
        case I_TABLE:
            print_table(c, it->index);
            break;
        case I_CHART:
            print_chart(c, it->index);
            break;
        }
    }
    /* The annex: what was read and how it was counted (a brief: where it comes from). */
    if (r->brief) {
        c->y += 6;
        paragraph(c, r->source_note, note, 2);
        paragraph(c, r->date_line, note, 2);
        if (r->public_note)
            paragraph(c, r->public_note, note, 2);
    } else {
        start_section(c, r->tables[r->about_run].title, c->nsections);
        print_table(c, r->about_run);
        print_table(c, r->about_files);
        for (size_t i = 0; i < r->nrules; i++)
            paragraph(c, r->rules[i], body, 4);
    }
    decorate(c);
}

/* ISO 8601 at midnight UTC: the data's date pins the document's dates. */
static void iso_date(tp_date d, char *out, size_t size)
{
    char day[11];
    date_format(d, day);
    snprintf(out, size, "%sT00:00:00Z", day);
}

static enum tp_err cairo_failed(struct pdf_ctx *c, cairo_status_t st, struct tp_error *err)
{
    return tp_fail(err, TP_ERR_OUTPUT, c->path, 0, NULL, "cannot write the PDF: %s",
                   cairo_status_to_string(st));
}

static enum tp_err end(void *ctx, bool ok, struct tp_error *err)
{
    struct pdf_ctx *c = ctx;
    const struct report *r = c->r;
    enum tp_err rc = TP_OK;
    if (!ok || c->oom) {
        if (ok)
            rc = tp_fail(err, TP_ERR_NOMEM, c->path, 0, NULL, "out of memory");
        goto done;
    }
    c->section_page = calloc(c->nsections + 1, sizeof *c->section_page);
    c->placed = calloc(r->ntables ? r->ntables : 1, sizeof *c->placed);
    if (!c->section_page || !c->placed) {
        rc = tp_fail(err, TP_ERR_NOMEM, c->path, 0, NULL, "out of memory");
        goto done;
    }
    c->surface = cairo_pdf_surface_create(c->path, PAGE_W, PAGE_H);
    cairo_status_t st = cairo_surface_status(c->surface);
    if (st != CAIRO_STATUS_SUCCESS) {
        rc = cairo_failed(c, st, err);
        goto done;
    }
    char created[40];
    iso_date(r->created, created, sizeof created);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, r->title);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_SUBJECT, r->subtitle);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_AUTHOR,
                                   r->author[0] ? r->author : r->organisation);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR,
                                   "tipreport " TIPREPORT_VERSION);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATE_DATE, created);
    cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_MOD_DATE, created);
    c->cr = cairo_create(c->surface);
    c->ms = cairo_measure(c->cr);
    /* Pass one counts the pages (and finds each section's); pass two draws. */
    c->draw = false;
    lay_out(c);
    c->pages = c->page;
    c->draw = true;
    if (!c->oom)
        lay_out(c);
    if (c->oom) {
        rc = tp_fail(err, TP_ERR_NOMEM, c->path, 0, NULL, "out of memory");
        goto done;
    }
    cairo_show_page(c->cr);
    st = cairo_status(c->cr);
    cairo_destroy(c->cr);
    c->cr = NULL;
    cairo_surface_finish(c->surface);
    if (st == CAIRO_STATUS_SUCCESS)
        st = cairo_surface_status(c->surface);
    if (st != CAIRO_STATUS_SUCCESS)
        rc = cairo_failed(c, st, err);
done:
    if (c->cr)
        cairo_destroy(c->cr);
    if (c->surface)
        cairo_surface_destroy(c->surface);
    free(c->section_page);
    free(c->placed);
    free(c->items);
    free(c);
    return rc;
}

const struct render_ops render_pdf = {"PDF", begin, section, text, table, chart, end};
