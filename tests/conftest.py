from __future__ import annotations

from pathlib import Path

import pytest

from hemicycle.accuracy.corpus import CORPUS_VARIABLE, default_root

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--corpus", type=Path, default=None,
                     help=f"corpus of real documents with truth (default: ${CORPUS_VARIABLE}, "
                          "else the repository's copy in data/corpus)")


@pytest.fixture(scope="session")
def corpus_dir(pytestconfig: pytest.Config) -> Path:
    """The corpus of real documents with hand-checked truth; a missing one is an error, not a skip."""
    path: Path = pytestconfig.getoption("corpus") or default_root()
    if not (path / "pace" / "truth").is_dir():
        pytest.fail(f"no corpus at {path} (give --corpus or ${CORPUS_VARIABLE})", pytrace=False)
    return path


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return PROJECT_ROOT / "data" / "sample"


@pytest.fixture(scope="session")
def pipeline_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole pipeline, materialised once by Dagster on the embedded sample (read-only)."""
    from pipelines.runner import run_pipeline

    out = tmp_path_factory.mktemp("pipeline-out")
    with pytest.MonkeyPatch.context() as mp:
        mp.delenv("DAGSTER_HOME", raising=False)
        mp.setenv("GX_ANALYTICS_ENABLED", "false")
        summary = run_pipeline(out)
    assert summary.success, summary.render(0)
    return out
