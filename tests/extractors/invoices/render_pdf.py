"""Writes the Danish PDF invoice fixture (tests/fixtures/invoices/golden/danish_invoice.pdf).

Run ``python -m tests.extractors.invoices.render_pdf`` to regenerate it; reportlab's
invariant mode makes the bytes the same on every run.
"""

from __future__ import annotations

import io
from pathlib import Path

FIXTURE = (
    Path(__file__).resolve().parents[2] / "fixtures" / "invoices" / "golden" / "danish_invoice.pdf"
)

ROWS = (
    ("Leverandøren A/S", 72, 780),
    ("Faktura", 72, 750),
    ("Fakturanr.: 2026-0042", 72, 720),
    ("Fakturadato: 15. januar 2026", 72, 705),
    ("Forfaldsdato: 14-02-2026", 72, 690),
    ("CVR-nr.: 12345678", 72, 675),
    ("Kunde: Aarhus Kommune, EAN 5798000416604", 72, 650),
)
TABLE = (
    ("Varenr.", "Beskrivelse", "Antal", "Enhedspris", "Beløb"),
    ("LIC-1", "Licens sagssystem", "12", "1.199,00", "14.388,00"),
    ("HR-1", "Konsulenttimer", "7,5", "950,00", "7.125,00"),
)
TOTALS = (
    ("Subtotal ekskl. moms", "21.513,00"),
    ("Moms 25%", "5.378,25"),
    ("I alt inkl. moms DKK", "26.891,25"),
)


def render() -> bytes:
    from reportlab.pdfgen import canvas

    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, invariant=1)
    pdf.setFont("Helvetica", 10)
    for text, x, y in ROWS:
        pdf.drawString(x, y, text)
    for row_no, row in enumerate(TABLE):
        y = 610 - row_no * 18
        for text, x in zip(row, (72, 130, 300, 350, 430), strict=True):
            pdf.drawString(x, y, text)
    for row_no, (label, amount) in enumerate(TOTALS):
        y = 540 - row_no * 16
        pdf.drawString(300, y, label)
        pdf.drawRightString(480, y, amount)
    pdf.drawString(72, 480, "Betalingsbetingelser: Netto 30 dage")
    pdf.save()
    return buffer.getvalue()


if __name__ == "__main__":
    FIXTURE.write_bytes(render())
    print(f"wrote {FIXTURE}")
