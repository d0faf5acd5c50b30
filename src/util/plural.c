/* plural.c: picks the singular, plural or zero form of a template's words for a count. */
#include "util/plural.h"

#include <string.h>

const char *plural_close(const char *p)
{
    for (int depth = 0; *p; p++) {
        if (p[0] == '{' && p[1] == '{') {
            depth++;
            p++;
        } else if (p[0] == '}' && p[1] == '}') {
            if (!depth--)
                return p;
            p++;
        }
    }
    return NULL;
}

int plural_split(const char *forms, size_t n, const char *start[PLURAL_MAX_FORMS],
                 size_t len[PLURAL_MAX_FORMS])
{
    int k = 0, depth = 0;
    size_t from = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i + 1 < n && forms[i] == '{' && forms[i + 1] == '{') {
            depth++;
            i++;
        } else if (i + 1 < n && forms[i] == '}' && forms[i + 1] == '}' && depth) {
            depth--;
            i++;
        } else if (i == n || (forms[i] == '|' && !depth)) {
            if (k == PLURAL_MAX_FORMS)
                return 0;
            start[k] = forms + from;
            len[k++] = i - from;
            from = i + 1;
        }
    }
    return k;
}

bool plural_put(struct buf *out, const char *value, const char *forms, size_t n)
{
    const char *start[PLURAL_MAX_FORMS];
    size_t len[PLURAL_MAX_FORMS];
    int k = plural_split(forms, n, start, len);
    if (k < 2)
        return false;
    int which = !strcmp(value, "1") ? 0 : k == 3 && !strcmp(value, "0") ? 2 : 1;
    const char *p = start[which];
    int depth = 0; /* a '#' inside a nested {{...}} is that placeholder's count */
    for (size_t i = 0; i < len[which]; i++) {
        if (i + 1 < len[which] && p[i] == p[i + 1] && (p[i] == '{' || p[i] == '}'))
            depth += p[i] == '{' ? 1 : -1;
        bool ok = p[i] == '#' && !depth ? buf_adds(out, value) : buf_addc(out, p[i]);
        if (ok && i + 1 < len[which] && p[i] == p[i + 1] && (p[i] == '{' || p[i] == '}'))
            ok = buf_addc(out, p[++i]);
        if (!ok)
            return false;
    }
    return true;
}
