"""The checks a parser runs on its own list, as any parser calls them (PACE and EP alike)."""

from __future__ import annotations

from hemicycle.parse import selfcheck
from hemicycle.records import ListProblem, ParsedSignatory, ParsedStatement


def _reason(problem: ListProblem | None) -> str | None:
    return problem.reason if problem is not None else None


def test_a_declared_total_is_met_missed_or_exceeded() -> None:
    assert selfcheck.declared_total_problem(None, 3) is None
    assert selfcheck.declared_total_problem(21, 21) is None
    assert _reason(selfcheck.declared_total_problem(21, 0)) == "list_unread"
    assert selfcheck.declared_total_problem(21, 18) == \
        ListProblem("list_incomplete", "declared total 21, 18 entries read")
    assert _reason(selfcheck.declared_total_problem(21, 22)) == "list_inconsistent"


def test_country_names_and_group_codes_standing_in_a_list_are_counted() -> None:
    text = "M. Tiny KOX, Pays-Bas, GUE ; M. Nassar ALQAISI, Jordanie ; Mme Deborah BERGAMINI, Italie, PPE/DC"
    assert selfcheck.country_fields(text) == 3
    assert selfcheck.group_code_fields(text, "pace") == 2
    on_behalf = "Pedro Marques\non behalf of the S&D Group\nHilde Vautmans, Renew\nGreens/EFA"
    assert selfcheck.group_code_fields(on_behalf, "ep") == 2  # "Renew", "Greens/EFA"; not a sentence
    assert selfcheck.region_count_problem("country names", 3, 3) is None
    assert _reason(selfcheck.region_count_problem("country names", 3, 2)) == "list_incomplete"


def test_a_label_followed_by_nothing_and_entries_after_the_list() -> None:
    assert _reason(selfcheck.label_problem("Signataires :", 0)) == "list_unread"
    assert selfcheck.label_problem("Signataires :", 4) is None and selfcheck.label_problem(None, 0) is None
    after = selfcheck.entries_after(["", "Some text.", "Smith, France, SOC"], lambda line: "," in line)
    assert after == ["Smith, France, SOC"]
    problem = selfcheck.trailing_entries_problem(after)
    assert problem is not None and "1 more line(s) shaped like entries" in problem.message
    assert selfcheck.trailing_entries_problem([]) is None


def test_the_shape_of_an_entry_at_a_cut() -> None:
    everyone_has_a_group = [(True, True)] * 5
    assert not selfcheck.fits_list_shape((True, False), everyone_has_a_group)
    assert selfcheck.fits_list_shape((True, False), [*everyone_has_a_group, (True, False)])
    assert selfcheck.fits_list_shape((True, False), [])
    assert selfcheck.is_truncated_label("EC", ["SOC", "EC/DA"]) and not selfcheck.is_truncated_label("EC", ["EC"])


def test_no_list_is_ever_incomplete_without_a_reason_nor_empty_in_silence() -> None:
    sig = ParsedSignatory(position=1, kind="person", name="Tiny KOX", country_label="Pays-Bas")
    whole = ParsedStatement(source="pace", doc_type="motion_resolution", language="fr", doc_no="1",
                            signatories=(sig,))
    assert selfcheck.verdict(whole) == (True, ())
    empty = ParsedStatement(source="ep", doc_type="motion", language="en", doc_no="2")
    assert selfcheck.verdict(empty) == (False, (ListProblem("list_unread", "no signatory could be read"),))
    no_group_tabled = ParsedStatement(source="ep", doc_type="press_summary", language="en", doc_no=None)
    assert selfcheck.verdict(no_group_tabled) == (True, ())  # a legislative resolution: no tabling group
    flagged = ParsedStatement(source="ep", doc_type="motion", language="en", doc_no="3", signatories=(sig,),
                              signatories_complete=False)
    assert [p.reason for p in selfcheck.verdict(flagged)[1]] == ["list_incomplete"]
    cut = ParsedStatement(source="pace", doc_type="motion_resolution", language="fr", doc_no="4",
                          signatories=(sig,), list_problems=(selfcheck.cut_problem("Mme Maria M"),))
    complete, problems = selfcheck.verdict(cut)  # a problem makes the list incomplete, whatever the flag
    assert not complete and problems[0].message == "the text ends inside the list, in the entry 'Mme Maria M'"
