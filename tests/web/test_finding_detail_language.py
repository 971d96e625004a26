"""The finding page explains its rule in the page's language."""

from __future__ import annotations

from fastapi.testclient import TestClient

import rules
from tests.web.conftest import Seed


def test_the_rule_is_explained_in_danish_by_default_and_in_english_on_request(
    client: TestClient, seed: Seed
) -> None:
    spec = rules.registry()["price_above_agreed"]
    danish = client.get(f"/findings/{seed.price_finding_id}").text
    english = client.get(f"/findings/{seed.price_finding_id}?lang=en").text
    assert spec.describe("da")[:60] in danish
    assert spec.describe("en")[:60] not in danish
    assert spec.describe("en")[:60] in english
