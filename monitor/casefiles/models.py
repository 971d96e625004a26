"""Case files: the claim against a vendor for one municipality's confirmed findings.

A case file holds the letter as it was made (the PDF sent to the vendor is the one
kept), the findings it claims with each one's overcharge at the time, when and how it
was sent, and the vendor's answer. The evidence ZIP is built from these when asked for.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import ForeignKey, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, deferred, mapped_column, relationship

from monitor.db import Base, Money, UTCDateTime, utcnow

#: how a letter may be sent
SENT_VIA = ("email", "digital_post", "post", "other")
#: the vendor's answer
ANSWERS = ("accepted", "partly", "rejected")


class CaseFile(Base):
    """``answer`` None until the vendor has answered; ``credited`` the amount the vendor
    credited (zero for a rejection)."""

    __tablename__ = "case_file"

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id"), index=True)
    municipality_id: Mapped[int] = mapped_column(ForeignKey("municipality.id"), index=True)
    language: Mapped[str] = mapped_column(String(2), default="da")
    total: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0))
    currency: Mapped[str] = mapped_column(String(3), default="DKK")
    letter: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    created_by: Mapped[str] = mapped_column(String(320))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    sent_by: Mapped[str | None] = mapped_column(String(320))
    sent_via: Mapped[str | None] = mapped_column(String(20))
    sent_note: Mapped[str | None] = mapped_column(Text)
    answer: Mapped[str | None] = mapped_column(String(20))
    credited: Mapped[Decimal | None] = mapped_column(Money())
    answer_note: Mapped[str | None] = mapped_column(Text)
    answered_on: Mapped[date | None]
    answer_recorded_by: Mapped[str | None] = mapped_column(String(320))
    answer_recorded_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    items: Mapped[list[CaseFileFinding]] = relationship(
        back_populates="case_file",
        cascade="all, delete-orphan",
        order_by="CaseFileFinding.position",
    )

    @property
    def state(self) -> str:
        """draft (made, not sent) | sent | answered."""
        if self.answer is not None:
            return "answered"
        return "sent" if self.sent_at is not None else "draft"


class CaseFileFinding(Base):
    """A finding claimed in a case file, with its overcharge when the letter was made
    and ``credited``, the part of the vendor's credit settled against it (see
    ``monitor.casefiles.service.allocate``): its overcharge when the credit covered it
    (the finding is resolved), less when the credit ran out on it (it stays open)."""

    __tablename__ = "case_file_finding"

    case_file_id: Mapped[int] = mapped_column(
        ForeignKey("case_file.id", ondelete="CASCADE"), primary_key=True
    )
    #: unique: a finding is claimed once (two people making a case file at the same
    #: time cannot both claim it)
    finding_id: Mapped[int] = mapped_column(
        ForeignKey("finding.id", ondelete="CASCADE"), primary_key=True, index=True, unique=True
    )
    position: Mapped[int] = mapped_column(default=0)
    overcharge: Mapped[Decimal] = mapped_column(Money())
    credited: Mapped[Decimal] = mapped_column(Money(), default=Decimal(0), server_default="0")

    case_file: Mapped[CaseFile] = relationship(back_populates="items")
