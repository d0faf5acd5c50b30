/* merge.c: several sources' reports of one definition as one, section by section. */
#include "report/merge.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/map.h"

/* The merged blocks of a section as they are gathered. Blocks are moved in: their text is
 * taken from the part (set NULL there) so that freeing the part leaves it alone. */
struct blocks {
    struct block *b;
    size_t n;
    bool oom;
};

static void push(struct blocks *l, enum block_kind kind, char *text, int index, int group)
{
    struct block *b = l->oom ? NULL : realloc(l->b, (l->n + 1) * sizeof *b);
    if (!b) {
        l->oom = true;
        free(text);
        return;
    }
    l->b = b;
    b[l->n++] = (struct block){kind, text, index, group};
}

static struct section *section_of(struct report *r, const char *id)
{
    for (size_t i = 0; i < r->nsections; i++)
        if (!strcmp(r->sections[i].id, id))
            return &r->sections[i];
    return NULL;
}

/* Moves block b of part k, its table or chart renumbered by the part's offsets. */
static void move(struct blocks *l, struct block *b, const size_t toff[], const size_t coff[],
                 size_t k)
{
    size_t off = b->kind == BLOCK_TABLE ? toff[k] : b->kind == BLOCK_CHART ? coff[k] : 0;
    push(l, b->kind, b->text, b->index + (int)off, b->group);
    b->text = NULL;
}

/* The first group (subheading's item) after `after` in section id of any part; -2: none. */
static int next_group(struct report *const parts[], size_t n, const char *id, int after)
{
    int g = -2;
    for (size_t k = 0; k < n; k++) {
        struct section *s = section_of(parts[k], id);
        for (size_t i = 0; s && i < s->n; i++)
            if (s->blocks[i].group > after && (g == -2 || s->blocks[i].group < g))
                g = s->blocks[i].group;
    }
    return g;
}

/* Whether block b of group g is one of a source's own (not the group's subheading, not a gap
 * to be written). */
static bool own(const struct block *b, int g)
{
    return b->group == g && b->kind != BLOCK_SUBHEAD && b->kind != BLOCK_TODO;
}

/* Group g of section id: its subheading once, each source's blocks under its name, then the
 * gaps to be written, once (the first part's that has any). */
static void merge_group(struct blocks *l, struct report *const parts[], const char *const names[],
                        size_t n, const char *id, int g, const size_t toff[], const size_t coff[])
{
    bool head = g < 0, todo = false;
    for (size_t k = 0; k < n; k++) {
        struct section *s = section_of(parts[k], id);
        for (size_t i = 0; s && !head && i < s->n; i++)
            if (s->blocks[i].group == g && s->blocks[i].kind == BLOCK_SUBHEAD) {
                move(l, &s->blocks[i], toff, coff, k);
                head = true;
            }
    }
    for (size_t k = 0; k < n; k++) {
        struct section *s = section_of(parts[k], id);
        bool named = false;
        for (size_t i = 0; s && i < s->n; i++) {
            if (!own(&s->blocks[i], g))
                continue;
            if (!named) { /* the source's name before its first block */
                char *name = strdup(names[k]);
                if (name)
                    push(l, BLOCK_SUBHEAD, name, -1, g);
                else
                    l->oom = true;
                named = true;
            }
            move(l, &s->blocks[i], toff, coff, k);
        }
    }
    for (size_t k = 0; k < n && !todo; k++) {
        struct section *s = section_of(parts[k], id);
        for (size_t i = 0; s && i < s->n; i++)
            if (s->blocks[i].group == g && s->blocks[i].kind == BLOCK_TODO) {
                move(l, &s->blocks[i], toff, coff, k);
                todo = true;
            }
    }
}

/* The sections: the first part's in order, then any only a later part has. */
static bool merge_sections(struct report *const parts[], const char *const names[], size_t n,
                           const size_t toff[], const size_t coff[])
{
    struct report *r = parts[0];
    struct section *out = NULL;
    size_t nout = 0;
    bool ok = true;
    for (size_t k = 0; ok && k < n; k++)
        for (size_t i = 0; ok && i < parts[k]->nsections; i++) {
            struct section *s = &parts[k]->sections[i];
            bool seen = false;
            for (size_t m = 0; m < nout; m++)
                seen = seen || !strcmp(out[m].id, s->id);
            if (seen)
                continue;
            struct section *o = realloc(out, (nout + 1) * sizeof *o);
            if (!(ok = o != NULL))
                break;
            out = o;
            struct blocks l = {0};
            for (int g = next_group(parts, n, s->id, -2); g != -2;
                 g = next_group(parts, n, s->id, g))
                merge_group(&l, parts, names, n, s->id, g, toff, coff);
            out[nout] = (struct section){"", s->heading, l.b, l.n};
            snprintf(out[nout].id, sizeof out[nout].id, "%s", s->id);
            s->heading = NULL;
            nout++;
            ok = !l.oom;
        }
    /* The first part's sections give way to the merged ones (what was moved is NULL). */
    report_sections_free(r->sections, r->nsections);
    r->sections = out;
    r->nsections = nout;
    return ok;
}

/* A table's note followed by its source line; a note too long for it ends at a whole
 * character. */
static void note_source(struct dtable *t, const char *source)
{
    size_t len = strlen(t->note), cap = sizeof t->note - 1;
    const char *sep = !len ? "" : strchr(".:;!?", t->note[len - 1]) ? " " : ". ";
    snprintf(t->note + len, sizeof t->note - len, "%s%s", sep, source);
    if (strlen(t->note) < cap)
        return;
    len = cap;
    while (len && ((unsigned char)t->note[len] & 0xC0) == 0x80)
        len--; /* t->note[cap] was the first byte cut: back to the start of its character */
    t->note[len] = '\0';
}

