"""A hardened XML parser for untrusted invoices.

Contract: :func:`parse_xml` returns the root element of a well-formed document or
raises one of the project's parse errors naming the file:

- :class:`HostileInput` for input larger than ``max_bytes`` (default 20 MB) and for
  any DOCTYPE or ENTITY declaration (XXE, billion laughs: refused, never expanded);
- :class:`~extractors.limits.LimitExceeded` for elements nested deeper than
  ``max_depth`` (libxml2 itself stops at 256);
- :class:`ParseError` for malformed or truncated XML, or a root element that is not
  one of ``roots`` when given.

The lxml parser never resolves entities, never loads a DTD and never touches the
network. One parser per thread: lxml parsers must not be shared between threads.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection

from lxml import etree

from extractors.errors import HostileInput, ParseError
from extractors.limits import DEFAULT_LIMITS, Limits

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# A DOCTYPE must come before the root element and ENTITY declarations live inside it,
# so only the prolog is scanned (cheap on big files). The docinfo check after
# parsing catches a DOCTYPE the scan cannot see (UTF-16, a "<x" inside a comment).
_ELEMENT_START = re.compile(rb"<[A-Za-z_]")
_DECLARATION = re.compile(rb"<!\s*(DOCTYPE|ENTITY)", re.IGNORECASE)
_local = threading.local()


def _parser() -> etree.XMLParser:
    parser: etree.XMLParser | None = getattr(_local, "parser", None)
    if parser is None:
        parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            huge_tree=False,
            dtd_validation=False,
            # Never collect_ids=False: in lxml 6 / libxml2 2.14 it makes the parser load
            # a DOCTYPE's external subset (file:// reads). test_hostile_input guards this.
        )
        _local.parser = parser
    return parser


def parse_xml(
    data: bytes,
    filename: str,
    *,
    roots: Collection[str] | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    limits: Limits = DEFAULT_LIMITS,
) -> etree._Element:
    """Parse untrusted XML bytes safely; ``roots`` are allowed Clark names ``{ns}local``.
    ``limits`` gives the deepest nesting allowed (``max_xml_depth``)."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise ParseError("expected XML bytes", file=filename)
    if len(data) > max_bytes:
        raise HostileInput(
            f"file is {len(data):,} bytes, above the limit of {max_bytes:,} bytes",
            file=filename,
        )
    if not isinstance(data, bytes):
        data = bytes(data)
    root_start = _ELEMENT_START.search(data)
    found = _DECLARATION.search(data, 0, root_start.start() if root_start else len(data))
    if found:
        kind = found.group(1).decode("ascii").upper()
        raise HostileInput(
            f"XML with a {kind} declaration is refused (entities and DTDs are not allowed)",
            file=filename,
        )
    if root_start is None and not data.strip():
        raise ParseError("empty file, no XML", file=filename)
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        if "depth" in (exc.msg or "").lower():
            raise limits.exceeded(
                "max_xml_depth", "elements nested 256 deep", file=filename, line=exc.lineno
            ) from None
        raise ParseError(
            f"malformed or truncated XML: {exc.msg}", file=filename, line=exc.lineno
        ) from None
    except (ValueError, LookupError) as exc:  # bad encoding declarations and the like
        raise ParseError(f"unreadable XML: {exc}", file=filename) from None
    if root is None:
        raise ParseError("no XML root element", file=filename)
    _check_depth(root, filename, limits)
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:
        raise HostileInput(
            "XML with a DOCTYPE declaration is refused (entities and DTDs are not allowed)",
            file=filename,
        )
    if roots is not None and root.tag not in roots:
        raise ParseError(
            f"unexpected root element {root.tag!r}; expected one of "
            + ", ".join(sorted(_local_name(r) for r in roots)),
            file=filename,
        )
    return root


def _check_depth(root: etree._Element, filename: str, limits: Limits) -> None:
    # one XPath step per level, evaluated in C: is any element deeper than the limit?
    deeper = "/*" * (limits.max_xml_depth + 1)
    if root.getroottree().xpath(f"boolean({deeper})"):
        raise limits.exceeded(
            "max_xml_depth",
            f"elements nested {limits.max_xml_depth + 1} deep or more",
            file=filename,
        )


def _local_name(tag: str) -> str:
    return tag.rpartition("}")[2]


def local_name(element: etree._Element) -> str:
    """The element's tag without its namespace ("" for comments and PIs)."""
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""
