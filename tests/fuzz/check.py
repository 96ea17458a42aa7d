"""What every read of a hostile input must satisfy, and a tally of how the readers fared.

    read_checked(reader, paths) -> (articles, skips)

1. ``read_paths`` gives only Articles and never raises: every problem reaches ``on_skip``.
2. Every skip is an ``InputError`` with a source and a one-line reason.
3. Every article has an id and a text that is not blank and within ``Limits.max_article_chars``.
4. ``read_file`` on a single file raises nothing but an ``InputError``.

``TALLY`` counts inputs, articles, skips and the slowest read per reader (after the first, which
pays for the parsers' lazy imports); with
``BACKCHANNEL_FUZZ_REPORT=FILE`` the fuzz tests write it there as JSON when they finish.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from backchannel.errors import InputError
from backchannel.model import Article
from backchannel.read import Limits, read_file, read_paths

LIMITS = Limits()
EXAMPLES = int(os.environ.get("BACKCHANNEL_FUZZ_EXAMPLES") or 300)
TALLY: dict[str, dict[str, Any]] = {}


def read_checked(reader: str, paths: Sequence[Path]) -> tuple[list[Article], list[InputError]]:
    skips: list[InputError] = []
    start = time.perf_counter()
    articles = list(read_paths(paths, limits=LIMITS, on_skip=skips.append))  # 1
    took = time.perf_counter() - start
    for error in skips:  # 2
        assert isinstance(error, InputError)
        assert error.source and error.reason.strip()
        assert "\n" not in str(error), str(error)
    for article in articles:  # 3
        assert isinstance(article, Article)
        assert isinstance(article.id, str) and article.id
        assert isinstance(article.text, str) and article.text.strip()
        assert len(article.text) <= LIMITS.max_article_chars
    if len(paths) == 1 and paths[0].is_file():  # 4
        with contextlib.suppress(InputError):
            list(read_file(paths[0], LIMITS, on_skip=lambda error: None))
    _count(reader, len(articles), len(skips), took, sum(_size(p) for p in paths))
    return articles, skips


def _size(path: Path) -> int:
    try:
        return path.stat().st_size if path.is_file() else 0
    except OSError:
        return 0


def _count(reader: str, articles: int, skips: int, took: float, size: int) -> None:
    row = TALLY.setdefault(
        reader, {"inputs": 0, "articles": 0, "skips": 0, "seconds": 0.0, "slowest_seconds": 0.0}
    )
    row["inputs"] += 1
    row["articles"] += articles
    row["skips"] += skips
    row["seconds"] += took
    if took > row["slowest_seconds"] and row["inputs"] > 1:  # the first pays for lazy imports
        row["slowest_seconds"], row["slowest_bytes"] = took, size


def write_report() -> None:
    target = os.environ.get("BACKCHANNEL_FUZZ_REPORT")
    if not target or not TALLY:
        return
    path = Path(target)
    old = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    old.update({name: {k: round(v, 4) if isinstance(v, float) else v for k, v in row.items()}
                for name, row in TALLY.items()})  # fmt: skip
    path.write_text(json.dumps(old, indent=2, sort_keys=True) + "\n", encoding="utf-8")


def make_tree(root: Path, entries: Sequence[tuple[str, str, bytes]]) -> None:
    """Lay out ``(relative path, kind, content)`` entries under ``root``; clashes are passed over."""
    for relative, kind, content in entries:
        path = root / relative
        if os.path.lexists(path):  # never write into a pipe laid out earlier: it would wait for a reader
            continue
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            if kind == "file":
                path.write_bytes(content)
            elif kind == "dir":
                path.mkdir(exist_ok=True)
            elif kind == "fifo":
                os.mkfifo(path)
            elif kind == "loop":
                path.symlink_to(root, target_is_directory=True)
            else:
                path.symlink_to(root / "no-such-target")
        except OSError:  # a name used twice, a file where a folder should be
            continue
