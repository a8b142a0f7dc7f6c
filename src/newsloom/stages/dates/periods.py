"""Rules of the time grammar for periods: weeks, months, quarters, seasons, "ago", durations, sets.

>>> from datetime import date
>>> _duration(re.fullmatch(r"(?P<number>five) (?P<unit>months)", "five months"), Context(date(2022, 11, 10))).value
'P5M'
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Literal

from .calendar import (
    ORDINALS,
    SEASON_MONTHS,
    SEASONS,
    WEEKDAYS,
    iso_week,
    parse_number,
    quarter_of,
    season_of,
    shift_month,
    shift_quarter,
    spoken_year,
)
from .days import (
    BACKWARD,
    CURRENT,
    FORWARD,
    PAST,
    _day,
    _reference_day,
    _year_of,
)
from .timex import Context, Timex, month_value

UNIT_CODES: dict[str, str] = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W", "fortnight": "W",
    "month": "M", "quarter": "Q", "year": "Y", "decade": "DE", "century": "CE", "centurie": "CE",
    "millennium": "ML", "millennia": "ML",
}  # fmt: skip

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
        return Timex("DATE", month_value(*shift_month(anchor.year, anchor.month, step)))
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
    if (
        relation == "past"
        and unit in ("week", "month", "year", "decade", "century")
        and not match.groupdict().get("fiscal")
    ):
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
    """ "the year", "the month", "the week", "the day": the current one (or the one last mentioned)."""
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
    """ "the 1988 period" in an earnings story: that year's instance of the quarter under discussion."""
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
    if match.groupdict().get("ago"):
        year -= 1
    if match.groupdict().get("half"):
        return Timex("DATE", f"{year}-H{1 if quarter == 1 else 2}")
    return Timex("DATE", f"{year}-Q{quarter}")


def _year_ago_quarter(match: re.Match[str], context: Context) -> Timex | None:
    """ "the year-ago quarter": the quarter under discussion, one year back."""
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
    if relation in BACKWARD:  # "last spring": the spring of last year, as "last February" (TimeBank)
        return Timex("DATE", f"{anchor.year - 1}-{code}")
    if relation is None and context.tense in PAST:
        past = [
            y
            for y, start in starts.items()
            if start <= anchor and not (relation and (y, code) == (current_year, current_code))
        ]
        return Timex("DATE", f"{max(past)}-{code}")
    future = [
        y
        for y, start in starts.items()
        if start > anchor or (relation is None and (y, code) == (current_year, current_code))
    ]
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
    smaller = {
        "year": (12, "M", ""), "month": (30, "D", ""), "week": (7, "D", ""), "day": (24, "H", "T"),
        "hour": (60, "M", ""), "minute": (60, "S", ""),
    }  # fmt: skip
    if unit in smaller:
        factor, small_code, separator = smaller[unit]
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
        return Timex("DATE", month_value(*shift_month(anchor.year, anchor.month, steps)))
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
    if unit == "year" and re.fullmatch(
        r"\d{4}-[QH]\d" if not relative_to_reference else r"\d{4}(-[QH]\d|-\d{2}|-\d{2}-\d{2})", reference
    ):
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
    if relation in ("past", "last", "recent", "previous", "preceding") or (
        relation == "these" and match.groupdict().get("these_past")
    ):
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
