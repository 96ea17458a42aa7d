"""Import people and the offices they held from Wikidata entity JSON into our YAML schema.

Reads the formats Wikidata publishes:

- the full dump (``latest-all.json``): a JSON array with one entity per line, each line ending in a comma;
- JSON Lines, one entity per line;
- ``Special:EntityData/Q….json``: ``{"entities": {"Q…": {…}}}``;
- a single entity object, or a plain JSON array of entities.

1. Read every entity; keep the position items (for their English labels) and the people: entities
   with a ``P39`` (position held) statement.
2. For each person take the English label and aliases, ``P27`` citizenship, ``P21`` gender and each
   ``P39`` value with its ``P580`` start and ``P582`` end qualifiers. A time keeps its precision:
   day (11) as ``YYYY-MM-DD``, month (10) as ``YYYY-MM``, year (9) as ``YYYY``; coarser is dropped.
3. Map positions to our roles with ``wikidata_positions.yaml`` and countries to ISO-3 with
   ``wikidata_countries.yaml``. An unmapped position becomes a new role ``wd-Q…``, titled by the
   position's English label when the same file has that item, else by its QID.
4. Skip people the knowledge base already has (same Wikidata id, or same name and country).

:func:`write_import` writes the result as ``people/wikidata.yaml`` and ``roles/wikidata.yaml`` under
a folder that ``BACKCHANNEL_KB_PATH`` can then name.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from backchannel.errors import UnreadableInput
from backchannel.kb import KnowledgeBase, fold

# Wikidata's items for P21 (sex or gender) that our schema records.
GENDERS = {"Q6581097": "male", "Q6581072": "female"}
_PRECISION_DIGITS = {11: 10, 10: 7, 9: 4}  # precision -> length of the ISO prefix kept


@dataclass(slots=True)
class ImportResult:
    """What an import produced: entries in our schema, and the people left out with the reason."""

    people: list[dict[str, Any]] = field(default_factory=list)
    roles: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def import_wikidata(path: Path, kb: KnowledgeBase) -> ImportResult:
    """People holding positions in the entity file at ``path``, as new KB entries."""
    entities = list(read_entities(path))
    labels = {e["id"]: label for e in entities if "id" in e and (label := _label(e))}
    result = ImportResult()
    new_roles: dict[str, dict[str, Any]] = {}
    taken = set(kb.people)
    for entity in entities:
        if not _claims(entity, "P39"):
            continue
        known = _already_known(entity, kb)
        if known:
            result.skipped.append(
                f"{entity['id']} ({_label(entity)}): already in the knowledge base as {known}"
            )
            continue
        person = _person(entity, kb, labels, new_roles, taken)
        taken.add(person["id"])
        result.people.append(person)
    result.roles = list(new_roles.values())
    return result


def write_import(result: ImportResult, out: Path) -> list[Path]:
    """Write the imported entries under ``out`` in the KB folder layout; return the files written."""
    written = []
    for kind, entries in (("people", result.people), ("roles", result.roles)):
        if entries:
            path = out / kind / "wikidata.yaml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_dump(entries), encoding="utf-8")
            written.append(path)
    return written


def read_entities(path: Path) -> Iterator[dict[str, Any]]:
    """Every entity in a Wikidata JSON file, in any of the shapes listed in the module docstring."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UnreadableInput(str(path), f"cannot read Wikidata file: {exc}") from exc
    try:
        yield from _whole(json.loads(text), path)
    except json.JSONDecodeError:
        yield from _lines(text, path)


def wikidata_time(value: dict[str, Any]) -> str | dt.date | None:
    """A Wikidata time value as a date (day precision) or ``YYYY-MM`` / ``YYYY`` text; None if coarser."""
    digits = _PRECISION_DIGITS.get(int(value.get("precision", 0)))
    match = re.fullmatch(r"\+(\d{4})-(\d{2})-(\d{2})T.*", str(value.get("time", "")))
    if digits is None or match is None:
        return None
    iso = "-".join(match.groups())[:digits]
    return dt.date.fromisoformat(iso) if digits == 10 else iso


def _whole(data: Any, path: Path) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict) and isinstance(data.get("entities"), dict):
        yield from data["entities"].values()
    elif isinstance(data, dict) and "id" in data:
        yield data
    elif isinstance(data, list):
        yield from (e for e in data if isinstance(e, dict))
    else:
        raise UnreadableInput(
            str(path), "not Wikidata entity JSON: expected an entity, a list or {'entities': ...}"
        )


