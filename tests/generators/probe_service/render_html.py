"""Blocks -> HTML letter; Chromium (headless, --print-to-pdf) turns it into the PDF."""

from __future__ import annotations

from html import escape

FONTS = {
    "Calibri": "'Carlito', 'Liberation Sans', sans-serif",
    "Arial": "'Liberation Sans', Arial, sans-serif",
    "Times New Roman": "'Liberation Serif', serif",
    "Garamond": "'DejaVu Serif', serif",
    "Verdana": "'DejaVu Sans', sans-serif",
}


def _t(s: str) -> str:
    return escape(s).replace("\n", "<br>").replace("\t", "&emsp;")


def render(blocks, meta, path, with_annex: bool) -> None:
    seed = meta["seed"]
    font = FONTS[meta["font"]]
    accent = ["#1f3a5f", "#5a2d0c", "#214d2b", "#333333"][seed % 4]
    zebra = seed % 2 == 0
    css = f"""
@page {{ size: A4; margin: 22mm 20mm 20mm 22mm;
  @top-right {{ content: "{meta["header"].replace('"', "'")}"; font: 8pt {font}; color: #666; }}
  @bottom-center {{ content: "{meta["page_word"]} " counter(page) " {meta["of_word"]} " counter(pages);
                    font: 8.5pt {font}; }} }}
body {{ font-family: {font}; font-size: 10.5pt; line-height: 1.35; color: #111; }}
h1.title {{ font-size: 19pt; color: {accent}; margin: 6mm 0 5mm; font-weight: 600; }}
h1.annex {{ font-size: 15pt; color: {accent}; break-before: page; margin-top: 0; }}
h2 {{ font-size: 11.5pt; margin: 5mm 0 1.5mm; color: {accent}; }}
p {{ margin: 0 0 2.2mm; }}
p.label {{ font-weight: bold; margin-bottom: 0; }}
.lh {{ display: flex; justify-content: space-between; border-bottom: 1.5pt solid {accent};
       padding-bottom: 3mm; }}
.lh .left div.name {{ font-size: 16pt; font-weight: bold; color: {accent}; }}
.lh .left div, .lh .right div {{ font-size: 9pt; }}
.lh .right {{ text-align: right; }}
table.kv td {{ padding: 0.5mm 4mm 0.5mm 0; vertical-align: top; }}
table.kv td:first-child {{ font-weight: bold; width: 45mm; }}
table.grid {{ border-collapse: collapse; width: 100%; margin: 1mm 0 1mm; font-size: 9.5pt; }}
table.grid th {{ background: {accent}; color: white; text-align: left; padding: 1.5mm 2mm;
                 border: 0.6pt solid {accent}; }}
table.grid td {{ border: 0.6pt solid #999; padding: 1.2mm 2mm; vertical-align: top; }}
table.grid tr.total td {{ font-weight: bold; border-top: 1.2pt solid #111; }}
{"table.grid tbody tr:nth-child(even) td { background: #f0f3f7; }" if zebra else ""}
table.grid .num {{ text-align: right; white-space: nowrap; }}
table.grid tr {{ break-inside: avoid; }}
.caption {{ font-weight: bold; font-size: 9.5pt; margin: 3mm 0 1mm; }}
.note {{ font-size: 8.5pt; font-style: italic; margin-bottom: 4mm; }}
table.parties {{ border-collapse: collapse; width: 100%; margin-bottom: 3mm; }}
table.parties td {{ border: 0.6pt solid #999; padding: 1mm 2mm; width: 50%; }}
table.parties tr:first-child td {{ font-weight: bold; background: #eee; }}
table.sign {{ width: 100%; margin-top: 6mm; }}
table.sign td {{ width: 50%; padding: 1.5mm 0; }}
"""
    out = [f"<!DOCTYPE html><html lang='{meta['lang']}'><head><meta charset='utf-8'>",
           f"<title>{_t(meta['header'])}</title><style>{css}</style></head><body>"]  # fmt: skip

    def table(spec):
        h = []
        if spec.get("caption"):
            h.append(f"<div class='caption'>{_t(spec['caption'])}</div>")
        nums = set(spec.get("num_cols", []))
        ws = spec.get("widths") or [1] * len(spec["header"])
        tot = sum(ws)
        h.append("<table class='grid'><colgroup>")
        h += [f"<col style='width:{100 * w / tot:.1f}%'>" for w in ws]
        h.append("</colgroup><thead><tr>")
        h += [
            f"<th class='{'num' if i in nums else ''}'>{_t(c)}</th>"
            for i, c in enumerate(spec["header"])
        ]
        h.append("</tr></thead><tbody>")
        for r_i, row in enumerate(spec["rows"]):
            total = spec.get("total_row") and r_i == len(spec["rows"]) - 1
            h.append(f"<tr class='{'total' if total else ''}'>")
            h += [
                f"<td class='{'num' if i in nums else ''}'>{_t(c)}</td>" for i, c in enumerate(row)
            ]
            h.append("</tr>")
        h.append("</tbody></table>")
        if spec.get("note"):
            h.append(f"<div class='note'>{_t(spec['note'])}</div>")
        return "".join(h)

    def emit(b):
        kind = b[0]
        if kind == "letterhead":
            d = b[1]
            left = "".join(f"<div>{_t(x)}</div>" for x in d["lines"])
            right = "".join(f"<div>{_t(x)}</div>" for x in d["right"])
            return (
                f"<div class='lh'><div class='left'><div class='name'>{_t(d['name'])}</div>{left}</div>"
                f"<div class='right'>{right}</div></div>"
            )
        if kind == "title":
            return f"<h1 class='title'>{_t(b[1])}</h1>"
        if kind == "title2":
            return f"<h1 class='annex'>{_t(b[1])}</h1>"
        if kind == "heading":
            return f"<h2>{_t(b[1])}</h2>"
        if kind == "para":
            return f"<p>{_t(b[1])}</p>"
        if kind == "bold_para":
            return f"<p class='label'>{_t(b[1])}</p>"
        if kind == "bullets":
            return "<ul>" + "".join(f"<li>{_t(x)}</li>" for x in b[1]) + "</ul>"
        if kind == "kv":
            return (
                "<table class='kv'>"
                + "".join(f"<tr><td>{_t(a)}</td><td>{_t(v)}</td></tr>" for a, v in b[1])
                + "</table>"
            )
        if kind == "parties":
            return (
                "<table class='parties'>"
                + "".join("<tr>" + "".join(f"<td>{_t(c)}</td>" for c in r) + "</tr>" for r in b[1])
                + "</table>"
            )
        if kind == "table":
            return table(b[1])
        if kind == "pagebreak":
            return "<div style='break-after: page'></div>"
        if kind == "signature":
            return (
                "<table class='sign'>"
                + "".join(f"<tr><td>{_t(a)}</td><td>{_t(c)}</td></tr>" for a, c in b[1])
                + "</table>"
            )
        raise ValueError(kind)

    out += [emit(b) for b in blocks]
    if with_annex and meta["annex"]:
        out += [emit(b) for b in meta["annex"]]
    out.append("</body></html>")
    path.write_text("\n".join(out), encoding="utf-8")
