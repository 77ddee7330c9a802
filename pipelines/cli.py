"""The ``hemicycle`` command line.

Dagster and Great Expectations are imported only by the commands that need them, so
``hemicycle parse`` starts in a fraction of a second.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hemicycle.records import ListProblem, ParsedStatement

EPILOG_RUN = """examples:
  hemicycle run                      # the embedded sample, output in data/out/
  hemicycle run --out /tmp/hemi      # same, elsewhere
  hemicycle run --source http        # fetch new and changed documents from both assemblies
  hemicycle run --source http --backfill   # ... and the next batch of older ones

Fetching is configured by HEMICYCLE_* variables (README, "Fetching from the assemblies").
One run at a time per output folder: a second one stops at once with one line saying which
process holds the folder (or, with --wait, waits for it).
"""
EPILOG_PARSE = """examples:
  hemicycle parse data/sample/seeds/pace-written-declaration-829-fr.txt
  hemicycle parse page.html --url https://pace.coe.int/en/files/28245/html
  hemicycle parse --source ep motion.txt | jq .signatories[].group_code

Output: one JSON object per statement per line (see README, "hemicycle parse").
Exit status: 0 when every list is whole, 1 when an input could not be parsed, 2 when every
input parsed but a list is not whole (one line per such statement on stderr, with why).
"""
EPILOG_QUERY = """examples:
  hemicycle query "select * from signatories_by_country"
  hemicycle query --format csv "select statement_id, title from statements"
"""
EPILOG_RELEASE = """examples:
  hemicycle release --to /srv/hemicycle              # DEST/<version>/, versions.json, latest
  hemicycle release --to /tmp/r --from /tmp/hemi     # the output of `hemicycle run --out /tmp/hemi`
  HEMICYCLE_S3_ENDPOINT_URL=https://s3.example.org hemicycle release --to s3://bucket/hemicycle

A release is immutable: the same data gives the same version and the same bytes, and
publishing it again changes nothing. DEST/latest follows the last release whose blocking
checks passed (on S3, `latest` is a text object holding the version name).

A release that would lose more than 2 % of the previous release's signatures
(HEMICYCLE_MAX_SIGNATURE_LOSS) is held: nothing is written, the statements that lost
signatures are listed and the exit status is 3. Publish it anyway with --accept-loss
(or HEMICYCLE_ACCEPT_LOSS=1).
"""
EPILOG_VALIDATE = """examples:
  hemicycle validate            # summary of data/out/validation.json
  hemicycle validate --json     # the full report
"""


def _default_out() -> Path:
    return Path(__file__).resolve().parent.parent / "data" / "out"


def _fail(message: str, hint: str | None = None, code: int = 2) -> int:
    print(f"hemicycle: error: {message}" + (f" (hint: {hint})" if hint else ""), file=sys.stderr)
    return code


# ---------------------------------------------------------------- parse
def _read_input(path: Path) -> tuple[bytes, str | None]:
    """File bytes; a stored excerpt record ``{"url", "excerpt"}`` is unwrapped to its text."""
    content = path.read_bytes()
    if content[:1] == b"{":
        try:
            record = json.loads(content)
        except ValueError:
            return content, None
        if isinstance(record, dict) and isinstance(record.get("excerpt"), str):
            return record["excerpt"].encode("utf-8"), record.get("url")
    return content, None


def statement_json(statement: ParsedStatement, input_name: str) -> dict[str, Any]:
    from hemicycle.parse.selfcheck import verdict
    from hemicycle.vocab import CountryVocabulary, GroupVocabulary

    groups, countries = GroupVocabulary.load(), CountryVocabulary.load()
    signatories = []
    for sig in statement.signatories:
        group = groups.resolve(statement.source, sig.group_label, statement.date)
        signatories.append({
            "position": sig.position, "kind": sig.kind, "prefix": sig.prefix,
            "given_name": sig.given_name, "family_name": sig.family_name, "name": sig.name,
            "country_code": countries.resolve(sig.country_label),
            "group_code": group.code if group else None, "group_label": sig.group_label,
        })
    return {
        "input": input_name, "source": statement.source, "doc_type": statement.doc_type,
        "doc_no": statement.doc_no, "number": statement.number,
        "date": statement.date.isoformat() if statement.date else None,
        "language": statement.language, "title": statement.title,
        "declared_total": statement.declared_total, "signatories": signatories,
        **_list_state(*verdict(statement)),
        "targets": _targets(statement),
    }


def _targets(statement: ParsedStatement) -> list[dict[str, object]]:
    """The states the statement is about and its stance toward each (``hemicycle.stance``)."""
    from hemicycle.stance import read_stances

    return [{"country_code": t.country_code, "stance": t.stance, "evidence": t.evidence,
             "confidence": t.confidence}
            for t in read_stances(statement.language, statement.title, statement.text)]


def _list_state(complete: bool, problems: tuple[ListProblem, ...]) -> dict[str, object]:
    """The list's verdict as the contract prints it: whole or not, and why."""
    return {"signatories_complete": complete,
            "list_problems": [{"reason": p.reason, "message": p.message} for p in problems]}


