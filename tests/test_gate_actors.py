"""Quality gate for actors: every seed contact participant has the right office and country.

The gold gives each participant's role and country on the event's date; the record must carry
the same, which is only possible when offices and counterparts are resolved as of that date.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from backchannel.api import extract_paths
from backchannel.pipeline import Pipeline

pytestmark = pytest.mark.gold


def _surname(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    parts = [p.strip(".") for p in folded.split() if p.strip(".") not in {"jr", "sr"}]
    return parts[-1][:5]  # five letters: Zaluzhny and Zaluzhnyi are one person


def test_gate_actors_seed_contacts_have_role_and_country(shared: Path, pipeline: Pipeline) -> None:
    seeds = shared / "eval" / "seeds"
    events = extract_paths([seeds / "articles.jsonl"], pipeline).events
    lines = (seeds / "gold_events.jsonl").read_text(encoding="utf-8").splitlines()
    golds = [g for g in map(json.loads, lines) if g["type"] == "CONSULT" and g["required"]]
    assert golds
    for g in golds:
        for side in ("source_actor", "target_actor"):
            want = g[side]
            found = {
                (a.role, a.country)
                for e in events
                if e.article_id == g["article"] and e.event_type == "CONSULT"
                for a in e.participants
                if a.name and _surname(a.name) == _surname(want["name"])
            }
            assert found == {(want["role"], want["country"])}, (g["event_id"], want["name"], found)
