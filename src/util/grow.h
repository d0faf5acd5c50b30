/* grow.h: the one way an array of items grows (doubling), for the arrays that are not bytes. */
#ifndef TP_GROW_H
#define TP_GROW_H

#include <stdbool.h>
#include <stddef.h>

/* Makes *items (of item_size bytes each, *cap of them) hold at least need + 1 items: item
 * need may be written. Doubles from first. False, *items and *cap untouched, when out of
 * memory or the size would overflow. */
bool grow(void **items, size_t *cap, size_t need, size_t item_size, size_t first);

#endif
