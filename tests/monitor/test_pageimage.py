"""Finding a term's evidence text on a contract page: what differences are tolerated,
and when nothing is highlighted rather than the wrong place."""

from __future__ import annotations

import io

import pytest

from monitor.contracts.pageimage import locate


def _page(*lines: tuple[float, str]) -> bytes:
    """One A4 page with each ``(baseline from the top, text)`` drawn at x=72."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    pdf.setFont("Helvetica", 11)
    for top, text in lines:
        pdf.drawString(72, A4[1] - top, text)
    pdf.showPage()
    pdf.save()
    return buf.getvalue()


WRAPPED = _page(
    (100, "Indledning og baggrund for aftalen om drift."),
    (200, "3.2 Bruger-"),
    (214, "licens pr. bruger pr. måned: 100,00 kr."),
    (300, "Betaling: 30 dage netto."),
    (320, "Betaling: 30 dage netto."),
)


@pytest.mark.parametrize(
    ("evidence", "lines"),
    [
        # one line, with other spacing and case
        ("INDLEDNING  og baggrund for aftalen", 1),
        # a word hyphenated at a line end, stored whole and with one space
        ("3.2 Brugerlicens pr. bruger pr. måned: 100,00 kr.", 2),
        # stored with a line break and the hyphen
        ("3.2 Bruger-\nlicens pr. bruger", 2),
    ],
)
def test_it_finds_text_across_whitespace_hyphens_and_case(evidence: str, lines: int) -> None:
    found = locate(WRAPPED, 1, evidence)
    assert found.found and found.reason is None
    assert len(found.boxes) == lines
    first = found.boxes[0]
    assert first.x0 < 75 < first.x1  # starts at the left margin, where it was drawn


def test_the_boxes_stand_where_the_lines_were_drawn() -> None:
    found = locate(WRAPPED, 1, "3.2 Brugerlicens pr. bruger pr. måned: 100,00 kr.")
    tops = [round(b.top) for b in found.boxes]
    bottoms = [round(b.bottom) for b in found.boxes]
    # baselines 200 and 214 points from the top, 11 point type
    assert 185 <= tops[0] <= 192 and 200 <= bottoms[0] <= 206
    assert 199 <= tops[1] <= 206 and 214 <= bottoms[1] <= 220


@pytest.mark.parametrize(
    ("evidence", "reason"),
    [
        ("3.2 Brugerlicens pr. bruger pr. måned: 95,00 kr.", "not_found"),
        ("Betaling: 30 dage netto", "ambiguous"),
        ("30 dage", "too_short"),
        ("", "too_short"),
        (None, "too_short"),
    ],
)
def test_it_highlights_nothing_rather_than_a_guess(evidence: str | None, reason: str) -> None:
    found = locate(WRAPPED, 1, evidence)
    assert not found.found and found.boxes == ()
    assert found.reason == reason


def test_a_page_outside_the_document_is_not_found() -> None:
    from monitor.errors import NotFound

    with pytest.raises(NotFound, match="page 2 does not exist"):
        locate(WRAPPED, 2, "Indledning og baggrund")


TABLE = _page(
    (100, "Pos. Ydelse Afregningsenhed Pris pr. enhed"),
    (120, "KD-1010 Sagssystem, licens 0-1.000 brugere pr. bruger pr. måned 454,00"),
    (140, "KD-1010 Sagssystem, licens over 1.000 brugere pr. bruger pr. måned 415,00"),
)


def test_a_row_stored_under_its_header_is_found_by_the_row_alone() -> None:
    evidence = (
        "Pos. | Ydelse | Afregningsenhed | Pris pr. enhed\n"
        "KD-1010 | Sagssystem, licens | over 1.000 brugere | pr. bruger pr. måned | 415,00"
    )
    found = locate(TABLE, 1, evidence)
    assert found.found and len(found.boxes) == 1
    assert 125 <= found.boxes[0].top <= 132  # the second row (baseline 140), not the first


def test_a_row_not_on_the_page_is_not_replaced_by_its_header() -> None:
    evidence = "Pos. | Ydelse | Afregningsenhed | Pris pr. enhed\nKD-9999 | Andet | 1,00"
    assert locate(TABLE, 1, evidence).reason == "not_found"


# ------------------------------------------------------------- rotated and shifted pages
SHIFTED_CLAUSE = "4.2 Drift og hosting pr. server pr. måned: 227,00 kr."


def _turned(*, clause: bool, rotation: int = 0, mediabox=None, cropbox=None) -> bytes:  # type: ignore[no-untyped-def]
    """One page drawn at fixed places of its own coordinates (the clause at y=700,
    another paragraph at y=400; ``clause=False`` leaves the clause out), then given a
    ``/Rotate``, a MediaBox or a CropBox with pypdfium2 and saved."""
    import pypdfium2 as pdfium
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=(800, 1100))
    pdf.setFont("Helvetica", 12)
    if clause:
        pdf.drawString(180, 700, SHIFTED_CLAUSE)
    pdf.drawString(180, 400, "Bilag 2 Priserne gælder fra ikrafttrædelsen.")
    pdf.showPage()
    pdf.save()
    doc = pdfium.PdfDocument(buf.getvalue())
    page = doc[0]
    if mediabox:
        page.set_mediabox(*mediabox)
    if cropbox:
        page.set_cropbox(*cropbox)
    if rotation:
        page.set_rotation(rotation)
    out = io.BytesIO()
    doc.save(out)
    doc.close()
    return out.getvalue()


def _changed(a: bytes, b: bytes) -> tuple[int, int, int, int] | None:
    """The pixels in which two PNGs differ, as a bounding box."""
    from PIL import Image, ImageChops

    first = Image.open(io.BytesIO(a)).convert("RGB")
    second = Image.open(io.BytesIO(b)).convert("RGB")
    assert first.size == second.size
    return ImageChops.difference(first, second).getbbox()


@pytest.mark.parametrize(
    "page",
    [
        {},
        {"rotation": 90},
        {"rotation": 180},
        {"rotation": 270},
        {"mediabox": (100, 200, 700, 1000)},
        {"cropbox": (50, 300, 650, 900)},
        {"rotation": 90, "mediabox": (100, 200, 700, 1000)},
        {"rotation": 270, "mediabox": (120, 250, 760, 1050), "cropbox": (150, 300, 700, 900)},
    ],
    ids=lambda p: "-".join(f"{k}{v}" for k, v in p.items()) or "plain",
)
def test_the_highlight_lands_on_the_texts_pixels_on_turned_and_shifted_pages(
    page: dict[str, object],
) -> None:
    """The clause's pixels are where the page with the clause differs from the same
    page without it; the highlight's are where the highlighted picture differs from the
    plain one. The highlight covers every pixel of the clause and little more."""
    from PIL import Image

    from monitor.contracts.pageimage import SCALE, render_page

    data = _turned(clause=True, **page)  # type: ignore[arg-type]
    plain = render_page(data, 1)
    text = _changed(plain, render_page(_turned(clause=False, **page), 1))  # type: ignore[arg-type]
    assert text is not None
    found = locate(data, 1, SHIFTED_CLAUSE)
    assert found.found and len(found.boxes) == 1
    lit = _changed(plain, render_page(data, 1, found.boxes))
    assert lit is not None
    slack = 6 * SCALE  # the box's room around the letters, in pixels
    assert lit[0] <= text[0] and lit[1] <= text[1], (lit, text)
    assert lit[2] >= text[2] and lit[3] >= text[3], (lit, text)
    assert text[0] - lit[0] <= slack and text[1] - lit[1] <= slack, (lit, text)
    assert lit[2] - text[2] <= slack and lit[3] - text[3] <= slack, (lit, text)
    # the highlight's colour where the clause has no ink ...
    lit_picture = Image.open(io.BytesIO(render_page(data, 1, found.boxes))).convert("RGB")
    plain_picture = Image.open(io.BytesIO(plain)).convert("RGB")
    inner = (lit[0] + 4, lit[1] + 4, lit[2] - 4, lit[3] - 4)  # within the outline
    paper = [
        lit_picture.getpixel((x, y))
        for x in range(inner[0], inner[2])
        for y in range(inner[1], inner[3])
        if plain_picture.getpixel((x, y)) == (255, 255, 255)
    ]
    yellow = [p for p in paper if p[0] > 245 and 200 < p[1] < 250 and p[2] < 180]  # type: ignore[index]
    assert paper and len(yellow) == len(paper)
    # ... and none on the other paragraph
    bare = Image.open(io.BytesIO(render_page(_turned(clause=False, **page), 1)))  # type: ignore[arg-type]
    ink = bare.convert("L").point(lambda v: 255 if v < 128 else 0).getbbox()
    assert ink is not None
    apart = ink[2] <= lit[0] or lit[2] <= ink[0] or ink[3] <= lit[1] or lit[3] <= ink[1]
    assert apart, (ink, lit)
