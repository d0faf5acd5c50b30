/* check.h: unit-test assertions; a failed check prints file:line and both values. */
#ifndef TP_CHECK_H
#define TP_CHECK_H

#include <stdio.h>
#include <string.h>

extern int check_run, check_failed;
extern const char *check_templates; /* the templates folder (argv[1]) */

#define CHECK(c)                                                                             \
    do {                                                                                     \
        check_run++;                                                                         \
        if (!(c)) {                                                                          \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #c);            \
        }                                                                                    \
    } while (0)

#define CHECK_INT(a, b)                                                                      \
    do {                                                                                     \
        long long a_ = (long long)(a), b_ = (long long)(b);                                  \
        check_run++;                                                                         \
        if (a_ != b_) {                                                                      \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s == %lld, expected %lld\n", __FILE__, __LINE__, #a,    \
                    a_, b_);                                                                 \
        }                                                                                    \
    } while (0)

#define CHECK_STR(a, b)                                                                      \
    do {                                                                                     \
        const char *a_ = (a), *b_ = (b);                                                     \
        check_run++;                                                                         \
        if (!a_ || strcmp(a_, b_) != 0) {                                                    \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s == \"%s\",\n    expected \"%s\"\n", __FILE__,          \
                    __LINE__, #a, a_ ? a_ : "(null)", b_);                                   \
        }                                                                                    \
    } while (0)

#define CHECK_NEAR(a, b)                                                                     \
    do {                                                                                     \
        double a_ = (a), b_ = (b);                                                           \
        check_run++;                                                                         \
        if (!(a_ - b_ < 1e-6 && b_ - a_ < 1e-6)) {                                           \
            check_failed++;                                                                  \
            fprintf(stderr, "%s:%d: %s == %.6f, expected %.6f\n", __FILE__, __LINE__, #a,    \
                    a_, b_);                                                                 \
        }                                                                                    \
    } while (0)

struct tableset;
struct places;
/* The templates' place tables (NULL, counted as a failed check, when they cannot be read). */
struct places *check_places(void);
/* Table name of ts as its CSV file would hold it ("" when ts has none); valid until the next
 * call. */
const char *check_table_csv(const struct tableset *ts, const char *name);
/* The malloc this many calls from now returns NULL (once); -1: none. After the call under
 * test, -1 tells that the failure happened (failalloc.c). */
extern long check_malloc_fail;

/* Writes text to a new temporary file; returns its path (static buffer per call site). */
const char *check_tempfile(const char *text, size_t len);

void suite_error(void);
void suite_strmap(void);
void suite_fold(void);
void suite_charset(void);
void suite_csvfile(void);
void suite_rowqueue(void);
void suite_date(void);
void suite_number(void);
void suite_plural(void);
void suite_age(void);
void suite_places(void);
void suite_profile(void);
void suite_quality(void);
void suite_aggregate(void);
void suite_profile_sections(void);
void suite_profile_categories(void);
void suite_aggregate_weight(void);
void suite_table(void);
void suite_output(void);
void suite_chart(void);
void suite_map(void);
void suite_reportdef(void);
void suite_sdc(void);
void suite_protect(void);
void suite_views(void);
void suite_tables(void);
void suite_normalise(void);
void suite_sheet_pages(void);
void suite_grow(void);
void suite_markup(void);
void suite_serve(void);

#endif
