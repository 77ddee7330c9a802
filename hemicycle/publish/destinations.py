"""Where releases go: a local folder or an S3-compatible bucket, behind one small interface.

Both keep ``DEST/<version>/`` immutable and make a version visible only once it is whole:
locally the finished folder is renamed into place; on S3 its files are uploaded first and
``SHA256SUMS`` last, so a version without SHA256SUMS is an interrupted upload, not a
release. ``latest`` is a symbolic link locally and, on S3 (which has neither links nor
atomic renames of a prefix), a small text object holding the version name: one PUT, so a
reader sees the old name or the new one, never a half-copied folder.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from hemicycle.errors import ReleaseError
from hemicycle.files import atomic_write_bytes, replace_symlink

COMPLETE_MARKER = "SHA256SUMS"  # written last in a version; its presence means complete
CONTENT_TYPES = {".parquet": "application/vnd.apache.parquet", ".json": "application/json",
                 ".md": "text/markdown; charset=utf-8", ".sql": "application/sql",
                 ".duckdb": "application/octet-stream", ".html": "text/html; charset=utf-8"}
MULTIPART_FROM = 64 * 1024 * 1024
IMMUTABLE = "public, max-age=31536000, immutable"
MUTABLE = "no-cache"


def sums_text(files: list[dict[str, Any]]) -> bytes:
    """SHA256SUMS content (the format `sha256sum -c` reads) for files with path and sha256."""
    return "".join(f"{f['sha256']}  {f['path']}\n" for f in sorted(files, key=lambda f: f["path"])).encode()


def content_type(name: str) -> str:
    return CONTENT_TYPES.get(Path(name).suffix, "text/plain; charset=utf-8")


class LocalDestination:
    def __init__(self, root: Path):
        self.root = Path(root)
        self.url = str(self.root)

    def check(self) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=self.root, prefix=".write-test-"):
                pass
        except OSError as exc:
            raise ReleaseError(f"cannot write to {self.root}: {exc.strerror or exc}",
                               "choose a folder you can create and write to") from None

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """One publisher at a time on this folder (versions.json is read, then rewritten)."""
        with open(self.root / ".release.lock", "w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            yield

    @contextlib.contextmanager
    def staging(self) -> Iterator[Path]:
        path = self.root / f".staging-{uuid.uuid4().hex}"  # same filesystem: rename is atomic
        path.mkdir()
        try:
            yield path
        finally:
            shutil.rmtree(path, ignore_errors=True)

    def read(self, key: str) -> bytes | None:
        path = self.root / key
        return path.read_bytes() if path.is_file() else None

    def write(self, key: str, data: bytes) -> None:
        atomic_write_bytes(self.root / key, data)

    def published_sums(self, version: str) -> bytes | None:
        """SHA256SUMS of the files as they are on disk now (not as once listed)."""
        root = self.root / version
        if not (root / COMPLETE_MARKER).is_file():
            return None
        files = [p for p in root.rglob("*") if p.is_file() and p != root / COMPLETE_MARKER]
        return sums_text([{"path": p.relative_to(root).as_posix(),
                           "sha256": hashlib.sha256(p.read_bytes()).hexdigest()} for p in files])

    def put_version(self, staging: Path, version: str) -> None:
        target = self.root / version
        if target.exists():
            raise ReleaseError(f"{target} exists without {COMPLETE_MARKER}: not a release made here",
                               "move it away")
        for path in [staging, *staging.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        os.rename(staging, target)

    def set_latest(self, version: str) -> None:
        link = self.root / "latest"
        if link.exists() and not link.is_symlink():
            raise ReleaseError(f"{link} exists and is not a symbolic link", "move it away")
        replace_symlink(link, version)

    def fetch(self, version: str, prefixes: tuple[str, ...], target: Path) -> Path:
        return self.root / version


class S3Destination:
    """``s3://bucket/prefix`` on any S3-compatible server.

    The endpoint comes from ``HEMICYCLE_S3_ENDPOINT_URL`` or ``AWS_ENDPOINT_URL`` (none:
    AWS itself); credentials and region from the usual AWS variables or files.
    """

    def __init__(self, url: str):
        import boto3

        bucket, _, prefix = url.removeprefix("s3://").partition("/")
        if not bucket:
            raise ReleaseError(f"{url}: no bucket name", "write s3://BUCKET/PREFIX")
        self.url, self.bucket, self.prefix = url, bucket, prefix.strip("/")
        self.endpoint = os.environ.get("HEMICYCLE_S3_ENDPOINT_URL") or os.environ.get("AWS_ENDPOINT_URL")
        region = os.environ.get("AWS_REGION") or os.environ.get("AWS_DEFAULT_REGION") or "us-east-1"
        self.client = boto3.client("s3", endpoint_url=self.endpoint, region_name=region)

    def key(self, name: str) -> str:
        return f"{self.prefix}/{name}" if self.prefix else name

    def check(self) -> None:
        from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError

        where = self.endpoint or "the default AWS endpoint"
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except NoCredentialsError:
            raise ReleaseError(f"no credentials for {self.url}",
                               "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY") from None
        except ClientError as exc:
            code = exc.response.get("Error", {}).get("Code", "")
            hint = "create the bucket first" if code in ("404", "NoSuchBucket") else \
                "check the credentials and the bucket's permissions"
            raise ReleaseError(f"bucket {self.bucket} at {where}: {code or exc}", hint) from None
        except BotoCoreError as exc:
            raise ReleaseError(f"cannot reach {where} for {self.url}: {exc}",
                               "set HEMICYCLE_S3_ENDPOINT_URL (or AWS_ENDPOINT_URL) to a reachable "
                               "S3-compatible server") from None

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        yield  # S3 has no lock: run one publisher per prefix (e.g. one scheduled job)

    @contextlib.contextmanager
    def staging(self) -> Iterator[Path]:
        with tempfile.TemporaryDirectory(prefix="hemicycle-release-") as tmp:
            path = Path(tmp) / "release"
            path.mkdir()
            yield path

    def read(self, key: str) -> bytes | None:
        from botocore.exceptions import ClientError

        try:
            return self.client.get_object(Bucket=self.bucket, Key=self.key(key))["Body"].read()
        except ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey"):
                return None
            raise

    def write(self, key: str, data: bytes, cache: str = MUTABLE) -> None:
        self.client.put_object(Bucket=self.bucket, Key=self.key(key), Body=data,
                               ContentType=content_type(key), CacheControl=cache)

    def published_sums(self, version: str) -> bytes | None:
        return self.read(f"{version}/{COMPLETE_MARKER}")

    def put_version(self, staging: Path, version: str) -> None:
        files = sorted(p.relative_to(staging).as_posix() for p in staging.rglob("*") if p.is_file())
        last = ["manifest.json", COMPLETE_MARKER]
        for name in [f for f in files if f not in last] + [f for f in last if f in files]:
            path = staging / name
            if path.stat().st_size > MULTIPART_FROM:
                self.client.upload_file(str(path), self.bucket, self.key(f"{version}/{name}"),
                                        ExtraArgs={"ContentType": content_type(name), "CacheControl": IMMUTABLE})
            else:  # one request; the transfer manager costs more than it saves on small files
                self.write(f"{version}/{name}", path.read_bytes(), cache=IMMUTABLE)

    def set_latest(self, version: str) -> None:
        self.write("latest", f"{version}\n".encode())

    def fetch(self, version: str, prefixes: tuple[str, ...], target: Path) -> Path:
        """Download the files of ``version`` under ``prefixes`` (per its manifest) into ``target``."""
        import json

        manifest = self.read(f"{version}/manifest.json")
        if manifest is None:
            raise ReleaseError(f"{self.url}/{version} has no manifest.json", "check versions.json")
        for entry in json.loads(manifest)["files"]:
            if entry["path"].startswith(prefixes):
                local = target / entry["path"]
                local.parent.mkdir(parents=True, exist_ok=True)
                local.write_bytes(self.read(f"{version}/{entry['path']}") or b"")
        return target


def open_destination(dest: str) -> LocalDestination | S3Destination:
    if dest.startswith("s3://"):
        return S3Destination(dest)
    if "://" in dest:
        raise ReleaseError(f"{dest}: unsupported destination", "give a folder or s3://bucket/prefix")
    return LocalDestination(Path(dest))
