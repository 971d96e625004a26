"""Contract extraction benchmark: precision, recall and F1 per field and per layout, and speed.

Three labelled corpora, each PDF with its ground truth beside it:
- ``own``: the project's own generator (``tests/extractors/contracts/corpus.py``), which
  grew up together with the extractor (seed 2026, 10 per layout);
- ``reportlab_da`` and ``fpdf_mixed``: the second generator, written by two people who
  never read the extractor, from a description of real Danish and English contract
  conventions (``tests/generators/``). The extractor was tuned on their seeds 1-23 only
  (``--split dev`` runs 1-3), later also on seeds 20-120; the HELD-OUT seeds 9101-9103
  were never tuned on (one document of them was once opened to name a failure class),
  and are what this script reports unless ``--split`` says otherwise. ``--split
  fresh`` is a larger held-out set, seeds 5000-5014 (30 documents per layout), of which
  only the totals were ever printed: no document was opened.

Scoring: price items match on item id + description + unit price (exact to the øre) +
unit + volume band; scalar fields (dates, payment days, index name, cap, ...) count a
true positive when extracted and equal, a false positive when extracted and wrong, a
false negative when missing or wrong; parties match on (name, CVR, role); MFN on presence.
Speed: pages per second of CPU time on the own corpus (process start-up excluded: one
warm-up run), printed beside two baselines from the same run: pdfplumber's own
``extract_text`` (the speed target's yardstick) and bare pypdfium2 text extraction
(``get_text_range`` per page; the extractor reads its text with pypdfium2, so this is
the floor, and the ratio says what everything beyond reading the text costs).

    .venv/bin/python bench/extraction.py [--corpus all|own|second|reportlab_da|fpdf_mixed]
                                         [--split heldout|fresh|dev] [--per-layout N]
                                         [--errors]

Exits 1 if a target is missed: own corpus F1 >= 0.98 for price items and >= 0.95 for the
other fields; second generator F1 >= 0.97 for price items and >= 0.95 for every other
field, overall and per layout; throughput >= 3x pdfplumber ``extract_text``.
"""

from __future__ import annotations

import argparse
import importlib
import io
import json
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.contracts import extract_contract, terms_to_dict  # noqa: E402

SECOND = ("reportlab_da", "fpdf_mixed")
DEV_SEEDS = (1, 2, 3)
HELDOUT_SEEDS = (9101, 9102, 9103)
FRESH_SEEDS = tuple(range(5000, 5015))
OWN_SEED = 2026


def _ix(key: str) -> Callable[[dict[str, Any]], object]:
    return lambda t: (t.get("indexation") or {}).get(key)


SCALAR_FIELDS: dict[str, Callable[[dict[str, Any]], object]] = {
    "effective_date": lambda t: t["effective_date"],
    "expiry_date": lambda t: t["expiry_date"],
    "payment_days": lambda t: t["payment_days"],
    "index_name": _ix("index"),
    "indexation_cap": _ix("cap_pct"),
    "adjust_month": _ix("adjust_month"),
    "fixed_months": _ix("fixed_months"),
    "notice_days": _ix("notice_days"),
    "threshold_pct": _ix("threshold_pct"),
    "title": lambda t: t["title"],
    "language": lambda t: t["language"],
}
OWN_PRICE, SECOND_PRICE, FIELD_TARGET, SPEED_TARGET = 0.98, 0.97, 0.95, 3.0
T = TypeVar("T")


@dataclass(slots=True)
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_scalar(got: object, want: object) -> Score:
    if got is None:
        return Score(fn=int(want is not None))
    if got == want:
        return Score(tp=1)
    return Score(fp=1, fn=int(want is not None))


def score_bag(got: list[tuple[object, ...]], want: list[tuple[object, ...]]) -> Score:
    matched = sum((Counter(got) & Counter(want)).values())
    return Score(tp=matched, fp=len(got) - matched, fn=len(want) - matched)


def price_keys(terms: dict[str, Any]) -> list[tuple[object, ...]]:
    return [(t["item_id"], t["description"], t["unit_price"], t["unit"], t["tier_min"],
             t["tier_max"]) for t in terms["price_terms"]]  # fmt: skip


def party_keys(terms: dict[str, Any]) -> list[tuple[object, ...]]:
    return [(p["name"], p["cvr"], p["role"]) for p in terms["parties"]]


