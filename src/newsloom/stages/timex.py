"""One time expression -> its TimeML (TIMEX3) value, resolved against an anchor day.

The grammar is a list of rules tried in order, each a regular expression over the cleaned,
lower-cased expression and a function that resolves the match. Values follow TimeML (TIDES):
"2022-11-10", "2022-11", "2022-W45", "2022-Q3", "2022-SU", "199" (the 1990s), "PRESENT_REF",
"P8M" (a duration), "2022-11-10TNI" (Thursday night). `calendar_value` turns them into the
calendar values newsloom outputs ("2022-Q3" -> "2022-07/2022-09").

News conventions decide what the words leave open (after AP style and HeidelTime's news rules):
a bare weekday is the most recent such day on or before the anchor unless the sentence is in the
future tense; a month without a year is the most recent one unless in the future tense, and a
month-day without a year is the occurrence nearest the anchor.

>>> normalize("Thursday", Context(date(2022, 11, 12), "past")).value
'2022-11-10'
>>> normalize("the past four months", Context(date(2022, 11, 10))).value
'P4M'
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Literal

from dateutil import parser as dateutil_parser

from .calendar import (
    DAY_PARTS,
    HOLIDAY_NAMES,
    MONTH_NAMES,
    MONTHS,
    NUMBER_RE,
    ORDINALS,
    SEASON_MONTHS,
    SEASONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    holiday,
    iso_week,
    parse_number,
    quarter_of,
    season_of,
    shift_month,
    shift_quarter,
    spoken_year,
    weekday_on_or_after,
    weekday_on_or_before,
)

Tense = Literal["past", "present", "future"]


@dataclass(frozen=True)
class Context:
    """What an expression is resolved against: the anchor day, the tense of its clause, and the
    last date the text mentioned (`reference`, a TimeML value) for "a year earlier" or "that day"."""

    anchor: date | None
    tense: Tense | None = None
    reference: str | None = None


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


Rule = Callable[[re.Match[str], Context], Timex | None]

PAST = ("past", "present")
FAR_DAYS = 150  # months away: past and future occurrences are about as near, and the past is likelier
TENSE_HORIZON_DAYS = 90  # news names months and days without a year within about a season either way;
# beyond that, an opposing tense wins over nearness (TimeBank: nearest alone is right 2 points more often)
BACKWARD = frozenset({"last", "past", "previous", "prior", "latest", "recent", "preceding", "final"})
FORWARD = frozenset({"next", "coming", "following", "upcoming"})
CURRENT = frozenset({"this", "current", "present", "same"})

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

UNIT_CODES: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
    "millennium": "ML", "millennia": "ML",
}  # fmt: skip
UNITS = r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries|millennium|millennia)"
WEEKDAY = rf"(?P<weekday>{WEEKDAY_NAMES})"
MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1\d{3}|20\d{2}|'\d{2})"
PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
RELATIVE = r"(?P<relation>this|last|next|past|previous|prior|coming|current|latest|recent|following|upcoming|same|present|preceding|final)"


def normalize(expression: str, context: Context) -> Timex | None:
    """The TimeML value of one expression, or None when it is not a time expression we know."""
    phrase, mod = clean(expression)
    if not phrase:
        return None
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
    phrase = re.sub(r"\s+", " ", phrase).strip(" ,;:!?\"()")
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


def _date(kind: str, value: str | None) -> Timex:
    return Timex(kind, value)  # type: ignore[arg-type]


def _day(value: date | None, part: str | None = None) -> Timex:
    if value is None:
        return Timex("TIME" if part else "DATE", None)
    if part:
        return Timex("TIME", f"{value.isoformat()}T{DAY_PARTS[part]}")
    return Timex("DATE", value.isoformat())


def _month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _two_digit_year(text: str, anchor: date | None) -> int:
    """'98 -> 1998 in a 1999 text, '05 -> 2005: the century that puts the year nearest the anchor."""
    short = int(text.strip("'"))
    base = (anchor.year if anchor else 2000) // 100 * 100
    return min((base - 100 + short, base + short, base + 100 + short), key=lambda y: abs(y - (anchor.year if anchor else 2000)))


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
    return Timex("DATE", _month_value(year, MONTHS[match["month"]]))


def _month_relative_year(match: re.Match[str], context: Context) -> Timex | None:
    if context.anchor is None:
        return Timex("DATE", None)
    shift = {"this": 0, "last": -1, "next": 1}[match["which"]]
    return Timex("DATE", _month_value(context.anchor.year + shift, MONTHS[match["month"]]))


def _month(match: re.Match[str], context: Context) -> Timex | None:
    if context.anchor is None:
        return Timex("DATE", None)
    anchor, month = context.anchor, MONTHS[match["month"]]
    relation = match.groupdict().get("relation")
    if relation in CURRENT:
        return Timex("DATE", _month_value(anchor.year, month))
    if relation in BACKWARD:  # "last November": the most recent November before this month
        year = anchor.year if month < anchor.month else anchor.year - 1
        return Timex("DATE", _month_value(year, month))
    if relation in FORWARD:
        year = anchor.year if month > anchor.month else anchor.year + 1
        return Timex("DATE", _month_value(year, month))
    candidates = [date(anchor.year + shift, month, 1) for shift in (-1, 0, 1)]
    this_month = date(anchor.year, anchor.month, 1)
    return Timex("DATE", _pick(candidates, this_month, context.tense).strftime("%Y-%m"))


def _year(match: re.Match[str], context: Context) -> Timex | None:
    year = _year_of(match, "year", context.anchor)
    if year is None and match.groupdict().get("spoken"):
        year = spoken_year(match["spoken"])
    return Timex("DATE", f"{year:04d}") if year is not None else None


DECADE_WORDS = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8, "nineties": 9}


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
    elif relation in ("coming", "this", "upcoming") and context.tense == "future" or relation == "coming" or context.tense == "future":
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
    """"mid afternoon", "the morning", "mid-afternoon yesterday": a part of the anchor day."""
    offset = DAY_OFFSETS[match["word"]] if match["word"] else 0
    return _day(context.anchor + timedelta(days=offset) if context.anchor else None, match["part"])


def _neighbour_day(match: re.Match[str], context: Context) -> Timex | None:
    """"the next morning", "the day before": one day from the day last mentioned (else the anchor)."""
    base = _reference_day(match, context)
    if base is None or base.value is None:
        return base
    step = 1 if match["which"] in ("next", "following") or match["after"] == "after" else -1
    return _day(date.fromisoformat(base.value[:10]) + timedelta(days=step))


def _reference_day(match: re.Match[str], context: Context) -> Timex | None:
    """"that day", "the same day": the day last mentioned, else the anchor."""
    reference = context.reference
    if reference and re.fullmatch(r"\d{4}-\d{2}-\d{2}", reference[:10]):
        return Timex("DATE", reference[:10])
    return _day(context.anchor)


def _reference_year(match: re.Match[str], context: Context) -> Timex | None:
    reference = context.reference
    if reference and re.match(r"\d{4}", reference):
        return Timex("DATE", reference[:4])
    return Timex("DATE", f"{context.anchor.year:04d}" if context.anchor else None)


def _ref(value: str) -> Rule:
    return lambda match, context: Timex("DATE", value)


# ---------------------------------------------------------------- weeks, months, quarters, years


def _unit_shift(unit: str, relation: str | None, context: Context) -> Timex | None:
    """this/last/next week, month, quarter, year, weekend, decade, century."""
    anchor = context.anchor
    if anchor is None:
        return Timex("DATE", None)
    step = -1 if relation in BACKWARD else 1 if relation in FORWARD else 0
    if unit == "week":
        return Timex("DATE", iso_week(anchor + timedelta(weeks=step)))
    if unit == "weekend":
        if step == 0 and relation is None:  # "the weekend": the one just past, or the coming one
            step = 0 if anchor.weekday() >= 5 else (1 if context.tense == "future" else -1)
            step = 0 if step == 1 else step  # the coming weekend belongs to this ISO week
        return Timex("DATE", iso_week(anchor + timedelta(weeks=step)) + "-WE")
    if unit == "month":
        return Timex("DATE", _month_value(*shift_month(anchor.year, anchor.month, step)))
    if unit == "quarter":
        if relation in ("latest", "recent") or relation is None:  # "the latest quarter": the last one reported
            return Timex("DATE", _last_quarter(context))
        year, quarter = shift_quarter(anchor.year, quarter_of(anchor), step)
        return Timex("DATE", f"{year}-Q{quarter}")
    if unit in ("year", "fiscal year", "calendar year"):
        return Timex("DATE", f"{anchor.year + step:04d}")
    if unit == "decade":
        return Timex("DATE", f"{anchor.year // 10 + step:03d}")
    if unit == "century":
        return Timex("DATE", f"{anchor.year // 100 + step:02d}")
    return None


def _relative_unit(match: re.Match[str], context: Context) -> Timex | None:
    relation = match.groupdict().get("relation")
    unit = re.sub(r"s$", "", match["unit"]) if match["unit"] not in ("fiscal year", "calendar year") else "year"
    if relation == "past" and unit in ("week", "month", "year", "decade", "century") and not match.groupdict().get("fiscal"):
        return Timex("DURATION", _duration_value(1.0, unit), anchored="past")  # "the past week": the 7 days to now
    if relation == "same" and context.reference:
        return _reference_unit(unit, context)
    return _unit_shift(unit, relation, context)


def _reference_unit(unit: str, context: Context) -> Timex | None:
    reference = context.reference or ""
    lengths = {"year": 4, "month": 7, "day": 10}
    if unit in lengths and len(reference) >= lengths[unit] and reference[:4].isdigit():
        return Timex("DATE", reference[: lengths[unit]])
    if unit == "quarter" and re.fullmatch(r"\d{4}-Q\d", reference):
        return Timex("DATE", reference)
    return _unit_shift(unit, "this", context)


def _bare_unit(match: re.Match[str], context: Context) -> Timex | None:
    """"the year", "the month", "the week", "the day": the current one (or the one last mentioned)."""
    unit = match["unit"]
    if unit == "quarter":
        return Timex("DATE", _last_quarter(context)) if context.anchor else Timex("DATE", None)
    if unit == "day":
        return _reference_day(match, context) if match["determiner"] == "that" else _day(context.anchor)
    if match["determiner"] == "that":
        return _reference_unit(unit, context)
    return _unit_shift(unit, "this", context)


def _last_quarter(context: Context) -> str:
    """The quarter a company report talks about: the one last mentioned, else the last complete one."""
    if context.reference and re.fullmatch(r"\d{4}-Q\d", context.reference):
        return context.reference
    assert context.anchor is not None
    year, quarter = shift_quarter(context.anchor.year, quarter_of(context.anchor), -1)
    return f"{year}-Q{quarter}"


def _latest_quarter(match: re.Match[str], context: Context) -> Timex | None:
    return Timex("DATE", _last_quarter(context)) if context.anchor else Timex("DATE", None)


def _year_period(match: re.Match[str], context: Context) -> Timex | None:
    """"the 1988 period" in an earnings story: that year's instance of the quarter under discussion."""
    quarter = _last_quarter(context).split("-Q")[1] if context.anchor else "X"
    return Timex("DATE", f"{match['year']}-Q{quarter}")


