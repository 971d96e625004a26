"""The demo's contracts (one vendor, six municipalities, the demo catalogue) extract exactly."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

import pytest

from extractors.contracts import extract_contract, terms_to_dict
from extractors.types import Unit
from monitor.demo.catalogue import CATALOGUE
from monitor.demo.contract_pdf import (
    LAYOUTS,
    ContractSpec,
    IndexationSpec,
    PartySpec,
    PriceItemSpec,
    render_contract_pdf,
)
from monitor.demo.parties import MUNICIPALITIES, VENDOR, DemoMunicipality
from tests.extractors.contracts.corpus import without_positions

DANISH_LAYOUTS = [layout for layout in LAYOUTS if layout != "english"]


def _items(tiered: bool) -> tuple[PriceItemSpec, ...]:
    items = []
    for entry in CATALOGUE:
        if tiered and entry.unit is Unit.USER_MONTH:
            bands = (
                (Decimal(1), Decimal(500), Decimal("1.00")),
                (Decimal(501), None, Decimal("0.85")),
            )
            items += [PriceItemSpec(entry.item_id, entry.description, entry.unit,
                                    (entry.list_price * factor).quantize(Decimal("0.01")),
                                    tier_min=low, tier_max=high, unit_text=entry.unit_text)
                      for low, high, factor in bands]  # fmt: skip
        else:
            items.append(PriceItemSpec(entry.item_id, entry.description, entry.unit,
                                       entry.list_price, unit_text=entry.unit_text))  # fmt: skip
    return tuple(items)


@pytest.mark.parametrize("layout", DANISH_LAYOUTS)
@pytest.mark.parametrize("municipality", MUNICIPALITIES, ids=lambda m: m.code)
def test_a_demo_contract_extracts_to_its_ground_truth(
    municipality: DemoMunicipality, layout: str
) -> None:
    spec = ContractSpec(
        title="Driftskontrakt (K02) om KommuneSag, Borgerportal og tilknyttede ydelser",
        contract_number=f"KD-K02-2024-{municipality.code}",
        language="da",
        buyer=PartySpec(municipality.full_name, municipality.cvr, municipality.code),
        vendor=PartySpec(VENDOR.name, VENDOR.cvr),
        signing_date=date(2024, 11, 15),
        effective_date=date(2025, 1, 1),
        expiry_date=date(2028, 12, 31),
        payment_days=30,
        mfn=municipality.code in {"751", "461"},
        indexation=IndexationSpec("nettoprisindeks", Decimal("3"), 1, 36, 90, "2024-10"),
        items=_items(tiered=layout == "tiers"),
        wording_seed=random.Random(municipality.code + layout).randint(0, 2**31),
    )
    data = render_contract_pdf(spec, layout=layout)

    got = terms_to_dict(extract_contract(data, f"{municipality.code}_kontrakt.pdf"))

    assert without_positions(got) == without_positions(spec.ground_truth())