/* The about tables' rows of part p that r has not: its files; its run's lines that differ
 * (the input, the profile, the periods), each named by its source. */
static void about_rows(struct report *r, const struct report *p, const char *tag0,
                       const char *tag)
{
    struct table *run = r->tables[r->about_run].body;
    const struct table *prun = p->tables[p->about_run].body;
    for (size_t i = 0; i < prun->nrows && i < run->nrows; i++) {
        const char *v = table_cell_text(prun, table_cell(prun, i, 1));
        const char *item = table_cell_text(prun, table_cell(prun, i, 0));
        if (!strcmp(v, table_cell_text(run, table_cell(run, i, 1))))
            continue;
        char s[200];
        if (!strchr(table_cell_text(run, table_cell(run, i, 0)), ':')) {
            snprintf(s, sizeof s, "%s: %s", tag0, item); /* the first source's line too */
            table_text(run, i, 0, s);
        }
        size_t k = table_row(run, NULL);
        snprintf(s, sizeof s, "%s: %s", tag, item);
        table_text(run, k, 0, s);
        table_text(run, k, 1, v);
    }
    struct table *files = r->tables[r->about_files].body;
    const struct table *pf = p->tables[p->about_files].body;
    for (size_t i = 0; i < pf->nrows; i++) {
        size_t k = table_row(files, NULL);
        for (int c = 0; c < pf->ncols && c < files->ncols; c++) {
            const struct cell *cl = table_cell(pf, i, c);
            if (cl->kind == CELL_TEXT)
                table_text(files, k, c, table_cell_text(pf, cl));
            else if (cl->kind == CELL_INT)
                table_int(files, k, c, cl->v.i);
        }
    }
}

/* Part k's tables and charts appended to r's (ids made unique: the workbook names them),
 * each with its source line; its source line kept by r. */
static bool take(struct report *r, struct report *p, size_t k)
{
    size_t t0 = k ? r->ntables : 0, c0 = k ? r->ncharts : 0;
    char **sn = realloc(r->source_notes, (r->nsource_notes + 1) * sizeof *sn);
    if (!sn)
        return false;
    r->source_notes = sn;
    sn[r->nsource_notes++] = p->source_note; /* part 0's stays r's source_note too */
    if (k)
        p->source_note = NULL;
    else if (!(sn[0] = strdup(p->source_note)))
        return false;
    const char *source = sn[r->nsource_notes - 1];
    for (size_t i = 0; i < p->ntables; i++)
        if (i != (size_t)p->about_run && i != (size_t)p->about_files)
            note_source(&p->tables[i], source);
    for (size_t i = 0; i < p->ncharts; i++)
        p->charts[i].source = source;
    if (!k)
        return true;
    struct dtable *t = realloc(r->tables, (r->ntables + p->ntables) * sizeof *t);
    if (!t)
        return false;
    r->tables = t;
    struct dchart *c = realloc(r->charts, (r->ncharts + p->ncharts) * sizeof *c);
    if (!c)
        return false;
    r->charts = c;
    for (size_t i = 0; i < p->ntables; i++) {
        t[t0 + i] = p->tables[i];
        size_t len = strlen(t[t0 + i].id);
        snprintf(t[t0 + i].id + len, sizeof t->id - len, "_%zu", k + 1);
    }
    for (size_t i = 0; i < p->ncharts; i++) {
        c[c0 + i] = p->charts[i];
        c[c0 + i].table += (int)t0;
        size_t len = strlen(c[c0 + i].id);
        snprintf(c[c0 + i].id + len, sizeof c->id - len, "_%zu", k + 1);
    }
    r->ntables += p->ntables;
    r->ncharts += p->ncharts;
    p->ntables = p->ncharts = 0; /* r owns them now */
    return true;
}

struct report *report_merge(struct report *parts[], const char *const names[],
                            const char *const tags[], size_t n, struct tp_error *err)
{
    struct report *r = parts[0];
    size_t toff[MERGE_MAX], coff[MERGE_MAX]; /* where each part's tables and charts start */
    bool ok = n <= MERGE_MAX;
    for (size_t k = 0; ok && k < n; k++) {
        toff[k] = k ? r->ntables : 0;
        coff[k] = k ? r->ncharts : 0;
        if (ok && k)
            about_rows(r, parts[k], tags[0], tags[k]);
        ok = ok && take(r, parts[k], k);
    }
    ok = ok && merge_sections(parts, names, n, toff, coff);
    /* The subtitle names every source: each part's, one after the other. */
    for (size_t k = 1; ok && k < n; k++) {
        size_t len = strlen(r->subtitle) + strlen(parts[k]->subtitle) + 3;
        char *s = malloc(len);
        if (!(ok = s != NULL))
            break;
        snprintf(s, len, "%s. %s", r->subtitle, parts[k]->subtitle);
        free(r->subtitle);
        r->subtitle = s;
    }
    for (size_t i = 0; ok && i < r->ncharts; i++)
        if (r->charts[i].map) { /* the charts have stopped moving */
            r->charts[i].map->title = r->charts[i].title;
            r->charts[i].map->note = r->charts[i].note;
            r->charts[i].map->lang = r->lang; /* a part's, freed below, was its own */
        }
    ok = ok && !r->tables[r->about_run].body->oom && !r->tables[r->about_files].body->oom;
    for (size_t k = 1; k < n; k++)
        report_free(parts[k]);
    if (!ok) {
        report_free(r);
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    return r;
}
