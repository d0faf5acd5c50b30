/* serve_options.c: parses tipreport serve's options and reads the token file. */
#include "serve/serve_options.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "options.h"

static enum tp_err usage(struct tp_error *err, const char *msg, const char *arg)
{
    char text[600];
    snprintf(text, sizeof text, msg, arg);
    return tp_fail(err, TP_ERR_USAGE, NULL, 0, NULL, "serve: %s\nTry 'tipreport --help'.", text);
}

/* "ADDR:PORT" or "[ADDR6]:PORT" into o->addr; false when it is neither. */
static bool parse_listen(struct serve_options *o)
{
    char host[256];
    const char *s = o->listen, *colon = strrchr(s, ':');
    if (!colon || colon == s)
        return false;
    size_t hl = (size_t)(colon - s);
    if (s[0] == '[' && s[hl - 1] == ']')
        s++, hl -= 2;
    if (hl == 0 || hl >= sizeof host)
        return false;
    memcpy(host, s, hl);
    host[hl] = '\0';
    char *end;
    errno = 0;
    unsigned long port = strtoul(colon + 1, &end, 10);
    if (errno || end == colon + 1 || *end || port == 0 || port > 65535)
        return false;
    o->port = (unsigned)port;
    memset(&o->addr, 0, sizeof o->addr);
    struct sockaddr_in *v4 = (struct sockaddr_in *)&o->addr;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&o->addr;
    if (inet_pton(AF_INET, host, &v4->sin_addr) == 1) {
        v4->sin_family = AF_INET;
        v4->sin_port = htons((uint16_t)port);
        o->addrlen = sizeof *v4;
        uint32_t a = ntohl(v4->sin_addr.s_addr);
        o->loopback = (a >> 24) == 127;
        o->wildcard = a == 0;
        return true;
    }
    if (inet_pton(AF_INET6, host, &v6->sin6_addr) == 1) {
        v6->sin6_family = AF_INET6;
        v6->sin6_port = htons((uint16_t)port);
        o->addrlen = sizeof *v6;
        o->loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
        o->wildcard = IN6_IS_ADDR_UNSPECIFIED(&v6->sin6_addr);
        return true;
    }
    return false;
}

/* SIZE: bytes, or a whole number of K, M or G (powers of 1024); 1K at least. */
static bool parse_size(const char *s, uint64_t *out)
{
    char *end;
    errno = 0;
    unsigned long long n = strtoull(s, &end, 10);
    if (errno || end == s || s[0] == '-')
        return false;
    int shift = 0;
    if (*end == 'K' || *end == 'k')
        shift = 10, end++;
    else if (*end == 'M' || *end == 'm')
        shift = 20, end++;
    else if (*end == 'G' || *end == 'g')
        shift = 30, end++;
    if (*end || n > (UINT64_MAX >> shift))
        return false;
    *out = (uint64_t)n << shift;
    return *out >= 1024;
}

static bool parse_count(const char *s, unsigned lo, unsigned hi, unsigned *out)
{
    char *end;
    errno = 0;
    long n = strtol(s, &end, 10);
    if (errno || end == s || *end || n < (long)lo || n > (long)hi)
        return false;
    *out = (unsigned)n;
    return true;
}

/* The token: the file's first line, without its line end; 16 characters at least. */
static enum tp_err read_token(const char *path, struct serve_options *o, struct tp_error *err)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL, "cannot read the token file: %s",
                       strerror(errno));
    bool got = fgets(o->token, sizeof o->token, f) != NULL;
    fclose(f);
    if (got)
        o->token[strcspn(o->token, "\r\n")] = '\0';
    if (!got || strlen(o->token) < 16)
        return tp_fail(err, TP_ERR_INPUT, path, 0, NULL,
                       "the token (the file's first line) needs 16 characters at least");
    return TP_OK;
}

enum { O_LISTEN = 300, O_TOKEN, O_MAX_UPLOAD, O_KEEP, O_MAX_RUNS, O_TEMPLATES, O_LEDGER };

static enum tp_err parse_one(int c, char **argv, struct serve_options *o,
                             const char **token_file, const char **templates,
                             struct tp_error *err)
{
    switch (c) {
    case O_LISTEN:
        snprintf(o->listen, sizeof o->listen, "%s", optarg);
        break;
    case O_TOKEN:
        *token_file = optarg;
        break;
    case O_MAX_UPLOAD:
        if (!parse_size(optarg, &o->max_upload))
            return usage(err, "--max-upload '%s': a size in bytes, or with K, M or G, of 1K at least", optarg);
        break;
    case O_KEEP:
        if (!parse_count(optarg, 1, 10080, &o->keep))
            return usage(err, "--keep '%s': minutes, a whole number from 1 to 10080", optarg);
        break;
    case O_MAX_RUNS:
        if (!parse_count(optarg, 1, 64, &o->max_runs))
            return usage(err, "--max-runs '%s': a whole number from 1 to 64", optarg);
        break;
    case O_TEMPLATES:
        *templates = optarg;
        break;
    case O_LEDGER: { /* absolute: each run works in a folder of its own */
        char cwd[1024] = "";
        if (optarg[0] != '/' && !getcwd(cwd, sizeof cwd))
            return usage(err, "--ledger '%s': the current folder cannot be named", optarg);
        snprintf(o->ledger, sizeof o->ledger, "%s%s%s", cwd, cwd[0] ? "/" : "", optarg);
        break;
    }
    case ':':
        return usage(err, "option '%s' needs a value", argv[optind - 1]);
    default:
        return usage(err, "unknown option '%s'", argv[optind - 1]);
    }
    return TP_OK;
}

enum tp_err serve_options_parse(int argc, char **argv, struct serve_options *o,
                                struct tp_error *err)
{
    static const struct option longs[] = {
        {"listen", required_argument, NULL, O_LISTEN},
        {"token-file", required_argument, NULL, O_TOKEN},
        {"max-upload", required_argument, NULL, O_MAX_UPLOAD},
        {"keep", required_argument, NULL, O_KEEP},
        {"max-runs", required_argument, NULL, O_MAX_RUNS},
        {"templates", required_argument, NULL, O_TEMPLATES},
        {"ledger", required_argument, NULL, O_LEDGER},
        {NULL, 0, NULL, 0}};
    memset(o, 0, sizeof *o);
    snprintf(o->listen, sizeof o->listen, "%s", SERVE_DEFAULT_LISTEN);
    o->max_upload = SERVE_DEFAULT_MAX_UPLOAD;
    o->keep = SERVE_DEFAULT_KEEP;
    o->max_runs = SERVE_DEFAULT_MAX_RUNS;
    const char *token_file = NULL, *templates = NULL;
    optind = 2;
    opterr = 0;
    int c;
    enum tp_err rc;
    while ((c = getopt_long(argc, argv, ":", longs, NULL)) != -1)
        if ((rc = parse_one(c, argv, o, &token_file, &templates, err)) != TP_OK)
            return rc;
    if (optind < argc)
        return usage(err, "'%s': serve takes no INPUT (the page uploads it)", argv[optind]);
    if (!parse_listen(o))
        return usage(err, "--listen '%s': ADDR:PORT, such as 127.0.0.1:8080 or [::1]:8080",
                     o->listen);
    if (!o->loopback && !token_file)
        return usage(err, "--listen %s is not a loopback address: give --token-file FILE too, "
                          "so that every request needs the token", o->listen);
    if (token_file && (rc = read_token(token_file, o, err)) != TP_OK)
        return rc;
    return options_templates(argv[0], templates, o->templates, sizeof o->templates, err);
}
