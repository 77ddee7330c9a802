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
