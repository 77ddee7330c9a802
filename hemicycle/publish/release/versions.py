"""DEST/versions.json: every version in publication order, the newest, and ``latest``."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from hemicycle import DATASET_NAME
from hemicycle.publish.release.assemble import Release
from hemicycle.publish.release.hashing import canonical_json


@dataclass
class VersionIndex:
    """Every version in publication order, the newest, and ``latest``: the last one whose
    blocking checks passed (where DEST/latest points)."""

    versions: list[dict[str, Any]] = field(default_factory=list)

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
        entry: dict[str, Any] = {
            "version": release.version, "date": release.date, "previous": release.previous,
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
        return canonical_json({"dataset": DATASET_NAME,
                               "newest": self.versions[-1]["version"] if self.versions else None,
                               "latest": self.latest, "versions": self.versions})
