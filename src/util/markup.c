/* markup.c: text escaped for HTML and SVG; short, stable numbers. */
#include "util/markup.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

bool markup_text(struct buf *b, const char *s)
{
    bool ok = true;
    for (const char *p = s ? s : ""; *p && ok; p++) {
        switch (*p) {
        case '&': ok = buf_adds(b, "&amp;"); break;
        case '<': ok = buf_adds(b, "&lt;"); break;
        case '>': ok = buf_adds(b, "&gt;"); break;
        case '"': ok = buf_adds(b, "&quot;"); break;
        case '\'': ok = buf_adds(b, "&#39;"); break;
        default:
            if (((unsigned char)*p >= 0x20 && *p != 0x7f) || *p == '\t' || *p == '\n')
                ok = buf_addc(b, *p);
        }
    }
    return ok;
}

bool markup_number(struct buf *b, double v)
{
    char s[48];
    double r = round(v * 100) / 100;
    if (r == 0)
        r = 0; /* no "-0" */
    snprintf(s, sizeof s, "%.2f", r);
    char *end = s + strlen(s);
    while (end[-1] == '0')
        *--end = '\0';
    if (end[-1] == '.')
        end[-1] = '\0';
    return buf_adds(b, s);
}
