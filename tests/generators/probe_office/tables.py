"""Price tables: the printed grid (header rows with merges, body rows) and the truth rows.

A grid cell is a string, ``LEFT`` (merged into the cell on its left) or ``UP`` (merged into
the cell above). Truth rows follow the README's conventions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .content import ROLES, TEMP_ROLES, UNIT_TEXT, UNIT_TRUTH

LEFT = "\x00<"
UP = "\x00^"
CENT = Decimal("0.01")


@dataclass
class Table:
    header: list[list[str]]
    body: list[list[str]]
    kinds: list[str]  # per body row: price / section / noprice
    widths: list[float]
    right: set[int]
    truth: list[dict] = field(default_factory=list)
    caption: str | None = None
    note: str | None = None
    features: list[str] = field(default_factory=list)


@dataclass
class Opts:
    lang: str
    vat: str  # excl / incl
    vat_loc: str  # column / intro / note / caption
    price_style: str
    id_hdr: str | None
    id_style: str
    id_prefix: str
    unit_alt: int  # which printed unit word
    tier_style: int
    merge_style: int  # tier rows: 0 merged cells, 1 repeated, 2 blank below


# ----------------------------------------------------------------------------- numbers
def q(x) -> Decimal:
    return Decimal(x).quantize(CENT, rounding=ROUND_HALF_UP)


def num(d: Decimal, sep: str) -> str:
    """1234.5 -> '1.234,50' (sep 'da') or '1,234.50' (sep 'en')."""
    s = f"{q(d):,.2f}"
    if sep == "da":
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


def int_num(n: int, lang: str) -> str:
    s = f"{n:,}"
    return s.replace(",", ".") if lang == "da" else s


def price_text(d: Decimal, style: str) -> str:
    """Styles: plain, kr_pre, kr_post, dkk_pre, dash (Danish numbers); en_plain, en_dkk."""
    if style == "en_plain":
        return num(d, "en")
    if style == "en_dkk":
        return "DKK " + num(d, "en")
    s = num(d, "da")
    if style == "kr_pre":
        return "kr. " + s
    if style == "kr_post":
        return s + " kr."
    if style == "dkk_pre":
        return "DKK " + s
    if style == "dash" and q(d) == q(d).to_integral_value():
        return s[:-3] + ",-"
    return s


def vary(rng, base: str, lo=0.85, hi=1.2, whole=False) -> Decimal:
    d = Decimal(base) * Decimal(str(round(rng.uniform(lo, hi), 3)))
    if whole or d >= 300 and rng.random() < 0.5:
        return q(d.to_integral_value(rounding=ROUND_HALF_UP))
    if d >= 20 and rng.random() < 0.5:
        return q((d * 4).to_integral_value(rounding=ROUND_HALF_UP) / 4)
    return q(d)


# ----------------------------------------------------------------------------- vocabulary
def vat_words(o: Opts) -> str:
    if o.lang == "da":
        return "ekskl. moms" if o.vat == "excl" else "inkl. moms"
    return "excl. VAT" if o.vat == "excl" else "incl. VAT"


def price_hdr(o: Opts, base: str | None = None) -> str:
    if base is None:
        base = "Pris" if o.lang == "da" else "Price"
    if o.vat_loc == "column":
        return f"{base}\n{vat_words(o)}" if o.lang == "da" else f"{base} ({vat_words(o)})"
    if o.price_style == "plain" or o.price_style == "en_plain":
        return f"{base} (DKK)" if o.lang == "en" else f"{base} i kr."
    return base


def unit_text(o: Opts, key: str) -> str:
    words = UNIT_TEXT[o.lang][key]
    return words[o.unit_alt % len(words)]


class Ids:
    def __init__(self, rng, o: Opts):
        self.rng, self.o = rng, o
        self.n = rng.randint(1021, 4800)

    def next(self) -> str | None:
        o = self.o
        if o.id_hdr is None:
            return None
        self.n += self.rng.randint(1, 37)
        n = self.n
        if o.id_style == "num":
            return str(10000 + n * 3)
        if o.id_style == "prefix":
            return f"{o.id_prefix}-{n:04d}"
        if o.id_style == "dotted":
            return f"{n // 10:03d}.{n % 1000:03d}"
        return f"{o.id_prefix[0]}{n:04d}"


def row_text(cells: list[str]) -> str:
    return " | ".join(c.replace("\n", " ") for c in cells if c not in (LEFT, UP) and c)


def truth_row(item_id, desc, unit_key, utext, price: Decimal, o: Opts, tmin=None, tmax=None, rt=""):
    return {
        "item_id": item_id,
        "description": " ".join(desc.split()),
        "unit": UNIT_TRUTH[unit_key],
        "unit_text": utext,
        "unit_price": str(q(price)),
        "vat": o.vat,
        "tier_min": None if tmin is None else str(tmin),
        "tier_max": None if tmax is None else str(tmax),
        "row_text": rt,
    }


def _desc(o: Opts, item, keep_break: bool) -> str:
    d = item[0] if o.lang == "da" else item[1]
    return d if keep_break else d.replace("\n", ", ")


# ----------------------------------------------------------------------------- goods
def simple(
    rng,
    o: Opts,
    groups,
    *,
    sections: bool,
    long: bool,
    included: bool,
    variant=("svanemærket", "eco-labelled"),
) -> Table:
    """[id] | description | unit | price; optional group rows, variant rows, included rows."""
    da = o.lang == "da"
    hdr = ([o.id_hdr] if o.id_hdr else []) + [
        "Beskrivelse" if da else "Description",
        "Enhed" if da else "Unit",
        price_hdr(o),
    ]
    ncol = len(hdr)
    ids = Ids(rng, o)
    whole = o.price_style == "dash"
    word = variant[0] if da else variant[1]
    body, kinds, truth = [], [], []
    for gda, gen, items in groups:
        if sections:
            body.append([gda if da else gen] + [LEFT] * (ncol - 1))
            kinds.append("section")
        for it in items:
            base = vary(rng, it[3], whole=whole)
            variants = [("", base)]
            if long and word not in _desc(o, it, keep_break=False):
                up = base * Decimal(str(round(rng.uniform(1.05, 1.3), 2)))
                variants.append((", " + word, q(up.to_integral_value()) if whole else q(up)))
            for suffix, price in variants:
                iid = ids.next()
                desc = _desc(o, it, keep_break=True)
                if suffix:
                    first, *rest = desc.split("\n")
                    desc = "\n".join([first + suffix, *rest])
                ut = unit_text(o, it[2])
                cells = ([iid] if o.id_hdr else []) + [desc, ut, price_text(price, o.price_style)]
                body.append(cells)
                kinds.append("price")
                truth.append(truth_row(iid, desc, it[2], ut, price, o, rt=row_text(cells)))
    if included:
        cells = ([""] if o.id_hdr else []) + [
            "Levering til alle adresser i kommunen" if da else "Delivery to all addresses",
            "–",
            "Inkluderet" if da else "Included",
        ]
        body.append(cells)
        kinds.append("noprice")
    widths = ([3.0] if o.id_hdr else []) + [7.5 if o.id_hdr else 10.5, 2.3, 3.2]
    feats = ["table:simple"] + (["table:sections"] if sections else [])
    feats += ["table:long"] if long else []
    if included:
        feats.append("table:included_row")
    return Table([hdr], body, kinds, widths, {ncol - 1}, truth, features=feats)


def unit_in_header(rng, o: Opts, groups) -> Table:
    """No unit column; the unit is in the price header ('Pris pr. stk. ekskl. moms')."""
    da = o.lang == "da"
    base = "Pris pr. stk." if da else "Price per item"
    ptxt = "pr. stk." if da else "per item"
    hdr = ([o.id_hdr] if o.id_hdr else []) + [
        "Produkt" if da else "Product",
        price_hdr(o, base),
    ]
    ids = Ids(rng, o)
    body, kinds, truth = [], [], []
    for _gda, _gen, items in groups:
        for it in items:
            iid = ids.next()
            desc = _desc(o, it, keep_break=False)
            price = vary(rng, it[3], whole=o.price_style == "dash")
            cells = ([iid] if o.id_hdr else []) + [desc, price_text(price, o.price_style)]
            body.append(cells)
            kinds.append("price")
            truth.append(truth_row(iid, desc, "piece", ptxt, price, o, rt=row_text(cells)))
    cells = ([""] if o.id_hdr else []) + [
        "Tilpasning og montering hos borgeren" if da else "Fitting at the citizen's home",
        "Inkluderet" if da else "Included",
    ]
    body.append(cells)
    kinds.append("noprice")
    widths = ([2.5] if o.id_hdr else []) + [10.0 if o.id_hdr else 12.0, 3.5]
    return Table(
        [hdr],
        body,
        kinds,
        widths,
        {len(hdr) - 1},
        truth,
        features=["table:unit_in_header", "table:included_row"],
    )


def list_net(rng, o: Opts, groups) -> Table:
    """List price, discount %, net price: the truth is the net price."""
    da = o.lang == "da"
    net_name = ("Nettopris" if o.tier_style % 2 == 0 else "Aftalepris") if da else "Net price"
    hdr = ([o.id_hdr] if o.id_hdr else []) + [
        "Varebeskrivelse" if da else "Description",
        "Enhed" if da else "Unit",
        "Listepris" if da else "List price",
        "Rabat %" if da else "Discount %",
        price_hdr(o, net_name),
    ]
    ids = Ids(rng, o)
    body, kinds, truth = [], [], []
    items = [it for _g, _e, its in groups for it in its]
    for it in items[:12]:
        iid = ids.next()
        desc = _desc(o, it, keep_break=True)
        ut = unit_text(o, it[2])
        listp = vary(rng, str(Decimal(it[3]) * Decimal("1.35")))
        disc = rng.choice([10, 15, 20, 22, 25, 30, 35])
        net = q(listp * (100 - disc) / 100)
        dtxt = f"{disc} %" if da else f"{disc}%"
        cells = ([iid] if o.id_hdr else []) + [
            desc,
            ut,
            price_text(listp, o.price_style),
            dtxt,
            price_text(net, o.price_style),
        ]
        body.append(cells)
        kinds.append("price")
        truth.append(truth_row(iid, desc, it[2], ut, net, o, rt=row_text(cells)))
    widths = ([2.2] if o.id_hdr else []) + [4.8 if o.id_hdr else 7.0, 1.6, 2.6, 2.2, 2.6]
    n = len(hdr)
    return Table(
        [hdr], body, kinds, widths, {n - 3, n - 2, n - 1}, truth, features=["table:list_net"]
    )


def tier_labels(o: Opts, bounds, word: str | None = None) -> list[tuple[str, int, int | None]]:
    """Printed tier labels with their (min, max); ``word`` is the quantity's unit word."""
    da = o.lang == "da"
    w = word or ("stk." if da else "units")
    out = []
    st = o.tier_style % 4
    nl = "en" if o.price_style.startswith("en_") else "da"  # numbers as the prices are written
    for i, (a, b) in enumerate(bounds):
        A, B = int_num(a, nl), (int_num(b, nl) if b else None)
        if b is not None:
            lab = {
                0: f"{A}-{B}",
                1: f"{A}–{B} {w}" if da else f"{A} to {B} {w}",
                2: f"Fra {A} til {B}" if da else f"{A}-{B} {w}",
                3: f"{A}-{B}",
            }[st]
            out.append((lab, a, b))
        else:
            prev = bounds[i - 1][1]
            if st == 3:
                lab = f"Over {int_num(prev, nl)}"
                out.append((lab, prev + 1, None))
                continue
            lab = {
                0: f"{A}+",
                1: f"{A} {w} og derover" if da else f"{A} {w} or more",
                2: f"Fra {A}" if da else f"{A}+ {w}",
            }[st]
            out.append((lab, a, None))
    return out


