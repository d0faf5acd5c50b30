/* system.h: inside public mode: the counts by key and the marks that cube.c and rows.c add. */
#ifndef TP_SYSTEM_H
#define TP_SYSTEM_H

#include "count/tabledef.h"
#include "util/date.h"
#include "protect/protect.h"
#include "util/strmap.h"

/* A printed cell and the count it prints; or a cell computed from counts (var < 0). */
struct mark {
    struct table *t;
    size_t row;
    int col;
    long var;   /* the count; or -1 for a derived cell ... */
    long from;  /* ... hidden when this count is */
    long from2; /* or this one (-1: none) */
};

struct protection {
    int k;
    struct period period; /* the release's, when known (0: not): the years it touches */
    bool assume_cities;   /* published mode: cities within their regions (protect.h) */
    bool published; /* built from printed tables: hidden counts are unknown */
    bool unprinted; /* the tables being added are not printed: their new counts are unknown */
    uint8_t *printed; /* published mode, per count: 1 printed shown, 2 printed hidden */
    size_t nprinted;
    struct sdc *s;
    struct strmap *keys; /* key -> count */
    struct mark *marks;
    size_t nmarks, mcap;
    struct strmap *region_codes; /* a region's name -> its code, as the tables label them */
    struct tp_error *err;
    bool failed;
};

/* Each returns false (or -1) after recording the first failure in p->err. */
bool sys_fail(struct protection *p, const char *what, const char *key);
/* The count with this key (made with value and role when new); -1 on failure. */
long sys_count(struct protection *p, const char *key, uint64_t value, enum sdc_role role);
long sys_lookup(const struct protection *p, const char *key); /* -1: no such count */
/* Count e's key, NUL-terminated, in out; false when it does not fit. */
bool sys_key(const struct protection *p, size_t e, char *out, size_t size);
/* Published mode: count v is printed as cell cl (shown, or hidden as its mark says). */
bool sys_print_as(struct protection *p, long v, const struct cell *cl);
bool sys_mark(struct protection *p, struct mark m);
/* The count of the latest mark at (t, r, col), or -1. */
long sys_marked(const struct protection *p, const struct table *t, size_t r, int col);
/* total = parts + the rest, a count printed nowhere keyed "TOTAL_KEY|rest=name". */
bool sys_rest(struct protection *p, const char *total_key, long total, const long *parts,
              size_t n, const char *name);

/* A cell read back: its text (a number as digits), or its count (0 when not one). */
const char *sys_text(const struct table *t, size_t r, int c);
uint64_t sys_num(const struct table *t, size_t r, int c);
int sys_col(const struct table *t, const char *name); /* -1 when t has no such column */

/* A table by dimensions (cube.c), and one of keyed rows, with its foreign sums (rows.c). */
bool cube_add(struct protection *p, struct table *t, const struct tabledef *d,
              const char *scope);
bool rows_add(struct protection *p, struct table *t, const struct tabledef *d,
              const char *scope);
bool rows_foreign(struct protection *p, const struct table *t, const struct tabledef *d,
                  const char *scope);

#endif
