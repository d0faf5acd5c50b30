/* quality.c: the data-quality log, kept in read order so that its output is deterministic. */
#include "read/quality.h"
#include "util/grow.h"
#include "util/mask.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dq_action_name(enum dq_action a)
{
    static const char *const names[DQ_ACTION_COUNT] = {
        "rejected", "duplicate_rejected", "kept_as_unknown", "kept_as_other",
        "not_in_period_tables", "counted_as_given"};
    return a < DQ_ACTION_COUNT ? names[a] : "?";
}

void quality_free(struct quality *q)
{
    for (int i = 0; i < q->nfiles; i++)
        free(q->files[i].columns);
    free(q->entries);
    buf_free(&q->text);
    memset(q, 0, sizeof *q);
}

int quality_file(struct quality *q, const char *path, enum file_kind kind)
{
    if (q->nfiles == (int)(sizeof q->files / sizeof *q->files))
        return -1;
    struct dq_file *f = &q->files[q->nfiles];
    memset(f, 0, sizeof *f);
    const char *base = strrchr(path, '/');
    snprintf(f->name, sizeof f->name, "%s", base ? base + 1 : path);
    snprintf(f->path, sizeof f->path, "%s", path);
    f->kind = kind;
    return q->nfiles++;
}

bool dq_add(struct quality *q, int file, long line, int field, const char *value, size_t vlen,
            enum dq_action action, const char *problem)
{
    if (!grow((void **)&q->entries, &q->cap, q->nentries, sizeof *q->entries, 64))
        return false;
    struct buf masked = {0}, quote = {0};
    mask_value(value ? value : "", value ? vlen : 0, &masked);
    mask_quote(value ? value : "", value ? vlen : 0, &quote);
    struct dq_entry *e = &q->entries[q->nentries];
    e->file = file;
    e->line = line;
    e->field = field;
    e->action = action;
    e->value = q->text.len;
    bool ok = buf_add(&q->text, masked.p ? masked.p : "", masked.len) && buf_addc(&q->text, '\0');
    e->quote = q->text.len;
    ok = ok && buf_add(&q->text, quote.p ? quote.p : "", quote.len) && buf_addc(&q->text, '\0');
    e->problem = q->text.len;
    ok = ok && buf_adds(&q->text, problem) && buf_addc(&q->text, '\0');
    buf_free(&masked);
    buf_free(&quote);
    if (!ok)
        return false;
    q->nentries++;
    if (action != DQ_REJECTED && action != DQ_DUPLICATE_REJECTED)
        q->files[file].warnings++;
    return true;
}

bool dq_column(struct quality *q, int file, int column, const char *header, const char *target)
{
    struct dq_file *f = &q->files[file];
    struct dq_column *c = realloc(f->columns, (f->ncolumns + 1) * sizeof *c);
    if (!c)
        return false;
    f->columns = c;
    /* Keep column order: headers are read left to right, but one column may mean two
     * fields, and indicators come after. */
    size_t at = f->ncolumns;
    while (at > 0 && c[at - 1].column > column)
        at--;
    memmove(&c[at + 1], &c[at], (f->ncolumns - at) * sizeof *c);
    struct buf masked = {0};
    mask_value(header, strlen(header), &masked);
    c[at].column = column;
    snprintf(c[at].header, sizeof c[at].header, "%s", buf_cstr(&masked));
    snprintf(c[at].target, sizeof c[at].target, "%s", target);
    buf_free(&masked);
    f->ncolumns++;
    return true;
}

const char *dq_field_header(const struct quality *q, int file, int field)
{
    if (field < 0)
        return "";
    const struct dq_file *f = &q->files[file];
    for (size_t i = 0; i < f->ncolumns; i++)
        if (!strcmp(f->columns[i].target, fields[field].name) && f->columns[i].header[0])
            return f->columns[i].header;
    return fields[field].name;
}

const char *dq_value(const struct quality *q, const struct dq_entry *e) { return q->text.p + e->value; }
const char *dq_quote(const struct quality *q, const struct dq_entry *e) { return q->text.p + e->quote; }
const char *dq_problem(const struct quality *q, const struct dq_entry *e) { return q->text.p + e->problem; }

const char *dq_file_name(const struct quality *q, int file)
{
    return q->by_hash ? q->files[file].hash_name : q->files[file].name;
}

void dq_name_by_hash(struct quality *q)
{
    for (int i = 0; i < q->nfiles; i++) {
        struct dq_file *f = &q->files[i];
        size_t n = strnlen(f->sha256, 8);
        memcpy(f->hash_name, "sha256:", 7);
        memcpy(f->hash_name + 7, f->sha256, n);
        f->hash_name[7 + n] = '\0';
    }
    q->by_hash = true;
}
