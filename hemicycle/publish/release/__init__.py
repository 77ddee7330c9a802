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

The modules, one job each:

    plan        the inputs of a release, read from a run under its lock, and the version they make
    inputs      tables read back from a run's output or a published release
    hashing     canonical JSON, checksums, the digest of the code that writes a release
    tables      the Parquet files of the tables
    metrics     the Parquet files of the metrics
    manifest    manifest.json and the comparison of a staged release with a published one
    extras      files added by writers (the data card)
    assemble    the whole release in a staging folder
    loss        holding a release that loses signatures
    versions    DEST/versions.json
    publish     staging, comparing and publishing to a destination
"""

from hemicycle.publish.release.publish import Published, publish_release

__all__ = ["Published", "publish_release"]
