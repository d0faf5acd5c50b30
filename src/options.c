/* options.c: getopt_long, the config file ([report] keys), and where the templates are. */
#include "options.h"

#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/date.h"
#include "util/inifile.h"

static const char help[] =
    "Usage: tipreport COMMAND [INPUT] [OPTIONS]\n"
    "       tipreport --help | --version | --list-tables\n"
    "Turns a trafficking-in-persons case export (RETA CSV files) into the report's tables.\n"
    "\n"
    "Commands:\n"
    "  report [INPUT]     write DIR/report.xlsx, DIR/report.pdf, DIR/checklist.txt,\n"
    "                     DIR/tables/*.csv and DIR/data_quality.csv\n"
    "  region NAME [INPUT]  a brief for one region (a name, a variant such as Cuzco, or\n"
    "                     its ubigeo code): DIR/brief.pdf, DIR/brief.xlsx, DIR/tables/*.csv,\n"
    "                     always in public mode; 'region all': every region's brief in\n"
    "                     DIR/REGION/, protected once, together\n"
    "  validate [INPUT]   read the export and list every problem; write nothing\n"
    "  serve              the report as a web page: upload an export in a browser, get\n"
    "                     the documents (man tipreport); options below\n"
    "  help               this text\n"
    "\n"
    "INPUT is a folder holding cases.csv, victims.csv and (optionally) suspects.csv, in\n"
    "English or Spanish (casos, victimas, tratantes), or a single flat file with one row\n"
    "per victim. Default: input/\n"
    "\n"
    "Options:\n"
    "  -o, --output DIR      where to write (default output/FROM_TO/)\n"
    "      --from DATE       first day of the period (YYYY-MM-DD or DD/MM/YYYY; a year\n"
    "                        2019 or a month 2019-03: its first day)\n"
    "      --to DATE         last day of the period, included (a year or month: its last)\n"
    "                        (default: every date in the data)\n"
    "  -p, --profile NAME|FILE  how to read the export: reta (default), htcds, mininter,\n"
    "                        or a file\n"
    "  -c, --config FILE     settings file (default: INPUT/tipreport.ini when present);\n"
    "                        its [source NAME] sections put several sources in one\n"
    "                        report (docs/sources.md)\n"
    "      --age-bands LIST  output age bands, e.g. 0-17,18-30,31+, or a preset: default\n"
    "                        (0-17,18-30,31+), inei (0-5,6-11,12-17,18-29,30-59,60+),\n"
    "                        unodc (0-17,18+); a source whose ages are bands (mininter)\n"
    "                        takes unions of its bands, and its own bands by default\n"
    "      --title TEXT      report title\n"
    "      --lang es|en      language of the workbook (default es); the checklist is English\n"
    "      --public          public mode: counts from 1 to K-1 shown as <K, and further\n"
    "                        counts hidden (x) so that none can be worked out\n"
    "      --min-count K     K for public mode (default 3)\n"
    "      --ledger FILE     public mode: the release ledger (default: tipreport-ledger.tsv\n"
    "                        beside the output folder)\n"
    "      --any-period      public mode on a period that is not a whole calendar year,\n"
    "                        half, quarter or month, or run of whole years (or on every\n"
    "                        date in the data): still protected against the ledger\n"
    "      --strict          fail (exit 4) when any row is rejected; write nothing\n"
    "  -q, --quiet           no progress or summary\n"
    "      --templates DIR   the templates: profiles, place tables, report definitions,\n"
    "                        labels (default: $TIPREPORT_TEMPLATES, else templates/ beside\n"
    "                        the program, else ../share/tipreport/ from its folder)\n"
    "  -h, --help            this text\n"
    "  -V, --version         the version and the commit it was built from\n"
    "      --list-tables     every published table's definition, as TSV: its columns\n"
    "                        (role, values, key, measure ...), keyed rows and sums\n"
    "\n"
    "Options of serve:\n"
    "      --listen ADDR:PORT  where to listen (default 127.0.0.1:8080); an address\n"
    "                        that is not loopback needs --token-file\n"
    "      --token-file FILE  every request needs the token, the file's first line (16\n"
    "                        characters at least): a login form or 'Authorization: Bearer'\n"
    "      --max-upload SIZE  the largest upload, in bytes or with K, M, G (default 200M)\n"
    "      --keep MINUTES    each run's files are deleted after this (default 60)\n"
    "      --max-runs N      uploads and runs at once; more are refused (default 2)\n"
    "      --ledger FILE     the release ledger of every public run and brief made on the\n"
    "                        page (default: each run's own, deleted with it)\n"
    "\n"
    "Exit codes: 0 done; 1 internal error (out of memory); 2 usage error; 3 input cannot\n"
    "be read (missing file, unreadable encoding, missing column, bad profile or config,\n"
    "no templates); 4 rows rejected under --strict; 5 output cannot be written; 6 no row\n"
    "could be counted (every row rejected or filtered out): nothing is written; 7 serve\n"
    "cannot listen (address in use) or keep its work folder.\n"
    "\n"
    "Everything in full: man tipreport (doc/tipreport.1 in the source).\n";

