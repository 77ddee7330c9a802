from __future__ import annotations

import pytest

from hemicycle.names import name_key, split_person_name


@pytest.mark.parametrize("printed,expected", [
    ("Mr Tiny KOX", ("Mr", "Tiny", "KOX")),
    ("GERMAN Michael", (None, "Michael", "GERMAN")),
    ("KOSTADINOVSKA-STOJCHEVSKA Bisera", (None, "Bisera", "KOSTADINOVSKA-STOJCHEVSKA")),
    ("NICULESCU-ȚĂGÂRLAȘ Cristian-Augustin", (None, "Cristian-Augustin", "NICULESCU-ȚĂGÂRLAȘ")),
    ("ANDERSEN Sigríður Á.", (None, "Sigríður Á.", "ANDERSEN")),
    ("AZPIAZU URIARTE Pedro María", (None, "Pedro María", "AZPIAZU URIARTE")),
    ("Van den BRANDE Luc", (None, "Luc", "Van den BRANDE")),
    ("M. Luc Van den BRANDE", ("M.", "Luc", "Van den BRANDE")),
    ("Mr Lluís Maria de PUIG i OLIVE", ("Mr", "Lluís Maria", "de PUIG i OLIVE")),
    ("Ms Melisa RODRÍGUEZ HERNÁNDEZ", ("Ms", "Melisa", "RODRÍGUEZ HERNÁNDEZ")),
    ("Mr Luís LEITE RAMOS", ("Mr", "Luís", "LEITE RAMOS")),
    ("Baroness Jill KNIGHT OF COLLINGTREE", ("Baroness", "Jill", "KNIGHT OF COLLINGTREE")),
    ("Mr Michael McNAMARA", ("Mr", "Michael", "McNAMARA")),
    ("Mr Joseph O'REILLY", ("Mr", "Joseph", "O'REILLY")),
    ("Mr Pierre-Yves LE BORGN'", ("Mr", "Pierre-Yves", "LE BORGN'")),
    ("Mme Corien W.A. JONKER", ("Mme", "Corien W.A.", "JONKER")),
    ("Mr Axel E. FISCHER", ("Mr", "Axel E.", "FISCHER")),
    ("Lord David RUSSELL-JOHNSTON", ("Lord", "David", "RUSSELL-JOHNSTON")),
    ("Dame Cheryl GILLAN", ("Dame", "Cheryl", "GILLAN")),
    ("Sir Roger GALE", ("Sir", "Roger", "GALE")),
    ("Alexander [The Earl of] DUNDEE", (None, "Alexander", "DUNDEE")),
    ("Marty", (None, None, "Marty")),
    ("Le Guen", (None, None, "Le Guen")),
])
def test_split_person_name(printed: str, expected: tuple[str | None, str | None, str]) -> None:
    assert split_person_name(printed) == expected


def test_name_key_folds_accents_case_and_punctuation() -> None:
    assert name_key("ÇEVİKÖZ") == name_key("Cevikoz") == "cevikoz"
    assert name_key("O'REILLY") == "o reilly"


def _vocabulary(name: str) -> list[dict[str, str]]:
    import csv

    from hemicycle.vocab import VOCAB_DIR
    with (VOCAB_DIR / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.parametrize("row", _vocabulary("name_titles.csv"), ids=lambda r: r["title"])
def test_every_title_of_the_vocabulary_is_taken_off_a_name(row: dict[str, str]) -> None:
    assert split_person_name(f"{row['title']} Jean DUPONT") == (row["title"], "Jean", "DUPONT")


@pytest.mark.parametrize("row", _vocabulary("name_particles.csv"), ids=lambda r: r["particle"])
def test_every_particle_of_the_vocabulary_stays_with_the_family_name(row: dict[str, str]) -> None:
    from hemicycle.parse.ep.names import looks_like_name

    particle = row["particle"]
    assert split_person_name(f"Anna {particle} BERG") == (None, "Anna", f"{particle} BERG")
    assert looks_like_name(f"Anna {particle} Berg")  # the EP's lists read the same words


def test_a_line_opening_with_a_courtesy_title_is_an_entry_in_both_assemblies() -> None:
    from hemicycle.parse.ep.names import split_names
    from hemicycle.parse.pace import _title_start

    opening = [r["title"] for r in _vocabulary("name_titles.csv") if r["opens_name"] == "yes"]
    assert {"Mr", "M.", "Mme", "Baroness"} <= set(opening)
    for title in opening:
        assert _title_start().match(f"{title} Jean DUPONT, France, EPP/CD")
        assert split_names(f"Mrs Anna Berg {title} Jean Dupont") == ["Mrs Anna Berg", f"{title} Jean Dupont"]
    assert not _title_start().match("The situation in Georgia")  # "The" leads names, not entries
