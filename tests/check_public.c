/* check_public.c: reads the CSV tables public runs printed, as a reader would, and proves
 * (by linear programming over every sum among them) that no hidden count can be worked out.
 * Usage: check_public K [RR:]DIR/tables ...: one publication, or several read together (a
 * report and briefs, RR the brief's region code: its counts are that region's part of the
 * report's). Prints what can be worked out and the verdict; exit 0 safe, 1 something can be
 * worked out or a count below K is shown, 2 cannot read. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/tabledef.h"
#include "protect/links.h"
#include "protect/protect.h"

/* Whether column col of table `table` holds counts of people or cases (its definition's). */
static bool count_column(const char *table, const char *col)
{
    const struct tabledef *d = tabledef_find(table);
    const struct coldef *cd = d ? tabledef_coldef(d, col) : NULL;
    return cd && cd->role == ROLE_COUNT;
}

/* Whether row r of t counts rows of files, not people (the summary's rows_*, warnings). */
static bool files_row(const struct table *t, size_t r)
{
    const struct tabledef *d = tabledef_find(t->name);
    const struct rowdef *rd =
        d && d->rows ? tabledef_row(d, table_cell_text(t, table_cell(t, r, 0))) : NULL;
    return rd && rd->kind == ROW_FILES;
}

/* One CSV line into fields (quotes as RFC 4180; no newlines inside fields in our tables). */
static int split(char *line, char **f, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        f[n++] = p;
        if (*p == '"') {
            char *w = p;
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
            *w = '\0';
            f[n - 1] = out;
            if (*p == ',')
                p++;
            else
                break;
            continue;
        }
        char *c = strchr(p, ',');
        if (!c)
            break;
        *c = '\0';
        p = c + 1;
    }
    return n;
}

/* Tables borrow their column names: one copy of each, for the whole run. */
static char *colnames[256];
static int ncolnames;

static const char *column_name(const char *s)
{
    for (int i = 0; i < ncolnames; i++)
        if (!strcmp(colnames[i], s))
            return colnames[i];
    if (ncolnames == 256)
        return "?";
    return colnames[ncolnames++] = strdup(s);
}

static struct table *read_table(const char *path, const char *name, int k, long *small)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return NULL;
    char line[8192], *fld[TABLE_MAX_COLS + 2];
    if (!fgets(line, sizeof line, f)) {
        fclose(f);
        return NULL;
    }
    line[strcspn(line, "\r\n")] = '\0';
    int nc = split(line, fld, TABLE_MAX_COLS + 1);
    if (nc < 2 || strcmp(fld[nc - 1], "suppressed") != 0) { /* not a public table */
        fclose(f);
        return NULL;
    }
    nc--;
    const char *cols[TABLE_MAX_COLS];
    for (int c = 0; c < nc; c++)
        cols[c] = column_name(fld[c]);
    struct table *t = table_new(name, nc, cols);
    while (t && fgets(line, sizeof line, f)) {
        line[strcspn(line, "\r\n")] = '\0';
        int n = split(line, fld, TABLE_MAX_COLS + 1);
        size_t r = table_row(t, NULL);
        for (int c = 0; c < nc && c < n; c++) {
            const char *v = fld[c];
            char *end;
            if (v[0] == '<') {
                table_int(t, r, c, 0);
                table_hide(t, r, c, SDC_PRIMARY);
            } else if (!strcmp(v, "x")) {
                table_int(t, r, c, 0);
                table_hide(t, r, c, SDC_SECONDARY);
            } else if (v[0] && strspn(v, "0123456789") == strlen(v) &&
                       count_column(name, cols[c])) {
                unsigned long long x = strtoull(v, &end, 10);
                table_int(t, r, c, x);
                /* A count from 1 to k-1 must never be printed. Counts of rows of files (the
                 * summary's rows_* and warnings) are not counts of people. */
                if (x >= 1 && x < (unsigned long long)k && !files_row(t, r)) {
                    fprintf(stderr, "%s: row %zu: %s = %llu is below %d and shown\n", name,
                            r + 2, cols[c], x, k);
                    (*small)++;
                }
            } else if (v[0] && strchr(v, '.') && strtod(v, &end) >= 0 && !*end) {
                table_real(t, r, c, strtod(v, NULL), 4);
            } else {
                table_text(t, r, c, v);
            }
        }
    }
    fclose(f);
    return t;
}

/* One publication: a report's tables (region 0 and no routes_region) or a brief's. */
struct pub {
    int region; /* -1: a report; else the brief's region code (0: not given, read alone) */
    struct tableset ts, routes;
};

