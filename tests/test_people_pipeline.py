"""Members in the published dataset: what `make run` gives on the embedded sample."""

from __future__ import annotations

import json
from pathlib import Path

from hemicycle.publish.duck import connect


def test_signatures_of_both_assemblies_carry_countries_and_ep_ones_their_member(pipeline_out: Path) -> None:
    con = connect(pipeline_out / "hemicycle.duckdb")
    by_source = {source: (total, with_country, with_member, from_roster) for source, total, with_country, with_member,
                 from_roster in con.execute(
                     "select source, count(*), count(country_code), count(member_id), "
                     "count(*) filter (where country_source = 'roster') from signatories "
                     "where kind = 'person' group by all").fetchall()}
    total, with_country, with_member, from_roster = by_source["ep"]
    assert with_country / total >= 0.9 and with_member / total >= 0.9 and from_roster == with_country
    assert by_source["pace"][1] == by_source["pace"][0]  # PACE lists print every country
    answers = con.execute("select source, count(*) from signatories_by_country where country_code is not null "
                          "group by all").fetchall()
    assert {s for s, n in answers if n >= 10} == {"ep", "pace"}
    # which countries' MEPs sign motions on Kazakhstan
    kz = con.execute("select signatory_country from target_country_signatory_countries "
                     "where target_country = 'KZ' and source = 'ep' and signatory_country is not null").fetchall()
    assert kz
    con.close()


def test_persons_carry_member_ids_and_no_one_is_named_by_an_id(pipeline_out: Path) -> None:
    con = connect(pipeline_out / "hemicycle.duckdb")
    total, with_member, by_id = con.execute(
        "select count(*), count(member_id), count(*) filter (where family_name like 'ep:%' "
        "or len(list_filter(names_as_printed, lambda x: x like 'ep:%')) > 0) "
        "from persons where source = 'ep'").fetchall()[0]
    assert with_member / total >= 0.9 and by_id == 0
    assert con.execute("select count(*) from signatories where name like 'ep:%'").fetchone() == (0,)
    unknown = con.execute("select count(*) from persons p where member_id is not null "
                          "and member_id not in (select member_id from members)").fetchone()
    assert unknown == (0,)
    con.close()


def test_a_career_across_both_assemblies_shows_in_member_activity(pipeline_out: Path) -> None:
    con = connect(pipeline_out / "hemicycle.duckdb")
    rows = con.execute("select source, statements, groups, assemblies from member_activity "
                       "where person_id = 'ep:197514' order by source").fetchall()
    assert [(r[0], r[3]) for r in rows] == [("ep", ["pace", "ep"]), ("pace", ["pace", "ep"])]
    assert rows[0][2] == ["EPP"] and rows[1][2] == ["EPP/CD"]
    assert con.execute("select evidence from person_links where person_id = 'ep:197514'").fetchall() == [("curated",)]
    con.close()


def test_validation_reports_the_roster_checks_and_resolution_per_assembly_and_method(pipeline_out: Path) -> None:
    report = json.loads((pipeline_out / "validation.json").read_text(encoding="utf-8"))
    seats = [c for c in report["checks"] if c["table"] == "memberships" and c["rule"] == "members_within_seats"]
    assert seats and all(c["passed"] and c["severity"] == "error" for c in seats)
    ep = report["resolution"]["ep"]
    assert ep["share_with_member"] >= 0.9 and sum(m["signatures"] for m in ep["methods"].values()) == \
        ep["person_signatures"]
    assert set(ep["methods"]) >= {"source_id", "document_id", "roster_name", "alias"}
    assert ep["unresolved_reasons"] == {"no_roster": ep["methods"]["unresolved"]["signatures"]}
    assert report["resolution"]["pace"]["person_signatures"] > 1000


def test_the_data_card_shows_ep_signatures_by_country_and_the_resolution_rate(pipeline_out: Path) -> None:
    page = (pipeline_out / "index.html").read_text(encoding="utf-8")
    section = page[page.index('<section id="people">'):]
    section = section[:section.index("</section>")]
    assert 'id="chart-ep-countries"' in section and "country from the roster" in section
    assert "signatures of members attributed to a member of the roster" in section
    assert "roster_name" in section and "no_roster" in section
