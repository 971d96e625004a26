import argparse
from pathlib import Path

from . import generate_all

ap = argparse.ArgumentParser(prog="python -m tests.generators.probe_html")
ap.add_argument("out_dir", type=Path)
ap.add_argument("n", type=int, nargs="?", default=15, help="number of seeds (default 15)")
ap.add_argument("--start", type=int, default=0, help="first seed (default 0)")
ap.add_argument("--html", action="store_true", help="also keep the .html source beside each PDF")
a = ap.parse_args()
for p in generate_all(a.out_dir, range(a.start, a.start + a.n), keep_html=a.html):
    print(p)