const char *options_help(void) { return help; }

static bool is_dir(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0 && S_ISDIR(st.st_mode);
}

/* --templates, then $TIPREPORT_TEMPLATES, then templates/ beside the program (a checkout or
 * a build folder), then PREFIX/share/tipreport/ for the program in PREFIX/bin/ (make
 * install's layout). No path is compiled in: the program can be moved with its data, and
 * never falls back on the checkout it was built in. */
static enum tp_err find_templates(struct options *o, const char *argv0, const char *given,
                                  struct tp_error *err)
{
    const char *env = getenv("TIPREPORT_TEMPLATES");
    if (given || (env && *env)) {
        snprintf(o->templates, sizeof o->templates, "%s", given ? given : env);
        return TP_OK;
    }
    char bin[1000], prefix[1000]; /* with the names below, within o->templates */
    ssize_t n = readlink("/proc/self/exe", bin, sizeof bin - 1);
    if (n > 0)
        bin[n] = '\0';
    else /* no /proc: the name it was run by */
        snprintf(bin, sizeof bin, "%s", strchr(argv0, '/') ? argv0 : "./tipreport");
    *strrchr(bin, '/') = '\0'; /* the program's folder: "" for one in / */
    snprintf(prefix, sizeof prefix, "%s", bin);
    char *slash = strrchr(prefix, '/');
    if (slash)
        *slash = '\0';
    snprintf(o->templates, sizeof o->templates, "%s/templates", bin);
    if (is_dir(o->templates))
        return TP_OK;
    snprintf(o->templates, sizeof o->templates, "%s/share/tipreport", prefix);
    if (is_dir(o->templates) || o->cmd == CMD_HELP)
        return TP_OK;
    return tp_fail(err, TP_ERR_INPUT, NULL, 0, NULL,
                   "no templates: neither %s/templates nor %s/share/tipreport is a folder; "
                   "give --templates DIR or set TIPREPORT_TEMPLATES",
                   bin, prefix);
}

static enum tp_err usage(struct tp_error *err, const char *fmt, const char *arg)
{
    char msg[600];
    snprintf(msg, sizeof msg, fmt, arg);
    return tp_fail(err, TP_ERR_USAGE, NULL, 0, NULL, "%s\nTry 'tipreport --help'.", msg);
}

/* An end of the period: a date, or a year, month or range of years, whose first day starts a
 * period (from) and whose last day ends one. */
static enum date_status period_end(const char *s, bool from, tp_date *out)
{
    struct date_span sp;
    enum date_status st = date_parse_span(s, strlen(s), DATES_DAY_FIRST, &sp);
    *out = from ? sp.first : sp.last;
    return st;
}

