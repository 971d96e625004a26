"""probe_office: contracts written as a municipality's Word document exported to PDF by
LibreOffice (python-docx -> soffice). See README.md for what varies and the truth conventions."""

from __future__ import annotations

import json
from pathlib import Path

from .render import SofficeMissing, convert, find_soffice, require_soffice

__all__ = [
    "SofficeMissing",
    "build",
    "find_soffice",
    "generate",
    "generate_many",
    "require_soffice",
]


def build(seed: int):
    """(stem, python-docx Document, truth dict) for ``seed``; needs python-docx."""
    from .document import build as _build

    return _build(seed)


def generate_many(
    out_dir, seeds, soffice: str | None = None, batch: int = 40
) -> list[tuple[Path, Path]]:
    """Write ``<stem>.docx``, ``<stem>.pdf`` and ``<stem>.truth.json`` for every seed.

    The Word files are written first and converted in batches (one soffice call each)."""
    exe = soffice or require_soffice()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    docs, pairs = [], []
    for seed in seeds:
        stem, doc, truth = build(seed)
        dpath = out / f"{stem}.docx"
        doc.save(dpath)
        tpath = out / f"{stem}.truth.json"
        tpath.write_text(json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        docs.append(dpath)
        pairs.append((out / f"{stem}.pdf", tpath))
    convert(docs, out, exe, batch=batch)
    return pairs


def generate(out_dir, seed: int, soffice: str | None = None) -> tuple[Path, Path]:
    return generate_many(out_dir, [seed], soffice)[0]
