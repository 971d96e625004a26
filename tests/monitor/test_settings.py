from __future__ import annotations

import pytest

from monitor.errors import ConfigurationError
from monitor.settings import load_settings


def test_it_defaults_to_the_embedded_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DATABASE_URL", "BROKER_URL", "EMAIL_BACKEND"):
        monkeypatch.delenv(f"PRISVAGT_{name}", raising=False)
    settings = load_settings(_env_file=None)
    assert settings.database_url == "sqlite:///var/prisvagt.db"
    assert settings.broker_url == ""
    assert settings.email_backend == "outbox"
    assert str(settings.outbox_dir) == "var/outbox"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("PRISVAGT_EMAIL_BACKEND", "pigeon"),
        ("PRISVAGT_DATABASE_URL", "mysql://x"),
        ("PRISVAGT_BROKER_URL", "kafka://x"),
        ("PRISVAGT_BASE_URL", "localhost:8000"),
        ("PRISVAGT_SENDGRID_TIMEOUT", "-1"),
    ],
)
def test_a_bad_value_stops_start_up_naming_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ConfigurationError) as err:
        load_settings(_env_file=None)
    assert name in str(err.value)


def test_sendgrid_without_a_key_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRISVAGT_EMAIL_BACKEND", "sendgrid")
    monkeypatch.delenv("PRISVAGT_SENDGRID_API_KEY", raising=False)
    with pytest.raises(ConfigurationError, match="PRISVAGT_SENDGRID_API_KEY"):
        load_settings(_env_file=None)
