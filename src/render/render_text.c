/* render_text.c: a report as plain text for a cable: wrapped at 72, tables in fixed columns. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "render/render.h"

#define WIDTH 72

struct text_ctx {
    FILE *f;
    const struct report *r;
    char path[1300];
};

/* Characters, not bytes, of UTF-8 text. */
static size_t width(const char *s, size_t n)
{
    size_t w = 0;
    for (size_t i = 0; i < n; i++)
        w += ((unsigned char)s[i] & 0xC0) != 0x80;
    return w;
}

/* Text wrapped at WIDTH, in words. */
static void wrap(FILE *f, const char *text)
{
    size_t col = 0;
    for (const char *p = text; *p;) {
        while (*p == ' ')
            p++;
        const char *e = p;
        while (*e && *e != ' ')
            e++;
        size_t w = width(p, (size_t)(e - p));
        if (!w)
            break;
        if (col && col + 1 + w > WIDTH) {
            putc('\n', f);
            col = 0;
        } else if (col) {
            putc(' ', f);
            col++;
        }
        fwrite(p, 1, (size_t)(e - p), f);
        col += w;
        p = e;
    }
    putc('\n', f);
}

static void *begin(const struct report *r, const char *path, struct tp_error *err)
{
    struct text_ctx *c = calloc(1, sizeof *c);
    if (!c) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    snprintf(c->path, sizeof c->path, "%s", path);
    c->r = r;
    c->f = fopen(path, "w");
    if (!c->f) {
        tp_fail(err, TP_ERR_OUTPUT, path, 0, NULL, "cannot write: %s", strerror(errno));
        free(c);
        return NULL;
    }
    wrap(c->f, r->title);
    if (r->subtitle[0])
        wrap(c->f, r->subtitle);
    return c;
}

static bool section(void *ctx, const struct section *s)
{
    struct text_ctx *c = ctx;
    fputs("\n\n", c->f);
    size_t w = 0;
    for (const char *p = s->heading; *p; p++) {
        putc(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p, c->f);
        w += ((unsigned char)*p & 0xC0) != 0x80;
    }
    putc('\n', c->f);
    while (w--)
        putc('=', c->f);
    putc('\n', c->f);
    return true;
}

static bool text(void *ctx, enum block_kind kind, const char *t)
{
    struct text_ctx *c = ctx;
    putc('\n', c->f);
    if (kind == BLOCK_SUBHEAD) {
        wrap(c->f, t);
    } else if (kind == BLOCK_TODO) {
        char *s = malloc(strlen(t) + 32);
        if (!s)
            return false;
        sprintf(s, "[TO BE WRITTEN: %s]", t);
        wrap(c->f, s);
        free(s);
    } else {
        wrap(c->f, t);
    }
    return !ferror(c->f);
}

/* A header label in at most two lines: split at the space that makes the widest line shortest. */
static void split_label(const char *label, char *l1, char *l2, size_t size)
{
    size_t n = strlen(label), best = (size_t)-1;
    snprintf(l1, size, "%s", label);
    l2[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (label[i] != ' ')
            continue;
        size_t a = width(label, i), b = width(label + i + 1, n - i - 1);
        size_t w = a > b ? a : b;
        if (w < best) {
            best = w;
            snprintf(l1, size, "%.*s", (int)i, label);
            snprintf(l2, size, "%s", label + i + 1);
        }
    }
}

/* One table line: cells padded to their columns (text left, numbers right), gap spaces apart,
 * without trailing blanks. */
static void put_line(FILE *f, const struct dtable *t, const size_t *w, char cells[][128],
                     size_t gap)
{
    struct buf line = {0};
    for (int k = 0; k < t->body->ncols; k++) {
        size_t x = width(cells[k], strlen(cells[k]));
        if (k)
            for (size_t i = 0; i < gap; i++)
                buf_addc(&line, ' ');
        if (t->cols[k].kind != COL_TEXT)
            for (size_t i = x; i < w[k]; i++)
                buf_addc(&line, ' ');
        buf_adds(&line, cells[k]);
        if (t->cols[k].kind == COL_TEXT)
            for (size_t i = x; i < w[k]; i++)
                buf_addc(&line, ' ');
    }
    while (line.len && line.p[line.len - 1] == ' ')
        line.len--;
    fwrite(line.p ? line.p : "", 1, line.len, f);
    putc('\n', f);
    buf_free(&line);
}

