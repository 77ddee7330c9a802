"""Metrics stage: the DuckDB database with views over the Parquet tables, and the data card."""


import dagster as dg

from assets.resources import HemicycleSettings
from hemicycle.publish.card import write_data_card
from hemicycle.publish.duck import build_database_bounded, connect, query_frame


@dg.asset(group_name="metrics", deps=["parquet_tables"], kinds={"duckdb"},
          description="data/out/hemicycle.duckdb: the tables themselves, the metric tables "
          "computed from them (group and country counts, co-signatures, members, target "
          "countries) and the macros, in one file that opens from any folder.")
def duckdb_database(context: dg.AssetExecutionContext, settings: HemicycleSettings) -> dg.MaterializeResult[None]:
    path, bounded = build_database_bounded(settings.out, settings.database_memory_limit or None,
                                           settings.database_threads or None)
    if not bounded:
        context.log.warning(f"the database could not be built within {settings.database_memory_limit} "
                            "(HEMICYCLE_DATABASE_MEMORY_LIMIT): built again without that limit")
    con = connect(path)
    try:
        tables = dict(con.execute("SELECT name, rows FROM hemicycle_tables ORDER BY kind DESC, name").fetchall())
        by_group = query_frame(con, "SELECT * FROM signatories_by_group")
    finally:
        con.close()
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "bytes": dg.MetadataValue.int(path.stat().st_size),
        "rows": dg.MetadataValue.json(tables),
        "signatories_by_group": dg.MetadataValue.md(by_group.to_pandas().to_markdown(index=False)),
    })


@dg.asset(group_name="metrics", deps=["duckdb_database"], kinds={"html"},
          description="data/out/index.html: the data card, one self-contained page showing "
          "coverage, groups, countries, co-signing, subjects, quality and downloads. Its "
          "validation summary is complete: blocking checks finish before the database is built.")
def data_card(settings: HemicycleSettings) -> dg.MaterializeResult[None]:
    path = write_data_card(settings.out, settings.database_path, settings.out / "validation.json")
    page = path.read_text(encoding="utf-8")
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "bytes": len(page.encode("utf-8")),
        "charts": page.count('<svg class="chart"'),
    })
