"""Rule configuration errors."""

from __future__ import annotations

from extractors.errors import PrisvagtError


class RuleConfigError(PrisvagtError):
    """A rule configuration or custom expression that cannot be used; says why."""

    exit_code = 2

    def __init__(
        self,
        message: str,
        *,
        rule_id: str | None = None,
        field: str | None = None,
        key: str | None = None,
        params: dict[str, object] | None = None,
    ):
        self.rule_id = rule_id
        super().__init__(
            f"rule {rule_id}: {message}" if rule_id else message,
            field=field,
            key=key,
            params=params,
        )


class RuleRuntimeError(PrisvagtError):
    """A rule failed while it ran: a custom expression over one of its limits (text too
    long, text formatting), or an error no line value explains. The application switches
    such a custom rule to monitor mode with this error; the other rules still run."""
