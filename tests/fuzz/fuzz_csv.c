/* fuzz_csv.c: the CSV reader (encodings, delimiters, quotes, line counting) on any bytes. */
#include <stdlib.h>

#include "read/csvfile.h"
#include "fuzz_input.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".csv");
    if (!path)
        return 0;
    struct tp_error err = {0};
    struct csvfile *f = csvfile_open(path, "fuzz.csv", &err);
    if (!f)
        return 0;
    const struct csv_row *row;
    long last = 0;
    while (csvfile_next(f, &row, &err) == 1) {
        /* Records come in order of their first line, and every field is within reach. */
        if (row->line < last)
            abort();
        last = row->line;
        for (size_t i = 0; i < row->nfields && i < 64; i++)
            if (row->len[i] && !row->field[i])
                abort();
    }
    csvfile_close(f);
    return 0;
}