def score_document(got: dict[str, Any], want: dict[str, Any]) -> dict[str, Score]:
    fields = {k: f for k, f in SCALAR_FIELDS.items() if k != "threshold_pct" or _has_ix(want)}
    scores = {name: score_scalar(pick(got), pick(want)) for name, pick in fields.items()}
    scores["price_items"] = score_bag(price_keys(got), price_keys(want))
    scores["parties"] = score_bag(party_keys(got), party_keys(want))
    scores["mfn"] = Score(tp=int(got["mfn"] and want["mfn"]), fp=int(got["mfn"] and not want["mfn"]),
                          fn=int(want["mfn"] and not got["mfn"]))  # fmt: skip
    return scores


def _has_ix(truth: dict[str, Any]) -> bool:
    """Only the second generator labels thresholds (the own corpus has no such key)."""
    return "threshold_pct" in (truth.get("indexation") or {"threshold_pct": None})


@dataclass(slots=True)
class Clock:
    """Wall time and this process's CPU time (the fairer one on a shared machine)."""

    wall: float = 0.0
    cpu: float = 0.0

    def time(self, work: Callable[[], T]) -> T:
        wall, cpu = time.perf_counter(), time.process_time()
        result = work()
        self.wall += time.perf_counter() - wall
        self.cpu += time.process_time() - cpu
        return result


@dataclass(slots=True)
class Entry:
    pdf: Path
    truth: Path
    layout: str


