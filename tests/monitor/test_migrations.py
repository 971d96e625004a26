"""The Alembic migrations build exactly the schema the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from monitor.db import Base, make_engine
from monitor.migrate import alembic_config, upgrade

FIRST = "4695041e1b23"
T = "'2026-01-01 00:00:00'"
#: one row in each table that others point at, as the first revision's schema has them
ROWS = (
    f"INSERT INTO municipality (id, code, name, created_at) VALUES (1, '101', 'K', {T})",
    f"INSERT INTO vendor (id, cvr, name, created_at) VALUES (1, '12345678', 'V', {T})",
    "INSERT INTO municipality_ean (id, municipality_id, ean) VALUES (1, 1, '5798000000001')",
    "INSERT INTO document (id, sha256, filename, kind, size, source, received_at, status)"
    f" VALUES (1, '{'a' * 64}', 'k.pdf', 'contract', 1, 'upload', {T}, 'read')",
    "INSERT INTO contract (id, document_id, vendor_id, municipality_id, language, currency,"
    f" mfn, status, warnings, created_at) VALUES (1, 1, 1, 1, 'da', 'DKK', 0, 'active', '[]', {T})",
    "INSERT INTO price_term (id, contract_id, item_id, description, unit, agreed_unit_price,"
    " currency, vat_basis, review_state, confidence)"
    " VALUES (1, 1, 'A-1', 'Licens', 'each', 10000, 'DKK', 'excl', 'confirmed', 1.0)",
    "INSERT INTO invoice (id, vendor_id, municipality_id, format, document_type, number,"
    " issue_date, currency, line_extension, allowances, charges, tax_exclusive, tax, payable,"
    f" status, warnings, received_at) VALUES (1, 1, 1, 'csv', 'invoice', 'F-1', '2026-01-01',"
    f" 'DKK', 12500, 0, 0, 12500, 3125, 15625, 'checked', '[]', {T})",
    "INSERT INTO invoice_line (id, invoice_id, position, line_id, item_id, description,"
    " quantity, unit_price, base_quantity, line_amount)"
    " VALUES (1, 1, 0, '1', 'A-1', 'Licens', 10000, 12500, 10000, 12500)",
    "INSERT INTO finding (id, dedup_key, rule_id, rule_version, severity, mode, status,"
    " invoice_id, invoice_line_id, municipality_id, vendor_id, contract_id, price_term_id,"
    " overcharge, recovered, currency, message, evidence, created_at, updated_at)"
    " VALUES (1, 'k:1', 'price_above_agreed', 1, 'high', 'alert', 'open', 1, 1, 1, 1, 1, 1,"
    f" 2500, 0, 'DKK', 'm', '{{}}', {T}, {T})",
    "INSERT INTO alert (id, kind, channel, recipient, language, status, attempts,"
    f" permanent_failure, created_at, dedup_key, municipality_id) VALUES (1, 'immediate',"
    f" 'email', 'a@k.dk', 'da', 'sent', 1, 0, {T}, 'a:1', 1)",
    "INSERT INTO alert_finding (id, alert_id, finding_id, recipient, kind)"
    " VALUES (1, 1, 1, 'a@k.dk', 'immediate')",
)


def test_migrations_match_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        upgrade(engine)
        upgrade(engine)  # idempotent at head
        with engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []


def test_every_migration_upgrades_a_database_that_holds_rows(tmp_path: Path) -> None:
    """From the first revision with parties, a contract, an invoice and a finding stored
    (foreign keys on, as the app runs SQLite), up to head: no step may fail on rows that
    point at the table it changes."""
    engine = make_engine(f"sqlite:///{tmp_path / 'old.db'}")
    try:
        cfg = alembic_config(engine)
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, FIRST)
            for statement in ROWS:
                conn.exec_driver_sql(statement)
        upgrade(engine)
        with engine.connect() as conn:
            for table in (
                "municipality_ean",
                "contract",
                "price_term",
                "invoice_line",
                "finding",
                "alert_finding",
            ):
                count = conn.exec_driver_sql(f"SELECT count(*) FROM {table}").scalar()
                assert count == 1, f"{table} lost its row"
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diff == []
