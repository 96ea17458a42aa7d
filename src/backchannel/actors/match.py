"""Finding knowledge-base names in text: a longest-match lookup over folded word tokens.

No parse is needed, so every sentence of every article can be scanned cheaply. Case matters
where English makes it matter: a proper name must be capitalised as written ("Brown" the
general, not "brown"), and a short all-capital alias must match exactly ("US", not "us").
Office and group words ("top general", "forces") match in any case.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from backchannel.kb import KnowledgeBase
from backchannel.names import surname

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)
CASE_FREE = frozenset({"role", "function", "group"})
MAX_NGRAM = 10


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    key: str  # folded: ASCII, lower case

    @property
    def capitalised(self) -> bool:
        return self.text[:1].isupper()


@dataclass(frozen=True, slots=True)
class Hit:
    first: int  # token index
    last: int  # token index, inclusive
    start: int  # character offsets
    end: int
    kind: str  # person | surname | role | function | organisation | country | adjective | people | capital | region | group
    ident: str


@cache
def _fold_word(word: str) -> str:
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode().lower()


def tokenize(text: str, offset: int = 0) -> list[Token]:
    return [
        Token(m.start() + offset, m.end() + offset, m.group(), _fold_word(m.group()))
        for m in _TOKEN.finditer(text)
    ]


class SurfaceMatcher:
    """Every surface form the knowledge base knows, keyed by its folded token tuple."""

    def __init__(self, kb: KnowledgeBase, group_nouns: dict[str, str]) -> None:
        self.index: dict[tuple[str, ...], list[tuple[str, str, str]]] = {}
        for surface, kind, ident in _surfaces(kb, group_nouns):
            key = tuple(t.key for t in tokenize(surface))
            if key and len(key) <= MAX_NGRAM:
                entries = self.index.setdefault(key, [])
                if (kind, ident, surface) not in entries:
                    entries.append((kind, ident, surface))
        self.longest = max((len(k) for k in self.index), default=1)
        # The longest entry that starts with each word: most words start none, and are skipped.
        self.reach_from: dict[str, int] = {}
        for key in self.index:
            self.reach_from[key[0]] = max(self.reach_from.get(key[0], 0), len(key))

    def hits(self, tokens: list[Token], text: str) -> list[Hit]:
        """Non-overlapping matches, left to right. At each position the match that lets the next
        one reach furthest wins ("Russian | military chief" beats "Russian military | chief"),
        then the longest."""
        out: list[Hit] = []
        i = 0
        while i < len(tokens):
            options = self._all_at(tokens, i, text)
            if not options:
                i += 1
                continue
            if len(options) == 1:
                best = options[0]
            else:
                best = max(
                    options, key=lambda hits: (self._reach(tokens, hits[0].last + 1, text), hits[0].last)
                )
            out.extend(best)
            i = best[0].last + 1
        return out

    def _reach(self, tokens: list[Token], j: int, text: str) -> int:
        following = self._all_at(tokens, j, text) if j < len(tokens) else []
        return max((h[0].last for h in following), default=j - 1)

    def _all_at(self, tokens: list[Token], i: int, text: str) -> list[list[Hit]]:
        """Every match starting at token ``i``, longest first, each as its alternatives."""
        found: list[list[Hit]] = []
        top = min(self.reach_from.get(tokens[i].key, 0), len(tokens) - i)
        keys = tuple(t.key for t in tokens[i : i + top])
        for n in range(top, 0, -1):
            entries = self.index.get(keys[:n])  # the cheap test first, the spacing only for hits
            if not entries:
                continue
            window = tokens[i : i + n]
            if not _contiguous(window, text):
                continue
            written = text[window[0].start : window[-1].end]
            good = [(k, ident, surface) for k, ident, surface in entries if _case_ok(k, surface, written)]
            good = list(
                {(k, ident): (k, ident, surface) for k, ident, surface in good}.values()
            )  # one per entry
            if good:
                end = window[-1].end
                if any(s.endswith(".") for _, _, s in good) and text[end : end + 1] == ".":
                    end += 1  # "U.S." and "Jr." keep their final full stop
                found.append([Hit(i, i + n - 1, window[0].start, end, k, ident) for k, ident, _ in good])
        return found


def _contiguous(window: list[Token], text: str) -> bool:
    """Tokens of one name are separated by spaces, dots, hyphens or an apostrophe, not by commas."""
    for a, b in itertools.pairwise(window):
        gap = text[a.end : b.start]
        if len(gap) > 3 or any(c in ',;:()"' for c in gap):
            return False
    return True


def _case_ok(kind: str, surface: str, written: str) -> bool:
    if kind in CASE_FREE:
        return True
    letters = re.sub(r"[^A-Za-z]", "", surface)
    if len(letters) <= 3 and letters.isupper():
        return re.sub(r"[^A-Za-z]", "", written) == letters
    return written[:1].isupper()


def _surfaces(kb: KnowledgeBase, group_nouns: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    for c in kb.countries.values():
        yield from ((s, "country", c.iso3) for s in (c.name, *c.aliases))
        yield from ((s, "adjective", c.iso3) for s in c.adjectives)
        yield from ((s, "people", c.iso3) for s in c.people)
        yield from ((s, "capital", c.iso3) for s in c.capitals)
        yield from ((s, "region", c.iso3) for s in c.regions)
    for o in kb.organisations.values():
        yield from ((s, "organisation", o.id) for s in (o.name, *o.aliases))
    for r in kb.roles.values():
        yield from ((s, "role", r.id) for s in _with_plurals((r.title, *r.aliases)))
    for f in kb.functions.values():
        yield from ((s, "function", f.id) for s in _with_plurals(f.phrases))
    for p in kb.people.values():
        yield from ((s, "person", p.id) for s in (p.name, *p.aliases))
        surnames = {surname(n, p.country) for n in (p.name, *p.aliases)}
        yield from ((s, "surname", p.id) for s in surnames if s)
    for noun, sector in group_nouns.items():  # ident is the PLOVER sector the noun implies
        yield from ((s, "group", sector) for s in _with_plurals((noun,)))


def _with_plurals(phrases: tuple[str, ...]) -> Iterator[str]:
    """Each phrase, its plural ("top general", "top generals"; "chief of staff" has none) and its
    form without the article ("Chief of the General Staff" is also written "Chief of General Staff")."""
    for p in phrases:
        yield p
        if " of the " in p:
            yield p.replace(" of the ", " of ")
        if " of " not in p and not p.endswith("s"):
            yield p + "s"
