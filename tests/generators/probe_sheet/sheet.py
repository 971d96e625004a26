"""The price appendix as an Excel workbook (openpyxl), planned row by row with its truth.

A ``SheetPlan`` is the sheet as the buyer's procurement office lays it out (title block,
header rows, body rows, notes); ``write_workbook`` turns plans into styled worksheets with
print settings. Truth rows are made while planning, from the same values that are written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import Decimal

from .data import GOODS, IT_INCLUDED, IT_LINES, UNIT_CANON, UNIT_WORDS
from .fmt import MONEY_STYLES, int_text, money_text, num, q

LEFT, RIGHT, CENTER = "left", "right", "center"


@dataclass
class Col:
    key: str
    head: str  # "\n" = a line break typed in the header cell
    kind: str = "text"  # text / int / money / pct / pctnum
    width: float = 10.0
    fmt: str | None = None
    align: str | None = None
    hidden: bool = False
    wrap: bool = False


@dataclass
class Row:
    kind: str  # item / section / blank / total / noprice
    cells: dict = field(default_factory=dict)
    merge_up: tuple = ()  # keys whose cell is merged with the one above
    page_break_before: bool = False


@dataclass
class SheetPlan:
    name: str
    cols: list[Col]
    rows: list[Row]
    title: list[tuple] = field(default_factory=list)  # (kind, text) / ("label", label, value)
    group: tuple | None = None  # (first key, last key, text): merged header over band columns
    notes: list[str] = field(default_factory=list)
    truth: list[dict] = field(default_factory=list)
    feats: list[str] = field(default_factory=list)
    long: bool = False
    hidden_col: Col | None = None


@dataclass
class Ctx:
    """What a sheet planner needs to know about the seed."""

    rng: object
    seed: int
    lang: str
    vat: str  # excl / incl
    vat_loc: str  # header / title / both / note / body
    money: str  # key of MONEY_STYLES
    qty_grouping: bool
    unit_alt: int
    id_style: str
    vendor: str
    vendor_cvr: str
    lot: str
    annex: str  # "Bilag 1 – Tilbudsliste"
    title_block: str  # full / short / none
    hdr_alt: int
    desc_wrap: bool
    pos_col: bool

    @property
    def da(self) -> bool:
        return self.lang == "da"

    def t(self, da: str, en: str) -> str:
        return da if self.da else en

    def pick(self, da_opts, en_opts=None, off=0):
        opts = da_opts if self.da or en_opts is None else en_opts
        return opts[(self.hdr_alt + off) % len(opts)]

    def pick_vat(self, da_opts, en_opts=None, off=0):
        """pick() for texts that name the VAT basis: made to agree with the sheet's."""
        s = self.pick(da_opts, en_opts, off)
        if self.vat == "incl":
            s = s.replace("ekskl. moms", "inkl. moms").replace("excl. VAT", "incl. VAT")
        return s

    def vat_words(self) -> str:
        if self.da:
            return "ekskl. moms" if self.vat == "excl" else "inkl. moms"
        return "excl. VAT" if self.vat == "excl" else "incl. VAT"

    def vat_in_header(self) -> bool:
        return self.vat_loc in ("header", "both")


# ----------------------------------------------------------------------------- truth
def truth_row(item_id, desc, ukey, utext, price: Decimal, vat, tmin=None, tmax=None, rt=""):
    return {
        "item_id": item_id,
        "description": " ".join(desc.split()),
        "unit": UNIT_CANON[ukey],
        "unit_text": utext,
        "unit_price": str(q(price)),
        "vat": vat,
        "tier_min": None if tmin is None else str(tmin),
        "tier_max": None if tmax is None else str(tmax),
        "row_text": rt,
    }


def shown(ctx: Ctx, col: Col, v) -> str:
    """The cell as printed (for row_text)."""
    if v is None:
        return ""
    if isinstance(v, tuple):  # formula
        return ""
    if isinstance(v, str):
        return v.replace("\n", " ")
    if col.kind == "money":
        return money_text(v, ctx.money)
    if col.kind == "int":
        return int_text(v, ctx.lang, ctx.qty_grouping)
    if col.kind == "pct":
        return f"{round(v * 100)} %" if ctx.da else f"{round(v * 100)}%"
    if col.kind == "pctnum":
        return num(Decimal(str(v)), ctx.lang, 1 if v != int(v) else 0)
    return str(v).replace("\n", " ")


def row_text(ctx: Ctx, cols: list[Col], cells: dict, band_labels: dict | None = None) -> str:
    out = []
    for c in cols:
        if c.hidden:
            continue
        s = shown(ctx, c, cells.get(c.key))
        if band_labels and c.key in band_labels and s:
            s = f"{band_labels[c.key]}: {s}"
        if s:
            out.append(s)
    return " | ".join(out)


# ----------------------------------------------------------------------------- helpers
def price_between(rng, lo, hi) -> Decimal:
    v = Decimal(str(round(rng.uniform(lo, hi), 2)))
    r = rng.random()
    if v >= 200 and r < 0.4:
        return q(v.to_integral_value())
    if r < 0.7:
        return q((v * 4).to_integral_value() / 4)
    return q(v)


