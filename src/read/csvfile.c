/* csvfile.c: libcsv fed one physical line at a time, so each record knows its first line. */
#include "read/csvfile.h"

#include <csv.h>
#include <nettle/sha2.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/buf.h"
#include "util/grow.h"

#define CHUNK ((size_t)1 << 20)
#define FEED_PIECE ((size_t)1 << 20) /* bytes given to libcsv at once */
#define FIELD_STEP ((size_t)1 << 16) /* libcsv's least growth of a field */

struct csvfile {
    int fd;
    char *name;
    struct csv_parser parser;
    bool parser_ready;

    char *data; /* read buffer: bytes [pos, len) not yet fed */
    size_t len, pos, cap;
    bool eof, finished;

    struct csv_stats stats;
    struct sha256_ctx sha; /* of every byte read, for the report's manifest */
    struct recoder *recoder;

    bool *keep; /* NULL: keep all */
    size_t nkeep;

    /* The record being parsed: field bytes in raw, each followed by a NUL. */
    struct buf raw;
    struct span {
        size_t off, len; /* in raw */
        size_t text;     /* in text, when decoded there; SIZE_MAX when the raw bytes stand */
    } *spans;
    size_t nfields, fields_cap;
    bool record_open;
    bool overflow;
    long record_line;

    /* The record handed out: decoded text in text, pointers into raw or text. */
    struct buf text;
    const char **out_field;
    size_t *out_len;
    size_t out_cap;
    struct csv_row row;
    bool row_ready;
    bool oom;

    csv_progress_fn progress;
    void *progress_ctx;
};

static void field_cb(void *s, size_t n, void *data)
{
    struct csvfile *f = data;
    if (f->oom)
        return;
    if (!grow((void **)&f->spans, &f->fields_cap, f->nfields, sizeof *f->spans, 32)) {
        f->oom = true;
        return;
    }
    size_t col = f->nfields++;
    bool keep = !f->keep || (col < f->nkeep && f->keep[col]);
    if (f->keep && col >= f->nkeep && n > 0)
        f->overflow = true;
    f->spans[col].off = f->raw.len;
    f->spans[col].len = keep ? n : 0;
    if (!buf_add(&f->raw, keep ? s : "", keep ? n : 0) || !buf_addc(&f->raw, '\0'))
        f->oom = true;
}

static void row_cb(int c, void *data)
{
    (void)c;
    struct csvfile *f = data;
    f->row_ready = true;
}

/* Adds n bytes just read to the file's hash; at the end, writes the hex digest. */
static void hash_read(struct csvfile *f, const char *data, size_t n)
{
    sha256_update(&f->sha, n, (const uint8_t *)data);
    if (!f->eof)
        return;
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&f->sha, sizeof d, d);
    for (size_t i = 0; i < sizeof d; i++)
        snprintf(f->stats.sha256 + 2 * i, 3, "%02x", d[i]);
}

/* Opens path: a regular file only (O_NONBLOCK: a pipe or device named like a CSV file must
 * not hang the open). False with err set otherwise. */
static bool open_regular(struct csvfile *f, const char *path, const char *name,
                         struct tp_error *err)
{
    struct stat st;
    f->fd = open(path, O_RDONLY | O_NONBLOCK);
    if (f->fd < 0 || fstat(f->fd, &st) != 0) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL, "cannot open: %s", strerror(errno));
        return false;
    }
    if (S_ISDIR(st.st_mode)) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL, "is a folder, not a CSV file");
        return false;
    }
    if (!S_ISREG(st.st_mode)) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL, "is not a file (a pipe or a device?)");
        return false;
    }
    if (fcntl(f->fd, F_SETFL, 0) != 0) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL, "cannot read: %s", strerror(errno));
        return false;
    }
    f->stats.size = st.st_size;
    return true;
}

/* The first chunk: byte-order mark, UTF-16, encoding evidence. False with err set when the
 * file cannot be read or is not text. */
