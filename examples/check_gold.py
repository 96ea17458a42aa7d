#!/usr/bin/env python3
"""Checks the example corpus and its gold annotation against each other.

Usage:
    python3 examples/check_gold.py [--corpus DIR] [--gold FILE]

What it checks, in order:
  1. every article in the corpus loads and has a unique id (JSON Lines `id`, file name without the
     extension for .txt/.html, `guid` for RSS items); sidecars hold only known keys;
  2. every gold line has exactly the fields of the gold format, with allowed values;
  3. every gold line names an article that exists, and its evidence is a verbatim substring of
     that article's text (the raw text for .txt/.jsonl; the visible, tag-stripped text for
     .html and RSS, with runs of whitespace, no-break spaces included, collapsed on both sides);
  4. lines that share a contact_id name the same two people.
Standard library only. Exits 1 and lists every problem when a check fails.
"""
import argparse
import json
import pathlib
import re
import sys
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser

HERE = pathlib.Path(__file__).resolve().parent

FIELDS = ["event_id", "article", "contact_id", "type", "accept_types", "mode", "date", "date_precision",
          "source_actor", "target_actor", "initiator", "location", "status", "leader_contact", "required",
          "evidence", "note"]
ACTOR_FIELDS = {"name", "role", "country", "sector"}
TYPES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
STATUSES = {"occurred", "planned", "attempted_failed"}
PRECISIONS = {"day", "week", "month", "year"}
META_KEYS = {"title", "url", "outlet", "published"}
PUBLISHED = re.compile(r"\d{4}-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?)?")
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?|-W\d{2})?")
BLOCK_TAGS = {"p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "br", "section", "article", "aside",
              "header", "footer", "nav", "figure", "figcaption", "main", "button", "tr", "td", "time"}
HIDDEN_TAGS = {"head", "script", "style", "noscript", "template"}
CONTENT_NS = "{http://purl.org/rss/1.0/modules/content/}encoded"


