"""Property: whatever the bytes, the parsers return invoices or raise ParseError, nothing else."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extractors.errors import ParseError
from extractors.invoices import invoice_to_dict, iter_invoices
from tests.extractors.invoices.ubl_samples import CII, ubl

GOLDEN_PDF = (
    Path(__file__).resolve().parents[2] / "fixtures" / "invoices" / "golden" / "danish_invoice.pdf"
)
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
UBL = ubl()
VALUES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            "-1",
            "0",
            "1e999",
            "NaN",
            "Infinity",
            "1,5",
            "2026-02-30",
            "99999999999999999999999999999999999",
        ]
    ),
)


def _parse_all(data: bytes, name: str) -> None:
    try:
        for invoice in iter_invoices(data, name):
            invoice_to_dict(invoice)
    except ParseError as exc:
        assert exc.file is not None and name in exc.file


def _mutate(data: bytes, cuts: list[tuple[int, bytes]]) -> bytes:
    out = bytearray(data)
    for position, junk in cuts:
        at = position % (len(out) + 1)
        out[at : at + len(junk)] = junk
    return bytes(out)


MUTATIONS = st.lists(
    st.tuples(st.integers(0, 1 << 20), st.binary(min_size=1, max_size=8)), max_size=4
)


@FUZZ
@given(cuts=MUTATIONS, truncate=st.integers(0, len(UBL)))
def test_ubl_bytes_raise_only_parse_errors(cuts: list[tuple[int, bytes]], truncate: int) -> None:
    _parse_all(_mutate(UBL, cuts)[: truncate or None], "fuzz.xml")


@FUZZ
@given(amount=VALUES, quantity=VALUES, base=VALUES, date=VALUES)
def test_ubl_values_raise_only_parse_errors(
    amount: str, quantity: str, base: str, date: str
) -> None:
    from xml.sax.saxutils import escape

    data = (
        UBL.replace(b">1199.00</cbc:PriceAmount>", f">{escape(amount)}</cbc:PriceAmount>".encode())
        .replace(
            b'"MON">12</cbc:InvoicedQuantity>',
            f'"MON">{escape(quantity)}</cbc:InvoicedQuantity>'.encode(),
        )
        .replace(
            b'"MON">12</cbc:BaseQuantity>', f'"MON">{escape(base)}</cbc:BaseQuantity>'.encode()
        )
        .replace(b">2026-01-31<", f">{escape(date)}<".encode())
    )
    _parse_all(data, "values.xml")


@FUZZ
@given(cuts=MUTATIONS, truncate=st.integers(0, len(CII)))
def test_cii_bytes_raise_only_parse_errors(cuts: list[tuple[int, bytes]], truncate: int) -> None:
    _parse_all(_mutate(CII, cuts)[: truncate or None], "fuzz-cii.xml")


@FUZZ
@given(amount=VALUES, quantity=VALUES, date=VALUES)
def test_cii_values_raise_only_parse_errors(amount: str, quantity: str, date: str) -> None:
    from xml.sax.saxutils import escape

    data = (
        CII.replace(b">950.00<", f">{escape(amount)}<".encode())
        .replace(b'"HUR">2<', f'"HUR">{escape(quantity)}<'.encode())
        .replace(b">20260214<", f">{escape(date)}<".encode())
    )
    _parse_all(data, "values-cii.xml")


HEADER = "invoice_number;issue_date;supplier_cvr;description;quantity;unit_price;vat_percent\n"
CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=10)


@FUZZ
@given(
    rows=st.lists(st.lists(CELL, min_size=0, max_size=9), max_size=6),
    delimiter=st.sampled_from([";", ",", "\t"]),
)
def test_csv_rows_raise_only_parse_errors(rows: list[list[str]], delimiter: str) -> None:
    body = "\n".join(delimiter.join(row) for row in rows)
    _parse_all((HEADER.replace(";", delimiter) + body).encode(), "fuzz.csv")


@FUZZ
@given(data=st.binary(max_size=400))
def test_csv_bytes_raise_only_parse_errors(data: bytes) -> None:
    _parse_all(HEADER.encode() + data, "fuzz-bytes.csv")


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)
@given(cuts=MUTATIONS)
def test_pdf_bytes_raise_only_parse_errors(cuts: list[tuple[int, bytes]]) -> None:
    _parse_all(_mutate(GOLDEN_PDF.read_bytes(), cuts), "fuzz.pdf")


@settings(max_examples=25, deadline=None, database=None)
@given(data=st.binary(max_size=300))
def test_random_pdf_bytes_raise_only_parse_errors(data: bytes) -> None:
    _parse_all(b"%PDF-1.7\n" + data, "random.pdf")