class Ids:
    def __init__(self, rng, style: str):
        self.rng, self.style = rng, style
        self.n = rng.randint(1200, 7800)

    def next(self) -> str | None:
        if self.style == "none":
            return None
        self.n += self.rng.randint(3, 41)
        n = self.n
        if self.style == "num":
            return str(20000 + n * 7)
        if self.style == "prefix":
            return f"KO-{n:05d}"
        if self.style == "dotted":
            return f"{n // 10 % 1000:03d}.{n % 1000:03d}"
        if self.style == "alnum":
            return f"N{n:04d}"
        return f"57{n * 1379 % 10**7:07d}"  # long numeric (EAN-like) id


def unit_word(ctx: Ctx, ukey: str, off: int = 0) -> str:
    words = UNIT_WORDS[ctx.lang][ukey]
    return words[(ctx.unit_alt + off) % len(words)]


def goods_items(ctx: Ctx, subjects: list[str], n: int | None, sections: bool):
    """[(section or None, desc, ukey, content, lo, hi)] in catalogue order."""
    out = []
    for subj in subjects:
        for sec_da, sec_en, items in GOODS[subj]:
            for d_da, d_en, uk, content, lo, hi in items:
                out.append((ctx.t(sec_da, sec_en), ctx.t(d_da, d_en), uk, content, lo, hi))
    if n is not None and n < len(out):
        keep = sorted(ctx.rng.sample(range(len(out)), n))
        out = [out[i] for i in keep]
    if not sections:
        out = [(None,) + it[1:] for it in out]
    return out


def check_descriptions(truth: list[dict]) -> None:
    """No description may be part of another's (the scorer matches by containment)."""
    ds = {}
    for r in truth:
        ds.setdefault(r["description"].casefold(), r)
    keys = list(ds)
    for a in keys:
        for b in keys:
            if a != b and a in b:
                raise AssertionError(f"description {a!r} is part of {b!r}")


def qty_for(rng, ukey: str) -> int:
    if ukey == "kg":
        return rng.choice([150, 400, 800, 1200, 2500, 4800])
    return rng.choice([12, 25, 40, 60, 100, 150, 250, 400, 600, 1200, 2000, 3500])


# header vocabularies
POS_H = (["Pos.", "Pos. nr.", "Linjenr.", "Nr."], ["Line", "Pos.", "No."])
ID_H = (
    ["Varenr.", "Leverandørens varenr.", "Lev. varenr.", "Varenummer"],
    ["Item no.", "Supplier item no.", "Product no."],
)
DESC_H = (
    ["Beskrivelse", "Produktbeskrivelse", "Varebeskrivelse", "Vare"],
    ["Description", "Product description", "Item"],
)
UNIT_H = (["Enhed", "Salgsenhed", "Enh."], ["Unit", "Unit of sale"])
CONTENT_H = (
    ["Antal i salgsenhed", "Indhold pr. salgsenhed"],
    ["Quantity per unit", "Units per pack"],
)
QTY_H = (
    ["Forventet årligt forbrug", "Estimeret mængde", "Estimeret årligt forbrug (antal enheder)",
     "Anslået antal pr. år"],
    ["Est. annual quantity", "Estimated quantity", "Expected annual consumption"],
)  # fmt: skip
TOTAL_H = (
    ["Samlet pris", "Samlet pris (forbrug x enhedspris)", "Samlet pris ekskl. moms", "I alt"],
    ["Total", "Total price (quantity x unit price)", "Total excl. VAT"],
)
TOTAL_LABEL = (
    ["Samlet tilbudssum", "I alt", "Samlet tilbudssum ekskl. moms", "Tilbudssum i alt"],
    ["Total tender sum", "Total", "Total bid price"],
)


def price_head(ctx: Ctx, base_da=None, base_en=None) -> str:
    base = ctx.t(
        base_da or ctx.pick(["Tilbudt enhedspris", "Enhedspris", "Pris pr. enhed",
                             "Tilbudt pris pr. salgsenhed"]),
        base_en or ctx.pick(["Unit price", "Offered unit price", "Price per unit"]),
    )  # fmt: skip
    if ctx.vat_in_header():
        v = ctx.vat_words()
        form = ctx.hdr_alt % 3
        if form == 0:
            return f"{base} {v}"
        if form == 1:
            return f"{base}\n(DKK {v})"
        return ctx.t(f"{base} i DKK {v}", f"{base} (DKK, {v})")
    if ctx.money.endswith(("2dec", "general", "nosep")):
        return ctx.t(f"{base} i kr.", f"{base} (DKK)")
    return base


def money_col(ctx: Ctx, key: str, head: str, width=None) -> Col:
    return Col(key, head, "money", width or 14, MONEY_STYLES[ctx.money], RIGHT, wrap=True)


