// duckdb_tables.mjs: DuckDB computing tipreport's tables from a clean canonical export, for
// the benchmark only (make bench). Usage: node duckdb_tables.mjs EXPORT_DIR OUT_DIR FROM TO
// Writes OUT_DIR/*.csv and prints the seconds spent inside DuckDB.
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdirSync } from 'node:fs';

const [dir, out, from, to] = process.argv.slice(2);
mkdirSync(out, { recursive: true });
const places = new URL('../templates/places/', import.meta.url).pathname;
const t0 = process.hrtime.bigint();
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const con = await db.connect();
const q = (sql) => con.run(sql);

// Names as the export writes them -> region code; foreign places are "City, Country".
await q(`CREATE TABLE region AS SELECT code, name, population_2007 AS pop
         FROM read_csv('${places}regions.csv', all_varchar = true)`);
await q(`CREATE TABLE place AS
  SELECT DISTINCT k, code, city FROM (
    SELECT lower(strip_accents(name)) AS k, code, NULL AS city FROM region
    UNION ALL
    SELECT lower(strip_accents(capital)), substr(inei, 1, 2), capital
    FROM read_csv('${places}ubigeo_provinces.csv', all_varchar = true)
    UNION ALL
    SELECT lower(strip_accents(provincia)), substr(inei, 1, 2), capital
    FROM read_csv('${places}ubigeo_provinces.csv', all_varchar = true))
  QUALIFY row_number() OVER (PARTITION BY k ORDER BY city NULLS FIRST) = 1`);
await q(`CREATE TABLE country AS SELECT lower(strip_accents(name_es)) AS k, name FROM
         read_csv('${places}countries.csv', all_varchar = true)
         UNION SELECT lower(strip_accents(name)), name FROM
         read_csv('${places}countries.csv', all_varchar = true)`);

const opts = `header = true, all_varchar = true, delim = ',', quote = '"'`;
await q(`CREATE TABLE c AS
  SELECT * FROM (SELECT *, row_number() OVER () AS line FROM read_csv('${dir}/cases.csv', ${opts}))
  QUALIFY row_number() OVER (PARTITION BY case_id ORDER BY line) = 1`);
await q(`CREATE TABLE cases AS
  SELECT c.case_id, CAST(c.reported_on AS DATE) AS d,
         coalesce(r.code, '00') AS region, ct.city AS city, coalesce(ct.code, '00') AS city_region,
         coalesce(o.code, oc.name, 'unknown') AS origin, coalesce(de.code, dc.name, 'unknown') AS dest,
         coalesce(tr.code, '') AS transit,
         c.exploitation, c.recruitment, c.transport,
         coalesce(c.source, 'unknown') AS source, coalesce(c.status, 'unknown') AS status
  FROM c
  LEFT JOIN place r ON r.k = lower(strip_accents(c.region))
  LEFT JOIN place ct ON ct.k = lower(strip_accents(c.city)) AND ct.city IS NOT NULL
  LEFT JOIN place o ON o.k = lower(strip_accents(c.origin))
  LEFT JOIN country oc ON oc.k = lower(strip_accents(trim(split_part(c.origin, ',', 2))))
  LEFT JOIN place de ON de.k = lower(strip_accents(c.destination))
  LEFT JOIN country dc ON dc.k = lower(strip_accents(trim(split_part(c.destination, ',', 2))))
  LEFT JOIN place tr ON tr.k = lower(strip_accents(c.transit))`);
await q(`CREATE TABLE pc AS SELECT * FROM cases WHERE d BETWEEN DATE '${from}' AND DATE '${to}'`);
await q(`CREATE TABLE v AS
  SELECT * FROM (SELECT *, row_number() OVER () AS line FROM read_csv('${dir}/victims.csv', ${opts}))
  QUALIFY row_number() OVER (PARTITION BY victim_id ORDER BY line) = 1`);
await q(`CREATE TABLE pv AS
  SELECT pc.*, coalesce(v.sex, 'unknown') AS sex, TRY_CAST(v.age AS INT) AS age,
         coalesce(v.nationality, 'unknown') AS nat, v.assistance
  FROM v JOIN pc USING (case_id)`);
await q(`CREATE TABLE s AS
  SELECT * FROM (SELECT *, row_number() OVER () AS line FROM read_csv('${dir}/suspects.csv', ${opts}))
  QUALIFY row_number() OVER (PARTITION BY suspect_id ORDER BY line) = 1`);

const band = `CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN '0-17'
              WHEN age <= 30 THEN '18-30' ELSE '31+' END`;
