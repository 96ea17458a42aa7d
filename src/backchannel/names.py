"""One key per person's name across spellings, for people the knowledge base does not know.

News spells a name it transliterates in several ways ("Mohammad Ishaq Dar", "Muhammad Ishaq
Dar"; "Abbas Araghchi", "Abbas Araqchi"). ``name_key`` folds accents, case and punctuation,
drops honorifics, writes common given-name variants one way and evens out the spelling habits
that distinguish transliterations (doubled letters, y/i, ou/u, q/gh/k), so every spelling of one
name gets one key, stable from article to article. Honorifics and ranks are dropped.
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
