/* places.c: the place table and the resolver ("the most specific part that is recognised decides"). */
#include "count/places.h"

#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "read/csvfile.h"
#include "util/fold.h"
#include "util/strmap.h"
#include "util/grow.h"

enum cand_kind { C_REGION, C_PROVINCE, C_COUNTRY };

/* One meaning of a name. Names with several meanings chain through next. */
struct cand {
    uint8_t kind;
    uint8_t region;   /* C_REGION, C_PROVINCE */
    uint8_t province; /* C_PROVINCE: 1..n */
    uint16_t country; /* C_COUNTRY */
    int32_t next;     /* index + 1 of the next meaning; 0 = none */
};

struct places {
    struct region_info regions[NREGIONS + 1]; /* 1..25 */
    struct province_info *provinces;          /* 1..nprov (0 unused) */
    int nprov;
    struct country_info *countries;
    int ncountries, peru;
    struct strmap *names;     /* folded name -> first cand index + 1 */
    struct strmap *iso;       /* "PE", "PER" -> country index */
    struct strmap *districts; /* "080101" -> province index */
    struct cand *cands;
    size_t ncands, cands_cap;
};

/* ---- loading ---------------------------------------------------------------------------- */

typedef int (*row_fn)(struct places *p, const char *const *v, long line, const char *file,
                      struct tp_error *err);

/* Reads dir/file, whose header must hold cols; calls fn with the values in cols' order. */
static int read_table(struct places *p, const char *dir, const char *file,
                      const char *const *cols, int ncols, row_fn fn, struct tp_error *err)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, file);
    struct csvfile *f = csvfile_open(path, path, err);
    if (!f)
        return -1;
    int idx[16];
    const char *vals[16];
    const struct csv_row *row;
    int r, rc = -1;
    bool header = true;
    while ((r = csvfile_next(f, &row, err)) == 1) {
        if (header) {
            for (int c = 0; c < ncols; c++) {
                idx[c] = -1;
                for (size_t i = 0; i < row->nfields; i++)
                    if (strcmp(row->field[i], cols[c]) == 0)
                        idx[c] = (int)i;
                if (idx[c] < 0) {
                    tp_fail(err, TP_ERR_INPUT, path, row->line, NULL, "no column '%s'", cols[c]);
                    goto done;
                }
            }
            header = false;
            continue;
        }
        for (int c = 0; c < ncols; c++)
            vals[c] = (size_t)idx[c] < row->nfields ? row->field[idx[c]] : "";
        if (fn(p, vals, row->line, path, err) != 0)
            goto done;
    }
    rc = r < 0 ? -1 : 0;
done:
    csvfile_close(f);
    return rc;
}

static bool add_cand(struct places *p, const char *name, struct cand c)
{
    struct buf key = {0};
    bool ok = fold_key(name, strlen(name), &key);
    if (!ok || key.len == 0) {
        buf_free(&key);
        return ok;
    }
    bool added;
    long e = strmap_intern(p->names, key.p, key.len, 0, &added);
    buf_free(&key);
    if (e < 0)
        return false;
    /* Skip a meaning the name already has. */
    for (uint32_t i = strmap_value(p->names, e); i; i = (uint32_t)p->cands[i - 1].next) {
        const struct cand *o = &p->cands[i - 1];
        if (o->kind == c.kind && o->region == c.region && o->province == c.province &&
            o->country == c.country)
            return true;
    }
    if (!grow((void **)&p->cands, &p->cands_cap, p->ncands, sizeof *p->cands, 1024))
        return false;
    c.next = (int32_t)strmap_value(p->names, e);
    p->cands[p->ncands++] = c;
    strmap_set(p->names, e, (uint32_t)p->ncands);
    return true;
}

static int oom(struct tp_error *err, const char *file)
{
    tp_fail(err, TP_ERR_NOMEM, file, 0, NULL, "out of memory");
    return -1;
}

static int region_row(struct places *p, const char *const *v, long line, const char *file,
                      struct tp_error *err)
{
    int code = atoi(v[0]);
    if (code < 1 || code > NREGIONS || strlen(v[0]) != 2) {
        tp_fail(err, TP_ERR_INPUT, file, line, "code", "'%s' is not a region code 01-25", v[0]);
        return -1;
    }
    struct region_info *r = &p->regions[code];
    snprintf(r->code, sizeof r->code, "%s", v[0]);
    snprintf(r->name, sizeof r->name, "%s", v[1]);
    snprintf(r->iso, sizeof r->iso, "%s", v[2]);
    snprintf(r->capital, sizeof r->capital, "%s", v[3]);
    r->lat = atof(v[4]);
    r->lon = atof(v[5]);
    r->population = atol(v[6]);
    struct cand c = {.kind = C_REGION, .region = (uint8_t)code};
    if (!add_cand(p, r->name, c) || !add_cand(p, r->iso, c))
        return oom(err, file);
    return 0;
}

