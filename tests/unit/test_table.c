/* test_table.c: sorting (counts, then the tie-break key; public mode's by what is printed) and
 * CSV quoting. */
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "render/render_csv.h"
#include "count/table.h"

void suite_table(void)
{
    const char *cols[] = {"name", "n"};
    struct table *t = table_new("t", 2, cols);
    const char *names[] = {"b", "a, with comma", "c \"q\"", " lead", "d"};
    const unsigned long long n[] = {2, 5, 2, 0, 5};
    const char *keys[] = {"b", "a", "c", "0", "d"};
    for (int i = 0; i < 5; i++) {
        size_t r = table_row(t, keys[i]);
        table_text(t, r, 0, names[i]);
        table_int(t, r, 1, n[i]);
    }
    size_t r = table_row(t, "z");
    table_real(t, r, 1, 0.123456, 4);
    table_sort(t, 1, -1);
    char *out;
    size_t len;
    FILE *f = open_memstream(&out, &len);
    csv_write_table(f, t);
    fclose(f);
    CHECK_STR(out, "name,n\n\"a, with comma\",5\nd,5\nb,2\n\"c \"\"q\"\"\",2\n\" lead\",0\n,0.1235\n");
    free(out);
    CHECK(!t->oom);
    table_free(t);
    CHECK(table_new("too wide", TABLE_MAX_COLS + 1, cols) == NULL);

    /* Public mode's order: by what is printed. Zambia (2) and Angola (1) both print <3 and
     * are ordered by name; a hidden x (9) is no higher than <3; shown 4 first, zero last;
     * the total, added after the sort, stays last. */
    t = table_new("t", 2, cols);
    const char *countries[] = {"Zambia", "Angola", "Peru", "Chile", "Bolivia"};
    const unsigned long long v[] = {2, 1, 4, 9, 0};
    const int hid[] = {1, 1, 0, 2, 0};
    for (int i = 0; i < 5; i++) {
        r = table_row(t, countries[i]);
        table_text(t, r, 0, countries[i]);
        table_int(t, r, 1, v[i]);
    }
    table_sort(t, 1, -1);
    CHECK_STR(table_cell_text(t, table_cell(t, 0, 0)), "Chile"); /* full mode: the counts */
    CHECK_STR(table_cell_text(t, table_cell(t, 2, 0)), "Zambia");
    r = table_row(t, "total");
    table_text(t, r, 0, "total");
    table_int(t, r, 1, 16);
    for (size_t i = 0; i < 5; i++)
        for (int k = 0; k < 5; k++)
            if (!strcmp(table_cell_text(t, table_cell(t, i, 0)), countries[k]))
                table_hide(t, i, 1, hid[k]);
    table_sort_printed(t);
    const char *printed[] = {"Peru", "Angola", "Chile", "Zambia", "Bolivia", "total"};
    for (size_t i = 0; i < 6; i++)
        CHECK_STR(table_cell_text(t, table_cell(t, i, 0)), printed[i]);
    CHECK(!t->oom);
    table_free(t);

    /* A table built anew with no sort keys (the merged routes): equal marks by their words;
     * the row after the n sorted ones (an "other" route) stays last. */
    t = table_new("t", 2, cols);
    const char *routes[] = {"Puno", "Cusco", "Arequipa", "other"};
    for (int i = 0; i < 4; i++) {
        r = table_row(t, NULL);
        table_text(t, r, 0, routes[i]);
        table_int(t, r, 1, (unsigned long long)(i == 3 ? 9 : 2 - i / 2));
        table_hide(t, r, 1, i < 3);
    }
    table_sort_printed_rows(t, 3, 1, -1);
    const char *by_name[] = {"Arequipa", "Cusco", "Puno", "other"};
    for (size_t i = 0; i < 4; i++)
        CHECK_STR(table_cell_text(t, table_cell(t, i, 0)), by_name[i]);
    table_free(t);
}
