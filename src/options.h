/* options.h: the command line and the config file, checked before any data is read. */
#ifndef TP_OPTIONS_H
#define TP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "count/age.h"
#include "util/date.h"
#include "util/error.h"

enum command { CMD_REPORT, CMD_VALIDATE, CMD_REGION, CMD_HELP, CMD_VERSION, CMD_LIST_TABLES };

#define DEFAULT_MIN_COUNT 3
#define MAX_SOURCES 8

/* One [source NAME] of the settings file: a source read and counted by its own profile. */
struct source_opt {
    char name[32];      /* a slug: [a-z0-9_-], the tables' folder tables/NAME/ */
    char path[1024];    /* a file or folder, as INPUT; relative to the settings file */
    char profile[1024]; /* a name or a path; "" = the report's (--profile, [report]) */
    char title[256];    /* the documents' name for it; "" = its attribution's name */
    long line;          /* of its [source NAME] line, for messages */
};

struct options {
    enum command cmd;
    char input[1024];     /* default "input" */
    char output[1024];    /* "" = output/<from>_<to> */
    struct period period; /* 0 = open end */
    char profile[1024];   /* a name or a path; default "reta" */
    char config[1100];    /* the config file that was read; "" when none */
    struct age_bands bands;
    char bands_spec[128];
    char title[256];
    char lang[8];          /* of the workbook: "es" (default) or "en" */
    char author[128], organisation[160];
    bool strict, quiet;
    bool public_mode;     /* --public; always for a regional brief */
    int min_count;        /* k: counts from 1 to k-1 are hidden in public mode */
    char ledger[1024];    /* public mode's release ledger; "" = beside the output folder */
    bool any_period;      /* --any-period: public mode on a period not whole calendar months */
    char region[128];     /* tipreport region NAME: the name as given */
    char templates[1024]; /* profiles/ and places/ live here */
    struct source_opt sources[MAX_SOURCES]; /* [source NAME] sections, in the file's order */
    int nsources;                           /* 0: INPUT with --profile, as always */
    unsigned set;         /* OPT_* given on the command line: the config does not override them */
};

enum {
    OPT_FROM = 1 << 0,
    OPT_TO = 1 << 1,
    OPT_PROFILE = 1 << 2,
    OPT_BANDS = 1 << 3,
    OPT_TITLE = 1 << 4,
    OPT_LANG = 1 << 5,
    OPT_PUBLIC = 1 << 6,
    OPT_MIN_COUNT = 1 << 7,
};

/* Parses argv (argv[0] locates the templates). Usage problems return TP_ERR_USAGE. */
enum tp_err options_parse(int argc, char **argv, struct options *o, struct tp_error *err);

/* Reads --config FILE, or tipreport.ini beside the input when there is one, and fills what
 * the command line left unset. Then checks the period. */
enum tp_err options_config(struct options *o, struct tp_error *err);

/* Public mode's period: a whole calendar year, half, quarter or month, a run of whole years,
 * or --any-period. Checked once a brief's region is known (a wrong region is said first). */
enum tp_err options_public_period(const struct options *o, struct tp_error *err);

const char *options_help(void);

/* The templates folder as options_parse finds it (--templates DIR given, or NULL); exit 3's
 * error when there is none. */
enum tp_err options_templates(const char *argv0, const char *given, char *out, size_t size,
                              struct tp_error *err);

#endif
