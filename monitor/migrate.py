"""Schema migrations with Alembic: ``prisvagt init`` (and every command) upgrades to head."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config(engine: Engine) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False))
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema (idempotent, fast at head)."""
    cfg = alembic_config(engine)
    with engine.connect() as conn:
        sqlite = conn.dialect.name == "sqlite"
        if sqlite:
            # SQLite changes a table by copying it to a new one and dropping the old: with
            # foreign keys enforced, dropping it would delete (cascade) the rows of every
            # table pointing at it. Off for the migration (outside a transaction, or SQLite
            # ignores it), every reference checked before the commit, and on again after.
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
        try:
            with conn.begin():
                if conn.dialect.name == "postgresql":
                    # a migration may rewrite a big table: no statement limit for it
                    conn.exec_driver_sql("SET LOCAL statement_timeout = 0")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
                if sqlite:
                    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(
                            f"the migration would leave rows pointing nowhere: {broken[:5]}"
                        )
                from monitor.invoices import derived

                derived.ensure(conn)  # a table rebuilt by a migration on SQLite lost its triggers
        finally:
            if sqlite:
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def make_revision(engine: Engine, message: str) -> None:
    """For developers: autogenerate a migration from the models."""
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.revision(cfg, message=message, autogenerate=True)
