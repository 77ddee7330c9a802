"""Normalisation rules on hand-built parsed records (the parsers are tested on real pages)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

import polars as pl

from hemicycle.normalise import Tables, build_tables
from hemicycle.records import DocumentMeta, ListProblem, ParsedDocument, ParsedSignatory, ParsedStatement

TODAY = dt.date(2026, 11, 22)


def _meta(url: str, sha: str) -> DocumentMeta:
    return DocumentMeta("pace", url, sha, "text/plain", "2026-11-22T00:00:00Z", 100)


def _sig(pos: int, family: str, given: str, country: str | None, group: str | None = None) -> ParsedSignatory:
    return ParsedSignatory(position=pos, kind="person", name=f"{given} {family}", prefix="Mr",
                           given_name=given, family_name=family, country_label=country,
                           group_label=group)


def _st(lang: str, sigs: Iterable[ParsedSignatory], date: dt.date | None = dt.date(2018, 4, 24),
        doc_type: str = "motion_resolution", doc_no: str | None = "14538", title: str | None = None,
        total: int | None = None, file_id: str | None = "24688") -> ParsedStatement:
    return ParsedStatement(source="pace", doc_type=doc_type, language=lang, doc_no=doc_no,
                           date=date, title=title or f"title {lang}", declared_total=total,
                           signatories=tuple(sigs), file_id=file_id)


def test_english_and_french_versions_become_one_statement() -> None:
    en = _st("en", [_sig(1, "HERKEL", "Andres", "Estonia", "EPP/CD")], title="Russia")
    fr = _st("fr", [_sig(1, "HERKEL", "Andres", "Estonie", "PPE/DC")], title="Russie")
    tables = build_tables([ParsedDocument(_meta("https://x/en", "a"), (en,)),
                           ParsedDocument(_meta("https://x/fr", "b"), (fr,))], today=TODAY)
    st = tables.statements.row(0, named=True)
    assert tables.statements.height == 1 and st["statement_id"] == "pace:14538"
    assert (st["title_en"], st["title_fr"], st["languages"]) == ("Russia", "Russie", ["en", "fr"])
    assert st["source_urls"] == ["https://x/en", "https://x/fr"]
    sig = tables.signatories.row(0, named=True)
    assert (sig["country_code"], sig["group_code"], sig["group_id"]) == ("EE", "EPP/CD", "pace:epp")


def test_amendments_sharing_a_document_number_stay_distinct() -> None:
    a = _st("en", [_sig(1, "A", "B", "France")], doc_type="other", doc_no="14396", file_id="1")
    b = _st("en", [_sig(1, "C", "D", "France")], doc_type="other", doc_no="14396", file_id="2")
    tables = build_tables([ParsedDocument(_meta("u1", "a"), (a,)),
                           ParsedDocument(_meta("u2", "b"), (b,))], today=TODAY)
    assert tables.statements["statement_id"].to_list() == ["pace:14396:1", "pace:14396:2"]


def test_bad_rows_go_to_quarantine_with_reasons_and_the_rest_stays() -> None:
    sigs = [_sig(1, "KOX", "Tiny", "Netherlands", "UEL"), _sig(2, "KOX", "Tiny", "Netherlands", "UEL"),
            _sig(3, "NICK", "Andreas", None, "EPP/CD"), _sig(4, "MAIRE", "Jacques", "France", "ALDE")]
    tables = build_tables([ParsedDocument(_meta("u", "a"), (_st("en", sigs, total=4),))], today=TODAY)
    assert tables.signatories["position"].to_list() == [1, 4]
    reasons = dict(zip(tables.quarantine["record"], tables.quarantine["rule"], strict=True))
    assert reasons == {"pace:14538#2": "duplicate_signatory", "pace:14538#3": "missing_country"}
    st = tables.statements.row(0, named=True)
    assert st["signatory_count"] == 2 and st["signatories_complete"] is False


def test_absurd_dates_and_unparseable_documents_are_quarantined_not_dropped() -> None:
    old = _st("en", [_sig(1, "A", "B", "France")], date=dt.date(1901, 1, 1), doc_no="1")
    future = _st("en", [_sig(1, "A", "B", "France")], date=dt.date(2099, 1, 1), doc_no="2")
    failed = ParsedDocument(_meta("u3", "c"), error_reason="no_signatories", error_message="none")
    tables = build_tables([ParsedDocument(_meta("u1", "a"), (old,)),
                           ParsedDocument(_meta("u2", "b"), (future,)), failed], today=TODAY)
    assert tables.statements.height == 0
    assert sorted(tables.quarantine["rule"]) == ["date_in_future", "date_out_of_range", "no_signatories"]
    assert sorted(tables.documents["status"]) == ["quarantined"] * 3


def test_language_versions_that_disagree_are_reported_with_the_difference() -> None:
    en = _st("en", [_sig(1, "HERKEL", "Andres", "Estonia", "EPP/CD"),
                    _sig(2, "GROSS", "Andreas", "Switzerland", "SOC")])
    fr = _st("fr", [_sig(1, "HERKEL", "Andres", "Estonie", "PPE/DC"), _sig(2, "GROSS", "Andreas", "Suisse", "ADLE")])
    cut = ParsedStatement(**{**{f: getattr(en, f) for f in en.__slots__}, "language": "de",
                             "signatories": en.signatories[:1], "signatories_complete": False})
    tables = build_tables([ParsedDocument(_meta("https://x/en", "a"), (en,)),
                           ParsedDocument(_meta("https://x/fr", "b"), (fr,)),
                           ParsedDocument(_meta("https://x/de", "c"), (cut,))], today=TODAY)
    versions = {r["language"]: r for r in tables.statement_versions.iter_rows(named=True)}
    assert versions["en"]["is_primary"] and versions["en"]["agrees"]
    assert versions["de"]["agrees"]  # a cut version agrees when it is the beginning of the list
    assert not versions["fr"]["agrees"] and "ALDE" in versions["fr"]["differences"]


def _corpus_document(corpus_dir: Path, record: str) -> ParsedDocument:
    import json

    from hemicycle.parse.dispatch import parse_document

    raw = json.loads((corpus_dir / "pace" / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    statements = parse_document(raw["excerpt"].encode(), url=raw["url"], source="pace")
    return ParsedDocument(_meta(raw["url"], record), tuple(statements))


def test_a_group_code_printed_after_the_rename_keeps_its_printed_name(corpus_dir: Path) -> None:
    # WD 572 (Doc. 13479, 15 July 2014) prints the conservatives as EDG (French: GDE)
    tables = build_tables([_corpus_document(corpus_dir, "007"), _corpus_document(corpus_dir, "011")],
                          today=TODAY)
    conservatives = tables.signatories.filter(tables.signatories["group_id"] == "pace:conservative")
    assert conservatives.height > 0
    assert set(zip(conservatives["group_label"], conservatives["group_code"], strict=True)) == {("EDG", "EDG")}
    versions = tables.statement_versions
    assert versions["agrees"].to_list() == [True, True]  # GDE and EDG name the same group
    assert "EC" not in tables.signatories["group_code"].to_list()


def test_why_a_list_is_not_complete_is_published_with_it(corpus_dir: Path) -> None:
    tables = build_tables([_corpus_document(corpus_dir, "068")], today=TODAY)  # cut in "Dokle, Albania"
    st = tables.statements.row(0, named=True)
    assert (st["signatory_count"], st["signatories_complete"], st["incomplete_reasons"]) == (
        17, False, ["list_cut"])
    assert st["incomplete_detail"].startswith("list_cut: ") and "Dokle, Albania" in st["incomplete_detail"]
    whole = build_tables([_corpus_document(corpus_dir, "001")], today=TODAY).statements.row(0, named=True)
    assert (whole["signatories_complete"], whole["incomplete_reasons"], whole["incomplete_detail"]) == (
        True, [], None)


def test_a_declaration_or_motion_without_a_readable_list_is_quarantined_not_published(corpus_dir: Path) -> None:
    # 027 is a motion page stored without its list; 050 a copy of WD 501 with "Total = 108" and no name
    tables = build_tables([_corpus_document(corpus_dir, "027"), _corpus_document(corpus_dir, "050")],
                          today=TODAY)
    assert tables.statements.height == 0 and tables.statement_versions.height == 0
    rows = {r["record"]: r for r in tables.quarantine.iter_rows(named=True)}
    assert set(rows) == {"pace:13535", "pace:12765"}
    assert {(r["stage"], r["rule"]) for r in rows.values()} == {("normalise", "list_unread")}
    assert "declared total 108, no entry read" in rows["pace:12765"]["message"]


def test_the_other_version_of_a_statement_carries_it_when_one_has_no_list(corpus_dir: Path) -> None:
    # Doc. 13535: the English page was stored without its list, the French one with 46 entries
    tables = build_tables([_corpus_document(corpus_dir, "027"), _corpus_document(corpus_dir, "022")],
                          today=TODAY)
    st = tables.statements.row(0, named=True)
    assert (st["statement_id"], st["signatory_count"], st["incomplete_reasons"]) == (
        "pace:13535", 46, ["list_cut"])
    reasons = dict(zip(tables.statement_versions["language"], tables.statement_versions["incomplete_reasons"].to_list(),
                       strict=True))
    assert reasons == {"en": ["list_unread"], "fr": ["list_cut"]}
    assert tables.quarantine.height == 0


def test_versions_that_disagree_are_published_from_the_one_that_passes_its_own_checks() -> None:
    """The English version would be preferred (longest, English), but it reads one entry
    more than the total it declares: the French one, which adds up, is published; the
    statement is marked and the English version's difference listed."""
    sigs = [_sig(1, "HERKEL", "Andres", "Estonia", "EPP/CD"), _sig(2, "GROSS", "Andreas", "Switzerland", "SOC")]
    en = _st("en", [*sigs, _sig(3, "RESOLUTION", "Draft", "Switzerland", "SOC")], total=2)
    fr = _st("fr", [_sig(1, "HERKEL", "Andres", "Estonie", "PPE/DC"), _sig(2, "GROSS", "Andreas", "Suisse", "SOC")],
             total=2)
    other = _st("en", [_sig(1, "KOX", "Tiny", "Netherlands", "UEL")], doc_no="14539", file_id="24689")
    tables = build_tables([ParsedDocument(_meta("https://x/en", "a"), (en,)),
                           ParsedDocument(_meta("https://x/fr", "b"), (fr,)),
                           ParsedDocument(_meta("https://x/other", "c"), (other,))], today=TODAY)
    st = {r["statement_id"]: r for r in tables.statements.iter_rows(named=True)}
    assert st["pace:14538"]["versions_agree"] is False and st["pace:14539"]["versions_agree"] is True
    assert st["pace:14538"]["signatories_complete"] is True
    published = tables.signatories.filter(pl.col("statement_id") == "pace:14538")
    assert published["family_name"].to_list() == ["HERKEL", "GROSS"] and set(published["language"]) == {"fr"}
    versions = {r["language"]: r for r in tables.statement_versions.filter(
        pl.col("statement_id") == "pace:14538").iter_rows(named=True)}
    assert versions["fr"]["is_primary"] and versions["fr"]["trusted"] and versions["fr"]["agrees"]
    assert not versions["en"]["trusted"] and not versions["en"]["agrees"]
    assert "resolution" in versions["en"]["differences"]
    assert tables.quarantine.is_empty()


