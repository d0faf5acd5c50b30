/* fuzz_profile.c: the profile parser (INI, base chains, sections, values) on any text. */
#include <stdlib.h>

#include "fuzz_input.h"
#include "read/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_file(data, size, ".ini");
    if (!path)
        return 0;
    const char *t = getenv("TIPREPORT_TEMPLATES") ? getenv("TIPREPORT_TEMPLATES")
                                                  : TIPREPORT_TEMPLATES;
    struct tp_error err = {0};
    struct profile *p = profile_load(path, t, &err);
    if (!p && !err.msg[0])
        abort(); /* a refusal always says why */
    profile_free(p);
    return 0;
}
