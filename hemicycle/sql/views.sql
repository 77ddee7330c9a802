-- Derived metrics over the base views (statements, signatories, documents, quarantine).
-- Each view answers one question; "_per_statement" and "_per_year" variants split it.
-- The overall views are the macros of macros.sql over the whole dataset.
-- The "_per_statement" views are meant to be filtered (WHERE statement_id = ...) and leave
-- the order to the query: sorting millions of rows nobody reads would double their cost.

CREATE OR REPLACE VIEW signatories_by_group AS
SELECT * FROM signatories_by_group_in();

CREATE OR REPLACE VIEW signatories_by_group_per_year AS
SELECT source, year, group_code,
       count(*) AS signatories,
       count(DISTINCT statement_id) AS statements
FROM signatories
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, year, signatories DESC, group_code NULLS LAST;

CREATE OR REPLACE VIEW signatories_by_group_per_statement AS
SELECT statement_id, group_code, count(*) AS signatories
FROM signatories
WHERE kind = 'person'
GROUP BY ALL;

CREATE OR REPLACE VIEW signatories_by_country AS
SELECT * FROM signatories_by_country_in();

CREATE OR REPLACE VIEW signatories_by_country_per_year AS
SELECT source, year, country_code,
       count(*) AS signatories,
       count(DISTINCT statement_id) AS statements
FROM signatories
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, year, signatories DESC, country_code NULLS LAST;

CREATE OR REPLACE VIEW signatories_by_country_per_statement AS
SELECT statement_id, country_code, count(*) AS signatories
FROM signatories
WHERE kind = 'person'
GROUP BY ALL;