static bool read_dir(const char *arg, int k, long *small, struct pub *pb)
{
    const char *dir = arg, *colon = strchr(arg, ':');
    pb->region = -1;
    if (colon && colon - arg == 2) {
        pb->region = atoi(arg);
        dir = colon + 1;
    }
    DIR *d = opendir(dir);
    if (!d) {
        perror(dir);
        return false;
    }
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".csv"))
            continue;
        char path[4096], name[128];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        snprintf(name, sizeof name, "%.*s", (int)(len - 4), e->d_name);
        struct table *t = read_table(path, name, k, small);
        if (t)
            tableset_add(strcmp(name, "routes_region") ? &pb->ts : &pb->routes, t);
    }
    closedir(d);
    if (pb->routes.n && pb->region < 0)
        pb->region = 0; /* a brief read alone */
    /* readdir's order is the file system's: by name, so that the keys come in one order. */
    for (size_t i = 1; i < pb->ts.n; i++)
        for (size_t j = i; j > 0 && strcmp(pb->ts.t[j]->name, pb->ts.t[j - 1]->name) < 0; j--) {
            struct table *tmp = pb->ts.t[j];
            pb->ts.t[j] = pb->ts.t[j - 1];
            pb->ts.t[j - 1] = tmp;
        }
    return true;
}

/* The rows and columns of t, without its counts: the shape of a table no one printed. */
static struct table *shape_of(const struct table *t)
{
    struct table *c = table_new(t->name, t->ncols, t->cols);
    for (size_t r = 0; c && r < t->nrows; r++) {
        size_t n = table_row(c, NULL);
        for (int col = 0; col < t->ncols; col++) {
            const struct cell *cl = table_cell(t, r, col);
            if (cl->kind == CELL_TEXT)
                table_text(c, n, col, table_cell_text(t, cl));
            else if (cl->kind == CELL_INT)
                table_int(c, n, col, 0);
        }
    }
    return c;
}

int main(int argc, char **argv)
{
    /* --cities: a reader who assumes each city lies in its cases' region (public mode
     * protects so where the counts allow it; the documents do not promise it). */
    bool cities = argc > 1 && !strcmp(argv[1], "--cities");
    argv += cities;
    argc -= cities;
    if (argc < 3) {
        fprintf(stderr, "usage: check_public [--cities] K [RR:]DIR/tables ...\n");
        return 2;
    }
    int k = atoi(argv[1]);
    int npub = argc - 2;
    struct pub *pubs = calloc((size_t)npub, sizeof *pubs);
    long small = 0;
    size_t tables = 0;
    bool ok = pubs != NULL;
    for (int i = 0; ok && i < npub; i++) {
        ok = read_dir(argv[i + 2], k, &small, &pubs[i]);
        tables += ok ? pubs[i].ts.n + pubs[i].routes.n : 0;
    }
    struct protection *p = protect_published(k);
    struct tp_error err = {0};
    ok = ok && p;
    if (p)
        protect_assume_cities(p, cities);
    for (int i = 0; ok && i < npub; i++) {
        char scope[32] = "", touching[32] = "touching=brief";
        if (pubs[i].region > 0) {
            snprintf(scope, sizeof scope, "region=%02d", pubs[i].region);
            snprintf(touching, sizeof touching, "touching=%02d", pubs[i].region);
        }
        ok = protect_tables(p, &pubs[i].ts, scope, true, &err) &&
             protect_tables(p, &pubs[i].routes, touching, true, &err);
    }
    /* Read together with briefs, a report's counts are the sum of the regions': what no brief
     * printed of a region (all of the unknown region's) is its part, unknown to a reader, in
     * the shape of the briefs' tables. */
    struct tableset shapes = {0};
    bool briefs = false;
    for (int i = 0; i < npub; i++)
        briefs |= pubs[i].region > 0;
    for (int g = 0; ok && briefs && g <= 25; g++) {
        const struct pub *own = NULL;
        for (int i = 0; i < npub; i++)
            if (pubs[i].region == g && g > 0)
                own = &pubs[i];
        struct tableset missing = {0};
        for (int i = 0; i < npub; i++) {
            if (pubs[i].region <= 0)
                continue;
            for (size_t t = 0; t < pubs[i].ts.n; t++) {
                const char *name = pubs[i].ts.t[t]->name;
                const struct table *mine = own ? tableset_find(&own->ts, name) : NULL;
                /* A brief of too few cases prints its summary's totals alone. */
                bool have = (mine && mine->nrows >= pubs[i].ts.t[t]->nrows) ||
                            tableset_find(&missing, name);
                if (!have)
                    tableset_add(&missing, shape_of(pubs[i].ts.t[t]));
            }
        }
        char scope[32];
        snprintf(scope, sizeof scope, "region=%02d", g);
        ok = protect_tables(p, &missing, scope, false, &err);
        for (size_t t = 0; t < missing.n; t++)
            tableset_add(&shapes, missing.t[t]);
        free(missing.t);
    }
    if (ok)
        ok = links_add(p, &err);
    if (ok && briefs)
        ok = protect_link_regions(p, &err);
    if (!ok) {
        fprintf(stderr, "check_public: %s\n", p && err.msg[0] ? err.msg : "cannot read");
        return 2;
    }
    long r = protect_check(p);
    if (r)
        protect_explain(p, stdout);
    printf("%zu public tables, %ld hidden counts that can be worked out, %ld small counts shown\n",
           tables, r, small);
    protect_free(p);
    for (int i = 0; i < npub; i++) {
        tableset_free(&pubs[i].ts);
        tableset_free(&pubs[i].routes);
    }
    free(pubs);
    tableset_free(&shapes);
    for (int i = 0; i < ncolnames; i++)
        free(colnames[i]);
    return r == 0 && small == 0 ? 0 : r < 0 ? 2 : 1;
}
