"""CSV invoices: profiles, Danish and English numbers, streaming one invoice at a time."""

from __future__ import annotations

import gzip
import os
import tracemalloc
from decimal import Decimal
from pathlib import Path

import pytest

from extractors.errors import ParseError
from extractors.invoices import detect_format, iter_invoices, parse_invoice
from tests.shared_corpus import SHARED

SCALE = SHARED / "corpus" / "scale"
RETAIL = SCALE / "online_retail_dec2010_28k.csv.gz"
IN_CI = os.environ.get("CI", "").lower() == "true"

DANISH = """invoice_number;issue_date;due_date;supplier_cvr;supplier_name;buyer_ean;item_id;description;quantity;unit_code;unit_price;base_quantity;vat_percent
F-1;01-01-2026;31-01-2026;DK12345678;Leverandøren A/S;5798000416604;LIC-1;Licens;1.200;EA;1.199,00;12;25
F-1;01-01-2026;31-01-2026;DK12345678;Leverandøren A/S;5798000416604;HR-1;Konsulenttimer;2,5;HUR;950,00;;25
F-2;02-01-2026;01-02-2026;12345678;Leverandøren A/S;5798000416604;LIC-1;Licens;-12;EA;99,50;;25
"""


def _retail() -> Path:
    if not RETAIL.is_file():
        message = f"the scale corpus is not at {RETAIL.resolve()}"
        if IN_CI:
            pytest.fail(f"{message} (CI=true: the corpus must be present)")
        pytest.skip(message)
    return RETAIL


def test_it_reads_the_prisvagt_profile_with_danish_numbers() -> None:
    invoices = list(iter_invoices(DANISH.encode(), "eksport.csv"))
    assert [i.number for i in invoices] == ["F-1", "F-2"]
    first = invoices[0]
    assert first.format == "csv"
    assert first.supplier.cvr == "12345678" and first.buyer.ean == "5798000416604"
    licence, hours = first.lines
    assert licence.quantity == Decimal("1200")  # "1.200" is Danish thousands
    assert licence.unit_price == Decimal("99.9166666667")  # 1.199,00 per 12
    assert licence.line_amount == Decimal("119900.00")
    assert hours.quantity == Decimal("2.5") and hours.line_amount == Decimal("2375.00")
    assert first.totals.tax == Decimal("30568.75")
    assert first.totals.payable == Decimal("152843.75")
    assert first.payment_days == 30
    assert first.warnings == []


def test_it_reads_english_numbers_with_a_comma_delimiter() -> None:
    data = (
        "invoice_number,issue_date,supplier_cvr,description,quantity,unit_price\n"
        '7,2026-03-01,12345678,"Drift, månedlig",1,"12,500.00"\n'
    ).encode()
    parsed = parse_invoice(data, "export.csv")
    assert parsed.lines[0].description == "Drift, månedlig"
    assert parsed.lines[0].unit_price == Decimal("12500.00")


def test_it_reads_a_credit_note_from_the_document_type_column() -> None:
    data = (
        b"invoice_number;document_type;issue_date;supplier_cvr;description;quantity;unit_price\n"
        b"K-1;credit_note;2026-03-01;12345678;Licens;-2;100,00\n"
    )
    parsed = parse_invoice(data, "k.csv")
    assert parsed.document_type == "credit_note"
    assert parsed.totals.payable == Decimal("-200.00")


def test_a_credit_note_names_the_invoice_it_credits_in_its_own_column() -> None:
    """``credits`` (or a Danish export's "Krediteret faktura"): the invoice the note is
    set off against; an invoice's own value there is no credit."""
    for column in ("credits", "Krediteret faktura"):
        data = (
            f"invoice_number;document_type;issue_date;supplier_cvr;description;quantity;"
            f"unit_price;{column}\n"
            "K-2;credit_note;2026-03-01;12345678;Licens;-2;100,00;F-1040\n"
            "F-1041;invoice;2026-03-02;12345678;Licens;2;100,00;F-1040\n"
        ).encode()
        note, invoice = iter_invoices(data, "k.csv")
        assert (note.document_type, note.credits) == ("credit_note", "F-1040"), column
        assert (invoice.document_type, invoice.credits) == ("invoice", None), column


def test_it_warns_when_an_invoice_number_comes_back_later() -> None:
    data = DANISH + "F-1;01-01-2026;31-01-2026;12345678;L;5798000416604;X;Ekstra;1;EA;1,00;;25\n"
    invoices = list(iter_invoices(data.encode(), "x.csv"))
    assert [i.number for i in invoices] == ["F-1", "F-2", "F-1"]
    assert any("appears again at line 5" in w for w in invoices[2].warnings)


def test_it_names_the_line_and_column_of_a_bad_number() -> None:
    data = DANISH.replace("2,5;HUR", "to;HUR").encode()
    with pytest.raises(ParseError, match=r"bad\.csv, line 3, field quantity: not a number: 'to'"):
        list(iter_invoices(data, "bad.csv"))


def test_it_detects_csv_by_content_and_by_name() -> None:
    assert detect_format(DANISH.encode(), "eksport.txt") == "csv"
    assert detect_format(b"a;b;c\n1;2;3\n", "noname") == "csv"


def test_it_streams_the_online_retail_file_with_its_profile() -> None:
    invoices = lines = credits = 0
    for inv in iter_invoices(_retail()):
        invoices += 1
        lines += len(inv.lines)
        credits += inv.document_type == "credit_note"
    assert (invoices, lines) == (1275, 28492)
    assert credits > 0


