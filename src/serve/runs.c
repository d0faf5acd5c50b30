/* runs.c: each run in its own folder and child process, so that no run can stop the server. */
#include "serve/runs.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "serve/log.h"
#include "serve/secret.h"
#include "serve/workdir.h"
#include "util/grow.h"

double runs_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static unsigned active(const struct runs *t)
{
    unsigned n = 0;
    for (size_t i = 0; i < t->n; i++)
        n += t->items[i].state == RUN_UPLOADING || t->items[i].state == RUN_RUNNING;
    return n;
}

static struct run *free_slot(struct runs *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->items[i].state == RUN_FREE)
            return &t->items[i];
    if (!grow((void **)&t->items, &t->cap, t->n, sizeof *t->items, 8))
        return NULL;
    memset(&t->items[t->n], 0, sizeof *t->items);
    return &t->items[t->n++];
}

struct run *runs_new(struct runs *t, bool *busy)
{
    *busy = active(t) >= t->max_active;
    struct run *r = *busy ? NULL : free_slot(t);
    if (!r || !secret_random(r->id))
        return NULL;
    char in[1200];
    snprintf(r->dir, sizeof r->dir, "%s/%s", t->root, r->id);
    snprintf(in, sizeof in, "%s/in", r->dir);
    if (mkdir(r->dir, 0700) != 0 || mkdir(in, 0700) != 0) {
        workdir_remove(r->dir);
        return NULL;
    }
    r->state = RUN_UPLOADING;
    r->started = runs_now();
    r->bytes = 0;
    r->pid = 0;
    return r;
}

struct run *runs_find(struct runs *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->items[i].state != RUN_FREE && !strcmp(t->items[i].id, id))
            return &t->items[i];
    return NULL;
}

/* The child's arguments; every value is its own argv element (no shell), options' values
 * joined with '=' so that none can be read as an option. */
static void run_args(const struct runs *t, const struct run_request *q, char *store,
                     size_t size, char *argv[], int max)
{
    int n = 0;
    size_t used = 0;
#define ARG(...)                                                                      \
    do {                                                                              \
        int w_ = snprintf(store + used, size - used, __VA_ARGS__);                    \
        if (n < max - 1 && w_ >= 0 && used + (size_t)w_ < size)                       \
            argv[n++] = store + used, used += (size_t)w_ + 1;                         \
    } while (0)
    ARG("tipreport");
    if (q->region[0]) {
        ARG("region");
        ARG("%s", q->region);
    } else
        ARG("report");
    ARG("%s", q->input);
    ARG("--output=out");
    ARG("--quiet");
    ARG("--templates=%s", t->templates);
    ARG("--lang=%s", q->lang);
    if (q->from[0])
        ARG("--from=%s", q->from);
    if (q->to[0])
        ARG("--to=%s", q->to);
    if (q->public_mode && !q->region[0])
        ARG("--public");
    if ((q->public_mode || q->region[0]) && t->ledger[0])
        ARG("--ledger=%s", t->ledger);
    if (q->config)
        ARG("--config=in/tipreport.ini");
#undef ARG
    argv[n] = NULL;
}

/* In the child: only async-signal-safe calls until exec. */
static void child(const char *dir, int err_fd, char *argv[])
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
    setpgid(0, 0);
    int null = open("/dev/null", O_RDWR);
    if (chdir(dir) != 0 || null < 0 || dup2(null, 0) < 0 || dup2(null, 1) < 0 ||
        dup2(err_fd, 2) < 0)
        _exit(127);
    for (int fd = 3; fd < 1024; fd++)
        close(fd);
    execv("/proc/self/exe", argv);
    _exit(127);
}

bool runs_start(struct runs *t, struct run *r, const struct run_request *req)
{
    char store[4096], *argv[24], path[1200];
    run_args(t, req, store, sizeof store, argv, 24);
    snprintf(path, sizeof path, "%s/messages.txt", r->dir);
    int err_fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
    pid_t pid = err_fd >= 0 ? fork() : -1;
    if (pid == 0)
        child(r->dir, err_fd, argv);
    if (err_fd >= 0)
        close(err_fd);
    r->started = runs_now();
    if (pid < 0) {
        r->state = RUN_DONE;
        r->status = 1 << 8; /* as exit(1) */
        r->finished = r->started;
        serve_log("run %s: could not start: %s", r->id, strerror(errno));
        return false;
    }
    r->state = RUN_RUNNING;
    r->pid = pid;
    serve_log("run %s: started, %llu bytes uploaded", r->id, (unsigned long long)r->bytes);
    return true;
}

void runs_drop(struct run *r)
{
    workdir_remove(r->dir);
    r->state = RUN_FREE;
}

static void ended(struct run *r, int status)
{
    r->state = RUN_DONE;
    r->status = status;
    r->finished = runs_now();
    r->pid = 0;
    if (WIFEXITED(status))
        serve_log("run %s: exit %d after %.1f s", r->id, WEXITSTATUS(status),
                  r->finished - r->started);
    else
        serve_log("run %s: ended by signal %d after %.1f s", r->id, WTERMSIG(status),
                  r->finished - r->started);
}

void runs_reap(struct runs *t)
{
    int status;
    pid_t pid;
    while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
        for (size_t i = 0; i < t->n; i++)
            if (t->items[i].state == RUN_RUNNING && t->items[i].pid == pid)
                ended(&t->items[i], status);
}

void runs_expire(struct runs *t, double now)
{
    for (size_t i = 0; i < t->n; i++) {
        struct run *r = &t->items[i];
        if (r->state == RUN_DONE && now - r->finished >= t->keep) {
            runs_drop(r);
            serve_log("run %s: deleted", r->id);
        }
    }
}

void runs_stop_all(struct runs *t)
{
    for (size_t i = 0; i < t->n; i++)
        if (t->items[i].state == RUN_RUNNING)
            kill(-t->items[i].pid, SIGTERM); /* its process group: the run and anything it ran */
    for (size_t i = 0; i < t->n; i++) {
        struct run *r = &t->items[i];
        if (r->state == RUN_RUNNING && waitpid(r->pid, &r->status, 0) == r->pid)
            ended(r, r->status);
        if (r->state != RUN_FREE)
            runs_drop(r);
    }
}

void runs_free(struct runs *t)
{
    free(t->items);
    t->items = NULL;
    t->n = t->cap = 0;
}
