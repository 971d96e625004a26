"""The evidence of a case file as one ZIP: the letter as it was made, each contract
the findings rest on, each invoice's stored document, and the findings as CSV."""

from __future__ import annotations

import io
import re
import zipfile

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.money import decimal_str
from monitor.casefiles.models import CaseFile
from monitor.contracts.models import Contract
from monitor.csvexport import write_csv
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.web.i18n import translate

CSV_FIELDS = (
    "finding_id",
    "rule",
    "invoice_number",
    "invoice_date",
    "line",
    "description",
    "quantity",
    "invoiced_unit_price",
    "agreed_unit_price",
    "overcharge",
    "currency",
    "contract",
    "contract_page",
    "clause",
)
NUMERIC = ("finding_id", "quantity", "invoiced_unit_price", "agreed_unit_price", "overcharge")


def letter_name(case: CaseFile) -> str:
    return f"{translate('letter.file_name', case.language)}-{case.id}.pdf"


def _safe(name: str) -> str:
    """A file name that stays inside its folder of the ZIP."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    return re.sub(r"[^\w.\-æøåÆØÅ ]+", "_", base).strip(" .") or "document"


def build(session: Session, case: CaseFile) -> bytes:
    """The ZIP's bytes (deflated)."""
    from monitor.contracts.evidence import finding_target

    ids = [item.finding_id for item in case.items]
    findings = {f.id: f for f in session.scalars(select(Finding).where(Finding.id.in_(ids)))}
    ordered = [findings[i] for i in ids if i in findings]
    contracts: dict[int, Contract] = {}
    rows = []
    for f in ordered:
        contract = session.get(Contract, f.contract_id) if f.contract_id else None
        if contract is not None:
            contracts[contract.id] = contract
        where = finding_target(session, f)
        line = f.invoice_line
        rows.append(
            {
                "finding_id": f.id,
                "rule": f.rule_id,
                "invoice_number": f.invoice.number,
                "invoice_date": f.invoice.issue_date.isoformat() if f.invoice.issue_date else "",
                "line": line.line_id if line else "",
                "description": line.description if line else "",
                "quantity": _plain(f.quantity),
                "invoiced_unit_price": _plain(f.invoiced_unit_price),
                "agreed_unit_price": _plain(f.agreed_unit_price),
                "overcharge": decimal_str(f.overcharge),
                "currency": f.currency,
                "contract": contract.title if contract else "",
                "contract_page": where.page if where and where.page else "",
                "clause": where.text if where and where.text else "",
            }
        )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(letter_name(case), case.letter)
        zf.writestr("findings.csv", write_csv(rows, fields=CSV_FIELDS, numeric=NUMERIC))
        for contract in contracts.values():
            _add_document(session, zf, "contracts", contract.document_id)
        seen: set[int] = set()
        for f in ordered:
            if f.invoice.document_id is not None and f.invoice.document_id not in seen:
                seen.add(f.invoice.document_id)
                _add_document(session, zf, "invoices", f.invoice.document_id)
    return out.getvalue()


def _add_document(session: Session, zf: zipfile.ZipFile, folder: str, doc_id: int | None) -> None:
    document = session.get(Document, doc_id) if doc_id is not None else None
    if document is None:
        return
    # the document id in front keeps two files of the same name apart
    zf.writestr(f"{folder}/{document.id}-{_safe(document.filename)}", document.content)


def _plain(value: object) -> str:
    return "" if value is None else decimal_str(value, min_places=0)  # type: ignore[arg-type]
