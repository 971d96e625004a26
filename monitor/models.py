"""Imports every table so that metadata is complete (Alembic, create_all)."""

from monitor.alerts.models import Alert, AlertFinding, AlertPreference
from monitor.audit.models import AuditEntry
from monitor.auth.models import ApiToken, User
from monitor.casefiles.models import CaseFile, CaseFileFinding
from monitor.contracts.models import Contract, ContractClause, PriceTerm
from monitor.documents.models import Document
from monitor.findings.models import Finding
from monitor.indexes.models import IndexValue
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.outbox.models import OutboxTask
from monitor.parties.models import Contact, Municipality, MunicipalityEan, Vendor
from monitor.rulesets.models import RuleConfiguration

__all__ = [
    "Alert",
    "AlertFinding",
    "AlertPreference",
    "ApiToken",
    "AuditEntry",
    "CaseFile",
    "CaseFileFinding",
    "Contact",
    "Contract",
    "ContractClause",
    "Document",
    "Finding",
    "IndexValue",
    "Invoice",
    "InvoiceLine",
    "Municipality",
    "MunicipalityEan",
    "OutboxTask",
    "PriceTerm",
    "RuleConfiguration",
    "User",
    "Vendor",
]
