-- Parameterised metrics and questions. Each metric is defined once, here, as a table macro;
-- metrics.sql stores the whole-dataset result of each as a table of hemicycle.duckdb (every
-- parameter NULL), and a release ships the same tables as Parquet under metrics/.
--
-- Every macro takes the same scope, all optional, NULL meaning "no limit":
--   from_year, to_year  statements dated within these years (undated statements are left
--                       out as soon as either bound is given)
--   in_source           'pace' or 'ep'
-- and the target-country macros also take `target` (ISO 3166-1 alpha-2, e.g. 'KZ').
-- They read the tables by name (statements, signatories, statement_countries, persons), so
-- they work in hemicycle.duckdb and on top of the views of a release's views.sql alike.
--
--   SELECT * FROM group_cosignatures_in(from_year := 2015, to_year := 2020, in_source := 'pace');

-- The signatures in scope: one row per signature (person or group) of a statement in range.
CREATE OR REPLACE MACRO signatures_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT *
FROM signatories
WHERE (from_year IS NULL OR year >= from_year)
  AND (to_year IS NULL OR year <= to_year)
  AND (in_source IS NULL OR source = in_source);

-- Members' signatures by political group: how many signatures, on how many statements.
CREATE OR REPLACE MACRO signatories_by_group_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT source, group_code,
       count(*) AS signatories,
       count(DISTINCT statement_id) AS statements
FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, signatories DESC, group_code NULLS LAST;

-- Members' signatures by the country they represent.
CREATE OR REPLACE MACRO signatories_by_country_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT source, country_code,
       count(*) AS signatories,
       count(DISTINCT statement_id) AS statements
FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, signatories DESC, country_code NULLS LAST;

-- The statements in scope.
CREATE OR REPLACE MACRO statements_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT *
FROM statements
WHERE (from_year IS NULL OR year >= from_year)
  AND (to_year IS NULL OR year <= to_year)
  AND (in_source IS NULL OR source = in_source);

-- Per statement, how mixed its signatories are. Every signature with a group counts once
-- (members, and groups tabling a text). effective_groups is the inverse Simpson index
-- 1 / sum(p_g^2), p_g being group g's share of those signatures: 1 for a single group,
-- k for k groups of equal size; null when no signature names a group.
CREATE OR REPLACE MACRO group_mix_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
WITH per_group AS (
    SELECT statement_id, group_code, count(*) AS n
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
    WHERE group_code IS NOT NULL
    GROUP BY ALL
), mix AS (
    SELECT statement_id,
           sum(n)::BIGINT AS with_group,
           sum(n * n)::BIGINT AS sum_squares,
           first(group_code ORDER BY n DESC, group_code) AS largest_group,
           max(n) AS largest_n
    FROM per_group
    GROUP BY ALL
), spread AS (
    SELECT statement_id, count(*) AS signatories,
           count(DISTINCT group_code) AS groups,
           count(DISTINCT country_code) AS countries
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
    GROUP BY ALL
)
SELECT st.statement_id, st.source, st.year, st.date,
       coalesce(spread.signatories, 0) AS signatories,
       coalesce(mix.with_group, 0) AS signatories_with_group,
       coalesce(spread.groups, 0) AS groups,
       coalesce(spread.countries, 0) AS countries,
       mix.with_group::DOUBLE * mix.with_group / mix.sum_squares AS effective_groups,
       mix.largest_group,
       mix.largest_n::DOUBLE / mix.with_group AS largest_group_share
FROM statements_in(from_year := from_year, to_year := to_year, in_source := in_source) st
LEFT JOIN spread USING (statement_id)
LEFT JOIN mix USING (statement_id)
ORDER BY st.statement_id;

-- Group x group co-signature matrix, both orders and the diagonal: `statements` is the
-- number of statements signed by at least one signatory of each group (on the diagonal,
-- the statements the group signed); share_of_a = statements / the diagonal of group_a.
CREATE OR REPLACE MACRO group_cosignatures_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
WITH presence AS (
    SELECT DISTINCT source, statement_id, group_code
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
    WHERE group_code IS NOT NULL
), pairs AS (
    SELECT a.source, a.group_code AS group_a, b.group_code AS group_b, count(*) AS statements
    FROM presence a JOIN presence b USING (source, statement_id)
    GROUP BY ALL
)
SELECT source, group_a, group_b, statements,
       statements::DOUBLE / max(CASE WHEN group_a = group_b THEN statements END)
           OVER (PARTITION BY source, group_a) AS share_of_a
