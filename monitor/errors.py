"""Application errors, in the one tree rooted at ``extractors.errors.PrisvagtError``."""

from __future__ import annotations

from typing import Any

from extractors.errors import DocumentError, ExtractionError, ParseError, PrisvagtError
from rules.errors import RuleConfigError

__all__ = [
    "ConfigurationError",
    "ConfirmationRequired",
    "DeliveryError",
    "DocumentError",
    "ExtractionError",
    "InputError",
    "NotFound",
    "ParseError",
    "PermissionDenied",
    "PrisvagtError",
    "RuleConfigError",
]


class ConfigurationError(PrisvagtError):
    """A setting is missing or invalid. Names the variable."""

    exit_code = 2


class InputError(PrisvagtError):
    """Bad input from a person (a CSV, an argument). The CLI exits with 2.

    ``da``: the message in Danish, for pages shown in Danish (the CLI and the API speak
    English; the API adds this text as ``error_da``)."""

    exit_code = 2

    def __init__(self, message: str, *, da: str | None = None, **where: Any) -> None:
        self.message_da = da
        super().__init__(message, **where)

    def message_in(self, lang: str) -> str:
        return self.message_da if lang == "da" and self.message_da else self.message


class ConfirmationRequired(InputError):
    """A change that needs an explicit confirmation the request did not give (a rule
    change that withdraws findings, a recovery above the overcharge). ``details``:
    what the person confirms, as JSON."""

    def __init__(
        self,
        message: str,
        *,
        da: str | None = None,
        details: dict[str, Any] | None = None,
        **where: Any,
    ) -> None:
        self.details = details or {}
        super().__init__(message, da=da, **where)


class NotFound(PrisvagtError):
    exit_code = 2


class PermissionDenied(PrisvagtError):
    exit_code = 2


class DeliveryError(PrisvagtError):
    """An alert could not be delivered. ``permanent`` says whether to retry."""

    def __init__(
        self,
        message: str,
        *,
        permanent: bool,
        retry_after: float | None = None,
        status: int | None = None,
    ) -> None:
        self.permanent = permanent
        self.retry_after = retry_after
        self.status = status
        super().__init__(message)