class _Visible(HTMLParser):
    """Collects the text a browser would show: no <head>, scripts or styles; blocks on new lines."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.hidden = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(html):
    parser = _Visible()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def squash(text):
    """Collapses runs of whitespace, counting a no-break space (U+00A0) as one: HTML extractors
    such as trafilatura turn `&nbsp;` into a plain space, so evidence in .html/RSS must not rely on it."""
    return re.sub(r"[ \t\r\n\u00a0]+", " ", text).strip()


def load_corpus(corpus, problems):
    """Returns {article id: (text, kind)} where kind says how evidence is compared."""
    articles = {}

    def add(aid, text, kind, where):
        if not aid:
            problems.append(f"{where}: article without an id")
        elif aid in articles:
            problems.append(f"{where}: duplicate article id {aid!r}")
        else:
            articles[aid] = (text, kind)

    for path in sorted(corpus.glob("*.jsonl")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            rec = json.loads(line)
            where = f"{path.name}:{n}"
            if not isinstance(rec.get("text"), str) or not rec["text"].strip():
                problems.append(f"{where}: no text")
            if "published" in rec and not PUBLISHED.fullmatch(rec["published"]):
                problems.append(f"{where}: unusual published value {rec['published']!r}")
            add(rec.get("id"), rec.get("text", ""), "raw", where)
    for path in sorted(corpus.glob("*.txt")):
        sidecar = path.with_suffix(".json")
        if sidecar.exists():
            meta = json.loads(sidecar.read_text(encoding="utf-8"))
            if set(meta) - META_KEYS:
                problems.append(f"{sidecar.name}: unknown keys {sorted(set(meta) - META_KEYS)}")
            if "published" in meta and not PUBLISHED.fullmatch(meta["published"]):
                problems.append(f"{sidecar.name}: unusual published value {meta['published']!r}")
        add(path.stem, path.read_text(encoding="utf-8"), "raw", path.name)
    for path in sorted(corpus.glob("*.html")):
        add(path.stem, visible_text(path.read_text(encoding="utf-8")), "squash", path.name)
    for path in sorted(corpus.glob("*.xml")):
        for item in ET.parse(path).getroot().iter("item"):
            body = item.findtext(CONTENT_NS) or item.findtext("description") or ""
            add((item.findtext("guid") or "").strip(), visible_text(body), "squash", path.name)
    return articles


def check_line(g, articles, problems):
    where = g.get("event_id", "?")
    missing, extra = [k for k in FIELDS if k not in g], [k for k in g if k not in FIELDS]
    if missing or extra:
        problems.append(f"{where}: missing fields {missing}, unexpected fields {extra}")
        return
    if g["type"] not in TYPES or any(t not in TYPES for t in g["accept_types"]):
        problems.append(f"{where}: unknown PLOVER type in {g['type']!r} / {g['accept_types']}")
    if g["status"] not in STATUSES:
        problems.append(f"{where}: status {g['status']!r}")
    if (g["date"] is None) != (g["date_precision"] is None):
        problems.append(f"{where}: date and date_precision must be both set or both null")
    if g["date"] is not None and not DATE.fullmatch(g["date"]):
        problems.append(f"{where}: date {g['date']!r} is not YYYY-MM-DD, YYYY-Www, YYYY-MM or YYYY")
    if g["date_precision"] is not None and g["date_precision"] not in PRECISIONS:
        problems.append(f"{where}: date_precision {g['date_precision']!r}")
    for side in ("source_actor", "target_actor"):
        actor = g[side]
        if actor is None and side == "target_actor":
            continue
        if not isinstance(actor, dict) or set(actor) != ACTOR_FIELDS:
            problems.append(f"{where}: {side} must have exactly {sorted(ACTOR_FIELDS)}")
    if g["leader_contact"] and (g["type"] != "CONSULT" or not g["contact_id"]):
        problems.append(f"{where}: a leader contact must be a CONSULT with a contact_id")
    if not g["leader_contact"] and g["contact_id"]:
        problems.append(f"{where}: contact_id on a line that is no leader contact")
    if g["article"] not in articles:
        problems.append(f"{where}: article {g['article']!r} is not in the corpus")
        return
    text, kind = articles[g["article"]]
    evidence = g["evidence"] or ""
    found = evidence in text if kind == "raw" else squash(evidence) in squash(text)
    if not evidence or not found:
        problems.append(f"{where}: evidence is not verbatim in {g['article']}: {evidence!r}")


def check_contacts(golds, problems):
    pairs = defaultdict(set)
    for g in golds:
        if g.get("contact_id"):
            people = frozenset(a["name"] for a in (g["source_actor"], g["target_actor"]) if a)
            pairs[g["contact_id"]].add(people)
    for cid, seen in pairs.items():
        if len(seen) > 1:
            problems.append(f"contact {cid}: different participants {[sorted(s) for s in seen]}")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=pathlib.Path, default=HERE / "corpus")
    ap.add_argument("--gold", type=pathlib.Path, default=HERE / "gold_events.jsonl")
    args = ap.parse_args(argv)

    problems = []
    articles = load_corpus(args.corpus, problems)
    golds = [json.loads(line) for line in args.gold.read_text(encoding="utf-8").splitlines() if line.strip()]
    ids = [g.get("event_id") for g in golds]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        problems.append(f"duplicate event_id {dup}")
    for g in golds:
        check_line(g, articles, problems)
    check_contacts(golds, problems)
    for aid in sorted(set(articles) - {g["article"] for g in golds}):
        problems.append(f"article {aid} has no gold line")

    contacts = sum(1 for g in golds if g["leader_contact"])
    print(f"{len(articles)} articles, {len(golds)} gold lines ({contacts} contacts, {len(golds) - contacts} other), "
          f"{len({g['contact_id'] for g in golds if g['contact_id']})} distinct contacts")
    for p in problems:
        print("FAIL", p)
    if problems:
        return 1
    print("ok: every evidence string is verbatim and every line is well formed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
