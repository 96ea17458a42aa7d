"""File access shared by the readers: bounded reads, sizes, names. Every OSError becomes an
``UnreadableInput`` here, so a reader never lets one out."""

from __future__ import annotations

import zlib
from pathlib import Path

from backchannel.errors import UnreadableInput
from backchannel.read._limits import human_bytes

GZIP_MAGIC = b"\x1f\x8b"
SNIFF_BYTES = 64 * 1024


def cannot_read(path: Path | str, exc: OSError) -> UnreadableInput:
    if isinstance(exc, FileNotFoundError):
        return UnreadableInput(str(path), "no such file; check the path")
    return UnreadableInput(str(path), f"cannot read the file ({exc.strerror or exc}); check its permissions")


def file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError as exc:
        raise cannot_read(path, exc) from exc


def check_size(path: Path, limit: int, setting: str) -> None:
    size = file_size(path)
    if size > limit:
        raise UnreadableInput(
            str(path),
            f"the file is {human_bytes(size)}, over the {human_bytes(limit)} of Limits.{setting}; "
            "raise that limit to read it",
        )


def read_bytes(path: Path, limit: int, setting: str) -> bytes:
    """The whole file, refused when it is larger than ``limit`` (the setting named ``setting``)."""
    check_size(path, limit, setting)
    try:
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise cannot_read(path, exc) from exc
    if len(data) > limit:  # it grew since the stat
        check_size(path, limit, setting)
        raise UnreadableInput(str(path), f"the file is over Limits.{setting}; raise that limit to read it")
    return data


def head(path: Path, size: int = SNIFF_BYTES) -> bytes:
    """The first ``size`` bytes of a file, as stored (still gzipped if it is)."""
    try:
        with path.open("rb") as fh:
            return fh.read(size)
    except OSError as exc:
        raise cannot_read(path, exc) from exc


def gunzip_head(data: bytes, source: str, size: int = SNIFF_BYTES) -> bytes:
    """What the first bytes of a gzip file decompress to, as far as they go."""
    try:
        return zlib.decompressobj(wbits=31).decompress(data, size)
    except zlib.error as exc:
        raise UnreadableInput(source, f"a broken gzip file ({exc})") from exc


def file_stem(path: Path) -> str:
    """The file name without its extension: ``news.jsonl.gz`` -> ``news``, ``a.b.txt`` -> ``a.b``."""
    name = path.name
    if name.lower().endswith(".gz"):
        name = name[:-3]
    stem = Path(name).stem
    return stem or name
