"""Checking many invoices at once: screen in SQL, evaluate in Python only what may fire.

:func:`check_screened` stores exactly what :func:`monitor.findings.service.check_invoices`
stores for the same invoices (the same findings, amounts, evidence, ownership, alerts,
withdrawals), but runs the rules only on the invoices the set-based screen
(``monitor.findings.screening``) flags, and on each only the rules it flags there
(every configured rule still counts as running: who owns an excess is unchanged; the
open findings of the others are withdrawn, as the screen shows they are no longer
produced). For those, the pair's history is loaded only
as far as :meth:`PairBatch.earlier` can use it (invoices with the same number, or a
line of the same item key for the same period start); the invoices the screen passes
are marked checked, and any open finding they still carry is withdrawn, as a re-check
that produces nothing would.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    Column,
    Index,
    Integer,
    MetaData,
    Table,
    and_,
    exists,
    func,
    insert,
    literal,
    or_,
    select,
    update,
)
from sqlalchemy.orm import Session

from monitor.findings import lifecycle, screening
from monitor.findings.context import ContextBuilder, id_chunks
from monitor.findings.models import Finding
from monitor.invoices.models import Invoice, InvoiceLine
from rules.matching import item_key
from rules.types import InvoiceView, PriceObservation, RuleConfig

_meta = MetaData()
#: the invoices the Python path loads: flagged ones and what they may repeat
T_LOAD = Table(
    "screen_load",
    _meta,
    Column("invoice_id", Integer, primary_key=True),
    Column("vendor_id", Integer),
    Column("muni", Integer),
    # 1: every line is read; 0: only the lines the screen flagged (:func:`fill_load`)
    Column("whole", Integer, nullable=False),
    # each pair reads its own ids (an IN over the whole table per pair would scan it)
    Index("ix_screen_load_pair", "vendor_id", "muni", "invoice_id"),
    prefixes=["TEMPORARY"],
)


#: from this many invoices a check or a backtest screens in SQL first: the screen's
#: set-up (the pairs' price bounds, peers, repeated periods) then costs less than the
#: evaluation it saves (bench/rules.py: 10,000 invoices 6.1 s screened against 6.4 s,
#: 100,000 invoices 22.6 s against 37 s on SQLite)
SCREEN_MIN_INVOICES = 1000


def check_many(
    session: Session, *, invoice_ids: Sequence[int], workers: int = 1, **options: Any
) -> Any:
    """Check these invoices as :func:`monitor.findings.service.check_invoices` does (same
    options, same result, same stored findings): screened first when they are many,
    and spread over ``workers`` processes when they are very many
    (``monitor.findings.parallel``: only from a transaction that has written nothing)."""
    from monitor.findings.service import check_invoices

    if len(invoice_ids) >= SCREEN_MIN_INVOICES:
        return check_screened(session, invoice_ids=invoice_ids, workers=workers, **options)
    return check_invoices(session, invoice_ids=invoice_ids, **options)


class ScreenedBuilder(ContextBuilder):
    """A context builder that reads, of each pair's history, only the invoices in
    ``screen_load`` (unless the incremental path already restricts it), and of an
    invoice loaded in part (``whole`` 0) only the lines the screen flagged."""

    #: per vendor, the item keys the peer rules compare (:meth:`_compared_keys`)
    _compared: dict[int, set[str]] | None = None
    #: the vendors with such a line without an item number (:meth:`_described_vendors`)
    _described: set[int] = set()  # noqa: RUF012 (replaced per builder, never mutated here)
    #: whether :meth:`reads` told what the rules read (a backtest does not)
    _told = False

    def _load_pair(
        self,
        vendor_id: int,
        muni_id: int,
        since: date,
        until: date,
        related: Any = None,
        lines_on: Any = None,
    ) -> dict[int, InvoiceView]:
        if related is None:
            related = Invoice.id.in_(
                select(T_LOAD.c.invoice_id).where(
                    T_LOAD.c.vendor_id == vendor_id, T_LOAD.c.muni == muni_id
                )
            )
            lines_on = or_(
                exists().where(T_LOAD.c.invoice_id == Invoice.id, T_LOAD.c.whole == 1),
                exists().where(screening.T_LINE.c.line_id == InvoiceLine.id),
            )
        return super()._load_pair(vendor_id, muni_id, since, until, related, lines_on)

    def reads(
        self,
        rules_for: Mapping[int, frozenset[str] | None],
        lines_for: Mapping[int, frozenset[int]],
    ) -> None:
        """As the base class; the check then reads of each vendor's latest prices only
        the items the peer rules compare (:meth:`_peer_prices`)."""
        super().reads(rules_for, lines_for)
        self._compared, self._described, self._told = None, set(), True

    def _peer_prices(self, vendor_id: int) -> list[PriceObservation]:
        """The vendor's latest prices of the items on the lines the peer rules read in
        this check (:meth:`_compared_keys`), not of all its items: the rules look a
        line's peers up by its item key alone (``rules.peers``), so the others change
        nothing (200,000 observations per part at 1,000,000 lines, where the flagged
        lines name a fraction of the items). Read once per vendor, the same list for
        each of its invoices. Every latest price when a line of the vendor has no
        stored key, or when :meth:`reads` was not called."""
        if (
            not self._told
            or vendor_id in self._peers
            or self._unkeyed_lines(vendor_id)
            # a line without an item number, compared under the item its description
            # matches (``rules.peers``): every latest price of the vendor
            or vendor_id in self._described_vendors()
        ):
            return super()._peer_prices(vendor_id)
        keys = self._compared_keys().get(vendor_id)
        observations = self._latest_by_keys(vendor_id, keys) if keys else []
        self._peers[vendor_id] = observations
        return observations

    def _compared_keys(self) -> dict[int, set[str]]:
        """Per vendor, the item keys of the lines the peer rules read: of the invoices
        whose flags include a peer rule (:func:`screening._flagged` gives the rules
        that run), the lines :func:`screening.lines_read` gives, or every line of an
        invoice read whole or not in it (no line of it flagged for the line rules)."""
        if self._compared is None:
            i, hit, line = screening.T_INVOICE, screening.T_HIT, screening.T_LINE
            line_bits = screening.LINE_BITS
            # the invoices first, then their lines by the lines' index on the invoice: in
            # one join PostgreSQL cannot estimate the flags' share of the invoices (a
            # bit mask), and read every line of the table for a few thousand invoices
            peered = self._read(
                select(i.c.invoice_id).where(i.c.flagged.op("&")(screening.PEER_BITS) != 0)
            )
            self._compared, self._described = {}, set()
            for chunk in id_chunks([row[0] for row in peered], self.session):
                read = select(i.c.vendor_id, InvoiceLine.item_id).distinct()
                read = read.join(i, i.c.invoice_id == InvoiceLine.invoice_id).where(
                    InvoiceLine.invoice_id.in_(chunk),
                    or_(
                        i.c.flagged.op("&")(screening.WHOLE) != 0,
                        ~exists().where(
                            hit.c.invoice_id == i.c.invoice_id,
                            hit.c.mask.op("&")(line_bits) != 0,
                        ),
                        exists().where(
                            line.c.line_id == InvoiceLine.id, line.c.mask.op("&")(line_bits) != 0
                        ),
                    ),
                )
                for vendor_id, item_id in self._read(read):
                    key = item_key(item_id)
                    if key is not None:
                        self._compared.setdefault(vendor_id, set()).add(key)
                    else:
                        self._described.add(vendor_id)
        return self._compared

    def _described_vendors(self) -> set[int]:
        """The vendors with a line the peer rules read that has no item number."""
        self._compared_keys()
        return self._described


def check_screened(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None = None,
    allow_unconfirmed_terms: bool | None = None,
    queue_alerts: bool = True,
    omit: frozenset[str] = frozenset(),
    workers: int = 1,
) -> Any:
    """Check these invoices with the rule set in force, as ``check_invoices`` does
    (same arguments, same ``CheckResult``), screening first. Never commits.
    ``workers``: processes to spread the screen and the rules over, where
    ``parallel.usable`` (the workers read what is committed: pass more than one only
    from a transaction that has written nothing). ``omit``: screens left out
    (``screening.screen``), only for the test that shows a too tight screen is caught."""
    from monitor.findings import parallel
    from monitor.findings.service import fewer_collections

    with fewer_collections(len(invoice_ids)):
        if parallel.usable(session, len(invoice_ids), workers):
            return _check_in_parts(
                session,
                invoice_ids=invoice_ids,
                today=today,
                allow_unconfirmed_terms=allow_unconfirmed_terms,
                queue_alerts=queue_alerts,
                omit=omit,
                workers=workers,
            )
        return _check_screened(
            session,
            invoice_ids=invoice_ids,
            today=today,
            allow_unconfirmed_terms=allow_unconfirmed_terms,
            queue_alerts=queue_alerts,
            omit=omit,
        )


def _check_in_parts(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None,
    allow_unconfirmed_terms: bool | None,
    queue_alerts: bool,
    omit: frozenset[str],
    workers: int,
) -> Any:
    """:func:`_check_screened` with the screen and the rules run by worker processes,
    each on whole pairs (``monitor.findings.parallel``); stored here, in this
    transaction, as each piece arrives (the invoices a part's screen passed, then its
    evaluated pairs a few at a time), while the workers go on."""
    from monitor.findings import parallel
    from monitor.findings.service import (
        CheckResult,
        _unassigned,
        finish,
        plan_each_read,
        store_evaluated,
    )
    from monitor.rulesets.service import current_configs
    from monitor.settings import get_settings

    if allow_unconfirmed_terms is None:
        allow_unconfirmed_terms = get_settings().allow_unconfirmed_terms
    if not parallel.forks():  # the workers' server starts while the parts are made
        parallel.start_server()
    configs = current_configs(session)
    vendors: set[int] = set()
    parts = parallel.partition(session, invoice_ids, workers, vendors=vendors)
    plan_each_read(session, len(invoice_ids))
    result = CheckResult()
    new_ids: list[int] = []
    for piece in parallel.evaluate_parts(
        session,
        parts,
        configs=configs,
        today=today or date.today(),
        allow_unconfirmed_terms=allow_unconfirmed_terms,
        omit=omit,
        # what every part's screen reads alike: computed once, here, while the workers
        # start and fill their invoices, and sent to each when it is ready
        shared=lambda: screening.shared_inputs(
            session, vendor_ids=sorted(vendors), configs=configs
        ),
    ):
        if piece.passed:
            _settle_passed_ids(session, piece.passed, configs, result)
        new_ids += store_evaluated(session, piece.evaluated, configs=configs, result=result)
        if piece.done:
            result.worker_peak_kb[piece.pid] = max(
                result.worker_peak_kb.get(piece.pid, 0), piece.peak_kb
            )
            result.worker_cpu_s[piece.pid] = max(
                result.worker_cpu_s.get(piece.pid, 0.0), piece.cpu_s
            )
            result.part_figures[piece.part] = {"flagged": piece.flagged, **piece.timings}
    result.skipped = _unassigned(session, invoice_ids)
    finish(session, result, new_ids, queue_alerts=queue_alerts)
    return result


def _check_screened(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    today: date | None,
    allow_unconfirmed_terms: bool | None,
    queue_alerts: bool,
    omit: frozenset[str],
) -> Any:
    from monitor.findings.service import _unassigned, announce_withdrawn, check_invoices
    from monitor.rulesets.service import current_configs
    from monitor.settings import get_settings

    if allow_unconfirmed_terms is None:
        allow_unconfirmed_terms = get_settings().allow_unconfirmed_terms
    configs = current_configs(session)
    try:
        flagged, lines = screen_for_check(
            session,
            invoice_ids=invoice_ids,
            configs=configs,
            allow_unconfirmed_terms=allow_unconfirmed_terms,
            omit=omit,
        )
        result = check_invoices(
            session,
            invoice_ids=sorted(flagged),
            today=today,
            allow_unconfirmed_terms=allow_unconfirmed_terms,
            queue_alerts=queue_alerts,
            builder_class=ScreenedBuilder,
            rules_for=flagged,
            lines_for=lines,
        )
        announced = len(result.withdrawn_ids)  # ``check_invoices`` told of these
        _settle_passed(session, passed_by_screen(), configs, result)
        if queue_alerts:
            announce_withdrawn(session, result, result.withdrawn_ids[announced:])
        result.skipped = _unassigned(session, invoice_ids)
    finally:
        drop_tables(session)
    return result


def screen_for_check(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    configs: list[RuleConfig],
    allow_unconfirmed_terms: bool,
    omit: frozenset[str] = frozenset(),
    shared: screening.Shared | Callable[[], screening.Shared] | None = None,
) -> tuple[dict[int, frozenset[str] | None], dict[int, frozenset[int]]]:
    """The screen of these invoices (``screening.screen``: the rules that could fire on
    each flagged one), the history their check loads (:func:`fill_load`) and, per
    invoice, the lines the price and peer rules read (``screening.lines_read``). The
    temporary tables stay for :func:`passed_by_screen`; :func:`drop_tables` removes them."""
    flagged = screening.screen(
        session,
        invoice_ids=invoice_ids,
        configs=configs,
        allow_unconfirmed_terms=allow_unconfirmed_terms,
        omit=omit,
        shared=shared,
    )
    loosest = screening.Loosest.of(configs)
    fill_load(session, running=loosest.running, same_amount=loosest.same_amount)
    return flagged, screening.lines_read(session)


def passed_by_screen() -> Any:
    """A select of the screened invoices no rule can fire on."""
    return select(screening.T_INVOICE.c.invoice_id).where(screening.T_INVOICE.c.flagged == 0)


def fill_load(session: Session, *, running: set[str], same_amount: bool) -> None:
    """``screen_load``: the flagged invoices, plus the invoices of the same pair that
    ``PairBatch.earlier`` could return for them and that ``duplicate_billing`` (the
    only rule reading them) could count: an invoice of the same number, or with a line
    in a group (pair, item key, period, amount) billed more than once (``screen_dup``
    and ``screen_number``, from the screen). Every other invoice ``earlier`` returns
    changes no finding: the rule only looks up the keys of the invoice checked
    (``_billed``), and quotes the first earlier line with such a key. A flagged invoice
    with a line without item id (keyed by its description) loads its pair whole."""
    flagged = screening.T_INVOICE
    T_LOAD.drop(session.connection(), checkfirst=True)
    T_LOAD.create(session.connection())
    # an invoice flagged for line rules only (the price and peer rules, on the lines
    # ``screening.lines_read`` gives) is read in part: those lines alone, which are all
    # these rules read of it (``rules.evaluate``'s ``lines``); unless the duplicate rule
    # may read it as another invoice's earlier one (below: read whole)
    others = screening.ALL & ~screening.LINE_BITS
    own = select(flagged.c.invoice_id.label("id")).where(flagged.c.flagged.op("&")(others) != 0)
    in_part = select(flagged.c.invoice_id.label("id")).where(
        flagged.c.flagged != 0, flagged.c.flagged.op("&")(others) == 0
    )
    if "duplicate_billing" not in running:
        _insert_load(session, own)
        _insert_load(session, in_part, whole=False)
        screening.analyze(session, T_LOAD)
        return
    same_item = screening.repeated_invoices(same_amount)
    same_number = screening.renumbered_invoices()
    # a pair with a line written past the model (an item id, no stored key: not in
    # line_item_period) is loaded whole too (``screening.unkeyed_pairs``)
    described_pairs = (
        select(Invoice.vendor_id, Invoice.municipality_id)
        .join(flagged, flagged.c.invoice_id == Invoice.id)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(flagged.c.flagged != 0, InvoiceLine.item_key.is_(None))
        .union(screening.unkeyed_pairs())
        .subquery()
    )
    whole_pair = select(Invoice.id).join(
        described_pairs,
        and_(
            described_pairs.c.vendor_id == Invoice.vendor_id,
            described_pairs.c.municipality_id == Invoice.municipality_id,
        ),
    )
    _insert_load(session, own.union(same_number, same_item, whole_pair))
    _insert_load(session, in_part, whole=False)
    screening.analyze(session, T_LOAD)


def _insert_load(session: Session, ids: Any, *, whole: bool = True) -> None:
    """These invoices (a select of ids) into ``screen_load``, with their pair; in part
    (``whole`` false) only those not already in it (read whole)."""
    chosen = ids.subquery()
    rows = select(Invoice.id, Invoice.vendor_id, Invoice.municipality_id, literal(int(whole))).join(
        chosen, chosen.c.id == Invoice.id
    )
    if not whole:
        rows = rows.where(Invoice.id.not_in(select(T_LOAD.c.invoice_id)))
    session.execute(insert(T_LOAD).from_select(["invoice_id", "vendor_id", "muni", "whole"], rows))


def drop_tables(session: Session) -> None:
    T_LOAD.drop(session.connection(), checkfirst=True)
    screening.drop_tables(session)


def _settle_passed_ids(
    session: Session, invoice_ids: list[int], configs: list[RuleConfig], result: Any
) -> None:
    """:func:`_settle_passed` for these ids (through a temporary table: one statement
    each, whatever their number)."""
    with screening.ids_table(session, invoice_ids) as ids:
        _settle_passed(session, select(ids.c.invoice_id), configs, result)


def _settle_passed(session: Session, passed: Any, configs: list[RuleConfig], result: Any) -> None:
    """Invoices the screen passed: the rules find nothing on them, so their open
    findings are withdrawn and they are checked (counted in ``result``)."""
    from monitor.db import utcnow

    versions = {c.rule_id: c.version for c in configs}
    for finding in session.scalars(
        select(Finding).where(Finding.invoice_id.in_(passed), Finding.status == "open")
    ):
        lifecycle.withdraw(session, finding, rule_version=versions.get(finding.rule_id, 0))
        result.withdrawn += 1
        result.withdrawn_ids.append(finding.id)
    # checked as ``service._mark_checked`` marks them, in one statement
    session.execute(
        update(Invoice)
        .where(Invoice.id.in_(passed))
        .values(status="checked", checked_at=utcnow(), check_error=None)
        .execution_options(synchronize_session=False)
    )
    result.invoices += session.scalar(select(func.count()).select_from(passed.subquery())) or 0
