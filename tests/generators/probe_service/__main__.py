"""python -m tests.generators.probe_service OUT_DIR N [--start S] [--batch B] [--keep-src]"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .build import RendererMissing, generate


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.generators.probe_service")
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("n", type=int)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--batch", type=int, default=20, help="PDFs per rendering batch (max 20)")
    ap.add_argument(
        "--keep-src", action="store_true", help="also keep .docx/.html/.xlsx in OUT_DIR/src"
    )
    a = ap.parse_args(argv)
    batch = max(1, min(20, a.batch))
    try:
        files = generate(a.out_dir, range(a.start, a.start + a.n), batch=batch, keep_src=a.keep_src)
    except RendererMissing as e:
        print(f"probe_service: {e}", file=sys.stderr)
        return 2
    print(f"wrote {len(files)} contracts to {a.out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
