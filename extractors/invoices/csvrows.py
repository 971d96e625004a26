"""CSV column-mapping profiles and turning a group of rows into one invoice.

Contract: a :class:`CsvProfile` maps our field names to a file's column names;
:class:`RowReader` reads typed values from a row, raising :class:`ParseError`
naming the file, line and column for an unreadable value; :func:`build_invoice`
makes one :class:`ParsedInvoice` from the rows of one invoice, with totals
computed from the lines (VAT per rate) unless the profile maps total columns.
See :mod:`extractors.invoices.csv` for the ``prisvagt`` format.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from extractors.errors import ParseError
from extractors.invoices.common import (
    as_credited,
    cvr_from,
    gln_from,
    payment_days_from,
    unit_price,
)
from extractors.invoices.pdflines import UNIT_CODES
from extractors.money import parse_amount, to_ore
from extractors.types import ZERO, InvoiceTotals, ParsedInvoice, ParsedInvoiceLine, PartyRef

FIELDS = [
    "invoice_number",
    "document_type",
    "issue_date",
    "due_date",
    "currency",
    "supplier_name",
    "supplier_cvr",
    "buyer_name",
    "buyer_cvr",
    "buyer_ean",
    "line_id",
    "item_id",
    "description",
    "quantity",
    "unit_code",
    "unit_price",
    "base_quantity",
    "line_amount",
    "vat_percent",
    "vat_amount",
    "period_start",
    "period_end",
    "payable",
    "credits",
]


@dataclass(frozen=True, slots=True)
class CsvProfile:
    """How one kind of CSV export names its columns.

    ``columns`` maps our field names (:data:`FIELDS`) to the file's header names
    (compared case-insensitively), a tuple giving names a column may have instead
    (the first the header has is read); ``required`` are our field names that must be
    present. ``number_locale`` is ``"da"``, ``"en"`` or None (by delimiter).
    ``credit_prefix`` marks credit notes by invoice number (``C536379``).
    """

    name: str
    columns: Mapping[str, str | tuple[str, ...]]
    required: tuple[str, ...]
    date_formats: tuple[str, ...] = ("%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%d/%m/%Y")
    number_locale: str | None = None
    currency: str = "DKK"
    credit_prefix: str | None = None
    supplier_name: str | None = None
    defaults: Mapping[str, str] = field(default_factory=dict)

    def names(self, field: str) -> tuple[str, ...]:
        """The header names the column of ``field`` may have."""
        found = self.columns.get(field, ())
        return (found,) if isinstance(found, str) else found

    def missing(self, header_keys: set[str]) -> list[str]:
        """The required columns (file names) not in the header (its names'
        :func:`header_key`)."""
        return [
            self.names(f)[0]
            for f in self.required
            if not any(header_key(n) in header_keys for n in self.names(f))
        ]


def header_key(name: str) -> str:
    """A column's name as compared: case, spaces and punctuation left out ("Faktura nr",
    "Fakturanr." and "FAKTURA-NR" are one name; "%" is kept: "Moms %" is a rate)."""
    return _PUNCTUATION.sub("", name.casefold())


_PUNCTUATION = re.compile(r"[\s._\-:/()#'´`]+")


#: other names of our own format's columns: Danish exports and common spellings
_ALIASES: dict[str, tuple[str, ...]] = {
    "invoice_number": ("fakturanr.", "fakturanr", "fakturanummer", "bilagsnr.", "bilagsnummer",
                       "invoice number", "invoice no.", "invoice id", "invoice", "faktura",
                       "kreditnotanr.", "kreditnotanummer", "document number", "document no."),
    "document_type": ("dokumenttype", "bilagstype", "bilagsart", "document type", "doc type",
                      "type"),
    "issue_date": ("fakturadato", "dato", "bilagsdato", "udstedelsesdato", "kreditnotadato",
                   "invoice date", "issue date", "document date", "date"),
    "due_date": ("forfaldsdato", "betalingsfrist", "betalingsdato", "forfald",
                 "sidste betalingsdato", "sidste rettidige betalingsdato", "betales senest",
                 "due date", "payment due date", "payment date"),
    "currency": ("valuta", "valutakode", "currency code"),
    "supplier_name": ("leverandør", "leverandørnavn", "kreditor", "kreditornavn", "sælger",
                      "supplier", "supplier name", "vendor", "vendor name", "seller"),
    "supplier_cvr": ("cvr-nr.", "cvr", "cvr-nr", "cvr nr.", "cvr-nummer", "leverandør cvr",
                     "leverandør cvr-nr.", "leverandørens cvr", "kreditor cvr", "sælger cvr",
                     "se-nr.", "supplier_vat", "supplier cvr", "supplier vat", "supplier vat no",
                     "supplier vat number", "vendor cvr", "vendor vat", "seller vat",
                     "seller cvr"),
    "buyer_name": ("kunde", "kundenavn", "køber", "buyer", "buyer name", "customer",
                   "customer name"),
    "buyer_cvr": ("kunde cvr", "kunde cvr-nr.", "kunde cvr-nr", "køber cvr", "buyer cvr",
                  "customer cvr", "buyer_vat", "buyer vat", "customer vat"),
    "buyer_ean": ("ean", "ean-nr.", "ean-nummer", "gln", "kunde ean", "kunde ean-nr.",
                  "kunde gln", "køber ean", "buyer ean", "buyer gln", "customer ean",
                  "ean kunde", "modtager ean"),
    "line_id": ("linje", "linjenr.", "line", "line no.", "line number"),
    "item_id": ("varenr.", "varenr", "varenummer", "varekode", "artikelnr.", "art.nr.",
                "item_number", "item no.", "item id", "item code", "article number",
                "product code", "product id", "sku"),
    "description": ("beskrivelse", "tekst", "varetekst", "varebeskrivelse", "varenavn", "ydelse",
                    "description", "item description", "item name", "product name", "text"),
    "quantity": ("antal", "qty", "mængde", "quantity", "qty."),
    "unit_code": ("enhed", "enhedskode", "måleenhed", "unit", "unit code", "unit of measure",
                  "uom"),
    "unit_price": ("enhedspris", "stykpris", "stk.pris", "pris pr. enhed", "pris pr. stk.",
                   "enhedspris ekskl. moms", "nettopris", "a-pris", "á pris", "à pris",
                   "unit price", "unit price excl. vat", "net price", "price per unit",
                   "pris", "price"),
    "base_quantity": ("prisenhed", "pris pr. antal", "base quantity", "price unit"),
    "line_amount": ("beløb", "linjebeløb", "linjetotal", "beløb ekskl. moms", "nettobeløb",
                    "amount", "line_total", "line amount", "net amount", "total"),
    "vat_percent": ("moms %", "moms%", "momssats", "momsprocent", "moms pct.", "vat_rate", "vat %",
                    "vat_pct", "vat rate", "tax_rate", "tax_percent"),
    "vat_amount": ("momsbeløb", "moms beløb", "tax_amount", "line_vat", "vat amount"),
    "period_start": ("periode fra", "periode start", "fra dato", "period start", "period from"),
    "period_end": ("periode til", "periode slut", "til dato", "period end", "period to"),
    "payable": ("at betale", "i alt inkl. moms", "total inkl. moms", "total_incl_vat",
                "total incl. vat", "amount due"),
    "credits": ("credited_invoice", "original_invoice", "billing_reference", "krediterer",
                "krediteret faktura", "krediteret fakturanr.", "oprindelig faktura",
                "vedr. faktura", "vedrørende faktura", "ref. faktura", "credited invoice",
                "original invoice", "invoice reference", "reference invoice"),
}  # fmt: skip
#: what a document-type column says of a credit note (:func:`header_key`)
_CREDIT_KINDS = frozenset(
    ("creditnote", "kreditnota", "credit", "kredit", "kreditering", "creditmemo", "381")
)
#: a column whose name speaks of VAT: one not read is said (its VAT would be lost)
VAT_COLUMN = re.compile(r"(?i)\b(?:vat|tax|moms|mva|mwst)")

PRISVAGT = CsvProfile(
    name="prisvagt",
    columns={f: (f, *_ALIASES.get(f, ())) for f in FIELDS},
    required=(
        "invoice_number",
        "issue_date",
        "description",
        "quantity",
        "unit_price",
        "supplier_cvr",
    ),
)
ONLINE_RETAIL = CsvProfile(
    name="online_retail",
    columns={
        "invoice_number": "InvoiceNo",
        "item_id": "StockCode",
        "description": "Description",
        "quantity": "Quantity",
        "issue_date": "InvoiceDate",
        "unit_price": "UnitPrice",
        "buyer_name": "CustomerID",
        "line_amount": "TotalPrice",
    },
    required=("invoice_number", "item_id", "description", "quantity", "issue_date", "unit_price"),
    date_formats=("%m/%d/%y %H:%M", "%m/%d/%Y %H:%M", "%Y-%m-%d %H:%M:%S"),
    number_locale="en",
    currency="GBP",
    credit_prefix="C",
    supplier_name="Online Retail (UCI)",
)
PROFILES: dict[str, CsvProfile] = {p.name: p for p in (PRISVAGT, ONLINE_RETAIL)}


class RowReader:
    """Typed access to the cells of rows under one profile and header."""

    def __init__(
        self,
        profile: CsvProfile,
        header: list[str],
        filename: str,
        delimiter: str,
        locale: str | None = None,
    ) -> None:
        self.profile = profile
        self.filename = filename
        self.header = header
        keys = [header_key(h) for h in header]
        self.index: dict[str, int] = {}
        for f in profile.columns:
            found = next((header_key(n) for n in profile.names(f) if header_key(n) in keys), None)
            if found is not None:
                self.index[f] = keys.index(found)
        self.locale = profile.number_locale or locale or ("da" if delimiter == ";" else "en")
        read = set(self.index.values())
        #: columns of the header no field reads: said on each invoice when one speaks of
        #: VAT (its VAT would otherwise be lost without a word)
        self.unread_vat = [
            h for i, h in enumerate(header) if i not in read and h and VAT_COLUMN.search(h)
        ]
        self._dates: dict[str, date] = {}

    def text(self, row: list[str], name: str) -> str | None:
        i = self.index.get(name)
        if i is None or i >= len(row):
            return self.profile.defaults.get(name)
        value = row[i].strip()
        return value or None

    def invoice_number(self, row: list[str], line: int) -> str:
        number = self.text(row, "invoice_number")
        if not number:
            raise ParseError(
                "missing invoice number",
                file=self.filename,
                line=line,
                field=self._col("invoice_number"),
            )
        return number

    def number(self, row: list[str], name: str, line: int) -> Decimal | None:
        raw = self.text(row, name)
        if raw is None:
            return None
        if name == "vat_percent" and raw.endswith("%"):  # "25%", "25 %"
            raw = raw[:-1].strip()
        try:
            value = parse_amount(raw, locale=self.locale)
        except (ValueError, InvalidOperation):
            try:
                value = parse_amount(raw)
            except (ValueError, InvalidOperation):
                raise ParseError(
                    f"not a number: {raw[:40]!r}",
                    file=self.filename,
                    line=line,
                    field=self._col(name),
                ) from None
        if not value.is_finite() or abs(value.adjusted()) > 30:
            raise ParseError(
                f"number out of range: {raw[:40]!r}",
                file=self.filename,
                line=line,
                field=self._col(name),
            )
        return value

    def date(self, row: list[str], name: str, line: int) -> date | None:
        raw = self.text(row, name)
        if raw is None:
            return None
        cached = self._dates.get(raw)
        if cached is not None:
            return cached
        for fmt in self.profile.date_formats:
            try:
                value = datetime.strptime(raw, fmt).date()
            except ValueError:
                continue
            if len(self._dates) < 10_000:
                self._dates[raw] = value
            return value
        raise ParseError(
            f"not a date: {raw[:40]!r}", file=self.filename, line=line, field=self._col(name)
        )

    def _col(self, name: str) -> str:
        i = self.index.get(name)
        return self.header[i] if i is not None else (self.profile.names(name) or (name,))[0]


def _line(reader: RowReader, row: list[str], line_no: int, pos: int) -> ParsedInvoiceLine:
    quantity = reader.number(row, "quantity", line_no)
    price = reader.number(row, "unit_price", line_no)
    if quantity is None or price is None:
        missing = "quantity" if quantity is None else "unit_price"
        raise ParseError(
            "missing value", file=reader.filename, line=line_no, field=reader._col(missing)
        )
    base = reader.number(row, "base_quantity", line_no) or Decimal(1)
    if base <= 0:
        raise ParseError(
            f"base quantity {base} is not positive", file=reader.filename, line=line_no
        )
    normalised = unit_price(price, base)
    amount = reader.number(row, "line_amount", line_no)
    return ParsedInvoiceLine(
        line_id=reader.text(row, "line_id") or str(pos),
        description=reader.text(row, "description") or "",
        quantity=quantity,
        unit_price=normalised,
        line_amount=to_ore(quantity * normalised) if amount is None else amount,
        item_id=reader.text(row, "item_id"),
        unit_code=_unit_code(reader.text(row, "unit_code")),
        price_amount=price,
        base_quantity=base,
        vat_percent=reader.number(row, "vat_percent", line_no),
        period_start=reader.date(row, "period_start", line_no),
        period_end=reader.date(row, "period_end", line_no),
    )


def _unit_code(text: str | None) -> str | None:
    """A UN/ECE unit code as written ("EA", "HUR"), or the code of a unit word a Danish
    or English export writes ("stk", "timer", "km"); other text as written."""
    if text is None:
        return None
    return UNIT_CODES.get(text.lower(), text)


def build_invoice(
    reader: RowReader, group: list[tuple[int, list[str]]], seen: set[str]
) -> ParsedInvoice:
    """One invoice from its rows (header fields from the first row)."""
    first_no, first = group[0]
    number = reader.invoice_number(first, first_no)
    warnings: list[str] = []
    if number in seen:
        warnings.append(
            f"invoice {number} appears again at line {first_no}: read as a separate invoice"
        )
    seen.add(number)
    issue = reader.date(first, "issue_date", first_no)
    if issue is None:
        raise ParseError(
            "missing issue date",
            file=reader.filename,
            line=first_no,
            field=reader._col("issue_date"),
        )
    due = reader.date(first, "due_date", first_no)
    lines = [_line(reader, row, line_no, pos) for pos, (line_no, row) in enumerate(group, 1)]
    p = reader.profile
    kind = header_key(reader.text(first, "document_type") or "")
    credited = reader.text(first, "credits")
    credit = (
        kind in _CREDIT_KINDS
        # a column naming the invoice credited, filled, where no type says otherwise
        or (not kind and bool(credited))
        or bool(p.credit_prefix and number.startswith(p.credit_prefix))
    )
    line_extension = sum((ln.line_amount for ln in lines), ZERO)
    by_rate: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for ln in lines:
        if ln.vat_percent is not None:
            by_rate[ln.vat_percent] += ln.line_amount
    tax = sum((to_ore(base * rate / 100) for rate, base in by_rate.items()), ZERO)
    vat_amounts = [reader.number(row, "vat_amount", line_no) for line_no, row in group]
    if any(v is not None for v in vat_amounts):  # as the file states it, line by line
        tax = sum((v for v in vat_amounts if v is not None), ZERO)
    if reader.unread_vat:
        warnings.append(
            f"column{'s' if len(reader.unread_vat) > 1 else ''} not read: "
            f"{', '.join(reader.unread_vat)} (VAT is read from vat_percent or vat_amount)"
        )
    payable = reader.number(first, "payable", first_no)
    totals = InvoiceTotals(
        line_extension=line_extension,
        tax_exclusive=line_extension,
        tax=tax,
        payable=line_extension + tax if payable is None else payable,
    )
    if credit:  # a ledger's export writes a credit note negative; some write it positive
        as_credited(lines, totals, warnings, written_positive=False)
    return ParsedInvoice(
        format="csv",
        document_type="credit_note" if credit else "invoice",
        number=number,
        issue_date=issue,
        currency=(reader.text(first, "currency") or p.currency).upper(),
        supplier=PartyRef(
            name=reader.text(first, "supplier_name") or p.supplier_name,
            cvr=cvr_from(reader.text(first, "supplier_cvr")),
        ),
        buyer=PartyRef(
            name=reader.text(first, "buyer_name"),
            cvr=cvr_from(reader.text(first, "buyer_cvr")),
            ean=gln_from(reader.text(first, "buyer_ean")),
        ),
        totals=totals,
        lines=lines,
        due_date=due,
        payment_days=payment_days_from(issue, due, None),
        warnings=warnings,
        credits=(credited or None) if credit else None,
    )
