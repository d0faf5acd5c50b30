/* dataset.h: a case, a victim and a suspect after normalisation: codes and dates, no text. */
#ifndef TP_DATASET_H
#define TP_DATASET_H

#include <stdint.h>

#include "count/age.h"
#include "util/date.h"

#define MAX_TRANSIT 8

/* Kept for every counted case (the victims file refers to it), so it is small. A mask holds a
 * bit per code of its value set: read/vocab.c asserts that every code has one. */
struct case_rec {
    tp_date reported_on;    /* the first day it may have been reported on */
    tp_date reported_to;    /* the last: reported_on for a full date, the year's end for 2017 */
    uint32_t weight;        /* cases this record stands for (a count column; else 1) */
    tp_date status_on;      /* 0 when not given */
    uint32_t route;         /* route id in the aggregate's route table */
    uint16_t exploitation;  /* mask of codes; 0 = unknown */
    uint16_t recruitment;   /* mask */
    uint8_t transport;      /* mask */
    uint8_t region;         /* 0 unknown, 1..25 */
    uint8_t city;           /* province index, 0 unknown */
    uint8_t source, status; /* code; the value set's ncodes = unknown */
    uint16_t periods;       /* bit p set: reported_on..reported_to lies inside period p */
    uint16_t partly;        /* bit p set: it lies partly inside period p (counted in none) */
    uint8_t precision;      /* enum date_precision */
    uint16_t year;          /* its row of by_year.csv (agg_year) */
};

struct victim_rec {
    uint8_t sex;          /* SEX_* */
    struct age age;       /* lo = -1 unknown */
    int16_t nationality;  /* country index, -1 unknown */
    uint8_t id_document;  /* YES, NO, YESNO_UNKNOWN */
    uint16_t assistance;  /* mask */
    uint32_t weight;      /* victims this record stands for (a count column; else 1) */
    uint16_t home;        /* where the victim comes from: a place code (places.h), 0 unknown */
};

struct suspect_rec {
    tp_date identified_on;
    uint8_t sex;
    int16_t nationality; /* country index, -1 unknown */
    uint8_t detained, prosecuted, convicted; /* YES, NO, YESNO_UNKNOWN */
    double sentence_years;                   /* < 0 when not given */
    uint16_t exploitation; /* of the suspect's case (by case_id); 0 when unknown or none */
    uint8_t region;        /* the case's region; 0 when unknown or none */
    uint32_t weight;       /* suspects this record stands for (a count column; else 1) */
};

/* A route: places as place codes (places.h); 0 = unknown. */
struct route_key {
    uint16_t origin, destination;
    uint16_t ntransit;
    uint16_t transit[MAX_TRANSIT];
};

#endif