static enum tp_err parse_date(const char *s, bool from, tp_date *out, struct tp_error *err)
{
    const char *what = from ? "--from" : "--to";
    enum date_status st = period_end(s, from, out);
    if (st != DATE_OK) {
        char msg[300];
        snprintf(msg, sizeof msg, "%s '%s': %s", what, s, date_problem(st));
        return usage(err, "%s", msg);
    }
    return TP_OK;
}

/* k of public mode: 2 (only ones are hidden) to 100. */
static bool min_count_value(const char *s, int *out)
{
    char *end;
    errno = 0;
    long k = strtol(s, &end, 10);
    if (errno || end == s || *end || k < 2 || k > 100)
        return false;
    *out = (int)k;
    return true;
}

static enum tp_err parse_min_count(const char *s, const char *what, int *out,
                                   struct tp_error *err)
{
    if (min_count_value(s, out))
        return TP_OK;
    char msg[200];
    snprintf(msg, sizeof msg, "%s '%s': a whole number from 2 to 100", what, s);
    return usage(err, "%s", msg);
}

enum { O_FROM = 256, O_TO, O_BANDS, O_TITLE, O_STRICT, O_TEMPLATES, O_LANG, O_PUBLIC,
       O_MIN_COUNT, O_LIST_TABLES, O_LEDGER, O_ANY_PERIOD };

/* The command, which comes first; *given false when none is. */
static enum tp_err parse_command(int argc, char **argv, struct options *o, bool *given,
                                 struct tp_error *err)
{
    *given = argc >= 2 && argv[1][0] != '-';
    if (!*given)
        return TP_OK;
    if (!strcmp(argv[1], "report"))
        o->cmd = CMD_REPORT;
    else if (!strcmp(argv[1], "validate"))
        o->cmd = CMD_VALIDATE;
    else if (!strcmp(argv[1], "region"))
        o->cmd = CMD_REGION;
    else if (!strcmp(argv[1], "help"))
        o->cmd = CMD_HELP;
    else
        return usage(err, "unknown command '%s' (commands: report, region, validate, serve, help)",
                     argv[1]);
    return TP_OK;
}

/* One option c (getopt_long's) with its optarg. *stop: --help or --version, which end the
 * parsing. */
static enum tp_err parse_option(int c, char **argv, struct options *o, const char **templates,
                                bool *stop, struct tp_error *err)
{
    enum tp_err rc = TP_OK;
    switch (c) {
    case 'o':
        snprintf(o->output, sizeof o->output, "%s", optarg);
        break;
    case O_FROM:
        if ((rc = parse_date(optarg, true, &o->period.from, err)) == TP_OK)
            o->set |= OPT_FROM;
        break;
    case O_TO:
        if ((rc = parse_date(optarg, false, &o->period.to, err)) == TP_OK)
            o->set |= OPT_TO;
        break;
    case 'p':
        snprintf(o->profile, sizeof o->profile, "%s", optarg);
        o->set |= OPT_PROFILE;
        break;
    case 'c':
        snprintf(o->config, sizeof o->config, "%s", optarg);
        break;
    case O_BANDS: {
        char why[200];
        if (!age_bands_parse(optarg, &o->bands, why, sizeof why))
            return usage(err, "--age-bands: %s", why);
        snprintf(o->bands_spec, sizeof o->bands_spec, "%s", optarg);
        o->set |= OPT_BANDS;
        break;
    }
    case O_TITLE:
        snprintf(o->title, sizeof o->title, "%s", optarg);
        o->set |= OPT_TITLE;
        break;
    case O_STRICT:
        o->strict = true;
        break;
    case O_LANG:
        if (strcmp(optarg, "es") && strcmp(optarg, "en"))
            return usage(err, "--lang: '%s' is not es or en", optarg);
        snprintf(o->lang, sizeof o->lang, "%s", optarg);
        o->set |= OPT_LANG;
        break;
    case 'q':
        o->quiet = true;
        break;
    case O_PUBLIC:
        o->public_mode = true;
        o->set |= OPT_PUBLIC;
        break;
    case O_MIN_COUNT:
        if ((rc = parse_min_count(optarg, "--min-count", &o->min_count, err)) == TP_OK)
            o->set |= OPT_MIN_COUNT;
        break;
    case O_TEMPLATES:
        *templates = optarg;
        break;
    case O_LEDGER:
        snprintf(o->ledger, sizeof o->ledger, "%s", optarg);
        break;
    case O_ANY_PERIOD:
        o->any_period = true;
        break;
    case 'h':
    case 'V':
        o->cmd = c == 'h' ? CMD_HELP : CMD_VERSION;
        *stop = true;
        break;
    case O_LIST_TABLES:
        o->cmd = CMD_LIST_TABLES;
        *stop = true;
        break;
    case ':':
        return usage(err, "option '%s' needs a value", argv[optind - 1]);
    default:
        return usage(err, "unknown option '%s'", argv[optind - 1]);
    }
    return rc;
}

