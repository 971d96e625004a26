"""Generator A: realistic labelled contract PDFs drawn with reportlab, with exact ground truth.

`generate(out_dir, seed=N)` writes `<layout>-<seed>-<n>.pdf` and a `.json` beside each
(the shared ground-truth schema, see `truth.py`), `per_layout` documents for every layout
in `LAYOUTS`. The same seed gives the same bytes; every document draws its own wording,
order, amounts, names, dates, columns, fonts, sizes and margins from the seed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from pathlib import Path
from random import Random

from . import layout_english, layout_k02, layout_prose, layout_tiers, layout_unruled
from .blocks import Document
from .render import render

_BUILDERS: dict[str, Callable[[Random], Document]] = {
    layout_k02.LAYOUT: layout_k02.build,
    layout_unruled.LAYOUT: layout_unruled.build,
    layout_tiers.LAYOUT: layout_tiers.build,
    layout_prose.LAYOUT: layout_prose.build,
    layout_english.LAYOUT: layout_english.build,
}
LAYOUTS: tuple[str, ...] = tuple(_BUILDERS)


def build_document(layout: str, seed: int, n: int) -> tuple[bytes, dict[str, object]]:
    """The PDF bytes and ground truth of document `n` of `layout` for `seed`."""
    rng = Random(f"reportlab_da:{layout}:{seed}:{n}")
    doc = _BUILDERS[layout](rng)
    pdf, _pages = render(doc.blocks, doc.style)
    return pdf, doc.truth.as_json()


def generate(
    out_dir: Path, *, seed: int, per_layout: int = 4, layouts: Sequence[str] | None = None
) -> list[tuple[Path, Path, str]]:
    """Write `per_layout` documents per layout (default: all) into `out_dir`.

    Returns (pdf path, json path, layout) per document, in layout order.
    """
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for layout in layouts or LAYOUTS:
        for n in range(1, per_layout + 1):
            pdf, truth = build_document(layout, seed, n)
            stem = out_dir / f"{layout}-{seed}-{n}"
            pdf_path, json_path = stem.with_suffix(".pdf"), stem.with_suffix(".json")
            pdf_path.write_bytes(pdf)
            json_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2) + "\n", "utf-8")
            written.append((pdf_path, json_path, layout))
    return written
