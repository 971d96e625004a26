"""Building rule evaluation contexts from stored rows, in bulk.

The rules are pure; this module is where stored contracts, invoices, index series and
other municipalities' prices become ``rules.types`` values. Invoices are loaded with
Core queries (not ORM objects), one vendor-municipality pair at a time, so checking a
million lines stays fast; what many pairs share (index series, the vendor's peer prices)
is loaded once per builder. What belongs to one pair (its invoices, its contracts) is
held by its :class:`PairBatch` only, so memory stays flat however many pairs and lines
a check goes through: nothing of a pair is kept once the caller drops its batch.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypeVar

from sqlalchemy import Date, and_, func, literal, or_, select, union
from sqlalchemy.orm import Session

from extractors.types import InvoiceTotals, Unit
from monitor.contracts import repository as contracts_repo
from monitor.contracts.models import NEEDS_REVIEW, Contract, ContractClause, PriceTerm
from monitor.contracts.service import indexation_of
from monitor.indexes.models import IndexValue
from monitor.invoices.models import Invoice, InvoiceLine, LatestPrice, LineItemPeriod
from monitor.parties.models import Municipality, Vendor
from rules.matching import Catalogue, item_key, term_key
from rules.types import (
    ContractView,
    EvaluationContext,
    InvoiceLineView,
    InvoiceView,
    PriceObservation,
    TermView,
)

_UNITS = {u.value: u for u in Unit}

#: how far back earlier invoices are looked at for duplicate billing
HISTORY_DAYS = 400
#: up to this many invoices per check, other municipalities' prices are read for the
#: checked invoices' own items (``invoice_line.item_key``, indexed): the cost of one
#: check does not grow with the vendor's history. More invoices (a re-check of all)
#: read the vendor's latest prices for every item once instead.
INCREMENTAL_MAX_INVOICES = 100
#: the built-in rules that read the price analysis (``rules.engine.Run.pricing``), so
#: the match of lines with contract items; custom rules read it too
MATCHING_RULES = frozenset(
    {
        "price_above_agreed",
        "indexation_cap_exceeded",
        "volume_tier_not_applied",
        "unpriced_item",
        "price_disparity",
        "mfn_breach",
    }
)
_CHUNK = 900  # ids per IN (...) list, below SQLite's parameter limit
#: ids per IN (...) list on PostgreSQL (65,535 parameters a statement): a read that
#: scans a table whatever the list (a vendor's latest prices, the screen's invoices)
#: scans it once, not once per 900 ids (three scans of ~200,000 latest prices a part
#: at 1,000,000 lines)
_PG_CHUNK = 30_000
_T = TypeVar("_T")
#: distinct contract catalogues a builder keeps (each holds its items' descriptions)
_CATALOGUES_KEPT = 200

#: the format of an invoice read from a PDF's text (``rules.types.InvoiceView.read_from_text``)
TEXT_READ_FORMAT = "pdf"
_INVOICE_COLUMNS = (
    Invoice.id,
    Invoice.number,
    Invoice.document_type,
    Invoice.issue_date,
    Invoice.currency,
    Invoice.due_date,
    Invoice.period_start,
    Invoice.period_end,
    Invoice.line_extension,
    Invoice.tax_exclusive,
    Invoice.tax,
    Invoice.payable,
    Invoice.allowances,
    Invoice.charges,
    Invoice.format,
)
_LINE_COLUMNS = (
    InvoiceLine.invoice_id,
    InvoiceLine.id,
    InvoiceLine.line_id,
    InvoiceLine.description,
    InvoiceLine.quantity,
    InvoiceLine.unit_price,
    InvoiceLine.line_amount,
    InvoiceLine.item_id,
    InvoiceLine.unit_code,
    InvoiceLine.period_start,
    InvoiceLine.period_end,
)


class PairBatch:
    """The invoices of one vendor and municipality: targets to check, plus history, and
    the contracts that apply to the targets (``contracts``, by id).
    ``peers``: other municipalities' prices for the targets' items, when read per batch."""

    peers: list[PriceObservation] | None = None
    municipality_id: int | None = None

    def __init__(
        self,
        vendor_id: int,
        views: dict[int, InvoiceView],
        targets: list[int],
        contracts: dict[int, ContractView | None],
    ) -> None:
        self.vendor_id = vendor_id
        self.views = views
        self.targets = targets
        self.contract_ids = {i: c.id if c else None for i, c in contracts.items()}
        self.contracts = {c.id: c for c in contracts.values() if c is not None}
        # invoice ids by number and by (item, billed period), see :func:`_index`
        self._by_number: dict[str, _Ids] = {}
        self._by_item_period: dict[tuple[str, date | None], _Ids] = {}
        for view in views.values():
            _index(self._by_number, view.number, view.id)
            for line in view.lines:
                if line.item_id:
                    key = (line.item_id, line.period_start or view.period_start)
                    _index(self._by_item_period, key, view.id)

    def earlier(self, view: InvoiceView) -> list[InvoiceView]:
        """Invoices received before this one that could bill the same thing again:
        the same number, or the same item for the same period."""
        seen = {i for i in _ids(self._by_number.get(view.number)) if i < view.id}
        for line in view.lines:
            if line.item_id:
                key = (line.item_id, line.period_start or view.period_start)
                seen.update(i for i in _ids(self._by_item_period.get(key)) if i < view.id)
        return [self.views[i] for i in sorted(seen)]


#: one invoice id, or the ids of several in the order indexed
_Ids = int | list[int]


def _index(index: dict[Any, _Ids], key: Any, invoice_id: int) -> None:
    """Add ``invoice_id`` under ``key`` once. Most keys have one invoice: a plain int,
    which the garbage collector does not track, where a list per key (ten thousand per
    pair at 1,000,000 lines) was tracked, survived into the oldest generation and made
    its full collections come more often; each of those walks the whole run's heap."""
    found = index.get(key)
    if found is None:
        index[key] = invoice_id
    elif isinstance(found, int):
        if found != invoice_id:
            index[key] = [found, invoice_id]
    elif found[-1] != invoice_id:
        found.append(invoice_id)


