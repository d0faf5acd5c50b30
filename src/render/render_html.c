/* render_html.c: a report as one self-contained HTML page: cover, contents with links, tables
 * with real headers, charts and the map as inline SVG, the About part; print and phone styles. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/chart_svg.h"
#include "util/markup.h"
#include "render/render.h"
#include "util/version.h"

#define CHART_W 481.89 /* the PDF's text width, in points: the charts are laid out alike */
#define MAP_W 481.89
#define MAP_H 640.0
#define ID_MAX 64

/* Everything but the page's head is built in memory: the contents list needs every section
 * before the first one is written. */
struct html_ctx {
    const struct report *r;
    char path[1300];
    struct buf body, toc;
    struct svg_pen *pen;
    bool *placed;          /* [ntables]: printed already */
    char (*ids)[ID_MAX];   /* every id given so far: each is unique in the page */
    size_t nids, capids;
    size_t nsections;      /* in the contents */
    bool in_section, in_sub, oom; /* in_sub: the contents list the section's tables */
    const char *heading;   /* the open section's */
};

/* ---- ids --------------------------------------------------------------------------------- */

static bool id_taken(const struct html_ctx *c, const char *id)
{
    for (size_t i = 0; i < c->nids; i++)
        if (!strcmp(c->ids[i], id))
            return true;
    return false;
}

/* An id from a prefix and a definition's name: letters, digits, '-' and '_' kept, anything
 * else '-'; "-2", "-3" ... after a name met before (several sources repeat table names). */
static void new_id(struct html_ctx *c, const char *prefix, const char *name, char id[ID_MAX])
{
    snprintf(id, ID_MAX, "x");
    if (c->nids == c->capids) {
        size_t cap = c->capids ? 2 * c->capids : 64;
        char(*ids)[ID_MAX] = realloc(c->ids, cap * sizeof *ids);
        if (!ids) {
            c->oom = true;
            return;
        }
        c->ids = ids;
        c->capids = cap;
    }
    char base[ID_MAX - 16];
    int n = snprintf(base, sizeof base, "%s%s", prefix, name);
    for (int i = 0; i < n && i < (int)sizeof base - 1; i++) {
        char ch = base[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '-' || ch == '_'))
            base[i] = '-';
    }
    snprintf(id, ID_MAX, "%s", base);
    for (int k = 2; id_taken(c, id); k++)
        snprintf(id, ID_MAX, "%s-%d", base, k);
    memcpy(c->ids[c->nids++], id, ID_MAX);
}

/* ---- pieces ------------------------------------------------------------------------------ */

static void out(struct html_ctx *c, struct buf *b, const char *s)
{
    c->oom |= !buf_adds(b, s);
}

/* Text as an element's content: escaped, its line breaks kept. */
static void text_of(struct html_ctx *c, struct buf *b, const char *s)
{
    for (const char *p = s ? s : ""; *p && !c->oom;) {
        size_t n = strcspn(p, "\n");
        char *line = strndup(p, n);
        c->oom |= !line || !markup_text(b, line);
        free(line);
        p += n;
        if (*p == '\n') {
            out(c, b, "<br>");
            p++;
        }
    }
}

/* <TAG class="CLS">text</TAG>, class left out when NULL. */
static void element(struct html_ctx *c, struct buf *b, const char *tag, const char *cls,
                    const char *s)
{
    c->oom |= !(cls ? buf_printf(b, "<%s class=\"%s\">", tag, cls) : buf_printf(b, "<%s>", tag));
    text_of(c, b, s);
    c->oom |= !buf_printf(b, "</%s>\n", tag);
}

/* ---- the walk ---------------------------------------------------------------------------- */

