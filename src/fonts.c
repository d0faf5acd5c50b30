/* fonts.c: releases pango's default font map, cairo's static caches and fontconfig's. */
#include "fonts.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <pango/pangocairo.h>

void fonts_release(void)
{
    pango_cairo_font_map_set_default(NULL);
    cairo_debug_reset_static_data();
    FcFini();
}
