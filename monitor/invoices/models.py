"""Invoices and credit notes with their normalised lines."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Connection, ForeignKey, Index, MetaData, String, Text, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from monitor.db import Base, Money, UnitPrice, UTCDateTime, trigram_index, utcnow
from monitor.invoices import derived
from rules.matching import item_key as normalised_item_key


def _item_key_default(context: Any) -> str | None:
    """``item_key`` of a line inserted without one (Core inserts): from its item id."""
    return normalised_item_key(context.get_current_parameters().get("item_id"))


class Invoice(Base):
    """``status``: assigned|unassigned|checked|check_failed (with ``check_error``: the
    check raised, or a transient error outlasted its retries; not retried until someone
    re-checks it). Credit notes carry negative amounts."""

    __tablename__ = "invoice"
    __table_args__ = (
        Index("ix_invoice_supplier_number", "supplier_cvr", "number"),
        # a check finds earlier invoices of the same number from the same vendor by it
        Index("ix_invoice_vendor_number", "vendor_id", "number"),
        # the credit notes that credit an invoice, by its number (a check sets them off)
        Index(
            "ix_invoice_vendor_credits",
            "vendor_id",
            "credits_number",
            postgresql_where=text("credits_number IS NOT NULL"),
            sqlite_where=text("credits_number IS NOT NULL"),
        ),
        Index("ix_invoice_issue_date", "issue_date"),  # the findings list's date range
        trigram_index("ix_invoice_number_trgm", "number"),  # the findings list's search
        # a check rewrites every checked invoice's status (a re-check of all of them
        # after a rule change): with half of each page free and no index on the columns
        # it writes, PostgreSQL rewrites the row in its page without touching the nine
        # indexes (a HOT update: 100,000 invoices ~0.2 s instead of ~2.3 s, and the
        # table does not bloat between checks). Status alone is never a selective
        # look-up: the lists filter it beside municipality, vendor or date.
        {"postgresql_with": {"fillfactor": 50}},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id"), index=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendor.id"), index=True)
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    format: Mapped[str] = mapped_column(String(20))
    document_type: Mapped[str] = mapped_column(String(20), default="invoice")
    number: Mapped[str] = mapped_column(String(100))
    issue_date: Mapped[date]
    due_date: Mapped[date | None]
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]
    currency: Mapped[str] = mapped_column(String(3))
    supplier_cvr: Mapped[str | None] = mapped_column(String(8))
    supplier_name: Mapped[str | None] = mapped_column(String(200))
    buyer_cvr: Mapped[str | None] = mapped_column(String(8))
    buyer_ean: Mapped[str | None] = mapped_column(String(13))
    buyer_name: Mapped[str | None] = mapped_column(String(200))
    line_extension: Mapped[Decimal] = mapped_column(Money())
    allowances: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    charges: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    tax_exclusive: Mapped[Decimal] = mapped_column(Money())
    tax: Mapped[Decimal] = mapped_column(Money())
    payable: Mapped[Decimal] = mapped_column(Money())
    status: Mapped[str] = mapped_column(String(20), default="assigned")
    unassigned_reason: Mapped[str | None] = mapped_column(Text)
    possible_duplicate_of_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id"))
    #: a credit note's reference to the invoice it credits (that invoice's number)
    credits_number: Mapped[str | None] = mapped_column(String(100))
    warnings: Mapped[list[str]] = mapped_column(JSON, default=list)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    check_error: Mapped[str | None] = mapped_column(Text)

    lines: Mapped[list[InvoiceLine]] = relationship(
        back_populates="invoice", cascade="all, delete-orphan", order_by="InvoiceLine.position"
    )


#: a line with an item id and no stored key (written past the model)
UNKEYED = "item_key IS NULL AND item_id IS NOT NULL"


class InvoiceLine(Base):
    """A line; ``unit_price`` is per ONE ``unit_code`` (PriceAmount / BaseQuantity).

    ``item_key``: the item id as the rules compare it (``rules.matching.item_key``:
    case, punctuation and leading zeros ignored), kept with the line and indexed, so a
    check reads other municipalities' prices for its own items only."""

    __tablename__ = "invoice_line"
    __table_args__ = (
        Index("ix_invoice_line_item_key", "item_key", "invoice_id"),
        trigram_index("ix_invoice_line_description_trgm", "description"),  # the list's search
        # lines written past the model (an item id, no key): in neither derived table, so
        # a check looks for them, in O(1) however many lines have no item id at all
        Index(
            "ix_invoice_line_unkeyed",
            "invoice_id",
            sqlite_where=text(UNKEYED),
            postgresql_where=text(UNKEYED),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int]
    line_id: Mapped[str] = mapped_column(String(100))
    item_id: Mapped[str | None] = mapped_column(String(100))
    item_key: Mapped[str | None] = mapped_column(String(100), default=_item_key_default)
    description: Mapped[str] = mapped_column(Text)
    quantity: Mapped[Decimal] = mapped_column(UnitPrice())
    unit_code: Mapped[str | None] = mapped_column(String(10))
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice())
    price_amount: Mapped[Decimal | None] = mapped_column(UnitPrice())
    base_quantity: Mapped[Decimal] = mapped_column(UnitPrice(), default=Decimal(1))
    line_amount: Mapped[Decimal] = mapped_column(Money())
    vat_percent: Mapped[Decimal | None] = mapped_column(Money())
    period_start: Mapped[date | None]
    period_end: Mapped[date | None]

    invoice: Mapped[Invoice] = relationship(back_populates="lines")

    @validates("item_id")
    def _keep_item_key(self, _key: str, item_id: str | None) -> str | None:
        self.item_key = normalised_item_key(item_id)
        return item_id


