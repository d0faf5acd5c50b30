/* failalloc.c: a malloc that fails when asked to, for the tests of out-of-memory paths. */
#include <stddef.h>

#include "check.h"

long check_malloc_fail = -1;

/* The unit tests are linked with -Wl,--wrap=malloc: every malloc of the program's objects
 * comes here; the C library's own calls do not. */
void *__real_malloc(size_t n);
void *__wrap_malloc(size_t n);

void *__wrap_malloc(size_t n)
{
    if (check_malloc_fail == 0) {
        check_malloc_fail = -1;
        return NULL;
    }
    if (check_malloc_fail > 0)
        check_malloc_fail--;
    return __real_malloc(n);
}
