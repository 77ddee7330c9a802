from __future__ import annotations

from typing import Any

import polars as pl

from hemicycle.persons import attribute
from hemicycle.schema import SIGNATORIES


def resolve(rows: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Person, method and score of every signatory row, by signatory id, as the clean stage attributes them."""
    frame = pl.DataFrame([{c: row.get(c) for c in SIGNATORIES.column_names} for row in rows],
                         schema=SIGNATORIES.polars_schema(), orient="row")
    matches = attribute(frame).matches.select("signatory_id", "person_id", "method", "score")
    return {row["signatory_id"]: row for row in matches.iter_rows(named=True)}


def _row(sid: str, family: str | None, given: str | None, country: str | None, statement: str = "pace:1",
         kind: str = "person", ref: str | None = None, name: str | None = None) -> dict[str, Any]:
    return {"signatory_id": sid, "statement_id": statement, "source": "pace", "kind": kind,
            "family_name": family, "given_name": given, "country_code": country,
            "name": name or f"{given or ''} {family}".strip(), "person_ref": ref, "group_code": None}


def test_name_variants_of_one_member_merge() -> None:
    m = resolve([_row("a#1", "FISCHER", "Axel E.", "DE"), _row("b#1", "FISCHER", "Axel", "DE"),
                 _row("c#1", "ÇEVİKÖZ", "Ahmet Ünal", "TR"), _row("d#1", "CEVIKOZ", "Ahmet", "TR")])
    assert m["a#1"]["person_id"] == m["b#1"]["person_id"]
    assert m["c#1"]["person_id"] == m["d#1"]["person_id"]
    assert m["a#1"]["method"] == "given_variant"


def test_same_surname_other_given_name_or_country_never_merge() -> None:
    m = resolve([_row("a#1", "GROSS", "Andreas", "CH"), _row("b#1", "GROSS", "Michael", "CH"),
                 _row("c#1", "GROSS", "Andreas", "DE")])
    assert len({m[k]["person_id"] for k in ("a#1", "b#1", "c#1")}) == 3


def test_surname_only_joins_a_unique_member_and_stays_apart_when_ambiguous() -> None:
    m = resolve([_row("a#1", "MARTY", "Dick", "CH"), _row("b#1", "Marty", None, "CH"),
                 _row("c#1", "GROSS", "Andreas", "CH"), _row("d#1", "GROSS", "Michael", "CH"),
                 _row("e#1", "Gross", None, "CH")])
    assert m["b#1"]["person_id"] == m["a#1"]["person_id"] and m["b#1"]["method"] == "surname_country"
    assert m["e#1"]["person_id"] not in {m["c#1"]["person_id"], m["d#1"]["person_id"]}
    assert m["e#1"]["method"] == "surname_only"


def test_ids_are_deterministic_and_source_ids_win() -> None:
    rows = [_row("a#1", "KOX", "Tiny", "NL"), _row("b#1", "X", "Y", None, ref="ep:1234")]
    assert resolve(rows) == resolve(list(reversed(rows)))
    assert resolve(rows)["b#1"]["person_id"] == "ep:1234"
