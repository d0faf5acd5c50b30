/* chart.c: layouts of the report's charts as rectangles, lines and text, in points. */
#include "report/chart.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/number.h"
#include "util/grow.h"

#define TITLE_SIZE 10.5
#define LABEL_SIZE 8.0
#define NOTE_SIZE 7.0
#define PAD 6.0

void drawing_add(struct drawing *d, struct prim p)
{
    if (!grow((void **)&d->p, &d->cap, d->n, sizeof *d->p, 64)) {
        d->oom = true;
        return;
    }
    d->p[d->n++] = p;
}

void drawing_text(struct drawing *d, double x, double y, const char *text, double size,
                  enum prim_align align, bool bold, int color)
{
    struct prim p = {.kind = PRIM_TEXT, .x = x, .y = y, .color = color, .size = size,
                     .bold = bold, .align = align};
    snprintf(p.text, sizeof p.text, "%s", text);
    drawing_add(d, p);
}

static void rect(struct drawing *d, double x, double y, double w, double h, int color)
{
    drawing_add(d, (struct prim){.kind = PRIM_RECT, .x = x, .y = y, .w = w, .h = h, .color = color});
}

static void line(struct drawing *d, double x, double y, double dx, double dy, int color, double width)
{
    drawing_add(d, (struct prim){.kind = PRIM_LINE, .x = x, .y = y, .w = dx, .h = dy,
                                 .color = color, .size = width});
}

void drawing_free(struct drawing *d)
{
    free(d->p);
    memset(d, 0, sizeof *d);
}

struct scale nice_scale(double max, int target, bool whole)
{
    struct scale s = {1, 1, 1};
    if (!(max > 0))
        return s;
    double raw = max / (target > 0 ? target : 4);
    double mag = pow(10, floor(log10(raw)));
    double step = mag;
    static const double mult[] = {1, 2, 5, 10};
    for (int i = 0; i < 4; i++)
        if (mag * mult[i] >= raw - 1e-12) {
            step = mag * mult[i];
            break;
        }
    if (whole && step < 1) /* counts: no tick between two whole numbers */
        step = 1;
    s.step = step;
    s.ticks = (int)ceil(max / step - 1e-9);
    if (s.ticks < 1)
        s.ticks = 1;
    s.max = s.ticks * step;
    return s;
}

static void value_text(const struct chart_data *d, double v, char *out, size_t size)
{
    if (d->percent)
        number_percent(v, d->lang, out, size);
    else
        number_count((unsigned long long)(v + 0.5), d->lang, out, size);
}

/* A value's label: its number, or in public mode its mark. */
static void label_of(const struct chart_data *d, int s, int i, char *out, size_t size)
{
    if (d->hidden[s][i] == 1)
        snprintf(out, size, "<%d", d->public_k);
    else if (d->hidden[s][i])
        snprintf(out, size, "x");
    else
        value_text(d, d->values[s][i], out, size);
}

/* The value as drawn: a hidden one has no length. */
static double drawn(const struct chart_data *d, int s, int i)
{
    return d->hidden[s][i] ? 0 : d->values[s][i];
}

/* Value i of series sr as a bar of length w growing from base (dir 1: rightwards, -1:
 * leftwards), with its label just beyond the bar's end at height text_y. */
static void bar_value(struct drawing *out, const struct chart_data *d, int sr, int i,
                      double base, double w, int dir, double y, double h, double text_y)
{
    char t[32];
    rect(out, dir > 0 ? base : base - w, y, w, h, sr);
    label_of(d, sr, i, t, sizeof t);
    drawing_text(out, base + dir * (w + 3), text_y, t, LABEL_SIZE,
                 dir > 0 ? ALIGN_LEFT : ALIGN_RIGHT, false, INK);
}

/* A tick's label: percentages without decimals when the step allows. */
static void tick_text(const struct chart_data *d, double v, double step, char *out, size_t size)
{
    if (d->percent && step * 100 >= 1 - 1e-9)
        number_percent_places(v, 0, d->lang, out, size);
    else
        value_text(d, v, out, size);
}

static double widest(const struct measure *m, const char *const *texts, int n, double size)
{
    double w = 0;
    for (int i = 0; i < n; i++) {
        double x = m->width(m->ctx, texts[i], size, false);
        if (x > w)
            w = x;
    }
    return w;
}

/* Title on top; returns the y where the plot starts. */
static double title(struct drawing *out, const struct chart_data *d)
{
    drawing_text(out, 0, 0, d->title, TITLE_SIZE, ALIGN_LEFT, true, INK);
    return TITLE_SIZE * 1.6;
}

