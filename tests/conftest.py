from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """The shared corpus of real documents, beside the project root (as in CI)."""
    path = PROJECT_ROOT.parent / "shared" / "corpus"
    if not path.is_dir():
        pytest.skip(f"shared corpus not found at {path}")
    return path


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return PROJECT_ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def pipeline_out(tmp_path_factory) -> Path:
    """The whole pipeline, materialised once by Dagster on the embedded sample (read-only)."""
    from pipelines.runner import run_pipeline

    out = tmp_path_factory.mktemp("pipeline-out")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DAGSTER_HOME", raising=False)
        mp.setenv("GX_ANALYTICS_ENABLED", "false")
        summary = run_pipeline(out)
    assert summary.success, summary.render(0)
    return out
