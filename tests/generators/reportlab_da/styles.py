"""Random document typography and heading numbering, shared by the layouts."""

from __future__ import annotations

from random import Random

from .blocks import Style

_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
          "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX", "XXI", "XXII", "XXIII", "XXIV"]  # fmt: skip


def random_style(rng: Random, *, header: str | None = None, header_right: str | None = None,
                 footer: str | None = None, title: str | None = None) -> Style:  # fmt: skip
    """Font family, sizes, margins and page furniture drawn for one document."""
    family = rng.choices(["Helvetica", "Times", "Courier"], weights=[45, 38, 17])[0]
    size = {
        "Helvetica": rng.choice([9, 9.5, 10, 10, 10.5, 11]),
        "Times": rng.choice([10, 10.5, 11, 11, 11.5, 12]),
        "Courier": rng.choice([8.5, 9, 9, 9.5, 10]),
    }[family]
    bump = rng.choice([1, 1.5, 2, 3])
    return Style(
        family=family,
        size=size,
        leading=rng.choice([1.2, 1.25, 1.3, 1.35, 1.45]),
        left=rng.randint(50, 85),
        right=rng.randint(45, 80),
        top=rng.randint(62, 90),
        bottom=rng.randint(62, 85),
        justify=rng.random() < 0.4,
        para_gap=rng.choice([3, 4, 5, 6, 8]),
        heading_sizes=(size + 1 + bump, size + bump / 2, size),
        heading_gap=rng.choice([22, 28, 34, 40]),
        header=header,
        header_right=header_right,
        header_rule=rng.random() < 0.5,
        footer=footer,
        footer_align=rng.choice(["center", "right"]),
        furniture_on_first=rng.random() < 0.2,
        title=title,
    )


class Numbering:
    """How clause headings are numbered in one document."""

    def __init__(self, scheme: str):
        self.scheme = scheme  # plain | dot | para | section | clause | clause_full | article

    @classmethod
    def random(cls, rng: Random, lang: str) -> Numbering:
        if lang == "da":
            return cls(rng.choice(["plain", "plain", "dot", "para"]))
        return cls(rng.choice(["dot", "section", "clause", "clause_full", "article", "plain"]))

    def top(self, n: int) -> str:
        return {
            "plain": f"{n}",
            "dot": f"{n}.",
            "para": f"§ {n}",
            "section": f"Section {n}",
            "clause": f"Clause {n}",
            "clause_full": f"Clause {n}",
            "article": f"ARTICLE {_ROMAN[n - 1]}",
        }[self.scheme]

    def sub(self, n: int, m: int) -> str:
        if self.scheme == "clause_full":
            return f"Clause {n}.{m}"
        return f"{n}.{m}." if self.scheme == "dot" else f"{n}.{m}"

    @property
    def label_width(self) -> float:
        """Room for a sub-clause label such as "4.1" or "Clause 4.1"."""
        return 62 if self.scheme == "clause_full" else 30
