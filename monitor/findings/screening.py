"""Set-based screening: which invoices could have a finding, decided in SQL.

``check --all``, re-checks after a rule change and backtests evaluate many invoices of
which few break anything. :func:`screen` finds, with a handful of set-based queries
(PostgreSQL and SQLite alike), the invoices on which some rule COULD fire, and which
rules (a bit per built-in rule, :data:`BITS`); only those go through the full Python
evaluation (``monitor.findings.bulk``), each with its flagged rules, which alone decides
findings, amounts and evidence. An invoice the screen passes is still checked: the
rules would find nothing on it. The line conditions run in one pass over the lines
(:func:`_flag_lines`), the pairs' repeats, payment terms and totals in a few more.

The screen must be a superset: it may flag an invoice (or a rule on it) on which
nothing fires, never miss one on which something does. Each screen below is looser than its rule, for every
configuration of the rule in any scope (the loosest parameters are taken, tolerances
that only narrow a rule are dropped), and everything it cannot bound is flagged:

* any custom rule running: everything (an expression may fire on anything);
* a pair (vendor, municipality) without exactly one active contract: all its invoices
  (the contract a line is checked against would need the date logic of
  ``contracts.repository.applicable``); credit notes and other document types: all;
* prices (``price_above_agreed``, ``indexation_cap_exceeded``,
  ``volume_tier_not_applied``): they fire only when the unit price is above the
  *allowed* price of the matched term. A line whose normalised item id equals a
  contract item's key matches that item (``rules.matching``: an item id match comes
  first). Its allowed price is at least ``min(net price of the item's terms) x
  lowest indexation factor of the contract's billing dates - 0.005`` (øre rounding;
  where that factor is exact in millionths and the prices are at least 0, the rules'
  own rounding to the øre, :func:`_exact_allowed`) times the lowest unit conversion
  factor for the term unit and the line's
  unit code (``rules.units``: a period code is exact; a counted code under a periodic
  unit is ``months / months per unit`` with at least one month; per inhabitant the
  per-head reading is the lower one; unreconcilable units price nothing). The line is
  flagged when its price is above that bound plus the smallest absolute tolerance of
  an OR-combined configuration (0 otherwise). Lines without an exact key match (no
  item id, or one the contract does not list) may need the fuzzy description matcher:
  always flagged. Items with more than one unit, a validity window, or unconfirmed
  terms while those are not allowed: always flagged;
* ``unpriced_item``: fires on ``unpriced``, ``not_valid_on_date`` or ``no_tier``. An
  exact key match is never unpriced; validity windows are flagged above; volume bands
  that leave a gap are flagged, except integer gaps (``0-500``, ``501-``) which only a
  fractional quantity falls into (flagged);
* ``duplicate_billing``: needs an earlier line (of a lower invoice id, or of the same
  invoice) of the same pair with the same item key, period and amount (the amount only
  where every configuration compares it), or an earlier invoice of the same pair with
  the same number (the window ignored); lines without an item id but with a period are
  flagged (their key is the normalised description);
* ``outside_contract_period``: any line whose period (or issue date) reaches outside
  the contract's effective..expiry dates, grace days ignored;
* ``payment_terms``: due date - issue date above the smallest ``max_days`` (and the
  contract's payment days), grace ignored;
* ``arithmetic_mismatch``: a line whose amount differs from quantity x unit price by
  more than the smallest line tolerance less half an øre (rounding), and an invoice
  whose totals differ beyond the smallest total tolerance less half an øre, or whose
  VAT is above the lowest ``vat_percent``;
* ``price_disparity`` / ``mfn_breach``: they compare a line with the latest prices
  other municipalities pay; the median of any subset of those is at least their
  lowest, which is at least the lowest of the other municipalities' latest prices for
  the same item key (``item_latest_price``, kept by triggers: the very rows the rules'
  observations are read from): flagged when the price is above that
  x the smallest ``ratio`` (disparity) or plus the smallest OR-combined absolute
  tolerance (a contract with an MFN clause: mfn),
  or, for an item priced per inhabitant (compared per head), whenever another
  municipality billed it.

``tests/monitor/test_bulk_check.py`` runs both paths on generated scenarios where every
rule fires and compares every stored field; it fails when a screen is made too tight.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    Float,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    insert,
    literal,
    or_,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session, aliased

from extractors.types import Unit
from monitor.contracts.models import Contract, ContractClause, PriceTerm
from monitor.contracts.service import indexation_from_params, indexation_of
from monitor.db import write_tuples
from monitor.indexes.models import IndexValue
from monitor.invoices.models import (
    Invoice,
    InvoiceLine,
    InvoiceLineSum,
    ItemPeriodCount,
    LatestPrice,
    LineItemPeriod,
)
from rules.indexation import schedule
from rules.matching import item_key
from rules.types import RuleConfig
from rules.units import COUNT_CODES, PERIOD_CODES, PERIODIC, Unreconciled, readings

PRICE_RULES = ("price_above_agreed", "indexation_cap_exceeded", "volume_tier_not_applied")
#: each built-in rule's bit in ``screen_invoice.flagged``: the rules that could fire
BUILTIN = (
    *PRICE_RULES,
    "unpriced_item",
    "outside_contract_period",
    "duplicate_billing",
    "payment_terms",
    "arithmetic_mismatch",
    "price_disparity",
    "mfn_breach",
)
BITS = {rule_id: 1 << i for i, rule_id in enumerate(BUILTIN)}
#: not a rule: the price and peer rules were flagged for the invoice as a whole (not
#: by the lines that hit, :func:`lines_read`), so they read every line
WHOLE = 1 << len(BUILTIN)
#: every rule (custom ones too): the invoice is evaluated whole
ALL = (1 << (len(BUILTIN) + 1)) - 1


def bits(*rule_ids: str) -> int:
    out = 0
    for rule_id in rule_ids:
        out |= BITS[rule_id]
    return out


PRICE_BITS = bits(*PRICE_RULES, "unpriced_item")
#: the rules that compare a line with the other municipalities' prices
PEER_RULES = ("price_disparity", "mfn_breach")
PEER_BITS = bits(*PEER_RULES)
#: the rules that read the price analysis or the peer comparisons of lines
LINE_BITS = PRICE_BITS | PEER_BITS
_CHUNK = 900
_meta = MetaData()
#: a table looked up by its composite key, once per line of a screen: on SQLite its
#: rows stored in the key's b-tree (``WITHOUT ROWID``), one search per look-up instead
#: of the key's index and then the row (the line pass: 1.10 -> 0.93 s for 500,000
#: lines); PostgreSQL ignores it
_CLUSTERED: dict[str, Any] = {"sqlite_with_rowid": False}
#: the invoices screened, their pair's contract (None: flagged) and the verdict
T_INVOICE = Table(
    "screen_invoice",
    _meta,
    Column("invoice_id", Integer, primary_key=True),
    Column("contract_id", Integer),
    Column("flagged", Integer, nullable=False),  # the bits of the rules that could fire
    # what the line screens read of the invoice (one look-up of this table per line
    # instead of two, the second in the invoice table)
    Column("vendor_id", Integer),
    Column("muni", Integer),
    Column("issued", Date),
    Column("pstart", Date),
    Column("pend", Date),
    # the contract's dates (the period screen reads them with each line)
    Column("effective", Date),
    Column("expiry", Date),
    prefixes=["TEMPORARY"],
)
#: the invoice ids asked for
T_IDS = Table(
    "screen_ids",
    _meta,
    Column("invoice_id", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
)
#: the screened vendor-municipality pairs: the set-wise screens read only theirs (a
#: check spread over processes screens a part of the pairs in each)
T_PAIR = Table(
    "screen_pair",
    _meta,
    Column("vendor_id", Integer, primary_key=True),
    Column("muni", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
    **_CLUSTERED,
)
T_SINGLE = Table(
    "screen_single",
    _meta,
    Column("vendor_id", Integer, primary_key=True),
    Column("muni", Integer, primary_key=True),
    Column("cid", Integer),
    prefixes=["TEMPORARY"],
    **_CLUSTERED,
)
#: the lines a line screen hit, with the rules each could give a finding of
T_LINE = Table(
    "screen_line",
    _meta,
    Column("line_id", Integer, primary_key=True),
    Column("invoice_id", Integer, nullable=False),
    Column("mask", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
#: the rules a screen found could fire, per invoice, before they are merged in
T_HIT = Table(
    "screen_hit",
    _meta,
    Column("invoice_id", Integer, primary_key=True),
    Column("mask", Integer, nullable=False),
    prefixes=["TEMPORARY"],
)
T_CONTRACT = Table(
    "screen_contract",
    _meta,
    Column("contract_id", Integer, primary_key=True),
    Column("vendor_id", Integer),
    Column("muni", Integer),
    Column("effective", Date),
    Column("expiry", Date),
    Column("payment_days", Integer),
    Column("peer_factor", Float),  # None: no peer rule applies under this contract
    Column("peer_plus", Float),  # kr above factor x lowest before a peer rule can fire
    # the lowest indexation factor of its billing dates (None: no indexation clause)
    Column("ix", Float),
    # that factor in millionths where it is exact so and above 1, at most 2 (else
    # None): the allowed price is then computed to the øre (:func:`_exact_allowed`)
    Column("ix_ppm", BigInteger),
    prefixes=["TEMPORARY"],
)
#: per tiered item (contract, key) whether its bands leave gaps (:func:`_band_gaps`)
T_GAP = Table(
    "screen_gap",
    _meta,
    Column("contract_id", Integer, primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("gap", Integer, nullable=False),
    prefixes=["TEMPORARY"],
    **_CLUSTERED,
)
T_GROUP = Table(
    "screen_group",
    _meta,
    Column("contract_id", Integer, primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("unit", String(30)),
    # the lowest net price of the item's terms (kr per contract unit); where the
    # contract's lowest indexation factor is exact (:func:`_exact_allowed`), that price
    # indexed, to the øre, with ``ix`` 1 and ``margin`` 0
    Column("low", Float),
    Column("ix", Float),  # the lowest indexation factor of the contract's billing dates
    Column("margin", Float),  # øre rounding of an indexed price
    Column("per_head", Integer),
    Column("complex", Integer),
    Column("int_gaps", Integer),
    Column("tiered", Integer),
    # the price (kr) above which a peer rule could fire on a line of the item: the
    # contract's peer factor x the other municipalities' lowest latest price, plus its
    # margin (None: no peer rule applies, or no other municipality billed it)
    Column("peer", Float),
    prefixes=["TEMPORARY"],
    **_CLUSTERED,
)
#: the volume bands of tiered items: the allowed price is at least the lowest band
#: price covering the quantity
T_BAND = Table(
    "screen_band",
    _meta,
    Column("contract_id", Integer),
    Column("key", String(200)),
    Column("tmin", Float),
    Column("tmax", Float),
    Column("price", Float),
    Index("ix_screen_band", "contract_id", "key"),
    prefixes=["TEMPORARY"],
)
T_UNIT = Table(
    "screen_unit",
    _meta,
    Column("unit", String(30), primary_key=True),
    Column("code", String(20), primary_key=True),
    Column("lb", Float),  # None: never reconcilable, nothing priced
    prefixes=["TEMPORARY"],
    **_CLUSTERED,
)
T_PEER = Table(
    "screen_peer",
    _meta,
    Column("vendor_id", Integer, primary_key=True),
    Column("key", String(200), primary_key=True),
    Column("m1", Integer),
    Column("p1", BigInteger),
    Column("p2", BigInteger),
    prefixes=["TEMPORARY"],
    **_CLUSTERED,
)
#: (pair, item key, period, amount) billed more than once; pairs' repeated numbers
T_DUP = Table(
    "screen_dup",
    _meta,
    Column("vendor_id", Integer),
    Column("muni", Integer),
    Column("key", String(200)),
    Column("s", Date),
    Column("e", Date),
    Column("amount", BigInteger),
    Index("ix_screen_dup", "key", "vendor_id", "muni"),
    prefixes=["TEMPORARY"],
)
#: (pair, item key, period start) billed more than once: the candidates of ``screen_dup``
T_DUP0 = Table(
    "screen_dup0",
    _meta,
    Column("vendor_id", Integer),
    Column("muni", Integer),
    Column("key", String(200)),
    Column("s", Date),
    prefixes=["TEMPORARY"],
)
#: the invoices a set-wise screen flags, computed in Python (:func:`_flag_duplicates`)
T_MARKED = Table(
    "screen_marked",
    _meta,
    Column("invoice_id", Integer, primary_key=True),
    prefixes=["TEMPORARY"],
)
T_NUMBER = Table(
    "screen_number",
    _meta,
    Column("vendor_id", Integer),
    Column("muni", Integer),
    Column("number", String(100)),
    prefixes=["TEMPORARY"],
)
TABLES = (
    T_INVOICE,
    T_IDS,
    T_PAIR,
    T_SINGLE,
    T_LINE,
    T_HIT,
    T_CONTRACT,
    T_GAP,
    T_GROUP,
    T_BAND,
    T_UNIT,
    T_PEER,
    T_DUP0,
    T_DUP,
    T_NUMBER,
    T_MARKED,
)
#: a float comparison is never trusted closer than this (kr)
_EPS = 0.0001
#: PostgreSQL's work_mem for the line pass (1,000,000 lines: ~1.2 s with the default
#: 4 MB, its hash of the items' bounds in batches on disk, ~1.05 s with this)
_LINE_PASS_MEMORY = "64MB"
_HALF_ORE = 0.005
#: PostgreSQL's statistics target for the temporary tables (x 300 rows sampled)
_SAMPLE = 10


@dataclass(slots=True)
class Loosest:
    """The loosest parameters of each running built-in rule over every configuration."""

    running: set[str] = field(default_factory=set)
    custom: bool = False
    price_tolerance: Decimal | None = None
    line_tolerance: Decimal | None = None
    total_tolerance: Decimal | None = None
    vat_percent: Decimal | None = None
    max_days: int | None = None
    ratio: Decimal | None = None
    #: the smallest absolute mfn_breach tolerance (OR-combined; 0 otherwise)
    mfn_tolerance: Decimal | None = None
    #: every duplicate_billing configuration counts a repeat only with the same amount
    same_amount: bool = True

    @classmethod
    def of(cls, configs: Sequence[RuleConfig] | None) -> Loosest:
        from rules.builtin import builtin_specs
        from rules.engine import validate_model

        specs = builtin_specs()
        if not configs:
            configs = [RuleConfig(rule_id=rule_id) for rule_id in specs]
        out = cls()
        for config in configs:
            if config.mode == "off":
                continue
            if config.rule_id not in specs:
                out.custom = True
                continue
            out.running.add(config.rule_id)
            p = validate_model(specs[config.rule_id], config.params)
            if config.rule_id in PRICE_RULES:
                tol = p.absolute_tolerance if p.combine == "or" else Decimal(0)  # type: ignore[attr-defined]
                out.price_tolerance = _least(out.price_tolerance, tol)
            elif config.rule_id == "arithmetic_mismatch":
                out.line_tolerance = _least(out.line_tolerance, p.line_tolerance)  # type: ignore[attr-defined]
                out.total_tolerance = _least(out.total_tolerance, p.total_tolerance)  # type: ignore[attr-defined]
                out.vat_percent = _least(out.vat_percent, p.vat_percent)  # type: ignore[attr-defined]
            elif config.rule_id == "payment_terms":
                out.max_days = _least(out.max_days, p.max_days)  # type: ignore[attr-defined]
            elif config.rule_id == "duplicate_billing":
                out.same_amount = out.same_amount and p.same_amount  # type: ignore[attr-defined]
            elif config.rule_id == "mfn_breach":
                tol = p.absolute_tolerance if p.combine == "or" else Decimal(0)  # type: ignore[attr-defined]
                out.mfn_tolerance = _least(out.mfn_tolerance, tol)
            elif config.rule_id == "price_disparity":
                out.ratio = _least(out.ratio, p.ratio)  # type: ignore[attr-defined]
        return out


def _least(a, b):  # type: ignore[no-untyped-def]
    return b if a is None else min(a, b)


def create_tables(session: Session) -> None:
    conn = session.connection()
    for table in TABLES:
        table.drop(conn, checkfirst=True)
        table.create(conn)


def drop_tables(session: Session) -> None:
    conn = session.connection()
    for table in TABLES:
        table.drop(conn, checkfirst=True)


@dataclass(slots=True)
class Shared:
    """What the screen of every part of a check spread over processes reads alike (the
    unit factors; the vendors' peer bounds, None when no peer rule runs), computed once
    by the caller instead of in each (:func:`shared_inputs`)."""

    units: list[tuple[object, ...]]
    peers: list[tuple[object, ...]] | None


def shared_inputs(
    session: Session, *, vendor_ids: Sequence[int], configs: Sequence[RuleConfig] | None
) -> Shared:
    loosest = Loosest.of(configs)
    peers = bool(loosest.running & set(PEER_RULES)) and not loosest.custom
    without_jit(session)
    return Shared(unit_rows(session), peer_rows(session, vendor_ids) if peers else None)


def without_jit(session: Session) -> None:
    """PostgreSQL's JIT compilation off for the rest of a bulk check's transaction: its
    statements over every line hold dozens of expressions (the line screen: 55 compiled
    functions), which JIT (on by default, for any statement estimated above
    ``jit_above_cost``) spent ~0.47 s compiling in a statement that ran ~0.49 s (half a
    million lines, auto_explain); the per-pair reads after the screen gain nothing from
    it either. Nothing on SQLite."""
    if session.connection().dialect.name == "postgresql":
        session.connection().exec_driver_sql("SET LOCAL jit = off")


def screen(
    session: Session,
    *,
    invoice_ids: Sequence[int],
    configs: Sequence[RuleConfig] | None,
    allow_unconfirmed_terms: bool,
    omit: frozenset[str] = frozenset(),
    shared: Shared | Callable[[], Shared] | None = None,
) -> dict[int, frozenset[str] | None]:
    """The invoices among ``invoice_ids`` on which a rule of ``configs`` could fire, each
    with the rules that could fire on it (None: any rule), a superset: see the module
    doc. Leaves ``screen_invoice`` (ids and verdicts: a bit per built-in rule,
    :data:`BITS`) in place for the caller; :func:`drop_tables` removes the temporary
    tables. ``omit``: screens left out, only to show that the comparison test catches it.
    ``shared``: the inputs every part reads alike, computed by the caller (or a callable
    giving them, asked once the screened invoices are in: a worker process fills them
    while the caller still computes what it then receives, ``monitor.findings.parallel``)."""
    loosest = Loosest.of(configs)
    if session.connection().dialect.name == "postgresql":
        # set-based statements over every line of a bulk check: like a migration, a
        # batch job the per-statement limit of interactive work does not fit
        session.connection().exec_driver_sql("SET LOCAL statement_timeout = 0")
        # each per-pair read planned for its pair (``service.plan_each_read``)
        session.connection().exec_driver_sql("SET LOCAL plan_cache_mode = force_custom_plan")
        without_jit(session)
    create_tables(session)
    _fill_invoices(session, invoice_ids)
    if callable(shared):
        shared = shared()
    if loosest.custom:
        session.execute(update(T_INVOICE).values(flagged=ALL))
        return _flagged(session)
    # the peer bounds go with the items' price bounds (``screen_group.peer``)
    peers = "peers" not in omit and bool(loosest.running & set(PEER_RULES))
    if peers:
        _fill_peers(session, shared)
    _fill_contracts(session, loosest, allow_unconfirmed_terms, shared, peers=peers)
    _flag_unkeyed(session)
    _flag_lines(
        session,
        loosest,
        allow_unconfirmed_terms,
        {"prices", "peers", "period", "arithmetic"} - omit,
        shared,
    )
    steps = {
        "duplicates": _flag_duplicates,
        "payment": _flag_payment_terms,
        "arithmetic": _flag_arithmetic,
    }
    for name, step in steps.items():
        if name not in omit:
            step(session, loosest, allow_unconfirmed_terms)
    return _flagged(session)


def analyze(session: Session, *tables: Table) -> None:
    """Statistics for freshly filled temporary tables, so that the planner joins them
    in a sensible order (PostgreSQL's autovacuum never analyses temporary tables)."""
    conn = session.connection()
    sqlite = conn.dialect.name == "sqlite"
    before = None
    if not sqlite:  # a small sample is enough to join them well (default: 30,000 rows)
        before = conn.exec_driver_sql("SHOW default_statistics_target").scalar()
        conn.exec_driver_sql(f"SET LOCAL default_statistics_target = {_SAMPLE}")
    for table in tables:
        conn.exec_driver_sql(f"ANALYZE {'temp.' if sqlite else ''}{table.name}")
    if before is not None:  # as it was (a number: the setting's own syntax)
        conn.exec_driver_sql(f"SET LOCAL default_statistics_target = {int(before)}")


def _flagged(session: Session) -> dict[int, frozenset[str] | None]:
    out: dict[int, frozenset[str] | None] = {}
    names: dict[int, frozenset[str] | None] = {}
    for invoice_id, mask in session.execute(
        select(T_INVOICE.c.invoice_id, T_INVOICE.c.flagged).where(T_INVOICE.c.flagged != 0)
    ):
        if mask not in names:
            names[mask] = None if mask == ALL else frozenset(r for r, b in BITS.items() if mask & b)
        out[invoice_id] = names[mask]
    return out


def _unset(mask: int):  # type: ignore[no-untyped-def]
    """The screened invoices not yet flagged for every rule of ``mask``."""
    return T_INVOICE.c.flagged.op("&")(mask) != mask


def _mark(session: Session, invoice_ids: object, mask: int) -> None:
    """Flag the rules of ``mask`` on the screened invoices among ``invoice_ids`` (a
    select of ids)."""
    session.execute(
        update(T_INVOICE)
        .where(_unset(mask), T_INVOICE.c.invoice_id.in_(invoice_ids))
        .values(flagged=T_INVOICE.c.flagged.op("|")(mask))
    )


# ----------------------------------------------------------------------- invoices
def _fill_invoices(session: Session, invoice_ids: Sequence[int]) -> None:
    """``screen_invoice``: the screened invoices with their pair's contract, every rule
    flagged where the screens cannot bound it (a pair without exactly one active
    contract, a document other than an invoice). Invoices without vendor or
    municipality are left out: the check skips them."""
    _insert_rows(session, T_IDS, [(x,) for x in sorted(set(invoice_ids))])
    # the pairs with exactly one active contract, materialised (a correlated group-by
    # per invoice is re-run for each on PostgreSQL)
    single = T_SINGLE
    session.execute(
        insert(single).from_select(
            ["vendor_id", "muni", "cid"],
            select(Contract.vendor_id, Contract.municipality_id, func.min(Contract.id))
            .where(
                Contract.status == "active",
                Contract.vendor_id.is_not(None),
                Contract.municipality_id.is_not(None),
            )
            .group_by(Contract.vendor_id, Contract.municipality_id)
            .having(func.count() == 1),
        )
    )
    analyze(session, T_IDS, single)
    unbounded = or_(single.c.cid.is_(None), Invoice.document_type != "invoice")
    session.execute(
        insert(T_INVOICE).from_select(
            [
                "invoice_id",
                "contract_id",
                "flagged",
                "vendor_id",
                "muni",
                "issued",
                "pstart",
                "pend",
                "effective",
                "expiry",
            ],
            select(
                Invoice.id,
                single.c.cid,
                case((unbounded, ALL), else_=0),
                Invoice.vendor_id,
                Invoice.municipality_id,
                Invoice.issue_date,
                Invoice.period_start,
                Invoice.period_end,
                Contract.effective_date,
                Contract.expiry_date,
            )
            .join(T_IDS, T_IDS.c.invoice_id == Invoice.id)
            .outerjoin(
                single,
                and_(
                    single.c.vendor_id == Invoice.vendor_id,
                    single.c.muni == Invoice.municipality_id,
                ),
            )
            .outerjoin(Contract, Contract.id == single.c.cid)
            .where(Invoice.vendor_id.is_not(None), Invoice.municipality_id.is_not(None)),
        )
    )
    session.execute(
        insert(T_PAIR).from_select(
            ["vendor_id", "muni"],
            select(T_INVOICE.c.vendor_id, T_INVOICE.c.muni).distinct(),
        )
    )
    analyze(session, T_INVOICE, T_PAIR)


# ---------------------------------------------------------------------- contracts
def _fill_contracts(
    session: Session,
    loosest: Loosest,
    allow_unconfirmed: bool,
    shared: Shared | None = None,
    *,
    peers: bool = False,
) -> None:
    """The screened pairs' contracts, their items' price bounds (with ``peers``, their
    peer bounds too, from ``screen_peer``) and the unit factors."""
    ids = sorted(
        set(
            session.scalars(
                select(T_INVOICE.c.contract_id)
                .distinct()
                .where(T_INVOICE.c.contract_id.is_not(None))
            )
        )
    )
    if not ids:
        return
    indexation: dict[int, dict[str, object]] = {}
    for cid, params in session.execute(
        select(ContractClause.contract_id, ContractClause.params)
        .where(ContractClause.contract_id.in_(ids), ContractClause.kind == "indexation")
        .order_by(ContractClause.id)
    ):
        indexation.setdefault(cid, params or {})
    # the first clause of each contract decides (as the rules read it): one letting no
    # price move is no indexation
    indexation = {cid: p for cid, p in indexation.items() if indexation_of(p) is not None}
    rows = []
    effective: dict[int, date | None] = {}
    for cid, vendor, muni, eff, exp, days, mfn in session.execute(
        select(
            Contract.id,
            Contract.vendor_id,
            Contract.municipality_id,
            Contract.effective_date,
            Contract.expiry_date,
            Contract.payment_days,
            Contract.mfn,
        ).where(Contract.id.in_(ids))
    ):
        effective[cid] = eff
        plus = 0.0
        if mfn:
            peer = 1.0 if "mfn_breach" in loosest.running else None
            plus = float(loosest.mfn_tolerance or 0)
        else:
            running = "price_disparity" in loosest.running and loosest.ratio is not None
            peer = float(loosest.ratio) if running else None
        rows.append(
            {
                "contract_id": cid,
                "vendor_id": vendor,
                "muni": muni,
                "effective": eff,
                "expiry": exp,
                "payment_days": days,
                "peer_factor": peer,
                "peer_plus": plus,
            }
        )
    factors = _index_factors(session, indexation, effective)
    for row in rows:
        found = factors.get(row["contract_id"])  # type: ignore[call-overload]
        row["ix"] = None if found is None else float(found)
        row["ix_ppm"] = _ppm(found)
    session.execute(insert(T_CONTRACT), rows)
    _fill_groups(session, ids, factors, loosest, allow_unconfirmed, peers)
    _fill_units(session, shared)
    analyze(session, T_INVOICE, T_CONTRACT, T_GROUP, T_BAND, T_UNIT)


#: the highest price (micro-kr) whose exact allowed price is computed in 64-bit integers
#: (x a factor of at most 2 in millionths)
_EXACT_MAX = 4_000_000_000_000


def _ppm(factor: Decimal | None) -> int | None:
    """``factor`` in millionths, where that is exact, the factor above 1 and at most 2."""
    if factor is None or not Decimal(1) < factor <= 2:
        return None
    scaled = factor.scaleb(6)
    return int(scaled) if scaled == scaled.to_integral_value() else None


def _exact_allowed(low_raw: int, ppm: int) -> float:
    """The allowed price (kr) of a non-negative agreed price of ``low_raw`` micro-kr
    moved by a factor of ``ppm`` millionths, rounded to the øre half up: exactly the
    rules' ``to_ore(agreed x factor)`` (``rules.pricing``). The screen's bound for an
    item of a contract with such a factor: the lowest of its billing dates' factors,
    and a higher factor allows at least as much (for a price of at least 0; a negative
    one keeps the bound half an øre below). (Without it, the bound must allow half an
    øre below agreed x factor, and a price indexed to a tie, 581.25 x 1.02 = 592.875
    billed 592.88, was flagged every time.)"""
    return (low_raw * ppm + 5_000_000_000) // 10_000_000_000 / 100


def _index_factors(
    session: Session, clauses: dict[int, dict[str, object]], effective: dict[int, date | None]
) -> dict[int, Decimal]:
    """Per contract with an indexation clause: the lowest allowed factor on any billing
    date of its screened lines (1 where none is known)."""
    if not clauses:
        return {}
    # the invoices' period start and issue date as ``screen_invoice`` holds them (no
    # second join to the invoices: 0.20 -> 0.13 s for 500,000 lines on PostgreSQL)
    on = func.coalesce(InvoiceLine.period_start, T_INVOICE.c.pstart, T_INVOICE.c.issued)
    dates: dict[int, set[date]] = defaultdict(set)
    for cid, day in session.execute(
        select(T_INVOICE.c.contract_id, on)
        .distinct()
        .join(InvoiceLine, InvoiceLine.invoice_id == T_INVOICE.c.invoice_id)
        .where(T_INVOICE.c.contract_id.in_(list(clauses)))
    ):
        dates[cid].add(day if isinstance(day, date) else date.fromisoformat(str(day)[:10]))
    series: dict[str, dict[str, Decimal]] = {}
    out: dict[int, Decimal] = {}
    for cid, params in clauses.items():
        ix = indexation_from_params(params)
        if ix.index and ix.index not in series:
            series[ix.index] = {
                p: v
                for p, v in session.execute(
                    select(IndexValue.period, IndexValue.value).where(
                        IndexValue.index_name == ix.index
                    )
                )
            }
        # a date whose factor is 1 (or no schedule) allows the price itself; an
        # unbounded one (None) prices nothing
        factors = [
            schedule(ix, effective[cid], series.get(ix.index or ""), day).factor
            for day in dates[cid]
        ]
        known = [f for f in factors if f is not None]
        out[cid] = min(known) if known else Decimal(1)
    return out


def _fill_groups(
    session: Session,
    ids: list[int],
    factors: dict[int, Decimal],
    loosest: Loosest,
    allow_unconfirmed: bool,
    peers: bool = False,
) -> None:
    """One row per contract item (terms grouped by the ``rules.matching`` key of their
    item id), aggregated in SQL per raw item id first; the bands of tiered items; with
    ``peers``, each item's peer bound (:func:`_peer_bound`)."""
    net = case(
        (
            PriceTerm.vat_basis == "incl",
            cast(type_coerce(PriceTerm.agreed_unit_price, BigInteger), Float) * 0.8,
        ),
        else_=cast(type_coerce(PriceTerm.agreed_unit_price, BigInteger), Float),
    )
    flag = lambda cond: func.max(case((cond, 1), else_=0))  # noqa: E731
    groups: dict[tuple[int, str], tuple[object, ...]] = {}
    tiered_ids: set[tuple[int, str]] = set()
    live = PriceTerm.review_state != "rejected"
    # grouped by the stored key (``price_term.item_key``, the ``rules.matching`` key of
    # the item id, kept by the model): two spellings of one item id are one item. A
    # term written past the model without its key would be left out of its item's
    # bound: then the keys are computed here, per raw item id.
    stored = not session.execute(
        select(PriceTerm.id)
        .where(
            PriceTerm.contract_id.in_(select(T_CONTRACT.c.contract_id)),
            live,
            PriceTerm.item_id.is_not(None),
            PriceTerm.item_key.is_(None),
        )
        .limit(1)
    ).first()
    if stored:
        _group_in_sql(session, ids, net, flag, live, allow_unconfirmed, peers)
        return
    by = PriceTerm.item_id
    for i in range(0, len(ids), _CHUNK):
        rows = session.execute(
            select(
                PriceTerm.contract_id,
                by,
                func.min(PriceTerm.unit),
                func.max(PriceTerm.unit),
                func.min(net),
                flag(or_(PriceTerm.valid_from.is_not(None), PriceTerm.valid_to.is_not(None))),
                flag(PriceTerm.review_state != "confirmed"),
                flag(or_(PriceTerm.tier_min.is_not(None), PriceTerm.tier_max.is_not(None))),
                func.min(type_coerce(PriceTerm.agreed_unit_price, BigInteger)),
                flag(PriceTerm.vat_basis == "incl"),
            )
            .where(
                PriceTerm.contract_id.in_(ids[i : i + _CHUNK]),
                live,
                PriceTerm.item_id.is_not(None),
            )
            .group_by(PriceTerm.contract_id, by)
        )
        for row in rows:
            key = row[1] if stored else item_key(row[1])
            if key is None:
                continue  # keyed by description: lines needing it are flagged anyway
            if row[7]:
                tiered_ids.add((row[0], key))
            found = groups.get((row[0], key))
            if found is not None:  # two spellings of one item id: one item
                row = (
                    row[0],
                    row[1],
                    min(row[2], found[2]),  # type: ignore[type-var]
                    "*" if {row[2], row[3]} != {found[2], found[3]} else row[3],
                    min(row[4], found[4]),  # type: ignore[type-var]
                    row[5] or found[5],
                    row[6] or found[6],
                    row[7] or found[7],
                    min(row[8], found[8]),  # type: ignore[type-var]
                    row[9] or found[9],
                )
            groups[(row[0], key)] = row
    gaps = _fill_bands(session, ids, tiered_ids, stored)
    inhabitant = Unit.INHABITANT_YEAR.value
    rows = []
    for (cid, key), found in groups.items():
        _, _, unit, other_unit, low, dated, unconfirmed, tiered, low_raw, incl = found
        gap = gaps.get((cid, key), 0) if tiered else 0
        per_head = unit == inhabitant or other_unit == inhabitant
        complex_ = (
            unit != other_unit
            or dated
            or (unconfirmed and not allow_unconfirmed)
            or gap == 2
            or (tiered and per_head)  # banded by population, not by quantity
        )
        index = factors.get(cid)
        ppm = _ppm(index)
        if ppm is not None and not tiered and not incl and 0 <= low_raw <= _EXACT_MAX:  # type: ignore[operator]
            bound = (_exact_allowed(low_raw, ppm), 1.0, 0.0)  # type: ignore[arg-type]
        else:
            bound = (low / 1e6, float(index or 1), _HALF_ORE if index else 0.0)  # type: ignore[operator]
        rows.append(
            (cid, key, unit, *bound, int(per_head), int(bool(complex_)), int(gap == 1),
             int(bool(tiered)), None)
        )  # fmt: skip
    _insert_rows(session, T_GROUP, rows)
    if peers:  # (terms written past the model: rare) set after the rows
        g, c, p = T_GROUP, T_CONTRACT, T_PEER
        of_item = and_(c.c.contract_id == g.c.contract_id, p.c.key == g.c.key)
        bound = _peer_bound(c.c.muni, c.c.peer_factor, c.c.peer_plus, p.c.m1, p.c.p1, p.c.p2)
        session.execute(
            update(g).values(
                peer=select(bound)
                .select_from(c)
                .join(p, p.c.vendor_id == c.c.vendor_id)
                .where(of_item)
                .scalar_subquery()
            )
        )


def _peer_bound(muni, factor, plus, m1, p1, p2):  # type: ignore[no-untyped-def]
    """An item's peer bound (kr, ``screen_group.peer``): the contract's peer factor x
    the lowest latest price another municipality than the contract's pays (the
    lowest, or the second lowest where the contract's own is the lowest), plus the
    contract's margin, less the float slack; None where either is missing."""
    other = case((muni == m1, p2), else_=p1)
    return case(
        (or_(factor.is_(None), other.is_(None)), None),
        else_=factor * cast(other, Float) / 1e6 + plus - _EPS,
    )


@contextmanager
def ids_table(session: Session, invoice_ids: Sequence[int]) -> Iterator[Table]:
    """``screen_ids`` holding these invoice ids while the block runs (one statement can
    then join them, whatever their number), dropped after."""
    T_IDS.drop(session.connection(), checkfirst=True)
    T_IDS.create(session.connection())
    try:
        _insert_rows(session, T_IDS, [(i,) for i in sorted(set(invoice_ids))])
        yield T_IDS
    finally:
        T_IDS.drop(session.connection(), checkfirst=True)


def _insert_rows(session: Session, table: Table, rows: list[tuple[object, ...]]) -> None:
    """Many rows into a temporary table through the driver (no per-row processing)."""
    write_tuples(session.connection(), table.name, [c.name for c in table.columns], rows)


def _group_in_sql(
    session: Session,
    ids: list[int],
    net: Any,
    flag: Any,
    live: Any,
    allow_unconfirmed: bool,
    peers: bool = False,
) -> None:
    """:func:`_fill_groups` where every term has its stored key: the items grouped in
    SQL straight into ``screen_group`` (the bands of tiered items, and whether they
    leave gaps, first: they are few)."""
    banded = or_(PriceTerm.tier_min.is_not(None), PriceTerm.tier_max.is_not(None))
    tiered: set[tuple[int, str]] = set()
    for i in range(0, len(ids), _CHUNK):
        tiered |= {
            (cid, key)
            for cid, key in session.execute(
                select(PriceTerm.contract_id, PriceTerm.item_key)
                .where(
                    PriceTerm.contract_id.in_(ids[i : i + _CHUNK]),
                    live,
                    PriceTerm.item_id.is_not(None),
                    banded,
                )
                .distinct()
            )
        }
    gaps = _fill_bands(session, ids, tiered, True)
    _insert_rows(session, T_GAP, [(cid, key, gap) for (cid, key), gap in gaps.items()])
    # the terms grouped per item first, over ``price_term`` alone (its index by
    # contract and item key gives them in order); the contract's factors, the bands'
    # gaps and the peers' prices joined to each item after, once
    terms = (
        select(
            PriceTerm.contract_id.label("contract_id"),
            PriceTerm.item_key.label("key"),
            func.min(PriceTerm.unit).label("unit"),
            func.max(PriceTerm.unit).label("other_unit"),
            func.min(net).label("low"),
            func.min(type_coerce(PriceTerm.agreed_unit_price, BigInteger)).label("low_raw"),
            flag(banded).label("tiered"),
            flag(PriceTerm.vat_basis == "incl").label("incl"),
            flag(or_(PriceTerm.valid_from.is_not(None), PriceTerm.valid_to.is_not(None))).label(
                "dated"
            ),
            flag(PriceTerm.review_state != "confirmed").label("unconfirmed"),
        )
        .where(
            PriceTerm.contract_id.in_(select(T_CONTRACT.c.contract_id)),
            live,
            PriceTerm.item_id.is_not(None),
            PriceTerm.item_key.is_not(None),
        )
        .group_by(PriceTerm.contract_id, PriceTerm.item_key)
        .subquery("items")
    )
    t, c, p = terms.c, T_CONTRACT, T_PEER
    inhabitant = Unit.INHABITANT_YEAR.value
    per_head = or_(t.unit == inhabitant, t.other_unit == inhabitant)
    gap = func.coalesce(T_GAP.c.gap, 0)
    complex_ = or_(
        t.unit != t.other_unit,
        t.dated == 1,
        *(() if allow_unconfirmed else (t.unconfirmed == 1,)),
        and_(t.tiered == 1, gap == 2),
        and_(t.tiered == 1, per_head),
    )
    # as ``_fill_groups`` reads a factor: none (or 0) is 1 without rounding margin;
    # one exact in millionths gives the allowed price to the øre (:func:`_exact_allowed`)
    factor, ppm = c.c.ix, c.c.ix_ppm
    unindexed = or_(factor.is_(None), factor == 0)
    exact = and_(
        ppm.is_not(None),
        t.tiered == 0,
        t.incl == 0,
        t.low_raw >= 0,  # (integer division truncates: the floor of a non-negative)
        t.low_raw <= _EXACT_MAX,
    )
    allowed_ore = (t.low_raw * ppm + 5_000_000_000) // 10_000_000_000
    peer = (
        _peer_bound(c.c.muni, c.c.peer_factor, c.c.peer_plus, p.c.m1, p.c.p1, p.c.p2)
        if peers
        else literal(None, Float)
    )
    items = (
        select(
            t.contract_id,
            t.key,
            t.unit,
            case((exact, cast(allowed_ore, Float) / 100.0), else_=t.low / 1e6),
            case((or_(exact, unindexed), 1.0), else_=factor),
            case((or_(exact, unindexed), 0.0), else_=_HALF_ORE),
            case((per_head, 1), else_=0),
            case((complex_, 1), else_=0),
            case((and_(t.tiered == 1, gap == 1), 1), else_=0),
            t.tiered,
            peer,
        )
        .select_from(terms)
        .join(c, c.c.contract_id == t.contract_id)
        .outerjoin(T_GAP, and_(T_GAP.c.contract_id == t.contract_id, T_GAP.c.key == t.key))
    )
    if peers:
        items = items.outerjoin(p, and_(p.c.vendor_id == c.c.vendor_id, p.c.key == t.key))
    with _hash_memory(session):  # the terms' grouping in memory, not on disk
        session.execute(
            insert(T_GROUP).from_select([column.name for column in T_GROUP.columns], items)
        )


def _fill_bands(
    session: Session, ids: list[int], tiered: set[tuple[int, str]], stored: bool
) -> dict[tuple[int, str], int]:
    """The bands of tiered items (contract id, item key) into ``screen_band``; per item
    whether they leave gaps (see :func:`_band_gaps`). ``stored``: the terms' stored
    keys can be used (else computed from the item ids)."""
    if not tiered:
        return {}
    keys = sorted({key for _, key in tiered})
    by = PriceTerm.item_key if stored else PriceTerm.item_id
    wanted = keys if stored else None
    bands: dict[tuple[int, str], list[tuple[object, ...]]] = defaultdict(list)
    chunks = [keys[i : i + _CHUNK] for i in range(0, len(keys), _CHUNK)] if stored else [None]
    for chunk in chunks:
        for cid, raw, tmin, tmax, price, vat in session.execute(
            select(
                PriceTerm.contract_id,
                by,
                PriceTerm.tier_min,
                PriceTerm.tier_max,
                PriceTerm.agreed_unit_price,
                PriceTerm.vat_basis,
            ).where(
                PriceTerm.item_key.in_(chunk) if chunk is not None else by.is_not(None),
                PriceTerm.contract_id.in_(ids)
                if len(ids) <= _CHUNK
                else PriceTerm.contract_id.is_not(None),
                PriceTerm.review_state != "rejected",
            )
        ):
            key = raw if wanted is not None else item_key(raw)
            if (cid, key) in tiered:
                net = price / Decimal("1.25") if vat == "incl" else price
                bands[(cid, key)].append((tmin, tmax, net))  # type: ignore[index]
    rows = [
        (cid, key, None if lo is None else float(lo), None if hi is None else float(hi), float(p))  # type: ignore[arg-type]
        for (cid, key), found in bands.items()
        for lo, hi, p in found
    ]
    _insert_rows(session, T_BAND, rows)
    return {k: _band_gaps(v) for k, v in bands.items()}


def _band_gaps(bands: list[tuple[object, ...]]) -> int:
    """0: no volume bands, or bands covering every positive quantity; 1: the bands leave
    only gaps without a whole number in them (``1-500``, ``501-``: 500.5 is in none);
    2: other gaps (a whole quantity may fall in no band)."""
    if all(lo is None and hi is None for lo, hi, _ in bands):
        return 0
    ordered = sorted(
        ((Decimal(lo or 0), hi) for lo, hi, _ in bands),  # type: ignore[arg-type]
        key=lambda band: (band[0], band[1] is None, band[1] or 0),
    )
    reach, worst = Decimal(0), 0  # quantities in (0, reach] are covered
    for lo, hi in ordered:
        if lo > reach:
            if reach.to_integral_value(rounding="ROUND_FLOOR") + 1 < lo:
                return 2
            worst = 1
        if hi is None:
            return worst
        reach = max(reach, Decimal(hi))  # type: ignore[arg-type]
    return 2  # the highest band ends: quantities above it are in no band


def _fill_units(session: Session, shared: Shared | None = None) -> None:
    """The lowest conversion factor per contract unit and line unit code."""
    rows = shared.units if shared is not None else unit_rows(session)
    _insert_rows(session, T_UNIT, rows)


def unit_rows(session: Session) -> list[tuple[object, ...]]:
    """``screen_unit``'s rows: every contract unit with every unit code on a line."""
    codes = set(session.scalars(select(func.coalesce(InvoiceLine.unit_code, "")).distinct()))
    return [(u.value, code, _lowest_factor(u, code)) for u in Unit for code in sorted(codes)]


def _lowest_factor(unit: Unit, raw: str) -> float | None:
    code = raw.strip().upper()
    per = PERIODIC.get(unit)
    if per is not None and code in COUNT_CODES and code not in PERIOD_CODES:
        return min(1.0, 1.0 / per)  # a whole number of months (at least one) or one unit
    found = readings(unit, raw, None, None, None)
    if isinstance(found, Unreconciled):
        return None
    return float(min(c.factor for c in found))


# ------------------------------------------------------------------------ screens
def _screened_lines(mask: int, *columns: Any):  # type: ignore[no-untyped-def]
    """invoice_line joined to its screened invoice not yet flagged for all of ``mask``."""
    return (
        select(InvoiceLine.invoice_id, *columns)
        .select_from(InvoiceLine)
        .join(T_INVOICE, T_INVOICE.c.invoice_id == InvoiceLine.invoice_id)
        .where(_unset(mask))
    )


def _raw(column):  # type: ignore[no-untyped-def]
    """A scaled-integer column as a float in its unit (kr, quantity)."""
    scale = column.type.scale
    return cast(type_coerce(column, BigInteger), Float) / float(10**scale)


@contextmanager
def _hash_memory(session: Session) -> Iterator[None]:
    """On PostgreSQL, :data:`_LINE_PASS_MEMORY` for the hashes of the statement run
    inside (the items' bounds, the terms' grouping: 100,000s of rows, which the default
    ``work_mem`` spilled to disk in batches); the default after it, with which the
    groupings after the line pass plan better."""
    postgresql = session.connection().dialect.name == "postgresql"
    if postgresql:
        session.connection().exec_driver_sql(f"SET LOCAL work_mem = '{_LINE_PASS_MEMORY}'")
    try:
        yield
    finally:
        if postgresql:
            session.connection().exec_driver_sql("SET LOCAL work_mem TO DEFAULT")


def _flag_lines(
    session: Session,
    loosest: Loosest,
    allow_unconfirmed: bool,
    screens: set[str],
    shared: Shared | None = None,
) -> None:
    """The line screens in one pass over the screened lines, each condition flagging its
    own rules: ``prices`` (a line without an exact key match, or with a complex item:
    the price rules, ``unpriced_item`` and the peer rules, which need the match; a line
    above the lowest allowed price or in a band gap: the price rules and
    ``unpriced_item``), ``peers`` (a line above the bound from other municipalities'
    latest prices: the peer rules), ``period`` (a line billing outside the contract's
    dates: ``outside_contract_period``) and ``arithmetic`` (a line amount off quantity x
    unit price: ``arithmetic_mismatch``). The price and peer conditions apply to lines
    of positive quantity and price only (the rules skip the others)."""
    prices = "prices" in screens and bool(
        loosest.running & {*PRICE_RULES, "unpriced_item", *PEER_RULES}
    )
    peers = "peers" in screens and bool(loosest.running & set(PEER_RULES))
    period = "period" in screens and "outside_contract_period" in loosest.running
    arithmetic = "arithmetic" in screens and "arithmetic_mismatch" in loosest.running
    if not (prices or peers or period or arithmetic):
        return
    g, u = T_GROUP, T_UNIT
    raw_price = type_coerce(InvoiceLine.unit_price, BigInteger)
    positive = and_(type_coerce(InvoiceLine.quantity, BigInteger) > 0, raw_price > 0)
    conditions: list[tuple[Any, int]] = []
    if prices:
        matched_only, priced = _price_conditions(loosest)
        conditions.append((and_(positive, matched_only), PRICE_BITS | PEER_BITS))
        if priced is not None:
            conditions.append((and_(positive, priced), PRICE_BITS))
    if peers:
        # the item's peer bound (``screen_group.peer``, :func:`_peer_bound`); a line
        # without a contract item is flagged for the peer rules by ``prices`` above
        conditions.append(
            (
                and_(
                    positive,
                    g.c.peer.is_not(None),
                    or_(g.c.per_head == 1, cast(raw_price, Float) / 1e6 > g.c.peer),
                ),
                PEER_BITS,
            )
        )
    if period:
        # as the rule reads a line's period: its own, else the invoice's; without a
        # start, the issue date is both start and end (whatever end date is given)
        billed_start = func.coalesce(InvoiceLine.period_start, T_INVOICE.c.pstart)
        start = func.coalesce(billed_start, T_INVOICE.c.issued)
        end = case(
            (billed_start.is_(None), T_INVOICE.c.issued),
            else_=func.coalesce(InvoiceLine.period_end, T_INVOICE.c.pend, billed_start),
        )
        conditions.append(
            (
                or_(start < T_INVOICE.c.effective, end > T_INVOICE.c.expiry),
                BITS["outside_contract_period"],
            )
        )
    if arithmetic:
        line_tol = float(loosest.line_tolerance or 0) - _HALF_ORE - _EPS
        amount = _raw(InvoiceLine.line_amount)
        computed = _raw(InvoiceLine.quantity) * _raw(InvoiceLine.unit_price)
        conditions.append((func.abs(amount - computed) > line_tol, BITS["arithmetic_mismatch"]))
    mask = 0
    for _, rule_bits in conditions:
        mask |= rule_bits
    found = None
    for cond, rule_bits in conditions:
        hit = case((cond, rule_bits), else_=0)
        found = hit if found is None else found.op("|")(hit)
    lines = _screened_lines(mask, InvoiceLine.id, found)
    lines = lines.outerjoin(
        g, and_(g.c.contract_id == T_INVOICE.c.contract_id, g.c.key == InvoiceLine.item_key)
    )
    if prices:
        lines = lines.outerjoin(
            u, and_(u.c.unit == g.c.unit, u.c.code == func.coalesce(InvoiceLine.unit_code, ""))
        )
    # the lines that hit, each with its rules (:func:`lines_read`); per invoice the OR
    # of its lines' rules, in SQL, merged into the verdicts at once
    T_LINE.drop(session.connection(), checkfirst=True)
    T_LINE.create(session.connection())
    with _hash_memory(session):  # its hash joins (the items' bounds: 100,000s of rows)
        session.execute(
            insert(T_LINE).from_select(
                ["invoice_id", "line_id", "mask"],
                lines.where(or_(*(cond for cond, _ in conditions))),
            )
        )
    T_HIT.drop(session.connection(), checkfirst=True)
    T_HIT.create(session.connection())
    rule_bits = [1 << i for i in range(len(BUILTIN)) if mask & (1 << i)]
    any_of = func.max(T_LINE.c.mask.op("&")(rule_bits[0]))
    for bit in rule_bits[1:]:
        any_of = any_of.op("|")(func.max(T_LINE.c.mask.op("&")(bit)))
    session.execute(
        insert(T_HIT).from_select(
            ["invoice_id", "mask"],
            select(T_LINE.c.invoice_id, any_of).group_by(T_LINE.c.invoice_id),
        )
    )
    h = T_HIT
    session.execute(
        update(T_INVOICE)
        .where(T_INVOICE.c.invoice_id.in_(select(h.c.invoice_id)))
        .values(
            flagged=T_INVOICE.c.flagged.op("|")(
                select(h.c.mask).where(h.c.invoice_id == T_INVOICE.c.invoice_id).scalar_subquery()
            )
        )
    )


def lines_read(session: Session) -> dict[int, frozenset[int]]:
    """Per flagged invoice whose price and peer rules the line screen flagged by its
    lines (not :data:`WHOLE`), the ids of those lines: the only ones on which the price
    rules, ``unpriced_item`` and the peer rules can give a finding (each line's screen
    bounds that line's findings; ``rules.evaluate``'s ``lines``). An invoice not in it
    reads every line."""
    out: dict[int, set[int]] = {}
    rows = session.execute(
        select(T_LINE.c.invoice_id, T_LINE.c.line_id)
        .join(T_INVOICE, T_INVOICE.c.invoice_id == T_LINE.c.invoice_id)
        .where(
            T_LINE.c.mask.op("&")(LINE_BITS) != 0,
            T_INVOICE.c.flagged.op("&")(WHOLE) == 0,
        )
    )
    for invoice_id, line_id in rows:
        out.setdefault(invoice_id, set()).add(line_id)
    return {invoice_id: frozenset(ids) for invoice_id, ids in out.items()}


def unkeyed_pairs():  # type: ignore[no-untyped-def]
    """The pairs (vendor, municipality) with a line written past the model: an item id
    and no stored key. Such a line is in neither derived table (``item_latest_price``,
    ``line_item_period``), which the peer and repeat screens read."""
    return (
        select(Invoice.vendor_id, Invoice.municipality_id)
        .join(InvoiceLine, InvoiceLine.invoice_id == Invoice.id)
        .where(
            InvoiceLine.item_key.is_(None),
            InvoiceLine.item_id.is_not(None),
            Invoice.vendor_id.is_not(None),
            Invoice.municipality_id.is_not(None),
        )
        .distinct()
    )


def _flag_unkeyed(session: Session) -> None:
    """Where a line lacks its key (:func:`unkeyed_pairs`), the screens that read the
    derived tables cannot bound: its vendor's invoices get the peer rules (another
    municipality's price the peer bound does not see), its pair's invoices
    ``duplicate_billing`` (a repeat ``line_item_period`` does not see; the pair is
    then loaded whole, ``bulk.fill_load``). The rules read the lines themselves."""
    pairs = session.execute(unkeyed_pairs()).all()
    if not pairs:
        return
    vendors = sorted({vendor for vendor, _ in pairs})
    _mark(session, select(Invoice.id).where(Invoice.vendor_id.in_(vendors)), PEER_BITS | WHOLE)
    for vendor, muni in pairs:
        _mark(
            session,
            select(Invoice.id).where(Invoice.vendor_id == vendor, Invoice.municipality_id == muni),
            BITS["duplicate_billing"],
        )


def _price_conditions(loosest: Loosest):  # type: ignore[no-untyped-def]
    """(a line the exact key match cannot settle, a line priced above the lowest it may
    be or in a band gap; None when no price rule runs)."""
    g, u, b = T_GROUP, T_UNIT, T_BAND
    price = _raw(InvoiceLine.unit_price)
    qty = _raw(InvoiceLine.quantity)
    qty_micro = type_coerce(InvoiceLine.quantity, BigInteger)
    band_low = (
        select(func.min(b.c.price))
        .where(
            b.c.contract_id == g.c.contract_id,
            b.c.key == g.c.key,
            or_(b.c.tmin.is_(None), b.c.tmin <= qty),
            or_(b.c.tmax.is_(None), qty <= b.c.tmax),
        )
        .scalar_subquery()
    )
    low = case((g.c.tiered == 1, band_low), else_=g.c.low)
    tolerance = float(loosest.price_tolerance or 0) - _EPS
    matched_only = or_(g.c.key.is_(None), g.c.complex == 1)
    if not loosest.running & {*PRICE_RULES, "unpriced_item"}:
        # only the peer rules need the match (per head or not): unmatched lines
        return matched_only, None
    return matched_only, or_(
        and_(g.c.int_gaps == 1, qty_micro % 1_000_000 != 0),
        and_(
            u.c.lb.is_not(None),
            price > (low * g.c.ix - g.c.margin) * u.c.lb + tolerance,
        ),
    )


def _fill_peers(session: Session, shared: Shared | None = None) -> None:
    """``screen_peer``: per (vendor, item key) the lowest latest price of any
    municipality, which municipality, and the second lowest (:func:`peer_rows`)."""
    if shared is not None and shared.peers is not None:
        _insert_rows(session, T_PEER, shared.peers)
    else:
        session.execute(
            insert(T_PEER).from_select(
                ["vendor_id", "key", "m1", "p1", "p2"],
                _peers(select(T_PAIR.c.vendor_id)),
            )
        )
    analyze(session, T_PEER)


def peer_rows(session: Session, vendor_ids: Sequence[int]) -> list[tuple[object, ...]]:
    """``screen_peer``'s rows for these vendors."""
    ids = sorted(set(vendor_ids))
    return [
        tuple(row)
        for i in range(0, len(ids), _CHUNK)
        for row in session.execute(_peers(ids[i : i + _CHUNK]))
    ]


def _peers(vendors: Any):  # type: ignore[no-untyped-def]
    """Per (vendor, item key) of ``vendors`` (ids or a select of them): the lowest
    latest price of any municipality, which municipality (the lowest id of those paying
    it), and the lowest any other municipality pays: the first two of the
    municipalities ranked by (their lowest latest price, id).

    From ``item_latest_price`` (kept by triggers: exactly the rows the rules' peer
    observations come from, a few per item and municipality however long the history),
    each value one probe of its index by (vendor, item key, price, municipality), per
    item key: not every latest price of the vendor grouped and ranked."""
    keys = (
        select(LatestPrice.vendor_id.label("vendor_id"), LatestPrice.item_key.label("key"))
        .where(LatestPrice.vendor_id.in_(vendors))
        .distinct()
        .subquery("peer_keys")
    )

    def prices(row: Any) -> Any:
        """The latest prices of ``row``'s item (raw integers), by the index."""
        other = aliased(LatestPrice)
        price = type_coerce(other.unit_price, BigInteger)
        return other, price, (other.vendor_id == row.c.vendor_id, other.item_key == row.c.key)

    _, price, same = prices(keys)
    lowest = select(keys, select(func.min(price)).where(*same).scalar_subquery().label("p1"))
    low = lowest.subquery("peer_low")
    other, price, same = prices(low)
    payer = select(func.min(other.municipality_id)).where(*same, price == low.c.p1)
    first = select(low, payer.scalar_subquery().label("m1")).subquery("peer_first")
    other, price, same = prices(first)
    # ordered by price, the first row of another municipality: a short index scan
    second = (
        select(price)
        .where(*same, other.municipality_id != first.c.m1)
        .order_by(price)
        .limit(1)
        .scalar_subquery()
    )
    return select(first.c.vendor_id, first.c.key, first.c.m1, first.c.p1, second)


def _period(line_col, invoice_col):  # type: ignore[no-untyped-def]
    return func.coalesce(line_col, invoice_col)


def _flag_duplicates(session: Session, loosest: Loosest, allow_unconfirmed: bool) -> None:
    if "duplicate_billing" not in loosest.running:
        return
    dup = BITS["duplicate_billing"]
    start = _period(InvoiceLine.period_start, Invoice.period_start)
    end = _period(InvoiceLine.period_end, Invoice.period_end)
    mine = (
        _screened_lines(dup)
        .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
        .where(start.is_not(None), end.is_not(None))
    )
    _mark(session, mine.where(InvoiceLine.item_key.is_(None)), dup)
    amount = duplicate_amount(loosest.same_amount)
    # first the (pair, item key, period start) billed more than once: kept counted by
    # triggers (``item_period_count``), the repeated ones by a partial index; then the
    # full key (period end, amount) only for those candidates
    lip, counted = LineItemPeriod, ItemPeriodCount
    session.execute(
        insert(T_DUP0).from_select(
            ["vendor_id", "muni", "key", "s"],
            # every pair's: few, and a join with the screened pairs would cost more
            select(
                counted.vendor_id,
                counted.municipality_id,
                counted.item_key,
                counted.period_start,
            ).where(counted.lines > 1),
        )
    )
    analyze(session, T_DUP0)
    d0 = T_DUP0
    session.execute(
        insert(T_DUP).from_select(
            ["vendor_id", "muni", "key", "s", "e", "amount"],
            select(d0.c.vendor_id, d0.c.muni, d0.c.key, d0.c.s, end, amount)
            .select_from(d0)
            .join(
                lip,
                and_(
                    lip.vendor_id == d0.c.vendor_id,
                    lip.municipality_id == d0.c.muni,
                    lip.item_key == d0.c.key,
                    lip.period_start == d0.c.s,
                ),
            )
            .join(InvoiceLine, InvoiceLine.id == lip.line_id)
            .join(Invoice, Invoice.id == lip.invoice_id)
            .where(end.is_not(None))
            .group_by(d0.c.vendor_id, d0.c.muni, d0.c.key, d0.c.s, end, amount)
            .having(func.count() > 1),
        )
    )
    # the numbers of the screened pairs' municipalities and vendors (not every invoice's:
    # another part's pairs are its own; as two IN lists, where a join with the pairs had
    # SQLite read a vendor's every invoice once per pair), grouped in memory
    with _hash_memory(session):
        session.execute(
            insert(T_NUMBER).from_select(
                ["vendor_id", "muni", "number"],
                select(Invoice.vendor_id, Invoice.municipality_id, Invoice.number)
                .where(
                    Invoice.municipality_id.in_(select(T_PAIR.c.muni)),
                    Invoice.vendor_id.in_(select(T_PAIR.c.vendor_id)),
                )
                .group_by(Invoice.vendor_id, Invoice.municipality_id, Invoice.number)
                .having(func.count() > 1),
            )
        )
    analyze(session, T_DUP, T_NUMBER)
    # of each group only the invoices with something earlier in it: the first one
    # (lowest id, as ``PairBatch.earlier`` orders) repeats nothing, unless it bills the
    # group twice itself; it is still read, whole, as the others' history
    # (``bulk.fill_load``)
    numbered = renumbered_invoices().add_columns(
        Invoice.vendor_id, Invoice.municipality_id, Invoice.number
    )
    later = _later(session.execute(repeated_lines(loosest.same_amount))) | _later(
        session.execute(numbered)
    )
    T_MARKED.drop(session.connection(), checkfirst=True)
    T_MARKED.create(session.connection())
    _insert_rows(session, T_MARKED, [(i,) for i in sorted(later)])
    _mark(session, select(T_MARKED.c.invoice_id), dup)


def _later(rows: Any) -> set[int]:
    """Of rows (invoice id, *group): per group the invoices after its first (the lowest
    id), and the first too where it is in the group twice (two lines of one invoice)."""
    groups: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for invoice_id, *group in rows:
        groups[tuple(group)].append(invoice_id)
    out: set[int] = set()
    for members in groups.values():
        first = min(members)
        out.update(i for i in members if i != first)
        if members.count(first) > 1:
            out.add(first)
    return out


def repeated_lines(same_amount: bool):  # type: ignore[no-untyped-def]
    """Each line of a group (pair, item key, period, amount) billed more than once
    (``screen_dup``): its invoice id, then the group's columns."""
    d = T_DUP
    return repeated_invoices(same_amount).add_columns(
        d.c.vendor_id, d.c.muni, d.c.key, d.c.s, d.c.e, d.c.amount
    )


def repeated_invoices(same_amount: bool):  # type: ignore[no-untyped-def]
    """The invoices with a line of a group (pair, item key, period, amount) billed more
    than once (``screen_dup``), found from the (few) groups along ``line_item_period``'s
    index, not from every line of the items."""
    d, lip = T_DUP, LineItemPeriod
    end = _period(InvoiceLine.period_end, Invoice.period_end)
    return (
        select(lip.invoice_id)
        .select_from(d)
        .join(
            lip,
            and_(
                lip.vendor_id == d.c.vendor_id,
                lip.municipality_id == d.c.muni,
                lip.item_key == d.c.key,
                lip.period_start == d.c.s,
            ),
        )
        .join(InvoiceLine, InvoiceLine.id == lip.line_id)
        .join(Invoice, Invoice.id == lip.invoice_id)
        .where(end == d.c.e, duplicate_amount(same_amount) == d.c.amount)
    )


def renumbered_invoices():  # type: ignore[no-untyped-def]
    """The invoices whose number their pair uses more than once (``screen_number``)."""
    n = T_NUMBER
    return select(Invoice.id).join(
        n,
        and_(
            n.c.vendor_id == Invoice.vendor_id,
            n.c.muni == Invoice.municipality_id,
            n.c.number == Invoice.number,
        ),
    )


def duplicate_amount(same_amount: bool):  # type: ignore[no-untyped-def]
    """The amount part of a duplicate key in SQL: the line amount without its sign (as
    ``duplicate_billing`` keys lines), or a constant when no configuration needs it."""
    if not same_amount:
        return literal(0)
    return func.abs(type_coerce(InvoiceLine.line_amount, BigInteger))


def _days(session: Session, later, earlier):  # type: ignore[no-untyped-def]
    if session.get_bind().dialect.name == "sqlite":
        return func.julianday(later) - func.julianday(earlier)
    return later - earlier


def _flag_payment_terms(session: Session, loosest: Loosest, allow_unconfirmed: bool) -> None:
    if "payment_terms" not in loosest.running or loosest.max_days is None:
        return
    c = T_CONTRACT
    days = _days(session, Invoice.due_date, Invoice.issue_date)
    agreed = case(
        (
            and_(
                c.c.payment_days.is_not(None),
                c.c.payment_days != 0,  # as the rule: any days the contract states
                c.c.payment_days < loosest.max_days,
            ),
            c.c.payment_days,
        ),
        else_=literal(loosest.max_days),
    )
    invoices = (
        select(Invoice.id)
        .join(T_INVOICE, T_INVOICE.c.invoice_id == Invoice.id)
        .join(c, c.c.contract_id == T_INVOICE.c.contract_id)
        .where(_unset(BITS["payment_terms"]), Invoice.due_date.is_not(None), days > agreed)
    )
    _mark(session, invoices, BITS["payment_terms"])


def _vat_above(loosest: Loosest):  # type: ignore[no-untyped-def]
    """Tax above the standard rate: to the øre in integers where the rate has at most
    two decimals (as ``to_ore``: half up), else in floats less half an øre."""
    pct = loosest.vat_percent if loosest.vat_percent is not None else Decimal(25)
    tol = loosest.total_tolerance or Decimal(0)
    tax = func.abs(type_coerce(Invoice.tax, BigInteger))
    excl = func.abs(type_coerce(Invoice.tax_exclusive, BigInteger))
    if (pct * 100) == (pct * 100).to_integral_value() and tol == tol.quantize(Decimal("0.01")):
        # |excl| (øre) x pct / 100, half up, in øre; tolerance in øre
        cap = (excl * int(pct * 100) + 5000) / 10000
        return tax > cap + int(tol * 100)
    return (
        _raw(Invoice.tax)
        > _raw(Invoice.tax_exclusive) * float(pct) / 100 + float(tol) - _HALF_ORE - _EPS
    )


def _flag_arithmetic(session: Session, loosest: Loosest, allow_unconfirmed: bool) -> None:
    if "arithmetic_mismatch" not in loosest.running:
        return
    # the lines' own arithmetic is screened in the line pass (``_flag_lines``); here the
    # invoice's totals
    arith = BITS["arithmetic_mismatch"]
    tol = float(loosest.total_tolerance or 0) - _EPS
    # the sum of each invoice's line amounts, kept by triggers (``invoice_line_sum``):
    # one row per invoice instead of every line summed
    sums = InvoiceLineSum.__table__
    ext, allow, charge = (
        _raw(Invoice.line_extension),
        _raw(Invoice.allowances),
        _raw(Invoice.charges),
    )
    excl, tax, payable = _raw(Invoice.tax_exclusive), _raw(Invoice.tax), _raw(Invoice.payable)
    line_sum = cast(func.coalesce(type_coerce(sums.c.line_sum, BigInteger), 0), Float) / 100.0
    invoices = (
        select(Invoice.id)
        .join(T_INVOICE, T_INVOICE.c.invoice_id == Invoice.id)
        .outerjoin(sums, sums.c.invoice_id == Invoice.id)
        .where(
            _unset(arith),
            or_(
                func.abs(ext - line_sum) > tol,
                func.abs(excl - (ext - allow + charge)) > tol,
                _vat_above(loosest),
                func.abs(payable - (excl + tax)) > tol,
            ),
        )
    )
    _mark(session, invoices, arith)
