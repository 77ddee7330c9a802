"""The European Parliament parsers on real documents."""

import json
from collections import Counter

import pytest

from hemicycle.accuracy.ep import evaluate
from hemicycle.errors import ParseError
from hemicycle.parse.dispatch import parse_document
from hemicycle.parse.ep import parse_ep_document
from hemicycle.parse.ep.authors import split_names
from hemicycle.parse.ep.repair import repair_displaced_spans
from hemicycle.vocab import GroupVocabulary


def _files(corpus_dir, name):
    return (corpus_dir / "ep" / "files" / name).read_bytes()


def _codes(statement):
    groups = GroupVocabulary.load()
    return Counter(getattr(groups.resolve("ep", s.group_label, statement.date), "code", None)
                   for s in statement.signatories)


def test_open_data_portal_authors_with_mep_ids_in_precedence_order(corpus_dir):
    (st,) = parse_ep_document(_files(corpus_dir, "odp-document_rc-10-2025-0249.json"))
    assert (st.doc_type, st.doc_no, str(st.date), st.term) == ("joint_motion", "RC-B10-0249/2025", "2025-05-07", 10)
    assert len(st.signatories) == 85 and all(s.person_ref.startswith("ep:") for s in st.signatories)
    assert _codes(st) == {"EPP": 33, "Renew": 24, "ECR": 19, "S&D": 5, "GUE/NGL": 3, "Greens/EFA": 1}


def test_open_data_portal_other_key_shapes(corpus_dir):
    (st,) = parse_ep_document(_files(corpus_dir, "odp-document_rc-9-2021-0068.json"))
    codes = _codes(st)
    assert st.doc_no == "RC-B9-0068/2021" and sum(codes.values()) == 85
    assert codes["EPP"] == 29 and codes["Renew"] == 26 and codes[None] == 9


def test_html_page_gives_the_same_authors_and_groups_as_the_api(corpus_dir):
    (api,) = parse_ep_document(_files(corpus_dir, "odp-document_rc-10-2025-0249.json"))
    (page,) = parse_ep_document(_files(corpus_dir, "document_rc-10-2025-0249-en.html"),
                                content_type="text/html")
    assert page.doc_no == api.doc_no and page.date == api.date
    # who signed on behalf of which group: the API's "in name of" against the page's phrases
    groups = GroupVocabulary.load()
    on_behalf = Counter(groups.resolve("ep", s.group_label, api.date).code
                        if s.role == "on_behalf_of_group" else None for s in api.signatories)
    # 3 members of The Left sign in no group's name: the API records only their membership
    assert on_behalf[None] == 3
    assert _codes(page) == on_behalf
    assert len(page.signatories) == len(api.signatories) == 85
    assert page.signatories[0].name == "Sebastião Bugalho" and page.signatories[-1].name == "Merja Kyllönen"


@pytest.mark.parametrize("segment,names", [
    ("Raül Romeva i Rueda, Ramon Tremosa i Balcells", ["Raül Romeva i Rueda", "Ramon Tremosa i Balcells"]),
    ("Marco Cappato e José Ribeiro e Castro", ["Marco Cappato", "José Ribeiro e Castro"]),
    ("Sophia in 't Veld, Pavel Telička", ["Sophia in 't Veld", "Pavel Telička"]),
    ("Bernd Posselt und Róża Gräfin von Thun und Hohenstein", ["Bernd Posselt", "Róża Gräfin von Thun und Hohenstein"]),
    ("Marek Henryk Migalski, und Carlo Fidanza", ["Marek Henryk Migalski", "Carlo Fidanza"]),
    ("Ιωάννης Κασουλίδης, Μαρία Σπυράκη", ["Ιωάννης Κασουλίδης", "Μαρία Σπυράκη"]),
])
def test_names_with_conjunction_words_survive(segment, names):
    assert split_names(segment) == names


def test_french_seed_summary_seven_groups_about_kazakhstan(sample_dir):
    text = (sample_dir / "seeds" / "ep-summary-kazakhstan-freedom-of-expression-fr.txt").read_bytes()
    (st,) = parse_document(text)
    assert st.source == "ep" and st.doc_type == "press_summary"
    assert [s.kind for s in st.signatories] == ["group"] * 7
    assert list(_codes(st)) == ["EPP", "S&D", "ECR", "ALDE", "GUE/NGL", "Greens/EFA", "EFDD"]
    flowing = " ".join(st.text.split())
    assert "la liberté des médias et la liberté d'expression et il a rappelé" in flowing
    assert "les condamnations des blogueurs et faire en sorte" in flowing
    assert "repose sur le droit" in flowing and "desmédias" not in flowing
    from hemicycle.subjects import tag_subject_countries
    assert tag_subject_countries(st.title, st.text)[0] == "KZ"