# ----------------------------------------------------------------------------- planners
def plan_goods(ctx: Ctx, subjects, n, *, sections, long, content_col, qty, total, note_col=False):
    """Goods list: [Pos] [Varenr] Beskrivelse Enhed [Antal i salgsenhed] [Forbrug] Pris [Samlet]."""
    rng = ctx.rng
    ids = Ids(rng, ctx.id_style)
    cols = []
    if ctx.pos_col:
        cols.append(Col("pos", ctx.pick(*POS_H), "int", 6, "0", CENTER))
    if ctx.id_style != "none":
        cols.append(Col("id", ctx.pick(*ID_H, off=1), "text", 12, None, LEFT, wrap=True))
    cols.append(Col("desc", ctx.pick(*DESC_H, off=2), "text", 34, None, LEFT, wrap=ctx.desc_wrap))
    cols.append(Col("unit", ctx.pick(*UNIT_H, off=3), "text", 9, None, CENTER, wrap=True))
    if content_col:
        cols.append(Col("content", ctx.pick(*CONTENT_H), "int", 10, "0", RIGHT, wrap=True))
    if qty:
        cols.append(Col("qty", ctx.pick(*QTY_H, off=1), "int", 13,
                        "#,##0" if ctx.qty_grouping else "0", RIGHT, wrap=True))  # fmt: skip
    cols.append(money_col(ctx, "price", price_head(ctx)))
    if qty and total:
        cols.append(Col("total", ctx.pick_vat(*TOTAL_H), "money", 15, MONEY_STYLES[ctx.money] if not
                        ctx.money.endswith("general") else "#,##0.00", RIGHT, wrap=True))  # fmt: skip
    if note_col:
        cols.append(
            Col("note", ctx.t("Bemærkninger", "Remarks"), "text", 18, None, LEFT, wrap=True)
        )
    items = goods_items(ctx, subjects, n, sections)
    rows, truth = [], []
    sec = None
    first_section = True
    for pos, (s, desc, uk, content, lo, hi) in enumerate(items, 1):
        if s and s != sec:
            if not first_section and rng.random() < 0.5:
                rows.append(Row("blank"))
            sec = s
            letter = "ABCDEFGH"[len([r for r in rows if r.kind == "section"])]
            label = ctx.t(f"Delområde {letter} – {s}", f"Sub-area {letter} – {s}")
            rows.append(
                Row(
                    "section",
                    {"desc": label},
                    page_break_before=(long and not first_section and letter == "C"),
                )
            )
            first_section = False
        iid = ids.next()
        price = price_between(rng, lo, hi)
        ut = unit_word(ctx, uk)
        if content and uk != "piece" and ctx.da and not content_col and rng.random() < 0.25:
            ut = f"{ut.rstrip('.').capitalize()} à {content}"
        dprinted = desc
        if ctx.desc_wrap and content and rng.random() < 0.3:
            dprinted = desc + ctx.t(f"\n{content} stk. pr. {unit_word(ctx, uk).rstrip('.')}",
                                    f"\n{content} per {unit_word(ctx, uk)}")  # fmt: skip
        cells = {"pos": pos, "id": iid, "desc": dprinted, "unit": ut, "price": price}
        if content_col:
            cells["content"] = content or 1
        if qty:
            cells["qty"] = qty_for(rng, uk)
        if qty and total:
            cells["total"] = ("mul", "qty", "price")
        if note_col:
            cells["note"] = rng.choice(["", "", ctx.t("Svanemærket", "Nordic Swan"),
                                        ctx.t("Leveres i hele kolli", "Full cartons only"), ""])  # fmt: skip
        rows.append(Row("item", cells))
        truth.append(
            truth_row(iid, dprinted, uk, ut, price, ctx.vat, rt=row_text(ctx, cols, cells))
        )
    if qty and total:
        if rng.random() < 0.5:
            rows.append(Row("blank"))
        rows.append(Row("total", {"desc": ctx.pick_vat(*TOTAL_LABEL), "total": ("sum", "total")}))
    feats = ["table:goods"] + [f"col:{c.key}" for c in cols]
    return cols, rows, truth, feats


def plan_discount(ctx: Ctx, subjects, n, with_qty: bool, pct_style: str):
    rng = ctx.rng
    ids = Ids(rng, ctx.id_style if ctx.id_style != "none" else "num")
    list_h = ctx.t("Listepris", "List price")
    net_h = ctx.t(
        ctx.pick(["Nettopris", "Tilbudt nettopris", "Aftalepris"]),
        ctx.pick(["Net price", "Net price"], ["Net price", "Agreed net price"]),
    )
    if ctx.vat_in_header():
        list_h += (
            ctx.t(" ekskl. moms", " excl. VAT")
            if ctx.vat == "excl"
            else ctx.t(" inkl. moms", " incl. VAT")
        )
        net_h += " " + ctx.vat_words()
    cols = [
        Col("id", ctx.pick(*ID_H, off=1), "text", 12, None, LEFT),
        Col("desc", ctx.pick(*DESC_H, off=2), "text", 34, None, LEFT, wrap=ctx.desc_wrap),
        Col("unit", ctx.pick(*UNIT_H, off=3), "text", 9, None, CENTER),
        money_col(ctx, "list", list_h),
        Col(
            "disc",
            ctx.t("Rabat i %", "Discount %"),
            "pct" if pct_style == "pct" else "pctnum",
            9,
            "0%" if pct_style == "pct" else "General",
            RIGHT,
            wrap=True,
        ),
        money_col(ctx, "net", net_h),
    ]
    if with_qty:
        cols.append(
            Col(
                "qty",
                ctx.pick(*QTY_H, off=2),
                "int",
                12,
                "#,##0" if ctx.qty_grouping else "0",
                RIGHT,
                wrap=True,
            )
        )
        cols.append(
            Col("total", ctx.pick_vat(*TOTAL_H, off=1), "money", 15, "#,##0.00", RIGHT, wrap=True)
        )
    rows, truth = [], []
    for _s, desc, uk, _content, lo, hi in goods_items(ctx, subjects, n, False):
        iid = ids.next()
        lp = price_between(rng, lo * 1.3, hi * 1.5)
        d = (
            rng.choice([10, 12, 15, 20, 25, 30, 35, 40])
            if pct_style == "pct"
            else rng.choice([10, 12.5, 15, 17.5, 20, 22, 25, 30, 32.5])
        )
        net = q(lp * (1 - Decimal(str(d)) / 100))
        ut = unit_word(ctx, uk)
        cells = {"id": iid, "desc": desc, "unit": ut, "list": lp,
                 "disc": d / 100 if pct_style == "pct" else d, "net": net}  # fmt: skip
        if with_qty:
            cells["qty"] = qty_for(rng, uk)
            cells["total"] = ("mul", "qty", "net")
        rows.append(Row("item", cells))
        truth.append(truth_row(iid, desc, uk, ut, net, ctx.vat, rt=row_text(ctx, cols, cells)))
    if with_qty:
        rows.append(
            Row("total", {"desc": ctx.pick_vat(*TOTAL_LABEL, off=1), "total": ("sum", "total")})
        )
    return cols, rows, truth, ["table:discount", f"discount:{pct_style}", f"ids:{ids.style}"]


