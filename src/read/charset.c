/* charset.c: UTF-8 validation and Windows-1252 to UTF-8 conversion with glibc's iconv. */
#include "read/charset.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>

const char *charset_name(enum charset c)
{
    switch (c) {
    case CHARSET_ASCII:
        return "ascii";
    case CHARSET_UTF8:
        return "utf-8";
    case CHARSET_UTF8_BOM:
        return "utf-8-bom";
    case CHARSET_CP1252:
        return "windows-1252";
    }
    return "?";
}

bool has_high_bytes(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] & 0x80)
            return true;
    return false;
}

size_t strip_invisible(char *s, size_t n)
{
    unsigned char *p = (unsigned char *)s;
    size_t o = 0;
    for (size_t i = 0; i < n;) {
        size_t k = 0;      /* bytes of a character to drop or replace */
        bool space = false; /* replaced by ' ' */
        if (p[i] == 0xC2 && i + 1 < n && (p[i + 1] == 0xA0 || p[i + 1] == 0xAD)) {
            k = 2; /* U+00A0 no-break space, U+00AD soft hyphen */
            space = p[i + 1] == 0xA0;
        } else if (p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x80 &&
                   ((p[i + 2] >= 0x8B && p[i + 2] <= 0x8D) || p[i + 2] == 0x87 ||
                    p[i + 2] == 0xAF)) {
            k = 3; /* U+200B-U+200D zero-width; U+2007 figure, U+202F narrow no-break space */
            space = p[i + 2] == 0x87 || p[i + 2] == 0xAF;
        } else if ((p[i] == 0xE2 && i + 2 < n && p[i + 1] == 0x81 && p[i + 2] == 0xA0) ||
                   (p[i] == 0xEF && i + 2 < n && p[i + 1] == 0xBB && p[i + 2] == 0xBF)) {
            k = 3; /* U+2060 word joiner, U+FEFF byte-order mark */
        }
        if (!k) {
            p[o++] = p[i++];
            continue;
        }
        if (space)
            p[o++] = ' ';
        i += k;
    }
    p[o] = '\0';
    return o;
}

bool looks_mac_roman(const char *s, size_t n)
{
    /* After a letter, Mac Roman's 0x80-0x9F are accented letters (0x84 Ñ, 0x87 á, 0x8E é,
     * 0x92 í, 0x96 ñ, 0x97 ó, 0x9C ú ...); in Windows-1252 they are punctuation, rare letters
     * or undefined. Left out: 0x85 (an ellipsis after a word) and the quotes 0x91 0x93 0x94
     * (ë ì î, rare in Spanish); 0x92 stays (í, though also an apostrophe). */
    const unsigned char *p = (const unsigned char *)s;
    size_t mac = 0, cp1252 = 0;
    for (size_t i = 1; i < n; i++) {
        unsigned c = p[i], b = p[i - 1];
        if (c < 0x80 || !((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')))
            continue;
        if (c >= 0xC0)
            cp1252++;
        else if (c <= 0x9F && c != 0x85 && c != 0x91 && c != 0x93 && c != 0x94)
            mac++;
    }
    return mac >= 2 && mac > cp1252;
}

bool utf8_valid(const char *s, size_t n, bool partial_end)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c < 0x80) {
            i++;
            continue;
        }
        size_t len;
        unsigned min;
        if (c >= 0xC2 && c <= 0xDF) {
            len = 2;
            min = 0x80;
        } else if (c >= 0xE0 && c <= 0xEF) {
            len = 3;
            min = 0x800;
        } else if (c >= 0xF0 && c <= 0xF4) {
            len = 4;
            min = 0x10000;
        } else {
            return false;
        }
        if (i + len > n) {
            if (!partial_end)
                return false;
            for (size_t k = i + 1; k < n; k++)
                if ((p[k] & 0xC0) != 0x80)
                    return false;
            return true;
        }
        unsigned cp = c & (0x7F >> len);
        for (size_t k = 1; k < len; k++) {
            if ((p[i + k] & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += len;
    }
    return true;
}

struct recoder {
    iconv_t cd;
};

struct recoder *recoder_new(void)
{
    struct recoder *r = malloc(sizeof *r);
    if (!r)
        return NULL;
    r->cd = iconv_open("UTF-8", "WINDOWS-1252");
    if (r->cd == (iconv_t)-1) {
        free(r);
        return NULL;
    }
    return r;
}

void recoder_free(struct recoder *r)
{
    if (!r)
        return;
    iconv_close(r->cd);
    free(r);
}

bool recode_cp1252(struct recoder *r, const char *s, size_t n, struct buf *out)
{
    /* Every Windows-1252 byte becomes at most 3 UTF-8 bytes. */
    if (n > ((size_t)-1) / 4 || !buf_reserve(out, n * 3))
        return false;
    iconv(r->cd, NULL, NULL, NULL, NULL);
    char *in = (char *)s;
    size_t inleft = n;
    char *o = out->p + out->len;
    size_t oleft = out->cap - out->len - 1;
    if (iconv(r->cd, &in, &inleft, &o, &oleft) == (size_t)-1)
        return false;
    out->len = (size_t)(o - out->p);
    out->p[out->len] = '\0';
    return true;
}
