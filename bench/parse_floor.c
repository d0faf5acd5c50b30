/* parse_floor.c: the floor under tipreport's time: libcsv alone parsing the export's files
 * (read in 1 MB blocks, every field and row counted, nothing kept), one file after the other.
 * Usage: parse_floor FILE... ; prints rows and fields per file. */
#include <csv.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

struct counts {
    unsigned long fields, rows, bytes;
};

static void on_field(void *s, size_t len, void *data)
{
    (void)s;
    struct counts *c = data;
    c->fields++;
    c->bytes += len;
}

static void on_row(int term, void *data)
{
    (void)term;
    ((struct counts *)data)->rows++;
}

int main(int argc, char **argv)
{
    static char block[1 << 20];
    for (int i = 1; i < argc; i++) {
        struct csv_parser p;
        struct counts c = {0, 0, 0};
        int fd = open(argv[i], O_RDONLY);
        if (fd < 0 || csv_init(&p, 0) != 0) {
            perror(argv[i]);
            return 2;
        }
        ssize_t n;
        while ((n = read(fd, block, sizeof block)) > 0)
            if (csv_parse(&p, block, (size_t)n, on_field, on_row, &c) != (size_t)n) {
                fprintf(stderr, "%s: %s\n", argv[i], csv_strerror(csv_error(&p)));
                return 1;
            }
        csv_fini(&p, on_field, on_row, &c);
        csv_free(&p);
        close(fd);
        printf("%s: %lu rows, %lu fields, %lu bytes of values\n", argv[i], c.rows, c.fields,
               c.bytes);
    }
    return 0;
}
