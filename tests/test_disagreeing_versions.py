"""One statement whose language versions disagree never blocks a release.

The sample is made of real documents of the embedded sample: the EN and FR pages of
written declaration No. 643 (Doc. 14424) with one group misprinted in the French list
(both lists whole: the statement is published from the English one and flagged), and the
EN and FR pages of Doc. 14538 stored cut inside their lists, the French with a misprint
before the cut (neither list can be trusted: the statement is quarantined). Everything
else is published, and the release goes out.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from hemicycle.publish.duck import connect
from hemicycle.publish.release import publish_release
from pipelines.runner import RunSummary, run_pipeline

MISPRINT = ("M. Tiny KOX, Pays-Bas, GUE", "M. Tiny KOX, Pays-Bas, SOC")


def _excerpt(sample_dir: Path, name: str) -> dict[str, Any]:
    excerpt: dict[str, Any] = json.loads((sample_dir / "pace" / name).read_text(encoding="utf-8"))
    return excerpt


def _cut_inside_list(excerpt: str, entries: int) -> str:
    """The page as stored when the excerpt ends inside its list, after ``entries`` entries."""
    english = "Mr Pieter" in excerpt
    head, sep, rest = excerpt.partition("Mr Pieter OMTZIGT" if english else "M. Pieter OMTZIGT")
    kept = (sep + rest).split(" ; ")[:entries]
    return head + " ; ".join(kept) + (" ; Mr Fra" if english else " ; M. Fra")


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Iterator[tuple[Path, RunSummary]]:
    sample = tmp_path_factory.mktemp("disagreeing")
    documents = []

    def add(name: str, source: str, url: str, text: str | None = None, source_path: Path | None = None) -> None:
        if text is not None:
            (sample / name).write_text(json.dumps({"url": url, "excerpt": text}, ensure_ascii=False))
            documents.append({"path": name, "source": source, "url": url, "wrapper": "excerpt",
                              "content_type": "text/plain; charset=utf-8"})
        else:
            assert source_path is not None, "a document is given as text or as a file"
            shutil.copy(source_path, sample / name)
            documents.append({"path": name, "source": source, "url": url,
                              "content_type": "text/plain; charset=utf-8"})

    for name, source in (("pace-written-declaration-829-fr.txt", "pace"),
                         ("ep-summary-kazakhstan-freedom-of-expression-fr.txt", "ep")):
        add(name, source, f"sample:{name}", source_path=sample_dir / "seeds" / name)
    en, fr = _excerpt(sample_dir, "046.json"), _excerpt(sample_dir, "045.json")
    assert MISPRINT[0] in fr["excerpt"]
    add("wd643-en.json", "pace", en["url"], en["excerpt"])
    add("wd643-fr.json", "pace", fr["url"], fr["excerpt"].replace(*MISPRINT))
    en, fr = _excerpt(sample_dir, "004.json"), _excerpt(sample_dir, "005.json")
    add("14538-en.json", "pace", en["url"], _cut_inside_list(en["excerpt"], 14))
    add("14538-fr.json", "pace", fr["url"], _cut_inside_list(fr["excerpt"], 13).replace(
        "M. Tiny KOX, Pays-Bas, GUE", "M. Tiny KOX, Pays-Bas, SOC"))
    (sample / "manifest.json").write_text(json.dumps({"retrieved": "2026-11-22", "documents": documents}))
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DAGSTER_HOME", raising=False)
        out = tmp_path_factory.mktemp("disagreeing-out")
        yield out, run_pipeline(out, sample_dir=sample)


def _rows(out: Path, sql: str) -> list[tuple[Any, ...]]:
    con = connect(out / "hemicycle.duckdb")
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_the_run_publishes_and_only_warns(run: tuple[Path, RunSummary]) -> None:
    out, summary = run
    assert summary.success and summary.published, summary.render(0)
    assert summary.failed_checks == [] and "statement_versions.versions_agree" in summary.warned_checks
    report = json.loads((out / "validation.json").read_text())
    check = next(c for c in report["checks"] if c["rule"] == "versions_agree" and c["partition"] == "pace")
    assert report["passed"] and check["severity"] == "warn" and not check["passed"]


def test_everything_else_is_published(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    ids = {r[0] for r in _rows(out, "select statement_id from statements")}
    assert {"pace:16320", "pace:14424"} <= ids and any(i.startswith("ep:") for i in ids)
    assert "pace:14538" not in ids
    assert _rows(out, "select count(*) from signatories where statement_id = 'pace:16320'") == [(21,)]


def test_the_statement_is_published_from_its_trusted_version_and_flagged(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    [(agree, complete, count, language)] = _rows(out, """
        select s.versions_agree, s.signatories_complete, s.signatory_count, g.language
        from statements s join signatories g using (statement_id)
        where statement_id = 'pace:14424' and g.family_name = 'KOX'""")
    assert (agree, complete, count, language) == (False, True, 26, "en")
    assert _rows(out, "select group_code from signatories where statement_id = 'pace:14424' "
                      "and family_name = 'KOX'") == [("UEL",)]
    versions = {r[0]: r[1:] for r in _rows(out, "select language, is_primary, trusted, agrees, differences "
                                                "from statement_versions where statement_id = 'pace:14424'")}
    assert versions["en"][:3] == (True, True, True)
    assert versions["fr"][:3] == (False, True, False) and "SOC" in versions["fr"][3]
    others = _rows(out, "select count(*) from statements where not versions_agree")
    assert others == [(1,)]


def test_a_statement_with_no_trusted_version_goes_to_quarantine_and_says_why(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    rows = _rows(out, "select url, stage, message from quarantine where rule = 'versions_disagree' "
                      "and record = 'pace:14538' order by url")
    assert len(rows) == 2 and {r[1] for r in rows} == {"normalise"}
    assert any("SOC" in message for _, _, message in rows)
    assert all("no version passes its own checks" in message for _, _, message in rows)


def test_the_release_goes_out_and_becomes_latest(run: tuple[Path, RunSummary], tmp_path: Path) -> None:
    out, _ = run
    published = publish_release(out, str(tmp_path / "releases"))
    assert published.release.checks_passed and published.latest == published.release.version
