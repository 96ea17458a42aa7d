"""The watch loop: poll every feed, remember what was seen, check the alert rules, wait, again.

A round opens one ``Fetcher`` (so robots.txt is read once per site per round) and polls the feeds
in the order given; a feed that fails is reported and the others go on. After the round the state
file is saved and, when rules are given, they are checked against the events the round added.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import httpx

from backchannel.errors import ConfigError
from backchannel.pipeline import Pipeline
from backchannel.store import Store
from backchannel.watch._address import Resolver, system_resolver
from backchannel.watch._fetch import Fetcher, FetchSettings
from backchannel.watch._poll import PollReport, poll_feed
from backchannel.watch._state import WatchState

if TYPE_CHECKING:  # alerts imports the watcher's fetcher for its webhooks
    from backchannel.alerts import Alert, RuleSet

_DURATION = re.compile(r"(\d+(?:\.\d+)?)\s*([smhd]?)")
_UNIT = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}

OnRound = Callable[[list[PollReport], list["Alert"]], None]


def parse_every(text: str) -> float:
    """Seconds in ``90``, ``90s``, ``15m``, ``2h`` or ``1d``."""
    found = _DURATION.fullmatch(text.strip().lower())
    if not found or float(found.group(1)) <= 0:
        raise ConfigError(f"--every must be a duration such as 90s, 15m or 2h, not {text!r}")
    return float(found.group(1)) * _UNIT[found.group(2)]


def watch_feeds(
    urls: Sequence[str],
    store: Store,
    state: WatchState,
    *,
    every: float = 900.0,
    rounds: int | None = None,
    settings: FetchSettings | None = None,
    transport: httpx.BaseTransport | None = None,
    resolver: Resolver = system_resolver,
    pipeline: Pipeline | None = None,
    rules: RuleSet | None = None,
    on_round: OnRound | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> None:
    """Poll ``urls`` every ``every`` seconds, ``rounds`` times (None: until interrupted)."""
    from backchannel.alerts import check

    pipe = pipeline or Pipeline()
    done = 0
    while rounds is None or done < rounds:
        if done:
            sleep(every)
        with Fetcher(settings, transport=transport, resolver=resolver) as fetcher:
            reports = [poll_feed(url, store, fetcher, state.feed(url), pipe) for url in urls]
        state.save()
        fired = check(store, rules) if rules is not None else []
        if on_round is not None:
            on_round(reports, fired)
        done += 1
