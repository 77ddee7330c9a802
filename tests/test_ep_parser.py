"""The European Parliament parsers on real documents."""

from __future__ import annotations

import json
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from pdfmaker import pdf_of_pages

from hemicycle.accuracy.ep import evaluate
from hemicycle.errors import ParseError
from hemicycle.parse.dispatch import parse_document
from hemicycle.parse.ep import parse_ep_document
from hemicycle.parse.ep.names import split_names
from hemicycle.parse.ep.repair import repair_displaced_spans
from hemicycle.parse.text import html_to_text
from hemicycle.records import ParsedStatement
from hemicycle.vocab import GroupVocabulary


def _files(corpus_dir: Path, name: str) -> bytes:
    return (corpus_dir / "ep" / "files" / name).read_bytes()


def _codes(statement: ParsedStatement) -> Counter[str | None]:
    groups = GroupVocabulary.load()
    return Counter(getattr(groups.resolve("ep", s.group_label, statement.date), "code", None)
                   for s in statement.signatories)


def test_open_data_portal_authors_with_mep_ids_in_precedence_order(corpus_dir: Path) -> None:
    (st,) = parse_ep_document(_files(corpus_dir, "odp-document_rc-10-2025-0249.json"))
    assert (st.doc_type, st.doc_no, str(st.date), st.term) == ("joint_motion", "RC-B10-0249/2025", "2025-05-07", 10)
    assert len(st.signatories) == 85 and all((s.person_ref or "").startswith("ep:") for s in st.signatories)
    assert _codes(st) == {"EPP": 33, "Renew": 24, "ECR": 19, "S&D": 5, "GUE/NGL": 3, "Greens/EFA": 1}


def test_open_data_portal_other_key_shapes(corpus_dir: Path) -> None:
    (st,) = parse_ep_document(_files(corpus_dir, "odp-document_rc-9-2021-0068.json"))
    codes = _codes(st)
    assert st.doc_no == "RC-B9-0068/2021" and sum(codes.values()) == 85
    assert codes["EPP"] == 29 and codes["Renew"] == 26 and codes[None] == 9


