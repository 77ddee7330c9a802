"""Releases: the immutable, self-describing folders people download.

``publish_release(out_dir, dest)`` reads the published tables of a run (``data/out``),
assembles a release in a staging folder and publishes it as ``DEST/<version>/``; then,
last, it rewrites ``DEST/versions.json`` and moves ``DEST/latest``. A release holds:

    tables/<table>/source=…/part-<year>.parquet     partitioned tables (hive layout: the
                                                    source in the path only, one file a year)
    tables/<table>/part-0.parquet                   the others
    metrics/<metric>.parquet                        every metric, precomputed
    hemicycle.duckdb                                the tables, metrics and macros in one file
    views.sql, macros.sql                           views over the files, to attach them yourself
    datapackage.json, manifest.json, SHA256SUMS, validation.json, CHANGES.md
    + whatever the writers in EXTRA_FILES add (e.g. an HTML data card)

The version is ``<date>-<hash>``: the date of the newest fetch in the data (not the clock)
and a digest of everything the files are made from (table contents, SQL, schema, checks,
the release code, DuckDB version). Every file is written deterministically (sorted rows,
one DuckDB thread, no timestamps), so the same data gives the same version and the same
bytes, and publishing it again changes nothing: every file but one. DuckDB writes bytes it
never initialised into the unused parts of a database file's blocks (string and bit-packed
segments, validity masks: https://github.com/duckdb/duckdb/issues/23382), so two builds of
hemicycle.duckdb from the same tables hold the same content but not the same bytes, nor
always the same size (compression decisions sample that memory too). The version, which is a
digest of the inputs, identifies its content; manifest.json lists it without size or
checksum, so that manifest.json and every other file stay byte-identical; SHA256SUMS gives the
checksum of the copy published first. Publishing the same version again compares every other
line, checks that the published copy is still the one listed, and keeps it.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import duckdb
import polars as pl

from hemicycle import DATASET_NAME, SCHEMA_VERSION
from hemicycle.errors import ReleaseError, ReleaseHeld
from hemicycle.folder_lock import FolderBusy, FolderLock
from hemicycle.publish import changes as change_log
from hemicycle.publish.datapackage import ParquetFile, descriptor
from hemicycle.publish.destinations import COMPLETE_MARKER, open_destination, sums_text
from hemicycle.progress import track
from hemicycle.publish.duck import (BLOCK_SIZE, DATABASE, STORAGE_VERSION, base_views_sql, build_database,
                                    derived_sql, macros_sql)
from hemicycle.publish.layer import layer_sql, sql_string
from hemicycle.publish.parquet import frame_hash
from hemicycle.schema import METRICS, TABLES, Table

# The layout below, for readers; bump when it changes. 2: the database holds the tables, the
# files of partitioned tables hold no source column (the hive path gives it) and are named by year.
RELEASE_FORMAT = "2"
DIFF_TABLES = ("statements", "signatories")
# A release that loses more than this share of the previous release's signatures is held
# until the loss is acknowledged (HEMICYCLE_MAX_SIGNATURE_LOSS, HEMICYCLE_ACCEPT_LOSS).
MAX_SIGNATURE_LOSS = 0.02
LOSS_LISTED = 20  # statements named in the message of a held release


@dataclass(frozen=True)
class ReleaseContext:
    """What a writer of extra files gets: the staged release, before it is checksummed."""

    root: Path
    version: str
    date: str
    row_counts: dict[str, int]
    validation: dict
    datapackage: dict
    changes: str


# Writers of extra files (name relative to the release folder -> bytes), run after the data
# files and before manifest.json and SHA256SUMS, which then cover them.
ExtraFileWriter = Callable[[ReleaseContext], Mapping[str, bytes]]


def data_card(context: ReleaseContext) -> dict[str, bytes]:
    """index.html: the page that shows what the release holds (hemicycle.publish.card)."""
    from hemicycle.publish.card import release_card

    return {"index.html": release_card(context.root, context.version, context.date,
                                       pending=("manifest.json", COMPLETE_MARKER))}


EXTRA_FILES: list[ExtraFileWriter] = [data_card]


@dataclass
class Plan:
    """The inputs of a release, read from a run's output, and the version they make."""

    frames: dict[str, pl.DataFrame]
    validation_bytes: bytes
    validation: dict
    date: str
    version: str


@dataclass
class Release:
    version: str
    date: str
    previous: str | None
    checks_passed: bool
    row_counts: dict[str, int]
    files: list[dict] = field(default_factory=list)  # path, bytes, sha256
    changes: change_log.Changes | None = None
    loss_accepted: dict | None = None  # signatures lost beyond the threshold, and their share

    @property
    def total_bytes(self) -> int:
        return sum(f["bytes"] for f in self.files)


