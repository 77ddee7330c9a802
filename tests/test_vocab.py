from __future__ import annotations

import csv
import datetime as dt
import json
from pathlib import Path

from hemicycle.vocab import VOCAB_DIR, CountryVocabulary, GroupMatch, GroupVocabulary, fold, month_numbers


def test_fold_ignores_case_accents_and_punctuation() -> None:
    assert fold("Royaume-Uni") == fold("ROYAUME UNI") == "royaume uni"
    assert fold("Türkiye") == "turkiye"


def test_countries_resolve_in_english_and_french() -> None:
    countries = CountryVocabulary.load()
    assert countries.resolve("Royaume-Uni") == "GB"
    assert countries.resolve("République slovaque") == "SK"
    assert countries.resolve("Macédoine du Nord") == "MK"
    assert countries.resolve("Türkiye") == countries.resolve("Turkey") == "TR"
    assert countries.resolve("Russian Federation") == "RU"
    assert countries.resolve("Republic of Moldova") == "MD"
    assert countries.resolve("Kosovo*") == "XK"
    assert countries.resolve("Serbie-Monténégro") == countries.resolve("Serbia and Montenegro") == "CS"
    assert countries.resolve("Palestine") == "PS" and countries.resolve("Saint-Siège") == "VA"
    assert "CS" in countries.codes  # a code of its time stays valid for that time's documents
    assert countries.resolve("Atlantis") is None
    assert countries.resolve("") is None


def _code(match: GroupMatch | None) -> str | None:
    return match.code if match is not None else None


def _group_id(match: GroupMatch | None) -> str | None:
    return match.group_id if match is not None else None


def test_group_labels_resolve_to_code_valid_at_date() -> None:
    groups = GroupVocabulary.load()
    on = dt.date(2026, 1, 19)
    assert _code(groups.resolve("pace", "ADLE", on)) == "ALDE"
    assert _code(groups.resolve("pace", "PPE/DC", on)) == "EPP/CD"
    assert _code(groups.resolve("pace", "NI", on)) == "NR"
    cepa = groups.resolve("pace", "CEPA", on)
    assert cepa is not None and cepa.code == "ECPA" and cepa.group_id == "pace:conservative"
    assert _code(groups.resolve("pace", "LDR", dt.date(2003, 4, 9))) == "LDR"
    assert groups.resolve("pace", "", on) is None
    assert groups.resolve("pace", "XYZ", on) is None


def test_a_printed_group_code_keeps_its_name_whatever_the_vocabulary_dates_say() -> None:
    groups = GroupVocabulary.load()
    # the document is the evidence: an old code printed after the rename date stays itself
    for label, on in [("EDG", dt.date(2014, 7, 15)), ("GDE", dt.date(2015, 3, 1)), ("LDR", dt.date(2007, 1, 1))]:
        match, exact = groups.resolve("pace", label, on), groups.exact("pace", label)
        assert match is not None and exact is not None
        assert match.code == exact.code and match.group_id.startswith("pace:")
    assert _code(groups.resolve("pace", "EC", dt.date(2014, 7, 15))) == "EC"
    assert _group_id(groups.resolve("pace", "EDG", dt.date(2014, 7, 15))) == _group_id(groups.resolve(
        "pace", "CE/AD", dt.date(2020, 2, 1))) == "pace:conservative"


def test_rename_dates_agree_with_every_dated_assembly_document_of_the_corpus(corpus_dir: Path) -> None:
    groups = GroupVocabulary.load()
    for path in sorted((corpus_dir / "pace" / "truth").glob("[0-9]*.json")):
        truth = json.loads(path.read_text(encoding="utf-8"))
        if not truth.get("date") or "coe.int" not in truth["url"]:
            continue
        on = dt.date.fromisoformat(truth["date"])
        for sig in truth["signatories"]:
            if sig["group_as_printed"]:
                named = groups.exact("pace", sig["group_as_printed"])
                assert named is not None and named.valid_on(on), (path.stem, sig["group_as_printed"], on)


def test_every_vocabulary_file_has_as_many_fields_per_row_as_its_header() -> None:
    for path in sorted(VOCAB_DIR.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        assert all(len(row) == len(rows[0]) for row in rows), path.name


def test_month_names_of_both_languages_are_read_from_the_vocabulary() -> None:
    months = month_numbers()
    assert (months["october"], months["fevrier"], months["aout"], months["decembre"]) == (10, 2, 8, 12)
    assert len(set(months.values())) == 12
