"""Contract reading on real English contracts: CUAD's lawyers' labels vs ``extract_contract``.

Runs ``extract_contract`` over the PDFs in ``../shared/corpus/cuad-dev/pdf`` (124 US SEC
exhibits, CUAD v1, CC BY 4.0; see that folder's README) and compares with ``labels.csv``.

The files are split into a dev half and a held-out half by a fixed hash of the file name
(the first byte of its SHA-256, even: dev). Tune on dev only; held-out says whether the
tuning generalises. Every figure is printed for dev, held-out and all.

Metrics, defined so that none can be met by guessing:

- agreement date (``agreement_date``: the date the contract says it was made, "dated as
  of", "made this 1st day of May, 2006"), effective date and expiry date: accuracy over
  the contracts whose label is one specific date (CUAD writes ``M/D/YY``; labels with
  blanks such as ``[]/[]/2016``, ``Perpetual``, a sentence or nothing do not count).
  A date must be exactly right, with one exception: an expiry we computed from a term
  ("five (5) years from the Effective Date") counts within +-1 day. Our convention is the
  last day of the term (start + N years - 1 day: 2026-02-01 + 4 years -> 2030-01-31);
  CUAD's annotators mostly wrote the anniversary itself (2030-02-01), sometimes the day
  before. Separately, "dates where none": over the contracts whose label is NOT a specific
  date (perpetual, blank, undated), the share where we still output a date (lower is
  better; a placeholder "[date]" or a perpetual term should give None).
- MFN presence: accuracy over all contracts, our ``mfn`` against ``Most Favored
  Nation-Answer`` (Yes/No). Also shown: recall on the Yes contracts, false positives.
- parties: the share of contracts where the label's two main parties (the first two names
  in ``Parties-Answer`` once the defined terms in quotes and brackets are dropped) are
  both found among the parties we output, and no party we output is a fragment (a clause
  number, a sentence, a bare legal form, or a name that matches none of the label's
  parties). A name is found when rapidfuzz's ``token_sort_ratio`` of the two names,
  lowercased, without punctuation and without legal forms ("Inc", "Ltd", "Corporation",
  "A/S" ...), is at least ``NAME_THRESHOLD`` (85), or one such name is the other's
  leading words (at least two words, or one word of 5+ letters: "Skype" in
  "Skype Communications"). Roles are not scored: CUAD's parties are rarely buyer and
  vendor.

    .venv/bin/python bench/cuad.py [--verbose] [--jobs N] [--corpus DIR]

``--verbose`` prints every dev failure (file, expected, got). Exits 1 when a target is
missed on the dev half: effective >= 0.90, expiry >= 0.85, MFN >= 0.90, parties >= 0.80.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import os
import re
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extractors.contracts import extract_contract  # noqa: E402
from extractors.types import ContractTerms  # noqa: E402

#: The shared corpus stands beside the checkout (``../shared/corpus``).
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "cuad-dev"
NAME_THRESHOLD = 85
TARGETS = {"effective": 0.90, "expiry": 0.85, "mfn": 0.90, "parties": 0.80}
_LEGAL_FORMS = re.compile(
    r"\b(?:inc|incorporated|ltd|limited|llc|l l c|lp|l p|llp|plc|corp|corporation|co|company|"
    r"gmbh|ag|sa|s a|s a s|nv|n v|bv|b v|pty|pte|a s|aps|ab|as|the)\b"
)


@dataclass(slots=True)
class Label:
    """One contract's labels: specific dates or None, MFN, and the party names."""

    filename: str
    agreement: date | None
    effective: date | None
    expiry: date | None
    mfn: bool
    parties: list[str]


@dataclass(slots=True)
class Reading:
    """What ``extract_contract`` read, reduced to the scored fields."""

    agreement: date | None = None
    effective: date | None = None
    expiry: date | None = None
    expiry_from_term: bool = False
    mfn: bool = False
    parties: list[str] = field(default_factory=list)
    error: str | None = None
    seconds: float = 0.0


@dataclass(slots=True)
class Tally:
    right: int = 0
    total: int = 0
    failures: list[str] = field(default_factory=list)

    def add(self, ok: bool, failure: str, *, failed: bool | None = None) -> None:
        """Count one contract; ``failed`` (default: not ``ok``) lists it as a failure."""
        self.total += 1
        self.right += ok
        if (not ok) if failed is None else failed:
            self.failures.append(failure)

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 1.0


