"""PLOVER scores per event type and mode, from ``plover_scores.yaml`` (knowledge as data)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

from backchannel.errors import ConfigError
from backchannel.model import EVENT_TYPES

SCORES = Path(__file__).with_name("plover_scores.yaml")


@cache
def table(path: Path = SCORES) -> dict[str, tuple[float, dict[str, float]]]:
    """Event type -> (default score, {mode: score}); every PLOVER type must be there."""
    data: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    missing = [t for t in EVENT_TYPES if t not in data]
    if missing:
        raise ConfigError(f"{path}: no score for {', '.join(missing)}")
    out: dict[str, tuple[float, dict[str, float]]] = {}
    for event_type, entry in data.items():
        modes = {str(mode): float(value) for mode, value in (entry.get("modes") or {}).items()}
        out[event_type] = (float(entry["default"]), modes)
    return out


def score(event_type: str, mode: str | None) -> float:
    """The PLOVER score of an event of this type and mode; 0 for a type outside PLOVER."""
    default, modes = table().get(event_type, (0.0, {}))
    return modes.get(mode or "", default)