double drawing_note(struct drawing *d, const struct measure *m, double y, double width,
                    const char *text, double size)
{
    char line[sizeof ((struct prim *)0)->text];
    const char *s = text ? text : "";
    while (*s) {
        /* The longest run of words that fits (at least one word, cut to the primitive). */
        size_t take = 0, n = 0;
        for (;;) {
            while (s[n] == ' ')
                n++;
            size_t e = n;
            while (s[e] && s[e] != ' ')
                e++;
            if (e == n || e >= sizeof line)
                break;
            memcpy(line, s, e);
            line[e] = '\0';
            if (take && m->width(m->ctx, line, size, false) > width)
                break;
            take = e;
            n = e;
        }
        if (!take) { /* a word longer than the primitive holds: cut at a character */
            take = strlen(s) < sizeof line - 1 ? strlen(s) : sizeof line - 1;
            while (take > 1 && ((unsigned char)s[take] & 0xC0) == 0x80)
                take--;
        }
        struct prim p = {.kind = PRIM_TEXT, .x = 0, .y = y, .color = INK, .size = size,
                         .italic = true, .align = ALIGN_LEFT};
        memcpy(p.text, s, take);
        p.text[take] = '\0';
        drawing_add(d, p);
        y += size * 1.4;
        s += take;
        while (*s == ' ')
            s++;
    }
    return y;
}

/* The note and the source under the plot; returns the final height. */
static double note(struct drawing *out, const struct measure *m, const struct chart_data *d,
                   double y)
{
    if ((d->note && d->note[0]) || (d->source && d->source[0]))
        y += PAD;
    y = drawing_note(out, m, y, out->width, d->note, NOTE_SIZE);
    return drawing_note(out, m, y, out->width, d->source, NOTE_SIZE);
}

/* Vertical grid lines and their labels under a horizontal value axis [x0, x0 + span]. */
static void value_axis(struct drawing *out, const struct chart_data *d, struct scale s, double x0,
                       double span, double top, double bottom, bool mirrored)
{
    char t[32];
    for (int i = 0; i <= s.ticks; i++) {
        double v = i * s.step;
        double x = x0 + span * v / s.max;
        for (int side = 0; side < (mirrored ? 2 : 1); side++) {
            double xx = side ? x0 - span * v / s.max : x;
            if (side && i == 0)
                continue;
            line(out, xx, top, 0, bottom - top, i ? GRID : INK, i ? 0.4 : 0.8);
            tick_text(d, v, s.step, t, sizeof t);
            drawing_text(out, xx, bottom + 2, t, LABEL_SIZE, ALIGN_CENTER, false, INK);
        }
    }
}

static bool hbars(const struct chart_data *d, double width, const struct measure *m,
                  struct drawing *out)
{
    double y0 = title(out, d);
    double label_w = widest(m, d->cats, d->ncats, LABEL_SIZE) + PAD;
    double max = 0;
    char t[32];
    for (int i = 0; i < d->ncats; i++)
        if (drawn(d, 0, i) > max)
            max = drawn(d, 0, i);
    value_text(d, max, t, sizeof t);
    double value_w = m->width(m->ctx, t, LABEL_SIZE, false) + PAD;
    double x0 = label_w, span = width - label_w - value_w;
    if (span < 40)
        span = 40;
    struct scale s = nice_scale(max, 5, !d->percent);
    const double row = 15, bar = 10;
    double bottom = y0 + row * d->ncats;
    value_axis(out, d, s, x0, span, y0, bottom, false);
    for (int i = 0; i < d->ncats; i++) {
        double y = y0 + row * i;
        double v = drawn(d, 0, i), w = span * v / s.max;
        drawing_text(out, label_w - PAD, y + 2, d->cats[i], LABEL_SIZE, ALIGN_RIGHT, false, INK);
        bar_value(out, d, 0, i, x0, w, 1, y + (row - bar) / 2, bar, y + 2);
    }
    out->height = note(out, m, d, bottom + LABEL_SIZE * 1.6);
    return !out->oom;
}

/* The series' colours and names in a row under the title; returns the y under it. */
static double series_legend(struct drawing *out, const struct measure *m,
                            const struct chart_data *d, double y)
{
    double x = 0;
    for (int s = 0; s < d->nseries; s++) {
        rect(out, x, y + 1, 9, 9, s);
        drawing_text(out, x + 13, y, d->series[s], LABEL_SIZE, ALIGN_LEFT, false, INK);
        x += 13 + m->width(m->ctx, d->series[s], LABEL_SIZE, false) + 16;
    }
    return y + LABEL_SIZE * 1.9;
}