def test_it_reads_online_retail_prices_and_credit_notes() -> None:
    data = (
        b"InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,TotalPrice\n"
        b"536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/10 8:26,2.55,17850,United Kingdom,15.3\n"
        b"C536379,D,Discount,-1,12/1/10 9:41,27.5,14527,United Kingdom,-27.5\n"
    )
    first, credit = iter_invoices(data, "retail.csv")
    assert first.currency == "GBP" and first.issue_date.isoformat() == "2010-12-01"
    assert first.lines[0].line_amount == Decimal("15.3")
    assert credit.document_type == "credit_note"
    assert credit.lines[0].quantity == Decimal("-1") and credit.lines[0].unit_price == Decimal(
        "27.5"
    )


def _write_invoices(path: Path, count: int) -> Path:
    with gzip.open(path, "wt", encoding="utf-8") as out:
        out.write("invoice_number;issue_date;supplier_cvr;description;quantity;unit_price\n")
        for n in range(count):
            for line in range(5):
                out.write(f"F-{n};2026-01-01;12345678;Ydelse {line};{line + 1};1.234,50\n")
    return path


def test_it_reads_a_csv_in_constant_memory(tmp_path: Path) -> None:
    def peak(path: Path) -> int:
        tracemalloc.start()
        for _ in iter_invoices(path):
            pass
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        return top

    small = peak(_write_invoices(tmp_path / "small.csv.gz", 100))
    large = peak(_write_invoices(tmp_path / "large.csv.gz", 800))
    assert large < small * 1.5 + 256 * 1024, (small, large)


def test_it_yields_the_first_invoices_before_reading_the_rest(tmp_path: Path) -> None:
    path = tmp_path / "cut.csv"
    path.write_bytes(DANISH.encode() + b"F-3;bad date;12345678;X;X;X;X;X;1;EA;1,00;;25\n")
    stream = iter_invoices(path)
    assert next(stream).number == "F-1"
    assert next(stream).number == "F-2"
    with pytest.raises(ParseError, match=r"cut\.csv, line 5, field issue_date: not a date"):
        next(stream)


def test_it_reads_a_danish_export_by_its_column_names() -> None:
    data = (
        "\ufeffFakturanr.;Fakturadato;Forfaldsdato;CVR-nr.;EAN;Varenr.;Beskrivelse;Antal;"
        "Enhed;Enhedspris;Beløb;Moms %\n"
        "2026-7;14-03-2026;13-04-2026;12345678;5798000000001;L-1;Licens;12;stk;1.450,00;"
        "17.400,00;25\n"
        "2026-7;14-03-2026;13-04-2026;12345678;5798000000001;S-1;Support;7,5;timer;895,00;"
        "6.712,50;25\n"
    ).encode()
    inv = parse_invoice(data, "eksport.csv")
    assert (inv.number, inv.supplier.cvr, inv.buyer.ean) == ("2026-7", "12345678", "5798000000001")
    assert [(ln.item_id, ln.quantity, ln.unit_code, ln.unit_price) for ln in inv.lines] == [
        ("L-1", Decimal("12"), "EA", Decimal("1450.00")),
        ("S-1", Decimal("7.5"), "HUR", Decimal("895.00")),
    ]
    assert inv.totals.tax == Decimal("6028.13")


def test_the_buyers_columns_named_by_the_party_kunde_or_buyer() -> None:
    """ "Kunde EAN", "Køber CVR", "Buyer EAN": the buyer's numbers (an end-to-end review
    found every such export left unassigned: only "EAN" and "GLN" were known)."""
    for header, value, field in (
        ("Kunde EAN", "5798000000001", "ean"),
        ("Buyer EAN", "5798000000001", "ean"),
        ("Køber CVR", "29189404", "cvr"),
    ):
        data = (
            f"Fakturanr.;Fakturadato;Leverandør CVR;Kunde;{header};Varenr.;Beskrivelse;Antal;"
            "Enhed;Enhedspris;Beløb\n"
            f"F-1;2026-03-14;12345678;Vestby Kommune;{value};L-1;Licens;2;stk;100,00;200,00\n"
        ).encode()
        inv = parse_invoice(data, "eksport.csv")
        assert (inv.buyer.name, getattr(inv.buyer, field)) == ("Vestby Kommune", value)


def test_a_vat_amount_column_gives_the_vat_and_an_unread_one_is_said() -> None:
    head = "invoice_number,issue_date,supplier_cvr,description,quantity,unit_price,line_amount,"
    rows = "K-1,2026-06-30,12345678,Rådgivning,12.5,1350.00,16875.00,4218.75\n"
    read = parse_invoice(f"{head}vat_amount\n{rows}".encode(), "moms.csv")
    assert (read.totals.tax, read.totals.payable) == (Decimal("4218.75"), Decimal("21093.75"))
    unread = parse_invoice(f"{head}VAT (DKK)\n{rows}".encode(), "moms.csv")
    assert unread.totals.tax == Decimal("0")
    assert any("not read: VAT (DKK)" in w for w in unread.warnings)


def test_a_comma_separated_file_quoting_decimal_commas_has_danish_numbers() -> None:
    data = (
        b"invoice_number,issue_date,supplier_cvr,description,quantity,unit_price,line_amount\n"
        b'K-9,2026-01-15,12345678,"Kuverter C5","1.000","0,89","890,00"\n'
        b'K-9,2026-01-15,12345678,"Kopipapir","40","34,95","1.398,00"\n'
    )
    inv = parse_invoice(data, "kuverter.csv")
    assert [(ln.quantity, ln.unit_price, ln.line_amount) for ln in inv.lines] == [
        (Decimal("1000"), Decimal("0.89"), Decimal("890.00")),
        (Decimal("40"), Decimal("34.95"), Decimal("1398.00")),
    ]
