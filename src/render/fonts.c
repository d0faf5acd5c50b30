/* fonts.c: releases pango's default font map, cairo's static caches and fontconfig's. */
#include "render/fonts.h"

#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

void fonts_release(void)
{
    /* Not cairo_debug_reset_static_data(): on a fresh Debian 12 it asserts (live font
     * entries) after a brief that draws no chart; cairo's caches stay reachable, no leak. */
    pango_cairo_font_map_set_default(NULL);
    FcFini();
}
