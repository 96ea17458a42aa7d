"""Stage 3, actors: who is mentioned, resolved through the knowledge base.

``annotate`` finds every actor mention in a document's body (names, offices, counterparts,
sides) without a parse; ``resolve`` turns a mention into the actor it names on an event's date.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from backchannel.actors.match import SurfaceMatcher
from backchannel.actors.mentions import find_mentions
from backchannel.actors.resolve import person_on, resolve
from backchannel.kb import DATA_DIR, KnowledgeBase, default_kb
from backchannel.model import Document

__all__ = ["annotate", "group_nouns", "matcher_for", "person_on", "resolve"]

# Used until the knowledge base ships its own table (data/kb/group_nouns.yaml).
_DEFAULT_GROUP_NOUNS = {
    "forces": "MIL", "troops": "MIL", "military": "MIL", "army": "MIL", "armed forces": "MIL",
    "soldiers": "MIL", "navy": "MIL", "air force": "MIL", "general staff": "MIL",
    "government": "GOV", "officials": "GOV", "authorities": "GOV", "administration": "GOV",
    "diplomats": "GOV", "leaders": "GOV", "police": "COP", "lawmakers": "LEG", "parliament": "LEG",
    "intelligence": "SPY", "separatists": "REB", "rebels": "REB", "militants": "REB",
    "protesters": "CVL", "demonstrators": "CVL",
}  # fmt: skip


def group_nouns(kb: KnowledgeBase) -> dict[str, str]:
    """Group noun -> PLOVER sector, from the knowledge base ("forces" -> MIL)."""
    table = getattr(kb, "group_nouns", None)
    if isinstance(table, dict) and table:
        return {noun: getattr(g, "sector", g) or "" for noun, g in table.items()}
    path = Path(DATA_DIR) / "group_nouns.yaml"
    if path.exists():
        rows = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        return {r["noun"]: r["sector"] for r in rows if isinstance(r, dict) and "noun" in r}
    return dict(_DEFAULT_GROUP_NOUNS)


_MATCHERS: dict[int, SurfaceMatcher] = {}


def matcher_for(kb: KnowledgeBase) -> SurfaceMatcher:
    """One matcher per knowledge base object, built on first use."""
    if id(kb) not in _MATCHERS:
        _MATCHERS[id(kb)] = SurfaceMatcher(kb, group_nouns(kb))
    return _MATCHERS[id(kb)]


def annotate(doc: Document, kb: KnowledgeBase | None = None) -> Document:
    kb = kb or default_kb()
    doc.mentions = find_mentions(doc, kb, matcher_for(kb))
    doc.done.add("actors")
    return doc
