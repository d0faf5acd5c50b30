/* buf.h: a growable byte buffer, the one way this program builds strings of unknown length. */
#ifndef TP_BUF_H
#define TP_BUF_H

#include <stdbool.h>
#include <stddef.h>

/* Owns p. Zero-initialised is empty and valid. p is NUL-terminated when len > 0 or after
 * buf_cstr(). Any append may move p: pointers into it are invalid after an append. */
struct buf {
    char *p;
    size_t len, cap;
};

bool buf_reserve(struct buf *b, size_t extra);
bool buf_add(struct buf *b, const void *data, size_t n);
bool buf_adds(struct buf *b, const char *s);
bool buf_addc(struct buf *b, char c);
bool buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *buf_cstr(struct buf *b); /* "" when empty or out of memory */
void buf_clear(struct buf *b);       /* len = 0, keeps memory */
void buf_free(struct buf *b);

#endif
