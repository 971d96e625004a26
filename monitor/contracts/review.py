"""Legal's review of extracted terms: confirm, correct or reject each price term,
correct what the reading got wrong of the contract itself (its period, payment days,
most-favoured-customer clause), and confirm the contract as a whole.

Terms stay ``proposed`` until confirmed. A contract whose reading needs review stays
``needs_review`` (its findings preliminary, its alerts held) until legal confirms the
contract; confirming one term at a time does not. Every review is in the audit log.
After a change, the invoices under the contract are re-checked by the caller (a queued
task): that re-check makes the held findings final and queues their alerts.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from extractors.types import Unit
from monitor.audit.models import AuditEntry
from monitor.audit.service import record
from monitor.contracts import repository
from monitor.contracts.models import REVIEWED, Contract, PriceTerm, UnreadPriceRow
from monitor.db import utcnow
from monitor.errors import InputError, NotFound
from monitor.invoices.models import Invoice
from rules.matching import item_key as normalised_item_key

REVIEW_STATES = ("proposed", "confirmed", "rejected")
_CORRECTABLE = {
    "item_id",
    "description",
    "unit",
    "agreed_unit_price",
    "tier_min",
    "tier_max",
    "valid_from",
    "valid_to",
    "vat_basis",
}


def reviewer(actor: str) -> str:
    """Who reviews, as the audit log records them: a name or email, never blank."""
    actor = actor.strip()
    if not actor:
        raise InputError(
            "say who is reviewing (name or email)",
            da="skriv hvem der gennemgår (navn eller e-mail)",
            field="actor",
        )
    return actor


def get_term(session: Session, term_id: int) -> PriceTerm:
    term = session.get(PriceTerm, term_id)
    if term is None:
        raise NotFound(
            f"price term {term_id} does not exist",
            key="error.missing",
            params={"what": {"key": "entity.term_id"}, "id": term_id},
        )
    return term


def set_review_state(
    session: Session, *, term_id: int, state: str, actor: str, note: str | None = None
) -> PriceTerm:
    if state not in REVIEW_STATES:
        raise InputError(f"unknown review state {state!r}; use {', '.join(REVIEW_STATES)}")
    term = get_term(session, term_id)
    before = term.review_state
    term.review_state, term.reviewed_by, term.reviewed_at = state, actor, utcnow()
    record(
        session,
        actor=actor,
        action=f"term.{state}",
        entity="price_term",
        entity_id=term.id,
        reason=note,
        details={"before": before, "contract_id": term.contract_id},
    )
    return term


def confirm_contract(
    session: Session, *, contract_id: int, actor: str, note: str | None = None
) -> int:
    """Confirm every proposed term of a contract, and the contract as ``reviewed``
    (legal has read it, unread price rows included), with legal's note in its history;
    returns how many terms."""
    contract = repository.get(session, contract_id)
    n = 0
    for term in contract.price_terms:
        if term.review_state == "proposed":
            set_review_state(session, term_id=term.id, state="confirmed", actor=actor)
            n += 1
    mark_reviewed(session, contract=contract, actor=actor, note=note)
    return n


def mark_reviewed(
    session: Session, *, contract: Contract, actor: str, note: str | None = None
) -> None:
    """The contract's reading is reviewed by legal: its findings become final at the
    next check. Audited once, with legal's note; confirming a reviewed contract again
    changes nothing."""
    note = (note or "").strip() or None
    if contract.review_status == REVIEWED:
        return
    before = contract.review_status
    contract.review_status, contract.reviewed_by, contract.reviewed_at = REVIEWED, actor, utcnow()
    record(
        session,
        actor=actor,
        action="contract.reviewed",
        entity="contract",
        entity_id=contract.id,
        reason=note,
        details={"before": before, "unread_prices": len(contract.unread_prices)},
    )


def correct_term(
    session: Session, *, term_id: int, actor: str, changes: dict[str, Any], note: str | None = None
) -> PriceTerm:
    """Correct fields of a term (a corrected term counts as confirmed)."""
    unknown = set(changes) - _CORRECTABLE
    if unknown:
        raise InputError(f"cannot correct {', '.join(sorted(unknown))}")
    term = get_term(session, term_id)
    values = {key: _coerce(key, value) for key, value in changes.items()}
    _change(session, term, values, actor=actor, action="term.corrected", note=note)
    term.review_state, term.reviewed_by, term.reviewed_at = "confirmed", actor, utcnow()
    return term


#: what legal gives of a price term the reading did not read (``add_term``)
_ADDABLE = (*sorted(_CORRECTABLE), "currency")


def add_term(
    session: Session,
    *,
    contract_id: int,
    actor: str,
    values: dict[str, Any],
    note: str | None = None,
    unread_id: int | None = None,
) -> PriceTerm:
    """A price term legal read from the contract where the reading did not (a price row
    not read, a price in a sentence): description, unit and agreed unit price, and any
    of item id, tier, validity and VAT basis. It counts as confirmed, by ``actor``, and
    is in the audit log. ``unread_id``: the price row not read (shown for review) that
    it is read from: its page and text become the term's evidence, and the row leaves
    the list. A term of the same item, unit, tier and validity is refused, naming it
    (correct that one instead)."""
    actor = reviewer(actor)
    contract = repository.get(session, contract_id)
    unknown = set(values) - set(_ADDABLE)
    if unknown:
        raise InputError(
            f"cannot set {', '.join(sorted(unknown))} of a price term",
            da=f"kan ikke sætte {', '.join(sorted(unknown))} på en pris",
            field=sorted(unknown)[0],
        )
    given = {k: v for k, v in values.items() if v is not None and v != ""}
    for key in ("description", "unit", "agreed_unit_price"):
        if key not in given:
            names = {"description": "beskrivelse", "unit": "enhed", "agreed_unit_price": "pris"}
            raise InputError(
                f"give the term's {key.replace('_', ' ')}",
                da=f"angiv prisens {names[key]}",
                field=key,
            )
    fields = {key: _coerce(key, value) for key, value in given.items()}
    fields["description"] = " ".join(str(fields["description"]).split())
    if "currency" in fields:
        fields["currency"] = _currency(fields["currency"])
    _check_tier_and_validity(fields)
    unread = _unread_row(session, contract, unread_id) if unread_id is not None else None
    same = _same_term(contract, fields)
    if same is not None:
        raise InputError(
            f"price term {same.id} already prices this item in this unit; correct it instead",
            da=f"pris {same.id} gælder allerede denne vare i denne enhed; ret den i stedet",
            field="item_id" if fields.get("item_id") else "description",
        )
    term = PriceTerm(
        currency=fields.pop("currency", None) or contract.currency or "DKK",
        review_state="confirmed",
        reviewed_by=actor,
        reviewed_at=utcnow(),
        confidence=1.0,
        evidence_page=unread.page if unread else None,
        evidence_text=unread.text if unread else None,
        evidence_bbox=unread.bbox if unread else None,
        **fields,
    )
    contract.price_terms.append(term)
    if unread is not None:
        session.delete(unread)
    session.flush()
    after = {key: _plain(getattr(term, key)) for key in ("item_id", *sorted(fields), "currency")}
    record(
        session,
        actor=actor,
        action="term.added",
        entity="price_term",
        entity_id=term.id,
        reason=note,
        details={"before": {}, "after": after, "from_unread_row": unread_id},
    )
    return term


def _currency(value: Any) -> str:
    code = str(value).strip().upper()
    if not re.fullmatch(r"[A-Z]{3}", code):
        raise InputError(
            f"{value!r} is not a currency code (three letters, e.g. DKK)",
            da=f"{value!r} er ikke en valutakode (tre bogstaver, fx DKK)",
            field="currency",
        )
    return code


def _check_tier_and_validity(fields: dict[str, Any]) -> None:
    low, high = fields.get("tier_min"), fields.get("tier_max")
    if low is not None and high is not None and high < low:
        raise InputError(
            "the tier's upper bound is below its lower bound",
            da="intervallets øvre grænse er under den nedre",
            field="tier_max",
        )
    start, end = fields.get("valid_from"), fields.get("valid_to")
    if start is not None and end is not None and end < start:
        raise InputError(
            "the price cannot end before it starts",
            da="prisen kan ikke ophøre, før den gælder",
            field="valid_to",
        )


def _unread_row(session: Session, contract: Contract, unread_id: int) -> UnreadPriceRow:
    row = session.get(UnreadPriceRow, unread_id)
    if row is None or row.contract_id != contract.id:
        raise NotFound(
            f"price row not read {unread_id} is not part of contract {contract.id}",
            key="error.unread.other_contract",
            params={"row": unread_id, "contract": contract.id},
        )
    return row


def _same_term(contract: Contract, fields: dict[str, Any]) -> PriceTerm | None:
    """The contract's term (not rejected) of the same item (item id, else description),
    unit, tier and validity as these fields, if any."""
    key = normalised_item_key(fields.get("item_id"))
    for term in contract.price_terms:
        if term.review_state == "rejected" or term.unit != fields["unit"]:
            continue
        same_item = (
            term.item_key == key
            if key is not None
            else term.item_key is None
            and term.description.casefold() == fields["description"].casefold()
        )
        if (
            same_item
            and (term.tier_min, term.tier_max) == (fields.get("tier_min"), fields.get("tier_max"))
            and (term.valid_from, term.valid_to)
            == (fields.get("valid_from"), fields.get("valid_to"))
        ):
            return term
    return None


def _change(
    session: Session,
    target: PriceTerm | Contract,
    values: dict[str, Any],
    *,
    actor: str,
    action: str,
    note: str | None,
) -> None:
    """Set these (already coerced) values on a term or contract and record the change in
    the audit log, each field with its value before and after."""
    before = {key: _plain(getattr(target, key)) for key in values}
    for key, value in values.items():
        setattr(target, key, value)
    record(
        session,
        actor=actor,
        action=action,
        entity="price_term" if isinstance(target, PriceTerm) else "contract",
        entity_id=target.id,
        reason=note,
        details={"before": before, "after": {k: _plain(getattr(target, k)) for k in values}},
    )


#: what legal may correct of the contract itself (``correct_contract``)
CONTRACT_CORRECTABLE = (
    "effective_date",
    "expiry_date",
    "payment_days",
    "mfn",
    "buyer_cvr",
    "vendor_cvr",
)
#: corrections naming a party: the contract is assigned again by them
_PARTY_FIELDS = ("buyer_cvr", "vendor_cvr")


def correct_contract(
    session: Session,
    *,
    contract_id: int,
    actor: str,
    changes: dict[str, Any],
    note: str | None = None,
) -> Contract:
    """Correct what the reading got wrong of the contract itself: when it takes effect
    and ends (``effective_date``, ``expiry_date``: ISO dates, empty for none), its
    payment days (empty for none), whether it promises most-favoured-customer prices
    (``mfn``) and its parties' CVR numbers (``buyer_cvr``, ``vendor_cvr``: the contract
    is then assigned to the registered municipality and vendor again). A reading without an effective date is shown for review because its
    prices would otherwise apply to invoices of every date: this is where legal gives
    the date. Only the fields given change; the contract stays as reviewed or pending as
    it was (confirming it is a step of its own). The change is in the audit log, each
    field with its value before and after; the caller re-checks the contract's
    invoices (``affected_invoice_ids``)."""
    unknown = set(changes) - set(CONTRACT_CORRECTABLE)
    if unknown:
        fields = ", ".join(CONTRACT_CORRECTABLE)
        raise InputError(
            f"cannot correct {', '.join(sorted(unknown))} of a contract; use {fields}",
            da=f"kan ikke rette {', '.join(sorted(unknown))} på en kontrakt; brug {fields}",
            field="changes",
        )
    if not changes:
        raise InputError("nothing to correct", da="intet at rette", field="changes")
    contract = repository.get(session, contract_id)
    values = {key: _coerce_contract(key, value) for key, value in changes.items()}
    starts = values.get("effective_date", contract.effective_date)
    ends = values.get("expiry_date", contract.expiry_date)
    if starts is not None and ends is not None and ends < starts:
        raise InputError(
            f"the contract cannot end ({ends.isoformat()}) before it takes effect "
            f"({starts.isoformat()})",
            da=f"kontrakten kan ikke udløbe ({ends.isoformat()}) før den træder i kraft "
            f"({starts.isoformat()})",
            field="expiry_date",
        )
    # only what differs (the page's form sends every field)
    values = {key: value for key, value in values.items() if value != getattr(contract, key)}
    if not values:
        raise InputError(
            "the contract already has these values",
            da="kontrakten har allerede disse værdier",
            field="changes",
        )
    _change(session, contract, values, actor=actor, action="contract.corrected", note=note)
    if any(key in values for key in _PARTY_FIELDS):
        _assign_again(session, contract)
    return contract


def _assign_again(session: Session, contract: Contract) -> None:
    """A contract whose parties were corrected, linked to them again (or unassigned,
    saying why), and its document's status with it."""
    from monitor.contracts.service import resolve_parties
    from monitor.documents.models import Document

    resolve_parties(session, contract)
    doc = session.get(Document, contract.document_id) if contract.document_id else None
    if doc is not None and doc.status in ("unassigned", "processed"):
        doc.status = "processed" if contract.status == "active" else "unassigned"
    session.flush()


