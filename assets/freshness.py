"""What needs rebuilding: small marker files in the out folder, compared.

Each stage leaves a marker in ``<out>/state/``: the fetch of a partition its index
version (and its roster's), the clean stage of a partition the index version and code version it was built
from, the publication which clean builds it published. A partition is rebuilt only when
its index or the code changed; the tables are published again only when a partition was
rebuilt and its checks passed. The command line and the sensor both follow this plan,
and it does not depend on which Dagster instance ran what.
"""

from __future__ import annotations

import functools
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from hemicycle.files import atomic_write_bytes

PROJECT_ROOT = Path(__file__).resolve().parent.parent
# Everything a clean build depends on besides the raw bytes: code, rules and vocabularies.
CODE_GLOBS = ("hemicycle/**/*.py", "hemicycle/sql/*.sql", "expectations/*.py", "assets/*.py",
              "data/vocab/*")


def marker_path(out_dir: Path, name: str) -> Path:
    return Path(out_dir) / "state" / f"{name}.json"


def write_marker(out_dir: Path, name: str, data: dict) -> None:
    atomic_write_bytes(marker_path(out_dir, name),
                       json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False).encode())


def read_marker(out_dir: Path, name: str) -> dict | None:
    path = marker_path(out_dir, name)
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return None


@functools.cache
def code_version() -> str:
    digest = hashlib.sha256()
    for pattern in CODE_GLOBS:
        for path in sorted(PROJECT_ROOT.glob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(PROJECT_ROOT).as_posix().encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def build_key(index_version: str, code: str | None = None) -> str:
    return f"{index_version}:{code or code_version()}"


def source_version(documents: str, roster: str) -> str:
    """What a partition is built from: its documents' index and its roster's."""
    return f"{documents}+{roster}" if roster else documents


@dataclass
class Plan:
    build: list[str] = field(default_factory=list)  # partitions to clean and check again
    publish: bool = False  # clean tables differ from what is published, and may be published
    blocked: bool = False  # they differ, but a blocking check failed
    keys: dict[str, str] = field(default_factory=dict)  # partition -> build key of its index


def _stored(out_dir: Path, partition: str) -> bool:
    """The partition's tables are on disk, and Dagster knows where."""
    return (Path(out_dir) / "storage" / "statements" / partition).exists() \
        and (Path(out_dir) / "clean" / partition).exists()


def partition_checks_passed(out_dir: Path) -> bool:
    """No blocking failure among the per-partition checks (release checks run at publication)."""
    try:
        checks = json.loads((Path(out_dir) / "validation.json").read_text(encoding="utf-8"))["checks"]
    except (FileNotFoundError, ValueError, KeyError):
        return False
    return not any(c.get("partition") and c["severity"] == "error" and not c["passed"] for c in checks)


def plan(out_dir: Path, partitions: list[str], code: str | None = None) -> Plan:
    result = Plan()
    built: dict[str, str] = {}
    for partition in partitions:
        raw = read_marker(out_dir, f"raw-{partition}")
        if raw is None:
            continue  # never fetched: nothing to build yet
        roster = (read_marker(out_dir, f"roster-{partition}") or {}).get("index_version", "")
        key = result.keys[partition] = build_key(source_version(raw["index_version"], roster), code)
        clean = read_marker(out_dir, f"clean-{partition}")
        if clean is None or clean.get("built_from") != key or not _stored(out_dir, partition):
            result.build.append(partition)
        else:
            built[partition] = key
    if result.build or set(built) != set(partitions):
        return result  # publish after every partition is built
    published = read_marker(out_dir, "published") or {}
    stale = published.get("built_from") != built or not (Path(out_dir) / "hemicycle.duckdb").exists()
    if stale:
        result.publish = partition_checks_passed(out_dir)
        result.blocked = not result.publish
    return result