def test_html_page_gives_the_same_authors_and_groups_as_the_api(corpus_dir: Path) -> None:
    (api,) = parse_ep_document(_files(corpus_dir, "odp-document_rc-10-2025-0249.json"))
    (page,) = parse_ep_document(_files(corpus_dir, "document_rc-10-2025-0249-en.html"),
                                content_type="text/html")
    assert page.doc_no == api.doc_no and page.date == api.date
    # who signed on behalf of which group: the API's "in name of" against the page's phrases
    groups = GroupVocabulary.load()
    on_behalf = Counter(getattr(groups.resolve("ep", s.group_label, api.date), "code", None)
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
def test_names_with_conjunction_words_survive(segment: str, names: list[str]) -> None:
    assert split_names(segment) == names


def test_french_seed_summary_seven_groups_about_kazakhstan(sample_dir: Path) -> None:
    text = (sample_dir / "seeds" / "ep-summary-kazakhstan-freedom-of-expression-fr.txt").read_bytes()
    (st,) = parse_document(text)
    assert st.source == "ep" and st.doc_type == "press_summary"
    assert [s.kind for s in st.signatories] == ["group"] * 7
    assert list(_codes(st)) == ["EPP", "S&D", "ECR", "ALDE", "GUE/NGL", "Greens/EFA", "EFDD"]
    flowing = " ".join((st.text or "").split())
    assert "la liberté des médias et la liberté d'expression et il a rappelé" in flowing
    assert "les condamnations des blogueurs et faire en sorte" in flowing
    assert "repose sur le droit" in flowing and "desmédias" not in flowing
    from hemicycle.subjects import subject_countries
    assert subject_countries(st.title, st.text)[0][0] == "KZ"


def test_repair_moves_displaced_spans_back_by_a_general_rule() -> None:
    text = ("une relation durable avec le\n sur le plan politique. Il estime que les relationsKazakhstan\n"
            "politiques avec le Kazakhstan")
    assert " ".join(repair_displaced_spans(text).split()) == (
        "une relation durable avec le Kazakhstan sur le plan politique. Il estime que les relations "
        "politiques avec le Kazakhstan")


def test_english_legislative_observatory_summary(corpus_dir: Path) -> None:
    (st,) = parse_ep_document(_files(corpus_dir, "oeil-document-summary_1651118.html"),
                              content_type="text/html")
    assert st.doc_type == "press_summary"
    assert list(_codes(st)) == ["EPP", "S&D", "Renew", "Greens/EFA", "ECR", "GUE/NGL"]


def _raw(corpus_dir: Path, record: str) -> list[ParsedStatement]:
    raw = json.loads((corpus_dir / "ep" / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    return parse_document(raw["excerpt"].encode(), url=raw["url"], source="ep")


@pytest.mark.parametrize("record, codes", [
    ("015", ["EPP", "S&D", "ECR", "ALDE", "GUE/NGL", "Greens/EFA", "EFDD"]),  # "aux groupes … adoptée jeudi"
    ("017", ["S&D", "ECR", "Greens/EFA", "EFDD", "ALDE", "EPP"]),  # "des groupes … et PPE, qu'ils ont"
])
def test_press_reports_name_the_tabling_groups_and_the_list_ends_at_the_last_group(corpus_dir: Path, record: str,
                                                                                       codes: list[str]) -> None:
    (st,) = _raw(corpus_dir, record)
    assert st.doc_type == "press_summary" and [s.kind for s in st.signatories] == ["group"] * len(codes)
    assert list(_codes(st)) == codes


def test_motion_author_line_is_not_mistaken_for_tabling_groups(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "055")  # "déposée par Judith Sargentini, … au nom du groupe Verts/ALE"
    assert st.doc_type == "motion" and len(st.signatories) == 7
    assert set(_codes(st)) == {"Greens/EFA"}


def test_minutes_item_of_a_motion_tabled_in_no_groups_name(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "026")  # "– Philip Claeys, Koenraad Dillen und Frank Vanhecke. Entschließungsantrag …"
    assert (st.doc_type, st.doc_no, str(st.date)) == ("motion", "B6-0035/2009", "2009-01-14")
    assert [s.name for s in st.signatories] == ["Philip Claeys", "Koenraad Dillen", "Frank Vanhecke"]
    assert all(s.group_label is None for s in st.signatories)  # the debate speakers below are not authors


def test_register_of_written_declarations_gives_one_statement_per_declaration(corpus_dir: Path) -> None:
    lyme, tourism = _raw(corpus_dir, "050")
    assert (lyme.doc_type, lyme.doc_no, lyme.number, str(lyme.date), lyme.term) == (
        "written_declaration", "P8_DCL(2016)0040", "0040/2016", "2016-04-27", 8)
    assert lyme.title == "Written declaration on Lyme disease" and lyme.declared_total is None
    assert len(lyme.signatories) == 15 and lyme.signatories[-1].name == "Marie-Christine BOUTONNET"
    assert tourism.doc_no == "P8_DCL(2016)0039" and len(tourism.signatories) == 13
    assert tourism.signatories[1].name == "Cláudia MONTEIRO DE AGUIAR"


def test_debate_speakers_are_not_statements(corpus_dir: Path) -> None:
    raw = json.loads((corpus_dir / "ep" / "raw" / "020.json").read_text(encoding="utf-8"))
    with pytest.raises(ParseError) as err:
        parse_document(raw["excerpt"].encode(), url=raw["url"], source="ep")
    assert err.value.reason == "not_a_statement"


def test_ep_accuracy_target(corpus_dir: Path) -> None:
    report = evaluate(corpus_dir / "ep")
    print(report.render())
    assert report.documents >= 40
    assert report.complete.f1 >= 0.99, report.render()
    assert report.summary_documents >= 3 and report.summaries.f1 >= 0.99, report.render()
    assert report.speaker_pages >= 10 and report.speaker_pages_with_statements == []


# ---------------------------------------------------------------- layouts nobody has seen
DOCUMENTS = Path(__file__).parent / "ep_documents"
RC_FOOTER = ("RC\\1316360EN.docx PE774.207v01-00 } PE774.209v01-00 } PE774.211v01-00 } "
             "PE774.214v01-00 } PE774.217v01-00 } RC1")
RC_HEADER = "PE774.207v01-00 } PE774.209v01-00 } PE774.211v01-00 } PE774.214v01-00 } RC1 2/6 RC\\1316360EN.docx"


def _printed_list(corpus_dir: Path) -> list[str]:
    """The joint motion's author lines as its page prints them (names, then the group phrase)."""
    text = html_to_text(_files(corpus_dir, "document_rc-10-2025-0249-en.html").decode())
    start = text.index("B10‑0258/2025 (ECR)") + len("B10‑0258/2025 (ECR)")
    return [line.strip() for line in text[start:text.index("Amendments")].split("\n") if line.strip()]


def _joint_motion_pdf(corpus_dir: Path, interruption: str | None = None) -> bytes:
    """RC-B10-0249/2025 laid out as the EP prints it in PDF: lines of names wrapped at the
    page width, the page breaking inside the EPP list with its footer and next header."""
    lines = ["European Parliament", "2024-2029", "Plenary sitting", "B10-0249/2025 }", "B10-0250/2025 }",
             "B10-0252/2025 }", "B10-0255/2025 }", "B10-0258/2025 } RC1", "7.5.2025",
             "JOINT MOTION FOR A RESOLUTION", "pursuant to Rules 150(5) and 136(4) of the Rules of Procedure",
             "replacing the following motions:", "B10-0249/2025 (Verts/ALE)", "B10-0250/2025 (S&D)",
             "B10-0252/2025 (Renew)", "B10-0255/2025 (PPE)", "B10-0258/2025 (ECR)",
             "on the return of Ukrainian children forcibly transferred and deported by Russia",
             "(2025/2691(RSP))"]
    for line in _printed_list(corpus_dir):
        lines.extend(textwrap.wrap(line.replace("\u2011", "-"), 95))
    lines += ["European Parliament resolution on the return of Ukrainian children forcibly transferred and",
              "deported by Russia", "(2025/2691(RSP))", "The European Parliament,",
              "– having regard to its previous resolutions on Russia's war of aggression against Ukraine,"]
    cut = lines.index(next(line for line in lines if "Reinhold Lopatka" in line))
    first = lines[:cut] + [RC_FOOTER, "EN United in diversity EN"]
    second = [RC_HEADER, "EN"] + ([interruption] if interruption else []) + lines[cut:]
    return pdf_of_pages([first, second])


def test_pdf_list_broken_by_page_furniture_reads_whole(corpus_dir: Path) -> None:
    (page,) = parse_ep_document(_files(corpus_dir, "document_rc-10-2025-0249-en.html"), content_type="text/html")
    (st,) = parse_document(_joint_motion_pdf(corpus_dir), source="ep")
    assert st.doc_type == "joint_motion" and st.doc_no == "RC-B10-0249/2025"
    assert [s.name for s in st.signatories] == [s.name.replace("\u2011", "-") for s in page.signatories]
    assert _codes(st) == _codes(page) and len(st.signatories) == 85
    assert st.signatories_complete and st.list_problems == ()
    assert st.title == ("JOINT MOTION FOR A RESOLUTION on the return of Ukrainian children forcibly transferred "
                        "and deported by Russia")


def test_pdf_list_interrupted_by_an_unknown_line_is_not_published_complete(corpus_dir: Path) -> None:
    (st,) = parse_document(_joint_motion_pdf(corpus_dir, interruption="Document prepared by the Plenary Services"),
                           source="ep")
    assert not st.signatories_complete
    assert any(p.reason == "list_incomplete" and "where the list broke" in p.message for p in st.list_problems)


def test_broken_markup_keeps_the_first_author(corpus_dir: Path) -> None:
    raw = json.loads((corpus_dir / "ep" / "raw" / "074.json").read_text(encoding="utf-8"))
    broken = raw["excerpt"].replace("<RepeatBlock-By><Depute>", "<RepeatBlock-By<Depute>")
    assert "<RepeatBlock-By<Depute>" in broken
    (st,) = parse_document(broken.encode(), url=raw["url"], source="ep")
    assert st.signatories[0].name == "Manon Aubry" and len(st.signatories) == 23
    assert st.signatories_complete


def test_a_name_with_its_transliteration_in_brackets_is_one_author(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "074")
    assert "Jorgos Jeorjiu (Giorgos Georgiou)" in [s.name for s in st.signatories]
    assert len(st.signatories) == 23 and set(_codes(st)) == {"GUE/NGL"}


@pytest.mark.parametrize("language, opening, phrase", [
    ("en", "The European Parliament,", "on behalf of the Verts/ALE Group"),
    ("de", "Das Europäische Parlament,", "im Namen der Verts/ALE-Fraktion"),
    ("pl", "Parlament Europejski,", "w imieniu grupy Verts/ALE"),
    ("ro", "Parlamentul European,", "în numele Grupului Verts/ALE"),
    ("lt", "Europos Parlamentas,", "Verts/ALE frakcijos vardu"),
    ("es", "El Parlamento Europeo,", "en nombre del Grupo Verts/ALE"),
])
def test_the_resolutions_opening_words_are_never_an_author(corpus_dir: Path, language: str, opening: str,
                                                           phrase: str) -> None:
    """B8-0063/2016 as its PDF text runs: the authors, then the resolution at once."""
    text = ("MOTION FOR A RESOLUTION\nB8-0063/2016\non the EU's priorities for the UN Human Rights Council "
            "sessions of 2016 (2015/3035(RSP))\nBarbara Lochbihler, Judith Sargentini, Molly Scott Cato\n"
            f"{phrase}\n{opening}\n– having regard to the Universal Declaration of Human Rights,\n")
    (st,) = parse_document(text.encode(), url=f"https://www.europarl.europa.eu/doceo/document/B-8-2016-0063_{language.upper()}.html",
                           source="ep")
    assert [s.name for s in st.signatories] == ["Barbara Lochbihler", "Judith Sargentini", "Molly Scott Cato"]


def _rejected(text: str, url: str) -> str:
    with pytest.raises(ParseError) as err:
        parse_document(text.encode(), url=url, source="ep")
    return err.value.reason


@pytest.mark.parametrize("name", sorted(p.name for p in DOCUMENTS.glob("*.json")))
def test_minutes_naming_debate_speakers_give_no_statement(name: str) -> None:
    record = json.loads((DOCUMENTS / name).read_text(encoding="utf-8"))
    assert _rejected(record["excerpt"], record["url"]) == "not_a_statement"


@pytest.mark.parametrize("record", ["020", "024", "021", "063", "025", "090"])
@pytest.mark.parametrize("layout", ["one line", "intro on its own line", "intro unknown"])
def test_debate_speakers_in_other_layouts_give_no_statement(corpus_dir: Path, record: str, layout: str) -> None:
    raw = json.loads((corpus_dir / "ep" / "raw" / f"{record}.json").read_text(encoding="utf-8"))
    text = raw["excerpt"]
    intro = re.compile(r"^(Es sprechen|Felszólal:|Głos zabrali:|Au intervenit:|The following spoke:)\s*", re.MULTILINE)
    assert intro.search(text)
    if layout == "one line":
        text = text.replace("\n", " ")
    elif layout == "intro on its own line":
        text = intro.sub(lambda m: m.group(1) + "\n", text)
    else:  # words of a language version the vocabulary does not hold: the line's shape tells
        text = intro.sub("Xyz abc: ", text)
    assert _rejected(text, raw["url"]) == "not_a_statement"


def test_bulgarian_conjunction_splits_names() -> None:
    assert split_names("Thomas Mann, Justas Vincas Paleckis и Csaba Sógor") == [
        "Thomas Mann", "Justas Vincas Paleckis", "Csaba Sógor"]


def test_slovak_motion_authors_by_function_and_no_heading_as_author(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "078")  # "predseda skupiny PPE", "{ECON}koordinátor EP pre brexit"
    assert (st.doc_type, st.doc_no, st.language) == ("motion", "B9-0038/2019", "sk")
    assert [s.name for s in st.signatories] == [
        "Guy Verhofstadt", "Manfred Weber", "Iratxe García Pérez", "Dacian Cioloş", "Philippe Lamberts",
        "Ska Keller", "Martin Schirdewan", "Manon Aubry", "Antonio Tajani"]
    assert [s.group_label for s in st.signatories] == [
        None, "PPE", "S&D", "Renew", "Verts/ALE", "Verts/ALE", "GUE/NGL", "GUE/NGL", None]
    assert (st.title or "").startswith("NÁVRH UZNESENIA o súčasnom stave postupu vystúpenia")


def test_french_press_report_names_seven_groups_in_brackets(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "092")  # "les députés (des groupes Verts, CRE, ELDD, PPE, S&D, GUE, ADLE)"
    assert st.doc_type == "press_summary"
    assert list(_codes(st)) == ["Greens/EFA", "ECR", "EFDD", "EPP", "S&D", "GUE/NGL", "ALDE"]


def test_minutes_give_one_statement_per_motion_with_its_subject(corpus_dir: Path) -> None:
    statements = _raw(corpus_dir, "076")
    assert [st.doc_no for st in statements] == [f"B9-02{n}/2020" for n in range(16, 22)]
    assert (statements[0].title or "").startswith(
        "Proposta di risoluzione sulla strategia dell'UE in materia di sanità")
    first, second = _raw(corpus_dir, "023")  # the statements of the group chairs before them are no motion
    assert (first.doc_no, len(first.signatories), second.doc_no, len(second.signatories)) == (
        "B6-0548/2006", 18, "B6-0549/2006", 1)


# ---------------------------------------------------------------- self-checks
def test_text_ending_inside_a_list_is_flagged_cut(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "018")  # the stored page stops at "… Hilde V"
    assert not st.signatories_complete and [p.reason for p in st.list_problems] == ["list_cut"]
    (st,) = _raw(corpus_dir, "009")  # stops inside the authors' markup
    assert [p.reason for p in st.list_problems] == ["list_cut"]


def test_motion_page_with_no_readable_author_is_a_statement_with_its_list_unread(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "002")  # 6th-term joint motion page: the authors' slot is empty
    assert (st.doc_type, st.doc_no, st.signatories) == ("joint_motion", "RC-B6-0543/2008", ())
    assert not st.signatories_complete and [p.reason for p in st.list_problems] == ["list_unread"]


def test_group_phrase_with_no_name_read_and_unreadable_entries_are_flagged() -> None:
    text = ("MOTION FOR A RESOLUTION on Bahrain\nB8-0705/2015\n"
            "Charles Tannock, Mark Demesmaeker on behalf of the ECR Group\n"
            "on behalf of the PPE Group\n\nThe European Parliament,\n")
    (st,) = parse_document(text.encode(), source="ep")
    assert [s.name for s in st.signatories] == ["Charles Tannock", "Mark Demesmaeker"]
    assert [p.reason for p in st.list_problems] == ["list_incomplete"] and not st.signatories_complete
    markup = ("B9-0044/2020\n<RepeatBlock-By><Depute>Manon Aubry, Martin Schirdewan2, Marisa Matias</Depute>"
              "<Commission>{GUE/NGL}v imenu skupine GUE/NGL</Commission></RepeatBlock-By>")
    (st,) = parse_document(markup.encode(), source="ep")
    assert [s.name for s in st.signatories] == ["Manon Aubry", "Marisa Matias"]
    assert "Martin Schirdewan2" in st.list_problems[0].message and not st.signatories_complete


def test_open_data_portal_authors_without_a_member_make_the_list_incomplete(corpus_dir: Path) -> None:
    data = json.loads(_files(corpus_dir, "odp-document_rc-9-2021-0068.json"))
    del data["data"][0]["workHadParticipation"][3]["had_participant_person"]
    (st,) = parse_ep_document(json.dumps(data).encode())
    assert len(st.signatories) == 84 and not st.signatories_complete
    assert st.list_problems[0].message.endswith("85 listed, 84 read")


def test_complete_lists_of_the_corpus_raise_no_problem(corpus_dir: Path) -> None:
    for truth_path in sorted((corpus_dir / "ep" / "truth").glob("*.json")):
        truth = json.loads(truth_path.read_text(encoding="utf-8"))
        if not truth.get("complete") or truth["kind"] not in ("pv_authors", "joint_motion", "motion"):
            continue
        for st in _raw(corpus_dir, truth_path.stem):
            assert st.signatories_complete, (truth_path.stem, st.list_problems)


# ---------------------------------------------------------------- titles
_BOILERPLATE = re.compile(r"(?i)^(?:beta|access to page content|direct access)|\(press|^[A-Z]{2} - ")


def test_every_statement_of_the_corpus_has_a_readable_title_in_its_language(corpus_dir: Path) -> None:
    checked = 0
    for raw_path in sorted((corpus_dir / "ep" / "raw").glob("*.json")):
        try:
            statements = _raw(corpus_dir, raw_path.stem)
        except ParseError:
            continue
        truth = json.loads((corpus_dir / "ep" / "truth" / raw_path.name).read_text(encoding="utf-8"))
        for st in statements:
            checked += 1
            assert st.title and not _BOILERPLATE.search(st.title), (raw_path.stem, st.title)
        printed = truth.get("title") if "title_source" not in truth else None
        if printed and truth["kind"] in ("motion", "joint_motion") and truth.get("reference"):
            assert any(" ".join(printed.split()).rstrip(";").casefold() in (st.title or "").casefold()
                       for st in statements), (raw_path.stem, printed, [st.title for st in statements])
    assert checked > 70


def test_a_text_printed_in_english_on_another_languages_page_is_english(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "011")  # the Latvian page shows the English original
    assert (st.language, st.doc_no) == ("en", "B8-0344/2016")
    assert st.title == "MOTION FOR A RESOLUTION on freedom of expression in Kazakhstan"


def test_summary_titles_skip_page_furniture(corpus_dir: Path) -> None:
    (st,) = _raw(corpus_dir, "014")  # Parltrack: "BETA" above the procedure and its title
    assert st.title == "Resolution on freedom of expression in Kazakhstan"
    (st,) = parse_ep_document(_files(corpus_dir, "oeil-document-summary_1651118.html"), content_type="text/html")
    assert (st.title, str(st.date), st.procedure) == ("Resolution on the situation in Myanmar", "2021-02-11",
                                                      "2021/2540(RSP)")


def test_open_data_portal_titles_english_first_then_alternative_titles(corpus_dir: Path) -> None:
    data = json.loads(_files(corpus_dir, "odp-document_rc-9-2021-0068.json"))
    (st,) = parse_ep_document(json.dumps(data).encode())
    assert (st.language, st.title) == (
        "en", "JOINT MOTION FOR A RESOLUTION on the crackdown on the democratic opposition in Hong Kong")
    doc = data["data"][0]
    del doc["title_dcterms"]
    for version in doc["is_realized_by"]:
        version.pop("title")
    (st,) = parse_ep_document(json.dumps(data).encode())
    assert st.language == "en"
    assert (st.title or "").startswith("JOINT MOTION FOR A RESOLUTION – pursuant to Rules 144(5)")


@pytest.mark.parametrize("text", [
    "AM\\1131237EN.docx PE605.615v01-00\nEN United in diversity EN\nB8-0439/39\nAmendment 39\nJulie Girling\n"
    "on behalf of the ECR Group\nMotion for a resolution\nB8-0439/2017\nObjection pursuant to Rule 106\n",
    "PL Zjednoczona w różnorodności PL\nB8-0439/39\nPoprawka 39\nJulie Girling\nw imieniu grupy ECR\n"
    "Projekt rezolucji\nB8-0439/2017\n",
])
def test_an_amendment_naming_its_authors_is_no_motion(text: str) -> None:
    """Amendments to a motion print "Amendment N" above authors and group (as in the Open Data
    Portal's amendment titles): they must not become the motion they amend."""
    assert _rejected(text, "https://www.europarl.europa.eu/doceo/document/B-8-2017-0439_EN.html") == "not_a_statement"