# ----------------------------------------------------------------------------- labels


def label_date(answer: str) -> date | None:
    """A CUAD date answer ``M/D/YY`` (or ``M/D/YYYY``) as a date; None for anything else
    (blanks ``[]``, ``Perpetual``, several dates, a sentence)."""
    match = re.fullmatch(r"\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*", answer)
    if match is None:
        return None
    month, day, year = (int(g) for g in match.groups())
    if year < 100:
        year += 2000 if year < 50 else 1900
    try:
        return date(year, month, day)
    except ValueError:
        return None


def label_parties(answer: str) -> list[str]:
    """The party names of a ``Parties-Answer``, in order, without their defined terms."""
    names = []
    for entry in answer.split(";"):
        name = re.sub(r"[\"“”][^\"“”]*[\"“”]", " ", entry)  # "Company", “Lender”
        while re.search(r"\([^()]*\)", name):
            name = re.sub(r"\([^()]*\)", " ", name)
        name = re.sub(r"[\"“”()]", " ", name)
        name = re.split(r",?\s+(?:on behalf of|including|f/s/o)\b", name)[0]
        name = " ".join(name.split()).strip(" ,.;:")
        if len(name) > 1 and not re.search(r"\b(?:collectively|individually|each)\b", name, re.I):
            names.append(name)
    return names


def read_labels(corpus: Path) -> list[Label]:
    with (corpus / "labels.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return [
        Label(
            filename=Path(row["Filename"]).name,
            agreement=label_date(row["Agreement Date-Answer"]),
            effective=label_date(row["Effective Date-Answer"]),
            expiry=label_date(row["Expiration Date-Answer"]),
            mfn=row["Most Favored Nation-Answer"].strip().lower() == "yes",
            parties=label_parties(row["Parties-Answer"]),
        )
        for row in rows
    ]


def is_dev(filename: str) -> bool:
    """The fixed split: dev when the first byte of the name's SHA-256 is even."""
    return hashlib.sha256(filename.encode("utf-8")).digest()[0] % 2 == 0


# ---------------------------------------------------------------------------- reading


def read_one(path: Path) -> Reading:
    started = time.perf_counter()
    try:
        terms = extract_contract(path.read_bytes(), path.name)
    except Exception as exc:  # a bench reports every failure and carries on
        return Reading(error=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - started)
    return reduce(terms, time.perf_counter() - started)


def reduce(terms: ContractTerms, seconds: float) -> Reading:
    from_term = any(
        c.kind == "validity" and c.params.get("expiry_basis") in ("term", "anniversary")
        for c in terms.clauses
    )
    return Reading(
        agreement=getattr(terms, "agreement_date", None),
        effective=terms.effective_date,
        expiry=terms.expiry_date,
        expiry_from_term=from_term,
        mfn=terms.mfn,
        parties=[p.name for p in terms.parties],
        seconds=seconds,
    )


# ---------------------------------------------------------------------------- scoring


def normalise_name(name: str) -> str:
    text = re.sub(r"[^\w\s]", " ", name.lower().replace("&", " and "))
    text = _LEGAL_FORMS.sub(" ", text)
    return " ".join(text.split())


def same_party(ours: str, theirs: str) -> bool:
    from rapidfuzz import fuzz

    a, b = normalise_name(ours), normalise_name(theirs)
    if not a or not b:
        return False
    if fuzz.token_sort_ratio(a, b) >= NAME_THRESHOLD:
        return True
    short, long = sorted((a.split(), b.split()), key=len)
    leading = long[: len(short)] == short
    return leading and (len(short) >= 2 or len(short[0]) >= 5)


def is_fragment(name: str) -> bool:
    """A clause fragment rather than a name: a clause number, a verb phrase, a sentence."""
    words = name.split()
    return (
        not normalise_name(name)
        or len(words) > 12
        or re.match(r"^\d+(?:\.\d+)*\.?\s", name) is not None
        or re.search(r"\b(?:between|entered|agreement|hereby|mellem|indgået)\b", name, re.I)
        is not None
    )