static bool first_chunk(struct csvfile *f, const char *name, struct tp_error *err)
{
    ssize_t n;
    do
        n = read(f->fd, f->data, f->cap);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL, "cannot read: %s", strerror(errno));
        return false;
    }
    f->len = (size_t)n;
    f->stats.bytes = n;
    if ((size_t)n < f->cap)
        f->eof = true;
    sha256_init(&f->sha);
    hash_read(f, f->data, f->len);
    const unsigned char *u = (const unsigned char *)f->data;
    if (f->len >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL,
                "is UTF-16 text: save it as CSV UTF-8 or as plain CSV (Windows-1252)");
        return false;
    }
    if (f->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF) {
        f->pos = 3;
        f->stats.charset = CHARSET_UTF8_BOM;
    } else if (memchr(f->data, '\0', f->len)) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL,
                "holds NUL bytes: it is not a text CSV file (UTF-16 or a spreadsheet?)");
        return false;
    } else if (has_high_bytes(f->data, f->len)) {
        f->stats.charset =
            utf8_valid(f->data, f->len, !f->eof) ? CHARSET_UTF8 : CHARSET_CP1252;
    }
    if (f->stats.charset == CHARSET_CP1252 && looks_mac_roman(f->data, f->len)) {
        tp_fail(err, TP_ERR_INPUT, name, 0, NULL,
                "looks like Mac Roman text (Excel for Mac's \"CSV\"): save it as CSV UTF-8 "
                "or as Windows CSV (Windows-1252)");
        return false;
    }
    return true;
}

/* Excel's "sep=;" line names the delimiter; otherwise count candidates outside quotes on the
 * first non-blank line and take the most frequent (ties: ';' then ',' then tab). */
static void find_delimiter(struct csvfile *f)
{
    size_t p = f->pos;
    while (p < f->len && (f->data[p] == '\r' || f->data[p] == '\n'))
        p++;
    if (f->len - p >= 5 && strncmp(f->data + p, "sep=", 4) == 0 &&
        (p + 5 == f->len || f->data[p + 5] == '\r' || f->data[p + 5] == '\n')) {
        f->stats.delim = f->data[p + 4];
        f->stats.sep_line = true;
        /* Skip it: it is not a record. Lines before it still count. */
        size_t e = p + 5;
        if (e < f->len && f->data[e] == '\r')
            e++;
        if (e < f->len && f->data[e] == '\n')
            e++;
        for (size_t i = f->pos; i < e; i++)
            if (f->data[i] == '\n' || (f->data[i] == '\r' && (i + 1 >= e || f->data[i + 1] != '\n')))
                f->stats.lines++;
        f->pos = e;
        return;
    }
    size_t comma = 0, semi = 0, tab = 0;
    bool q = false;
    for (; p < f->len && (q || (f->data[p] != '\n' && f->data[p] != '\r')); p++) {
        char c = f->data[p];
        if (c == '"')
            q = !q;
        else if (!q && c == ',')
            comma++;
        else if (!q && c == ';')
            semi++;
        else if (!q && c == '\t')
            tab++;
    }
    f->stats.delim = semi >= comma && semi >= tab && semi ? ';' : comma >= tab && comma ? ',' : tab ? '\t' : ',';
}

struct csvfile *csvfile_open(const char *path, const char *name, struct tp_error *err)
{
    struct csvfile *f = calloc(1, sizeof *f);
    if (!f) {
        tp_fail(err, TP_ERR_NOMEM, name, 0, NULL, "out of memory");
        return NULL;
    }
    f->fd = -1;
    f->name = strdup(name);
    f->cap = CHUNK;
    f->data = malloc(f->cap + 1);
    f->recoder = recoder_new();
    if (!f->name || !f->data || !f->recoder) {
        tp_fail(err, TP_ERR_NOMEM, name, 0, NULL, "out of memory (or iconv lacks WINDOWS-1252)");
        goto fail;
    }
    if (!open_regular(f, path, name, err))
        goto fail;
    if (csv_init(&f->parser, CSV_STRICT | CSV_STRICT_FINI) != 0) {
        tp_fail(err, TP_ERR_NOMEM, name, 0, NULL, "out of memory");
        goto fail;
    }
    f->parser_ready = true;
    csv_set_blk_size(&f->parser, FIELD_STEP);
    if (!first_chunk(f, name, err))
        goto fail;
    find_delimiter(f);
    csv_set_delim(&f->parser, (unsigned char)f->stats.delim);
    return f;
fail:
    csvfile_close(f);
    return NULL;
}

