"""Broken documents end in quarantine with a clear reason; the run goes on."""

from __future__ import annotations

import io
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile import nested_divs, operator_bomb, repeated_list
from pypdf import PdfWriter

from hemicycle.publish.duck import connect
from pipelines.runner import RunSummary, run_pipeline

BAD = Path(__file__).parent / "bad_inputs"
EXPECTED = {
    "truncated.html": ("parse", "truncated_html"),
    "mojibake.txt": ("parse", "mojibake"),
    "empty.html": ("parse", "empty"),
    "junk.bin": ("parse", "binary"),
    "challenge.html": ("parse", "blocked_challenge"),
    "no-text.pdf": ("parse", "pdf_no_text"),
    "missing-country.txt": ("normalise", "missing_country"),
    "duplicate.txt": ("normalise", "duplicate_signatory"),
    "absurd-date.txt": ("normalise", "date_out_of_range"),
    "list-unread.txt": ("normalise", "list_unread"),
    # hostile documents, built by tests/hostile.py: each costs a bounded amount of work
    "nested-divs.html": ("parse", "too_complex"),
    "repeated-list.txt": ("parse", "too_complex"),
    "operator-bomb.pdf": ("parse", "too_complex"),
}
HOSTILE = {"nested-divs.html": lambda: nested_divs(200_000), "repeated-list.txt": lambda: repeated_list(700_000),
           "operator-bomb.pdf": operator_bomb}
# published, but never as complete: (statement, reasons)
FLAGGED = {"wrong-total.txt": ("pace:16324", ["list_incomplete"])}


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Iterator[tuple[Path, RunSummary]]:
    mp = pytest.MonkeyPatch()
    mp.delenv("DAGSTER_HOME", raising=False)
    sample = tmp_path_factory.mktemp("bad_sample")
    documents = []
    for name in [*EXPECTED, *FLAGGED]:
        if name in HOSTILE:
            (sample / name).write_bytes(HOSTILE[name]())
        elif name.endswith(".pdf"):
            writer = PdfWriter()
            writer.add_blank_page(width=200, height=200)
            buf = io.BytesIO()
            writer.write(buf)
            (sample / name).write_bytes(buf.getvalue())
        else:
            shutil.copy(BAD / name, sample / name)
        documents.append({"path": name, "source": "pace", "url": f"sample:bad/{name}",
                          "content_type": "application/octet-stream"})
    shutil.copy(sample_dir / "seeds" / "pace-written-declaration-829-fr.txt", sample / "good.txt")
    documents.append({"path": "good.txt", "source": "pace", "url": "sample:good",
                      "content_type": "text/plain; charset=utf-8"})
    shutil.copy(sample_dir / "seeds" / "ep-summary-kazakhstan-freedom-of-expression-fr.txt",
                sample / "good-ep.txt")  # both sources present, as a release requires
    documents.append({"path": "good-ep.txt", "source": "ep", "url": "sample:good-ep",
                      "content_type": "text/plain; charset=utf-8"})
    (sample / "manifest.json").write_text(json.dumps({"retrieved": "2026-11-22", "documents": documents}))
    out = tmp_path_factory.mktemp("bad_out")
    summary = run_pipeline(out, sample_dir=sample)
    yield out, summary
    mp.undo()


def test_run_goes_on_and_publishes_the_good_rows(run: tuple[Path, RunSummary]) -> None:
    out, summary = run
    assert summary.success, summary.render(0)
    con = connect(out / "hemicycle.duckdb")
    ids = {r[0] for r in con.execute("select statement_id from statements where source = 'pace'").fetchall()}
    # the good document, the statements whose bad rows alone were quarantined, and the one
    # whose list disagrees with its declared total
    assert ids == {"pace:16320", "pace:16321", "pace:16323", "pace:16324"}
    con.close()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_document_is_quarantined_with_its_reason(run: tuple[Path, RunSummary], name: str) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    rows = con.execute("select stage, rule, message from quarantine where url = ?",
                       [f"sample:bad/{name}"]).fetchall()
    con.close()
    assert [(stage, rule) for stage, rule, _ in rows] == [EXPECTED[name]]
    assert len(rows[0][2]) > 10  # a message people can read


def test_quarantined_rows_leave_the_published_list_marked_incomplete(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    rows = {r[0]: r[1:] for r in con.execute(
        "select statement_id, signatories_complete, incomplete_reasons, incomplete_detail from statements "
        "where source = 'pace' and statement_id <> 'pace:16324'").fetchall()}
    assert {sid: (complete, reasons) for sid, (complete, reasons, _) in rows.items()} == {
        "pace:16320": (True, []),
        "pace:16321": (False, ["list_inconsistent", "rows_quarantined"]),  # 22 entries, "Total = 21"
        "pace:16323": (False, ["rows_quarantined"])}
    assert rows["pace:16320"][2] is None and "duplicate_signatory" in rows["pace:16321"][2]
    count = con.execute("select signatory_count from statements where statement_id = 'pace:16321'").fetchone()
    assert count == (21,)  # 22 printed, the second signature of GERMAN Michael quarantined
    con.close()


@pytest.mark.parametrize("name", sorted(FLAGGED))
def test_a_list_its_own_text_contradicts_is_published_flagged_and_blocks_nothing(run: tuple[Path, RunSummary],
                                                                                name: str) -> None:
    out, summary = run
    statement_id, reasons = FLAGGED[name]
    con = connect(out / "hemicycle.duckdb")
    row = con.execute("select signatory_count, signatories_complete, incomplete_reasons, incomplete_detail "
                      "from statements where statement_id = ?", [statement_id]).fetchall()[0]
    con.close()
    assert row[:3] == (21, False, reasons)
    assert "declared total 25, 21 entries read" in row[3]
    assert "statements.declared_total_matches" not in summary.failed_checks


def test_a_declaration_whose_list_could_not_be_read_is_never_published(run: tuple[Path, RunSummary]) -> None:
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    published = con.execute("select count(*) from statements where statement_id = 'pace:16325'").fetchone()
    (message,) = con.execute("select message from quarantine where record = 'pace:16325'").fetchall()[0]
    con.close()
    assert published == (0,)
    assert "declared total 21, no entry read" in message and "Signé¹:" in message


def test_a_sample_missing_an_assembly_fails_the_blocking_checks_with_a_clear_message(
        tmp_path: Path, sample_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    sample = tmp_path / "sample"
    sample.mkdir()
    shutil.copy(sample_dir / "seeds" / "pace-written-declaration-829-fr.txt", sample / "pace-only.txt")
    (sample / "manifest.json").write_text(json.dumps({"retrieved": "2026-11-22", "documents": [
        {"path": "pace-only.txt", "source": "pace", "url": "sample:pace-only",
         "content_type": "text/plain; charset=utf-8"}]}))
    out = tmp_path / "out"
    summary = run_pipeline(out, sample_dir=sample)
    assert not summary.success
    assert set(summary.failed_checks) == {"statements.every_source_present"}
    rendered = summary.render(1.0)
    assert "FAILED" in rendered and "FAIL statements.every_source_present" in rendered
    report = json.loads((out / "validation.json").read_text())
    failed = {c["rule"] for c in report["checks"] if not c["passed"]}
    assert not report["passed"] and failed == {"every_source_present"}
    assert not (out / "tables" / "statements").exists()  # nothing published from a blocked run
