"""Build one contract as a python-docx Document plus its truth (see README.md)."""

from __future__ import annotations

import datetime as dt
import random

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT
from docx.shared import Cm, Pt, RGBColor, Twips

from . import content as C
from . import docxkit as K
from . import tables as T
from . import wording as W

# seed % 10 -> (subject, table kinds); seeds with (seed // 10) odd use ALT's kinds
PLANS = [
    ("office", ["simple_long"]),
    ("cleaning", ["tier_rows"]),
    ("it", ["service", "hourly"]),
    ("office", ["list_net"]),
    ("lab", ["tier_cols"]),
    ("consulting", ["hourly_cell"]),
    ("food", ["simple"]),
    ("aids", ["unit_in_header"]),
    ("salt", ["tier_rows_kg"]),
    ("temp", ["hourly"]),
]
ALT = {
    0: ["simple_long"],
    1: ["list_net"],
    2: ["service", "hourly_cell"],
    3: ["tier_cols"],
    4: ["tier_rows"],
    5: ["hourly"],
    6: ["simple_long"],
    7: ["list_net"],
    8: ["tier_rows_kg"],
    9: ["hourly_cell"],
}
PARTY_DA = ["table", "mellem", "blocks", "blocks_vendor_first", "community", "tab_labels"]
PARTY_EN = ["table", "between", "blocks", "blocks_vendor_first"]
FONTS = ["Calibri", "Arial", "Times New Roman", "Verdana", "Georgia", "Garamond"]
TABLE_STYLES = [
    ("Table Grid", "D9D9D9", None),
    ("Light Grid Accent 1", None, None),
    ("Medium Shading 1 Accent 1", None, None),
    ("Table Grid", "1F3864", "FFFFFF"),
    ("Light List Accent 1", None, None),
    ("Light Shading Accent 1", None, None),
]
TITLES_DA = {
    "goods": [
        "Kontrakt om levering af {n}",
        "Rammeaftale om {n}",
        "Leveringsaftale – {n}",
        "Rammeaftale vedrørende levering af {n}",
    ],
    "service": ["Aftale om {n}", "Rammeaftale om {n}", "Kontrakt om {n}"],
}
TITLES_EN = {
    "goods": ["Supply Agreement – {N}", "Framework Agreement for {n}", "Supply Contract for {n}"],
    "service": [
        "Service Contract – {N}",
        "Framework Agreement on {n}",
        "Service Agreement for {n}",
    ],
}
SERVICES = {"it", "consulting", "temp"}
ANNEX_TERMS_DA = [
    "Priserne er faste enhedspriser og omfatter emballage, fragt og levering til "
    "Kundens leveringsadresser.",
    "Udgår en vare, tilbyder Leverandøren en tilsvarende vare til samme eller lavere pris.",
    "Der gælder ingen mindste ordrestørrelse og ingen gebyrer for småordrer.",
    "Returnerede varer i ubrudt emballage krediteres fuldt ud.",
    "Kampagnepriser, som er lavere end aftalens priser, kommer Kunden til gode.",
]
ANNEX_SERVICE_DA = [
    "Priserne omfatter alle omkostninger, herunder løn, transport og administration.",
    "Der betales ikke for rejsetid eller kørsel inden for Kundens geografiske område.",
    "Ydelser ud over det aftalte faktureres kun efter forudgående skriftlig aftale.",
    "Arbejde udført på Kundens foranledning uden for normal arbejdstid aftales særskilt.",
]
ANNEX_SERVICE_EN = [
    "Prices include all costs, including salaries, travel and administration.",
    "Travel time within the Customer's area is not charged.",
    "Services beyond the agreed scope are invoiced only with prior written approval.",
]
ANNEX_TERMS_EN = [
    "Prices are fixed unit prices and include packaging, freight and delivery.",
    "If an item is discontinued, the Supplier offers an equivalent item at the same or a "
    "lower price.",
    "No minimum order size applies and no small-order fees are charged.",
    "Returned goods in unbroken packaging are credited in full.",
]


def lang_of(seed: int) -> str:
    return "en" if seed % 3 == 2 else "da"


def lang_index(seed: int) -> int:
    """Index of the seed among the seeds of its language (0, 1, 2, ...)."""
    return seed // 3 * 2 + seed % 3 if lang_of(seed) == "da" else seed // 3


def stem_of(seed: int) -> str:
    return f"po_{seed:04d}_{lang_of(seed)}"


