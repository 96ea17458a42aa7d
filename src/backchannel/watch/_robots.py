"""robots.txt, read the way RFC 9309 says, with ``urllib.robotparser`` doing the matching.

    200          its rules apply (the first 512 KiB; our token is ``backchannel``)
    4xx          no rules: every URL may be fetched (404 is the usual case)
    5xx, error   unreachable: nothing on that site is fetched until it answers again

It is fetched by the same ``Fetcher`` as the pages, so the same address checks, redirect checks
and size limits apply to it. One fetch per site for the life of the fetcher (one watch round).
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

from backchannel.watch._errors import BlockedAddress, FetchError, RobotsDisallowed
from backchannel.watch._fetched import Fetched


class Robots:
    def __init__(self, fetch: Callable[[str], Fetched], agent: str) -> None:
        self._fetch = fetch
        self._agent = agent
        self._sites: dict[str, RobotFileParser | bool] = {}  # True: all allowed, False: none

    def check(self, url: str) -> None:
        """``RobotsDisallowed`` when the site's robots.txt keeps us out of ``url``."""
        if not self.allowed(url):
            raise RobotsDisallowed(url, f"the site's robots.txt does not allow {self._agent} to fetch it")

    def allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            return True  # not ours to judge: the fetcher refuses such URLs with a reason
        site = f"{parts.scheme}://{parts.netloc}"
        if site not in self._sites:
            self._sites[site] = self._load(site)
        rules = self._sites[site]
        return rules if isinstance(rules, bool) else rules.can_fetch(self._agent, url)

    def _load(self, site: str) -> RobotFileParser | bool:
        try:
            got = self._fetch(f"{site}/robots.txt")
        except BlockedAddress:
            raise  # the site itself is refused; say so rather than "robots.txt unreachable"
        except FetchError:
            return False
        if 400 <= got.status < 500:
            return True
        if got.status != 200:
            return False
        rules = RobotFileParser(f"{site}/robots.txt")
        rules.parse(got.body.decode("utf-8", errors="replace").splitlines())
        rules.modified()  # robotparser answers "no" to everything until it has a date
        return rules
