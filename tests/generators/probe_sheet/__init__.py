"""probe_sheet: contracts whose body is a Word document and whose price appendix is an Excel
"tilbudsliste" printed by LibreOffice Calc, joined into one PDF. See README.md."""

from __future__ import annotations

import json
import random
import shutil
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

from .render import CalcMissing, SofficeMissing, convert, find_soffice, join_pdfs, require_soffice

__all__ = [
    "CalcMissing",
    "SofficeMissing",
    "build",
    "coverage",
    "find_soffice",
    "generate",
    "generate_many",
    "require_soffice",
]

KINDS = [
    "goods",  # 0: estimate, total, "Samlet tilbudssum"
    "discount",  # 1: list price, discount %, net price
    "bands",  # 2: volume bands as columns (even tens) or as rows (odd tens)
    "hourly",  # 3: hourly rates by staff category
    "goods_long",  # 4: long list over pages, sections, print titles or not
    "bands_rows",  # 5: volume bands as rows
    "food",  # 6: kg and pieces, sections, long
    "incl_beside",  # 7: excl. and incl. VAT columns
    "it",  # 8: licences, operation, hours, "Inkluderet" rows
    "two_sheets",  # 9: instructions sheet + goods with band columns + hourly sheet
]


class Picks:
    """Rotated choices; every choice is recorded so that coverage over seeds can be checked."""

    def __init__(self):
        self.chosen: dict[str, object] = {}
        self.options: dict[str, list] = {}
        self.label: dict[str, str] = {}  # short feature label for long (tuple) options

    def rot(self, name, opts, idx, off=0):
        i = (idx + off) % len(opts)
        v = opts[i]
        self.note(name, v, opts)
        if isinstance(v, (tuple, list)):
            self.label[name] = f"#{i}"
        return v

    def note(self, name, value, opts=None):
        self.chosen[name] = value
        if opts is not None:
            self.options[name] = list(opts)


def _key(v) -> str:
    return json.dumps(v, ensure_ascii=False, default=str) if not isinstance(v, str) else v


def _li(seed: int) -> int:
    return seed // 3 if seed % 3 == 2 else seed - (seed + 1) // 3