# ============================================================================= writer
class Writer:
    def __init__(self, lang: str, font: str, hstyle: str, hcolor: str):
        self.lang, self.hstyle = lang, hstyle
        self.doc = doc = Document()
        doc.core_properties.author = "Indkøb og Udbud"
        doc.core_properties.created = dt.datetime(2025, 1, 1)
        doc.core_properties.modified = dt.datetime(2025, 1, 1)
        doc.core_properties.last_modified_by = "Indkøb og Udbud"
        doc.core_properties.revision = 1
        sec = doc.sections[0]
        sec.page_width, sec.page_height = Cm(21.0), Cm(29.7)
        sec.left_margin = sec.right_margin = Cm(2.5)
        sec.top_margin, sec.bottom_margin = Cm(2.5), Cm(2.0)
        sec.header_distance = sec.footer_distance = Cm(1.1)
        normal = doc.styles["Normal"]
        normal.font.name = font
        normal.font.size = Pt(10.5 if font in ("Verdana", "Arial") else 11)
        normal.paragraph_format.space_after = Pt(6)
        for name, size in (("Heading 1", 13), ("Heading 2", 11)):
            st = doc.styles[name]
            st.font.name = font
            st.font.size = Pt(size)
            st.font.bold = True
            st.font.color.rgb = RGBColor.from_string(hcolor)
            st.paragraph_format.space_before = Pt(12)
            st.paragraph_format.space_after = Pt(4)
        self.n = 0

    def heading(self, text: str, numbered: bool = True, level: int = 1):
        if numbered:
            self.n += 1
            if self.hstyle == "num":
                text = f"{self.n}. {text}"
            elif self.hstyle == "para":
                text = (f"§ {self.n} " if self.lang == "da" else f"Clause {self.n} – ") + text
            else:
                text = f"{self.n}\t{text}"
        p = self.doc.add_paragraph(text, style=f"Heading {level}")
        if "\t" in text:
            p.paragraph_format.tab_stops.add_tab_stop(Cm(1.0))
        return p

    def para(self, text: str, *, bold=False, italic=False, size=None, align=None, after=None):
        p = self.doc.add_paragraph()
        if "\t" in text:
            label_end = text.index("\t", 1) if text.startswith("\t") else text.index("\t")
            lead, rest = text[:label_end], text[label_end:]
            wide = max(4.5, 0.27 * len(lead) + 0.8)  # bold label wider than the stop
            stops = [Cm(0.75), Cm(5.0)] if text.startswith("\t") else [Cm(wide)]
            for s in stops:
                p.paragraph_format.tab_stops.add_tab_stop(s)
            r = p.add_run(lead)
            r.bold = True
            p.add_run(rest)
            p.paragraph_format.space_after = Pt(2)
        else:
            r = p.add_run(text)
            r.bold, r.italic = bold, italic
            if size:
                r.font.size = size
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if after is not None:
            p.paragraph_format.space_after = Pt(after)
        return p

    def labelled(self, label: str, text: str):
        p = self.doc.add_paragraph()
        p.add_run(label).bold = True
        p.add_run(" " + text)
        return p

    def lines(self, lines: list[str], bold_first=False):
        """Lines in one paragraph separated by manual line breaks (Shift+Enter)."""
        p = self.doc.add_paragraph()
        for i, line in enumerate(lines):
            r = p.add_run(line)
            r.bold = bold_first and i == 0
            if i < len(lines) - 1:
                r.add_break()
        return p

    def bullets(self, items: list[str]):
        for it in items:
            p = self.doc.add_paragraph(it, style="List Bullet")
            p.paragraph_format.space_after = Pt(2)

    def page_break(self):
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def table(self, t: T.Table, style, repeat: bool, pad: float = 0):
        name, hfill, hcolor = style
        ncol = len(t.widths)
        grid = t.header + t.body
        tbl = self.doc.add_table(rows=len(grid), cols=ncol)
        tbl.style = self.doc.styles[name]
        K.look(tbl, first_row=True, banded=name != "Table Grid")
        K.widths(tbl, t.widths)
        # merges first, text afterwards
        for r, row in enumerate(grid):
            for c, v in enumerate(row):
                if v == T.LEFT:
                    tbl.cell(r, c - 1).merge(tbl.cell(r, c))
                elif v == T.UP:
                    tbl.cell(r - 1, c).merge(tbl.cell(r, c))
        nh = len(t.header)
        for r, row in enumerate(grid):
            is_head = r < nh
            kind = None if is_head else t.kinds[r - nh]
            for c, v in enumerate(row):
                if v in (T.LEFT, T.UP):
                    continue
                cell = tbl.cell(r, c)
                align = None
                if is_head and (c in t.right or (nh > 1 and r > 0)):
                    align = "right" if c in t.right else None
                elif not is_head and c in t.right and kind != "section":
                    align = "right"
                if is_head and nh > 1 and r == 0 and c >= ncol - 3 and c in t.right:
                    align = "center"
                K.set_cell(
                    cell,
                    v,
                    bold=is_head or kind == "section",
                    align=align,
                    size=Pt(10 if pad else 9.5),
                    color=hcolor if is_head else None,
                    italic=kind == "noprice" and c == ncol - 1,
                    pad=pad,
                )
                if is_head and hfill:
                    K.shade(cell, hfill)
                elif kind == "section":
                    K.shade(cell, "EDEDED" if hfill != "1F3864" else "DCE3F0")
        for r in range(nh):
            if repeat:
                K.repeat_header(tbl.rows[r])
            K.cant_split(tbl.rows[r])
        spacer = self.doc.add_paragraph()
        spacer.paragraph_format.space_after = Pt(2)
        return tbl


