/* test_number.c: counts, changes, shares and decimals in each language's style; short buffers. */
#include "check.h"
#include "util/number.h"

#define NBSP "\xc2\xa0"
#define THIN "\xe2\x80\xaf" /* U+202F, narrow no-break space */

void suite_number(void)
{
    static const struct {
        uint64_t n;
        const char *lang;
        size_t size;
        const char *want;
    } counts[] = {
        {0, "en", 32, "0"},
        {999, "en", 32, "999"},
        {1000, "en", 32, "1,000"},
        {14299, "en", 32, "14,299"},
        {1234567, "en", 32, "1,234,567"},
        {UINT64_MAX, "en", 32, "18,446,744,073,709,551,615"},
        {1234567, "en", 6, "1,234"}, /* cut, never past the buffer */
        {1234, NULL, 32, "1,234"},  /* no language: English */
        {999, "es", 32, "999"},
        {1234, "es", 32, "1" THIN "234"},
        {1234567, "es", 32, "1" THIN "234" THIN "567"},
        {1234, "es", 5, "1"},       /* no room for a separator and a digit */
    };
    static const struct {
        double fraction;
        const char *lang;
        const char *want;
    } shares[] = {{0.516, "en", "51.6%"}, {1, "en", "100.0%"}, {0, "en", "0.0%"},
                  {0.0004, "en", "0.0%"}, {0.347, "es", "34,7" NBSP "%"},
                  {1, "es", "100,0" NBSP "%"}};
    char s[32];
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        number_count(counts[i].n, counts[i].lang, s, counts[i].size);
        CHECK_STR(s, counts[i].want);
    }
    for (size_t i = 0; i < sizeof shares / sizeof *shares; i++) {
        number_percent(shares[i].fraction, shares[i].lang, s, sizeof s);
        CHECK_STR(s, shares[i].want);
    }
    number_signed(34, "en", s, sizeof s);
    CHECK_STR(s, "+34");
    number_signed(-1234, "en", s, sizeof s);
    CHECK_STR(s, "-1,234");
    number_signed(0, "es", s, sizeof s);
    CHECK_STR(s, "+0");
    number_signed(12345, "es", s, sizeof s);
    CHECK_STR(s, "+12" THIN "345");
    number_percent_signed(6.8, "en", s, sizeof s);
    CHECK_STR(s, "+680.0%");
    number_percent_signed(-0.25, "es", s, sizeof s);
    CHECK_STR(s, "-25,0" NBSP "%");
    number_percent_places(0.4, 0, "es", s, sizeof s);
    CHECK_STR(s, "40" NBSP "%");
    number_percent_places(0.4, 0, "en", s, sizeof s);
    CHECK_STR(s, "40%");
    number_decimal(0.4149, 2, "en", s, sizeof s);
    CHECK_STR(s, "0.41");
    number_decimal(0.4149, 2, "es", s, sizeof s);
    CHECK_STR(s, "0,41");
    number_decimal(6.5, 1, "es", s, sizeof s);
    CHECK_STR(s, "6,5");
    number_decimal(1234.5, 1, "es", s, sizeof s);
    CHECK_STR(s, "1" THIN "234,5");
    number_percent_signed(11.857, "en", s, sizeof s);
    CHECK_STR(s, "+1,185.7%");
    number_percent_signed(11.857, "es", s, sizeof s);
    CHECK_STR(s, "+1" THIN "185,7" NBSP "%");
}