def _ordinal_quarter(match: re.Match[str], context: Context) -> Timex | None:
    quarter = ORDINALS[match["ordinal"]]
    year = _year_of(match, "year", context.anchor) or _year_of(match, "year2", context.anchor)
    if year is None:
        if context.anchor is None:
            return Timex("DATE", None)
        shift = {"this": 0, "last": -1, "next": 1}.get(match.groupdict().get("which") or "")
        year = context.anchor.year + (shift or 0)
        # "the fourth quarter" told in February is last year's, unless the clause looks ahead
        if shift is None and quarter > quarter_of(context.anchor) and context.tense != "future":
            year -= 1
    if match.groupdict().get("half"):
        return Timex("DATE", f"{year}-H{1 if quarter == 1 else 2}")
    return Timex("DATE", f"{year}-Q{quarter}")


def _year_ago_quarter(match: re.Match[str], context: Context) -> Timex | None:
    """"the year-ago quarter": the quarter under discussion, one year back."""
    if context.anchor is None:
        return Timex("DATE", None)
    year, quarter = _last_quarter(context).split("-Q")
    return Timex("DATE", f"{int(year) - 1}-Q{quarter}")


def _season(match: re.Match[str], context: Context) -> Timex | None:
    code = SEASONS[match["season"]]
    year = _year_of(match, "year", context.anchor)
    if year is None and match.groupdict().get("spoken"):
        year = spoken_year(match["spoken"])
    if year is not None:
        return Timex("DATE", f"{year}-{code}")
    if context.anchor is None:
        return Timex("DATE", None)
    anchor = context.anchor
    current_year, current_code = season_of(anchor)
    relation = match.groupdict().get("relation")
    starts = {y: date(y, SEASON_MONTHS[code][0], 1) for y in (anchor.year - 1, anchor.year, anchor.year + 1)}
    if relation in CURRENT or (relation is None and context.tense is None):
        return Timex("DATE", f"{current_year if code == current_code else anchor.year}-{code}")
    if relation in BACKWARD or (relation is None and context.tense in PAST):
        past = [y for y, start in starts.items() if start <= anchor and not (relation and (y, code) == (current_year, current_code))]
        return Timex("DATE", f"{max(past)}-{code}")
    future = [y for y, start in starts.items() if start > anchor or (relation is None and (y, code) == (current_year, current_code))]
    return Timex("DATE", f"{min(future)}-{code}")