class InvoiceRecheck(Base):
    """A re-check of an invoice asked for because a peer's prices arrived: one row per
    invoice however many peers ask, consumed by ``invoices.recheck_peers`` once
    ``due_at`` has passed (each new request moves it on, up to ``requested_at`` plus
    the longest wait), so a burst of arrivals re-checks each peer once."""

    __tablename__ = "invoice_recheck"

    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="CASCADE"), primary_key=True
    )
    requested_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


class LatestPrice(Base):
    """The line billed last per vendor, municipality and item id (invoices, lines with
    an item key): kept by database triggers, see ``monitor.invoices.derived``.
    Read by (vendor, item key) for other municipalities' prices."""

    __tablename__ = derived.TABLE
    # covering: a check's read is an index-only range scan (PostgreSQL: once vacuumed;
    # the migration asks autovacuum to come often), not ~100 scattered rows per item
    __table_args__ = (
        Index("ix_item_latest_price_vendor_key", *derived.COVERING),
        Index(derived.BY_PRICE_INDEX, *derived.BY_PRICE),
    )

    vendor_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    municipality_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    item_id: Mapped[str] = mapped_column(String(100), primary_key=True)
    item_key: Mapped[str] = mapped_column(String(100))
    issue_date: Mapped[date]
    invoice_id: Mapped[int]
    line_id: Mapped[int] = mapped_column(index=True)
    number: Mapped[str] = mapped_column(String(100))
    unit_price: Mapped[Decimal] = mapped_column(UnitPrice())
    quantity: Mapped[Decimal] = mapped_column(UnitPrice())


class LineItemPeriod(Base):
    """Each line with an item key of an invoice or credit note with a vendor and
    municipality, with the period it bills (the line's, else the invoice's): kept by
    database triggers (``monitor.invoices.derived``). A check finds the earlier
    invoices that could bill its items for the same periods again by its index."""

    __tablename__ = derived.PERIODS
    __table_args__ = (
        Index(
            "ix_line_item_period_lookup",
            "vendor_id",
            "municipality_id",
            "item_key",
            "period_start",
            "invoice_id",
        ),
    )

    line_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    invoice_id: Mapped[int] = mapped_column(index=True)
    vendor_id: Mapped[int]
    municipality_id: Mapped[int]
    item_key: Mapped[str] = mapped_column(String(100))
    period_start: Mapped[date | None]


class ItemPeriodCount(Base):
    """How many lines bill each (vendor, municipality, item key, period start) of
    ``line_item_period`` with a start: kept by database triggers
    (``monitor.invoices.derived``). A bulk check's duplicate screen reads the repeated
    ones by the partial index."""

    __tablename__ = derived.COUNTS
    __table_args__ = (
        Index(
            "ix_item_period_count_repeated",
            "vendor_id",
            "municipality_id",
            "item_key",
            "period_start",
            sqlite_where=text("lines > 1"),
            postgresql_where=text("lines > 1"),
        ),
    )

    vendor_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    municipality_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    item_key: Mapped[str] = mapped_column(String(100), primary_key=True)
    period_start: Mapped[date] = mapped_column(primary_key=True)
    lines: Mapped[int]


class InvoiceLineSum(Base):
    """Per invoice with lines: how many and the sum of their amounts, kept by database
    triggers (``monitor.invoices.derived``). A bulk check's screen of the invoices'
    totals reads it instead of summing every line."""

    __tablename__ = derived.SUMS

    invoice_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    lines: Mapped[int]
    line_sum: Mapped[Decimal] = mapped_column(Money())


@event.listens_for(Base.metadata, "after_create")
def _install_triggers(target: MetaData, connection: Connection, **kw: Any) -> None:
    """``create_all`` (tests, a fresh embedded database) gets the triggers too."""
    created = {t.name for t in kw.get("tables") or target.sorted_tables}
    if {*derived.RECOMPUTE, "invoice", "invoice_line"} <= created:
        derived.install(connection)