BAND_STYLES = {
    "da": [
        ([("1-99 stk.", 1, 99), ("100-499 stk.", 100, 499), ("500+ stk.", 500, None)]),
        ([("1-49", 1, 49), ("50-199", 50, 199), ("200 og derover", 200, None)]),
        ([("0-99 stk.", 0, 99), ("100-999 stk.", 100, 999), ("Over 999 stk.", 1000, None)]),
        ([("1-249", 1, 249), ("250-999", 250, 999), ("Fra 1.000", 1000, None)]),
    ],
    "en": [
        ([("1-99 units", 1, 99), ("100-499 units", 100, 499), ("500+ units", 500, None)]),
        ([("1-49", 1, 49), ("50-199", 50, 199), ("200 or more", 200, None)]),
    ],
}


def plan_bands_cols(ctx: Ctx, subjects, n, band_style: int, with_qty: bool):
    rng = ctx.rng
    ids = Ids(rng, ctx.id_style if ctx.id_style != "none" else "prefix")
    bands = BAND_STYLES[ctx.lang][band_style % len(BAND_STYLES[ctx.lang])]
    cols = [
        Col("id", ctx.pick(*ID_H, off=1), "text", 12, None, LEFT, wrap=True),
        Col("desc", ctx.pick(*DESC_H, off=2), "text", 34, None, LEFT, wrap=ctx.desc_wrap),
        Col("unit", ctx.pick(*UNIT_H, off=3), "text", 9, None, CENTER, wrap=True),
    ]
    if with_qty:
        cols.append(
            Col(
                "qty",
                ctx.pick(*QTY_H, off=3),
                "int",
                13,
                "#,##0" if ctx.qty_grouping else "0",
                RIGHT,
                wrap=True,
            )
        )
    labels = {}
    for i, (lab, _a, _b) in enumerate(bands):
        cols.append(Col(f"b{i}", lab, "money", 13, MONEY_STYLES[ctx.money], RIGHT, wrap=True))
        labels[f"b{i}"] = lab
    gtext = ctx.t(
        ctx.pick(["Enhedspris ved samlet årligt køb", "Pris pr. enhed ved køb af",
                  "Tilbudt enhedspris pr. ordre (antal enheder)"]),
        ctx.pick(["Unit price by annual volume"], ["Unit price by annual volume", "Unit price per order quantity"]),
    )  # fmt: skip
    if ctx.vat_in_header():
        gtext += " " + ctx.vat_words()
    rows, truth = [], []
    for _s, desc, uk, _content, lo, hi in goods_items(ctx, subjects, n, False):
        iid = ids.next()
        ut = unit_word(ctx, uk)
        p0 = price_between(rng, lo, hi)
        prices = [p0, q(p0 * Decimal("0.94")), q(p0 * Decimal("0.88"))]
        cells = {"id": iid, "desc": desc, "unit": ut}
        if with_qty:
            cells["qty"] = qty_for(rng, uk)
        for i, p in enumerate(prices):
            cells[f"b{i}"] = p
        rows.append(Row("item", cells))
        base = [shown(ctx, c, cells.get(c.key)) for c in cols if not c.key.startswith("b")]
        for i, (lab, a, b) in enumerate(bands):
            rt = " | ".join([x for x in base if x] + [f"{lab}: {money_text(prices[i], ctx.money)}"])
            truth.append(truth_row(iid, desc, uk, ut, prices[i], ctx.vat, a, b, rt))
    group = (cols[-3].key, cols[-1].key, gtext)
    return cols, rows, truth, ["table:bands_cols", f"ids:{ids.style}"], group