FROM pairs
ORDER BY source, group_a, group_b;

-- Person x person co-signature edges, one row per pair (person_a < person_b): the raw
-- number of statements both signed, and Newman's collaboration weight, the sum over those
-- statements of 1 / (n - 1) with n the number of members who signed the statement, so that
-- every signer's ties to the others in one statement add up to 1 however long the list.
-- With `per_member` (e.g. 20), only the pairs among the `per_member` strongest ties of either
-- member in the assembly (largest weight; then more statements, then the smaller id): the table
-- person_cosignatures of hemicycle.duckdb is this macro with per_member := 20.
CREATE OR REPLACE MACRO person_cosignatures_in(from_year := NULL, to_year := NULL, in_source := NULL,
                                               per_member := NULL) AS TABLE
WITH people AS (
    SELECT DISTINCT source, statement_id, person_id
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
    WHERE kind = 'person'
), sizes AS (
    SELECT statement_id, count(*) AS n FROM people GROUP BY ALL HAVING count(*) >= 2
), pairs AS (
    SELECT a.source, a.person_id AS person_a, b.person_id AS person_b,
           count(*) AS statements,
           -- summed as decimals: exact, so the result does not depend on the order of addition
           sum((1.0 / (sizes.n - 1))::DECIMAL(18, 15)) AS weight
    FROM people a
    JOIN people b ON a.statement_id = b.statement_id AND a.person_id < b.person_id
    JOIN sizes ON sizes.statement_id = a.statement_id
    GROUP BY ALL
), ties AS (
    SELECT source, person_a AS member, person_b AS partner, statements, weight FROM pairs
    UNION ALL
    SELECT source, person_b, person_a, statements, weight FROM pairs
), strongest AS (  -- a member's ties in each assembly
    SELECT DISTINCT source, least(member, partner) AS person_a, greatest(member, partner) AS person_b
    FROM ties
    QUALIFY row_number() OVER (PARTITION BY source, member ORDER BY weight DESC, statements DESC, partner)
            <= per_member
)
SELECT source, person_a, person_b, statements, weight::DOUBLE AS weight
FROM pairs
WHERE per_member IS NULL
   OR (source, person_a, person_b) IN (SELECT (source, person_a, person_b) FROM strongest)
ORDER BY source, person_a, person_b;

-- One member's co-signers, each with the statements signed together and the weight of the tie
-- (as in person_cosignatures_in, every one of them): computed from the member's own
-- statements outwards, so it answers at once on any size of data.
CREATE OR REPLACE MACRO cosigners(person, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
WITH sig AS (
    SELECT * FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) WHERE kind = 'person'
), mine AS (
    SELECT DISTINCT statement_id FROM sig WHERE person_id = person
), people AS (
    SELECT DISTINCT source, statement_id, person_id FROM sig SEMI JOIN mine USING (statement_id)
), sizes AS (
    SELECT statement_id, count(*) AS n FROM people GROUP BY ALL
)
SELECT p.source, p.person_id AS cosigner,
       any_value(m.family_name) AS family_name, any_value(m.given_name) AS given_name,
       any_value(m.country_code) AS country_code,
       count(*) AS statements,
       sum((1.0 / (sizes.n - 1))::DECIMAL(18, 15))::DOUBLE AS weight
FROM people p
JOIN sizes USING (statement_id)
LEFT JOIN persons m ON m.person_id = p.person_id AND m.source = p.source
WHERE p.person_id <> person
GROUP BY p.source, p.person_id
ORDER BY weight DESC, statements DESC, cosigner;

