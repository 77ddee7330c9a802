-- Metric views: each macro of macros.sql over the whole dataset. A release also ships every
-- one of them as a Parquet table under metrics/, in the same row order.

CREATE OR REPLACE VIEW statement_group_mix AS SELECT * FROM group_mix_in();
CREATE OR REPLACE VIEW group_cosignatures AS SELECT * FROM group_cosignatures_in();
CREATE OR REPLACE VIEW person_cosignatures AS SELECT * FROM person_cosignatures_in();
CREATE OR REPLACE VIEW member_activity AS SELECT * FROM member_activity_in();
CREATE OR REPLACE VIEW member_groups_per_year AS SELECT * FROM member_groups_in();
CREATE OR REPLACE VIEW target_countries AS SELECT * FROM target_countries_in();
CREATE OR REPLACE VIEW target_country_signatory_countries AS
SELECT * FROM target_country_signatory_countries_in();
CREATE OR REPLACE VIEW target_country_groups AS SELECT * FROM target_country_groups_in();
CREATE OR REPLACE VIEW target_stances AS SELECT * FROM target_stances_in();
CREATE OR REPLACE VIEW target_stance_signatory_countries AS
SELECT * FROM target_stance_signatory_countries_in();
CREATE OR REPLACE VIEW praise_against_group AS SELECT * FROM praise_against_group_in();
