/* fonts.h: the process-wide font machinery of the drawers (fontconfig, pango, cairo caches). */
#ifndef TP_FONTS_H
#define TP_FONTS_H

/* Releases the caches the drawers filled, once nothing is drawn any more (at exit), so that
 * leak checkers see only tipreport's own memory. */
void fonts_release(void);

#endif