-- Person x group: per member and group, the statements the member signed together with at
-- least one member of that group while signing under another group (`statements`), out of
-- the statements the member signed under a group other than that one (`member_statements`).
-- Signatures without a group are left out.
CREATE OR REPLACE MACRO person_group_cosignatures_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
WITH sig AS (
    SELECT DISTINCT source, statement_id, person_id, group_code
    FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
    WHERE kind = 'person' AND group_code IS NOT NULL
), present AS (
    SELECT DISTINCT statement_id, group_code FROM sig
), own AS (  -- the groups printed with a member's name on a statement (nearly always one)
    SELECT source, person_id, statement_id, list(group_code) AS groups FROM sig GROUP BY ALL
), signed AS (
    SELECT source, person_id, count(*) AS statements FROM own GROUP BY ALL
), under AS (
    SELECT source, person_id, group_code, count(*) AS statements FROM sig GROUP BY ALL
), together AS (
    SELECT own.source, own.person_id, present.group_code, count(*) AS statements
    FROM own JOIN present USING (statement_id)
    WHERE NOT list_contains(own.groups, present.group_code)
    GROUP BY ALL
)
SELECT t.person_id, t.source, t.group_code, t.statements,
       s.statements - coalesce(u.statements, 0) AS member_statements,
       t.statements / (s.statements - coalesce(u.statements, 0)) AS share
FROM together t
JOIN signed s USING (source, person_id)
LEFT JOIN under u USING (source, person_id, group_code)
ORDER BY t.source, t.person_id, t.group_code;

-- Per member and assembly: statements signed, how often first among the members who signed,
-- when, the groups printed with the name in the order they first appear, and every assembly
-- the person signed in: a member of both assemblies has one person_id, so the rows of a career
-- across them share it and list the same assemblies.
CREATE OR REPLACE MACRO member_activity_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
WITH sig AS (
    SELECT * FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) WHERE kind = 'person'
), firsts AS (
    SELECT statement_id, min(position) AS first_position FROM sig GROUP BY ALL
), groups AS (
    SELECT person_id, source, group_code, min(date) AS since
    FROM sig WHERE group_code IS NOT NULL
    GROUP BY ALL
), group_lists AS (
    SELECT person_id, source, list(group_code ORDER BY since NULLS LAST, group_code) AS groups
    FROM groups GROUP BY ALL
), careers AS (
    SELECT person_id, list(source ORDER BY since NULLS LAST, source) AS assemblies
    FROM (SELECT person_id, source, min(date) AS since FROM sig GROUP BY ALL)
    GROUP BY ALL
)
SELECT sig.person_id, sig.source,
       any_value(p.family_name) AS family_name,
       any_value(p.given_name) AS given_name,
       any_value(p.country_code) AS country_code,
       count(DISTINCT sig.statement_id) AS statements,
       count(DISTINCT sig.statement_id) FILTER (WHERE sig.position = firsts.first_position)
           AS first_signatory,
       min(sig.date) AS first_date,
       max(sig.date) AS last_date,
       coalesce(any_value(group_lists.groups), []) AS groups,
       any_value(p.member_id) AS member_id,
       any_value(careers.assemblies) AS assemblies
FROM sig
JOIN firsts USING (statement_id)
LEFT JOIN persons p ON p.person_id = sig.person_id AND p.source = sig.source
LEFT JOIN group_lists ON group_lists.person_id = sig.person_id AND group_lists.source = sig.source
LEFT JOIN careers ON careers.person_id = sig.person_id
GROUP BY sig.person_id, sig.source
ORDER BY sig.source, statements DESC, sig.person_id;

-- Groups over time: per member, year and group, the statements signed.
CREATE OR REPLACE MACRO member_groups_in(from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT person_id, source, year, group_code, count(DISTINCT statement_id) AS statements
FROM signatures_in(from_year := from_year, to_year := to_year, in_source := in_source)
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, person_id, year NULLS LAST, group_code NULLS LAST;

-- Signatures on statements about each target country (statement_countries), the scope
-- shared by the three target-country metrics below.
CREATE OR REPLACE MACRO target_signatures_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT sc.country_code AS target_country, sc.rank, sc.found_in, sig.*
FROM statement_countries sc
JOIN signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) sig USING (statement_id)
WHERE target IS NULL OR sc.country_code = upper(target);

-- Per target country: statements about it (and as their main subject), who signed them.
CREATE OR REPLACE MACRO target_countries_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT target_country, source,
       count(DISTINCT statement_id) AS statements,
       count(DISTINCT statement_id) FILTER (WHERE rank = 1) AS as_main_subject,
       count(DISTINCT statement_id) FILTER (WHERE found_in = 'title') AS named_in_title,
       count(*) FILTER (WHERE kind = 'person') AS signatures,
       count(DISTINCT person_id) FILTER (WHERE kind = 'person') AS signers,
       count(DISTINCT country_code) AS signatory_countries,
       count(DISTINCT group_code) AS groups,
       min(date) AS first_date,
       max(date) AS last_date
