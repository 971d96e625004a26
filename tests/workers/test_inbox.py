"""The inbox reads regular files only, walks subfolders, and sets every entry aside in
``processed/`` or ``rejected/`` (with the reason): nothing lost, nothing followed.
In-process tasks, on SQLite and PostgreSQL."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest
from sqlalchemy import func, select
from typer.testing import CliRunner

from monitor.db import transaction
from monitor.documents.models import Document
from monitor.invoices.models import Invoice
from tests.workers.world import invoice, seed
from workers import jobs, tasks


def _documents() -> list[tuple[str, bytes]]:
    with transaction() as s:
        return [(d.filename, d.content) for d in s.scalars(select(Document).order_by(Document.id))]


def _rejected(inbox: Path) -> dict[str, str]:
    """Rejected entry name (without the claim prefix) -> its reason."""
    folder = inbox / "rejected"
    return {
        re.sub(r"^\d+-\d+-", "", p.name.removesuffix(".reason.txt")): p.read_text(encoding="utf-8")
        for p in folder.glob("*.reason.txt")
    }


@pytest.fixture
def inbox(app_env) -> Path:  # type: ignore[no-untyped-def]
    with transaction() as s:
        seed(s)
    folder: Path = app_env.inbox_dir
    folder.mkdir(parents=True)
    return folder


def test_a_symbolic_link_is_rejected_unread_and_the_invoice_beside_it_is_processed(
    inbox: Path, tmp_path: Path
) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:root:/root:/bin/bash\n")
    (inbox / "passwd.xml").symlink_to(secret)
    (inbox / "etc-passwd.csv").symlink_to("/etc/passwd")
    (inbox / "F-1.xml").write_bytes(invoice("F-1"))

    claimed = jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)

    assert [p.name.split("-", 2)[-1] for p in claimed] == ["F-1.xml"]
    assert [name for name, _ in _documents()] == ["F-1.xml"]
    reasons = _rejected(inbox)
    assert set(reasons) == {"passwd.xml", "etc-passwd.csv"}
    assert f"passwd.xml: a symbolic link (to {secret})" in reasons["passwd.xml"]
    assert "only regular files" in reasons["etc-passwd.csv"]
    assert (inbox / "rejected" / "passwd.xml").is_symlink()  # the link itself, kept
    assert secret.read_text().startswith("root:")  # its target untouched
    assert [p.name.split("-", 2)[-1] for p in (inbox / "processed").iterdir()] == ["F-1.xml"]
    assert sorted(p.name for p in inbox.iterdir()) == [".queued", "processed", "rejected"]


def test_a_fifo_and_a_device_are_rejected_without_blocking(inbox: Path) -> None:
    os.mkfifo(inbox / "pipe.xml")
    device = inbox / "null.xml"
    try:
        os.mknod(device, 0o600 | stat.S_IFCHR, os.makedev(1, 3))
    except PermissionError:
        device = None  # type: ignore[assignment]  # not root: the FIFO stands for both

    jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)

    reasons = _rejected(inbox)
    assert "a FIFO (named pipe)" in reasons["pipe.xml"]
    if device is not None:
        assert "a character device" in reasons["null.xml"]
    assert _documents() == []


def test_files_in_subfolders_are_read_and_links_to_folders_are_not_followed(
    inbox: Path, tmp_path: Path
) -> None:
    (inbox / "2026" / "november").mkdir(parents=True)
    (inbox / "2026" / "november" / "F-2.xml").write_bytes(invoice("F-2"))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "F-3.xml").write_bytes(invoice("F-3"))
    (inbox / "linked").symlink_to(outside, target_is_directory=True)

    enqueued: list[tuple[str, str]] = []
    claimed = jobs.poll_inbox(inbox, enqueue=lambda path, name: enqueued.append((path, name)))
    assert [name for _, name in enqueued] == ["2026/november/F-2.xml"]
    for path, name in enqueued:
        tasks.ingest_document.delay(path, name)

    assert len(claimed) == 1
    assert [name for name, _ in _documents()] == ["F-2.xml"]
    with transaction() as s:
        assert s.scalars(select(Invoice.number)).all() == ["F-2"]
    assert "a symbolic link" in _rejected(inbox)["linked"]
    assert (outside / "F-3.xml").exists()  # not claimed through the link


def test_a_claimed_file_swapped_for_a_link_is_rejected_by_the_task(
    inbox: Path, tmp_path: Path
) -> None:
    queued = inbox / ".queued"
    queued.mkdir()
    secret = tmp_path / "secret.xml"
    secret.write_bytes(invoice("F-4"))
    (queued / "1-1-F-4.xml").symlink_to(secret)

    assert tasks.ingest_document.delay(str(queued / "1-1-F-4.xml"), "F-4.xml").get() is None

    assert _documents() == []
    assert "F-4.xml: a symbolic link" in _rejected(inbox)["F-4.xml"]
    assert list(queued.iterdir()) == []


def test_a_file_over_the_size_limit_is_rejected_with_the_limit(
    inbox: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from monitor.settings import get_settings

    monkeypatch.setenv("PRISVAGT_MAX_UPLOAD_MB", "1")
    get_settings.cache_clear()
    (inbox / "big.xml").write_bytes(b"<Invoice>" + b" " * 2_000_000 + b"</Invoice>")
    jobs.poll_inbox(inbox, enqueue=tasks.ingest_document.delay)
    assert "the limit is 1 MB" in _rejected(inbox)["big.xml"]
    with transaction() as s:
        assert s.scalar(select(func.count(Document.id))) == 0


def test_the_cli_refuses_a_link_in_a_folder_and_stores_the_regular_file(
    inbox: Path, tmp_path: Path
) -> None:
    from monitor.cli.main import app

    folder = tmp_path / "batch"
    folder.mkdir()
    (folder / "F-5.xml").write_bytes(invoice("F-5"))
    (folder / "passwd.xml").symlink_to("/etc/passwd")
    result = CliRunner().invoke(app, ["ingest", str(folder)])
    assert result.exit_code == 2
    assert "passwd.xml: a symbolic link (to /etc/passwd): only regular files are read" in (
        result.output.replace("\n", "")
    )
    assert [name for name, _ in _documents()] == ["F-5.xml"]
