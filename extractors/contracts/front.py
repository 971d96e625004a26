"""The front page: language, title, contract number and the parties with CVR numbers.

``parties.read_parties`` reads the parties wherever the contract names them; here are
the front page's own readings it falls back on: address blocks around CVR numbers
("Kunde: X, CVR-nr. ..."), and parties standing side by side, read from the text
runs' positions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from extractors.contracts.party_names import (
    ADDRESS_LINE,
    PUBLIC_BODY,
    ROLE_LABEL,
    TWO_BODIES,
    clean_name,
    legal_looking,
    role_of,
    wraps_onto,
)
from extractors.contracts.patterns import NUMBERED_HEADING
from extractors.contracts.pdf import Segment
from extractors.types import ContractParty, Evidence, PartyRole

_SAME_COLUMN = 6.0  # points
_BLOCK_GAP = 30.0  # points between the lines of one address block, at most

_DA_WORDS = frozenset(["og", "i", "at", "det", "er", "en", "til", "af", "for", "med", "den", "på", "som", "kan", "ikke", "eller", "skal", "kunden", "leverandøren", "priser", "kontrakten", "dage", "måneder"])  # fmt: skip
_EN_WORDS = frozenset(["and", "the", "of", "to", "in", "is", "for", "with", "by", "on", "be", "may", "shall", "or", "not", "customer", "supplier", "prices", "contract", "days", "months"])  # fmt: skip

_NUMBER_RE = re.compile(
    r"^(?:Kontrakt\s*nr\.?|Kontraktnummer|Kontrakt-?nr\.|Sagsnr\.?|Aftale\s*nr\.?|Aftalenummer|Contract\s+no\.?"
    r"|Contract\s+number|Agreement\s+no\.?|Agreement\s+number|Contract\s+ref(?:erence|\.)?"
    r"|Kontraktreference|Aftalereference|Udbudsnr\.?|Tender\s+(?:no\.?|reference))"
    r"(?![A-Za-zÆØÅæøå])\s*:?\s*(?P<number>\S+)",
    re.IGNORECASE,
)
_CVR_RE = re.compile(r"(?:CVR\)?(?:/SE)?|(?-i:\bSE)(?=[-\s.]?(?i:nr|nummer))|company\s+reg(?:istration|\.)?(?:\s*\(CVR\))?|"
                     r"moms-?(?:nr\.?|nummer)|vat\s+(?:reg(?:istration|\.)?\s+)?(?:no\.?|number))"
                     r"[-\s]*(?:nr\.?|no\.?|nummer|number)?\s*:?\s*"
                     r"(?:DK[-\s]?)?(?P<cvr>\d{2} ?\d{2} ?\d{2} ?\d{2})\b",
                     re.IGNORECASE)  # fmt: skip
_BUYER_WORDS = re.compile(r"\b(kunden?|ordregiver(?:en)?|køber(?:en)?|kommunen|customer|"
                          r"contracting authority|buyer)\b", re.IGNORECASE)  # fmt: skip
_VENDOR_WORDS = re.compile(r"\b(leverandør(?:en)?|supplier|vendor|contractor)\b", re.IGNORECASE)
_LABEL_RE = re.compile(r"^(?P<label>[A-Za-zÆØÅæøå ]{3,30}):\s*(?P<name>.+?),?\s*$")
_LEGAL_FORM = re.compile(
    r"\b(A/S|ApS|I/S|P/S|K/S|IVS|Kommune|Region|Styrelsen|Ltd|GmbH|AB|AS|Inc)\b"
)
#: a key-facts row: the party's role, then its name ("Kunde Havnsø Kommune")
_KEY_FACT = re.compile(r"^(?P<label>(?i:kunden?|ordregiver(?:en)?|leverandør(?:en)?|køber(?:en)?|"
                       r"customer|supplier|buyer))\s+(?P<rest>[A-ZÆØÅ].*)$")  # fmt: skip
_STOP_LINES = re.compile(r"^(mellem|og|between|and|parterne|the parties)$", re.IGNORECASE)
#: a line naming a party's role alone, over the party's block: "Contracting Authority",
#: "Supplier", "Kunde", "Ordregiver:" (no title goes on past it)
_ROLE_LINE = re.compile(r"^(?:the\s+)?(?:contracting\s+authority|customer|supplier|buyer|"
                        r"contractor|service\s+provider|vendor|purchaser|kunden?|leverandør(?:en)?|"
                        r"ordregiver(?:en)?|køber(?:en)?)\s*:?$", re.IGNORECASE)  # fmt: skip


@dataclass(slots=True)
class FrontPage:
    title: str | None = None
    title_evidence: Evidence | None = None
    contract_number: str | None = None
    parties: list[ContractParty] = field(default_factory=list)


def detect_language(text: str) -> str:
    """``da`` or ``en`` by counting common words (Danish wins ties)."""
    words = re.findall(r"[a-zæøå]+", text.lower())
    da = sum(w in _DA_WORDS for w in words) + 3 * sum(ch in "æøå" for ch in text.lower())
    en = sum(w in _EN_WORDS for w in words)
    return "en" if en > da else "da"


def read_front_page(lines: list[str], page: int = 1) -> FrontPage:
    """Title (the lines before the contract number or the parties), number, parties."""
    front = FrontPage()
    title_lines: list[str] = []
    for line in lines:
        number = _NUMBER_RE.match(line)
        if number and front.contract_number is None:
            front.contract_number = number.group("number").rstrip(".,;")
        if number or _STOP_LINES.match(line) or _CVR_RE.search(line) or ":" in line:
            break
        if title_lines and (NUMBERED_HEADING.match(line) or _ROLE_LINE.match(line)):
            break  # the first clause's heading ("1. Parties") or a party's role
        title_lines.append(line)
    if title_lines:
        title = " ".join(title_lines[:3])
        front.title = title
        front.title_evidence = Evidence(text=title, page=page)
    if front.contract_number is None:
        front.contract_number = next(
            (m.group("number") for ln in lines if (m := _NUMBER_RE.match(ln))), None
        )
    front.parties = _parties(lines, page)
    return front


def _parties(lines: list[str], page: int) -> list[ContractParty]:
    found: list[tuple[ContractParty, PartyRole | None]] = []
    for i, line in enumerate(lines):
        match = _CVR_RE.search(line)
        if match is None:
            continue
        cvr = match.group("cvr").replace(" ", "")
        before = line[: match.start()].rstrip(" ,;(")
        label = _LABEL_RE.match(before) if before else None
        labelled = _KEY_FACT.match(before) if before and not label else None
        if label:
            name, role = label.group("name"), _role(label.group("label"))
        elif (
            labelled is not None
            and labelled.group("rest")[:1].isupper()
            and (
                _LEGAL_FORM.search(labelled.group("rest"))
                or PUBLIC_BODY.search(labelled.group("rest"))
            )
        ):
            # a key-facts row "Kunde | Havnsø Kommune, CVR-nr. ...": the role, then the name
            name, role = labelled.group("rest"), _role(labelled.group("label"))
        elif before:
            name, role = before, None
        else:
            name, role, other = _name_above(lines, i)
            if other:
                continue  # the buyer's advisor, a subcontractor: no party of the contract
            labelled_above = ROLE_LABEL.match(name)
            if labelled_above is not None and labelled_above.group("rest"):
                # "Leverandør X Tolk P/S" over its address: the role, then the name
                name, role = labelled_above.group("rest"), _role(labelled_above.group("label"))
        if role is None:
            role = _role(" ".join(lines[i + 1 : i + 4]), marker_only=True)
        cleaned = clean_name(name)
        if cleaned is None and TWO_BODIES.search(name):
            continue  # a row of names over a row of numbers: the table reader's
        party = ContractParty(name=cleaned or name.strip(" ,"), role="buyer", cvr=cvr,
                              evidence=Evidence(text=line if before else f"{name}\n{line}", page=page))  # fmt: skip
        found.append((party, role))
    return _assign_roles(found)


def _name_above(lines: list[str], index: int) -> tuple[str, PartyRole | None, bool]:
    """The party's name in the address block above its CVR line (:func:`block_name`),
    the role a label over the block states ("Leverandør", "1.2 Kunde", "Sælger:"), and
    whether that label names someone who is no party of the contract ("Ordregivers
    rådgiver:", an advisor, a purchasing body, a guarantor)."""
    block: list[str] = []
    for line in reversed(lines[max(0, index - 5) : index]):
        if (
            _STOP_LINES.match(line)
            or _CVR_RE.search(line)
            or line.startswith("(")
            or _NUMBER_RE.match(line)
        ):
            break
        label = ROLE_LABEL.match(line)
        if label is not None and not label.group("rest"):
            return block_name(block), role_of(label.group("label")), False
        if _ROLE_LINE.match(line):
            return block_name(block), _role(line), False
        if line.rstrip().endswith(":") and _THIRD_PARTY.search(line):
            return block_name(block), None, True
        block.insert(0, line)
    return block_name(block), None, False


#: a label over someone named beside the parties: the buyer's advisor, the body that ran
#: the tender, a subcontractor, a guarantor, an insurer
_THIRD_PARTY = re.compile(
    r"rådgiver|advis[eo]r|udbyder|indkøbscentral|underleverandør|subcontractor|garant|"
    r"guarantor|kautionist|forsikring|insurer",
    re.IGNORECASE,
)


def block_name(block: list[str]) -> str:
    """The name in a party's block of lines: the line with a legal form or a public
    body's word ("A/S", "A.m.b.a.", "Kommune"), else the first line that is no address
    (a foundation, a sole trader: "Fonden ...", "Malerfirmaet ..."), joined with the
    line above where the name wraps ("Nordjysk Ventilations- og" / "Køleteknik
    A/S", "Midtjysk Kloak- og Rørservice" / "ApS")."""
    kept = [line.strip() for line in block if line.strip()]
    names = [
        i
        for i, line in enumerate(kept)
        if not ADDRESS_LINE.match(line)
        and not line.lower().startswith(("v/", "att"))
        and not _ROLE_LINE.match(line)
        and role_of(line) is None
    ]
    if not names:
        return kept[0] if kept else ""
    legal = [i for i in names if legal_looking(kept[i])]
    at = legal[0] if legal else names[0]
    name = kept[at]
    while at > 0 and at - 1 in names and wraps_onto(kept[at - 1], name):
        at -= 1
        name = f"{kept[at]} {name}"
    return name


def _role(text: str, *, marker_only: bool = False) -> PartyRole | None:
    if marker_only:
        marker = re.search(r"(?:herefter|følgende|hereinafter)[^\"“”]*[\"“”](?P<r>[^\"“”]+)[\"“”]",
                           text, re.IGNORECASE)  # fmt: skip
        if marker is None:
            return None
        text = marker.group("r")
    if _VENDOR_WORDS.search(text):
        return "vendor"
    if _BUYER_WORDS.search(text):
        return "buyer"
    return role_of(text)  # "Sælger", "Entreprenøren", "Bygherre / ordregiver"


def _assign_roles(found: list[tuple[ContractParty, PartyRole | None]]) -> list[ContractParty]:
    """Keep one buyer and one vendor: roles stated win, then "Kommune" in the name, then
    order (the buyer is named first in Danish public contracts). A CVR number met again
    is the same party (a vendor's letterhead above the parties' blocks), never the other."""
    parties: dict[str, ContractParty] = {}

    def place(party: ContractParty, role: PartyRole) -> None:
        known = party.cvr is not None and any(p.cvr == party.cvr for p in parties.values())
        if role not in parties and not known:
            party.role = role
            parties[role] = party

    for party, role in found:
        if role is not None:
            place(party, role)
    for party, role in found:
        if role is None and re.search(r"\bkommune\b|region", party.name, re.I):
            place(party, "buyer")
    for party, role in found:
        if role is None:
            place(party, "vendor" if "buyer" in parties else "buyer")
    return [parties[r] for r in ("buyer", "vendor") if r in parties]


def _wrapped_name(block: list[str]) -> str:
    """A name without a legal form in a narrow column: its lines down to the address (the
    first line with a number: "Skolevej 12"), at most two ("Indkøbsfællesskabet" /
    "Nord")."""
    lines: list[str] = []
    for line in block[:2]:
        if re.search(r"\d", line):
            break
        lines.append(line)
    if len(lines) == 2 and (len(lines[0].split()) > 2 or PUBLIC_BODY.search(lines[0])):
        lines = lines[:1]  # a whole name, then its department ("Center for It, ...")
    return " ".join(lines) if lines else (block[0] if block else "")


def side_by_side(segments: list[Segment]) -> bool:
    """Whether the parties stand in columns: CVR numbers start at different columns,
    in runs that are no sentence ("... made between X, CVR no. ..." wrapped so that its
    second line's run starts mid-line is a paragraph naming both, not two columns)."""
    starts = [
        s.x0 for s in segments if _CVR_RE.search(s.text) and not _SENTENCE_WORDS.search(s.text)
    ]
    return len(starts) >= 2 and max(starts) - min(starts) > 50


#: words of a sentence naming the parties, never of a party's block
_SENTENCE_WORDS = re.compile(
    r"\b(?:between|mellem|made|entered|indgået|herefter|hereinafter|agreement|aftale)\b|"
    r"\)\s+(?:and|og)\b",
    re.IGNORECASE,
)


def parties_in_columns(segments: list[Segment], page: int) -> list[ContractParty]:
    """Parties laid out side by side: each CVR run, with the runs above it in its column
    up to a label ("Kunden:", "Leverandøren:") or a gap, is one party's block."""
    found: list[tuple[ContractParty, PartyRole | None]] = []
    segments = _joined(segments)
    for cvr_run in (s for s in segments if _CVR_RE.search(s.text)):
        column = sorted(
            (s for s in segments if abs(s.x0 - cvr_run.x0) <= _SAME_COLUMN and s.top < cvr_run.top),
            key=lambda s: -s.top,
        )
        block: list[str] = []
        role: PartyRole | None = None
        bottom = cvr_run.top
        for run in column:
            if (
                bottom - run.top > _BLOCK_GAP
                or _STOP_LINES.match(run.text)
                or _CVR_RE.search(run.text)
            ):
                break
            label = ROLE_LABEL.match(run.text)
            if (
                run.text.endswith(":")
                or _NUMBER_RE.match(run.text)
                or (label is not None and not label.group("rest"))
            ):  # "Kunden:", "Ordregiver" over its column
                role = _role(run.text)
                break
            block.insert(0, run.text)
            bottom = run.top
        named = [line for line in block if _LEGAL_FORM.search(line)]
        name = block_name(block) if named else _wrapped_name(block)
        match = _CVR_RE.search(cvr_run.text)
        assert match is not None
        evidence = Evidence(text=f"{name}\n{cvr_run.text}", page=page,
                            bbox=(cvr_run.x0, cvr_run.top, cvr_run.x1, cvr_run.bottom))  # fmt: skip
        party = ContractParty(name, "buyer", match.group("cvr").replace(" ", ""), evidence)
        found.append((party, role))
    return _assign_roles(found)


def _joined(segments: list[Segment]) -> list[Segment]:
    """The runs with each run that goes on the same line a word's space to its right
    joined to it: a producer may end a run inside a name ("Skandinavisk Hardware
    Danmark" | "ApS"), whose legal form would then stand in no column."""
    out: list[Segment] = []
    for run in sorted(segments, key=lambda s: (round(s.top), s.x0)):
        last = out[-1] if out else None
        height = max(run.bottom - run.top, 1.0)
        if (
            last is not None
            and abs(last.top - run.top) < 0.3 * height
            and 0 <= run.x0 - last.x1 < 0.6 * height
        ):
            out[-1] = Segment(last.x0, min(last.top, run.top), run.x1,
                              max(last.bottom, run.bottom), f"{last.text} {run.text}")  # fmt: skip
            continue
        out.append(run)
    return out


#: a CVR label standing alone in the first column of a parties table
_CVR_LABEL = re.compile(r"^(?:CVR(?:/SE)?|company\s+reg(?:istration|\.)?|reg(?:istration|\.)?)"
                        r"[-\s]*(?:nr\.?|no\.?|nummer|number)?\s*:?$", re.IGNORECASE)  # fmt: skip
_BARE_CVR = re.compile(r"^(?:DK[-\s]?)?(?P<cvr>\d{2} ?\d{2} ?\d{2} ?\d{2})$")
#: the label of a parties table's row of names
_NAME_LABEL = re.compile(r"^(?:navn|name|firma(?:navn)?|virksomhed|company(?:\s+name)?|"
                         r"legal\s+name|juridisk\s+navn)\s*:?$", re.IGNORECASE)  # fmt: skip


def parties_in_matrix(segments: list[Segment], page: int) -> list[ContractParty]:
    """Parties in a table of one column each, the rows labelled in the first ("Navn",
    "Adresse", "CVR-nr."), each column headed by its role ("Kunde | Leverandør"): the
    CVR row's numbers, each with the name in its column (the row labelled "Navn", else
    the column's first cell under its role) and the role heading it."""
    segments = _label_apart(segments)
    for label in (s for s in segments if _CVR_LABEL.match(s.text.strip())):
        by_names = _by_name_row(segments, label, page)
        if by_names:
            return by_names
        numbers = sorted(
            (s for s in _same_row(segments, label) if s.x0 > label.x1 and _BARE_CVR.match(s.text.strip())),
            key=lambda s: s.x0,
        )  # fmt: skip
        if len(numbers) != 2:
            continue
        name_row = next(
            (s for s in segments if _NAME_LABEL.match(s.text.strip()) and s.top < label.top
             and abs(s.x0 - label.x0) <= 2 * _SAME_COLUMN and label.top - s.top < 200),
            None,
        )  # fmt: skip
        found: list[tuple[ContractParty, PartyRole | None]] = []
        for number in numbers:
            above = sorted(
                (s for s in segments if s.top < number.top and label.top - s.top < 200
                 and s.x0 < number.x1 and s.x1 > number.x0 and s.x0 > label.x1 - 2),
                key=lambda s: s.top,
            )  # fmt: skip
            roles = [(i, r) for i, s in enumerate(above) if (r := _header_role(s.text))]
            role = roles[-1][1] if roles else None
            below_role = above[roles[-1][0] + 1 :] if roles else above
            if name_row is not None:
                named = [s for s in _same_row(below_role, name_row)]
            else:
                named = below_role[:1]
            name = clean_name(named[0].text) if named else None
            if not name:
                break
            cvr = _BARE_CVR.match(number.text.strip())
            assert cvr is not None
            evidence = Evidence(text=f"{name}\n{label.text} {number.text}", page=page,
                                bbox=(number.x0, number.top, number.x1, number.bottom))  # fmt: skip
            found.append((ContractParty(name, "buyer", cvr.group("cvr").replace(" ", ""),
                                        evidence), role))  # fmt: skip
        if len(found) == 2 and found[0][0].name != found[1][0].name:
            return _assign_roles(found)
    return []


def _by_name_row(segments: list[Segment], label: Segment, page: int) -> list[ContractParty]:
    """The parties of a table whose row labelled "Navn" names one party per column (above
    or below the CVR row): each column's name, the CVR number in that column on the CVR
    label's line (none where the cell is empty or a dash), and the role heading the
    column."""
    name_label = next(
        (s for s in segments if _NAME_LABEL.match(s.text.strip())
         and abs(s.x0 - label.x0) <= 2 * _SAME_COLUMN and abs(label.top - s.top) < 200),
        None,
    )  # fmt: skip
    if name_label is None:
        return []
    names = sorted((s for s in _same_row(segments, name_label) if s.x0 > name_label.x1),
                   key=lambda s: s.x0)  # fmt: skip
    names = _columns_joined(names)
    if len(names) < 2:
        names = _wrapped_row(segments, name_label)
    if len(names) < 2:
        return []
    numbers = [s for s in _same_row(segments, label) if s.x0 > label.x1]
    top = min(name_label.top, label.top)
    found: list[tuple[ContractParty, PartyRole | None]] = []
    for cell in names:
        name = clean_name(cell.text)
        if not name:
            return []
        inside = [s for s in numbers if s.x0 < cell.x1 + 20 and s.x1 > cell.x0 - 20]
        cvr = next((m for s in inside if (m := _BARE_CVR.match(s.text.strip()))), None)
        if (
            inside
            and cvr is None
            and not all(re.fullmatch(r"[-–—]*", s.text.strip()) for s in inside)
        ):
            return []  # something else in the CVR row's cell: not this kind of table
        heads = sorted((s for s in segments if s.top < top and top - s.top < 60
                        and s.x0 < cell.x1 and s.x1 > cell.x0 and _header_role(s.text)),
                       key=lambda s: s.top)  # fmt: skip
        role = _header_role(heads[-1].text) if heads else None
        number = cvr.group("cvr").replace(" ", "") if cvr else None
        evidence = Evidence(text=f"{name}\n{label.text} {number or '-'}", page=page,
                            bbox=(cell.x0, cell.top, cell.x1, cell.bottom))  # fmt: skip
        found.append((ContractParty(name, "buyer", number, evidence), role))
    if len(found) > 2:
        # a third column (a subcontractor, a guarantor): the two columns headed by the
        # buyer's and the vendor's roles, or none
        found = [(p, r) for p, r in found if r is not None]
        if len(found) != 2 or found[0][1] == found[1][1]:
            return []
    if found[0][0].name == found[1][0].name or not any(p.cvr for p, _ in found):
        return []
    return _assign_roles(found)


def _wrapped_row(segments: list[Segment], label: Segment) -> list[Segment]:
    """The row's cells where a cell wraps over lines and the row's label stands centred
    on it ("Nordvest Fagsystemer" / "A/S" beside "Navn" on the line between): per
    column headed by a role above the label, the run of that column's lines set close
    together that spans the label's middle, joined."""
    middle = (label.top + label.bottom) / 2
    heads = sorted((s for s in segments if s.top < label.top and label.top - s.top < 60
                    and s.x0 > label.x1 and _header_role(s.text)), key=lambda s: s.x0)  # fmt: skip
    cells = []
    for head in heads:
        column = sorted((s for s in segments if s.top > head.bottom - 1
                         and abs(s.x0 - head.x0) <= _SAME_COLUMN), key=lambda s: s.top)  # fmt: skip
        run: list[Segment] = []
        for line in column:
            if run and line.top - run[-1].bottom > 2.0:
                if run[0].top <= middle <= run[-1].bottom:
                    break
                run = []
            run.append(line)
        if run and run[0].top <= middle <= run[-1].bottom:
            text = " ".join(r.text for r in run)
            cells.append(Segment(min(r.x0 for r in run), run[0].top, max(r.x1 for r in run),
                                 run[-1].bottom, text))  # fmt: skip
    return cells


def _columns_joined(cells: list[Segment]) -> list[Segment]:
    """Cells of one column on a row's line joined top to bottom (a name wrapped around
    the row's label: "Nordvest Fagsystemer" over "A/S")."""
    out: list[Segment] = []
    for cell in sorted(cells, key=lambda c: (c.x0, c.top)):
        last = out[-1] if out else None
        if last is not None and abs(cell.x0 - last.x0) <= _SAME_COLUMN:
            out[-1] = Segment(min(last.x0, cell.x0), last.top, max(last.x1, cell.x1),
                              cell.bottom, f"{last.text} {cell.text}")  # fmt: skip
            continue
        out.append(cell)
    return out


def _label_apart(segments: list[Segment]) -> list[Segment]:
    """The segments with a CVR label run together with the first column's number
    ("CVR-nr. 95882765", the gap between the cells too narrow) set apart."""
    out = []
    for seg in segments:
        glued = _GLUED_CVR.match(seg.text.strip())
        if glued is None:
            out.append(seg)
            continue
        width = (seg.x1 - seg.x0) / max(len(seg.text), 1)
        split = seg.x0 + width * glued.start("cvr")
        out.append(Segment(seg.x0, seg.top, split - width, seg.bottom, glued.group("label")))
        out.append(Segment(split, seg.top, seg.x1, seg.bottom, glued.group("cvr")))
    return out


_GLUED_CVR = re.compile(r"^(?P<label>CVR(?:/SE)?[-\s]*(?:nr\.?|no\.?|nummer)?\s*:?)\s+"
                        r"(?P<cvr>\d{2} ?\d{2} ?\d{2} ?\d{2})$", re.IGNORECASE)  # fmt: skip


def _same_row(segments: list[Segment], anchor: Segment) -> list[Segment]:
    """The segments on the anchor's line (their middles within its height)."""
    return [s for s in segments if anchor.top - 2 <= (s.top + s.bottom) / 2 <= anchor.bottom + 2]


def _header_role(text: str) -> PartyRole | None:
    """The role a parties table's column heading names ("Kunde", "Leverandøren",
    "Customer (Buyer)"), alone."""
    label = ROLE_LABEL.match(text.strip())
    if label is None or label.group("rest"):
        return None
    return _role(label.group("label"))