def _dump(data) -> bytes:
    return (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode()


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _connect() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute("SET threads = 1")  # one thread: same input, same order, same bytes
    return con


def _frame(con: duckdb.DuckDBPyConnection, sql: str, table: Table, fill_missing: bool = False) -> pl.DataFrame:
    """``fill_missing``: columns the files lack (a release of an older schema) read as null."""
    df = pl.from_arrow(con.sql(sql).to_arrow_table())
    if fill_missing:
        df = df.with_columns(pl.lit(None).alias(c) for c in table.column_names if c not in df.columns)
    return df.select(table.column_names).cast(table.polars_schema()).rechunk()


# ---------------------------------------------------------------- inputs
def read_run_tables(out_dir: Path) -> dict[str, pl.DataFrame]:
    """Every table of a run's output, sorted by its key."""
    con = _connect()
    try:
        con.execute(f"SET file_search_path = {sql_string(str(out_dir.resolve()))}")
        con.execute(base_views_sql(out_dir))
        return {name: _frame(con, f"SELECT * FROM {name} ORDER BY {', '.join(t.key)}", t)
                for name, t in TABLES.items()}
    finally:
        con.close()


def read_release_tables(root: Path, names: tuple[str, ...]) -> dict[str, pl.DataFrame]:
    """Tables of a published release folder (for comparing releases)."""
    con = _connect()
    try:
        frames = {}
        for name in names:
            table = TABLES[name]
            pattern = (root / "tables" / name).as_posix() + ("/**/*.parquet" if table.partitioned else "/*.parquet")
            frames[name] = _frame(con, f"SELECT * FROM read_parquet({sql_string(pattern)}, hive_partitioning = "
                                       f"{str(table.partitioned).lower()}, union_by_name = true) "
                                       f"ORDER BY {', '.join(table.key)}", table, fill_missing=True)
        return frames
    finally:
        con.close()


def _layer_digest() -> str:
    """Digest of what shapes the files besides the data: the SQL, the schema, and the code
    writing a release (so a change to it cannot reuse a version name for other bytes)."""
    from hemicycle.publish import changes, datapackage, duck, layer

    code = "".join(Path(m.__file__).read_text(encoding="utf-8") for m in (changes, datapackage, duck, layer))
    schema = repr(sorted(TABLES.items())) + repr(sorted(METRICS.items()))
    return _sha256((derived_sql() + schema + code + Path(__file__).read_text(encoding="utf-8")).encode())


def plan_release(out_dir: Path) -> Plan:
    report = out_dir / "validation.json"
    if not report.is_file():
        raise ReleaseError(f"{report} not found", "run `hemicycle run` first, or pass --from")
    frames = read_run_tables(out_dir)
    if frames["documents"].is_empty():
        raise ReleaseError(f"no tables under {out_dir / 'tables'}", "run `hemicycle run` first, or pass --from")
    validation_bytes = report.read_bytes()
    date = frames["documents"]["fetched_at"].max()[:10]
    digest = _sha256(_dump({
        "format": RELEASE_FORMAT, "duckdb": duckdb.__version__, "schema_version": SCHEMA_VERSION,
        "tables": {name: frame_hash(df) for name, df in frames.items()},
        "layer": _layer_digest(), "validation": _sha256(validation_bytes),
    }))
    return Plan(frames=frames, validation_bytes=validation_bytes,
                validation=json.loads(validation_bytes), date=date, version=f"{date}-{digest[:8]}")


# ---------------------------------------------------------------- files
def _kv_metadata(table: Table, version: str) -> str:
    pairs = {"dataset": DATASET_NAME, "table_name": table.name, "schema_version": SCHEMA_VERSION,
             "release_version": version}
    return "KV_METADATA {" + ", ".join(f"{k}: {sql_string(v)}" for k, v in pairs.items()) + "}"


def _copy(con: duckdb.DuckDBPyConnection, query: str, target: Path, table: Table, version: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    con.execute(f"COPY ({query}) TO {sql_string(target.as_posix())} "
                f"(FORMAT parquet, COMPRESSION zstd, {_kv_metadata(table, version)})")


def partition_file(table: Table, source: str, year: int | None) -> str:
    """Where the rows of one source and year of a partitioned table go: the source in a
    hive folder, the year in the file name and its rows. A null partition value (an undated
    year) breaks pandas and pyarrow's default hive reading, so the year is no partition."""
    return f"tables/{table.name}/source={source}/part-{'undated' if year is None else year}.parquet"


def write_table(con: duckdb.DuckDBPyConnection, df: pl.DataFrame, table: Table, root: Path,
                version: str) -> list[str]:
    """One Parquet file per source and year (or one file), sorted by key. The files of a
    partitioned table hold every column but ``source``, which their folder gives (hive
    convention: a column is in the path or in the file, never both, or pyarrow, pandas, Spark
    and R's arrow refuse to merge the two types). Returns the paths written."""
    con.register("frame", df.to_arrow())
    order = ", ".join(table.key)
    if not table.partitioned or df.is_empty():  # an empty table: one file with every column
        paths = [(f"tables/{table.name}/part-0.parquet", "*", "true")]
    else:
        keys = df.select("source", "year").unique().sort("source", "year", nulls_last=True)
        paths = [(partition_file(table, s, y), "* EXCLUDE (source)",
                  f"source = {sql_string(s)} AND year " + ("IS NULL" if y is None else f"= {y}"))
                 for s, y in keys.iter_rows()]
    for path, cols, where in paths:
        _copy(con, f"SELECT {cols} FROM frame WHERE {where} ORDER BY {order}", root / path, table, version)
    con.unregister("frame")
    return [p for p, _, _ in paths]


def write_metrics(root: Path, version: str) -> dict[str, list[str]]:
    """Every metric table of the release's database as one Parquet file, in key order."""
    con = duckdb.connect(str(root / DATABASE), read_only=True)
    try:
        con.execute("SET threads = 1")  # one writer thread: same rows, same bytes
        out = {}
        for name, table in METRICS.items():
            path = f"metrics/{name}.parquet"
            order = ", ".join(f"{c} NULLS FIRST" for c in table.key)
            _copy(con, f"SELECT {', '.join(table.column_names)} FROM {name} ORDER BY {order}",
                  root / path, table, version)
            out[name] = [path]
        return out
    finally:
        con.close()


def _database_rows(path: Path) -> dict[str, int]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return dict(con.execute("SELECT name, rows FROM hemicycle_tables ORDER BY name").fetchall())
    finally:
        con.close()


def _measure(root: Path, path: str) -> dict:
    data = (root / path).read_bytes()
    return {"path": path, "bytes": len(data), "sha256": _sha256(data)}


def _parquet_files(root: Path, paths: dict[str, list[str]], tables: dict[str, Table],
                   kind: str) -> list[ParquetFile]:
    import pyarrow.parquet as pq

    out = []
    for name, files in paths.items():
        for path in files:
            m = _measure(root, path)
            rows = pq.read_metadata(root / path).num_rows
            out.append(ParquetFile(tables[name], path, rows, m["bytes"], m["sha256"], kind))
    return out


def assemble(plan: Plan, root: Path, previous: str | None = None,
             previous_tables: dict[str, pl.DataFrame] | None = None,
             extra_files: list[ExtraFileWriter] | None = None) -> Release:
    """Write the whole release for ``plan`` into the empty folder ``root``."""
    version = plan.version
    con = _connect()
    try:
        table_paths = {name: write_table(con, df, TABLES[name], root, version)
                       for name, df in track(plan.frames.items(), "release", total=len(plan.frames))}
    finally:
        con.close()
    build_database(root, DATABASE, release_version=version, threads=1)
    metric_paths = write_metrics(root, version)

    views = layer_sql(version, {TABLES[n]: p for n, p in table_paths.items()},
                      {METRICS[n]: p for n, p in metric_paths.items()})
    (root / "views.sql").write_text(views, encoding="utf-8")
    (root / "macros.sql").write_text(macros_sql(), encoding="utf-8")
    (root / "validation.json").write_bytes(plan.validation_bytes)

    changes = change_log.compare(version, previous, plan.frames, previous_tables)
    changes_md = change_log.render(changes)
    (root / "CHANGES.md").write_text(changes_md, encoding="utf-8")

    parquet = (_parquet_files(root, table_paths, TABLES, "table")
               + _parquet_files(root, metric_paths, METRICS, "metric"))
    package = descriptor(version, plan.date, parquet)
    (root / "datapackage.json").write_bytes(_dump(package))

    row_counts = {name: df.height for name, df in plan.frames.items()}
    context = ReleaseContext(root=root, version=version, date=plan.date, row_counts=row_counts,
                             validation=plan.validation, datapackage=package, changes=changes_md)
    for writer in EXTRA_FILES if extra_files is None else extra_files:
        for name, data in sorted(writer(context).items()):
            if Path(name).is_absolute() or ".." in Path(name).parts or name in ("manifest.json", COMPLETE_MARKER):
                raise ReleaseError(f"extra file {name!r} is not a plain relative path of its own")
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)

    release = Release(version=version, date=plan.date, previous=previous,
                      checks_passed=bool(plan.validation.get("passed")), row_counts=row_counts,
                      changes=changes)
    names = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    release.files = [_measure(root, n) for n in names]
    manifest = {
        "dataset": DATASET_NAME, "version": version, "date": plan.date, "previous": previous,
        "schema_version": SCHEMA_VERSION, "release_format": RELEASE_FORMAT,
        "duckdb_version": duckdb.__version__, "duckdb_storage_version": STORAGE_VERSION,
        "duckdb_block_size": BLOCK_SIZE,
        "checks": {k: plan.validation.get(k) for k in ("passed", "blocking_failures", "warnings")},
        "row_counts": row_counts,
        "tables": {name: {"kind": kind, "files": paths[name]}
                   for kind, paths in (("table", table_paths), ("metric", metric_paths)) for name in paths},
        "database": {"path": DATABASE, "tables": _database_rows(root / DATABASE),
                     "note": "the database's size and checksum vary between builds of the same "
                             "content; SHA256SUMS has the checksum of the published copy"},
        # every file to download; the database without size or checksum (its bytes vary, above)
        "files": [dict(f, bytes=None, sha256=None) if f["path"] == DATABASE else f for f in release.files],
    }
    (root / "manifest.json").write_bytes(_dump(manifest))
    release.files.append(_measure(root, "manifest.json"))
    (root / COMPLETE_MARKER).write_bytes(sums_text(release.files))
    return release


# ---------------------------------------------------------------- versions.json
@dataclass
class VersionIndex:
    """DEST/versions.json: every version in publication order, the newest, and ``latest``:
    the last one whose blocking checks passed (where DEST/latest points)."""

    versions: list[dict] = field(default_factory=list)

    @classmethod
    def parse(cls, data: bytes | None) -> VersionIndex:
        return cls(json.loads(data)["versions"]) if data else cls()

    def names(self) -> list[str]:
        return [v["version"] for v in self.versions]

    def previous_of(self, version: str) -> str | None:
        names = self.names()
        if version in names:
            i = names.index(version)
            return names[i - 1] if i else None
        return names[-1] if names else None

    def add(self, release: Release) -> None:
        entry = {"version": release.version, "date": release.date, "previous": release.previous,
                 "checks_passed": release.checks_passed,
                 "statements": release.row_counts.get("statements", 0),
                 "signatories": release.row_counts.get("signatories", 0),
                 "files": len(release.files), "bytes": release.total_bytes,
                 "path": f"{release.version}/", "manifest": f"{release.version}/manifest.json"}
        if release.loss_accepted:
            entry["loss_accepted"] = release.loss_accepted
        names = self.names()
        if release.version in names:
            self.versions[names.index(release.version)] = entry
        else:
            self.versions.append(entry)

    @property
    def latest(self) -> str | None:
        passed = [v["version"] for v in self.versions if v["checks_passed"]]
        return passed[-1] if passed else None

    def dumps(self) -> bytes:
        return _dump({"dataset": DATASET_NAME, "newest": self.versions[-1]["version"] if self.versions else None,
                      "latest": self.latest, "versions": self.versions})


# ---------------------------------------------------------------- change detection
def max_signature_loss() -> float:
    """The share of the previous release's signatures a release may lose unacknowledged:
    ``HEMICYCLE_MAX_SIGNATURE_LOSS`` (``0.05`` or ``5%``), else 2 %."""
    raw = os.environ.get("HEMICYCLE_MAX_SIGNATURE_LOSS", "").strip()
    if not raw:
        return MAX_SIGNATURE_LOSS
    try:
        value = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise ReleaseError(f"HEMICYCLE_MAX_SIGNATURE_LOSS={raw!r} is not a share",
                           "write a share such as 0.02 or 2%") from None
    if not 0 <= value <= 1:
        raise ReleaseError(f"HEMICYCLE_MAX_SIGNATURE_LOSS={raw!r} is not between 0 and 100 %",
                           "write a share such as 0.02 or 2%")
    return value


def loss_accepted_by_environment() -> bool:
    return os.environ.get("HEMICYCLE_ACCEPT_LOSS", "").strip().lower() in ("1", "true", "yes")


def check_loss(loss: change_log.Loss, previous: str, allowed: float) -> None:
    """Raise ReleaseHeld when ``loss`` is more than ``allowed``, naming what was lost."""
    if loss.share <= allowed:
        return
    rows = loss.statements.head(LOSS_LISTED).to_dicts()
    lines = [f"release held: it would lose {loss.lost} of the {loss.previous_signatures} signatures of "
             f"release {previous} ({loss.share:.1%}, more than the {allowed * 100:g} % allowed), "
             f"in {loss.statements.height} statements:"]
    lines += [f"  {change_log.loss_line(row)}" for row in rows]
    if loss.statements.height > LOSS_LISTED:
        lines.append(f"  … and {loss.statements.height - LOSS_LISTED} more statements")
    raise ReleaseHeld("\n".join(lines), "if the loss is expected, publish with --accept-loss "
                      "(or HEMICYCLE_ACCEPT_LOSS=1); the threshold is HEMICYCLE_MAX_SIGNATURE_LOSS")


# ---------------------------------------------------------------- publish
def same_release(published: bytes, staged: bytes, listed: bytes | None = None) -> bool:
    """Whether the published copy of a version (``published``: its files' checksums as they
    are now) is the release just staged: every line but the database's, whose bytes vary
    between builds of the same content (see the module's docstring), and a database that is
    still the one ``listed`` in the SHA256SUMS published with it."""
    name = b"  " + DATABASE.encode()

    def split(sums: bytes | None) -> tuple[list[bytes], list[bytes]]:
        lines = (sums or b"").splitlines()
        return [x for x in lines if not x.endswith(name)], [x for x in lines if x.endswith(name)]

    (others, database), (staged_others, _) = split(published), split(staged)
    return others == staged_others and (listed is None or split(listed)[1] == database)


@dataclass
class Published:
    release: Release
    location: str  # DEST/<version>
    status: str  # "published" or "unchanged"
    latest: str | None


def publish_release(out_dir: Path, dest: str, extra_files: list[ExtraFileWriter] | None = None,
                    accept_loss: bool | None = None, max_loss: float | None = None) -> Published:
    """Assemble the release of ``out_dir`` and publish it to ``dest`` (folder or s3:// URL).

    A release that would lose more than ``max_loss`` (default ``max_signature_loss()``) of
    the previous release's signatures raises ReleaseHeld and writes nothing, unless
    ``accept_loss`` (default: ``HEMICYCLE_ACCEPT_LOSS``) acknowledges it."""
    accept_loss = loss_accepted_by_environment() if accept_loss is None else accept_loss
    max_loss = max_signature_loss() if max_loss is None else max_loss
    try:
        with FolderLock(Path(out_dir), exclusive=False, command="hemicycle release"):  # no run writes it meanwhile
            plan = plan_release(out_dir)
    except FolderBusy as exc:
        raise ReleaseError(str(exc), "wait for the run to finish, then release") from None
    destination = open_destination(dest)
    destination.check()
    with destination.lock():
        index = VersionIndex.parse(destination.read("versions.json"))
        previous = index.previous_of(plan.version)
        with destination.staging() as staging, tempfile.TemporaryDirectory(prefix="hemicycle-previous-") as tmp:
            old = None
            published = destination.published_sums(plan.version)
            if previous:
                prefixes = tuple(f"tables/{name}/" for name in DIFF_TABLES)
                old = read_release_tables(destination.fetch(previous, prefixes, Path(tmp)), DIFF_TABLES)
                if not accept_loss and published is None:  # a version published before was accepted then
                    check_loss(change_log.signature_loss(old["signatories"], plan.frames["signatories"]),
                               previous, max_loss)
            release = assemble(plan, staging, previous, old, extra_files)
            loss = release.changes.loss if release.changes else None
            if loss is not None and loss.share > max_loss:
                release.loss_accepted = {"signatures": loss.lost, "share": round(loss.share, 4)}
            if published is None:
                destination.put_version(staging, plan.version)
                status = "published"
            elif same_release(published, (staging / COMPLETE_MARKER).read_bytes(),
                              destination.read(f"{plan.version}/{COMPLETE_MARKER}")):
                status = "unchanged"
            else:
                raise ReleaseError(f"{destination.url}: version {plan.version} exists with different "
                                   "content; releases are immutable",
                                   "the same inputs gave other bytes: report it; publish elsewhere meanwhile")
        if status == "published" or plan.version not in index.names():
            index.add(release)  # an unchanged version keeps its entry (the database's size varies)
        destination.write("versions.json", index.dumps())
        if index.latest:
            destination.set_latest(index.latest)
    location = f"{destination.url.rstrip('/')}/{plan.version}"
    return Published(release=release, location=location, status=status, latest=index.latest)
