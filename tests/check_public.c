/* check_public.c: reads the CSV tables a public run printed, as a reader would, and proves
 * (by linear programming over every sum among them) that no hidden count can be worked out.
 * Usage: check_public K DIR/tables. Prints one line per table and the verdict; exit 0 safe,
 * 1 something can be worked out or a count below K is shown, 2 cannot read. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "protect.h"

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
    static char names[64][TABLE_MAX_COLS][64];
    static int used;
    const char *cols[TABLE_MAX_COLS];
    for (int c = 0; c < nc; c++) {
        snprintf(names[used % 64][c], sizeof names[0][0], "%s", fld[c]);
        cols[c] = names[used % 64][c];
    }
    used++;
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
                       protect_count_column(name, cols[c])) {
                unsigned long long x = strtoull(v, &end, 10);
                table_int(t, r, c, x);
                /* A count from 1 to k-1 must never be printed. Counts of rows of files (the
                 * summary's rows_* and warnings) are not counts of people. */
                const char *metric = table_cell_text(t, table_cell(t, r, 0));
                bool rows = !strcmp(name, "summary") &&
                            (!strncmp(metric, "rows_", 5) || !strcmp(metric, "warnings"));
                if (x >= 1 && x < (unsigned long long)k && !rows) {
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: check_public K DIR/tables\n");
        return 2;
    }
    int k = atoi(argv[1]);
    DIR *d = opendir(argv[2]);
    if (!d) {
        perror(argv[2]);
        return 2;
    }
    struct tableset ts = {0};
    struct dirent *e;
    char *names[128];
    int nn = 0;
    while ((e = readdir(d)) && nn < 128)
        if (strstr(e->d_name, ".csv"))
            names[nn++] = strdup(e->d_name);
    closedir(d);
    long small = 0;
    int tables = 0;
    for (int i = 0; i < nn; i++) {
        char path[2048], name[128];
        snprintf(path, sizeof path, "%s/%s", argv[2], names[i]);
        snprintf(name, sizeof name, "%.*s", (int)(strlen(names[i]) - 4), names[i]);
        struct table *t = read_table(path, name, k, &small);
        if (t) {
            tables++;
            tableset_add(&ts, t);
        }
        free(names[i]);
    }
    struct protection *p = protect_published(k);
    struct tp_error err = {0};
    if (!p || !protect_tables(p, &ts, "", &err)) {
        fprintf(stderr, "check_public: %s\n", err.msg);
        return 2;
    }
    long r = protect_check(p);
    if (r)
        protect_explain(p, stdout);
    printf("%d public tables, %ld hidden counts that can be worked out, %ld small counts shown\n",
           tables, r, small);
    protect_free(p);
    tableset_free(&ts);
    return r == 0 && small == 0 ? 0 : r < 0 ? 2 : 1;
}
