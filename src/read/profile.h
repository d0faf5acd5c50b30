/* profile.h: how an export's headers and words map onto the contract's fields and values. */
#ifndef TP_PROFILE_H
#define TP_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "read/attribution.h"
#include "util/error.h"
#include "util/strmap.h"
#include "read/schema.h"
#include "util/date.h"

/* A profile is an INI file (docs/profiles.md): [profile] name, header_rows, base; [headers]
 * field = aliases; one section per value set (code = aliases); [indicators] column =
 * field:code for 0/1 columns. A base profile's mappings come first; the file's own override
 * them. Canonical field names and codes always match. */
struct profile;

/* spec is a name (templates/profiles/NAME.ini) or a path to an .ini file. */
struct profile *profile_load(const char *spec, const char *templates, struct tp_error *err);
void profile_free(struct profile *p); /* accepts NULL */

const char *profile_name(const struct profile *p); /* the [profile] name, or the file's stem */
const char *profile_path(const struct profile *p);
int profile_header_rows(const struct profile *p); /* 1 unless the profile says more */
/* The [attribution] of the profile, or of its nearest base that has one; empty (no texts,
 * record = case) when none has. */
const struct attribution *profile_attribution(const struct profile *p);
enum date_order profile_dates(const struct profile *p); /* day-first unless it says */

/* Keys are fold_key() results. */
field_mask profile_header(const struct profile *p, const char *key, size_t n);
bool profile_indicator(const struct profile *p, const char *key, size_t n, int *field, int *code);
/* The code a word means in value set v: a code, vocabs[v].ncodes for unknown, or -1. */
int profile_value(const struct profile *p, enum vocab_id v, const char *key, size_t n);

/* [constants]: the value field f has in every row (its column is not read), or NULL. */
const char *profile_constant(const struct profile *p, int field);
/* [unknown]: whether a folded value of field f means "not known" (read without a warning). */
bool profile_has_unknown(const struct profile *p, int field);
bool profile_unknown(const struct profile *p, int field, const char *key, size_t n);
size_t profile_unknown_longest(const struct profile *p, int field); /* its longest key; 0: none */

/* [filter] column = values: a row is read only when that column holds one of the values. */
struct profile_filter {
    char *column;      /* as written in the profile */
    char *key;         /* folded */
    size_t keylen;
    char *path;        /* the profile file and line that set it, for messages */
    long line;
    struct strmap *values; /* folded */
};
/* [indicator_rows]: how an indicator-shaped file is read; NULL when it is not one. */
struct indicator_rows;
const struct indicator_rows *profile_indicator_rows(const struct profile *p);

size_t profile_nfilters(const struct profile *p);
const struct profile_filter *profile_filter(const struct profile *p, size_t i);
bool profile_filter_keeps(const struct profile_filter *f, const char *key, size_t n);

#endif