def parties_ok(ours: list[str], theirs: list[str]) -> bool:
    if len(theirs) < 2 or len(ours) < 2:
        return False
    main = theirs[:2]
    found = all(any(same_party(o, t) for o in ours) for t in main)
    clean = all(not is_fragment(o) and any(same_party(o, t) for t in theirs) for o in ours)
    return found and clean


def _same_date(got: date | None, want: date, tolerance: int) -> bool:
    return got is not None and abs((got - want).days) <= tolerance


def score(pairs: list[tuple[Label, Reading]]) -> dict[str, Tally]:
    tallies = {
        name: Tally()
        for name in ("agreement", "effective", "expiry", "mfn", "parties", "mfn recall",
                     "agreement: dates where none", "effective: dates where none",
                     "expiry: dates where none")
    }  # fmt: skip
    for label, got in pairs:
        name = label.filename
        for field_name in ("agreement", "effective", "expiry"):
            want: date | None = getattr(label, field_name)
            ours: date | None = getattr(got, field_name)
            if want is not None:
                tolerance = 1 if field_name == "expiry" and got.expiry_from_term else 0
                tallies[field_name].add(
                    _same_date(ours, want, tolerance), f"{name}: want {want}, got {ours}"
                )
            else:
                tallies[f"{field_name}: dates where none"].add(
                    ours is not None,
                    f"{name}: label has no date, got {ours}",
                    failed=ours is not None,
                )
        tallies["mfn"].add(got.mfn == label.mfn, f"{name}: want {label.mfn}, got {got.mfn}")
        if label.mfn:
            tallies["mfn recall"].add(got.mfn, f"{name}: MFN missed")
        tallies["parties"].add(
            parties_ok(got.parties, label.parties),
            f"{name}: want {label.parties[:2]}, got {got.parties}",
        )
    return tallies


def report(halves: dict[str, list[tuple[Label, Reading]]], verbose: bool) -> int:
    scored = {half: score(pairs) for half, pairs in halves.items()}
    print(f"{'metric':<30}" + "".join(f"{h:>16}" for h in scored) + "  target (dev)")
    missed = []
    for metric in scored["dev"]:
        cells = "".join(
            f"{t.share:>8.3f} ({t.right:>2}/{t.total:<3})"
            for t in (s[metric] for s in scored.values())
        )
        target = TARGETS.get(metric)
        verdict = ""
        if target is not None:
            ok = scored["dev"][metric].share >= target
            missed += [] if ok else [metric]
            verdict = f"  >= {target:.2f} {'ok' if ok else 'MISSED'}"
        print(f"{metric:<30}{cells}{verdict}")
    errors = [(label.filename, got.error) for label, got in halves["all"] if got.error]
    for filename, error in errors:
        print(f"error: {filename}: {error}")
    if verbose:
        for metric, tally in scored["dev"].items():
            if tally.failures and metric != "mfn recall":
                print(f"\n-- dev failures: {metric}")
                print("\n".join(f"  {failure}" for failure in tally.failures))
    return 1 if missed else 0


def run(corpus: Path, jobs: int, verbose: bool) -> int:
    labels = read_labels(corpus)
    paths = [corpus / "pdf" / label.filename for label in labels]
    started = time.perf_counter()
    readings: list[Reading]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            readings = list(pool.map(read_one, paths, chunksize=1))
    else:
        readings = [read_one(p) for p in paths]
    elapsed = time.perf_counter() - started
    pairs = list(zip(labels, readings, strict=True))
    halves: dict[str, list[tuple[Label, Reading]]] = {
        "dev": [p for p in pairs if is_dev(p[0].filename)],
        "held-out": [p for p in pairs if not is_dev(p[0].filename)],
        "all": pairs,
    }
    slowest_label, slowest = max(zip(labels, readings, strict=True), key=lambda p: p[1].seconds)
    print(f"{len(pairs)} contracts ({len(halves['dev'])} dev, {len(halves['held-out'])} "
          f"held-out) read in {elapsed:.1f} s with {jobs} process(es); slowest "
          f"{slowest.seconds:.1f} s ({slowest_label.filename})\n")  # fmt: skip
    return report(halves, verbose)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print the dev failures")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    args = parser.parse_args(argv)
    if not (args.corpus / "labels.csv").exists():
        print(f"no CUAD corpus at {args.corpus}", file=sys.stderr)
        return 2
    return run(args.corpus, args.jobs, args.verbose)


if __name__ == "__main__":
    sys.exit(main())
