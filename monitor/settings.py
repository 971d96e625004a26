"""One settings class, read from ``PRISVAGT_*`` environment variables (and ``.env``)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from monitor.errors import ConfigurationError

VAR_DIR = Path("var")


class Settings(BaseSettings):
    """Application settings. Every field is ``PRISVAGT_<NAME>`` in the environment."""

    model_config = SettingsConfigDict(
        env_prefix="PRISVAGT_", env_file=".env", extra="ignore", validate_default=True
    )

    database_url: str = Field(
        default=f"sqlite:///{VAR_DIR / 'prisvagt.db'}",
        description="SQLAlchemy URL; SQLite file under ./var/ by default, or postgresql+psycopg://",
    )
    broker_url: str = Field(
        default="",
        description="Celery broker (redis://, amqp://). Empty: tasks run in-process.",
    )
    email_backend: Literal["outbox", "sendgrid", "console"] = Field(
        default="outbox", description="outbox writes .eml files under OUTBOX_DIR"
    )
    outbox_dir: Path = Field(
        default=VAR_DIR / "outbox", description="Where the outbox sender writes"
    )
    sendgrid_api_key: str = Field(default="", description="Needed when EMAIL_BACKEND=sendgrid")
    sendgrid_host: str = Field(
        default="https://api.sendgrid.com", description="SendGrid API base URL (tests use a fake)"
    )
    sendgrid_timeout: float = Field(default=10.0, gt=0, description="Seconds per SendGrid call")
    email_from: str = Field(default="prisvagt@localhost", description="Sender address of alerts")
    inbox_dir: Path = Field(
        default=VAR_DIR / "inbox", description="Watched folder for new documents"
    )
    base_url: str = Field(
        default="http://127.0.0.1:8000", description="Public address of the web app"
    )
    allow_unconfirmed_terms: bool = Field(
        default=True, description="Rules may use extracted terms legal has not confirmed yet"
    )
    check_workers: int = Field(
        default=0,
        ge=0,
        description=(
            "Processes a check of many invoices uses (0: the machine's cores where tasks run"
            " in-process, one inside a Celery worker; 1: one)"
        ),
    )
    max_upload_mb: int = Field(default=25, gt=0, description="Largest document accepted")
    max_request_mb: int = Field(
        default=100, gt=0, description="Largest request (all files of one upload together)"
    )
    trusted_hosts: list[str] = Field(
        default=["localhost", "127.0.0.1", "::1"],
        description="Host names the web app answers to (the Host header), besides the host"
        " of PRISVAGT_BASE_URL; '*' answers to any (behind a proxy that checks it)",
    )
    queue_prefix: str = Field(
        default="", description="Prefix for the Celery queue names (installations sharing a broker)"
    )
    broker_visibility_timeout: int = Field(
        default=30,
        ge=2,
        description="Seconds before Redis re-delivers a dead worker's task (a live worker "
        "renews it for the tasks it holds)",
    )
    db_pool_size: int = Field(
        default=5, ge=1, description="Connections each process keeps open (PostgreSQL)"
    )
    db_max_overflow: int = Field(
        default=10, ge=0, description="Connections a process may open beyond the pool"
    )
    db_pool_timeout: float = Field(
        default=30.0, gt=0, description="Seconds to wait for a free connection"
    )
    db_statement_timeout: float = Field(
        default=60.0, ge=0, description="Seconds a PostgreSQL statement may run (0: no limit)"
    )
    db_lock_timeout: float = Field(
        default=10.0,
        ge=0,
        description="Seconds a PostgreSQL statement waits for a lock (0: no limit)",
    )
    db_idle_in_transaction_timeout: float = Field(
        default=600.0,
        ge=0,
        # longer than the longest task's hard time limit: a contract is read while its
        # transaction is open, and only a forgotten transaction should be ended
        description="Seconds a PostgreSQL transaction may sit idle before it is ended (0: no limit)",
    )
    inbox_poll_seconds: float = Field(
        default=1.0, gt=0, description="How often the scheduler looks in the inbox"
    )
    session_secret: str = Field(
        default="",
        description="Key signing the session cookie; empty: generated once into SESSION_SECRET_FILE",
    )
    session_secret_file: Path = Field(
        default=VAR_DIR / "session-secret", description="Where a generated session key is kept"
    )
    session_hours: int = Field(
        default=8, ge=1, le=24 * 30, description="Hours a sign-in lasts without being used"
    )
    oidc_issuer: str = Field(
        default="",
        description="OpenID Connect issuer URL (Entra ID: https://login.microsoftonline.com/<tenant>/v2.0)",
    )
    oidc_client_id: str = Field(default="", description="The app's client id at the provider")
    oidc_client_secret: str = Field(default="", description="The app's client secret")
    oidc_scopes: str = Field(default="openid email profile", description="Scopes asked for")
    oidc_label: str = Field(
        default="Microsoft Entra ID", description="The provider's name on the login page"
    )
    login_attempts: int = Field(
        default=5,
        ge=1,
        description="Failed sign-ins per address and email before a pause (x4 per email from any address, x10 per address)",
    )
    login_lockout_minutes: int = Field(
        default=15, ge=1, description="Minutes the pause after too many failed sign-ins lasts"
    )
    reminder_days: int = Field(
        default=30, gt=0, description="Days ahead to remind of contract expiry and indexation"
    )
    recheck_debounce_seconds: float = Field(
        default=5.0, ge=0, description="Quiet time before peers asked to be re-checked are"
    )
    recheck_longest_wait_seconds: float = Field(
        default=60.0, ge=0, description="Longest a peer re-check waits for a burst to quiet"
    )
    # -- resource limits per document, checked before the expensive work (item names
    # are those of extractors.limits.Limits; an error names the variable to change)
    max_decompressed_bytes: int = Field(
        default=200 * 1024 * 1024,
        gt=0,
        description="Bytes after decompression (gzip CSV, PDF streams)",
    )
    max_pdf_pages: int = Field(default=500, gt=0, description="Pages per PDF")
    max_page_objects: int = Field(default=100_000, gt=0, description="Objects per PDF page")
    max_page_chars: int = Field(
        default=200_000, gt=0, description="Characters of text per PDF page"
    )
    max_csv_lines: int = Field(default=2_000_000, gt=0, description="Lines per CSV file")
    max_csv_line_chars: int = Field(
        default=1024 * 1024, gt=0, description="Characters per CSV line"
    )
    max_embedded_bytes: int = Field(
        default=20 * 1024 * 1024, gt=0, description="Size of a file embedded in a PDF"
    )
    max_xml_bytes: int = Field(default=20 * 1024 * 1024, gt=0, description="Size of an XML invoice")
    max_xml_depth: int = Field(default=100, gt=0, le=250, description="Nesting of XML elements")
    # -- where parsing runs: a blow-up kills a child process or one task, not the worker
    parse_in_child: bool = Field(
        default=True, description="Read each document in a child process with the limits below"
    )
    parse_memory_bytes: int = Field(
        default=1024 * 1024 * 1024, gt=0, description="Memory a document's reading may add"
    )
    parse_time_limit: int = Field(
        default=270, gt=0, description="Seconds to read one document (its task: 30 s more)"
    )
    worker_max_memory_per_child: int = Field(
        default=1_500_000, gt=0, description="KiB a worker process may hold before it is replaced"
    )
    max_parse_crashes: int = Field(
        default=2,
        gt=0,
        description="Readings killed (memory, time) before a document is quarantined",
    )

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not value.startswith(("sqlite", "postgresql")):
            raise ValueError("must be a sqlite:/// or postgresql+psycopg:// URL")
        return value

    @field_validator("broker_url")
    @classmethod
    def _known_broker(cls, value: str) -> str:
        if value and not value.startswith(
            ("redis://", "rediss://", "amqp://", "amqps://", "memory://")
        ):
            raise ValueError("must be empty, redis://... or amqp://...")
        return value

    @field_validator("base_url", "sendgrid_host")
    @classmethod
    def _http_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must start with http:// or https://")
        return value.rstrip("/")

    def check_ready(self) -> None:
        """Cross-field checks that only matter when the feature is used."""
        if self.email_backend == "sendgrid" and not self.sendgrid_api_key:
            raise ConfigurationError(
                "PRISVAGT_SENDGRID_API_KEY is required when PRISVAGT_EMAIL_BACKEND=sendgrid"
            )


def load_settings(**overrides: object) -> Settings:
    """Read settings; a bad value raises ConfigurationError naming the variable."""
    try:
        settings = Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            name = "PRISVAGT_" + "_".join(str(p) for p in err["loc"]).upper()
            problems.append(f"{name}: {err['msg']}")
        raise ConfigurationError("invalid setting " + "; ".join(problems)) from None
    settings.check_ready()
    return settings


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return load_settings()
