"""Plain-text articles (``.txt``), and the sidecar ``NAME.json`` that may carry an article's metadata.

The text is kept exactly as decoded (only a leading byte-order mark goes): evidence offsets
point into it. The id is the file name without its extension unless the sidecar gives one.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from backchannel.errors import InputError, UnreadableInput
from backchannel.model import Article
from backchannel.read._decode import decode
from backchannel.read._fields import json_kind, metadata
from backchannel.read._io import file_stem, read_bytes
from backchannel.read._limits import Limits
from backchannel.read._report import OnSkip

# Files that may have a sidecar (matched case-insensitively; the sidecar itself is NAME.json).
SIDECAR_OWNERS = (".txt", ".html", ".htm", ".xhtml")


def read_text(path: Path, limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    source = str(path)
    text = decode(read_bytes(path, limits.max_document_bytes, "max_document_bytes"), source)
    meta = read_sidecar(path, limits, on_skip)
    article = Article(
        id=meta.get("id", file_stem(path)),
        text=text,
        title=meta.get("title"),
        url=meta.get("url"),
        outlet=meta.get("outlet"),
        published=meta.get("published"),
        source=source,
    )
    return iter([article])


def sidecar_of(path: Path) -> Path:
    return path.with_suffix(".json")


def is_sidecar(path: Path) -> bool:
    """Whether ``path`` is the metadata of a ``.txt``/``.html`` file beside it (and so no input)."""
    if path.suffix != ".json":
        return False
    return any(path.with_suffix(ext).is_file() for owner in SIDECAR_OWNERS for ext in (owner, owner.upper()))


def read_sidecar(path: Path, limits: Limits, on_skip: OnSkip) -> dict[str, str]:
    """The metadata in ``path``'s sidecar; ``{}`` when there is none or it is unusable (reported)."""
    side = sidecar_of(path)
    if not side.is_file():
        return {}
    where = str(side)
    after = f"{path.name} was read without it"
    try:
        obj = json.loads(decode(read_bytes(side, limits.max_line_bytes, "max_line_bytes"), where))
    except InputError as error:
        on_skip(type(error)(where, f"{error.reason}; {after}"))
        return {}
    except (ValueError, RecursionError) as exc:
        detail = str(exc)
        if isinstance(exc, json.JSONDecodeError):
            detail = f"{exc.msg.removesuffix(' at')} at line {exc.lineno}"
        on_skip(UnreadableInput(where, f"broken JSON in the sidecar ({detail}); {after}"))
        return {}
    if not isinstance(obj, dict):
        on_skip(UnreadableInput(where, f"the sidecar holds a JSON {json_kind(obj)}, not an object; {after}"))
        return {}
    return metadata(obj, where)
