/* test_number.c: counts with thousands separators, shares with one decimal, short buffers. */
#include "check.h"
#include "util/number.h"

void suite_number(void)
{
    char s[32];
    number_count(0, s, sizeof s);
    CHECK_STR(s, "0");
    number_count(999, s, sizeof s);
    CHECK_STR(s, "999");
    number_count(1000, s, sizeof s);
    CHECK_STR(s, "1,000");
    number_count(14299, s, sizeof s);
    CHECK_STR(s, "14,299");
    number_count(1234567, s, sizeof s);
    CHECK_STR(s, "1,234,567");
    number_count(UINT64_MAX, s, sizeof s);
    CHECK_STR(s, "18,446,744,073,709,551,615");
    number_count(1234567, s, 6); /* cut, never past the buffer */
    CHECK_STR(s, "1,23");
    number_percent(0.516, s, sizeof s);
    CHECK_STR(s, "51.6%");
    number_percent(1, s, sizeof s);
    CHECK_STR(s, "100.0%");
    number_percent(0, s, sizeof s);
    CHECK_STR(s, "0.0%");
}
