/* test_strmap.c: the hash map: ids in insertion order, growth, long and binary keys. */
#include <stdio.h>

#include "check.h"
#include "util/strmap.h"

void suite_strmap(void)
{
    struct strmap *m = strmap_new();
    char k[64];
    bool added;
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(k, sizeof k, i % 3 ? "V%09d" : "a-much-longer-key-than-sixteen-%d", i);
        long e = strmap_intern(m, k, (size_t)n, (uint32_t)i * 2, &added);
        if (e != i || !added)
            CHECK_INT(e, i);
    }
    CHECK_INT(strmap_count(m), 100000);
    int bad = 0;
    for (int i = 0; i < 100000; i++) {
        int n = snprintf(k, sizeof k, i % 3 ? "V%09d" : "a-much-longer-key-than-sixteen-%d", i);
        long e = strmap_find(m, k, (size_t)n);
        size_t len;
        const char *key = e >= 0 ? strmap_key(m, e, &len) : NULL;
        bad += e != i || strmap_value(m, e) != (uint32_t)i * 2 || len != (size_t)n ||
               memcmp(key, k, len) != 0;
    }
    CHECK_INT(bad, 0);
    CHECK_INT(strmap_intern(m, "V000000001", 10, 7, &added), 1);
    CHECK(!added);
    CHECK_INT(strmap_value(m, 1), 2); /* an existing entry keeps its value */
    CHECK_INT(strmap_find(m, "V000000001 ", 11), -1);
    /* Keys are bytes: NUL inside, and the empty key. */
    long a = strmap_intern(m, "x\0y", 3, 1, NULL), b = strmap_intern(m, "x\0z", 3, 2, NULL);
    CHECK(a != b && a >= 0 && b >= 0);
    CHECK_INT(strmap_find(m, "", 0), -1);
    CHECK(strmap_intern(m, "", 0, 9, NULL) >= 0);
    CHECK_INT(strmap_value(m, strmap_find(m, "", 0)), 9);
    strmap_free(m);
    strmap_free(NULL);
}
