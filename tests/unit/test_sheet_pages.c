/* test_sheet_pages.c: a sheet's page breaks before blocks that do not fit, header wrapping. */
#include "check.h"
#include "render/sheet_pages.h"

void suite_sheet_pages(void)
{
    /* 20 default rows (15 points) a page. Rows 0-9 hold 150 points; the block 10-25 (240)
     * does not fit beside them: a break at 10. Rows 10-29 fill that page (300); the block
     * 30-35 starts the next. A block at the very top never breaks before itself. */
    struct sheet_pages p = {0};
    pages_keep(&p, 0, 4);
    pages_keep(&p, 10, 25);
    pages_keep(&p, 30, 35);
    uint32_t breaks[PAGES_MAX + 1];
    CHECK_INT(pages_breaks(&p, 40, 300, breaks), 2);
    CHECK_INT(breaks[0], 10);
    CHECK_INT(breaks[1], 30);
    CHECK_INT(breaks[2], 0);

    /* Rows 0-3 with one of 200 points (245) and the block 4-9 (90): over 300, a break at 4. */
    struct sheet_pages q = {0};
    pages_row_height(&q, 2, 200);
    pages_keep(&q, 4, 9);
    CHECK_INT(pages_breaks(&q, 10, 300, breaks), 1);
    CHECK_INT(breaks[0], 4);
    /* A chart beside its table (overlapping rows) joins the table's block. */
    pages_keep(&q, 6, 14);
    pages_keep(&q, 3, 5);
    CHECK_INT(q.nkeep, 1);
    CHECK_INT(q.keep[0].top, 3);
    CHECK_INT(q.keep[0].bottom, 14);

    /* (width - 2) / 1.1 characters a line: 9.09 in a column 12 wide. */
    CHECK_INT(pages_wrapped_lines("Presuntos tratantes", 12), 2);
    CHECK_INT(pages_wrapped_lines("Presuntos tratantes", 24), 1);
    CHECK_INT(pages_wrapped_lines("Total", 8), 1);
    CHECK_INT(pages_wrapped_lines("Identificados", 8), 1); /* a word is never cut */
    CHECK_INT(pages_wrapped_lines("De ellas, trata laboral", 12), 3);
    CHECK_INT(pages_wrapped_lines("Víctimas por 100 000 hab.", 13), 3); /* characters, not bytes */
}
