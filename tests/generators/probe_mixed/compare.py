"""Run ``prisvagt extract`` on every probe PDF in OUT_DIR and compare with its .truth.json.

    python -m tests.generators.probe_mixed.compare OUT_DIR [--json REPORT.json]

Prints per-field hit rates and every miss; ``--json`` also writes the raw results
(truth, extracted output, misses) for further reporting.  Prices are compared as
Decimals, dates as exact ISO strings; price rows are matched by item id (+ tier_min when an
item id has several tiers), else by description.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import unicodedata
from collections import defaultdict
from decimal import Decimal, InvalidOperation
from pathlib import Path

PRISVAGT = shutil.which("prisvagt") or str(Path(sys.executable).parent / "prisvagt")


def extract(pdf: Path) -> dict:
    out = subprocess.run([PRISVAGT, "extract", str(pdf)], capture_output=True, text=True)
    if out.returncode != 0:
        return {"_error": out.stderr.strip()[-2000:], "_rc": out.returncode}
    try:
        return json.loads(out.stdout)
    except json.JSONDecodeError:
        return {"_error": "non-JSON output: " + out.stdout[:500]}


def norm(s) -> str:
    if s is None:
        return ""
    s = unicodedata.normalize("NFC", str(s)).casefold()
    s = s.replace("\u2013", "-")
    return re.sub(r"\s+", " ", s).strip(" .,;:")


def dec(x):
    if x is None:
        return None
    try:
        return Decimal(str(x))
    except InvalidOperation:
        return None


def party(ex: dict, role: str) -> dict:
    for p in ex.get("parties") or []:
        if p.get("role") == role:
            return p
    return {}


def match_rows(truth_rows, ex_rows):
    """Return list of (truth_row, ex_row or None) and the list of unmatched extracted rows."""
    used: set[int] = set()
    pairs = []
    for t in truth_rows:
        best = None
        cands = []
        for j, e in enumerate(ex_rows):
            if j in used:
                continue
            if t["item_id"] and e.get("item_id") and norm(e["item_id"]) == norm(t["item_id"]):
                cands.append(j)
        if len(cands) > 1 and t["tier_min"] is not None:
            exact = [j for j in cands if str(ex_rows[j].get("tier_min")) == t["tier_min"]]
            if exact:
                cands = exact
        if cands:
            best = cands[0]
        else:  # description match (item id missing on either side)
            td = norm(t["description"])
            for j, e in enumerate(ex_rows):
                if j in used:
                    continue
                ed = norm(e.get("description"))
                if ed and (ed == td or td in ed or ed in td):
                    if (
                        t["tier_min"] is not None
                        and e.get("tier_min") is not None
                        and str(e.get("tier_min")) != t["tier_min"]
                    ):
                        continue
                    best = j
                    break
        if best is not None:
            used.add(best)
            pairs.append((t, ex_rows[best]))
        else:
            pairs.append((t, None))
    extras = [e for j, e in enumerate(ex_rows) if j not in used]
    return pairs, extras


def flagged(t: dict, unread: list) -> str | None:
    """Was the truth row reported among the unread price rows?  Returns the reason if so."""
    keys = [k for k in (t.get("item_id"), t.get("description")) if k]
    for u in unread or []:
        txt = norm(u.get("text"))
        if any(norm(k) in txt for k in keys):
            return u.get("reason") or "flagged"
    return None


def compare_one(truth: dict, ex: dict) -> dict:
    res = {"file": truth["file"], "fields": {}, "misses": [], "rows": []}

    def field(name, expected, got, ok, context=""):
        res["fields"][name] = ok
        if not ok:
            res["misses"].append(
                {"field": name, "expected": expected, "got": got, "context": context}
            )

    if "_error" in ex:
        res["error"] = ex["_error"]
    w = truth["wording"]
    b, v = party(ex, "buyer"), party(ex, "vendor")
    field(
        "buyer_name",
        truth["buyer"]["name"],
        b.get("name"),
        norm(b.get("name")) == norm(truth["buyer"]["name"]),
        f"party layout: {w['party_layout']}",
    )
    field(
        "buyer_cvr",
        truth["buyer"]["cvr"],
        b.get("cvr"),
        b.get("cvr") == truth["buyer"]["cvr"],
        f"party layout: {w['party_layout']}",
    )
    field(
        "vendor_name",
        truth["vendor"]["name"],
        v.get("name"),
        norm(v.get("name")) == norm(truth["vendor"]["name"]),
        f"party layout: {w['party_layout']}",
    )
    field(
        "vendor_cvr",
        truth["vendor"]["cvr"],
        v.get("cvr"),
        v.get("cvr") == truth["vendor"]["cvr"],
        f"party layout: {w['party_layout']}",
    )
    field("title", truth["title"], ex.get("title"), norm(ex.get("title")) == norm(truth["title"]))
    field(
        "effective_date",
        truth["effective_date"],
        ex.get("effective_date"),
        ex.get("effective_date") == truth["effective_date"],
        f"written: {w['effective']!r}",
    )
    field(
        "expiry_date",
        truth["expiry_date"],
        ex.get("expiry_date"),
        ex.get("expiry_date") == truth["expiry_date"],
        f"term: {w['term_kind']}; written: {w['expiry']!r}",
    )
    field(
        "payment_days",
        truth["payment_days"],
        ex.get("payment_days"),
        ex.get("payment_days") == truth["payment_days"],
        f"wording: {w['payment']!r}; distractor 'senest 10 dage' present: {w.get('payment_distractor')}",
    )
    field(
        "mfn", truth["mfn"], ex.get("mfn"), ex.get("mfn") is truth["mfn"], f"wording: {w['mfn']!r}"
    )
    cap = (ex.get("indexation") or {}).get("cap_pct")
    tcap = truth["indexation_cap_pct"]
    field("indexation_cap", tcap, cap, dec(cap) == dec(tcap), f"wording: {w['indexation']!r}")

    pairs, extras = match_rows(truth["prices"], ex.get("price_terms") or [])
    unread = ex.get("unread_prices") or []
    for t, e in pairs:
        row = {"truth": t, "got": e, "checks": {}}
        if e is None:
            row["flagged"] = flagged(t, unread)
        else:
            row["checks"]["unit_price"] = dec(e.get("unit_price")) == dec(t["unit_price"])
            row["checks"]["vat"] = e.get("vat") == t["vat"]
            row["checks"]["unit"] = e.get("unit") == t["unit"]
            row["checks"]["tier"] = (
                str(e.get("tier_min")) if e.get("tier_min") is not None else None
            ) == t["tier_min"] and (
                str(e.get("tier_max")) if e.get("tier_max") is not None else None
            ) == t["tier_max"]
            row["checks"]["item_id"] = norm(e.get("item_id")) == norm(t["item_id"])
            row["checks"]["description"] = norm(e.get("description")) == norm(t["description"])
        res["rows"].append(row)
    res["extras"] = extras
    res["unread"] = unread
    res["review_status"] = ex.get("review_status")
    res["review_reasons"] = ex.get("review_reasons")
    return res


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    json_out = None
    if "--json" in argv:
        i = argv.index("--json")
        json_out = Path(argv[i + 1])
        del argv[i : i + 2]
    out_dir = Path(argv[0] if argv else "/tmp/probe_out")
    results = []
    for tp in sorted(out_dir.glob("*.truth.json")):
        truth = json.loads(tp.read_text(encoding="utf-8"))
        pdf = tp.with_name(tp.name.replace(".truth.json", ".pdf"))
        ex = extract(pdf)
        r = compare_one(truth, ex)
        r["extracted"] = ex
        results.append(r)

    # ---- field hit rates
    hits = defaultdict(lambda: [0, 0])
    for r in results:
        for f, ok in r["fields"].items():
            hits[f][0] += ok
            hits[f][1] += 1
    row_found = [0, 0]
    row_checks = defaultdict(lambda: [0, 0])
    for r in results:
        for row in r["rows"]:
            row_found[1] += 1
            if row["got"] is not None:
                row_found[0] += 1
                for c, ok in row["checks"].items():
                    row_checks[c][0] += ok
                    row_checks[c][1] += 1
    n_extra = sum(len(r["extras"]) for r in results)
    n_rows = row_found[1]
    print(f"{'field':28s} hits / total")
    for f, (h, n) in hits.items():
        print(f"{f:28s} {h:3d} / {n:3d}  {100 * h / n:5.1f} %")
    print(
        f"{'price rows found':28s} {row_found[0]:3d} / {row_found[1]:3d}  {100 * row_found[0] / max(1, n_rows):5.1f} %"
    )
    for c, (h, n) in row_checks.items():
        print(f"{'  row ' + c + ' (of found)':28s} {h:3d} / {n:3d}  {100 * h / max(1, n):5.1f} %")
    exact = sum(
        1
        for r in results
        for row in r["rows"]
        if row["got"] is not None
        and all(row["checks"][c] for c in ("unit_price", "vat", "unit", "tier"))
    )
    print(
        f"{'rows fully right (p,vat,u,t)':28s} {exact:3d} / {n_rows:3d}  {100 * exact / max(1, n_rows):5.1f} %"
    )
    print(f"{'extra rows (not in truth)':28s} {n_extra:3d}")

    # ---- misses
    print("\nMISSES")
    for r in results:
        if r.get("error"):
            print(f"{r['file']}: EXTRACT ERROR {r['error'][:300]}")
        for m in r["misses"]:
            print(
                f"{r['file']}: {m['field']}: expected {m['expected']!r} got {m['got']!r}  [{m['context']}]"
            )
        for row in r["rows"]:
            t = row["truth"]
            if row["got"] is None:
                print(
                    f"{r['file']}: ROW MISSING {t['row_text']!r} expected {t['unit_price']} {t['vat']} "
                    f"{t['unit']} tier {t['tier_min']}-{t['tier_max']}; flagged unread: {row['flagged']}"
                )
            else:
                bad = [c for c, ok in row["checks"].items() if not ok]
                if bad:
                    g = row["got"]
                    print(
                        f"{r['file']}: ROW WRONG {bad} {t['row_text']!r}: expected price {t['unit_price']} "
                        f"vat {t['vat']} unit {t['unit']} tier {t['tier_min']}-{t['tier_max']} id {t['item_id']} "
                        f"desc {t['description']!r}; got price {g.get('unit_price')} vat {g.get('vat')} unit "
                        f"{g.get('unit')} tier {g.get('tier_min')}-{g.get('tier_max')} id {g.get('item_id')} "
                        f"desc {g.get('description')!r}"
                    )
        for e in r["extras"]:
            print(
                f"{r['file']}: EXTRA ROW {e.get('item_id')} {e.get('description')!r} {e.get('unit_price')} "
                f"{e.get('unit')} {e.get('vat')}"
            )
        print(
            f"{r['file']}: review_status={r['review_status']} reasons={r['review_reasons']} "
            f"unread={[(u.get('text'), u.get('reason')) for u in r['unread']]}"
        )
    if json_out:
        json_out.write_text(
            json.dumps(results, ensure_ascii=False, indent=1, default=str), encoding="utf-8"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
