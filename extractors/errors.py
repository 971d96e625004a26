"""The project's exception tree.

The root lives here, in the purest package, so that ``extractors``, ``rules`` and
``monitor`` all share one tree without ``extractors`` depending on anything.
Every error carries what a person needs to act on it: which file, which page or
line, which field.
"""

from __future__ import annotations


class PrisvagtError(Exception):
    """Root of every error the project raises on purpose."""

    #: Exit code used by the CLI for this kind of error (2 = bad input).
    exit_code: int = 1

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        page: int | None = None,
        line: int | None = None,
        field: str | None = None,
        key: str | None = None,
        params: dict[str, object] | None = None,
    ) -> None:
        self.message = message
        #: a message catalogue key (``monitor.web.i18n``) and its values, for showing the
        #: error to a person in their language; ``message`` stays the English text for
        #: logs and the CLI
        self.key = key
        self.params = dict(params or {})
        self.file = file
        self.page = page
        self.line = line
        self.field = field
        super().__init__(self.describe())

    def describe(self) -> str:
        where = []
        if self.file:
            where.append(str(self.file))
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.field:
            where.append(f"field {self.field}")
        prefix = ", ".join(where)
        return f"{prefix}: {self.message}" if prefix else self.message


class DocumentError(PrisvagtError):
    """A document that cannot be read. Bad input: the CLI exits with 2."""

    exit_code = 2
    #: Short machine-readable reason, stored on the document row.
    reason: str = "unreadable"


class ParseError(DocumentError):
    """An invoice (XML, CSV, PDF) that cannot be parsed."""

    reason = "parse_error"


class UnsupportedFormat(ParseError):
    reason = "unsupported_format"


class HostileInput(ParseError):
    """Input refused for safety: entities, DTDs, oversized files or trees."""

    reason = "hostile_input"


class EmbeddedInvoiceError(ParseError):
    """A PDF carrying an invoice XML that cannot be read. The PDF text is not read in
    its place: the XML is the invoice, and the text may differ from it."""

    reason = "embedded_invoice_unreadable"


class ExtractionError(DocumentError):
    """A contract PDF whose terms cannot be extracted."""

    reason = "extraction_error"


class NotAPdf(ExtractionError):
    reason = "not_a_pdf"


class EncryptedPdf(ExtractionError):
    reason = "encrypted"


class CorruptPdf(ExtractionError):
    reason = "corrupt"


class EmptyDocument(ExtractionError):
    reason = "empty"


class NeedsOcr(ExtractionError):
    """A scanned PDF with no text layer."""

    reason = "needs_ocr"
