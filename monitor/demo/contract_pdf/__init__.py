"""Realistic Danish (and English) public IT contracts as PDF, with their ground truth.

``render_contract_pdf(spec, layout=...)`` writes a K02/K03-style contract: a front
page with the parties and their CVR numbers, numbered clauses (subject, validity,
prices, indexation, most-favoured customer, payment, termination) and a price
appendix ("Bilag 2 Priser"). Each clause is worded in one of several phrasings,
picked by a ``random.Random`` seeded from ``spec.wording_seed`` and the layout, so
the same spec and layout always give the same bytes.

Layouts (``LAYOUTS``): ``ruled_table``, ``unruled_table`` (whitespace-aligned),
``multipage_table`` (the table runs over several pages, header repeated or not),
``prose`` (prices stated in sentences), ``tiers`` (volume bands) and ``english``.

``spec.ground_truth()`` is what ``extractors.contracts.terms_to_dict`` must return
for the rendered document, except that ``page`` is null (it depends on the layout).
Stable API, used by the demo generator and the extraction corpus::

    spec = ContractSpec(
        title="Driftskontrakt om KommuneSag", contract_number="KD-2025-101", language="da",
        buyer=PartySpec("Københavns Kommune", "64942212", "101"),
        vendor=PartySpec("KommuneData A/S", "41372853"),
        signing_date=date(2024, 11, 15), effective_date=date(2025, 1, 1),
        expiry_date=date(2028, 12, 31), payment_days=30, mfn=False,
        indexation=IndexationSpec("nettoprisindeks", Decimal("3"), 1, 36, 90, "2024-10"),
        items=(PriceItemSpec("KD-1010", "KommuneSag, licens", Unit.USER_MONTH, Decimal("395.00")),),
    )
    pdf_bytes = render_contract_pdf(spec, layout="ruled_table")
    expected = spec.ground_truth()
"""

from __future__ import annotations

import io
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

from extractors.types import VatBasis
from monitor.demo.contract_pdf import wording as w
from monitor.demo.contract_pdf.spec import (
    ContractSpec,
    IndexationSpec,
    PartySpec,
    PriceItemSpec,
)
from monitor.demo.parties import make_cvr

LAYOUTS = ("ruled_table", "unruled_table", "multipage_table", "prose", "tiers", "english")


def render_contract_pdf(spec: ContractSpec, *, layout: str) -> bytes:
    """The contract as PDF bytes in ``layout`` (one of ``LAYOUTS``).

    Deterministic for a given spec and layout. Raises ValueError for an unknown
    layout, and when layout and language disagree: ``english`` is the layout of
    English contracts (``spec.language == "en"``); every other layout is Danish.
    """
    if layout not in LAYOUTS:
        raise ValueError(f"unknown contract layout {layout!r}; expected one of {LAYOUTS}")
    if (layout == "english") != (spec.language == "en"):
        raise ValueError(f"layout {layout!r} does not fit a contract in {spec.language!r}")
    from monitor.demo.contract_pdf.render import build_story, write_pdf

    rng = random.Random(f"{spec.wording_seed}:{layout}")
    buffer = io.BytesIO()
    write_pdf(buffer, spec, build_story(spec, layout, rng), rng)
    return buffer.getvalue()


# ------------------------------------------------------------------- random specs

_BUYERS = (("København", "101"), ("Aarhus", "751"), ("Odense", "461"), ("Aalborg", "851"),
           ("Randers", "730"), ("Esbjerg", "561"), ("Vejle", "630"), ("Horsens", "615"),
           ("Næstved", "370"), ("Sønderborg", "540"), ("Høje-Taastrup", "169"),
           ("Frederiksberg", "147"), ("Ærø", "492"), ("Brønderslev", "810"))  # fmt: skip
_VENDORS = ("KommuneData A/S", "Nordisk Forvaltnings-IT ApS", "Øresund Systemer A/S",
            "Digitalt Fællesskab I/S", "Jysk Driftscenter A/S", "Sagsløsninger Danmark A/S",
            "Fyns Data & Drift ApS")  # fmt: skip
_STREETS = ("Rådhuspladsen", "Torvegade", "Dataparken", "Lautrupvang", "Søndergade",
            "Åboulevarden", "Industrivej")  # fmt: skip
INDEXES = ("nettoprisindeks", "forbrugerprisindeks", "ILON12")