void csvfile_close(struct csvfile *f)
{
    if (!f)
        return;
    if (f->fd >= 0)
        close(f->fd);
    if (f->parser_ready)
        csv_free(&f->parser);
    recoder_free(f->recoder);
    buf_free(&f->raw);
    buf_free(&f->text);
    free(f->spans);
    free(f->out_field);
    free(f->out_len);
    free(f->keep);
    free(f->data);
    free(f->name);
    free(f);
}

bool csvfile_keep(struct csvfile *f, const bool *keep, size_t n)
{
    bool *k = malloc(n ? n * sizeof *k : 1);
    if (!k)
        return false;
    if (n)
        memcpy(k, keep, n * sizeof *k);
    free(f->keep);
    f->keep = k;
    f->nkeep = n;
    return true;
}

void csvfile_progress(struct csvfile *f, csv_progress_fn fn, void *ctx)
{
    f->progress = fn;
    f->progress_ctx = ctx;
}

const struct csv_stats *csvfile_stats(const struct csvfile *f) { return &f->stats; }

/* Move unfed bytes to the front and read more; grows the buffer when a line fills it. */
static int refill(struct csvfile *f, struct tp_error *err)
{
    if (f->pos > 0) {
        memmove(f->data, f->data + f->pos, f->len - f->pos);
        f->len -= f->pos;
        f->pos = 0;
    }
    if (f->len == f->cap) {
        if (f->cap >= CSV_MAX_LINE) {
            tp_fail(err, TP_ERR_INPUT, f->name, f->stats.lines + 1, NULL,
                    "line longer than %zu MB: not a CSV export", CSV_MAX_LINE >> 20);
            return -1;
        }
        char *d = realloc(f->data, f->cap * 2 + 1);
        if (!d) {
            tp_fail(err, TP_ERR_NOMEM, f->name, f->stats.lines + 1, NULL, "out of memory");
            return -1;
        }
        f->data = d;
        f->cap *= 2;
    }
    ssize_t n;
    do
        n = read(f->fd, f->data + f->len, f->cap - f->len);
    while (n < 0 && errno == EINTR);
    if (n < 0) {
        tp_fail(err, TP_ERR_INPUT, f->name, f->stats.lines + 1, NULL, "cannot read: %s",
                strerror(errno));
        return -1;
    }
    if (n == 0)
        f->eof = true;
    hash_read(f, f->data + f->len, (size_t)n);
    f->len += (size_t)n;
    f->stats.bytes += n;
    if (f->progress)
        f->progress(f->progress_ctx, f->name, f->stats.bytes, f->stats.size);
    return 0;
}

/* Decode the finished record's kept fields to UTF-8 and fill f->row. ASCII and valid UTF-8
 * fields stay in raw; Windows-1252 ones are converted into text; either loses its invisible
 * characters (strip_invisible). Pointers are taken only at the end, once text has stopped
 * growing. */
