import datetime as dt

from hemicycle.vocab import CountryVocabulary, GroupVocabulary, fold


def test_fold_ignores_case_accents_and_punctuation():
    assert fold("Royaume-Uni") == fold("ROYAUME UNI") == "royaume uni"
    assert fold("Türkiye") == "turkiye"


def test_countries_resolve_in_english_and_french():
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


def test_group_labels_resolve_to_code_valid_at_date():
    groups = GroupVocabulary.load()
    on = dt.date(2026, 1, 19)
    assert groups.resolve("pace", "ADLE", on).code == "ALDE"
    assert groups.resolve("pace", "PPE/DC", on).code == "EPP/CD"
    assert groups.resolve("pace", "NI", on).code == "NR"
    cepa = groups.resolve("pace", "CEPA", on)
    assert cepa.code == "ECPA" and cepa.group_id == "pace:conservative"
    assert groups.resolve("pace", "LDR", dt.date(2003, 4, 9)).code == "LDR"
    assert groups.resolve("pace", "", on) is None
    assert groups.resolve("pace", "XYZ", on) is None
