"""Calendar arithmetic and the small word tables the date normaliser reads.

Kept apart from `timex.py` so the grammar there reads as rules, not as month tables.

>>> iso_week(date(2022, 11, 10))
'2022-W45'
>>> shift_month(2022, 11, -4)
(2022, 7)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.easter import easter

MONTHS: dict[str, int] = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8,
    "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}  # fmt: skip
MONTH_NAMES = "|".join(sorted(MONTHS, key=len, reverse=True))
"""Longest first, so 'september' wins over 'sep' in an alternation."""

WEEKDAYS: dict[str, int] = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
WEEKDAY_NAMES = "|".join(WEEKDAYS)

SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "fall": "FA", "autumn": "FA", "winter": "WI"}
SEASON_MONTHS: dict[str, tuple[int, int]] = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
"""Meteorological seasons (northern hemisphere); winter runs December to February (month 14 = next February)."""

DAY_PARTS: dict[str, str] = {
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "overnight": "NI",
}  # fmt: skip

NUMBER_WORDS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "single": 1, "couple": 2, "dozen": 12, "hundred": 100, "thousand": 1000,
}  # fmt: skip
VAGUE_QUANTITIES = frozenset({"few", "several", "many", "some", "numerous", "various", "recent", "coming"})
"""Quantity words that leave the count unspecified: TimeML writes them as X ("PXW")."""

ORDINALS: dict[str, int] = {
    "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4, "last": 4,
}  # fmt: skip
"""Ordinals of quarters and halves ("the last quarter" of a year is the fourth)."""

NUMBER_RE = re.compile(
    r"(?:\d+(?:[.,]\d+)*(?: \d/\d)?|(?:a |an |one )?(?:half|couple|dozen)(?: of)?(?: an?)?"
    r"|(?:(?:zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
    r"|hundred|thousand|a|an|single|and)[ -]?)+|few|a few|several|many|some|numerous)"
)
"""A count in digits or words ("12", "5 1/2", "twenty four", "a couple of", "a few")."""


def parse_number(words: str) -> float | None:
    """The value of a count phrase; None when vague ("a few weeks" -> None, TimeML's X).

    >>> parse_number("twenty four"), parse_number("5 1/2"), parse_number("a few")
    (24.0, 5.5, None)
    """
    words = words.strip().replace("-", " ")
    if any(word in VAGUE_QUANTITIES for word in words.split()):
        return None
    fraction = re.fullmatch(r"(\d+) (\d)/(\d)", words)
    if fraction:
        return int(fraction[1]) + int(fraction[2]) / int(fraction[3])
    if re.fullmatch(r"\d+(?:,\d{3})*(?:\.\d+)?", words):
        return float(words.replace(",", ""))
    tokens = [word for word in words.split() if word not in ("and", "of")]
    if len(tokens) > 1:
        tokens = [word for word in tokens if word not in ("a", "an")]  # "a dozen", "one and a half"
    total, current = 0.0, 0.0
    for word in tokens:
        if word == "half":
            current += 0.5
        elif word == "hundred":
            current = (current or 1) * 100
        elif word == "thousand":
            total, current = total + (current or 1) * 1000, 0.0
        elif word in NUMBER_WORDS:
            current += NUMBER_WORDS[word]
        else:
            return None
    return total + current if total + current else None


def spoken_year(words: str) -> int | None:
    """Years read out in broadcast transcripts: "nineteen ninety-six" -> 1996, "two thousand" -> 2000."""
    words = words.replace("-", " ")
    match = re.fullmatch(r"(nineteen|twenty) (\w+)(?: (\w+))?", words)
    if match and match[1] in NUMBER_WORDS and match[2] not in ("hundred", "thousand"):
        tens = NUMBER_WORDS.get(match[2])
        ones = NUMBER_WORDS.get(match[3], 0) if match[3] else 0
        if tens is not None and tens >= 10 and ones < 10:
            return NUMBER_WORDS[match[1]] * 100 + tens + ones
    match = re.fullmatch(r"two thousand(?: and)?(?: (\w+))?", words)
    if match:
        return 2000 + (NUMBER_WORDS.get(match[1], 0) if match[1] else 0)
    return None


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def shift_month(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + months
    return index // 12, index % 12 + 1


def shift_quarter(year: int, quarter: int, quarters: int) -> tuple[int, int]:
    index = year * 4 + quarter - 1 + quarters
    return index // 4, index % 4 + 1


def season_of(day: date) -> tuple[int, str]:
    """(year, code) of the season a day falls in; December belongs to the winter of its own year."""
    code = {12: "WI", 1: "WI", 2: "WI"}.get(day.month) or next(
        code for code, (first, last) in SEASON_MONTHS.items() if first <= day.month <= last
    )
    return (day.year - 1 if day.month in (1, 2) else day.year), code


def weekday_on_or_before(anchor: date, weekday: int) -> date:
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def weekday_on_or_after(anchor: date, weekday: int) -> date:
    return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> date:
    """The n-th given weekday of a month (n = -1: the last one)."""
    if n > 0:
        return weekday_on_or_after(date(year, month, 1), weekday) + timedelta(weeks=n - 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return weekday_on_or_before(following - timedelta(days=1), weekday)


def holiday(name: str, year: int) -> date | None:
    """Dates of the holidays news stories name without a date (US federal ones and a few more)."""
    fixed = {
        "christmas": (12, 25), "christmas day": (12, 25), "christmas eve": (12, 24),
        "new year's day": (1, 1), "new year's eve": (12, 31), "new year's": (1, 1),
        "halloween": (10, 31), "valentine's day": (2, 14), "independence day": (7, 4),
        "veterans day": (11, 11), "armistice day": (11, 11), "boxing day": (12, 26),
    }  # fmt: skip
    if name in fixed:
        return date(year, *fixed[name])
    if name in ("thanksgiving", "thanksgiving day"):
        return nth_weekday(year, 11, 3, 4)
    if name == "labor day":
        return nth_weekday(year, 9, 0, 1)
    if name == "memorial day":
        return nth_weekday(year, 5, 0, -1)
    if name in ("election day",):
        return nth_weekday(year, 11, 0, 1) + timedelta(days=1)
    if name in ("easter", "easter sunday"):
        return easter(year)
    if name == "good friday":
        return easter(year) - timedelta(days=2)
    return None


HOLIDAY_NAMES = (
    "christmas day|christmas eve|christmas|new year's day|new year's eve|halloween|valentine's day"
    "|independence day|veterans day|armistice day|boxing day|thanksgiving day|thanksgiving|labor day"
    "|memorial day|election day|easter sunday|easter|good friday"
)
