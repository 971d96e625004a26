"""The contract's parties: legal names, CVR numbers and buyer/vendor roles, wherever the
contract names them (names and roles as ``party_names`` reads them).

Sources, in order (the first that names two parties wins; the others fill gaps):
1. the preamble sentence: "by and between X, a Delaware corporation ("Company"), and Y
   ("Distributor")", "mellem Aarhus Kommune, ..., CVR-nr. ... (herefter "Kunden") og
   Nordisk Drift A/S ... (herefter "Leverandøren")", on the first pages, then anywhere;
2. stacked blocks after "mellem" / "BETWEEN:" / "Parter", separated by "og" / "and"
   or by role labels ("Customer", "Leverandør");
3. labelled lines: "Kunde: Vejle Kommune, ..., CVR nr.: 69 30 39 32";
4. the signature blocks ("For Kunden: Aarhus Kommune", "ADAMS GOLF, LTD. By: ...").
(``extract`` falls back on the front page's address blocks around CVR numbers, and
reads parties standing side by side from their columns, ``front``.)

A CVR number stated with a party's name is its CVR. Without a defined role, a
municipality, region or agency is the buyer; then the order decides (the buyer is named
first in Danish public contracts).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from extractors.contracts.party_names import (
    ADDRESS_LINE,
    LEGAL_FORM,
    ON_BEHALF,
    PUBLIC_BODY,
    QUOTE,
    ROLE_LABEL,
    clean_name,
    last_party,
    legal_looking,
    role_of,
    wraps_onto,
)
from extractors.contracts.pdf import PageText
from extractors.contracts.structure import heading, toc_lines
from extractors.types import ContractParty, Evidence, PartyRole

_CVR = re.compile(r"(?:CVR\)?(?:/SE)?|(?-i:\bSE)(?=[-\s.]?(?i:nr|nummer))|company\s+reg(?:istration|\.)?|moms-?(?:nr\.?|nummer)|"
                  r"vat\s+(?:reg(?:istration|\.)?\s+)?(?:no\.?|number))[-\s]*(?:nr\.?|no\.?|nummer|number)?"
                  r"\s*[:.]?\s*(?:DK[-\s]?)?"
                  r"(?P<cvr>\d{2}\s?\d{2}\s?\d{2}\s?\d{2})\b", re.IGNORECASE)  # fmt: skip
_MARKER = re.compile(
    rf"\((?:[^()]|\([^()]*\))*?[{QUOTE}](?P<t1>[^{QUOTE}()]{{1,60}})[{QUOTE}](?:[^()]|\([^()]*\))*?\)"
    rf"|(?:herein(?:after)?|herefter|i\s+det\s+følgende)\s+(?:(?:referred\s+to|kaldet|benævnt|"
    rf"called|jointly)\s+)?(?:as\s+)?(?:the\s+)?[{QUOTE}](?P<t2>[^{QUOTE}]{{1,60}})[{QUOTE}]"
    rf"|referred\s+to\s+(?:in\s+this\s+agreement\s+|herein\s+)?as\s+[{QUOTE}](?P<t3>[^{QUOTE}]"
    rf"{{1,60}})[{QUOTE}](?:\s+or\s+[{QUOTE}][^{QUOTE}]{{1,40}}[{QUOTE}])?"
    rf"|(?<=\s)[{QUOTE}](?P<t4>(?:the\s+)?[A-ZÆØÅ][\w]{{2,25}})[{QUOTE}](?=\s|$)"
    r"|\((?:the\s+)?(?P<t5>[A-ZÆØÅ][a-zæøå]{2,25})\)"
    r"|\(\s*(?:hereinafter|herefter)\s+(?:(?:referred\s+to|called|kaldet)\s+)?(?:as\s+)?(?:the\s+)?"
    r"(?P<t6>[A-ZÆØÅ][\w ]{1,30}?)\s*\)",
    re.IGNORECASE,
)
_COLLECTIVE = re.compile(r"^(?:the\s+)?(?:part(?:y|ies)|parter(?:ne)?|party\s+to\s+this|"
                         r"each|collectively|individually)\b", re.IGNORECASE)  # fmt: skip
_PREAMBLE_START = re.compile(
    r"\b(?:by\s+and\s+(?:between|among)|between|among|mellem|entered\s+into\s+by)\b\s*:?",
    re.IGNORECASE,
)
_PREAMBLE_CONTEXT = re.compile(r"agreement|contract|aftale|kontrakt|made|entered|indgå|dated",
                               re.IGNORECASE)  # fmt: skip
_PREAMBLE_END = re.compile(
    r"\b(?:WHEREAS|W\s?I\s?T\s?N\s?E\s?S\s?S\s?E\s?T\s?H|RECITALS?|BACKGROUND|Background|Recitals|"
    r"NOW,?\s+THEREFORE|In\s+consideration|Præambel|Baggrund|er\s+der\s+indgået|har\s+indgået|"
    r"is\s+made|takes\s+effect|are\s+(?:sometimes\s+)?(?:each\s+)?referred|agree\s+as\s+follows)\b",
)
_SEPARATOR_LINE = re.compile(r"^[-–—\s]*(?:og|and|samt|&)[-–—\s]*$", re.IGNORECASE)
_BETWEEN_LINE = re.compile(r"(?:^|\b)(?:by\s+and\s+between|between|mellem|among|parterne|parter|"
                           r"the\s+parties|parties)\s*:?$", re.IGNORECASE)  # fmt: skip
_SIGNATURE_FOR = re.compile(r"^(?:signed\s+)?(?:for\s+and\s+on\s+behalf\s+of|on\s+behalf\s+of|"
                            r"for)\s+(?:the\s+)?(?P<name>.+?)\s*:?$", re.IGNORECASE)  # fmt: skip
_BY_LINE = re.compile(r"^(?:by|signature|underskrift)\s*:", re.IGNORECASE)
_FRONT_PAGES = 3


@dataclass(slots=True)
class Found:
    """A party as one source names it."""

    name: str
    role: PartyRole | None = None
    cvr: str | None = None
    page: int | None = None
    text: str = ""


def read_parties(pages: list[PageText]) -> list[ContractParty]:
    """The buyer and the vendor (in that order) the contract names, each with its CVR
    number when stated; fewer when the contract does not name two parties."""
    front = _front_lines(pages[:_FRONT_PAGES])
    found: list[Found] = []
    for source in (_preamble, _blocks, _labelled):
        found = _merge(found, source(front))
        if len(found) >= 2:
            break
    if len(found) < 2 and len(pages) > _FRONT_PAGES:
        found = _merge(found, _preamble(_front_lines(pages)))
    if len(found) < 2:
        found = _merge(found, _signatures(pages))
    _add_cvrs(found, front)
    return assign_roles(found[:2] if len(found) > 2 else found)


def _front_lines(pages: list[PageText]) -> list[tuple[int, str]]:
    lines: list[tuple[int, str]] = []
    for page in pages:
        toc = toc_lines(page.lines)
        lines += [(page.number, line) for i, line in enumerate(page.lines) if i not in toc]
    return lines


# -------------------------------------------------------------------------- preamble


def _preamble(lines: list[tuple[int, str]]) -> list[Found]:
    """The parties of the first sentence that says between whom the contract is made:
    the first one that names two parties by defined terms, else the first that names
    two legal names without."""
    text, page_at = _joined(lines)
    segments = []
    for start in _PREAMBLE_START.finditer(text):
        context = text[max(0, start.start() - 300) : start.start()]
        at_line_start = start.start() == 0 or text[start.start() - 1] == "\n"
        if _PREAMBLE_CONTEXT.search(context) or at_line_start:
            segments.append((_segment(text, start.end()), page_at(start.start())))
    partial: list[Found] = []
    for segment, page in segments:
        found = _parse_segment(segment, page)
        if len(found) >= 2:
            return found
        partial = partial or found
    for segment, page in segments:
        found = _unmarked(segment, page)
        if len(found) >= 2:
            return found
    return partial


def _joined(lines: list[tuple[int, str]]) -> tuple[str, Callable[[int], int | None]]:
    offsets: list[tuple[int, int]] = []
    parts: list[str] = []
    position = 0
    for page, line in lines:
        offsets.append((position, page))
        parts.append(line)
        position += len(line) + 1
    text = "\n".join(parts)

    def page_at(offset: int) -> int | None:
        page = None
        for start, number in offsets:
            if start > offset:
                break
            page = number
        return page

    return text, page_at


def _segment(text: str, start: int) -> str:
    """The preamble from ``start`` to the recitals, the first clause heading or 1500
    characters, whichever comes first; lines stay lines (a line "AND" separates parties)."""
    end = min(len(text), start + 1500)
    for pattern in (_PREAMBLE_END, _PREAMBLE_START):
        stop = pattern.search(text, start, end)
        if stop is not None:
            end = stop.start()
    lines = re.sub(r"-{3,}|_{3,}", " ", text[start:end]).split("\n")
    kept = []
    for i, line in enumerate(lines):
        if i > 0 and _clause_heading(line, lines[i - 1]):
            break
        kept.append(line)
    return "\n".join(kept)


def _clause_heading(line: str, previous: str | None) -> bool:
    """A clause heading ("1. Definitions"), not a name in capitals or an address line
    ("20 Richmond Street East") inside a party's block."""
    ends_sentence = previous is None or previous.rstrip().endswith((".", ":", ")", "”", '"', ";"))
    return ends_sentence and heading(line, "x") is not None and not _CVR.search(line)


