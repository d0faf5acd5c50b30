/* header.c: an export file's header rows -> the column of each schema field, via the profile. */
#include "read/header.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "read/normalise.h"
#include "util/buf.h"
#include "util/fold.h"

/* What the header rows say of each column; freed by header_text_free(). */
struct header_text {
    field_mask *masks; /* fields each column may be */
    char **names;      /* the column's header as written, for messages; NULL when blank */
    size_t ncols;
    struct buf key;
};

static void header_text_free(struct header_text *t)
{
    for (size_t c = 0; c < t->ncols; c++)
        free(t->names[c]);
    free(t->names);
    free(t->masks);
    buf_free(&t->key);
}

static bool widen(struct header_text *t, size_t ncols)
{
    if (ncols <= t->ncols)
        return true;
    field_mask *m = realloc(t->masks, ncols * sizeof *m);
    if (m)
        t->masks = m;
    char **nm = m ? realloc(t->names, ncols * sizeof *nm) : NULL;
    if (nm)
        t->names = nm;
    if (!m || !nm)
        return false;
    memset(t->masks + t->ncols, 0, (ncols - t->ncols) * sizeof *t->masks);
    memset(t->names + t->ncols, 0, (ncols - t->ncols) * sizeof *t->names);
    t->ncols = ncols;
    return true;
}

/* The fields the profile gives one value for the whole file: no column is read for them. */
static field_mask constants(const struct profile *pf)
{
    field_mask m = 0;
    for (int f = 0; f < F_COUNT; f++)
        if (profile_constant(pf, f))
            m |= (field_mask)1 << f;
    return m;
}

/* The profile's filters, none found yet. False when out of memory. */
static bool filters_init(struct header_map *h, const struct profile *pf)
{
    h->nfilters = profile_nfilters(pf);
    if (!h->nfilters)
        return true;
    h->filter_col = malloc(h->nfilters * sizeof *h->filter_col);
    for (size_t i = 0; h->filter_col && i < h->nfilters; i++)
        h->filter_col[i] = SIZE_MAX;
    return h->filter_col != NULL;
}

/* A filter names a column of the file: a cases or flat file must have it (other files apply
 * it when they have the column). */
static enum tp_err filters_found(const struct header_map *h, const struct profile *pf,
                                 const char *path, enum file_kind kind, struct tp_error *err)
{
    for (size_t i = 0; i < h->nfilters; i++)
        if (h->filter_col[i] == SIZE_MAX && (kind == K_CASES || kind == K_FLAT)) {
            const struct profile_filter *f = profile_filter(pf, i);
            return tp_fail(err, TP_ERR_PROFILE, f->path, f->line, NULL,
                           "filter on column '%s': %s has no such column", f->column, path);
        }
    return TP_OK;
}

/* The column headers an indicator-shaped profile names: [0] the indicator's, then the group's. */
static const char *ir_header(const struct indicator_rows *ir, size_t i)
{
    return i == 0 ? ir->column : ir->group[i - 1];
}

/* Whether column c (folded header key) is one the indicator-shaped profile names. */
static void ir_match(struct header_map *h, const struct profile *pf, const struct buf *key,
                     size_t c)
{
    const struct indicator_rows *ir = profile_indicator_rows(pf);
    for (size_t i = 0; ir && i < h->nir; i++) {
        char k[128];
        fold_key_to(ir_header(ir, i), strlen(ir_header(ir, i)), k, sizeof k);
        if (h->ir_col[i] == SIZE_MAX && strlen(k) == key->len && memcmp(k, key->p, key->len) == 0)
            h->ir_col[i] = c;
    }
}

/* An indicator-shaped file must have every column its profile names. */
static enum tp_err ir_found(const struct header_map *h, const struct profile *pf,
                            const char *path, struct tp_error *err)
{
    for (size_t i = 0; i < h->nir; i++)
        if (h->ir_col[i] == SIZE_MAX)
            return tp_fail(err, TP_ERR_INPUT, path, h->line, NULL,
                           "no column '%s' (profile '%s', [indicator_rows])",
                           ir_header(profile_indicator_rows(pf), i), profile_name(pf));
    return TP_OK;
}

