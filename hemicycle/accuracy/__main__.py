"""``python -m hemicycle.accuracy [--corpus ROOT]``: every harness, PACE, EP then stance, on
ROOT/pace, ROOT/ep and ROOT/stance (default ``$HEMICYCLE_CORPUS``, else the repository's copy,
data/corpus).

Exit status 0 when all meet their targets, 1 when one misses a target, 2 when a corpus
cannot be read (the harness says why on stderr).
"""

import argparse
import sys
from pathlib import Path

from hemicycle.accuracy import ep, pace, stance
from hemicycle.accuracy.corpus import CORPUS_ERROR, default_root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="folder holding pace/ and ep/ (each with raw/ and truth/) and stance/")
    root = parser.parse_args(argv).corpus or default_root()
    statuses = [pace.main(["--corpus", str(root / "pace")])]
    print(flush=True)
    statuses.append(ep.main(["--corpus", str(root / "ep")]))
    print(flush=True)
    statuses.append(stance.main(["--corpus", str(root / "stance")]))
    return CORPUS_ERROR if CORPUS_ERROR in statuses else max(statuses)


if __name__ == "__main__":
    sys.exit(main())
