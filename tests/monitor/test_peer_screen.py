"""The peer screen's summary of other municipalities' prices (``screening.peer_rows``:
per vendor and item key the lowest latest price, the municipality paying it and the
lowest any other municipality pays) equals a ranking done by hand, on prices with ties
between municipalities, several item ids of one key, one municipality alone, and other
vendors beside. Runs on SQLite and PostgreSQL (the index probes differ by planner)."""

from __future__ import annotations

import random
from datetime import date

from sqlalchemy import insert

from monitor.db import make_engine, session_factory
from monitor.findings import screening
from monitor.invoices.models import LatestPrice
from monitor.migrate import upgrade


def ranked_by_hand(rows: list[dict[str, object]], vendor: int) -> list[tuple[object, ...]]:
    lowest: dict[tuple[str, int], int] = {}
    for r in rows:
        if r["vendor_id"] != vendor:
            continue
        at = (str(r["item_key"]), int(r["municipality_id"]))  # type: ignore[call-overload]
        lowest[at] = min(lowest.get(at, 1 << 62), int(r["unit_price"] * 1_000_000))  # type: ignore[operator]
    out = []
    for key in sorted({k for k, _ in lowest}):
        ranked = sorted((p, m) for (k, m), p in lowest.items() if k == key)
        second = ranked[1][0] if len(ranked) > 1 else None
        out.append((vendor, key, ranked[0][1], ranked[0][0], second))
    return out


def test_peer_rows_equal_a_ranking_by_hand(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    rng = random.Random(7)
    rows: list[dict[str, object]] = []
    line = 0
    for vendor in (1, 2):
        for k in range(40):
            key = f"item{k}"
            for muni in rng.sample(range(1, 12), rng.choice((1, 2, 3, 6, 11))):
                # one to three item ids spelling the same key; prices from a small set,
                # so that municipalities tie on the lowest
                for spelling in rng.sample((key, key.upper(), f"{key}-"), rng.randint(1, 3)):
                    line += 1
                    rows.append(
                        {
                            "vendor_id": vendor,
                            "municipality_id": muni,
                            "item_id": spelling,
                            "item_key": key,
                            "issue_date": date(2026, 1, 1),
                            "invoice_id": line,
                            "line_id": line,
                            "number": str(line),
                            "unit_price": rng.choice((5, 7, 7, 9, 12)),
                            "quantity": 1,
                        }
                    )
    session = session_factory(engine)()
    try:
        session.execute(insert(LatestPrice), rows)
        got = sorted(tuple(r) for r in screening.peer_rows(session, [1]))
        assert got == ranked_by_hand(rows, 1)
        assert any(r[3] == r[4] for r in got)  # a tie on the lowest price was met
        assert any(r[4] is None for r in got)  # and an item one municipality buys
    finally:
        session.rollback()
        session.close()
        engine.dispose()