# ============================================================================= parties
def party_block(lang, role_label, p, with_ean, ean_no):
    lines = [role_label, p["name"], p["address"], p["city"]]
    lines.append(("CVR-nr. " if lang == "da" else "CVR no. ") + p["cvr"])
    if with_ean:
        lines.append(("EAN-nr. " if lang == "da" else "EAN no. ") + ean_no)
    return lines


def write_parties(w: Writer, layout: str, buyer, vendor, members, ean_no):
    da = w.lang == "da"
    kunde, lev = ("Kunden", "Leverandøren") if da else ("the Customer", "the Supplier")
    if layout == "table":
        w.para(
            "Denne kontrakt er indgået mellem:" if da else "This Agreement is entered into between:"
        )
        rows = [
            ["", "Kunde" if da else "Customer", "Leverandør" if da else "Supplier"],
            ["Navn" if da else "Name", buyer["name"], vendor["name"]],
            [
                "Adresse" if da else "Address",
                f"{buyer['address']}\n{buyer['city']}",
                f"{vendor['address']}\n{vendor['city']}",
            ],
            ["CVR-nr." if da else "CVR no.", buyer["cvr"], vendor["cvr"]],
            ["EAN-nr." if da else "EAN no.", ean_no, "–"],
        ]
        tbl = w.doc.add_table(rows=len(rows), cols=3)
        tbl.style = w.doc.styles["Table Grid"]
        K.widths(tbl, [3.0, 6.5, 6.5])
        for r, row in enumerate(rows):
            for c, v in enumerate(row):
                K.set_cell(tbl.cell(r, c), v, bold=r == 0 or c == 0, size=Pt(10))
                if r == 0:
                    K.shade(tbl.cell(r, c), "E7E6E6")
        w.para("")
        w.para(
            f'herefter benævnt henholdsvis "{kunde}" og "{lev}".'
            if da
            else f'hereinafter referred to as "{kunde[4:]}" and "{lev[4:]}" respectively.'
        )
    elif layout in ("mellem", "between"):
        if da:
            w.para(
                f"Mellem {buyer['name']}, {buyer['address']}, {buyer['city']}, CVR-nr. "
                f"{buyer['cvr']} (herefter 'Kunden') og {vendor['name']}, {vendor['address']}, "
                f"{vendor['city']}, CVR-nr. {vendor['cvr']} (herefter 'Leverandøren') er der "
                "indgået følgende kontrakt."
            )
        else:
            w.para(
                f"This Agreement is made between {buyer['name']}, {buyer['address']}, "
                f'{buyer["city"]}, Denmark, CVR no. {buyer["cvr"]} (the "Customer") and '
                f"{vendor['name']}, {vendor['address']}, {vendor['city']}, Denmark, CVR no. "
                f'{vendor["cvr"]} (the "Supplier").'
            )
    elif layout in ("blocks", "blocks_vendor_first"):
        b = party_block(w.lang, "Kunde:" if da else "Customer:", buyer, True, ean_no)
        v = party_block(w.lang, "Leverandør:" if da else "Supplier:", vendor, False, ean_no)
        first, second = (b, v) if layout == "blocks" else (v, b)
        w.lines(first, bold_first=True)
        w.para("og" if da else "and")
        w.lines(second, bold_first=True)
        if layout == "blocks_vendor_first":
            w.para(
                '(i det følgende benævnt henholdsvis "Leverandøren" og "Kunden")'
                if da
                else '(hereinafter "the Supplier" and "the Customer")'
            )
    elif layout == "community":
        w.lines(
            [
                "Ordregiver:",
                buyer["name"],
                buyer["address"],
                buyer["city"],
                f"CVR-nr. {buyer['cvr']}",
            ],
            bold_first=True,
        )
        w.para("(herefter 'Kunden'), som indgår aftalen på vegne af følgende deltagende kommuner:")
        w.bullets(members)
        w.para("og")
        w.lines(party_block("da", "Leverandør:", vendor, False, ean_no), bold_first=True)
        w.para("(herefter 'Leverandøren')")
    elif layout == "tab_labels":
        for lab, val in (
            ("Kunde:", buyer["name"]),
            ("Adresse:", f"{buyer['address']}, {buyer['city']}"),
            ("CVR-nr.:", buyer["cvr"]),
            ("EAN-nr.:", ean_no),
        ):
            w.para(f"{lab}\t{val}")
        w.para("")
        for lab, val in (
            ("Leverandør:", vendor["name"]),
            ("Adresse:", f"{vendor['address']}, {vendor['city']}"),
            ("CVR-nr.:", vendor["cvr"]),
        ):
            w.para(f"{lab}\t{val}")
        w.para("")


