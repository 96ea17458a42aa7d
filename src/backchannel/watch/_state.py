"""What the watcher remembers between polls, in a small JSON file next to the database.

    {"feeds": {FEED_URL: {"etag", "last_modified", "checked_at", "seen": [ITEM_URL, ...]}}}

``etag`` and ``last_modified`` make the next fetch of the feed conditional (a 304 costs nothing);
``seen`` lists the item URLs already taken in, newest last, so that their pages are not fetched
again. The file is a cache: a missing or broken one only costs a full fetch (the store still
refuses texts it holds), so a broken one is replaced, with a warning. It is written whole to a
temporary file and renamed over the old one, so a crash never leaves half a file.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

log = logging.getLogger("backchannel.watch")

MAX_SEEN = 5000  # item URLs kept per feed: far more than a feed lists at once


@dataclass
class FeedState:
    etag: str | None = None
    last_modified: str | None = None
    checked_at: str | None = None
    seen: list[str] = field(default_factory=list)

    def remember(self, urls: list[str]) -> None:
        known = set(self.seen)
        self.seen.extend(u for u in dict.fromkeys(urls) if u not in known)
        del self.seen[:-MAX_SEEN]


def state_path(db: str) -> Path:
    """``DB.watch.json`` beside a SQLite file; ``backchannel-watch.json`` here for a server URL."""
    if "://" in db and not db.startswith("sqlite:///"):
        return Path("backchannel-watch.json")
    return Path(db.removeprefix("sqlite:///") + ".watch.json")


class WatchState:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.feeds: dict[str, FeedState] = {}
        if path.is_file():
            self._load()

    def _load(self) -> None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self.feeds = {url: FeedState(**entry) for url, entry in data["feeds"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            log.warning("%s: unreadable watch state (%s); starting afresh", self.path, exc)
            self.feeds = {}

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        data = {"feeds": {url: asdict(state) for url, state in self.feeds.items()}}
        temporary = self.path.with_name(self.path.name + ".tmp")
        temporary.write_text(json.dumps(data, indent=1, sort_keys=True), encoding="utf-8")
        os.replace(temporary, self.path)
