"""Stories: articles about one news development, across outlets and days.

    group_stories(items) -> {article id: story id}

A story is coarser than an event cluster (a court ruling and its coverage; a jobs report and the
reactions) and needs no coded events: it is read from the words. The features are general ones:

1. Words: TF-IDF cosine over title and body (sublinear counts, English stop words dropped,
   thousands separators removed so "194,000" is one term, terms found in more than half of a
   large collection dropped), blended with the cosine of the titles alone (``TITLE_WEIGHT``).
2. Time: when both articles have a publication date, similarity is kept within ``NEAR_DAYS``,
   scaled by ``WEEK_WEIGHT`` within a week and dropped beyond: weekly jobless-claims reports
   share their words but are different stories.
3. Grouping: complete linkage (scikit-learn's agglomerative clustering), so every two articles of
   a story are at least ``THRESHOLD`` similar; chains of loosely related articles do not merge.

Story ids derive from the story's first article id, so the same input gives the same ids. The
similarity matrix is dense: this is meant for a run's worth of articles (thousands), not a whole
archive at once.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from backchannel.model import stable_id

THRESHOLD = 0.10
TITLE_WEIGHT = 0.25
NEAR_DAYS = 2
WEEK_WEIGHT = 0.3
COMMON_TERMS_FROM = 20  # articles; below this every term is kept

_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")


@dataclass(slots=True, frozen=True)
class StoryItem:
    id: str
    title: str
    text: str
    published: dt.date | None = None


def group_stories(items: Sequence[StoryItem], threshold: float = THRESHOLD) -> dict[str, str]:
    """The story id of each article (by article id): the numbered steps above."""
    if not items:
        return {}
    if len(items) == 1:
        return {items[0].id: stable_id("s", items[0].id)}
    similar = similarity(items) * time_weights(items)
    labels = _complete_linkage(1.0 - similar, 1.0 - threshold)
    first: dict[int, str] = {}
    for item, label in sorted(zip(items, labels, strict=True), key=lambda p: p[0].id):
        first.setdefault(int(label), item.id)
    return {item.id: stable_id("s", first[int(label)]) for item, label in zip(items, labels, strict=True)}


def similarity(items: Sequence[StoryItem]) -> Any:
    """Cosine similarity of every pair: whole text blended with titles (step 1)."""
    bodies = [_clean(f"{i.title}. {i.text}") for i in items]
    titles = [_clean(i.title) for i in items]
    whole = _cosine(bodies, max_df=0.5 if len(items) >= COMMON_TERMS_FROM else 1.0)
    if TITLE_WEIGHT and any(titles):
        return (1 - TITLE_WEIGHT) * whole + TITLE_WEIGHT * _cosine(titles, max_df=1.0)
    return whole


def time_weights(items: Sequence[StoryItem]) -> Any:
    """1 near in time or undated, ``WEEK_WEIGHT`` within a week, 0 beyond (step 2)."""
    import numpy as np

    days = np.array([i.published.toordinal() if i.published else -1 for i in items], dtype=float)
    gap = np.abs(days[:, None] - days[None, :])
    dated = (days[:, None] >= 0) & (days[None, :] >= 0)
    weights = np.where(gap <= NEAR_DAYS, 1.0, np.where(gap <= 7, WEEK_WEIGHT, 0.0))
    return np.where(dated, weights, 1.0)


def _clean(text: str) -> str:
    return _THOUSANDS.sub("", text)


def _cosine(texts: list[str], max_df: float) -> Any:
    import numpy as np
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        vectors = TfidfVectorizer(sublinear_tf=True, stop_words="english", max_df=max_df).fit_transform(texts)
    except ValueError:  # no terms left at all (empty or stop-word-only texts)
        return np.zeros((len(texts), len(texts)))
    return (vectors @ vectors.T).toarray()


def _complete_linkage(distance: Any, cut: float) -> Any:
    import numpy as np
    from sklearn.cluster import AgglomerativeClustering

    distance = np.clip(distance, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    model = AgglomerativeClustering(
        n_clusters=None, metric="precomputed", linkage="complete", distance_threshold=cut
    )
    return model.fit(distance).labels_
