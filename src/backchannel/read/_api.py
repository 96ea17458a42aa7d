"""``read_file`` and ``read_paths``: dispatch to the readers, walk folders, report skips."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from backchannel.errors import InputError, UnreadableInput
from backchannel.model import Article
from backchannel.read._detect import detect_format
from backchannel.read._feed import read_feed
from backchannel.read._html import read_html
from backchannel.read._io import check_size, file_size
from backchannel.read._jsonl import read_json
from backchannel.read._limits import Limits
from backchannel.read._report import OnSkip, log_skip, logger
from backchannel.read._text import is_sidecar, read_text
from backchannel.read._warc import read_warc

Reader = Callable[[Path, Limits, OnSkip], Iterator[Article]]

_READERS: dict[str, Reader] = {
    "jsonl": read_json,
    "text": read_text,
    "html": read_html,
    "feed": read_feed,
    "warc": read_warc,
}
_STREAMED = frozenset({"jsonl", "warc"})  # read piece by piece: bounded by max_file_bytes


def read_file(
    path: str | Path, limits: Limits | None = None, *, on_skip: OnSkip | None = None
) -> Iterator[Article]:
    """The articles in one file, of any format ``detect_format`` knows.

    Raises an ``InputError`` when the file as a whole cannot be used: at once for a missing file,
    a folder, an unknown format or a file over the size limit; for a ``.txt``, ``.html`` or feed
    also at once when it is empty, binary or without text; for a streamed format (JSON Lines,
    WARC) while iterating, when that turns out. A problem with one item (a bad JSON line, a feed
    entry without text, an article over ``Limits.max_article_chars``, a broken sidecar) goes to
    ``on_skip`` (default: a warning on the ``backchannel.read`` logger) and reading goes on.
    """
    if not str(path) or "\0" in str(path):
        raise UnreadableInput(repr(str(path)), "not a usable path; give a file name")
    path = Path(path)
    limits = limits or Limits()
    on_skip = on_skip or log_skip
    if path.is_dir():
        raise UnreadableInput(str(path), "a folder, not a file; use read_paths to read folders")
    file_size(path)  # a missing file fails here, with the reason
    if not path.is_file():  # reading a pipe would wait for a writer that may never come
        raise UnreadableInput(str(path), "not a regular file (a pipe, socket or device); copy it to a file")
    fmt = detect_format(path)
    if fmt in _STREAMED:
        check_size(path, limits.max_file_bytes, "max_file_bytes")
    return _within_limits(_READERS[fmt](path, limits, on_skip), limits, on_skip)


def read_paths(
    paths: Iterable[str | Path],
    *,
    limits: Limits | None = None,
    on_skip: OnSkip | None = None,
) -> Iterator[Article]:
    """The articles in any mix of files and folders, in a deterministic order.

    Paths are read in the order given; a folder is walked recursively in sorted order, leaving
    out hidden files and folders (name starting with ``.``) and sidecars (``NAME.json`` beside a
    ``NAME.txt`` or ``NAME.html``, read with that file). A file reached twice is read once.
    Whatever cannot be read (a missing path, an unknown format, an unusable file or item) goes to
    ``on_skip`` as an ``InputError`` and the batch goes on; only ``InputError`` ever comes out
    of here, and only when ``on_skip`` raises it (a strict caller's way to stop at the first).
    """
    limits = limits or Limits()
    report = on_skip or log_skip
    reported: list[InputError] = []

    def skip(error: InputError) -> None:
        reported.append(error)  # so that a strict on_skip's own raise is not reported twice
        report(error)

    seen: set[Path] = set()
    for path in _files(paths, skip):
        key = _identity(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            yield from read_file(path, limits, on_skip=skip)
        except InputError as error:
            if any(error is done for done in reported):
                raise
            skip(error)


def _files(paths: Iterable[str | Path], skip: OnSkip) -> Iterator[Path]:
    for given in paths:
        if not str(given):  # Path("") would be the working folder
            skip(UnreadableInput("''", "an empty path; give a file or folder"))
            continue
        path = Path(given)
        if path.is_dir():
            yield from _walk(path, skip, set())
        elif path.suffix == ".json" and is_sidecar(path):
            logger.debug("%s: a sidecar, read with its article", path)
        elif path.exists():
            yield path
        else:
            skip(UnreadableInput(str(path), "no such file or folder; check the path"))


def _walk(folder: Path, skip: OnSkip, visited: set[Path]) -> Iterator[Path]:
    real = _identity(folder)
    if real in visited:  # a symlink back up the tree
        return
    visited.add(real)
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as exc:
        skip(UnreadableInput(str(folder), f"cannot list the folder ({exc.strerror or exc})"))
        return
    for entry in entries:
        path = folder / entry.name
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            yield from _walk(path, skip, visited)
        elif path.suffix == ".json" and is_sidecar(path):
            continue
        else:
            yield path


def _identity(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _within_limits(articles: Iterator[Article], limits: Limits, on_skip: OnSkip) -> Iterator[Article]:
    for article in articles:
        size = len(article.text)
        if size > limits.max_article_chars:
            on_skip(
                UnreadableInput(
                    article.source or article.id,
                    f"the article text is {size:,} characters, over Limits.max_article_chars "
                    f"({limits.max_article_chars:,}); raise it to read this article",
                )
            )
            continue
        yield article
