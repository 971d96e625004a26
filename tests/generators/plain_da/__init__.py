"""Generator C (plain_da): hand-written contracts of the kinds Danish municipalities sign,
each with the truth a careful reader would write down, rendered with reportlab.

Independent of the extractor and of generators A (reportlab_da) and B (fpdf_mixed):
written without reading either. `generate(folder)` writes `<name>.pdf` and `<name>.json`
for every contract in `CONTRACTS` and returns (pdf, json, name) triples.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.generators.plain_da.contracts import CONTRACTS
from tests.generators.plain_da.render import A4, write_pdf

__all__ = ["CONTRACTS", "generate"]


def generate(folder: Path, names: list[str] | None = None) -> list[tuple[Path, Path, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for name in names or list(CONTRACTS):
        built = CONTRACTS[name]()
        title, story, truth = built[:3]
        pagesize = built[3] if len(built) > 3 else A4
        pdf, js = folder / f"{name}.pdf", folder / f"{name}.json"
        write_pdf(pdf, story, title, pagesize=pagesize, footer=title)
        record = {"name": name, "title": title, **truth}
        js.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", "utf-8")
        out.append((pdf, js, name))
    return out