def _lines(text: str, path: Path) -> Iterator[dict[str, Any]]:
    """The dump's line-per-entity layout (inside ``[`` … ``]``, lines ending in commas) or JSON Lines."""
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip().rstrip(",")
        if line in ("", "[", "]"):
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError as exc:
            raise UnreadableInput(f"{path}#{number}", f"not a JSON entity: {exc.msg}") from exc
        if isinstance(entity, dict):
            yield entity


def _person(
    entity: dict[str, Any],
    kb: KnowledgeBase,
    labels: dict[str, str],
    new_roles: dict[str, dict[str, Any]],
    taken: set[str],
) -> dict[str, Any]:
    name = _label(entity) or entity["id"]
    person: dict[str, Any] = {"id": _person_id(name, entity["id"], taken), "name": name}
    aliases = [a for a in _aliases(entity) if fold(a) != fold(name)]
    if aliases:
        person["aliases"] = aliases
    country = _country(entity, kb)
    if country:
        person["country"] = country
    gender = next((GENDERS[q] for q in _item_values(entity, "P21") if q in GENDERS), None)
    if gender:
        person["gender"] = gender
    person["wikidata"] = entity["id"]
    person["roles"] = [_tenure(s, kb, labels, new_roles) for s in _claims(entity, "P39")]
    return person


def _tenure(
    statement: dict[str, Any], kb: KnowledgeBase, labels: dict[str, str], new_roles: dict[str, dict[str, Any]]
) -> dict[str, Any]:
    qid = _item(statement["mainsnak"]) or "Q0"
    role = kb.wikidata_positions.get(qid)
    if role is None:
        role = f"wd-{qid}"
        new_roles.setdefault(
            role, {"id": role, "title": labels.get(qid, qid), "country": None, "sector": None}
        )
    tenure: dict[str, Any] = {"role": role}
    for prop, key in (("P580", "start"), ("P582", "end")):
        when = _qualifier_time(statement, prop)
        if when is not None:
            tenure[key] = when
    return tenure


def _already_known(entity: dict[str, Any], kb: KnowledgeBase) -> str | None:
    name, country = fold(_label(entity) or ""), _country(entity, kb)
    for person in kb.people.values():
        if person.wikidata == entity["id"]:
            return person.id
        if fold(person.name) == name and person.country == country:
            return person.id
    return None


def _country(entity: dict[str, Any], kb: KnowledgeBase) -> str | None:
    return next(
        (kb.wikidata_countries[q] for q in _item_values(entity, "P27") if q in kb.wikidata_countries), None
    )


def _person_id(name: str, qid: str, taken: set[str]) -> str:
    slug = fold(name).replace("'", "").replace(" ", "-") or qid.lower()
    return slug if slug not in taken else f"{slug}-{qid.lower()}"


def _label(entity: dict[str, Any]) -> str | None:
    label = (entity.get("labels") or {}).get("en")
    return label.get("value") if isinstance(label, dict) else None


def _aliases(entity: dict[str, Any]) -> list[str]:
    return [
        a["value"]
        for a in (entity.get("aliases") or {}).get("en", [])
        if isinstance(a, dict) and "value" in a
    ]


def _claims(entity: dict[str, Any], prop: str) -> list[dict[str, Any]]:
    statements = (entity.get("claims") or {}).get(prop, [])
    return [s for s in statements if s.get("rank") != "deprecated" and _item(s.get("mainsnak", {}))]


def _item_values(entity: dict[str, Any], prop: str) -> list[str]:
    return [q for s in _claims(entity, prop) if (q := _item(s["mainsnak"]))]


def _item(snak: dict[str, Any]) -> str | None:
    if snak.get("snaktype") != "value":
        return None
    value = (snak.get("datavalue") or {}).get("value")
    return value.get("id") if isinstance(value, dict) else None


def _qualifier_time(statement: dict[str, Any], prop: str) -> str | dt.date | None:
    for snak in (statement.get("qualifiers") or {}).get(prop, []):
        value = (snak.get("datavalue") or {}).get("value") if snak.get("snaktype") == "value" else None
        if isinstance(value, dict):
            return wikidata_time(value)
    return None


def _dump(entries: list[dict[str, Any]]) -> str:
    header = "# Imported from Wikidata by `backchannel kb import-wikidata`; review before use.\n"
    return header + yaml.safe_dump(entries, sort_keys=False, allow_unicode=True, width=110)
