"""`python -m tests.generators.fpdf_mixed OUT_DIR --seed N [--per-layout K]`."""

from __future__ import annotations

import argparse
from pathlib import Path

from tests.generators.fpdf_mixed import LAYOUTS, generate


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.generators.fpdf_mixed",
        description="Write labelled contract PDFs (fpdf2, generator B) and their truth JSON.",
    )
    parser.add_argument("out_dir", type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--seed", type=int, required=True, help="same seed, same bytes")
    parser.add_argument("--per-layout", type=int, default=4, help="documents per layout")
    args = parser.parse_args(argv)
    written = generate(args.out_dir, seed=args.seed, per_layout=args.per_layout)
    print(f"{len(written)} documents in {args.out_dir} ({len(LAYOUTS)} layouts, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