/* One header row: what each column's name may mean. False when out of memory. */
static bool header_row(struct header_map *h, struct header_text *t, const struct csv_row *row,
                       const struct profile *pf, field_mask allowed)
{
    if (!widen(t, row->nfields))
        return false;
    for (size_t c = 0; c < row->nfields; c++) {
        size_t n = row->len[c];
        const char *s = norm_trim(row->field[c], &n);
        if (!n)
            continue;
        if (!t->names[c] && !(t->names[c] = strndup(s, n)))
            return false;
        if (!fold_key(s, n, &t->key) || !t->key.len)
            continue;
        t->masks[c] |= profile_header(pf, t->key.p, t->key.len) & allowed & ~constants(pf);
        for (size_t i = 0; i < h->nfilters; i++) {
            const struct profile_filter *pfl = profile_filter(pf, i);
            if (h->filter_col[i] == SIZE_MAX && pfl->keylen == t->key.len &&
                memcmp(pfl->key, t->key.p, t->key.len) == 0)
                h->filter_col[i] = c;
        }
        ir_match(h, pf, &t->key, c);
        int f, code;
        if (profile_indicator(pf, t->key.p, t->key.len, &f, &code) &&
            (allowed & (field_mask)1 << f)) {
            struct indicator *in = realloc(h->ind, (h->nind + 1) * sizeof *in);
            if (!in)
                return false;
            h->ind = in;
            h->ind[h->nind++] = (struct indicator){c, f, code};
        }
    }
    return true;
}

static enum tp_err header_rows(struct header_map *h, struct header_text *t, struct csvfile *csv,
                               const char *path, const struct profile *pf, enum file_kind kind,
                               struct tp_error *err)
{
    int rows = profile_header_rows(pf);
    field_mask allowed = kind_fields(kind);
    for (int i = 0; i < rows; i++) {
        const struct csv_row *row;
        int k = csvfile_next(csv, &row, err);
        if (k < 0)
            return err->code;
        if (k == 0)
            return i == 0 ? tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "is empty: no header line")
                          : tp_fail(err, TP_ERR_INPUT, path, 0, NULL,
                                    "ends inside its header (profile '%s' has %d header rows)",
                                    profile_name(pf), rows);
        if (i == 0)
            h->line = row->line;
        if (row->problem != ROW_OK)
            return tp_fail(err, TP_ERR_INPUT, path, row->line, NULL,
                           "the header cannot be read (%s)",
                           row->problem == ROW_BAD_BYTES ? "bytes neither UTF-8 nor Windows-1252"
                           : row->problem == ROW_NUL     ? "a NUL byte"
                                                         : "broken quotes");
        if (!header_row(h, t, row, pf, allowed))
            return tp_fail(err, TP_ERR_NOMEM, path, row->line, NULL, "out of memory");
    }
    return TP_OK;
}

/* Each field's column; two columns for one field are refused. */
static enum tp_err assign(struct header_map *h, const struct header_text *t, const char *path,
                          struct tp_error *err)
{
    for (size_t c = 0; c < t->ncols; c++)
        for (int f = 0; f < F_COUNT; f++) {
            if (!(t->masks[c] & (field_mask)1 << f))
                continue;
            if (h->col[f] >= 0)
                return tp_fail(err, TP_ERR_INPUT, path, h->line, fields[f].name,
                               "two columns mean this field: %zu ('%s') and %zu ('%s'); keep one",
                               (size_t)h->col[f] + 1, t->names[h->col[f]], c + 1, t->names[c]);
            h->col[f] = (int)c;
        }
    return TP_OK;
}

/* Says which columns are read, and as what (input_columns.csv). False when out of memory. */
static bool log_columns(const struct header_map *h, const struct header_text *t,
                        struct quality *dq, int file)
{
    for (int f = 0; f < F_COUNT; f++)
        if (h->col[f] >= 0 &&
            !dq_column(dq, file, h->col[f] + 1, t->names[h->col[f]], fields[f].name))
            return false;
    for (size_t i = 0; i < h->nind; i++) {
        char target[48];
        snprintf(target, sizeof target, "%s:%s", fields[h->ind[i].field].name,
                 vocab_code_name(fields[h->ind[i].field].vocab, h->ind[i].code));
        if (!dq_column(dq, file, (int)h->ind[i].col + 1, t->names[h->ind[i].col], target))
            return false;
    }
    for (size_t i = 0; i < h->nfilters; i++)
        if (h->filter_col[i] != SIZE_MAX &&
            !dq_column(dq, file, (int)h->filter_col[i] + 1, t->names[h->filter_col[i]], "filter"))
            return false;
    for (size_t i = 0; i < h->nir; i++)
        if (!dq_column(dq, file, (int)h->ir_col[i] + 1, t->names[h->ir_col[i]],
                       i ? "indicator group" : "indicator"))
            return false;
    return true;
}

