"""The words of time, as data: names, numbers, units, relative phrases and their offsets.

Everything the temporal grammar knows about English lives in these tables; ``patterns.py`` builds its
regular expressions from them and ``rules.py`` looks the matched words up here. To teach the stage a
new word (an abbreviation, a cue for the future tense), add a row; no code changes.
"""

from __future__ import annotations

# Month names and the abbreviations news copy uses ("Nov.", "Sept."). Abbreviations of three letters
# or "Sept" are only trusted next to a day or a year: "Jan" and "Mar" are also names and words.
MONTHS: dict[str, int] = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
}  # fmt: skip
MONTH_ABBREVIATIONS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

# Monday is 0, as in ``datetime.date.weekday()``.
WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
WEEKDAY_ABBREVIATIONS: dict[str, int] = {
    "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3, "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip

# Words that make a weekday the name of an occasion ("Black Monday", "Good Friday", "Super Tuesday"):
# not the latest such weekday, and not a date we can place from the anchor.
NAMED_DAY_WORDS: frozenset[str] = frozenset(
    {
        "black",
        "cyber",
        "good",
        "ash",
        "holy",
        "maundy",
        "bloody",
        "super",
        "easter",
        "palm",
        "shrove",
        "fat",
        "giving",
    }
)

# Number words up to the size durations and "ago" phrases need; tens combine with units
# ("twenty-five"). None is a vague quantity ("several days"), written X in TimeML values.
NUMBERS: dict[str, float | None] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "hundred": 100, "a hundred": 100, "dozen": 12, "a dozen": 12, "a couple of": 2, "couple of": 2,
    "single": 1, "several": None, "few": None, "a few": None, "many": None, "some": None,
    "a number of": None,
}  # fmt: skip
TENS: tuple[str, ...] = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
UNITS_WORDS: tuple[str, ...] = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")

ORDINALS: dict[str, int] = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "final": 4, "last": 4,
    "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
}  # fmt: skip
CENTURY_ORDINALS: dict[str, int] = {
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "eighteenth": 18,
}  # fmt: skip

# Time units: the TimeML letter, whether it is a clock unit (PT...), and its multiple of that letter.
UNITS: dict[str, tuple[str, bool, int]] = {
    "second": ("S", True, 1), "minute": ("M", True, 1), "hour": ("H", True, 1),
    "day": ("D", False, 1), "night": ("D", False, 1), "week": ("W", False, 1),
    "month": ("M", False, 1), "quarter": ("Q", False, 1), "year": ("Y", False, 1),
    "decade": ("Y", False, 10), "century": ("Y", False, 100),
}  # fmt: skip

# Rough length of one unit in days, for spans of "the past N units" and "N units ago".
UNIT_DAYS: dict[str, int] = {"day": 1, "night": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}

# Parts of the day and their TimeML codes ("Friday afternoon" -> ...TAF).
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
    "midday": "MI", "noon": "MI",
}  # fmt: skip

# Seasons: TimeML code, first month, number of months. Winter starts in December and its value
# carries the year of that December.
SEASONS: dict[str, tuple[str, int]] = {
    "spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12),
}  # fmt: skip

# Fixed distances back from the publication day (in days; negative is forward). These are the
# expressions that, against an interval anchor, shift the whole anchor (see ``place.py``).
DAY_WORDS: dict[str, int] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "earlier today": 0, "later today": 0, "yesterday": 1, "last night": 1,
    "the day before yesterday": 2, "tomorrow": -1, "the day after tomorrow": -2,
}  # fmt: skip
DAY_WORD_PARTS: dict[str, str] = {
    "tonight": "NI", "this morning": "MO", "this afternoon": "AF", "this evening": "EV", "last night": "NI",
}  # fmt: skip

# Determiners of a calendar unit ("last week", "the coming year"): how many units from the anchor's.
UNIT_DETERMINERS: dict[str, int] = {
    "this": 0, "the current": 0, "current": 0, "this past": -1,
    "last": -1, "the last": -1, "past": -1, "the past": -1, "previous": -1, "the previous": -1,
    "next": 1, "the next": 1, "coming": 1, "the coming": 1, "the following": 1, "following": 1,
}  # fmt: skip

# "early last year", "the end of this month": which part of the unit, kept as a TimeML mod.
# We do not narrow the interval for them: "late last year" is honestly still last year.
UNIT_PARTS: dict[str, str] = {
    "early": "START", "earlier": "START", "the start of": "START", "the beginning of": "START",
    "late": "END", "later": "END", "the end of": "END", "mid": "MID", "mid-": "MID", "the middle of": "MID",
}  # fmt: skip

# Deictic words TimeML normalises to a reference rather than a date, with the span we give them
# in days back from the anchor (None: too vague to place).
REFERENCES: dict[str, tuple[str, int | None]] = {
    "now": ("PRESENT_REF", 0), "right now": ("PRESENT_REF", 0), "currently": ("PRESENT_REF", 0),
    "at present": ("PRESENT_REF", 0), "at the moment": ("PRESENT_REF", 0), "nowadays": ("PRESENT_REF", 0),
    "these days": ("PRESENT_REF", 0), "the present": ("PRESENT_REF", 0), "the time being": ("PRESENT_REF", 0),
    "recently": ("PAST_REF", 31), "more recently": ("PAST_REF", 31), "lately": ("PAST_REF", 31),
    "the past": ("PAST_REF", None), "in the past": ("PAST_REF", None), "at the time": ("PAST_REF", None),
    "formerly": ("PAST_REF", None), "previously": ("PAST_REF", None), "once": ("PAST_REF", None),
    "the future": ("FUTURE_REF", None), "in the future": ("FUTURE_REF", None), "soon": ("FUTURE_REF", None),
    "very soon": ("FUTURE_REF", None), "the long term": ("FUTURE_REF", None),
    "the near term": ("FUTURE_REF", None), "the near future": ("FUTURE_REF", None),
    "the short term": ("FUTURE_REF", None), "recent": ("PAST_REF", 31), "current": ("PRESENT_REF", 0),
    "later": ("FUTURE_REF", None),
}  # fmt: skip
# Words that only count as references in a single expression handed to ``resolve``; in running text
# they are too often something else ("once", "the past", "the present").
LOOSE_REFERENCES: frozenset[str] = frozenset(
    {"once", "the past", "the present", "formerly", "previously", "recent", "current", "later"}
)