def _coerce_contract(key: str, value: Any) -> Any:
    """A correction's value in the contract's own type (None for an empty one)."""
    if key == "mfn":
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("true", "1", "yes", "ja", "on"):
            return True
        if text in ("false", "0", "no", "nej", "off", ""):
            return False
        raise InputError(
            f"mfn must be true or false, not {value!r}",
            da=f"mestbegunstigelse skal være sand eller falsk, ikke {value!r}",
            field=key,
        )
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if key in _PARTY_FIELDS:
        cvr = re.sub(r"[\s-]", "", str(value)).removeprefix("DK")
        if not re.fullmatch(r"\d{8}", cvr):
            raise InputError(
                f"a CVR number is eight digits, not {value!r}",
                da=f"et CVR-nummer er otte cifre, ikke {value!r}",
                field=key,
            )
        return cvr
    if key == "payment_days":
        try:
            days = int(str(value).strip())
        except ValueError:
            raise InputError(
                f"payment days must be a whole number, not {value!r}",
                da=f"betalingsfristen skal være et helt antal dage, ikke {value!r}",
                field=key,
            ) from None
        if not 0 <= days <= 365:
            raise InputError(
                f"payment days must be between 0 and 365, not {days}",
                da=f"betalingsfristen skal være mellem 0 og 365 dage, ikke {days}",
                field=key,
            )
        return days
    return _iso_date(key, value)


