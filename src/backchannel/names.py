"""One key per person's name across spellings, for people the knowledge base does not know.

News spells a name it transliterates in several ways ("Mohammad Ishaq Dar", "Muhammad Ishaq
Dar"; "Abbas Araghchi", "Abbas Araqchi"). ``name_key`` folds accents, case and punctuation,
drops honorifics, writes common given-name variants one way and evens out the spelling habits
that distinguish transliterations (doubled letters, y/i, ou/u, q/gh/k), so every spelling of one
name gets one key, stable from article to article. Honorifics and ranks are dropped.
``surname`` is the word a later mention uses for a person ("President Moon", "Mr. Singh").
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

# Honorifics and ranks that are not part of a name.
HONORIFICS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "sir",
        "lord",
        "lady",
        "gen",
        "general",
        "adm",
        "admiral",
        "col",
        "lt",
        "maj",
        "capt",
        "sheikh",
        "shaikh",
        "prince",
        "king",
        "president",
        "minister",
        "prof",
        "sen",
        "rep",
        "h",
        "e",
        "his",
        "her",
        "excellency",
    ]
)
# Given names whose spellings vary most, each written one way.
VARIANTS = {
    "muhammad": "muhammad", "mohammad": "muhammad", "mohammed": "muhammad", "mohamed": "muhammad",
    "muhammed": "muhammad", "mohamad": "muhammad", "mohd": "muhammad", "muhamad": "muhammad",
    "ahmad": "ahmad", "ahmed": "ahmad", "ahmet": "ahmad",
    "yusuf": "yusuf", "yousef": "yusuf", "youssef": "yusuf", "yousuf": "yusuf", "yusef": "yusuf",
    "hussein": "husayn", "hussain": "husayn", "husain": "husayn", "husayn": "husayn", "hossein": "husayn",
    "abdel": "abd", "abdul": "abd", "abd": "abd", "abdal": "abd",
}  # fmt: skip
_SPELLING = ((r"(.)\1+", r"\1"), (r"ou", "u"), (r"y", "i"), (r"gh|q", "k"), (r"kh", "h"), (r"ph", "f"))


@cache
def name_key(name: str) -> str:
    """The spelling-independent key of a person's name ("muhamadishakdar"): word breaks are
    dropped too, since "Amir-Abdollahian" is also written "Amirabdollahian"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = [w for w in re.findall(r"[a-z]+", text) if w not in HONORIFICS]
    return "".join(_even(VARIANTS.get(w, w)) for w in words)


def _even(word: str) -> str:
    for pattern, repl in _SPELLING:
        word = re.sub(pattern, repl, word)
    return word


# Countries whose names news prints family name first ("Xi Jinping", "Moon Jae-in", "Lai Ching-te"):
# the surname a later mention uses ("President Moon") is the first word.
FAMILY_NAME_FIRST = frozenset({"CHN", "TWN", "HKG", "KOR", "PRK"})
_ROMAN = re.compile(r"[IVXLC]+")


def surname(name: str, country: str | None = None) -> str | None:
    """The family name of a personal name: its last word, or its first where names are written
    family name first. None when it has none: a regnal or papal name ("Philippe of Belgium",
    "Charles III", "Pope Leo XIV") ends in a place or a number."""
    if " of " in f" {name} ":
        return None
    words = name.replace(".", " ").split()
    if country in FAMILY_NAME_FIRST:
        return words[0] if len(words) > 1 else None
    parts = [p for p in words if p.lower() not in {"jr", "sr"} and not _ROMAN.fullmatch(p)]
    if len(parts) < len(words) and len(parts) <= 2:
        return None  # "Elizabeth II", "Pope Francis II": the given name is no surname
    return parts[-1] if len(parts) > 1 else None