# ---------------------------------------------------------------- "two years ago", durations, sets


def _duration_value(amount: float | None, unit: str) -> str:
    """ISO 8601 duration: 5.5 hours -> PT5H30M, 1.5 years -> P1Y6M, a few weeks -> PXW."""
    code = UNIT_CODES[unit]
    time_part = "T" if unit in ("second", "minute", "hour") else ""
    if amount is None:
        return f"P{time_part}X{code}"
    if unit == "decade":
        amount, code = amount * 10, "Y"  # TimeBank writes decades in years ("the past decade" = P10Y)
    if unit in ("century", "centurie"):
        amount, code = amount * 100, "Y"
    if unit == "fortnight":
        amount *= 2
    whole, fraction = int(amount), amount - int(amount)
    if not fraction:
        return f"P{time_part}{whole}{code}"
    smaller = {"Y": (12, "M", ""), "M": (30, "D", ""), "W": (7, "D", ""), "D": (24, "H", "T"), "H": (60, "M", "")}
    if code in smaller:
        factor, small_code, separator = smaller[code]
        head = f"P{time_part}{whole}{code}" if whole else f"P{time_part}"
        return f"{head}{separator}{round(fraction * factor)}{small_code}"
    return f"P{time_part}{amount:g}{code}"


def _shift_by(amount: float, unit: str, direction: int, context: Context) -> Timex | None:
    anchor = context.anchor
    if anchor is None:
        return Timex("DATE", None)
    steps = round(amount) * direction
    if unit in ("day", "night"):
        return _day(anchor + timedelta(days=steps))
    if unit == "week":
        return Timex("DATE", iso_week(anchor + timedelta(weeks=steps)))
    if unit == "month":
        return Timex("DATE", _month_value(*shift_month(anchor.year, anchor.month, steps)))
    if unit == "quarter":
        year, quarter = shift_quarter(anchor.year, quarter_of(anchor), steps)
        return Timex("DATE", f"{year}-Q{quarter}")
    if unit == "year":
        return Timex("DATE", f"{anchor.year + steps:04d}")
    if unit == "decade":
        return Timex("DATE", f"{(anchor.year + 10 * steps) // 10:03d}")
    if unit in ("hour", "minute"):
        moment = datetime.combine(anchor, datetime.min.time())
        return Timex("DATE", (moment + timedelta(**{f"{unit}s": steps})).date().isoformat())
    return None


