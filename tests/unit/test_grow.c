/* test_grow.c: arrays grow by doubling, keep their items, and refuse what would overflow. */
#include <stdint.h>
#include <stdlib.h>

#include "check.h"
#include "util/grow.h"

void suite_grow(void)
{
    int *a = NULL;
    size_t cap = 0;
    CHECK(grow((void **)&a, &cap, 0, sizeof *a, 4));
    CHECK_INT(cap, 4);
    for (int i = 0; i < 100; i++) {
        CHECK(grow((void **)&a, &cap, (size_t)i, sizeof *a, 4));
        a[i] = i * 3;
    }
    CHECK_INT(cap, 128); /* 4, 8, ... 128: doubled, never more than needed twice over */
    int same = 0;
    for (int i = 0; i < 100; i++)
        same += a[i] == i * 3;
    CHECK_INT(same, 100);
    CHECK(grow((void **)&a, &cap, 1000, sizeof *a, 4)); /* a jump: doubled until it fits */
    CHECK_INT(cap, 1024);
    int *kept = a;
    CHECK(!grow((void **)&a, &cap, SIZE_MAX / 2, sizeof *a, 4)); /* the size would overflow */
    CHECK(a == kept && cap == 1024);
    free(a);
}
