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
