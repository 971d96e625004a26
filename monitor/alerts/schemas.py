"""Alerts as the API shows them: each message with its delivery status and error."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

AlertStatus = Literal["pending", "sending", "sent", "failed"]
AlertKind = Literal["immediate", "digest", "reminder", "withdrawn"]


class AlertQuery(BaseModel):
    municipality: str | None = Field(None, description="kommunekode, e.g. 101")
    status: AlertStatus | None = Field(None, description="pending|sending|sent|failed")
    kind: AlertKind | None = Field(None, description="immediate|digest|reminder|withdrawn")
    created_from: date | None = Field(None, description="created on or after this day (UTC)")
    created_to: date | None = Field(None, description="created on or before this day (UTC)")


class AlertOut(BaseModel):
    """One message to one recipient, and how its delivery went."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": 5,
                    "kind": "immediate",
                    "channel": "email",
                    "recipient": "okonomi@kk.dk",
                    "municipality": "101",
                    "language": "da",
                    "subject": "Prisvagt: 1 brud på prisaftalen",
                    "status": "sent",
                    "attempts": 1,
                    "last_error": None,
                    "permanent_failure": False,
                    "created_at": "2026-03-02T08:15:04Z",
                    "sent_at": "2026-03-02T08:15:06Z",
                    "next_attempt_at": None,
                    "findings": [1],
                }
            ]
        }
    )

    id: int
    kind: str
    channel: str
    recipient: str
    municipality: str | None
    language: str
    subject: str | None
    status: str
    attempts: int
    last_error: str | None
    permanent_failure: bool
    created_at: datetime
    sent_at: datetime | None
    next_attempt_at: datetime | None
    findings: list[int] = Field(description="ids of the findings the message reported")