def _iso_date(key: str, value: Any) -> date:
    """A date given as YYYY-MM-DD (or already a date), else an error naming the field."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise InputError(
            f"{value!r} is not a date (YYYY-MM-DD)",
            da=f"{value!r} er ikke en dato (ÅÅÅÅ-MM-DD)",
            field=key,
        ) from None


def history(session: Session, *, contract_id: int) -> list[AuditEntry]:
    """The contract's review, oldest first: its corrections and confirmation, and the
    review of each of its terms (who, when, what changed, the note)."""
    term_ids = [
        str(t)
        for t in session.scalars(select(PriceTerm.id).where(PriceTerm.contract_id == contract_id))
    ]
    own = and_(AuditEntry.entity == "contract", AuditEntry.entity_id == str(contract_id))
    terms = and_(AuditEntry.entity == "price_term", AuditEntry.entity_id.in_(term_ids))
    return list(
        session.scalars(
            select(AuditEntry)
            .where(or_(own, terms) if term_ids else own)
            .order_by(AuditEntry.at, AuditEntry.id)
        )
    )


def history_entries(session: Session, *, contract_id: int) -> list[dict[str, Any]]:
    """:func:`history` of an existing contract (else ``NotFound``) as plain values, for
    the API and the command line: each step with the term it concerns (its item id, or
    its description), and each changed field with its value before and after."""
    contract = repository.get(session, contract_id)
    names = {str(t.id): t.item_id or t.description for t in contract.price_terms}
    entries = []
    for entry in history(session, contract_id=contract_id):
        details = entry.details or {}
        before, after = details.get("before") or {}, details.get("after") or {}
        term = entry.entity == "price_term"
        entries.append(
            {
                "at": entry.at,
                "actor": entry.actor,
                "action": entry.action,
                "term_id": int(entry.entity_id) if term and entry.entity_id else None,
                "term": names.get(entry.entity_id or "") if term else None,
                "note": entry.reason,
                "changes": {
                    key: {"before": before.get(key), "after": value} for key, value in after.items()
                },
            }
        )
    return entries


def affected_invoice_ids(session: Session, *, contract_id: int) -> list[int]:
    contract = session.get(Contract, contract_id)
    if contract is None or contract.vendor_id is None or contract.municipality_id is None:
        return []
    return list(
        session.scalars(
            select(Invoice.id)
            .where(
                Invoice.vendor_id == contract.vendor_id,
                Invoice.municipality_id == contract.municipality_id,
            )
            .order_by(Invoice.id)
        )
    )


#: a unit price or quantity is stored in millionths in a 64-bit integer: a term's amount
#: stays below a trillion (kr or units)
_AMOUNT_LIMIT = 10**12


def _coerce(key: str, value: Any) -> Any:
    if key in {"agreed_unit_price", "tier_min", "tier_max"}:
        if value is None or value == "":
            if key == "agreed_unit_price":
                raise InputError(
                    "the agreed unit price cannot be empty",
                    da="den aftalte enhedspris må ikke være tom",
                    field=key,
                )
            return None
        try:
            amount = Decimal(str(value).replace(",", "."))
        except InvalidOperation:
            raise InputError(
                f"{value!r} is not an amount", da=f"{value!r} er ikke et beløb", field=key
            ) from None
        if not amount.is_finite() or amount < 0:
            raise InputError(
                f"{value!r} must be zero or more",
                da=f"{value!r} skal være nul eller mere",
                field=key,
            )
        if amount >= _AMOUNT_LIMIT:
            raise InputError(
                f"{value!r} is too large (below {_AMOUNT_LIMIT:,} at most)",
                da=f"{value!r} er for stort (højst under {_AMOUNT_LIMIT:,})".replace(",", "."),
                field=key,
            )
        return amount
    if key == "unit":
        try:
            return str(Unit(value))
        except ValueError:
            units = ", ".join(u.value for u in Unit)
            raise InputError(
                f"unknown unit {value!r}; use {units}",
                da=f"ukendt enhed {value!r}; brug {units}",
                field=key,
            ) from None
    if key in {"valid_from", "valid_to"}:
        return None if value is None or value == "" else _iso_date(key, value)
    if key in {"description", "item_id"}:
        text = " ".join(str(value or "").split())
        if key == "description" and not text:
            raise InputError(
                "the description cannot be empty", da="beskrivelsen må ikke være tom", field=key
            )
        return text or None
    if key == "vat_basis" and value not in ("excl", "incl"):
        raise InputError(
            "vat_basis must be excl or incl", da="momsgrundlag skal være excl eller incl", field=key
        )
    return value


def _plain(value: Any) -> Any:
    return (
        str(value)
        if isinstance(value, Decimal)
        else (value.isoformat() if hasattr(value, "isoformat") else value)
    )