def _parse_segment(segment: str, page: int | None) -> list[Found]:
    found: list[Found] = []
    previous = 0
    for marker in _MARKER.finditer(segment):
        term = _term(marker)
        if (marker.group("t4") or marker.group("t5")) and role_of(term) is None:
            continue  # a quoted word in running text, not a party's defined role
        if _COLLECTIVE.match(term):
            previous = marker.end()
            continue
        chunk = segment[previous : marker.start()]
        previous = marker.end()
        if len(found) >= 2 and re.search(r"[.;]\s+[A-Z]", chunk):
            break  # the sentence naming the parties has ended
        name = clean_name(last_party(chunk))
        if name is None:
            if found and found[-1].role is None:
                found[-1].role = role_of(term)  # a second marker: ("Licensing" ...)
            continue
        after = segment[marker.end() : marker.end() + 60]
        cvr = _CVR.search(chunk) or (_CVR.match(after.lstrip(" ,;")) if after else None)
        found.append(Found(name, role_of(term), _cvr(cvr), page, " ".join(chunk.split())))
    return found


def _term(marker: re.Match[str]) -> str:
    """The defined term a ``_MARKER`` match names."""
    return next(g for g in marker.group("t1", "t2", "t3", "t4", "t5", "t6") if g).strip()


def _unmarked(segment: str, page: int | None) -> list[Found]:
    """Parties named without defined terms: "mellem X, adresse og Y, adresse"; each must
    read as a legal name (a legal form, a public body, or capitalised words)."""
    one_line = _one_line_pair(segment, page)
    if one_line:
        return one_line
    # parties stacked in blocks, "og" on a line of its own between them: split there only
    # (a block's own sentence may say "på vegne af A Kommune og B Kommune")
    stacked = r"\n\s*[-–—]*\s*(?:og|and|AND)\s*[-–—]*:?\s*\n"
    # else at "og" / "and" after a party's particulars (its CVR number, an address's
    # comma, a bracket) where there is one: "og" in a name ("Madsen og Søn A/S") is
    # no separator; else at every "og" before a capital
    after_party = r"(?<=[),;\d])\s+(?:og|and|AND)\s+(?=[A-ZÆØÅ(])"
    parts = (
        re.split(stacked, segment)
        if re.search(stacked, segment)
        else re.split(after_party, segment)
        if re.search(after_party, segment)
        else re.split(rf"\s+(?:og|and|AND)\s+(?=[A-ZÆØÅ(])|{stacked}", segment)
    )
    found = []
    for part in parts[:3]:
        lines = [line for line in part.split("\n") if line.strip()]
        principal = _principal(" ".join(part.split()))
        if principal is not None:  # "X (CVR ...) på vegne af Y Kommune (CVR ...)": Y
            found.append(Found(principal[0], None, principal[1], page, " ".join(part.split())))
            continue
        name = clean_name(lines[0] if lines else part)
        if name is not None and legal_looking(name):
            found.append(Found(name, None, _cvr(_CVR.search(part)), page, " ".join(part.split())))
    return found if len(found) >= 2 else []


