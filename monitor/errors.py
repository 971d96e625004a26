"""Application errors, in the one tree rooted at ``extractors.errors.PrisvagtError``."""

from __future__ import annotations

from extractors.errors import DocumentError, ExtractionError, ParseError, PrisvagtError
from rules.errors import RuleConfigError

__all__ = [
    "ConfigurationError",
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
    """Bad input from a person (a CSV, an argument). The CLI exits with 2."""

    exit_code = 2


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