FROM target_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source)
GROUP BY ALL
ORDER BY source, statements DESC, target_country;

-- Who signs about a country, by the signatories' own country.
CREATE OR REPLACE MACRO target_country_signatory_countries_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT target_country, source, country_code AS signatory_country,
       count(*) AS signatures,
       count(DISTINCT statement_id) AS statements,
       count(DISTINCT person_id) AS signers
FROM target_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source)
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, target_country, signatures DESC, signatory_country NULLS LAST;

-- Who signs about a country, by political group (members and groups tabling a text).
CREATE OR REPLACE MACRO target_country_groups_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT target_country, source, group_code,
       count(*) AS signatures,
       count(DISTINCT statement_id) AS statements,
       count(DISTINCT person_id) AS signers
FROM target_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source)
GROUP BY ALL
ORDER BY source, target_country, signatures DESC, group_code NULLS LAST;

-- The statements about one country, with how many signed them and from how many groups.
CREATE OR REPLACE MACRO statements_about(target, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT t.statement_id, t.source, any_value(st.date) AS date, any_value(st.title) AS title,
       any_value(t.rank) AS rank, any_value(t.found_in) AS found_in,
       count(*) AS signatories,
       count(DISTINCT t.group_code) AS groups,
       count(DISTINCT t.country_code) AS countries
FROM target_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source) t
JOIN statements st USING (statement_id)
GROUP BY t.statement_id, t.source
ORDER BY date NULLS LAST, t.statement_id;

-- Who praises whom. Signatures on statements that take a stance toward a state
-- (statement_stances: praise, criticism, mixed, neutral, solidarity or unknown, read by rules
-- from the text): one row per signature and target state.
CREATE OR REPLACE MACRO stance_signatures_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT ss.country_code AS target_country, ss.stance, ss.confidence AS stance_confidence,
       ss.evidence, sig.*
FROM statement_stances ss
JOIN signatures_in(from_year := from_year, to_year := to_year, in_source := in_source) sig USING (statement_id)
WHERE target IS NULL OR ss.country_code = upper(target);

-- The signers (members, by person_id, with their roster member_id when attributed; and groups
-- tabling a text) of statements taking one stance toward a state, with when they signed: how
-- many statements, first and last date, the years.
CREATE OR REPLACE MACRO stance_signers_in(target, which, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT target_country, source, kind,
       person_id,
       any_value(member_id ORDER BY member_id NULLS LAST) AS member_id,
       CASE WHEN kind = 'person' THEN any_value(name ORDER BY date DESC NULLS LAST, statement_id DESC)
            ELSE any_value(group_code) END AS name,
       any_value(country_code ORDER BY date DESC NULLS LAST, statement_id DESC) AS country_code,
       list(DISTINCT group_code ORDER BY group_code) FILTER (WHERE group_code IS NOT NULL) AS groups,
       count(DISTINCT statement_id) AS statements,
       min(date) AS first_date,
       max(date) AS last_date,
       list(DISTINCT year ORDER BY year) FILTER (WHERE year IS NOT NULL) AS years,
       list(DISTINCT statement_id ORDER BY statement_id) AS statement_ids
FROM stance_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source)
WHERE stance = which
GROUP BY target_country, source, kind, person_id, CASE WHEN kind = 'group' THEN group_code END
ORDER BY target_country, source, kind DESC, statements DESC, name;