def _ids(found: _Ids | None) -> Iterable[int]:
    if found is None:
        return ()
    return (found,) if isinstance(found, int) else found


class ContextBuilder:
    """Caches what many pairs share (index series, peer prices, parties); what a pair
    alone uses goes with its batch. One builder per batch (per transaction)."""

    def __init__(self, session: Session, *, today: date, allow_unconfirmed_terms: bool) -> None:
        self.session = session
        self.today = today
        self.allow_unconfirmed = allow_unconfirmed_terms
        self._series: dict[str, dict[str, Decimal]] = {}
        self._peers: dict[int, list[PriceObservation]] = {}
        #: per vendor: whether a line has an item id but no stored key
        self._unkeyed: dict[int, bool] = {}
        #: per vendor: whether a contract of its has MFN and indexation (:meth:`_regulated_mfn`)
        self._regulated: dict[int, bool] = {}
        self._munis: dict[int, tuple[str, int | None]] | None = None
        #: the catalogues read, by their entries (:meth:`_catalogue`)
        self._catalogues: dict[tuple[tuple[str, str], ...], Catalogue] = {}
        self._vendors: dict[int, str] = {}
        self._incremental = False
        #: the checked invoices found assigned to a vendor and municipality
        self.assigned: set[int] = set()
        #: per invoice, the rules that run and the lines the price analysis reads
        #: (:meth:`reads`); none given: every rule, every line
        self._rules_for: Mapping[int, frozenset[str] | None] = {}
        self._lines_for: Mapping[int, frozenset[int]] = {}

    def reads(
        self,
        rules_for: Mapping[int, frozenset[str] | None],
        lines_for: Mapping[int, frozenset[int]],
    ) -> None:
        """What the rules will read of each invoice (``rules.evaluate``'s ``only`` and
        ``lines``): a check of many loads the terms of only the items those lines match
        (:meth:`_contracts_in_part`)."""
        self._rules_for, self._lines_for = rules_for, lines_for

    def _matched_lines(self, invoice_id: int, view: InvoiceView) -> Iterable[InvoiceLineView]:
        """The lines of this invoice the rules match with contract items: those the
        price analysis reads, when a rule that reads it runs (:data:`MATCHING_RULES`)."""
        only = self._rules_for.get(invoice_id)
        if only is None:  # every rule (custom ones read every line's analysis)
            return view.lines
        if not only & MATCHING_RULES:
            return ()
        ids = self._lines_for.get(invoice_id)
        return view.lines if ids is None else [x for x in view.lines if x.id in ids]

    def _read(self, statement: Any) -> Any:
        """Core rows on the session's connection, past the ORM's per-row layer (it shows
        with thousands of rows); :meth:`batches` flushes the session once instead. Read
        whole (the driver's fetchall): iterating a result fetches row by row, which cost
        more than the rows' use (every read here is one pair's, or one vendor's latest
        prices)."""
        return self.session.connection().execute(statement).fetchall()

    # ------------------------------------------------------------------ batches
    def batches(self, invoice_ids: Sequence[int]) -> Iterator[PairBatch]:
        """Group the invoices by vendor and municipality and load each group once."""
        self.session.flush()
        self._incremental = len(invoice_ids) <= INCREMENTAL_MAX_INVOICES
        pairs: dict[tuple[int, int], dict[int, date]] = defaultdict(dict)
        facts: dict[tuple[int, int], _TargetFacts] = defaultdict(_TargetFacts)
        for chunk in id_chunks(invoice_ids):
            # a few invoices: with what :meth:`_related` needs of their lines, in one read
            for row in self._read(_targets(chunk, with_lines=self._incremental)):
                vendor_id, muni_id, invoice_id, issued, status, cvr = row[:6]
                pairs[(vendor_id, muni_id)][invoice_id] = issued
                self._vendors[vendor_id] = cvr
                if status != "unassigned":
                    self.assigned.add(invoice_id)
                if self._incremental:
                    facts[(vendor_id, muni_id)].add(*row[6:])
        for (vendor_id, muni_id), targets in sorted(pairs.items()):
            since = min(targets.values()) - timedelta(days=HISTORY_DAYS)
            until = max(targets.values()) + timedelta(days=HISTORY_DAYS)
            target_ids = sorted(targets)
            # a pair's history by line_item_period's index, unless a line of the vendor
            # lacks its key (not in that table): then whole
            related = (
                self._related(vendor_id, muni_id, target_ids, facts[(vendor_id, muni_id)])
                if self._incremental and not self._unkeyed_lines(vendor_id)
                else None
            )
            views = self._load_pair(vendor_id, muni_id, since, until, related)
            # the targets' item keys: what a check of a few invoices loads terms and
            # peer prices of (a check of many reads each contract and vendor whole)
            keys = (
                {
                    key
                    for invoice_id in target_ids
                    for line in views[invoice_id].lines
                    if (key := item_key(line.item_id)) is not None
                }
                if self._incremental
                else set()
            )
            contracts = self._contracts_of(vendor_id, muni_id, views, target_ids, keys)
            batch = PairBatch(vendor_id, views, target_ids, contracts)
            batch.municipality_id = muni_id
            if self._incremental:
                # a line without an item number is compared under the item its
                # description matches in the contract (``rules.peers``)
                described = _described_keys(contracts, views, target_ids)
                batch.peers = self._peer_prices_of(vendor_id, keys | described)
            yield batch

    def context(self, batch: PairBatch, invoice_id: int) -> EvaluationContext:
        view = batch.views[invoice_id]
        contract_id = batch.contract_ids[invoice_id]
        contract = batch.contracts.get(contract_id) if contract_id else None
        series: dict[str, dict[str, Decimal]] = {}
        if contract and contract.indexation and contract.indexation.index:
            series[contract.indexation.index] = self._index(contract.indexation.index)
        return EvaluationContext(
            invoice=view,
            contract=contract,
            today=self.today,
            index_series=series,
            peer_prices=self._peers_for(batch, view),
            earlier_invoices=batch.earlier(view),
            allow_unconfirmed_terms=self.allow_unconfirmed,
        )

    # ----------------------------------------------------------------- invoices
    def _related(
        self, vendor_id: int, muni_id: int, target_ids: list[int], facts: _TargetFacts
    ) -> Any:
        """A condition on ``Invoice`` selecting the targets and the pair's invoices that
        :meth:`PairBatch.earlier` can return for them: the same number, or a line of
        the same item for the same period (``line_item_period``, by its index on
        vendor, municipality, item key and period: a superset of the same item id),
        so a check of a few invoices does not load the pair's whole history. None
        (load it all) when a target's item id has no key or there are too many keys."""
        keys, periods, numbers = facts.keys, facts.periods, facts.numbers
        if facts.unkeyed or len(keys) + len(periods) + len(numbers) + len(target_ids) > _CHUNK:
            return None
        billed = LineItemPeriod.period_start.in_(sorted(p for p in periods if p is not None))
        if None in periods:
            billed = or_(billed, LineItemPeriod.period_start.is_(None))
        # one set of ids, each part by an index (an OR of the three would scan the
        # pair's invoices on PostgreSQL)
        return Invoice.id.in_(
            union(
                select(Invoice.id).where(Invoice.id.in_(target_ids)),
                select(Invoice.id).where(
                    Invoice.vendor_id == vendor_id, Invoice.number.in_(sorted(numbers))
                ),
                select(LineItemPeriod.invoice_id).where(
                    LineItemPeriod.vendor_id == vendor_id,
                    LineItemPeriod.municipality_id == muni_id,
                    LineItemPeriod.item_key.in_(sorted(keys)),
                    billed,
                ),
            )
        )

    def _load_pair(
        self,
        vendor_id: int,
        muni_id: int,
        since: date,
        until: date,
        related: Any = None,
        lines_on: Any = None,
    ) -> dict[int, InvoiceView]:
        """The pair's invoices in the window (those ``related`` selects, if given) with
        their lines (those ``lines_on`` admits, if given, with ``related``): one read for
        a few invoices (lines joined), two for many."""
        code, population = self._municipality(muni_id)
        vendor_cvr = self._vendor(vendor_id)
        where: tuple[Any, ...] = (
            Invoice.vendor_id == vendor_id,
            Invoice.municipality_id == muni_id,
            Invoice.issue_date >= since,
            Invoice.issue_date <= until,
        )
        views: dict[int, InvoiceView] = {}
        n = len(_INVOICE_COLUMNS)
        if related is not None and not self._incremental:
            # a check of many: the pair's chosen invoices, then their lines (each
            # invoice's columns read once, not again on every line)
            for row in self._read(
                select(*_INVOICE_COLUMNS).where(*where, related).order_by(Invoice.id)
            ):
                views[row[0]] = _invoice_view(row, vendor_cvr, code, population)
            chosen = select(*_LINE_COLUMNS).join(Invoice, InvoiceLine.invoice_id == Invoice.id)
            if lines_on is not None:
                chosen = chosen.where(lines_on)
            for row in self._read(
                chosen.where(*where, related).order_by(InvoiceLine.invoice_id, InvoiceLine.position)
            ):
                view = views.get(row[0])
                if view is not None:  # else stored by another worker between the two reads
                    view.lines.append(_line_view(row[1:]))
            return views
        if related is not None:
            rows = self._read(
                select(*_INVOICE_COLUMNS, *_LINE_COLUMNS[1:])
                .outerjoin(
                    InvoiceLine,
                    InvoiceLine.invoice_id == Invoice.id
                    if lines_on is None
                    else and_(InvoiceLine.invoice_id == Invoice.id, lines_on),
                )
                .where(*where, related)
                .order_by(Invoice.id, InvoiceLine.position)
            )
            for row in rows:
                view = views.get(row[0])
                if view is None:
                    view = views[row[0]] = _invoice_view(row[:n], vendor_cvr, code, population)
                if row[n] is not None:
                    view.lines.append(_line_view(row[n:]))
            return views
        for row in self._read(select(*_INVOICE_COLUMNS).where(*where)):
            views[row[0]] = _invoice_view(row, vendor_cvr, code, population)
        lines = self._read(
            select(*_LINE_COLUMNS)
            .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
            .where(*where)
            .order_by(InvoiceLine.invoice_id, InvoiceLine.position)
        )
        for row in lines:
            view = views.get(row[0])
            if view is not None:  # else stored by another worker between the two reads
                view.lines.append(_line_view(row[1:]))
        return views

    # ---------------------------------------------------------------- contracts
    def _contracts_of(
        self,
        vendor_id: int,
        muni_id: int,
        views: dict[int, InvoiceView],
        target_ids: list[int],
        keys: set[str],
    ) -> dict[int, ContractView | None]:
        """Each target's applicable contract. A check of a few invoices loads only
        the terms of their own items (``price_term.item_key``, indexed): enough when
        every line's item matches a loaded term by its key, as matching by item id
        comes first (``rules.matching``). A line that would fall back to matching by
        description needs every item's description: then the contracts' catalogues are
        read, with the terms of the items the lines match (:meth:`_contracts_in_part`,
        as a check of many reads them).
        Each pair is read once per :meth:`batches`, so nothing is kept for later pairs
        (a contract belongs to one pair)."""
        some = self._term_keys(keys)
        if some is None and not self._incremental:
            return self._contracts_in_part(vendor_id, muni_id, views, target_ids)
        loaded = self._load_contracts(vendor_id, muni_id, some)
        known: dict[int, set[str]] = {}  # each contract's item keys, made where asked

        def covers(invoice_id: int) -> Callable[[ContractView], int]:
            # asked only where several contracts are in force on the invoice's date
            return lambda c: sum(
                item_key(line.item_id) in _item_keys(c, known) for line in views[invoice_id].lines
            )

        chosen = {
            i: contracts_repo.applicable(loaded, views[i].issue_date, covers(i)) for i in target_ids
        }
        if some is not None and not _covered(chosen, views):
            # a line matched by description: the catalogue and its item's terms
            return self._contracts_in_part(vendor_id, muni_id, views, target_ids)
        return chosen

    def _term_keys(self, keys: set[str]) -> set[str] | None:
        """The item keys to load terms for, or None (every term): a check of many
        invoices reads each contract once, whole."""
        if not self._incremental or len(keys) > _CHUNK:
            return None
        return keys

    def _contracts_in_part(
        self, vendor_id: int, muni_id: int, views: dict[int, InvoiceView], target_ids: list[int]
    ) -> dict[int, ContractView | None]:
        """Each target's applicable contract, for a check of many invoices: with the
        whole catalogue of each contract (every item's key and descriptions, a narrow
        read) and the full terms of only the items the targets' lines match, by item id
        or by description (``rules.matching.Catalogue.wanted``: the very match the rules
        make, so they find every term they need loaded; a contract prices thousands of
        items and a pair's flagged lines bill few of them)."""
        rows, clauses = self._contract_rows(vendor_id, muni_id)
        if not rows:
            return {i: None for i in target_ids}
        ids = [r.id for r in rows]
        entries: dict[int, list[tuple[str, str]]] = defaultdict(list)
        term_ids: dict[int, dict[str, list[int]]] = defaultdict(lambda: defaultdict(list))
        for cid, tid, item, description in self._read(
            select(PriceTerm.contract_id, PriceTerm.id, PriceTerm.item_id, PriceTerm.description)
            .where(PriceTerm.contract_id.in_(ids), PriceTerm.review_state != "rejected")
            .order_by(PriceTerm.id)
        ):
            key = term_key(item, description)
            entries[cid].append((key, description))
            term_ids[cid][key].append(tid)
        catalogues = {cid: self._catalogue(entries[cid]) for cid in ids}
        contracts = self._contract_views(vendor_id, muni_id, rows, clauses, {}, catalogues)

        def covers(invoice_id: int) -> Callable[[ContractView], int]:
            return lambda c: sum(
                catalogues[c.id].wanted(line.item_id, line.description) is not None
                for line in views[invoice_id].lines
            )

        chosen = {
            i: contracts_repo.applicable(contracts, views[i].issue_date, covers(i))
            for i in target_ids
        }
        wanted: set[int] = set()
        for invoice_id, contract in chosen.items():
            if contract is None:
                continue
            catalogue, by_key = catalogues[contract.id], term_ids[contract.id]
            for line in self._matched_lines(invoice_id, views[invoice_id]):
                key = catalogue.wanted(line.item_id, line.description)
                if key is not None:
                    wanted.update(by_key[key])
        ordered = sorted(wanted)
        terms: dict[int, list[TermView]] = defaultdict(list)
        for i in range(0, len(ordered), _CHUNK):
            for cid, term in self._term_views(PriceTerm.id.in_(ordered[i : i + _CHUNK])):
                terms[cid].append(term)
        for contract in contracts:
            contract.price_terms = terms[contract.id]  # in term order, as read whole
        return chosen

    def _catalogue(self, entries: list[tuple[str, str]]) -> Catalogue:
        """The catalogue of these entries, one object for every contract that has the
        very same (a framework agreement's price list, in each municipality's
        contract): its descriptions are normalised, and a line's description ranked
        against them, once for all of them. Kept for the builder's run (a check)."""
        content = tuple(entries)
        found = self._catalogues.get(content)
        if found is None:
            if len(self._catalogues) >= _CATALOGUES_KEPT:
                self._catalogues.clear()
            found = self._catalogues[content] = Catalogue(entries)
        return found

    def _load_contracts(
        self, vendor_id: int, muni_id: int, keys: set[str] | None = None
    ) -> list[ContractView]:
        """The pair's active contracts with their terms and clauses, newest first (Core rows:
        a contract may price thousands of items); each says whether it is pending review.
        With ``keys``, only the terms of items with those keys."""
        rows, clauses = self._contract_rows(vendor_id, muni_id)
        if not rows:
            return []
        ids = [r.id for r in rows]
        terms: dict[int, list[TermView]] = defaultdict(list)
        for cid, term in self._term_views(
            PriceTerm.contract_id.in_(ids),
            PriceTerm.review_state != "rejected",
            *(() if keys is None else (PriceTerm.item_key.in_(sorted(keys)),)),
        ):
            terms[cid].append(term)
        return self._contract_views(vendor_id, muni_id, rows, clauses, terms)

    def _contract_rows(
        self, vendor_id: int, muni_id: int
    ) -> tuple[list[Any], dict[int, dict[str, tuple[dict[str, object], str | None]]]]:
        """The pair's active contracts (rows, newest first) and each one's first clause
        of each kind (params, evidence)."""
        contracts: dict[int, Any] = {}
        clauses: dict[int, dict[str, tuple[dict[str, object], str | None]]] = defaultdict(dict)
        for row in self._read(
            select(
                Contract.id,
                Contract.effective_date,
                Contract.expiry_date,
                Contract.currency,
                Contract.payment_days,
                Contract.mfn,
                Contract.title,
                Contract.review_status,
                ContractClause.kind,
                ContractClause.params,
                ContractClause.evidence_text,
            )
            .outerjoin(ContractClause, ContractClause.contract_id == Contract.id)
            .where(
                Contract.vendor_id == vendor_id,
                Contract.municipality_id == muni_id,
                Contract.status == "active",
            )
            .order_by(
                Contract.effective_date.desc().nulls_last(),
                Contract.id.desc(),
                ContractClause.id,
            )
        ):
            contracts.setdefault(row.id, row)
            if row.kind is not None:
                clauses[row.id].setdefault(row.kind, (row.params or {}, row.evidence_text))
        return list(contracts.values()), clauses

    def _term_views(self, *where: Any) -> Iterator[tuple[int, TermView]]:
        """(contract id, term) of the terms ``where`` selects, in term order."""
        for (
            cid,
            tid,
            item,
            desc,
            unit,
            price,
            currency,
            vat,
            tmin,
            tmax,
            vfrom,
            vto,
            state,
            page,
            text,
        ) in self._read(
            select(
                PriceTerm.contract_id,
                PriceTerm.id,
                PriceTerm.item_id,
                PriceTerm.description,
                PriceTerm.unit,
                PriceTerm.agreed_unit_price,
                PriceTerm.currency,
                PriceTerm.vat_basis,
                PriceTerm.tier_min,
                PriceTerm.tier_max,
                PriceTerm.valid_from,
                PriceTerm.valid_to,
                PriceTerm.review_state,
                PriceTerm.evidence_page,
                PriceTerm.evidence_text,
            )
            .where(*where)
            .order_by(PriceTerm.id)
        ):
            yield (
                cid,
                TermView(
                    id=tid,
                    item_id=item,
                    description=desc,
                    unit=_UNITS[unit],
                    unit_price=price,
                    currency=currency,
                    vat=vat,
                    tier_min=tmin,
                    tier_max=tmax,
                    valid_from=vfrom,
                    valid_to=vto,
                    confirmed=state == "confirmed",
                    page=page,
                    evidence_text=text,
                ),
            )

    def _contract_views(
        self,
        vendor_id: int,
        muni_id: int,
        rows: list[Any],
        clauses: dict[int, dict[str, tuple[dict[str, object], str | None]]],
        terms: dict[int, list[TermView]],
        catalogues: dict[int, Catalogue] | None = None,
    ) -> list[ContractView]:
        code = self._municipality(muni_id)[0]
        cvr = self._vendor(vendor_id)
        views = []
        for r in rows:
            ix, mfn = clauses[r.id].get("indexation"), clauses[r.id].get("mfn")
            views.append(
                ContractView(
                    id=r.id,
                    vendor_cvr=cvr,
                    municipality_code=code,
                    effective_date=r.effective_date,
                    expiry_date=r.expiry_date,
                    currency=r.currency,
                    payment_days=r.payment_days,
                    mfn=r.mfn,
                    mfn_evidence=mfn[1] if mfn else None,
                    indexation=indexation_of(ix[0]) if ix else None,
                    title=r.title,
                    price_terms=terms.get(r.id, []),
                    pending_review=r.review_status == NEEDS_REVIEW,
                    catalogue=None if catalogues is None else catalogues[r.id],
                )
            )
        return views

    def _index(self, name: str) -> dict[str, Decimal]:
        if name not in self._series:
            rows = self._read(
                select(IndexValue.period, IndexValue.value).where(IndexValue.index_name == name)
            )
            self._series[name] = {period: value for period, value in rows}
        return self._series[name]

    # -------------------------------------------------------------- peer prices
    def _peers_for(self, batch: PairBatch, view: InvoiceView) -> list[PriceObservation]:
        """The observations: the SAME list object for every invoice of the batch (a few
        invoices: their own items only) or of the vendor (many), so the rules build
        their peer index once (they cache by identity)."""
        if batch.peers is not None:
            return batch.peers
        return self._peer_prices(batch.vendor_id)

    def _peer_prices_of(self, vendor_id: int, keys: set[str]) -> list[PriceObservation]:
        """The latest unit price this vendor billed each municipality for each item
        whose normalised key is one of ``keys``: exactly the observations of those
        items that :meth:`_peer_prices` reads (the rules group them by this key), read
        from ``item_latest_price`` (kept by triggers) by its (vendor, item key) index:
        a few rows per item and municipality, however long the history. When a line of
        the vendor lacks its key (written past the model, not in that table): every
        latest price of the vendor, computed from the lines (:meth:`_peer_prices`)."""
        if self._unkeyed_lines(vendor_id):
            return self._peer_prices(vendor_id)
        return self._latest_by_keys(vendor_id, keys)

    def _latest_by_keys(self, vendor_id: int, keys: set[str]) -> list[PriceObservation]:
        """The vendor's ``item_latest_price`` rows of the items keyed ``keys``."""
        observations: list[PriceObservation] = []
        for chunk in id_chunks(sorted(keys), self.session):
            observations += self._latest_of(
                LatestPrice.vendor_id == vendor_id,
                LatestPrice.item_key.in_(chunk),
                periods=self._regulated_mfn(vendor_id),
            )
        return observations

    def _regulated_mfn(self, vendor_id: int) -> bool:
        """Whether an active contract of this vendor has both a most-favoured-customer
        clause and an indexation clause: only then does a check compare a line with the
        periods the others' prices billed (``rules.peers``, ``since_regulation``), and
        read them with each latest price."""
        if vendor_id not in self._regulated:
            found = self.session.execute(
                select(Contract.id)
                .join(ContractClause, ContractClause.contract_id == Contract.id)
                .where(
                    Contract.vendor_id == vendor_id,
                    Contract.mfn.is_(True),
                    Contract.status == "active",
                    ContractClause.kind == "indexation",
                )
                .limit(1)
            ).first()
            self._regulated[vendor_id] = found is not None
        return self._regulated[vendor_id]

    def _peer_prices(self, vendor_id: int) -> list[PriceObservation]:
        """The latest unit price this vendor billed each municipality for each item:
        ``item_latest_price`` whole (kept by triggers; the same rows as
        :meth:`_latest_prices` computes from the lines, a few per item and municipality)."""
        if vendor_id in self._peers:
            return self._peers[vendor_id]
        if self._unkeyed_lines(vendor_id):
            observations = self._latest_prices(vendor_id, InvoiceLine.item_id.is_not(None))
        else:
            observations = self._latest_of(
                LatestPrice.vendor_id == vendor_id, periods=self._regulated_mfn(vendor_id)
            )
        self._peers[vendor_id] = observations
        return observations

    def _latest_of(self, *where: Any, periods: bool = True) -> list[PriceObservation]:
        """Observations from the ``item_latest_price`` rows ``where`` selects, each with
        its invoice and line (the rules break a same-day tie by them, whatever the
        order: none is asked of the database, which sorted every latest price of a
        vendor for it, ~200,000 rows at 1,000,000 lines, on disk on PostgreSQL)."""
        columns = [
            LatestPrice.municipality_id,
            LatestPrice.item_id,
            LatestPrice.unit_price,
            LatestPrice.quantity,
            LatestPrice.number,
            LatestPrice.issue_date,
            LatestPrice.invoice_id,
            LatestPrice.line_id,
        ]
        if not periods:
            read = select(*columns, literal(None, Date))
        else:  # the period each line billed (``line_item_period``, by its key)
            read = select(*columns, LineItemPeriod.period_start).outerjoin(
                LineItemPeriod, LineItemPeriod.line_id == LatestPrice.line_id
            )
        return self._observations(self._read(read.where(*where)))

    def _unkeyed_lines(self, vendor_id: int) -> bool:
        if vendor_id not in self._unkeyed:
            self._unkeyed[vendor_id] = self._find_unkeyed(vendor_id)
        return self._unkeyed[vendor_id]

    def _find_unkeyed(self, vendor_id: int) -> bool:
        """Whether a line of this vendor's invoices has an item id but no stored key
        (written past the model): ``item_latest_price`` holds only keyed lines, so the
        latest prices are then computed from the lines themselves."""
        unkeyed = (
            select(InvoiceLine.id)
            .join(Invoice, Invoice.id == InvoiceLine.invoice_id)
            .where(
                InvoiceLine.item_key.is_(None),
                InvoiceLine.item_id.is_not(None),
                Invoice.vendor_id == vendor_id,
            )
            .limit(1)
        )
        return self.session.execute(unkeyed).first() is not None

    def _latest_prices(self, vendor_id: int, items: Any) -> list[PriceObservation]:
        """Per municipality and item id, the vendor's latest billed line, of the items
        ``items`` (a condition on ``InvoiceLine``) selects."""
        rank = (
            func.row_number()
            .over(
                partition_by=(Invoice.municipality_id, InvoiceLine.item_id),
                order_by=(Invoice.issue_date.desc(), Invoice.id.desc(), InvoiceLine.id.desc()),
            )
            .label("rank")
        )
        ranked = (
            select(
                Invoice.municipality_id,
                InvoiceLine.item_id,
                InvoiceLine.unit_price,
                InvoiceLine.quantity,
                Invoice.number,
                Invoice.issue_date,
                Invoice.id.label("invoice_id"),
                InvoiceLine.id.label("line_id"),
                func.coalesce(InvoiceLine.period_start, Invoice.period_start).label("billed_on"),
                rank,
            )
            .join(Invoice, InvoiceLine.invoice_id == Invoice.id)
            .where(
                Invoice.vendor_id == vendor_id,
                Invoice.document_type == "invoice",
                Invoice.municipality_id.is_not(None),
                InvoiceLine.item_id.is_not(None),
                items,
            )
            .subquery()
        )
        rows = self._read(
            select(
                ranked.c.municipality_id,
                ranked.c.item_id,
                ranked.c.unit_price,
                ranked.c.quantity,
                ranked.c.number,
                ranked.c.issue_date,
                ranked.c.invoice_id,
                ranked.c.line_id,
                ranked.c.billed_on,
            ).where(ranked.c.rank == 1)
        )
        return self._observations(rows)

    def _observations(self, rows: Any) -> list[PriceObservation]:
        observations: list[PriceObservation] = []
        munis = self._municipalities()
        for muni_id, item_id, price, quantity, number, issued, invoice_id, line_id, billed in rows:
            code, population = munis.get(muni_id, (None, None))
            observations.append(
                PriceObservation(
                    municipality_code=code or "",
                    item_key=item_id,
                    unit_price=price,
                    quantity=quantity,
                    population=population,
                    invoice_number=number,
                    issue_date=issued,
                    invoice_id=invoice_id,
                    line_id=line_id,
                    billed_on=billed,
                )
            )
        return observations

    # ------------------------------------------------------------------ parties
    def _municipality(self, municipality_id: int | None) -> tuple[str | None, int | None]:
        if municipality_id is None:
            return None, None
        return self._municipalities().get(municipality_id, (None, None))

    def _municipalities(self) -> dict[int, tuple[str, int | None]]:
        if self._munis is None:
            self._munis = {
                mid: (code, pop)
                for mid, code, pop in self._read(
                    select(Municipality.id, Municipality.code, Municipality.population)
                )
            }
        return self._munis

    def _vendor(self, vendor_id: int | None) -> str:
        if vendor_id is None:
            return ""
        if vendor_id not in self._vendors:  # :meth:`batches` read the targets' vendors
            cvr = self.session.scalar(select(Vendor.cvr).where(Vendor.id == vendor_id))
            self._vendors[vendor_id] = cvr or ""
        return self._vendors[vendor_id]


