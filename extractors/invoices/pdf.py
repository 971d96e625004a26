"""PDF invoices without embedded XML, read from their text.

Contract: :func:`parse_pdf_text` returns a :class:`ParsedInvoice` (format ``pdf``)
from the text layer: number, issue and due dates, currency, supplier name and VAT
number, totals (payable, excl. VAT, VAT) and the line items whose quantity x price
matches their amount. Labels are read in Danish, English, German, Dutch and
French; numbers in Danish and English formats. Whatever is not found is said in
``warnings``; a missing invoice number is a warning too (the file name stands in),
but a PDF without an issue date or without any total raises :class:`ParseError`,
as do encrypted, corrupt and image-only PDFs. pdfplumber is imported on first use and kept loaded.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from extractors.errors import ParseError, PrisvagtError
from extractors.invoices.common import cvr_from, cvr_from_vat, one_reference
from extractors.invoices.pdflayout import Layout, layout_lines
from extractors.invoices.pdflines import TABLE_HEADER, line_items, period_range
from extractors.invoices.pdftext import (
    MONTH_NAMES,
    MONTHS,
    all_dates,
    currency_of,
    find_date,
    labelled,
    money_after,
    number_locale,
    tokens,
)
from extractors.money import ORE
from extractors.types import ZERO, InvoiceTotals, ParsedInvoice, PartyRef

MAX_PAGES = 30
#: the labels of a credit note's own number ("Kreditnota nr.", "Credit note no.")
CREDIT_NUMBER_LABELS = (
    r"kredit\s*nota\s*(?:nummer|nr\.?)", r"kreditnotanr\.?",
    r"credit\s*(?:note|memo)\s*(?:number|no\.?|nr\.?|#)", r"gutschrift\s*(?:nummer|nr\.?)",
)  # fmt: skip
NUMBER_LABELS = (
    *CREDIT_NUMBER_LABELS,
    r"invoice\s*(?:number|no\.?|nr\.?|#)", r"faktura\s*(?:nummer|nr\.?)", r"fakturanr\.?",
    r"rechnungs\s*(?:nummer|nr\.?)", r"f\s?actuur\s*nummer", r"facture\s*n[°o]\.?",
    r"dokument\s*nr\.?", r"invoice", r"faktura", r"factuur", r"#",
)  # fmt: skip
#: a label word that is not the document's own number: "Invoice date", "Fakturadato",
#: "Vedr. faktura 20250311" (the invoice a credit note credits), "Ref. invoice"
_NOT_OWN_NUMBER_AFTER = re.compile(r"(?i)^\s*(?:date|dato|datum|period|periode)\b")
#: the words before another invoice's number: the one a credit note credits or a
#: document refers to ("Vedr.", "Kreditering af", "Credit for", "Original")
_REFERS_TO = (
    r"\bvedr\.?|\bvedrørende|\bref\.?|\breference|\bregarding|\bre:|\bcredits?(?:\s+for)?|"
    r"\bkrediter(?:er|et|ing\s+af)|\bkreditnota\s+(?:til|for)|\boriginal|\boprindelig|"
    r"\bconcerning|\bfor"
)
_NOT_OWN_NUMBER_BEFORE = re.compile(rf"(?i)(?:{_REFERS_TO})\s*$")
#: a document that is no invoice to pay, by its title: a reminder, a quote, an order
#: confirmation, a delivery note, a statement of account, a pro forma invoice
_NOT_AN_INVOICE = (
    (re.compile(r"(?i)^\W*(?:\d+\.\s*)?(?:rykker|betalingspåmindelse|påmindelse|"
                r"payment\s+reminder|reminder)\b"), "a payment reminder"),
    (re.compile(r"(?i)^\W*(?:tilbud|quotation|quote|offerte|angebot)\b(?!\s*(?:nr|no)\b.*faktura)"),
     "a quote"),
    (re.compile(r"(?i)^\W*(?:ordrebekræftelse|order\s+confirmation|orderbekräftelse|"
                r"auftragsbestätigung)\b"), "an order confirmation"),
    (re.compile(r"(?i)^\W*(?:følgeseddel|delivery\s+note|packing\s+slip|lieferschein)\b"),
     "a delivery note"),
    (re.compile(r"(?i)^\W*(?:kontoudtog|kontoudskrift|statement(?:\s+of\s+account)?|"
                r"saldoudskrift)\b"), "a statement of account"),
    (re.compile(r"(?i)^\W*pro[\s-]*forma\b"), "a pro forma invoice"),
)  # fmt: skip
#: a title word of an invoice or a credit note, alone
_INVOICE_TITLE = re.compile(r"(?i)faktura|invoice|kreditnota|creditnote|rechnung|factuur|facture")
#: a fee or freight in the totals ("Fragt 450,00", "Gebyr 75,00"): the invoice's charges
_CHARGE = re.compile(
    r"(?i)^\W*(?:fragt|gebyr|fakturagebyr|ekspeditionsgebyr|faktureringsgebyr|"
    r"miljøgebyr|freight|shipping|carriage|handling(?:\s+fee)?|delivery\s+charge|"
    r"invoice\s+fee|fee)\b"
)
#: an amount paid before, deducted in the totals ("Fradrag a conto -50.000,00",
#: "Forudbetalt", "Less payment on account", "Prepaid amount")
_PREPAID = re.compile(
    r"(?i)^\W*(?:fradrag\s+|heraf\s+|less\s+|minus\s+)?(?:a[\s-]?conto\w*|aconto\w*|"
    r"forudbetal\w*|forud\s*betalt|prepaid|prepayment|(?:payment|paid)\s+on\s+account|"
    r"amount\s+paid|already\s+paid|allerede\s+betalt|indbetalt|deposit\s+paid|"
    r"förskott\w*|redan\s+betalt)\b"
)
#: the amount left to pay once a prepayment is deducted: "Til betaling", "Restbeløb"
_AFTER_PREPAID = (
    r"til\s*betaling", r"betalings\s*beløb", r"rest\s*(?:beløb)?\s*(?:at\s*betale)?",
    r"(?:beløb\s*)?at\s*betale",
    r"balance\s*due", r"amount\s*due", r"amount\s*payable", r"att\s*betala", r"å\s*betale",
)  # fmt: skip
#: a rounding in the totals ("Øreafrunding 0,02")
_ROUNDING = re.compile(r"(?i)^\W*(?:øre\s*afrunding|afrunding|rounding|öresavrundning)\b")
#: a document titled as a credit note ("Kreditnota", "Credit note", "Credit memo")
_CREDIT_TITLE = re.compile(
    r"(?i)^\W*(?:kredit\s*nota|kreditnote|kreditfaktura|credit\s*(?:note|memo)|creditnota|"
    r"gutschrift|avoir|note\s+de\s+crédit)\b"
)
#: a discount on the whole invoice, in its totals ("Rabat 5 % -1.042,50", "Framework
#: discount 5% -1,042.50")
_DISCOUNT = re.compile(r"(?i)^\W*(?:[^\W\d]+\s+){0,2}[^\W\d]*(?:rabat|discount|rebate|nedslag)\b")
#: where the totals start: a discount above it is a row of the lines
_TOTALS_START = re.compile(
    r"(?i)^\W*(?:sub\s*total|i\s*alt|total|varer\s*i\s*alt|moms\s*grundlag|netto(?:beløb)?)\b"
)
DATE_LABELS = (
    r"invoice\s*date", r"date\s*of\s*invoice", r"faktura\s*dato", r"fakturadato",
    r"fakturadatum", r"bogføringsdato", r"bilags\s*dato", r"dokument\s*dato",
    r"document\s*date", r"issue\s*date", r"udstedelses\s*dato", r"laskun\s*päiväys", r"päiväys",
    r"rechnungs\s*datum", r"f\s?actuur\s*datum", r"dato", r"datum", r"date",
)  # fmt: skip
DUE_LABELS = (
    r"due\s*date", r"forfalds\s*dato", r"betalings\s*frist", r"sidste\s*rettidige\s*betalingsdag",
    r"zahlungsziel", r"f[äa]llig(?:keit)?", r"vervaldatum", r"date\s*limite\s*de\s*paiement",
    r"payment\s*due", r"forfald",
    r"sidste\s*rettidige\s*betalings\s*dato", r"betalings\s*dato", r"betales\s*senest(?:\s*den)?",
    r"forfalder(?:\s*til\s*betaling)?(?:\s*den)?", r"pay\s*by", r"due\s*by",
)  # fmt: skip
PAYABLE_LABELS = (
    # what is left to pay, after a rounding or a prepayment ("Til betaling DKK 1.250,00")
    r"til\s*betaling", r"betalings\s*beløb",
    r"faktura\s*beløb", r"fakturatotal", r"brutto\s*beløb", r"beløb\s*i\s*alt",
    r"at\s*betale\s*i\s*alt", r"total\s*(?:dkk|eur|nok|sek|gbp)?\s*(?:inkl|incl)\.?\s*(?:moms|vat)",
    r"å\s*betale", r"summa\s*att\s*betala", r"att\s*betala", r"maksettava(?:\s*yhteensä)?",
    r"amount\s*payable", r"total\s*due",
    r"total\s*amount\s*due", r"amount\s*due", r"balance\s*due", r"(?:beløb\s*)?at\s*betale",
    r"total\s*inkl\.?\s*moms", r"i\s*alt\s*inkl\.?\s*moms", r"total\s*for\s*this\s*invoice",
    r"grand\s*total", r"total\s*ttc", r"somme\s*à\s*payer", r"factuur\s*totaal",
    r"gesamtbetrag", r"rechnungsbetrag", r"totaal", r"total\s*eur", r"total", r"i\s*alt",
    r"summa",
)  # fmt: skip
NET_LABELS = (
    r"total\s*(?:dkk|eur|nok|sek|gbp)\s*(?:ekskl|excl)\.?\s*(?:moms|vat)", r"nettoværdi\s*i\s*alt",
    r"total\s*ekskl\.?\s*moms", r"i\s*alt\s*(?:dkk|eur|nok|sek|gbp)?\s*ekskl\.?\s*moms",
    r"beløb\s*ekskl\.?\s*moms", r"subtotal\s*ekskl\.?\s*moms",
    r"total\s*excl\.?\s*(?:vat|tax)", r"summa\s*exkl\.?\s*moms", r"exclusief\s*btw", r"total\s*ht", r"montant\s*ht",
    r"netto\s*betrag", r"nettobetrag", r"net\s*amount", r"netto(?:\s*beløb)?", r"subtotal",
    r"sub\s*total",
    r"moms\s*grundlag", r"grondslag", r"taxable\s*amount",
)  # fmt: skip
# VAT amounts named as a column ("BTW bedrag" above "8,68"), tried before the short words.
TAX_COLUMN_LABELS = (
    r"heraf\s*moms", r"moms\s*beløb", r"btw[-\s]*bedrag", r"vat\s*amount", r"tax\s*amount", r"montant\s*tva",
    r"mwst\.?[-\s]*betrag",
    # "25% VAT 33,189.38": the rate first
    r"\d{1,2}(?:[.,]\d{1,2})?\s*%\s*(?:vat|moms|mva|mwst)(?!\s*(?:af|of|on)\b)",
)  # fmt: skip
TAX_LABELS = (r"moms", r"vat", r"tax", r"btw", r"mwst\.?", r"ust\.?", r"tva")
VAT_LABELS = (
    r"cvr\s*/\s*se[-\s]?(?:nr\.?|nummer)?", r"cvr[-\s]?(?:nr\.?|nummer)?", r"se[-\s]?nr\.?", r"vat\s*(?:no\.?|number|reg\.?(?:\s*no\.?)?)",
    r"moms\s*nr\.?", r"ust[-\s]?id(?:[-\s]?nr\.?)?", r"n°\s*de\s*tva(?:\s*intra\s*communautaire)?",
    r"(?<!uw\s)btw(?:[-\s]?nummer)?", r"tva\s*intra(?:communautaire)?",
)  # fmt: skip
# Words that make a "total" label a net or partial total.
_NOT_PAYABLE = ("sub", "ekskl", "excl", "exkl", " ht", "exclusief")
_VAT_VALUE = re.compile(r"^[\s.:]*([A-Z]{2})?[\s.]*(\d[\d .]{6,}\d[A-Z0-9]{0,4})")
_BUYER_EAN = re.compile(r"(?i)\bEAN(?:[-\s]?(?:nr\.?|nummer))?[:.\s]*(\d{13})\b")
_INVOICE_WORDS = re.compile(
    r"(?i)\b(invoice|faktura|rechnung|factuur|facture|tax invoice|kreditnota|credit\s+note|"
    r"gutschrift)\b\.?"
)
#: what follows a supplier's name on its line: its CVR or VAT number
_AFTER_NAME = re.compile(r"(?i)\s*(?:[,;|–—-]\s*|\s)(?:cvr|se[-\s]?nr|vat|moms|org\.?\s*nr)\b.*$")

_pdfplumber: Any = None


def _plumber() -> Any:
    global _pdfplumber
    if _pdfplumber is None:
        import pdfplumber

        _pdfplumber = pdfplumber
    return _pdfplumber


def text_lines(data: bytes, filename: str) -> tuple[list[str], Layout]:
    """The text lines of the first pages and where their words sit; ParseError for
    unreadable or image-only PDFs."""
    import io

    plumber = _plumber()
    try:
        with plumber.open(io.BytesIO(data)) as pdf:
            pages = [page.extract_words() for page in pdf.pages[:MAX_PAGES]]
    except Exception as exc:  # pdfminer raises many unrelated types for broken files
        name = type(exc).__name__
        if "password" in name.lower() or "encrypt" in str(exc).lower():
            raise ParseError("the PDF is encrypted and cannot be read", file=filename) from None
        raise ParseError(
            f"the PDF cannot be read ({name}: {str(exc)[:120]})", file=filename
        ) from None
    lines, layout = layout_lines(pages)
    if not lines:
        raise ParseError("the PDF has no text layer (a scan needs OCR)", file=filename)
    return lines, layout


def parse_pdf_text(data: bytes, filename: str) -> ParsedInvoice:
    """An invoice read from a PDF's text (see the module contract)."""
    lines, layout = text_lines(data, filename)
    return parse_lines(lines, filename, layout)


