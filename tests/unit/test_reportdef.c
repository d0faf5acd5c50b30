/* test_reportdef.c: the definition format's conditions: [if NAME], [if not NAME], [else], [end]. */
#include "check.h"
#include "report/reportdef.h"

static bool any_figure(const char *name)
{
    return !strcmp(name, "cases");
}

static bool any_table(const char *name, bool compare)
{
    return !strcmp(name, "routes") && !compare;
}

static bool any_chart(const char *name)
{
    return !strcmp(name, "map");
}

static bool any_condition(const char *name)
{
    return !strcmp(name, "routes") || !strcmp(name, "suspects");
}

static const struct def_catalogue cat = {any_figure, any_table, any_chart, any_condition};

/* The error message for a definition, or "" when it loads. */
static const char *load(const char *text)
{
    static char msg[sizeof ((struct tp_error *)0)->msg + 32];
    struct tp_error err;
    struct reportdef *d = reportdef_load(check_tempfile(text, strlen(text)), &cat, &err);
    if (d) {
        reportdef_free(d);
        return "";
    }
    snprintf(msg, sizeof msg, "%ld: %s", err.line, err.msg);
    return msg;
}

void suite_reportdef(void)
{
    struct tp_error err;
    static const char ok[] = "== s: S\n[if routes]\nA {{cases}}.\n[table routes]\n[else]\nB.\n"
                             "[if not suspects]\n[chart map]\n[end]\n[end]\nC.\n";
    struct reportdef *d = reportdef_load(check_tempfile(ok, sizeof ok - 1), &cat, &err);
    CHECK(d != NULL);
    if (d) {
        static const enum def_kind kinds[] = {DEF_SECTION, DEF_IF,   DEF_TEXT,  DEF_TABLE,
                                              DEF_ELSE,    DEF_TEXT, DEF_IF,    DEF_CHART,
                                              DEF_END,     DEF_END,  DEF_TEXT};
        CHECK_INT(d->n, 11);
        for (size_t i = 0; i < d->n && i < 11; i++)
            CHECK_INT(d->items[i].kind, kinds[i]);
        CHECK_STR(d->items[1].name, "routes");
        CHECK(!d->items[1].negate);
        CHECK_STR(d->items[6].name, "suspects");
        CHECK(d->items[6].negate);
        reportdef_free(d);
    }
    CHECK_STR(load("== s: S\n[if rutas]\n[end]\n"),
              "2: unknown condition 'rutas' (docs/report-definitions.md lists them)");
    CHECK_STR(load("== s: S\n[else]\n"), "2: [else] without [if]");
    CHECK_STR(load("== s: S\n[end]\n"), "2: [end] without [if]");
    CHECK_STR(load("== s: S\n[if routes]\n[else]\n[else]\n[end]\n"),
              "4: a second [else] for one [if]");
    CHECK_STR(load("== s: S\n\n[if routes]\nA.\n"), "3: [if] without [end]");
    CHECK_STR(load("== s: S\n[if routes]\n== t: T\n[end]\n"),
              "3: a section starts inside the [if] of line 2");
    CHECK_STR(load("== s: S\n[if routes suspects]\n[end]\n"),
              "2: a condition is [if NAME] or [if not NAME]: [if routes suspects]");
    CHECK_STR(load("== s: S\n[if not]\n[end]\n"),
              "2: unknown condition 'not' (docs/report-definitions.md lists them)");
    CHECK_STR(load("== s: S\n[if routes]\n[if routes]\n[if routes]\n[if routes]\n[if routes]\n"
                   "[if routes]\n[if routes]\n[if routes]\n[if routes]\n"),
              "10: [if] nested too deep (at most 8)");
    /* Forms for a count: two or three, each checked like the text around it. */
    CHECK_STR(load("== s: S\n{{cases|# caso|# casos}} y {{cases|un {{cases}}|# {{cases}}|nada}}.\n"), "");
    CHECK_STR(load("== s: S\n{{cases|# caso}}.\n"),
              "2: {{cases|...}} takes two or three forms: ONE|OTHER or ONE|OTHER|ZERO");
    CHECK_STR(load("== s: S\n{{cases|a|b|c|d}}.\n"),
              "2: {{cases|...}} takes two or three forms: ONE|OTHER or ONE|OTHER|ZERO");
    CHECK_STR(load("== s: S\n{{casos|# caso|# casos}}.\n"),
              "2: unknown placeholder {{casos}} (docs/report-definitions.md lists them)");
    CHECK_STR(load("== s: S\n{{cases|# {{caso}}|# casos}}.\n"),
              "2: unknown placeholder {{caso}} (docs/report-definitions.md lists them)");
    CHECK_STR(load("== s: S\n{{cases|# {{cases}}|# casos.\n"), "2: '{{' without '}}'");
}