const minor = `CASE WHEN age IS NULL THEN 'unknown' WHEN age < 18 THEN 'yes' ELSE 'no' END`;
const tables = {
  summary: `SELECT 'cases' AS metric, count(*) AS value FROM pc
            UNION ALL SELECT 'victims', count(*) FROM pv
            UNION ALL SELECT 'suspects_identified', count(*) FROM s
              WHERE CAST(identified_on AS DATE) BETWEEN DATE '${from}' AND DATE '${to}'`,
  victims_by_sex_age: `SELECT sex, ${band} AS age_band, count(*) AS victims FROM pv
                       GROUP BY ALL ORDER BY victims DESC, sex, age_band`,
  cases_by_region: `WITH cr AS (SELECT region, count(*) AS n FROM pc GROUP BY ALL),
      vr AS (SELECT region, count(*) AS n, count(*) FILTER (age < 18) AS m FROM pv GROUP BY ALL),
      r AS (SELECT code, name, CAST(pop AS INT) AS pop FROM region
            UNION ALL SELECT '00', 'unknown', NULL)
    SELECT r.code AS region_code, r.name AS region, coalesce(cr.n, 0) AS cases,
      coalesce(vr.n, 0) AS victims, coalesce(vr.m, 0) AS victims_minor,
      CASE WHEN r.pop IS NOT NULL THEN printf('%.2f', 100000.0 * coalesce(vr.n, 0) / r.pop) END
        AS victims_per_100k
    FROM r LEFT JOIN cr ON cr.region = r.code LEFT JOIN vr ON vr.region = r.code
    ORDER BY cases DESC, victims DESC, r.code = '00', lower(strip_accents(r.name))`,
  cases_by_city: `SELECT coalesce(city, 'unknown') AS city, count(*) AS cases FROM pc
                  GROUP BY ALL ORDER BY cases DESC, city`,
  victims_by_nationality: `SELECT nat AS nationality, count(*) AS victims FROM pv
                           GROUP BY ALL ORDER BY victims DESC, nationality`,
  routes: `SELECT origin, transit, dest AS destination, count(*) AS cases FROM pc
           GROUP BY ALL ORDER BY cases DESC, origin, transit, destination`,
  exploitation: `SELECT coalesce(e, 'unknown') AS exploitation, sex, ${minor} AS minor,
                   count(*) AS victims
                 FROM (SELECT unnest(string_split(coalesce(exploitation, ''), ';')) AS e, sex, age FROM pv)
                 GROUP BY ALL ORDER BY victims DESC`,
  recruitment: `WITH x AS (SELECT unnest(string_split(recruitment, ';')) AS r FROM pc
                           WHERE recruitment IS NOT NULL)
                SELECT r AS recruitment, count(*) AS cases,
                       round(count(*) / (SELECT count(*) FROM pc WHERE recruitment IS NOT NULL), 4) AS share
                FROM x GROUP BY ALL ORDER BY cases DESC`,
  transport: `SELECT t AS transport, count(*) AS cases FROM
                (SELECT unnest(string_split(transport, ';')) AS t FROM pc WHERE transport IS NOT NULL)
              GROUP BY ALL ORDER BY cases DESC`,
  source: `SELECT source, count(*) AS cases FROM pc GROUP BY ALL ORDER BY cases DESC`,
  status: `SELECT status, count(*) AS cases FROM pc GROUP BY ALL ORDER BY cases DESC`,
  assistance: `SELECT a AS assistance, count(*) AS victims FROM
                 (SELECT unnest(string_split(assistance, ';')) AS a FROM pv WHERE assistance IS NOT NULL)
               GROUP BY ALL ORDER BY victims DESC`,
  suspects_by_year: `SELECT year(CAST(identified_on AS DATE)) AS year, count(*) AS identified,
        count(*) FILTER (sex = 'female') AS female, count(*) FILTER (sex = 'male') AS male,
        count(*) FILTER (sex IS NULL) AS sex_unknown,
        count(*) FILTER (nationality = 'Peru') AS peruvian,
        count(*) FILTER (nationality <> 'Peru') AS foreign,
        count(*) FILTER (nationality IS NULL) AS nationality_unknown,
        count(*) FILTER (detained = 'yes') AS detained, count(*) FILTER (prosecuted = 'yes') AS prosecuted,
        count(*) FILTER (convicted = 'yes') AS convicted
      FROM s GROUP BY ALL ORDER BY year`,
  suspects_by_nationality: `SELECT coalesce(nationality, 'unknown') AS nationality, count(*) AS suspects
                            FROM s GROUP BY ALL ORDER BY suspects DESC, nationality`,
};
for (const [name, sql] of Object.entries(tables))
  await q(`COPY (${sql}) TO '${out}/${name}.csv' (HEADER, DELIMITER ',')`);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(seconds.toFixed(3));
