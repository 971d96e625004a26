import sys
from pathlib import Path

from . import generate_all

out = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/probe_out")
n = int(sys.argv[2]) if len(sys.argv) > 2 else 15
for p in generate_all(out, range(n)):
    print(p)
