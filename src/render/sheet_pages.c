/* sheet_pages.c: a spreadsheet's sheet laid out for print: row heights, blocks, page breaks. */
#include "render/sheet_pages.h"

#include <string.h>

void pages_row_height(struct sheet_pages *p, uint32_t row, double points)
{
    if (p->ntall < PAGES_MAX) {
        p->tall[p->ntall].row = row;
        p->tall[p->ntall++].height = points;
    }
}

void pages_keep(struct sheet_pages *p, uint32_t top, uint32_t bottom)
{
    if (p->nkeep && top <= p->keep[p->nkeep - 1].bottom) {
        if (top < p->keep[p->nkeep - 1].top)
            p->keep[p->nkeep - 1].top = top;
        if (bottom > p->keep[p->nkeep - 1].bottom)
            p->keep[p->nkeep - 1].bottom = bottom;
    } else if (p->nkeep < PAGES_MAX) {
        p->keep[p->nkeep].top = top;
        p->keep[p->nkeep++].bottom = bottom;
    }
}

static double height_of(const struct sheet_pages *p, uint32_t row)
{
    for (int i = p->ntall - 1; i >= 0; i--) /* the latest height set wins */
        if (p->tall[i].row == row)
            return p->tall[i].height;
    return LINE_HEIGHT;
}

int pages_breaks(const struct sheet_pages *p, uint32_t rows, double room, uint32_t *breaks)
{
    double used = 0;
    int nb = 0, b = 0;
    for (uint32_t row = 0; row < rows; row++) {
        if (b < p->nkeep && p->keep[b].top == row) {
            double h = 0;
            for (uint32_t r = row; r <= p->keep[b].bottom; r++)
                h += height_of(p, r);
            if (used > 0 && used + h > room) {
                breaks[nb++] = row;
                used = 0;
            }
            b++;
        }
        used += height_of(p, row);
        while (used > room) /* a block longer than a page breaks where it must */
            used -= room;
    }
    breaks[nb] = 0;
    return nb;
}

int pages_wrapped_lines(const char *s, double width)
{
    double room = (width - 2) / 1.1, line = 0;
    int lines = 1;
    while (*s) {
        size_t n = strcspn(s, " ");
        double w = 0;
        for (size_t i = 0; i < n; i++)
            w += ((unsigned char)s[i] & 0xC0) != 0x80;
        if (line > 0 && line + 1 + w > room) {
            lines++;
            line = w;
        } else {
            line += (line > 0) + w;
        }
        s += n + (s[n] == ' ');
    }
    return lines;
}
