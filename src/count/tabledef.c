/* tabledef.c: reading the table definitions: lookups, the start-up check, --list-tables. */
#include "count/tabledef.h"

#include <assert.h>
#include <string.h>

#include "read/vocab.h"

_Static_assert(VS_ASSISTANCE - VS_SEX == V_ASSISTANCE - V_SEX && V_SEX == 0,
               "the vocabularies' value sets follow enum vocab_id");

const struct tabledef *tabledef_find(const char *name)
{
    for (size_t i = 0; i < ntabledefs; i++)
        if (!strcmp(tabledefs[i].name, name))
            return &tabledefs[i];
    return NULL;
}

const struct keydef *keydef_find(const char *key)
{
    for (size_t i = 0; i < nkeydefs; i++)
        if (!strcmp(keydefs[i].key, key))
            return &keydefs[i];
    return NULL;
}

bool key_all_years(const char *key)
{
    size_t n = strcspn(key, "|");
    for (const char *const *m = all_years_measures; *m; m++)
        if (strlen(*m) == n && !strncmp(*m, key, n))
            return true;
    return false;
}

static int col_index(const struct tabledef *d, const char *name)
{
    for (int c = 0; name && c < d->ncols; c++)
        if (!strcmp(d->cols[c].name, name))
            return c;
    return -1;
}

int tabledef_col(const struct tabledef *d, const char *name)
{
    int c = col_index(d, name);
    assert(c >= 0 && "a column the table's definition does not have");
    return c;
}

const struct coldef *tabledef_coldef(const struct tabledef *d, const char *name)
{
    int c = col_index(d, name);
    return c < 0 ? NULL : &d->cols[c];
}

const struct rowdef *tabledef_row(const struct tabledef *d, const char *name)
{
    for (int r = 0; name && r < d->nrows; r++)
        if (!strcmp(d->rows[r].name, name))
            return &d->rows[r];
    return NULL;
}

int tabledef_first_count(const struct tabledef *d)
{
    for (int c = 0; c < d->ncols; c++)
        if (d->cols[c].role == ROLE_COUNT)
            return c;
    return -1;
}

int tabledef_vocab(enum value_set v)
{
    return v >= VS_SEX && v <= VS_ASSISTANCE ? (int)(v - VS_SEX) : -1;
}

const char *tabledef_values_name(enum value_set v)
{
    static const char *const names[VS_N] = {
        [VS_AGE_BAND] = "age_band", [VS_REGION] = "region", [VS_CITY] = "city",
        [VS_COUNTRY] = "country", [VS_PLACE] = "place", [VS_PLACES] = "places",
        [VS_SCOPE] = "scope", [VS_YEAR] = "year", [VS_MONTH] = "month",
        [VS_UNODC_FORM] = "unodc_form",
        [VS_UNODC_CATEGORY] = "unodc_category", [VS_STAGE] = "stage",
        [VS_SENTENCE_BAND] = "sentence_band", [VS_FILE] = "file",
        [VS_COLUMN] = "column", [VS_TEXT] = "text", [VS_CATEGORY] = "category"};
    int vocab = tabledef_vocab(v);
    if (vocab >= 0)
        return vocabs[vocab].name;
    return v > VS_NONE && v < VS_N && names[v] ? names[v] : "";
}

struct table *tabledef_table(const struct tabledef *d)
{
    const char *names[TABLE_MAX_COLS];
    for (int c = 0; c < d->ncols && c < TABLE_MAX_COLS; c++)
        names[c] = d->cols[c].name;
    return table_new(d->name, d->ncols, names);
}

bool tabledef_matches(const struct tabledef *d, const struct table *t)
{
    if (strcmp(t->name, d->name) || t->ncols != d->ncols)
        return false;
    for (int c = 0; c < d->ncols; c++)
        if (strcmp(t->cols[c], d->cols[c].name))
            return false;
    return true;
}

/* ---- the check ------------------------------------------------------------------------------ */

static bool bad(struct tp_error *err, const struct tabledef *d, const char *what, const char *name)
{
    tp_fail(err, TP_ERR_INTERNAL, NULL, 0, NULL, "table definition '%s', '%s': %s",
            d->name ? d->name : "?", name ? name : "?", what);
    return false;
}

