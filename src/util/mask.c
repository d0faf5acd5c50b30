/* mask.c: identity numbers and phones masked in values, and a value's shape instead of it. */
#include "util/mask.h"

#include <string.h>

#define MAX_VALUE_CHARS 60
#define MASK_DIGITS 7 /* a 7-digit landline, an 8-digit DNI, a 9-digit mobile */
#define MAX_GAP 3     /* separator characters between two groups of one number: ") " */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

static bool is_nbsp(const char *s, size_t n, size_t i)
{
    return i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0;
}

/* The bytes of the separator at s[i] (2 for a no-break space), 0 when none. */
static size_t sep_len(const char *s, size_t n, size_t i)
{
    if (s[i] && strchr(".-() +", s[i]))
        return 1;
    return is_nbsp(s, n, i) ? 2 : 0;
}

/* The bytes of the UTF-8 character at s[i] (at most 4, whatever stray bytes follow). */
static size_t char_len(const char *s, size_t n, size_t i)
{
    size_t k = i + 1;
    while (k < n && k - i < 4 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k++;
    return k - i;
}

/* A number written in digit groups: where it ends (after its last digit), its digits and
 * its longest group; date: its first three groups are a date's, and it ends there, or it
 * is a range of years. */
struct number {
    size_t end, digits, longest;
    bool date;
};

static bool is_year(const char *s) /* 4 digits */
{
    return (s[0] == '1' && s[1] == '9') || (s[0] == '2' && s[1] == '0');
}

/* Two groups: a range of years, 2014-2018 (each 1900-2099). */
static bool year_range(const char *s, size_t start, size_t end)
{
    return end - start == 9 && s[start + 4] == '-' && is_year(s + start) && is_year(s + start + 5);
}

static bool date_groups(const size_t len[3], const char sep[2])
{
    if (sep[0] != sep[1] || (sep[0] != '-' && sep[0] != '.'))
        return false;
    bool day_month = len[1] >= 1 && len[1] <= 2;
    return day_month && ((len[0] == 4 && len[2] >= 1 && len[2] <= 2) ||
                         (len[0] >= 1 && len[0] <= 2 && len[2] == 4));
}

/* The number starting at s[i], a digit. */
static struct number number_at(const char *s, size_t n, size_t i)
{
    struct number r = {i, 0, 0, false};
    size_t start = i;
    size_t len[3];
    char sep[2] = {0, 0};
    for (int g = 0;; g++) {
        size_t k = i;
        while (k < n && is_digit(s[k]))
            k++;
        if (g < 3)
            len[g] = k - i;
        r.digits += k - i;
        r.longest = k - i > r.longest ? k - i : r.longest;
        r.end = k;
        if (g == 2 && date_groups(len, sep)) {
            r.date = true;
            return r;
        }
        size_t j = k, seps = 0, l;
        while (j < n && seps < MAX_GAP && (l = sep_len(s, n, j)) > 0)
            j += l, seps++;
        if (j == k || j >= n || !is_digit(s[j])) {
            r.date = r.date || (g == 1 && year_range(s, start, k));
            return r;
        }
        if (g < 2)
            sep[g] = seps == 1 && j - k == 1 ? s[k] : 0;
        i = j;
    }
}

static bool masked(const struct number *r) { return !r->date && r->digits >= MASK_DIGITS; }

/* Appends one character unless the value is full; false when it is (more is left). */
static bool put(struct buf *out, size_t *chars, const char *p, size_t len)
{
    if (*chars == MAX_VALUE_CHARS)
        return false;
    buf_add(out, p, len);
    (*chars)++;
    return true;
}

void mask_value(const char *s, size_t n, struct buf *out)
{
    buf_clear(out);
    size_t chars = 0;
    bool more = true;
    for (size_t i = 0; i < n && more;) {
        if (is_digit(s[i])) {
            struct number r = number_at(s, n, i);
            bool hide = masked(&r);
            while (i < r.end && more) { /* digits and separators only */
                size_t l = is_digit(s[i]) ? 1 : sep_len(s, n, i);
                more = put(out, &chars, hide && l == 1 && is_digit(s[i]) ? "#" : s + i, l);
                i += more ? l : 0;
            }
        } else if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) {
            /* A line break or other control inside a quoted field: one problem, one line. */
            more = put(out, &chars, " ", 1);
            i += more;
        } else {
            size_t l = char_len(s, n, i);
            more = put(out, &chars, s + i, l);
            i += more ? l : 0;
        }
    }
    if (!more)
        buf_adds(out, "\xe2\x80\xa6"); /* … */
    buf_cstr(out);
}

static bool is_blank(const char *s, size_t n, size_t i)
{
    return (unsigned char)s[i] <= 0x20 || s[i] == 0x7f || is_nbsp(s, n, i);
}

/* Words: runs of characters that are not blank. */
static size_t count_words(const char *s, size_t n)
{
    size_t words = 0;
    bool in = false;
    for (size_t i = 0; i < n; i += char_len(s, n, i)) {
        bool blank = is_blank(s, n, i);
        words += !blank && !in;
        in = !blank;
    }
    return words;
}

bool mask_quotable(const char *s, size_t n)
{
    if (count_words(s, n) > 2)
        return false;
    for (size_t i = 0; i < n;) {
        if (!is_digit(s[i])) {
            i++;
            continue;
        }
        struct number r = number_at(s, n, i);
        if (r.longest >= 3 || masked(&r))
            return false;
        i = r.end;
    }
    return true;
}

static void add_count(struct buf *out, size_t v, const char *noun)
{
    buf_printf(out, "%s%zu %s%s", out->len ? ", " : "", v, noun, v == 1 ? "" : "s");
}

void mask_shape(const char *s, size_t n, struct buf *out)
{
    buf_clear(out);
    size_t letters = 0, digits = 0, words = count_words(s, n);
    for (size_t i = 0; i < n; i += char_len(s, n, i)) {
        unsigned char c = (unsigned char)s[i];
        if (is_digit(s[i]))
            digits++;
        else if (!is_blank(s, n, i) && (c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            letters++;
    }
    if (words)
        add_count(out, words, "word");
    if (letters)
        add_count(out, letters, "letter");
    if (digits)
        add_count(out, digits, "digit");
    if (!out->len)
        buf_adds(out, "empty");
    buf_cstr(out);
}

void mask_quote(const char *s, size_t n, struct buf *out)
{
    if (mask_quotable(s, n))
        mask_value(s, n, out);
    else
        mask_shape(s, n, out);
}
