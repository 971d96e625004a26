"""Who may call which route: one table, looked up by the one dependency that enforces it
(``monitor.web.security.authorise``). A route missing here is refused to everyone, and
the authorisation matrix test fails, so a new route cannot be forgotten.

What a role may see is limited further by its municipalities (``monitor.auth.scope``).
"""

from __future__ import annotations

from dataclasses import dataclass

from monitor.auth.service import Identity


@dataclass(frozen=True, slots=True)
class Rule:
    """``roles``: any one of them suffices (empty: anyone signed in; None: anonymous
    too); ``everywhere``: the identity must hold its role over every municipality."""

    roles: frozenset[str] | None
    everywhere: bool = False

    def allows(self, identity: Identity | None) -> bool:
        if self.roles is None:
            return True
        if identity is None:
            return False
        if self.roles and not (self.roles & identity.roles):
            return False
        return not self.everywhere or identity.all_municipalities


PUBLIC = Rule(None)
SIGNED_IN = Rule(frozenset())
READ = Rule(frozenset({"legal", "finance", "admin"}))
LEGAL = Rule(frozenset({"legal"}))
ADMIN = Rule(frozenset({"admin"}))
FINANCE_OR_ADMIN = Rule(frozenset({"finance", "admin"}))
#: rules and vendors are shared by every municipality: only an admin of all may change them
ADMIN_OF_ALL = Rule(frozenset({"admin"}), everywhere=True)

