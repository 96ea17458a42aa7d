"""``backchannel explain``: a record's reasons, from the record alone.

Every record coded with ``--explain`` (and every stored record) carries a trace: the rule that
fired, the trigger word and its offset, where the date came from, what decided the status, and
how each participant was resolved. This module renders it for a person.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backchannel.errors import InputError


def find_in_file(path: Path, record_id: str) -> dict[str, Any] | None:
    try:
        with path.open(encoding="utf-8") as f:
            for n, line in enumerate(f, 1):
                if record_id in line:
                    try:
                        record = json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(f"{path}:{n}", f"not JSON ({exc.msg})") from None
                    if record.get("id") == record_id:
                        return dict(record)
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc.strerror}") from None
    return None


def explain_record(record: dict[str, Any]) -> str:
    trace = record.get("trace") or {}
    lines = [
        f"{record['id']}  {record['event_type']}" + (f" ({record['mode']})" if record.get("mode") else "")
    ]
    lines.append(f"  article   {record['article_id']}  outlet {record.get('outlet') or '?'}")
    lines.append(
        f"  evidence  {record['evidence']['text']!r} [{record['evidence']['start']}:{record['evidence']['end']}]"
    )
    trig = trace.get("trigger")
    if trig:
        lines.append(
            f"  trigger   {trig['text']!r} (lemma {trig['lemma']}, {trig['pos']}) at {trig['start']}"
        )
    for rule in trace.get("rule") or []:
        lines.append(f"  rule      {rule}")
    for a in trace.get("actors") or []:
        lines.append(f"  actor     {a['text']!r} -> {a['resolved']} ({a['how']})")
    date = record["date"]
    lines.append(
        f"  date      {date['start']}..{date['end']} {date['granularity']}, basis {date['basis']}"
        f" from {trace.get('date_scope', '?')}" + (f" ({date['text']!r})" if date.get("text") else "")
    )
    status = trace.get("status") or {}
    because = f" because of {status['because']!r}" if status.get("because") else ""
    lines.append(f"  status    {record['status']}{because}")
    att = record.get("attribution")
    if att:
        src = att.get("source") or {}
        lines.append(f"  source    {att['text']!r} -> {src.get('name') or src.get('country') or 'unnamed'}")
    lines.append(f"  cluster   {record.get('cluster_id')}  confidence {record.get('confidence')}")
    return "\n".join(lines)
