"""Broken documents end in quarantine with a clear reason; the run goes on."""

import io
import json
import shutil
from pathlib import Path

import pytest
from pypdf import PdfWriter

from hemicycle.publish.duck import connect
from pipelines.runner import run_pipeline

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
}


@pytest.fixture(scope="module")
def run(tmp_path_factory, sample_dir):
    mp = pytest.MonkeyPatch()
    mp.delenv("DAGSTER_HOME", raising=False)
    sample = tmp_path_factory.mktemp("bad_sample")
    documents = []
    for name in EXPECTED:
        if name.endswith(".pdf"):
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


def test_run_goes_on_and_publishes_the_good_rows(run):
    out, summary = run
    assert summary.success, summary.render(0)
    con = connect(out / "hemicycle.duckdb")
    ids = {r[0] for r in con.execute("select statement_id from statements where source = 'pace'").fetchall()}
    # the good document, and the statements whose bad rows alone were quarantined
    assert ids == {"pace:16320", "pace:16321", "pace:16323"}
    con.close()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_broken_document_is_quarantined_with_its_reason(run, name):
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    rows = con.execute("select stage, rule, message from quarantine where url = ?",
                       [f"sample:bad/{name}"]).fetchall()
    con.close()
    assert [(stage, rule) for stage, rule, _ in rows] == [EXPECTED[name]]
    assert len(rows[0][2]) > 10  # a message people can read


def test_quarantined_rows_leave_the_published_list_marked_incomplete(run):
    out, _ = run
    con = connect(out / "hemicycle.duckdb")
    rows = dict(con.execute("select statement_id, signatories_complete from statements "
                            "where source = 'pace'").fetchall())
    assert rows == {"pace:16320": True, "pace:16321": False, "pace:16323": False}
    count = con.execute("select signatory_count from statements where statement_id = 'pace:16321'").fetchone()
    assert count == (21,)  # 22 printed, the second signature of GERMAN Michael quarantined
    con.close()


def test_a_broken_sample_fails_the_blocking_checks_with_a_clear_message(tmp_path, sample_dir, monkeypatch):
    monkeypatch.delenv("DAGSTER_HOME", raising=False)
    sample = tmp_path / "sample"
    sample.mkdir()
    seed = (sample_dir / "seeds" / "pace-written-declaration-829-fr.txt").read_text(encoding="utf-8")
    (sample / "wrong-total.txt").write_text(seed.replace("Total = 21", "Total = 25"), encoding="utf-8")
    (sample / "manifest.json").write_text(json.dumps({"retrieved": "2026-11-22", "documents": [
        {"path": "wrong-total.txt", "source": "pace", "url": "sample:wrong-total",
         "content_type": "text/plain; charset=utf-8"}]}))
    out = tmp_path / "out"
    summary = run_pipeline(out, sample_dir=sample)
    assert not summary.success
    assert set(summary.failed_checks) == {"statements.declared_total_matches", "statements.every_source_present"}
    rendered = summary.render(1.0)
    assert "FAILED" in rendered and "FAIL statements.declared_total_matches" in rendered
    report = json.loads((out / "validation.json").read_text())
    failed = {c["rule"]: c for c in report["checks"] if not c["passed"]}
    assert not report["passed"] and failed["declared_total_matches"]["examples"][0]["statement_id"] == "pace:16320"
    assert not (out / "tables" / "statements").exists()  # nothing published from a blocked run
