/* fold.c: matching keys with utf8proc (NFKD, case fold, strip marks), letters and digits only. */
#include "util/fold.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static bool keep_category(utf8proc_category_t c)
{
    switch (c) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_NL:
    case UTF8PROC_CATEGORY_NO:
        return true;
    default:
        return false;
    }
}

bool fold_key(const char *s, size_t n, struct buf *out)
{
    buf_clear(out);
    size_t i = 0;
    /* ASCII fast path: most values are plain ASCII. */
    for (; i < n && !((unsigned char)s[i] & 0x80); i++) {
        char c = s[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            continue;
        if (!buf_addc(out, c))
            return false;
    }
    if (i == n) {
        buf_cstr(out);
        return true;
    }
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i),
                                      &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK |
                                          UTF8PROC_IGNORE);
    if (m < 0)
        return false;
    bool ok = true;
    for (utf8proc_ssize_t j = 0; j < m && ok;) {
        utf8proc_int32_t cp;
        utf8proc_ssize_t k = utf8proc_iterate(mapped + j, m - j, &cp);
        if (k <= 0) {
            ok = false;
            break;
        }
        if (keep_category(utf8proc_category(cp)))
            ok = buf_add(out, mapped + j, (size_t)k);
        j += k;
    }
    free(mapped);
    buf_cstr(out);
    return ok;
}

bool fold_equals(const char *s, size_t n, const char *key, size_t klen, struct buf *scratch)
{
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if ((unsigned char)c & 0x80)
            return fold_key(s, n, scratch) && scratch->len == klen &&
                   memcmp(scratch->p, key, klen) == 0;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')))
            continue;
        if (k == klen || key[k] != c)
            return false; /* fold_key keeps an ASCII prefix as it is */
        k++;
    }
    return k == klen;
}

bool fold_case(const char *s, size_t n, struct buf *out)
{
    buf_clear(out);
    utf8proc_uint8_t *mapped = NULL;
    utf8proc_ssize_t m = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &mapped,
                                      UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                          UTF8PROC_CASEFOLD | UTF8PROC_IGNORE);
    if (m < 0)
        return false;
    bool ok = buf_add(out, mapped, (size_t)m);
    free(mapped);
    buf_cstr(out);
    return ok;
}

void fold_key_to(const char *s, size_t n, char *out, size_t size)
{
    struct buf b = {0};
    if (size == 0)
        return;
    out[0] = '\0';
    if (fold_key(s, n, &b) && b.len) {
        size_t k = b.len < size - 1 ? b.len : size - 1;
        memcpy(out, b.p, k);
        out[k] = '\0';
    }
    buf_free(&b);
}
