"""How much the readers take in before they give up on a file, a line or an article, and how long
they may spend on one document (enforced by ``_deadline.call_with_deadline``)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from backchannel.errors import ConfigError

KiB = 1024
MiB = 1024 * KiB
GiB = 1024 * MiB


@dataclass(frozen=True, slots=True)
class Limits:
    """Size limits of the readers. Every limit is a positive integer; what goes over one is reported
    as skipped with the limit's name, never cut short silently.

    ``max_file_bytes`` (default 2 GiB)
        Largest file of a streamed format: JSON Lines (also gzipped) and WARC/ARC. These are read
        line by line or record by record, so the limit bounds the time spent, not memory. It is
        above the 512 MiB one might expect because a Common Crawl WARC file is about 1 GiB.
    ``max_document_bytes`` (default 64 MiB)
        Largest file read whole into memory: ``.txt``, ``.html``, feeds, a ``.json`` list of
        articles; also the largest single WARC record payload.
    ``max_line_bytes`` (default 20 MiB)
        Longest line of a JSON Lines file, and largest sidecar ``NAME.json``. A longer line is
        skipped (and never held in memory whole); the other lines are still read.
    ``max_article_chars`` (default 2,000,000)
        Longest article text, in characters, after decoding (and, for HTML, after extraction).
        A longer article is skipped with a reason: it is never truncated.
    ``max_document_seconds`` (default 30.0)
        Longest time spent parsing one document (an HTML page, a feed, one feed entry's HTML),
        in seconds, a positive number. The parse runs in a worker process that is killed at the
        deadline (``_deadline``), and the document is skipped with a reason; the batch goes on.
        Hostile markup that slows a parser down is stopped here; the byte limits above bound how
        much one parser call is given.
    """

    max_file_bytes: int = 2 * GiB
    max_document_bytes: int = 64 * MiB
    max_line_bytes: int = 20 * MiB
    max_article_chars: int = 2_000_000
    max_document_seconds: float = 30.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "max_document_seconds":
                if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < 1e9:
                    raise ConfigError(f"Limits.{f.name} must be a positive number of seconds, not {value!r}")
            elif isinstance(value, bool) or not isinstance(value, int) or value <= 0:
                raise ConfigError(f"Limits.{f.name} must be a positive integer, not {value!r}")


def human_bytes(n: int) -> str:
    """``67108864`` -> ``"64 MiB"``: sizes in messages, rounded to the unit that reads best."""
    for unit, size in (("GiB", GiB), ("MiB", MiB), ("KiB", KiB)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"