def build(seed: int):
    """(stem, python-docx Document, openpyxl Workbook, truth dict, Picks) for ``seed``."""
    import openpyxl

    from . import body, sheet
    from .data import BUYERS, ROLES_CLEAN, ROLES_CONSULT, ROLES_TEMP, SUBJECTS, VENDORS
    from .fmt import MONEY_DA, MONEY_EN, fmt_date, make_cvr, num

    rng = random.Random(seed)
    pk = Picks()
    lang = "en" if seed % 3 == 2 else "da"
    en = lang == "en"
    li = _li(seed)
    kind = KINDS[seed % 10]
    if kind == "bands":
        kind = "bands_cols" if (seed // 10) % 2 == 0 else "bands_rows"
    pk.note("kind", kind)

    subject = {
        "goods": ["office", "cleaning", "clothes", "care"],
        "discount": ["cleaning", "office", "toner"],
        "bands_cols": ["office", "care"],
        "bands_rows": ["care", "office", "cleaning"],
        "hourly": ["consult", "temp"],
        "goods_long": ["office", "cleaning"],
        "food": ["food"],
        "incl_beside": ["toner", "clothes"],
        "it": ["it"],
        "two_sheets": ["cleaning"],
    }[kind]
    subject = subject[(seed // 10) % len(subject)]
    pk.note("subject", subject)

    # ---- parties
    bname, baddr = BUYERS[(seed * 3 + 1) % len(BUYERS)]
    vends = VENDORS[subject]
    vname, vaddr = vends[(seed // 10) % len(vends)]
    bcvr, vcvr = make_cvr(rng), make_cvr(rng)
    while vcvr == bcvr:
        vcvr = make_cvr(rng)
    t_da, t_en, lot_da, lot_en = SUBJECTS[subject]
    title = t_en if en else t_da
    lot = lot_en if en else lot_da

    # ---- contract terms
    terms = body.make_terms(rng, pk, lang, li)

    # ---- VAT and sheet options
    vat = "incl" if seed % 20 in (10, 16) else "excl"
    if kind == "incl_beside":
        vat = "excl"
    pk.note("vat", vat, ["excl", "incl"])
    vat_loc = pk.rot("vat_loc", ["header", "title", "both", "note", "body"], seed, 0)
    if kind == "incl_beside":
        vat_loc = "header"
        pk.note("vat_loc", vat_loc)
    money = pk.rot("money:" + lang, MONEY_EN if en else MONEY_DA, li, 2)
    annex = pk.rot("annex:" + lang, ["Annex 1 – Price schedule", "Appendix 2 – Price list"] if en else
                   ["Bilag 1 – Tilbudsliste", "Bilag 2 – Prisbilag", "Bilag 1 – Prisliste"], li, 0)  # fmt: skip
    ctx = sheet.Ctx(
        rng=rng,
        seed=seed,
        lang=lang,
        vat=vat,
        vat_loc=vat_loc,
        money=money,
        qty_grouping=pk.rot("qty_grouping", [True, False], seed, 1),
        unit_alt=pk.rot("unit_alt", [0, 1, 2], seed, 0),
        id_style=pk.rot("id_style", ["num", "prefix", "dotted", "alnum", "long", "none"], seed, 0),
        vendor=vname,
        vendor_cvr=vcvr,
        lot=lot,
        annex=annex,
        title_block=pk.rot("title_block", ["full", "short", "none"], seed, 0),
        hdr_alt=pk.rot("hdr_alt", [0, 1, 2, 3], seed, 1),
        desc_wrap=pk.rot("desc_wrap", [False, True], seed // 2, 0),
        pos_col=pk.rot("pos_col", [True, False], seed // 2, 1),
    )
    long = kind in ("goods_long", "food")

    plans = []
    sheet_name = pk.rot("sheet_name:" + lang, ["Price schedule", "Sheet1", "Prices"] if en else
                        ["Tilbudsliste", "Prisbilag", "Ark1", "Delaftale"], li, 3)  # fmt: skip

    def mk(name, res, group=None):
        cols, rows, truth, feats = res[:4]
        if len(res) > 4:
            group = res[4]
        return sheet.SheetPlan(name, cols, rows, truth=truth, feats=feats, group=group)

    band_style = seed // 3
    if kind == "goods":
        content = pk.rot("content_col", [True, False], seed // 10, 0)
        note_col = pk.rot("note_col", [False, True], seed // 10, 0)
        plans.append(mk(sheet_name, sheet.plan_goods(
            ctx, [subject], rng.randint(9, 16), sections=rng.random() < 0.5, long=False,
            content_col=content, qty=True, total=True, note_col=note_col)))  # fmt: skip
    elif kind == "goods_long":
        subs = ["office", "toner"] if subject == "office" else ["cleaning", "care"]
        plans.append(mk(sheet_name, sheet.plan_goods(
            ctx, subs, None, sections=True, long=pk.rot("manual_break", [True, False], seed // 10, 0),
            content_col=False, qty=True, total=pk.rot("long_total", [True, False], seed // 10, 0))))  # fmt: skip
    elif kind == "food":
        plans.append(mk(sheet_name, sheet.plan_goods(
            ctx, ["food"], None, sections=True, long=pk.rot("manual_break", [True, False], seed // 10, 0),
            content_col=False, qty=True, total=True)))  # fmt: skip
    elif kind == "discount":
        pct = pk.rot("discount_pct", ["pct", "num"], seed // 10, 0)
        plans.append(mk(sheet_name, sheet.plan_discount(
            ctx, [subject], rng.randint(8, 14), pk.rot("discount_qty", [True, False], seed // 10, 1), pct)))  # fmt: skip
    elif kind == "bands_cols":
        plans.append(
            mk(
                sheet_name,
                sheet.plan_bands_cols(
                    ctx,
                    [subject],
                    rng.randint(6, 10),
                    band_style,
                    pk.rot("bands_qty", [False, True], seed // 10, 0),
                ),
            )
        )
    elif kind == "bands_rows":
        merge = pk.rot("band_rows_merge", ["merged", "repeat", "blank"], seed // 5, 0)
        plans.append(
            mk(
                sheet_name,
                sheet.plan_bands_rows(ctx, [subject], rng.randint(4, 7), band_style, merge),
            )
        )
    elif kind == "hourly":
        roles = ROLES_CONSULT if subject == "consult" else ROLES_TEMP
        plans.append(mk(ctx.t("Timepriser", "Hourly rates"), sheet.plan_hourly(
            ctx, roles, pk.rot("hourly_quals", [True, False], seed // 10, 0),
            pk.rot("hourly_unit_col", [False, True], seed // 10, 0), pk.rot("hourly_hours", [True, False], seed // 10, 1))))  # fmt: skip
    elif kind == "it":
        plans.append(mk(sheet_name, sheet.plan_it(ctx)))
    elif kind == "incl_beside":
        plans.append(mk(sheet_name, sheet.plan_incl_beside(ctx, [subject], rng.randint(8, 12))))
    elif kind == "two_sheets":
        plans.append(
            mk(
                ctx.t("Varer", "Goods"),
                sheet.plan_bands_cols(
                    ctx,
                    [subject],
                    rng.randint(5, 8),
                    band_style,
                    pk.rot("bands_qty", [False, True], seed // 10, 0),
                ),
            )
        )
        roles = ROLES_CLEAN
        plans.append(mk(ctx.t("Timepriser", "Hourly rates"), sheet.plan_hourly(
            ctx, roles, pk.rot("hourly_quals", [True, False], seed // 10, 1),
            pk.rot("hourly_unit_col", [False, True], seed // 10, 1), pk.rot("hourly_hours", [True, False], seed // 10, 0))))  # fmt: skip
    if kind in ("bands_cols", "bands_rows", "two_sheets"):
        pk.note(
            "band_style:" + lang,
            band_style % len(sheet.BAND_STYLES[lang]),
            list(range(len(sheet.BAND_STYLES[lang]))),
        )
    vejl = kind == "two_sheets" or (kind == "goods_long" and seed // 10 % 2 == 1)
    pk.note("instructions_sheet", vejl, [False, True])

    # ---- title block, notes, hidden column per sheet
    hidden = pk.rot("hidden_col", [False, True, False], seed, 2)
    tender_deadline = terms["effective"] - timedelta(days=rng.randint(90, 160))
    vat_line = ctx.t(
        ("Priser angives i DKK ekskl. moms" if vat == "excl" else "Priser angives i DKK inkl. moms")
        if seed % 2 else
        f"Alle priser er i danske kroner {ctx.vat_words()} og inkl. levering",
        "Prices in DKK excluding VAT" if vat == "excl" else "Prices in DKK including VAT",
    )  # fmt: skip
    for i, plan in enumerate(plans):
        tb = []
        if ctx.title_block == "full":
            tb.append(("title", annex if i == 0 else f"{annex} ({plan.name})"))
            tb.append(("sub", ctx.t(f"Udbud af {title.split(' om ')[-1].replace('levering af ', '')} – {lot}",
                                    f"Tender – {lot}")))  # fmt: skip
            tb.append(("label", ctx.t("Tilbudsgiver:", "Tenderer:"), vname))
            tb.append(("label", ctx.t("CVR-nr.:", "CVR no.:"), vcvr))
            tb.append(
                (
                    "label",
                    ctx.t("Dato:", "Date:"),
                    fmt_date(tender_deadline - timedelta(days=3), "dots" if not en else "iso"),
                )
            )
        elif ctx.title_block == "short":
            short = annex.split("– ")[-1]
            tb.append(("title", f"{short} – {lot}"))
        if vat_loc in ("title", "both"):
            tb.append(("text", vat_line))
        if tb:
            tb.append(("blank",))
        plan.title = tb
        if vat_loc == "note":
            plan.notes.append(
                ctx.t(
                    f"*) Alle priser er {ctx.vat_words()}.", f"*) All prices are {ctx.vat_words()}."
                )
            )
        if any(c.key == "qty" for c in plan.cols):
            plan.notes.append(ctx.t("Mængderne er estimater og ikke bindende for Ordregiver.",
                                    "Quantities are estimates and not binding on the Customer."))  # fmt: skip
        if hidden:
            plan.hidden_col = sheet.Col("unspsc", "UNSPSC", "int", 10, "0", hidden=True)
        plan.long = long

    # ---- print style
    orientation = pk.rot("orientation", ["portrait", "landscape"], seed, 0)
    fit = pk.rot("fit", ["none", "width", "scale"], seed, 1)
    size = pk.rot("font_size", [9, 10, 11], seed // 2, 0)
    for p in plans:
        sheet.autosize(p, ctx, size)
    widest = max(sheet.table_width(p) for p in plans)
    # Calc prints a column width unit as ~7 pt; A4 less 2 x 0.5 in margins leaves 523 / 770 pt
    scale = 0.85 if fit == "scale" else 1.0
    if fit != "width" and widest > (71 if orientation == "portrait" else 106) / scale:
        # too wide for the page: the office turns the page or sets "fit to page width"
        if orientation == "portrait" and (seed // 3) % 2 == 0:
            fit = "width"
        else:
            orientation = "landscape"
            if widest > 106 / scale:
                fit = "width"
        pk.note("orientation", orientation)
        pk.note("fit", fit)
    fill = pk.rot("header_fill", ["none", "grey", "lightblue", "darkblue"], seed, 2)
    st = sheet.Style(
        font=pk.rot("sheet_font", ["Arial", "Calibri", "Verdana", "Times New Roman"], seed, 3),
        size=size,
        header_fill={"none": None, "grey": "D9D9D9", "lightblue": "DDEBF7", "darkblue": "1F4E78"}[
            fill
        ],
        header_font_color="FFFFFF" if fill == "darkblue" else "000000",
        header_bold=pk.rot("header_bold", [True, True, False], seed, 0) or fill == "none",
        borders=pk.rot("borders", ["all", "header", "none"], seed, 0),
        gridlines=pk.rot("gridlines", [True, False], seed, 1),
        zebra=pk.rot("zebra", [False, False, True], seed, 1),
        input_fill=pk.rot("input_fill", [False, True], seed // 3, 0),
        orientation=orientation,
        fit=fit,
        print_titles=pk.rot("print_titles", [True, False], seed // 2, 0),
        hf=pk.rot("header_footer", ["none", "sheet_pageof", "text_page", "footer_only"], seed, 1),
        header_text=f"{annex} – {lot}",
        lang=lang,
    )
    wb = openpyxl.Workbook()
    vtext = None
    if vejl:
        vw = ctx.vat_words()
        vtext = ctx.t(
            ["Vejledning til udfyldelse af tilbudslisten",
             "1. Tilbudsgiver skal udfylde alle gule felter i arkene. Der må ikke ændres i arkenes struktur.",
             "2. Priserne angives i danske kroner " + vw + " med to decimaler.",
             "3. Mængderne i kolonnerne med forventet forbrug er estimater og anvendes alene ved "
             "evalueringen af tilbuddene. Samlet pris beregnes automatisk.",
             "4. Har tilbudsgiver spørgsmål til tilbudslisten, stilles de via udbudsportalen."],
            ["Instructions for completing the price schedule",
             "1. The tenderer shall complete all yellow cells. The structure of the sheets may not be changed.",
             "2. Prices are stated in Danish kroner, " + vw + ", with two decimals.",
             "3. Quantities are estimates used for the evaluation only. Totals are calculated automatically.",
             "4. Questions about the price schedule are asked through the tender portal."],
        )  # fmt: skip
    sheet.write_workbook(wb, plans, st, ctx, vtext)

    # ---- body options
    est_value = sum(Decimal(r["unit_price"]) for p in plans for r in p.truth) * 1000
    est_value = (est_value / 50000).to_integral_value() * 50000 + 100000
    o = {
        "lang": lang,
        "font": pk.rot(
            "body_font", ["Calibri", "Arial", "Times New Roman", "Georgia", "Garamond"], seed, 0
        ),
        "font_size": pk.rot("body_size", [10, 11, 10.5], seed, 0),
        "running_header": pk.rot("running_header", [None, "contract_no"], seed // 2, 1),
        "page_numbers": pk.rot("page_numbers", [True, False], seed, 0),
        "heading_style": pk.rot("heading_style", ["num", "para", "tab"], seed, 1),
        "top_line": pk.rot("top_line", [None, "tender_no"], seed, 0),
        "title": title,
        "title_size": pk.rot("title_size", [18, 20, 22, 24], seed, 0),
        "title_align": pk.rot("title_align", ["left", "center"], seed // 2, 0),
        "subtitle": pk.rot("subtitle", [None, "lot"], seed, 1),
        "buyer": {"name": bname, "address": baddr, "cvr": bcvr},
        "vendor": {"name": vname, "address": vaddr, "cvr": vcvr},
        "cvr_style": pk.rot("cvr_style:" + lang, [0, 1] if en else [0, 1, 2, 3], li, 1),
        "party_layout": pk.rot(
            "party_layout:" + lang, body.PARTY_EN if en else body.PARTY_DA, li, 0
        ),
        "annex": annex,
        "tender_deadline": tender_deadline,
        "dstyle": terms["dstyle"],
        "sign_dstyle": pk.rot(
            "sign_date:" + lang, ["iso", "long_en"] if en else ["long", "dots"], li, 1
        ),
        "est_value_text": ctx.t(f"{num(est_value, 'da', 0)} kr.", f"DKK {num(est_value, 'en', 0)}"),
        "liability_text": ctx.t("kr. 2.000.000", "DKK 2,000,000"),
        "terms": terms,
        "vat": vat,
        "vat_loc": vat_loc,
        "vat_body_too": pk.rot("vat_body_too", [False, True], seed // 5, 0) and vat_loc != "note",
        "idx_own_clause": pk.rot("idx_own_clause", [True, False], seed // 2, 0),
        "mfn_own_clause": pk.rot("mfn_own_clause", [True, False], seed // 4, 0),
    }
    cno = f"{2024 + seed % 3}/{100 + seed * 7 % 900:03d}"
    if o["running_header"]:
        o["running_header"] = ctx.t(f"Kontrakt nr. {cno}", f"Contract no. {cno}")
    if o["top_line"]:
        o["top_line"] = ctx.t(f"Udbud nr. {cno}", f"Tender no. {cno}")
    if o["subtitle"]:
        o["subtitle"] = lot
    doc = body.build_docx(o)

    # ---- truth
    prices = [r for p in plans for r in p.truth]
    sheet.check_descriptions(prices)
    stem = f"ps_{seed:04d}_{lang}"
    feats = sorted(
        {f"{k}:{pk.label.get(k) or _key(v)}" for k, v in pk.chosen.items()}
        | {f for p in plans for f in p.feats}
    )
    truth = {
        "file": f"{stem}.pdf",
        "seed": seed,
        "language": lang,
        "title": title,
        "buyer": {"name": bname, "cvr": bcvr},
        "vendor": {"name": vname, "cvr": vcvr},
        "effective_date": terms["effective"].isoformat(),
        "expiry_date": terms["expiry"].isoformat() if terms["expiry"] else None,
        "payment_days": terms["pay_days"],
        "mfn": terms["mfn"],
        "indexation_cap_pct": None if terms["cap"] is None else str(terms["cap"]),
        "prices": prices,
        "features": feats,
        "wording": {
            "effective": terms["E"],
            "expiry": terms["X"],
            "term_kind": terms["term"],
            "payment": terms["pay"],
            "payment_distractor": terms["distract"],
            "mfn": terms["mfn_s"],
            "indexation": terms["idx_s"],
            "party_layout": o["party_layout"],
            "vat_location": vat_loc,
            "sheets": [p.name for p in plans],
        },
    }
    return stem, doc, wb, truth, pk


def coverage(seeds) -> dict[str, list]:
    """Options (name -> values) that none of ``seeds`` uses; empty when all are met."""
    seen: dict[str, set] = {}
    opts: dict[str, list] = {}
    for s in seeds:
        pk = build(s)[4]
        for k, v in pk.chosen.items():
            seen.setdefault(k, set()).add(_key(v))
        for k, v in pk.options.items():
            opts.setdefault(k, v)
    missing = {}
    for k, vs in opts.items():
        gone = [v for v in vs if _key(v) not in seen.get(k, set())]
        if gone:
            missing[k] = gone
    return missing


def generate_many(out_dir, seeds, soffice: str | None = None, batch: int = 40, keep_sources=True):
    """Write ``<stem>.pdf`` and ``<stem>.truth.json`` (and, if ``keep_sources``, the
    ``<stem>.kontrakt.docx`` and ``<stem>.bilag.xlsx`` they were printed from) for every seed."""
    exe = soffice or require_soffice()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="probe_sheet_"))
    try:
        by_lang: dict[str, list[Path]] = {"da": [], "en": []}
        cases = []
        for seed in seeds:
            stem, doc, wb, truth, _pk = build(seed)
            d = work / f"{stem}.kontrakt.docx"
            x = work / f"{stem}.bilag.xlsx"
            doc.save(d)
            wb.save(x)
            by_lang[truth["language"]] += [d, x]
            cases.append((stem, d, x, truth))
        pdfdir = work / "pdf"
        for lang, files in by_lang.items():
            if files:
                convert(files, pdfdir, lang, exe, batch=batch)
        pairs = []
        for stem, d, x, truth in cases:
            pdf = out / f"{stem}.pdf"
            join_pdfs([pdfdir / f"{d.stem}.pdf", pdfdir / f"{x.stem}.pdf"], pdf)
            tpath = out / f"{stem}.truth.json"
            tpath.write_text(
                json.dumps(truth, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
            )
            if keep_sources:
                shutil.copy(d, out / d.name)
                shutil.copy(x, out / x.name)
            pairs.append((pdf, tpath))
        return pairs
    finally:
        shutil.rmtree(work, ignore_errors=True)


def generate(out_dir, seed: int, soffice: str | None = None):
    return generate_many(out_dir, [seed], soffice)[0]
