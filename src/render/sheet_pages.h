/* sheet_pages.h: a spreadsheet's sheet laid out for print: rows of their own height, blocks
 * kept on one page, where its pages break, and how a header label wraps. */
#ifndef TP_SHEET_PAGES_H
#define TP_SHEET_PAGES_H

#include <stdint.h>

#define PAGES_MAX 128     /* rows of their own height, and blocks kept together, per sheet */
#define LINE_HEIGHT 15.0  /* points, a row of one line of the default font */

/* One sheet's rows (0-based, as libxlsxwriter counts them). Beyond PAGES_MAX, further rows
 * have the default height and further blocks may be split. */
struct sheet_pages {
    struct { uint32_t row; double height; } tall[PAGES_MAX];
    struct { uint32_t top, bottom; } keep[PAGES_MAX];
    int ntall, nkeep;
};

void pages_row_height(struct sheet_pages *p, uint32_t row, double points);
/* Rows top to bottom on one page when they fit on one (a table with its chart); a block that
 * overlaps the last one (a chart beside its table) joins it. Blocks come top to bottom. */
void pages_keep(struct sheet_pages *p, uint32_t top, uint32_t bottom);
/* The first row of each new page (into breaks, PAGES_MAX + 1 long, 0-terminated) for rows
 * [0, rows) on pages that hold `room` points of rows: a break before a block that does not fit
 * in what is left of a page. Returns the number of breaks. */
int pages_breaks(const struct sheet_pages *p, uint32_t rows, double room, uint32_t *breaks);
/* The lines UTF-8 label s wraps into in a column `width` characters wide, in bold and
 * indented (a little narrower), words kept whole. */
int pages_wrapped_lines(const char *s, double width);

#endif
