"""Canonical dumps of every published table of a run, to show that a change to the pipeline
leaves its output identical.

    python -m benchmarks.snapshot take NAME      # run on data/sample and the 1k corpus, dump
    python -m benchmarks.snapshot compare NAME   # run again and compare with the dump NAME
    (--large: also the 10k corpus)

Each run starts from an empty output folder; every table is read back from
``tables/<table>/source=…/year=…`` (as a release reads it), sorted by its key and written
as JSON lines, with ``validation.json``. Dumps live under ``build/snapshots/NAME/``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from benchmarks.corpus import write_corpus

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "build" / "snapshots"


def corpora(work: Path, large: bool = False) -> dict[str, Path]:
    found = {"sample": ROOT / "data" / "sample"}
    for scale, documents in (("1k", 1_000), ("10k", 10_000))[: 2 if large else 1]:
        synthetic = work / f"corpus-{scale}"
        if not (synthetic / "manifest.json").exists():
            write_corpus(synthetic, documents, 1)
        found[f"synthetic-{scale}"] = synthetic
    return found


def dump_run(out: Path, target: Path) -> dict[str, str]:
    """Tables and validation report of the run in ``out`` as files under ``target``; digests."""
    from hemicycle.publish.release.inputs import read_run_tables

    target.mkdir(parents=True, exist_ok=True)
    digests = {}
    for name, frame in read_run_tables(out).items():
        text = frame.write_ndjson()
        (target / f"{name}.ndjson").write_text(text, encoding="utf-8")
        digests[name] = f"{frame.height} rows, sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}"
    report = json.loads((out / "validation.json").read_text(encoding="utf-8"))
    text = json.dumps(report, indent=1, sort_keys=True, ensure_ascii=False)
    (target / "validation.json").write_text(text, encoding="utf-8")
    digests["validation.json"] = f"sha256 {hashlib.sha256(text.encode()).hexdigest()[:16]}"
    return digests


def take(target: Path, work: Path, large: bool = False) -> dict[str, dict[str, str]]:
    from pipelines.runner import run_pipeline

    os.environ.pop("DAGSTER_HOME", None)  # an ephemeral instance
    os.environ["GX_ANALYTICS_ENABLED"] = "false"
    shutil.rmtree(target, ignore_errors=True)
    found = {}
    for name, folder in corpora(work, large).items():
        with tempfile.TemporaryDirectory(dir=work) as tmp:
            start = time.perf_counter()
            summary = run_pipeline(Path(tmp) / "out", sample_dir=folder)
            if not summary.success:
                raise SystemExit(summary.render(time.perf_counter() - start))
            found[name] = dump_run(Path(tmp) / "out", target / name)
            print(f"{name}: run in {time.perf_counter() - start:.1f} s", flush=True)
    return found


def first_difference(a: Path, b: Path) -> str:
    left, right = a.read_text(encoding="utf-8").splitlines(), b.read_text(encoding="utf-8").splitlines()
    for i, (x, y) in enumerate(zip(left, right, strict=False)):  # lengths may differ
        if x != y:
            return f"line {i + 1}:\n    was {x[:600]}\n    now {y[:600]}"
    return f"{len(left)} lines before, {len(right)} now"


def compare(reference: Path, current: Path) -> list[str]:
    """What differs in the corpora dumped in ``current``."""
    differences = []
    for path in sorted(reference.rglob("*")):
        if path.is_file() and (current / path.relative_to(reference).parts[0]).is_dir():
            other = current / path.relative_to(reference)
            if not other.exists():
                differences.append(f"{path.relative_to(reference)}: missing")
            elif other.read_bytes() != path.read_bytes():
                if sorted(other.read_bytes().splitlines()) == sorted(path.read_bytes().splitlines()):
                    # the same rows; rows sharing a key (one file quarantined at several URLs) came in
                    # another order, which a dump sorted by key cannot settle
                    print(f"same rows, ties of the key in another order: {path.relative_to(reference)}")
                    continue
                differences.append(f"{path.relative_to(reference)}: {first_difference(path, other)}")
    return differences


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=("take", "compare"))
    parser.add_argument("name", help="name of the dump")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "bench")
    parser.add_argument("--large", action="store_true", help="also the 10k corpus (about a minute)")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.action == "take":
        for corpus, digests in take(SNAPSHOTS / args.name, args.work, args.large).items():
            for name, digest in digests.items():
                print(f"  {corpus}/{name}: {digest}")
        return 0
    current = SNAPSHOTS / f"{args.name}.now"
    take(current, args.work, args.large)
    differences = compare(SNAPSHOTS / args.name, current)
    for line in differences:
        print(f"DIFFERS {line}")
    print("identical" if not differences else f"{len(differences)} files differ")
    return 1 if differences else 0


if __name__ == "__main__":
    raise SystemExit(main())