def plan_bands_rows(ctx: Ctx, subjects, n, band_style: int, merge: str):
    rng = ctx.rng
    ids = Ids(rng, ctx.id_style if ctx.id_style != "none" else "num")
    bands = BAND_STYLES[ctx.lang][band_style % len(BAND_STYLES[ctx.lang])]
    cols = [
        Col("id", ctx.pick(*ID_H, off=1), "text", 12, None, LEFT),
        Col("desc", ctx.pick(*DESC_H, off=2), "text", 34, None, LEFT, wrap=ctx.desc_wrap),
        Col(
            "band",
            ctx.t(
                ctx.pick(["Mængdeinterval", "Antal (interval)", "Trin"]),
                ctx.pick(["Quantity band", "Volume band"]),
            ),
            "text",
            14,
            None,
            CENTER,
        ),  # fmt: skip
        Col("unit", ctx.pick(*UNIT_H, off=3), "text", 9, None, CENTER),
        money_col(ctx, "price", price_head(ctx)),
    ]
    rows, truth = [], []
    for _s, desc, uk, _content, lo, hi in goods_items(ctx, subjects, n, False):
        iid = ids.next()
        ut = unit_word(ctx, uk)
        p0 = price_between(rng, lo, hi)
        for i, (lab, a, b) in enumerate(bands):
            p = q(p0 * (1 - Decimal("0.05") * i))
            if i == 0 or merge == "repeat":
                cells = {"id": iid, "desc": desc, "band": lab, "unit": ut, "price": p}
                mu = ()
            else:  # merged with the cells above, or left blank below the first band
                cells = {"band": lab, "unit": ut, "price": p}
                mu = ("id", "desc") if merge == "merged" else ()
            rows.append(Row("item", cells, merge_up=mu))
            rt = row_text(ctx, cols, dict(cells, id=iid, desc=desc))
            truth.append(truth_row(iid, desc, uk, ut, p, ctx.vat, a, b, rt))
    return cols, rows, truth, ["table:bands_rows", f"ids:{ids.style}", f"band_rows:{merge}"]


def plan_hourly(ctx: Ctx, roles, quals: bool, unit_col: bool, hours: bool):
    rng = ctx.rng
    base_da = ctx.pick(["Timepris", "Tilbudt timepris", "Timepris"])
    base_en = ctx.pick(["Hourly rate", "Hourly rate", "Rate per hour"])
    cols = []
    if ctx.pos_col:
        cols.append(Col("pos", ctx.pick(*POS_H), "int", 6, "0", CENTER))
    cols.append(Col("desc", ctx.t(ctx.pick(["Personalekategori", "Medarbejderkategori", "Rolle"]),
                                  ctx.pick(["Staff category", "Role"])), "text", 30, None, LEFT,
                    wrap=True))  # fmt: skip
    if quals:
        cols.append(Col("quals", ctx.t("Kvalifikationer / krav", "Qualifications"), "text", 30, None,
                        LEFT, wrap=True))  # fmt: skip
    if unit_col:
        cols.append(Col("unit", ctx.pick(*UNIT_H), "text", 9, None, CENTER))
    cols.append(money_col(ctx, "price", price_head(ctx, base_da, base_en)))
    if hours:
        cols.append(Col("qty", ctx.t("Estimeret antal timer pr. år", "Estimated hours per year"),
                        "int", 13, "#,##0" if ctx.qty_grouping else "0", RIGHT, wrap=True))  # fmt: skip
        cols.append(Col("total", ctx.pick_vat(*TOTAL_H), "money", 15, "#,##0.00", RIGHT, wrap=True))
    rows, truth = [], []
    for i, (r_da, r_en, lo, hi, qd, qe) in enumerate(roles):
        p = price_between(rng, lo, hi)
        ut = unit_word(ctx, "hour") if unit_col else ctx.t(base_da, base_en)
        cells = {"pos": i + 1, "desc": ctx.t(r_da, r_en), "quals": ctx.t(qd, qe), "price": p}
        if unit_col:
            cells["unit"] = ut
        if hours:
            cells["qty"] = rng.choice([50, 120, 200, 400, 750, 1500, 3000])
            cells["total"] = ("mul", "qty", "price")
        rows.append(Row("item", cells))
        truth.append(truth_row(None, ctx.t(r_da, r_en), "hour", ut, p, ctx.vat,
                               rt=row_text(ctx, cols, cells)))  # fmt: skip
    if hours:
        rows.append(
            Row("total", {"desc": ctx.pick_vat(*TOTAL_LABEL, off=2), "total": ("sum", "total")})
        )
    return (
        cols,
        rows,
        truth,
        ["table:hourly"]
        + (["hourly:quals"] if quals else [])
        + (["hourly:unit_col"] if unit_col else []),
    )