def printed_payable(data: bytes, filename: str) -> Decimal | None:
    """The amount to pay as printed in the PDF text (labelled like a grand total), or
    None when the PDF has no readable text or no such amount. Never raises ParseError:
    it serves to cross-check an embedded XML invoice, which stays the invoice."""
    try:
        lines, layout = text_lines(data, filename)
    except ParseError:
        return None
    return _amount(
        lines,
        PAYABLE_LABELS,
        number_locale(lines),
        exclude=_NOT_PAYABLE,
        layout=layout,
    )


def parse_lines(lines: list[str], filename: str, layout: Layout | None = None) -> ParsedInvoice:
    """An invoice read from text lines; ``layout`` adds values printed under labels."""
    layout = layout or Layout([])
    _refuse_other_documents(lines, filename)
    locale = number_locale(lines)
    warnings: list[str] = ["read from the PDF text: check the values against the document"]
    number = _invoice_number(lines, layout)
    if number is None:
        number = filename.rsplit("/", 1)[-1]
        warnings.append("no invoice number found; the file name is used")
    issue = _labelled_date(lines, DATE_LABELS, layout, exclude=DUE_LABELS) or _date_after_number(
        lines
    )
    if issue is None:  # no made-up date: rules compare it with contract periods
        raise ParseError("no issue date found in the PDF text", file=filename)
    due = _labelled_date(lines, DUE_LABELS, layout)
    payable = _amount(lines, PAYABLE_LABELS, locale, exclude=_NOT_PAYABLE, layout=layout)
    net = _amount(lines, NET_LABELS, locale, layout=layout)
    tax = _amount(lines, TAX_COLUMN_LABELS, locale, layout=layout) or _amount(
        lines, TAX_LABELS, locale, last=True, at_start=True
    )
    if payable is None and net is None:
        raise ParseError("no total amount found in the PDF text", file=filename)
    items = line_items(lines, locale, net)
    line_extension, net, allowances = _discounted(lines, locale, items, net)
    charges, rounding = _in_totals(lines, locale, _CHARGE), _in_totals(lines, locale, _ROUNDING)
    prepaid = abs(_in_totals(lines, locale, _PREPAID))
    if prepaid:  # what is left to pay once the prepayment is deducted, not the total
        left = _amount(lines, _AFTER_PREPAID, locale, exclude=_NOT_PAYABLE, layout=layout)
        payable = left if left is not None else (payable - prepaid if payable else None)
    payable, net, tax = _complete_totals(payable, net, tax, warnings, charges + rounding - prepaid)
    if tax and payable and (tax < 0) != (payable < 0):
        warnings.append(
            f"the VAT comes out as {tax} from the totals read ({payable} - {net}): the total "
            "to pay may be misread"
        )
    if not allowances and not charges and _excl_vat(items, net, tax, warnings):
        line_extension = net
    if line_extension is None:
        line_extension = sum((ln.line_amount for ln in items), ZERO) if items else net
        if items and line_extension != net:
            line_extension = net  # the lines found may be incomplete or incl. VAT: the totals'
    if charges and abs(net + charges + tax + rounding - prepaid - payable) <= Decimal("0.01"):
        net += charges  # the subtotal was the lines': the total excl. VAT holds the fees
    credit = payable < 0 or _titled_credit(lines)
    if credit and payable > 0:  # a credit note printing its amounts positive
        for item in items:
            item.quantity, item.line_amount = -item.quantity, -item.line_amount
        payable, net, tax, line_extension = -payable, -net, -tax, -line_extension
        allowances = -allowances
    currency = currency_of(lines)
    if currency is None:
        currency = "DKK"
        warnings.append("no currency found; DKK assumed")
    supplier = PartyRef(name=_supplier_name(lines), vat=_supplier_vat(lines))
    supplier.cvr = cvr_from_vat(supplier.vat) or (
        cvr_from(supplier.vat) if supplier.vat and supplier.vat.isdigit() else None
    )
    return ParsedInvoice(
        format="pdf",
        document_type="credit_note" if credit else "invoice",
        number=number,
        issue_date=issue,
        currency=currency,
        supplier=supplier,
        buyer=_buyer(lines, supplier.cvr),
        totals=InvoiceTotals(
            line_extension=line_extension,
            tax_exclusive=net,
            tax=tax,
            payable=payable,
            allowances=allowances,
            charges=charges,
            rounding=rounding,
            prepaid=prepaid,
        ),
        lines=items,
        due_date=due,
        payment_days=(due - issue).days if due else None,
        warnings=warnings,
        credits=_credited(lines, layout, number, warnings) if credit else None,
        **_invoice_period(lines),
    )