enum tp_err options_parse(int argc, char **argv, struct options *o, struct tp_error *err)
{
    static const struct option longs[] = {
        {"output", required_argument, NULL, 'o'},  {"from", required_argument, NULL, O_FROM},
        {"to", required_argument, NULL, O_TO},     {"profile", required_argument, NULL, 'p'},
        {"config", required_argument, NULL, 'c'},  {"age-bands", required_argument, NULL, O_BANDS},
        {"title", required_argument, NULL, O_TITLE}, {"strict", no_argument, NULL, O_STRICT},
        {"quiet", no_argument, NULL, 'q'},         {"templates", required_argument, NULL, O_TEMPLATES},
        {"lang", required_argument, NULL, O_LANG}, {"public", no_argument, NULL, O_PUBLIC},
        {"min-count", required_argument, NULL, O_MIN_COUNT},
        {"help", no_argument, NULL, 'h'},          {"version", no_argument, NULL, 'V'},
        {"list-tables", no_argument, NULL, O_LIST_TABLES},
        {"ledger", required_argument, NULL, O_LEDGER},
        {"any-period", no_argument, NULL, O_ANY_PERIOD},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    snprintf(o->input, sizeof o->input, "input");
    snprintf(o->profile, sizeof o->profile, "reta");
    snprintf(o->lang, sizeof o->lang, "es");
    o->min_count = DEFAULT_MIN_COUNT;
    age_bands_default(&o->bands);
    const char *templates = NULL;
    bool command_given;
    /* The command comes first; options may follow it or INPUT in any order. */
    enum tp_err rc = parse_command(argc, argv, o, &command_given, err);
    if (rc != TP_OK)
        return rc;
    optind = command_given ? 2 : 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, ":o:p:c:qhV", longs, NULL)) != -1) {
        bool stop = false;
        if ((rc = parse_option(c, argv, o, &templates, &stop, err)) != TP_OK || stop)
            return rc;
    }
    if (!command_given && o->cmd != CMD_HELP)
        return usage(err, "%s", "no command: say 'tipreport report', 'tipreport region NAME' or 'tipreport validate'");
    if (o->cmd == CMD_REGION) {
        if (optind >= argc)
            return usage(err, "%s", "region: which region? say 'tipreport region Cusco'");
        snprintf(o->region, sizeof o->region, "%s", argv[optind++]);
        o->public_mode = true;
    }
    if (optind < argc)
        snprintf(o->input, sizeof o->input, "%s", argv[optind++]);
    if (optind < argc)
        return usage(err, "one INPUT only; '%s' is one too many", argv[optind]);
    return find_templates(o, argv[0], templates, err);
}

struct config_reader {
    struct options *o;
    const char *dir; /* the config file's folder: relative paths start there */
    const char *path; /* the config file, for messages about its [source] lines */
    struct tp_error *err;
};

