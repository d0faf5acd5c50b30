/* test_rowqueue.c: rows through the reading thread arrive whole and in order; stopping early
 * neither hangs nor leaks (ASan runs this too). */
#include <stdlib.h>

#include "check.h"
#include "read/rowqueue.h"

void suite_rowqueue(void)
{
    /* Many batches, with a quoted line break to keep line numbers honest. */
    size_t cap = 1 << 20, n = 0;
    char *text = malloc(cap);
    n += (size_t)sprintf(text, "id,note\n");
    for (int i = 1; i <= 30000; i++) /* more than the queue holds */
        n += (size_t)sprintf(text + n, i == 5000 ? "%d,\"two\nlines\"\n" : "%d,x\n", i);
    const char *path = check_tempfile(text, n);
    struct tp_error err;
    struct csvfile *f = csvfile_open(path, "t.csv", &err);
    const struct csv_row *row;
    CHECK_INT(csvfile_next(f, &row, &err), 1); /* the header, read directly */
    struct rowqueue *q = rowqueue_start(f, &err);
    CHECK(q != NULL);
    int rows = 0, wrong = 0;
    while (rowqueue_next(q, &row, &err) == 1) {
        rows++;
        long want_line = rows < 5000 ? rows + 1 : rows + 1 + (rows > 5000);
        wrong += atoi(row->field[0]) != rows || row->line != want_line;
        if (rows == 5000)
            CHECK_STR(row->field[1], "two\nlines");
        if (rows == 9000) {
            const struct csv_row *ahead = rowqueue_peek(q, 1);
            if (ahead)
                CHECK_STR(ahead->field[0], "9001");
        }
    }
    CHECK_INT(rows, 30000);
    CHECK_INT(wrong, 0);
    CHECK_INT(rowqueue_next(q, &row, &err), 0); /* the end stays the end */
    rowqueue_stop(q);
    csvfile_close(f);

    /* Stop after one row of a file far larger than the queue holds. */
    f = csvfile_open(path, "t.csv", &err);
    csvfile_next(f, &row, &err);
    q = rowqueue_start(f, &err);
    CHECK_INT(rowqueue_next(q, &row, &err), 1);
    CHECK_STR(row->field[0], "1");
    rowqueue_stop(q);
    csvfile_close(f);
    rowqueue_stop(NULL);
    free(text);
}
