/* charset.h: the two encodings an export arrives in: UTF-8 and Windows-1252 (via iconv). */
#ifndef TP_CHARSET_H
#define TP_CHARSET_H

#include <stdbool.h>
#include <stddef.h>

#include "util/buf.h"

enum charset { CHARSET_ASCII, CHARSET_UTF8, CHARSET_UTF8_BOM, CHARSET_CP1252 };

const char *charset_name(enum charset c); /* "ascii", "utf-8", "utf-8-bom", "windows-1252" */

/* True when s[0..n) is valid UTF-8. When partial_end, a sequence cut off by the end of
 * the buffer still counts as valid (for chunks of a larger file). */
bool utf8_valid(const char *s, size_t n, bool partial_end);

bool has_high_bytes(const char *s, size_t n);

/* Converts Windows-1252 to UTF-8. Owns an iconv descriptor. */
struct recoder;
struct recoder *recoder_new(void); /* NULL when iconv lacks WINDOWS-1252 or out of memory */
void recoder_free(struct recoder *r);
/* Append the UTF-8 of cp1252 s[0..n) to out. False when a byte is undefined in
 * Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D) or out of memory. */
bool recode_cp1252(struct recoder *r, const char *s, size_t n, struct buf *out);

#endif