/* Public mode takes whole calendar periods unless --any-period says otherwise: two releases of
 * arbitrary periods can be subtracted from one another (a day's difference is a day's cases),
 * and the ledger protects only against the releases it holds. */
enum tp_err options_public_period(const struct options *o, struct tp_error *err)
{
    if (!o->public_mode || o->any_period || period_calendar(o->period))
        return TP_OK;
    if (!o->period.from || !o->period.to)
        return usage(err, "%s", "public mode: no period chosen (every date in the data); "
                                "choose a whole calendar year, half, quarter or month with "
                                "--from and --to, or add --any-period");
    char a[11], b[11], msg[64];
    date_format(o->period.from, a);
    date_format(o->period.to, b);
    snprintf(msg, sizeof msg, "%s to %s", a, b);
    return usage(err, "public mode: the period %s is not a whole calendar year, half, quarter "
                      "or month, and releases of other periods can be subtracted from it; "
                      "choose one with --from and --to, or add --any-period", msg);
}

/* A path of the settings file: as written when absolute, else from the file's folder. */
static void config_path(const struct config_reader *r, const char *value, char *out, size_t size)
{
    if (value[0] == '/')
        snprintf(out, size, "%s", value);
    else
        snprintf(out, size, "%s/%s", r->dir, value);
}

/* A profile of the settings file: a name as written, a file from the file's folder. */
static void config_profile(const struct config_reader *r, const char *value, char *out,
                           size_t size)
{
    if (strchr(value, '/') || strstr(value, ".ini"))
        config_path(r, value, out, size);
    else
        snprintf(out, size, "%s", value);
}

/* NAME of "[source NAME]"; NULL when the section is no source. */
static const char *source_name(const char *section)
{
    if (strncmp(section, "source", 6) || (section[6] && section[6] != ' '))
        return NULL;
    return section + 6 + strspn(section + 6, " ");
}

static struct source_opt *source_find(struct options *o, const char *name)
{
    for (int i = 0; i < o->nsources; i++)
        if (!strcmp(o->sources[i].name, name))
            return &o->sources[i];
    return NULL;
}

/* Each [source NAME] line, before the keys are read (inifile_sections): a slug, once each. */
static int source_section(void *user, const char *section, long line)
{
    struct config_reader *r = user;
    struct options *o = r->o;
    const char *name = source_name(section);
    if (!name)
        return 1;
    size_t n = strlen(name);
    const char *why = NULL;
    if (!n)
        why = "a source needs a NAME, as [source mpfn]";
    else if (n >= sizeof o->sources[0].name || strspn(name, "abcdefghijklmnopqrstuvwxyz"
                                                            "0123456789_-") != n)
        why = "a source's NAME is its tables' folder: lower-case letters, digits, '_' and "
              "'-', at most 31";
    else if (source_find(o, name))
        why = "a second source of this NAME: each source names its own tables' folder";
    else if (o->nsources == MAX_SOURCES)
        why = "more than 8 sources";
    if (why) {
        tp_fail(r->err, TP_ERR_CONFIG, r->path, line, NULL, "[%s]: %s", section, why);
        return 0;
    }
    struct source_opt *s = &o->sources[o->nsources++];
    snprintf(s->name, sizeof s->name, "%s", name);
    s->line = line;
    return 1;
}

/* A key of [source NAME]: path, profile, title. */
static int source_key(struct config_reader *r, const char *name, const char *key,
                      const char *value)
{
    struct source_opt *s = source_find(r->o, name);
    if (!s) { /* inifile_sections saw every header; inih's and ours differ on odd lines */
        tp_fail(r->err, TP_ERR_CONFIG, NULL, 0, NULL, "[source %s]: not a source", name);
        return 0;
    }
    if (!value[0]) {
        tp_fail(r->err, TP_ERR_CONFIG, NULL, 0, key, "empty in [source %s]", name);
        return 0;
    }
    if (!strcmp(key, "path")) {
        config_path(r, value, s->path, sizeof s->path);
    } else if (!strcmp(key, "profile")) {
        config_profile(r, value, s->profile, sizeof s->profile);
    } else if (!strcmp(key, "title")) {
        snprintf(s->title, sizeof s->title, "%s", value);
    } else {
        tp_fail(r->err, TP_ERR_CONFIG, NULL, 0, NULL,
                "unknown key '%s' in [source %s] (known: path, profile, title)", key, name);
        return 0;
    }
    return 1;
}

