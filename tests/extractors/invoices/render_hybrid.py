"""Writes the hybrid PDF fixtures: real CII invoices embedded in a PDF that prints them.

Each PDF in ``tests/fixtures/invoices/hybrid/`` shows the invoice as text (number,
date, lines, totals) and carries the real XML from ``tests/fixtures/invoices/cii/``
as an associated file (``/AF``, relationship ``Alternative``, MIME ``text/xml``)
under the name a real sender uses: ``ZUGFeRD-invoice.xml`` for ZUGFeRD 1.0,
``factur-x.xml`` for Factur-X, ``xrechnung.xml`` for XRechnung.

The printed text is read from the XML here with plain ``local-name()`` XPath,
independently of the parser under test. Run ``python -m tests.extractors.invoices.render_hybrid``
to regenerate the fixtures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from lxml import etree

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "invoices"
CII = FIXTURES / "cii"
HYBRID = FIXTURES / "hybrid"

#: fixture PDF -> (XML in ``cii/``, name of the embedded file)
HYBRIDS = {
    "zugferd1_invoice.pdf": ("ZUGFeRD1-invoice.xml", "ZUGFeRD-invoice.xml"),
    "zugferd1_comfort.pdf": ("ZUGFeRD1_COMFORT_Einfach.xml", "ZUGFeRD-invoice.xml"),
    "zugferd1_extended.pdf": ("ZUGFeRD1_EXTENDED_Warenrechnung.xml", "ZUGFeRD-invoice.xml"),
    "facturx_basic.pdf": ("Factur-X_basic.xml", "factur-x.xml"),
    "xrechnung_cii.pdf": ("01.01a-INVOICE.cii.xml", "xrechnung.xml"),
}


def _all(node: etree._Element, *steps: str) -> list[etree._Element]:
    path = "/".join(f"*[local-name()='{s}']" for s in steps)
    return list(node.xpath(path))


def _text(node: etree._Element, *steps: str) -> str:
    found = _all(node, *steps) if steps else [node]
    return " ".join("".join(found[0].itertext()).split()) if found else ""


def _descendant(node: etree._Element, name: str) -> str:
    found = node.xpath(f".//*[local-name()='{name}']")
    return " ".join("".join(found[0].itertext()).split()) if found else ""


@dataclass(frozen=True)
class Printed:
    """What the visible page shows, read from the XML."""

    seller: str
    number: str
    issue_date: str
    currency: str
    lines: list[tuple[str, str, str, str]]  # description, quantity, unit price, amount
    net: Decimal
    tax: Decimal
    payable: Decimal


def printed_from_xml(xml: bytes) -> Printed:
    root = etree.fromstring(xml)
    header = root.xpath(
        "*[local-name()='ExchangedDocument' or local-name()='HeaderExchangedDocument']"
    )[0]
    lines = []
    for item in root.xpath(".//*[local-name()='IncludedSupplyChainTradeLineItem']"):
        amount = _descendant(item, "LineTotalAmount")
        if not amount:
            continue  # a text line
        net_price = item.xpath(
            ".//*[local-name()='NetPriceProductTradePrice']/*[local-name()='ChargeAmount']"
        )
        lines.append(
            (
                _descendant(item, "Name")[:38],
                _descendant(item, "BilledQuantity"),
                net_price[0].text.strip() if net_price else "",
                amount,
            )
        )
    summation = root.xpath(".//*[local-name()='DuePayableAmount']/..")[0]
    return Printed(
        seller=_descendant(root.xpath(".//*[local-name()='SellerTradeParty']")[0], "Name"),
        number=_text(header, "ID"),
        issue_date=_text(header, "IssueDateTime"),
        currency=_descendant(root, "InvoiceCurrencyCode"),
        lines=lines,
        net=Decimal(_text(summation, "TaxBasisTotalAmount")),
        tax=Decimal(_text(summation, "TaxTotalAmount") or "0"),
        payable=Decimal(_text(summation, "DuePayableAmount")),
    )


def german(value: Decimal | str) -> str:
    """1234.5 -> 1.234,50 (the way the printed German invoices write amounts)."""
    amount = Decimal(value).quantize(Decimal("0.01"))
    return f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def render(
    xml: bytes,
    attachment_name: str,
    *,
    printed_total: Decimal | None = None,
    payload: bytes | None = None,
    mime_type: str = "text/xml",
) -> bytes:
    """A one-page PDF printing the invoice, with ``xml`` embedded as ``attachment_name``.

    ``printed_total`` prints another total than the XML's (a PDF whose text and XML
    disagree); ``payload`` embeds other bytes than the printed XML (a broken attachment).
    """
    from fpdf import FPDF

    p = printed_from_xml(xml)
    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2026, 1, 1, tzinfo=dt.UTC))
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)

    def row(x: float, y: float, text: str) -> None:
        pdf.text(x, y, _latin1(text))

    d = p.issue_date
    row(20, 20, p.seller)
    row(20, 32, "Rechnung")
    row(20, 40, f"Rechnungsnummer: {p.number}")
    row(20, 46, f"Rechnungsdatum: {d[6:8]}.{d[4:6]}.{d[:4]}")
    row(20, 60, "Artikel")
    row(110, 60, "Menge")
    row(135, 60, "Einzelpreis")
    row(170, 60, "Betrag")
    y = 66.0
    for description, quantity, price, amount in p.lines:
        row(20, y, description)
        row(110, y, german(quantity).removesuffix(",00"))
        row(135, y, german(price) if price else "")
        row(170, y, german(amount))
        y += 6
    total = p.payable if printed_total is None else printed_total
    row(110, y + 8, f"Nettobetrag {p.currency} {german(p.net)}")
    row(110, y + 14, f"MwSt. {p.currency} {german(p.tax)}")
    row(110, y + 20, f"Gesamtbetrag {p.currency} {german(total)}")
    pdf.embed_file(
        bytes=xml if payload is None else payload,
        basename=attachment_name,
        mime_type=mime_type,
        associated_file_relationship="Alternative",
        desc="Invoice as XML / Rechnung als XML",
        modification_date=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    return bytes(pdf.output())


def main() -> None:
    HYBRID.mkdir(exist_ok=True)
    for pdf_name, (xml_name, attachment) in HYBRIDS.items():
        (HYBRID / pdf_name).write_bytes(render((CII / xml_name).read_bytes(), attachment))
        print(f"wrote {HYBRID / pdf_name}")


if __name__ == "__main__":
    main()
