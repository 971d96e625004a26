"""Checking a few invoices reads other municipalities' prices for their own items only,
and of the pair's history only the invoices that could bill the same again
(``invoice_line.item_key``, indexed; issue 12, item 1), with exactly the findings of
reading the whole history. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text

from monitor.contracts.models import Contract, PriceTerm
from monitor.db import make_engine, session_factory, transaction
from monitor.findings import context
from monitor.findings.models import Finding
from monitor.findings.service import check_invoices
from monitor.invoices.models import InvoiceLine, LatestPrice
from monitor.migrate import upgrade
from monitor.parties.models import Municipality
from rules.types import ContractView
from tests.web.conftest import _invoice, seed_database

D = Decimal


def findings_of(engine, invoice_id: int) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """The findings a check of this one invoice stores (rolled back afterwards)."""
    session = session_factory(engine)()
    try:
        check_invoices(
            session,
            invoice_ids=[invoice_id],
            today=date(2026, 4, 1),
            allow_unconfirmed_terms=True,
            queue_alerts=False,
        )
        session.flush()
        rows = session.scalars(
            select(Finding)
            .where(Finding.invoice_id == invoice_id, Finding.status == "open")
            .order_by(Finding.dedup_key)
        )
        return [
            (f.dedup_key, f.rule_id, f.invoice_line_id, f.overcharge, f.money_kind, f.evidence)
            for f in rows
        ]
    finally:
        session.rollback()
        session.close()


def contracts_read(engine, ids: dict[str, int]) -> dict[str, ContractView]:  # type: ignore[no-untyped-def]
    """Per named invoice, the contract its check reads (as loaded for the rules)."""
    session = session_factory(engine)()
    try:
        out = {}
        for name, invoice_id in ids.items():
            builder = context.ContextBuilder(
                session, today=date(2026, 4, 1), allow_unconfirmed_terms=True
            )
            ctx = builder.context(next(builder.batches([invoice_id])), invoice_id)
            assert ctx.contract is not None
            out[name] = ctx.contract
        return out
    finally:
        session.close()


def test_own_items_only_gives_the_findings_of_the_whole_history(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        contract.mfn = True  # the lowest price elsewhere counts too
        vendor_id = contract.vendor_id
        aarhus = s.scalar(select(Municipality.id).where(Municipality.code == "751"))
        odense = Municipality(code="461", name="Odense", cvr="35953819", population=205000)
        s.add(odense)
        s.flush()
        # the same item written differently elsewhere, and items the invoice does not bill
        _invoice(s, "O-1", vendor_id, odense.id, [("1", "lic-0100", "Licens", D("5"), D("90.00"))])
        _invoice(s, "O-2", vendor_id, odense.id, [("1", "OTHER-9", "Andet", D("1"), D("10.00"))])
        _invoice(s, "A-9", vendor_id, aarhus, [("1", "Lic 100", "Licens", D("3"), D("95.00"))])
        # København: the same licences billed again, and an invoice of something else
        kbh = contract.municipality_id
        lic = ("1", "LIC-100", "Brugerlicens ESDH", D("40"), D("125.00"))
        first = _invoice(s, "F-2026-0049", vendor_id, kbh, [lic])
        _invoice(s, "F-2026-0050", vendor_id, kbh, [("1", "SUP-1", "Support", D("1"), D("9"))])
        again = _invoice(s, "F-2026-0051", vendor_id, kbh, [lic])
        for inv in (first, again):
            inv.period_start, inv.period_end = date(2026, 3, 1), date(2026, 3, 31)
        s.flush()
        again_id = again.id
    with engine.connect() as conn:  # the key is kept for every line, by the model
        keys = dict(conn.execute(text("SELECT item_id, item_key FROM invoice_line")).all())
    assert keys["lic-0100"] == keys["Lic 100"] == keys["LIC-100"] == "lic100"

    incremental = findings_of(engine, seed.invoice_id)
    repeated = findings_of(engine, again_id)
    monkeypatch.setattr(context, "INCREMENTAL_MAX_INVOICES", 0)  # the whole history
    whole = findings_of(engine, seed.invoice_id)
    whole_repeated = findings_of(engine, again_id)
    engine.dispose()

    assert incremental == whole
    assert repeated == whole_repeated
    assert "duplicate_billing" in {f[1] for f in repeated}, repeated
    mfn = [f for f in incremental if f[1] == "mfn_breach"]
    assert len(mfn) == 1, incremental  # from Odense's price, its item written "lic-0100"
    evidence = mfn[0][5]
    assert (evidence["lowest_municipality"], evidence["lowest_invoice"]) == ("461", "O-1")
    assert mfn[0][3] == D("1400.00")  # (125.00 - 90.00) x 40


def test_a_line_inserted_without_the_orm_gets_its_key(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    with engine.begin() as conn:
        conn.execute(
            InvoiceLine.__table__.insert(),
            [
                {
                    "invoice_id": seed.invoice_id,
                    "position": 9,
                    "line_id": "9",
                    "item_id": "SUP-001",
                    "description": "Support",
                    "quantity": D("1"),
                    "unit_price": D("1.00"),
                    "line_amount": D("1.00"),
                }
            ],
        )
        key = conn.scalar(text("SELECT item_key FROM invoice_line WHERE line_id = '9'"))
    engine.dispose()
    assert key == "sup1"


def test_a_few_invoices_load_the_terms_of_their_own_items_with_the_same_findings(
    database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Terms by ``price_term.item_key`` when every line matches one by its key; the whole
    price list when a line needs matching by description (no item id, or an item id the
    contract does not price): the findings are those of loading every term."""
    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        vendor_id, kbh = contract.vendor_id, contract.municipality_id
        priced = [
            ("DRIFT-7", "Drift og hosting af ESDH", "month", D("500.00")),
            ("KONS-2", "Konsulenttimer seniorarkitekt", "hour", D("1000.00")),
        ] + [(f"X-{i}", f"Ydelse nummer {i}", "piece", D(i + 1)) for i in range(30)]
        for item, desc, unit, price in priced:
            s.add(
                PriceTerm(
                    contract=contract,
                    item_id=item,
                    description=desc,
                    unit=unit,
                    agreed_unit_price=price,
                    review_state="confirmed",
                )
            )
        by_key = _invoice(
            s,
            "K-1",
            vendor_id,
            kbh,
            [
                ("1", "LIC-100", "Brugerlicens ESDH", D("10"), D("120.00")),
                ("2", "drift 7", "Drift", D("1"), D("550.00")),
            ],
        )
        by_text = _invoice(
            s,
            "K-2",
            vendor_id,
            kbh,
            [("1", None, "Konsulenttimer seniorarkitekt", D("5"), D("1100.00"))],
        )
        unknown_id = _invoice(
            s,
            "K-3",
            vendor_id,
            kbh,
            [
                ("1", "LIC-100", "Brugerlicens ESDH", D("2"), D("130.00")),
                ("2", "NOPE-1", "Drift og hosting af ESDH", D("1"), D("600.00")),
            ],
        )
        s.flush()
        ids = {"by_key": by_key.id, "by_text": by_text.id, "unknown_id": unknown_id.id}
        all_terms = len(contract.price_terms)

    read = contracts_read(engine, ids)
    loaded = {name: sorted(t.item_id or "" for t in c.price_terms) for name, c in read.items()}
    catalogued = {name: c.catalogue is not None for name, c in read.items()}
    # by item id: those items' terms; by description: every item's key and
    # descriptions (the catalogue) and the terms of the item matched
    assert loaded == {
        "by_key": ["DRIFT-7", "LIC-100"],
        "by_text": ["KONS-2"],
        "unknown_id": ["DRIFT-7", "LIC-100"],
    }, loaded
    assert catalogued == {"by_key": False, "by_text": True, "unknown_id": True}
    assert all_terms == 33

    incremental = {name: findings_of(engine, i) for name, i in ids.items()}
    # as a check of many invoices: the whole history, every item's key and descriptions
    # (the catalogue), and the full terms of only the items the lines match
    monkeypatch.setattr(context, "INCREMENTAL_MAX_INVOICES", 0)
    in_part = {}
    for name, contract in contracts_read(engine, ids).items():
        assert contract.catalogue is not None
        assert len(contract.catalogue.items) == all_terms
        in_part[name] = sorted(t.description for t in contract.price_terms)
    assert in_part == {
        "by_key": ["Brugerlicens ESDH", "Drift og hosting af ESDH"],
        "by_text": ["Konsulenttimer seniorarkitekt"],
        "unknown_id": ["Brugerlicens ESDH", "Drift og hosting af ESDH"],
    }, in_part
    whole = {name: findings_of(engine, i) for name, i in ids.items()}
    engine.dispose()

    assert incremental == whole
    over = {
        name: sorted(f[3] for f in found if f[1] == "price_above_agreed")
        for name, found in incremental.items()
    }
    # (120 - 100) x 10 and (550 - 500) x 1; (1100 - 1000) x 5 by description;
    # (130 - 100) x 2 and (600 - 500) x 1, the unknown item id matched by description
    assert over == {
        "by_key": [D("50.00"), D("200.00")],
        "by_text": [D("500.00")],
        "unknown_id": [D("60.00"), D("100.00")],
    }, incremental