static int config_key(void *user, const char *section, const char *name, const char *value)
{
    struct config_reader *r = user;
    struct options *o = r->o;
    struct tp_error *err = r->err;
    if (err->msg[0])
        return 1; /* keep the first problem */
    if (source_name(section))
        return source_key(r, source_name(section), name, value);
    if (strcmp(section, "report") != 0) {
        tp_fail(err, TP_ERR_CONFIG, NULL, 0, NULL,
                "unknown section [%s] (known: [report], [source NAME])", section);
        return 0;
    }
    if (!strcmp(name, "from") || !strcmp(name, "to")) {
        bool from = name[0] == 'f';
        tp_date d;
        enum date_status st = period_end(value, from, &d);
        if (st != DATE_OK) {
            tp_fail(err, TP_ERR_CONFIG, NULL, 0, name, "'%s': %s", value, date_problem(st));
            return 0;
        }
        if (!(o->set & (from ? OPT_FROM : OPT_TO)))
            *(from ? &o->period.from : &o->period.to) = d;
    } else if (!strcmp(name, "profile")) {
        if (!(o->set & OPT_PROFILE))
            config_profile(r, value, o->profile, sizeof o->profile);
    } else if (!strcmp(name, "age_bands")) {
        char why[200];
        struct age_bands b;
        if (!age_bands_parse(value, &b, why, sizeof why)) {
            tp_fail(err, TP_ERR_CONFIG, NULL, 0, name, "%s", why);
            return 0;
        }
        if (!(o->set & OPT_BANDS)) {
            o->bands = b;
            snprintf(o->bands_spec, sizeof o->bands_spec, "%s", value);
        }
    } else if (!strcmp(name, "title")) {
        if (!(o->set & OPT_TITLE))
            snprintf(o->title, sizeof o->title, "%s", value);
    } else if (!strcmp(name, "lang")) {
        if (strcmp(value, "es") && strcmp(value, "en")) {
            tp_fail(err, TP_ERR_CONFIG, NULL, 0, name, "'%s' is not es or en", value);
            return 0;
        }
        if (!(o->set & OPT_LANG))
            snprintf(o->lang, sizeof o->lang, "%s", value);
    } else if (!strcmp(name, "public")) {
        bool yes = !strcmp(value, "yes") || !strcmp(value, "true") || !strcmp(value, "1");
        if (!yes && strcmp(value, "no") && strcmp(value, "false") && strcmp(value, "0")) {
            tp_fail(err, TP_ERR_CONFIG, NULL, 0, name, "'%s' is not yes or no", value);
            return 0;
        }
        if (!(o->set & OPT_PUBLIC) && o->cmd != CMD_REGION)
            o->public_mode = yes;
    } else if (!strcmp(name, "min_count")) {
        int k;
        if (!min_count_value(value, &k)) {
            tp_fail(err, TP_ERR_CONFIG, NULL, 0, name, "'%s': a whole number from 2 to 100",
                    value);
            return 0;
        }
        if (k < DEFAULT_MIN_COUNT) { /* a settings file in the input folder is not enough */
            tp_fail(err, TP_ERR_CONFIG, NULL, 0, name,
                    "'%s': K below %d only on the command line (--public --min-count %d), not "
                    "in a settings file", value, DEFAULT_MIN_COUNT, k);
            return 0;
        }
        if (!(o->set & OPT_MIN_COUNT))
            o->min_count = k;
    } else if (!strcmp(name, "author")) {
        snprintf(o->author, sizeof o->author, "%s", value);
    } else if (!strcmp(name, "organisation")) {
        snprintf(o->organisation, sizeof o->organisation, "%s", value);
    } else {
        tp_fail(err, TP_ERR_CONFIG, NULL, 0, NULL,
                "unknown key '%s' (known: from, to, profile, age_bands, title, lang, author, "
                "organisation, public, min_count)", name);
        return 0;
    }
    return 1;
}

