"""Where the shared public corpus is: beside the checkout (``../shared``), or beside the
repository this checkout was cloned from, or where ``PRISVAGT_SHARED_DIR`` points."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The ``shared`` folder holding ``corpus/``; the sibling path when none is found
    (the tests then skip or, under CI, fail naming it)."""
    candidates = []
    if os.environ.get("PRISVAGT_SHARED_DIR"):
        candidates.append(Path(os.environ["PRISVAGT_SHARED_DIR"]))
    candidates.append(REPO.parent / "shared")
    origin = _origin()
    if origin is not None:
        candidates.append(origin.parent / "shared")
    return next((c for c in candidates if (c / "corpus").is_dir()), REPO.parent / "shared")


def _origin() -> Path | None:
    """The local path this checkout was cloned from, if it was cloned from one."""
    try:
        url = subprocess.run(
            ["git", "-C", str(REPO), "config", "--get", "remote.origin.url"],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    path = Path(url.removeprefix("file://")) if url else None
    return path.resolve() if path is not None and path.is_dir() else None


SHARED = shared_dir()
