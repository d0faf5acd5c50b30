/* links.h: what a reader ties across tables: one count under two names, and sums between keys. */
#ifndef TP_LINKS_H
#define TP_LINKS_H

#include <stdbool.h>
#include <stddef.h>

#include "protect/protect.h"
#include "util/error.h"

/* The key of the count key names, as every table that prints it is keyed: UNODC's girls are
 * "minor=yes|sex=female", the form organ_removal our organ_removal, the band 0-17 the minors.
 * Returns key itself when no link renames it, else out (which may be key). */
const char *links_canon(const char *key, char *out, size_t size);

struct table;
struct tabledef;
/* Notes the regions' names that t's labels give (a city's key names its region). */
bool links_names(struct protection *p, const struct table *t, const struct tabledef *d);

/* key with one more part ("release=2"), its parts in order. */
void links_with(const char *key, const char *part, char *out, size_t size);
/* Whether key counts people or cases by what they are (no slack, rest or link of a sum). */
bool links_counts_people(const char *key);

/* total = parts + a count printed nowhere keyed "TOTAL_KEY|name", 0 or more (added once;
 * left out when the values say the parts exceed the total). */
bool links_tie(struct protection *p, const char *total_key, long total, const long *parts,
               size_t n, const char *name);

/* The sums that tie declared keys across the tables added so far (count/tabledef.h, keydefs):
 * bands against minors, UNODC's forms against ours, cities within their regions. Call before each protect_run; a link met
 * again is not added twice. */
bool links_add(struct protection *p, struct tp_error *err);

#endif