#: the period an invoice bills, labelled above its lines: "Periode: 01.01.2026 -
#: 31.01.2026", "Faktureringsperiode: januar 2026", "Billing period: March 2026"
_PERIOD_LABEL = re.compile(
    r"(?i)\b(?:fakturerings|leverings|afregnings|abonnements|service|leje)?periode(?:n)?\b|"
    r"\b(?:billing|service|invoice|invoicing|subscription)?\s*period\b"
)
_MONTH_YEAR = re.compile(rf"(?i)^\W*(?P<mn>{MONTH_NAMES})\.?\s+(?P<y>\d{{4}})\b")


def _invoice_period(lines: list[str]) -> dict[str, date]:
    """``period_start`` and ``period_end`` of the period the invoice bills, where a label
    above its lines gives one: a range of dates, or a month ("januar 2026": its first and
    last day). The rules price a line by its period (the final month of a contract billed
    after it ended is billed inside it); none found: none."""
    end = next((i for i, line in enumerate(lines) if TABLE_HEADER.search(line)), len(lines))
    for line in lines[:end]:
        label = _PERIOD_LABEL.search(line)
        if label is None or _PERIOD_NOT.search(line[: label.start()]):
            continue
        rest = line[label.end() :].lstrip(" :.")
        found = period_range(rest)
        if found is not None and not rest[: found[2]].strip():
            return {"period_start": found[0], "period_end": found[1]}
        month = _MONTH_YEAR.match(rest)
        if month is not None:
            first = date(int(month["y"]), MONTHS[month["mn"].lower()], 1)
            last = date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return {"period_start": first, "period_end": last - timedelta(days=1)}
    return {}