static int province_row(struct places *p, const char *const *v, long line, const char *file,
                        struct tp_error *err)
{
    if (strlen(v[0]) != 6 || atoi(v[0]) <= 0) {
        tp_fail(err, TP_ERR_INPUT, file, line, "inei", "'%s' is not a ubigeo code", v[0]);
        return -1;
    }
    if (p->nprov >= 255) {
        tp_fail(err, TP_ERR_INPUT, file, line, NULL, "more than 254 provinces");
        return -1;
    }
    struct province_info *pr = realloc(p->provinces, (size_t)(p->nprov + 2) * sizeof *pr);
    if (!pr)
        return oom(err, file);
    p->provinces = pr;
    struct province_info *x = &pr[++p->nprov];
    memset(x, 0, sizeof *x);
    memcpy(x->code, v[0], 4);
    x->region = (v[0][0] - '0') * 10 + (v[0][1] - '0');
    snprintf(x->name, sizeof x->name, "%s", v[1]);
    snprintf(x->capital, sizeof x->capital, "%s", v[2]);
    if (x->region < 1 || x->region > NREGIONS) {
        tp_fail(err, TP_ERR_INPUT, file, line, "inei", "'%s' is not in a region 01-25", v[0]);
        return -1;
    }
    struct cand c = {.kind = C_PROVINCE, .region = (uint8_t)x->region,
                     .province = (uint8_t)p->nprov};
    if (!add_cand(p, x->name, c) || !add_cand(p, x->capital, c))
        return oom(err, file);
    return 0;
}

static int find_province(const struct places *p, const char *code4)
{
    for (int i = 1; i <= p->nprov; i++)
        if (memcmp(p->provinces[i].code, code4, 4) == 0)
            return i;
    return 0;
}

static int district_row(struct places *p, const char *const *v, long line, const char *file,
                        struct tp_error *err)
{
    if (strcmp(v[0], "NA") == 0) /* a district the table has no INEI code for */
        return 0;
    int prov = strlen(v[0]) == 6 ? find_province(p, v[0]) : 0;
    if (!prov) {
        tp_fail(err, TP_ERR_INPUT, file, line, "inei", "'%s' is in no known province", v[0]);
        return -1;
    }
    if (strmap_intern(p->districts, v[0], 6, (uint32_t)prov, NULL) < 0)
        return oom(err, file);
    return 0;
}

/* A variant names a place the table knows: it takes all that place's meanings. */
static int variant_row(struct places *p, const char *const *v, long line, const char *file,
                       struct tp_error *err)
{
    char key[256];
    fold_key_to(v[1], strlen(v[1]), key, sizeof key);
    long e = strmap_find(p->names, key, strlen(key));
    if (e < 0) {
        tp_fail(err, TP_ERR_INPUT, file, line, "place", "'%s' is not a known place", v[1]);
        return -1;
    }
    for (uint32_t i = strmap_value(p->names, e); i; i = (uint32_t)p->cands[i - 1].next) {
        struct cand c = p->cands[i - 1];
        if (!add_cand(p, v[0], c))
            return oom(err, file);
    }
    return 0;
}

static int country_row(struct places *p, const char *const *v, long line, const char *file,
                       struct tp_error *err)
{
    if (strlen(v[0]) != 2 || strlen(v[1]) != 3) {
        tp_fail(err, TP_ERR_INPUT, file, line, "alpha2", "'%s' is not an ISO 3166-1 code", v[0]);
        return -1;
    }
    struct country_info *c = realloc(p->countries, (size_t)(p->ncountries + 1) * sizeof *c);
    if (!c)
        return oom(err, file);
    p->countries = c;
    int idx = p->ncountries++;
    struct country_info *x = &c[idx];
    memset(x, 0, sizeof *x);
    memcpy(x->a2, v[0], 2);
    memcpy(x->a3, v[1], 3);
    snprintf(x->name, sizeof x->name, "%s", v[2]);
    snprintf(x->name_es, sizeof x->name_es, "%s", v[3]);
    x->lat = v[5][0] ? atof(v[5]) : NAN;
    x->lon = v[6][0] ? atof(v[6]) : NAN;
    if (strcmp(x->a2, "PE") == 0)
        p->peru = idx;
    struct cand cd = {.kind = C_COUNTRY, .country = (uint16_t)idx};
    if (strmap_intern(p->iso, x->a2, 2, (uint32_t)idx, NULL) < 0 ||
        strmap_intern(p->iso, x->a3, 3, (uint32_t)idx, NULL) < 0 || !add_cand(p, x->name, cd) ||
        !add_cand(p, x->name_es, cd))
        return oom(err, file);
    for (const char *a = v[4]; *a;) {
        const char *e = strchr(a, ';');
        size_t n = e ? (size_t)(e - a) : strlen(a);
        char alias[160];
        snprintf(alias, sizeof alias, "%.*s", (int)n, a);
        if (!add_cand(p, alias, cd))
            return oom(err, file);
        a += n + (e ? 1 : 0);
    }
    return 0;
}