def test_a_check_of_many_reads_the_latest_prices_of_the_lines_themselves(
    database_url: str,
) -> None:
    """A check of many invoices reads every latest price of the vendor from
    ``item_latest_price``: the same observations as computing them from the lines, each
    with its invoice and line (the rules break a same-day tie by them, so the order of
    the list does not matter); a line written by raw SQL with an item id and no key
    (not in that table) makes it compute them from the lines."""
    engine = make_engine(database_url)
    upgrade(engine)
    seed = seed_database(engine)
    with transaction(engine) as s:
        contract = s.get(Contract, seed.contract_id)
        assert contract is not None
        vendor_id = contract.vendor_id
        aarhus = s.scalar(select(Municipality.id).where(Municipality.code == "751"))
        _invoice(s, "A-1", vendor_id, aarhus, [("1", "LIC-100", "Licens", D("3"), D("95.00"))])
        _invoice(s, "A-2", vendor_id, aarhus, [("1", "lic 100", "Licens", D("2"), D("93.00"))])

    def observations(session):  # type: ignore[no-untyped-def]
        builder = context.ContextBuilder(
            session, today=date(2026, 4, 1), allow_unconfirmed_terms=True
        )

        def by_line(found):  # type: ignore[no-untyped-def]
            assert all(o.invoice_id and o.line_id for o in found)
            return sorted(found, key=lambda o: (o.invoice_id, o.line_id))

        from_table = by_line(builder._peer_prices(vendor_id))
        from_lines = by_line(builder._latest_prices(vendor_id, InvoiceLine.item_id.is_not(None)))
        return from_table, from_lines

    with transaction(engine) as s:
        from_table, from_lines = observations(s)
    assert from_table == from_lines and len(from_table) >= 2
    with engine.begin() as conn:  # raw SQL past the model: no key
        conn.execute(
            text(
                "INSERT INTO invoice_line (invoice_id, position, line_id, item_id, description,"
                " quantity, base_quantity, unit_price, line_amount) VALUES (:i, 7, '7',"
                " 'NEW-7', 'Ny', 1000000, 1000000, 70000000, 7000)"
            ),
            {"i": seed.invoice_id},
        )
        assert conn.scalar(text("SELECT item_key FROM invoice_line WHERE line_id = '7'")) is None
    with transaction(engine) as s:
        from_table, from_lines = observations(s)
        assert s.scalar(select(func.count()).select_from(LatestPrice)) < len(from_lines)
    engine.dispose()
    assert from_table == from_lines
    assert "NEW-7" in {o.item_key for o in from_table}