def _ago(match: re.Match[str], context: Context) -> Timex | None:
    unit = _unit_name(match["unit"])
    amount = parse_number(match["number"]) if match.groupdict().get("number") else 1.0
    direction = 1 if match["direction"] in ("later", "after", "from now", "hence", "on") else -1
    if amount is None or match.groupdict().get("number") is None and match["unit"].endswith("s"):
        return Timex("DATE", "FUTURE_REF" if direction > 0 else "PAST_REF")  # "months ago", "a few years ago"
    reference = context.reference or ""
    # "up from $4 million a year ago" in an earnings story compares with the quarter just named;
    # "a year earlier" with whatever period was named last
    relative_to_reference = match["direction"] in ("earlier", "before", "later", "after")
    if unit == "year" and re.fullmatch(r"\d{4}-[QH]\d" if not relative_to_reference else r"\d{4}(-[QH]\d|-\d{2}|-\d{2}-\d{2})", reference):
        return Timex("DATE", f"{int(reference[:4]) + direction * round(amount):04d}{reference[4:]}")
    return _shift_by(amount, unit, direction, context)


def _unit_name(unit: str) -> str:
    unit = {"centuries": "century", "millennia": "millennium"}.get(unit, unit)
    return unit[:-1] if unit.endswith("s") and unit not in ("centuries",) else unit