static bool finish_row(struct csvfile *f)
{
    if (f->nfields > f->out_cap) {
        size_t cap = f->nfields;
        const char **o = realloc(f->out_field, cap * sizeof *o);
        if (o)
            f->out_field = o;
        size_t *l = realloc(f->out_len, cap * sizeof *l);
        if (l)
            f->out_len = l;
        if (!o || !l)
            return false;
        f->out_cap = cap;
    }
    buf_clear(&f->text);
    f->row.problem = ROW_OK;
    f->row.problem_column = 0;
    for (size_t i = 0; i < f->nfields; i++) {
        struct span *sp = &f->spans[i];
        const char *s = f->raw.p + sp->off;
        sp->text = SIZE_MAX;
        f->out_len[i] = sp->len;
        if (sp->len == 0 || f->row.problem != ROW_OK)
            continue;
        if (memchr(s, '\0', sp->len)) {
            f->row.problem = ROW_NUL;
            f->row.problem_column = i;
            continue;
        }
        if (!has_high_bytes(s, sp->len))
            continue;
        if (f->stats.charset != CHARSET_CP1252) {
            if (utf8_valid(s, sp->len, false)) {
                if (f->stats.charset == CHARSET_ASCII)
                    f->stats.charset = CHARSET_UTF8;
                f->out_len[i] = strip_invisible(f->raw.p + sp->off, sp->len);
                continue;
            }
            /* The first non-ASCII text decides; later invalid UTF-8 in a UTF-8 file is read
             * as Windows-1252 and counted. */
            if (f->stats.charset == CHARSET_ASCII)
                f->stats.charset = CHARSET_CP1252;
            else
                f->stats.recoded_fields++;
        }
        size_t start = f->text.len;
        if (!recode_cp1252(f->recoder, s, sp->len, &f->text)) {
            if (!f->text.p)
                return false;
            f->text.len = start;
            f->row.problem = ROW_BAD_BYTES;
            f->row.problem_column = i;
            continue;
        }
        sp->text = start;
        f->text.len = start + strip_invisible(f->text.p + start, f->text.len - start);
        f->out_len[i] = f->text.len - start;
        if (!buf_addc(&f->text, '\0'))
            return false;
    }
    for (size_t i = 0; i < f->nfields; i++) {
        const struct span *sp = &f->spans[i];
        f->out_field[i] = sp->text == SIZE_MAX ? f->raw.p + sp->off : f->text.p + sp->text;
    }
    f->row.line = f->record_line;
    f->row.overflow = f->overflow;
    f->row.nfields = f->nfields;
    f->row.field = f->out_field;
    f->row.len = f->out_len;
    return true;
}

static void start_record(struct csvfile *f)
{
    buf_clear(&f->raw);
    f->nfields = 0;
    f->overflow = false;
    f->row_ready = false;
}

/* Feed bytes to libcsv in strict mode. A quote inside an unquoted field is harmless and kept
 * as text (fed once in tolerant mode); a closing quote followed by text would make the tolerant
 * parser swallow the following lines, so it abandons the record instead.
 * Returns 0, 1 (record abandoned) or -1 (out of memory). */
static int feed(struct csvfile *f, const char *s, size_t n)
{
    while (n) {
        /* libcsv grows a field's buffer by blk_size bytes at a time: a step as large as the
         * field so far keeps a 100 MB field linear, and pieces of 1 MB let the step follow. */
        size_t piece = n < FEED_PIECE ? n : FEED_PIECE;
        csv_set_blk_size(&f->parser, f->parser.entry_size > FIELD_STEP ? f->parser.entry_size
                                                                       : FIELD_STEP);
        size_t k = csv_parse(&f->parser, s, piece, field_cb, row_cb, f);
        if (k == piece) {
            s += k;
            n -= k;
            continue;
        }
        if (csv_error(&f->parser) != CSV_EPARSE)
            return -1;
        if (f->parser.quoted)
            return 1;
        csv_set_opts(&f->parser, CSV_STRICT_FINI);
        csv_parse(&f->parser, s + k, 1, field_cb, row_cb, f);
        csv_set_opts(&f->parser, CSV_STRICT | CSV_STRICT_FINI);
        s += k + 1;
        n -= k + 1;
    }
    return 0;
}

/* Forget the record in progress (no callbacks). */
static void reset_parser(struct csvfile *f)
{
    f->parser.quoted = 0;
    csv_fini(&f->parser, NULL, NULL, NULL);
}

