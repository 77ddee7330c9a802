"""Publishing to an S3-compatible server for real: moto's S3 API on loopback, over HTTP."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import boto3
import duckdb
import pytest
from moto.server import ThreadedMotoServer

from hemicycle.publish.release import publish_release

if TYPE_CHECKING:
    from mypy_boto3_s3 import S3Client

BUCKET = "hemicycle-releases"
PREFIX = "datasets/hemicycle"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def s3(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[S3Client, dict[str, str]]]:
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    env = {"HEMICYCLE_S3_ENDPOINT_URL": f"http://127.0.0.1:{port}", "AWS_ACCESS_KEY_ID": "test",
           "AWS_SECRET_ACCESS_KEY": "test", "AWS_DEFAULT_REGION": "us-east-1"}
    mp = pytest.MonkeyPatch()
    for key, value in env.items():
        mp.setenv(key, value)
    mp.delenv("AWS_ENDPOINT_URL", raising=False)
    client = boto3.client("s3", endpoint_url=env["HEMICYCLE_S3_ENDPOINT_URL"], region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    yield client, env
    mp.undo()
    server.stop()


def _get(client: S3Client, key: str) -> bytes:
    return client.get_object(Bucket=BUCKET, Key=f"{PREFIX}/{key}")["Body"].read()


def test_publish_to_s3_and_read_it_back_with_duckdb(s3: tuple[S3Client, dict[str, str]], pipeline_out: Path,
                                                    tmp_path: Path) -> None:
    client, _ = s3
    first = publish_release(pipeline_out, f"s3://{BUCKET}/{PREFIX}")
    version = first.release.version
    assert first.status == "published" and first.location == f"s3://{BUCKET}/{PREFIX}/{version}"
    assert _get(client, "latest") == f"{version}\n".encode()
    index = json.loads(_get(client, "versions.json"))
    assert (index["newest"], index["latest"]) == (version, version)

    # every object of the version is listed in SHA256SUMS, and nothing else is there
    sums = _get(client, f"{version}/SHA256SUMS").decode()
    listed = {line.split("  ", 1)[1] for line in sums.splitlines()}
    keys = {o["Key"].removeprefix(f"{PREFIX}/{version}/")
            for page in client.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=f"{PREFIX}/{version}/")
            for o in page["Contents"]}
    assert keys == listed | {"SHA256SUMS"}
    head = client.head_object(Bucket=BUCKET, Key=f"{PREFIX}/{version}/manifest.json")
    assert head["ContentType"] == "application/json" and "immutable" in head["CacheControl"]

    # a reader follows `latest`, fetches the files the manifest lists, checks and opens them
    latest = _get(client, "latest").decode().strip()
    local = tmp_path / latest
    for entry in json.loads(_get(client, f"{latest}/manifest.json"))["files"] + [{"path": "manifest.json"},
                                                                                 {"path": "SHA256SUMS"}]:
        target = local / entry["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        client.download_file(BUCKET, f"{PREFIX}/{latest}/{entry['path']}", str(target))
    assert subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS"], cwd=local).returncode == 0
    con = duckdb.connect(str(local / "hemicycle.duckdb"), read_only=True)
    con.execute(f"SET file_search_path = '{local}'")
    assert con.execute("select count(*) from statements").fetchone() == (first.release.row_counts["statements"],)
    assert con.execute("select groups from statement_group_mix where statement_id = 'pace:16320'").fetchone() == (5,)
    con.close()

    again = publish_release(pipeline_out, f"s3://{BUCKET}/{PREFIX}")
    assert again.status == "unchanged" and again.release.version == version
    assert len(json.loads(_get(client, "versions.json"))["versions"]) == 1


def test_s3_errors_are_one_line_with_a_hint(s3: tuple[S3Client, dict[str, str]], pipeline_out: Path) -> None:
    _, env = s3

    def release(dest: str, endpoint: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "pipelines.cli", "release", "--to", dest,
                               "--from", str(pipeline_out)], capture_output=True, text=True,
                              env={**env, "HEMICYCLE_S3_ENDPOINT_URL": endpoint,
                                   "AWS_MAX_ATTEMPTS": "1", "PATH": "/usr/bin:/bin"})

    closed = release(f"s3://{BUCKET}/x", f"http://127.0.0.1:{_free_port()}")
    missing = release("s3://no-such-bucket/x", env["HEMICYCLE_S3_ENDPOINT_URL"])
    for result, words in ((closed, "cannot reach"), (missing, "no-such-bucket")):
        assert result.returncode == 2 and words in result.stderr and "hint:" in result.stderr, result.stderr
        assert result.stderr.count("\n") == 1