def cmd_parse(args: argparse.Namespace) -> int:
    from hemicycle.parse.bounded import BoundedParser
    from hemicycle.records import RawDocument

    failures = incomplete = 0
    with BoundedParser() as parser:  # no input may cost more than a bounded CPU time and memory
        for name in args.paths:
            path = Path(name)
            try:
                content, stored_url = _read_input(path)
            except FileNotFoundError:
                failures += 1
                _fail(f"{name}: no such file", "check the path")
                continue
            except (IsADirectoryError, PermissionError) as exc:
                failures += 1
                _fail(f"{name}: cannot read ({exc.strerror})")
                continue
            parsed = parser(RawDocument(source=args.source, url=args.url or stored_url or "", content=content,
                                        content_type="", fetched_at="", sha256=""))
            if parsed.error_reason:
                failures += 1
                _fail(f"{name}: {parsed.error_message} [{parsed.error_reason}]")
                continue
            for statement in parsed.statements:
                record = statement_json(statement, name)
                print(json.dumps(record, ensure_ascii=False), flush=True)
                if record["list_problems"]:
                    incomplete += 1
                    which = statement.doc_no or statement.title or statement.doc_type
                    reasons = "; ".join(f"{p['reason']}: {p['message']}" for p in record["list_problems"])
                    print(f"hemicycle: {name}: {which}: list not complete ({len(statement.signatories)} "
                          f"signatories read): {reasons}", file=sys.stderr)
    return 1 if failures else 2 if incomplete else 0


# ---------------------------------------------------------------- run
def cmd_run(args: argparse.Namespace) -> int:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    from hemicycle.folder_lock import FolderBusy
    from pipelines.runner import run_pipeline

    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(f"cannot write to {out} ({exc.strerror})", "pass a writable folder with --out")
    started = time.monotonic()
    try:
        summary = run_pipeline(out_dir=out, source=args.source,
                               log_level="INFO" if args.verbose else "CRITICAL", wait=args.wait,
                               on_wait=lambda why: print(f"hemicycle run: {why}", file=sys.stderr, flush=True),
                               backfill=True if args.backfill else None)  # None: as the environment says
    except FolderBusy as exc:
        return _fail(str(exc), exc.hint)
    print(summary.render(time.monotonic() - started))
    for source in summary.unreachable:
        setting = {"pace": "HEMICYCLE_PACE_URL", "ep": "HEMICYCLE_EP_API_URL"}.get(source, "the source URL")
        _fail(f"{source}: source unreachable, none of {summary.fetch[source]['requests']} requests was "
              f"answered (details in {out / 'crawl' / f'{source}-report.json'})",
              f"check the network connection and {setting}")
    if summary.unreachable:
        return 2
    return 0 if summary.success else 1


# ---------------------------------------------------------------- query
def cmd_query(args: argparse.Namespace) -> int:
    import duckdb

    from hemicycle.errors import DatabaseError
    from hemicycle.publish.duck import open_database, query_frame

    db = Path(args.db) if args.db else Path(args.out) / "hemicycle.duckdb"
    try:
        con = open_database(db)  # a database file, or a release folder
    except DatabaseError as exc:
        return _fail(str(exc), exc.hint)
    try:
        frame = query_frame(con, args.sql)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        return _fail(f"query failed: {first}", "list the tables with: from hemicycle_tables")
    finally:
        con.close()
    if args.format == "csv":
        sys.stdout.write(frame.write_csv())
    elif args.format == "json":
        sys.stdout.write(frame.write_ndjson())
    else:
        import polars as pl

        with pl.Config(tbl_rows=args.limit, tbl_cols=-1, fmt_str_lengths=60,
                       tbl_hide_dataframe_shape=False):
            print(frame)
    return 0


# ---------------------------------------------------------------- validate
def cmd_validate(args: argparse.Namespace) -> int:
    path = Path(args.out) / "validation.json"
    if not path.exists():
        return _fail(f"{path} not found", "run `hemicycle run` first")
    report = json.loads(path.read_text(encoding="utf-8"))
    if args.json:
        print(json.dumps(report, indent=1, ensure_ascii=False))
    else:
        for check in report["checks"]:
            mark = "ok  " if check["passed"] else ("FAIL" if check["severity"] == "error" else "warn")
            extra = "" if check["passed"] else f"  {check['unexpected_count']} rows, e.g. {check['examples'][:3]}"
            print(f"{mark} {check['severity']:<5} {check['table']}.{check['rule']}{extra}")
        print(f"\n{len(report['checks'])} checks, {report['blocking_failures']} blocking failures, "
              f"{report['warnings']} warnings")
    return 0 if report["passed"] else 1


