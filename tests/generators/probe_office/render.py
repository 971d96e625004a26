"""Word -> PDF through LibreOffice, many files per soffice call, private profile per call."""

from __future__ import annotations

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path


class SofficeMissing(RuntimeError):
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


def require_soffice() -> str:
    exe = find_soffice()
    if not exe:
        raise SofficeMissing(
            "LibreOffice (soffice) was not found on PATH nor in /usr/lib/libreoffice or "
            "/opt/libreoffice*: probe_office exports its Word documents to PDF with "
            "'soffice --headless --convert-to pdf'. Install LibreOffice Writer "
            "(e.g. apt-get install libreoffice-writer) and try again."
        )
    return exe


def convert(
    docx_files: list[Path], out_dir: Path, soffice: str | None = None, batch: int = 40
) -> None:
    """Convert ``docx_files`` to PDFs in ``out_dir`` (``batch`` files per soffice call)."""
    exe = soffice or require_soffice()
    out_dir.mkdir(parents=True, exist_ok=True)
    for i in range(0, len(docx_files), batch):
        chunk = docx_files[i : i + batch]
        profile = tempfile.mkdtemp(prefix="probe_office_lo_")
        try:
            cmd = [
                exe,
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--norestore",
                "--nolockcheck",
                "--convert-to",
                "pdf:writer_pdf_Export",
                "--outdir",
                str(out_dir),
                *map(str, chunk),
            ]
            res = subprocess.run(cmd, capture_output=True, text=True, timeout=120 + 20 * len(chunk))
        finally:
            shutil.rmtree(profile, ignore_errors=True)
        missing = [d for d in chunk if not (out_dir / (d.stem + ".pdf")).exists()]
        if res.returncode != 0 or missing:
            raise RuntimeError(
                f"soffice failed (rc {res.returncode}); no PDF for {[m.name for m in missing]}\n"
                f"stdout: {res.stdout[-1500:]}\nstderr: {res.stderr[-1500:]}"
            )
