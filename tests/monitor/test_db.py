from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

import pytest
from sqlalchemy import Engine, Table, func, select

from monitor.db import transaction
from monitor.invoices.models import Invoice, InvoiceLine


def _invoice(number: str, amount: Decimal) -> Invoice:
    return Invoice(
        format="oioubl-2",
        number=number,
        issue_date=__import__("datetime").date(2026, 1, 5),
        currency="DKK",
        line_extension=amount,
        tax_exclusive=amount,
        tax=amount / 4,
        payable=amount * Decimal("1.25"),
        lines=[
            InvoiceLine(
                position=1,
                line_id="1",
                description="Drift",
                quantity=Decimal("3"),
                unit_price=Decimal("33.333333"),
                line_amount=amount,
            )
        ],
    )


def test_money_is_exact_on_both_backends(app_env: object) -> None:
    amounts = [Decimal("0.10"), Decimal("0.20"), Decimal("1234567.89"), Decimal("-0.01")]
    with transaction() as s:
        for i, a in enumerate(amounts):
            s.add(_invoice(f"F{i}", a))
    with transaction() as s:
        stored = s.scalars(select(Invoice.line_extension).order_by(Invoice.id)).all()
        total = s.scalar(select(func.sum(Invoice.line_extension)))
        price = s.scalar(select(InvoiceLine.unit_price).limit(1))
    assert stored == amounts
    assert all(isinstance(a, Decimal) for a in stored)
    # the SQL sum is over integer øre, so it is exact too
    assert total == sum(amounts)
    assert price == Decimal("33.333333")


def test_a_float_amount_is_refused(app_env: object) -> None:
    invoice = _invoice("F1", Decimal("0.10"))
    invoice.payable = 0.125  # type: ignore[assignment]
    with pytest.raises(Exception, match="Decimal, not float"), transaction() as s:
        s.add(invoice)
        s.flush()


def test_amounts_are_rounded_half_up_to_the_column_scale(app_env: object) -> None:
    with transaction() as s:
        s.add(_invoice("F1", Decimal("10.005")))
    with transaction() as s:
        assert s.scalar(select(Invoice.line_extension)) == Decimal("10.01")


def test_insert_rows_stores_what_an_insert_stores(database_url: str) -> None:
    """``insert_rows`` (the bulk check's finding rows: COPY on PostgreSQL) against a plain
    ``insert`` of the same rows: money in øre, JSON, Python-side defaults (scalar and
    callable) for the columns a row leaves out, a NULL given, the id from the server."""
    from decimal import Decimal

    from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, insert, select

    from monitor.db import Money, UnitPrice, UTCDateTime, insert_rows, make_engine, utcnow

    meta = MetaData()
    table = Table(
        "copy_probe",
        meta,
        Column("id", Integer, primary_key=True),
        Column("name", String(20)),
        Column("amount", Money()),
        Column("price", UnitPrice()),
        Column("status", String(10), default="open"),
        Column("evidence", JSON, default=dict),
        Column("at", UTCDateTime, default=utcnow),
        Column("note", String(20)),
    )
    engine = make_engine(database_url)
    meta.drop_all(engine)
    meta.create_all(engine)
    rows = [
        {"name": "a", "amount": Decimal("1234.565"), "price": Decimal("3.141593"), "note": None},
        {
            "name": "b",
            "amount": Decimal("-0.01"),
            "price": None,
            "note": "x",
            "evidence": {"k": [1, "æ"]},
        },
    ]
    for row in rows:
        row.setdefault("evidence", {})
    try:
        with engine.begin() as conn:
            insert_rows(conn, table, [dict(r) for r in rows])
            conn.execute(insert(table), [dict(r) for r in rows])
            stored = conn.execute(select(table).order_by(table.c.id)).all()
    finally:
        meta.drop_all(engine)
        engine.dispose()
    copied, inserted = stored[:2], stored[2:]
    assert [r.id for r in stored] == [1, 2, 3, 4]
    drop = lambda r: tuple(v for k, v in r._mapping.items() if k not in ("id", "at"))  # noqa: E731
    assert [drop(r) for r in copied] == [drop(r) for r in inserted]
    assert copied[0].amount == Decimal("1234.57") and copied[1].evidence == {"k": [1, "æ"]}
    assert copied[0].status == "open" and copied[0].note is None
    assert all(r.at is not None and r.at.tzinfo is not None for r in stored)


def test_money_read_back_is_exact_and_its_memo_capped(monkeypatch: pytest.MonkeyPatch) -> None:
    """The stored integer's Decimal is made once and reused, at most ``_MEMO_LIMIT``
    kept; every value read back is exact whatever the memo holds."""
    from sqlalchemy.dialects import sqlite

    import monitor.db as db

    monkeypatch.setattr(db, "_MEMO_LIMIT", 3)
    read = db.Money().result_processor(sqlite.dialect(), None)
    memo = read.__self__
    values = [read(v) for v in (12345, None, -1, 12345, 7, 8, 9, 10)]
    assert values == [Decimal("123.45"), None, Decimal("-0.01"), Decimal("123.45"),
                      Decimal("0.07"), Decimal("0.08"), Decimal("0.09"), Decimal("0.10")]  # fmt: skip
    assert len(memo) <= 3 and read(None) is None
    assert str(db.UnitPrice().result_processor(sqlite.dialect(), None)(3141593)) == "3.141593"


