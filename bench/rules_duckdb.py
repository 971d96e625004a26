"""The DuckDB baseline of ``bench/rules.py``: the ten built-in rules as set-based SQL.

The rows are exported from the bench database (SQLite or PostgreSQL) to CSV with their
stored integers (prices and quantities in millionths, amounts in øre) and loaded into
an in-memory DuckDB: DuckDB's sqlite/postgres extensions are not installable offline
here. Only :func:`run_rules` (the ten rules) is timed. The SQL covers what the
generated data uses: exact item-key matching (no fuzzy descriptions), the units
``bench.rules_data.UNITS``, volume bands, one indexation step, default parameters.
"""

from __future__ import annotations

import csv
import time
from pathlib import Path

QUERIES = {
    "invoice": "SELECT id, vendor_id, municipality_id, document_type, number, issue_date, due_date,"
    " period_start, period_end, line_extension, allowances, charges, tax_exclusive, tax, payable"
    " FROM invoice WHERE vendor_id IS NOT NULL AND municipality_id IS NOT NULL",
    "line": "SELECT id, invoice_id, item_key, quantity, unit_code, unit_price, line_amount,"
    " period_start, period_end FROM invoice_line",
    "contract": "SELECT id, vendor_id, municipality_id, effective_date, expiry_date, payment_days,"
    " CASE WHEN mfn THEN 1 ELSE 0 END FROM contract WHERE status = 'active'",
    "term": "SELECT id, contract_id, item_id, unit, agreed_unit_price, tier_min, tier_max"
    " FROM price_term WHERE review_state != 'rejected'",
    "clause": "SELECT contract_id, params FROM contract_clause WHERE kind = 'indexation'",
    "idx": "SELECT index_name, period, value FROM index_value",
}
COLUMNS = {
    "invoice": "id BIGINT, vendor_id BIGINT, muni BIGINT, doc VARCHAR, number VARCHAR, issue DATE,"
    " due DATE, pstart DATE, pend DATE, ext BIGINT, allow BIGINT, charge BIGINT, excl BIGINT,"
    " tax BIGINT, payable BIGINT",
    "line": "id BIGINT, invoice_id BIGINT, key VARCHAR, qty BIGINT, code VARCHAR, price BIGINT,"
    " amount BIGINT, pstart DATE, pend DATE",
    "contract": "id BIGINT, vendor_id BIGINT, muni BIGINT, eff DATE, exp DATE, pay_days INTEGER,"
    " mfn INTEGER",
    "term": "id BIGINT, contract_id BIGINT, key VARCHAR, unit VARCHAR, price BIGINT,"
    " tmin BIGINT, tmax BIGINT",
    "clause": "contract_id BIGINT, cap DOUBLE, fixed_months INTEGER, adjust_month INTEGER,"
    " index_name VARCHAR",
    "idx": "index_name VARCHAR, period VARCHAR, value BIGINT",
}


def export(url: str, folder: Path) -> None:
    """Every table the rules read, as CSV (the item ids of terms as their match key)."""
    import json

    from sqlalchemy import text

    from monitor.db import make_engine
    from rules.matching import item_key

    folder.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    with engine.connect() as conn:
        for name, sql in QUERIES.items():
            with (folder / f"{name}.csv").open("w", newline="") as fh:
                out = csv.writer(fh)
                rows = conn.execute(text(sql))
                for row in rows:
                    row = list(row)
                    if name == "term":
                        row[2] = item_key(row[2]) or ""
                    elif name == "clause":
                        p = row[1] if isinstance(row[1], dict) else json.loads(row[1])
                        row = [row[0], p.get("cap_pct"), p.get("fixed_months") or 0,
                               p.get("adjust_month"), p.get("index")]  # fmt: skip
                    out.writerow(["" if v is None else v for v in row])
    engine.dispose()


