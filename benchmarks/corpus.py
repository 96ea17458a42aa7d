"""A generated news corpus for the benchmarks: varied articles of about 500 words, deterministic.

    python -m benchmarks.corpus --articles 2000 --seed 7 --out /tmp/corpus.jsonl

Each article is composed from our own sentence templates (``wording.yaml``) and the knowledge
base: the people who held an office on the article's date, their countries and capitals. A story
is one of five kinds (contacts, attacks, aid, statements, domestic news); it has a dateline, a lead
that reports its event with a relative date ("on Tuesday"), body paragraphs, background, quotes,
and page furniture ("Advertisement", "Read more: ..."). About one story in twelve is a wire copy
that a second outlet runs again under its own headline, as syndicated news is.

The same ``seed`` gives the same corpus on every machine: each story draws from its own
``random.Random`` seeded by a string, and the knowledge base is read in sorted order.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from backchannel.kb import KnowledgeBase, default_kb

WORDING = Path(__file__).with_name("wording.yaml")
FIRST_DAY, LAST_DAY = dt.date(2016, 1, 1), dt.date(2025, 5, 31)
WAR_DAY = dt.date(2022, 3, 1)  # stories of attacks start here
KINDS = {"contact": 0.35, "conflict": 0.2, "aid": 0.1, "statement": 0.2, "domestic": 0.15}
# Country pairs per story kind; the first country acts. Contacts pair counterparts.
PAIRS = {
    "contact": [("USA", "RUS"), ("USA", "CHN"), ("RUS", "UKR"), ("FRA", "RUS"), ("DEU", "RUS"),
                ("TUR", "RUS"), ("GBR", "USA"), ("USA", "UKR"), ("POL", "UKR"), ("FIN", "RUS")],
    "conflict": [("RUS", "UKR"), ("UKR", "RUS")],
    "aid": [("USA", "UKR"), ("GBR", "UKR"), ("DEU", "UKR"), ("FRA", "UKR"), ("POL", "UKR"), ("FIN", "UKR")],
    "statement": [("USA", "RUS"), ("RUS", "USA"), ("USA", "CHN"), ("CHN", "USA"), ("GBR", "RUS"),
                  ("UKR", "BLR"), ("POL", "BLR"), ("RUS", "FIN"), ("TUR", "FRA")],
    "domestic": [("GBR", "FRA"), ("DEU", "POL"), ("FRA", "DEU"), ("POL", "DEU"), ("FIN", "GBR")],
}  # fmt: skip
THIRD = ("USA", "GBR", "FRA", "DEU", "TUR", "POL", "FIN", "CHN")  # whose officials react
FUNCTIONS = (
    "defence_minister",
    "chief_of_defence",
    "foreign_minister",
    "head_of_state",
    "head_of_government",
)
REPRINT_SHARE = 1 / 12
POOL_WEIGHTS = {"body": 4, "background": 3, "quotes": 2, "reactions": 1}  # what opens a paragraph


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    function: str
    office: str  # generic office in lower case: "defence minister"
    gender: str | None


Tenure = tuple[Person, dt.date | None, dt.date | None]  # who held a generic office, from, until


@cache
def wording() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(WORDING.read_text(encoding="utf-8"))
    return data


def generate(articles: int = 2000, seed: int = 7, kb: KnowledgeBase | None = None) -> list[dict[str, Any]]:
    """``articles`` article dicts (id, title, url, outlet, published, text), the same for a seed."""
    kb = kb or default_kb()
    cast = _tenures(kb)
    out: list[dict[str, Any]] = []
    for i in range(articles):
        rng = random.Random(f"{seed}/{i}")
        story = i
        if i > 10 and rng.random() < REPRINT_SHARE:
            story = rng.randrange(i)  # a wire copy: the same story run by another outlet
        out.append(_article(kb, cast, seed, story, i, rng))
    return out


def write_jsonl(path: Path, articles: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for a in articles:
            f.write(json.dumps(a, ensure_ascii=False) + "\n")
    return path


def _article(
    kb: KnowledgeBase, cast: list[Tenure], seed: int, story: int, index: int, own: random.Random
) -> dict[str, Any]:
    """One article: the story's words (drawn from the story's seed) and this outlet's furniture."""
    rng = random.Random(f"{seed}/story/{story}")
    kind = rng.choices(list(KINDS), weights=list(KINDS.values()))[0]
    slots = _slots(kb, cast, rng, kind)
    outlet = own.choice(wording()["outlets"])
    slots |= {"outlet": outlet, "reporter": _reporter(own), "other_title": _title(own, slots, kind)}
    paragraphs = _body(rng, kind, slots)
    text = _with_furniture(own, paragraphs, slots)
    published = slots["published"] + dt.timedelta(days=int(story != index and own.random() < 0.5))
    stamp = (
        published.isoformat()
        if own.random() < 0.5
        else f"{published.isoformat()}T{own.randrange(6, 23):02d}:15:00Z"
    )
    slug = re.sub(r"[^a-z0-9]+", "-", slots["title"].lower()).strip("-")[:60]
    return {
        "id": f"gen-{index:05d}",
        "title": slots["title"] if story == index else _title(own, slots, kind),
        "url": f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/{slug}",
        "outlet": outlet,
        "published": stamp,
        "text": text,
    }