class _TargetFacts:
    """What :meth:`ContextBuilder._related` needs of a pair's targets: their numbers,
    and their lines' item keys and billed periods."""

    def __init__(self) -> None:
        self.numbers: set[str] = set()
        self.keys: set[str] = set()
        self.periods: set[date | None] = set()
        #: a line whose stored key is missing or stale (written past the model)
        self.unkeyed = False

    def add(
        self,
        number: str,
        invoice_start: date | None,
        item: str | None,
        key: str | None,
        line_start: date | None,
    ) -> None:
        self.numbers.add(number)
        if item is None:
            return
        if key is None or key != item_key(item):
            self.unkeyed = True
        else:
            self.keys.add(key)
            self.periods.add(line_start or invoice_start)


def _targets(ids: list[int], *, with_lines: bool) -> Any:
    """The assigned invoices among ``ids``: pair, date, status and vendor CVR; with
    ``with_lines`` also number, period and each line with an item id (one row each)."""
    stmt = (
        select(
            Invoice.vendor_id,
            Invoice.municipality_id,
            Invoice.id,
            Invoice.issue_date,
            Invoice.status,
            Vendor.cvr,
        )
        .join(Vendor, Vendor.id == Invoice.vendor_id)
        .where(Invoice.id.in_(ids), Invoice.municipality_id.is_not(None))
    )
    if not with_lines:
        return stmt
    return stmt.add_columns(
        Invoice.number,
        Invoice.period_start,
        InvoiceLine.item_id,
        InvoiceLine.item_key,
        InvoiceLine.period_start,
    ).outerjoin(
        InvoiceLine, and_(InvoiceLine.invoice_id == Invoice.id, InvoiceLine.item_id.is_not(None))
    )


