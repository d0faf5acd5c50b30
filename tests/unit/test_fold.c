/* test_fold.c: matching keys and the two encodings. */
#include <stdio.h>

#include "read/charset.h"
#include "check.h"
#include "util/fold.h"

static const char *key(const char *s)
{
    static char out[256];
    fold_key_to(s, strlen(s), out, sizeof out);
    return out;
}

void suite_fold(void)
{
    CHECK_STR(key("Huánuco"), "huanuco");
    CHECK_STR(key("HUÁNUCO"), "huanuco");
    CHECK_STR(key("id_caso"), "idcaso");
    CHECK_STR(key("ID-CASO"), "idcaso");
    CHECK_STR(key("Fecha de Nacimiento"), "fechadenacimiento");
    CHECK_STR(key("Explotación sexual"), "explotacionsexual");
    CHECK_STR(key("Nº caso"), "nocaso");
    CHECK_STR(key("España"), "espana");
    CHECK_STR(key("\xef\xbb\xbfid"), "id"); /* a stray byte-order mark */
    CHECK_STR(key("Prov. Const. del Callao"), "provconstdelcallao");
    CHECK_STR(key("日本"), "日本");
    CHECK_STR(key("?"), "");
    CHECK_STR(key("\xff"), ""); /* invalid UTF-8: no key */

    /* fold_case keeps spaces and signs: what the age reader needs. */
    struct buf b = {0};
    CHECK(fold_case("17 A\xc3\x91OS", 8, &b));
    CHECK_STR(b.p, "17 a\xc3\xb1os");
    CHECK(fold_case("15\xc2\xa0" "a\xc3\xb1os", 9, &b)); /* a no-break space */
    CHECK_STR(b.p, "15 a\xc3\xb1os");
    CHECK(fold_case("NI\xc3\x91" "A\xe2\x80\x8b", 8, &b)); /* a zero-width space */
    CHECK_STR(b.p, "ni\xc3\xb1" "a");
    CHECK(fold_case("9-17", 4, &b));
    CHECK_STR(b.p, "9-17");
    CHECK(!fold_case("\xff", 1, &b));

    /* fold_equals: the key of a value against a key, ASCII without folding it whole. */
    CHECK(fold_equals("ID_Caso", 7, "idcaso", 6, &b));
    CHECK(fold_equals("Situaci\xc3\xb3n", 10, "situacion", 9, &b));
    CHECK(!fold_equals("C00000001", 9, "idcaso", 6, &b));
    CHECK(!fold_equals("idcasos", 7, "idcaso", 6, &b));
    CHECK(!fold_equals("idcas", 5, "idcaso", 6, &b));
    CHECK(!fold_equals("Situaci\xc3\xb3nes", 12, "situacion", 9, &b));
    buf_free(&b);
}

static const char *stripped(const char *s)
{
    static char out[64];
    snprintf(out, sizeof out, "%s", s);
    size_t n = strip_invisible(out, strlen(out));
    CHECK_INT(n, strlen(out));
    return out;
}

static bool mac(const char *s) { return looks_mac_roman(s, strlen(s)); }

static void test_mac_roman(void)
{
    /* "Apurímac", "Niña", "José" as Excel for Mac writes them; the same in Windows-1252. */
    CHECK(mac("Apur\x92mac,Ni\x96" "a,Jos\x8e"));
    CHECK(!mac("Apur\xedmac,Ni\xf1" "a,Jos\xe9"));
    /* One apostrophe (O'Brien) is not enough; quotes and an ellipsis never count. */
    CHECK(!mac("O\x92" "Brien"));
    CHECK(!mac("\x93hola\x94 etc\x85"));
    /* More Windows-1252 letters than Mac Roman ones: Windows-1252 (an apostrophe or two). */
    CHECK(!mac("D\x92" "Angelo O\x92" "Brien Mu\xf1oz Le\xf3n Cort\xe9s"));
}

void suite_charset(void)
{
    CHECK(utf8_valid("abc", 3, false));
    CHECK(utf8_valid("\xc3\xa9", 2, false));
    CHECK(!utf8_valid("\xe9", 1, false));         /* Windows-1252 é */
    CHECK(!utf8_valid("\xc0\xaf", 2, false));     /* overlong */
    CHECK(!utf8_valid("\xed\xa0\x80", 3, false)); /* surrogate */
    CHECK(!utf8_valid("\xc3", 1, false));
    CHECK(utf8_valid("\xc3", 1, true)); /* cut by a chunk boundary */
    CHECK(!has_high_bytes("plain", 5));
    CHECK(has_high_bytes("\x80", 1));
    struct recoder *r = recoder_new();
    CHECK(r != NULL);
    struct buf b = {0};
    CHECK(recode_cp1252(r, "Per\xfa \x80", 6, &b));
    CHECK_STR(buf_cstr(&b), "Perú €");
    buf_clear(&b);
    CHECK(!recode_cp1252(r, "a\x81", 2, &b)); /* undefined in Windows-1252 */
    buf_free(&b);
    recoder_free(r);
    CHECK_STR(charset_name(CHARSET_CP1252), "windows-1252");

    /* Characters that print as nothing go; no-break spaces become spaces. */
    CHECK_STR(stripped("V1\xe2\x80\x8b"), "V1");             /* U+200B */
    CHECK_STR(stripped("C\xe2\x81\xa0" "3"), "C3");          /* U+2060 */
    CHECK_STR(stripped("\xef\xbb\xbf" "C3\xc2\xad"), "C3");   /* U+FEFF, soft hyphen */
    CHECK_STR(stripped("15\xc2\xa0" "a\xc3\xb1os"), "15 a\xc3\xb1os");
    CHECK_STR(stripped("1\xe2\x80\xaf" "2\xe2\x80\x87" "3"), "1 2 3"); /* U+202F, U+2007 */
    CHECK_STR(stripped("Per\xc3\xba \xe2\x80\x93 Lima"), "Per\xc3\xba \xe2\x80\x93 Lima");
    CHECK_STR(stripped("\xe2\x80"), "\xe2\x80"); /* cut short: kept */
    test_mac_roman();
}
