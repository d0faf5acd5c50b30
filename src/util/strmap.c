/* strmap.c: open-addressing hash map (linear probing, load <= 0.7) with keys in one buffer. */
#include "util/strmap.h"

#include <stdlib.h>
#include <string.h>

struct slot {
    uint32_t hash;  /* low 32 bits of the key's hash */
    uint32_t entry; /* entry number + 1; 0 = empty */
};

/* Keys up to INLINE bytes live in the entry itself: a lookup then touches one slot and one
 * entry, not a third place in memory (ids such as "RETA-2007-0412" fit). */
#define INLINE 16

struct entry {
    uint32_t len;
    uint32_t value;
    union {
        char in[INLINE];
        uint64_t off; /* into keys, when len > INLINE */
    } k;
};

struct strmap {
    struct slot *slots;
    size_t mask; /* slots - 1; slots is a power of two */
    struct entry *entries;
    size_t count, cap;
    char *keys; /* keys longer than INLINE, back to back */
    size_t keys_len, keys_cap;
};

uint64_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (uint64_t)n;
    while (n >= 8) {
        uint64_t w;
        memcpy(&w, s, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 32;
        s += 8;
        n -= 8;
    }
    uint64_t w = 0;
    memcpy(&w, s, n);
    h = (h ^ w) * 0xc4ceb9fe1a85ec53ull;
    h ^= h >> 29;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 32;
    return h;
}

struct strmap *strmap_new(void)
{
    struct strmap *m = calloc(1, sizeof *m);
    if (!m)
        return NULL;
    m->mask = 15;
    m->slots = calloc(m->mask + 1, sizeof *m->slots);
    if (!m->slots) {
        free(m);
        return NULL;
    }
    return m;
}

void strmap_free(struct strmap *m)
{
    if (!m)
        return;
    free(m->slots);
    free(m->entries);
    free(m->keys);
    free(m);
}

static bool grow_slots(struct strmap *m)
{
    size_t n = (m->mask + 1) * 2;
    struct slot *s = calloc(n, sizeof *s);
    if (!s)
        return false;
    for (size_t i = 0; i <= m->mask; i++) {
        if (!m->slots[i].entry)
            continue;
        size_t j = m->slots[i].hash & (n - 1);
        while (s[j].entry)
            j = (j + 1) & (n - 1);
        s[j] = m->slots[i];
    }
    free(m->slots);
    m->slots = s;
    m->mask = n - 1;
    return true;
}

static long lookup(const struct strmap *m, const void *key, size_t len, uint32_t h, size_t *at)
{
    size_t i = h & m->mask;
    for (;; i = (i + 1) & m->mask) {
        const struct slot *s = &m->slots[i];
        if (!s->entry) {
            *at = i;
            return -1;
        }
        if (s->hash != h)
            continue;
        const struct entry *e = &m->entries[s->entry - 1];
        if (e->len != len)
            continue;
        const char *k = len <= INLINE ? e->k.in : m->keys + e->k.off;
        if (memcmp(k, key, len) == 0)
            return (long)s->entry - 1;
    }
}

long strmap_find(const struct strmap *m, const void *key, size_t len)
{
    size_t at;
    return lookup(m, key, len, (uint32_t)hash_bytes(key, len), &at);
}

long strmap_intern(struct strmap *m, const void *key, size_t len, uint32_t init, bool *added)
{
    uint32_t h = (uint32_t)hash_bytes(key, len);
    size_t at;
    long e = lookup(m, key, len, h, &at);
    if (added)
        *added = e < 0;
    if (e >= 0)
        return e;
    if (len > UINT32_MAX || m->count >= UINT32_MAX - 1)
        return -1;
    if (m->count == m->cap) {
        size_t cap = m->cap ? m->cap * 2 : 16;
        struct entry *n = realloc(m->entries, cap * sizeof *n);
        if (!n)
            return -1;
        m->entries = n;
        m->cap = cap;
    }
    if (len > INLINE && m->keys_len + len > m->keys_cap) {
        size_t cap = m->keys_cap ? m->keys_cap : 256;
        while (cap < m->keys_len + len)
            cap *= 2;
        char *k = realloc(m->keys, cap);
        if (!k)
            return -1;
        m->keys = k;
        m->keys_cap = cap;
    }
    /* Grow before inserting so that `at` stays valid: recompute it after a grow. */
    if ((m->count + 1) * 10 > (m->mask + 1) * 7) {
        if (!grow_slots(m))
            return -1;
        lookup(m, key, len, h, &at);
    }
    struct entry *en = &m->entries[m->count];
    en->len = (uint32_t)len;
    en->value = init;
    memset(&en->k, 0, sizeof en->k);
    if (len <= INLINE) {
        if (len)
            memcpy(en->k.in, key, len);
    } else {
        en->k.off = m->keys_len;
        memcpy(m->keys + m->keys_len, key, len);
        m->keys_len += len;
    }
    m->slots[at].hash = h;
    m->slots[at].entry = (uint32_t)(m->count + 1);
    return (long)m->count++;
}

void strmap_prefetch(const struct strmap *m, const void *key, size_t len)
{
    __builtin_prefetch(&m->slots[(uint32_t)hash_bytes(key, len) & m->mask]);
}

size_t strmap_count(const struct strmap *m) { return m->count; }

uint32_t strmap_value(const struct strmap *m, long entry) { return m->entries[entry].value; }

void strmap_set(struct strmap *m, long entry, uint32_t value) { m->entries[entry].value = value; }

const char *strmap_key(const struct strmap *m, long entry, size_t *len)
{
    const struct entry *e = &m->entries[entry];
    *len = e->len;
    return e->len <= INLINE ? e->k.in : m->keys + e->k.off;
}

size_t strmap_bytes(const struct strmap *m)
{
    return sizeof *m + (m->mask + 1) * sizeof(struct slot) + m->cap * sizeof(struct entry) +
           m->keys_cap;
}
