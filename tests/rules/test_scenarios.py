"""Scorer: every injected breach found (recall 100 %), few false findings (precision
>= 99 %), every overcharge exact to the øre."""

from __future__ import annotations

import json
from collections import Counter

import rules
from tests.rules.scenarios import generate


def score(seed: int) -> tuple[float, float, list[str]]:
    expected_total = found_total = hits = 0
    problems: list[str] = []
    per_rule: Counter[str] = Counter()
    scenarios = generate(seed=seed)
    kinds = Counter(sc.kind for sc in scenarios)
    assert kinds["near_miss"] >= 200 and kinds["clean"] >= 190 and kinds["breach"] >= 280
    for sc in scenarios:
        found = rules.evaluate(sc.context)
        for f in found:
            json.dumps(f.evidence)  # JSON-able: strings, never Decimals
        found_total += len(found)
        expected_total += len(sc.expected)
        by_key = {
            (f.rule_id, f.line_ref if e_line else None): f
            for f in found
            for e_line in (True, False)
        }
        matched = set()
        for exp in sc.expected:
            f = by_key.get((exp.rule_id, exp.line_ref))
            if f is None:
                problems.append(
                    f"missed {exp.rule_id} in '{sc.name}': {[x.rule_id for x in found]}"
                )
                continue
            hits += 1
            per_rule[exp.rule_id] += 1
            matched.add(id(f))
            if f.overcharge != exp.overcharge:
                problems.append(f"{exp.rule_id} in '{sc.name}': {f.overcharge} != {exp.overcharge}")
        for f in found:
            if id(f) not in matched:
                problems.append(
                    f"unexpected {f.rule_id} ({f.overcharge}) in '{sc.name}' [{sc.kind}]: {f.message}"
                )
    recall = hits / expected_total if expected_total else 1.0
    precision = hits / found_total if found_total else 1.0
    print(
        f"\nseed {seed}: {dict(kinds)} scenarios, expected {expected_total}, found {found_total}, matched {hits}"
    )
    print(f"recall {recall:.2%}  precision {precision:.2%}  per rule {dict(per_rule)}")
    return recall, precision, problems


def test_it_finds_every_injected_breach_with_the_exact_overcharge_and_few_false_findings():
    for seed in (1, 2):
        recall, precision, problems = score(seed)
        assert [p for p in problems if not p.startswith("unexpected")] == []
        assert recall == 1.0
        assert precision >= 0.99, problems[:10]
