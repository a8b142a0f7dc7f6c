"""One time expression -> its TimeML (TIMEX3) value, resolved against an anchor day.

The grammar (`timex_grammar`) is a list of rules tried in order, each a regular expression over
the cleaned, lower-cased expression and a function that resolves the match (`timex_days`: dates,
weekdays, clock times; `timex_periods`: weeks to centuries, "ago", durations, sets). Values follow
TimeML (TIDES): "2022-11-10", "2022-11", "2022-W45", "2022-Q3", "2022-SU", "199" (the 1990s),
"PRESENT_REF", "P8M" (a duration), "2022-11-10TNI" (tonight). `calendar_value` turns them into
the calendar values newsloom outputs ("2022-Q3" -> "2022-07/2022-09").

News conventions decide what the words leave open (after AP style and HeidelTime's news rules):
a bare weekday is the most recent such day on or before the anchor unless its clause looks
ahead; a month or a month-day without a year is the occurrence nearest the anchor unless the
tense points the other way and that one is more than a season off.

>>> normalize("Thursday", Context(date(2022, 11, 12), "past")).value
'2022-11-10'
>>> normalize("the past four months", Context(date(2022, 11, 10))).value
'P4M'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from .calendar import (
    SEASON_MONTHS,
    parse_number,
    shift_month,
)

Tense = Literal["past", "present", "future"]


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: the anchor day, the tense of its clause, and the
    last date the text mentioned (`reference`, a TimeML value) for "a year earlier" or "that day"."""

    anchor: date | None
    tense: Tense | None = None
    reference: str | None = None
    followed_by: str | None = None
    """The word after the expression: "the year ended Aug. 31" is a period of a year, not 1989."""


@dataclass(frozen=True)
class Timex:
    """A normalised time expression. `anchored` marks a duration that ends ("past") or starts
    ("future") at the anchor: "the past four months" is a period of the calendar, "four months" is not."""

    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str | None
    mod: str | None = None
    anchored: Literal["past", "future"] | None = None
    uses_reference: bool = False
    """Resolved against the last date mentioned, not the anchor: such a value never becomes the reference itself."""

    @property
    def is_reference(self) -> bool:
        """Whether later relative expressions resolve against this one: an absolute calendar date found
        on its own ("on Aug. 7" makes "at 10:35 a.m." that day's)."""
        return self.type == "DATE" and bool(self.value) and self.value[:1].isdigit() and not self.uses_reference


PERIOD_ENDED = re.compile(r"(?:the |its )?(?:fiscal |full |latest |first )?(?P<unit>year|(?:three|six|nine) months)")
"""Reporting periods named by their end ("the year ended Aug. 31", "the nine months ending June 30")."""

Rule = Callable[[re.Match[str], Context], Timex | None]


HEDGE_WORDS = (
    "on", "in", "at", "by", "during", "since", "until", "till", "through", "throughout", "from", "for", "over",
    "about", "around", "approximately", "roughly", "nearly", "almost", "more than", "less than", "fewer than",
    "at least", "at most", "no more than", "no later than", "within", "up to", "only", "just", "as early as",
    "as late as", "as recently as", "sometime in", "sometime", "beginning", "starting", "of", "to", "before",
    "after", "between", "and", "as of", "each of", "some (?=\\d)",
)  # fmt: skip
HEDGES = re.compile(r"^(?:" + "|".join(sorted(HEDGE_WORDS, key=len, reverse=True)) + r")\s+")
"""Prepositions and hedges that detectors sometimes include and that never change the value."""

MODIFIERS: tuple[tuple[str, str], ...] = (
    ("the end of ", "END"), ("the beginning of ", "START"), ("the start of ", "START"),
    ("the middle of ", "MID"), ("the rest of ", "END"), ("the remainder of ", "END"),
    ("the early ", "START"), ("the late ", "END"), ("the mid ", "MID"), ("early ", "START"),
    ("late ", "END"), ("mid ", "MID"), ("earlier ", "START"), ("later ", "END"), ("post ", "AFTER"),
    ("pre ", "BEFORE"),
)  # fmt: skip
"""Words that narrow a period without changing its TimeML value ("early November" = 1998-11, mod START)."""


def normalize(expression: str, context: Context) -> Timex | None:
    """The TimeML value of one expression, or None when it is not a time expression we know."""
    phrase, mod = clean(expression)
    if not phrase:
        return None
    if context.followed_by in ("ended", "ending") and PERIOD_ENDED.fullmatch(phrase):
        unit = PERIOD_ENDED.fullmatch(phrase)["unit"]  # type: ignore[index]
        months = {"year": 12, "quarter": 3}.get(unit) or parse_number(unit.split()[0]) or 0
        return Timex("DURATION", "P1Y" if months == 12 else f"P{months:g}M")
    from .grammar import REFERENCE_RULES, RULES  # local: the grammar's rules import these records

    for pattern, rule in RULES:
        match = pattern.fullmatch(phrase)
        if match:
            result = rule(match, context)
            if result is not None:
                uses_reference = context.reference is not None and rule in REFERENCE_RULES
                return replace(result, mod=result.mod or mod, uses_reference=uses_reference)
    return None


