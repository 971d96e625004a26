"""python -m tests.generators.plain_da OUT_DIR [NAME ...]: write the contracts and truths."""

from __future__ import annotations

import sys
from pathlib import Path

from tests.generators.plain_da import generate


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__)
        return 2
    for pdf, _, _ in generate(Path(argv[0]), argv[1:] or None):
        print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