static bool columns(const struct chart_data *d, double width, const struct measure *m,
                    struct drawing *out)
{
    int ns = d->nseries > 1 ? d->nseries : 1;
    double y0 = title(out, d);
    if (ns > 1)
        y0 = series_legend(out, m, d, y0);
    y0 += LABEL_SIZE; /* room for the value above the tallest column */
    const double plot_h = 140;
    double max = 0;
    char t[32];
    for (int sr = 0; sr < ns; sr++)
        for (int i = 0; i < d->ncats; i++)
            if (drawn(d, sr, i) > max)
                max = drawn(d, sr, i);
    struct scale s = nice_scale(max, 4, !d->percent);
    value_text(d, s.max, t, sizeof t);
    double axis_w = m->width(m->ctx, t, LABEL_SIZE, false) + PAD;
    double span = width - axis_w;
    /* A category's slot holds its group of columns, one per series, side by side. */
    double slot = span / (d->ncats ? d->ncats : 1), group = slot * (ns > 1 ? 0.84 : 0.6);
    double bar = group / ns;
    double base = y0 + plot_h;
    for (int i = 0; i <= s.ticks; i++) {
        double y = base - plot_h * i * s.step / s.max;
        line(out, axis_w, y, span, 0, i ? GRID : INK, i ? 0.4 : 0.8);
        tick_text(d, i * s.step, s.step, t, sizeof t);
        drawing_text(out, axis_w - 3, y - LABEL_SIZE * 0.6, t, LABEL_SIZE, ALIGN_RIGHT, false, INK);
    }
    /* Values in a smaller type where columns are narrow, none below 6 points (the table
     * beside the chart has them); every k-th category where their names would touch. */
    double vw = 0, cw = widest(m, d->cats, d->ncats, LABEL_SIZE);
    for (int sr = 0; sr < ns; sr++)
        for (int i = 0; i < d->ncats; i++) {
            label_of(d, sr, i, t, sizeof t);
            vw = fmax(vw, m->width(m->ctx, t, LABEL_SIZE, false));
        }
    double room = ns > 1 ? bar : slot * 0.8;
    double vsize = vw > room ? LABEL_SIZE * room / vw : LABEL_SIZE;
    int every = cw > slot * 0.9 ? (int)ceil(cw / (slot * 0.9)) : 1;
    for (int i = 0; i < d->ncats; i++) {
        double x0 = axis_w + slot * i + (slot - group) / 2;
        for (int sr = 0; sr < ns; sr++) {
            double h = plot_h * drawn(d, sr, i) / s.max, x = x0 + bar * sr;
            rect(out, x, base - h, bar, h, sr);
            label_of(d, sr, i, t, sizeof t);
            if (vsize >= 6)
                drawing_text(out, x + bar / 2, base - h - vsize * 1.3, t, vsize, ALIGN_CENTER,
                             false, INK);
        }
        if (i % every == 0)
            drawing_text(out, x0 + group / 2, base + 2, d->cats[i], LABEL_SIZE, ALIGN_CENTER,
                         false, INK);
    }
    out->height = note(out, m, d, base + LABEL_SIZE * 1.6);
    return !out->oom;
}

/* Female to the left, male to the right of a central column of band labels; the first band
 * (the youngest) at the bottom. */
static bool pyramid(const struct chart_data *d, double width, const struct measure *m,
                    struct drawing *out)
{
    double y0 = title(out, d);
    double mid_w = widest(m, d->cats, d->ncats, LABEL_SIZE) + 2 * PAD;
    double max = 0;
    for (int sr = 0; sr < 2; sr++)
        for (int i = 0; i < d->ncats; i++)
            if (drawn(d, sr, i) > max)
                max = drawn(d, sr, i);
    struct scale s = nice_scale(max, 3, !d->percent);
    char t[32];
    value_text(d, s.max, t, sizeof t);
    double value_w = m->width(m->ctx, t, LABEL_SIZE, false) + PAD;
    double half = (width - mid_w) / 2 - value_w;
    double left_axis = value_w + half, right_axis = left_axis + mid_w;
    /* Series names over each half. */
    drawing_text(out, left_axis - half / 2, y0, d->series[0], LABEL_SIZE, ALIGN_CENTER, true, INK);
    drawing_text(out, right_axis + half / 2, y0, d->series[1], LABEL_SIZE, ALIGN_CENTER, true, INK);
    y0 += LABEL_SIZE * 1.8;
    const double row = 18, bar = 13;
    double bottom = y0 + row * d->ncats;
    for (int i = 0; i <= s.ticks; i++) {
        double dx = half * i * s.step / s.max;
        tick_text(d, i * s.step, s.step, t, sizeof t);
        line(out, left_axis - dx, y0, 0, bottom - y0, i ? GRID : INK, i ? 0.4 : 0.8);
        line(out, right_axis + dx, y0, 0, bottom - y0, i ? GRID : INK, i ? 0.4 : 0.8);
        drawing_text(out, left_axis - dx, bottom + 2, t, LABEL_SIZE, ALIGN_CENTER, false, INK);
        drawing_text(out, right_axis + dx, bottom + 2, t, LABEL_SIZE, ALIGN_CENTER, false, INK);
    }
    for (int i = 0; i < d->ncats; i++) {
        double y = bottom - row * (i + 1) + (row - bar) / 2;
        double wf = half * drawn(d, 0, i) / s.max, wm = half * drawn(d, 1, i) / s.max;
        bar_value(out, d, 0, i, left_axis, wf, -1, y, bar, y + 1.5);
        bar_value(out, d, 1, i, right_axis, wm, 1, y, bar, y + 1.5);
        drawing_text(out, left_axis + mid_w / 2, y + 1.5, d->cats[i], LABEL_SIZE, ALIGN_CENTER,
                     false, INK);
    }
    out->height = note(out, m, d, bottom + LABEL_SIZE * 1.6);
    return !out->oom;
}

