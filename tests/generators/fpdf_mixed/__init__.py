"""Generator B: labelled contract PDFs written with fpdf2, independent of the extractor.

`generate(out_dir, seed=N)` writes `<layout>-<seed>-<n>.pdf` and its ground truth
`<layout>-<seed>-<n>.json` (schema: `truth.TruthSchema`) for every layout in `LAYOUTS`.
Each document draws everything (wording, order, names, amounts, dates, columns, fonts,
sizes, margins) from a generator seeded by layout, seed and number, so the same seed
always gives the same bytes, and different seeds give different documents.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from tests.generators.fpdf_mixed import (
    article_caps,
    framework_call_off,
    preamble_parties,
    short_purchase,
    tender_price_form,
)
from tests.generators.fpdf_mixed.pdfdoc import ContractPDF, output_bytes
from tests.generators.fpdf_mixed.truth import Truth, TruthSchema

_BUILDERS: dict[str, Callable[[random.Random], tuple[ContractPDF, Truth]]] = {
    tender_price_form.NAME: tender_price_form.build,
    preamble_parties.NAME: preamble_parties.build,
    article_caps.NAME: article_caps.build,
    short_purchase.NAME: short_purchase.build,
    framework_call_off.NAME: framework_call_off.build,
}
LAYOUTS: tuple[str, ...] = tuple(_BUILDERS)


def generate(out_dir: Path, *, seed: int, per_layout: int = 4) -> list[tuple[Path, Path, str]]:
    """Write `per_layout` documents of every layout for `seed` into `out_dir` (created if
    missing); return (pdf, json, layout) per document. Every truth is checked against the
    schema before it is written."""
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[tuple[Path, Path, str]] = []
    for layout, build in _BUILDERS.items():
        for n in range(1, per_layout + 1):
            rng = random.Random(f"fpdf_mixed/{layout}/{seed}/{n}")
            pdf, truth = build(rng)
            TruthSchema.model_validate_json(truth.dumps())
            stem = out_dir / f"{layout}-{seed}-{n}"
            pdf_path, json_path = stem.with_suffix(".pdf"), stem.with_suffix(".json")
            pdf_path.write_bytes(output_bytes(pdf))
            json_path.write_text(truth.dumps(), encoding="utf-8")
            written.append((pdf_path, json_path, layout))
    return written
