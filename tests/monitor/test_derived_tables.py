"""The derived tables (``item_latest_price``, ``line_item_period``: kept by triggers)
always equal the full recomputation from the lines: after ingest through the ORM and Core, same-day ties, credit notes, a changed
price or period, a line or invoice deleted, an invoice moved to another vendor or municipality.
Runs on SQLite and PostgreSQL, on the migrated schema and on ``create_all``'s."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import Engine, delete, insert, select, text, update

from monitor.db import create_all, make_engine, transaction
from monitor.invoices import derived
from monitor.invoices.models import Invoice, InvoiceLine
from monitor.migrate import upgrade
from monitor.parties.models import Municipality, Vendor

D = Decimal


def kept(engine: Engine, table: str = derived.TABLE) -> list[tuple[object, ...]]:
    columns = derived.RECOMPUTE[table][0]
    with engine.connect() as conn:
        return sorted(
            (tuple(r) for r in conn.execute(text(f"SELECT {columns} FROM {table}"))), key=str
        )


def recomputed(engine: Engine, table: str = derived.TABLE) -> list[tuple[object, ...]]:
    rows = derived.RECOMPUTE[table][1]
    with engine.connect() as conn:
        return sorted((tuple(r) for r in conn.execute(text(f"SELECT * FROM ({rows}) r"))), key=str)


def add_invoice(s, number, vendor, muni, issued, lines, kind="invoice"):  # type: ignore[no-untyped-def]
    invoice = Invoice(
        vendor_id=vendor,
        municipality_id=muni,
        format="oioubl-2.02",
        document_type=kind,
        number=number,
        issue_date=issued,
        currency="DKK",
        line_extension=D(0),
        tax_exclusive=D(0),
        tax=D(0),
        payable=D(0),
    )
    for pos, (item, price) in enumerate(lines, start=1):
        invoice.lines.append(
            InvoiceLine(
                position=pos,
                line_id=str(pos),
                item_id=item,
                description="Ydelse",
                quantity=D(2),
                unit_price=price,
                line_amount=2 * price,
            )
        )
    s.add(invoice)
    s.flush()
    return invoice.id


@pytest.mark.parametrize("schema", ["migrations", "create_all"])
def test_the_kept_latest_prices_equal_a_full_recomputation(database_url: str, schema: str) -> None:
    engine = make_engine(database_url)
    (upgrade if schema == "migrations" else create_all)(engine)
    steps: list[str] = []

    def check(step: str) -> None:
        steps.append(step)
        for table in derived.RECOMPUTE:
            assert kept(engine, table) == recomputed(engine, table), (table, steps)

    with transaction(engine) as s:
        vendors = [Vendor(cvr="11111111", name="A"), Vendor(cvr="22222222", name="B")]
        munis = [
            Municipality(code=c, name=c, cvr=f"3000000{i}", population=1000 * (i + 1))
            for i, c in enumerate(("101", "751", "461"))
        ]
        s.add_all(vendors + munis)
        s.flush()
        v1, v2 = (v.id for v in vendors)
        m1, m2, m3 = (m.id for m in munis)
    ids: dict[str, int] = {}
    with transaction(engine) as s:
        ids["a"] = add_invoice(
            s, "A", v1, m1, date(2026, 1, 5), [("LIC-1", D("10")), ("SUP", D("5"))]
        )
        ids["b"] = add_invoice(
            s, "B", v1, m1, date(2026, 2, 5), [("lic 1", D("11")), ("LIC-1", D("12"))]
        )
        ids["c"] = add_invoice(s, "C", v1, m2, date(2026, 2, 5), [("LIC-1", D("9"))])
        # the same day as B: the greater invoice id is the later
        ids["d"] = add_invoice(s, "D", v1, m1, date(2026, 2, 5), [("LIC-1", D("13"))])
        # a credit note and a line with no item id change nothing
        ids["cn"] = add_invoice(
            s, "CN", v1, m1, date(2026, 3, 1), [("LIC-1", D("-13"))], kind="credit_note"
        )
        ids["e"] = add_invoice(s, "E", v2, m3, date(2026, 1, 1), [(None, D("1")), ("---", D("2"))])
        ids["older"] = add_invoice(s, "O", v1, m2, date(2025, 12, 1), [("LIC-1", D("7"))])
    check("ingest through the ORM")
    assert len(kept(engine)) == 4, kept(engine)  # (v1,m1) LIC-1, lic 1, SUP; (v1,m2) LIC-1
    assert len(kept(engine, derived.PERIODS)) == 8  # the lines with a key, credit note too

    with engine.begin() as conn:  # Core insert past the model: the key by its default
        inv = conn.execute(
            Invoice.__table__.insert().returning(Invoice.id),
            {
                "vendor_id": v1,
                "municipality_id": m3,
                "format": "csv",
                "document_type": "invoice",
                "number": "RAW",
                "issue_date": date(2026, 4, 1),
                "currency": "DKK",
                "line_extension": D(0),
                "tax_exclusive": D(0),
                "tax": D(0),
                "payable": D(0),
            },
        ).scalar_one()
        conn.execute(
            InvoiceLine.__table__.insert(),
            [
                {
                    "invoice_id": inv,
                    "position": n,
                    "line_id": str(n),
                    "item_id": item,
                    "description": "x",
                    "quantity": D(1),
                    "unit_price": D(n),
                    "line_amount": D(n),
                }
                for n, item in ((1, "LIC-1"), (2, "LIC-1"), (3, "SUP"))
            ],
        )
        ids["raw"] = inv
    check("Core insert")

    with transaction(engine) as s:  # the latest line's price corrected
        line = s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == ids["d"])).one()
        line.unit_price = D("14")
    check("price changed")
    with transaction(engine) as s:  # its item id corrected: LIC-1 falls back to B's line
        line = s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == ids["d"])).one()
        line.item_id = "LIC-2"
    check("item id changed")
    with transaction(engine) as s:
        s.execute(
            delete(InvoiceLine).where(InvoiceLine.invoice_id == ids["b"], InvoiceLine.position == 2)
        )
    check("a latest line deleted")
    with transaction(engine) as s:  # the ORM deletes the lines, then the invoice
        s.delete(s.get(Invoice, ids["b"]))
    check("an invoice deleted through the ORM")
    with engine.begin() as conn:  # the database cascades to the lines
        conn.execute(delete(Invoice.__table__).where(Invoice.id == ids["raw"]))
    check("an invoice deleted, lines by ON DELETE CASCADE")
    with transaction(engine) as s:  # assigned to another municipality, then vendor
        s.get(Invoice, ids["c"]).municipality_id = m1  # type: ignore[union-attr]
    check("moved to another municipality")
    with engine.begin() as conn:
        conn.execute(update(Invoice.__table__).where(Invoice.id == ids["a"]).values(vendor_id=v2))
    check("moved to another vendor")
    with transaction(engine) as s:
        s.get(Invoice, ids["d"]).document_type = "credit_note"  # type: ignore[union-attr]
        s.get(Invoice, ids["older"]).issue_date = date(2026, 6, 1)  # type: ignore[union-attr]
    check("an invoice turned credit note, another re-dated")
    with transaction(engine) as s:  # another period, on the invoice and on a line
        s.get(Invoice, ids["e"]).period_start = date(2026, 1, 1)  # type: ignore[union-attr]
        line = s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == ids["a"])).first()
        line.period_start = date(2026, 2, 1)  # type: ignore[union-attr]
    check("periods set")
    with transaction(engine) as s:
        s.get(Invoice, ids["c"]).vendor_id = None  # type: ignore[union-attr]
    check("unassigned")
    engine.dispose()


def test_the_repeated_periods_are_counted_as_lines_come_and_go(database_url: str) -> None:
    """``item_period_count``: how many lines bill each (pair, item key, period start),
    through inserts, a corrected period, a moved invoice and deletes; the rows with
    more than one line are what the bulk screen reads as repeats."""
    engine = make_engine(database_url)
    upgrade(engine)
    jan, feb = date(2026, 1, 1), date(2026, 2, 1)
    januar, februar = str(jan), str(feb)  # as the rows read back (SQLite: text)

    def counts() -> dict[tuple[object, ...], int]:
        assert kept(engine, derived.COUNTS) == recomputed(engine, derived.COUNTS)
        return {(*r[:3], str(r[3])[:10]): r[4] for r in kept(engine, derived.COUNTS)}  # type: ignore[misc]

    with transaction(engine) as s:
        vendor = Vendor(cvr="11111111", name="A")
        munis = [Municipality(code=c, name=c, cvr=f"3000000{c}") for c in ("1", "2")]
        s.add_all([vendor, *munis])
        s.flush()
        v, m1, m2 = vendor.id, munis[0].id, munis[1].id
    ids = {}
    with transaction(engine) as s:
        for name, muni in (("a", m1), ("b", m1), ("c", m2)):
            ids[name] = add_invoice(s, name, v, muni, date(2026, 1, 20), [("LIC-1", D(5))])
            s.get(Invoice, ids[name]).period_start = jan  # type: ignore[union-attr]
        # "lic 1" is LIC-1's key: the same item; a line without a period is not counted
        add_invoice(s, "n", v, m1, date(2026, 1, 21), [("lic 1", D(5))])
    assert counts() == {(v, m1, "lic1", januar): 2, (v, m2, "lic1", januar): 1}
    with transaction(engine) as s:  # b's line corrected to February
        line = s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == ids["b"])).one()
        line.period_start = feb
    assert counts() == {
        (v, m1, "lic1", januar): 1,
        (v, m1, "lic1", februar): 1,
        (v, m2, "lic1", januar): 1,
    }
    with transaction(engine) as s:  # c moved to the first municipality: a repeat again
        s.get(Invoice, ids["c"]).municipality_id = m1  # type: ignore[union-attr]
    assert counts() == {(v, m1, "lic1", januar): 2, (v, m1, "lic1", februar): 1}
    with engine.begin() as conn:  # deleted, the lines by ON DELETE CASCADE
        conn.execute(delete(Invoice.__table__).where(Invoice.id == ids["a"]))
    assert counts() == {(v, m1, "lic1", januar): 1, (v, m1, "lic1", februar): 1}
    with transaction(engine) as s:
        s.get(Invoice, ids["c"]).vendor_id = None  # type: ignore[union-attr]
    assert counts() == {(v, m1, "lic1", februar): 1}
    engine.dispose()


def test_each_invoice_s_line_sum_follows_its_lines(database_url: str) -> None:
    """``invoice_line_sum``: per invoice its lines' count and amount sum (øre), through
    lines with and without an item id, a corrected amount, a line moved to another
    invoice, a line deleted, and an invoice deleted with its lines by the database."""
    engine = make_engine(database_url)
    upgrade(engine)

    def sums() -> dict[int, tuple[int, int]]:
        assert kept(engine, derived.SUMS) == recomputed(engine, derived.SUMS)
        return {r[0]: (r[1], r[2]) for r in kept(engine, derived.SUMS)}  # type: ignore[misc]

    with transaction(engine) as s:
        vendor = Vendor(cvr="11111111", name="A")
        muni = Municipality(code="101", name="K", cvr="30000001")
        s.add_all([vendor, muni])
        s.flush()
        a = add_invoice(
            s, "A", vendor.id, muni.id, date(2026, 1, 5), [("LIC-1", D("10")), (None, D("2.5"))]
        )
        b = add_invoice(s, "B", vendor.id, muni.id, date(2026, 1, 6), [("LIC-1", D("7"))])
    assert sums() == {a: (2, 2500), b: (1, 1400)}
    with transaction(engine) as s:  # an amount corrected
        line = s.scalars(select(InvoiceLine).where(InvoiceLine.invoice_id == b)).one()
        line.line_amount = D("14.01")
    assert sums() == {a: (2, 2500), b: (1, 1401)}
    with engine.begin() as conn:  # a line moved to the other invoice, past the model
        conn.execute(
            update(InvoiceLine.__table__)
            .where(InvoiceLine.invoice_id == a, InvoiceLine.item_id.is_(None))
            .values(invoice_id=b)
        )
    assert sums() == {a: (1, 2000), b: (2, 1901)}
    with transaction(engine) as s:  # A's last line deleted: its row goes
        s.execute(delete(InvoiceLine).where(InvoiceLine.invoice_id == a))
    assert sums() == {b: (2, 1901)}
    with engine.begin() as conn:  # deleted, the lines by ON DELETE CASCADE
        conn.execute(delete(Invoice.__table__).where(Invoice.id == b))
    assert sums() == {}
    engine.dispose()


def test_the_migration_fills_the_table_from_stored_lines(database_url: str) -> None:
    """A database upgraded past the revision gets the rows of the lines it holds."""
    from alembic import command
    from alembic.script import ScriptDirectory

    from monitor.migrate import alembic_config

    engine = make_engine(database_url)
    cfg = alembic_config(engine)
    before = ScriptDirectory.from_config(cfg).get_revision("d9a3f6b2c180").down_revision
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, str(before))  # the schema before item_latest_price
    with transaction(engine) as s:
        vendor = Vendor(cvr="11111111", name="A")
        muni = Municipality(code="101", name="K", cvr="30000001")
        s.add_all([vendor, muni])
        s.flush()
        # written as that schema has them (a Core insert names only the values given: a
        # column added since is left out)
        for number, issued, price in (
            ("A", date(2026, 1, 5), D("10")),
            ("B", date(2026, 2, 5), D("12")),
        ):
            invoice_id = s.execute(
                insert(Invoice.__table__).values(
                    vendor_id=vendor.id,
                    municipality_id=muni.id,
                    format="oioubl-2.02",
                    document_type="invoice",
                    number=number,
                    issue_date=issued,
                    currency="DKK",
                    line_extension=D(0),
                    tax_exclusive=D(0),
                    tax=D(0),
                    payable=D(0),
                )
            ).inserted_primary_key[0]
            s.execute(
                insert(InvoiceLine.__table__).values(
                    invoice_id=invoice_id,
                    position=1,
                    line_id="1",
                    item_id="LIC-1",
                    description="Ydelse",
                    quantity=D(2),
                    unit_price=price,
                    line_amount=2 * price,
                )
            )
    upgrade(engine)
    rows, full = kept(engine), recomputed(engine)
    periods = kept(engine, derived.PERIODS)
    assert periods == recomputed(engine, derived.PERIODS)
    assert kept(engine, derived.COUNTS) == recomputed(engine, derived.COUNTS)
    sums = kept(engine, derived.SUMS)
    assert sums == recomputed(engine, derived.SUMS)
    engine.dispose()
    assert rows == full
    assert sorted(r[1:] for r in sums) == [(1, 2000), (1, 2400)]  # øre: 2 x 10.00, 2 x 12.00
    assert len(periods) == 2
    assert [(r[2], r[7], r[8]) for r in rows] == [("LIC-1", "B", 12_000_000)]


def test_refreshing_statistics_gives_the_planner_the_invoice_tables(database_url: str) -> None:
    from monitor.invoices.repository import refresh_statistics

    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(engine) as s:
        vendor = Vendor(cvr="11111111", name="A")
        muni = Municipality(code="101", name="K", cvr="30000001")
        s.add_all([vendor, muni])
        s.flush()
        for n in range(30):
            invoice_id = add_invoice(
                s, f"N-{n}", vendor.id, muni.id, date(2026, 1, 5), [(f"I-{n}", D(n + 1))]
            )
            s.get(Invoice, invoice_id).period_start = date(2026, 1, 1)  # type: ignore[union-attr]
    counts = "SELECT relname, analyze_count FROM pg_stat_user_tables"

    def analysed() -> dict[str, int]:
        with engine.connect() as conn:
            if engine.dialect.name == "postgresql":
                return {r[0]: r[1] for r in conn.execute(text(counts))}
            return {r[0]: 1 for r in conn.execute(text("SELECT tbl FROM sqlite_stat1"))}

    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM sqlite_stat1"))
    before = analysed()
    with transaction(engine) as s:
        refresh_statistics(s)
    after = analysed()
    engine.dispose()
    for table in ("invoice", "invoice_line", *derived.RECOMPUTE):
        assert after.get(table, 0) > before.get(table, 0), (table, before, after)


def test_an_upgrade_puts_back_triggers_a_rebuilt_table_lost(database_url: str) -> None:
    """SQLite drops a table's triggers when a migration copies it: the next upgrade
    restores them and recomputes the tables."""
    engine = make_engine(database_url)
    upgrade(engine)
    with transaction(engine) as s:
        vendor = Vendor(cvr="11111111", name="A")
        muni = Municipality(code="101", name="K", cvr="30000001")
        s.add_all([vendor, muni])
        s.flush()
        vendor_id, muni_id = vendor.id, muni.id
    with engine.begin() as conn:
        derived.uninstall(conn)  # as a table copy would
    with transaction(engine) as s:  # written while the triggers are missing
        add_invoice(s, "A", vendor_id, muni_id, date(2026, 1, 5), [("LIC-1", D("10"))])
    assert kept(engine) == []
    upgrade(engine)
    with transaction(engine) as s:
        add_invoice(s, "B", vendor_id, muni_id, date(2026, 2, 5), [("SUP", D("3"))])
    rows, periods = kept(engine), kept(engine, derived.PERIODS)
    assert rows == recomputed(engine) and periods == recomputed(engine, derived.PERIODS)
    engine.dispose()
    assert [r[2] for r in rows] == ["LIC-1", "SUP"]
