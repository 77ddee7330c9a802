"""Fetch stage: raw bytes into the content-addressed store, with provenance."""


from pathlib import Path

import dagster as dg
import polars as pl

from hemicycle.fetch.sample import iter_sample_documents
from hemicycle.fetch.store import RawStore
from pipelines.resources import HemicycleSettings

RAW_INDEX_SCHEMA = {
    "source": pl.String, "url": pl.String, "raw_sha256": pl.String,
    "content_type": pl.String, "fetched_at": pl.String, "bytes": pl.Int64,
}


@dg.asset(group_name="fetch", kinds={"python"},
          description="Every raw document of the run: bytes kept by SHA-256 in the raw store, "
          "one row of provenance each (url, fetched_at, sha256, content type).")
def raw_documents(context: dg.AssetExecutionContext, settings: HemicycleSettings) -> pl.DataFrame:
    store = RawStore(settings.raw_dir)
    if settings.source != "sample":
        raise dg.Failure(f"source {settings.source!r} is not available in this build; use 'sample'")
    rows, new = [], 0
    for doc in iter_sample_documents(Path(settings.sample_dir)):
        new += store.put(doc)
        rows.append({"source": doc.source, "url": doc.url, "raw_sha256": doc.sha256,
                     "content_type": doc.content_type, "fetched_at": doc.fetched_at,
                     "bytes": len(doc.content)})
    frame = pl.DataFrame(rows, schema=RAW_INDEX_SCHEMA).sort("url", "raw_sha256")
    context.add_output_metadata({"documents": frame.height, "new_objects": new,
                                 "store": dg.MetadataValue.path(str(store.root))})
    return frame