def tier_cols(rng, o: Opts, groups, bounds) -> Table:
    """Volume bands as columns under a merged header cell; id/desc/unit merged vertically."""
    da = o.lang == "da"
    labs = tier_labels(o, bounds)
    top = ("Pris pr. enhed ved årligt forbrug" if da else "Unit price by annual volume") + (
        f" ({vat_words(o)})" if o.vat_loc == "column" else ""
    )
    h1 = ([o.id_hdr] if o.id_hdr else []) + [
        "Beskrivelse" if da else "Description",
        "Enhed" if da else "Unit",
        top,
        LEFT,
        LEFT,
    ]
    h2 = ([UP] if o.id_hdr else []) + [UP, UP] + [lab for lab, _a, _b in labs]
    ids = Ids(rng, o)
    body, kinds, truth = [], [], []
    items = [it for _g, _e, its in groups for it in its][:9]
    for it in items:
        iid = ids.next()
        desc = _desc(o, it, keep_break=True)
        ut = unit_text(o, it[2])
        p1 = vary(rng, it[3])
        prices = [p1, q(p1 * Decimal("0.95")), q(p1 * Decimal("0.9"))]
        cells = (
            ([iid] if o.id_hdr else [])
            + [desc, ut]
            + [price_text(p, o.price_style) for p in prices]
        )
        body.append(cells)
        kinds.append("price")
        for (lab, a, b), p in zip(labs, prices, strict=True):
            base = ([iid] if o.id_hdr else []) + [desc, ut]
            truth.append(
                truth_row(
                    iid,
                    desc,
                    it[2],
                    ut,
                    p,
                    o,
                    a,
                    b,
                    rt=row_text(base) + f" | {lab}: {price_text(p, o.price_style)}",
                )
            )
    widths = ([2.0] if o.id_hdr else []) + [4.3 if o.id_hdr else 6.3, 1.7, 2.65, 2.65, 2.65]
    n = len(h1)
    return Table(
        [h1, h2],
        body,
        kinds,
        widths,
        {n - 3, n - 2, n - 1},
        truth,
        features=["table:tier_cols", "table:merged_header"],
    )


