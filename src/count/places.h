/* places.h: Peru's regions, provinces and capitals, ubigeo codes, and the world's countries. */
#ifndef TP_PLACES_H
#define TP_PLACES_H

#include <stddef.h>
#include <stdint.h>

#include "util/error.h"

#define NREGIONS 25
#define PLACE_UNKNOWN 0
#define PLACE_FOREIGN 1000 /* code of a foreign place: PLACE_FOREIGN + country index */

enum place_status {
    PLACE_OK,
    PLACE_BLANK,
    PLACE_UNRECOGNISED,
    PLACE_AMBIGUOUS, /* a name shared by places in several regions */
    PLACE_NO_REGION, /* recognised only as "Peru" */
};

/* A resolved place. code: 0 unknown, 1..25 a region (INEI ubigeo), PLACE_FOREIGN + n a
 * foreign country. province: 1..nprovinces when a province or its capital was named. */
struct place {
    uint16_t code;
    uint8_t province;
    uint8_t status;
};

struct region_info {
    char code[3];      /* "01" .. "25" */
    char name[32];     /* official name, with accents: "Huánuco" */
    char iso[8];       /* "PE-HUC" */
    char capital[40];
    double lat, lon;   /* of the capital */
    long population;   /* 2007 census */
};

struct province_info {
    char code[5];      /* "2511" */
    int region;        /* 1..25 */
    char name[64];     /* as in the ubigeo table: "CORONEL PORTILLO" */
    char capital[64];  /* "Pucallpa" */
};

struct country_info {
    char a2[3], a3[4];
    char name[64];    /* common English name: "Bolivia" */
    char name_es[96];
    double lat, lon;  /* of the capital, for the map; NAN when the table has none */
};

struct places;

/* Loads regions.csv, ubigeo_provinces.csv, ubigeo_districts.csv, variants.csv and
 * countries.csv from dir. NULL on failure with *err set. */
struct places *places_load(const char *dir, struct tp_error *err);
void places_free(struct places *p); /* accepts NULL */

struct place places_resolve(const struct places *p, const char *s, size_t n);
/* Why a place is ambiguous: "Ayacucho or Cajamarca". */
void places_ambiguity(const struct places *p, const char *s, size_t n, char *out, size_t size);

/* A country by name, Spanish or English, demonym, or ISO code in capitals; -1 when none. */
int places_country(const struct places *p, const char *s, size_t n);

const struct region_info *places_region(const struct places *p, int code); /* 1..25 */
const struct province_info *places_province(const struct places *p, int idx); /* 1..n */
const struct country_info *places_country_info(const struct places *p, int idx);
int places_ncountries(const struct places *p);
int places_nprovinces(const struct places *p);
int places_peru(const struct places *p); /* Peru's country index */
/* Name of a place code for tables: region name, country name, or "unknown". */
const char *places_name(const struct places *p, int code);

#endif