static bool check_col(const struct tabledef *d, int c, bool keyed, bool counts,
                      struct tp_error *err)
{
    const struct coldef *cd = &d->cols[c];
    const struct coldef *prev = c ? &d->cols[c - 1] : NULL;
    if (col_index(d, cd->name) != c)
        return bad(err, d, "a second column of this name", cd->name);
    switch (cd->role) {
    case ROLE_COUNT:
        if (!keyed && !cd->measure)
            return bad(err, d, "a count that no protection covers (no measure)", cd->name);
        return true;
    case ROLE_SHARE:
    case ROLE_RATE:
        if (col_index(d, cd->from) < 0 || d->cols[col_index(d, cd->from)].role != ROLE_COUNT)
            return bad(err, d, "computed from no count column", cd->name);
        return true;
    case ROLE_DIM:
        if (counts && !keyed && !cd->key)
            return bad(err, d, "a dimension of counts with no key (its counts would be one)",
                       cd->name);
        if (cd->sep && (!prev || prev->role != ROLE_DIM || !prev->key || !cd->key ||
                        strcmp(prev->key, cd->key)))
            return bad(err, d, "a joined part that follows no part of its dimension", cd->name);
        if (cd->key && !keydef_find(cd->key))
            return bad(err, d, "a dimension key with no declared link (keydefs)", cd->name);
        return true;
    case ROLE_LABEL:
        if (!prev || (prev->role != ROLE_DIM && prev->role != ROLE_LABEL))
            return bad(err, d, "a label that follows no dimension", cd->name);
        return true;
    case ROLE_KEY:
        if (!keyed || c != 0)
            return bad(err, d, "a row key outside a first column of keyed rows", cd->name);
        return true;
    case ROLE_NUMBER:
        if (counts)
            return bad(err, d, "a number that is no count in a table of counts", cd->name);
        return true;
    }
    return bad(err, d, "no role", cd->name);
}

/* Every name of a sum is a count: a column within a row, or a keyed row. */
static bool check_sums(const struct tabledef *d, const struct sumdef *s, int n, bool rows,
                       struct tp_error *err)
{
    for (int i = 0; i < n; i++)
        for (int p = -1; p < 4 && (p < 0 || s[i].parts[p]); p++) {
            const char *name = p < 0 ? s[i].total : s[i].parts[p];
            const struct rowdef *rd = tabledef_row(d, name);
            const struct coldef *cd = tabledef_coldef(d, name);
            if (rows ? !rd || rd->kind != ROW_COUNT : !cd || cd->role != ROLE_COUNT)
                return bad(err, d, "a sum of something that is not a count", name);
        }
    return true;
}

static bool check_rows(const struct tabledef *d, struct tp_error *err)
{
    for (int r = 0; r < d->nrows; r++) {
        const struct rowdef *rd = &d->rows[r];
        if (tabledef_row(d, rd->name) != rd)
            return bad(err, d, "a second row of this name", rd->name);
        if (rd->kind == ROW_COUNT && !rd->measure)
            return bad(err, d, "a count that no protection covers (no measure)", rd->name);
        const struct rowdef *from = tabledef_row(d, rd->from);
        if (rd->kind == ROW_DERIVED && (!from || from->kind != ROW_COUNT))
            return bad(err, d, "computed from no count row", rd->name);
        if ((rd->in & d->in) != rd->in || !rd->in)
            return bad(err, d, "a row printed where its table is not", rd->name);
    }
    return true;
}

bool tabledef_check(const struct tabledef *d, struct tp_error *err)
{
    if (!d->name || !d->build || !d->in || d->ncols < 1 || d->ncols > TABLE_MAX_COLS)
        return bad(err, d, "no name, builder or publication, or too many columns", d->name);
    bool keyed = d->rows != NULL, counts = tabledef_first_count(d) >= 0;
    int dims = 0;
    for (int c = 0; c < d->ncols; c++) {
        if (!check_col(d, c, keyed, counts, err))
            return false;
        dims += (d->cols[c].role == ROLE_DIM && !d->cols[c].sep) || d->cols[c].role == ROLE_KEY;
    }
    if (counts && !dims)
        return bad(err, d, "counts that no dimension or row tells apart", d->name);
    if (counts && dims > TABLEDEF_MAX_DIMS)
        return bad(err, d, "more dimensions than public mode protects", d->name);
    if (keyed && (d->cols[0].role != ROLE_KEY || d->nrows < 1))
        return bad(err, d, "keyed rows without a key column", d->name);
    return check_rows(d, err) && check_sums(d, d->row_sums, d->nrow_sums, false, err) &&
           check_sums(d, d->sums_of_rows, d->nsums_of_rows, true, err);
}

