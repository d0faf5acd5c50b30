/* grow.c: the one way an array of items grows (doubling), for the arrays that are not bytes. */
#include "util/grow.h"

#include <stdint.h>
#include <stdlib.h>

bool grow(void **items, size_t *cap, size_t need, size_t item_size, size_t first)
{
    if (need < *cap)
        return true;
    size_t n = *cap ? *cap : first;
    while (n <= need) {
        if (n > SIZE_MAX / 2)
            return false;
        n *= 2;
    }
    if (n > SIZE_MAX / item_size)
        return false;
    void *x = realloc(*items, n * item_size);
    if (!x)
        return false;
    *items = x;
    *cap = n;
    return true;
}
