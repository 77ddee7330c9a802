"""Scheduled runs against the same served sites: a second run asks conditionally, parses
nothing and rewrites nothing; one new document rebuilds its assembly's partition only."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dagster as dg
import pytest
from loopback import LoopbackServer, Page, crawl_settings, html_page, serve_sample_site

from assets.clean import clean_tables
from assets.fetch import raw_documents
from assets.resources import settings_from_env
from hemicycle.publish.duck import connect
from pipelines.definitions import ALL_ASSETS, daily_fetch, defs, new_documents, resources
from pipelines.plan import plan
from pipelines.runner import out_instance, run_pipeline

SEED = "seeds/pace-written-declaration-829-fr.txt"  # a page the served site does not have yet


def parquet_files(out: Path) -> dict[str, tuple[int, int]]:
    """Every published Parquet file by its public path, with what identifies its bytes on disk."""
    tables = out / "tables"
    return {p.relative_to(tables).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in tables.glob("*/**/*.parquet") if not p.relative_to(tables).as_posix().startswith(".")}


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Iterator[dict[str, Any]]:
    mp = pytest.MonkeyPatch()
    mp.delenv("DAGSTER_HOME", raising=False)
    out = tmp_path_factory.mktemp("served")
    with LoopbackServer() as server:
        served = serve_sample_site(server, sample_dir)
        settings = crawl_settings(server)
        first = run_pipeline(out, source="http", **settings)
        files_first, hits_first = parquet_files(out), len(server.requests())
        second = run_pipeline(out, source="http", **settings)
        files_second, hits_second = parquet_files(out), len(server.requests())

        new_id = max(served) + 1
        seed = (sample_dir / SEED).read_text(encoding="utf-8")
        server.add(f"/fr/files/{new_id}/html", Page(html_page(seed)))
        run_settings = settings_from_env(out_dir=str(out), source="http", **settings)
        with out_instance(out) as instance:  # the instance the runs recorded their materializations in
            fetched = dg.materialize([raw_documents], partition_key="pace", resources=resources(run_settings),
                                     instance=instance)
            evaluated = new_documents(dg.build_sensor_context(instance=instance,
                                                              resources={"settings": run_settings}))
            assert isinstance(evaluated, Iterator)
            sensed = list(evaluated)
        third = run_pipeline(out, source="http", **settings)
        yield {"out": out, "server": server, "served": served, "new_id": new_id,
               "first": first, "second": second, "third": third, "fetched": fetched, "sensed": sensed,
               "files": (files_first, files_second, parquet_files(out)),
               "hits": (server.requests()[:hits_first], server.requests()[hits_first:hits_second])}
    mp.undo()


def test_first_run_fetches_both_assemblies_and_publishes(runs: dict[str, Any]) -> None:
    first = runs["first"]
    assert first.success, first.render(0)
    assert first.rebuilt == ["pace", "ep"] and first.published
    assert first.fetch["pace"]["discovered"] == 37 and first.fetch["ep"]["discovered"] == 2
    con = connect(runs["out"] / "hemicycle.duckdb")
    assert con.execute("select count(*) from statements where statement_id = 'ep:RC-B10-0249/2025'").fetchone() == (1,)
    assert con.execute("select count(distinct source) from signatories").fetchone() == (2,)
    con.close()


def test_second_run_asks_only_conditionally_parses_nothing_rewrites_nothing(runs: dict[str, Any]) -> None:
    first_hits, second_hits = runs["hits"]
    routes = runs["server"].routes
    added_later = {f"/fr/files/{runs['new_id']}/html", "/robots.txt"}
    with_content = {h.path for h in first_hits if urlsplit(h.path).path in routes} - added_later
    beyond = max(runs["served"])
    unconditional = {h.path for h in second_hits if not h.conditional}
    # what served a page before is asked with its validators; the rest is robots.txt and the
    # FileIDs past the last document, which cannot be asked conditionally
    assert not unconditional & with_content
    assert unconditional == {"/robots.txt"} | {f"/{lang}/files/{i}/html" for lang in ("en", "fr")
                                               for i in range(beyond + 1, beyond + 6)}
    second = runs["second"]
    assert second.success and second.parsed == 0 and second.rebuilt == [] and not second.published
    assert second.fetch["pace"]["fetched"] == second.fetch["ep"]["fetched"] == 0
    files_first, files_second, _ = runs["files"]
    assert files_second == files_first and len(files_first) > 20


def test_the_sensor_registers_the_new_document_for_its_partition_only(runs: dict[str, Any]) -> None:
    assert runs["fetched"].success
    (request,) = runs["sensed"]
    assert isinstance(request, dg.RunRequest)
    assert (request.job_name, request.partition_key) == ("build_source", "pace")


def test_one_new_document_rebuilds_its_partition_and_writes_its_files_only(runs: dict[str, Any]) -> None:
    third = runs["third"]
    assert third.success and third.rebuilt == ["pace"] and third.published
    assert third.parsed == 0  # parsed once already, when the sensor's fetch classified it
    _, before, after = runs["files"]
    changed = {path for path in after if before.get(path) != after[path]}
    partitioned = {p for p in changed if "/source=" in p}
    assert partitioned and all("/source=pace/year=2026/" in p for p in partitioned)
    assert not any("source=ep" in p for p in changed)
    con = connect(runs["out"] / "hemicycle.duckdb")
    assert con.execute("select file_id, signatory_count from statements where statement_id = 'pace:16320'"
                       ).fetchone() == (str(runs["new_id"]), 21)
    con.close()


def test_the_plan_is_dagsters_staleness_and_follows_the_code_version(runs: dict[str, Any]) -> None:
    partitions = ["pace", "ep"]
    changed = clean_tables.map_asset_specs(lambda spec: spec.replace_attributes(code_version="changed"))
    with out_instance(runs["out"]) as instance:
        after = plan(instance, ALL_ASSETS, runs["out"], partitions)
        other_code = plan(instance, [changed if a is clean_tables else a for a in ALL_ASSETS], runs["out"], partitions)
    assert (after.build, after.publish, after.blocked) == ([], False, False)
    assert other_code.build == partitions and not other_code.publish
    assert other_code.keys["pace"].startswith("changed:") and after.keys["pace"] != other_code.keys["pace"]


def test_definitions_load_with_the_schedule_and_the_sensor() -> None:
    dg.Definitions.validate_loadable(defs)
    assert {s.name for s in defs.schedules or []} == {"daily_fetch"}
    assert {s.name for s in defs.sensors or []} == {"new_documents"}
    assert daily_fetch.cron_schedule == "0 5 * * *"
    context = dg.build_schedule_context(scheduled_execution_time=dt.datetime(2026, 1, 20, 5))
    evaluated = daily_fetch(context)
    assert isinstance(evaluated, Iterator)
    requests = list(evaluated)
    runs = [r for r in requests if isinstance(r, dg.RunRequest)]
    assert len(runs) == len(requests) and sorted(str(r.partition_key) for r in runs) == ["ep", "pace"]
    job = defs.resolve_job_def("build_source")
    assert job.partitions_def is not None
