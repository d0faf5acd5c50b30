/* rowqueue.c: producer thread (csvfile_next, copy into a batch) and a bounded batch queue. */
#include "read/rowqueue.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define BATCH_ROWS 4096
#define BATCHES 4 /* in flight: being filled, queued, being read */

struct rowinfo {
    long line;
    size_t first, nfields; /* into the batch's field arrays */
    enum row_problem problem;
    size_t problem_column;
    bool overflow;
};

struct batch {
    struct buf text;         /* field bytes, each NUL-terminated */
    size_t *off, *len;       /* per field of every row */
    const char **ptr;        /* off as pointers, filled once the batch is full */
    size_t nf, fcap;
    struct rowinfo rows[BATCH_ROWS];
    size_t nrows;
};

struct rowqueue {
    struct csvfile *csv;
    pthread_t thread;
    bool started;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct batch *free_list[BATCHES], *full[BATCHES];
    int nfree, nfull, head; /* full is a ring: head, head + 1 ... */
    bool done, stop;        /* producer finished; consumer wants it to stop */
    int status;             /* producer's last csvfile_next() result: 0 end, -1 error */
    struct tp_error err;    /* the producer's error */
    struct batch *cur;      /* the batch the consumer reads */
    size_t next;            /* its next row */
    struct csv_row row, peek;
};

static void batch_free(struct batch *b)
{
    if (!b)
        return;
    buf_free(&b->text);
    free(b->off);
    free(b->len);
    free(b->ptr);
    free(b);
}

static bool batch_add(struct batch *b, const struct csv_row *r)
{
    if (b->nf + r->nfields > b->fcap) {
        size_t cap = b->fcap ? b->fcap : 1024;
        while (cap < b->nf + r->nfields)
            cap *= 2;
        size_t *o = realloc(b->off, cap * sizeof *o);
        if (o)
            b->off = o;
        size_t *l = realloc(b->len, cap * sizeof *l);
        if (l)
            b->len = l;
        const char **p = realloc(b->ptr, cap * sizeof *p);
        if (p)
            b->ptr = p;
        if (!o || !l || !p)
            return false;
        b->fcap = cap;
    }
    struct rowinfo *ri = &b->rows[b->nrows++];
    ri->line = r->line;
    ri->first = b->nf;
    ri->nfields = r->nfields;
    ri->problem = r->problem;
    ri->problem_column = r->problem_column;
    ri->overflow = r->overflow;
    for (size_t i = 0; i < r->nfields; i++) {
        b->off[b->nf] = b->text.len;
        b->len[b->nf] = r->len[i];
        b->nf++;
        if (!buf_add(&b->text, r->field[i], r->len[i]) || !buf_addc(&b->text, '\0'))
            return false;
    }
    return true;
}

static void *produce(void *arg)
{
    struct rowqueue *q = arg;
    struct batch *b = NULL;
    int status = 1;
    for (;;) {
        if (!b) {
            pthread_mutex_lock(&q->mu);
            while (!q->nfree && !q->stop)
                pthread_cond_wait(&q->cv, &q->mu);
            b = q->stop ? NULL : q->free_list[--q->nfree];
            pthread_mutex_unlock(&q->mu);
            if (!b)
                break;
            buf_clear(&b->text);
            b->nf = b->nrows = 0;
        }
        const struct csv_row *r;
        status = csvfile_next(q->csv, &r, &q->err);
        if (status == 1 && !batch_add(b, r)) {
            tp_fail(&q->err, TP_ERR_NOMEM, NULL, r->line, NULL, "out of memory");
            status = -1;
        }
        if (status == 1 && b->nrows < BATCH_ROWS && b->text.len < ((size_t)4 << 20))
            continue;
        /* Hand over a full batch, or the last one. */
        for (size_t i = 0; i < b->nf; i++)
            b->ptr[i] = b->text.p + b->off[i];
        pthread_mutex_lock(&q->mu);
        q->full[(q->head + q->nfull++) % BATCHES] = b;
        if (status != 1) {
            q->done = true;
            q->status = status;
        }
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        b = NULL;
        if (status != 1)
            return NULL;
    }
    pthread_mutex_lock(&q->mu);
    q->done = true;
    q->status = 0;
    pthread_cond_broadcast(&q->cv);
    pthread_mutex_unlock(&q->mu);
    return NULL;
}