def _principal(text: str) -> tuple[str, str | None] | None:
    """The one municipality or region ``text`` says a party acts for ("på vegne af
    Skovlund Kommune (CVR-nr. ...)"), with the CVR number stated beside its name; None
    where it names none, or several ("på vegne af A Kommune og B Kommune")."""
    names: dict[str, tuple[str, str | None]] = {}
    for match in ON_BEHALF.finditer(text):
        after = text[match.end() : match.end() + 80]
        if _ANOTHER_PRINCIPAL.match(after):
            return None
        cvr = _cvr(_CVR.match(after.lstrip(" ,(")))
        name = match.group("name")
        known = names.get(name.lower())
        names[name.lower()] = (name, cvr or (known[1] if known else None))
    return next(iter(names.values())) if len(names) == 1 else None


_ANOTHER_PRINCIPAL = re.compile(
    r"\s*(?:,|og|and|samt|&)\s+(?:(?:[A-ZÆØÅ][\w-]*\s+){1,3}(?:Kommune|Municipality)\b|Region\s)"
)


def on_behalf(pages: list[PageText]) -> ContractParty | None:
    """The municipality or region a buying body contracts for, where the front pages
    name exactly one ("Indkøbsfællesskabet X I/S ... på vegne af Skovlund Kommune"): the
    buyer whose invoices the contract prices, with its own CVR number where stated beside
    its name (the body's own number is not the municipality's)."""
    for page in pages[:_FRONT_PAGES]:
        text = " ".join(" ".join(page.lines).split())
        principal = _principal(text)
        if principal is not None:
            match = ON_BEHALF.search(text)
            start = match.start() if match else 0
            evidence = text[max(0, start - 120) : start + 120].strip()
            return ContractParty(
                principal[0], "buyer", principal[1], Evidence(evidence, page.number)
            )
        if ON_BEHALF.search(text):
            return None  # several principals on a page: none is the buyer alone
    return None


