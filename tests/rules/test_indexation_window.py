"""A clause measuring the index over the months before each adjustment ("med udviklingen
i nettoprisindekset for de seneste 12 måneder"): the first adjustment after a fixed period
shorter than a year moves by the change over twelve months, not since the contract began
(an independent end-to-end review: every lawful increase was a false alarm)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from extractors.types import IndexationTerms
from rules.indexation import schedule

D = Decimal
#: an invented index rising 0.5 a month from 100.0 in January 2025
SERIES = {f"{y}-{m:02d}": D("100.0") + D("0.5") * ((y - 2025) * 12 + m - 1)
          for y in (2025, 2026, 2027) for m in range(1, 13)}  # fmt: skip


def test_the_change_over_the_window_not_since_the_start() -> None:
    since_start = IndexationTerms(index="nettoprisindeks", cap_pct=D(10), adjust_month=7)
    windowed = IndexationTerms(
        index="nettoprisindeks", cap_pct=D(10), adjust_month=7, window_months=12
    )
    effective, on = date(2026, 1, 1), date(2026, 8, 1)
    start = schedule(since_start, effective, SERIES, on)
    window = schedule(windowed, effective, SERIES, on)
    (s1,), (w1,) = start.steps, window.steps
    assert (s1.from_month, s1.to_month) == ("2025-12", "2026-06")
    assert (w1.from_month, w1.to_month) == ("2025-06", "2026-06")
    assert window.factor == D(1) + (SERIES["2026-06"] / SERIES["2025-06"] - 1)
    assert start.factor is not None and window.factor is not None
    assert window.factor > start.factor


def test_the_clause_s_window_is_read() -> None:
    from extractors.contracts.indexation import _read_statement

    terms = IndexationTerms()
    _read_statement(terms, "Priserne reguleres pr. 1. juli med udviklingen i nettoprisindekset "
                           "for de seneste 12 måneder, dog højst 3 % pr. år.")  # fmt: skip
    assert terms.window_months == 12
    english = IndexationTerms()
    _read_statement(english, "The fees are adjusted each 1 July by the change in the consumer "
                             "price index over the preceding twelve (12) months.")  # fmt: skip
    assert english.window_months == 12
    plain = IndexationTerms()
    _read_statement(plain, "Priserne reguleres årligt pr. 1. juli med nettoprisindekset.")
    assert plain.window_months is None