struct rowqueue *rowqueue_start(struct csvfile *csv, struct tp_error *err)
{
    struct rowqueue *q = calloc(1, sizeof *q);
    if (!q) {
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
        return NULL;
    }
    q->csv = csv;
    pthread_mutex_init(&q->mu, NULL);
    pthread_cond_init(&q->cv, NULL);
    for (int i = 0; i < BATCHES; i++) {
        if (!(q->free_list[i] = calloc(1, sizeof(struct batch)))) {
            rowqueue_stop(q);
            tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "out of memory");
            return NULL;
        }
        q->nfree++;
    }
    if (pthread_create(&q->thread, NULL, produce, q) != 0) {
        rowqueue_stop(q);
        tp_fail(err, TP_ERR_NOMEM, NULL, 0, NULL, "cannot start a reading thread");
        return NULL;
    }
    q->started = true;
    return q;
}

int rowqueue_next(struct rowqueue *q, const struct csv_row **row, struct tp_error *err)
{
    while (!q->cur || q->next == q->cur->nrows) {
        pthread_mutex_lock(&q->mu);
        if (q->cur) { /* give the read batch back */
            q->free_list[q->nfree++] = q->cur;
            q->cur = NULL;
            pthread_cond_broadcast(&q->cv);
        }
        while (!q->nfull && !q->done)
            pthread_cond_wait(&q->cv, &q->mu);
        if (q->nfull) {
            q->cur = q->full[q->head];
            q->head = (q->head + 1) % BATCHES;
            q->nfull--;
            q->next = 0;
        }
        int status = q->status;
        bool over = !q->cur && q->done;
        pthread_mutex_unlock(&q->mu);
        if (over) {
            if (status < 0)
                *err = q->err;
            return status;
        }
    }
    const struct rowinfo *ri = &q->cur->rows[q->next++];
    q->row.line = ri->line;
    q->row.nfields = ri->nfields;
    q->row.field = q->cur->ptr + ri->first;
    q->row.len = q->cur->len + ri->first;
    q->row.problem = ri->problem;
    q->row.problem_column = ri->problem_column;
    q->row.overflow = ri->overflow;
    *row = &q->row;
    return 1;
}

const struct csv_row *rowqueue_peek(struct rowqueue *q, size_t k)
{
    if (!q->cur || q->next + k - 1 >= q->cur->nrows)
        return NULL;
    const struct rowinfo *ri = &q->cur->rows[q->next + k - 1];
    q->peek.nfields = ri->nfields;
    q->peek.field = q->cur->ptr + ri->first;
    q->peek.len = q->cur->len + ri->first;
    return &q->peek;
}

void rowqueue_stop(struct rowqueue *q)
{
    if (!q)
        return;
    if (q->started) {
        pthread_mutex_lock(&q->mu);
        q->stop = true;
        /* Free the producer if it waits for room. */
        if (q->cur) {
            q->free_list[q->nfree++] = q->cur;
            q->cur = NULL;
        }
        while (q->nfull) {
            q->free_list[q->nfree++] = q->full[q->head];
            q->head = (q->head + 1) % BATCHES;
            q->nfull--;
        }
        pthread_cond_broadcast(&q->cv);
        pthread_mutex_unlock(&q->mu);
        pthread_join(q->thread, NULL);
        /* The producer may have queued one more batch before seeing stop. */
        while (q->nfull) {
            q->free_list[q->nfree++] = q->full[q->head];
            q->head = (q->head + 1) % BATCHES;
            q->nfull--;
        }
    }
    if (q->cur)
        q->free_list[q->nfree++] = q->cur;
    for (int i = 0; i < q->nfree; i++)
        batch_free(q->free_list[i]);
    pthread_mutex_destroy(&q->mu);
    pthread_cond_destroy(&q->cv);
    free(q);
}
