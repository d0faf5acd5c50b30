/* ledger.c: the release ledger's file (TSV), the releases it holds, the pieces of periods. */
#include "protect/ledger.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <fcntl.h>
#include <sys/file.h>

#include "protect/system.h"
#include "util/dirs.h"
#include "util/grow.h"

/* The file: a first line naming it, then for each release a line
 * "release DATASET FROM TO K" and a line "KEY STATE VALUE" per count (tab-separated; STATE is
 * shown, primary or secondary; VALUE is empty but for shown counts). */
#define LEDGER_HEAD "tipreport-ledger\t1"
static const char *const state_words[] = {"shown", "primary", "secondary"};

void ledger_free(struct ledger *l)
{
    for (size_t i = 0; i < l->n; i++) {
        for (size_t c = 0; c < l->r[i].n; c++)
            free(l->r[i].cells[c].key);
        free(l->r[i].cells);
    }
    free(l->r);
    memset(l, 0, sizeof *l);
}

static struct ledger_release *new_release(struct ledger *l)
{
    if (!grow((void **)&l->r, &l->cap, l->n, sizeof *l->r, 8))
        return NULL;
    struct ledger_release *r = &l->r[l->n++];
    memset(r, 0, sizeof *r);
    return r;
}

static bool add_cell(struct ledger_release *r, const char *key, size_t len, int state,
                     uint64_t value)
{
    if (!grow((void **)&r->cells, &r->cap, r->n, sizeof *r->cells, 256))
        return false;
    char *k = strndup(key, len);
    if (!k)
        return false;
    r->cells[r->n++] = (struct ledger_cell){k, (uint8_t)state, value};
    return true;
}

/* Cuts line at tabs into f[] (at most max fields); their number. */
static int fields(char *line, char **f, int max)
{
    int n = 0;
    for (char *s = line; s && n < max;) {
        f[n++] = s;
        s = strchr(s, '\t');
        if (s)
            *s++ = '\0';
    }
    return n;
}

static bool parse_date(const char *s, tp_date *out)
{
    return !*s ? (*out = 0, true) : date_parse(s, strlen(s), out) == DATE_OK;
}

static enum tp_err bad(struct tp_error *err, const char *path, long line, const char *what)
{
    return tp_fail(err, TP_ERR_INPUT, path, line, NULL,
                   "not a release ledger line: %s (the ledger is written by tipreport --public;"
                   " move it away to start a new one)", what);
}

int ledger_lock(const char *path, struct tp_error *err)
{
    char dir[1100];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    int fd = dirs_make(dir) != 0 ? -1 : open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0 || flock(fd, LOCK_EX) != 0) {
        int e = errno;
        if (fd >= 0)
            close(fd);
        tp_fail(err, TP_ERR_OUTPUT, dir, 0, NULL, "cannot lock the release ledger's folder: %s",
                strerror(e));
        return -1;
    }
    return fd;
}

enum tp_err ledger_read(struct ledger *l, const char *path, struct tp_error *err)
{
    memset(l, 0, sizeof *l);
    FILE *f = fopen(path, "r");
    if (!f)
        return errno == ENOENT ? TP_OK
                               : tp_fail(err, TP_ERR_INPUT, path, 0, NULL,
                                         "cannot read the release ledger: %s", strerror(errno));
    char *line = NULL;
    size_t cap = 0;
    long no = 0;
    enum tp_err rc = TP_OK;
    struct ledger_release *r = NULL;
    for (ssize_t len; rc == TP_OK && (len = getline(&line, &cap, f)) >= 0;) {
        no++;
        if (len && line[len - 1] == '\n')
            line[--len] = '\0';
        char *fl[6];
        if (no == 1) {
            if (strcmp(line, LEDGER_HEAD))
                rc = bad(err, path, no, "no \"tipreport-ledger\" first line");
            continue;
        }
        int n = fields(line, fl, 6);
        if ((n == 5 || (n == 6 && !strcmp(fl[5], "briefs"))) && !strcmp(fl[0], "release")) {
            char *end;
            if (!(r = new_release(l)))
                rc = tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            else if (strlen(fl[1]) != 64 || !parse_date(fl[2], &r->period.from) ||
                     !parse_date(fl[3], &r->period.to) ||
                     (r->k = (int)strtol(fl[4], &end, 10)) < 2 || *end)
                rc = bad(err, path, no, "a release with a bad dataset, date or K");
            else
                memcpy(r->dataset, fl[1], 65), r->briefs = n == 6;
            continue;
        }
        int st = -1;
        for (int s = 0; n == 3 && s < 3; s++)
            st = strcmp(fl[1], state_words[s]) ? st : s;
        char *end = fl[n > 2 ? 2 : 0];
        uint64_t v = st == SDC_SHOWN ? strtoull(fl[2], &end, 10) : 0;
        if (!r || st < 0 || *end || (st == SDC_SHOWN && !fl[2][0]))
            rc = bad(err, path, no, "a count before any release, or a bad state or value");
        else if (!add_cell(r, fl[0], strlen(fl[0]), st, v))
            rc = tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
    }
    if (rc == TP_OK && ferror(f))
        rc = tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "cannot read the release ledger");
    free(line);
    fclose(f);
    if (rc != TP_OK)
        ledger_free(l);
    return rc;
}

