/* test_plural.c: the form of words for a count, in a report's {{n|...}} and a label's {n|...}. */
#include "check.h"
#include "report/labels.h"
#include "util/plural.h"

static void form(const char *value, const char *forms, const char *want)
{
    struct buf b = {0};
    bool ok = plural_put(&b, value, forms, strlen(forms));
    CHECK_STR(ok ? buf_cstr(&b) : "(refused)", want);
    buf_free(&b);
}

void suite_plural(void)
{
    form("1", "# hombre|# hombres", "1 hombre");
    form("3", "# hombre|# hombres", "3 hombres");
    form("0", "# hombre|# hombres", "0 hombres");        /* no zero form: the plural */
    form("0", "# case|# cases|no case", "no case");
    form("1", "la ruta|las # rutas", "la ruta");          /* '#' where the count goes, or nowhere */
    form("2", "la ruta|las # rutas", "las 2 rutas");
    form("<3", "# víctima|# víctimas", "<3 víctimas");    /* public mode's marks are plural */
    form("x", "# víctima|# víctimas|ninguna", "x víctimas");
    form("1,234", "# row|# rows", "1,234 rows");
    form("1 234", "# fila|# filas", "1 234 filas");
    form("11", "# fila|# filas", "11 filas");
    form("1", "# {{record}}|# {{records}}", "1 {{record}}"); /* nested: expanded by the caller */
    form("4", "#|# y {{m|1 más|# más}}", "4 y {{m|1 más|# más}}"); /* nested '#': not this count */
    form("1", "solo", "(refused)");
    form("1", "a|b|c|d", "(refused)");
    const char *start[PLURAL_MAX_FORMS];
    size_t len[PLURAL_MAX_FORMS];
    CHECK_INT(plural_split("# {{n|a|b}}|# c", 15, start, len), 2); /* a nested '|' does not split */
    CHECK_INT(len[0], 11);
    const char *t = "a {{n|# x|{{m}} y}} b}} c";
    CHECK(plural_close(t + 4) == t + 17);
    CHECK(plural_close("n|open") == NULL);
    /* A label: {key} and {key|ONE|OTHER}. */
    static const char *const keys[] = {"sex", "age"};
    const char *vals[] = {"1", "4"};
    char out[128];
    labels_fill(out, sizeof out, "{sex|# víctima|# víctimas} sin sexo, {age} sin edad, "
                "{age|# fila|# filas}", keys, vals, 2);
    CHECK_STR(out, "1 víctima sin sexo, 4 sin edad, 4 filas");
    labels_fill(out, 12, "{sex|# víctima|# víctimas} sin sexo", keys, vals, 2);
    CHECK_STR(out, "1 víctima "); /* cut at the buffer: 11 bytes */
    labels_fill(out, sizeof out, "{other|a|b} {sex", keys, vals, 2);
    CHECK_STR(out, "{other|a|b} {sex"); /* not a key, or not closed: as written */
}
