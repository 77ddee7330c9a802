"""`hemicycle` as users call it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from reconstruct import FRENCH_CURRENT_URL, french_current_site

SEED = "data/sample/seeds/pace-written-declaration-829-fr.txt"


def hemicycle(*args: str, cwd: Path | None = None,
              env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], capture_output=True,
                          text=True, cwd=cwd, env=env)


def _closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port  # nothing listens there once the probe is closed


def test_parse_prints_the_contract_for_the_seed(sample_dir: Path) -> None:
    result = hemicycle("parse", str(sample_dir.parent.parent / SEED))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    st = json.loads(line)
    assert set(st) == {"input", "source", "doc_type", "doc_no", "number", "date", "language",
                       "title", "declared_total", "signatories", "signatories_complete", "list_problems",
                       "targets"}
    assert (st["signatories_complete"], st["list_problems"], result.stderr) == (True, [], "")
    (target,) = st["targets"]  # the declaration praises Kazakhstan, not its signatories' countries
    assert set(target) == {"country_code", "stance", "evidence", "confidence"}
    assert (target["country_code"], target["stance"], target["confidence"]) == ("KZ", "praise", "high")
    assert "Kazakhstan" in target["evidence"]
    assert (st["source"], st["doc_type"], st["doc_no"], st["number"], st["date"], st["language"],
            st["declared_total"]) == ("pace", "written_declaration", "16320", "829", "2026-01-19", "fr", 21)
    sigs = st["signatories"]
    assert [s["position"] for s in sigs] == list(range(1, 22))
    assert set(sigs[0]) == {"position", "kind", "prefix", "given_name", "family_name", "name",
                            "country_code", "group_code", "group_label"}
    assert Counter(s["group_code"] for s in sigs) == {"ALDE": 7, "EPP/CD": 5, "ECPA": 4, "SOC": 3, "NR": 2}
    countries = Counter(s["country_code"] for s in sigs)
    assert (countries["AM"], countries["FR"], countries["DE"], countries["BG"]) == (5, 3, 2, 2)
    assert sorted(v for k, v in countries.items() if k not in {"AM", "FR", "DE", "BG"}) == [1] * 9


def test_parse_reads_stored_excerpts_and_reports_bad_inputs_without_losing_good_ones(corpus_dir: Path,
                                                                                     tmp_path: Path) -> None:
    empty = tmp_path / "empty.html"
    empty.write_bytes(b"")
    good = corpus_dir / "pace" / "raw" / "006.json"
    result = hemicycle("parse", str(empty), str(good), str(tmp_path / "missing.txt"))
    assert result.returncode == 1
    (line,) = result.stdout.splitlines()
    st = json.loads(line)
    assert (st["doc_no"], st["number"], len(st["signatories"])) == ("14459", "648", 35)
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 2 and "empty.html" in errors[0] and "missing.txt" in errors[1]


@pytest.mark.parametrize("command", ["run", "parse", "query", "validate", "release"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = hemicycle(command, "--help")
    assert result.returncode == 0 and "examples:" in result.stdout


def test_top_level_help_shows_examples() -> None:
    result = hemicycle("--help")
    assert result.returncode == 0 and "examples:" in result.stdout and "hemicycle release --to" in result.stdout


def test_bad_sql_is_a_one_line_error_with_hint(pipeline_out: Path) -> None:
    result = hemicycle("query", "--out", str(pipeline_out), "select * from no_such_view")
    assert result.returncode == 2 and result.stderr.count("\n") == 1
    assert "no_such_view" in result.stderr and "hint:" in result.stderr


def test_unwritable_output_is_a_one_line_error_with_hint(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    result = hemicycle("run", "--out", str(blocker / "out"))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "--out" in result.stderr


def test_unreachable_source_is_named_with_a_hint_and_no_traceback(tmp_path: Path) -> None:
    port = _closed_port()
    env = {**os.environ, "HEMICYCLE_PACE_URL": f"http://127.0.0.1:{port}",
           "HEMICYCLE_EP_API_URL": f"http://127.0.0.1:{port}/api/v2", "HEMICYCLE_MIN_INTERVAL": "0.01",
           "HEMICYCLE_MAX_ATTEMPTS": "1", "GX_ANALYTICS_ENABLED": "false"}
    env.pop("DAGSTER_HOME", None)
    result = hemicycle("run", "--source", "http", "--out", str(tmp_path / "out"), env=env)
    assert result.returncode == 2
    errors = result.stderr.strip().splitlines()
    assert [e.split(":")[2].strip() for e in errors] == ["pace", "ep"], result.stderr
    assert all("source unreachable" in e and "hint:" in e for e in errors)
    assert "HEMICYCLE_PACE_URL" in errors[0] and "Traceback" not in result.stderr + result.stdout
    assert "hemicycle run: FAILED" in result.stdout


def test_query_without_database_is_a_one_line_error_with_hint(tmp_path: Path) -> None:
    result = hemicycle("query", "--out", str(tmp_path), "select 1")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "hint:" in result.stderr


def test_parse_reads_the_french_current_site_list_below_its_label(corpus_dir: Path, tmp_path: Path) -> None:
    page = tmp_path / "28245-fr.txt"
    page.write_text(french_current_site(corpus_dir), encoding="utf-8")
    result = hemicycle("parse", str(page), "--url", FRENCH_CURRENT_URL)
    assert result.returncode == 0, result.stderr
    (st,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (st["doc_no"], st["language"], st["signatories_complete"], st["list_problems"]) == (
        "14991", "fr", True, [])
    sigs = st["signatories"]
    assert len(sigs) == 21 and (sigs[0]["family_name"], sigs[0]["group_code"]) == ("KOX", "UEL")
    assert (sigs[-1]["family_name"], sigs[-1]["country_code"]) == ("RODRÍGUEZ HERNÁNDEZ", "ES")


def test_parse_reports_lists_that_are_not_whole_on_stderr_and_exits_2(corpus_dir: Path) -> None:
    cut = corpus_dir / "pace" / "raw" / "068.json"  # ends with "Dokle, Albania": the group cut off
    unread = corpus_dir / "pace" / "raw" / "050.json"  # a copy that gives "Total = 108" but no name
    whole = corpus_dir / "pace" / "raw" / "001.json"
    result = hemicycle("parse", str(cut), str(whole), str(unread))
    assert result.returncode == 2
    cut_st, whole_st, unread_st = [json.loads(line) for line in result.stdout.splitlines()]
    assert (len(cut_st["signatories"]), cut_st["signatories_complete"]) == (17, False)
    assert [p["reason"] for p in cut_st["list_problems"]] == ["list_cut"]
    assert "Dokle, Albania" in cut_st["list_problems"][0]["message"]
    assert (whole_st["signatories_complete"], whole_st["list_problems"]) == (True, [])
    assert unread_st["signatories"] == [] and not unread_st["signatories_complete"]
    assert {p["reason"] for p in unread_st["list_problems"]} == {"list_unread"}
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert "068.json" in lines[0] and "9056" in lines[0] and "list_cut" in lines[0]
    assert "050.json" in lines[1] and "list_unread" in lines[1] and "declared total 108" in lines[1]


def test_parse_starts_without_importing_dagster_or_gx(sample_dir: Path) -> None:
    seed = str(sample_dir / "seeds" / "pace-written-declaration-829-fr.txt")
    code = (f"import sys; from pipelines.cli import main; main(['parse', {seed!r}]); "
            "print(any(m.startswith(('dagster', 'great_expectations')) for m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
