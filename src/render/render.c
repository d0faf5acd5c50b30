/* render.c: the one walk over a report that every renderer shares. */
#include "render/render.h"

#include <errno.h>
#include <string.h>

enum tp_err render(const struct render_ops *ops, const struct report *r, const char *path,
                   struct tp_error *err)
{
    errno = 0;
    void *ctx = ops->begin(r, path, err);
    if (!ctx)
        return err->code;
    bool ok = true;
    for (size_t i = 0; ok && i < r->nsections; i++) {
        const struct section *s = &r->sections[i];
        ok = ops->section(ctx, s);
        for (size_t k = 0; ok && k < s->n; k++) {
            const struct block *b = &s->blocks[k];
            switch (b->kind) {
            case BLOCK_TABLE:
                ok = ops->table(ctx, b->index);
                break;
            case BLOCK_CHART:
                ok = ops->chart(ctx, b->index);
                break;
            default:
                ok = ops->text(ctx, b->kind, b->text);
                break;
            }
        }
    }
    int why = errno; /* a failed write's reason (a full disk), if the library kept it */
    enum tp_err rc = ops->end(ctx, ok, err);
    if (!ok && rc == TP_OK)
        rc = tp_fail(err, TP_ERR_OUTPUT, path, 0, NULL, "cannot write the %s: %s", ops->name,
                     why ? strerror(why) : "the library gave no reason");
    return rc;
}