enum tp_err ledger_write(const struct ledger *l, const char *path, struct tp_error *err)
{
    char tmp[1100];
    snprintf(tmp, sizeof tmp, "%s.new", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return tp_fail(err, TP_ERR_OUTPUT, path, 0, NULL,
                       "cannot write the release ledger: %s", strerror(errno));
    fprintf(f, "%s\n", LEDGER_HEAD);
    for (size_t i = 0; i < l->n; i++) {
        const struct ledger_release *r = &l->r[i];
        char from[11], to[11];
        date_format(r->period.from, from);
        date_format(r->period.to, to);
        fprintf(f, "release\t%s\t%s\t%s\t%d%s\n", r->dataset, from, to, r->k,
                r->briefs ? "\tbriefs" : "");
        for (size_t c = 0; c < r->n; c++) {
            const struct ledger_cell *cl = &r->cells[c];
            fprintf(f, "%s\t%s\t", cl->key, state_words[cl->state]);
            if (cl->state == SDC_SHOWN)
                fprintf(f, "%llu", (unsigned long long)cl->value);
            fputc('\n', f);
        }
    }
    bool ok = fflush(f) == 0 && !ferror(f) && fsync(fileno(f)) == 0;
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return tp_fail(err, TP_ERR_OUTPUT, path, 0, NULL, "cannot write the release ledger: %s",
                       strerror(e));
    }
    return TP_OK;
}

/* Whether a key is one the release printed as its own: not a sum's machinery, not a count of
 * another release or piece of a period. */
static bool own_count(const char *key, size_t len)
{
    for (const char *p = key; (p = memchr(p, '|', len - (size_t)(p - key))); p++) {
        const char *end = memchr(p + 1, '|', len - (size_t)(p + 1 - key));
        size_t n = (size_t)((end ? end : key + len) - (p + 1));
        if (!memchr(p + 1, '=', n) || !strncmp(p + 1, "release=", 8) ||
            !strncmp(p + 1, "piece=", 6))
            return false;
    }
    return !memchr(key, '\t', len) && !memchr(key, '\n', len);
}

static bool same_release(const struct ledger_release *a, const struct ledger_release *b)
{
    if (strcmp(a->dataset, b->dataset) || !period_same(a->period, b->period) || a->k != b->k ||
        a->briefs != b->briefs || a->n != b->n)
        return false;
    for (size_t c = 0; c < a->n; c++)
        if (strcmp(a->cells[c].key, b->cells[c].key) || a->cells[c].state != b->cells[c].state ||
            a->cells[c].value != b->cells[c].value)
            return false;
    return true;
}

bool ledger_record(struct ledger *l, const char *dataset, struct period pr, int k, bool briefs,
                   const struct protection *prot)
{
    struct ledger_release *r = new_release(l);
    if (!r)
        return false;
    snprintf(r->dataset, sizeof r->dataset, "%s", dataset);
    r->period = pr;
    r->k = k;
    r->briefs = briefs;
    for (size_t e = 0; e < strmap_count(prot->keys); e++) {
        size_t len;
        const char *key = strmap_key(prot->keys, (long)e, &len);
        long v = (long)strmap_value(prot->keys, (long)e);
        enum sdc_role role = sdc_role_of(prot->s, v);
        enum sdc_state st = sdc_state(prot->s, v);
        if ((role != SDC_CELL && role != SDC_MARGIN) || st == SDC_UNKNOWN ||
            !own_count(key, len))
            continue;
        if (!add_cell(r, key, len, st, st == SDC_SHOWN ? sdc_value(prot->s, v) : 0))
            return false;
    }
    /* The same release made again (a rerun) is recorded once. */
    for (size_t i = 0; i + 1 < l->n; i++)
        if (same_release(&l->r[i], r)) {
            for (size_t c = 0; c < r->n; c++)
                free(r->cells[c].key);
            free(r->cells);
            l->n--;
            break;
        }
    return true;
}

int ledger_periods(const struct ledger *l, const char *dataset, const struct period *own,
                   int nown, struct period *out, int max)
{
    int n = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (strcmp(l->r[i].dataset, dataset))
            continue;
        bool seen = false;
        for (int j = 0; j < nown; j++)
            seen = seen || period_same(own[j], l->r[i].period);
        for (int j = 0; j < n; j++)
            seen = seen || period_same(out[j], l->r[i].period);
        if (seen)
            continue;
        if (n == max)
            return -1;
        out[n++] = l->r[i].period;
    }
    return n;
}

/* Days: 0 (open) is before or after every day. */
static long day_of(tp_date d, bool end)
{
    return d ? date_to_days(d) : end ? 1L << 40 : -(1L << 40);
}

static int cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

int ledger_pieces(const struct period *periods, int n, struct period *out, int max)
{
    long cut[64]; /* the first day of each piece, and the day after the last */
    int nc = 0;
    for (int i = 0; i < n && nc + 2 <= 64; i++) {
        cut[nc++] = day_of(periods[i].from, false);
        cut[nc++] = day_of(periods[i].to, true) + 1;
    }
    qsort(cut, (size_t)nc, sizeof *cut, cmp_long);
    int np = 0;
    for (int i = 0; i + 1 < nc; i++) {
        if (cut[i] == cut[i + 1])
            continue;
        long first = cut[i], last = cut[i + 1] - 1;
        bool inside = false;
        for (int j = 0; j < n; j++)
            inside = inside || (first >= day_of(periods[j].from, false) &&
                                last <= day_of(periods[j].to, true));
        if (!inside)
            continue;
        if (np == max)
            return -1;
        out[np++] = (struct period){first == -(1L << 40) ? 0 : date_from_days(first),
                                    last == 1L << 40 ? 0 : date_from_days(last)};
    }
    return np;
}

const struct ledger_release *ledger_briefs_overlap(const struct ledger *l, const char *dataset,
                                                   const struct period *own, int nown)
{
    for (size_t i = 0; i < l->n; i++) {
        const struct ledger_release *r = &l->r[i];
        for (int j = 0; r->briefs && !strcmp(r->dataset, dataset) && j < nown; j++)
            if (!period_same(r->period, own[j]) && r->period.from <= own[j].to &&
                own[j].from <= r->period.to)
                return r;
    }
    return NULL;
}
