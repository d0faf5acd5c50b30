/* genexport.c: writes a clean canonical export of N victims (N/2.5 cases, N/10 suspects) for
 * the benchmark. Deterministic: the same N gives the same files.
 * Usage: genexport N DIR */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t)((state >> 11) % n);
}

#define PICK(a) a[rnd(sizeof a / sizeof *a)]

static const char *const regions[] = {
    "Amazonas", "Áncash", "Apurímac", "Arequipa", "Ayacucho", "Cajamarca", "Callao",
    "Cusco", "Huancavelica", "Huánuco", "Ica", "Junín", "La Libertad", "Lambayeque", "Lima",
    "Loreto", "Madre de Dios", "Moquegua", "Pasco", "Piura", "Puno", "San Martín", "Tacna",
    "Tumbes", "Ucayali"};
static const char *const cities[] = {
    "Lima", "Cusco", "Puno", "Juliaca", "Pucallpa", "Iquitos", "Arequipa", "Tarapoto",
    "Huancayo", "Chiclayo", "Trujillo", "Puerto Maldonado", "Tingo María", "Cerro de Pasco",
    "Tumbes", "Piura", "Tacna", "Ayacucho", "Huánuco", "Sicuani"};
static const char *const abroad[] = {"Quito, Ecuador", "Tokio, Japón", "La Paz, Bolivia",
                                     "Madrid, España", "Santiago, Chile"};
static const char *const exploitation[] = {"sexual", "labour", "domestic_servitude", "begging",
                                           "sexual;labour", "child_labour", "other"};
static const char *const recruitment[] = {"false_job_offer", "seduction", "family", "internet",
                                          "threat", "false_job_offer;family", ""};
static const char *const transport[] = {"road", "river", "air", "road;river", ""};
static const char *const source[] = {"police_operation", "family", "victim", "hotline", "media",
                                     "ngo", "missing_person_report"};
static const char *const status[] = {"reported", "investigation", "prosecution", "trial",
                                     "convicted", "acquitted", "archived"};
static const char *const sexes[] = {"female", "female", "female", "male", ""};
static const char *const nationalities[] = {"Peru", "Peru", "Peru", "Peru", "Ecuador", "Bolivia",
                                            "Colombia", "Venezuela", ""};
static const char *const yesno[] = {"yes", "no", ""};
static const char *const assistance[] = {"shelter", "psychological", "medical;legal", "none", ""};

static const char *place(void)
{
    return rnd(20) == 0 ? abroad[rnd(5)] : rnd(2) ? PICK(regions) : PICK(cities);
}

static void date(char *out, int y0, int y1)
{
    int y = y0 + (int)rnd((uint32_t)(y1 - y0 + 1));
    snprintf(out, 11, "%04d-%02d-%02d", y, 1 + (int)rnd(12), 1 + (int)rnd(28));
}

static FILE *open_out(const char *dir, const char *name)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f) {
        fprintf(stderr, "genexport: %s: %s\n", path, strerror(errno));
        exit(1);
    }
    return f;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: genexport N DIR\n");
        return 2;
    }
    long n = atol(argv[1]);
    long ncases = n * 2 / 5, nsusp = n / 10;
    if (n < 10 || (mkdir(argv[2], 0777) != 0 && errno != EEXIST)) {
        fprintf(stderr, "genexport: bad N or cannot create %s\n", argv[2]);
        return 2;
    }
    char d1[11], d2[11];
    FILE *f = open_out(argv[2], "cases.csv");
    fputs("case_id,reported_on,region,city,origin,transit,destination,exploitation,recruitment,"
          "transport,source,status,status_on\n", f);
    for (long i = 0; i < ncases; i++) {
        date(d1, 2005, 2024);
        date(d2, 2005, 2024);
        const char *transit = rnd(4) == 0 ? PICK(regions) : "";
        fprintf(f, "C%08ld,%s,%s,%s,\"%s\",%s,\"%s\",%s,%s,%s,%s,%s,%s\n", i, d1, PICK(regions),
                PICK(cities), place(), transit, place(), PICK(exploitation), PICK(recruitment),
                PICK(transport), PICK(source), PICK(status), d2);
    }
    fclose(f);
    f = open_out(argv[2], "victims.csv");
    fputs("victim_id,case_id,sex,age,nationality,home,id_document,assistance\n", f);
    for (long i = 0; i < n; i++) {
        long c = i < ncases ? i : (long)rnd((uint32_t)ncases); /* every case has a victim */
        int age = (int)rnd(60);
        char a[8] = "";
        if (age < 57)
            snprintf(a, sizeof a, "%d", age + 5);
        fprintf(f, "V%09ld,C%08ld,%s,%s,%s,%s,%s,%s\n", i, c, PICK(sexes), a, PICK(nationalities),
                PICK(cities), PICK(yesno), PICK(assistance));
    }
    fclose(f);
    f = open_out(argv[2], "suspects.csv");
    fputs("suspect_id,case_id,sex,nationality,identified_on,detained,prosecuted,convicted,"
          "sentence_years\n", f);
    for (long i = 0; i < nsusp; i++) {
        date(d1, 2005, 2024);
        const char *conv = PICK(yesno);
        fprintf(f, "S%08ld,C%08ld,%s,%s,%s,%s,%s,%s,%s\n", i, (long)rnd((uint32_t)ncases),
                PICK(sexes), PICK(nationalities), d1, PICK(yesno), PICK(yesno), conv,
                strcmp(conv, "yes") ? "" : "8");
    }
    fclose(f);
    return 0;
}