def _one_line_pair(segment: str, page: int | None) -> list[Found]:
    """ "mellem Aarhus Kommune og Nordisk Drift A/S" as a line of its own (a cover page's
    subtitle): the two names it joins, one of them a legal name, the other capitalised;
    what follows the line (the next page's text) is no part of either."""
    first = segment.lstrip().split("\n", 1)[0].strip()
    pair = re.split(r"\s+(?:og|and)\s+(?=[A-ZÆØÅ])", first)
    if len(pair) != 2:
        return []
    names = [clean_name(part) for part in pair]
    if not all(
        n and n == " ".join(part.split()).strip(" ,.") for n, part in zip(names, pair, strict=True)
    ):
        return []  # more than a name on the line ("..., CVR-nr. ...", "(herefter ...)")
    if not any(legal_looking(n) for n in names if n) or len(pair[0].split()) > 6:
        return []
    if all(PUBLIC_BODY.search(n) for n in names if n):
        return []  # two municipalities buying together ("A Kommune og B
        # Kommune"), their supplier named below
    rest = segment.lstrip().split("\n", 2)
    if len(rest) > 1 and re.fullmatch(r"\s*[-–—]*\s*(?:og|and)\s*[-–—]*:?\s*", rest[1], re.I):
        return []  # the first of stacked blocks, "og" on the next line
    return [Found(n, None, None, page, n) for n in names if n]


# ----------------------------------------------------------------------------- blocks


def _blocks(lines: list[tuple[int, str]]) -> list[Found]:
    """Parties in stacked blocks after "mellem" / "BETWEEN:" / "Parties", each block a
    name, an address, maybe a CVR number and a role, separated by "og" / "and" or by
    role labels."""
    for i, (_, line) in enumerate(lines):
        if _BETWEEN_LINE.search(line) and len(line) < 80:
            found = _read_blocks(lines[i + 1 : i + 40])
            if len(found) >= 2:
                return found
    return []


def _read_blocks(lines: list[tuple[int, str]]) -> list[Found]:
    found: list[Found] = []
    current: Found | None = None
    label_role: PartyRole | None = None
    previous: str | None = None
    joined = -1  # a line read with the name above it
    for index, (page, line) in enumerate(lines):
        if index == joined:
            continue
        before, previous = previous, line
        label = ROLE_LABEL.match(line)
        if _SEPARATOR_LINE.match(line) or (label and not label.group("rest")):
            current = None
            label_role = role_of(label.group("label")) if label else None
            continue
        labelled = _labelled_name(label, [text for _, text in lines[index + 1 : index + 5]])
        if labelled is not None and label is not None:  # "Ordregiver  X Kommune": a row
            if len(found) == 2:
                break
            current = Found(labelled, role_of(label.group("label")), _cvr(_CVR.search(line)),
                            page, line)  # fmt: skip
            found.append(current)
            label_role = None
            continue
        marker = _MARKER.search(line) or _standalone_role(line)
        if marker is not None and current is not None:
            term = marker if isinstance(marker, str) else _term(marker)
            if current.role is None and not _COLLECTIVE.match(term.strip()):
                current.role = role_of(term.strip())
            if isinstance(marker, str) or marker.start() == 0:
                continue
        if current is not None:
            cvr = _CVR.search(line)
            if cvr and current.cvr is None:
                current.cvr = _cvr(cvr)
            if len(line) > 90 or _clause_heading(line, before):
                break
            continue
        if len(found) == 2 or len(line) > 90 or _clause_heading(line, before):
            break
        name = clean_name(line)
        if name is None:
            break
        wrapped = _wrapped(line, lines[index + 1][1] if index + 1 < len(lines) else "")
        if wrapped is not None:
            name, joined = wrapped, index + 1
        current = Found(name, label_role, _cvr(_CVR.search(line)), page, line)
        found.append(current)
        label_role = None
    return found


