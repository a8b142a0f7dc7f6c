"""Rules of the time grammar for days: absolute dates, weekdays, today/yesterday, clock times.

Each rule takes the match of its pattern (see `timex_grammar`) and the `Context`, and returns a
`Timex`; the helpers here (`_pick`, `_day`) are shared with `timex_periods`.

>>> _pick([date(2022, 2, 24), date(2023, 2, 24)], date(2022, 11, 12), "past")
datetime.date(2022, 2, 24)
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from dateutil import parser as dateutil_parser

from .calendar import (
    DAY_PARTS,
    MONTHS,
    WEEKDAYS,
    holiday,
    spoken_year,
    weekday_on_or_after,
    weekday_on_or_before,
)
from .timex import Context, Rule, Tense, Timex, month_value, normalize

PAST = ("past", "present")
FAR_DAYS = 150  # months away: past and future occurrences are about as near, and the past is likelier
TENSE_HORIZON_DAYS = 90  # news names months and days without a year within about a season either way;
# beyond that, an opposing tense wins over nearness (TimeBank: nearest alone is right 2 points more often)
BACKWARD = frozenset({"last", "past", "previous", "prior", "latest", "recent", "preceding", "final"})
FORWARD = frozenset({"next", "coming", "following", "upcoming"})
CURRENT = frozenset({"this", "current", "present", "same"})


def _day(value: date | None, part: str | None = None) -> Timex:
    if value is None:
        return Timex("TIME" if part else "DATE", None)
    if part:
        return Timex("TIME", f"{value.isoformat()}T{DAY_PARTS[part]}")
    return Timex("DATE", value.isoformat())


def _two_digit_year(text: str, anchor: date | None) -> int:
    """'98 -> 1998 in a 1999 text, '05 -> 2005: the century that puts the year nearest the anchor."""
    short = int(text.strip("'"))
    base = (anchor.year if anchor else 2000) // 100 * 100
    return min(
        (base - 100 + short, base + short, base + 100 + short), key=lambda y: abs(y - (anchor.year if anchor else 2000))
    )


def _year_of(match: re.Match[str], group: str, anchor: date | None) -> int | None:
    text = match.groupdict().get(group)
    if not text:
        return None
    return _two_digit_year(text, anchor) if text.startswith("'") else int(text)


def _pick(candidates: list[date], anchor: date, tense: Tense | None) -> date:
    """The occurrence of a month or day (without year) the text means: the nearest one, unless the
    tense points the other way and the nearest lies further than `TENSE_HORIZON_DAYS` that way
    ("since the Feb. 24 invasion", told in November, is last February, not next)."""
    nearest = min(candidates, key=lambda c: (abs((c - anchor).days), c > anchor))
    before = [c for c in candidates if c <= anchor]
    after = [c for c in candidates if c >= anchor]
    if tense == "past" and before and (nearest - anchor).days > TENSE_HORIZON_DAYS:
        return max(before)
    if tense == "future" and after and (anchor - nearest).days > TENSE_HORIZON_DAYS:
        return min(after)
    if before and abs((nearest - anchor).days) > FAR_DAYS and tense != "future":
        return max(before)  # half a year either way: news looks back more often than ahead
    return nearest


# ---------------------------------------------------------------- absolute dates


def _absolute_date(match: re.Match[str], context: Context) -> Timex | None:
    month, day = MONTHS[match["month"]], int(match["day"])
    year = _year_of(match, "year", context.anchor)
    if not 1 <= day <= 31:
        return None
    if year is not None:
        try:
            parsed = dateutil_parser.parse(f"{match['month']} {day} {year}")
        except (ValueError, OverflowError):
            return None
        return _day(parsed.date(), match.groupdict().get("part"))
    if context.anchor is None:
        return Timex("DATE", None)
    anchor = context.anchor
    candidates = []
    for candidate_year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            candidates.append(date(candidate_year, month, day))
        except ValueError:
            continue
    if not candidates:
        return None
    weekday = match.groupdict().get("weekday")
    if weekday:  # "Friday, Nov. 11": the year in which Nov. 11 is a Friday, if one is near
        matching = [c for c in candidates if c.weekday() == WEEKDAYS[weekday]]
        candidates = matching or candidates
    return _day(_pick(candidates, anchor, context.tense), match.groupdict().get("part"))


def _numeric_date(match: re.Match[str], context: Context) -> Timex | None:
    try:
        parsed = dateutil_parser.parse(match[0], dayfirst=False)
    except (ValueError, OverflowError):
        return None
    return _day(parsed.date())


def _iso_date(match: re.Match[str], context: Context) -> Timex | None:
    try:
        parsed = datetime.fromisoformat(match[0].upper())
    except ValueError:
        return None
    if match["time"]:
        return Timex("TIME", parsed.strftime("%Y-%m-%dT%H:%M"))
    return _day(parsed.date())


def _month_year(match: re.Match[str], context: Context) -> Timex | None:
    year = _year_of(match, "year", context.anchor)
    if year is None:
        year = spoken_year(match["spoken"]) if match.groupdict().get("spoken") else None
    if year is None:
        return None
    return Timex("DATE", month_value(year, MONTHS[match["month"]]))


def _month_relative_year(match: re.Match[str], context: Context) -> Timex | None:
    if context.anchor is None:
        return Timex("DATE", None)
    shift = {"this": 0, "last": -1, "next": 1}[match["which"]]
    return Timex("DATE", month_value(context.anchor.year + shift, MONTHS[match["month"]]))


def _month(match: re.Match[str], context: Context) -> Timex | None:
    if context.anchor is None:
        return Timex("DATE", None)
    anchor, month = context.anchor, MONTHS[match["month"]]
    relation = match.groupdict().get("relation")
    if relation in CURRENT:
        return Timex("DATE", month_value(anchor.year, month))
    if relation in BACKWARD:  # "last November": the most recent November before this month
        year = anchor.year if month < anchor.month else anchor.year - 1
        return Timex("DATE", month_value(year, month))
    if relation in FORWARD:
        year = anchor.year if month > anchor.month else anchor.year + 1
        return Timex("DATE", month_value(year, month))
    candidates = [date(anchor.year + shift, month, 1) for shift in (-1, 0, 1)]
    this_month = date(anchor.year, anchor.month, 1)
    return Timex("DATE", _pick(candidates, this_month, context.tense).strftime("%Y-%m"))


def _year(match: re.Match[str], context: Context) -> Timex | None:
    year = _year_of(match, "year", context.anchor)
    if year is None and match.groupdict().get("spoken"):
        year = spoken_year(match["spoken"])
    return Timex("DATE", f"{year:04d}") if year is not None else None


DECADE_WORDS = {
    "twenties": 2,
    "thirties": 3,
    "forties": 4,
    "fifties": 5,
    "sixties": 6,
    "seventies": 7,
    "eighties": 8,
    "nineties": 9,
}


def _decade(match: re.Match[str], context: Context) -> Timex | None:
    if match.groupdict().get("digits"):
        return Timex("DATE", match["digits"][:3])
    tens = int(match["short"][0]) if match.groupdict().get("short") else DECADE_WORDS[match["words"]]
    year = _two_digit_year(f"{tens}0", context.anchor)
    return Timex("DATE", f"{year // 10:03d}")


CENTURY_WORDS = {"eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty first": 21}


def _century(match: re.Match[str], context: Context) -> Timex | None:
    number = int(match["number"]) if match["number"].isdigit() else CENTURY_WORDS.get(match["number"])
    return Timex("DATE", f"{number - 1:02d}") if number else None


def _holiday(match: re.Match[str], context: Context) -> Timex | None:
    year = _year_of(match, "year", context.anchor)
    if year is not None:
        return _day(holiday(match["name"], year))
    if context.anchor is None:
        return Timex("DATE", None)
    candidates = [holiday(match["name"], context.anchor.year + shift) for shift in (-1, 0, 1)]
    days = [c for c in candidates if c is not None]
    relation = match.groupdict().get("relation")
    tense: Tense | None = "past" if relation == "last" else "future" if relation == "next" else context.tense
    return _day(_pick(days, context.anchor, tense))


# ---------------------------------------------------------------- days and weekdays


def _weekday(match: re.Match[str], context: Context) -> Timex | None:
    part = match.groupdict().get("part")
    if context.anchor is None:
        return _day(None, part)
    anchor, weekday = context.anchor, WEEKDAYS[match["weekday"]]
    relation = match.groupdict().get("relation")
    if relation in ("last", "past", "previous"):  # "last Friday": strictly before today
        day = weekday_on_or_before(anchor - timedelta(days=1), weekday)
    elif relation == "next":  # "next Friday": strictly after today
        day = weekday_on_or_after(anchor + timedelta(days=1), weekday)
    elif (
        relation in ("coming", "this", "upcoming")
        and context.tense == "future"
        or relation == "coming"
        or context.tense == "future"
    ):
        day = weekday_on_or_after(anchor, weekday)
    else:  # news convention: a bare weekday is the most recent one, today included
        day = weekday_on_or_before(anchor, weekday)
    return _day(day)  # "Friday night" is annotated as the day (TimeBank) and output as the day (newsloom)


DAY_OFFSETS = {
    "today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1, "the day before yesterday": -2,
    "the day after tomorrow": 2, "this": 0, "last": -1,
}  # fmt: skip


def _day_word(match: re.Match[str], context: Context) -> Timex | None:
    word, part = match["word"], match.groupdict().get("part")
    if word == "tonight":
        part = "night"
    if word == "last" and part not in ("night", "evening"):
        return None
    if context.anchor is None:
        return _day(None, part)
    return _day(context.anchor + timedelta(days=DAY_OFFSETS[word]), part)


def _day_part(match: re.Match[str], context: Context) -> Timex | None:
    """ "mid afternoon", "the morning", "mid-afternoon yesterday": a part of the anchor day."""
    offset = DAY_OFFSETS[match["word"]] if match["word"] else 0
    return _day(context.anchor + timedelta(days=offset) if context.anchor else None, match["part"])


def _neighbour_day(match: re.Match[str], context: Context) -> Timex | None:
    """ "the next morning", "the day before": one day from the day last mentioned (else the anchor)."""
    base = _reference_day(match, context)
    if base is None or base.value is None:
        return base
    step = 1 if match["which"] in ("next", "following") or match["after"] == "after" else -1
    return _day(date.fromisoformat(base.value[:10]) + timedelta(days=step))


def _reference_day(match: re.Match[str], context: Context) -> Timex | None:
    """ "that day", "the same day": the day last mentioned, else the anchor."""
    reference = context.reference
    if reference and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reference[:10]):
        return Timex("DATE", reference[:10])
    return _day(context.anchor)


def _reference_year(match: re.Match[str], context: Context) -> Timex | None:
    reference = context.reference
    if reference and re.match(r"\d{4}", reference):
        return Timex("DATE", reference[:4])
    return Timex("DATE", f"{context.anchor.year:04d}" if context.anchor else None)


def _vague_period(match: re.Match[str], context: Context) -> Timex | None:
    """ "recent years", "coming quarters" without an article: a direction, not a period (as TimeBank
    mostly annotates them; "recent weeks" and "coming days" are mostly vague durations there)."""
    return Timex("DATE", "FUTURE_REF" if match["which"] in ("coming", "future", "upcoming") else "PAST_REF")


def _ref(value: str) -> Rule:
    return lambda match, context: Timex("DATE", value)


# ---------------------------------------------------------------- clock times


def _clock(match: re.Match[str], context: Context) -> Timex | None:
    groups = match.groupdict()
    if groups.get("named"):
        hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (24, 0)}[groups["named"]]
    else:
        hour, minute = int(groups["hour"]), int(groups["minute"] or 0)
        meridiem = (groups.get("meridiem") or "").replace(".", "").replace(" ", "")
        if meridiem == "pm" and hour < 12 or groups.get("daypart") in ("afternoon", "evening", "night") and hour < 12:
            hour += 12
        if meridiem == "am" and hour == 12:
            hour = 0
        if hour > 24 or minute > 59:
            return None
    day: str | None = context.anchor.isoformat() if context.anchor else None
    if context.reference and re.fullmatch(r"\d{4}-\d{2}-\d{2}", context.reference):
        day = context.reference  # "at 10:35 a.m." after "on Aug. 7": the day just named
    if groups.get("rest"):
        rest = normalize(groups["rest"], context)
        if rest is None or rest.value is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}.*", rest.value):
            return None
        day = rest.value[:10]
    if day is None:
        return Timex("TIME", None)
    return Timex("TIME", f"{day}T{hour:02d}:{minute:02d}")
