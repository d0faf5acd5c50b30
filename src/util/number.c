/* number.c: thousands separated by commas, shares with one decimal. */
#include "util/number.h"

#include <stdio.h>

void number_count(uint64_t n, char *out, size_t size)
{
    char digits[32];
    int len = snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    size_t o = 0;
    for (int i = 0; i < len && o + 2 < size; i++) {
        if (i && (len - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
}

void number_percent(double fraction, char *out, size_t size)
{
    snprintf(out, size, "%.1f%%", fraction * 100);
}