def test_a_problem_the_parser_found_makes_a_version_untrusted() -> None:
    sigs = [_sig(1, "HERKEL", "Andres", "Estonia", "EPP/CD"), _sig(2, "GROSS", "Andreas", "Switzerland", "SOC")]
    problem = (ListProblem("list_incomplete", "3 countries named in the list, 2 entries read"),)
    en = ParsedStatement(**{**{f: getattr(_st("en", sigs), f) for f in ParsedStatement.__slots__},
                            "list_problems": problem, "signatories_complete": False})
    fr = _st("fr", [_sig(1, "HERKEL", "Andres", "Estonie", "PPE/DC"), _sig(2, "GRAS", "Andrea", "Suisse", "SOC")])
    tables = build_tables([ParsedDocument(_meta("https://x/en", "a"), (en,)),
                           ParsedDocument(_meta("https://x/fr", "b"), (fr,))], today=TODAY)
    versions = {r["language"]: (r["trusted"], r["is_primary"], r["agrees"])
                for r in tables.statement_versions.iter_rows(named=True)}
    assert versions == {"en": (False, False, False), "fr": (True, True, True)}
    assert tables.statements["versions_agree"].to_list() == [False]


def test_versions_that_disagree_with_none_trusted_are_quarantined_alone() -> None:
    cut = {"signatories_complete": False}
    en = ParsedStatement(**{**{f: getattr(_st("en", []), f) for f in ParsedStatement.__slots__}, **cut,
                            "signatories": (_sig(1, "HERKEL", "Andres", "Estonia", "EPP/CD"),)})
    fr = ParsedStatement(**{**{f: getattr(_st("fr", []), f) for f in ParsedStatement.__slots__}, **cut,
                            "signatories": (_sig(1, "HERKEL", "Andres", "Estonie", "SOC"),)})
    other = _st("en", [_sig(1, "KOX", "Tiny", "Netherlands", "UEL")], doc_no="14539", file_id="24689")
    tables = build_tables([ParsedDocument(_meta("https://x/en", "a"), (en,)),
                           ParsedDocument(_meta("https://x/fr", "b"), (fr,)),
                           ParsedDocument(_meta("https://x/other", "c"), (other,))], today=TODAY)
    assert tables.statements["statement_id"].to_list() == ["pace:14539"]
    assert set(tables.signatories["statement_id"]) == {"pace:14539"}
    assert set(tables.statement_versions["statement_id"]) == {"pace:14539"}
    rows = tables.quarantine.select("url", "rule", "record").rows()
    assert sorted(rows) == [("https://x/en", "versions_disagree", "pace:14538"),
                            ("https://x/fr", "versions_disagree", "pace:14538")]