struct places *places_load(const char *dir, struct tp_error *err)
{
    static const char *const rcols[] = {"code", "name", "iso_3166_2", "capital",
                                        "latitude", "longitude", "population_2007"};
    static const char *const pcols[] = {"inei", "provincia", "capital"};
    static const char *const dcols[] = {"inei"};
    static const char *const vcols[] = {"variant", "place"};
    static const char *const ccols[] = {"alpha2", "alpha3", "name", "name_es", "aliases",
                                        "latitude", "longitude"};
    struct places *p = calloc(1, sizeof *p);
    if (!p) {
        tp_fail(err, TP_ERR_NOMEM, dir, 0, NULL, "out of memory");
        return NULL;
    }
    p->peru = -1;
    p->names = strmap_new();
    p->iso = strmap_new();
    p->districts = strmap_new();
    if (!p->names || !p->iso || !p->districts) {
        tp_fail(err, TP_ERR_NOMEM, dir, 0, NULL, "out of memory");
        goto fail;
    }
    /* Regions first: a later name that is also a region's keeps both meanings, and the
     * resolver prefers the region. */
    if (read_table(p, dir, "regions.csv", rcols, 7, region_row, err) != 0 ||
        read_table(p, dir, "ubigeo_provinces.csv", pcols, 3, province_row, err) != 0 ||
        read_table(p, dir, "ubigeo_districts.csv", dcols, 1, district_row, err) != 0 ||
        read_table(p, dir, "countries.csv", ccols, 7, country_row, err) != 0 ||
        read_table(p, dir, "variants.csv", vcols, 2, variant_row, err) != 0)
        goto fail;
    for (int r = 1; r <= NREGIONS; r++)
        if (!p->regions[r].name[0]) {
            tp_fail(err, TP_ERR_INPUT, dir, 0, NULL, "regions.csv lacks region %02d", r);
            goto fail;
        }
    if (p->peru < 0) {
        tp_fail(err, TP_ERR_INPUT, dir, 0, NULL, "countries.csv lacks Peru (PE)");
        goto fail;
    }
    return p;
fail:
    places_free(p);
    return NULL;
}

void places_free(struct places *p)
{
    if (!p)
        return;
    strmap_free(p->names);
    strmap_free(p->iso);
    strmap_free(p->districts);
    free(p->cands);
    free(p->provinces);
    free(p->countries);
    free(p);
}

/* ---- resolving -------------------------------------------------------------------------- */

static const char *const prefixes[] = {"provinciaconstitucionalde", "departamento", "provincia",
                                       "distrito", "ciudad", "region", "depto", "dpto", "prov",
                                       "dist"};

/* Meanings of one folded part (with "Región", "Provincia de" ... removed if needed). */
static uint32_t lookup(const struct places *p, const char *key, size_t n)
{
    long e = strmap_find(p->names, key, n);
    if (e >= 0)
        return strmap_value(p->names, e);
    for (size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++) {
        size_t k = strlen(prefixes[i]);
        if (n <= k || memcmp(key, prefixes[i], k) != 0)
            continue;
        const char *r = key + k;
        size_t m = n - k;
        if (m > 3 && memcmp(r, "del", 3) == 0 && strmap_find(p->names, r, m) < 0)
            r += 3, m -= 3;
        else if (m > 2 && memcmp(r, "de", 2) == 0 && strmap_find(p->names, r, m) < 0)
            r += 2, m -= 2;
        e = strmap_find(p->names, r, m);
        if (e >= 0)
            return strmap_value(p->names, e);
    }
    return 0;
}

static bool all_digits(const char *s, size_t n)
{
    if (!n)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    return true;
}

/* A ubigeo code: 2 (region), 4 (province) or 6 (district) digits; one leading zero may have
 * been lost to a spreadsheet (8 -> 08, 80101 -> 080101). */
