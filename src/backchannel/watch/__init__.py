"""Watching feeds on the network: poll RSS/Atom feeds, fetch the pages they link, ingest and link
what is new, and check alert rules after each round.

    watch_feeds(urls, store, state, *, every, rounds, settings, transport, rules, on_round)
    poll_feed(url, store, fetcher, feed_state) -> PollReport     one feed, once
    ingest_articles(articles, store, pipeline=None) -> IngestSummary   in-memory articles
    Fetcher(settings, *, transport, resolver)   guarded HTTP: address checks on every hop,
        robots.txt, retries with backoff, size caps while streaming   (``_fetch``)
    FetchSettings, WatchState, state_path(db), parse_every("15m")
    backchannel watch FEED_URL... --every 15m --db DB [--once] [--allow-private] [--alerts RULES]

Errors (``_errors``): FetchError ├── BlockedAddress └── RobotsDisallowed.
"""

from __future__ import annotations

from backchannel.watch._address import public_addresses, system_resolver, why_refused
from backchannel.watch._errors import BlockedAddress, FetchError, RobotsDisallowed
from backchannel.watch._fetch import USER_AGENT, Fetched, Fetcher, FetchSettings
from backchannel.watch._ingest import ingest_articles
from backchannel.watch._loop import parse_every, watch_feeds
from backchannel.watch._poll import PollReport, poll_feed
from backchannel.watch._state import FeedState, WatchState, state_path

__all__ = [
    "USER_AGENT",
    "BlockedAddress",
    "FeedState",
    "FetchError",
    "FetchSettings",
    "Fetched",
    "Fetcher",
    "PollReport",
    "RobotsDisallowed",
    "WatchState",
    "ingest_articles",
    "parse_every",
    "poll_feed",
    "public_addresses",
    "state_path",
    "system_resolver",
    "watch_feeds",
    "why_refused",
]
