"""Following findings up: an owner and a deadline per finding, and bulk review.

Every change is an audit entry under the acting identity, so it shows in the finding's
history beside legal's review steps (``finding.assign``, ``finding.deadline``). The
owner is a signed-in person who may see the finding: an active user holding a role
over its municipality. Bulk actions apply the single action to each finding in turn
(the review service's own rules: a dismissal needs a note), and report each refusal
with its reason instead of stopping at the first. Never commits.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from monitor.audit.service import record
from monitor.auth.models import User, user_municipality
from monitor.errors import InputError, NotFound, PrisvagtError
from monitor.findings import review
from monitor.findings.models import Finding

#: statuses a finding is still being followed up in: past its deadline, it is overdue
FOLLOWED_UP = ("open", "confirmed")
BULK_ACTIONS = ("confirm", "dismiss", "assign")
#: at most this many findings in one bulk request (one page of the list is 50)
MAX_BULK = 500


def is_overdue(status: str, deadline: date | None, *, today: date) -> bool:
    return deadline is not None and deadline < today and status in FOLLOWED_UP


def assign(session: Session, *, finding_id: int, owner_id: int | None, actor: str) -> bool:
    """Give the finding an owner (None: nobody). Returns whether anything changed.
    Raises NotFound for a finding the session cannot see and InputError (field
    ``owner``) for an owner who is not an active user over its municipality."""
    finding = _finding(session, finding_id)
    if owner_id is not None:
        _check_owner(session, owner_id, finding)
    if finding.owner_id == owner_id:
        return False
    record(
        session,
        actor=actor,
        action="finding.assign",
        entity="finding",
        entity_id=finding.id,
        details={
            "owner_before": _email(session, finding.owner_id),
            "owner": _email(session, owner_id),
        },
    )
    finding.owner_id = owner_id
    return True


def set_deadline(session: Session, *, finding_id: int, deadline: date | None, actor: str) -> bool:
    """Set (or clear, None) the date the finding should be followed up by."""
    finding = _finding(session, finding_id)
    if finding.deadline == deadline:
        return False
    record(
        session,
        actor=actor,
        action="finding.deadline",
        entity="finding",
        entity_id=finding.id,
        details={
            "deadline_before": finding.deadline.isoformat() if finding.deadline else None,
            "deadline": deadline.isoformat() if deadline else None,
        },
    )
    finding.deadline = deadline
    return True


@dataclass(slots=True)
class BulkResult:
    action: str
    done: list[int] = field(default_factory=list)
    #: (finding id, why it was refused), in the order asked
    refused: list[tuple[int, str]] = field(default_factory=list)


def bulk(
    session: Session,
    *,
    finding_ids: list[int],
    action: str,
    actor: str,
    note: str | None = None,
    owner_id: int | None = None,
    lang: str = "en",
) -> BulkResult:
    """Confirm, dismiss (``note`` required, as for one) or assign (``owner_id``; None
    clears the owner) each finding. A finding refused (not found in the session's
    scope, a step its status does not allow) is reported and left as it was; the
    others are done. Raises InputError only for a request that cannot apply to any
    finding (unknown action, no findings, too many)."""
    if action not in BULK_ACTIONS:
        raise InputError(
            f"unknown bulk action {action!r}; use {', '.join(BULK_ACTIONS)}",
            da=f"ukendt handling {action!r}; brug {', '.join(BULK_ACTIONS)}",
            field="action",
        )
    ids = list(dict.fromkeys(finding_ids))
    if not ids:
        raise InputError(
            "choose at least one finding", da="vælg mindst ét fund", field="finding_id"
        )
    if len(ids) > MAX_BULK:
        raise InputError(
            f"at most {MAX_BULK} findings at a time; {len(ids)} were chosen",
            da=f"højst {MAX_BULK} fund ad gangen; {len(ids)} er valgt",
            field="finding_id",
        )
    result = BulkResult(action)
    for finding_id in ids:
        try:
            if action == "assign":
                assign(session, finding_id=finding_id, owner_id=owner_id, actor=actor)
            else:
                review.review(session, finding_id=finding_id, action=action, actor=actor, note=note)
        except InputError as exc:
            result.refused.append((finding_id, exc.message_in(lang)))
        except PrisvagtError as exc:  # NotFound: another municipality's, or gone
            result.refused.append((finding_id, str(exc)))
        else:
            result.done.append(finding_id)
    session.flush()
    return result


def assignable_users(session: Session, municipality_ids: frozenset[int] | None) -> list[User]:
    """Active users who may own findings of these municipalities (None: any), by name:
    those over every municipality and those over at least one of them."""
    stmt = select(User).where(User.active.is_(True)).order_by(User.name, User.email)
    users = list(session.scalars(stmt))
    if municipality_ids is None:
        return users
    members = {
        uid
        for (uid,) in session.execute(
            select(user_municipality.c.user_id).where(
                user_municipality.c.municipality_id.in_(municipality_ids)
            )
        )
    }
    return [u for u in users if u.all_municipalities or u.id in members]


def _finding(session: Session, finding_id: int) -> Finding:
    finding = session.get(Finding, finding_id)
    if finding is None:
        raise NotFound(
            f"finding {finding_id} does not exist",
            key="error.missing.finding",
            params={"id": finding_id},
        )
    return finding


def _check_owner(session: Session, owner_id: int, finding: Finding) -> None:
    user = session.get(User, owner_id)
    if user is None or not user.active:
        raise InputError(
            f"user {owner_id} does not exist or is disabled",
            da=f"bruger {owner_id} findes ikke eller er deaktiveret",
            field="owner",
        )
    covered = user.all_municipalities or any(
        m.id == finding.municipality_id for m in user.municipalities
    )
    if not covered or not user.roles.strip():
        raise InputError(
            f"{user.email} has no role over this finding's municipality",
            da=f"{user.email} har ingen rolle i fundets kommune",
            field="owner",
        )


def _email(session: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = session.get(User, user_id)
    return user.email if user else f"user {user_id}"
