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
def test_split_person_name(printed, expected):
    assert split_person_name(printed) == expected


def test_name_key_folds_accents_case_and_punctuation():
    assert name_key("ÇEVİKÖZ") == name_key("Cevikoz") == "cevikoz"
    assert name_key("O'REILLY") == "o reilly"