def plan_it(ctx: Ctx):
    rng = ctx.rng
    cols = [
        Col("pos", ctx.pick(*POS_H), "int", 6, "0", CENTER),
        Col("desc", ctx.t("Ydelse", "Service"), "text", 36, None, LEFT, wrap=True),
        Col("unit", ctx.pick(*UNIT_H), "text", 18, None, LEFT, wrap=True),
        money_col(ctx, "price", price_head(ctx, "Pris", "Price")),
        Col(
            "qty", ctx.t("Antal (estimat)", "Quantity (estimate)"), "int", 11, "0", RIGHT, wrap=True
        ),
        Col(
            "total",
            ctx.t("Samlet pris pr. år", "Total per year"),
            "money",
            15,
            "#,##0.00",
            RIGHT,
            wrap=True,
        ),
    ]
    rows, truth = [], []
    pos = 0
    incl_at = {2: IT_INCLUDED[0], 4: IT_INCLUDED[1]}
    for i, (d_da, d_en, uk, lo, hi) in enumerate(IT_LINES):
        if i in incl_at:
            pos += 1
            rows.append(Row("noprice", {"pos": pos, "desc": ctx.t(*incl_at[i]), "unit": "",
                                        "price": ctx.t("Inkluderet", "Included")}))  # fmt: skip
        pos += 1
        p = price_between(rng, lo, hi)
        ut = unit_word(ctx, uk)
        n = {"user_year": 45, "user_month": 120, "month": 12, "hour": 150}[uk]
        cells = {
            "pos": pos,
            "desc": ctx.t(d_da, d_en),
            "unit": ut,
            "price": p,
            "qty": n,
            "total": ("mul", "qty", "price") if uk != "user_month" else ("mul12", "qty", "price"),
        }
        rows.append(Row("item", cells))
        truth.append(
            truth_row(None, ctx.t(d_da, d_en), uk, ut, p, ctx.vat, rt=row_text(ctx, cols, cells))
        )
    rows.append(Row("blank"))
    rows.append(Row("total", {"desc": ctx.pick_vat(*TOTAL_LABEL), "total": ("sum", "total")}))
    return cols, rows, truth, ["table:it", "noprice:included"]


def plan_incl_beside(ctx: Ctx, subjects, n):
    """Price excl. VAT beside price incl. VAT (formula): the agreed price is the excl. one."""
    rng = ctx.rng
    ids = Ids(rng, ctx.id_style)
    cols = []
    if ctx.id_style != "none":
        cols.append(Col("id", ctx.pick(*ID_H, off=1), "text", 12, None, LEFT))
    cols += [
        Col("desc", ctx.pick(*DESC_H, off=2), "text", 34, None, LEFT, wrap=ctx.desc_wrap),
        Col("unit", ctx.pick(*UNIT_H, off=3), "text", 9, None, CENTER),
        money_col(ctx, "price", ctx.t("Enhedspris ekskl. moms", "Unit price excl. VAT")),
        money_col(ctx, "incl", ctx.t("Enhedspris inkl. moms", "Unit price incl. VAT")),
    ]
    rows, truth = [], []
    for _s, desc, uk, _content, lo, hi in goods_items(ctx, subjects, n, False):
        iid = ids.next()
        p = price_between(rng, lo, hi)
        ut = unit_word(ctx, uk)
        cells = {"id": iid, "desc": desc, "unit": ut, "price": p, "incl": ("vat", "price")}
        rows.append(Row("item", cells))
        rt = row_text(ctx, cols, cells) + " | " + money_text(q(p * Decimal("1.25")), ctx.money)
        truth.append(truth_row(iid, desc, uk, ut, p, "excl", rt=rt))
    return cols, rows, truth, ["table:incl_beside"]


# ----------------------------------------------------------------------------- writer
@dataclass
class Style:
    font: str
    size: float
    header_fill: str | None  # RGB or None
    header_font_color: str
    header_bold: bool
    borders: str  # all / header / none
    gridlines: bool
    zebra: bool
    input_fill: bool
    orientation: str
    fit: str  # none / width / scale
    print_titles: bool
    hf: str  # none / sheet_pageof / text_page / footer_only
    header_text: str
    lang: str


def _lines(text: str, width: float, size: float, wrap: bool) -> int:
    if not text:
        return 1
    parts = str(text).split("\n")
    if not wrap:
        return len(parts)
    cap = max(1.0, (7.0 * width - 5) / (0.58 * size))  # ~7 pt per width unit; wide sans font
    return sum(max(1, math.ceil(len(p) / cap)) for p in parts)


