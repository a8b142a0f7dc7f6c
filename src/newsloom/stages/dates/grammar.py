"""The time grammar: every rule's pattern, in the order `timex.normalize` tries them.

Patterns match the whole cleaned expression (lower case, hyphens as spaces, hedges dropped).
Order matters where two could match: clock times before dates, dates before bare months,
"the past week" (a period) before "past" alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .calendar import (
    HOLIDAY_NAMES,
    MONTH_NAMES,
    NUMBER_RE,
    WEEKDAY_NAMES,
)
from .days import (
    _absolute_date,
    _century,
    _clock,
    _day_part,
    _day_word,
    _decade,
    _holiday,
    _iso_date,
    _month,
    _month_relative_year,
    _month_year,
    _neighbour_day,
    _numeric_date,
    _ref,
    _reference_day,
    _reference_year,
    _vague_period,
    _weekday,
    _year,
    _year_of,
)
from .periods import (
    _ago,
    _bare_unit,
    _duration,
    _latest_quarter,
    _ordinal_quarter,
    _relative_unit,
    _season,
    _set,
    _unit_shift,
    _year_ago_quarter,
    _year_period,
)
from .timex import Rule, Timex

UNITS = r"(?P<unit>seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|quarters?|years?|decades?|century|centuries|millennium|millennia)"
WEEKDAY = rf"(?P<weekday>{WEEKDAY_NAMES})"
MONTH = rf"(?P<month>{MONTH_NAMES})\.?"
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>1\d{3}|20\d{2}|'\d{2})"
PART = r"(?P<part>morning|afternoon|evening|night|overnight)"
RELATIVE = r"(?P<relation>this|last|next|past|previous|prior|coming|current|latest|recent|following|upcoming|same|present|preceding|final)"


# ---------------------------------------------------------------- the grammar, in the order rules are tried

NUMBER = rf"(?P<number>{NUMBER_RE.pattern})"
SPOKEN = r"(?P<spoken>(?:nineteen|twenty|two thousand)(?: [a-z]+){0,2})"
CLOCK = (
    r"(?:(?P<named>noon|midnight|midday)|(?P<hour>[0-2]?\d)(?:[:.]?(?P<minute>[0-5]\d))?"
    r"(?: ?(?P<meridiem>a\.? ?m\.?|p\.? ?m\.?)| o'clock| in the (?P<daypart>morning|afternoon|evening|night)|(?<=[:.]\d\d)"
    r"|(?<=\d\d\d\d)(?= (?:gmt|utc))))"  # "1120 gmt": four digits make a clock time only with a zone
    r"(?: (?:[a-z][sd]t|gmt|utc|local time|[a-z]{2}[sd]t))?"
)
REFERENCE_SETS: dict[str, str] = {
    "PRESENT_REF": "now|right now|just now|currently|current|at present|present|presently|nowadays|these days"
    "|at the moment|the moment|at this time|this time|already|yet|the present|as of now|at this point|for now",
    "PAST_REF": "recently|more recently|most recently|recent|lately|the past|the recent past|formerly|previously|once|earlier|then current|the time|in the past",
    "FUTURE_REF": "soon|the future|future|the near future|eventually|shortly|someday|as soon as possible|later|in the future"
    "|the near term|the short term|the long term|a later date|the coming years",
}
"""Deictic words with no calendar value."""
VAGUE_DURATION = "a while|a long time|some time|a short time|a long while"
"""Stretches of unknown length: TimeML PXX."""


def _compile(rules: list[tuple[str, Rule]]) -> list[tuple[re.Pattern[str], Rule]]:
    return [(re.compile(pattern), rule) for pattern, rule in rules]


RULES: list[tuple[re.Pattern[str], Rule]] = _compile(
    [
        (
            r"(?P<date>\d{4}-\d{2}-\d{2})(?P<time>[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}:?\d{2})?)?",
            _iso_date,
        ),
        (r"[01]?\d/[0-3]?\d/(?:\d{4}|\d{2})", _numeric_date),
        (rf"{CLOCK}(?:,? (?:on |of )?(?P<rest>.+))?", _clock),
        (rf"(?P<rest>.+?),? (?:at |around |about )?{CLOCK}", _clock),
        (rf"(?:{WEEKDAY},? )?(?:the )?{MONTH} {DAY}(?:,? {YEAR})?(?: {PART})?", _absolute_date),
        (rf"(?:{WEEKDAY},? )?(?:the )?{DAY} (?:of )?{MONTH}(?:,? {YEAR})?", _absolute_date),
        (rf"{MONTH},? (?:of )?(?:{YEAR}|{SPOKEN})", _month_year),
        (rf"{MONTH} (?P<which>this|last|next) year", _month_relative_year),
        (rf"(?:{RELATIVE} )?{MONTH}", _month),
        (rf"(?:(?:the )?{RELATIVE} )?{WEEKDAY}(?: {PART})?", _weekday),
        (
            rf"(?P<word>today|tonight|yesterday|tomorrow|the day before yesterday|the day after tomorrow)(?: {PART})?",
            _day_word,
        ),
        (rf"(?P<word>this|last) {PART}", _day_word),
        (rf"(?:mid |the )?{PART}(?: of)?(?: (?P<word>today|yesterday|tomorrow))?", _day_part),
        (r"(?:that|the same|that same|the very same) day", _reference_day),
        (
            rf"(?:the )?(?P<which>next|following|previous|preceding) (?:day|{PART})|the day (?P<after>after|before)",
            _neighbour_day,
        ),
        (r"(?:that|the same|that same) year|later that year|earlier that year", _reference_year),
        *[(pattern, _ref(value)) for value, pattern in REFERENCE_SETS.items()],
        (VAGUE_DURATION, lambda m, c: Timex("DURATION", "PXX")),
        (r"(?P<which>recent|past|coming|future|upcoming) (?:quarters|years)|recent weeks and months", _vague_period),
        (r"(?:the )?(?:this past|past) (?P<unit>weekend)", lambda m, c: _unit_shift("weekend", "last", c)),
        (r"this past (?P<season>spring|summer|fall|autumn|winter)", lambda m, c: _season(m, replace(c, tense="past"))),
        (r"(?:the )?this past (?P<unit>week|month|year)", lambda m, c: _unit_shift(m["unit"], "last", c)),
        (
            rf"(?:the )?{RELATIVE} (?P<fiscal>fiscal |calendar )?(?P<unit>week|weekend|month|quarter|year|decade|century)",
            _relative_unit,
        ),
        (r"(?:the )?(?:full |whole |entire )?(?:fiscal |calendar )?year", lambda m, c: _unit_shift("year", "this", c)),
        (r"the (?P<year>\d{4}) (?:period|quarter)", _year_period),
        (
            rf"(?:the )?first (?:two quarters|six months|half) of {YEAR}",
            lambda m, c: Timex("DATE", f"{_year_of(m, 'year', c.anchor)}-H1"),
        ),
        (r"(?:the )?(?P<unit>weekend)", lambda m, c: _unit_shift("weekend", None, c)),
        (r"(?P<determiner>the|that) (?P<unit>year|month|week|day|quarter)", _bare_unit),
        (r"year(?: end|'s end| ending)|the year's end", lambda m, c: _unit_shift("year", "this", c)),
        (
            r"(?:the |its |a |an )?(?:(?P<which>this|last|next) year(?:'s)? |(?P<ago>year ago|year earlier|comparable year ago|prior year) )?"
            r"(?:(?P<year>\d{4}|'\d{2}) )?(?:fiscal |calendar |flat |strong |weak |disappointing )?"
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
        (
            rf"(?:(?:the )?{RELATIVE} |the )?(?P<season>spring|summer|fall|autumn|winter)(?:(?: of)? (?:{YEAR}|{SPOKEN}))?",
            _season,
        ),
        (
            r"(?:the )?(?:(?P<digits>1\d{2}0|20\d0)'?s|'?(?P<short>\d0)'?s|(?P<words>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))",
            _decade,
        ),
        (
            r"(?:the )?(?P<number>\d{1,2}|eighteenth|nineteenth|twentieth|twenty first)(?:st|nd|rd|th)? century",
            _century,
        ),
        (
            rf"(?:the )?(?:(?:fiscal|calendar|financial|model|school|tax)(?: year)? |the year |year |fy ?)?(?:{YEAR}|{SPOKEN})(?: and beyond)?",
            _year,
        ),
        (rf"(?:(?P<relation>last|this|next) )?(?P<name>{HOLIDAY_NAMES})(?:,? {YEAR})?", _holiday),
        (
            rf"(?:{NUMBER} )?(?:more |full )?{UNITS}(?: or so)? (?P<direction>ago|earlier|before|later|after|from now|hence|back)",
            _ago,
        ),
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
    {
        _reference_day,
        _neighbour_day,
        _year_period,
        _reference_year,
        _relative_unit,
        _bare_unit,
        _latest_quarter,
        _year_ago_quarter,
        _ago,
        _clock,
    }
)
"""Rules that may read `Context.reference`; what they return is never itself a reference."""