def _duration(match: re.Match[str], context: Context) -> Timex | None:
    unit = _unit_name(match["unit"])
    number = match.groupdict().get("number")
    relation = match.groupdict().get("relation")
    suffix = match.groupdict().get("suffix")
    if number is None and relation is None and not match["unit"].endswith("s") and suffix != " long":
        return None  # a bare "week" is not a duration; "weeks" and "day-long" are
    amount = parse_number(number) if number else (None if match["unit"].endswith("s") else 1.0)
    if amount is not None and match.groupdict().get("half"):
        amount += 0.5
    anchored: Literal["past", "future"] | None = None
    if relation in ("past", "last", "recent", "previous", "preceding") or (relation == "these" and match.groupdict().get("these_past")):
        anchored = "past"
    elif relation in ("next", "coming", "following", "upcoming"):
        anchored = "future"
    return Timex("DURATION", _duration_value(amount, unit), anchored=anchored)


SET_VALUES = {
    "daily": "P1D", "nightly": "P1D", "weekly": "P1W", "monthly": "P1M", "quarterly": "P3M",
    "annually": "P1Y", "yearly": "P1Y", "hourly": "PT1H",
}  # fmt: skip


def _set(match: re.Match[str], context: Context) -> Timex | None:
    if match.groupdict().get("adverb"):
        return Timex("SET", SET_VALUES[match["adverb"]])
    if match.groupdict().get("weekday"):
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[match['weekday']] + 1}")
    amount = parse_number(match["number"]) if match.groupdict().get("number") else 1.0
    return Timex("SET", _duration_value(amount, _unit_name(match["unit"])))


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


# ---------------------------------------------------------------- the grammar, in the order rules are tried