def _invoice_view(
    row: Sequence[Any], vendor_cvr: str, code: str | None, population: int | None
) -> InvoiceView:
    iid, number, dtype, issued, currency, due, pstart, pend = row[:8]
    ext, texcl, tax, payable, allow, charge, fmt = row[8:15]
    return InvoiceView(
        id=iid,
        number=number,
        document_type=dtype,
        issue_date=issued,
        currency=currency,
        vendor_cvr=vendor_cvr,
        municipality_code=code,
        population=population,
        lines=[],
        due_date=due,
        period_start=pstart,
        period_end=pend,
        totals=InvoiceTotals(
            line_extension=ext,
            tax_exclusive=texcl,
            tax=tax,
            payable=payable,
            allowances=allow,
            charges=charge,
        ),
        read_from_text=fmt == TEXT_READ_FORMAT,
    )


def _line_view(row: Sequence[Any]) -> InvoiceLineView:
    """A line from the columns of ``_LINE_COLUMNS`` after ``invoice_id``."""
    lid, line_id, desc, qty, price, amount, item, unit, lstart, lend = row[:10]
    return InvoiceLineView(
        id=lid,
        line_id=line_id,
        description=desc,
        quantity=qty,
        unit_price=price,
        line_amount=amount,
        item_id=item,
        unit_code=unit,
        period_start=lstart,
        period_end=lend,
    )