# ============================================================================= build
def build(seed: int):
    """Return (stem, Document, truth) for ``seed``; the truth's ``file`` is ``<stem>.pdf``."""
    rng = random.Random(seed)
    lang = lang_of(seed)
    da = lang == "da"
    li = lang_index(seed)
    subject, kinds = PLANS[seed % 10]
    if (seed // 10) % 2 == 1:
        kinds = ALT[seed % 10]
    noun_da, noun_en, vendor_idx, catalogue = C.SUBJECTS[subject]
    feats: list[str] = [f"lang:{lang}", f"subject:{subject}"]

    # ---- parties
    layout = (PARTY_DA if da else PARTY_EN)[li % (6 if da else 4)]
    if layout == "community":
        b = C.COMMUNITIES[li % len(C.COMMUNITIES)]
        buyer_kind = "community"
    elif li % 4 == 1:
        b = C.REGIONS[li % len(C.REGIONS)]
        buyer_kind = "region"
    else:
        b = C.MUNICIPALITIES[(seed * 3) % len(C.MUNICIPALITIES)]
        buyer_kind = "municipality"
    buyer = {"name": b[0], "address": b[1], "city": b[2], "cvr": C.cvr(rng), "town": b[3]}
    v = C.VENDORS[vendor_idx[(seed // 10) % len(vendor_idx)]]
    vendor = {"name": v[0], "address": v[1], "city": v[2], "cvr": C.cvr(rng)}
    ean_no = C.ean(rng)
    members = [m[0] for m in rng.sample(C.MUNICIPALITIES, 4)]
    feats += [f"parties:{layout}", f"buyer:{buyer_kind}"]

    # ---- dates
    date_style = (C.DA_DATE_STYLES if da else C.EN_DATE_STYLES)[li % (8 if da else 4)]
    eff = dt.date(2026, 1 + (seed * 5) % 12, 15 if li % 5 == 4 else 1)
    doc_date = eff - dt.timedelta(days=rng.randint(25, 70))
    tender_date = eff - dt.timedelta(days=rng.randint(120, 200))
    sig_date = doc_date + dt.timedelta(days=rng.randint(1, 9))
    term = W.term(lang, li, eff, date_style, rng)
    feats.append(f"date:{date_style}")

    pay_text, pay_days, pay_kind = W.payment(lang, li + 1)
    pay_distract = seed % 2 == 1
    mfn_text, mfn_val = W.mfn(lang, li + 2)
    idx_text, cap = W.indexation(lang, li + 3)

    # ---- layout choices
    font = FONTS[seed % len(FONTS)]
    hstyle = ["num", "para", "plain"][(seed // 3) % 3]
    hcolor = ["000000", "1F3864", "2E74B5", "000000"][seed % 4]
    cover = seed % 2 == 0
    in_annex = seed % 4 != 1
    tstyle = TABLE_STYLES[seed % len(TABLE_STYLES)]
    vat = "incl" if seed % 4 == 3 else "excl"
    vat_loc = ["column", "intro", "note", "caption"][(seed + seed // 4) % 4]
    repeat = seed % 2 == 0  # header rows marked "repeat" (long tables: see below)
    repeat_long = (seed // 10) % 2 == 0
    feats += [
        f"font:{font}",
        f"headings:{hstyle}",
        "cover_page" if cover else "title_top",
        "prices:annex" if in_annex else "prices:body",
        f"table_style:{tstyle[0]}{'/' + tstyle[1] if tstyle[1] else ''}",
        f"vat:{vat}:{vat_loc}",
    ]
    price_style = (
        ["plain", "kr_pre", "kr_post", "dkk_pre", "dash", "plain"][li % 6]
        if da
        else ["en_dkk", "en_plain", "plain", "en_dkk"][li % 4]
    )
    id_hdr = (
        ["Varenummer", "Varenr.", "Art.nr.", None, "Vare-nr."][seed % 5]
        if da
        else ["Item no.", "Product no.", None, "Art. no."][li % 4]
    )
    id_prefix = "".join(w_[0] for w_ in vendor["name"].split()[:2]).upper()
    o = T.Opts(
        lang=lang,
        vat=vat,
        vat_loc=vat_loc,
        price_style=price_style,
        id_hdr=id_hdr,
        id_style=["num", "prefix", "dotted", "alnum", "num", "prefix"][seed % 6],
        id_prefix=id_prefix,
        unit_alt=(seed // 4 + seed // 10) % 2,
        tier_style=li,
        merge_style=seed % 3,
    )
    feats += [f"price_style:{price_style}", f"id_col:{id_hdr}"]

    # ---- tables
    tables: list[T.Table] = []
    for kind in kinds:
        if kind == "simple_long":
            variant = (
                ("økologisk", "organic") if subject == "food" else ("svanemærket", "eco-labelled")
            )
            t = T.simple(
                rng, o, catalogue, sections=True, long=True, included=False, variant=variant
            )
            t.features.append("repeat_header" if repeat_long else "no_repeat_header")
        elif kind == "simple":
            t = T.simple(rng, o, catalogue, sections=seed % 2 == 0, long=False, included=True)
        elif kind == "list_net":
            t = T.list_net(rng, o, catalogue)
        elif kind == "tier_cols":
            t = T.tier_cols(rng, o, catalogue, [(1, 49), (50, 199), (200, None)])
        elif kind == "tier_rows":
            t = T.tier_rows(rng, o, catalogue, [(1, 9), (10, 49), (50, None)])
        elif kind == "tier_rows_kg":
            o_kg = T.Opts(**{**o.__dict__, "id_hdr": None})
            t = T.tier_rows(
                rng,
                o_kg,
                catalogue,
                [(1, 50000), (50001, 200000), (200001, None)],
                qty_hdr="Årligt forbrug (kg)" if da else "Annual volume (kg)",
                word="kg",
            )
        elif kind == "unit_in_header":
            t = T.unit_in_header(rng, o, catalogue)
        elif kind == "service":
            t = T.service(rng, o, C.IT_SERVICE, C.IT_INCLUDED)
        elif kind in ("hourly", "hourly_cell"):
            o_h = T.Opts(**{**o.__dict__, "id_hdr": None})
            roles = "temp" if subject == "temp" else "consult"
            t = T.hourly(
                rng,
                o_h,
                roles,
                n=6 if subject != "it" else 4,
                unit_in_cell=kind == "hourly_cell",
                quals=seed % 3 != 1,
            )
        else:  # pragma: no cover
            raise ValueError(kind)
        tables.append(t)
    for i, t in enumerate(tables):
        vw = T.vat_words(o)
        label = {
            "simple_long": "Prisliste",
            "simple": "Prisliste",
            "list_net": "Prisliste med rabat",
            "tier_cols": "Priser efter årligt forbrug",
            "tier_rows": "Mængdeafhængige priser",
            "tier_rows_kg": "Priser pr. kg",
            "unit_in_header": "Prisliste",
            "service": "Faste priser",
            "hourly": "Timepriser",
            "hourly_cell": "Timepriser",
        }[kinds[i]]
        if not da:
            label = {
                "Prisliste": "Price list",
                "Prisliste med rabat": "Price list with discount",
                "Priser efter årligt forbrug": "Prices by annual volume",
                "Mængdeafhængige priser": "Volume-based prices",
                "Priser pr. kg": "Prices per kg",
                "Faste priser": "Fixed prices",
                "Timepriser": "Hourly rates",
            }[label]
        t.caption = f"Tabel {i + 1}: {label}" if da else f"Table {i + 1}: {label}"
        if vat_loc == "caption":
            t.caption += f" (alle priser {vw})" if da else f" (all prices {vw})"
        if vat_loc == "note":
            t.note = (
                f"Priserne i tabel {i + 1} er angivet i DKK {vw} og inkl. levering."
                if da
                else f"The prices in Table {i + 1} are in DKK {vw}, delivery included."
            )
        feats += t.features
    truth_rows = [r for t in tables for r in t.truth]

    # ---- title
    kind_key = "service" if subject in SERVICES else "goods"
    titles = (TITLES_DA if da else TITLES_EN)[kind_key]
    tpl = titles[li % len(titles)]
    noun = noun_da if da else noun_en
    title = tpl.format(n=noun, N=noun[0].upper() + noun[1:])
    if title.startswith("Service Contract – A "):
        title = title.replace("– A ", "– ")
    contract_no = f"{doc_date.year}-{rng.randint(100, 999):04d}"

    # ================================================================ document
    w = Writer(lang, font, hstyle, hcolor)
    doc = w.doc
    sec = doc.sections[0]
    sec.different_first_page_header_footer = cover
    hp = sec.header.paragraphs[0]
    # the Header style's own stops (centre 4680, right 9360 twips) are cleared: one right stop
    hp.paragraph_format.tab_stops.add_tab_stop(Twips(4680), WD_TAB_ALIGNMENT.CLEAR)
    hp.paragraph_format.tab_stops.add_tab_stop(Twips(9360), WD_TAB_ALIGNMENT.CLEAR)
    hp.paragraph_format.tab_stops.add_tab_stop(Cm(16.0), WD_TAB_ALIGNMENT.RIGHT)
    date_word = "Dato" if da else "Date"
    if seed % 3 == 0:
        left = f"{date_word}: {C.fmt_date(doc_date, lang, 'dots' if da else 'long')}"
        feats.append("header:date_distractor")
    else:
        left = f"Kontrakt nr. {contract_no}" if da else f"Contract no. {contract_no}"
    r = hp.add_run(f"{left}\t{buyer['name']}")
    r.font.size = Pt(8.5)
    r.font.color.rgb = RGBColor(0x59, 0x59, 0x59)
    fp = sec.footer.paragraphs[0]
    fp.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fr = fp.add_run("Side " if da else "Page ")
    fr.font.size = Pt(8.5)
    K.add_field(fp, "PAGE", size=Pt(8.5))
    fr = fp.add_run(" af " if da else " of ")
    fr.font.size = Pt(8.5)
    K.add_field(fp, "NUMPAGES", size=Pt(8.5))

    # ---- title / cover
    if cover:
        p = w.para(buyer["name"], bold=True, size=Pt(14))
        p.paragraph_format.space_after = Pt(120)
        p = w.para(title, bold=True, size=Pt(26))
        p.paragraph_format.space_after = Pt(18)
        w.para(
            (f"Kontrakt nr. {contract_no}" if da else f"Contract no. {contract_no}"), size=Pt(12)
        )
        w.para(
            (
                f"mellem {buyer['name']} og {vendor['name']}"
                if da
                else f"between {buyer['name']} and {vendor['name']}"
            ),
            size=Pt(12),
        )
        w.para(
            (
                f"Udbudt som offentligt udbud med tilbudsfrist den {C.fmt_date(tender_date, lang, 'long')}"
                if da
                else f"Tendered as an open procedure, tender deadline {C.fmt_date(tender_date, lang, 'long')}"
            ),
            size=Pt(10),
            italic=True,
        )
        w.page_break()
    else:
        tp = doc.add_paragraph(title, style="Title")
        for run in tp.runs:
            run.font.size = Pt(22)
            run.font.name = font
        if seed % 3 != 0:
            no_word = "Kontrakt nr." if da else "Contract no."
            w.para(f"{no_word} {contract_no} · {date_word}: {C.fmt_date(doc_date, lang, 'long')}")

    # ---- 1 parties
    w.heading("Aftalens parter" if da else "The Parties")
    write_parties(w, layout, buyer, vendor, members, ean_no)

    # ---- 2 scope
    w.heading("Aftalens genstand" if da else "Scope of the Agreement")
    if da:
        w.para(
            f"Aftalen omfatter levering af {noun_da} til Kundens institutioner og afdelinger. "
            f"Aftalen er indgået på baggrund af udbudsbekendtgørelse offentliggjort den "
            f"{C.fmt_date(tender_date, lang, 'long')} og Leverandørens tilbud."
        )
        w.para("Aftalegrundlaget består af følgende dokumenter i prioriteret rækkefølge:")
        w.bullets(
            [
                "Denne kontrakt med bilag",
                "Udbudsmaterialet inkl. kravspecifikation",
                "Leverandørens tilbud",
            ]
        )
    else:
        w.para(
            f"The Agreement covers the supply of {noun_en} to the Customer's institutions. It "
            f"was awarded following a contract notice published on "
            f"{C.fmt_date(tender_date, lang, 'long')}."
        )
        w.para("The following documents form the Agreement, in order of priority:")
        w.bullets(
            ["This Agreement and its annexes", "The tender documents", "The Supplier's tender"]
        )

    # ---- 3 term
    w.heading("Aftaleperiode" if da else "Term")
    for ptxt in term["paragraphs"]:
        w.para(ptxt)

    # ---- 4 delivery
    if subject in SERVICES:
        w.heading("Ydelsernes udførelse" if da else "Performance of the services")
        w.para(
            "Leverandøren udfører ydelserne i overensstemmelse med kravspecifikationen og efter "
            "Kundens anvisninger. Bestilte ydelser skal påbegyndes senest 2 arbejdsdage efter "
            "bestillingen."
            if da
            else "The Supplier performs the services in accordance with the requirements "
            "specification. Ordered services shall begin no later than 2 working days after the order."
        )
        if pay_distract:
            w.para(
                "Reklamation over mangelfulde ydelser skal ske inden 8 dage efter, at manglen er "
                "konstateret."
                if da
                else "Complaints about deficient services must be made within 8 days of discovery."
            )
    else:
        w.heading("Levering og reklamation" if da else "Delivery and complaints")
        w.para(
            "Levering sker senest 3 arbejdsdage efter modtagelse af bestilling, frit leveret til "
            "den enkelte leveringsadresse."
            if da
            else "Delivery shall take place no later than 3 working days after the order, free "
            "to the delivery address."
        )
        if pay_distract:
            w.para(W.PAY_DISTRACT_DA[0] if da else W.PAY_DISTRACT_EN[0])

    # ---- 5 prices
    w.heading("Priser" if da else "Prices")
    vw = T.vat_words(o)
    if da:
        w.para(
            "Priserne fremgår af Bilag 1 – Prisbilag."
            if in_annex
            else "Aftalens priser fremgår af nedenstående."
        )
        if vat_loc == "intro":
            w.para(f"Alle priser er angivet i danske kroner (DKK) {vw}.")
        if vat == "excl":
            w.para("Moms (25 %) tillægges ved fakturering.")
        w.para(
            f"Den samlede kontraktværdi anslås til kr. {rng.choice(['1.200.000', '2.400.000', '3.750.000'])} "
            f"ekskl. moms for hele aftaleperioden. Beløbet er vejledende og ikke bindende for Kunden."
        )
        if li % 3 == 0:
            w.para("Leverandøren yder 12 % rabat på varer uden for det aftalte sortiment.")
    else:
        w.para(
            "The prices are set out in Annex 1 – Price list."
            if in_annex
            else "The prices of the Agreement are set out below."
        )
        if vat_loc == "intro":
            w.para(
                f"All prices are stated in Danish kroner (DKK) {'exclusive' if vat == 'excl' else 'inclusive'} of VAT."
            )
        w.para(
            f"The estimated total contract value is DKK {rng.choice(['1,200,000', '2,400,000'])} excl. VAT; "
            "the estimate is not binding on the Customer."
        )
    if not in_annex:
        _write_tables(w, tables, tstyle, repeat, repeat_long)
    mfn_own = mfn_text is not None and li % 2 == 0
    if mfn_text and not mfn_own:
        w.para(mfn_text)

    # ---- 6 indexation
    w.heading("Prisregulering" if da else "Price adjustment")
    w.para(idx_text)
    if da:
        w.para(
            "Anmodning om prisregulering skal fremsendes skriftligt senest 30 dage før reguleringstidspunktet."
        )
    else:
        w.para(
            "Requests for price adjustment must be submitted in writing no later than 30 days in advance."
        )

    # ---- 7 invoicing and payment
    w.heading("Fakturering og betaling" if da else "Invoicing and payment")
    if da:
        w.para(
            f"Fakturaer sendes elektronisk via NemHandel til EAN-nr. {ean_no} og skal indeholde Kundens ordrenummer."
        )
        if pay_distract:
            w.para(W.PAY_DISTRACT_DA[1])
    else:
        w.para(f"Invoices shall be sent electronically via NemHandel to EAN no. {ean_no}.")
        if pay_distract:
            w.para(W.PAY_DISTRACT_EN[1])
    if pay_text:
        w.para(pay_text)
    if da:
        w.para("Ved forsinket betaling betales renter efter renteloven.")
    else:
        w.para("Late payment bears interest under the Danish Interest Act.")

    # ---- 8 MFN
    if mfn_own:
        w.heading("Mestbegunstigelse" if da else "Most favoured customer")
        w.para(mfn_text)

    # ---- 9 breach / liability
    w.heading("Misligholdelse og ansvar" if da else "Breach and liability")
    if da:
        w.para(
            "Ved forsinket levering kan Kunden kræve bod svarende til 0,5 % af ordrens værdi ekskl. "
            "moms pr. påbegyndt arbejdsdag, dog mindst kr. 1.500 pr. dag."
        )
        w.para(
            "Leverandørens samlede erstatningsansvar er begrænset til kr. 5.000.000 pr. skadesår."
        )
    else:
        w.para(
            "In case of delay the Customer may claim liquidated damages of 0.5% of the value of the "
            "order per working day. The Supplier's total liability is limited to DKK 5,000,000 per year."
        )

    # ---- 10 termination
    w.heading("Opsigelse og ophævelse" if da else "Termination")
    w.para(
        "Kunden kan ophæve aftalen ved væsentlig misligholdelse. Aftalen er underlagt dansk ret."
        if da
        else "The Customer may terminate the Agreement for material breach. Danish law applies."
    )

    # ---- signatures
    w.heading("Underskrifter" if da else "Signatures")
    bp, vp = C.PEOPLE[seed % 8], C.PEOPLE[(seed + 3) % 8]
    btitle, vtitle = (bp[1], vp[1]) if da else (C.PEOPLE_EN[bp[1]], C.PEOPLE_EN[vp[1]])
    sig = doc.add_table(rows=4, cols=2)
    K.no_borders(sig)
    K.widths(sig, [8.0, 8.0])
    sd = C.fmt_date(sig_date, lang, "long")
    vals = [
        [
            "For Kunden:" if da else "For the Customer:",
            "For Leverandøren:" if da else "For the Supplier:",
        ],
        [
            f"{buyer['town']}, den {sd}" if da else f"{buyer['town']}, {sd}",
            "Dato:" if da else "Date:",
        ],
        ["\n\n_____________________________", "\n\n_____________________________"],
        [f"{bp[0]}\n{btitle}", f"{vp[0]}\n{vtitle}"],
    ]
    for r, row in enumerate(vals):
        for c, val in enumerate(row):
            K.set_cell(sig.cell(r, c), val, bold=r == 0)

    if in_annex:
        w.page_break()
        w.heading("Bilag 1 – Prisbilag" if da else "Annex 1 – Price list", numbered=False)
        if da:
            w.para(f"Dette bilag indeholder de aftalte priser for {noun_da}.")
        else:
            w.para(f"This annex sets out the agreed prices for {noun_en}.")
        if vat_loc == "intro":
            w.para(f"Alle priser er angivet i DKK {vw}." if da else f"All prices are in DKK {vw}.")
        if "simple_long" in kinds or seed % 3 == 1:
            w.para("Generelle prisbetingelser" if da else "General price terms", bold=True)
            if subject in SERVICES:
                w.bullets(ANNEX_SERVICE_DA if da else ANNEX_SERVICE_EN)
            else:
                w.bullets(ANNEX_TERMS_DA if da else ANNEX_TERMS_EN)
            feats.append("annex:terms_bullets")
        _write_tables(w, tables, tstyle, repeat, repeat_long)

    truth = {
        "file": f"{stem_of(seed)}.pdf",
        "seed": seed,
        "language": lang,
        "title": title,
        "buyer": {"name": buyer["name"], "cvr": buyer["cvr"]},
        "vendor": {"name": vendor["name"], "cvr": vendor["cvr"]},
        "effective_date": eff.isoformat(),
        "expiry_date": term["expiry_date"].isoformat() if term["expiry_date"] else None,
        "payment_days": pay_days,
        "mfn": mfn_val,
        "indexation_cap_pct": cap,
        "prices": truth_rows,
        "features": sorted(set(feats)),
        "wording": {
            "effective": term["effective"],
            "expiry": term["expiry"],
            "term_kind": term["kind"],
            "payment": pay_text,
            "payment_kind": pay_kind,
            "payment_distractor": pay_distract,
            "mfn": mfn_text or "",
            "indexation": idx_text,
            "party_layout": layout,
            "buyer_kind": buyer_kind,
        },
    }
    return stem_of(seed), doc, truth


def _write_tables(w: Writer, tables: list[T.Table], tstyle, repeat: bool, repeat_long: bool):
    for t in tables:
        if t.caption:
            p = w.para(t.caption, bold=True)
            K.keep_with_next(p)
        long = "table:long" in t.features
        w.table(t, tstyle, repeat_long if long else repeat, pad=2.5 if long else 0)
        if t.note:
            w.para(t.note, italic=True, size=Pt(9.5))
