"""The contract body as a Word document (python-docx), and the body's part of the truth."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from .fmt import fmt_date, term_end

WORDS_NUM_DA = {2: "to", 3: "tre", 4: "fire"}
WORDS_NUM_EN = {2: "two", 3: "three", 4: "four"}


def cvr_text(cvr: str, style: str, en: bool) -> str:
    if en:
        return {0: f"CVR no. {cvr}", 1: f"Company reg. (CVR) no.: {cvr}"}[int(style) % 2]
    spaced = " ".join(cvr[i : i + 2] for i in range(0, 8, 2))
    return {0: f"CVR-nr. {cvr}", 1: f"CVR nr.: {cvr}", 2: f"CVR: {spaced}", 3: f"CVR-nummer {cvr}"}[
        int(style) % 4
    ]


# --------------------------------------------------------------------------- clause options
TERM_DA = ["explicit", "period", "years", "months", "open"]
TERM_EN = ["explicit", "years", "open"]
PAY_DA = [
    (30, "Betalingsbetingelser: netto 30 dage."),
    (30, "Betaling sker senest 30 dage efter Ordregivers modtagelse af korrekt faktura."),
    (30, "Betalingsfristen er løbende måned + 30 dage."),
    (
        20,
        "Ordregiver betaler fakturaer 20 dage efter modtagelse af en korrekt og elektronisk faktura.",
    ),
    (None, None),
    (14, "Fakturaen forfalder til betaling 14 dage efter fakturadato."),
]
PAY_EN = [
    (30, "Payment terms: net 30 days."),
    (30, "Invoices are payable within 30 days of receipt of a correct electronic invoice."),
    (None, None),
    (
        45,
        "The Customer shall pay undisputed invoices no later than forty-five (45) days after receipt.",
    ),
]
MFN_DA = [
    (True, "Leverandøren yder Ordregiver mestbegunstigelse, således at Ordregiver til enhver tid "
           "opnår de laveste priser, som Leverandøren tilbyder andre offentlige kunder for "
           "tilsvarende varer og mængder."),
    (False, "Der er ikke aftalt mestbegunstigelse."),
    (None, None),
    (True, "Leverandøren må ikke tilbyde andre offentlige kunder lavere priser for de samme varer. "
           "Tilbyder Leverandøren lavere priser, skal disse straks komme Ordregiver til gode."),
    (False, "Aftalen indeholder ingen mestbegunstigelsesklausul, og Ordregiver kan ikke kræve de "
            "priser, som Leverandøren giver andre kunder."),
]  # fmt: skip
MFN_EN = [
    (True, "The Supplier shall grant the Customer most-favoured-customer terms: the prices shall at "
           "all times be no higher than those offered to any other public customer for the same "
           "goods and volumes."),
    (False, "No most-favoured-customer clause applies to this Agreement."),
    (None, None),
]  # fmt: skip
IDX_DA = [
    (Decimal("3"), "Priserne kan reguleres én gang årligt pr. 1. januar i henhold til udviklingen i "
                   "nettoprisindekset, dog maksimalt 3 %."),
    (Decimal("2.5"), "Priserne er faste det første år. Herefter kan de reguleres årligt med "
                     "udviklingen i nettoprisindekset (Danmarks Statistik). Reguleringen kan højst "
                     "udgøre 2,5 % pr. år."),
    (None, "Priserne reguleres årligt pr. 1. april med udviklingen i nettoprisindekset."),
    (Decimal("4"), "Leverandøren kan én gang årligt regulere priserne svarende til udviklingen i "
                   "forbrugerprisindekset. Prisreguleringen er maksimeret til 4 pct."),
    (None, "Priserne er faste i hele aftaleperioden, inkl. en eventuel forlængelse."),
    (None, "Priserne er faste. Stiger nettoprisindekset med mere end 5 % i forhold til "
           "tilbudstidspunktet, kan hver part kræve genforhandling af priserne."),
    (Decimal("3.5"), "Priserne reguleres én gang årligt efter nettoprisindekset, dog højst 3,5 %."),
]  # fmt: skip
IDX_EN = [
    (Decimal("3"), "Prices may be adjusted once a year on 1 January by the change in the net price "
                   "index, capped at 3 %."),
    (None, "Prices are fixed for the entire term of the Agreement."),
    (Decimal("2.5"), "Prices may be indexed annually in line with the consumer price index; the "
                     "adjustment shall not exceed 2.5 per cent per year."),
    (None, "Prices are adjusted annually by the change in the net price index."),
]  # fmt: skip
PARTY_DA = ["table", "blocks", "sentence", "vendor_first"]
PARTY_EN = ["table", "sentence"]


def make_terms(rng, picks, lang: str, li: int):
    """Dates, term, payment, MFN and indexation wordings (and their truth)."""
    en = lang == "en"
    eff = date(rng.choice([2025, 2026, 2026]), rng.choice([1, 1, 2, 3, 4, 5, 7, 9, 10]),
               rng.choice([1, 1, 1, 15]))  # fmt: skip
    dstyle = picks.rot("date_style:" + lang, ["long_en", "us_en", "iso"] if en else
                       ["long", "dots", "short_dots", "iso", "dash", "slash", "abbr"], li, 1)  # fmt: skip
    term = picks.rot("term:" + lang, TERM_EN if en else TERM_DA, li, 2)
    years = rng.choice([2, 3, 4])
    months = years * 12
    expiry = None if term == "open" else term_end(eff, months)
    E = fmt_date(eff, dstyle)
    X = fmt_date(expiry, dstyle) if expiry else None
    option = rng.choice(["2 x 12 måneder", "1 x 12 måneder", "op til 24 måneder"])
    if en:
        if term == "explicit":
            tx = [
                f"This Agreement enters into force on {E} and expires on {X} without further notice.",
                "The Customer may extend the Agreement by up to 2 x 12 months.",
            ]
        elif term == "years":
            tx = [
                f"The Agreement applies from {E} and runs for a period of {WORDS_NUM_EN[years]} "
                f"({years}) years from that date.",
                "The Customer has an option to extend the Agreement by 1 x 12 months.",
            ]
        else:
            tx = [
                f"This Agreement enters into force on {E} and remains in force until terminated by "
                "either party with six months' notice to the end of a month."
            ]
    else:
        if term == "explicit":
            tx = [
                f"Rammeaftalen træder i kraft den {E} og udløber den {X} uden yderligere varsel.",
                f"Ordregiver har option på forlængelse af rammeaftalen i {option}.",
            ]
        elif term == "period":
            tx = [
                f"Aftaleperioden er fra {E} til og med {X}.",
                f"Ordregiver kan forlænge aftalen i {option} på uændrede vilkår.",
            ]
        elif term == "years":
            tx = [
                f"Rammeaftalen gælder fra {E} og løber i {years} ({WORDS_NUM_DA[years]}) år fra denne dato.",
                f"Ordregiver har option på forlængelse i {option}.",
            ]
        elif term == "months":
            tx = [
                f"Kontrakten har en varighed af {months} måneder regnet fra ikrafttrædelsen den {E}."
            ]
        else:
            tx = [
                f"Kontrakten træder i kraft den {E} og er tidsubegrænset. Den kan opsiges af "
                "Ordregiver med 6 måneders varsel til udgangen af en måned."
            ]
    pay_days, pay = picks.rot("payment:" + lang, PAY_EN if en else PAY_DA, li, 3)
    distract = picks.rot("payment_distractor", [True, False], li, 0)
    mfn, mfn_s = picks.rot("mfn:" + lang, MFN_EN if en else MFN_DA, li, 4)
    cap, idx_s = picks.rot("indexation:" + lang, IDX_EN if en else IDX_DA, li, 5)
    signed = eff - timedelta(days=rng.randint(18, 75))
    return {
        "effective": eff, "expiry": expiry, "E": E, "X": X, "term": term, "term_text": tx,
        "pay_days": pay_days, "pay": pay, "distract": distract, "mfn": bool(mfn), "mfn_s": mfn_s,
        "cap": cap, "idx_s": idx_s, "signed": signed, "dstyle": dstyle,
    }  # fmt: skip


# --------------------------------------------------------------------------- docx
def _field(run, instr: str):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    b = OxmlElement("w:fldChar")
    b.set(qn("w:fldCharType"), "begin")
    it = OxmlElement("w:instrText")
    it.set(qn("xml:space"), "preserve")
    it.text = instr
    s = OxmlElement("w:fldChar")
    s.set(qn("w:fldCharType"), "separate")
    t = OxmlElement("w:t")
    t.text = "1"
    e = OxmlElement("w:fldChar")
    e.set(qn("w:fldCharType"), "end")
    for el in (b, it, s, t, e):
        run._r.append(el)


def _no_borders(table):
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tblPr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tblPr.append(borders)


def build_docx(o: dict):
    """o: every choice and text for the body (see __init__.build)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    en = o["lang"] == "en"
    t = (lambda da, e: e) if en else (lambda da, e: da)
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Cm(21), Cm(29.7)
    sec.left_margin = sec.right_margin = Cm(2.5)
    normal = doc.styles["Normal"]
    normal.font.name = o["font"]
    normal.font.size = Pt(o["font_size"])
    # header/footer
    if o["running_header"]:
        hp = sec.header.paragraphs[0]
        hp.text = o["running_header"]
        hp.runs[0].font.size = Pt(8)
    if o["page_numbers"]:
        fp = sec.footer.paragraphs[0]
        fp.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        fp.add_run(t("Side ", "Page "))
        _field(fp.add_run(), "PAGE")
        fp.add_run(t(" af ", " of "))
        _field(fp.add_run(), "NUMPAGES")
        for r in fp.runs:
            r.font.size = Pt(8)

    def para(text="", bold=False, size=None, align=None, space_after=6, italic=False):
        p = doc.add_paragraph()
        if text:
            run = p.add_run(text)
            run.bold = bold
            run.italic = italic
            if size:
                run.font.size = Pt(size)
        if align == "center":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(space_after)
        return p

    hn = [0]

    def heading(da, e):
        hn[0] += 1
        n = hn[0]
        txt = t(da, e)
        style = o["heading_style"]
        if style == "num":
            label = f"{n}. {txt}"
        elif style == "para":
            label = f"§ {n} {txt}" if not en else f"Clause {n} – {txt}"
        else:
            label = f"{n}\t{txt}"
        p = para(label, bold=True, size=o["font_size"] + 1.5, space_after=4)
        p.paragraph_format.space_before = Pt(10)
        p.paragraph_format.keep_with_next = True

    # ---- top of page 1
    if o["top_line"]:
        para(o["top_line"], size=9, space_after=14)
    para(o["title"], bold=True, size=o["title_size"], align=o["title_align"], space_after=6)
    if o["subtitle"]:
        para(o["subtitle"], size=o["font_size"] + 1, align=o["title_align"], space_after=14)

    # ---- parties
    b, v = o["buyer"], o["vendor"]
    bl = [b["name"]] + b["address"] + [cvr_text(b["cvr"], o["cvr_style"], en)]
    vl = [v["name"]] + v["address"] + [cvr_text(v["cvr"], o["cvr_style"], en)]
    brole = (
        t("Ordregiver", "the Customer")
        if o["party_layout"] != "sentence"
        else t("Kunden", "the Customer")
    )
    heading("Aftalens parter", "The parties")
    lay = o["party_layout"]
    if lay == "table":
        tb = doc.add_table(rows=1 + max(len(bl), len(vl)), cols=2)
        tb.style = "Table Grid"
        tb.cell(0, 0).text = t("Ordregiver", "Customer")
        tb.cell(0, 1).text = t("Leverandør", "Supplier")
        for cell in tb.rows[0].cells:
            cell.paragraphs[0].runs[0].bold = True
        for i in range(max(len(bl), len(vl))):
            tb.cell(i + 1, 0).text = bl[i] if i < len(bl) else ""
            tb.cell(i + 1, 1).text = vl[i] if i < len(vl) else ""
        para("", space_after=4)
        para(t("(i det følgende benævnt »Ordregiver« og »Leverandøren«)",
               '(hereinafter "the Customer" and "the Supplier")'), size=o["font_size"] - 1)  # fmt: skip
    elif lay == "blocks":
        para("Denne rammeaftale er indgået mellem")
        for line in bl:
            para(line, bold=line == bl[0], space_after=0)
        para("(herefter kaldet »Ordregiver«)", space_after=8)
        para("og")
        for line in vl:
            para(line, bold=line == vl[0], space_after=0)
        para("(herefter kaldet »Leverandøren«)", space_after=8)
    elif lay == "vendor_first":
        for line in vl:
            para(line, space_after=0)
        para("(i det følgende benævnt »Leverandøren«)", space_after=8)
        para("og")
        for line in bl:
            para(line, space_after=0)
        para("(i det følgende benævnt »Ordregiver«)", space_after=8)
        para("har indgået følgende rammeaftale.")
    else:
        if en:
            para(f"This Agreement is made between {b['name']}, {', '.join(b['address'])}, "
                 f"{cvr_text(b['cvr'], o['cvr_style'], en)} (the \"Customer\") and {v['name']}, "
                 f"{', '.join(v['address'])}, {cvr_text(v['cvr'], o['cvr_style'], en)} "
                 "(the \"Supplier\").")  # fmt: skip
        else:
            para(f"Aftalen er indgået mellem {b['name']}, {', '.join(b['address'])}, "
                 f"{cvr_text(b['cvr'], o['cvr_style'], en)} (»Kunden«) og {v['name']}, "
                 f"{', '.join(v['address'])}, {cvr_text(v['cvr'], o['cvr_style'], en)} "
                 "(»Leverandøren«).")  # fmt: skip
    buyer_word = t("Kunden" if lay == "sentence" else "Ordregiver", "the Customer")
    _ = brole

    # ---- scope
    heading("Aftalens genstand", "Scope")
    para(t(f"Aftalen omfatter levering af de varer og ydelser, der fremgår af {o['annex']}, til "
           f"{buyer_word}s institutioner. Aftalen er indgået efter et offentligt udbud med "
           f"tilbudsfrist den {fmt_date(o['tender_deadline'], o['dstyle'])}.",
           f"The Agreement covers the goods and services listed in {o['annex']}. It was awarded "
           f"after a public tender with a tender deadline of {fmt_date(o['tender_deadline'], o['dstyle'])}."))  # fmt: skip
    para(t("De i bilaget anførte mængder er estimater og ikke bindende. Der er ikke garanteret "
           f"en bestemt omsætning. Den anslåede samlede kontraktværdi er {o['est_value_text']} "
           f"{'ekskl.' if o['vat'] == 'excl' else 'inkl.'} moms for hele aftaleperioden.",
           "The quantities in the annex are estimates only and are not binding. The estimated "
           f"total contract value is {o['est_value_text']} {'excl.' if o['vat'] == 'excl' else 'incl.'} "
           "VAT for the full term."))  # fmt: skip

    # ---- term
    heading("Aftaleperiode", "Term")
    for s in o["terms"]["term_text"]:
        para(s)

    # ---- prices
    heading("Priser", "Prices")
    ps = t(f"Priserne fremgår af {o['annex']}. ", f"The prices are set out in {o['annex']}. ")
    if o["vat_loc"] == "body" or o["vat_body_too"]:
        vw = (
            t("ekskl. moms", "excluding VAT")
            if o["vat"] == "excl"
            else t("inkl. moms", "including VAT")
        )
        ps += t(f"Alle priser er angivet i danske kroner {vw}. ",
                f"All prices are stated in Danish kroner (DKK) {vw}. ")  # fmt: skip
    ps += t(
        "Priserne er inkl. levering frit leveringssted, emballage og miljøafgifter.",
        "Prices include delivery to the delivery address, packaging and environmental charges.",
    )
    para(ps)
    tm = o["terms"]
    if o["idx_own_clause"]:
        heading("Prisregulering", "Price adjustment")
    para(tm["idx_s"])
    if tm["mfn_s"] and not o["mfn_own_clause"]:
        para(tm["mfn_s"])

    # ---- payment
    heading("Fakturering og betaling", "Invoicing and payment")
    inv = t(
        "Fakturering sker elektronisk via NemHandel (OIOUBL) med angivelse af EAN-nummer.",
        "Invoices shall be sent electronically via NemHandel (OIOUBL) stating the EAN number.",
    )
    if tm["distract"]:
        inv += t(" Leverandøren skal fremsende faktura senest 5 dage efter levering. Reklamation over "
                 "fejl i leverancen skal ske senest 8 dage efter modtagelsen.",
                 " The Supplier shall issue the invoice no later than 5 days after delivery. "
                 "Complaints shall be made within 8 days of receipt.")  # fmt: skip
    para(inv)
    if tm["pay"]:
        para(tm["pay"])

    # ---- MFN
    if tm["mfn_s"] and o["mfn_own_clause"]:
        heading("Mestbegunstigelse", "Most favoured customer")
        para(tm["mfn_s"])

    # ---- breach
    heading("Misligholdelse", "Breach")
    para(t("Ved forsinket levering betaler Leverandøren en bod på 0,5 % af den forsinkede ordres "
           "værdi pr. påbegyndt arbejdsdag, dog højst 10 % af ordrens værdi. Leverandørens samlede "
           f"ansvar er begrænset til {o['liability_text']}.",
           "For late delivery the Supplier pays liquidated damages of 0.5 % of the value of the "
           "delayed order per working day, capped at 10 % of the order value. The Supplier's "
           f"total liability is limited to {o['liability_text']}."))  # fmt: skip

    # ---- annexes
    heading("Bilag", "Annexes")
    para(
        t(f"{o['annex']} (Excel-ark, udskrevet)", f"{o['annex']} (spreadsheet, printed)"),
        space_after=2,
    )
    para(t("Bilag 2 – Kravspecifikation (ikke vedlagt)", "Annex 2 – Requirements (not attached)"))

    # ---- signatures
    para("", space_after=12)
    sig = doc.add_table(rows=4, cols=2)
    _no_borders(sig)
    place = b["name"].replace(" Kommune", "").replace("Region ", "")
    sd = fmt_date(tm["signed"], o["sign_dstyle"])
    vd = fmt_date(tm["signed"] + timedelta(days=2), o["sign_dstyle"])
    left = [t(f"{place}, den {sd}", f"{place}, {sd}"), t("For Ordregiver", "For the Customer"), "",
            "_______________________"]  # fmt: skip
    right = [t(f"Dato: {vd}", f"Date: {vd}"), t("For Leverandøren", "For the Supplier"), "",
             "_______________________"]  # fmt: skip
    for i in range(4):
        sig.cell(i, 0).text = left[i]
        sig.cell(i, 1).text = right[i]
    return doc
