/* fuzz_template.c: the report-definition parser on any text, with the real catalogue. */
#include <stdlib.h>

#include "report/figures.h"
#include "fuzz_input.h"
#include "report/build.h"
#include "report/reportdef.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const struct def_catalogue cat = {figures_known, report_table_known,
                                             report_chart_known, figures_condition_known};
    const char *path = fuzz_file(data, size, ".txt");
    if (!path)
        return 0;
    struct tp_error err = {0};
    struct reportdef *d = reportdef_load(path, &cat, &err);
    if (!d && !err.msg[0])
        abort();
    reportdef_free(d);
    return 0;
}