static void *begin(const struct report *r, const char *path, struct tp_error *err)
{
    struct html_ctx *c = calloc(1, sizeof *c);
    if (c) {
        c->r = r;
        snprintf(c->path, sizeof c->path, "%s", path);
        c->placed = calloc(r->ntables ? r->ntables : 1, sizeof *c->placed);
        c->pen = svg_pen_new();
    }
    char id[ID_MAX];
    if (c && c->placed && c->pen)
        new_id(c, "", "contents", id); /* the contents' heading: no section takes its id */
    if (!c || !c->placed || !c->pen || c->oom) {
        if (c) {
            free(c->placed);
            free(c->ids);
            svg_pen_free(c->pen);
        }
        free(c);
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    return c;
}

/* Ends the contents' entry of the section before, with its list of tables. */
static void close_entry(struct html_ctx *c)
{
    if (c->in_sub)
        out(c, &c->toc, "</ol>");
    if (c->in_section)
        out(c, &c->toc, "</li>\n");
    c->in_sub = false;
}

/* A table's line in the contents, under its section's. */
static void toc_table(struct html_ctx *c, const char *id, const char *title)
{
    if (!c->in_section)
        return;
    if (!c->in_sub)
        out(c, &c->toc, "\n<ol class=\"sub\">");
    c->in_sub = true;
    c->oom |= !buf_printf(&c->toc, "<li><a href=\"#%s\">", id);
    text_of(c, &c->toc, title);
    out(c, &c->toc, "</a></li>");
}

/* Opens a section: its heading, and its line in the contents. */
static void open_section(struct html_ctx *c, const char *name, const char *heading)
{
    if (c->in_section)
        out(c, &c->body, "</section>\n");
    char id[ID_MAX];
    new_id(c, "", name, id);
    c->oom |= !buf_printf(&c->body, "<section id=\"%s\" aria-labelledby=\"%s-h\">\n<h2 id=\"%s-h\">",
                          id, id, id);
    text_of(c, &c->body, heading);
    out(c, &c->body, "</h2>\n");
    close_entry(c);
    c->oom |= !buf_printf(&c->toc, "<li><a href=\"#%s\">", id);
    text_of(c, &c->toc, heading);
    out(c, &c->toc, "</a>");
    c->in_section = true;
    c->heading = heading;
    c->nsections++;
}

static bool section(void *ctx, const struct section *s)
{
    struct html_ctx *c = ctx;
    open_section(c, s->id, s->heading);
    return !c->oom;
}

static bool text(void *ctx, enum block_kind kind, const char *t)
{
    struct html_ctx *c = ctx;
    if (kind == BLOCK_SUBHEAD) {
        element(c, &c->body, "h3", NULL, t);
    } else if (kind == BLOCK_TODO) { /* a gap to be written, as printed: "[POR REDACTAR: ...]" */
        out(c, &c->body, "<p class=\"todo\">[");
        text_of(c, &c->body, c->r->todo_label);
        out(c, &c->body, ": ");
        text_of(c, &c->body, t);
        out(c, &c->body, "]</p>\n");
    } else {
        element(c, &c->body, "p", NULL, t);
    }
    return !c->oom;
}

/* ---- tables ------------------------------------------------------------------------------ */

static size_t rows_shown(const struct dtable *t)
{
    return t->body->nrows < REPORT_PRINTED_ROWS ? t->body->nrows : REPORT_PRINTED_ROWS;
}

/* One row: the first column, when it is text, heads the row; numbers align right; a public
 * mark (<k, x) is a cell of its own class. Row nrows is the total row. */
static void html_row(struct html_ctx *c, const struct dtable *t, size_t row)
{
    bool total = row == t->body->nrows;
    out(c, &c->body, total ? "<tr class=\"total\">" : "<tr>");
    for (int j = 0; j < t->body->ncols; j++) {
        char s[512];
        dtable_cell_text(c->r, t, row, j, s, sizeof s);
        bool head = j == 0 && t->cols[0].kind == COL_TEXT, num = t->cols[j].kind != COL_TEXT;
        const char *cls = num ? (dtable_mark(t, row, j) ? " class=\"n m\"" : " class=\"n\"") : "";
        c->oom |= !buf_printf(&c->body, head ? "<th scope=\"row\"%s>" : "<td%s>", cls);
        text_of(c, &c->body, s);
        out(c, &c->body, head ? "</th>" : "</td>");
    }
    out(c, &c->body, "</tr>\n");
}

static void print_table(struct html_ctx *c, int index)
{
    const struct dtable *t = &c->r->tables[index];
    c->placed[index] = true;
    char id[ID_MAX];
    new_id(c, "t-", t->id, id);
    toc_table(c, id, t->title);
    if (!t->body->nrows) { /* a sentence, not an empty frame */
        c->oom |= !buf_printf(&c->body, "<div class=\"empty\" id=\"%s\">\n", id);
        element(c, &c->body, "p", "caption", t->title);
        element(c, &c->body, "p", "note", dtable_empty_text(c->r, t));
        out(c, &c->body, "</div>\n");
        return;
    }
    /* The caption is the table's name for a screen reader even where the heading above says
     * it (the PDF leaves it out there): then only hidden from the eye. */
    bool same = c->heading && !strcmp(c->heading, t->title);
    /* As in the PDF: a short table stays on one page; a wide one is set smaller. */
    size_t shown = rows_shown(t);
    c->oom |= !buf_printf(&c->body, "<div class=\"tw%s%s\">\n<table id=\"%s\">\n<caption%s>",
                          shown <= 30 ? " short" : "", t->body->ncols > 8 ? " wide" : "", id,
                          same ? " class=\"vh\"" : "");
    text_of(c, &c->body, t->title);
    out(c, &c->body, "</caption>\n<thead><tr>");
    for (int j = 0; j < t->body->ncols; j++) {
        out(c, &c->body, t->cols[j].kind != COL_TEXT ? "<th scope=\"col\" class=\"n\">"
                                                     : "<th scope=\"col\">");
        text_of(c, &c->body, t->cols[j].label);
        out(c, &c->body, "</th>");
    }
    out(c, &c->body, "</tr></thead>\n<tbody>\n");
    for (size_t r = 0; r < shown && !c->oom; r++)
        html_row(c, t, r);
    if (t->total)
        html_row(c, t, t->body->nrows);
    out(c, &c->body, "</tbody>\n</table>\n</div>\n");
    if (shown < t->body->nrows) {
        char s[400];
        report_rows_cut_text(c->r, shown, t->body->nrows, s, sizeof s);
        element(c, &c->body, "p", "note", s);
    }
    if (t->note[0])
        element(c, &c->body, "p", "note", t->note);
}

static bool table(void *ctx, int index)
{
    struct html_ctx *c = ctx;
    print_table(c, index);
    return !c->oom;
}

/* ---- charts ------------------------------------------------------------------------------ */

static bool chart(void *ctx, int index)
{
    struct html_ctx *c = ctx;
    const struct report *r = c->r;
    const struct dchart *ch = &r->charts[index];
    if (!report_chart_drawable(r, index)) {
        /* Its table, printed already, says there is nothing; otherwise a sentence does. */
        if (ch->table >= 0 && c->placed[ch->table] && !r->tables[ch->table].body->nrows)
            return true;
        out(c, &c->body, "<div class=\"empty\">\n");
        element(c, &c->body, "p", "caption", ch->title);
        element(c, &c->body, "p", "note", report_chart_empty_text(r, index));
        out(c, &c->body, "</div>\n");
        return !c->oom;
    }
    char id[ID_MAX];
    new_id(c, "c-", ch->id, id);
    struct buf alt = {0};
    c->oom |= !report_chart_alt(r, index, &alt);
    c->oom |= !buf_printf(&c->body, "<figure class=\"%s\" id=\"%s\">\n", ch->map ? "map" : "chart",
                          id);
    if (ch->map) {
        /* A brief's map shows one region: smaller, as in the PDF. */
        double k = r->brief ? 0.62 : 1;
        struct map_drawing md;
        if (report_map_layout(r, index, MAP_W * k, MAP_H * k, svg_measure(c->pen), &md))
            c->oom |= !svg_map(c->pen, &c->body, &md, id, ch->title, buf_cstr(&alt));
        else
            c->oom = true;
        map_drawing_free(&md);
    } else {
        struct chart_data d;
        struct drawing dr;
        report_chart_data(r, index, &d);
        c->oom |= !chart_layout(&d, CHART_W, svg_measure(c->pen), &dr) ||
                  !svg_chart(c->pen, &c->body, &dr, id, ch->title, buf_cstr(&alt));
        drawing_free(&dr);
    }
    buf_free(&alt);
    out(c, &c->body, "</figure>\n");
    return !c->oom;
}

/* ---- the page ---------------------------------------------------------------------------- */

/* Print: A4, each section on a new page (a brief's where it falls, as in its PDF), links as
 * text; a phone: one column, wide tables and charts scroll sideways inside their box. */
static const char style[] =
    ":root{color-scheme:light}\n"
    "body{font-family:\"DejaVu Sans\",Verdana,sans-serif;color:#1a1a1a;background:#fff;"
    "line-height:1.5;margin:0 auto;max-width:54rem;padding:0 1rem 2rem}\n"
    "h1{font-size:1.9rem;line-height:1.2;margin:.4rem 0 .8rem}\n"
    "h2{font-size:1.45rem;margin:2.5rem 0 .8rem;padding-top:.6rem;border-top:3px solid #1f4e79}\n"
    "h3{font-size:1.1rem;margin:1.6rem 0 .5rem}\n"
    "p{margin:.5rem 0}\n"
    ".cover{border-top:6px solid #1f4e79;padding:1rem 0 .5rem}\n"
    ".org{font-weight:bold;color:#4d4d4d}\n"
    ".subtitle{font-size:1.1rem;color:#404040}\n"
    ".public{font-weight:bold}\n"
    "nav ol{padding-left:1.4rem}\n"
    "nav li{margin:.15rem 0}\n"
    "nav ol.sub{list-style:none;padding:0;margin:0 0 .5rem;font-size:.8rem}\n"
    "nav ol.sub li{display:inline;margin:0}\n"
    "nav ol.sub li+li::before{content:\" \\b7  \";color:#777}\n"
    "a{color:#1f4e79}\n"
    ".tw{overflow-x:auto;margin:1rem 0 .3rem}\n"
    "table{border-collapse:collapse;font-size:.85rem}\n"
    "caption,.caption{text-align:left;font-weight:bold;font-size:.95rem;padding:0 0 .35rem;"
    "margin:0}\n"
    "th,td{padding:.25rem .5rem;border-bottom:1px solid #c8c8c8;vertical-align:top;"
    "text-align:left}\n"
    "thead th{background:#e0e8f2;border-bottom:1px solid #4d4d4d;vertical-align:bottom}\n"
    "tbody th{font-weight:normal}\n"
    ".n{text-align:right;font-variant-numeric:tabular-nums}\n"
    "td.n{white-space:nowrap}\n"
    "tr.total th,tr.total td{font-weight:bold;border-top:1px solid #4d4d4d}\n"
    ".note{font-style:italic;font-size:.8rem;color:#404040;margin:.2rem 0 1rem}\n"
    ".todo{font-style:italic;font-weight:bold;color:#737373}\n"
    ".empty{margin:1rem 0}\n"
    "figure{margin:1.2rem 0}\n"
    "figure svg{display:block;width:100%;height:auto;overflow:visible;"
    "font-family:\"DejaVu Sans\",Verdana,sans-serif}\n"

    ".vh{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);"
    "white-space:nowrap}\n"
    "footer{margin-top:3rem;font-size:.8rem;color:#666}\n"
    "@media (max-width:40rem){body{padding:0 .6rem 1rem}h1{font-size:1.5rem}"
    "h2{font-size:1.25rem}table{font-size:.8rem}th,td{padding:.2rem .3rem}\n"
    "figure{overflow-x:auto}figure.chart svg{min-width:36rem}}\n"
    "@media print{@page{size:A4;margin:18mm 16mm}\n"
    "html{font-size:10pt}\n"
    "body{max-width:none;padding:0}\n"
    ".short{break-inside:avoid}\n"
    ".wide table{font-size:.72rem}\n"
    "a{color:inherit;text-decoration:none}\n"
    "nav{break-after:page}\n"
    "section{break-before:page}\n"
    ".brief section{break-before:auto}\n"
    "h2{border-top:none;margin-top:0}\n"
    "h2,h3,caption,.caption{break-after:avoid}\n"
    ".tw{overflow:visible}\n"
    "tr,figure{break-inside:avoid}\n"
    "thead{display:table-header-group}}\n";

static void head(struct html_ctx *c, struct buf *b)
{
    const struct report *r = c->r;
    c->oom |= !buf_printf(b, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n",
                          !strcmp(r->lang, "en") ? "en" : "es");
    /* Nothing is fetched: no scripts, no pictures, no fonts (the page is one file). */
    out(c, b, "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
              "style-src 'unsafe-inline'\">\n"
              "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
              "<meta name=\"generator\" content=\"tipreport " TIPREPORT_VERSION "\">\n");
    const char *author = r->author[0] ? r->author : r->organisation;
    const char *meta[][2] = {{"author", author}, {"description", r->subtitle},
                             {"keywords", r->keywords}};
    for (size_t i = 0; i < sizeof meta / sizeof *meta; i++)
        if (meta[i][1] && meta[i][1][0]) {
            c->oom |= !buf_printf(b, "<meta name=\"%s\" content=\"", meta[i][0]);
            text_of(c, b, meta[i][1]);
            out(c, b, "\">\n");
        }
    out(c, b, "<title>");
    text_of(c, b, r->title);
    c->oom |= !buf_printf(b, "</title>\n<style>\n%s</style>\n</head>\n<body%s>\n", style,
                          r->brief ? " class=\"brief\"" : "");
}

/* The cover (a brief: its title block): issuing body, title, subtitle, period, date of the
 * data, the public version's statement, author; then the contents. */
static void cover(struct html_ctx *c, struct buf *b)
{
    const struct report *r = c->r;
    out(c, b, "<header class=\"cover\">\n");
    if (r->organisation[0])
        element(c, b, "p", "org", r->organisation);
    element(c, b, "h1", NULL, r->title);
    if (r->subtitle[0])
        element(c, b, "p", "subtitle", r->subtitle);
    if (!r->brief) {
        element(c, b, "p", NULL, r->period_line);
        element(c, b, "p", NULL, r->date_line);
    }
    if (r->public_line)
        element(c, b, "p", "public", r->public_line);
    if (r->author[0] && !r->brief)
        element(c, b, "p", NULL, r->author);
    out(c, b, "</header>\n");
    if (c->nsections > 1) { /* a brief of one section needs none */
        out(c, b, "<nav aria-labelledby=\"contents\">\n<h2 id=\"contents\">");
        text_of(c, b, r->contents_label);
        out(c, b, "</h2>\n<ol>\n");
        close_entry(c);
        c->oom |= !buf_add(b, c->toc.p, c->toc.len);
        out(c, b, "</ol>\n</nav>\n");
    }
    out(c, b, "<main>\n");
}

/* The annex: what was read and how it was counted (a brief: where its figures come from). */
static void annex(struct html_ctx *c)
{
    const struct report *r = c->r;
    if (r->brief) {
        if (c->in_section)
            out(c, &c->body, "</section>\n");
        out(c, &c->body, "<footer>\n");
        element(c, &c->body, "p", "note", r->source_note);
        element(c, &c->body, "p", "note", r->date_line);
        if (r->public_note)
            element(c, &c->body, "p", "note", r->public_note);
        out(c, &c->body, "</footer>\n");
        return;
    }
    open_section(c, "about", r->tables[r->about_run].title);
    print_table(c, r->about_run);
    print_table(c, r->about_files);
    for (size_t i = 0; i < r->nrules; i++)
        element(c, &c->body, "p", NULL, r->rules[i]);
    out(c, &c->body, "</section>\n<footer><p>tipreport " TIPREPORT_VERSION "</p></footer>\n");
}

static enum tp_err write_page(struct html_ctx *c, struct tp_error *err)
{
    struct buf page = {0};
    annex(c);
    head(c, &page);
    cover(c, &page);
    c->oom |= !buf_add(&page, c->body.p, c->body.len);
    out(c, &page, "</main>\n</body>\n</html>\n");
    enum tp_err rc = TP_OK;
    if (c->oom) {
        rc = tp_fail(err, TP_ERR_NOMEM, c->path, 0, NULL, "out of memory");
    } else {
        errno = 0;
        FILE *f = fopen(c->path, "w");
        int e = 0;
        if (!f || fwrite(page.p, 1, page.len, f) != page.len || fflush(f) != 0)
            e = errno ? errno : EIO;
        if (f && fclose(f) != 0 && !e)
            e = errno ? errno : EIO;
        if (e)
            rc = tp_fail(err, TP_ERR_OUTPUT, c->path, 0, NULL, "cannot write: %s", strerror(e));
    }
    buf_free(&page);
    return rc;
}

static enum tp_err end(void *ctx, bool ok, struct tp_error *err)
{
    struct html_ctx *c = ctx;
    enum tp_err rc = TP_OK;
    if (ok)
        rc = write_page(c, err);
    buf_free(&c->body);
    buf_free(&c->toc);
    svg_pen_free(c->pen);
    free(c->placed);
    free(c->ids);
    free(c);
    return rc;
}

const struct render_ops render_html = {"HTML page", begin, section, text, table, chart, end};
