-- The metric tables of hemicycle.duckdb, computed from its tables when the database is built
-- (after macros.sql), so that reading a metric costs what reading its rows costs, whatever
-- the size of the data. Each one is a macro of macros.sql over the whole dataset, or a split
-- of one by year or by statement. A release ships every one of them as Parquet under
-- metrics/ (hemicycle.schema.METRICS describes their columns).
--
-- person_cosignatures is built by hemicycle.publish.duck, in parts, with members numbered:
-- it equals person_cosignatures_in(per_member := 20), whose pairs at 10 M signatures do not
-- fit in memory at once.

CREATE TABLE signatories_by_group AS SELECT * FROM signatories_by_group_in();

CREATE TABLE signatories_by_group_per_year AS
SELECT source, year, group_code,
       count(*) AS signatories,
       count(DISTINCT statement_id) AS statements
FROM signatories
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, year, signatories DESC, group_code NULLS LAST;

-- Per statement: meant to be filtered (WHERE statement_id = ...), stored in statement order.
CREATE TABLE signatories_by_group_per_statement AS
SELECT statement_id, group_code, count(*) AS signatories
FROM signatories
WHERE kind = 'person'
GROUP BY ALL
ORDER BY statement_id, group_code NULLS FIRST;

CREATE TABLE signatories_by_country AS SELECT * FROM signatories_by_country_in();

CREATE TABLE signatories_by_country_per_year AS
SELECT source, year, country_code,
       count(*) AS signatories,
       count(DISTINCT statement_id) AS statements
FROM signatories
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, year, signatories DESC, country_code NULLS LAST;

CREATE TABLE signatories_by_country_per_statement AS
SELECT statement_id, country_code, count(*) AS signatories
FROM signatories
WHERE kind = 'person'
GROUP BY ALL
ORDER BY statement_id, country_code NULLS FIRST;

CREATE TABLE statement_group_mix AS SELECT * FROM group_mix_in();
CREATE TABLE group_cosignatures AS SELECT * FROM group_cosignatures_in();
CREATE TABLE person_group_cosignatures AS SELECT * FROM person_group_cosignatures_in();
CREATE TABLE member_activity AS SELECT * FROM member_activity_in();
CREATE TABLE member_groups_per_year AS SELECT * FROM member_groups_in();
CREATE TABLE target_countries AS SELECT * FROM target_countries_in();
CREATE TABLE target_country_signatory_countries AS SELECT * FROM target_country_signatory_countries_in();
CREATE TABLE target_country_groups AS SELECT * FROM target_country_groups_in();
CREATE TABLE target_stances AS SELECT * FROM target_stances_in();
CREATE TABLE target_stance_signatory_countries AS SELECT * FROM target_stance_signatory_countries_in();
CREATE TABLE praise_against_group AS SELECT * FROM praise_against_group_in();
