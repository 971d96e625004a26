"""probe_html: independent generator of Word-like contract PDFs, written as HTML+CSS and printed
by headless Chromium, with ground truth in probe_mixed's truth format.

    generate(out_dir, seed) -> [pdf_path, truth_path]
    generate_all(out_dir, seeds=range(15)) -> list of paths

CLI:  python -m tests.generators.probe_html OUT_DIR N [--start S]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .spec import build

__all__ = ["build", "find_chromium", "generate", "generate_all", "render_pdf"]

_CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")


def find_chromium() -> str | None:
    env = os.environ.get("PROBE_HTML_CHROMIUM")
    if env and Path(env).exists():
        return env
    for name in _CANDIDATES:
        p = shutil.which(name)
        if p:
            return p
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def render_pdf(html_text: str, pdf: Path, chromium: str | None = None) -> None:
    chromium = chromium or find_chromium()
    if not chromium:
        raise RuntimeError("probe_html needs Chromium (chromium / google-chrome) on PATH")
    pdf = Path(pdf).resolve()
    with tempfile.TemporaryDirectory(prefix="probe_html_") as tmp:
        src = Path(tmp) / "contract.html"
        src.write_text(html_text, encoding="utf-8")
        if pdf.exists():
            pdf.unlink()
        cmd = [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",  # older Chromium spelling; newer ignores it
            f"--user-data-dir={tmp}/profile",
            f"--print-to-pdf={pdf}",
            src.as_uri(),
        ]
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
        if not pdf.exists() or pdf.stat().st_size == 0:
            raise RuntimeError(
                f"Chromium did not write {pdf}: rc={out.returncode} {out.stderr[-1500:]}"
            )


def generate(
    out_dir: Path, seed: int, chromium: str | None = None, keep_html: bool = False
) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    doc, truth = build(seed)
    stem = f"probe_html_{seed}"
    pdf = out_dir / f"{stem}.pdf"
    render_pdf(doc, pdf, chromium)
    if keep_html:
        (out_dir / f"{stem}.html").write_text(doc, encoding="utf-8")
    truth["file"] = pdf.name
    tpath = out_dir / f"{stem}.truth.json"
    tpath.write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    return [pdf, tpath]


def generate_all(out_dir: Path, seeds=range(15), keep_html: bool = False) -> list[Path]:
    chromium = find_chromium()
    paths: list[Path] = []
    for s in seeds:
        paths += generate(out_dir, s, chromium, keep_html)
    return paths