/* Tells csv to keep only the columns read. False when out of memory. */
static bool keep_columns(const struct header_map *h, struct csvfile *csv)
{
    if (!h->ncols)
        return csvfile_keep(csv, NULL, 0);
    bool *keep = calloc(h->ncols, sizeof *keep);
    if (!keep)
        return false;
    for (int f = 0; f < F_COUNT; f++)
        if (h->col[f] >= 0)
            keep[h->col[f]] = true;
    for (size_t i = 0; i < h->nind; i++)
        keep[h->ind[i].col] = true;
    for (size_t i = 0; i < h->nfilters; i++)
        if (h->filter_col[i] < h->ncols)
            keep[h->filter_col[i]] = true;
    for (size_t i = 0; i < h->nir; i++)
        keep[h->ir_col[i]] = true;
    bool ok = csvfile_keep(csv, keep, h->ncols);
    free(keep);
    return ok;
}

/* The folded header name of each field's column, for header_again. False when out of
 * memory. */
static bool keep_names(struct header_map *h, const struct header_text *t)
{
    struct buf key = {0};
    bool ok = true;
    for (int f = 0; f < F_COUNT && ok; f++) {
        size_t c = (size_t)h->col[f];
        if (h->col[f] < 0 || c >= t->ncols || !t->names[c] ||
            !fold_key(t->names[c], strlen(t->names[c]), &key) || !key.len)
            continue;
        ok = (h->name_key[f] = strndup(key.p, key.len)) != NULL;
        h->name_len[f] = key.len;
    }
    buf_free(&key);
    return ok;
}

enum tp_err header_read(struct header_map *h, struct csvfile *csv, const char *path,
                        const struct profile *pf, enum file_kind kind, struct quality *dq,
                        int file, struct tp_error *err)
{
    memset(h, 0, sizeof *h);
    for (int f = 0; f < F_COUNT; f++)
        h->col[f] = -1;
    const struct indicator_rows *ir = profile_indicator_rows(pf);
    h->nir = ir && (kind == K_FLAT || kind == K_CASES) ? 1 + ir->ngroup : 0;
    for (size_t i = 0; i < h->nir; i++)
        h->ir_col[i] = SIZE_MAX;
    struct header_text t = {0};
    enum tp_err rc = filters_init(h, pf) ? TP_OK
                                         : tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
    if (rc == TP_OK)
        rc = header_rows(h, &t, csv, path, pf, kind, err);
    if (rc == TP_OK)
        rc = assign(h, &t, path, err);
    if (rc == TP_OK)
        rc = filters_found(h, pf, path, kind, err);
    if (rc == TP_OK)
        rc = ir_found(h, pf, path, err);
    dq->files[file].header_rows = profile_header_rows(pf);
    if (rc == TP_OK && !log_columns(h, &t, dq, file))
        rc = tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
    field_mask req = kind_required(kind);
    for (int f = 0; f < F_COUNT && rc == TP_OK; f++)
        if ((req & (field_mask)1 << f) && h->col[f] < 0 && !profile_constant(pf, f) &&
            !(f == F_REPORTED_ON && h->col[F_REPORTED_YEAR] >= 0)) /* a year column will do */
            rc = tp_fail(err, TP_ERR_INPUT, path, h->line, fields[f].name,
                         "no column for this required field (profile '%s'; see "
                         "docs/input-format.md for the names it may have)", profile_name(pf));
    h->ncols = t.ncols;
    if (rc == TP_OK && !keep_names(h, &t))
        rc = tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
    if (rc == TP_OK && !keep_columns(h, csv))
        rc = tp_fail(err, TP_ERR_NOMEM, path, 0, NULL, "out of memory");
    header_text_free(&t);
    return rc;
}

void header_map_free(struct header_map *h)
{
    for (int f = 0; f < F_COUNT; f++) {
        free(h->name_key[f]);
        h->name_key[f] = NULL;
    }
    free(h->filter_col);
    h->filter_col = NULL;
    h->nfilters = 0;
    free(h->ind);
    h->ind = NULL;
    h->nind = 0;
}

bool header_again(const struct header_map *h, const struct csv_row *row, struct buf *key)
{
    if (row->problem != ROW_OK)
        return false;
    size_t mapped = 0, named = 0;
    for (int f = 0; f < F_COUNT; f++) {
        const char *name = h->name_key[f];
        if (!name)
            continue;
        mapped++;
        size_t c = (size_t)h->col[f], n = c < row->nfields ? row->len[c] : 0;
        const char *s = norm_trim(n ? row->field[c] : "", &n);
        if (!n)
            continue;
        if (!fold_equals(s, n, name, h->name_len[f], key))
            return false;
        named++;
    }
    return named >= 2 || (named && named == mapped);
}
