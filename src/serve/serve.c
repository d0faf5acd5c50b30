/* serve.c: tipreport serve's life: options, pages, work folder, the daemon's loop with the
 * signals (a child's end, SIGINT, SIGTERM), expiry, and the clean exit. */
#include "serve/serve.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "serve/http.h"
#include "serve/log.h"
#include "serve/secret.h"
#include "serve/workdir.h"

/* SIGINT, SIGTERM and SIGCHLD blocked and read from a signalfd: the loop sees them. */
static int signals_fd(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGCHLD);
    if (sigprocmask(SIG_BLOCK, set, NULL) != 0)
        return -1;
    return signalfd(-1, set, SFD_NONBLOCK | SFD_CLOEXEC);
}

/* Until SIGINT or SIGTERM. */
static void loop(struct server *s, int sfd)
{
    for (bool stop = false; !stop;) {
        struct pollfd fds[2] = {{.fd = http_fd(s), .events = POLLIN},
                                {.fd = sfd, .events = POLLIN}};
        int n = poll(fds, 2, http_timeout(s, 1000));
        if (n < 0 && errno != EINTR)
            break;
        struct signalfd_siginfo si;
        while (read(sfd, &si, sizeof si) == (ssize_t)sizeof si)
            if (si.ssi_signo == SIGINT || si.ssi_signo == SIGTERM)
                stop = true;
        runs_reap(&s->runs);
        http_run(s);
        runs_expire(&s->runs, runs_now());
    }
}

static enum tp_err start(struct server *s, const struct serve_options *o, struct tp_error *err)
{
    enum tp_err rc = pages_load(&s->pages, o->templates, err);
    if (rc != TP_OK)
        return rc;
    if (!secret_random(s->csrf) || !secret_random(s->session))
        return tp_fail(err, TP_ERR_SERVE, NULL, 0, NULL, "serve: no random numbers: %s",
                       strerror(errno));
    if ((rc = workdir_make(s->runs.root, sizeof s->runs.root, err)) != TP_OK)
        return rc;
    snprintf(s->runs.templates, sizeof s->runs.templates, "%s", o->templates);
    snprintf(s->runs.ledger, sizeof s->runs.ledger, "%s", o->ledger);
    s->runs.max_active = o->max_runs;
    s->runs.keep = o->keep * 60.0;
    return http_start(s, err);
}

enum tp_err serve_main(int argc, char **argv, struct tp_error *err)
{
    static struct serve_options opt; /* large: not on the stack */
    static struct server s;
    enum tp_err rc = serve_options_parse(argc, argv, &opt, err);
    if (rc != TP_OK)
        return rc;
    s.opt = &opt;
    sigset_t set;
    int sfd = signals_fd(&set);
    if (sfd < 0)
        rc = tp_fail(err, TP_ERR_SERVE, NULL, 0, NULL, "serve: cannot watch signals: %s",
                     strerror(errno));
    if (rc == TP_OK)
        rc = start(&s, &opt, err);
    if (rc == TP_OK) {
        serve_log("listening on http://%s/ (work folder %s, runs kept %u minutes, %u at once, "
                  "uploads up to %llu bytes%s)", opt.listen, s.runs.root, opt.keep,
                  opt.max_runs, (unsigned long long)opt.max_upload,
                  opt.token[0] ? ", token required" : "");
        loop(&s, sfd);
        serve_log("stopping");
    }
    http_stop(&s);
    runs_stop_all(&s.runs);
    if (s.runs.root[0] && workdir_remove(s.runs.root) != 0 && rc == TP_OK)
        rc = tp_fail(err, TP_ERR_SERVE, s.runs.root, 0, NULL,
                     "serve: cannot remove the work folder: %s", strerror(errno));
    runs_free(&s.runs);
    pages_free(&s.pages);
    if (sfd >= 0)
        close(sfd);
    return rc;
}
