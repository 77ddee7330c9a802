"""Files a release carries beside its data, added by writers (the HTML data card): each
gets the staged release and returns its files, which manifest.json and SHA256SUMS then cover."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hemicycle.errors import ReleaseError
from hemicycle.publish.destinations import COMPLETE_MARKER


@dataclass(frozen=True)
class ReleaseContext:
    """What a writer of extra files gets: the staged release, before it is checksummed."""

    root: Path
    version: str
    date: str
    row_counts: dict[str, int]
    validation: dict[str, Any]
    datapackage: dict[str, Any]
    changes: str


# Writers of extra files (name relative to the release folder -> bytes), run after the data
# files and before manifest.json and SHA256SUMS, which then cover them.
ExtraFileWriter = Callable[[ReleaseContext], Mapping[str, bytes]]


def data_card(context: ReleaseContext) -> dict[str, bytes]:
    """index.html: the page that shows what the release holds (hemicycle.publish.card)."""
    from hemicycle.publish.card import release_card

    return {"index.html": release_card(context.root, context.version, context.date,
                                       pending=("manifest.json", COMPLETE_MARKER))}


EXTRA_FILES: list[ExtraFileWriter] = [data_card]


def write_extra_files(context: ReleaseContext, writers: list[ExtraFileWriter]) -> None:
    """Run ``writers`` in order; a file must stay inside the release and not be one written later."""
    root = context.root
    for writer in writers:
        for name, data in sorted(writer(context).items()):
            if Path(name).is_absolute() or ".." in Path(name).parts or name in ("manifest.json", COMPLETE_MARKER):
                raise ReleaseError(f"extra file {name!r} is not a plain relative path of its own")
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
