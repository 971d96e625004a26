"""Prices stated in sentences, as some contracts do instead of a table."""

from __future__ import annotations

import random

from monitor.demo.contract_pdf.spec import ContractSpec, PriceItemSpec
from monitor.demo.contract_pdf.wording import Style, band_text, unit_text

_DA = (
    "Prisen for {desc} (varenr. {id}) udgør {amount} {unit} {vat}.",
    "For {desc} ({id}) betaler Kunden {amount} {unit} {vat}.",
    "{id} {desc}: Vederlaget udgør {amount} {unit}, {vat}.",
    "Vederlaget for ydelse {id}, {desc}, er fastsat til {amount} {unit} {vat}.",
)
_EN = (
    "The price for {desc} (item {id}) is {amount} {unit} {vat}.",
    "For {desc} ({id}) the Customer pays {amount} {unit} {vat}.",
)


def prose_prices(spec: ContractSpec, style: Style, rng: random.Random) -> list[str]:
    """One lettered paragraph ("a)", "b)" ...) per price item, each in a randomly chosen phrasing."""
    en = spec.language == "en"
    intro = (
        "The Customer pays the following prices for the services:"
        if en
        else rng.choice(
            (
                "Kunden betaler følgende priser for ydelserne:",
                "Vederlaget for de enkelte ydelser er som følger:",
            )
        )  # fmt: skip
    )
    out = [intro]
    for n, item in enumerate(spec.items, start=1):
        out.append(f"{chr(96 + n % 26 or 26)}) " + _sentence(item, spec.language, style, rng))
    return out


def _sentence(item: PriceItemSpec, language: str, style: Style, rng: random.Random) -> str:
    en = language == "en"
    vat = {("excl", False): "ekskl. moms", ("incl", False): "inkl. moms",
           ("excl", True): "excl. VAT", ("incl", True): "incl. VAT"}[(item.vat, en)]  # fmt: skip
    template = rng.choice(_EN if en else _DA)
    sentence = template.format(desc=item.description, id=item.item_id, vat=vat,
                               amount=style.amount(item.unit_price),
                               unit=unit_text(rng, item, language))  # fmt: skip
    band = band_text(rng, item, style)
    if band:  # the volume band closes the sentence: "... ekskl. moms ved 0-10.000 indbyggere."
        sentence = f"{sentence[:-1]} {'for' if en else 'ved'} {band}."
    return sentence