# "in recent days": how far back the span reaches (days), and the vague TimeML duration.
RECENT_UNITS: dict[str, tuple[int, str]] = {
    "days": (7, "PXD"), "weeks": (31, "PXW"), "months": (183, "PXM"), "years": (5 * 365, "PXY"),
}  # fmt: skip

# Adverbs and adjectives of frequency (kind "set") and their TimeML values.
SETS: dict[str, str] = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "biweekly": "P2W", "monthly": "P1M",
    "quarterly": "P1Q", "yearly": "P1Y", "annually": "P1Y", "annual": "P1Y", "hourly": "PT1H",
}  # fmt: skip
SET_UNITS: dict[str, str] = {
    "day": "P1D", "night": "P1D", "week": "P1W", "month": "P1M", "quarter": "P1Q", "year": "P1Y",
    "hour": "PT1H", "morning": "XXXX-XX-XXTMO", "afternoon": "XXXX-XX-XXTAF", "evening": "XXXX-XX-XXTEV",
    "weekend": "XXXX-WXX-WE", "season": "P1S", "summer": "XXXX-SU", "winter": "XXXX-WI",
    "spring": "XXXX-SP", "autumn": "XXXX-FA",
}  # fmt: skip

# Time zones written after a clock time. UTC and GMT are written Z in values; others are kept
# out of the value because we do not convert clock times.
UTC_ZONES: frozenset[str] = frozenset({"UTC", "GMT", "Z"})
ZONES: tuple[str, ...] = (
    "UTC", "GMT", "BST", "CET", "CEST", "EET", "EEST", "MSK", "EST", "EDT", "CST", "CDT", "MST",
    "MDT", "PST", "PDT", "IST", "JST", "KST", "AEST", "AEDT", "ET", "PT", "CT",
)  # fmt: skip

# Words in the same clause that put a date in the future: "will meet on Friday" is the next Friday.
FUTURE_CUES: tuple[str, ...] = (
    "will", "'ll", "’ll", "shall", "won't", "won’t", "going to", "is due", "are due", "is set to",
    "are set to", "scheduled", "plans to", "plan to", "planned", "planning to", "expected to",
    "expects to", "upcoming", "intends to", "to be held", "is to", "are to", "aims to", "hopes to",
    "should", "may be", "might be", "wants to", "want to", "seeks to", "deadline",
)  # fmt: skip
# Prepositions that, right before a date, point forward: "closed until Friday". "by", "before" and
# "through" do so only when no past verb is near: "wants to cut 789 dealers by early June", but
# "had fallen by June".
FUTURE_PREPOSITIONS: tuple[str, ...] = ("until", "till")
DEADLINE_PREPOSITIONS: tuple[str, ...] = ("by", "before", "through")

# Words that end a clause for the purpose of those cues. Reporting words also end the stretch of
# sentence a cue can reach across ("said Wednesday that he will..."); the others only end the
# clause ("arrived Monday and will leave Friday").
REPORTING_WORDS: tuple[str, ...] = ("that", "said", "says", "told", "according", "added")
# Reporting verbs in the past: a date right after one ("said Tuesday he will ...") dates the saying.
REPORTED_PAST: tuple[str, ...] = (
    "said",
    "told",
    "added",
    "announced",
    "reported",
    "wrote",
    "stated",
    "declared",
)
REPORTED_OBJECTS: tuple[str, ...] = (
    "on",
    "reporters",
    "journalists",
    "him",
    "her",
    "them",
    "us",
    "lawmakers",
)
CLAUSE_WORDS: tuple[str, ...] = (
    "and",
    "but",
    "while",
    "when",
    "because",
    "which",
    "who",
    "after",
    "although",
)
# Short words that may open a sentence before its date ("On Friday, ...").
OPENING_WORDS: frozenset[str] = frozenset({"on", "in", "by", "at", "from", "until", "since", "early", "late"})

# Quantity words before a four-digit number that make it a count, not a year ("about 2000").
COUNT_WORDS: tuple[str, ...] = (
    "about", "around", "nearly", "almost", "over", "under", "some", "than", "roughly",
    "approximately", "least", "up to", "only", "just", "another", "estimated", "total", "No.",
)  # fmt: skip
# Nouns after a four-digit number that make it a count ("2000 troops").
COUNT_NOUNS: tuple[str, ...] = (
    "troops", "soldiers", "people", "men", "women", "children", "civilians", "residents", "workers",
    "jobs", "employees", "members", "votes", "points", "percent", "per", "km", "kilometres",
    "kilometers", "miles", "metres", "meters", "feet", "tons", "tonnes", "barrels", "dollars",
    "euros", "pounds", "rubles", "units", "cases", "deaths", "dead", "refugees", "prisoners",
    "vehicles", "tanks", "aircraft", "missiles", "drones", "rounds", "shells", "pages", "words",
    "hours", "minutes", "calories", "kg", "mph", "sq",
)  # fmt: skip

# Words before a publication date at the top of a page.
PUBLICATION_CUES: tuple[str, ...] = (
    "published", "posted", "updated", "last updated", "first published", "modified", "date", "created",
)  # fmt: skip
