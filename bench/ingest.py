"""Ingestion benchmark: how fast the invoice parsers read, on one core.

Prints plain figures:

1. OIOUBL invoices per second through ``parse_invoice`` (safe XML parsing,
   normalisation, reconciliation), parsing the corpus's OIOUBL 2.02 and 3.0
   invoices and credit notes over and over for ``--seconds``;
2. the same bytes through a bare ``lxml.etree.fromstring``, and the ratio
   (target: >= 1,000 invoices/s and at most 2x the bare parse): the mean over the
   wall-clock rounds, from each file's fastest runs, and per-round medians with their
   spread on the wall clock and on CPU time (robust to a loaded machine);
3. the 28k-line scale CSV streamed through the CSV reader: time, invoices and
   lines per second, and peak memory (tracemalloc, in a second pass).

Parsing is all it measures. Each parsed invoice goes to a *sink*; the only sink
today counts. Storing belongs to the application: a ``--sink store`` that hands
invoices to ``monitor`` can be added to ``SINKS`` without touching the timing code.

Usage: ``python bench/ingest.py [--seconds 3] [--corpus ../shared/corpus] [--sink count]``
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from extractors.invoices import iter_invoices, parse_invoice  # noqa: E402
from extractors.types import ParsedInvoice  # noqa: E402

INVOICE_ROOTS = (b"<Invoice", b"<CreditNote")


@dataclass
class CountingSink:
    """Counts what it is given; the stand-in for storage."""

    invoices: int = 0
    lines: int = 0
    warnings: int = 0
    credit_notes: int = 0
    formats: dict[str, int] = field(default_factory=dict)

    def __call__(self, invoice: ParsedInvoice) -> None:
        self.invoices += 1
        self.lines += len(invoice.lines)
        self.warnings += len(invoice.warnings)
        self.credit_notes += invoice.document_type == "credit_note"
        self.formats[invoice.format] = self.formats.get(invoice.format, 0) + 1


SINKS: dict[str, Callable[[], Callable[[ParsedInvoice], None]]] = {"count": CountingSink}


def pin_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def oioubl_files(corpus: Path) -> list[tuple[str, bytes]]:
    """The OIOUBL invoices and credit notes (by root element), as (name, bytes)."""
    found = []
    for folder in ("oioubl-2.02", "oioubl-3.0"):
        for path in sorted((corpus / "invoices" / folder).glob("*.xml")):
            data = path.read_bytes()
            root = etree.fromstring(data).tag.rpartition("}")[2]
            if root in ("Invoice", "CreditNote"):
                found.append((path.name, data))
    return found


def bench_xml(
    files: list[tuple[str, bytes]], seconds: float, sink: Callable[[ParsedInvoice], None]
) -> None:
    """Interleaved: each file is parsed bare and through ``parse_invoice`` in turn (which
    goes first alternates by round), so load from other processes hits both alike.

    A round is one pass over the files. Rounds alternate between two clocks: the wall
    clock (throughput, and the mean ratio over all its rounds, as the target reads) and
    this thread's CPU time, which leaves out the time the process waits for a core on a
    loaded machine (its call's own cost, measured on an empty interval, is taken off).
    Ratios are also given as the median over rounds (each round's total of one kind over
    the other's) with the 10th-90th percentile spread, and from each file's fastest run
    of each kind (noise only adds time)."""
    for name, data in files * 20:  # warm up imports, caches and the allocator
        parse_invoice(data, name)
        etree.fromstring(data)
    wall, cpu = time.perf_counter_ns, time.thread_time_ns
    cpu_cost = _clock_cost(cpu)
    ours = bare = count = 0
    round_ratios: dict[str, list[float]] = {"wall": [], "cpu": []}
    best_ours = [1 << 62] * len(files)
    best_bare = [1 << 62] * len(files)
    deadline = time.perf_counter() + 2 * seconds
    rounds = 0
    while time.perf_counter() < deadline:
        clock, kind = (wall, "wall") if rounds % 2 == 0 else (cpu, "cpu")
        bare_first = rounds % 4 < 2
        cost = 0 if kind == "wall" else cpu_cost
        round_ours = round_bare = 0
        for i, (name, data) in enumerate(files):
            if bare_first:
                t0 = clock()
                etree.fromstring(data)
                t1 = clock()
                invoice = parse_invoice(data, name)
                t2 = clock()
                b, o = t1 - t0 - cost, t2 - t1 - cost
            else:
                t0 = clock()
                invoice = parse_invoice(data, name)
                t1 = clock()
                etree.fromstring(data)
                t2 = clock()
                o, b = t1 - t0 - cost, t2 - t1 - cost
            sink(invoice)  # outside the timing: parsing is all that is measured
            round_bare += b
            round_ours += o
            if kind == "wall":
                best_bare[i] = min(best_bare[i], b)
                best_ours[i] = min(best_ours[i], o)
        round_ratios[kind].append(round_ours / round_bare)
        if kind == "wall":
            ours += round_ours
            bare += round_bare
            count += len(files)
        rounds += 1
    size = sum(len(d) for _, d in files) / len(files)
    print(f"OIOUBL files: {len(files)} invoices/credit notes, {size / 1024:.1f} KiB on average,"
          f" {rounds} rounds in {2 * seconds:.0f} s, {count:,} wall-clock parses of each kind")  # fmt: skip
    print(
        f"parse_invoice:         {count / ours * 1e9:9,.0f} invoices/s  ({ours / count / 1e3:6.1f} µs each, mean)"
    )
    print(
        f"lxml.etree.fromstring: {count / bare * 1e9:9,.0f} documents/s ({bare / count / 1e3:6.1f} µs each, mean)"
    )
    print(f"ratio parse_invoice / bare lxml: {ours / bare:.2f}x mean,"
          f" {sum(best_ours) / sum(best_bare):.2f}x fastest runs (target <= 2x)")  # fmt: skip
    for kind, label in (("wall", "wall clock"), ("cpu", "CPU time  ")):
        r = sorted(round_ratios[kind])
        if r:
            print(f"  per round, {label}: median {statistics.median(r):.2f}x,"
                  f" 10th-90th percentile {_pct(r, 10):.2f}x-{_pct(r, 90):.2f}x ({len(r)} rounds)")  # fmt: skip
    print(f"fastest runs: {len(files) / sum(best_ours) * 1e9:,.0f} invoices/s"
          f" vs {len(files) / sum(best_bare) * 1e9:,.0f} bare (target >= 1,000 invoices/s)")  # fmt: skip


def _clock_cost(clock: Callable[[], int]) -> int:
    """The median reading of an empty interval on ``clock``, in ns."""
    readings = []
    for _ in range(2001):
        t0 = clock()
        readings.append(clock() - t0)
    return int(statistics.median(readings))


def _pct(sorted_values: list[float], pct: int) -> float:
    return sorted_values[min(len(sorted_values) - 1, len(sorted_values) * pct // 100)]


def bench_csv(path: Path, sink: Callable[[ParsedInvoice], None]) -> None:
    counter = CountingSink()
    start = time.perf_counter()
    for invoice in iter_invoices(path):
        counter(invoice)
        sink(invoice)
    elapsed = time.perf_counter() - start
    tracemalloc.start()
    for _ in iter_invoices(path):
        pass
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"CSV {path.name}: {counter.invoices:,} invoices, {counter.lines:,} lines"
          f" ({counter.credit_notes:,} credit notes)")  # fmt: skip
    print(f"  streamed in {elapsed:.2f} s: {counter.lines / elapsed:,.0f} lines/s,"
          f" {counter.invoices / elapsed:,.0f} invoices/s")  # fmt: skip
    print(f"  peak Python memory while streaming: {peak / 1024 / 1024:.2f} MiB (tracemalloc)")


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=3.0, help="time per XML measurement")
    parser.add_argument("--corpus", type=Path, default=REPO.parent / "shared" / "corpus")
    parser.add_argument("--sink", choices=sorted(SINKS), default="count")
    args = parser.parse_args(list(argv) if argv is not None else None)
    if not args.corpus.is_dir():
        print(f"corpus not found at {args.corpus}", file=sys.stderr)
        return 2
    print(f"prisvagt ingest bench, Python {sys.version.split()[0]}, {pin_one_core()}")
    sink = SINKS[args.sink]()
    bench_xml(oioubl_files(args.corpus), args.seconds, sink)
    bench_csv(args.corpus / "scale" / "online_retail_dec2010_28k.csv.gz", sink)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
