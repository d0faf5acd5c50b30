/* render.h: one interface for every document a report is written as (workbook, PDF, HTML, text). */
#ifndef TP_RENDER_H
#define TP_RENDER_H

#include <stdbool.h>

#include "util/error.h"
#include "report/report.h"

/* A renderer is a small table of functions; render() walks the report and calls them in
 * order. Each returns false on failure, after which only end(ok = false) is called. */
struct render_ops {
    const char *name;
    void *(*begin)(const struct report *r, const char *path, struct tp_error *err);
    bool (*section)(void *ctx, const struct section *s);
    bool (*text)(void *ctx, enum block_kind kind, const char *text); /* subhead, text, to-do */
    bool (*table)(void *ctx, int index);
    bool (*chart)(void *ctx, int index);
    /* Finishes the document (ok) or abandons it; frees ctx. Reports write errors. */
    enum tp_err (*end)(void *ctx, bool ok, struct tp_error *err);
};

extern const struct render_ops render_xlsx; /* report.xlsx: libxlsxwriter */
extern const struct render_ops render_text; /* checklist.txt: fixed-width text */
extern const struct render_ops render_pdf;  /* report.pdf: cairo and pango */
extern const struct render_ops render_html; /* report.html: one page, SVG charts */

enum tp_err render(const struct render_ops *ops, const struct report *r, const char *path,
                   struct tp_error *err);

#endif
