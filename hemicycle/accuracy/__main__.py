"""``python -m hemicycle.accuracy``: both harnesses, PACE then EP; non-zero exit if a target is missed."""

import sys

from hemicycle.accuracy import ep, pace

if __name__ == "__main__":
    status = pace.main([])
    print()
    sys.exit(status or ep.main([]))