def test_a_list_that_does_not_add_up_to_its_declared_total_is_published_incomplete() -> None:
    sigs = [_sig(1, "HERKEL", "Andres", "Estonia", "EPP/CD"), _sig(2, "GROSS", "Andreas", "Switzerland", "SOC")]
    tables = build_tables([ParsedDocument(_meta("u", "a"), (_st("en", sigs, total=3),))], today=TODAY)
    st = tables.statements.row(0, named=True)
    assert (st["signatory_count"], st["declared_total"], st["signatories_complete"]) == (2, 3, False)
    assert st["incomplete_reasons"] == ["list_incomplete"] and "declared total 3, 2 entries read" in \
        st["incomplete_detail"]
    assert st["versions_agree"] is True
    assert tables.statement_versions["trusted"].to_list() == [False]


def _ep(doc_type: str, doc_no: str | None, procedure: str | None = None, date: dt.date | None = None,
        title: str | None = None, text: str | None = None, groups: tuple[str, ...] = ()) -> ParsedStatement:
    if doc_type == "press_summary":
        sigs = tuple(ParsedSignatory(position=i, kind="group", name=g, group_label=g) for i, g in enumerate(groups, 1))
    else:
        sigs = (ParsedSignatory(position=1, kind="person", name="Charles Tannock", group_label="ECR"),)
    return ParsedStatement(source="ep", doc_type=doc_type, language="en", doc_no=doc_no, date=date,
                           title=title, procedure=procedure, text=text, signatories=sigs)


