/* test_csvfile.c: physical line numbers, delimiters, encodings, broken quotes. */
#include <stdlib.h>

#include "check.h"
#include "read/csvfile.h"

/* Reads every record of text; returns "line:field|field;line:..." and the stats. */
static const char *read_all(const char *text, size_t len, struct csv_stats *st)
{
    static char out[4096];
    struct tp_error err;
    struct csvfile *f = csvfile_open(check_tempfile(text, len), "t.csv", &err);
    if (!f) {
        char msg[1000];
        tp_error_format(&err, msg, sizeof msg);
        snprintf(out, sizeof out, "ERROR %s", msg);
        return out;
    }
    out[0] = '\0';
    const struct csv_row *r;
    int k;
    while ((k = csvfile_next(f, &r, &err)) == 1) {
        size_t n = strlen(out);
        snprintf(out + n, sizeof out - n, "%s%ld%s:", n ? ";" : "", r->line,
                 r->problem == ROW_OK ? "" : r->problem == ROW_BAD_QUOTES ? "!quotes"
                                         : r->problem == ROW_UNTERMINATED ? "!open"
                                         : r->problem == ROW_BAD_BYTES    ? "!bytes"
                                                                          : "!nul");
        for (size_t i = 0; i < r->nfields; i++) {
            n = strlen(out);
            snprintf(out + n, sizeof out - n, "%s%s", i ? "|" : "", r->field[i]);
        }
    }
    if (st)
        *st = *csvfile_stats(f);
    csvfile_close(f);
    return out;
}

void suite_csvfile(void)
{
    struct csv_stats st;
    /* A quoted field spanning lines, CRLF, blank and space-only lines. */
    const char *t1 = "a,b,c\r\n1,\"two\r\nlines\",3\r\n\r\n  \r\n4,5,6\r\n";
    CHECK_STR(read_all(t1, strlen(t1), &st), "1:a|b|c;2:1|two\r\nlines|3;6:4|5|6");
    CHECK_INT(st.lines, 6);
    CHECK_INT(st.delim, ',');
    /* Old Mac line ends, no newline at the end. */
    CHECK_STR(read_all("a,b\r1,2\r3,4", 11, NULL), "1:a|b;2:1|2;3:3|4");
    /* Excel's sep= line names the delimiter and is not a record. */
    CHECK_STR(read_all("sep=;\na;b\n1;2,5\n", 16, &st), "2:a|b;3:1|2,5");
    CHECK_INT(st.delim, ';');
    CHECK(st.sep_line);
    CHECK_STR(read_all("a;b;c\n1;2,5;3\n", 14, &st), "1:a|b|c;2:1|2,5|3");
    CHECK_INT(st.delim, ';');
    CHECK_STR(read_all("a\tb\n1\t2\n", 8, &st), "1:a|b;2:1|2");
    CHECK_INT(st.delim, '\t');
    /* Byte-order mark; Windows-1252 detected and converted. */
    CHECK_STR(read_all("\xef\xbb\xbfid,x\n1,\xc3\xa9\n", 13, &st), "1:id|x;2:1|é");
    CHECK_INT(st.charset, CHARSET_UTF8_BOM);
    CHECK_STR(read_all("id;x\n1;Jun\xedn\n", 12, &st), "1:id|x;2:1|Junín");
    CHECK_INT(st.charset, CHARSET_CP1252);
    CHECK_STR(read_all("id;x\n1;\x81\n", 9, &st), "1:id|x;2!bytes:1|\x81");
    /* UTF-16 and binary files are refused. */
    CHECK_STR(read_all("\xff\xfei\0d\0", 6, NULL),
              "ERROR t.csv: is UTF-16 text: save it as CSV UTF-8 or as plain CSV (Windows-1252)");
    CHECK_STR(read_all("id\0x\n", 5, NULL),
              "ERROR t.csv: holds NUL bytes: it is not a text CSV file (UTF-16 or a spreadsheet?)");
    /* A closing quote followed by text drops that record only; a stray quote in an unquoted
     * field is kept as text. */
    const char *t2 = "a,b\n\"x\"y,2\n3,4\n5,ab\"c\n";
    CHECK_STR(read_all(t2, strlen(t2), NULL), "1:a|b;2!quotes:;3:3|4;4:5|ab\"c");
    /* A quote never closed: the rest of the file is one record, flagged. */
    const char *t3 = "a,b\n1,\"open\n2,3\n";
    CHECK_STR(read_all(t3, strlen(t3), NULL), "1:a|b;2!open:1");
    /* A file that is ASCII in its first megabyte, then UTF-8, then one Windows-1252 field. */
    size_t big = (1u << 20) + 100;
    char *t4 = malloc(big + 64);
    memcpy(t4, "a,b\n", 4);
    for (size_t i = 4; i < big; i += 4)
        memcpy(t4 + i, "1,2\n", 4);
    size_t n = big;
    n += (size_t)sprintf(t4 + n, "\xc3\xa9,x\n\xe9,y\n");
    memcpy(t4 + n, "a\0b,z\n", 6); /* a NUL after the first megabyte: that row only */
    n += 6;
    struct tp_error e4;
    struct csvfile *f4 = csvfile_open(check_tempfile(t4, n), "t.csv", &e4);
    const struct csv_row *r4;
    char tail[2][16] = {"", ""};
    int nul_rows = 0;
    while (csvfile_next(f4, &r4, &e4) == 1) {
        if (r4->problem == ROW_NUL) {
            nul_rows++;
            continue;
        }
        snprintf(tail[0], sizeof tail[0], "%s", tail[1]);
        snprintf(tail[1], sizeof tail[1], "%s|%s", r4->field[0], r4->field[1]);
    }
    CHECK_INT(nul_rows, 1);
    CHECK_STR(tail[0], "é|x");
    CHECK_STR(tail[1], "é|y");
    CHECK_INT(csvfile_stats(f4)->charset, CHARSET_UTF8);
    CHECK_INT(csvfile_stats(f4)->recoded_fields, 1);
    csvfile_close(f4);
    free(t4);
    /* Kept columns only; content beyond the mask is reported. */
    struct tp_error err;
    struct csvfile *f = csvfile_open(check_tempfile("a,b,c\n1,2,3\n4,5,\n", 17), "t.csv", &err);
    const struct csv_row *r;
    CHECK_INT(csvfile_next(f, &r, &err), 1);
    bool keep[2] = {true, false};
    CHECK(csvfile_keep(f, keep, 2));
    CHECK_INT(csvfile_next(f, &r, &err), 1);
    CHECK_STR(r->field[0], "1");
    CHECK_STR(r->field[1], "");
    CHECK(r->overflow);
    CHECK_INT(csvfile_next(f, &r, &err), 1);
    CHECK(!r->overflow);
    CHECK_INT(csvfile_next(f, &r, &err), 0);
    csvfile_close(f);
    CHECK(!csvfile_open("/nonexistent/x.csv", "x.csv", &err));
    CHECK_STR(err.msg, "cannot open: No such file or directory");
    CHECK(!csvfile_open("/tmp", "tmp", &err));
    CHECK_STR(err.msg, "is a folder, not a CSV file");
}