/* A stacked bar's legend entry: "name: count (share)", or "name: mark" when hidden. */
static void legend_text(const struct chart_data *d, int i, double total, char *out, size_t size)
{
    char c[32], p[32];
    label_of(d, 0, i, c, sizeof c);
    number_percent(total > 0 ? d->values[0][i] / total : 0, d->lang, p, sizeof p);
    if (d->hidden[0][i])
        snprintf(out, size, "%s: %s", d->cats[i], c);
    else
        snprintf(out, size, "%s: %s (%s)", d->cats[i], c, p);
}

/* One bar of the whole, split in the categories' order, each a step darker; counts inside the
 * segments that hold them, and a legend with counts and shares. In public mode the hidden
 * categories share one grey segment at the end (its width, the total less the shown ones,
 * is what the table tells anyway) and the legend gives their marks. */
static bool stacked(const struct chart_data *d, double width, const struct measure *m,
                    struct drawing *out)
{
    double y0 = title(out, d) + 2, total = 0, hidden = 0;
    const double bar = 24;
    for (int i = 0; i < d->ncats; i++) {
        total += d->values[0][i];
        hidden += d->hidden[0][i] ? d->values[0][i] : 0;
    }
    double x = 0;
    char t[sizeof ((struct prim *)0)->text], c[32];
    for (int i = 0; i < d->ncats && total > 0; i++) {
        if (d->hidden[0][i])
            continue;
        double w = width * d->values[0][i] / total;
        int color = RAMP(i, d->ncats);
        rect(out, x, y0, w, bar, color);
        if (x > 0) /* a white seam between segments */
            line(out, x, y0, 0, bar, PAPER, 1);
        number_count((unsigned long long)(d->values[0][i] + 0.5), d->lang, c, sizeof c);
        if (m->width(m->ctx, c, LABEL_SIZE, true) + 4 < w)
            drawing_text(out, x + w / 2, y0 + (bar - LABEL_SIZE * 1.2) / 2, c, LABEL_SIZE,
                         ALIGN_CENTER, true, RAMP_DARK(i, d->ncats) ? PAPER : INK);
        x += w;
    }
    if (hidden > 0 && total > 0) {
        rect(out, x, y0, width - x, bar, GRID);
        if (x > 0)
            line(out, x, y0, 0, bar, PAPER, 1);
    }
    /* The legend, in as many columns as fit. */
    double y = y0 + bar + PAD + 2, colw = 0;
    for (int i = 0; i < d->ncats; i++) {
        legend_text(d, i, total, t, sizeof t);
        double w = 14 + m->width(m->ctx, t, LABEL_SIZE, false) + 12;
        if (w > colw)
            colw = w;
    }
    int per_row = colw > 0 && colw < width ? (int)(width / colw) : 1;
    if (per_row > d->ncats)
        per_row = d->ncats > 0 ? d->ncats : 1;
    int rows = (d->ncats + per_row - 1) / per_row;
    for (int i = 0; i < d->ncats; i++) {
        /* Down the columns, so that the order reads as in the bar. */
        int col = i / rows, r = i % rows;
        double lx = col * (width / per_row), ly = y + r * LABEL_SIZE * 1.7;
        rect(out, lx, ly + 1, 9, 9, d->hidden[0][i] ? GRID : RAMP(i, d->ncats));
        legend_text(d, i, total, t, sizeof t);
        drawing_text(out, lx + 13, ly, t, LABEL_SIZE, ALIGN_LEFT, false, INK);
    }
    out->height = note(out, m, d, y + rows * LABEL_SIZE * 1.7);
    return !out->oom;
}

bool chart_layout(const struct chart_data *d, double width, const struct measure *m,
                  struct drawing *out)
{
    memset(out, 0, sizeof *out);
    out->width = width;
    switch (d->shape) {
    case SHAPE_HBARS:
        return hbars(d, width, m, out);
    case SHAPE_STACKED:
        return stacked(d, width, m, out);
    case SHAPE_COLUMNS:
        return columns(d, width, m, out);
    case SHAPE_PYRAMID:
        return pyramid(d, width, m, out);
    }
    return false;
}
