-- Questions people ask (README, "Questions"), each one macro. They come after macros.sql and
-- may read the metric tables (hemicycle.duckdb) or views (a release's views.sql).

-- Who signs most with members of another group: person_group_cosignatures for one group (a
-- code as printed in signatories.group_code, e.g. 'EPP/CD'), with the members' names, most
-- statements first. Without a year range it reads the table person_group_cosignatures (of
-- the database, or of views.sql), with one it computes them for those years.
CREATE OR REPLACE MACRO members_signing_with(with_group, from_year := NULL, to_year := NULL,
                                             in_source := NULL) AS TABLE
WITH ties AS (
    SELECT * FROM person_group_cosignatures
    WHERE from_year IS NULL AND to_year IS NULL AND (in_source IS NULL OR source = in_source)
    UNION ALL
    SELECT * FROM person_group_cosignatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
    WHERE from_year IS NOT NULL OR to_year IS NOT NULL
)
SELECT t.person_id, t.source, p.family_name, p.given_name, p.country_code, p.group_codes AS groups,
       t.statements, t.member_statements, t.share
FROM ties t
LEFT JOIN persons p ON p.person_id = t.person_id AND p.source = t.source
WHERE t.group_code = with_group
ORDER BY t.statements DESC, t.share DESC, t.person_id;

-- A member's signatures over time: every statement the member signed, in date order, with
-- the group and country printed with the name there and the member's place in the list.
CREATE OR REPLACE MACRO member_signatures(person, from_year := NULL, to_year := NULL,
                                          in_source := NULL) AS TABLE
SELECT sig.year, sig.date, sig.statement_id, sig.source, st.doc_type, st.title,
       sig.position, sig.group_code, sig.country_code, st.signatory_count AS signatories
FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) sig
JOIN statements st USING (statement_id)
WHERE sig.person_id = person
ORDER BY sig.date NULLS LAST, sig.statement_id, sig.position;

-- The statements two members both signed, in date order, with each one's place in the list.
CREATE OR REPLACE MACRO signed_together(person_a, person_b, from_year := NULL, to_year := NULL,
                                        in_source := NULL) AS TABLE
WITH a AS (
    SELECT statement_id, min(position) AS position
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) WHERE person_id = person_a GROUP BY ALL
), b AS (
    SELECT statement_id, min(position) AS position
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) WHERE person_id = person_b GROUP BY ALL
)
SELECT st.statement_id, st.source, st.date, st.doc_type, st.title,
       st.signatory_count AS signatories, a.position AS position_a, b.position AS position_b
FROM a JOIN b USING (statement_id)
JOIN statements st USING (statement_id)
ORDER BY st.date NULLS LAST, st.statement_id;