NUMBER = rf"(?P<number>{NUMBER_RE.pattern})"
SPOKEN = r"(?P<spoken>(?:nineteen|twenty|two thousand)(?: [a-z]+){0,2})"
CLOCK = (
    r"(?:(?P<named>noon|midnight|midday)|(?P<hour>[0-2]?\d)(?:[:.](?P<minute>[0-5]\d))?"
    r"(?: ?(?P<meridiem>a\.? ?m\.?|p\.? ?m\.?)| o'clock| in the (?P<daypart>morning|afternoon|evening|night)|(?<=[:.]\d\d)))"
    r"(?: (?:[a-z][sd]t|gmt|utc|local time|[a-z]{2}[sd]t))?"
)
REFERENCE_SETS: dict[str, str] = {
    "PRESENT_REF": "now|right now|just now|currently|current|at present|present|presently|nowadays|these days"
    "|at the moment|the moment|at this time|this time|already|yet|the present|as of now|at this point|for now",
    "PAST_REF": "recently|recent|lately|the past|the recent past|formerly|previously|once|earlier|then current|the time|in the past",
    "FUTURE_REF": "soon|the future|future|the near future|eventually|shortly|someday|as soon as possible|later|in the future",
}
"""Deictic words with no calendar value."""


def _compile(rules: list[tuple[str, Rule]]) -> list[tuple[re.Pattern[str], Rule]]:
    return [(re.compile(pattern), rule) for pattern, rule in rules]


