"""Helpers for legal's workflow tests: a real contract PDF made with reportlab, put in
place of the web seed's placeholder document, and clients scoped to a municipality."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select

from monitor.auth.service import add_token
from monitor.contracts.models import Contract
from monitor.db import transaction
from monitor.documents.models import Document

#: the page the seed's price term names (``evidence_page=3``), drawn landscape so that
#: a picture of it is told from the portrait pages by its shape alone
CLAUSE_PAGE = 3
FONT_SIZE = 12
CLAUSE_X, CLAUSE_BASELINE = 72.0, 400.0


@dataclass(frozen=True)
class ClauseBox:
    """Where the clause was drawn: points from the page's top-left corner."""

    x0: float
    top: float
    x1: float
    bottom: float
    page_width: float
    page_height: float


def contract_pdf(clause: str) -> tuple[bytes, ClauseBox]:
    """Three pages: two portrait pages of other text, then a landscape page with
    ``clause`` on one line and another paragraph far below it."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    pdf = canvas.Canvas(buf, pagesize=A4)
    for n in (1, 2):
        pdf.setFont("Helvetica", FONT_SIZE)
        pdf.drawString(72, 760, f"Side {n}: Almindelige bestemmelser for driftsaftalen")
        pdf.showPage()
    width, height = landscape(A4)
    pdf.setPageSize((width, height))
    pdf.setFont("Helvetica", FONT_SIZE)
    pdf.drawString(CLAUSE_X, CLAUSE_BASELINE, clause)
    pdf.drawString(CLAUSE_X, 150, "Bilag 2 Priser gælder fra ikrafttrædelsen og reguleres årligt.")
    pdf.showPage()
    pdf.save()
    text_width = stringWidth(clause, "Helvetica", FONT_SIZE)
    box = ClauseBox(
        x0=CLAUSE_X,
        top=height - CLAUSE_BASELINE - FONT_SIZE,
        x1=CLAUSE_X + text_width,
        bottom=height - CLAUSE_BASELINE + FONT_SIZE * 0.3,
        page_width=width,
        page_height=height,
    )
    return buf.getvalue(), box


def store_contract_pdf(engine: Engine, contract_id: int, data: bytes) -> None:
    """Put ``data`` in place of the contract's stored document."""
    with transaction(engine) as s:
        contract = s.get(Contract, contract_id)
        assert contract is not None
        document = s.get(Document, contract.document_id)
        assert document is not None
        document.content, document.size = data, len(data)
        document.sha256 = hashlib.sha256(data).hexdigest()


def scoped_client(app: FastAPI, *, codes: list[str], roles: list[str]) -> TestClient:
    """A client with the bearer token of an identity over these municipalities only."""
    with app.state.session_factory() as session:
        _, secret = add_token(
            session, name="-".join(codes), roles=roles, municipality_codes=codes, actor="tests"
        )
        session.commit()
    client = TestClient(app)
    client.headers["Authorization"] = f"Bearer {secret}"
    return client


def contract_ids(engine: Engine) -> dict[str, int]:
    with transaction(engine) as s:
        return {title: cid for cid, title in s.execute(select(Contract.id, Contract.title))}
