"""Party names and roles as contracts write them: the legal name inside a clause's words,
and the role a defined term gives a party.

``clean_name`` keeps the legal name only: the words before the first description ("a
Delaware corporation", "with offices at", an address, "CVR-nr."), without numbering
("(1)"), connectives ("and", "mellem"), labels ("Kunde:", "Client Name:") or
descriptors ("professional golfer,"). ``is_name`` refuses clause fragments.

Roles: buyer for Kunde(n), Ordregiver(en), Køber(en), Bestiller, Customer, Buyer,
Purchaser, Licensee, Client, Contracting Authority, Shipper, Franchisee; vendor for
Leverandør(en), Sælger, Supplier, Vendor, Contractor, Licensor, Distributor, Reseller,
(Service) Provider, Seller, Manufacturer, Consultant, Agent, Transporter, Carrier,
Developer, Franchisor, Operator: the party that delivers and invoices.
"""

from __future__ import annotations

import re

from extractors.types import PartyRole

_BUYER = re.compile(
    r"^(?:the\s+)?(?:kunden?|ordregiver(?:en)?|køber(?:en)?|bestiller(?:en)?|indkøber(?:en)?|"
    r"customer|buyer|purchaser|licensee|client|contracting\s+authority|authority|shipper|"
    r"franchisee|kommunen|regionen|municipality|bygherren?|employer)$",
    re.IGNORECASE,
)
_VENDOR = re.compile(
    r"^(?:the\s+)?(?:leverandør(?:en)?|sælger(?:en)?|supplier|vendor|contractor|licensor|"
    r"distributor|reseller|(?:service\s+)?provider|seller|manufacturer|consultant|agent|"
    r"transporter|carrier|developer|franchisor|operator|leverandøren|"
    # a building works contract's contractor ("Entreprenøren", "Totalentreprenøren")
    r"(?:total|hoved|fag)?entreprenør(?:en)?|tilbudsgiver(?:en)?|bidder|tenderer|"
    # an advisory contract's vendor ("Rådgiveren"; "Ordregivers rådgiver" is none)
    r"rådgiver(?:en)?)$",
    re.IGNORECASE,
)
ROLE_LABEL = re.compile(
    # a definition may number and quote it: '1.1 “Ordregiver”: X Kommune, ..., CVR-nr. ...'
    r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?\s+)?[“”\"'«»„‘’]?"
    r"(?P<label>(?:(?:bygherre(?:n)?|kunden?|ordregiver(?:en)?|køber(?:en)?)\s*/\s*)?"
    r"(?:kunden?|ordregiver(?:en)?|køber(?:en)?|leverandør(?:en)?|sælger(?:en)?|bygherre(?:n)?|"
    r"(?:total|hoved|fag)?entreprenør(?:en)?|customer|supplier|buyer|vendor|contractor|"
    r"tilbudsgiver(?:en)?|rådgiver(?:en)?|licensor|licensee|purchaser|seller|client|"
    r"employer))\b(?:\s+name)?"
    r"[“”\"'«»„‘’]?"
    # a second name for the role in brackets: "Kunde (Ordregiver):", "Customer (Buyer):"
    r"(?:\s*\((?:kunden?|ordregiver(?:en)?|køber(?:en)?|leverandør(?:en)?|customer|supplier|"
    r"buyer|vendor|contractor|contracting authority)\))?\s*:?\s*"
    r"(?P<rest>.*)$",
    re.IGNORECASE,
)
PUBLIC_BODY = re.compile(r"\b(?:kommune|region|municipality|city\s+of|county|styrelsen?|"
                          r"ministeri\w*|agency|authority)\b", re.IGNORECASE)  # fmt: skip