def write_workbook(wb, plans: list[SheetPlan], st: Style, ctx: Ctx, vejledning: list[str] | None):
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.pagebreak import Break

    thin = Side(style="thin", color="000000")
    medium = Side(style="medium", color="000000")
    ws0 = wb.active
    first = True
    if vejledning:
        ws0.title = ctx.t("Vejledning", "Instructions")
        ws0.column_dimensions["A"].width = 70
        for i, line in enumerate(vejledning, 1):
            c = ws0.cell(i, 1, line)
            c.font = Font(name=st.font, size=st.size + (3 if i == 1 else 0), bold=i == 1)
            c.alignment = Alignment(wrap_text=True, vertical="top")
            ws0.row_dimensions[i].height = _lines(line, 70, st.size, True) * st.size * 1.35 + 4
        ws0.page_setup.paperSize = 9
        ws0.page_setup.orientation = "portrait"
        first = False
    for plan in plans:
        ws = ws0 if first else wb.create_sheet()
        first = False
        ws.title = plan.name
        cols = list(plan.cols)
        if plan.hidden_col is not None:
            cols.insert(min(len(cols), 2), plan.hidden_col)
        ci = {c.key: i + 1 for i, c in enumerate(cols)}
        ncol = len(cols)
        last = get_column_letter(ncol)
        fnt = lambda **kw: Font(name=st.font, size=kw.pop("size", st.size), **kw)  # noqa: E731
        for c in cols:
            ws.column_dimensions[get_column_letter(ci[c.key])].width = c.width
            if c.hidden:
                ws.column_dimensions[get_column_letter(ci[c.key])].hidden = True
        r = 1
        # title block
        for item in plan.title:
            kind = item[0]
            if kind == "title":
                ws.cell(r, 1, item[1]).font = fnt(bold=True, size=st.size + 4)
                ws.merge_cells(f"A{r}:{last}{r}")
                ws.row_dimensions[r].height = (st.size + 4) * 1.45
            elif kind == "sub":
                ws.cell(r, 1, item[1]).font = fnt(bold=True, size=st.size + 1)
                ws.row_dimensions[r].height = (st.size + 1) * 1.45
            elif kind == "label":
                need = len(item[1]) * 1.2 * st.size / 11 + 1
                vc, acc = None, 0.0
                for j, c in enumerate(cols[:3], 1):
                    acc += 0 if c.hidden else c.width
                    if acc >= need and j < ncol:
                        vc = j + 1
                        break
                if vc is None:  # no room for a label cell: one cell "Label: value"
                    ws.cell(r, 1, f"{item[1]} {item[2]}").font = fnt(bold=True)
                else:
                    ws.cell(r, 1, item[1]).font = fnt(bold=True)
                    ws.cell(r, vc, item[2]).font = fnt()
            elif kind == "text":
                ws.cell(r, 1, item[1]).font = fnt(italic=len(item) > 2 and item[2] == "i")
            elif kind == "blank":
                pass
            r += 1
        # header rows
        hdr_top = r
        two = plan.group is not None
        hrows = [r, r + 1] if two else [r]
        hfill = PatternFill("solid", fgColor=st.header_fill) if st.header_fill else None
        hfont = fnt(bold=st.header_bold, color=st.header_font_color)
        halign = Alignment(wrap_text=True, vertical="center" if two else "bottom", horizontal="center"
                           if st.header_fill else None)  # fmt: skip
        if two:
            g0, g1 = ci[plan.group[0]], ci[plan.group[1]]
        for c in cols:
            j = ci[c.key]
            if two and g0 <= j <= g1:
                ws.cell(r + 1, j, c.head)
                if j == g0:
                    ws.cell(r, j, plan.group[2])
            else:
                ws.cell(r, j, c.head)
                if two:
                    ws.merge_cells(start_row=r, start_column=j, end_row=r + 1, end_column=j)
        if two:
            ws.merge_cells(start_row=r, start_column=g0, end_row=r, end_column=g1)
        for hr in hrows:
            for j in range(1, ncol + 1):
                cell = ws.cell(hr, j)
                cell.font = hfont
                cell.alignment = halign
                if hfill:
                    cell.fill = hfill
                if st.borders in ("all", "header"):
                    cell.border = Border(left=thin, right=thin, top=thin, bottom=medium
                                         if st.borders == "header" else thin)  # fmt: skip
            lines = 1
            for c in cols:
                v = ws.cell(hr, ci[c.key]).value
                if v and not c.hidden:
                    w = (
                        c.width
                        if not (two and hr == hrows[0] and c.key == plan.group[0])
                        else sum(x.width for x in cols[g0 - 1 : g1])
                    )
                    span = 2 if (two and not (g0 <= ci[c.key] <= g1)) else 1
                    lines = max(lines, math.ceil(_lines(v, w, st.size, True) / span))
            ws.row_dimensions[hr].height = lines * st.size * 1.32 + 4
        r = hrows[-1] + 1
        body_first = r
        if st.print_titles:
            ws.print_title_rows = f"{hdr_top}:{hrows[-1]}"
        item_rows = []
        zebra_fill = PatternFill("solid", fgColor="F2F2F2")
        input_fill = PatternFill("solid", fgColor="FFF2CC")
        sec_fill = PatternFill("solid", fgColor="E7E6E6")
        merge_start: dict[str, int] = {}
        for k, row in enumerate(plan.rows):
            if row.page_break_before:
                ws.row_breaks.append(Break(id=r - 1))
            if row.kind == "blank":
                r += 1
                continue
            if row.kind == "section":
                c = ws.cell(r, 1, row.cells["desc"])
                c.font = fnt(bold=True)
                if st.borders == "all":
                    c.fill = sec_fill
                    ws.merge_cells(f"A{r}:{last}{r}")
                    for j in range(1, ncol + 1):
                        ws.cell(r, j).border = Border(left=thin, right=thin, top=thin, bottom=thin)
                ws.row_dimensions[r].height = st.size * 1.6
                r += 1
                continue
            lines = 1
            for c in cols:
                v = row.cells.get(c.key)
                j = ci[c.key]
                cell = ws.cell(r, j)
                if isinstance(v, tuple):
                    op = v[0]
                    if op in ("mul", "mul12"):
                        a, b = get_column_letter(ci[v[1]]), get_column_letter(ci[v[2]])
                        cell.value = f"={a}{r}*{b}{r}" + ("*12" if op == "mul12" else "")
                    elif op == "sum":
                        col_l = get_column_letter(j)
                        cell.value = f"=SUM({col_l}{body_first}:{col_l}{r - 1})"
                    elif op == "vat":
                        a = get_column_letter(ci[v[1]])
                        cell.value = f"=ROUND({a}{r}*1.25,2)"
                    cell.number_format = c.fmt or "#,##0.00"
                elif isinstance(v, Decimal):
                    cell.value = float(v)
                    cell.number_format = c.fmt or "General"
                elif v is not None and v != "":
                    if c.kind in ("pct", "pctnum", "int") and not isinstance(v, str):
                        cell.value = v
                        cell.number_format = c.fmt or "General"
                    else:
                        cell.value = v
                        cell.number_format = "@"
                if c.hidden and row.kind == "item":
                    cell.value = 44120000 + 37 * len(item_rows)
                al = c.align
                if isinstance(v, str) and c.kind != "text":
                    al = RIGHT
                cell.alignment = Alignment(horizontal=al, vertical="top",
                                           wrap_text=c.wrap and c.kind == "text")  # fmt: skip
                cell.font = fnt(bold=row.kind == "total")
                if st.borders == "all":
                    cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
                if row.kind == "total" and st.borders != "all":
                    cell.border = Border(top=thin, bottom=Side(style="double"))
                if st.zebra and len(item_rows) % 2 == 1 and row.kind != "total":
                    cell.fill = zebra_fill
                if (
                    st.input_fill
                    and c.key in ("price", "net", "b0", "b1", "b2")
                    and row.kind == "item"
                ):
                    cell.fill = input_fill
                if c.kind == "text" and isinstance(v, str) and not c.hidden:
                    lines = max(lines, _lines(v, c.width, st.size, c.wrap))
            # vertical merges (band rows with the item's cells merged down)
            for key in ("id", "desc"):
                if key not in ci:
                    continue
                if key in row.merge_up:
                    continue
                nxt = plan.rows[k + 1] if k + 1 < len(plan.rows) else None
                if nxt is not None and key in nxt.merge_up:
                    merge_start[key] = r
            for key in row.merge_up:
                if key not in ci:
                    continue
                nxt = plan.rows[k + 1] if k + 1 < len(plan.rows) else None
                if nxt is None or key not in nxt.merge_up:
                    j = ci[key]
                    ws.merge_cells(
                        start_row=merge_start[key], start_column=j, end_row=r, end_column=j
                    )
            ws.row_dimensions[r].height = lines * st.size * 1.32 + 3
            if row.kind == "item":
                item_rows.append(r)
            r += 1
        # notes under the table
        if plan.notes:
            r += 1
            for note in plan.notes:
                ws.cell(r, 1, note).font = fnt(italic=True, size=st.size - 1)
                r += 1
        # page setup
        ws.page_setup.paperSize = 9
        ws.page_setup.orientation = st.orientation
        ws.print_options.gridLines = st.gridlines
        if st.fit == "width":
            ws.sheet_properties.pageSetUpPr.fitToPage = True
            ws.page_setup.fitToWidth = 1
            ws.page_setup.fitToHeight = 0
        elif st.fit == "scale":
            ws.page_setup.scale = 85
        ws.page_margins.left = ws.page_margins.right = 0.5
        ws.page_margins.top = ws.page_margins.bottom = 0.75
        page = "Side &P af &N" if st.lang == "da" else "Page &P of &N"
        if st.hf == "sheet_pageof":
            ws.oddHeader.center.text = "&A"
            ws.oddFooter.right.text = page
        elif st.hf == "text_page":
            ws.oddHeader.left.text = st.header_text
            ws.oddFooter.center.text = "Side &P" if st.lang == "da" else "Page &P"
        elif st.hf == "footer_only":
            ws.oddFooter.left.text = st.header_text
            ws.oddFooter.right.text = page
    return wb


