"""Checking many invoices at once: screen in SQL, evaluate in Python only what may fire.

:func:`check_screened` stores exactly what :func:`monitor.findings.service.check_invoices`
stores for the same invoices (the same findings, amounts, evidence, ownership, alerts,
withdrawals), but runs the rules only on the invoices the set-based screen
(``monitor.findings.screening``) flags. For those, the pair's history is loaded only
as far as :meth:`PairBatch.earlier` can use it (invoices with the same number, or a
line of the same item key for the same period start); the invoices the screen passes
are marked checked, and any open finding they still carry is withdrawn, as a re-check
that produces nothing would.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    exists,
    func,
    insert,
    null,
    or_,
    select,
)
from sqlalchemy.orm import Session, aliased

from monitor.findings import lifecycle, screening
from monitor.findings.context import ContextBuilder
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from rules.types import InvoiceView, RuleConfig

_meta = MetaData()
#: the invoices the Python path loads: flagged ones and what they may repeat
T_LOAD = Table(
    "screen_load",
    _meta,
    Column("invoice_id", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
)
#: (pair, item key, period start) of the flagged invoices' lines
T_KEY = Table(
    "screen_key",
    _meta,
    Column("vendor_id", Integer),
    Column("muni", Integer),
    Column("key", String(200)),
    Column("start", Date),
    Column("amount", BigInteger),
    prefixes=["TEMPORARY"],
)


class ScreenedBuilder(ContextBuilder):
    """A context builder that reads, of each pair's history, only the invoices in
    ``screen_load`` (unless the incremental path already restricts it)."""

    def _load_pair(
        self, vendor_id: int, muni_id: int, since: date, until: date, related: Any = None
    ) -> dict[int, InvoiceView]:
        if related is None:
            related = Invoice.id.in_(select(T_LOAD.c.invoice_id))
        return super()._load_pair(vendor_id, muni_id, since, until, related)


def check_screened(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None = None,
    allow_unconfirmed_terms: bool | None = None,
    queue_alerts: bool = True,
    omit: frozenset[str] = frozenset(),
) -> Any:
    """Check these invoices with the rule set in force, as ``check_invoices`` does
    (same arguments, same ``CheckResult``), screening first. Never commits.
    ``omit``: screens left out (``screening.screen``), only for the test that shows a
    too tight screen is caught."""
    from monitor.findings.service import _unassigned, check_invoices
    from monitor.rulesets.service import current_configs
    from monitor.settings import get_settings

    if allow_unconfirmed_terms is None:
        allow_unconfirmed_terms = get_settings().allow_unconfirmed_terms
    configs = current_configs(session)
    flagged = screening.screen(
        session,
        invoice_ids=invoice_ids,
        configs=configs,
        allow_unconfirmed_terms=allow_unconfirmed_terms,
        omit=omit,
    )
    try:
        fill_load(session, same_amount=screening.Loosest.of(configs).same_amount)
        result = check_invoices(
            session,
            invoice_ids=sorted(flagged),
            today=today,
            allow_unconfirmed_terms=allow_unconfirmed_terms,
            queue_alerts=queue_alerts,
            builder_class=ScreenedBuilder,
        )
        passed = select(screening.T_INVOICE.c.invoice_id).where(screening.T_INVOICE.c.flagged == 0)
        _settle_passed(session, passed, configs, result)
        result.skipped = _unassigned(session, invoice_ids)
    finally:
        drop_tables(session)
    return result


def fill_load(session: Session, *, same_amount: bool) -> None:
    """``screen_load``: the flagged invoices, plus the invoices of the same pair that
    ``PairBatch.earlier`` could return for them and that ``duplicate_billing`` (the
    only rule reading them) could count: the same number, or a line of the same item
    key, period start and (``same_amount``) amount. Every other invoice ``earlier``
    returns changes no finding: the rule only looks up the keys of the invoice checked
    (``_billed``), and quotes the first earlier line with such a key."""
    flagged = screening.T_INVOICE
    for table in (T_LOAD, T_KEY):
        table.drop(session.connection(), checkfirst=True)
        table.create(session.connection())
    start = func.coalesce(InvoiceLine.period_start, Invoice.period_start)
    amount = screening.duplicate_amount(same_amount)
    # a line without an item id is keyed by its description, and may repeat a line of
    # any invoice ``earlier`` returns: for such invoices any amount counts (NULL)
    sibling = aliased(InvoiceLine)
    described = exists().where(
        sibling.invoice_id == InvoiceLine.invoice_id, sibling.item_key.is_(None)
    )
    key_amount = case((described, null()), else_=amount)
    session.execute(
        insert(T_KEY).from_select(
            ["vendor_id", "muni", "key", "start", "amount"],
            select(
                Invoice.vendor_id, Invoice.municipality_id, InvoiceLine.item_key, start, key_amount
            )
            .distinct()
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .join(flagged, flagged.c.invoice_id == Invoice.id)
            .where(flagged.c.flagged == 1, InvoiceLine.item_key.is_not(None)),
        )
    )
    screening.analyze(session, T_KEY)
    other = select(Invoice.id.label("id")).join(flagged, flagged.c.invoice_id == Invoice.id)
    own = other.where(flagged.c.flagged == 1)
    flagged_inv = (
        select(Invoice.vendor_id, Invoice.municipality_id, Invoice.number)
        .join(flagged, flagged.c.invoice_id == Invoice.id)
        .where(flagged.c.flagged == 1)
        .distinct()
        .subquery()
    )
    same_number = select(Invoice.id).join(
        flagged_inv,
        and_(
            flagged_inv.c.vendor_id == Invoice.vendor_id,
            flagged_inv.c.municipality_id == Invoice.municipality_id,
            flagged_inv.c.number == Invoice.number,
        ),
    )
    same_item = (
        select(Invoice.id)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .join(
            T_KEY,
            and_(
                T_KEY.c.vendor_id == Invoice.vendor_id,
                T_KEY.c.muni == Invoice.municipality_id,
                T_KEY.c.key == InvoiceLine.item_key,
                T_KEY.c.start.is_not_distinct_from(start),
                or_(T_KEY.c.amount.is_(None), T_KEY.c.amount == amount),
            ),
        )
    )
    session.execute(insert(T_LOAD).from_select(["invoice_id"], own.union(same_number, same_item)))
    screening.analyze(session, T_LOAD)


def drop_tables(session: Session) -> None:
    for table in (T_LOAD, T_KEY):
        table.drop(session.connection(), checkfirst=True)
    screening.drop_tables(session)


def _settle_passed(session: Session, passed: Any, configs: list[RuleConfig], result: Any) -> None:
    """Invoices the screen passed: the rules find nothing on them, so their open
    findings are withdrawn and they are checked (counted in ``result``)."""
    from monitor.findings.service import _mark_checked

    versions = {c.rule_id: c.version for c in configs}
    for finding in session.scalars(
        select(Finding).where(Finding.invoice_id.in_(passed), Finding.status == "open")
    ):
        lifecycle.withdraw(session, finding, rule_version=versions.get(finding.rule_id, 0))
        result.withdrawn += 1
    ids = list(session.scalars(passed))
    _mark_checked(session, ids)
    result.invoices += len(ids)