QUOTE = "\"“”«»‘’'„"
#: a buying body contracting for a municipality or region ("SKI ... på vegne af Skovlund
#: Kommune", "for og på vegne af Region Nord", "on behalf of the Municipality of X"): the
#: principal named is the buyer whose invoices the contract prices
ON_BEHALF = re.compile(
    r"\b(?:på\s+vegne\s+af|on\s+behalf\s+of|acting\s+for)\s+(?:the\s+)?"
    r"(?P<name>(?-i:(?:[A-ZÆØÅ][\w-]*\s+){1,3}(?:Kommune|Regionskommune|Municipality)\b|"
    r"(?:Region|Municipality\s+of|City\s+of)\s+[A-ZÆØÅ][\w-]+))",
    re.IGNORECASE,
)
_LEGAL_FORMS = (r"(?i:inc|ltd|llc|l\.l\.c|lp|l\.p|llp|plc|s\.a|s\.a\.s|n\.a|n\.v|b\.v|a/s|aps|"
                r"i/s|p/s|k/s|ivs|gmbh|corp|corporation|incorporated|limited|pty|pte|sarl|srl|"
                r"spa|oyj?|a\.?m\.?b\.?a|[fs]\.?m\.?b\.?a|a\.s)|AG|AB|AS|SE|Co|CO|SA|NV|BV")  # fmt: skip
LEGAL_FORM = re.compile(rf"(?:^|[\s,])(?:{_LEGAL_FORMS})\.?$|\b(?:A/S|ApS|I/S|P/S)\b|"
                         r"\b(?i:kommune|region|company|partnership|corporation|incorporated|limited|"
                         r"association|university|bank|trust|l\.?l\.?c|inc|ltd|gmbh|n\.a|s\.a)\b")  # fmt: skip
#: A comma that ends the name: not the one before a legal form ("Acme, Inc.").
_NAME_COMMA = re.compile(rf",(?!\s*(?:{_LEGAL_FORMS})\b\.?(?:\s|,|$))")
_DESCRIPTION = re.compile(
    r"\s+(?:an?\s+(?=[A-Z]|(?:\w+\s+){0,3}(?:corporation|company|limited|partnership|"
    r"municipality|individual|entity|body|association|institution|society|bank|"
    r"organi[sz]ation|firm|registered))|with\s|having\s|whose\s|which\s|located\s|organized\s|"
    r"incorporated\s|existing\s|registered\s|acting\s|represented\s|c/o\s|på\s+adressen|"
    r"beliggende|med\s+(?:adresse|hjemsted|CVR)|CVR\b|cvr\b|EAN\b|\(|[{q}]|"
    r"(?i:dated|effective|page|source:|hereinafter|herefter))".replace("{q}", QUOTE),
)
_SENTENCE_WORDS = re.compile(r"\b(?:this\s+agreement|hereby|shall|hereto|herein|hereof|"
                             r"agreement|kontrakten|aftalen|between|mellem|indgået|entered|"
                             r"signature|named\s+on)\b", re.IGNORECASE)  # fmt: skip


def legal_looking(name: str) -> bool:
    return bool(LEGAL_FORM.search(name) or PUBLIC_BODY.search(name))


def only_legal_form(text: str) -> bool:
    """A legal form alone ("ApS", "A.m.b.a."): the last line of a name wrapped in a cell."""
    return re.fullmatch(rf"(?:{_LEGAL_FORMS})\.?", text.strip()) is not None


#: a name that goes on over the next line: "Nordjysk Ventilations- og", "Madsen &"
OPEN_NAME = re.compile(r"(?:-|\s(?:og|and|&|samt|for|af|of))$", re.IGNORECASE)


def wraps_onto(upper: str, lower: str) -> bool:
    """Whether a name on line ``upper`` goes on on line ``lower``: it ends open, or the
    lower line is its legal form alone ("Vestjysk Foder- og Frøforsyning" / "A.m.b.a.",
    "Nordjysk Ventilations- og" / "Køleteknik A/S")."""
    return only_legal_form(lower) or OPEN_NAME.search(upper.strip()) is not None


_SEPARATORS = re.compile(
    r"(?:^|\s+|;\s*)(?:and|og|samt)\s+(?=[\w(])|\n\s*[-–—]*\s*(?:and|og|AND)\s*[-–—]*:?\s*\n"
    r"|[,;]?\s*\((?:[b-h]|i{2,3}|iv|[2-9])\)\s+|;\s+"
)
_DESCRIBING = re.compile(r"^(?:an?|as|with|having|whose|which|located|organi[sz]ed|incorporated|"
                         r"existing|registered|acting|represented|its|their)\b")  # fmt: skip