RULES_SQL = """
CREATE TEMP TABLE l AS
SELECT l.id, l.invoice_id, l.key, l.qty, l.code, l.price, l.amount,
       coalesce(l.pstart, i.pstart) AS s, coalesce(l.pend, i.pend) AS e,
       coalesce(l.pstart, i.pstart, i.issue) AS billed_on,
       i.vendor_id, i.muni, i.doc, i.issue, c.id AS contract_id, c.mfn, c.eff, c.exp
FROM line l JOIN invoice i ON i.id = l.invoice_id
LEFT JOIN contract c ON c.vendor_id = i.vendor_id AND c.muni = i.muni;

CREATE TEMP TABLE ix AS  -- one indexation step: the allowed factor from its date on
SELECT k.contract_id,
       make_date(year(c.eff + to_months(k.fixed_months)), k.adjust_month, 1) AS first_step,
       1 + least(k.cap, (b.value / a.value - 1) * 100) / 100 AS factor
FROM clause k JOIN contract c ON c.id = k.contract_id
JOIN idx a ON a.index_name = k.index_name AND a.period = strftime(c.eff - INTERVAL 1 MONTH, '%Y-%m')
JOIN idx b ON b.index_name = k.index_name AND b.period =
     strftime(make_date(year(c.eff + to_months(k.fixed_months)), k.adjust_month, 1) - INTERVAL 1 MONTH, '%Y-%m');

CREATE TEMP TABLE priced AS
SELECT l.*, t.id AS term_id, t.key AS tkey, t.price / 1e6 AS tprice,
       CASE WHEN t.unit IN ('year', 'user_year') AND l.code = 'EA' THEN 1.0 / 12 ELSE 1.0 END AS conv,
       CASE WHEN ix.contract_id IS NULL THEN NULL WHEN l.billed_on >= ix.first_step THEN ix.factor ELSE 1 END AS sf
FROM l JOIN term t ON t.contract_id = l.contract_id AND t.key = l.key
  AND (t.tmin IS NULL OR t.tmin <= l.qty) AND (t.tmax IS NULL OR l.qty <= t.tmax)
LEFT JOIN ix ON ix.contract_id = l.contract_id
WHERE l.doc = 'invoice' AND l.qty > 0 AND l.price > 0;

CREATE TEMP TABLE over AS
SELECT p.*, p.price / 1e6 AS billed,
       (CASE WHEN p.sf IS NULL OR p.sf = 1 THEN p.tprice ELSE round(p.tprice * p.sf + 1e-9, 2) END) * p.conv AS allowed,
       p.tprice * p.conv AS agreed
FROM priced p;

CREATE TEMP TABLE owner AS
SELECT o.id, o.invoice_id,
  CASE
    WHEN EXISTS (SELECT 1 FROM term t2 WHERE t2.contract_id = o.contract_id AND t2.key = o.tkey
                 AND t2.id != o.term_id AND (
                   (abs(o.billed - t2.price / 1e6 * o.conv) <= 0.01 AND t2.price / 1e6 * o.conv > o.allowed)
                   OR (o.sf IS NOT NULL AND abs(o.billed - round(t2.price / 1e6 * o.sf + 1e-9, 2) * o.conv) <= 0.01
                       AND round(t2.price / 1e6 * o.sf + 1e-9, 2) * o.conv > o.allowed)))
      THEN 'volume_tier_not_applied'
    WHEN o.sf IS NOT NULL AND o.agreed < o.billed AND o.billed <= o.agreed * 1.25
      THEN 'indexation_cap_exceeded'
    ELSE 'price_above_agreed' END AS rule
FROM over o WHERE o.billed - o.allowed > 0.01;

CREATE TEMP TABLE latest AS
SELECT muni, vendor_id, key, price FROM (
  SELECT l.muni, l.vendor_id, l.key, l.price,
         row_number() OVER (PARTITION BY l.vendor_id, l.muni, l.key
                            ORDER BY l.issue DESC, l.invoice_id DESC, l.id DESC) AS rn
  FROM l WHERE l.doc = 'invoice' AND l.key IS NOT NULL) WHERE rn = 1;

CREATE TEMP TABLE others AS
SELECT me.vendor_id, me.muni, me.key, count(*) AS n, min(o.price) AS lowest,
       median(o.price) AS med
FROM latest me JOIN latest o ON o.vendor_id = me.vendor_id AND o.key = me.key AND o.muni != me.muni
GROUP BY ALL;

CREATE TEMP TABLE found AS
SELECT rule, invoice_id, id AS line_id FROM owner
UNION ALL
SELECT 'unpriced_item', l.invoice_id, l.id FROM l
WHERE l.contract_id IS NOT NULL AND l.doc = 'invoice' AND l.qty > 0 AND l.price > 0
  AND l.amount > 0 AND l.billed_on BETWEEN l.eff AND l.exp
  AND NOT EXISTS (SELECT 1 FROM term t WHERE t.contract_id = l.contract_id AND t.key = l.key)
UNION ALL
SELECT DISTINCT 'outside_contract_period', l.invoice_id, NULL FROM l
WHERE l.doc = 'invoice' AND l.amount > 0 AND (coalesce(l.s, l.issue) < l.eff OR coalesce(l.e, l.s, l.issue) > l.exp)
UNION ALL
SELECT 'payment_terms', i.id, NULL FROM invoice i JOIN contract c ON c.vendor_id = i.vendor_id AND c.muni = i.muni
WHERE i.doc = 'invoice' AND i.due IS NOT NULL AND i.due - i.issue > least(30, coalesce(c.pay_days, 30))
UNION ALL
SELECT 'arithmetic_mismatch', l.invoice_id, l.id FROM l
WHERE abs(l.amount - (CAST(l.qty AS HUGEINT) * l.price + 5000000000) // 10000000000) > 1
UNION ALL
SELECT 'arithmetic_mismatch', i.id, NULL FROM invoice i
JOIN (SELECT invoice_id, sum(amount) AS total FROM line GROUP BY ALL) s ON s.invoice_id = i.id
WHERE abs(i.ext - s.total) > 1 OR abs(i.excl - (i.ext - i.allow + i.charge)) > 1
   OR abs(i.tax) > (abs(i.excl) * 25 + 50) // 100 + 1 OR abs(i.payable - (i.excl + i.tax)) > 1;

CREATE TEMP TABLE resent AS
SELECT DISTINCT i.id FROM invoice i
JOIN (SELECT invoice_id, sum(amount) AS total FROM line GROUP BY ALL) si ON si.invoice_id = i.id
JOIN invoice e ON e.vendor_id = i.vendor_id AND e.muni = i.muni AND e.number = i.number
  AND e.id < i.id AND e.doc = 'invoice'
JOIN (SELECT invoice_id, sum(amount) AS total FROM line GROUP BY ALL) se ON se.invoice_id = e.id
WHERE si.total = se.total AND i.doc = 'invoice';

INSERT INTO found
SELECT 'duplicate_billing', id, NULL FROM resent
UNION ALL
SELECT 'duplicate_billing', invoice_id, id FROM (
  SELECT l.*, row_number() OVER (PARTITION BY l.vendor_id, l.muni, l.key, l.s, l.e, abs(l.amount)
                                 ORDER BY l.invoice_id, l.id) AS rn
  FROM l WHERE l.key IS NOT NULL AND l.s IS NOT NULL AND l.e IS NOT NULL AND l.doc = 'invoice')
WHERE rn > 1 AND amount > 0 AND invoice_id NOT IN (SELECT id FROM resent)
UNION ALL
SELECT CASE WHEN l.mfn = 1 THEN 'mfn_breach' ELSE 'price_disparity' END, l.invoice_id, l.id
FROM l JOIN others o ON o.vendor_id = l.vendor_id AND o.muni = l.muni AND o.key = l.key
WHERE l.doc = 'invoice' AND l.qty > 0 AND l.price > l.lowest_guard
  AND ((l.mfn = 1 AND l.price - o.lowest > 10000)
       OR (l.mfn = 0 AND o.n >= 3 AND o.med > 0 AND l.price > 2 * o.med));
"""


def run_rules(folder: Path) -> tuple[float, float, set[tuple[str, int, int | None]]]:
    """(wall s, CPU s, findings as (rule, invoice id, line id or None))."""
    import duckdb

    con = duckdb.connect()
    for name, cols in COLUMNS.items():
        spec = ", ".join(f"'{c.split()[0]}': '{' '.join(c.split()[1:])}'" for c in cols.split(", "))
        con.execute(
            f"CREATE TABLE {name} AS SELECT * FROM read_csv('{folder / (name + '.csv')}',"
            f" header = false, columns = {{{spec}}}, nullstr = '')"
        )
    sql = RULES_SQL.replace("l.price > l.lowest_guard", "l.price > 0")
    wall, cpu = time.perf_counter(), time.process_time()
    for statement in sql.split(";"):
        if statement.strip():
            con.execute(statement)
    rows = con.execute("SELECT rule, invoice_id, line_id FROM found").fetchall()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    con.close()
    return wall, cpu, {(r, i, line) for r, i, line in rows}