#: a period that is no billing period: the payment's ("Betalingsperiode"), a notice's
_PERIOD_NOT = re.compile(r"(?i)(?:betalings|opsigelses|payment|notice)\s*$")


#: the invoice a credit note credits, by its number: "Kreditering af faktura nr. 5120",
#: "Vedr. faktura 5120", "Krediterer fakturanr.: 5120", "Credit for invoice no. INV-77",
#: "Original invoice: 5120", "Oprindelig faktura: 5120", "Ref. faktura 5120"
_CREDITED = re.compile(
    rf"(?i)(?:{_REFERS_TO})\s*:?\s*(?:faktura|invoice|rechnung)\s*-?\s*"
    r"(?:nr\.?|nummer|no\.?|number|#)?\s*:?\s*"
)


_INVOICE_NUMBER_LABELS = (
    r"invoice\s*(?:number|no\.?|nr\.?|#)", r"faktura\s*(?:nummer|nr\.?)", r"fakturanr\.?",
)  # fmt: skip


_NUMBER_WORD = re.compile(r"(?i)\b[A-Z0-9][\w./-]*\d[\w./-]*")
#: further invoices named after the first: ", 10236 og faktura 10240"
_MORE_NUMBERS = re.compile(
    r"(?i)\s*\S+(?P<more>(?:\s*(?:,|og|and|samt|&)\s*(?:faktura|invoice)?\s*"
    r"(?:nr\.?|no\.?)?\s*[A-Z0-9][\w./-]*\d[\w./-]*)+)"
)


