"""python -m tests.generators.probe_office OUT_DIR N [--start S]"""

from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.generators.probe_office")
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--batch", type=int, default=40, help="Word files per soffice call")
    a = ap.parse_args(argv)
    try:
        import docx  # noqa: F401
    except ImportError:
        print(
            "probe_office needs python-docx: /work/main/.venv/bin/pip install python-docx",
            file=sys.stderr,
        )
        return 2
    from . import SofficeMissing, generate_many, require_soffice

    try:
        exe = require_soffice()
    except SofficeMissing as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    pairs = generate_many(a.out_dir, range(a.start, a.start + a.n), exe, batch=a.batch)
    for pdf, _t in pairs:
        print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
