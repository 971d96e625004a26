"""Municipality isolation, in one place: a session carrying a scope sees only rows of
the municipalities in it.

``scope_session(session, ids)`` marks a session; from then on every ORM query it runs
(``select``, ``session.get``, relationship loads) gets a criterion on each table that
belongs to a municipality, through SQLAlchemy's ``with_loader_criteria``. A row outside
the scope is as absent as a row that does not exist: a page answers 404, a list leaves
it out. Code that must see across municipalities on purpose (the anonymised price
benchmark) runs its query with ``execution_options(all_municipalities=True)``.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event, false, or_, select
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria

from monitor.alerts.models import Alert
from monitor.audit.models import AuditEntry
from monitor.casefiles.models import CaseFile, CaseFileFinding
from monitor.contracts.models import Contract, ContractClause, PriceTerm, UnreadPriceRow
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.parties.models import Contact, Municipality, MunicipalityEan

SCOPE_KEY = "municipality_scope"
ACTOR_KEY = "scope_actor"
UNSCOPED = "all_municipalities"


def scope_session(
    session: Session, municipality_ids: frozenset[int] | None, *, actor: str | None = None
) -> None:
    """Limit what ``session`` sees to these municipalities (None: every municipality).
    ``actor``: who is asking, so that they see the documents they uploaded that belong
    to no municipality yet."""
    session.info[ACTOR_KEY] = actor
    if municipality_ids is None:
        session.info.pop(SCOPE_KEY, None)
    else:
        session.info[SCOPE_KEY] = tuple(sorted(municipality_ids))


def session_scope(session: Session) -> tuple[int, ...] | None:
    return session.info.get(SCOPE_KEY)


def _criteria(ids: tuple[int, ...], actor: str | None) -> list[Any]:
    contracts = select(Contract.id).where(Contract.municipality_id.in_(ids))
    invoices = select(Invoice.id).where(Invoice.municipality_id.in_(ids))
    findings = select(Finding.id).where(Finding.municipality_id.in_(ids))
    case_files = select(CaseFile.id).where(CaseFile.municipality_id.in_(ids))
    return [
        with_loader_criteria(Municipality, Municipality.id.in_(ids)),
        with_loader_criteria(MunicipalityEan, MunicipalityEan.municipality_id.in_(ids)),
        with_loader_criteria(Contact, Contact.municipality_id.in_(ids)),
        with_loader_criteria(Finding, Finding.municipality_id.in_(ids)),
        with_loader_criteria(Invoice, Invoice.municipality_id.in_(ids)),
        with_loader_criteria(InvoiceLine, InvoiceLine.invoice_id.in_(invoices)),
        with_loader_criteria(Contract, Contract.municipality_id.in_(ids)),
        with_loader_criteria(PriceTerm, PriceTerm.contract_id.in_(contracts)),
        with_loader_criteria(ContractClause, ContractClause.contract_id.in_(contracts)),
        with_loader_criteria(UnreadPriceRow, UnreadPriceRow.contract_id.in_(contracts)),
        with_loader_criteria(Alert, Alert.municipality_id.in_(ids)),
        with_loader_criteria(CaseFile, CaseFile.municipality_id.in_(ids)),
        with_loader_criteria(CaseFileFinding, CaseFileFinding.case_file_id.in_(case_files)),
        # a document read into a contract or invoice belongs to its municipality; one
        # not (yet) read into either (waiting, failed) belongs to none: only whoever
        # uploaded it sees it (and identities over every municipality, unscoped)
        with_loader_criteria(
            Document,
            or_(
                Document.id.in_(select(Contract.document_id).where(Contract.id.in_(contracts))),
                Document.id.in_(select(Invoice.document_id).where(Invoice.id.in_(invoices))),
                ~Document.id.in_(_document_ids(Contract))
                & ~Document.id.in_(_document_ids(Invoice))
                & (Document.uploaded_by == actor if actor else false()),
            ),
        ),
        # the audit trail of what the scope holds; changes to rules are everyone's
        with_loader_criteria(
            AuditEntry,
            or_(
                AuditEntry.entity.in_(("rule", "vendor")),
                (AuditEntry.entity == "municipality")
                & AuditEntry.entity_id.in_(
                    select(Municipality.code).where(Municipality.id.in_(ids))
                ),
                (AuditEntry.entity == "finding") & AuditEntry.entity_id.in_(_as_text(findings)),
                (AuditEntry.entity == "contract") & AuditEntry.entity_id.in_(_as_text(contracts)),
                (AuditEntry.entity == "case_file") & AuditEntry.entity_id.in_(_as_text(case_files)),
                (AuditEntry.entity == "price_term")
                & AuditEntry.entity_id.in_(
                    _as_text(select(PriceTerm.id).where(PriceTerm.contract_id.in_(contracts)))
                ),
            ),
        ),
    ]


def _document_ids(table: type[Contract] | type[Invoice]) -> Any:
    """Every document read into a contract (or invoice), whatever the scope: a plain
    table select, which the loader criteria above do not touch."""
    column = table.__table__.c.document_id
    return select(column).where(column.is_not(None))


def _as_text(ids_query: Any) -> Any:
    from sqlalchemy import String, cast

    column = ids_query.selected_columns[0]
    return ids_query.with_only_columns(cast(column, String))


#: path parameters naming a row that belongs to a municipality
PATH_OBJECTS: dict[str, type[Any]] = {
    "finding_id": Finding,
    "invoice_id": Invoice,
    "contract_id": Contract,
    "term_id": PriceTerm,
    "document_id": Document,
    "ean_id": MunicipalityEan,
    "contact_id": Contact,
    "case_file_id": CaseFile,
    "alert_id": Alert,
}


def hidden_path_object(session: Session, path_params: dict[str, Any]) -> str | None:
    """The first path parameter naming a row the scoped session cannot see (as
    ``"finding_id 7"``), or None. Checked before the handler runs, so that a request
    for another municipality's row is refused the same way on every route, whatever
    the rest of the request holds."""
    if session_scope(session) is None:
        return None
    for name, value in path_params.items():
        if name == "code":
            found = session.scalar(select(Municipality.id).where(Municipality.code == str(value)))
        elif name in PATH_OBJECTS:
            try:
                key = int(value)
            except (TypeError, ValueError):
                continue  # not an id: the route's own validation answers
            found = session.get(PATH_OBJECTS[name], key)
        else:
            continue
        if found is None:
            return f"{name} {value}"
    return None


@event.listens_for(Session, "do_orm_execute")
def _limit_to_scope(state: ORMExecuteState) -> None:
    ids = state.session.info.get(SCOPE_KEY)
    if ids is None or state.execution_options.get(UNSCOPED):
        return
    if state.is_select or state.is_update or state.is_delete:
        actor = state.session.info.get(ACTOR_KEY)
        state.statement = state.statement.options(*_criteria(ids, actor))