def test_repair_moves_displaced_spans_back_by_a_general_rule():
    text = ("une relation durable avec le\n sur le plan politique. Il estime que les relationsKazakhstan\n"
            "politiques avec le Kazakhstan")
    assert " ".join(repair_displaced_spans(text).split()) == (
        "une relation durable avec le Kazakhstan sur le plan politique. Il estime que les relations "
        "politiques avec le Kazakhstan")


def test_english_legislative_observatory_summary(corpus_dir):
    (st,) = parse_ep_document(_files(corpus_dir, "oeil-document-summary_1651118.html"),
                              content_type="text/html")
    assert st.doc_type == "press_summary"
    assert list(_codes(st)) == ["EPP", "S&D", "Renew", "Greens/EFA", "ECR", "GUE/NGL"]


def _raw(corpus_dir, record):
    raw = json.loads((corpus_dir / "ep" / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    return parse_document(raw["excerpt"].encode(), url=raw["url"], source="ep")


@pytest.mark.parametrize("record, codes", [
    ("015", ["EPP", "S&D", "ECR", "ALDE", "GUE/NGL", "Greens/EFA", "EFDD"]),  # "aux groupes … adoptée jeudi"
    ("017", ["S&D", "ECR", "Greens/EFA", "EFDD", "ALDE", "EPP"]),  # "des groupes … et PPE, qu'ils ont"
])
def test_press_reports_name_the_tabling_groups_and_the_list_ends_at_the_last_group(corpus_dir, record, codes):
    (st,) = _raw(corpus_dir, record)
    assert st.doc_type == "press_summary" and [s.kind for s in st.signatories] == ["group"] * len(codes)
    assert list(_codes(st)) == codes


def test_motion_author_line_is_not_mistaken_for_tabling_groups(corpus_dir):
    (st,) = _raw(corpus_dir, "055")  # "déposée par Judith Sargentini, … au nom du groupe Verts/ALE"
    assert st.doc_type == "motion" and len(st.signatories) == 7
    assert set(_codes(st)) == {"Greens/EFA"}


def test_minutes_item_of_a_motion_tabled_in_no_groups_name(corpus_dir):
    (st,) = _raw(corpus_dir, "026")  # "– Philip Claeys, Koenraad Dillen und Frank Vanhecke. Entschließungsantrag …"
    assert (st.doc_type, st.doc_no, str(st.date)) == ("motion", "B6-0035/2009", "2009-01-14")
    assert [s.name for s in st.signatories] == ["Philip Claeys", "Koenraad Dillen", "Frank Vanhecke"]
    assert all(s.group_label is None for s in st.signatories)  # the debate speakers below are not authors


def test_register_of_written_declarations_gives_one_statement_per_declaration(corpus_dir):
    lyme, tourism = _raw(corpus_dir, "050")
    assert (lyme.doc_type, lyme.doc_no, lyme.number, str(lyme.date), lyme.term) == (
        "written_declaration", "P8_DCL(2016)0040", "0040/2016", "2016-04-27", 8)
    assert lyme.title == "Written declaration on Lyme disease" and lyme.declared_total is None
    assert len(lyme.signatories) == 15 and lyme.signatories[-1].name == "Marie-Christine BOUTONNET"
    assert tourism.doc_no == "P8_DCL(2016)0039" and len(tourism.signatories) == 13
    assert tourism.signatories[1].name == "Cláudia MONTEIRO DE AGUIAR"


def test_debate_speakers_are_not_statements(corpus_dir):
    raw = json.loads((corpus_dir / "ep" / "raw" / "020.json").read_text(encoding="utf-8"))
    with pytest.raises(ParseError) as err:
        parse_document(raw["excerpt"].encode(), url=raw["url"], source="ep")
    assert err.value.reason == "not_a_statement"


def test_ep_accuracy_target(corpus_dir):
    report = evaluate(corpus_dir / "ep")
    print(report.render())
    assert report.documents >= 40
    assert report.complete.f1 >= 0.98, report.render()
    assert report.summary_documents >= 3 and report.summaries.f1 >= 0.98, report.render()
    assert report.speaker_pages >= 10 and report.speaker_pages_with_statements == []