bool tabledefs_check(struct tp_error *err)
{
    for (size_t i = 0; i < ntabledefs; i++) {
        if (!tabledef_check(&tabledefs[i], err))
            return false;
        if (tabledef_find(tabledefs[i].name) != &tabledefs[i])
            return bad(err, &tabledefs[i], "a second table of this name", tabledefs[i].name);
    }
    return true;
}

/* ---- --list-tables -------------------------------------------------------------------------- */

static const char *s(const char *v) { return v ? v : ""; }

/* The publications of mask in, "report,brief". */
static void list_pubs(FILE *f, unsigned in)
{
    static const char *const pubs[] = {"report", "brief", "brief_summary", "brief_totals"};
    for (int i = 0, n = 0; i < 4; i++)
        if (in & (1u << i))
            fprintf(f, "%s%s", n++ ? "," : "", pubs[i]);
}

static void list_table(FILE *f, const struct tabledef *d)
{
    static const char *const roles[] = {"dimension", "label", "key", "count",
                                        "share", "rate", "number"};
    static const char *const kinds[] = {"add", "nonadd", "partial"};
    static const char *const rows[] = {"count", "text", "files", "derived"};
    fprintf(f, "%s\t\ttable\t\t\t\t\t\t\t\t\t", d->name);
    list_pubs(f, d->in);
    fprintf(f, "%s%s\n", d->country_rows ? ",country_rows" : "", d->full_only ? ",full_only" : "");
    for (int c = 0; c < d->ncols; c++) {
        const struct coldef *cd = &d->cols[c];
        bool dim = cd->role == ROLE_DIM && cd->key;
        fprintf(f, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t", d->name, cd->name,
                roles[cd->role], tabledef_values_name(cd->values), s(cd->key),
                dim ? kinds[cd->kind] : "", s(cd->omit), s(cd->measure), s(cd->extra),
                s(cd->from));
        fprintf(f, "%s%s%s%s%s\n", cd->known ? "known" : "", cd->foreign ? "foreign" : "",
                cd->total ? "total" : "", cd->sep ? "joined=" : "", s(cd->sep));
    }
    for (int r = 0; r < d->nrows; r++) {
        const struct rowdef *rd = &d->rows[r];
        fprintf(f, "%s\t%s\trow\t\t\t%s\t\t%s\t", d->name, rd->name, rows[rd->kind],
                s(rd->measure));
        for (int i = 0; i < 3 && rd->dims[i]; i++)
            fprintf(f, "%s%s", i ? "|" : "", rd->dims[i]);
        fprintf(f, "\t%s\t\t", s(rd->from));
        list_pubs(f, rd->in);
        fprintf(f, "%s\n", rd->alone ? ",alone" : "");
    }
    for (int k = 0; k < 2; k++) {
        const struct sumdef *sd = k ? d->sums_of_rows : d->row_sums;
        for (int i = 0; i < (k ? d->nsums_of_rows : d->nrow_sums); i++) {
            fprintf(f, "%s\t%s\t%s\t\t\t\t\t\t%s\t\t", d->name, sd[i].total,
                    k ? "sum_of_rows" : "sum_in_row", s(sd[i].rest));
            for (int p = 0; p < 4 && sd[i].parts[p]; p++)
                fprintf(f, "%s%s", p ? "+" : "", sd[i].parts[p]);
            fputs("\t\n", f);
        }
    }
}

void tabledefs_list(FILE *f)
{
    fputs("table\tcolumn\trole\tvalues\tkey\tkind\tomit\tmeasure\textra\tfrom\tparts\tflags\n", f);
    for (size_t i = 0; i < ntabledefs; i++)
        list_table(f, &tabledefs[i]);
}
