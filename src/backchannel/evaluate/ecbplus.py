"""Scoring story grouping on ECB+: 43 topics, each with two different real events of one kind.

    python -m backchannel.evaluate.ecbplus [--shared DIR]

In every topic, documents ``N_Kecb.xml`` report one event and ``N_Kecbplus.xml`` another of the
same kind (two earthquakes, two rehab check-ins): grouping by topic is the trap. Gold: documents
of one topic and one sub-corpus are one story (86 stories, 982 documents). The documents are
tokenised; we join the tokens of each sentence with spaces, and leave out the URL that the
``ecbplus`` documents carry as sentence 0 (it is metadata, not text). They have no dates, so
only words count. Scored with B-cubed (``stories.bcubed``); we also print what grouping by
topic alone would score, for scale.

The archive stays in ``../shared``; nothing of it is copied into the project.
"""

from __future__ import annotations

import argparse
import re
import sys
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

from backchannel.evaluate.stories import SHARED, Scores, bcubed
from backchannel.link.stories import StoryItem, group_stories

ARCHIVE = Path("eval/ecbplus/ECBplus.tar.gz")
_NAME = re.compile(r"(\d+)_(\d+)(ecbplus|ecb)\.xml$")


def documents(archive: Path) -> Iterator[tuple[StoryItem, str, str]]:
    """Each document as a StoryItem, with its gold story (topic and sub-corpus) and its topic,
    sorted by name. The archive is read in one pass (seeking back in a gzip stream is slow)."""
    found: list[tuple[StoryItem, str, str]] = []
    with tarfile.open(archive) as tar:
        for member in tar:
            match = _NAME.search(member.name)
            handle = tar.extractfile(member) if match else None
            if match is None or handle is None:
                continue
            topic, corpus = match[1], match[3]
            sentences = _sentences(ET.fromstring(handle.read()))
            if corpus == "ecbplus":
                sentences.pop(0, None)
            lines = [" ".join(words) for _, words in sorted(sentences.items())]
            name = member.name.rsplit("/", 1)[-1]
            item = StoryItem(name, lines[0] if lines else "", "\n".join(lines[1:]))
            found.append((item, f"{topic}-{corpus}", topic))
    yield from sorted(found, key=lambda d: d[0].id)


def _sentences(root: ET.Element) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for token in root.iter("token"):
        out.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    return out


def score(shared: Path = SHARED) -> tuple[Scores, Scores]:
    """Our grouping's scores, and those of grouping by topic alone."""
    docs = list(documents(shared / ARCHIVE))
    gold = {item.id: story for item, story, _ in docs}
    by_topic = {item.id: topic for item, _, topic in docs}
    predicted = group_stories([item for item, _, _ in docs])
    return bcubed(predicted, gold), bcubed(by_topic, gold)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Score story grouping on ECB+.")
    ap.add_argument("--shared", type=Path, default=SHARED, help="the shared folder with eval/")
    args = ap.parse_args(argv)
    if not (args.shared / ARCHIVE).exists():
        print(f"no ECB+ archive at {args.shared / ARCHIVE}", file=sys.stderr)
        return 2
    ours, topic = score(args.shared)
    for name, s in (("ours", ours), ("by topic", topic)):
        print(
            f"ecbplus   {name:8} B3 P {s.precision:.3f}  R {s.recall:.3f}  F1 {s.f1:.3f}  "
            f"({s.items} documents, {s.gold_groups} gold stories, {s.groups} found)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
