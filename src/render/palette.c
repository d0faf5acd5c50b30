/* palette.c: one palette, readable in greyscale, for every drawer. */
#include "render/palette.h"

#include "report/map_drawing.h"

/* Dark blue and orange differ in lightness as well as hue, so they part in greyscale too. */
static const struct rgb series[] = {{0.122, 0.306, 0.475}, {0.902, 0.624, 0.000},
                                    {0.550, 0.550, 0.550}};
/* Cases on the map: light to dark blue. */
static const struct rgb sequential[5] = {{0.871, 0.922, 0.969}, {0.620, 0.792, 0.882},
                                         {0.259, 0.573, 0.776}, {0.129, 0.443, 0.710},
                                         {0.031, 0.271, 0.580}};

struct rgb palette_color(int color)
{
    if (color == INK)
        return (struct rgb){0.12, 0.12, 0.12};
    if (color == GRID)
        return (struct rgb){0.82, 0.82, 0.82};
    if (color >= MAP_SHADE && color < MAP_SHADE + 5)
        return sequential[color - MAP_SHADE];
    if (color == HIDDEN_CASES)
        return (struct rgb){0.78, 0.78, 0.78};
    if (color == OTHER_REGION)
        return (struct rgb){0.94, 0.94, 0.94};
    if (color == NO_CASES || color == PAPER)
        return (struct rgb){1, 1, 1};
    if (color >= RAMP_BASE && color <= RAMP_BASE + 100) {
        /* From the lightest to the darkest of the map's blues. */
        double t = (color - RAMP_BASE) / 100.0;
        struct rgb a = sequential[1], b = sequential[4];
        return (struct rgb){a.r + (b.r - a.r) * t, a.g + (b.g - a.g) * t, a.b + (b.b - a.b) * t};
    }
    return series[color % 3];
}