#: "METHOD /path" (as the route is declared) -> who may call it
ROUTES: dict[str, Rule] = {
    # signing in, health
    "GET /login": PUBLIC,
    "POST /login": PUBLIC,
    "GET /login/oidc": PUBLIC,
    "GET /login/oidc/callback": PUBLIC,
    "POST /logout": SIGNED_IN,
    # one's own password: every signed-in person (the page tells a token it has none)
    "GET /account/password": SIGNED_IN,
    "POST /account/password": SIGNED_IN,
    "GET /api/v1/health": PUBLIC,
    # == legal's workflow: contracts list, contract pages, case files (add this area's routes below this line)
    "GET /contracts": READ,
    "GET /contracts/{contract_id}/document": READ,
    "GET /contracts/{contract_id}/pages/{page}.png": READ,
    "GET /case-files": READ,
    "GET /case-files/vendors/{vendor_id}/{code}": READ,
    "GET /case-files/{case_file_id}": READ,
    "GET /case-files/{case_file_id}/letter.pdf": READ,
    "GET /case-files/{case_file_id}/evidence.zip": READ,
    "POST /case-files/vendors/{vendor_id}/{code}": LEGAL,
    "POST /case-files/{case_file_id}/sent": LEGAL,
    "POST /case-files/{case_file_id}/answer": LEGAL,
    "GET /api/v1/case-files": READ,
    "GET /api/v1/case-files/{case_file_id}": READ,
    # reading: every role, within its municipalities
    "GET /": READ,
    "GET /findings": READ,
    "GET /findings/{finding_id}": READ,
    "GET /invoices/{invoice_id}": READ,
    "GET /contracts/{contract_id}": READ,
    "GET /api/v1/findings": READ,
    "GET /api/v1/findings/{finding_id}": READ,
    "GET /api/v1/findings/{finding_id}/history": READ,
    "GET /api/v1/rules": READ,
    "GET /api/v1/rules/export": READ,
    "GET /api/v1/rules/{rule_id}": READ,
    "GET /api/docs": READ,
    "GET /api/v1/openapi.json": READ,
    # == findings workflow, alert history, alert preferences (add this area's routes below this line)
    "POST /findings/bulk": LEGAL,
    "GET /findings/bulk": LEGAL,  # the result of the bulk change just posted
    "POST /findings/{finding_id}/assign": LEGAL,
    "GET /alerts": FINANCE_OR_ADMIN,
    "GET /alerts/preferences": SIGNED_IN,
    "POST /alerts/preferences": SIGNED_IN,
    # documents in: legal brings contracts, finance invoices
    "GET /upload": READ,
    "POST /upload": READ,
    "POST /api/v1/documents": READ,
    "GET /api/v1/documents/{document_id}": READ,
    # == API v1 and exports (add this area's routes below this line)
    "GET /invoices": READ,
    "GET /api/v1/findings/export": READ,
    "GET /api/v1/invoices": READ,
    "GET /api/v1/invoices/export": READ,
    "GET /api/v1/invoices/{invoice_id}": READ,
    "GET /api/v1/contracts": READ,
    "GET /api/v1/contracts/{contract_id}": READ,
    "GET /api/v1/contracts/{contract_id}/history": READ,
    "GET /api/v1/documents": READ,
    "GET /api/v1/municipalities": READ,
    "GET /api/v1/municipalities/{code}": READ,
    "GET /api/v1/municipalities/{code}/contacts": ADMIN,  # personal data
    "GET /api/v1/vendors": READ,
    "GET /api/v1/vendors/{cvr}": READ,
    # alerts name their recipients: finance, who receives them, and admins
    "GET /api/v1/alerts": FINANCE_OR_ADMIN,
    "GET /api/v1/alerts/{alert_id}": FINANCE_OR_ADMIN,
    # legal reviews findings and confirms contracts
    "POST /findings/{finding_id}/review": LEGAL,
    "POST /api/v1/findings/{finding_id}/review": LEGAL,
    "POST /contracts/{contract_id}/terms/{term_id}/review": LEGAL,
    "POST /contracts/{contract_id}/confirm": LEGAL,
    "POST /contracts/{contract_id}/correct": LEGAL,
    "POST /contracts/{contract_id}/terms": LEGAL,
    "POST /api/v1/contracts/{contract_id}/terms": LEGAL,
    "POST /api/v1/contracts/{contract_id}/correct": LEGAL,
    "POST /api/v1/terms/{term_id}/review": LEGAL,
    # == user administration (add this area's routes below this line)
    # admin: accounts of the admin's own municipalities (every account for an admin of
    # all); who is within reach is decided by ``monitor.auth.useradmin``
    "GET /admin/users": ADMIN,
    "POST /admin/users": ADMIN,
    "POST /admin/users/{user_id}/disable": ADMIN,
    "POST /admin/users/{user_id}/enable": ADMIN,
    "POST /admin/users/{user_id}/reset-password": ADMIN,
    # admin: the rule set (shared by all municipalities)
    "GET /admin/rules": ADMIN,
    "GET /admin/rules/{rule_id}": ADMIN,
    "POST /admin/rules/custom": ADMIN_OF_ALL,
    "POST /admin/rules/custom/backtest": ADMIN_OF_ALL,
    "POST /admin/rules/import": ADMIN_OF_ALL,
    "POST /admin/rules/{rule_id}/backtest": ADMIN_OF_ALL,
    "POST /admin/rules/{rule_id}/publish": ADMIN_OF_ALL,
    "POST /admin/rules/{rule_id}/rollback": ADMIN_OF_ALL,
    "PUT /api/v1/rules/{rule_id}": ADMIN_OF_ALL,
    "POST /api/v1/rules/{rule_id}/rollback": ADMIN_OF_ALL,
    "POST /api/v1/rules/{rule_id}/backtest": ADMIN_OF_ALL,
    # admin: parties (a municipality's own EANs and contacts; vendors are shared)
    "GET /admin/parties": ADMIN,
    "POST /admin/parties/municipalities/{code}/eans": ADMIN,
    "POST /admin/parties/eans/{ean_id}/remove": ADMIN,
    "POST /admin/parties/municipalities/{code}/benchmark": ADMIN,
    "POST /admin/parties/municipalities/{code}/contacts": ADMIN,
    "POST /admin/parties/contacts/{contact_id}": ADMIN,
    "POST /admin/parties/import": ADMIN_OF_ALL,
    "POST /admin/parties/vendors": ADMIN_OF_ALL,
}


def route_key(method: str, path: str) -> str:
    return f"{'GET' if method == 'HEAD' else method} {path}"


def rule_for(method: str, path: str) -> Rule | None:
    return ROUTES.get(route_key(method, path))