@dataclass(slots=True)
class Result:
    name: str
    price_target: float
    totals: dict[str, Score] = field(default_factory=dict)
    by_layout: dict[str, dict[str, Score]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    pages: int = 0
    documents: int = 0
    clock: Clock = field(default_factory=Clock)


def own_corpus(out: Path, per_layout: int) -> list[Entry]:
    from tests.extractors.contracts.corpus import generate_corpus

    return [Entry(e.pdf, e.truth, e.layout)
            for e in generate_corpus(out, per_layout=per_layout, seed=OWN_SEED)]  # fmt: skip


def second_corpus(name: str, out: Path, seeds: tuple[int, ...], per_layout: int) -> list[Entry]:
    generator = importlib.import_module(f"tests.generators.{name}")
    entries = []
    for seed in seeds:
        for pdf, truth, layout in generator.generate(out / name, seed=seed, per_layout=per_layout):
            entries.append(Entry(pdf, truth, layout))
    return entries


def evaluate(name: str, entries: list[Entry], price_target: float) -> Result:
    result = Result(name, price_target)
    for entry in entries:
        data = entry.pdf.read_bytes()
        terms = result.clock.time(lambda: extract_contract(data, entry.pdf.name))  # noqa: B023
        result.pages += terms.pages
        result.documents += 1
        want = json.loads(entry.truth.read_text("utf-8"))
        layout = result.by_layout.setdefault(entry.layout, {})
        for field_name, score in score_document(terms_to_dict(terms), want).items():
            result.totals.setdefault(field_name, Score()).add(score)
            layout.setdefault(field_name, Score()).add(score)
            if score.fp or score.fn:
                result.errors.append(f"{entry.pdf.name}: {field_name}")
    return result


def report(result: Result) -> list[str]:
    """Print the scores; return the targets missed."""
    print(f"\n== {result.name}: {result.documents} contracts, {result.pages} pages")
    print(f"{'field':<16} {'P':>6} {'R':>6} {'F1':>6}  target")
    missed = []
    for name, score in result.totals.items():
        target = result.price_target if name == "price_items" else FIELD_TARGET
        ok = score.f1 >= target
        missed += [] if ok else [f"{result.name} {name}"]
        print(f"{name:<16} {score.precision:6.3f} {score.recall:6.3f} {score.f1:6.3f}  "
              f">= {target:.2f} {'ok' if ok else 'MISSED'}")  # fmt: skip
    names = list(result.totals)
    print("\nF1 per layout (fields below their target marked *):")
    for layout, scores in sorted(result.by_layout.items()):
        cells = []
        for name in names:
            if name not in scores:
                continue
            target = result.price_target if name == "price_items" else FIELD_TARGET
            f1 = scores[name].f1
            if f1 < target:
                missed.append(f"{result.name} {layout} {name}")
            cells.append(f"{name} {f1:.3f}{'*' if f1 < target else ''}")
        print(f"  {layout}: " + ", ".join(cells))
    return missed


def pdfplumber_clock(entries: list[Entry]) -> tuple[Clock, int]:
    import pdfplumber

    def read_all(data: bytes) -> int:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                page.extract_text()
            return len(pdf.pages)

    clock, pages = Clock(), 0
    for entry in entries:
        data = entry.pdf.read_bytes()
        pages += clock.time(lambda: read_all(data))  # noqa: B023 (called at once)
    return clock, pages


def pdfium_clock(entries: list[Entry]) -> tuple[Clock, int]:
    """Bare pypdfium2 text extraction (``get_text_range`` per page): the library the
    extractor itself reads the text with, so the floor of what reading can cost."""
    import pypdfium2 as pdfium

    def read_all(data: bytes) -> int:
        pdf = pdfium.PdfDocument(data)
        try:
            for page in pdf:
                textpage = page.get_textpage()
                textpage.get_text_range()
                textpage.close()
                page.close()
            return len(pdf)
        finally:
            pdf.close()

    clock, pages = Clock(), 0
    for entry in entries:
        data = entry.pdf.read_bytes()
        pages += clock.time(lambda: read_all(data))  # noqa: B023 (called at once)
    return clock, pages


def speed(result: Result, entries: list[Entry]) -> bool:
    """The extractor's speed beside two baselines timed in this same run: pdfplumber's
    ``extract_text`` (the target's yardstick) and bare pypdfium2 text extraction."""
    plumber, pages = pdfplumber_clock(entries)
    pdfium, pdfium_pages = pdfium_clock(entries)
    assert pdfium_pages == pages, (pdfium_pages, pages)
    print(f"\n{'speed (own corpus)':<26} {'pages/s':>8} {'wall s':>7} {'CPU s':>7}")
    for name, clock in (
        ("extract_contract", result.clock),
        ("pdfplumber extract_text", plumber),
        ("pypdfium2 get_text_range", pdfium),
    ):
        print(f"{name:<26} {pages / clock.cpu:8.1f} {clock.wall:7.2f} {clock.cpu:7.2f}")
    ratio, wall_ratio = plumber.cpu / result.clock.cpu, plumber.wall / result.clock.wall
    ok = ratio >= SPEED_TARGET
    print(f"vs pdfplumber extract_text (CPU time): {ratio:.1f}x faster, wall time "
          f"{wall_ratio:.1f}x (target >= {SPEED_TARGET:.0f}x) {'ok' if ok else 'MISSED'}")  # fmt: skip
    floor, wall_floor = result.clock.cpu / pdfium.cpu, result.clock.wall / pdfium.wall
    print(f"vs bare pypdfium2 text (CPU time): {floor:.1f}x slower, wall time "
          f"{wall_floor:.1f}x slower (no target: the cost of everything beyond reading text)")  # fmt: skip
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB
    print(f"peak RSS of this process so far: {peak:.0f} MiB (corpus, extraction, baselines)")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description="Contract extraction benchmark")
    parser.add_argument("--corpus", default="all",
                        choices=["all", "own", "second", *SECOND])  # fmt: skip
    parser.add_argument("--split", default="heldout", choices=["heldout", "fresh", "dev"])
    parser.add_argument("--per-layout", type=int, default=None,
                        help="documents per layout and seed (own corpus: 10, second: 2)")  # fmt: skip
    parser.add_argument("--errors", action="store_true",
                        help="list each document's misses (dev split only)")  # fmt: skip
    parser.add_argument("--dir", type=Path, help="write the corpora here (default: a temp dir)")
    args = parser.parse_args()
    if args.split != "dev" and (args.errors or args.dir):
        parser.error("--errors and --dir show the documents: on the dev split only")
    seeds = {"heldout": HELDOUT_SEEDS, "fresh": FRESH_SEEDS, "dev": DEV_SEEDS}[args.split]
    missed: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        out = args.dir or Path(tmp)
        if args.corpus in ("all", "own"):
            entries = own_corpus(out / "own", args.per_layout or 10)
            extract_contract(entries[0].pdf.read_bytes(), entries[0].pdf.name)  # warm-up
            result = evaluate("own generator (seed 2026)", entries, OWN_PRICE)
            missed += report(result)
            if not speed(result, entries):
                missed.append("speed")
            _errors(result, args.errors)
        names = SECOND if args.corpus in ("all", "second") else (
            (args.corpus,) if args.corpus in SECOND else ())  # fmt: skip
        for name in names:
            entries = second_corpus(name, out, seeds, args.per_layout or 2)
            shown = f"{seeds[0]}-{seeds[-1]}" if len(seeds) > 3 else ", ".join(map(str, seeds))
            label = f"{name} ({args.split} seeds {shown})"
            result = evaluate(label, entries, SECOND_PRICE)
            missed += report(result)
            _errors(result, args.errors)
    if missed:
        print(f"\n{len(missed)} targets MISSED (overall and per layout); first: {missed[0]}")
    sys.exit(1 if missed else 0)


def _errors(result: Result, show: bool) -> None:
    if show and result.errors:
        print("errors:\n  " + "\n  ".join(result.errors))


if __name__ == "__main__":
    main()
