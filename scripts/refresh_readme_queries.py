"""Rerun the README's "Five questions" in a release folder and paste their output back.

    python scripts/refresh_readme_queries.py /tmp/r/latest

Run after the embedded sample or the metrics change, so the README shows real output.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import duckdb

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCK = re.compile(r"(```sql\n(?P<sql>.*?)```\n\n```text\n)(?P<out>.*?)(```)", re.S)


def main(release: str) -> int:
    text = README.read_text(encoding="utf-8")
    head, marker, rest = text.partition("### Five questions")
    section, sep, tail = rest.partition("\n## ")
    os.chdir(release)  # views read the Parquet files relative to the release folder
    con = duckdb.connect("hemicycle.duckdb", read_only=True)

    def rerun(match: re.Match[str]) -> str:
        output = con.sql(match["sql"]).__str__()
        return f"{match.group(1)}{output.rstrip()}\n{match.group(4)}"

    section = BLOCK.sub(rerun, section)
    README.write_text(head + marker + section + sep + tail, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
