"""Finding date expressions and resolving them against an anchor."""

from __future__ import annotations

from backchannel.model import DateSpan, TimeMention


def find_times(text: str, anchor: DateSpan) -> list[TimeMention]:
    """Every date expression in ``text`` (offsets into it), resolved against ``anchor``."""
    return []


def resolve(text: str, anchor: DateSpan, direction: str = "past") -> DateSpan | None:
    """One expression resolved against ``anchor``; None when it is not a date we can place."""
    return None
