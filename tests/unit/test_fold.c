/* test_fold.c: matching keys and the two encodings. */
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
}
