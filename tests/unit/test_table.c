/* test_table.c: sorting (counts, then the tie-break key) and CSV quoting. */
#include <stdlib.h>

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
}