def last_party(chunk: str) -> str:
    """The party a chunk before a defined term names: the chunk's opening words when
    they are a name ("and AFI Licensing LLC, a Delaware ..."), else the words after its
    last separator (", a Delaware corporation ... and PREMIER NUTRITION CORPORATION"),
    else the capitalised words after a short lead ("for services of Arnold ...")."""
    opening = _opening(chunk)
    if _starts_name(opening):
        return opening
    parts = _SEPARATORS.split(chunk)
    for part in reversed(parts[1:]):
        stripped = _opening(part)
        if _starts_name(stripped):
            return stripped
    if _DESCRIBING.match(opening):
        return ""
    lead = re.match(r"^(?:[a-zæøå][\w'-]*\s+){1,4}(?=[A-ZÆØÅ])", opening)
    return opening[lead.end() :] if lead is not None else opening


#: a line of an address, not of a name: a street and its number ("Møllevej 3, 8600
#: Silkeborg", "Skolegade 15", "Postboks 123"), a postcode and town ("DK-8000 Aarhus C"),
#: or a c/o, attention, phone or email line
ADDRESS_LINE = re.compile(
    r"^(?:[\w.'’&-]+\s+){1,4}\d{1,4}\s?[A-Za-z]?(?:\s*[,.–—-]|\s+\d{4}\b|\s*$)|"
    r"^(?:DK-?\s?)?\d{4}\s+[A-ZÆØÅ]|^(?:c/o|att\.?|attn\.?|tlf\.?|telefon|phone|e-?mail)\b|"
    r"^(?:postboks|p\.?\s?o\.?\s+box)\s+\d",
    re.IGNORECASE,
)


#: A line that ends as a legal name ends: "... HOLDING LIMITED", "Aarhus Kommune".
_ENDS_AS_NAME = re.compile(rf"(?:^|[\s,])(?:{_LEGAL_FORMS}|A/S|ApS|I/S|P/S)\.?$|"
                           r"\b(?i:kommune|region\s+\w+|municipality|limited|corporation|company)$")  # fmt: skip


def _opening(text: str) -> str:
    """The text without its lead; in a block of lines, the first line when it is a whole
    name already ("AGAPE HOLDING LIMITED" over "Kowloon, Hong Kong")."""
    lines = [line for line in text.split("\n") if _strip_lead(line)]
    first = _strip_lead(lines[0]) if lines else ""
    if len(lines) > 1 and len(first.split()) >= 2 and _ENDS_AS_NAME.search(first):
        text = first
    elif len(lines) > 1 and ADDRESS_LINE.match(lines[1].strip()) and is_name(first):
        text = first  # a name without a legal form over its address ("VVS-service Lund")
    text = _strip_lead(" ".join(text.split()))
    return re.sub(r"^the\s+(?=[A-ZÆØÅ])", "", text)


_MONTH_DAY = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d",
                        re.IGNORECASE)  # fmt: skip


def _brand(name: str) -> bool:
    """A company written in lower case ("e-centives, Inc.", "iShip.com, Inc.")."""
    return _starts_name(name) and LEGAL_FORM.search(name) is not None


def _starts_name(text: str) -> bool:
    """Whether ``text`` starts as a name does: a capital or a digit, or a brand written
    in lower case ("iShip.com", "e-centives, Inc.")."""
    if not text:
        return False
    first = text.split()[0]
    return text[0].isupper() or text[0].isdigit() or re.search(r"[A-Z.@]|-\w", first) is not None


def _strip_lead(text: str) -> str:
    text = text.lstrip(" ,;:.\n").rstrip(" ,;:\n")
    while True:
        new = re.sub(r"^(?:\(\s*(?:\d{1,2}|[a-z]|[ivx]{1,4})\s*\)|(?:(?:by\s+and\s+)?between|among|"
                     r"mellem|and|og|samt)\b|,|;|:|-+)\s*", "", text, flags=re.IGNORECASE)  # fmt: skip
        if new == text:
            return text
        text = new


