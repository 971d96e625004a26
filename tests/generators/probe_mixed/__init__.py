"""probe_mixed: independent generator of realistic Danish/English public-sector contract PDFs
with ground truth, for probing ``prisvagt extract`` on unseen documents.

    generate(out_dir, seed) -> [pdf_path, truth_path]
    generate_all(out_dir, seeds=range(15)) -> list of paths

CLI:  python -m tests.generators.probe_mixed OUT_DIR [N]
"""

from __future__ import annotations

import json
from pathlib import Path

from .render import render
from .spec import build

__all__ = ["generate", "generate_all"]


def generate(out_dir: Path, seed: int) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    blocks, truth, meta = build(seed)
    stem = f"probe_{seed:02d}_{truth['language']}_{meta['renderer']}"
    pdf = out_dir / f"{stem}.pdf"
    render(blocks, meta, pdf)
    truth["file"] = pdf.name
    tpath = out_dir / f"{stem}.truth.json"
    tpath.write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    return [pdf, tpath]


def generate_all(out_dir: Path, seeds=range(15)) -> list[Path]:
    paths: list[Path] = []
    for s in seeds:
        paths += generate(out_dir, s)
    return paths