def tier_rows(
    rng, o: Opts, groups, bounds, qty_hdr: str | None = None, word: str | None = None
) -> Table:
    """One row per volume band; id/description merged down, repeated, or left blank below."""
    da = o.lang == "da"
    labs = tier_labels(o, bounds, word)
    hdr = ([o.id_hdr] if o.id_hdr else []) + [
        "Beskrivelse" if da else "Description",
        qty_hdr or ("Antal pr. ordre" if da else "Quantity per order"),
        "Enhed" if da else "Unit",
        price_hdr(o),
    ]
    ids = Ids(rng, o)
    body, kinds, truth = [], [], []
    items = [it for _g, _e, its in groups for it in its][:6]
    for it in items:
        iid = ids.next()
        desc = _desc(o, it, keep_break=False)
        ut = unit_text(o, it[2])
        p1 = vary(rng, it[3])
        for k, (lab, a, b) in enumerate(labs):
            p = q(p1 * (1 - Decimal("0.06") * k))
            if k == 0 or o.merge_style == 1:
                lead = ([iid] if o.id_hdr else []) + [desc]
            elif o.merge_style == 0:
                lead = ([UP] if o.id_hdr else []) + [UP]
            else:
                lead = ([""] if o.id_hdr else []) + [""]
            cells = lead + [lab, ut, price_text(p, o.price_style)]
            body.append(cells)
            kinds.append("price")
            full = ([iid] if o.id_hdr else []) + [desc, lab, ut, price_text(p, o.price_style)]
            truth.append(truth_row(iid, desc, it[2], ut, p, o, a, b, rt=row_text(full)))
    widths = ([2.2] if o.id_hdr else []) + [5.6 if o.id_hdr else 7.8, 3.8, 1.6, 2.8]
    feats = [
        "table:tier_rows",
        ["tier_rows:merged", "tier_rows:repeated", "tier_rows:blank"][o.merge_style],
    ]
    return Table([hdr], body, kinds, widths, {len(hdr) - 1}, truth, features=feats)


