"""Who hears about a municipality's findings, and how: its contacts, and its finance users.

Two kinds of recipient, merged per municipality:

- the municipality's active **contacts** (``monitor.parties``), as before: finance is
  emailed at once for findings at or above its ``immediate_min_severity`` and gets
  the rest in the daily digest; legal gets everything in the digest;
- the active **users holding the finance role** over the municipality (or over every
  municipality): per their own preferences (``AlertPreference``), for each severity
  ``immediate``, ``digest`` or ``off``; a severity they never chose gets
  ``DEFAULT_DELIVERY`` (the contacts' default: high and medium at once, low in the
  digest), or ``off`` for a user over every municipality (``defaults_for``).

An address that is both a contact and such a user is emailed once, as the user chose:
the person's own preferences outrank the contact list.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from monitor.alerts import repository as repo
from monitor.alerts.models import AlertPreference
from monitor.auth.models import User, user_municipality
from monitor.errors import InputError
from monitor.parties.models import Contact

SEVERITIES = ("high", "medium", "low")
DELIVERIES = ("immediate", "digest", "off")
DEFAULT_DELIVERY = {"high": "immediate", "medium": "immediate", "low": "digest"}
_RANK = {"low": 0, "medium": 1, "high": 2, "critical": 3}


def severity_of(severity: str | None) -> str:
    """The preference a finding's severity falls under (critical counts as high)."""
    value = (severity or "").lower()
    if value == "critical":
        return "high"
    return value if value in SEVERITIES else "medium"


@dataclass(frozen=True, slots=True)
class Recipient:
    """One address for one municipality's findings."""

    email: str
    role: str
    language: str
    municipality_id: int
    contact_id: int | None = None
    user_id: int | None = None
    #: a contact's threshold for immediate emails (contacts only)
    immediate_min_severity: str | None = None
    #: a user's delivery per severity (users only)
    deliveries: dict[str, str] = field(default_factory=dict)

    def delivery(self, severity: str | None) -> str:
        """``immediate``, ``digest`` or ``off`` for a finding of this severity."""
        if self.user_id is not None:
            key = severity_of(severity)
            return self.deliveries.get(key, DEFAULT_DELIVERY[key])
        if self.role != "finance":
            return "digest"
        rank = _RANK.get((severity or "").lower(), 1)
        return "immediate" if rank >= _RANK.get(self.immediate_min_severity or "", 1) else "digest"

    @classmethod
    def of_contact(cls, contact: Contact) -> Recipient:
        return cls(
            email=contact.email,
            role=contact.role,
            language=contact.language if contact.language in ("da", "en") else "da",
            municipality_id=contact.municipality_id,
            contact_id=contact.id,
            immediate_min_severity=contact.immediate_min_severity,
        )


def recipients(
    session: Session, municipality_ids: Iterable[int | None]
) -> dict[int, list[Recipient]]:
    """Each municipality's recipients: its contacts and its finance users, one per
    address (see the module docstring)."""
    ids = {i for i in municipality_ids if i is not None}
    out: dict[int, list[Recipient]] = {}
    if not ids:
        return out
    users = _finance_users(session, ids)
    for mid in sorted(ids):
        own = users.get(mid, [])
        emails = {r.email.lower() for r in own}
        contacts = [
            Recipient.of_contact(c)
            for c in repo.active_contacts(session, [mid]).get(mid, [])
            if c.email.lower() not in emails
        ]
        if contacts or own:
            out[mid] = contacts + own
    return out


def _finance_users(session: Session, ids: set[int]) -> dict[int, list[Recipient]]:
    finance = [
        u
        for u in session.scalars(select(User).where(User.active.is_(True)).order_by(User.id))
        if "finance" in {r.strip() for r in u.roles.split(",")}
    ]
    if not finance:
        return {}
    members: dict[int, set[int]] = defaultdict(set)
    for uid, mid in session.execute(
        select(user_municipality.c.user_id, user_municipality.c.municipality_id).where(
            user_municipality.c.user_id.in_([u.id for u in finance]),
            user_municipality.c.municipality_id.in_(ids),
        )
    ):
        members[uid].add(mid)
    prefs = preferences_of(session, [u.id for u in finance])
    out: dict[int, list[Recipient]] = defaultdict(list)
    for user in finance:
        deliveries = defaults_for(user, prefs.get(user.id, {}))
        for mid in sorted(ids if user.all_municipalities else members[user.id]):
            out[mid].append(
                Recipient(
                    email=user.email,
                    role="finance",
                    language=user.language if user.language in ("da", "en") else "da",
                    municipality_id=mid,
                    user_id=user.id,
                    deliveries=deliveries,
                )
            )
    return out


# -- preferences -------------------------------------------------------------------


def preferences_of(session: Session, user_ids: Iterable[int]) -> dict[int, dict[str, str]]:
    """Each user's chosen delivery per severity (severities never chosen are absent)."""
    ids = list(user_ids)
    out: dict[int, dict[str, str]] = defaultdict(dict)
    if not ids:
        return out
    for uid, severity, delivery in session.execute(
        select(AlertPreference.user_id, AlertPreference.severity, AlertPreference.delivery).where(
            AlertPreference.user_id.in_(ids)
        )
    ):
        out[uid][severity] = delivery
    return out


def defaults_for(user: User, chosen: dict[str, str]) -> dict[str, str]:
    """The user's delivery for every severity, defaults filled in: the contacts' default
    for a user of some municipalities; ``off`` for a user over every municipality (an
    operator, the first admin), who hears only what they chose, or every municipality's
    alerts would bury them and repeat what each municipality's own people get."""
    default = {s: "off" for s in SEVERITIES} if user.all_municipalities else DEFAULT_DELIVERY
    return {s: chosen.get(s, default[s]) for s in SEVERITIES}


def effective_preferences(session: Session, user_id: int) -> dict[str, str]:
    """The user's delivery for every severity, defaults filled in (``defaults_for``)."""
    user = session.get(User, user_id)
    chosen = preferences_of(session, [user_id]).get(user_id, {})
    if user is None:
        return {s: chosen.get(s, DEFAULT_DELIVERY[s]) for s in SEVERITIES}
    return defaults_for(user, chosen)


def set_preferences(
    session: Session, *, user_id: int, deliveries: dict[str, str], actor: str
) -> dict[str, str]:
    """Store the user's delivery for each severity given (all checked before any is
    stored), recorded in the audit log. Raises InputError naming the severity."""
    from monitor.audit.service import record

    for severity, delivery in deliveries.items():
        if severity not in SEVERITIES:
            raise InputError(
                f"unknown severity {severity!r}; use {', '.join(SEVERITIES)}",
                da=f"ukendt alvorlighed {severity!r}",
                field="severity",
            )
        if delivery not in DELIVERIES:
            raise InputError(
                f"{severity}: {delivery!r} is not a delivery; use {', '.join(DELIVERIES)}",
                da=f"{severity}: {delivery!r} er ikke et gyldigt valg",
                field=severity,
            )
    before = effective_preferences(session, user_id)
    session.execute(
        delete(AlertPreference).where(
            AlertPreference.user_id == user_id, AlertPreference.severity.in_(list(deliveries))
        )
    )
    session.add_all(
        AlertPreference(user_id=user_id, severity=s, delivery=d) for s, d in deliveries.items()
    )
    session.flush()
    after = effective_preferences(session, user_id)
    if after != before:
        record(
            session,
            actor=actor,
            action="alerts.preferences",
            entity="user",
            entity_id=user_id,
            details={"before": before, "after": after},
        )
    return after
