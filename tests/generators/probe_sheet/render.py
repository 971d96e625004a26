"""LibreOffice conversion (Word and Calc to PDF, many files per soffice call, a private profile
per call with the office's locale), and joining the body and appendix PDFs."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

LOCALES = {"da": "da-DK", "en": "en-US"}
_XCU = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>{loc}</value></prop></item>
<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooLocale" oor:op="fuse"><value>{loc}</value></prop></item>
</oor:items>
"""


class SofficeMissing(RuntimeError):
    pass


class CalcMissing(RuntimeError):
    pass


def find_soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        exe = shutil.which(name)
        if exe:
            return exe
    for cand in (
        "/usr/bin/soffice",
        "/usr/lib/libreoffice/program/soffice",
        "/opt/libreoffice/program/soffice",
        *sorted(glob.glob("/opt/libreoffice*/program/soffice")),
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    ):
        if os.path.isfile(cand) and os.access(cand, os.X_OK):
            return cand
    return None


def calc_installed(exe: str) -> bool:
    """LibreOffice Calc is a separate package on Debian (libreoffice-calc[-nogui])."""
    prog = Path(os.path.realpath(exe)).parent
    dirs = [prog, Path("/usr/lib/libreoffice/program"), prog.parent / "Frameworks"]
    dirs += [Path(p) for p in glob.glob("/opt/libreoffice*/program")]
    if any(any(d.glob("libsclo.*")) for d in dirs if d.is_dir()):
        return True
    # no Calc library: missing if this is a layout we know (Writer's library is there)
    return not any(any(d.glob("libswlo.*")) for d in dirs if d.is_dir())


def require_soffice() -> str:
    exe = find_soffice()
    if not exe:
        raise SofficeMissing(
            "LibreOffice (soffice) was not found on PATH nor in /usr/lib/libreoffice or "
            "/opt/libreoffice*: probe_sheet prints its Word bodies and Excel price lists to PDF with "
            "'soffice --headless --convert-to pdf'. Install LibreOffice Writer and Calc (e.g. "
            "apt-get install --no-install-recommends libreoffice-writer-nogui "
            "libreoffice-calc-nogui) and try again."
        )
    if not calc_installed(exe):
        raise CalcMissing(
            f"LibreOffice was found ({exe}) but not its spreadsheet component (Calc): probe_sheet "
            "prints its .xlsx price lists with it. Install it, e.g. apt-get install "
            "--no-install-recommends libreoffice-calc-nogui."
        )
    return exe


def convert(
    files: list[Path], out_dir: Path, lang: str, soffice: str | None = None, batch: int = 40
):
    """Convert .docx/.xlsx ``files`` to PDFs in ``out_dir``; the profile's locale is the office's
    (da-DK or en-US), which is how Calc shows numbers whose format names no locale."""
    exe = soffice or require_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(files), batch):
        chunk = files[i : i + batch]
        profile = tempfile.mkdtemp(prefix="probe_sheet_lo_")
        try:
            (Path(profile) / "user").mkdir()
            (Path(profile) / "user" / "registrymodifications.xcu").write_text(
                _XCU.format(loc=LOCALES[lang]), encoding="utf-8"
            )
            cmd = [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "pdf",
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + 20 * len(chunk))
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        missing = [f for f in chunk if not (out_dir / (f.stem + ".pdf")).exists()]
        if res.returncode != 0 or missing:
            raise RuntimeError(
                f"soffice failed (rc {res.returncode}); no PDF for {[m.name for m in missing]}\n"
                f"stdout: {res.stdout[-1500:]}\nstderr: {res.stderr[-1500:]}"
            )


def join_pdfs(parts: list[Path], dest: Path) -> int:
    """Concatenate ``parts`` into ``dest`` (pypdfium2); returns the page count."""
    import pypdfium2 as pdfium

    out = pdfium.PdfDocument.new()
    srcs = []
    for p in parts:
        src = pdfium.PdfDocument(str(p))
        srcs.append(src)
        out.import_pages(src)
    n = len(out)
    out.save(str(dest))
    out.close()
    for s in srcs:
        s.close()
    return n
