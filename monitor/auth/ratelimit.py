"""Failed sign-ins counted per (client address, email), in this process's memory.

Enough for the embedded single-process default: after ``limit`` failures within
``window`` seconds the pair waits out the window. Several web processes each count
their own (a shared store such as Redis would be needed to count across them).
"""

from __future__ import annotations

import threading
import time
from collections import defaultdict, deque
from collections.abc import Callable


class LoginLimiter:
    def __init__(
        self, *, limit: int, window: float, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.limit = limit
        self.window = window
        self._clock = clock
        self._failures: dict[tuple[str, str], deque[float]] = defaultdict(deque)
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str]) -> deque[float]:
        now = self._clock()
        failures = self._failures[key]
        while failures and failures[0] <= now - self.window:
            failures.popleft()
        return failures

    def wait_seconds(self, address: str, email: str) -> int:
        """0 when a sign-in may be tried, else the seconds until it may."""
        key = (address, email.strip().lower())
        with self._lock:
            failures = self._recent(key)
            if len(failures) < self.limit:
                return 0
            return max(1, int(failures[0] + self.window - self._clock()) + 1)

    def failed(self, address: str, email: str) -> None:
        key = (address, email.strip().lower())
        with self._lock:
            self._recent(key).append(self._clock())

    def succeeded(self, address: str, email: str) -> None:
        with self._lock:
            self._failures.pop((address, email.strip().lower()), None)