def _credited(lines: list[str], layout: Layout, own: str | None, warnings: list[str]) -> str | None:
    """The number of the invoice a credit note credits, where it names one invoice (a
    note naming several credits none of them alone: said in a warning)."""
    found: list[str] = []
    for i, line in enumerate(lines):
        for match in _CREDITED.finditer(line):
            number = _number_token(line[match.end() :]) or _number_token(
                layout.below(i, match.start(), match.end()) or ""
            )
            if number and number != own and number not in found:
                found.append(number)
            more = _MORE_NUMBERS.match(line[match.end() :])  # "5120 og faktura 5122"
            for token in _NUMBER_WORD.findall(more.group("more")) if more else ():
                if find_date(token) is None and token not in found:
                    found.append(token)
    if not found and labelled(lines, CREDIT_NUMBER_LABELS):
        # its own number labelled as a credit note's ("Kreditnota nr."): an invoice's
        # number label beside it ("Fakturanr.: 5120") names the invoice credited
        for i, line, start, end in labelled(lines, _INVOICE_NUMBER_LABELS):
            if _NOT_OWN_NUMBER_AFTER.match(line[end:]):
                continue  # "Fakturadato"
            number = _number_token(line[end:]) or _number_token(layout.below(i, start, end) or "")
            if number and number != own and number not in found:
                found.append(number)
    return one_reference(found, warnings)


#: a CVR number as printed in an address block: "CVR 29189803", "CVR-nr.: 29 18 98 03"
_CVR_IN_BLOCK = re.compile(
    r"(?i)\bcvr(?:[-\s]?(?:nr|nummer)\.?)?\s*:?\s*(\d{2}\s?\d{2}\s?\d{2}\s?\d{2})\b"
)
#: a public buyer's name: "Esbjerg Kommune", "Region Midtjylland", "Københavns Kommune"
_PUBLIC_BODY = re.compile(r"\b(?:Kommune|Region\s+[A-ZÆØÅ]\w+|Municipality|Regionsrådet)\b")


def _buyer(lines: list[str], supplier: str | None) -> PartyRef:
    """The buyer: its EAN (the exact unit billed) where one is printed, else its CVR
    number from its address block (a municipality is found by either; a number read
    from a block is the weaker reading, so it never overrides an EAN)."""
    ean = next((m.group(1) for ln in lines if (m := _BUYER_EAN.search(ln))), None)
    return PartyRef(ean=ean, cvr=None if ean else _buyer_cvr(lines, supplier))


def _buyer_cvr(lines: list[str], supplier: str | None) -> str | None:
    """The buyer's CVR number: the one other than the supplier's printed in an address
    block under a public body's name ("Esbjerg Kommune" / "Torvegade 74" / "CVR
    29189803"), among the first lines; None when there is not exactly one."""
    found = set()
    for i, line in enumerate(lines[:40]):
        m = _CVR_IN_BLOCK.search(line)
        if m is None:
            continue
        cvr = m.group(1).replace(" ", "")
        if cvr == supplier:
            continue
        block = []  # the lines above it up to another number: its address block
        for above in reversed(lines[max(0, i - 8) : i + 1]):
            if above is not line and _CVR_IN_BLOCK.search(above):
                break
            block.append(above)
        if any(_PUBLIC_BODY.search(above) for above in block):
            found.add(cvr)
    return found.pop() if len(found) == 1 else None


def _titled_credit(lines: list[str]) -> bool:
    """Whether the document calls itself a credit note: in its title (one of its first
    lines) or by the label of its number ("Kreditnota nr.", "Credit note no.")."""
    if any(_CREDIT_TITLE.search(line) for line in lines[:8]):
        return True
    return bool(labelled(lines, CREDIT_NUMBER_LABELS))


def _excl_vat(
    items: list[Any], net: Decimal | None, tax: Decimal | None, warnings: list[str]
) -> bool:
    """Lines printed with their prices incl. VAT ("Enhedspris inkl. moms", "Beløb
    inkl. moms"), which add up to the total incl. VAT and not to the total excl. VAT:
    each unit price and amount divided by 1 + the invoice's VAT rate (its VAT over its
    total excl. VAT), when the amounts so divided add up to the total excl. VAT (to the
    øre per line); said in a warning. Only the contract compares prices excl. VAT with
    them; left as read, an invoice of such lines showed every price a VAT rate too high.
    True when the lines were so read."""
    if not items or net is None or tax is None or net <= 0 or tax <= 0:
        return False
    summed = sum((ln.line_amount for ln in items), ZERO)
    tolerance = ORE * len(items)
    if abs(summed - net) <= tolerance or abs(summed - (net + tax)) > tolerance:
        return False
    rate = (tax / net * 100).quantize(Decimal("0.1"))  # 25.0: the rate, its rounding aside
    factor = 1 + rate / 100
    amounts = [(ln.line_amount / factor).quantize(ORE) for ln in items]
    if abs(sum(amounts, ZERO) - net) > tolerance:
        return False
    for line, amount in zip(items, amounts, strict=True):
        exact = line.unit_price / factor
        line.unit_price = (
            exact.quantize(ORE) if exact == exact.quantize(ORE) else exact.quantize(_MICRO)
        )
        if line.price_amount is not None:
            line.price_amount = (line.price_amount / factor).quantize(_MICRO)
        line.line_amount = amount
        line.vat_percent = rate.normalize()
    warnings.append(
        f"the lines' prices include VAT (they add up to {summed}, the total incl. VAT): "
        f"read as prices excl. VAT, divided by {factor.normalize()}"
    )
    return True


_MICRO = Decimal("0.000001")


