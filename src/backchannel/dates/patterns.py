"""Compiled regular expressions that find date expressions, built once from ``vocabulary.py``.

Each pattern is cheap and specific; ``find.py`` runs them all over a text and keeps the longest
readings. Names of months and weekdays are matched case-sensitively (Title or UPPER case, and lower
case only where the word has no other sense) so that "may", "march" and "Theresa May" stay words;
relative phrases are matched in any case. A group named ``pre`` holds words that place the
expression but are not part of it ("in", "since"): the mention starts after it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from backchannel.dates import vocabulary as v


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so that "Sept" wins over "Sep"."""
    items = sorted(set(words), key=lambda w: (-len(w), w))
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in items)


def cased(words: Iterable[str], lower: bool = False) -> str:
    """Title and UPPER case forms of ``words`` (and lower case when ``lower``)."""
    forms: set[str] = set()
    for word in words:
        forms.update({word.title(), word.upper()})
        if lower:
            forms.add(word)
    return alternation(forms)


# Months whose lower-case form is another word ("may", "march", "august").
_AMBIGUOUS_MONTHS = {"may", "march", "august"}
MONTH_FULL = f"(?:{cased(v.MONTHS)}|{alternation(m for m in v.MONTHS if m not in _AMBIGUOUS_MONTHS)})"
MONTH_ABBR = rf"(?:(?:{cased(v.MONTH_ABBREVIATIONS)})\.?)"
MONTH = rf"(?:{MONTH_FULL}|{MONTH_ABBR})(?![A-Za-z])"
# A bare month needs its full name or a dotted abbreviation ("Nov."): "Jan" alone is a name.
MONTH_BARE = rf"(?:{MONTH_FULL}|(?:{cased(v.MONTH_ABBREVIATIONS)})\.)(?![A-Za-z])"
WEEKDAY = rf"(?:{cased(v.WEEKDAYS, lower=True)})"
WEEKDAY_ABBR = rf"(?:(?:{cased(v.WEEKDAY_ABBREVIATIONS)})\.?)"
DAY = r"(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\d)"
YEAR = r"(?:1[0-9]\d\d|20\d\d)(?![\d])"
ZONE = rf"(?:{alternation(v.ZONES)})(?:\s*[+-]\s*\d{{1,2}}(?::?\d\d)?)?"
CLOCK = rf"""(?:
    (?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?:\s*(?:[AaPp]\.?\s?[Mm]\.?(?![A-Za-z])))?
  | (?:1[0-2]|0?[1-9])\s*(?:[AaPp]\.[Mm]\.|[AaPp][Mm]\b)
  | (?:[01]\d|2[0-3])[0-5]\d\s*(?=(?:GMT|UTC|hours|hrs|local\ time))
  | (?i:noon|midnight)
)(?:\s*\(?\s*(?:{ZONE})\s*\)?)?(?:\s+(?i:local\ time|hours|hrs))?"""
PART = rf"(?i:{alternation(v.PARTS_OF_DAY)})"
NUMBER_WORD = alternation(
    [
        *v.NUMBERS,
        *(f"{t}-{u}" for t in v.TENS for u in v.UNITS_WORDS),
        *(f"{t} {u}" for t in v.TENS for u in v.UNITS_WORDS),
    ]
)
NUMBER = rf"(?:\d+(?:\.\d+)?|(?i:{NUMBER_WORD}))(?:\s+and\s+a\s+half)?"
UNIT = r"(?i:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|quarters?|years?|decades?|centur(?:y|ies))"
DETERMINER = rf"(?i:{alternation(v.UNIT_DETERMINERS)})"
UNIT_PART = rf"(?i:{alternation(v.UNIT_PARTS)})"
LEAD = r"(?i:in|since|until|till|by|from|through|during|before|after|of|around)"

_X = re.VERBOSE


def _compile(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, _X)


