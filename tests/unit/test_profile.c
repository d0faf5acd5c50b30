/* test_profile.c: the shipped profiles, and the exact errors of broken ones. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "count/gives.h"
#include "util/fold.h"
#include "read/indicator_rows.h"
#include "read/profile.h"

static field_mask header(const struct profile *p, const char *h)
{
    char k[128];
    fold_key_to(h, strlen(h), k, sizeof k);
    return profile_header(p, k, strlen(k));
}

static int value(const struct profile *p, enum vocab_id v, const char *w)
{
    char k[128];
    fold_key_to(w, strlen(w), k, sizeof k);
    return profile_value(p, v, k, strlen(k));
}

#define BIT(f) ((field_mask)1 << (f))

/* Loads text as a profile file; returns the error message or "ok". */
static const char *load(const char *text, char *path_out)
{
    static char msg[1500];
    char path[128];
    const char *tmp = check_tempfile(text, strlen(text));
    snprintf(path, sizeof path, "%s.ini", tmp);
    rename(tmp, path);
    if (path_out)
        strcpy(path_out, path);
    struct tp_error err;
    struct profile *p = profile_load(path, check_templates, &err);
    if (p) {
        profile_free(p);
        return "ok";
    }
    char f[1400];
    tp_error_format(&err, f, sizeof f);
    /* Drop the temporary path. */
    const char *colon = strstr(f, ".ini");
    snprintf(msg, sizeof msg, "%s", colon ? colon + 4 : f);
    return msg;
}

/* The attribution of a profile file holding text: its text t in lang, or "refused". */
static const char *attributed(const char *text, enum attr_text t, const char *lang,
                              int *record)
{
    static char out[200];
    char path[256];
    struct tp_error err;
    load(text, path);
    struct profile *p = profile_load(path, check_templates, &err);
    if (!p)
        return "refused";
    snprintf(out, sizeof out, "%s", attribution_text(profile_attribution(p), t, lang, ""));
    *record = (int)profile_attribution(p)->record;
    profile_free(p);
    return out;
}

/* A profile's [attribution] replaces its base's as a whole; without one it keeps the base's;
 * with none anywhere, the source is the profile's name. */
