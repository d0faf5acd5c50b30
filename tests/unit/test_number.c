/* test_number.c: counts with thousands separators, shares with one decimal, short buffers. */
#include "check.h"
#include "util/number.h"

void suite_number(void)
{
    static const struct {
        uint64_t n;
        size_t size;
        const char *want;
    } counts[] = {
        {0, 32, "0"},
        {999, 32, "999"},
        {1000, 32, "1,000"},
        {14299, 32, "14,299"},
        {1234567, 32, "1,234,567"},
        {UINT64_MAX, 32, "18,446,744,073,709,551,615"},
        {1234567, 6, "1,23"}, /* cut, never past the buffer */
    };
    static const struct {
        double fraction;
        const char *want;
    } shares[] = {{0.516, "51.6%"}, {1, "100.0%"}, {0, "0.0%"}, {0.0004, "0.0%"}};
    char s[32];
    for (size_t i = 0; i < sizeof counts / sizeof *counts; i++) {
        number_count(counts[i].n, s, counts[i].size);
        CHECK_STR(s, counts[i].want);
    }
    for (size_t i = 0; i < sizeof shares / sizeof *shares; i++) {
        number_percent(shares[i].fraction, s, sizeof s);
        CHECK_STR(s, shares[i].want);
    }
}