def clean(expression: str) -> tuple[str, str | None]:
    """Lower-case, unify quotes and hyphens, drop hedges; return the phrase and its TimeML mod."""
    phrase = expression.lower().replace("\u00a0", " ").replace("\u2019", "'").replace("\u2018", "'")
    phrase = re.sub(r"(?<=[a-z])-|-(?=[a-z'])", " ", phrase)
    phrase = re.sub(r"\s+", " ", phrase).strip(' ,;:!?"()')
    phrase = re.sub(r"(?<!\b[ap]\.m)(?<!\b[ap]\.m\.)\.$", "", phrase).strip()
    phrase = re.sub(r"'s$", "", phrase)
    mod = None
    for _ in range(4):  # hedges and modifiers stack: "in the early 1990s", "since late last year"
        stripped = HEDGES.sub("", phrase)
        for prefix, code in MODIFIERS:
            if stripped.startswith(prefix) and len(stripped) > len(prefix):
                stripped, mod = stripped[len(prefix) :], mod or code
        if stripped == phrase:
            break
        phrase = stripped
    return phrase, mod


def calendar_value(timex: Timex, anchor: date | None) -> tuple[str | None, str | None] | None:
    """(value, precision) as newsloom outputs dates, or None when the expression is not a date.

    Plain durations and sets are not dates; a duration anchored at the time of writing is a range.
    Deictic values (PAST_REF, ...) and unresolved ones give (None, None).

    >>> calendar_value(Timex("DATE", "2022-Q3"), None)
    ('2022-07/2022-09', 'month')
    >>> calendar_value(Timex("DURATION", "P3D", anchored="past"), date(2022, 11, 10))
    ('2022-11-07/2022-11-10', 'day')
    """
    value = timex.value
    if timex.type == "SET":
        return None
    if timex.type == "DURATION":
        if not timex.anchored:
            return None
        return _anchored_range(timex, anchor)
    if value is None or value.endswith("_REF"):
        return None, None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(T.*)?", value):
        return value[:10], "day"
    if re.fullmatch(r"\d{4}-W\d{2}", value):
        return value, "week"
    week_end = re.fullmatch(r"(\d{4})-W(\d{2})-WE", value)
    if week_end:
        saturday = date.fromisocalendar(int(week_end[1]), int(week_end[2]), 6)
        return f"{saturday.isoformat()}/{(saturday + timedelta(days=1)).isoformat()}", "day"
    if re.fullmatch(r"\d{4}(-\d{2})?", value):
        return value, "month" if len(value) == 7 else "year"
    part = re.fullmatch(r"(\d{4})-(Q\d|H\d|SP|SU|FA|WI)", value)
    if part:
        year, code = int(part[1]), part[2]
        first, last = SEASON_MONTHS.get(code) or (
            (int(code[1]) * 3 - 2, int(code[1]) * 3) if code[0] == "Q" else (int(code[1]) * 6 - 5, int(code[1]) * 6)
        )
        start, end = shift_month(year, first, 0), shift_month(year, last, 0)
        return f"{month_value(*start)}/{month_value(*end)}", "month"
    if re.fullmatch(r"\d{3}", value):
        return f"{value}0/{value}9", "year"
    if re.fullmatch(r"\d{2}", value):
        return f"{value}00/{value}99", "year"
    return None, None


def _anchored_range(timex: Timex, anchor: date | None) -> tuple[str | None, str | None]:
    match = re.fullmatch(r"P(T?)(\d+)([DWMYQ]|DE|CE)", timex.value or "")
    if anchor is None or match is None or match[1]:
        return None, None
    amount, code = int(match[2]), match[3]
    sign = -1 if timex.anchored == "past" else 1
    if code in ("D", "W"):
        other = anchor + timedelta(days=sign * amount * (7 if code == "W" else 1))
        low, high = sorted((anchor, other))
        return f"{low.isoformat()}/{high.isoformat()}", "day"
    if code in ("M", "Q"):
        other_month = shift_month(anchor.year, anchor.month, sign * amount * (3 if code == "Q" else 1))
        months = sorted((other_month, (anchor.year, anchor.month)))
        return f"{month_value(*months[0])}/{month_value(*months[1])}", "month"
    years = {"Y": 1, "DE": 10, "CE": 100}[code] * amount
    low_year, high_year = sorted((anchor.year, anchor.year + sign * years))
    return f"{low_year:04d}/{high_year:04d}", "year"


def month_value(year: int, month: int) -> str:
    """TimeML month: month_value(2022, 9) == "2022-09"."""
    return f"{year:04d}-{month:02d}"