static struct place by_code(const struct places *p, const char *s, size_t n)
{
    struct place r = {PLACE_UNKNOWN, 0, PLACE_UNRECOGNISED};
    char c[7];
    if (n > 6)
        return r;
    size_t k = n % 2;
    if (k)
        c[0] = '0';
    memcpy(c + k, s, n);
    n += k;
    c[n] = '\0';
    int region = (c[0] - '0') * 10 + (c[1] - '0');
    if (region < 1 || region > NREGIONS)
        return r;
    int prov = 0;
    if (n >= 4 && memcmp(c + 2, "00", 2) != 0) {
        if (n == 6 && memcmp(c + 4, "00", 2) != 0) {
            long e = strmap_find(p->districts, c, 6);
            if (e < 0)
                return r;
            prov = (int)strmap_value(p->districts, e);
        } else {
            if (n == 6 && memcmp(c + 4, "00", 2) != 0)
                return r;
            prov = find_province(p, c);
            if (!prov)
                return r;
        }
    } else if (n == 6 && memcmp(c + 2, "0000", 4) != 0) {
        return r;
    }
    r.code = (uint16_t)region;
    r.province = (uint8_t)prov;
    r.status = PLACE_OK;
    return r;
}

static bool iso_code(const struct places *p, const char *s, size_t n, int *country)
{
    if (n != 2 && n != 3)
        return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < 'A' || s[i] > 'Z')
            return false;
    long e = strmap_find(p->iso, s, n);
    if (e < 0)
        return false;
    *country = (int)strmap_value(p->iso, e);
    return true;
}

#define MAX_PARTS 8

struct part {
    int region;      /* a region this part names, or 0 */
    int province;    /* the one province it names (after filtering), or 0 */
    int nprov_regions; /* regions among its province meanings */
    int provs[8];    /* province meanings */
    int nprovs;
    int country;     /* -1 none */
};

static void trim(const char **s, size_t *n)
{
    while (*n && (**s == ' ' || **s == '\t' || **s == '.'))
        (*s)++, (*n)--;
    while (*n && ((*s)[*n - 1] == ' ' || (*s)[*n - 1] == '\t' || (*s)[*n - 1] == '.'))
        (*n)--;
}

static int split_parts(const struct places *p, const char *s, size_t n, struct part *parts)
{
    int np = 0;
    struct buf key = {0};
    size_t i = 0;
    while (i <= n && np < MAX_PARTS) {
        size_t j = i;
        while (j < n && s[j] != ',' && s[j] != '(' && s[j] != ')' && s[j] != '/')
            j++;
        const char *ps = s + i;
        size_t pn = j - i;
        i = j + 1;
        trim(&ps, &pn);
        if (!pn)
            continue;
        struct part *pt = &parts[np];
        memset(pt, 0, sizeof *pt);
        pt->country = -1;
        if (all_digits(ps, pn))
            continue; /* a code only counts as the whole value, not as "Jr. Lima (123)" */
        int country;
        if (iso_code(p, ps, pn, &country)) {
            pt->country = country;
            np++;
            continue;
        }
        if (!fold_key(ps, pn, &key) || !key.len)
            continue;
        for (uint32_t c = lookup(p, key.p, key.len); c; c = (uint32_t)p->cands[c - 1].next) {
            const struct cand *cd = &p->cands[c - 1];
            if (cd->kind == C_REGION && !pt->region)
                pt->region = cd->region;
            else if (cd->kind == C_PROVINCE && pt->nprovs < 8)
                pt->provs[pt->nprovs++] = cd->province;
            else if (cd->kind == C_COUNTRY && pt->country < 0)
                pt->country = cd->country;
        }
        if (pt->region || pt->nprovs || pt->country >= 0)
            np++;
    }
    buf_free(&key);
    return np;
}

/* Picks the province each part names: in its own region when the part also names a region
 * ("Cusco"), else in a region another part names ("San Miguel, Cajamarca"), else the only
 * one. A part whose meanings stay in several regions names no province (ambiguous). */
static void settle(const struct places *p, struct part *parts, int np)
{
    for (int i = 0; i < np; i++) {
        struct part *pt = &parts[i];
        int keep[8], nk = 0;
        for (int k = 0; k < pt->nprovs; k++) {
            int reg = p->provinces[pt->provs[k]].region;
            if (!pt->region || reg == pt->region)
                keep[nk++] = pt->provs[k];
        }
        if (!pt->region) {
            int inr[8], ni = 0;
            for (int k = 0; k < nk; k++)
                for (int j = 0; j < np; j++)
                    if (j != i && parts[j].region == p->provinces[keep[k]].region) {
                        inr[ni++] = keep[k];
                        break;
                    }
            if (ni) {
                memcpy(keep, inr, sizeof inr);
                nk = ni;
            }
        }
        int regions = 0;
        for (int k = 0; k < nk; k++) {
            bool seen = false;
            for (int m = 0; m < k; m++)
                seen |= p->provinces[keep[m]].region == p->provinces[keep[k]].region;
            regions += !seen;
        }
        pt->nprov_regions = regions;
        pt->province = regions == 1 ? keep[0] : 0;
    }
}

