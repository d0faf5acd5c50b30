/* quality.c: the data-quality log, kept in read order so that its output is deterministic. */
#include "read/quality.h"
#include "util/grow.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_VALUE_CHARS 60

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

void dq_mask_value(const char *s, size_t n, struct buf *out)
{
    buf_clear(out);
    size_t chars = 0;
    for (size_t i = 0; i < n;) {
        if (s[i] >= '0' && s[i] <= '9') {
            size_t j = i;
            while (j < n && s[j] >= '0' && s[j] <= '9')
                j++;
            for (size_t k = i; k < j && chars < MAX_VALUE_CHARS; k++, chars++)
                buf_addc(out, j - i >= 7 ? '#' : s[k]);
            i = j;
        } else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
            /* A line break or other control inside a quoted field: one problem, one line. */
            if (chars++ < MAX_VALUE_CHARS)
                buf_addc(out, ' ');
            i++;
        } else {
            /* Copy one UTF-8 character. */
            size_t k = i + 1;
            while (k < n && ((unsigned char)s[k] & 0xC0) == 0x80)
                k++;
            if (chars < MAX_VALUE_CHARS)
                buf_add(out, s + i, k - i);
            chars++;
            i = k;
        }
        if (chars >= MAX_VALUE_CHARS && i < n) {
            buf_adds(out, "\xe2\x80\xa6"); /* … */
            break;
        }
    }
    buf_cstr(out);
}

bool dq_add(struct quality *q, int file, long line, int field, const char *value, size_t vlen,
            enum dq_action action, const char *problem)
{
    if (!grow((void **)&q->entries, &q->cap, q->nentries, sizeof *q->entries, 64))
        return false;
    struct buf masked = {0};
    dq_mask_value(value ? value : "", value ? vlen : 0, &masked);
    struct dq_entry *e = &q->entries[q->nentries];
    e->file = file;
    e->line = line;
    e->field = field;
    e->action = action;
    e->value = q->text.len;
    bool ok = buf_add(&q->text, masked.p ? masked.p : "", masked.len) && buf_addc(&q->text, '\0');
    e->problem = q->text.len;
    ok = ok && buf_adds(&q->text, problem) && buf_addc(&q->text, '\0');
    buf_free(&masked);
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
    dq_mask_value(header, strlen(header), &masked);
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
const char *dq_problem(const struct quality *q, const struct dq_entry *e) { return q->text.p + e->problem; }
