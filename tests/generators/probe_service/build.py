"""Generate seeds: build the spec, render the body (Word/LibreOffice or HTML/Chromium), render a
spreadsheet annex when the seed asks for one (Excel/LibreOffice Calc), join with pypdfium2."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from . import render_docx, render_html, render_xlsx
from .spec import build, cvr_ok


class RendererMissing(RuntimeError):
    pass


def soffice_bin() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def chromium_bin() -> str | None:
    for n in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        p = shutil.which(n)
        if p:
            return p
    return None


def needed_renderers(seeds) -> set[str]:
    need = set()
    for s in seeds:
        _, _, meta = build(s)
        need.add("soffice" if meta["renderer"] == "docx" or meta["placement"] == "xlsx" else "")
        if meta["renderer"] == "html":
            need.add("chromium")
    need.discard("")
    return need


def _soffice(files: list[Path], outdir: Path, tag: str) -> None:
    if not files:
        return
    sof = soffice_bin()
    if not sof:
        raise RendererMissing("LibreOffice (soffice) not found")
    profile = Path(tempfile.mkdtemp(prefix=f"sv_lo_{tag}_"))
    try:
        subprocess.run(
            [sof, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
             "--convert-to", "pdf", "--outdir", str(outdir)] + [str(f) for f in files],
            check=True, capture_output=True, timeout=600,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    for f in files:
        if not (outdir / (f.stem + ".pdf")).exists():
            raise RuntimeError(f"LibreOffice did not convert {f.name}")


def _chromium(html: Path, pdf: Path) -> None:
    chrome = chromium_bin()
    if not chrome:
        raise RendererMissing("Chromium not found")
    profile = Path(tempfile.mkdtemp(prefix="sv_chrome_"))
    try:
        subprocess.run(
            [chrome, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
             f"--user-data-dir={profile}", "--no-pdf-header-footer", "--no-first-run",
             f"--print-to-pdf={pdf}", html.resolve().as_uri()],
            check=True, capture_output=True, timeout=180,
        )  # fmt: skip
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    if not pdf.exists():
        raise RuntimeError(f"Chromium did not print {html.name}")


def _join(parts: list[Path], out: Path) -> None:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(parts[0]))
    for p in parts[1:]:
        other = pdfium.PdfDocument(str(p))
        doc.import_pages(other)
        other.close()
    doc.save(str(out))
    doc.close()


def stem(seed: int, lang: str) -> str:
    return f"sv_{seed:04d}_{lang}"


def generate(out_dir: Path, seeds, batch: int = 20, keep_src: bool = False) -> list[Path]:
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    seeds = list(seeds)
    written = []
    for i in range(0, len(seeds), batch):
        written += _batch(out_dir, seeds[i : i + batch], keep_src)
    return written


def _batch(out_dir: Path, seeds, keep_src: bool) -> list[Path]:
    work = Path(tempfile.mkdtemp(prefix="sv_work_"))
    try:
        body_docx, annex_xlsx, jobs = [], [], []
        for s in seeds:
            blocks, truth, meta = build(s)
            assert cvr_ok(truth["buyer"]["cvr"]) and cvr_ok(truth["vendor"]["cvr"])
            st = stem(s, meta["lang"])
            truth["file"] = st + ".pdf"
            inline_annex = meta["placement"] == "annex"
            if meta["renderer"] == "docx":
                src = work / f"{st}.docx"
                render_docx.render(blocks, meta, src, inline_annex)
                body_docx.append(src)
            else:
                src = work / f"{st}.html"
                render_html.render(blocks, meta, src, inline_annex)
            parts = [work / f"{st}.pdf"]
            if meta["placement"] == "xlsx":
                x = work / f"{st}_annex.xlsx"
                render_xlsx.render(meta, x)
                annex_xlsx.append(x)
                parts.append(work / f"{st}_annex.pdf")
            jobs.append((st, src, parts, truth))
        _soffice(body_docx, work, f"w{os.getpid()}")
        _soffice(annex_xlsx, work, f"c{os.getpid()}")
        written = []
        for st, src, parts, truth in jobs:
            if src.suffix == ".html":
                _chromium(src, parts[0])
            out_pdf = out_dir / f"{st}.pdf"
            if len(parts) == 1:
                shutil.copyfile(parts[0], out_pdf)
            else:
                _join(parts, out_pdf)
            (out_dir / f"{st}.truth.json").write_text(
                json.dumps(truth, ensure_ascii=False, indent=1), encoding="utf-8"
            )
            if keep_src:
                src_dir = out_dir / "src"
                src_dir.mkdir(exist_ok=True)
                shutil.copy(src, src_dir / src.name)
                x = src.with_name(f"{st}_annex.xlsx")
                if x.exists():
                    shutil.copy(x, src_dir / x.name)
            written.append(out_pdf)
        return written
    finally:
        shutil.rmtree(work, ignore_errors=True)