def _discounted(
    lines: list[str], locale: str, items: list[Any], net: Decimal | None
) -> tuple[Decimal | None, Decimal | None, Decimal]:
    """(line total, total excl. VAT, allowances) where the totals print a discount on
    the whole invoice ("Subtotal 20.850,00 / Rabat 5 % -1.042,50 / Netto 19.807,50"), the
    line total being the lines' sum or the subtotal; (None, ``net``, 0) where none adds
    up: the discount is only taken when lines or subtotal less it give the net (else a
    discount line among the items, "Rabat 10 % på skiltestandere -774,00", is one)."""
    start = next((i for i, line in enumerate(lines) if _TOTALS_START.search(line)), len(lines))
    found = [
        line for line in lines[start:] if _DISCOUNT.search(line) and not _TOTAL_WORDS.search(line)
    ]
    if len(found) != 1:
        return None, net, ZERO
    value = _money(found[0], locale, last=True)
    if value is None or value == 0:
        return None, net, ZERO
    discount = abs(value)
    subtotal = _amount(lines, (r"subtotal", r"sub\s*total", r"varer\s*i\s*alt"), locale)
    summed = sum((ln.line_amount for ln in items), ZERO) if items else None
    for gross in (summed, subtotal):
        if gross is None:
            continue
        if net is not None and gross - discount == net:
            return gross, net, discount
        if net is not None and net == gross:  # the net read was the subtotal
            return gross, gross - discount, discount
    return None, net, ZERO


_TOTAL_WORDS = re.compile(r"(?i)\b(?:i\s*alt|total|subtotal|moms|vat)\b")


#: an invoice's number, labelled ("Fakturanr.", "Invoice no.", "Rechnungsnr.", "Facture n°")
_NUMBER_LABEL = re.compile(
    r"(?i)\b(?:faktura|kreditnota)\s*-?\s*(?:nr|nummer|no)\b|\binvoice\s*(?:no|number|#|nr)|"
    r"\bcredit\s+note\s+(?:no|number)|\brechnungs?\s*-?\s*(?:nr|nummer)|\bfactuur\s*-?\s*"
    r"(?:nr|nummer)|\bfacture\s+n[°o]"
)
#: what else an invoice's first page labels: when to pay, its totals and tax, the buyer's
#: EAN number
_INVOICE_LABELS = (
    re.compile(r"(?i)\bforfald\w*|\bdue\s+date\b|\bbetalingsfrist\b|\bpayment\s+due\b|"
               r"\bsidste\s+rettidige|\bf[äa]llig|\béchéance|\bvervaldatum"),
    re.compile(r"(?i)\b(?:i\s*alt|total|subtotal|at\s+betale|amount\s+due|moms|vat|mwst|"
               r"summe|gesamt|tva|btw|totaal)\b"),
    re.compile(r"(?i)\b(?:ean|gln)\b"),
)  # fmt: skip
#: a contract's title: never an invoice, whatever its clauses on invoicing say
_CONTRACT_TITLE = re.compile(r"(?i)kontrakt|aftale|agreement|contract|overenskomst|udbud|tender")


def looks_like_invoice(lines: list[str], pages: int = 1) -> bool:
    """Whether a PDF's first page (its text lines; ``pages``: the document's page count)
    is an invoice, a credit note or a receipt. Either titled so near its top ("FAKTURA",
    "Invoice", "Kreditnota", "Rechnung", alone or beside the sender's name), no
    contract's title there, its number labelled ("Fakturanr.") and one more of an
    invoice's labels (its due date, its totals or tax, the buyer's EAN); or, laid out
    another way (the title beside its number, in a sentence, at the foot), a short
    document whose first page speaks of an invoice and carries most of what one does
    (:func:`_reads_as_invoice`) without a contract's wording."""
    top = [line.strip() for line in lines[:15] if line.strip()]
    if any(_CONTRACT_TITLE.search(line) for line in top[:5]):
        return False
    titled = any(
        _INVOICE_TITLE.fullmatch(word.strip(":.")) or _CREDIT_TITLE.search(line)
        for line in top[:12]
        for word in line.split()[:1] + line.split()[-1:]
    )
    text = "\n".join(lines[:80])
    if (
        titled
        and bool(_NUMBER_LABEL.search(text))
        and any(label.search(text) for label in _INVOICE_LABELS)
    ):
        return True
    return _reads_as_invoice("\n".join(lines), pages)


#: an invoice's (or a receipt's) own name, as a word anywhere on its first page
_INVOICE_WORD = re.compile(
    r"(?i)\b(?:faktura(?:en)?|invoice|kreditnota|credit\s+note|rechnung|factuur|facture|"
    r"fattura|factura|receipt|kvittering|quittung|gutschrift)\b"
)
#: what an invoice's first page carries besides its name: each a kind of label
_INVOICE_PARTS = (
    # its dates: issued, due
    re.compile(
        r"(?i)\b(?:invoice|faktura|rechnungs?|factuur|facture|order|bestillings)\s*-?"
        r"\s*(?:date|dato|datum)\b|\bdate\s+(?:de\s+)?(?:facture|limite)|"
        r"\bforfald\w*|\bdue\s+date\b|\bbetalingsfrist\b|\bpayment\s+due\b|"
        r"\bf[äa]llig|\béchéance|\bvervaldatum|\bdate\s+limite\s+de\s+paiement"
    ),
    # its totals
    re.compile(
        r"(?i)\b(?:i\s*alt|(?:grand\s+|sub)?total|totaal|summe|gesamt\w*|"
        r"at\s+betale|amount\s+due|somme\s+à\s+payer|montant\s+total|"
        r"total\s+facture)\b"
    ),
    # its tax
    re.compile(r"(?i)\b(?:moms|vat|mwst|ust|tva|btw|gst|tax|ttc|ht)\b"),
    # its lines: a quantity, a unit price or an amount column
    re.compile(
        r"(?i)\b(?:qty|quantity|antal|menge|anzahl|hoeveelheid|aantal|quantité|"
        r"nombre|unit\s+price|enhedspris|stk\.?\s*pris|einzelpreis|prijs|"
        r"p\.u\.|rate|amount|beløb|bedrag|betrag|montant)\b"
    ),
)
#: a contract's wording: its parties, its obligations, its clauses
_CONTRACT_WORDING = re.compile(
    r"(?i)\b(?:shall|hereby|whereas|hereinafter|witnesseth|agreement|parties|"
    r"parterne|aftalen?|kontrakten?|leverandøren\s+skal|ordregiver\w*|vilkår\w*|"
    r"vertrag\w*|contrat|overeenkomst|\w*bilag|prisliste\w*|price\s+(?:list|schedule)|"
    r"faktureres|fakturering\w*|(?:shall|will)\s+be\s+invoiced)\b|§\s*\d|"
    r"\b(?:article|artikel|clause)\s+\d"
)


