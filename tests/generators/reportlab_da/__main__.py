"""python -m tests.generators.reportlab_da OUT_DIR --seed N [--per-layout K]"""

from __future__ import annotations

import argparse
from pathlib import Path

from . import LAYOUTS, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.generators.reportlab_da",
        description="Write labelled contract PDFs (reportlab) with ground-truth JSON beside them.",
    )
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--per-layout", type=int, default=4)
    parser.add_argument("--layout", choices=LAYOUTS, action="append",
                        help="only these layouts (repeatable); default: all")  # fmt: skip
    args = parser.parse_args(argv)
    written = generate(args.out_dir, seed=args.seed, per_layout=args.per_layout,
                       layouts=args.layout)  # fmt: skip
    for pdf, _json, layout in written:
        print(f"{layout:18} {pdf}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
