"""Where fired alerts go: one line each on a stream, and a JSON POST to a webhook.

The webhook is reached with the watcher's ``Fetcher``: the same refusal of private, loopback and
link-local addresses (unless allowed), timeouts and retries. A webhook that fails does not undo
anything: the alert is in the store already (``backchannel alerts list``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import TextIO

from backchannel.alerts._evaluate import Alert
from backchannel.watch._errors import FetchError
from backchannel.watch._fetch import Fetcher

log = logging.getLogger("backchannel.alerts")


def print_alerts(alerts: Sequence[Alert], stream: TextIO, *, as_json: bool = False) -> None:
    for alert in alerts:
        line = (
            json.dumps(alert.to_dict(), ensure_ascii=False)
            if as_json
            else f"ALERT {alert.rule} {alert.message}"
        )
        stream.write(line + "\n")
    stream.flush()


def post_alerts(alerts: Sequence[Alert], url: str, fetcher: Fetcher) -> list[str]:
    """POST each alert as ``{"alert": {...}}``; returns the reasons of those that failed."""
    failures = []
    for alert in alerts:
        try:
            fetcher.post_json(url, {"alert": alert.to_dict()})
        except FetchError as exc:
            failures.append(f"alert {alert.id}: {exc}")
            log.warning("webhook: alert %s not delivered: %s", alert.id, exc)
    return failures


def deliver(
    alerts: Sequence[Alert], stream: TextIO, *, as_json: bool = False, webhook: str | None = None,
    fetcher: Fetcher | None = None,
) -> list[str]:  # fmt: skip
    """Print the alerts, then POST them to ``webhook`` (with ``fetcher``) when one is given."""
    print_alerts(alerts, stream, as_json=as_json)
    if not webhook or not alerts:
        return []
    with fetcher or Fetcher() as client:
        return post_alerts(alerts, webhook, client)