def _reads_as_invoice(text: str, pages: int) -> bool:
    """A short document (a few pages) whose first page names an invoice (or a receipt)
    and carries at least three of its other parts (dates, totals, tax, a priced line's
    columns; two when that name is its title), with at most one word of a contract's
    (an invoice may cite the agreement it bills under)."""
    if pages > 4 or not _INVOICE_WORD.search(text):
        return False
    parts = sum(1 for part in _INVOICE_PARTS if part.search(text))
    # its name alone on one of its first lines ("Kvittering", "Tax Invoice"): two
    # parts suffice (a till receipt prints its total and tax, no columns or due date)
    top = [line.strip(" :.*") for line in text.splitlines()[:4]]
    named = any(_INVOICE_WORD.search(line) and len(line.split()) <= 3 for line in top)
    return parts >= (2 if named else 3) and len(_CONTRACT_WORDING.findall(text)) <= 1


def first_page_is_an_invoice(data: bytes, filename: str) -> bool:
    """Whether the PDF's first page reads as an invoice (:func:`looks_like_invoice`).
    Only that page is opened, within the reading limits; a PDF over them, or one that
    cannot be opened, is not looked into (False): its reading refuses it, naming the
    problem."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    from extractors.limits import DEFAULT_LIMITS, check_streams

    try:
        check_streams(data, filename)
        pdf = pdfium.PdfDocument(data)
    except (PrisvagtError, pdfium.PdfiumError):
        return False
    try:
        if len(pdf) == 0:
            return False
        page = pdf[0]
        try:
            if pdfium_c.FPDFPage_CountObjects(page) > DEFAULT_LIMITS.max_page_objects:
                return False
            textpage = page.get_textpage()
            try:
                if textpage.count_chars() > DEFAULT_LIMITS.max_page_chars:
                    return False
                return looks_like_invoice(textpage.get_text_range().splitlines(), len(pdf))
            finally:
                textpage.close()
        finally:
            page.close()
    except pdfium.PdfiumError:
        return False
    finally:
        pdf.close()


def _refuse_other_documents(lines: list[str], filename: str) -> None:
    """A ParseError naming what the document is when its title (one of its first
    lines, alone or after the sender's name: "Firma ApS Tilbud") says it
    is no invoice: a reminder, a quote, an order confirmation ..."""
    titled_invoice = any(
        _INVOICE_TITLE.fullmatch(word)
        for line in lines[:8]
        for word in line.split()[:1] + line.split()[-1:]
    )
    for line in lines[:8]:
        words = line.split()
        for pattern, kind in _NOT_AN_INVOICE:
            after_name = not titled_invoice and len(words) > 1 and pattern.search(words[-1])
            if pattern.search(line) or after_name:
                raise ParseError(
                    f"not an invoice: the document is titled as {kind} ({line[:60]!r})",
                    file=filename,
                )


def _in_totals(lines: list[str], locale: str, label: re.Pattern[str]) -> Decimal:
    """The sum of the amounts printed below the lines on rows ``label`` names (fees and
    freight, a rounding), where the totals start."""
    start = next((i for i, line in enumerate(lines) if _TOTALS_START.search(line)), None)
    if start is None:
        return ZERO
    found = ZERO
    for line in lines[start:]:
        if label.search(line) and not _TOTAL_WORDS.search(line):
            value = _money(line, locale, last=True)
            found += value or ZERO
    return found


def _complete_totals(
    payable: Decimal | None,
    net: Decimal | None,
    tax: Decimal | None,
    warnings: list[str],
    extra: Decimal = ZERO,
) -> tuple[Decimal, Decimal, Decimal]:
    """``extra``: fees, freight and rounding printed between the net and the total."""
    if payable is None:
        assert net is not None
        payable = net + (tax or ZERO) + extra
    if net is None:  # the fees, rounding and prepayment are no part of it
        net = payable - tax - extra if tax is not None and abs(tax) < abs(payable) else payable
    if tax is not None and abs(net + tax + extra - payable) <= Decimal("0.01"):
        return payable, net, tax  # as printed: the fees and rounding close the sum
    if tax is None or abs(net + tax - payable) > Decimal("0.01"):
        tax = payable - net - extra  # the fees, rounding and prepayment are no VAT
        if not tax:
            warnings.append("no VAT found in the PDF text")
    return payable, net, tax


def _invoice_number(lines: list[str], layout: Layout) -> str | None:
    for i, line, start, end in labelled(lines, NUMBER_LABELS):
        if _NOT_OWN_NUMBER_AFTER.match(line[end:]) or _NOT_OWN_NUMBER_BEFORE.search(line[:start]):
            continue
        found = _number_token(line[end:]) or _number_token(layout.below(i, start, end) or "")
        if found:
            return found
    return None


def _number_token(text: str) -> str | None:
    for tok in text.replace(":", " ").split()[:3]:
        tok = re.sub(r"^(?:n[°o]\.?|#)", "", tok.strip(".,;"))
        amount_like = re.fullmatch(r"[\d.,]*[.,]\d{2}", tok)
        if any(c.isdigit() for c in tok) and not amount_like and find_date(tok) is None:
            return tok
    return None


def _labelled_date(
    lines: list[str], labels: tuple[str, ...], layout: Layout, exclude: tuple[str, ...] = ()
) -> date | None:
    for i, line, start, end in labelled(lines, labels):
        if _overlaps(line, start, end, exclude):
            continue
        found = find_date(line[end:]) or find_date(layout.below(i, start, end) or "")
        if found:
            return found[0]
        # Without word positions: in a row of labels, the k-th date label takes the k-th date.
        if not layout.rows and i + 1 < len(lines):
            k = sum(
                1 for lb in DATE_LABELS + DUE_LABELS if re.search(rf"(?i){lb}", line[: end - 1])
            )
            below = all_dates(lines[i + 1])
            if below:
                return below[min(k, len(below) - 1)]
    return None


def _overlaps(line: str, start: int, end: int, labels: tuple[str, ...]) -> bool:
    """True when one of ``labels`` covers the span (a "Date" that is part of "Due Date")."""
    for label in labels:
        for m in re.finditer(rf"(?i)(?<![\w]){label}", line):
            if m.start() <= start < m.end() or start <= m.start() < end:
                return True
    return False


def _date_after_number(lines: list[str]) -> date | None:
    for _, line, _, end in labelled(lines, NUMBER_LABELS[:-4]):
        found = find_date(line[end:])
        if found:
            return found[0]
    return None


def _amount(
    lines: list[str],
    labels: tuple[str, ...],
    locale: str,
    *,
    last: bool = False,
    at_start: bool = False,
    exclude: tuple[str, ...] = (),
    layout: Layout | None = None,
) -> Decimal | None:
    """The amount after the last line holding the first label found; with ``layout``,
    also the amount printed under the label."""
    for label in labels:
        rx = re.compile(rf"(?i){'^' if at_start else ''}\W*(?<![\w]){label}(?![\w])")
        for i in range(len(lines) - 1, -1, -1):
            line = lines[i]
            m = rx.search(line)
            if not m or any(x in line.lower()[: m.end() + 1] for x in exclude):
                continue
            value = _money(line[m.end() :], locale, last)
            if value is None and layout is not None:
                value = _money(layout.below(i, m.start(), m.end()) or "", locale, last)
            if value is not None:
                return value
    return None


def _money(text: str, locale: str, last: bool) -> Decimal | None:
    """An amount written as money (decimals or a currency sign) in ``text``."""
    if not any(kind == "money" for kind, _, _ in tokens(text, locale)):
        return None
    return money_after(text, 0, locale, last=last)


def _supplier_vat(lines: list[str]) -> str | None:
    """The supplier's CVR or VAT number: the first labelled one outside the buyer's
    address block (a "Kunde" / "Faktureres til" / "Bill to" block, or one under a public
    body's name: "Skovlund Kommune" / "CVR-nr.: ..."), the supplier's own perhaps only in
    the footer; the first labelled one when every one stands in such a block (a region
    invoicing a municipality)."""
    found: list[tuple[bool, str]] = []
    for i, line, start, end in labelled(lines, VAT_LABELS):
        m = _VAT_VALUE.match(line[end:])
        if m:
            value = ((m.group(1) or "") + m.group(2)).replace(" ", "").replace(".", "")
            found.append((_in_buyer_block(lines, i, start), value))
    mine = [value for buyer, value in found if not buyer]
    return mine[0] if mine else (found[0][1] if found else None)


#: what opens the buyer's address block: its role ("Kunde", "Køber", "Faktureres til",
#: "Fakturamodtager", "Leveringsadresse", "Bill to", "Customer"); not its customer number
#: ("Kundenr.", "Customer no."), printed among the supplier's own details
_BUYER_BLOCK = re.compile(
    r"(?i)\b(?:kunden?|køber|faktur(?:eres|eret)\s+til|fakturamodtager|modtager|"
    r"leverings?adresse|levering\s+til|bill(?:ed)?\s+to|sold\s+to|ship\s+to|customer|"
    r"buyer)\b(?!\s*(?:nr|no|number|nummer|id)\b)"
)


def _in_buyer_block(lines: list[str], index: int, start: int) -> bool:
    """Whether the number labelled on line ``index`` (its label at ``start``) is the
    buyer's: on its line before it, or on the lines above up to another number, the
    buyer's role or a public body's name; a line naming the supplier beside it
    ("Malerfirma ApS - CVR-nr. ...") is its own."""
    before = lines[index][:start]
    if _BUYER_BLOCK.search(before) or _PUBLIC_BODY.search(before):
        return True
    if before.strip():
        return False  # the name or words on its own line: the block is that line's
    for above in reversed(lines[max(0, index - 6) : index]):
        if _CVR_IN_BLOCK.search(above) or _VAT_VALUE_ANYWHERE.search(above):
            return False
        if _BUYER_BLOCK.search(above) or _PUBLIC_BODY.search(above):
            return True
    return False


_VAT_VALUE_ANYWHERE = re.compile(
    r"(?i)\b(?:vat|moms|se)[-\s]?(?:no|nr|number)\.?\s*:?\s*[A-Z]{0,2}\s?\d"
)


def _supplier_name(lines: list[str]) -> str | None:
    for line in lines[:3]:
        name = _AFTER_NAME.sub("", _INVOICE_WORDS.sub("", line)).split(" - ")[0].strip(" .:-/")
        if len(name) >= 3 and not find_date(name) and any(c.isalpha() for c in name):
            return name
    return None