def _described_keys(
    chosen: dict[int, ContractView | None], views: dict[int, InvoiceView], target_ids: list[int]
) -> set[str]:
    """The item keys the targets' lines without an item number match by description in
    their contract's catalogue (items with an item number of their own)."""
    out: set[str] = set()
    for invoice_id in target_ids:
        contract = chosen.get(invoice_id)
        if contract is None or contract.catalogue is None:
            continue
        for line in views[invoice_id].lines:
            if item_key(line.item_id) is None:
                key = contract.catalogue.wanted(line.item_id, line.description)
                if key is not None and not key.startswith("desc:"):
                    out.add(key)
    return out


def _covered(chosen: dict[int, ContractView | None], views: dict[int, InvoiceView]) -> bool:
    """Whether every line of these invoices matches a term of its contract by item key
    (so the terms loaded give the very matches all of them would)."""
    known: dict[int, set[str]] = {}
    for invoice_id, contract in chosen.items():
        if contract is None:
            continue
        keys = _item_keys(contract, known)
        for line in views[invoice_id].lines:
            if item_key(line.item_id) not in keys:
                return False
    return True


def _item_keys(contract: ContractView, known: dict[int, set[str]]) -> set[str]:
    """The item keys of the contract's terms loaded, made once per ``known``."""
    found = known.get(contract.id)
    if found is None:
        found = known[contract.id] = {k for t in contract.price_terms if (k := item_key(t.item_id))}
    return found


def id_chunks(ids: Sequence[_T], session: Session | None = None) -> Iterator[list[_T]]:
    """``ids`` (or keys) in lists of at most ``_CHUNK`` (with a ``session`` on
    PostgreSQL, ``_PG_CHUNK``): one ``IN`` list each."""
    ids = list(ids)
    size = _CHUNK
    if session is not None and session.get_bind().dialect.name == "postgresql":
        size = _PG_CHUNK
    for i in range(0, len(ids), size):
        yield ids[i : i + size]