def _ep_docs(*statements: ParsedStatement) -> list[ParsedDocument]:
    return [ParsedDocument(DocumentMeta("ep", f"u{k}", f"sha{k}", "text/plain", "2026-11-22T00:00:00Z", 1), (st,))
            for k, st in enumerate(statements)]


def _links(tables: Tables) -> dict[str, str | None]:
    rows = tables.statements.filter(tables.statements["doc_type"] == "press_summary")
    return dict(zip(rows["title"], rows["reports_statement_id"], strict=True))


def test_summaries_are_linked_to_the_motion_they_report() -> None:
    day = dt.date(2016, 3, 10)
    tables = build_tables(_ep_docs(
        _ep("motion", "B8-0344/2016", "2016/2607(RSP)", dt.date(2016, 3, 8),
            "MOTION FOR A RESOLUTION on freedom of expression in Kazakhstan"),
        _ep("motion", "B8-0343/2016", "2016/2607(RSP)", dt.date(2016, 3, 8),
            "MOTION FOR A RESOLUTION on freedom of speech in Kazakhstan"),
        _ep("joint_motion", "RC-B8-0337/2016", "2016/2607(RSP)", dt.date(2016, 3, 8),
            "JOINT MOTION FOR A RESOLUTION on freedom of expression in Kazakhstan"),
        _ep("press_summary", None, "2016/2607(RSP)", day, "Resolution on freedom of expression in Kazakhstan",
            groups=("EPP", "S&D")),
        _ep("motion", "B8-0705/2015", None, dt.date(2015, 7, 7),
            "MOTION FOR A RESOLUTION on Bahrain, in particular the case of Nabeel Rajab"),
        _ep("press_summary", None, None, dt.date(2015, 7, 9),
            "Resolution on Bahrain, in particular the case of Nabeel Rajab"),
        _ep("press_summary", None, None, None, "Summary printing the reference",
            text="The text tabled as B8-0344/2016 was adopted."),
        _ep("press_summary", None, "2099/0001(RSP)", day, "Summary of a procedure with no motion read"),
    ), today=TODAY)
    assert _links(tables) == {
        "Resolution on freedom of expression in Kazakhstan": "ep:RC-B8-0337/2016",  # the procedure's joint motion
        "Resolution on Bahrain, in particular the case of Nabeel Rajab": "ep:B8-0705/2015",  # date and title
        "Summary printing the reference": "ep:B8-0344/2016",
        "Summary of a procedure with no motion read": None,
    }
    motions = tables.statements.filter(tables.statements["doc_type"] != "press_summary")
    assert motions["reports_statement_id"].null_count() == motions.height


def test_a_summary_is_not_linked_when_several_motions_could_be_the_one() -> None:
    tables = build_tables(_ep_docs(
        _ep("motion", "B8-0344/2016", "2016/2607(RSP)", dt.date(2016, 3, 8), "on freedom of expression in Kazakhstan"),
        _ep("motion", "B8-0343/2016", "2016/2607(RSP)", dt.date(2016, 3, 8), "on freedom of speech in Kazakhstan"),
        _ep("press_summary", None, "2016/2607(RSP)", dt.date(2016, 3, 10), "Resolution on freedom of expression"),
    ), today=TODAY)
    assert _links(tables) == {"Resolution on freedom of expression": None}
