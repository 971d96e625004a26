"""python -m tests.generators.probe_sheet OUT_DIR N [--start S] [--batch B] [--no-sources]"""

from __future__ import annotations

import argparse
import sys


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m tests.generators.probe_sheet")
    ap.add_argument("out_dir")
    ap.add_argument("n", type=int)
    ap.add_argument("--start", type=int, default=0)
    ap.add_argument("--batch", type=int, default=40, help="files per soffice call")
    ap.add_argument("--no-sources", action="store_true", help="do not keep the .docx/.xlsx files")
    a = ap.parse_args(argv)
    missing = []
    for mod, pkg in (("openpyxl", "openpyxl"), ("docx", "python-docx"), ("pypdfium2", "pypdfium2")):
        try:
            __import__(mod)
        except ImportError:
            missing.append(pkg)
    if missing:
        print(
            f"probe_sheet needs {', '.join(missing)}: /work/main/.venv/bin/pip install "
            + " ".join(missing),
            file=sys.stderr,
        )
        return 2
    from . import CalcMissing, SofficeMissing, generate_many, require_soffice

    try:
        exe = require_soffice()
    except (SofficeMissing, CalcMissing) as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    pairs = generate_many(
        a.out_dir, range(a.start, a.start + a.n), exe, batch=a.batch, keep_sources=not a.no_sources
    )
    for pdf, _t in pairs:
        print(pdf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