static int hand_out(struct csvfile *f, const struct csv_row **row, enum row_problem problem)
{
    f->record_open = false;
    if (!finish_row(f))
        return -1;
    if (problem != ROW_OK)
        f->row.problem = problem;
    *row = &f->row;
    return 1;
}

int csvfile_next(struct csvfile *f, const struct csv_row **row, struct tp_error *err)
{
    if (f->finished)
        return 0;
    start_record(f);
    for (;;) {
        /* Find the end of the next physical line: "\n", "\r\n" or a lone "\r". */
        size_t end = 0;
        bool have_line = false;
        if (f->pos < f->len) {
            char *start = f->data + f->pos;
            size_t avail = f->len - f->pos;
            char *nl = memchr(start, '\n', avail);
            size_t scan = nl ? (size_t)(nl - start) : avail;
            char *cr = memchr(start, '\r', scan);
            if (cr && (size_t)(cr - start) + 1 < avail) {
                end = (size_t)(cr - start) + 1;
                if (start[end] == '\n')
                    end++;
                have_line = true;
            } else if (!cr && nl) {
                end = (size_t)(nl - start) + 1;
                have_line = true;
            } else if (f->eof) {
                end = avail;
                have_line = true;
            }
        }
        if (!have_line) {
            if (!f->eof) {
                if (refill(f, err) != 0)
                    return -1;
                continue;
            }
            /* End of data: flush what libcsv still holds. */
            f->finished = true;
            if (csv_fini(&f->parser, field_cb, row_cb, f) != 0) {
                reset_parser(f);
                if (f->oom || hand_out(f, row, ROW_UNTERMINATED) < 0)
                    goto oom;
                return 1;
            }
            if (f->oom)
                goto oom;
            if (!f->row_ready)
                return 0;
            if (hand_out(f, row, ROW_OK) < 0)
                goto oom;
            return 1;
        }
        long line = f->stats.lines + 1;
        if (!f->record_open)
            f->record_line = line;
        int fed = feed(f, f->data + f->pos, end);
        if (fed < 0 || f->oom)
            goto oom;
        f->pos += end;
        f->stats.lines = line;
        if (fed == 1) {
            reset_parser(f);
            if (hand_out(f, row, ROW_BAD_QUOTES) < 0)
                goto oom;
            return 1;
        }
        if (f->row_ready) {
            if (hand_out(f, row, ROW_OK) < 0)
                goto oom;
            return 1;
        }
        /* A record goes on past this line when fields of it were read or a quoted field is
         * open (quoted and entry_pos are public members of struct csv_parser). */
        f->record_open = f->nfields > 0 || f->parser.quoted || f->parser.entry_pos > 0;
    }
oom:
    tp_fail(err, TP_ERR_NOMEM, f->name, f->stats.lines, NULL, "out of memory");
    return -1;
}

bool csvfile_hash(const char *const *paths, int n, char out[65])
{
    struct sha256_ctx all;
    sha256_init(&all);
    for (int i = 0; i < n; i++) {
        uint8_t d[SHA256_DIGEST_SIZE], buf[1 << 16];
        struct sha256_ctx one;
        sha256_init(&one);
        FILE *f = paths[i][0] ? fopen(paths[i], "rb") : NULL;
        if (paths[i][0] && !f)
            return false;
        for (size_t got; f && (got = fread(buf, 1, sizeof buf, f)) > 0;)
            sha256_update(&one, got, buf);
        bool bad = f && ferror(f);
        if (f)
            fclose(f);
        if (bad)
            return false;
        sha256_digest(&one, sizeof d, d);
        sha256_update(&all, sizeof d, d);
    }
    uint8_t d[SHA256_DIGEST_SIZE];
    sha256_digest(&all, sizeof d, d);
    for (int i = 0; i < SHA256_DIGEST_SIZE; i++)
        snprintf(out + 2 * i, 3, "%02x", d[i]);
    return true;
}
