"""`hemicycle` as users call it: a real subprocess, real files."""

import json
import subprocess
import sys
from collections import Counter

import pytest

SEED = "data/sample/seeds/pace-written-declaration-829-fr.txt"


def hemicycle(*args, cwd=None):
    return subprocess.run([sys.executable, "-m", "pipelines.cli", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_parse_prints_the_contract_for_the_seed(sample_dir):
    result = hemicycle("parse", str(sample_dir.parent.parent / SEED))
    assert result.returncode == 0, result.stderr
    (line,) = result.stdout.splitlines()
    st = json.loads(line)
    assert set(st) == {"input", "source", "doc_type", "doc_no", "number", "date", "language",
                       "title", "declared_total", "signatories"}
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


def test_parse_reads_stored_excerpts_and_reports_bad_inputs_without_losing_good_ones(corpus_dir, tmp_path):
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
def test_every_command_has_help_with_examples(command):
    result = hemicycle(command, "--help")
    assert result.returncode == 0 and "examples:" in result.stdout


def test_query_without_database_is_a_one_line_error_with_hint(tmp_path):
    result = hemicycle("query", "--out", str(tmp_path), "select 1")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "hint:" in result.stderr


def test_parse_starts_without_importing_dagster_or_gx(sample_dir):
    code = ("import sys; from pipelines.cli import main; main(['parse', %r]); "
            "print(any(m.startswith(('dagster', 'great_expectations')) for m in sys.modules))"
            % str(sample_dir / "seeds" / "pace-written-declaration-829-fr.txt"))
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip().splitlines()[-1] == "False"