static bool table(void *ctx, int index)
{
    struct text_ctx *c = ctx;
    const struct dtable *t = &c->r->tables[index];
    if (!t->body->nrows) { /* a sentence, not an empty frame */
        fputs("\n", c->f);
        wrap(c->f, t->title);
        wrap(c->f, dtable_empty_text(c->r, t));
        return !ferror(c->f);
    }
    int nc = t->body->ncols;
    size_t w[TABLE_MAX_COLS] = {0};
    char h1[TABLE_MAX_COLS][128], h2[TABLE_MAX_COLS][128], cells[TABLE_MAX_COLS][128];
    bool two = false;
    for (int k = 0; k < nc; k++) {
        split_label(t->cols[k].label, h1[k], h2[k], sizeof h1[k]);
        two |= h2[k][0] != '\0';
        size_t a = width(h1[k], strlen(h1[k])), b = width(h2[k], strlen(h2[k]));
        w[k] = a > b ? a : b;
    }
    size_t rows = t->body->nrows + (t->total ? 1 : 0);
    for (size_t r = 0; r < rows; r++)
        for (int k = 0; k < nc; k++) {
            dtable_cell_text(c->r, t, r, k, cells[k], sizeof cells[k]);
            size_t x = width(cells[k], strlen(cells[k]));
            if (x > w[k])
                w[k] = x;
        }
    /* Two spaces between columns, one when that keeps a wide table within the page. */
    size_t total = 0;
    for (int k = 0; k < nc; k++)
        total += w[k] + (k ? 2 : 0);
    size_t gap = total > WIDTH ? 1 : 2;
    if (gap == 1)
        total -= (size_t)(nc - 1);
    fputs("\n", c->f);
    wrap(c->f, t->title);
    for (int line = 0; line < (two ? 2 : 1); line++) {
        for (int k = 0; k < nc; k++) {
            /* Labels in one line sit on the last header line. */
            const char *h = !two ? h1[k] : line == 0 ? (h2[k][0] ? h1[k] : "")
                                                     : (h2[k][0] ? h2[k] : h1[k]);
            snprintf(cells[k], sizeof cells[k], "%.127s", h);
        }
        put_line(c->f, t, w, cells, gap);
    }
    for (size_t i = 0; i < total; i++)
        putc('-', c->f);
    putc('\n', c->f);
    for (size_t r = 0; r < rows; r++) {
        for (int k = 0; k < nc; k++)
            dtable_cell_text(c->r, t, r, k, cells[k], sizeof cells[k]);
        put_line(c->f, t, w, cells, gap);
    }
    if (t->note[0])
        wrap(c->f, t->note);
    return !ferror(c->f);
}

static bool chart(void *ctx, int index)
{
    (void)ctx, (void)index; /* plain text has no charts; their tables carry the figures */
    return true;
}

static enum tp_err end(void *ctx, bool ok, struct tp_error *err)
{
    struct text_ctx *c = ctx;
    int e = 0;
    bool bad = fflush(c->f) != 0 || ferror(c->f);
    if (bad)
        e = errno;
    if (fclose(c->f) != 0 && !bad) {
        bad = true;
        e = errno;
    }
    enum tp_err rc = TP_OK;
    if (ok && bad)
        rc = tp_fail(err, TP_ERR_OUTPUT, c->path, 0, NULL, "cannot write: %s",
                     strerror(e ? e : EIO));
    free(c);
    return rc;
}

const struct render_ops render_text = {"text", begin, section, text, table, chart, end};
