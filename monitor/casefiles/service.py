"""What legal does with a claim: make a case file of a vendor's confirmed findings for
one municipality (with its letter), record that it was sent and the vendor's answer.

Each step is an audit entry on the case file, and making one is an entry on each
finding it claims (``finding.claimed``), so the finding's history shows it. A credit
the vendor grants is settled against the findings (``allocate``): those it covers in full
are resolved through the review service (``monitor.findings.review``), within its rules
(a recovered amount above the overcharge only when confirmed with a reason); the rest
stay open, and the case file shows what they still owe (``remainder``).
Two people making a case file of the same findings at once: the page sends the ids
of the findings it showed, and ``create`` claims exactly those or refuses, naming the
ones claimed meanwhile (``AlreadyClaimed``); one claimed between that check and the
insert is caught by the unique index (``ClaimRace``, the caller rolls back and
``explain`` names them). Either way nothing of the new case file is stored.
Never commits: the caller owns the transaction.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from extractors.money import decimal_str
from monitor.audit.service import record
from monitor.casefiles import letter
from monitor.casefiles.models import ANSWERS, SENT_VIA, CaseFile, CaseFileFinding
from monitor.casefiles.repository import claimable, claimed_in, get
from monitor.contracts.evidence import finding_target
from monitor.contracts.models import Contract
from monitor.db import utcnow
from monitor.errors import InputError, NotFound
from monitor.findings import review
from monitor.findings.models import Finding
from monitor.formatting import local_date
from monitor.parties.models import Municipality, Vendor

ZERO = Decimal(0)


def _ids(ids: Sequence[int]) -> str:
    return ", ".join(f"#{i}" for i in ids)


class AlreadyClaimed(InputError):
    """Findings chosen for a case file that may no longer be claimed: ``claimed`` (finding
    id -> the case file claiming it) and ``gone`` (no longer confirmed, or not this
    vendor's and municipality's). Nothing was stored."""

    def __init__(self, claimed: dict[int, int], gone: Sequence[int] = ()) -> None:
        self.claimed, self.gone = dict(sorted(claimed.items())), sorted(gone)
        by_case: dict[int, list[int]] = {}
        for finding_id, case_id in self.claimed.items():
            by_case.setdefault(case_id, []).append(finding_id)
        en, da = [], []
        for case_id, ids in sorted(by_case.items()):
            en.append(f"{_findings_en(ids)} already claimed in case file #{case_id}")
            da.append(f"fund {_ids(ids)} er allerede krævet i sagsmappe #{case_id}")
        if self.gone:
            en.append(f"{_findings_en(self.gone)} no longer confirmed for this vendor")
            da.append(f"fund {_ids(self.gone)} er ikke længere bekræftet for denne leverandør")
        super().__init__(
            _sentence(en) + " Nothing was stored: check the findings left and try again.",
            da=_sentence(da) + " Intet er gemt: se de fund, der er tilbage, og prøv igen.",
            field="findings",
        )


def _findings_en(ids: Sequence[int]) -> str:
    return f"finding {_ids(ids)} is" if len(ids) == 1 else f"findings {_ids(ids)} are"


def _sentence(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


class ClaimRace(InputError):
    """Another case file claimed some of ``finding_ids`` between the check and the
    insert (the unique index said so). The transaction is spoiled: roll back, then
    ``explain`` says which."""

    def __init__(self, finding_ids: Sequence[int]) -> None:
        self.finding_ids = list(finding_ids)
        super().__init__(
            "Another case file claimed some of these findings at the same moment. "
            "Nothing was stored: check the findings left and try again.",
            da="En anden sagsmappe gjorde krav på nogle af disse fund i samme øjeblik. "
            "Intet er gemt: se de fund, der er tilbage, og prøv igen.",
            field="findings",
        )


def chosen(
    session: Session, *, vendor_id: int, municipality_id: int, finding_ids: Sequence[int]
) -> list[Finding]:
    """The findings with these ids, in the letter's order, when every one of them may
    still be claimed for this vendor and municipality; AlreadyClaimed otherwise."""
    wanted = list(dict.fromkeys(finding_ids))
    open_ones = claimable(session, vendor_id=vendor_id, municipality_id=municipality_id)
    by_id = {f.id: f for f in open_ones}
    missing = [i for i in wanted if i not in by_id]
    if missing:
        claimed = claimed_in(session, missing)
        raise AlreadyClaimed(claimed, [i for i in missing if i not in claimed])
    return [f for f in open_ones if f.id in set(wanted)]


def explain(
    session: Session, race: ClaimRace, *, vendor_id: int, municipality_id: int
) -> InputError:
    """After a ClaimRace and a rollback: the error naming the findings claimed meanwhile
    (the race itself when they cannot be told any more)."""
    try:
        chosen(
            session,
            vendor_id=vendor_id,
            municipality_id=municipality_id,
            finding_ids=race.finding_ids,
        )
    except AlreadyClaimed as exc:
        return exc
    return race


def create(
    session: Session,
    *,
    vendor_id: int,
    municipality_id: int,
    actor: str,
    language: str = "da",
    signed_by: str | None = None,
    finding_ids: Sequence[int] | None = None,
    now: datetime | None = None,
) -> CaseFile:
    """A case file of the confirmed findings ``finding_ids`` (the ones the person saw;
    None or empty: every confirmed finding of this vendor and municipality not yet
    claimed), with its letter (signed ``signed_by``, default the actor). InputError when
    there is none to claim; AlreadyClaimed when one of ``finding_ids`` may no longer be
    claimed; ClaimRace when another case file claimed one at the same moment."""
    vendor = session.get(Vendor, vendor_id)
    municipality = session.get(Municipality, municipality_id)
    if vendor is None or municipality is None:
        raise NotFound(
            f"vendor {vendor_id} or municipality {municipality_id} does not exist",
            key="error.missing.pair",
            params={"vendor": vendor_id, "municipality": municipality_id},
        )
    if finding_ids:
        findings = chosen(
            session, vendor_id=vendor_id, municipality_id=municipality_id, finding_ids=finding_ids
        )
    else:
        findings = claimable(session, vendor_id=vendor_id, municipality_id=municipality_id)
    if not findings:
        raise InputError(
            f"{vendor.name} has no confirmed findings for {municipality.name} left to claim",
            da=f"{vendor.name} har ingen bekræftede fund for {municipality.name}, "
            "der ikke allerede er krævet",
            field="findings",
        )
    total = sum((f.overcharge for f in findings), ZERO)
    case = CaseFile(
        vendor_id=vendor_id,
        municipality_id=municipality_id,
        language="en" if language == "en" else "da",
        total=total,
        currency=findings[0].currency,
        created_by=actor,
        created_at=now or utcnow(),
        letter=b"",
    )
    case.items = [
        CaseFileFinding(finding_id=f.id, position=i, overcharge=f.overcharge)
        for i, f in enumerate(findings)
    ]
    session.add(case)
    ids = [f.id for f in findings]  # the session is spoiled if the flush fails
    try:
        session.flush()
    except IntegrityError as exc:
        if "case_file_finding" not in str(exc.orig):
            raise
        raise ClaimRace(ids) from exc
    content = letter_content(session, case, vendor, municipality, findings)
    if signed_by:
        content = dataclasses.replace(content, author=signed_by)
    case.letter = letter.render(content)
    record(
        session,
        actor=actor,
        action="case_file.create",
        entity="case_file",
        entity_id=case.id,
        details={"findings": [f.id for f in findings], "total": decimal_str(total)},
    )
    for f in findings:
        record(
            session,
            actor=actor,
            action="finding.claimed",
            entity="finding",
            entity_id=f.id,
            details={"case_file": case.id, "before": f.status, "after": f.status},
        )
    return case


def letter_content(
    session: Session,
    case: CaseFile,
    vendor: Vendor,
    municipality: Municipality,
    findings: list[Finding],
) -> letter.Letter:
    """What the letter says, gathered from the findings, their invoices and contracts."""
    claims = []
    for f in findings:
        line = f.invoice_line
        contract = session.get(Contract, f.contract_id) if f.contract_id else None
        where = finding_target(session, f)
        claims.append(
            letter.Claim(
                finding_id=f.id,
                invoice_number=f.invoice.number,
                invoice_date=f.invoice.issue_date,
                line=None if line is None else line.line_id,
                description=None if line is None else line.description,
                contract_title=None if contract is None else contract.title,
                clause_text=None if where is None else where.text,
                clause_page=None if where is None else where.page,
                quantity=f.quantity,
                invoiced=f.invoiced_unit_price,
                agreed=f.agreed_unit_price,
                overcharge=f.overcharge,
                rule_id=f.rule_id,
            )
        )
    return letter.Letter(
        case_id=case.id,
        language=case.language,
        made_on=local_date(case.created_at),  # the day in Denmark, as the letter is read
        vendor_name=vendor.name,
        vendor_cvr=vendor.cvr,
        municipality_name=municipality.name,
        municipality_cvr=municipality.cvr,
        author=case.created_by,
        currency=case.currency,
        claims=claims,
        total=case.total,
    )


def mark_sent(
    session: Session,
    *,
    case_file_id: int,
    via: str,
    actor: str,
    note: str | None = None,
    now: datetime | None = None,
) -> CaseFile:
    """Record that the letter went to the vendor, how, by whom (``now``, default the
    moment of the call)."""
    if via not in SENT_VIA:
        raise InputError(
            f"say how the letter was sent: {', '.join(SENT_VIA)}",
            da="angiv hvordan brevet blev sendt",
            field="via",
        )
    case = get(session, case_file_id)
    if case.sent_at is not None:
        raise InputError(
            f"case file {case.id} was already marked sent",
            da=f"sagsmappe {case.id} er allerede markeret som sendt",
            field="via",
        )
    case.sent_at, case.sent_by, case.sent_via = now or utcnow(), actor, via
    case.sent_note = (note or "").strip() or None
    record(
        session,
        actor=actor,
        action="case_file.sent",
        entity="case_file",
        entity_id=case.id,
        reason=case.sent_note,
        details={"via": via},
    )
    return case


def record_answer(
    session: Session,
    *,
    case_file_id: int,
    answer: str,
    credited: Decimal | None,
    answered_on: date,
    actor: str,
    note: str | None = None,
    apply_credit: bool = True,
    confirm_excess: bool = False,
    excess_reason: str | None = None,
    now: datetime | None = None,
) -> CaseFile:
    """Record the vendor's answer (recorded ``now``, default the moment of the call).

    A credit (accepted or partly) with ``apply_credit`` is settled against the claimed
    findings still open or confirmed, as ``allocate`` says: a finding the credit covers
    in full is resolved with its overcharge recovered; the finding the credit runs out
    on keeps the part it got (``CaseFileFinding.credited``, an entry
    ``finding.credited`` in its history) and stays open with the rest owed, as do the
    ones after it. A credit above their total goes to the last finding, which the review
    service accepts only with ``confirm_excess`` and a reason. Findings no longer open
    or confirmed are left as they are."""
    if answer not in ANSWERS:
        raise InputError(
            f"unknown answer {answer!r}; use {', '.join(ANSWERS)}",
            da="vælg leverandørens svar",
            field="answer",
        )
    case = get(session, case_file_id)
    if case.sent_at is None:
        raise InputError(
            "mark the case file sent before recording the vendor's answer",
            da="markér sagsmappen som sendt, før leverandørens svar registreres",
            field="answer",
        )
    if case.answer is not None:
        raise InputError(
            f"the answer to case file {case.id} is already recorded",
            da=f"svaret på sagsmappe {case.id} er allerede registreret",
            field="answer",
        )
    credited = _credit(answer, credited)
    note = (note or "").strip() or None
    settled: dict[str, Any] = {}
    if apply_credit and credited > 0:
        settled = _settle(session, case, credited, actor, confirm_excess, excess_reason)
    case.answer, case.credited, case.answer_note = answer, credited, note
    case.answered_on, case.answer_recorded_by = answered_on, actor
    case.answer_recorded_at = now or utcnow()
    record(
        session,
        actor=actor,
        action="case_file.answer",
        entity="case_file",
        entity_id=case.id,
        reason=note,
        details={
            "answer": answer,
            "credited": decimal_str(credited),
            "answered_on": answered_on.isoformat(),
            "applied_to_findings": bool(apply_credit and credited > 0),
            **settled,
        },
    )
    return case


def _credit(answer: str, credited: Decimal | None) -> Decimal:
    if answer == "rejected":
        if credited not in (None, ZERO):
            raise InputError(
                "a rejection credits nothing; choose partly to record a credit",
                da="et afslag krediterer intet; vælg delvist for at registrere en kredit",
                field="credited",
            )
        return ZERO
    if credited is None:
        raise InputError(
            "the amount credited is required", da="angiv det krediterede beløb", field="credited"
        )
    if not credited.is_finite() or credited < 0:
        raise InputError(
            "the amount credited must be zero or more",
            da="det krediterede beløb skal være nul eller mere",
            field="credited",
        )
    return credited.quantize(Decimal("0.01"))


def allocate(credited: Decimal, owed: Sequence[Decimal]) -> list[Decimal]:
    """The part of a credit settled against each claim, in the order given.

    A credit note as recorded names an amount, not the invoice lines it covers, so the
    findings it settles cannot be read from it. It is settled in the letter's order
    (the order the vendor read the claims): each claim takes what it is owed while the
    credit lasts; the claim the credit runs out on takes what is left, and the claims
    after it nothing. What is left once every claim has its due goes to the last
    claim (an excess the review service accepts only when confirmed). Amounts are
    exact Decimals in øre; the parts add up to ``credited`` whenever there is a claim.

    >>> allocate(Decimal("1100.00"), [Decimal("1000.00"), Decimal("250.50")])
    [Decimal('1000.00'), Decimal('100.00')]
    """
    parts, left = [], credited
    for amount in owed:
        part = min(left, amount)
        parts.append(part)
        left -= part
    if parts and left > 0:
        parts[-1] += left
    return parts


def _settle(
    session: Session,
    case: CaseFile,
    credited: Decimal,
    actor: str,
    confirm_excess: bool,
    excess_reason: str | None,
) -> dict[str, Any]:
    """Settle ``credited`` against the case file's open findings (see ``allocate``):
    resolve the ones covered in full, note the part on the one the credit ran out on.
    Returns the answer's audit details: the findings resolved and the ones left open."""
    ids = [item.finding_id for item in case.items]
    findings = {f.id: f for f in session.scalars(select(Finding).where(Finding.id.in_(ids)))}
    items = [
        item
        for item in case.items
        if item.finding_id in findings and findings[item.finding_id].status in ("open", "confirmed")
    ]
    # what each still owes: its overcharge less what was credited on it before (another
    # case file's partial credit)
    owed = [
        max(findings[item.finding_id].overcharge - findings[item.finding_id].recovered, ZERO)
        for item in items
    ]
    resolved, left_open = [], []
    for item, due, part in zip(items, owed, allocate(credited, owed), strict=True):
        finding = findings[item.finding_id]
        item.credited = part
        if part >= due:
            review.review(
                session,
                finding_id=finding.id,
                action="resolve",
                actor=actor,
                note=f"case file #{case.id}",
                recovered=finding.recovered + part,
                confirm_excess=confirm_excess,
                excess_reason=excess_reason,
            )
            resolved.append(finding.id)
            continue
        left_open.append(finding.id)
        if part > 0:
            # paid back so far: on the finding, in the overview's money recovered and the
            # exports, as well as on the case file (it stays open with the rest)
            finding.recovered += part
            record(
                session,
                actor=actor,
                action="finding.credited",
                entity="finding",
                entity_id=finding.id,
                details={
                    "case_file": case.id,
                    "credited": decimal_str(part),
                    "remainder": decimal_str(due - part),
                    "before": finding.status,
                    "after": finding.status,
                },
            )
    return {"resolved": resolved, "left_open": left_open}


def findings_of(session: Session, case: CaseFile) -> list[dict[str, Any]]:
    """The claimed findings with what the case file page shows of each: ``remainder``
    is what a finding still open (or confirmed) owes after the part of the credit
    settled against it; nothing for one resolved or dismissed."""
    ids = [item.finding_id for item in case.items]
    rows = {f.id: f for f in session.scalars(select(Finding).where(Finding.id.in_(ids)))}
    return [
        {
            "item": item,
            "finding": rows[item.finding_id],
            "remainder": _owed(rows[item.finding_id], item.credited),
        }
        for item in case.items
        if item.finding_id in rows
    ]


def remainder(rows: list[dict[str, Any]]) -> Decimal:
    """What the case file's findings still open owe, from ``findings_of``'s rows."""
    return sum((row["remainder"] for row in rows), ZERO)


def _owed(finding: Finding, credited: Decimal | None) -> Decimal:
    if finding.status not in ("open", "confirmed"):
        return ZERO
    # the credits settled on it (this case file's, and any other's) are its recovered
    # amount; an answer recorded before that was kept holds its part on the case file only
    return max(finding.overcharge - max(finding.recovered, credited or ZERO), ZERO)