_NAME_LABEL = re.compile(r"^(?:[\w ]{1,20}\s)?name\s*:\s*|^(?:firma)?navn\s*:?\s+(?=[A-ZÆØÅ0-9])",
                         re.IGNORECASE)  # fmt: skip
#: a municipality or region and a company in one "name": two cells of a row of names
#: ("Egn Kommune Firma ApS"), never one party
TWO_BODIES = re.compile(r"\b[A-ZÆØÅ]\w+\s+Kommune\s+[A-ZÆØÅ][^,]*\b(?:A/S|ApS|I/S|P/S|K/S|IVS)\b|"
                        r"\b(?:A/S|ApS|I/S|P/S|K/S|IVS)\s+[A-ZÆØÅ]\w+\s+Kommune\b")  # fmt: skip
_DESCRIPTOR = re.compile(r"^[a-zæøå]+(?:\s+[a-zæøå-]+){1,5},\s*(?=[A-ZÆØÅ])")


def clean_name(text: str) -> str | None:
    """The legal name at the start of ``text`` ("Acme, Inc., a Delaware corporation with
    offices at ..." -> "Acme, Inc."), or None when ``text`` holds no name."""
    text = _strip_lead(" ".join(text.split()))
    text = re.sub(r"^the\s+(?=[A-ZÆØÅ])", "", text)
    text = _NAME_LABEL.sub("", text)  # "Client Name: "
    labelled = ROLE_LABEL.match(text)
    if labelled is not None and ":" in text[: labelled.start("rest")] and labelled.group("rest"):
        text = labelled.group("rest")
    descriptor = _DESCRIPTOR.match(text)  # "professional golfer, "
    if descriptor is not None:
        text = text[descriptor.end() :]
    cut = _DESCRIPTION.search(text)
    if cut is not None:
        text = text[: cut.start()]
    comma = _NAME_COMMA.search(text)
    if comma is not None:
        text = text[: comma.start()]
    name = text.strip(f" ,;:{QUOTE}-–")
    if name.endswith(".") and not LEGAL_FORM.search(name) and not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")
    return name if is_name(name) else None


def is_name(name: str) -> bool:
    """Whether ``name`` reads as a party's legal name, not a clause fragment."""
    words = name.split()
    return (
        1 <= len(words) <= 12
        and len(name) >= 2
        and (name[0].isupper() or name[0].isdigit() or _brand(name))
        and _SENTENCE_WORDS.search(name) is None
        and not re.fullmatch(rf"(?:{_LEGAL_FORMS})\.?", name)
        and not re.match(r"^(?:the|a|an|den|det)\s", name)
        # a postcode or a date; not a number in a company's name ("Jord & Beton 2010 K/S")
        and (re.search(r"\d{4}\b|\d+\s*[-–]\s*\d+", name) is None or _numbered_company(name))
        and _MONTH_DAY.search(name) is None
        and role_of(name) is None
        and TWO_BODIES.search(name) is None
    )


def _numbered_company(name: str) -> bool:
    """A company with a number in its name, ending in its legal form, no address in it."""
    return (
        "," not in name
        and re.search(rf"\s(?:{_LEGAL_FORMS}|A/S|ApS|I/S|P/S|K/S)\.?$", name) is not None
        and re.search(r"\d{4}\s+[A-ZÆØÅ][a-zæøå]", name) is None
    )


def role_of(term: str) -> PartyRole | None:
    """The role a defined term names ("Kunden" -> buyer, "the Supplier" -> vendor)."""
    term = " ".join(term.split()).strip(f" .,:{QUOTE}")
    if "/" in term:  # two names of one role: "Bygherre / ordregiver"
        roles = {role_of(part) for part in term.split("/") if part.strip()}
        return roles.pop() if len(roles) == 1 else None
    if _BUYER.match(term):
        return "buyer"
    if _VENDOR.match(term):
        return "vendor"
    return None