/* After the settings file: every source has a path; several sources make one internal
 * report (public mode and briefs protect one source's counts; docs/sources.md). */
static enum tp_err sources_check(struct options *o, struct tp_error *err)
{
    for (int i = 0; i < o->nsources; i++)
        if (!o->sources[i].path[0])
            return tp_fail(err, TP_ERR_CONFIG, o->config, o->sources[i].line, NULL,
                           "[source %s] has no path: say 'path = FILE' or 'path = FOLDER'",
                           o->sources[i].name);
    if (o->nsources && o->cmd == CMD_REGION)
        return usage(err, "region: a brief reads one source, and %.300s names [source] sections: "
                          "give the source's file as INPUT with its --profile", o->config);
    if (o->nsources && o->public_mode)
        return usage(err, "--public: a report of several sources ([source] sections in %.300s) "
                          "is not protected for publication yet: make the public report of "
                          "each source alone", o->config);
    return TP_OK;
}

enum tp_err options_config(struct options *o, struct tp_error *err)
{
    char path[1100];
    bool given = o->config[0] != '\0';
    if (given) {
        snprintf(path, sizeof path, "%s", o->config);
    } else {
        /* Beside the input: in the folder, or in the folder of a flat file. */
        if (is_dir(o->input)) {
            snprintf(path, sizeof path, "%s/tipreport.ini", o->input);
        } else {
            char tmp[1024];
            snprintf(tmp, sizeof tmp, "%s", o->input);
            snprintf(path, sizeof path, "%s/tipreport.ini", dirname(tmp));
        }
        if (access(path, F_OK) != 0)
            path[0] = '\0';
    }
    if (path[0]) {
        char dir[1100];
        snprintf(dir, sizeof dir, "%s", path);
        struct config_reader r = {o, dirname(dir), path, err};
        memset(err, 0, sizeof *err);
        if (!inifile_sections(path, source_section, &r))
            return err->code;
        enum tp_err rc = inifile_read(path, config_key, &r, TP_ERR_CONFIG, err);
        if (rc != TP_OK)
            return rc;
        snprintf(o->config, sizeof o->config, "%s", path);
        if ((rc = sources_check(o, err)) != TP_OK)
            return rc;
    }
    if (o->period.from && o->period.to && o->period.from > o->period.to) {
        char a[11], b[11];
        date_format(o->period.from, a);
        date_format(o->period.to, b);
        char msg[64];
        snprintf(msg, sizeof msg, "%s is after %s", a, b);
        return usage(err, "the period is empty: --from %s", msg);
    }
    if ((o->set & OPT_MIN_COUNT) && !o->public_mode && o->cmd == CMD_REPORT)
        return usage(err, "%s", "--min-count: only public output hides small counts; add --public");
    if (o->ledger[0] && !o->public_mode && o->cmd == CMD_REPORT)
        return usage(err, "%s", "--ledger: only public releases are recorded; add --public");
    if (o->any_period && !o->public_mode && o->cmd == CMD_REPORT)
        return usage(err, "%s", "--any-period: only public mode restricts the period; add --public");
    return TP_OK;
}

enum tp_err options_templates(const char *argv0, const char *given, char *out, size_t size,
                              struct tp_error *err)
{
    static struct options o; /* large: not on the stack */
    enum tp_err rc = find_templates(&o, argv0, given, err);
    snprintf(out, size, "%s", o.templates);
    return rc;
}
