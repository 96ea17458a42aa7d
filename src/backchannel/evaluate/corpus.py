"""Our gold over the real development corpus in ``../shared/corpora``, kept as annotations only.

    python -m backchannel.evaluate.corpus stats             articles, outlets, country pairs, lines by type
    python -m backchannel.evaluate.corpus check             every span points at text of its article
    python -m backchannel.evaluate.corpus import FILE...    anchor hand-written gold lines (with verbatim
                                                            ``evidence``) to offsets, give new articles a split

The texts are real and not ours, so they stay in ``../shared``. The project keeps, in ``eval/corpus/``:

- ``articles.jsonl``: one line per annotated article: ``article`` (``voa-<id>`` for a story of
  ``corpora/voa``, the line's own id for ``corpora/public``), ``split`` (``dev`` or ``test``, drawn
  once from a hash of the id), ``exhaustive`` (every PLOVER type annotated, not only contacts);
- ``gold.jsonl``: gold lines in the format of ``../shared/eval/GUIDELINES.md``, except that the
  verbatim ``evidence`` and ``extra_evidence`` are replaced by character offsets into the article's
  text: ``evidence_span: [start, end]`` and ``extra_evidence_spans: [[start, end], ...]``.

``materialise`` puts the verbatim strings back, from the texts in ``../shared``, into a gold file
that ``score.py`` reads. Rule: ``dev`` is for tuning; ``test`` is scored only to report it, and
its errors are never read to change a rule.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
CORPUS = REPO / "eval" / "corpus"
SPLITS = ("dev", "test")
TEST_SHARE = 0.4  # of articles, by a hash of the id: fixed once an article is in articles.jsonl


def split_of(article: str) -> str:
    bucket = int(hashlib.sha1(article.encode("utf-8")).hexdigest()[:8], 16) / 0x1_0000_0000
    return "test" if bucket < TEST_SHARE else "dev"


def texts(shared: Path = SHARED) -> dict[str, dict[str, Any]]:
    """Every article of the shared development corpus by our id, as an article record to extract."""
    out: dict[str, dict[str, Any]] = {}
    voa = shared / "corpora" / "voa" / "voa_stories.jsonl"
    for row in _jsonl(voa):
        out[f"voa-{row['id']}"] = {
            "id": f"voa-{row['id']}",
            "text": row["text"],
            "title": row.get("title"),
            "url": row.get("url"),
            "outlet": "VOA",
            "published": row.get("published"),
        }
    for row in _jsonl(shared / "corpora" / "public" / "articles.jsonl"):
        out[row["id"]] = {k: row.get(k) for k in ("id", "text", "title", "url", "outlet", "published")}
    return out


def _jsonl(path: Path) -> Iterable[dict[str, Any]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def _write_jsonl(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")


def anchor(line: dict[str, Any], text: str) -> dict[str, Any]:
    """A gold line with verbatim evidence -> the same line with offsets; ValueError when not found."""
    out = {k: v for k, v in line.items() if k not in ("evidence", "extra_evidence")}
    out["evidence_span"] = _span(line["evidence"], text, line)
    out["extra_evidence_spans"] = [_span(s, text, line) for s in line.get("extra_evidence") or []]
    return out


def _span(fragment: str, text: str, line: dict[str, Any]) -> list[int]:
    start = text.find(fragment)
    if not fragment or start < 0:
        raise ValueError(
            f"{line.get('event_id')}: evidence not in the text of {line.get('article')}: {fragment!r}"
        )
    return [start, start + len(fragment)]


def materialise(line: dict[str, Any], text: str) -> dict[str, Any]:
    """An anchored gold line -> the gold format ``score.py`` reads (verbatim evidence)."""
    out = {k: v for k, v in line.items() if k not in ("evidence_span", "extra_evidence_spans")}
    start, end = line["evidence_span"]
    out["evidence"] = text[start:end]
    out["extra_evidence"] = [text[s:e] for s, e in line.get("extra_evidence_spans") or []]
    return out


def articles(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    return list(_jsonl(corpus / "articles.jsonl"))


def gold(corpus: Path = CORPUS) -> list[dict[str, Any]]:
    return list(_jsonl(corpus / "gold.jsonl"))


def write_split(split: str, folder: Path, shared: Path = SHARED, corpus: Path = CORPUS) -> tuple[Path, Path]:
    """Write ``articles.jsonl`` (to extract) and ``gold_events.jsonl`` (to score) of one split."""
    by_id = texts(shared)
    ids = [a["article"] for a in articles(corpus) if a["split"] == split]
    folder.mkdir(parents=True, exist_ok=True)
    arts, gold_path = folder / f"{split}_articles.jsonl", folder / f"{split}_gold.jsonl"
    _write_jsonl(arts, (by_id[i] for i in ids))
    wanted = set(ids)
    _write_jsonl(
        gold_path,
        (materialise(g, by_id[g["article"]]["text"]) for g in gold(corpus) if g["article"] in wanted),
    )
    return arts, gold_path


def check(shared: Path = SHARED, corpus: Path = CORPUS) -> list[str]:
    """Problems with the anchored gold: unknown articles, spans outside the text, unlisted articles."""
    by_id, listed = texts(shared), {a["article"] for a in articles(corpus)}
    problems = []
    for a in articles(corpus):
        if a["article"] not in by_id:
            problems.append(f"{a['article']}: not in the shared corpora")
        if a["split"] != split_of(a["article"]):
            problems.append(f"{a['article']}: split {a['split']} is not the drawn one")
    for g in gold(corpus):
        if g["article"] not in listed:
            problems.append(f"{g['event_id']}: article {g['article']} is not in articles.jsonl")
            continue
        text = by_id.get(g["article"], {}).get("text") or ""
        for s, e in [g["evidence_span"], *(g.get("extra_evidence_spans") or [])]:
            if not (0 <= s < e <= len(text)):
                problems.append(f"{g['event_id']}: span {s}-{e} outside the text")
    return problems


def import_lines(files: list[Path], shared: Path = SHARED, corpus: Path = CORPUS) -> tuple[int, int]:
    """Anchor hand-written gold lines and add them (and their articles) to the corpus files.
    Files named ``X.jsonl`` may come with ``X.articles.jsonl`` listing every annotated article."""
    by_id = texts(shared)
    known = {a["article"]: a for a in articles(corpus)}
    lines = {g["event_id"]: g for g in gold(corpus)}
    for path in files:
        for row in _jsonl(path.with_name(path.name.replace(".jsonl", ".articles.jsonl"))):
            art = row["article"]
            known.setdefault(
                art, {"article": art, "split": split_of(art), "exhaustive": bool(row.get("exhaustive", True))}
            )
        for line in _jsonl(path):
            art = line["article"]
            known.setdefault(art, {"article": art, "split": split_of(art), "exhaustive": True})
            lines[line["event_id"]] = anchor(line, by_id[art]["text"])
    corpus.mkdir(parents=True, exist_ok=True)
    _write_jsonl(corpus / "articles.jsonl", sorted(known.values(), key=lambda a: a["article"]))
    _write_jsonl(corpus / "gold.jsonl", sorted(lines.values(), key=lambda g: (g["article"], _order(g))))
    return len(known), len(lines)


def _order(line: dict[str, Any]) -> tuple[int, str]:
    tail = str(line["event_id"]).rsplit("-e", 1)[-1]
    return (int(tail), "") if tail.isdigit() else (0, str(line["event_id"]))


def stats(shared: Path = SHARED, corpus: Path = CORPUS) -> dict[str, Any]:
    by_id, arts, lines = texts(shared), articles(corpus), gold(corpus)
    out: dict[str, Any] = {}
    for split in (*SPLITS, "all"):
        ids = {a["article"] for a in arts if split in ("all", a["split"])}
        mine = [g for g in lines if g["article"] in ids]
        contacts = [g for g in mine if g["type"] == "CONSULT" and g.get("leader_contact")]
        pairs = {
            tuple(
                sorted(
                    (
                        (g["source_actor"] or {}).get("country") or "?",
                        (g["target_actor"] or {}).get("country") or "?",
                    )
                )
            )
            for g in contacts
        }
        out[split] = {
            "articles": len(ids),
            "exhaustive": sum(1 for a in arts if a["article"] in ids and a.get("exhaustive")),
            "outlets": len({by_id[i].get("outlet") for i in ids if i in by_id}),
            "lines": len(mine),
            "required": sum(1 for g in mine if g.get("required")),
            "contacts": len(contacts),
            "country_pairs": len({p for p in pairs if "?" not in p and p[0] != p[1]}),
            "by_type": dict(sorted(Counter(g["type"] for g in mine).items())),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        prog="python -m backchannel.evaluate.corpus", description=__doc__.split("\n")[0]
    )
    ap.add_argument("command", choices=("stats", "check", "import"))
    ap.add_argument("files", nargs="*", type=Path)
    ap.add_argument("--shared", type=Path, default=SHARED)
    args = ap.parse_args(argv)
    if not (args.shared / "corpora").is_dir():
        print(f"no corpora under {args.shared}", file=sys.stderr)
        return 2
    if args.command == "import":
        n_articles, n_lines = import_lines(args.files, args.shared)
        print(f"{n_articles} articles, {n_lines} gold lines in {CORPUS}")
    if args.command in ("check", "import"):
        problems = check(args.shared)
        for p in problems:
            print(p)
        if problems:
            return 1
        print("gold spans check out")
    if args.command == "stats":
        for split, s in stats(args.shared).items():
            print(f"{split:4} {json.dumps(s)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
