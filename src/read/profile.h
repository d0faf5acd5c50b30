/* profile.h: how an export's headers and words map onto the contract's fields and values. */
#ifndef TP_PROFILE_H
#define TP_PROFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "util/error.h"
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
enum date_order profile_dates(const struct profile *p); /* day-first unless it says */

/* Keys are fold_key() results. */
field_mask profile_header(const struct profile *p, const char *key, size_t n);
bool profile_indicator(const struct profile *p, const char *key, size_t n, int *field, int *code);
/* The code a word means in value set v: a code, vocabs[v].ncodes for unknown, or -1. */
int profile_value(const struct profile *p, enum vocab_id v, const char *key, size_t n);

#endif
