"""Legal's review of a finding: confirm, dismiss, note, resolve, reopen.

Every action is written to the audit log, which is also the finding's review history
(with the re-check's own entries, see ``monitor.findings.lifecycle``). Validation
happens before anything changes, so a refused action leaves the finding as it was.
Never commits: the request or command that calls it owns the transaction.

A recovered amount is bounded by the finding's overcharge: more than that (interest,
a settlement covering more) is recorded only with an explicit confirmation and a
reason, both kept in the history.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from extractors.money import decimal_str, parse_decimal, to_ore
from monitor.audit.models import AuditEntry
from monitor.audit.service import record
from monitor.db import utcnow
from monitor.errors import ConfirmationRequired, InputError, NotFound
from monitor.findings.lifecycle import SYSTEM
from monitor.findings.models import Finding

ACTIONS = ("confirm", "dismiss", "note", "resolve", "reopen")
#: the actions and statuses as the Danish error texts name them (infinitive; the
#: passive adds -s: "bekræftes")
_ACTION_DA = {
    "confirm": "bekræfte",
    "dismiss": "afvise",
    "note": "notere",
    "resolve": "afslutte",
    "reopen": "genåbne",
}
_STATUS_DA = {
    "open": "åben",
    "confirmed": "bekræftet",
    "dismissed": "afvist",
    "resolved": "afsluttet",
    "withdrawn": "trukket tilbage",
}

#: which statuses each action may start from, and the status it leads to (None: unchanged)
_TRANSITIONS: dict[str, tuple[tuple[str, ...], str | None]] = {
    "confirm": (("open", "dismissed"), "confirmed"),
    "dismiss": (("open", "confirmed"), "dismissed"),
    "note": (("open", "confirmed", "dismissed", "resolved"), None),
    "resolve": (("open", "confirmed"), "resolved"),
    "reopen": (("confirmed", "dismissed", "resolved"), "open"),
}


def allowed_actions(status: str) -> list[str]:
    """The actions a finding in this status accepts, in the order pages show them."""
    return [a for a in ACTIONS if status in _TRANSITIONS[a][0]]


def review(
    session: Session,
    *,
    finding_id: int,
    action: str,
    actor: str,
    note: str | None = None,
    recovered: Decimal | str | None = None,
    confirm_excess: bool = False,
    excess_reason: str | None = None,
) -> Finding:
    """Apply one review action to a finding and record it in the audit log.

    - ``confirm``: the breach is real (from open or dismissed).
    - ``dismiss``: not a breach; ``note`` is required and says why.
    - ``note``: add a note; the status is unchanged.
    - ``resolve``: the vendor has paid back ``recovered`` (required, zero or more, at
      most the overcharge unless ``confirm_excess`` with an ``excess_reason``).
    - ``reopen``: back to open.

    Raises NotFound for an unknown finding and InputError (naming the field) for an
    unknown action, a missing actor, note or amount, or a step the status does not allow;
    ConfirmationRequired (field ``recovered``) for an amount above the overcharge that
    was not confirmed with a reason.
    """
    if action not in ACTIONS:
        raise InputError(
            f"unknown review action {action!r}; use {', '.join(ACTIONS)}", field="action"
        )
    actor = (actor or "").strip()
    if not actor:
        raise InputError(
            "say who is reviewing (name or email)",
            da="skriv hvem der gennemgår (navn eller e-mail)",
            field="actor",
        )
    if actor.lower() == SYSTEM:
        raise InputError(
            f"{SYSTEM!r} is reserved for the re-check's own entries; give your name",
            da=f"{SYSTEM!r} er forbeholdt genkontrollens egne poster; skriv dit navn",
            field="actor",
        )
    note = (note or "").strip() or None
    if action in ("dismiss", "note") and note is None:
        raise InputError(
            f"a note is required to {action}",
            da=f"en note er påkrævet for at {_ACTION_DA.get(action, action)}",
            field="note",
        )
    amount = _recovered(recovered) if action == "resolve" else None

    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(
            f"finding {finding_id} does not exist",
            key="error.missing.finding",
            params={"id": finding_id},
        )
    allowed, after = _TRANSITIONS[action]
    before = finding.status
    if before not in allowed:
        raise InputError(
            f"cannot {action} a finding that is {before}",
            da=f"et fund med status {_STATUS_DA.get(before, before)} kan ikke "
            f"{_ACTION_DA.get(action, action)}s",
            field="action",
        )

    details: dict[str, Any] = {"before": before, "after": after or before}
    if amount and finding.money_kind == "price_gap":
        raise InputError(
            "a price gap compares with what other municipalities pay: no money the contract "
            "lets you claim back, so nothing is recovered on it; resolve it with 0",
            da="en prisforskel sammenligner med, hvad andre kommuner betaler: den giver "
            "intet krav efter kontrakten, så intet tilbagebetales på den; afslut den med 0",
            field="recovered",
        )
    if amount is not None and amount > finding.overcharge:
        details.update(_excess(finding, amount, confirm_excess, excess_reason))
    if after is not None:
        finding.status = after
        finding.reviewed_by, finding.reviewed_at = actor, utcnow()
    if note is not None:
        finding.review_note = note
    if amount is not None:
        finding.recovered = amount
        details["recovered"] = decimal_str(amount)
    if action == "reopen":
        finding.recovered = Decimal(0)
    record(
        session,
        actor=actor,
        action=f"finding.{action}",
        entity="finding",
        entity_id=finding.id,
        reason=note,
        details=details,
    )
    return finding


def history(session: Session, *, finding_id: int) -> list[AuditEntry]:
    """The finding's review history, oldest first."""
    return list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == "finding", AuditEntry.entity_id == str(finding_id))
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )


def _recovered(value: Decimal | str | None) -> Decimal:
    if value is None or (isinstance(value, str) and not value.strip()):
        raise InputError(
            "the recovered amount is required to resolve",
            da="det inddrevne beløb er påkrævet for at afslutte",
            field="recovered",
        )
    if isinstance(value, str):
        try:
            value = parse_decimal(value)  # machine format, "750.50"; pages parse people's
        except ValueError:
            raise InputError(
                f"{value!r} is not an amount", da=f"{value!r} er ikke et beløb", field="recovered"
            ) from None
    if not value.is_finite() or value < 0:
        raise InputError(
            "the recovered amount must be zero or more",
            da="det inddrevne beløb skal være nul eller mere",
            field="recovered",
        )
    return to_ore(value)


def _excess(
    finding: Finding, amount: Decimal, confirmed: bool, reason: str | None
) -> dict[str, Any]:
    """An amount above the overcharge: refused unless confirmed with a reason; the
    history entry's details when it is."""
    from monitor.formatting import money

    reason = (reason or "").strip() or None
    if not confirmed or reason is None:
        paid, owed = amount, finding.overcharge
        raise ConfirmationRequired(
            f"the recovered amount {money(paid, 'en')} is more than the finding's overcharge "
            f"{money(owed, 'en')}; confirm the larger amount and give a reason",
            da=f"det tilbagebetalte beløb {money(paid)} er mere end fundets overpris "
            f"{money(owed)}; bekræft det større beløb og angiv en begrundelse",
            field="recovered" if not confirmed else "excess_reason",
            details={"recovered": decimal_str(paid), "overcharge": decimal_str(owed)},
        )
    return {
        "exceeds_overcharge": True,
        "overcharge": decimal_str(finding.overcharge),
        "excess_reason": reason,
    }
