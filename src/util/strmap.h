/* strmap.h: a hash map from byte strings to 32-bit values, entries numbered in insertion order. */
#ifndef TP_STRMAP_H
#define TP_STRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Owns copies of its keys. Entry numbers (0, 1, 2 ... in insertion order) never change, so
 * they serve as interned ids. Keys may hold any bytes, NUL included. */
struct strmap;

struct strmap *strmap_new(void);
void strmap_free(struct strmap *m); /* accepts NULL */

/* The entry for key, added with value init when absent (*added says which; may be NULL).
 * Returns -1 when out of memory. */
long strmap_intern(struct strmap *m, const void *key, size_t len, uint32_t init, bool *added);
long strmap_find(const struct strmap *m, const void *key, size_t len); /* -1 when absent */

/* Starts loading the slot where key would be: call a few keys ahead of strmap_find(). */
void strmap_prefetch(const struct strmap *m, const void *key, size_t len);

size_t strmap_count(const struct strmap *m);
uint32_t strmap_value(const struct strmap *m, long entry);
void strmap_set(struct strmap *m, long entry, uint32_t value);
/* The key of an entry: len bytes, not NUL-terminated, valid until the next insertion. */
const char *strmap_key(const struct strmap *m, long entry, size_t *len);
size_t strmap_bytes(const struct strmap *m); /* memory held, for benchmarks */

uint64_t hash_bytes(const void *p, size_t n);

#endif
