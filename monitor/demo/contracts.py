"""The demo's six contracts: one per municipality with KommuneData A/S, as PDF.

All six are the same K02-style operations contract, in force 1 January 2025 to
31 December 2028, 30 days netto, prices adjusted each January by the nettoprisindeks
(at most 3 % a year) after a fixed-price period: 36 months, except Aalborg's
(``SHORT_FIXED``: 12 months, so its prices may be indexed from 1 January 2026, and
the vendor's rise above the cap is a breach). The price appendix differs (København's
licence price has volume bands, ``catalogue.TIERED``), and so does the
most-favoured-customer clause (``MFN_MUNICIPALITIES``).
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

from monitor.demo.catalogue import MFN_MUNICIPALITIES, AgreedPrice
from monitor.demo.contract_pdf import (
    ContractSpec,
    IndexationSpec,
    PartySpec,
    PriceItemSpec,
    render_contract_pdf,
)
from monitor.demo.manifest import ContractRecord
from monitor.demo.parties import MUNICIPALITIES, DemoMunicipality, DemoVendor

CONTRACT_SIGNED = date(2024, 11, 15)
CONTRACT_EFFECTIVE = date(2025, 1, 1)
CONTRACT_EXPIRY = date(2028, 12, 31)
PAYMENT_DAYS = 30
CONTRACT_TITLE = "Driftskontrakt (K02) om KommuneSag, Borgerportal og tilknyttede ydelser"
INDEXATION = IndexationSpec(
    index="nettoprisindeks",
    cap_pct=Decimal("3"),
    adjust_month=1,
    fixed_months=36,
    notice_days=90,
    base_month="2024-10",
)
#: Municipalities whose prices are fixed for 12 months only (then indexed each January).
SHORT_FIXED = frozenset({"851"})
#: The first day the 36-month contracts' prices may be adjusted: the demo bills before it.
FIRST_ADJUSTMENT = date(2028, 1, 1)
#: Layout of each municipality's contract (see ``contract_pdf.LAYOUTS``).
LAYOUTS = {"101": "tiers", "751": "ruled_table", "461": "unruled_table",
           "851": "ruled_table", "730": "unruled_table", "561": "ruled_table"}  # fmt: skip


def indexation_for(code: str) -> IndexationSpec:
    """The prisregulering clause of this municipality's contract."""
    return replace(INDEXATION, fixed_months=12) if code in SHORT_FIXED else INDEXATION


def contract_spec(
    municipality: DemoMunicipality,
    vendor: DemoVendor,
    appendix: list[AgreedPrice],
    *,
    rng: random.Random,
) -> ContractSpec:
    """The ground truth of one municipality's contract (its prices are ``appendix``)."""
    return ContractSpec(
        title=CONTRACT_TITLE,
        contract_number=f"KD-K02-2024-{municipality.code}",
        language="da",
        buyer=PartySpec(municipality.full_name, municipality.cvr, municipality.code),
        vendor=PartySpec(vendor.name, vendor.cvr),
        signing_date=CONTRACT_SIGNED,
        effective_date=CONTRACT_EFFECTIVE,
        expiry_date=CONTRACT_EXPIRY,
        payment_days=PAYMENT_DAYS,
        mfn=municipality.code in MFN_MUNICIPALITIES,
        indexation=indexation_for(municipality.code),
        items=tuple(
            PriceItemSpec(
                p.item_id,
                p.item.description,
                p.item.unit,
                p.unit_price,
                "excl",
                tier_min=p.tier_min,
                tier_max=p.tier_max,
                unit_text=p.item.unit_text,
            )
            for p in appendix
        ),  # fmt: skip
        termination_notice_months=6,
        wording_seed=rng.randint(0, 2**31),
    )


def _term(p: AgreedPrice) -> dict[str, str | None]:
    return {
        "item_id": p.item_id,
        "description": p.item.description,
        "unit": str(p.item.unit),
        "unit_price": f"{p.unit_price:.2f}",
        "tier_min": None if p.tier_min is None else f"{p.tier_min:f}",
        "tier_max": None if p.tier_max is None else f"{p.tier_max:f}",
    }


def write_contracts(
    folder: Path,
    *,
    rng: random.Random,
    vendor: DemoVendor,
    appendices: dict[str, list[AgreedPrice]],
    municipalities: tuple[DemoMunicipality, ...] = MUNICIPALITIES,
) -> tuple[list[ContractRecord], list[Path]]:
    """Render and write each municipality's contract; returns their records and paths."""
    folder.mkdir(parents=True, exist_ok=True)
    records: list[ContractRecord] = []
    paths: list[Path] = []
    for m in municipalities:
        spec = contract_spec(m, vendor, appendices[m.code], rng=rng)
        layout = LAYOUTS.get(m.code, "ruled_table")
        path = folder / f"{m.code}_{m.slug}_kontrakt.pdf"
        path.write_bytes(render_contract_pdf(spec, layout=layout))
        paths.append(path)
        assert spec.indexation is not None
        records.append(
            ContractRecord(
                municipality_code=m.code,
                file=f"{folder.name}/{path.name}",
                contract_number=spec.contract_number,
                effective_date=spec.effective_date.isoformat(),
                expiry_date=spec.expiry_date.isoformat(),
                mfn=spec.mfn,
                layout=layout,
                price_fixed_months=spec.indexation.fixed_months,
                price_terms=[_term(p) for p in appendices[m.code]],
            )
        )
    return records, paths
