"""Stage 7, link: records from different articles that describe one real-world event.

    link(events) -> events                      set ``cluster_id`` on the records of one run
    same_event(a, b) -> bool                    the pairwise rule (``rules``)
    participant_keys(event) -> frozenset[str]   who takes part, after KB resolution
    build_clusters(events, sources) -> list[Cluster]   sources, reports, independent sources,
                                                disputes and flags of each cluster
    relink(store) -> int                        link the store's new events to its clusters
    copy_groups(texts) -> list[list[str]]       wire reprints and rewrites of one story
    group_stories(items) -> dict[str, str]      articles grouped into stories (``stories``)

The modules, in the order a record meets them: ``rules`` (same event or not), ``assign``
(clusters with stable ids, in memory or in the store: ``incremental``), ``copies`` (syndication),
``disputes`` and ``claims`` (who says what, and what other events contradict), ``clusters`` (the
records), ``stories`` (articles into stories). ``commands`` holds the CLI.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from backchannel.link.assign import link
from backchannel.link.clusters import build_clusters
from backchannel.link.copies import copy_groups
from backchannel.link.rules import dates_compatible, participant_keys, same_event
from backchannel.link.sources import Source, source_of

if TYPE_CHECKING:
    from backchannel.link.stories import StoryItem, group_stories
    from backchannel.store import Store

__all__ = [
    "Source", "StoryItem", "build_clusters", "copy_groups", "dates_compatible", "group_stories", "link",
    "participant_keys", "relink", "same_event", "source_of",
]  # fmt: skip


def relink(store: Store) -> int:
    """Link the store's unlinked events to its clusters (see ``incremental``)."""
    from backchannel.link.incremental import relink as run

    return run(store)


def __getattr__(name: str) -> Any:
    # The story grouper pulls in scikit-learn; load it only when asked for.
    if name in {"group_stories", "StoryItem"}:
        from backchannel.link import stories

        return getattr(stories, name)
    raise AttributeError(name)