# A calendar date with a day: "March 31, 2021", "Tue March 30, 2021 at 5:00 p.m.", "24 September
# 2021 05:19 BST", "the 26th of March", "Nov. 27". A clock time may come first ("3:15 PM EST, Tue ...").
CALENDAR = _compile(rf"""
    (?:(?P<clock0>{CLOCK})\s*,?\s+)?
    (?:(?P<wd>{WEEKDAY}|{WEEKDAY_ABBR})\s*,?\s+)?
    (?:
        (?P<m1>{MONTH})\s+(?:the\s+)?(?P<d1>{DAY})(?![-–]\d)(?:\s*,?\s*(?P<y1>{YEAR}))?
      | (?:(?i:the)\s+)?(?<![\d$£€.,:/])(?P<d2>{DAY})(?:\s+(?i:of))?\s+(?P<m2>{MONTH})(?:\s*,?\s*(?P<y2>{YEAR}))?
    )
    (?:\s*(?:,|\bat\b|-|–|\|)?\s*(?P<clock>{CLOCK}))?
""")

# Numeric dates: ISO "2021-03-31" (with a time), "3/31/2021", "31.03.2021".
ISO_DATE = _compile(rf"""
    (?<![\d/-])(?P<y>{YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])
    (?:[T\ ](?P<clock>(?:[01]\d|2[0-3]):[0-5]\d)(?::\d\d(?:\.\d+)?)?(?P<zone>Z|[+-]\d\d:?\d\d)?)?(?![\d])
""")
SLASH_DATE = _compile(r"(?<![\d/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\d/])")
DOT_DATE = _compile(r"(?<![\d.])(?P<d>\d{1,2})\.(?P<m>\d{1,2})\.(?P<y>\d{4})(?![\d.])")

# Ranges: "March 3-5", "3 to 5 March 2021", "between May and July 2022", "2009-2010", "1957-58".
DAY_RANGE = _compile(rf"""
    (?:(?P<m1>{MONTH})\s+(?P<d1>{DAY})\s*(?:-|–|to|through|and)\s*(?P<d2>{DAY})
     | (?<![\d$£€.,])(?P<d3>{DAY})\s*(?:-|–|to|and)\s*(?P<d4>{DAY})\s+(?:of\s+)?(?P<m2>{MONTH}))
    (?:\s*,?\s*(?P<y>{YEAR}))?
""")
MONTH_RANGE = _compile(rf"""
    (?:(?P<pre>(?i:between|from))\s+)?
    (?P<m1>{MONTH_BARE})(?:\s+(?P<y1>{YEAR}))?\s*(?:-|–|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*
    (?P<m2>{MONTH_BARE})(?:\s*,?\s*(?P<y2>{YEAR}))?
""")
YEAR_RANGE = _compile(rf"""
    (?:(?P<pre>(?i:between|from))\s+)?
    (?<![\w$£€#.,/-])(?P<y1>{YEAR})\s*(?:-|–|/|\bto\b|\band\b|\buntil\b|\bthrough\b)\s*(?P<y2>{YEAR}|\d\d(?![\d%]))
    (?![\w%-])
""")

# "October 2022", "early December 2012", "March of 2020".
MONTH_YEAR = _compile(rf"""
    (?:(?P<part>(?i:early|late|mid|the\s+(?:start|beginning|end|middle)\s+of))[\s-]+)?
    (?P<m>{MONTH})\s*,?\s+(?:of\s+)?(?P<y>{YEAR})(?!\s*[-–/]\s*\d)
""")
# A month of a year named relative to the anchor: "March last year", "in June of this year".
MONTH_RELATIVE_YEAR = _compile(rf"""
    (?P<m>{MONTH_BARE})\s*,?\s+(?:of\s+)?(?P<which>(?i:last|this|next|the\s+previous|the\s+following))\s+(?i:year)(?![A-Za-z])
""")
# A month without a year: "in March", "late last July", "last May", "October" (in ``resolve``).
MONTH_ALONE = _compile(rf"""
    (?:(?P<pre>{LEAD}|(?i:the\s+(?:start|beginning|end|middle)\s+of))[\s-]+)?
    (?:(?P<part>(?i:early|late|mid))[\s-]+)?
    (?:(?P<det>(?i:last|next|this|this\s+past|past))\s+)?
    (?P<m>{MONTH_BARE})
    (?:\s+(?i:of)\s+(?P<ydet>{DETERMINER})\s+(?i:year)(?!\w))?
""")
# A lone day of the month: "on the 26th" (a bare "the 26th" only in ``resolve``).
ORDINAL_DAY = _compile(r"""
    (?:(?P<pre>\b(?i:on))\s+)?(?:(?i:the)\s+)?(?P<d>(?:3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th))(?=\s*(?:[,.;)]|$|and\b|when\b|at\b))
""")

