"""The shared editor password, for a host with no identity provider configured.

Compared in constant time (both sides hashed first, so lengths leak nothing either), and
locked for `lock_seconds` after `max_failures` wrong tries in a row from anyone: the lock is
the server's, not the browser's, so a new session cannot reset it.
"""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from collections.abc import Callable

from geo.models import Editor

__all__ = ["PasswordGate"]


class PasswordGate:
    """Checks the editor password and locks after repeated failures.

    >>> gate = PasswordGate("s3cret", max_failures=2, lock_seconds=60, clock=lambda: 0.0)
    >>> gate.check("guess", "ana"), gate.check("guess", "ana"), gate.locked_for()
    (None, None, 60.0)
    >>> gate.check("s3cret", "ana") is None   # locked: even the right password waits
    True
    """

    def __init__(self, password: str, *, max_failures: int = 5, lock_seconds: float = 300.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        if not password:
            raise ValueError("an empty editor password would let anyone write")
        self._digest = hashlib.sha256(password.encode("utf-8")).digest()
        self.max_failures = max_failures
        self.lock_seconds = lock_seconds
        self._clock = clock
        self._failures = 0
        self._locked_until = 0.0
        self._lock = threading.Lock()

    def locked_for(self) -> float:
        """Seconds until another try is accepted (0 when open)."""
        with self._lock:
            return max(0.0, self._locked_until - self._clock())

    def check(self, attempt: str, name: str = "editor") -> Editor | None:
        """The editor `name` signs in as if `attempt` is the password and the gate is open;
        None otherwise (a wrong try counts towards the lock)."""
        given = hashlib.sha256(str(attempt).encode("utf-8")).digest()
        with self._lock:
            if self._clock() < self._locked_until:
                return None
            if hmac.compare_digest(given, self._digest):
                self._failures = 0
                return Editor((name or "editor").strip() or "editor", "password")
            self._failures += 1
            if self._failures >= self.max_failures:
                self._failures = 0
                self._locked_until = self._clock() + self.lock_seconds
            return None
