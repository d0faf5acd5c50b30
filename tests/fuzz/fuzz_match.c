/* fuzz_match.c: header and value matching on any text: folding, the reta profile's headers
 * and values, places, countries, dates and ages, and the mask of what may be printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "count/age.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/fold.h"
#include "util/mask.h"
#include "count/places.h"
#include "read/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static struct places *places;
static struct profile *profile;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *t = getenv("TIPREPORT_TEMPLATES") ? getenv("TIPREPORT_TEMPLATES")
                                                  : TIPREPORT_TEMPLATES;
    char dir[1100];
    struct tp_error err = {0};
    snprintf(dir, sizeof dir, "%s/places", t);
    places = places_load(dir, &err);
    profile = profile_load("reta", t, &err);
    if (!places || !profile)
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *s = (const char *)data;
    struct buf key = {0};
    if (fold_key(s, size, &key)) {
        profile_header(profile, key.p ? key.p : "", key.len);
        int field, code;
        profile_indicator(profile, key.p ? key.p : "", key.len, &field, &code);
        for (int v = 0; v < V_COUNT; v++)
            profile_value(profile, (enum vocab_id)v, key.p ? key.p : "", key.len);
    }
    buf_free(&key);
    struct place pl = places_resolve(places, s, size);
    (void)pl;
    char why[256];
    places_ambiguity(places, s, size, why, sizeof why);
    places_country(places, s, size);
    tp_date d;
    if (date_parse(s, size, &d) == DATE_OK && date_make(date_year(d), 1, 1) == 0)
        abort(); /* a date that parses lies in a real year */
    struct age a;
    age_parse(s, size, &a);
    struct buf m = {0};
    mask_value(s, size, &m);
    if (m.len > 60 * 4 + 3)
        abort(); /* 60 characters of at most 4 bytes, and the ellipsis */
    mask_quote(s, size, &m);
    buf_free(&m);
    return 0;
}
