"""Publishing: a release staged at its destination, compared with any copy published under
its version, then versions.json rewritten and ``latest`` moved, under the destination's lock."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hemicycle.errors import ReleaseError
from hemicycle.publish import changes as change_log
from hemicycle.publish.destinations import COMPLETE_MARKER, open_destination
from hemicycle.publish.release.assemble import Release, assemble
from hemicycle.publish.release.extras import ExtraFileWriter
from hemicycle.publish.release.inputs import read_release_tables
from hemicycle.publish.release.loss import check_loss, loss_accepted_by_environment, max_signature_loss
from hemicycle.publish.release.manifest import same_release
from hemicycle.publish.release.plan import plan_locked
from hemicycle.publish.release.versions import VersionIndex

DIFF_TABLES = ("statements", "signatories")  # read from the previous release for CHANGES.md


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
    plan = plan_locked(out_dir)
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