def table_width(plan: SheetPlan) -> float:
    return sum(c.width for c in plan.cols if not c.hidden)


def _evaluate(plan: SheetPlan) -> list[dict]:
    """Row cells with formulas replaced by their values (for sizing the columns)."""
    out, acc = [], {}
    for row in plan.rows:
        cells = {}
        for k, v in row.cells.items():
            if isinstance(v, tuple):
                if v[0] in ("mul", "mul12"):
                    a, b = row.cells.get(v[1]), row.cells.get(v[2])
                    v = Decimal(a) * Decimal(b) * (12 if v[0] == "mul12" else 1)
                    acc[k] = acc.get(k, Decimal(0)) + v
                elif v[0] == "sum":
                    v = acc.get(v[1], Decimal(0))
                elif v[0] == "vat":
                    v = q(Decimal(row.cells[v[1]]) * Decimal("1.25"))
            cells[k] = v
        out.append(cells)
    return out


def autosize(plan: SheetPlan, ctx: Ctx, size: float) -> None:
    """Widen columns so that no number prints as ### and no unwrapped text is cut off."""
    rows = _evaluate(plan)
    for c in plan.cols:
        longest = 0
        for cells in rows:
            v = cells.get(c.key)
            if v is None or v == "":
                continue
            if isinstance(v, Decimal) and c.kind == "money" and c.fmt != MONEY_STYLES[ctx.money]:
                s = num(v, ctx.lang)  # totals in '#,##0.00'
            else:
                s = shown(ctx, c, v)
            if c.kind == "text" and c.wrap:
                s = max(str(v).split(), key=len)  # a wrapped cell needs its longest word
            longest = max(longest, max(len(p) for p in str(s).split("\n")))
        if c.fmt and "kr." in c.fmt and "*" in c.fmt:
            longest += 3  # accounting format: currency at the left edge, padding
        need = (longest * 0.6 * size + 10) / 7.0
        # the header's longest word must fit too (bold), or Calc breaks it inside the word
        hword = max(len(w) for w in c.head.split()) if c.head.split() else 0
        need = max(need, (hword * 0.68 * size + 10) / 7.0)
        c.width = max(c.width, round(need, 1))
