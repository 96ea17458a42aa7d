"""Article fields from a JSON object: a JSON Lines line, an item of a ``.json`` list, a sidecar.

The keys are the contract's: ``id`` and ``text``, and optionally ``title``, ``url``, ``outlet``,
``published``. Strings are kept exactly as given (``published`` is never parsed here); a number
becomes its string; any other type is dropped with a note. Unknown keys are ignored.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

from backchannel.errors import UnreadableInput
from backchannel.model import Article
from backchannel.read._report import note

METADATA = ("id", "title", "url", "outlet", "published")

_SAFE_ID = re.compile(r"[A-Za-z0-9._-]{1,80}")
_UNSAFE_RUN = re.compile(r"[^A-Za-z0-9._-]+")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]{0,20}://")


def json_kind(value: Any) -> str:
    """The JSON name of a parsed value's type, for messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, dict):
        return "object"
    if isinstance(value, list):
        return "list"
    return "string" if isinstance(value, str) else type(value).__name__


def metadata(obj: dict[str, Any], source: str) -> dict[str, str]:
    """The metadata keys present in ``obj`` with a usable value, as strings."""
    found: dict[str, str] = {}
    for key in METADATA:
        value = obj.get(key)
        if value is None:
            continue
        if isinstance(value, str):
            found[key] = value
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            found[key] = str(value)
        else:
            note(source, f'"{key}" is a {json_kind(value)}, not a string: dropped')
    if found.get("id") == "":
        note(source, 'empty "id": the default id is used')
        del found["id"]
    return found


def article_from_object(obj: Any, source: str, default_id: str, where: str | None = None) -> Article:
    """One article from one parsed JSON value; ``UnreadableInput`` when it has no usable text.

    ``source`` becomes ``Article.source``; ``where`` (default: the same) names the item in
    messages, e.g. ``path:12`` for a line of JSON Lines.
    """
    where = where or source
    if not isinstance(obj, dict):
        raise UnreadableInput(where, f"a JSON {json_kind(obj)}, not an article object")
    text = obj.get("text")
    if text is None:
        raise UnreadableInput(where, 'no "text" field; every article needs one')
    if not isinstance(text, str):
        raise UnreadableInput(where, f'"text" is a {json_kind(text)}, not a string')
    if not text.strip():
        raise UnreadableInput(where, 'empty "text"')
    meta = metadata(obj, where)
    return Article(
        id=meta.get("id", default_id),
        text=text,
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        source=source,
    )


def safe_id(raw: str, prefix: str) -> str:
    """``raw`` when it is already a short plain token, else a readable slug plus a hash of ``raw``
    (so two ids that differ only in punctuation stay apart)."""
    if _SAFE_ID.fullmatch(raw):
        return raw
    slug = _UNSAFE_RUN.sub("-", _SCHEME.sub("", raw)).strip("-.")[:60].rstrip("-.")
    digest = short_hash(raw)
    return f"{slug}-{digest}" if slug else f"{prefix}-{digest}"


def short_hash(*parts: str, length: int = 12) -> str:
    joined = "\x1f".join(parts).encode("utf-8", "surrogatepass")
    return hashlib.sha1(joined).hexdigest()[:length]