def _wrapped(line: str, following: str) -> str | None:
    """A name wrapped over two lines ("Vestjysk Foder- og Frøforsyning" over
    "A.m.b.a.", "Nordjysk Ventilations- og" over "Køleteknik A/S"): the whole name,
    or None when ``line`` holds it alone."""
    following = following.strip()
    if not following or ADDRESS_LINE.match(following) or _CVR.search(following):
        return None
    if not wraps_onto(line, following):
        return None
    return clean_name(f"{line.strip()} {following}")


def _labelled_name(label: re.Match[str] | None, following: list[str]) -> str | None:
    """The party a line names after its role label ("Leverandør  Firma ApS",
    "Customer: X Region"), when what follows reads as a legal name, or as a
    capitalised name over an address ("Ordregiver  Indkøbsfællesskabet Nord" over
    "Skolevej 12" / "4400 Byen"): not "Customer Contact Person Anna Jensen", nor
    "Kunden skal ..."."""
    if label is None or not label.group("rest"):
        return None
    rest = label.group("rest")
    name = clean_name(rest)
    if name is None:
        return None
    if LEGAL_FORM.search(name) or PUBLIC_BODY.search(name):
        return name
    block = []
    for text in following:  # the block's own lines, up to "og" or the next role label
        if _SEPARATOR_LINE.match(text) or ROLE_LABEL.match(text):
            break
        block.append(text)
    # its address right under it: a street and number, then the postcode and town
    addressed = bool(block) and (
        _POSTCODE.match(block[0]) is not None
        or (re.search(r"\d", block[0]) is not None and any(_POSTCODE.match(t) for t in block[1:3]))
    )
    plain = rest[:1].isupper() and len(rest.split()) <= 6 and ":" not in label.group(0)
    return name if plain and addressed else None


#: a Danish address's postcode and town: "4400 Byen", "DK-8000 Aarhus C"
_POSTCODE = re.compile(r"^(?:DK-?\s?)?\d{4}\s+[A-ZÆØÅ][a-zæøå]")


def _standalone_role(line: str) -> str | None:
    """A line that only names a role: “the Manufacturer”, (the "Customer")."""
    match = re.fullmatch(rf"\(?\s*[{QUOTE}]?(?:the\s+)?(?P<r>[\w ]{{2,30}}?)[{QUOTE}]?\s*\)?"
                         r"(?:\s+of\s+(?:the\s+)?(?:one|other)\s+part)?", line.strip(), re.I)  # fmt: skip
    if match is None or not re.search(f"[{QUOTE}]", line):
        return None
    return match.group("r")


def _labelled(lines: list[tuple[int, str]]) -> list[Found]:
    """Parties on labelled lines: "Kunde: Vejle Kommune, Skolegade 1, CVR nr.: ..."."""
    found = []
    for i, (page, line) in enumerate(lines):
        label = ROLE_LABEL.match(line)
        if label is None or not label.group("rest") or ":" not in line[: label.end("label") + 2]:
            continue
        name = clean_name(label.group("rest"))
        if name is not None:
            following = lines[i + 1][1] if i + 1 < len(lines) else ""
            cvr = _CVR.search(f"{line} {following}")
            found.append(Found(name, role_of(label.group("label")), _cvr(cvr), page, line))
    return found


