"""Findings: one broken agreement each, with the exact overcharge and its evidence."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from monitor.db import Base, Money, UnitPrice, UTCDateTime, utcnow
from monitor.invoices.models import Invoice, InvoiceLine


class Finding(Base):
    """``status``: open|confirmed|dismissed|resolved. ``dedup_key`` is unique: re-checking
    the same invoice updates an open finding and never adds a second one.

    ``preliminary``: the finding rests on the terms of a contract whose reading legal has
    not reviewed yet; it is shown but announced to nobody. ``final_at`` is when a
    preliminary finding became final (its contract was reviewed): from then on it is
    announced as if new. None for a finding final from the start, and while preliminary.

    ``money_kind``: ``overcharge`` (the municipality's own contract lets it claim the
    amount back) or ``price_gap`` (the gap to the other municipalities' median,
    ``benchmark_unit_price``: worth renegotiating, no breach); the two are never added
    together. ``grounds_for_id``: another finding owns the same money on the same line
    (``rules.ownership``); this one is a further ground for it and totals leave it out.
    ``overcharge`` holds the finding's own amount either way.

    ``owner_id`` / ``deadline``: who follows the finding up and by when; a finding past
    its deadline and still open or confirmed is overdue (``is_overdue``)."""

    __tablename__ = "finding"
    __table_args__ = (
        # the list's orders (overcharge either way, ties by id the same way; newest
        # first), so that a page of 50 out of 100,000 reads 50 entries of an index
        Index("ix_finding_overcharge_id", "overcharge", "id"),
        Index("ix_finding_created_at_id", "created_at", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    dedup_key: Mapped[str] = mapped_column(String(300), unique=True)
    rule_id: Mapped[str] = mapped_column(String(100), index=True)
    rule_version: Mapped[int] = mapped_column(default=1)
    severity: Mapped[str] = mapped_column(String(10))
    mode: Mapped[str] = mapped_column(String(10), default="active")
    status: Mapped[str] = mapped_column(String(20), default="open", index=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoice.id", ondelete="CASCADE"), index=True
    )
    invoice_line_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice_line.id", ondelete="CASCADE"), index=True
    )
    price_term_id: Mapped[int | None] = mapped_column(
        ForeignKey("price_term.id", ondelete="SET NULL")
    )
    contract_id: Mapped[int | None] = mapped_column(ForeignKey("contract.id", ondelete="SET NULL"))
    municipality_id: Mapped[int | None] = mapped_column(ForeignKey("municipality.id"), index=True)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendor.id"), index=True)
    agreed_unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice())
    invoiced_unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice())
    quantity: Mapped[Decimal | None] = mapped_column(UnitPrice())
    overcharge: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    recovered: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="DKK")
    message: Mapped[str] = mapped_column(Text)
    #: the message in Danish (None: a custom rule's text, or stored before it existed)
    message_da: Mapped[str | None] = mapped_column(Text)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` where the rule wrote one, else in English."""
        return self.message_da if lang == "da" and self.message_da else self.message

    evidence: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    reviewed_by: Mapped[str | None] = mapped_column(String(320))
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_note: Mapped[str | None] = mapped_column(Text)
    preliminary: Mapped[bool] = mapped_column(default=False)
    final_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    money_kind: Mapped[str] = mapped_column(String(20), default="overcharge", index=True)
    benchmark_unit_price: Mapped[Decimal | None] = mapped_column(UnitPrice())
    grounds_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("finding.id", ondelete="SET NULL"), index=True
    )

    #: the person following the finding up (a user), and by when (``deadline``); both
    #: set by legal, each change in the finding's history (``monitor.findings.workflow``)
    owner_id: Mapped[int | None] = mapped_column(
        ForeignKey("app_user.id", ondelete="SET NULL"), index=True
    )
    deadline: Mapped[date | None] = mapped_column(Date)

    invoice: Mapped[Invoice] = relationship()
    invoice_line: Mapped[InvoiceLine | None] = relationship()

    @property
    def counted(self) -> bool:
        """Whether the amount counts in the overcharge totals: an overcharge no other
        finding owns, not dismissed (legal's dismissal, a credit note's or a re-check's
        withdrawal: no breach to claim)."""
        return (
            self.money_kind == "overcharge"
            and self.grounds_for_id is None
            and self.status != "dismissed"
        )
