/* test_places.c: the place table built from the ubigeo files, and the resolver's rules. */
#include "check.h"
#include "count/places.h"

static struct places *p;

/* "Region name" or "Country" or "?status", and the city when a province was named. */
static const char *where(const char *s)
{
    static char out[200];
    struct place r = places_resolve(p, s, strlen(s));
    if (r.status != PLACE_OK)
        snprintf(out, sizeof out, "?%d", r.status);
    else if (r.province)
        snprintf(out, sizeof out, "%s/%s", places_name(p, r.code),
                 places_province(p, r.province)->capital);
    else
        snprintf(out, sizeof out, "%s", places_name(p, r.code));
    return out;
}

void suite_places(void)
{
    char dir[1100];
    struct tp_error err;
    snprintf(dir, sizeof dir, "%s/places", check_templates);
    p = places_load(dir, &err);
    CHECK(p != NULL);
    if (!p)
        return;
    CHECK_INT(places_nprovinces(p), 196);
    CHECK_STR(places_region(p, 10)->name, "Huánuco");
    CHECK_STR(places_region(p, 7)->iso, "PE-CAL");
    CHECK_INT(places_region(p, 15)->population, 8445211);
    /* Capitals people write in case files. */
    CHECK_STR(where("Pucallpa"), "Ucayali/Pucallpa");
    CHECK_STR(where("Iquitos"), "Loreto/Iquitos");
    CHECK_STR(where("Juliaca"), "Puno/Juliaca");
    CHECK_STR(where("Cerro de Pasco"), "Pasco/Cerro de Pasco");
    CHECK_STR(where("Huancayo"), "Junín/Huancayo");
    CHECK_STR(where("Chiclayo"), "Lambayeque/Chiclayo");
    CHECK_STR(where("TARAPOTO"), "San Martín/Tarapoto");
    CHECK_STR(where("Tingo Maria"), "Huánuco/Tingo María");
    CHECK_STR(where("Puerto Maldonado"), "Madre de Dios/Puerto Maldonado");
    CHECK_STR(where("Trujillo"), "La Libertad/Trujillo");
    CHECK_STR(where("Coronel Portillo"), "Ucayali/Pucallpa"); /* a province's name */
    /* Regions, variants, qualifiers. */
    CHECK_STR(where("Cuzco"), "Cusco/Cusco");
    CHECK_STR(where("Lima Provincias"), "Lima/Lima");
    CHECK_STR(where("ancash"), "Áncash");
    CHECK_STR(where("Región Madre de Dios"), "Madre de Dios");
    CHECK_STR(where("Departamento de Huánuco"), "Huánuco/Huánuco");
    CHECK_STR(where("PE-CUS"), "Cusco");
    CHECK_STR(where("Ucayali"), "Ucayali"); /* the region, not Ucayali province (Loreto) */
    CHECK_STR(where("Pucallpa, Ucayali"), "Ucayali/Pucallpa");
    CHECK_STR(where("Juliaca (Puno)"), "Puno/Juliaca");
    CHECK_STR(where("Cusco, Perú"), "Cusco/Cusco");
    /* Ubigeo codes, leading zero lost or not. */
    CHECK_STR(where("08"), "Cusco");
    CHECK_STR(where("8"), "Cusco");
    CHECK_STR(where("080000"), "Cusco");
    CHECK_STR(where("2511"), "?2"); /* no province 2511 */
    CHECK_STR(where("2101"), "Puno/Puno");
    CHECK_STR(where("250101"), "Ucayali/Pucallpa");
    CHECK_STR(where("80101"), "Cusco/Cusco");
    CHECK_STR(where("26"), "?2");
    CHECK_STR(where("999999"), "?2");
    CHECK_STR(where("@SUM(1)"), "?2");          /* digits inside a value are not a code */
    CHECK_STR(where("Puno (21)"), "Puno/Puno");
    /* Abroad: a foreign country alone decides; Peru alone names no region. */
    CHECK_STR(where("Quito, Ecuador"), "Ecuador");
    CHECK_STR(where("Tokio, Japón"), "Japan");
    CHECK_STR(where("JPN"), "Japan");
    CHECK_STR(where("Perú"), "?4");
    CHECK_STR(where("Quito"), "?2");
    /* Shared names need a region. */
    CHECK_STR(where("San Miguel"), "?3");
    CHECK_STR(where("San Miguel, Cajamarca"), "Cajamarca/San Miguel de Pallaques");
    CHECK_STR(where("La Unión (Huánuco)"), "Huánuco/La Unión");
    char amb[200];
    places_ambiguity(p, "San Miguel", 10, amb, sizeof amb);
    CHECK_STR(amb, "Cajamarca or Ayacucho");
    CHECK_STR(where(""), "?1");
    CHECK_STR(where("--"), "?1");
    /* Countries by name, Spanish or English, demonym, ISO code in capitals. */
    const char *names[] = {"Perú", "peruana", "PE", "PER", "Japón", "japonesa", "Filipinas",
                           "Gabón", "gabonés", "EEUU", "Estados Unidos", "Bolivia", "VEN"};
    const char *want[] = {"Peru", "Peru", "Peru", "Peru", "Japan", "Japan", "Philippines",
                          "Gabon", "Gabon", "United States", "United States", "Bolivia",
                          "Venezuela"};
    for (size_t i = 0; i < sizeof names / sizeof *names; i++) {
        int c = places_country(p, names[i], strlen(names[i]));
        CHECK_STR(c >= 0 ? places_country_info(p, c)->name : "-", want[i]);
    }
    CHECK_INT(places_country(p, "pe", 2), -1); /* codes only in capitals */
    CHECK_INT(places_country(p, "Narnia", 6), -1);
    places_free(p);
    CHECK(!places_load("/nonexistent", &err));
    CHECK_STR(err.file, "/nonexistent/regions.csv");
}
