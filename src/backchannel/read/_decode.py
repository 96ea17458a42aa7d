"""Bytes to text, the same way for every text format.

    1. empty or whitespace-only input is refused ("empty file");
    2. a byte-order mark decides (UTF-8, UTF-16, UTF-32), and is removed;
    3. binary input (a NUL byte in the first KiB, or many control bytes) is refused;
    4. valid UTF-8 is UTF-8;
    5. UTF-8 with a few stray bytes stays UTF-8, the stray bytes replaced (noted);
    6. a charset the document declares (HTML ``<meta charset>``, HTTP ``Content-Type``);
    7. charset_normalizer's guess, when that reads as a non-Latin script (Cyrillic, Greek, CJK…);
    8. windows-1252, which browsers assume for legacy Western pages (noted);
    9. else UTF-8 with replacement characters (noted).

Steps 7 and 8 are the charset_normalizer guess with one correction: on short Latin-script news
text it often prefers cp1250 or cp775 to windows-1252 and so turns "è" into "č" and curly quotes
into box drawing. Its guess is kept only when most letters of the result are not Latin, where a
wrong Western guess would be worse than its own.
"""

from __future__ import annotations

import codecs
import logging
import unicodedata

from charset_normalizer import from_bytes

from backchannel.errors import UnreadableInput
from backchannel.read._report import note

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its prefix
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Bytes that do not occur in text: C0 controls other than tab, newlines and form feed. (DEL is
# left out: JSON does not escape it, so a text may hold any number of them.)
_CONTROL = frozenset(range(32)) - {9, 10, 11, 12, 13}
_MAX_CONTROL_SHARE = 0.05
# Declared labels that mean windows-1252 in practice (as the WHATWG encoding standard rules).
_WINDOWS_1252_ALIASES = frozenset({"latin-1", "iso8859-1", "ascii"})


def split_bom(data: bytes) -> tuple[bytes, str | None]:
    """The data without its byte-order mark, and the encoding the mark names (or None)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return data[len(bom) :], encoding
    return data, None


def looks_binary(sample: bytes) -> bool:
    """A NUL byte in the first KiB, or more than 5% control bytes in the first 8 KiB."""
    if b"\x00" in sample[:1024]:
        return True
    head = sample[:8192]
    controls = sum(1 for byte in head if byte in _CONTROL)
    return bool(head) and controls / len(head) > _MAX_CONTROL_SHARE


def decode(data: bytes, source: str, *, declared: str | None = None) -> str:
    """The text of a whole file (steps 1 to 9 of the module docstring)."""
    if not data.strip():
        raise UnreadableInput(source, "empty file")
    body, bom = split_bom(data)
    if bom and bom != "utf-8":
        text = body.decode(bom, errors="replace")
        if "\ufffd" in text:
            note(source, f"invalid {bom} sequences were replaced with U+FFFD")
    elif looks_binary(body):
        raise UnreadableInput(source, "binary file, not text")
    else:
        text = decode_text(body, source, declared=declared)
    if not text.strip():
        raise UnreadableInput(source, "empty file")
    return text


def decode_text(data: bytes, source: str, *, declared: str | None = None) -> str:
    """Steps 4 to 9: bytes known to be text (a whole file, or one line of JSON Lines)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    lenient = data.decode("utf-8", errors="replace")
    replaced = lenient.count("\ufffd")
    non_ascii = len(lenient) - len(lenient.encode("ascii", errors="ignore"))
    if non_ascii - replaced > replaced:
        note(source, f"not valid UTF-8: {replaced} stray byte sequence(s) replaced with U+FFFD")
        return lenient
    for attempt in (_declared, _guess, _windows_1252):
        text = attempt(data, source, declared)
        if text is not None:
            return text
    note(source, "encoding not recognised: decoded as UTF-8 with replacement characters")
    return lenient


def _declared(data: bytes, source: str, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().strip("'\"")).name
    except LookupError:
        return None
    if name.startswith(("utf-16", "utf-32")):
        return None  # declared but without a BOM: nearly always a mislabelled 8-bit page
    if name in _WINDOWS_1252_ALIASES:
        name = "cp1252"
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _guess(data: bytes, source: str, declared: str | None) -> str | None:
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.1:
        return None
    text = str(best)
    if not _mostly_non_latin(text):
        return None
    note(source, f"not UTF-8: decoded as {best.encoding} (a guess)", level=logging.INFO)
    return text


def _windows_1252(data: bytes, source: str, declared: str | None) -> str | None:
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    note(source, "not UTF-8: decoded as windows-1252", level=logging.INFO)
    return text


def _mostly_non_latin(text: str, sample: int = 100_000) -> bool:
    letters = [ch for ch in text[:sample] if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"))
    return bool(letters) and latin * 2 < len(letters)