# ----------------------------------------------------------------------------- services
def hourly(rng, o: Opts, roles_kind: str, n: int, unit_in_cell: bool, quals: bool) -> Table:
    """Roles x hourly rate; the unit is the header's 'Timepris' or 'kr./time' in the cell."""
    da = o.lang == "da"
    roles = (ROLES if roles_kind == "consult" else TEMP_ROLES)[:n]
    if unit_in_cell:
        phdr = price_hdr(o, "Pris" if da else "Rate")
    else:
        phdr = price_hdr(o, "Timepris" if da else "Hourly rate")
    hdr = [
        ("Rolle" if roles_kind == "consult" else "Personalekategori") if da else "Role",
        *(["Kvalifikationer" if roles_kind == "consult" else "Tidsrum"] if da and quals else []),
        *(
            ["Qualifications" if roles_kind == "consult" else "Time band"]
            if not da and quals
            else []
        ),
        phdr,
    ]
    body, kinds, truth = [], [], []
    for r in roles:
        name = r[0] if da else r[1]
        p = vary(rng, r[2], whole=rng.random() < 0.5)
        pt = price_text(p, o.price_style)
        if unit_in_cell:
            suffix = "kr./time" if da else "DKK/hour"
            if pt.startswith(("kr. ", "DKK ")):
                pt = pt.split(" ", 1)[1]
            if pt.endswith(" kr."):
                pt = pt[:-4]
            pt = f"{pt} {suffix}"
            ut = suffix
        else:
            ut = "Timepris" if da else "Hourly rate"
        cells = [name, *([r[3] if da else r[4]] if quals else []), pt]
        body.append(cells)
        kinds.append("price")
        truth.append(truth_row(None, name, "hour", ut, p, o, rt=row_text(cells)))
    if roles_kind == "consult":
        body.append(
            [
                "Rejsetid" if da else "Travel time",
                *(["–"] if quals else []),
                "Faktureres ikke" if da else "Not charged",
            ]
        )
        kinds.append("noprice")
    widths = [6.0, 6.0, 4.0] if quals else [9.0, 5.0]
    feats = ["table:hourly"] + (["hourly:unit_in_cell"] if unit_in_cell else [])
    return Table([hdr], body, kinds, widths, {len(hdr) - 1}, truth, features=feats)