RULES: list[tuple[re.Pattern[str], Rule]] = _compile(
    [
        (r"(?P<date>\d{4}-\d{2}-\d{2})(?P<time>[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?", _iso_date),
        (r"[01]?\d/[0-3]?\d/(?:\d{4}|\d{2})", _numeric_date),
        (rf"{CLOCK}(?:,? (?:on |of )?(?P<rest>.+))?", _clock),
        (rf"(?P<rest>.+?),? (?:at |around |about )?{CLOCK}", _clock),
        (rf"(?:{WEEKDAY},? )?(?:the )?{MONTH} {DAY}(?:,? {YEAR})?(?: {PART})?", _absolute_date),
        (rf"(?:{WEEKDAY},? )?(?:the )?{DAY} (?:of )?{MONTH}(?:,? {YEAR})?", _absolute_date),
        (rf"{MONTH},? (?:of )?(?:{YEAR}|{SPOKEN})", _month_year),
        (rf"{MONTH} (?P<which>this|last|next) year", _month_relative_year),
        (rf"(?:{RELATIVE} )?{MONTH}", _month),
        (rf"(?:{RELATIVE} )?{WEEKDAY}(?: {PART})?", _weekday),
        (rf"(?P<word>today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow)(?: {PART})?", _day_word),
        (rf"(?P<word>this|last) {PART}", _day_word),
        (rf"(?:mid |the )?{PART}(?: of)?(?: (?P<word>today|yesterday|tomorrow))?", _day_part),
        (r"(?:that|the same|that same|the very same) day", _reference_day),
        (rf"(?:the )?(?P<which>next|following|previous|preceding) (?:day|{PART})|the day (?P<after>after|before)", _neighbour_day),
        (r"(?:that|the same|that same) year|later that year|earlier that year", _reference_year),
        *[(pattern, _ref(value)) for value, pattern in REFERENCE_SETS.items()],
        (r"(?:the )?(?:this past|past) (?P<unit>weekend)", lambda m, c: _unit_shift("weekend", "last", c)),
        (r"(?:the )?this past (?P<unit>week|month|year)", lambda m, c: _unit_shift(m["unit"], "last", c)),
        (rf"(?:the )?{RELATIVE} (?P<fiscal>fiscal |calendar )?(?P<unit>week|weekend|month|quarter|year|decade|century)", _relative_unit),
        (r"(?:the )?(?:full |whole |entire )?(?:fiscal |calendar )?year", lambda m, c: _unit_shift("year", "this", c)),
        (r"the (?P<year>\d{4}) (?:period|quarter)", _year_period),
        (r"(?:the )?(?P<unit>weekend)", lambda m, c: _unit_shift("weekend", None, c)),
        (r"(?P<determiner>the|that) (?P<unit>year|month|week|day|quarter)", _bare_unit),
        (r"year(?: end|'s end| ending)|the year's end", lambda m, c: _unit_shift("year", "this", c)),
        (
            r"(?:the |its |(?P<which>this|last|next) year(?:'s)? |(?P<year>\d{4}|'\d{2}) )?(?:fiscal |calendar )?"
            r"(?P<ordinal>first|second|third|fourth|1st|2nd|3rd|4th|last)(?: fiscal)? (?:quarter|(?P<half>half)|period)"
            r"(?: of (?:(?:fiscal |the year |calendar )?(?P<year2>\d{4}|'\d{2})|this year))?",
            _ordinal_quarter,
        ),
        (
            r"(?:the )?(?:comparable |same |corresponding )?(?:year ago|year earlier|prior year|previous year|last year's|year before) (?:quarter|period)"
            r"|the (?:corresponding|same|comparable) (?:quarter|period) (?:last|a) year(?: ago| earlier)?|the quarter a year (?:ago|earlier)",
            _year_ago_quarter,
        ),
        (r"(?:the )?(?:latest|most recent|recent|current|same)? ?(?:quarter|period)", _latest_quarter),
        (rf"(?:(?:the )?{RELATIVE} |the )?(?P<season>spring|summer|fall|autumn|winter)(?:(?: of)? (?:{YEAR}|{SPOKEN}))?", _season),
        (r"(?:the )?(?:(?P<digits>1\d{2}0|20\d0)'?s|'?(?P<short>\d0)'?s|(?P<words>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))", _decade),
        (r"(?:the )?(?P<number>\d{1,2}|eighteenth|nineteenth|twentieth|twenty first)(?:st|nd|rd|th)? century", _century),
        (rf"(?:the )?(?:(?:fiscal|calendar|financial|model|school|tax)(?: year)? |the year |year |fy ?)?(?:{YEAR}|{SPOKEN})(?: and beyond)?", _year),
        (rf"(?:(?P<relation>last|this|next) )?(?P<name>{HOLIDAY_NAMES})(?:,? {YEAR})?", _holiday),
        (rf"(?:{NUMBER} )?(?:more |full )?{UNITS}(?: or so)? (?P<direction>ago|earlier|before|later|after|from now|hence|back)", _ago),
        (r"(?P<adverb>daily|nightly|weekly|monthly|quarterly|annually|yearly|hourly)", _set),
        (rf"(?:every|each|per) (?:other )?(?:{WEEKDAY}|(?:{NUMBER} )?{UNITS})", _set),
        (
            rf"(?:the |these |those |this |its |their )?(?:(?P<relation>past|last|next|first|coming|previous|latest|recent|following"
            rf"|final|remaining|initial|preceding|upcoming|these|early|opening|closing) )?(?:{NUMBER}(?: to \\d+| or \\w+)? )?(?:more |additional |full |straight "
            rf"|consecutive |long |whole |entire |extra |further |short |trading |business |working |calendar )?{UNITS}(?P<half> and a half)?"
            rf"(?P<suffix> long| old| or so| or more| or longer| or two| or months| or years| ahead| period| term| span| stretch| time)?",
            _duration,
        ),
    ]
)

REFERENCE_RULES: frozenset[Rule] = frozenset(
    {_reference_day, _neighbour_day, _year_period, _reference_year, _relative_unit, _bare_unit, _latest_quarter, _year_ago_quarter, _ago, _clock}
)
"""Rules that may read `Context.reference`; what they return is never itself a reference."""


# ---------------------------------------------------------------- TimeML value -> newsloom calendar value


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
        return f"{_month_value(*start)}/{_month_value(*end)}", "month"
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
        return f"{_month_value(*months[0])}/{_month_value(*months[1])}", "month"
    years = {"Y": 1, "DE": 10, "CE": 100}[code] * amount
    low_year, high_year = sorted((anchor.year, anchor.year + sign * years))
    return f"{low_year:04d}/{high_year:04d}", "year"
