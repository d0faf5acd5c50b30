/* number.c: counts with thousands grouped and decimals, in the style of the report's language. */
#include "util/number.h"

#include <stdio.h>
#include <string.h>

/* The one definition of each language's numbers. */
struct style {
    const char *lang, *decimal, *group, *percent;
};
static const struct style styles[] = {
    {"en", ".", ",", "%"},
    /* Spanish as INEI prints it (1 234; 34,7 %), groups by a narrow no-break space (U+202F,
     * the SI's thin space), the percent sign after a no-break space (U+00A0). */
    {"es", ",", "\xe2\x80\xaf", "\xc2\xa0%"},
};

static const struct style *style_of(const char *lang)
{
    for (size_t i = 0; lang && i < sizeof styles / sizeof *styles; i++)
        if (!strcmp(lang, styles[i].lang))
            return &styles[i];
    return &styles[0];
}

/* digits (an optional sign, digits, an optional '.' and decimals, as printf writes them)
 * rewritten in the style: groups of three before the point, its decimal mark after. */
static void restyle(const char *digits, const struct style *st, const char *suffix, char *out,
                    size_t size)
{
    size_t o = 0, gl = strlen(st->group), dl = strlen(st->decimal);
    const char *p = digits;
    if (*p == '+' || *p == '-') {
        if (o + 1 < size)
            out[o++] = *p;
        p++;
    }
    size_t whole = strcspn(p, ".");
    for (size_t i = 0; i < whole && o + 1 < size; i++) {
        if (i && (whole - i) % 3 == 0) {
            if (o + gl + 1 >= size)
                break;
            memcpy(out + o, st->group, gl);
            o += gl;
        }
        out[o++] = p[i];
    }
    if (p[whole] == '.' && o + dl < size) {
        memcpy(out + o, st->decimal, dl);
        o += dl;
        for (const char *d = p + whole + 1; *d && o + 1 < size; d++)
            out[o++] = *d;
    }
    size_t sl = strlen(suffix);
    if (o + sl < size) {
        memcpy(out + o, suffix, sl);
        o += sl;
    }
    if (size)
        out[o < size ? o : size - 1] = '\0';
}

void number_count(uint64_t n, const char *lang, char *out, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%llu", (unsigned long long)n);
    restyle(digits, style_of(lang), "", out, size);
}

void number_signed(long long n, const char *lang, char *out, size_t size)
{
    char digits[32];
    snprintf(digits, sizeof digits, "%+lld", n);
    restyle(digits, style_of(lang), "", out, size);
}

void number_percent_places(double fraction, int places, const char *lang, char *out, size_t size)
{
    char digits[48];
    snprintf(digits, sizeof digits, "%.*f", places, fraction * 100);
    const struct style *st = style_of(lang);
    restyle(digits, st, st->percent, out, size);
}

void number_percent(double fraction, const char *lang, char *out, size_t size)
{
    number_percent_places(fraction, 1, lang, out, size);
}

void number_percent_signed(double fraction, const char *lang, char *out, size_t size)
{
    char digits[48];
    snprintf(digits, sizeof digits, "%+.1f", fraction * 100);
    const struct style *st = style_of(lang);
    restyle(digits, st, st->percent, out, size);
}

void number_decimal(double v, int places, const char *lang, char *out, size_t size)
{
    char digits[48];
    snprintf(digits, sizeof digits, "%.*f", places, v);
    restyle(digits, style_of(lang), "", out, size);
}
