"""Celery tasks, named ``domain.verb``. Each opens one transaction, calls one service,
commits, then enqueues the next step."""

from __future__ import annotations

from monitor.db import transaction
from workers.celery_app import app


@app.task(name="contracts.extract")
def extract_contract(document_id: int) -> int | None:
    from monitor.contracts import service

    with transaction() as session:
        contract_id = service.extract(session, document_id=document_id)
    return contract_id


@app.task(name="invoices.parse")
def parse_invoice(document_id: int) -> list[int]:
    from monitor.invoices import service

    with transaction() as session:
        invoice_ids = service.parse(session, document_id=document_id)
    for invoice_id in invoice_ids:
        check_invoice.delay(invoice_id)
    return invoice_ids


@app.task(name="invoices.check")
def check_invoice(invoice_id: int) -> list[int]:
    from monitor.findings import service

    with transaction() as session:
        result = service.check_invoice(session, invoice_id=invoice_id)
    for alert_id in result.alert_ids:
        dispatch_alert.delay(alert_id)
    return result.alert_ids


@app.task(name="alerts.dispatch")
def dispatch_alert(alert_id: int) -> str:
    from monitor.alerts import service

    with transaction() as session:
        status = service.dispatch(session, alert_id=alert_id)
    return status
