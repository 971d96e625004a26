"""Pieces several layouts share: unit wording, party blocks, and clauses carrying amounts
that are NOT prices (liability caps, penalties, insurance, estimated contract value)."""

from __future__ import annotations

import random
from decimal import Decimal

from tests.generators.fpdf_mixed import text as tx
from tests.generators.fpdf_mixed.content import Org

# the words a unit column or a price sentence uses, per unit
UNIT_COLUMN = {
    "da": {
        "month": ("Måned", "pr. md.", "pr. måned", "månedligt"),
        "year": ("År", "pr. år", "årligt", "/år"),
        "user_month": ("Bruger pr. md.", "pr. bruger/md.", "pr. bruger pr. måned", "pr. licens pr. måned"),
        "user_year": ("Bruger pr. år", "pr. bruger/år", "pr. licens pr. år"),
        "inhabitant_year": ("Indbygger pr. år", "pr. indbygger/år", "pr. indbygger pr. år"),
        "hour": ("Time", "pr. time", "timepris", "pr. påbegyndt time"),
        "transaction": ("Transaktion", "pr. transaktion"),
        "fixed": ("Engangsbeløb", "Fast pris", "engangsbeløb"),
        "piece": ("Stk.", "pr. stk."),
    },
    "en": {
        "month": ("Month", "per month", "monthly"),
        "year": ("Year", "per year", "annual"),
        "user_month": ("User/month", "per user per month", "per seat/month"),
        "user_year": ("User/year", "per user per year", "per user/year"),
        "inhabitant_year": ("Inhabitant/year", "per inhabitant per year"),
        "hour": ("Hour", "per hour", "hourly rate"),
        "transaction": ("Transaction", "per transaction"),
        "fixed": ("One-off", "fixed fee", "one-off fee"),
        "piece": ("Each", "per unit", "each"),
    },
}  # fmt: skip

UNIT_SENTENCE = {
    "da": {
        "month": "pr. måned", "year": "pr. år", "user_month": "pr. bruger pr. måned",
        "user_year": "pr. bruger pr. år", "inhabitant_year": "pr. indbygger pr. år",
        "hour": "pr. time", "transaction": "pr. transaktion", "fixed": "som et engangsbeløb",
        "piece": "pr. stk.",
    },
    "en": {
        "month": "per month", "year": "per year", "user_month": "per user per month",
        "user_year": "per user per year", "inhabitant_year": "per inhabitant per year",
        "hour": "per hour", "transaction": "per transaction", "fixed": "as a one-off fee",
        "piece": "each",
    },
}  # fmt: skip


def unit_words(rng: random.Random, lang: str) -> dict[str, str]:
    """One document's way of writing each unit in a unit column (drawn once, used for
    every row, as one drafter would)."""
    return {unit: rng.choice(words) for unit, words in UNIT_COLUMN[lang].items()}


def cvr_text(rng: random.Random, number: str, lang: str) -> str:
    spaced = " ".join(number[i : i + 2] for i in range(0, 8, 2))
    if lang == "en":
        return rng.choice(
            (f"CVR no. {number}", f"company reg. no. (CVR) {number}", f"CVR {number}")
        )
    return rng.choice(
        (f"CVR-nr. {number}", f"CVR nr.: {spaced}", f"CVR: {number}", f"CVR-nr.: {number}")
    )


def address_lines(org: Org, *, cvr: str | None = None) -> list[str]:
    lines = [org.name, org.street, org.town]
    return [*lines, cvr] if cvr else lines


def liability(rng: random.Random, lang: str, style: str) -> str:
    """A liability-cap sentence: an amount that is not a price."""
    amount = Decimal(rng.choice((500_000, 1_000_000, 2_000_000, 2_500_000, 5_000_000)))
    if lang == "da":
        money = tx.money_da(amount, style)
        return rng.choice(
            (
                f"Leverandørens samlede erstatningsansvar er begrænset til {money} i "
                "kontraktperioden.",
                f"Parternes ansvar kan for hver part ikke overstige {money} pr. kalenderår.",
            )
        )
    money = tx.money_en(amount, "code_before", rng.choice(("DKK", "EUR")))
    return (
        f"Each party's aggregate liability under this Agreement shall not exceed {money}, "
        "save for gross negligence or wilful misconduct."
    )


def penalty(rng: random.Random, lang: str, style: str) -> str:
    """A delay-penalty (bod) sentence: an amount per day that is not a price."""
    amount = Decimal(rng.choice((1_500, 2_500, 5_000, 7_500)))
    if lang == "da":
        return (
            f"Ved forsinkelse betaler Leverandøren en dagbod på {tx.money_da(amount, style)} "
            "pr. arbejdsdag, dog højst for 40 arbejdsdage."
        )
    money = tx.money_en(amount, "code_before", "DKK")
    return f"For each working day of delay Supplier shall pay liquidated damages of {money}."


def insurance(rng: random.Random, lang: str) -> str:
    millions = rng.choice((5, 10, 20))
    if lang == "da":
        return (
            f"Leverandøren skal have en erhvervs- og professionsansvarsforsikring med en "
            f"dækningssum på mindst {millions} mio. kr. pr. skade."
        )
    return (
        f"Supplier shall maintain professional indemnity insurance of not less than DKK "
        f"{millions},000,000 per claim."
    )


def estimated_value(rng: random.Random, lang: str, style: str) -> str:
    """The contract's estimated total value: an amount that is not a price."""
    amount = Decimal(rng.randint(8, 160) * 50_000)
    if lang == "da":
        return (
            f"Kontraktens samlede anslåede værdi udgør {tx.money_da(amount, style)} ekskl. "
            "moms. Beløbet er alene vejledende og ikke bindende for Kunden."
        )
    return (
        f"The estimated total value of this Agreement is {tx.money_en(amount, 'code_before', 'DKK')}"
        " excluding VAT; the estimate does not bind Customer."
    )
