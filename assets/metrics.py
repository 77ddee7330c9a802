"""Metrics stage: the DuckDB database with views over the Parquet tables."""


import dagster as dg

from hemicycle.publish.duck import build_database, connect, query_frame
from pipelines.freshness import read_marker, write_marker
from pipelines.resources import HemicycleSettings


@dg.asset(group_name="metrics", deps=["parquet_tables"], kinds={"duckdb"},
          description="data/out/hemicycle.duckdb: views over the Parquet tables and metric "
          "views (signatories by group and by country, overall, per year, per statement).")
def duckdb_database(settings: HemicycleSettings) -> dg.MaterializeResult:
    path = build_database(settings.out)
    con = connect(path)
    try:
        views = [r[0] for r in con.execute(
            "SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY 1").fetchall()]
        by_group = query_frame(con, "SELECT * FROM signatories_by_group")
    finally:
        con.close()
    # the database reads what the Parquet stage published: both are now current
    write_marker(settings.out, "published", read_marker(settings.out, "parquet") or {})
    return dg.MaterializeResult(metadata={
        "path": dg.MetadataValue.path(str(path)),
        "views": dg.MetadataValue.json(views),
        "signatories_by_group": dg.MetadataValue.md(by_group.to_pandas().to_markdown(index=False)),
    })