static void attribution(void)
{
    static const char base_only[] = "[profile]\nbase = reta\n";
    static const char own[] = "[profile]\nbase = reta\n[attribution]\n"
                              "name = Instituto X, Denuncias\ninstitution.en = Institute X\n"
                              "record = complaint\n";
    const struct {
        const char *text;
        enum attr_text t;
        const char *lang, *want;
        int record;
    } cases[] = {
        {base_only, ATTR_NAME, "es", "Policía Nacional del Perú, RETA", RECORD_CASE},
        {base_only, ATTR_NAME, "en", "Peruvian National Police, RETA", RECORD_CASE},
        {base_only, ATTR_INSTITUTION, "en", "the Peruvian National Police", RECORD_CASE},
        {base_only, ATTR_INSTITUTION_SHORT, "es", "la Policía", RECORD_CASE},
        {own, ATTR_NAME, "en", "Instituto X, Denuncias", RECORD_COMPLAINT},
        {own, ATTR_INSTITUTION, "en", "Institute X", RECORD_COMPLAINT},
        {own, ATTR_INSTITUTION_SHORT, "en", "Institute X", RECORD_COMPLAINT},
        /* Not reta's: a text not given is the profile's own name, never the base's. */
        {own, ATTR_INSTITUTION, "es", "Instituto X, Denuncias", RECORD_COMPLAINT},
        {own, ATTR_SHORT, "en", "Instituto X, Denuncias", RECORD_COMPLAINT},
        {"[profile]\nname = Mine\n", ATTR_REGISTER, "es", "Mine", RECORD_CASE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int record = -1;
        CHECK_STR(attributed(cases[i].text, cases[i].t, cases[i].lang, &record), cases[i].want);
        CHECK_INT(record, cases[i].record);
    }
#define KNOWN "(known: name, short, title, register, institution, institution_short, each " \
              "also as KEY.LANG; record; stage; gives)"
    static const char *const bad[][2] = {
        {"[attribution]\nname = X\nrecord = crimes\n",
         ":3: record must be case, complaint, victim or crime, not 'crimes'"},
        {"[attribution]\nsource = X\n", ":2: unknown key 'source' in [attribution] " KNOWN},
        {"[attribution]\nname = X\nstage = fiscalia\n",
         ":3: stage must be police, prosecution, judiciary or other, not 'fiscalia'"},
        {"[attribution]\nname.english = X\n",
         ":2: unknown key 'name.english' in [attribution] " KNOWN},
    };
#undef KNOWN
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        CHECK_STR(load(bad[i][0], NULL), bad[i][1]);
}

/* [attribution] gives: the words set bits; none said is everything (0); a word not known
 * and a list that counts nothing are errors; and what it gives decides the tables. */
static void gives(void)
{
    char path[256];
    struct tp_error err;
    load("[attribution]\nname = X\ngives = cases, year, region\n", path);
    struct profile *p = profile_load(path, check_templates, &err);
    CHECK(p != NULL);
    if (p)
        CHECK_INT(profile_attribution(p)->gives, GIVES_CASES | GIVES_YEAR | GIVES_REGION);
    profile_free(p);
    struct profile *reta = profile_load("reta", check_templates, &err);
    CHECK(reta != NULL);
    if (reta)
        CHECK_INT(profile_attribution(reta)->gives, 0);
    profile_free(reta);
    CHECK_STR(load("[attribution]\ngives = cases, crimes\n", NULL),
              ":2: gives: 'crimes' is not a thing a source gives (known: cases, victims, "
              "suspects, year, region, city, routes, sex, age, nationality, exploitation, "
              "recruitment, transport, source, status, assistance, id_document)");
    CHECK_STR(load("[attribution]\ngives = year, region\n", NULL),
              ":2: gives: name what the source counts: cases, victims or suspects");
    unsigned mpfn = GIVES_CASES | GIVES_YEAR | GIVES_REGION;
    CHECK(gives_table(tabledef_find("by_year"), mpfn));
    CHECK(gives_table(tabledef_find("cases_by_region"), mpfn));
    CHECK(!gives_table(tabledef_find("victims_by_sex_age"), mpfn)); /* no victims */
    CHECK(!gives_table(tabledef_find("routes"), mpfn));              /* cases, but no routes */
    CHECK(!gives_table(tabledef_find("status"), mpfn));
    CHECK(gives_table(tabledef_find("input_files"), mpfn));
    CHECK(gives_table(tabledef_find("status"), GIVES_ALL));
    CHECK(gives_table(tabledef_find("by_year"), GIVES_SUSPECTS | GIVES_YEAR)); /* suspects */
    CHECK(!gives_table(tabledef_find("by_year"), GIVES_YEAR | GIVES_REGION));  /* no count */
    CHECK_INT(gives_bit("id_document"), GIVES_ID_DOCUMENT);
}

void suite_profile(void)
{
    attribution();
    gives();
    struct tp_error err;
    struct profile *reta = profile_load("reta", check_templates, &err);
    CHECK(reta != NULL);
    if (!reta)
        return;
    CHECK_STR(profile_name(reta), "RETA");
    CHECK_INT(profile_header_rows(reta), 1);
    CHECK_INT(header(reta, "ID_CASO"), BIT(F_CASE_ID));
    CHECK_INT(header(reta, "Fecha Denuncia"), BIT(F_REPORTED_ON));
    CHECK_INT(header(reta, "fecha"), BIT(F_REPORTED_ON) | BIT(F_IDENTIFIED_ON));
    CHECK_INT(header(reta, "Lugar de Captación"), BIT(F_ORIGIN));
    CHECK_INT(header(reta, "case_id"), BIT(F_CASE_ID));
    CHECK_INT(header(reta, "Nombres y Apellidos"), 0);
    CHECK_INT(header(reta, "DNI"), 0); /* identity numbers are never read */
    CHECK_INT(value(reta, V_SEX, "Mujer"), SEX_FEMALE);
    CHECK_INT(value(reta, V_SEX, "MASCULINO"), SEX_MALE);
    CHECK_INT(value(reta, V_SEX, "no precisa"), SEX_UNKNOWN);
    CHECK_INT(value(reta, V_SEX, "?"), -1);
    CHECK_INT(value(reta, V_SEX, "Unknown"), SEX_UNKNOWN);
    CHECK_INT(value(reta, V_SOURCE, "unknown"), vocabs[V_SOURCE].ncodes);
    CHECK_INT(value(reta, V_YESNO, "Sí"), YES);
    CHECK_INT(value(reta, V_EXPLOITATION, "Explotación Sexual"), EXP_SEXUAL);
    CHECK_INT(value(reta, V_EXPLOITATION, "trabajo forzoso"), EXP_LABOUR);
    CHECK_INT(value(reta, V_EXPLOITATION, "child_labour"), EXP_CHILD_LABOUR);
    CHECK_INT(value(reta, V_STATUS, "sentencia"), vocab_find(V_STATUS, "convicted"));
    CHECK_INT(vocab_find(V_SOURCE, "hotline"), SOURCE_HOTLINE);
    CHECK_INT(vocab_find(V_SOURCE, "media"), SOURCE_MEDIA);
    CHECK_INT(vocab_find(V_ASSISTANCE, "none"), ASSIST_NONE);
    CHECK_INT(vocab_find(V_STATUS, "convicted"), STATUS_CONVICTED);
    CHECK_INT(value(reta, V_ASSISTANCE, "CEM"), vocab_find(V_ASSISTANCE, "emergency_centre"));
    profile_free(reta);

    struct profile *h = profile_load("htcds", check_templates, &err);
    CHECK(h != NULL);
    if (h) {
        CHECK_INT(profile_header_rows(h), 2);
        CHECK_INT(header(h, "vic_LocationOfExploitation"), BIT(F_REGION) | BIT(F_DESTINATION));
        CHECK_INT(header(h, "Status"), 0); /* canonical_headers = no */
        CHECK_INT(value(h, V_SEX, "TransgenderFeminine"), SEX_FEMALE);
        CHECK_INT(value(h, V_EXPLOITATION, "ForcedMilitaryByNonStateActors"), EXP_MILITARY);
        profile_free(h);
    }

    CHECK(!profile_load("nosuch", check_templates, &err));
    char want[1200];
    snprintf(want, sizeof want, "no profile 'nosuch' (looked for %s/profiles/nosuch.ini)",
             check_templates);
    CHECK_STR(err.msg, want);

    /* Broken files: exact messages with their line. */
    CHECK_STR(load("[headers]\ncase_id = a\nvictim = b\n", NULL),
              ":3: unknown field 'victim' in [headers]");
    CHECK_STR(load("[sex]\nfemale = f\nmale = f\n", NULL),
              ":3: 'f' already means 'female' in [sex]");
    CHECK_STR(load("[sex]\nwoman = w\n", NULL), ":2: 'woman' is not a code of [sex]");
    /* inih reports a section at its first key. */
    CHECK_STR(load("[colours]\nred = r\n", NULL), ":2: unknown section [colours]");
    CHECK_STR(load("[headers]\nthis line has no equals sign\n", NULL),
              ":2: not a '[section]' or 'key = value' line");
    CHECK_STR(load("[indicators]\nvic_sexual = sex:female\n", NULL),
              ":2: indicator 'vic_sexual' must name a multi-valued field and a code, as "
              "exploitation:sexual, not 'sex:female'");
    CHECK_STR(load("[profile]\nheader_rows = 0\n", NULL),
              ":2: header_rows must be a number from 1 to 10, not '0'");
    char longline[400] = "[headers]\ncase_id = ";
    memset(longline + strlen(longline), 'x', 250);
    CHECK_STR(load(longline, NULL),
              ":2: line longer than 199 characters: continue a list on an indented next line");
    /* A base that names itself loops. */
    char path[256];
    load("", path);
    char text[600];
    snprintf(text, sizeof text, "[profile]\nbase = %s\n", path);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    CHECK(!profile_load(path, check_templates, &err));
    CHECK(strncmp(err.msg, "base profiles loop: ", 20) == 0);
    /* A profile on top of reta: its own words win, reta's still work. */
    f = fopen(path, "w");
    fputs("[profile]\nbase = reta\n[headers]\nage = edad_anios\n[exploitation]\n"
          "labour = trata laboral\nsexual = laboral\n", f);
    fclose(f);
    struct profile *mine = profile_load(path, check_templates, &err);
    CHECK(mine != NULL);
    if (mine) {
        CHECK_INT(header(mine, "edad_anios"), BIT(F_AGE));
        CHECK_INT(header(mine, "edad"), BIT(F_AGE));
        CHECK_INT(value(mine, V_EXPLOITATION, "trata laboral"), EXP_LABOUR);
        CHECK_INT(value(mine, V_EXPLOITATION, "laboral"), EXP_SEXUAL); /* overrides reta */
        profile_free(mine);
    }
}

/* Loads text (a profile file) and returns it, or NULL. */
static struct profile *load_profile(const char *text)
{
    char path[256];
    load("", path);
    FILE *f = fopen(path, "w");
    fputs(text, f);
    fclose(f);
    struct tp_error err;
    return profile_load(path, check_templates, &err);
}

static bool unknown_code(const struct profile *p, int field, const char *w)
{
    char k[128];
    fold_key_to(w, strlen(w), k, sizeof k);
    return profile_unknown(p, field, k, strlen(k));
}

/* The sections of real exports: header inheritance, [constants], [unknown], [filter]. */
void suite_profile_sections(void)
{
    /* canonical_headers = no on reta: reta's header aliases go, its words stay ... */
    struct profile *p = load_profile("[profile]\nbase = reta\ncanonical_headers = no\n"
                                     "[headers]\nsex = sexo_victima\n");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(header(p, "sexo_victima"), BIT(F_SEX));
        CHECK_INT(header(p, "genero"), 0);
        CHECK_INT(header(p, "sex"), 0);
        CHECK_INT(value(p, V_SEX, "Mujer"), SEX_FEMALE);
        profile_free(p);
    }
    /* ... unless the profile says inherit_headers = yes. */
    p = load_profile("[profile]\nbase = reta\ncanonical_headers = no\ninherit_headers = yes\n"
                     "[headers]\nsex = sexo_victima\n");
    CHECK(p != NULL);
    if (p) {
        CHECK_INT(header(p, "genero"), BIT(F_SEX));
        CHECK_INT(header(p, "sex"), 0); /* the contract's own names: still not */
        profile_free(p);
    }
    CHECK_STR(load("[profile]\ninherit_headers = maybe\n", NULL),
              ":2: inherit_headers must be yes or no, not 'maybe'");

    p = load_profile("[constants]\nregion = Lambayeque\n[unknown]\nnationality = 0, Not "
                     "Specified\nregion = NO ESPECIFICA\n[filter]\nDes Artículo = Trata de "
                     "personas, Formas agravadas\n");
    CHECK(p != NULL);
    if (p) {
        CHECK_STR(profile_constant(p, F_REGION), "Lambayeque");
        CHECK(profile_constant(p, F_SEX) == NULL);
        CHECK(unknown_code(p, F_NATIONALITY, "0"));
        CHECK(unknown_code(p, F_NATIONALITY, "NOT specified"));
        CHECK(!unknown_code(p, F_NATIONALITY, "Peru"));
        CHECK(!unknown_code(p, F_AGE, "0")); /* per field */
        CHECK(unknown_code(p, F_REGION, "No especifica"));
        CHECK(profile_has_unknown(p, F_REGION) && !profile_has_unknown(p, F_SEX));
        CHECK_INT(profile_nfilters(p), 1);
        const struct profile_filter *f = profile_filter(p, 0);
        CHECK_STR(f->column, "Des Artículo");
        CHECK_STR(f->key, "desarticulo");
        CHECK_INT(f->line, 7);
        char k[128];
        fold_key_to("TRATA DE PERSONAS", 17, k, sizeof k);
        CHECK(profile_filter_keeps(f, k, strlen(k)));
        fold_key_to("Robo", 4, k, sizeof k);
        CHECK(!profile_filter_keeps(f, k, strlen(k)));
        profile_free(p);
    }
    CHECK_STR(load("[constants]\nregion = Lambayeque\nprovince = Chiclayo\n", NULL),
              ":3: unknown field 'province' in [constants]");
    CHECK_STR(load("[unknown]\ncitizenship = 0\n", NULL),
              ":2: unknown field 'citizenship' in [unknown]");
    CHECK_STR(load("[filter]\ndelito = ,\n", NULL), ":2: filter 'delito' lists no value");
}

