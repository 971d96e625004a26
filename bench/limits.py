"""Resource limits benchmark: hostile documents read by the pure extractors with the
default limits, each in a fresh child process. Prints, per document, what it was
refused for, the time taken and the child's peak memory (targets: under 5 s and
under 400 MB each, where the unlimited readers took minutes and gigabytes).

Usage: ``python bench/limits.py [--strict]``
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractors.limits import Limits  # noqa: E402
from tests import hostile  # noqa: E402

MB = 1024 * 1024
TARGET_SECONDS = 5.0
TARGET_MB = 400
LIMITS = Limits(setting_prefix="PRISVAGT_")


def _invoice(data: bytes, name: str) -> None:
    from extractors.invoices import iter_invoices

    for _ in iter_invoices(data, name, limits=LIMITS):
        pass


def _contract(data: bytes, name: str) -> None:
    from extractors.contracts import extract_contract

    extract_contract(data, name, limits=LIMITS)


CASES: list[tuple[str, Callable[[], bytes], Callable[[bytes, str], None]]] = [
    ("gzip bomb CSV, 1 GiB of rows", lambda: hostile.gzip_bomb_csv(1024 * MB), _invoice),
    ("gzip bomb CSV, one 1 GiB line", lambda: hostile.gzip_bomb_csv(1024 * MB, rows=False),
     _invoice),
    ("PDF of 5,000 pages", lambda: hostile.many_pages_pdf(5000), _contract),
    ("PDF stream inflating to 1 GiB (contract)", lambda: hostile.inflating_pdf(1024 * MB),
     _contract),
    ("PDF stream inflating to 1 GiB (invoice)", lambda: hostile.inflating_pdf(1024 * MB),
     _invoice),
    ("PDF page of 200,000 objects", lambda: hostile.crowded_page_pdf(200_000), _contract),
    ("XML nested 5,000 deep", lambda: hostile.deep_xml(5000), _invoice),
]  # fmt: skip


def run_case(data: bytes, reader: Callable[[bytes, str], None]) -> tuple[str, float, float]:
    """(what happened, seconds, peak MB of the child that read it)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_fd)
        start = time.perf_counter()
        try:
            reader(data, "hostile")
            said = "ACCEPTED"
        except Exception as exc:  # noqa: BLE001 - reported, whatever it is
            said = f"{type(exc).__name__}: {exc}"
        message = f"{time.perf_counter() - start:.3f}\n{said}".encode()
        os.write(write_fd, message)
        os._exit(0)
    os.close(write_fd)
    chunks = []
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    _, _, usage = os.wait4(pid, 0)
    seconds, said = b"".join(chunks).decode().split("\n", 1)
    return said, float(seconds), usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--strict", action="store_true", help="exit 1 when a target is missed")
    args = parser.parse_args()
    base_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resource limits, default settings (this process: {base_mb:.0f} MB before reading)")
    ok = True
    for label, make, reader in CASES:
        data = make()
        said, seconds, peak = run_case(data, reader)
        met = seconds <= TARGET_SECONDS and peak <= TARGET_MB and said != "ACCEPTED"
        ok &= met
        print(f"  {label} ({len(data) / MB:.1f} MB file): {seconds:.2f} s, peak {peak:.0f} MB"
              f" {'ok' if met else 'MISSED'}\n    {said}")  # fmt: skip
    return 0 if ok or not args.strict else 1


if __name__ == "__main__":
    raise SystemExit(main())