def service(rng, o: Opts, items, included) -> Table:
    da = o.lang == "da"
    hdr = ([o.id_hdr] if o.id_hdr else []) + [
        "Ydelse" if da else "Service",
        "Enhed" if da else "Unit",
        price_hdr(o),
    ]
    ids = Ids(rng, o)
    body, kinds, truth = [], [], []
    for k, it in enumerate(items):
        iid = ids.next()
        desc = it[0] if da else it[1]
        ut = unit_text(o, it[2])
        p = vary(rng, it[3], whole=True)
        cells = ([iid] if o.id_hdr else []) + [desc, ut, price_text(p, o.price_style)]
        body.append(cells)
        kinds.append("price")
        truth.append(truth_row(iid, desc, it[2], ut, p, o, rt=row_text(cells)))
        if k == 1:
            for inc in included:
                body.append(
                    ([""] if o.id_hdr else [])
                    + [inc[0] if da else inc[1], "", "Inkluderet" if da else "Included"]
                )
                kinds.append("noprice")
    widths = ([2.2] if o.id_hdr else []) + [7.8 if o.id_hdr else 10.0, 3.0, 3.0]
    return Table(
        [hdr],
        body,
        kinds,
        widths,
        {len(hdr) - 1},
        truth,
        features=["table:service", "table:included_row"],
    )