/* [category NAME]: a source's own categories, their parts sharing the indicators' slots. */
void suite_profile_categories(void)
{
    static const char head[] = "[indicator_rows]\ncolumn = Indicador\ngroup = ANIO\n";
    char text[1200];
    snprintf(text, sizeof text,
             "%s[category scope]\ntitle = Ámbito\ntitle.en = Scope\ncounts = victims\n"
             "section = magnitude\nT_NACIONAL = national | Nacional\nT_TOTAL = total\n"
             "T_INTERNACIONAL = international | Internacional | International\n"
             "[indicator_values]\nT_TOTAL = cases\n",
             head);
    struct profile *p = load_profile(text);
    CHECK(p != NULL);
    const struct indicator_rows *ir = p ? profile_indicator_rows(p) : NULL;
    CHECK(ir != NULL);
    if (ir) {
        const struct category *c = categories_find(&ir->cats, "scope");
        CHECK(c && c->victims && c->nvalues == 2 && !strcmp(c->section, "magnitude"));
        /* the total is the cases' indicator too, given after the category: one slot */
        CHECK(c && c->total >= 0 && ir->slot[c->total].role == IR_CASES);
        CHECK(c && ir->slot[c->slot[0]].role == IR_NONE);
        CHECK_STR(c ? category_title(c, "en") : "", "Scope");
        CHECK_STR(c ? category_column(c, "en") : "", "Scope");
        CHECK_STR(c ? category_label(c, 0, "en") : "", "Nacional"); /* no English: the first */
        CHECK_STR(c ? category_label(c, 1, "en") : "", "International");
        CHECK_STR(c ? c->total_name : "", "T_TOTAL");
    }
    profile_free(p);
    static const struct {
        const char *lines, *want;
    } bad[] = {
        {"[category scope]\nT_TOTAL = total\nT_X = total\n",
         ":6: [category scope] 'T_X': the category has a total already"},
        {"[category scope]\nT_A = a | A\nT_A = b | B\n",
         ":6: [category scope] 'T_A': the indicator is a part of the category already"},
        {"[category scope]\nT_A = a | A\nT_B = a | B\n",
         ":6: [category scope] 'T_B': this value is a part of the category already"},
        {"[category scope]\nT_A = unknown | Sin dato\n",
         ":5: [category scope] 'T_A': must be 'value | label' or 'value | label | English "
         "label', the value in lower-case letters, digits and _ (not unknown)"},
        {"[category Scope]\nT_A = a | A\n",
         ":5: [category Scope] 'T_A': a category's name is 1 to 31 lower-case letters, "
         "digits or _ ([category place])"},
        {"[category scope]\nsection = Magnitud General\n",
         ":5: [category scope] 'section': a section is the id of a report section, as "
         "magnitude"},
        {"[category scope]\nT_A = a |\n",
         ":5: [category scope] 'T_A': needs a label of 1 to 79 bytes after the value"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        snprintf(text, sizeof text, "%s%s", head, bad[i].lines);
        CHECK_STR(load(text, NULL), bad[i].want);
    }
}
