"""Parser stand-ins for the deadline tests, run inside the deadline worker (so they are module-level)."""

from __future__ import annotations

import contextlib
import os
import time


def never_returns() -> None:
    """Swallows everything, as a parser with broad ``except`` clauses would, and never returns."""
    while True:
        with contextlib.suppress(BaseException):  # the point: nothing raised in here can stop it
            time.sleep(3600)


def echo(value: object) -> object:
    return value


def die() -> None:
    os._exit(3)
