/* rowqueue.h: a CSV file's rows parsed on a second thread and handed over in batches. */
#ifndef TP_ROWQUEUE_H
#define TP_ROWQUEUE_H

#include "read/csvfile.h"
#include "util/error.h"

/* Parsing (libcsv, decoding) runs on its own thread while the caller works on earlier rows;
 * rows still arrive one at a time and in file order, so results do not depend on timing.
 * Memory is bounded: a few batches of at most BATCH_ROWS rows. */
struct rowqueue;

/* Reads the rest of csv (whatever csvfile_next() would return next). The csvfile must stay
 * open, untouched by the caller, until rowqueue_stop(). NULL on failure with *err set. */
struct rowqueue *rowqueue_start(struct csvfile *csv, struct tp_error *err);

/* As csvfile_next(): 1 a row (valid until the next call), 0 the end, -1 an error (*err). */
int rowqueue_next(struct rowqueue *q, const struct csv_row **row, struct tp_error *err);

/* The row k places after the one rowqueue_next() returned last, if already parsed and in the
 * same batch; NULL otherwise. Only its field and len arrays are meaningful. For prefetching. */
const struct csv_row *rowqueue_peek(struct rowqueue *q, size_t k);

/* Stops the thread, early or at the end, and frees the queue. Accepts NULL. */
void rowqueue_stop(struct rowqueue *q);

#endif
