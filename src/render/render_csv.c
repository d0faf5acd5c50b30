/* render_csv.c: CSV writing: quoted only where needed, numbers as plain digits. */
#include "render/render_csv.h"

#include <string.h>

/* Every text cell: a value that a spreadsheet would run as a formula (=, +, -, @, a tab or a
 * carriage return first) gets a leading apostrophe. Input reaches the CSVs as headers, file
 * names and values (=case_id, =HYPERLINK(...)); no text of tipreport's own starts so. */
static void field(FILE *f, const char *s)
{
    size_t n = strlen(s);
    bool quote = n && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ');
    bool apostrophe = n && strchr("=+-@\t\r", s[0]);
    if (!quote) {
        if (apostrophe)
            putc('\'', f);
        fputs(s, f);
        return;
    }
    putc('"', f);
    if (apostrophe)
        putc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            putc('"', f);
        putc(*s, f);
    }
    putc('"', f);
}

/* What a hidden cell says and why: "<3" primary, "x" secondary or computed from a hidden
 * count (public mode). */
static const char *const reasons[] = {"", "primary", "secondary", "unknown", "derived"};

void csv_write_table(FILE *f, const struct table *t)
{
    for (int c = 0; c < t->ncols; c++) {
        if (c)
            putc(',', f);
        field(f, t->cols[c]);
    }
    if (t->public_k)
        fputs(",suppressed", f);
    putc('\n', f);
    for (size_t r = 0; r < t->nrows; r++) {
        char why[256] = "";
        size_t w = 0;
        for (int c = 0; c < t->ncols; c++) {
            if (c)
                putc(',', f);
            const struct cell *cl = table_cell(t, r, c);
            if (cl->hidden && cl->hidden < sizeof reasons / sizeof *reasons) {
                if (cl->hidden == 1)
                    fprintf(f, "<%d", t->public_k);
                else
                    putc('x', f);
                if (w < sizeof why)
                    w += (size_t)snprintf(why + w, sizeof why - w, "%s%s=%s", w ? ";" : "",
                                          t->cols[c], reasons[cl->hidden]);
                continue;
            }
            switch (cl->kind) {
            case CELL_EMPTY:
                break;
            case CELL_TEXT:
                field(f, table_cell_text(t, cl));
                break;
            case CELL_INT:
                fprintf(f, "%llu", (unsigned long long)cl->v.i);
                break;
            case CELL_REAL:
                fprintf(f, "%.*f", cl->decimals, cl->v.r);
                break;
            }
        }
        if (t->public_k) {
            putc(',', f);
            field(f, why);
        }
        putc('\n', f);
    }
}

void csv_write_quality(FILE *f, const struct quality *dq)
{
    fputs("file,line,field,value,problem,action\n", f);
    for (size_t i = 0; i < dq->nentries; i++) {
        const struct dq_entry *e = &dq->entries[i];
        field(f, dq_file_name(dq, e->file));
        fprintf(f, ",%ld,", e->line);
        field(f, e->field >= 0 ? fields[e->field].name : "");
        putc(',', f);
        field(f, dq_quote(dq, e));
        putc(',', f);
        field(f, dq_problem(dq, e));
        putc(',', f);
        fputs(dq_action_name(e->action), f);
        putc('\n', f);
    }
}