struct place places_resolve(const struct places *p, const char *s, size_t n)
{
    struct place r = {PLACE_UNKNOWN, 0, PLACE_BLANK};
    trim(&s, &n);
    size_t dashes = 0;
    while (dashes < n && s[dashes] == '-')
        dashes++;
    if (n == 0 || dashes == n)
        return r;
    if (all_digits(s, n)) {
        r = by_code(p, s, n);
        return r;
    }
    struct part parts[MAX_PARTS];
    int np = split_parts(p, s, n, parts);
    settle(p, parts, np);
    bool ambiguous = false;
    /* The most specific part decides: a province or capital, then a region, then a country. */
    for (int i = 0; i < np; i++) {
        if (parts[i].province) {
            r.code = (uint16_t)p->provinces[parts[i].province].region;
            r.province = (uint8_t)parts[i].province;
            r.status = PLACE_OK;
            /* A part that names a region and, elsewhere, a province: the region stands. */
            return r;
        }
        if (parts[i].nprov_regions > 1 && !parts[i].region)
            ambiguous = true;
    }
    for (int i = 0; i < np; i++)
        if (parts[i].region) {
            r.code = (uint16_t)parts[i].region;
            r.status = PLACE_OK;
            return r;
        }
    if (ambiguous) {
        r.status = PLACE_AMBIGUOUS;
        return r;
    }
    int peru = 0;
    for (int i = 0; i < np; i++) {
        if (parts[i].country < 0)
            continue;
        if (parts[i].country == p->peru) {
            peru = 1;
            continue;
        }
        r.code = (uint16_t)(PLACE_FOREIGN + parts[i].country);
        r.status = PLACE_OK;
        return r;
    }
    r.status = peru ? PLACE_NO_REGION : PLACE_UNRECOGNISED;
    return r;
}

void places_ambiguity(const struct places *p, const char *s, size_t n, char *out, size_t size)
{
    struct part parts[MAX_PARTS];
    int np = split_parts(p, s, n, parts);
    size_t used = 0;
    out[0] = '\0';
    for (int i = 0; i < np; i++) {
        int seen[NREGIONS + 1] = {0};
        for (int k = 0; k < parts[i].nprovs; k++) {
            const struct province_info *pr = &p->provinces[parts[i].provs[k]];
            if (seen[pr->region]++)
                continue;
            int w = snprintf(out + used, size - used, "%s%s", used ? " or " : "",
                             p->regions[pr->region].name);
            if (w < 0 || (size_t)w >= size - used)
                return;
            used += (size_t)w;
        }
        if (used)
            return;
    }
}

int places_country(const struct places *p, const char *s, size_t n)
{
    trim(&s, &n);
    int c;
    if (iso_code(p, s, n, &c))
        return c;
    struct buf key = {0};
    int found = -1;
    if (fold_key(s, n, &key) && key.len) {
        long e = strmap_find(p->names, key.p, key.len);
        if (e >= 0)
            for (uint32_t i = strmap_value(p->names, e); i; i = (uint32_t)p->cands[i - 1].next)
                if (p->cands[i - 1].kind == C_COUNTRY) {
                    found = p->cands[i - 1].country;
                    break;
                }
    }
    buf_free(&key);
    return found;
}

const struct region_info *places_region(const struct places *p, int code)
{
    return code >= 1 && code <= NREGIONS ? &p->regions[code] : NULL;
}

const struct province_info *places_province(const struct places *p, int idx)
{
    return idx >= 1 && idx <= p->nprov ? &p->provinces[idx] : NULL;
}

const struct country_info *places_country_info(const struct places *p, int idx)
{
    return idx >= 0 && idx < p->ncountries ? &p->countries[idx] : NULL;
}

int places_ncountries(const struct places *p) { return p->ncountries; }
int places_nprovinces(const struct places *p) { return p->nprov; }
int places_peru(const struct places *p) { return p->peru; }

const char *places_name(const struct places *p, int code)
{
    if (code >= 1 && code <= NREGIONS)
        return p->regions[code].name;
    if (code >= PLACE_FOREIGN && code - PLACE_FOREIGN < p->ncountries)
        return p->countries[code - PLACE_FOREIGN].name;
    return "unknown";
}