YEAR_ALONE = _compile(rf"""
    (?:(?P<pre>(?i:in|since|until|till|by|from|to|through|during|before|after|of|around|circa|c\.))\s+)?
    (?:(?P<part>(?i:early|late|mid|the\s+(?:start|beginning|end|middle)\s+of|the\s+(?:first|second)\s+half\s+of))[\s-]+)?
    (?<![\w$£€#.,/:])(?P<y>{YEAR})(?![\w%]|[.,]\d|\s*-\s*\d|\s*%)
""")
TWO_DIGIT_YEAR = _compile(r"(?<![\w'’])['’](?P<yy>\d\d)(?![\d\w'’])")
DECADE = _compile(r"""
    (?:(?P<the>\b(?i:the))\s+)?(?:(?P<part>(?i:early|mid|late))[\s-]+)?
    (?<![\w$£€#.,])(?P<dec>(?:1[0-9]|20)\d0s|['’]\d0s|\d0s)(?!\w)
""")
CENTURY = _compile(rf"""
    (?:\b(?i:the)\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>(?i:{alternation(v.CENTURY_ORDINALS)})))[\s-]+(?i:century)
""")
FISCAL = _compile(rf"""
    (?:(?i:fiscal|financial)(?:\s+(?i:year))?\s+(?P<y>{YEAR}|['’]?\d\d(?!\d))) | \bFY\s?(?P<y2>\d{{4}}|\d\d)(?!\d)
""")

# Quarters and halves: "the third quarter of this year", "Q3 2009", "the first half of 2022".
QUARTER = _compile(rf"""
    (?:(?:\b(?i:the))\s+)?(?P<ord>(?i:first|second|third|fourth|final|1st|2nd|3rd|4th))[\s-]+(?i:quarter)
    (?:\s+(?i:of)\s+(?:(?P<y>{YEAR})|(?P<det>{DETERMINER}|(?i:the))\s+(?:(?i:fiscal|financial)\s+)?(?i:year)|(?i:fiscal)\s+(?P<fy>{YEAR})))?
  | \b(?P<q>Q[1-4])(?:\s*,?\s*(?P<qy>{YEAR}))?\b
""")
HALF = _compile(rf"""
    (?:\b(?i:the))\s+(?P<h>(?i:first|second|latter|1st|2nd))\s+(?i:half)\s+(?i:of)\s+
    (?:(?P<y>{YEAR})|(?P<det>{DETERMINER}|(?i:the))\s+(?i:year))
""")
SEASON = _compile(rf"""
    (?:(?P<pre>(?i:in|since|until|by|during|through|of|over))\s+)?
    (?:(?P<part>(?i:early|late|mid))[\s-]+)?
    (?:(?P<det>(?i:this\s+past|this|last|next|the|this\s+coming|the\s+coming))\s+)?
    (?P<s>(?i:spring|summer|autumn|fall|winter))(?!\w)
    (?:\s+(?:(?i:of)\s+)?(?P<y>{YEAR}))?
""")

