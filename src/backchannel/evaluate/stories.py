"""Scoring story grouping on AllSides: stories covered by left, centre and right outlets.

    python -m backchannel.evaluate.stories [--shared DIR] [--errors N]

Gold: the articles listed under one AllSides story belong together. Each story's articles are
grouped by ``backchannel.link.group_stories`` over the whole collection at once, and scored with
B-cubed precision, recall and F1 (``bcubed``, our own implementation).

The collection gives one date per story (the day AllSides listed its coverage) and none per
article, so we score three ways:

- ``listing``: each article dated by its story's listing day, standing in for the publication
  date every real feed has. The date is shared by the articles of a story, so this setting is
  kinder than real data, where outlets publish a day or two apart;
- ``url``: only the dates the article URLs carry (about half the articles);
- ``none``: words only.

The data stays in ``../shared``; nothing of it is copied into the project.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from backchannel.dates import published_from_url
from backchannel.link.stories import StoryItem, group_stories

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
ALLSIDES = Path("eval/stories/allsides_stories.jsonl")
DATINGS = ("listing", "url", "none")


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float
    items: int
    gold_groups: int
    groups: int


def bcubed(predicted: Mapping[str, str], gold: Mapping[str, str]) -> Scores:
    """B-cubed over the items of ``gold``: for each item, the share of its predicted group that is
    in its gold group (precision) and of its gold group that is in its predicted group (recall),
    averaged over items; F1 is their harmonic mean."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for item in gold:
        by_pred.setdefault(predicted[item], set()).add(item)
        by_gold.setdefault(gold[item], set()).add(item)
    precision = recall = 0.0
    for item in gold:
        mine, truth = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(mine & truth)
        precision += both / len(mine)
        recall += both / len(truth)
    n = len(gold) or 1
    p, r = precision / n, recall / n
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return Scores(p, r, f1, len(gold), len(by_gold), len(by_pred))


def allsides(path: Path, dating: str = "listing") -> Iterator[tuple[StoryItem, str]]:
    """Each article with the id of its gold story; dated as ``dating`` says (see above)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            story = json.loads(line)
            listed = dt.date.fromisoformat(story["date"][:10])
            for side, art in sorted(story["news"].items()):
                yield (
                    StoryItem(
                        id=f"{story['id']}-{side}",
                        title=art.get("newsTitle") or "",
                        text="\n".join(art.get("newBody") or []),
                        published=_date(dating, listed, art.get("newsLink")),
                    ),
                    str(story["id"]),
                )


def _date(dating: str, listed: dt.date, url: str | None) -> dt.date | None:
    if dating == "listing":
        return listed
    if dating == "url":
        span = published_from_url(url)
        return span.start if span and span.granularity == "day" else None
    return None


def score(shared: Path = SHARED, dating: str = "listing") -> tuple[Scores, dict[str, str], list[StoryItem]]:
    pairs = list(allsides(shared / ALLSIDES, dating))
    items = [item for item, _ in pairs]
    gold = {item.id: story for item, story in pairs}
    predicted = group_stories(items)
    return bcubed(predicted, gold), predicted, items


def _errors(predicted: Mapping[str, str], items: list[StoryItem], limit: int) -> None:
    """Predicted stories that mix gold stories, with their titles."""
    gold = {i.id: i.id.rsplit("-", 1)[0] for i in items}
    title = {i.id: i.title for i in items}
    groups: dict[str, list[str]] = {}
    for item, story in sorted(predicted.items()):
        groups.setdefault(story, []).append(item)
    mixed = [g for g in groups.values() if len({gold[i] for i in g}) > 1]
    for group in mixed[:limit]:
        print("mixed:", "; ".join(f"[{gold[i]}] {title[i][:60]}" for i in group))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score story grouping on AllSides.")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with eval/")
    ap.add_argument("--errors", type=int, default=0, metavar="N", help="show N mixed stories")
    args = ap.parse_args(argv)
    if not (args.shared / ALLSIDES).exists():
        print(f"no AllSides file at {args.shared / ALLSIDES}", file=sys.stderr)
        return 2
    for dating in DATINGS:
        s, predicted, items = score(args.shared, dating)
        print(
            f"allsides  dates={dating:8} B3 P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"({s.items} articles, {s.gold_groups} gold stories, {s.groups} found)"
        )
        if args.errors and dating == "listing":
            _errors(predicted, items, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