def _slots(kb: KnowledgeBase, cast: list[Tenure], rng: random.Random, kind: str) -> dict[str, Any]:
    """The story's date, its two people and the words that fill the templates' slots."""
    w = wording()
    for _ in range(50):  # a pair of countries whose offices are all filled on the day
        first = WAR_DAY if kind == "conflict" else FIRST_DAY
        published = first + dt.timedelta(days=rng.randrange((LAST_DAY - first).days))
        a_c, b_c = rng.choice(PAIRS[kind])
        people = _holders(cast, published)
        function = rng.choice(FUNCTIONS)
        a = _pick(rng, people, a_c, function if kind == "contact" else None)
        b = _pick(rng, people, b_c, function if kind == "contact" else None)
        c = _pick(rng, people, rng.choice([x for x in THIRD if x not in {a_c, b_c}]), None)
        if a and b and c:
            break
    else:  # pragma: no cover - the KB covers these countries over the whole range
        raise RuntimeError("no office holders found; is the knowledge base complete?")
    event = published - dt.timedelta(days=rng.randrange(0, 6))
    past = published - dt.timedelta(days=rng.randrange(60, 900))
    slots: dict[str, Any] = {
        "published": published, "year": published.year, "when": _when(rng, published, event),
        "past": f"{past:%B} {past.year}", "pct": round(rng.uniform(0.2, 9.5), 1), "weekday": f"{event:%A}", "place": rng.choice(w["places"]),
        "region": _region(rng, b_c), "n": rng.randrange(2, 40), "m": rng.randrange(40, 90),
        "money": f"${rng.randrange(1, 30) * 50} million", "weapon": rng.choice(w["weapons"]),
        "accusation": rng.choice(w["accusations"]), "warning": rng.choice(w["warnings"]),
    }  # fmt: skip
    slots["topic"], slots["topic2"] = rng.sample(w["topics"], 2)
    for key, person in (("a", a), ("b", b), ("c", c)):
        slots |= _person_slots(kb, rng, key, person)
    slots["title"] = _title(rng, slots, kind)
    return slots


def _tenures(kb: KnowledgeBase) -> list[Tenure]:
    """Every dated office with a generic function, as (person, start, end), in id order."""
    out = []
    for pid in sorted(kb.people):
        p = kb.people[pid]
        for t in p.tenures:
            role = kb.roles.get(t.role)
            if role is None or role.function not in FUNCTIONS or not role.country:
                continue
            office = kb.functions[role.function].phrases[0]
            out.append((Person(p.name, role.country, role.function, office, p.gender), t.start, t.end))
    return out


def _holders(cast: list[Tenure], day: dt.date) -> list[Person]:
    return [p for p, start, end in cast if (start is None or start <= day) and (end is None or day <= end)]


def _pick(rng: random.Random, people: list[Person], country: str, function: str | None) -> Person | None:
    fits = [p for p in people if p.country == country and (function is None or p.function == function)]
    return rng.choice(fits) if fits else None