@pytest.mark.usefixtures("sqlite_env")
def test_unassigned_invoices_read_the_same_for_few_and_many_ids(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A check reports the invoices it skipped (no vendor or municipality); for many
    ids it reads the unassigned invoices once instead of per 900 ids: same answer."""
    from monitor.findings import service

    with transaction() as s:
        made = [_invoice(f"U-{i}", Decimal("10.00")) for i in range(6)]
        for i, invoice in enumerate(made):
            if i % 2 == 0:
                invoice.status = "unassigned"
                invoice.unassigned_reason = f"no vendor with CVR {i}"
        s.add_all(made)
        s.flush()
        ids = [x.id for x in made]
    with transaction() as s:
        few = service._unassigned(s, ids[1:])
        monkeypatch.setattr(service, "_MANY_IDS", 0)
        many = service._unassigned(s, ids[1:])
    assert few == many == ["invoice U-2: no vendor with CVR 2", "invoice U-4: no vendor with CVR 4"]


def test_money_read_back_gives_none_for_null_while_another_thread_fills_the_memo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The result processor is shared by every thread of the process (one per column
    type and dialect): a NULL read while another thread clears the full memo is still
    None, never an error."""
    import sys
    import threading

    from sqlalchemy.dialects import sqlite

    import monitor.db as db

    monkeypatch.setattr(db, "_MEMO_LIMIT", 2)
    read = db.Money().result_processor(sqlite.dialect(), None)
    errors: list[str] = []

    def reader(values: list[int | None]) -> None:
        try:
            for _ in range(5_000):
                for value in values:
                    read(value)
        except Exception as exc:  # noqa: BLE001 - the failure is what the test reports
            errors.append(repr(exc))

    saved = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # thread switches as often as possible
    try:
        for _ in range(10):  # a few rounds: the window is a few bytecodes wide
            threads = [threading.Thread(target=reader, args=([None],)) for _ in range(3)]
            threads += [threading.Thread(target=reader, args=([1, 2, 3, 4, 5],)) for _ in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            if errors:
                break
    finally:
        sys.setswitchinterval(saved)
    assert errors == []


@pytest.fixture
def json_probe(database_url: str) -> Iterator[tuple[Engine, Table]]:
    """A table with a JSON column on the test database, dropped afterwards."""
    from sqlalchemy import JSON, Column, Integer, MetaData

    from monitor.db import make_engine

    meta = MetaData()
    table = Table("json_probe", meta, Column("id", Integer, primary_key=True), Column("ev", JSON))
    engine = make_engine(database_url)
    meta.drop_all(engine)
    meta.create_all(engine)
    try:
        yield engine, table
    finally:
        meta.drop_all(engine)
        engine.dispose()


def test_insert_rows_stores_a_json_none_as_an_insert_does(
    json_probe: tuple[Engine, Table],
) -> None:
    """A JSON column given None: an ``insert`` stores JSON ``null`` (SQLAlchemy's JSON
    type evaluates None), so ``insert_rows`` stores the same, not SQL NULL."""
    from sqlalchemy import insert

    from monitor.db import insert_rows

    engine, table = json_probe
    with engine.begin() as conn:
        insert_rows(conn, table, [{"ev": None}])
        conn.execute(insert(table), [{"ev": None}])
        null = conn.execute(select(table.c.id, table.c.ev.is_(None)).order_by(table.c.id))
        stored = [is_null for _, is_null in null]
    assert stored[0] == stored[1]


def test_insert_rows_stores_encoded_json_as_the_text_an_insert_stores(
    json_probe: tuple[Engine, Table],
) -> None:
    """Evidence a worker process encoded (``encoded_json``) is written as it is: the
    stored text and the value read back are those of the dict given to an insert."""
    from sqlalchemy import Text, cast, insert

    from monitor.db import decoded_json, encoded_json, insert_rows

    evidence = {"line_text": 'Æbler, 2 kg "økologiske"\ttab', "quantity": "31", "page": 2}
    engine, table = json_probe
    with engine.begin() as conn:
        insert_rows(conn, table, [{"ev": encoded_json(evidence)}])
        conn.execute(insert(table), [{"ev": evidence}])
        read = [ev for _, ev in conn.execute(select(table.c.id, table.c.ev).order_by("id"))]
        texts = [t for (t,) in conn.execute(select(cast(table.c.ev, Text)).order_by(table.c.id))]
    assert read == [evidence, evidence]
    assert texts[0] == texts[1]
    assert decoded_json(encoded_json(evidence)) == evidence
    assert decoded_json(evidence) is evidence


def test_server_settings_hold_for_every_session_of_the_engine(database_url: str) -> None:
    """Settings a session cannot change once it has used a temporary table (a bulk
    check's workers ask for more ``temp_buffers``) are given at connection: every
    session of the engine has them, after a rollback too; the timeouts stay."""
    from sqlalchemy import text

    from monitor.db import make_engine

    if not database_url.startswith("postgresql"):
        pytest.skip("PostgreSQL's session settings")
    engine = make_engine(database_url, server_settings={"temp_buffers": "24MB"})
    try:
        with engine.connect() as conn:
            conn.execute(text("CREATE TEMPORARY TABLE t (x int)"))
            assert conn.execute(text("SHOW temp_buffers")).scalar() == "24MB"
            conn.rollback()
            assert conn.execute(text("SHOW temp_buffers")).scalar() == "24MB"
            assert conn.execute(text("SHOW statement_timeout")).scalar() != "0"
    finally:
        engine.dispose()