# ---------------------------------------------------------------- release
def cmd_release(args: argparse.Namespace) -> int:
    from hemicycle.errors import ReleaseError, ReleaseHeld
    from hemicycle.publish.release import publish_release

    started = time.monotonic()
    try:
        published = publish_release(Path(args.source_out), args.to,
                                    accept_loss=True if args.accept_loss else None)
    except ReleaseHeld as exc:
        return _fail(str(exc), exc.hint, code=3)
    except ReleaseError as exc:
        return _fail(str(exc), exc.hint)
    release = published.release
    counts = release.row_counts
    print(f"hemicycle release: {published.status} {release.version} in "
          f"{time.monotonic() - started:.1f} s\n"
          f"  {published.location}: {len(release.files)} files, {release.total_bytes / 1e6:.1f} MB, "
          f"{counts['statements']} statements, {counts['signatories']} signatures")
    if release.changes and release.changes.statements is not None and release.changes.signatures is not None:
        st, sg = release.changes.statements, release.changes.signatures
        print(f"  since {release.previous}: statements +{st.added.height} -{st.removed.height} "
              f"~{st.changed.height}, signatures +{sg.added.height} -{sg.removed.height} ~{sg.changed.height}")
    if release.loss_accepted:
        print(f"  lost {release.loss_accepted['signatures']} signatures of the previous release "
              f"({release.loss_accepted['share']:.1%}): accepted")
    print(f"  checks {'passed' if release.checks_passed else 'FAILED (blocking)'}; "
          f"latest: {published.latest or 'none'}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="hemicycle",
        description="European parliamentary statements and their signatories as open data.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="""examples:
  hemicycle run                                  # build everything from the embedded sample
  hemicycle query "select * from signatories_by_country"
  hemicycle parse page.html                      # one document to JSON lines
  hemicycle validate                             # what was checked, what failed
  hemicycle release --to /srv/hemicycle          # publish a versioned release

commands: run, parse, query, validate, release; `hemicycle COMMAND --help` for each.""",
    )
    sub = parser.add_subparsers(dest="command", required=True)
    fmt = argparse.RawDescriptionHelpFormatter

    run = sub.add_parser("run", help="materialise every asset (fetch to DuckDB)", epilog=EPILOG_RUN,
                         formatter_class=fmt, description="Run the whole pipeline and print a summary.")
    run.add_argument("--out", default=str(_default_out()), help="output folder (default data/out)")
    run.add_argument("--source", default="sample", choices=["sample", "http"],
                     help="where documents come from: the embedded sample (default, offline) "
                     "or the assemblies' sites")
    run.add_argument("--backfill", action="store_true",
                     help="with --source http: also fetch the next batch of older documents")
    run.add_argument("--verbose", action="store_true", help="show Dagster's own log as it runs")
    run.add_argument("--wait", action="store_true",
                     help="if another run (or a release) is using the output folder, wait for it "
                     "instead of stopping at once")
    run.set_defaults(func=cmd_run)

    parse = sub.add_parser("parse", help="parse documents, print JSON lines", epilog=EPILOG_PARSE,
                           formatter_class=fmt,
                           description="Parse HTML, text or PDF files (format detected from content).")
    parse.add_argument("paths", nargs="+", metavar="PATH")
    parse.add_argument("--source", default="auto", choices=["auto", "pace", "ep"])
    parse.add_argument("--url", help="URL the document came from (helps detection)")
    parse.set_defaults(func=cmd_parse)

    query = sub.add_parser("query", help="run SQL on the DuckDB database", epilog=EPILOG_QUERY,
                           formatter_class=fmt, description="Run one SQL statement, read-only.")
    query.add_argument("sql")
    query.add_argument("--format", default="table", choices=["table", "csv", "json"])
    query.add_argument("--out", default=str(_default_out()), help="folder holding hemicycle.duckdb")
    query.add_argument("--db", help="a hemicycle.duckdb, or a release folder (overrides --out)")
    query.add_argument("--limit", type=int, default=50, help="rows shown in table format")
    query.set_defaults(func=cmd_query)

    validate = sub.add_parser("validate", help="summarise the last validation report",
                              epilog=EPILOG_VALIDATE, formatter_class=fmt,
                              description="Print what was checked, what failed and why.")
    validate.add_argument("--out", default=str(_default_out()))
    validate.add_argument("--json", action="store_true", help="print the full JSON report")
    validate.set_defaults(func=cmd_validate)

    release = sub.add_parser("release", help="publish a versioned release to a folder or S3",
                             epilog=EPILOG_RELEASE, formatter_class=fmt,
                             description="Assemble the output of a run as a release (Parquet, DuckDB, "
                             "SQL, datapackage.json, checksums, changes) and publish it to DEST.")
    release.add_argument("--to", required=True, metavar="DEST",
                         help="a folder, or s3://bucket/prefix (endpoint from HEMICYCLE_S3_ENDPOINT_URL "
                         "or AWS_ENDPOINT_URL)")
    release.add_argument("--from", dest="source_out", default=str(_default_out()), metavar="OUT",
                         help="output folder of `hemicycle run` (default data/out)")
    release.add_argument("--accept-loss", action="store_true",
                         help="publish even if the release loses more of the previous release's "
                         "signatures than allowed (HEMICYCLE_MAX_SIGNATURE_LOSS, default 2%%)")
    release.set_defaults(func=cmd_release)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    code: int = args.func(args)
    return code


if __name__ == "__main__":
    sys.exit(main())