def _person_slots(kb: KnowledgeBase, rng: random.Random, key: str, p: Person) -> dict[str, Any]:
    country = kb.countries[p.country]
    name = country.name if not country.name.startswith("United") else f"the {country.name}"
    adj = country.adjectives[0]
    he, his = {"male": ("he", "his"), "female": ("she", "her")}.get(p.gender or "", ("they", "their"))
    styled = [f"{adj} {p.office.title()} {p.name}", f"{p.name}, {country.name}'s {p.office},", p.name]
    return {
        key: rng.choices(styled, weights=[5, 3, 1])[0], f"{key}_name": p.name,
        f"{key}_sur": p.name.split()[-1], f"{key}_he": he, f"{key}_He": he.capitalize(), f"{key}_his": his,
        f"{key}_His": his.capitalize(), f"{key}_c": name, f"{key}_C": name[0].upper() + name[1:],
        f"{key}_adj": adj, f"{key}_cap": country.capitals[0] if country.capitals else country.name,
        f"{key}_office": p.office,
    }  # fmt: skip


def _when(rng: random.Random, published: dt.date, event: dt.date) -> str:
    """The event's date as a reporter writes it, relative to the publication day."""
    if rng.random() < 0.25:
        return f"on {event:%B} {event.day}"
    if event == published - dt.timedelta(days=1) and rng.random() < 0.3:
        return "yesterday"
    return rng.choice([f"on {event:%A}", f"on {event:%A}", f"{event:%A}", f"late on {event:%A}"])


def _region(rng: random.Random, country: str) -> str:
    return rng.choice(wording()["regions"].get(country) or wording()["generic_regions"])


def _title(rng: random.Random, slots: dict[str, Any], kind: str) -> str:
    return _fill(rng.choice(wording()["titles"][kind]), slots)


def _reporter(rng: random.Random) -> str:
    return f"{rng.choice(wording()['first_names'])} {rng.choice(wording()['last_names'])}"


def _body(rng: random.Random, kind: str, slots: dict[str, Any]) -> list[str]:
    """Paragraphs of one to three sentences, lead first, until the story reaches its length."""
    w = wording()
    target = int(min(700, max(350, rng.gauss(460, 80))))
    pools = {name: rng.sample(items, len(items)) for name, items in _pools(kind).items()}
    city = slots["a_cap"].upper() if kind != "contact" or rng.random() < 0.6 else slots["place"].upper()
    lead = f"{city} — {_fill(rng.choice(w['leads'][kind]), slots)}"
    paragraphs, words = [lead], len(lead.split())
    while words < target and any(pools.values()):
        first = rng.choices(list(POOL_WEIGHTS), weights=list(POOL_WEIGHTS.values()))[0]
        more = rng.choices(["body", "background"], k=rng.randint(0, 2))
        sentences = [_fill(pools[p].pop(), slots) for p in [first, *more] if pools[p]]
        if sentences:
            paragraphs.append(" ".join(sentences))
            words += sum(len(s.split()) for s in sentences)
    return paragraphs


def _pools(kind: str) -> dict[str, list[str]]:
    w = wording()
    return {
        "body": w["body"][kind],
        "background": w["background"],
        "quotes": w["quotes"],
        "reactions": w["reactions"],
    }


def _with_furniture(rng: random.Random, paragraphs: list[str], slots: dict[str, Any]) -> str:
    """The page as a scraper returns it: furniture lines above, between and below the story."""
    f = wording()["furniture"]
    lines = [_fill(rng.choice(f["top"]), slots)] if rng.random() < 0.5 else []
    lines.append(paragraphs[0].replace(" —", f" ({slots['outlet']}) —", 1))  # the dateline credits the outlet
    for i, p in enumerate(paragraphs[1:], start=1):
        lines.append(p)
        if i < len(paragraphs) - 1 and rng.random() < 0.2:
            lines.append(_fill(rng.choice(f["middle"]), slots))
    lines += [_fill(x, slots) for x in rng.sample(f["bottom"], rng.randint(1, 2))]
    return "\n\n".join(lines)


def _fill(template: str, slots: dict[str, Any]) -> str:
    text = template.format(**slots)
    text = text.replace(",,", ",").replace(",.", ".").replace(", ’", "’")
    return text[0].upper() + text[1:]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Write the generated benchmark corpus as JSON Lines.")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", type=Path, required=True)
    args = ap.parse_args(argv)
    arts = generate(args.articles, args.seed)
    write_jsonl(args.out, arts)
    words = sum(len(a["text"].split()) for a in arts)
    print(f"{len(arts)} articles, {words / len(arts):.0f} words each on average -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
