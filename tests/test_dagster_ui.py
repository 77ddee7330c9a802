"""What the Dagster UI shows: described assets and checks grouped by stage, and rich metadata."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import dagster as dg
import pytest

from assets import clean, fetch
from assets.resources import HemicycleSettings
from pipelines.definitions import defs, resources

STAGES = {"fetch", "clean", "partition", "metrics"}


def test_every_asset_and_check_is_described_and_grouped_by_stage() -> None:
    graph = defs.resolve_asset_graph()
    for key in graph.get_all_asset_keys():
        node = graph.get(key)
        assert node.description, key
        assert node.group_name in STAGES, (key, node.group_name)
    checks = list(graph.asset_check_keys)
    assert len(checks) > 50
    for check in checks:
        assert graph.get_check_spec(check).description, check


@pytest.fixture(scope="module")
def materialised(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    settings = HemicycleSettings(out_dir=str(tmp_path_factory.mktemp("ui")))
    with dg.instance_for_test() as instance:
        result = dg.materialize([fetch.raw_documents, fetch.raw_rosters, clean.clean_tables], partition_key="ep",
                                instance=instance, resources=resources(settings))
        assert result.success
        yield {m.asset_key.to_user_string(): m.metadata
               for m in [*result.asset_materializations_for_node("raw_documents"),
                         *result.asset_materializations_for_node("raw_rosters"),
                         *result.asset_materializations_for_node("clean_tables")]}


def test_materialisations_carry_row_counts_column_schemas_and_previews(materialised: dict[str, Any]) -> None:
    assert {"raw_documents", "raw_rosters", "statements", "signatories", "quarantine", "members",
            "memberships"} <= set(materialised)
    for name, metadata in materialised.items():
        assert metadata["dagster/row_count"].value >= 0, name
        columns = metadata["dagster/column_schema"].value.columns
        assert columns and all(c.description for c in columns), name
        assert "preview" in metadata, name
    assert materialised["statements"]["dagster/row_count"].value > 40  # the sample's EP statements
    assert "statement_id" in materialised["statements"]["preview"].value
    assert materialised["raw_rosters"]["dagster/row_count"].value == 4  # the EP's files of terms 6-9
    assert materialised["members"]["dagster/row_count"].value > 2000
