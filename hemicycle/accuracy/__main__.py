"""``python -m hemicycle.accuracy [--corpus ROOT]``: both harnesses, PACE then EP, on
ROOT/pace and ROOT/ep (default ``$HEMICYCLE_CORPUS`` or ../shared/corpus).

Exit status 0 when both meet their targets, 1 when one misses a target, 2 when a corpus
cannot be read (the harness says why on stderr).
"""

import argparse
import sys
from pathlib import Path

from hemicycle.accuracy import ep, pace
from hemicycle.accuracy.corpus import CORPUS_ERROR, default_root


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=None,
                        help="folder holding pace/ and ep/, each with raw/ and truth/")
    root = parser.parse_args(argv).corpus or default_root()
    statuses = [pace.main(["--corpus", str(root / "pace")])]
    print(flush=True)
    statuses.append(ep.main(["--corpus", str(root / "ep")]))
    return CORPUS_ERROR if CORPUS_ERROR in statuses else max(statuses)


if __name__ == "__main__":
    sys.exit(main())
