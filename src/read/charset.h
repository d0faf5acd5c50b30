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

/* Removes from UTF-8 s[0..n) the characters that print as nothing (zero-width space, joiners,
 * word joiner U+2060, a byte-order mark inside the text, soft hyphen) and turns the no-break
 * spaces (U+00A0, U+2007, U+202F) into plain spaces, in place, so that values and ids that
 * differ only by them are one. Returns the new length and NUL-terminates. */
size_t strip_invisible(char *s, size_t n);

/* Whether the first chunk s[0..n) of a file that is not UTF-8 looks like Mac Roman rather
 * than Windows-1252: letters followed by bytes that are accented letters in Mac Roman
 * (0x87 á, 0x8E é, 0x92 í, 0x97 ó, 0x9C ú, 0x96 ñ ...) but punctuation in Windows-1252, at
 * least twice and more often than by Windows-1252's accented letters (0xC0-0xFF). */
bool looks_mac_roman(const char *s, size_t n);

/* Converts Windows-1252 to UTF-8. Owns an iconv descriptor. */
struct recoder;
struct recoder *recoder_new(void); /* NULL when iconv lacks WINDOWS-1252 or out of memory */
void recoder_free(struct recoder *r);
/* Append the UTF-8 of cp1252 s[0..n) to out. False when a byte is undefined in
 * Windows-1252 (0x81 0x8D 0x8F 0x90 0x9D) or out of memory. */
bool recode_cp1252(struct recoder *r, const char *s, size_t n, struct buf *out);

#endif