def random_party(rng: random.Random, *, municipality: bool) -> PartySpec:
    """A fictional party with a modulus-11-valid CVR number."""
    cvr = make_cvr(rng.randint(10_000_000, 99_000_000))
    street = f"{rng.choice(_STREETS)} {rng.randint(1, 80)}"
    if municipality:
        name, code = rng.choice(_BUYERS)
        full = "Københavns Kommune" if code == "101" else f"{name} Kommune"
        town = f"{rng.randint(1000, 9990)} {name}"
        return PartySpec(full, cvr, code, (street, town) if rng.random() < 0.6 else ())
    town = (
        f"{rng.randint(1000, 9990)} {rng.choice(('Aarhus N', 'Ballerup', 'Odense M', 'Kolding'))}"
    )
    return PartySpec(rng.choice(_VENDORS), cvr, None, (street, town) if rng.random() < 0.6 else ())


def random_indexation(rng: random.Random, effective: date) -> IndexationSpec | None:
    """A typical prisregulering clause, or None (prices fixed) one time in six."""
    if rng.random() < 1 / 6:
        return None
    base = date(effective.year - 1, rng.choice((6, 9, 10, 11)), 1)
    threshold = Decimal(rng.choice((3, 4, 5))) if rng.random() < 0.15 else None
    cap = rng.choice((None, Decimal("2"), Decimal("2.5"), Decimal("3"), Decimal("4")))
    return IndexationSpec(
        index=rng.choice(INDEXES),
        cap_pct=None if threshold else cap,
        adjust_month=rng.choice((1, 1, 1, 4, 7)),
        fixed_months=rng.choice((12, 12, 24, 24, 36)),
        notice_days=rng.choice((30, 60, 90, 90)),
        base_month=f"{base.year}-{base.month:02d}" if rng.random() < 0.7 else None,
        threshold_pct=threshold,
    )


def random_contract_spec(
    rng: random.Random,
    *,
    buyer: PartySpec | None = None,
    vendor: PartySpec | None = None,
    layout: str = "ruled_table",
    items: Sequence[PriceItemSpec] | None = None,
) -> ContractSpec:
    """A plausible contract for ``layout``: English for ``english``, volume bands for
    ``tiers`` (and some ``prose``), 50-100 lines for ``multipage_table``; ``items`` overrides the prices."""
    language = "en" if layout == "english" else "da"
    effective = date(rng.choice((2024, 2025, 2026)), rng.choice((1, 1, 3, 4, 7, 10)), 1)
    years = rng.choice((2, 3, 4, 4, 5))
    signing = effective - timedelta(days=rng.randint(10, 90))
    if items is None:
        count = rng.randint(50, 100) if layout == "multipage_table" else rng.randint(3, 10)
        tiers = layout == "tiers" or (layout == "prose" and rng.random() < 0.3)
        items = w.random_items(rng, language=language, count=count, tiers=tiers)
        if layout in ("ruled_table", "unruled_table") and rng.random() < 0.15:
            items = [replace(i, item_id=None) for i in items]  # a price list without item numbers
    vat: VatBasis = "incl" if rng.random() < 0.1 else "excl"
    kind = rng.choice(("K02", "K03"))
    return ContractSpec(
        title=w.random_title(rng, language=language, kind=kind),
        contract_number=w.random_contract_number(rng, effective.year),
        language=language,
        buyer=buyer or random_party(rng, municipality=True),
        vendor=vendor or random_party(rng, municipality=False),
        signing_date=signing,
        effective_date=effective,
        expiry_date=date(effective.year + years, effective.month, 1) - timedelta(days=1),
        payment_days=rng.choice((30, 30, 30, 20, 14)),
        mfn=rng.random() < 0.4,
        indexation=random_indexation(rng, effective),
        items=tuple(_with_vat(i, vat) for i in items),
        termination_notice_months=rng.choice((3, 6, 6, 12)),
        wording_seed=rng.randint(0, 2**31),
    )


def _with_vat(item: PriceItemSpec, vat: VatBasis) -> PriceItemSpec:
    if item.vat == vat:
        return item
    return PriceItemSpec(item.item_id, item.description, item.unit, item.unit_price, vat,
                         item.tier_min, item.tier_max, item.unit_text)  # fmt: skip


__all__ = [
    "LAYOUTS",
    "ContractSpec",
    "IndexationSpec",
    "PartySpec",
    "PriceItemSpec",
    "random_contract_spec",
    "random_indexation",
    "random_party",
    "render_contract_pdf",
]
