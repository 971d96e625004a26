"""The rules admin shows each rule's description in the page's language: Danish by
default, English with ``?lang=en``."""

from __future__ import annotations

from fastapi.testclient import TestClient
from markupsafe import escape

import rules

PRICE = "price_above_agreed"


def test_the_rules_page_describes_the_rules_in_danish_and_in_english(
    client: TestClient,
) -> None:
    spec = rules.registry()[PRICE]
    danish = client.get("/admin/rules")
    assert danish.status_code == 200
    assert escape(spec.description_da) in danish.text
    assert "Eksempel: aftalt pris 100,00 kr. pr. bruger pr. måned" in danish.text
    assert "Example: agreed 100.00 kr per user/month" not in danish.text
    english = client.get("/admin/rules?lang=en")
    assert escape(spec.description) in english.text
    assert "Eksempel:" not in english.text


def test_the_rule_page_describes_the_rule_in_the_pages_language(client: TestClient) -> None:
    spec = rules.registry()[PRICE]
    danish = client.get(f"/admin/rules/{PRICE}")
    assert f'<p class="lead">{escape(spec.description_da)}</p>' in danish.text
    english = client.get(f"/admin/rules/{PRICE}?lang=en")
    assert f'<p class="lead">{escape(spec.description)}</p>' in english.text


def test_the_api_gives_both_descriptions(client: TestClient) -> None:
    spec = rules.registry()[PRICE]
    body = client.get(f"/api/v1/rules/{PRICE}").json()
    assert (body["description"], body["description_da"]) == (
        spec.description,
        spec.description_da,
    )