-- praise_of('KZ'): who signed praise of the state's government; critics_of('KZ'): criticism.
CREATE OR REPLACE MACRO praise_of(target, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT * FROM stance_signers_in(target, 'praise', from_year := from_year, to_year := to_year, in_source := in_source);

CREATE OR REPLACE MACRO critics_of(target, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT * FROM stance_signers_in(target, 'criticism', from_year := from_year, to_year := to_year, in_source := in_source);

-- Per target state and stance: statements, members' signatures, signers and groups.
CREATE OR REPLACE MACRO target_stances_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT ss.country_code AS target_country, st.source, ss.stance,
       count(DISTINCT ss.statement_id) AS statements,
       count(sig.signatory_id) FILTER (WHERE sig.kind = 'person') AS signatures,
       count(DISTINCT sig.person_id) FILTER (WHERE sig.kind = 'person') AS signers,
       count(DISTINCT sig.group_code) AS groups
FROM statement_stances ss
JOIN statements st USING (statement_id)
LEFT JOIN signatories sig USING (statement_id)
WHERE (target IS NULL OR ss.country_code = upper(target))
  AND (from_year IS NULL OR st.year >= from_year)
  AND (to_year IS NULL OR st.year <= to_year)
  AND (in_source IS NULL OR st.source = in_source)
GROUP BY ALL
ORDER BY st.source, target_country, statements DESC, ss.stance;

-- Countries of the signatories, by stance toward each target state.
CREATE OR REPLACE MACRO target_stance_signatory_countries_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
SELECT target_country, source, stance, country_code AS signatory_country,
       count(*) AS signatures,
       count(DISTINCT statement_id) AS statements,
       count(DISTINCT person_id) AS signers
FROM stance_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source)
WHERE kind = 'person'
GROUP BY ALL
ORDER BY source, target_country, stance, signatures DESC, signatory_country NULLS LAST;

-- Members whose signatures about one state are mostly praise while their group's (the other
-- statements its members signed, or it tabled, about that state) are mostly criticism.
-- The group's other statements are its statements less the member's own among them: counted
-- so, rather than by pairing each member with every signature of the group, the cost grows
-- with the signatures, not with their square.
CREATE OR REPLACE MACRO praise_against_group_in(target := NULL, from_year := NULL, to_year := NULL, in_source := NULL) AS TABLE
WITH sig AS (
    SELECT * FROM stance_signatures_in(target := target, from_year := from_year, to_year := to_year, in_source := in_source)
    WHERE stance IN ('praise', 'criticism') AND group_code IS NOT NULL
), member AS (
    SELECT target_country, source, person_id, group_code,
           -- as printed last (ties: the larger statement id), so that the same rows give the same table
           any_value(name ORDER BY date DESC NULLS LAST, statement_id DESC) AS name,
           any_value(country_code ORDER BY date DESC NULLS LAST, statement_id DESC) AS country_code,
           count(DISTINCT statement_id) FILTER (WHERE stance = 'praise') AS praise,
           count(DISTINCT statement_id) FILTER (WHERE stance = 'criticism') AS criticism,
           min(date) AS first_date, max(date) AS last_date
    FROM sig WHERE kind = 'person'
    GROUP BY ALL
), group_statements AS (  -- one stance per statement and target
    SELECT DISTINCT target_country, source, group_code, statement_id, stance FROM sig
), group_totals AS (
    SELECT target_country, source, group_code,
           count(*) FILTER (WHERE stance = 'praise') AS praise,
           count(*) FILTER (WHERE stance = 'criticism') AS criticism
    FROM group_statements GROUP BY ALL
), own AS (
    SELECT DISTINCT target_country, person_id, statement_id FROM sig WHERE kind = 'person'
), own_in_group AS (  -- the group's statements the member signed (under any group)
    SELECT m.target_country, m.source, m.person_id, m.group_code,
           count(*) FILTER (WHERE g.stance = 'praise') AS praise,
           count(*) FILTER (WHERE g.stance = 'criticism') AS criticism
    FROM member m
    JOIN own o ON o.target_country = m.target_country AND o.person_id = m.person_id
    JOIN group_statements g ON g.target_country = m.target_country AND g.source = m.source
                           AND g.group_code = m.group_code AND g.statement_id = o.statement_id
    GROUP BY ALL
), others AS (
    SELECT m.target_country, m.source, m.person_id, m.group_code,
           t.praise - coalesce(mine.praise, 0) AS group_praise,
           t.criticism - coalesce(mine.criticism, 0) AS group_criticism
    FROM member m
    JOIN group_totals t USING (target_country, source, group_code)
    LEFT JOIN own_in_group mine USING (target_country, source, person_id, group_code)
)
SELECT m.target_country, m.source, m.person_id, m.name, m.country_code, m.group_code,
       m.praise, m.criticism, o.group_praise, o.group_criticism, m.first_date, m.last_date
FROM member m
JOIN others o USING (target_country, source, person_id, group_code)
WHERE m.praise > m.criticism AND o.group_criticism > o.group_praise
ORDER BY m.source, m.target_country, m.praise DESC, m.name;
