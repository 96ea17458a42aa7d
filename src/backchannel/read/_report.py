"""Where the readers say what they skipped and what they noticed.

A *skip* is an item we could not use (a bad JSON line, a feed entry with no text, a file of an
unknown format): it goes to the caller's ``on_skip`` callback as an ``InputError``. A *note* is
something lossy that did not stop an article (a guessed encoding, a field of the wrong type
dropped): it goes to the ``backchannel.read`` logger, as nothing else in the record can carry it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from backchannel.errors import InputError

logger = logging.getLogger("backchannel.read")

OnSkip = Callable[[InputError], None]


def log_skip(error: InputError) -> None:
    """The default ``on_skip``: a warning on the ``backchannel.read`` logger."""
    logger.warning("skipped %s", error)


def note(source: str, message: str, *, level: int = logging.WARNING) -> None:
    logger.log(level, "%s: %s", source, message)


def describe(exc: BaseException) -> str:
    """A third-party exception as a short single line, for a reason: errors stay one line."""
    first = next(iter(str(exc).strip().splitlines()), "")
    text = f"{type(exc).__name__}: {first}" if first else type(exc).__name__
    return text if len(text) <= 200 else text[:199] + "…"