def _signatures(pages: list[PageText]) -> list[Found]:
    """Parties named in the signature blocks: "For Kunden: Aarhus Kommune", "For
    Aarhus Kommune", a company's name just above "By:"."""
    found: list[Found] = []
    for page in reversed(pages[-4:]):
        lines = page.lines
        for i, line in enumerate(lines):
            name: str | None = None
            role: PartyRole | None = None
            match = _SIGNATURE_FOR.match(line)
            if match is not None:
                role = role_of(match.group("name"))
                if role is not None and i + 1 < len(lines):
                    name = clean_name(lines[i + 1])
                elif role is None and LEGAL_FORM.search(match.group("name")):
                    name = clean_name(match.group("name"))
            elif i + 1 < len(lines) and _BY_LINE.match(lines[i + 1]) and LEGAL_FORM.search(line):
                name = clean_name(re.sub(r"^(?:approved|accepted|agreed)(?:\s+and\s+\w+)?\s+"
                                         r"(?:for|by)\s+", "", line, flags=re.IGNORECASE))  # fmt: skip
            if name is not None:
                found.append(Found(name, role, None, page.number, line))
    return found


# -------------------------------------------------------------------------- combining


def _merge(known: list[Found], new: list[Found]) -> list[Found]:
    """``known`` plus the parties of ``new`` not already in it (same name)."""
    merged = list(known)
    for party in new:
        same = next((k for k in merged if _same(k.name, party.name)), None)
        if same is None:
            merged.append(party)
            continue
        same.role = same.role or party.role
        same.cvr = same.cvr or party.cvr
    return merged


def _same(a: str, b: str) -> bool:
    def key(name: str) -> str:
        return re.sub(r"[^\w]", "", name.lower())

    return key(a) == key(b) or key(a).startswith(key(b)) or key(b).startswith(key(a))


def _add_cvrs(found: list[Found], lines: list[tuple[int, str]]) -> None:
    """A CVR number stated just after a party's name on the front pages."""
    text = " ".join(line for _, line in lines)
    for party in found:
        if party.cvr is not None:
            continue
        # wherever the name is written: a cover page may name both parties on one line,
        # their blocks with the CVR numbers follow. A later mention counts only as the
        # head of a block ("Kunde: X, Adresse ..., CVR-nr. ..."): the name alone (not
        # "X Kommunes tilslutning"), no other company, role or party before the number
        for k, at in enumerate(m.start() for m in re.finditer(re.escape(party.name), text)):
            end = at + len(party.name)
            if k > 0 and re.match(r"\w", text[end : end + 1]):
                continue
            window = text[end : end + 160]
            others = [p.name for p in found if p is not party and p.name in window]
            cuts = [window.find(o) for o in others]
            if k > 0:
                cuts += [m.start() for m in _ANOTHER.finditer(window)]
            cut = min(cuts, default=len(window))
            party.cvr = _cvr(_CVR.search(window[:cut]))
            if party.cvr is not None:
                break


#: what ends a party's block after a later mention of its name: another company (a
#: legal form), a role, a signature's "For ...", an opening bracket (a third party named
#: in passing: "(Staten og Kommunernes Indkøbsservice A/S, CVR-nr. ...)")
_ANOTHER = re.compile(
    r"\b(?:A/S|ApS|I/S|P/S|K/S|IVS|Ltd|Inc|GmbH|AB)\b|\(|\bfor\s+|"
    r"\b(?:kunden?|leverandør(?:en)?|ordregiver(?:en)?|customer|supplier|vendor|buyer)\b",
    re.IGNORECASE,
)


def assign_roles(found: list[Found]) -> list[ContractParty]:
    """One buyer and one vendor: stated roles win, then a public body is the buyer,
    then the order (the first named is the buyer)."""
    roles: list[PartyRole | None] = [p.role for p in found]
    if len(found) == 2 and roles[0] == roles[1]:
        roles = [None, None] if roles[0] is None else [roles[0], _other(roles[0])]
    for i, party in enumerate(found):
        if roles[i] is None:
            other = roles[1 - i] if len(found) == 2 else None
            if other is not None:
                roles[i] = _other(other)
            elif PUBLIC_BODY.search(party.name):
                roles[i] = "buyer"
            elif len(found) == 2 and roles[1 - i] is None and PUBLIC_BODY.search(found[1 - i].name):
                roles[i] = "vendor"
            else:
                roles[i] = "buyer" if i == 0 else "vendor"
    parties = [ContractParty(p.name, r or "buyer", p.cvr, Evidence(p.text or p.name, p.page))
               for p, r in zip(found, roles, strict=True)]  # fmt: skip
    return sorted(parties, key=lambda p: p.role != "buyer")


def _other(role: PartyRole) -> PartyRole:
    return "vendor" if role == "buyer" else "buyer"


def _cvr(match: re.Match[str] | None) -> str | None:
    return match.group("cvr").replace(" ", "") if match else None
