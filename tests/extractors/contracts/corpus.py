"""A labelled corpus of generated contract PDFs: each ``<name>.pdf`` with ``<name>.json``.

The JSON beside each PDF is the contract's ground truth in the ``terms_to_dict``
shape (``page`` null). Seeded: the same seed gives the same files. About 10 ms a
contract, so the tests generate it into a temporary directory per session.

    python -m tests.extractors.contracts.corpus OUT_DIR [--per-layout 7] [--seed 2026]
    python -m tests.extractors.contracts.corpus --golden tests/fixtures/contracts
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from pathlib import Path

from monitor.demo.contract_pdf import LAYOUTS, random_contract_spec, render_contract_pdf

DEFAULT_SEED = 2026
DEFAULT_PER_LAYOUT = 7


@dataclass(frozen=True, slots=True)
class CorpusEntry:
    """One generated contract: its PDF, its ground-truth JSON and its layout."""

    pdf: Path
    truth: Path
    layout: str

    def truth_dict(self) -> dict[str, object]:
        result: dict[str, object] = json.loads(self.truth.read_text("utf-8"))
        return result


def generate_corpus(
    out_dir: Path, *, per_layout: int = DEFAULT_PER_LAYOUT, seed: int = DEFAULT_SEED
) -> list[CorpusEntry]:
    """Write ``per_layout`` contracts of every layout into ``out_dir`` (created)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    entries = []
    for n in range(per_layout):
        for layout in LAYOUTS:
            spec = random_contract_spec(rng, layout=layout)
            name = f"{layout}-{n + 1:02d}"
            pdf, truth = out_dir / f"{name}.pdf", out_dir / f"{name}.json"
            pdf.write_bytes(render_contract_pdf(spec, layout=layout))
            truth.write_text(json.dumps(spec.ground_truth(), ensure_ascii=False, indent=2) + "\n")
            entries.append(CorpusEntry(pdf, truth, layout))
    return entries


def read_corpus(directory: Path) -> list[CorpusEntry]:
    """The entries of a corpus written earlier (every PDF with a JSON beside it)."""
    return [
        CorpusEntry(pdf, pdf.with_suffix(".json"), pdf.stem.rsplit("-", 1)[0])
        for pdf in sorted(directory.glob("*.pdf"))
        if pdf.with_suffix(".json").exists()
    ]


def write_golden(out_dir: Path, *, seed: int = 7) -> list[Path]:
    """One small contract per layout with the extractor's full output as expected JSON.

    Refuses to write a golden file whose extraction disagrees with the ground truth:
    golden files pin correct behaviour, not whatever the extractor did.
    """
    from extractors.contracts import extract_contract, terms_to_dict

    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    written = []
    for layout in LAYOUTS:
        spec = random_contract_spec(rng, layout=layout)
        data = render_contract_pdf(spec, layout=layout)
        got = terms_to_dict(extract_contract(data, f"{layout}.pdf"))
        if without_positions(got) != without_positions(spec.ground_truth()):
            raise SystemExit(f"{layout}: extraction differs from the ground truth; not written")
        (out_dir / f"{layout}.pdf").write_bytes(data)
        expected = out_dir / f"{layout}.json"
        expected.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n")
        written.append(expected)
    return written


def rows(terms: dict[str, object], key: str) -> list[dict[str, object]]:
    """``terms[key]`` (``price_terms`` or ``parties``) as the list of dicts it is."""
    value = terms[key]
    assert isinstance(value, list)
    return value


def without_positions(terms: dict[str, object]) -> dict[str, object]:
    """``terms`` with each price term's ``page`` and ``confidence`` left out."""
    prices = terms.get("price_terms") or []
    assert isinstance(prices, list)
    stripped = [{k: v for k, v in t.items() if k not in ("page", "confidence")} for t in prices]
    return {**terms, "price_terms": stripped}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--per-layout", type=int, default=DEFAULT_PER_LAYOUT)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--golden", action="store_true", help="write the golden fixtures")
    args = parser.parse_args()
    if args.golden:
        print("\n".join(str(p) for p in write_golden(args.out_dir)))
        return
    entries = generate_corpus(args.out_dir, per_layout=args.per_layout, seed=args.seed)
    print(f"{len(entries)} contracts written to {args.out_dir}")


if __name__ == "__main__":
    main()