# Relative calendar units: "last week", "earlier this year", "the end of last year", "next month".
RELATIVE_UNIT = _compile(rf"""
    (?:(?P<part>{UNIT_PART})[\s-]+)?
    (?:(?P<det>{DETERMINER}|(?i:the))\s+)?
    (?:(?P<fiscal>(?i:fiscal|financial))\s+)?
    (?P<unit>(?i:week|weekend|month|quarter|year|decade|century))(?!\w)
""")
UNIT_BEFORE = _compile(r"""
    \b(?i:the)\s+(?P<unit>(?i:week|month|year))\s+(?P<rel>(?i:before|previous|earlier|prior))(?!\w)
  | \b(?i:the)\s+(?P<rel2>(?i:previous|prior|preceding))\s+(?P<unit2>(?i:week|month|year))(?!\w)
""")
DAY_WORD = _compile(rf"""
    \b(?P<w>(?i:{alternation(v.DAY_WORDS)}))(?![\w])
    (?:\s+(?P<part>{PART})(?!\w))?
    (?:\s*(?:,|at|around)?\s*(?P<clock>{CLOCK}))?
""")
AGO = _compile(rf"""
    \b(?P<num>{NUMBER})[\s-]+(?P<unit>(?i:days?|weeks?|months?|years?|decades?))\s+(?i:ago)(?!\w)
""")
# "that day", "the same day", "the next day": the day of the previous mention, when there is one.
ANAPHORIC_DAY = _compile(r"""
    \b(?P<w>(?i:that\s+day|the\s+same\s+day|the\s+next\s+day|the\s+following\s+day|the\s+day\s+before|the\s+previous\s+day|the\s+day))(?!\w)
""")
# "that night", "later that evening"; a bare "morning" only in ``resolve``.
PART_OF_DAY = _compile(rf"""
    \b(?:(?P<that>(?i:(?:later|earlier)\s+that|that|the\s+same))\s+)?(?P<part>{PART})(?!\w)
""")
WEEKDAY_REF = _compile(rf"""
    (?:(?P<det>(?i:this\s+past|last|next|this|this\s+coming|coming|past))\s+)?
    \b(?P<wd>{WEEKDAY})(?P<plural>s)?(?![A-Za-z])(?P<poss>['’]s)?
    (?:\s+(?P<part>{PART})(?!\w))?
    (?:\s*,?\s*(?:(?i:at|around|from)\s+)?(?P<clock>{CLOCK}))?
""")
CLOCK_TIME = _compile(rf"""
    (?<![\d:.])(?P<clock>{CLOCK})
    (?:\s*,?\s*(?:(?i:on)\s+)?(?P<wd>{WEEKDAY})(?![A-Za-z])|\s+(?P<w>(?i:today|yesterday|tomorrow)))?
""")
DURATION = _compile(rf"""
    (?:(?P<pre>(?i:for|over|during|within|in|after))\s+)?
    (?P<mod>(?:(?i:another|more\s+than|less\s+than|almost|nearly|about|around|up\s+to|at\s+least|some|the|past|last|next|first|coming|following|previous|entire|whole|full)\s+)+)?
    (?:(?i:a|an|the)\s+(?i:mere|full|further|total\s+of|period\s+of|additional|record)\s+)?
    (?:(?P<num>{NUMBER})[\s-]+)?
    (?:(?i:straight|consecutive|trading|business|working|full|more|long|whole|calendar|successive|additional|extra)[\s-]+)?
    (?P<unit>{UNIT})(?![\w])(?P<old>-(?i:old)|\s+(?i:old)\b)?(?P<ago>\s+(?i:ago))?
""")
RECENT = _compile(r"""
    \b(?i:(?:in\s+)?(?:the\s+)?(?:most\s+)?(?:recent|past\s+few|last\s+few))\s+(?P<unit>(?i:days|weeks|months|years))(?!\w)
""")
REFERENCE = _compile(rf"\b(?P<w>(?i:{alternation(v.REFERENCES)}))(?!\w)")
SET = _compile(rf"""
    \b(?:(?P<q>(?i:every|each|per))\s+(?:(?i:other)\s+)?
       |(?P<times>(?i:once|twice|three\s+times|several\s+times|\d+\s+times))\s+(?i:a|an|per|each|every)\s+)
    (?P<u>(?i:{alternation(v.SET_UNITS)})|{WEEKDAY})(?!\w)
  | \b(?P<adv>(?i:{alternation(v.SETS)}))(?!\w)
""")
