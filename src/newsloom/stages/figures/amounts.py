"""Numbers as written in news -> values: digits, number words, money, percentages, ranges, ages, fractions.

This module reads characters, not a parse: `scan(text)` finds every stretch that states an amount
("$400 million", "20,000-30,000", "more than 100,000", "two-thirds", "dozens", "55-year-old") and
leaves to figures.py the questions that need the parse (is it a year, part of a name, what does it
count, who claims it). Number words are read by text2num (strict, and fast); what it does not cover
(fractions, "a dozen", vague plurals, "and a half") is in the small tables below.

>>> [(a.text, a.value, a.unit) for a in scan("a new $400 million package")]
[('$400 million', 400000000.0, 'USD')]
>>> [(a.text, a.low, a.high) for a in scan("between 3,000 and 4,000 people")]
[('between 3,000 and 4,000', 3000.0, 4000.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from text_to_num import text2num

# fmt: off
SMALL_WORDS = [
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
    "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty", "forty",
    "fifty", "sixty", "seventy", "eighty", "ninety",
]
# fmt: on
SCALES = {"hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "dozen": 12}
# fmt: off
SCALE_ABBREVIATIONS = {
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "b": 1e9, "bn": 1e9, "bln": 1e9, "tn": 1e12, "trn": 1e12,
}
DENOMINATORS = {
    "half": 2, "halves": 2, "third": 3, "quarter": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9,
    "tenth": 10,
}
VAGUE_RANGES = {
    # what NewsQuant's annotators wrote for each vague plural (its dev set: "Dozens of people" -> 12-120)
    "dozens": (12.0, 120.0), "scores": (20.0, 200.0), "hundreds": (1e2, 1e3), "thousands": (1e3, 1e4),
    "millions": (1e6, 1e7), "billions": (1e9, 1e10), "tens of thousands": (1e4, 1e5),
    "hundreds of thousands": (1e5, 1e6), "tens of millions": (1e7, 1e8), "hundreds of millions": (1e8, 1e9),
    "tens of billions": (1e10, 1e11),
}

CURRENCY_PREFIXES = [  # longest first: the first that ends right before the digits wins
    (r"US\s?\$|\$\s?US|USD ?", "USD"), (r"A\$|AU\$|\$A|AUD ?", "AUD"), (r"C\$|CA\$|CAD ?", "CAD"),
    (r"HK\s?\$|HKD ?", "HKD"), (r"NZ\$|NZD ?", "NZD"), (r"S\$|SGD ?", "SGD"), (r"R\$|BRL ?", "BRL"),
    (r"€|EUR ?", "EUR"), (r"£|GBP ?", "GBP"), (r"¥|JPY ?|Y=", "JPY"), (r"₹|Rs\.? ?|INR ?", "INR"),
    (r"₽|RUB ?", "RUB"), (r"₴|UAH ?", "UAH"), (r"₪|NIS ?", "ILS"), (r"CHF ?", "CHF"), (r"RMB ?|CNY ?", "CNY"),
    (r"RM", "MYR"), (r"\$", "USD"),
]
# fmt: on
NEWSQUANT_PREFIXES = [(r"PS", "GBP")]
"""NewsQuant's text lost the pound sign to an encoding slip ("PS2.7m"); only its conventions read it."""

# fmt: off
CURRENCY_WORDS = {
    "dollar": "USD", "us dollar": "USD", "u.s. dollar": "USD", "american dollar": "USD", "australian dollar": "AUD",
    "canadian dollar": "CAD", "hong kong dollar": "HKD", "new zealand dollar": "NZD", "singapore dollar": "SGD",
    "taiwan dollar": "TWD", "euro": "EUR", "pound sterling": "GBP", "sterling": "GBP", "ruble": "RUB",
    "rouble": "RUB", "hryvnia": "UAH", "hryvnya": "UAH", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "shekel": "ILS", "rupee": "INR", "swiss franc": "CHF", "franc": "CHF", "danish crown": "DKK",
    "danish krone": "DKK", "norwegian krone": "NOK", "swedish krona": "SEK", "krona": "SEK", "kronor": "SEK",
    "kroner": "DKK", "peso": "MXN", "real": "BRL", "reais": "BRL", "rand": "ZAR", "lira": "TRY", "won": "KRW",
    "ringgit": "MYR", "zloty": "PLN", "forint": "HUF", "kuna": "HRK", "kn": "HRK", "€": "EUR",
}
# fmt: on
_CURRENCY_WORD_RE = "|".join(sorted((re.escape(w) for w in CURRENCY_WORDS), key=len, reverse=True))
_POUNDS_RE = r"pounds?"
"""Pounds are money only with a scale or "sterling" ("2 million pounds"); "208 pounds" is a weight."""

# fmt: off
UNITS = {
    # abbreviations and symbols -> the unit's name (the names CQE's NewsQuant gold uses)
    "km": "kilometre", "m": "metre", "cm": "centimetre", "mm": "millimetre", "μm": "micrometre", "nm": "nanometre",
    "mi": "mile", "ft": "foot", "in": "inch", "″": "inch", "yd": "yard", "m2": "square metre", "m²": "square metre",
    "sq m": "square metre", "km2": "square kilometre", "km²": "square kilometre", "sq km": "square kilometre",
    "sq ft": "square foot", "ha": "hectare", "l": "litre", "L": "litre", "ml": "millilitre", "mL": "millilitre",
    "kg": "kilogram", "g": "gram", "mg": "milligram", "lb": "pound-mass", "lbs": "pound-mass", "oz": "ounce",
    "t": "metric ton", "mph": "mile per hour", "km/h": "kilometre per hour", "kph": "kilometre per hour",
    "km/hr": "kilometre per hour", "kmh": "kilometre per hour", "W": "watt", "kW": "kilowatt", "MW": "megawatt",
    "GW": "gigawatt", "kWh": "kilowatt hour", "MWh": "megawatt hour", "GWh": "gigawatt hour",
    "TWh": "terawatt hour", "hp": "horsepower", "bhp": "brake horsepower", "mAh": "milliampere-hour", "V": "volt",
    "kV": "kilovolt", "Nm": "newton metre", "lb-ft": "foot pound-force", "GB": "gigabyte", "MB": "megabyte",
    "TB": "terabyte", "KB": "kilobyte", "Gbps": "gigabit per second", "Mbps": "megabit per second", "Hz": "hertz",
    "kHz": "kilohertz", "MHz": "megahertz", "GHz": "gigahertz", "rpm": "revolutions per minute", "°C": "celsius",
    "°F": "fahrenheit", "ppb": "parts-per-billion", "ppm": "parts per million", "dB": "decibel",
    "GPa": "gigapascal", "mpg": "mile per gallon", "min": "minute", "mins": "minute", "sec": "second",
    "secs": "second", "hr": "hour", "hrs": "hour", "bps": "basis point", "cc": "cubic centimetre",
    "mW": "milliwatt", "p": "pence",
}
SPACED_UNIT_NAMES = {
    "Fahrenheit": "fahrenheit", "Celsius": "celsius", "degrees Fahrenheit": "fahrenheit",
    "degrees Celsius": "celsius", "degrees F": "fahrenheit", "degrees C": "celsius", "cents": "cent",
    "cent": "cent", "sen": "sen", "pence": "pence", "kopecks": "kopeck", "PS": "horsepower", "per cent": "percent",
}
# fmt: on
"""Units written apart from the number that are not plain nouns to the parse ("300 Hz", "18 sen")."""
AMBIGUOUS_ABBREVIATIONS = frozenset(
    {"in", "m", "g", "l", "L", "t", "V", "W", "ha", "min", "sec", "hr", "cc", "mi", "yd", "oz"}
)
"""Abbreviations that are also words or letters ("5 in the", "Plan B"): read only when glued to the digits."""
ISO_CODES = ("USD", "EUR", "GBP", "JPY", "CHF", "RUB", "CNY", "INR", "AUD", "CAD", "HKD", "UAH", "ILS")
# fmt: off
MEASURE_WORDS = {
    # unit nouns the parse finds after a number -> the unit's name
    "mile": "mile", "miles": "mile", "kilometre": "kilometre", "kilometres": "kilometre", "kilometer": "kilometre",
    "kilometers": "kilometre", "metre": "metre", "metres": "metre", "meter": "metre", "meters": "metre",
    "foot": "foot", "feet": "foot", "inch": "inch", "inches": "inch", "yard": "yard", "yards": "yard",
    "degree": "degree", "degrees": "degree", "celsius": "celsius", "fahrenheit": "fahrenheit",
    "tonne": "metric ton", "tonnes": "metric ton", "ton": "ton", "tons": "ton", "acre": "acre", "acres": "acre",
    "hectare": "hectare", "hectares": "hectare", "gallon": "gallon", "gallons": "gallon", "litre": "litre",
    "litres": "litre", "liter": "litre", "liters": "litre", "kilogram": "kilogram", "kilograms": "kilogram",
}
# fmt: on


# fmt: off
QUALIFIERS = {
    # the words before a number -> the Figure qualifier they give it
    "well over": "over", "just over": "over", "more than": "over", "over": "over", "above": "over",
    "in excess of": "over", "upwards of": "over", "at least": "at_least", "no fewer than": "at_least",
    "no less than": "at_least", "a minimum of": "at_least", "up to": "up_to", "as many as": "up_to",
    "as much as": "up_to", "no more than": "up_to", "at most": "up_to", "a maximum of": "up_to",
    "fewer than": "under", "less than": "under", "under": "under", "below": "under", "just under": "under",
    "nearly": "about", "almost": "about", "about": "about", "around": "about", "approximately": "about",
    "roughly": "about", "some": "about", "close to": "about", "an estimated": "about", "estimated": "about",
    "likely": "about", "an average of": "about", "circa": "about", "~": "about", "≈": "about",
}
# fmt: on
_QUALIFIER_RE = re.compile(
    r"(?<![\w])(?P<word>" + "|".join(re.escape(q) for q in sorted(QUALIFIERS, key=len, reverse=True)) + r")"
    r"(?P<gap>[\s\"“”'‘’]*)$",
    re.IGNORECASE,
)

_WORD = "|".join(
    sorted(SMALL_WORDS + ["hundred", "thousand", "million", "billion", "trillion", "dozen"], key=len, reverse=True)
)
_WORDS_RE = rf"(?:\ba\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?\b(?:{_WORD})\b(?:(?:[\s-]+(?:and[\s-]+)?)(?:{_WORD})\b)*"
_DIGITS_RE = r"\d{1,3}(?:,\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?|(?<![\d])\.\d+"
CORE = re.compile(rf"(?P<digits>{_DIGITS_RE})|(?P<words>{_WORDS_RE})", re.IGNORECASE)
SCALE_AFTER = re.compile(r"(?:[\s-]*\b(?:hundred|thousand|million|billion|trillion|dozen)\b)+", re.IGNORECASE)
ABBREVIATED_SCALE = re.compile(r"\s?(mn|mln|bn|bln|tn|trn)\b|(M|B|K)\b|(m|b|k)\b")
PERCENT_AFTER = re.compile(
    r"\s?(?:%|per\s?cent(?:age\s+points?)?\b|percent(?:age\s+points?)?\b|pc\b|pct\b)", re.IGNORECASE
)
AGE_AFTER = re.compile(r"[\s-]?(year|month|week|day)s?[\s-]old\b", re.IGNORECASE)
CURRENCY_AFTER = re.compile(
    rf"\s?(?:(?P<word>{_CURRENCY_WORD_RE})(?:e?s)?(?![A-Za-z])|(?P<pounds>{_POUNDS_RE})(?P<sterling>\s+sterling)?\b)",
    re.IGNORECASE,
)
_SPACED = sorted(
    [u for u in UNITS if u not in AMBIGUOUS_ABBREVIATIONS] + list(SPACED_UNIT_NAMES), key=len, reverse=True
)
SPACED_UNIT = re.compile(r"\s(?P<unit>" + "|".join(re.escape(u) for u in _SPACED) + r")(?![\w/])")
ISO_AFTER = re.compile(r"\s?(?P<code>" + "|".join(ISO_CODES) + r")(?![a-z])")
HALF_AFTER = re.compile(r"\s+and\s+a\s+half\b", re.IGNORECASE)
GLUED_UNIT = re.compile(r"([A-Za-zμ°″/]+[23²³]?(?:-[A-Za-z]+)?)")
FRACTION = re.compile(
    rf"\b(?:(?P<numerator>a|an|one|two|three|four|five|six|seven|eight|nine)[\s-]+)?(?P<denominator>half|halves|{'|'.join(d + 's?' for d in DENOMINATORS if d not in ('half', 'halves'))})\b"
    r"(?=\s+(?:of|a|an)\b)",
    re.IGNORECASE,
)
DIGIT_FRACTION = re.compile(r"(?<![\w/])(\d+)\s?[/⁄](\d+)(?=\s+of\b)")
ONE_IN = re.compile(
    rf"\b(one|\d+)\s+(?:in|out\s+of)\s+(\d+|{'|'.join(SMALL_WORDS[2:11])})\b(?=\s+[a-z]*[A-Za-z])", re.IGNORECASE
)
VAGUE = re.compile(
    r"\b(?:(?:tens|hundreds)\s+of\s+(?:thousands|millions|billions)|dozens|hundreds|thousands|millions|billions|scores(?=\s+of\b))\b"
    r"|\b(?:several|a\s+few)\s+(?:hundred|thousand|million|billion|dozen)\b",
    re.IGNORECASE,
)
VAGUE_MONEY = re.compile(rf"\s+of\s+(?:(?P<word>{_CURRENCY_WORD_RE})s?|(?P<pounds>pounds))\b", re.IGNORECASE)
RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to-?)\s*|\s+(?:and|or)\s+", re.IGNORECASE)
MONTH = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)"
NOT_AMOUNTS = re.compile(
    rf"\b{MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}})?"  # Nov. 12, 2022
    rf"|\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{MONTH}\b(?:,?\s+\d{{4}})?"  # 12 November
    rf"|\b{MONTH}\s+\d{{4}}\b"  # September 2019
    r"|\b\d{1,2}[:.]\d{2}\s?(?:[ap]\.?m\b\.?)|\b\d{1,2}:\d{2}(?::\d{2})?|\b\d{1,2}\s?[ap]\.?m\b\.?"  # clock times
    r"|\b\d{1,4}[/.-]\d{1,2}[/.-]\d{2,4}\b"  # 11/12/2022, 2022-11-12
    r"|(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?|\b\d{3}[\s.-])\d{3}[\s.-]\d{4}\b"  # phone numbers
    r"|(?:No\.|#)\s?\d+"  # No. 5, #3
    r"|['’]\d0s\b|\b\d{3}0s\b"  # the '90s, the 1990s
    r"|\d+(?:\.\d+)?\s?[×x]\s?10[−-]?\d+"  # 1.99×10−30: scientific notation, rare in news
)


@dataclass(frozen=True)
class Amount:
    """One stated amount: `text == source[start:end]`; a vague or range amount has `value` None."""

    text: str
    start: int
    end: int
    value: float | None
    low: float | None = None
    high: float | None = None
    kind: str = "number"
    """number | money | percent | age | fraction | vague | measure"""
    unit: str | None = None
    """ISO code for money, "percent", "years of age", or a measure's name ("kilometre")."""
    vague: str | None = None
    spelled: bool = False
    """Written in words ("forty"): words such as "one" are often not counts, figures.py checks them."""
    from_to: bool = False
    """A "from A to B" pair: two values (a change) in news, a range for NewsQuant."""

    @property
    def is_range(self) -> bool:
        return self.value is None and self.low is not None and self.high is not None


def words_to_number(words: str) -> float | None:
    """ "forty-two" -> 42, "a hundred" -> 100, "two dozen" -> 24; None when the words are not one number.

    >>> words_to_number("three hundred and forty two"), words_to_number("a dozen")
    (342.0, 12.0)
    """
    phrase = re.sub(r"^a\s+", "one ", words.strip().lower())
    if phrase == "dozen":
        return None  # "a baker's dozen": the noun, not a number
    dozens = phrase.count("dozen")
    phrase = re.sub(r"[\s-]*\bdozen\b", "", phrase).strip() or "one"
    try:
        value = float(text2num(phrase, "en"))
    except ValueError:
        return None
    return value * 12**dozens


def _parse_digits(digits: str) -> float:
    return float(digits.replace(",", ""))


def _currency_before(text: str, start: int, newsquant: bool) -> tuple[str, int] | None:
    """(ISO code, start of the symbol) when a currency symbol or code ends right before `start`."""
    before = text[max(0, start - 6) : start]
    prefixes = CURRENCY_PREFIXES + (NEWSQUANT_PREFIXES if newsquant else [])
    for pattern, code in prefixes:
        match = re.search(rf"(?:{pattern})\s?$", before)
        if match and (match.start() == 0 or not before[match.start() - 1].isalpha() or pattern.startswith(r"\$")):
            return code, start - (len(before) - match.start())
    return None


def _read_one(text: str, core: re.Match[str], newsquant: bool) -> Amount | None:
    """The amount starting at a number core: currency, sign, scale, percent, age or unit around it."""
    start, end = core.span()
    spelled = core.group("words") is not None
    value = words_to_number(core.group()) if spelled else _parse_digits(core.group())
    if value is None:
        return None
    kind, unit = "number", None
    currency = _currency_before(text, start, newsquant)
    if currency is None and text[start - 1 : start] == "-":
        currency = _currency_before(text, start - 1, newsquant)  # "$-50.8bn"
    if currency:
        kind, unit = "money", currency[0]
        start = currency[1]
    elif not spelled and start > 0 and (text[start - 1].isalpha() or text[start - 1] in "_"):
        return None  # G20, A320, COVID19: a code, not an amount
    negative = re.search(r"(?:\bminus[\s-]?|−|(?<=[$€£])-)$", text[max(0, start - 6) : core.start() + 0])
    if negative:
        value = -value
        start = min(start, core.start() - len(negative.group()))
    if (scale := SCALE_AFTER.match(text, end)) is not None:
        for word in re.findall(r"[a-z]+", scale.group().lower()):
            value *= SCALES[word]
        end = scale.end()
    elif not spelled and (short := ABBREVIATED_SCALE.match(text, end)) is not None:
        # "2.5bn" and "$13.6M" anywhere; a bare "m" or "k" only after a currency ("50m" is metres)
        abbreviation = short.group(1) or short.group(2) or (short.group(3) if kind == "money" else None)
        if abbreviation:
            value *= SCALE_ABBREVIATIONS[abbreviation.lower()]
            end = short.end()
    if (half := HALF_AFTER.match(text, end)) is not None:
        value += 0.5
        end = half.end()
    if kind == "number" and (percent := PERCENT_AFTER.match(text, end)) is not None:
        kind, unit, end = "percent", "percent", percent.end()
        if "point" in percent.group().lower():
            unit = "percentage points"
    elif kind == "number" and (age := AGE_AFTER.match(text, end)) is not None:
        kind, unit, end = "age", f"{age.group(1).lower()}s of age", age.end()
    elif kind == "number" and (money := CURRENCY_AFTER.match(text, end)) is not None:
        word = money.group("word")
        if word and not (word.lower() == "real" and not scale):
            kind, unit, end = "money", CURRENCY_WORDS[word.lower()], money.end()
        elif money.group("pounds") and (scale or money.group("sterling")):
            kind, unit, end = "money", "GBP", money.end()
    elif kind == "number" and (code := ISO_AFTER.match(text, end)) is not None:
        kind, unit, end = "money", code.group("code"), code.end()
    elif kind == "number" and (spaced := SPACED_UNIT.match(text, end)) is not None:
        written = spaced.group("unit")
        kind, unit, end = "measure", UNITS.get(written) or SPACED_UNIT_NAMES[written], spaced.end()
        if unit == "percent":
            kind = "percent"
    elif not spelled and (glued := GLUED_UNIT.match(text, end)) is not None:
        letters = glued.group(1)
        if re.fullmatch(r"(?:st|nd|rd|th|s)(?:-.*)?", letters, re.IGNORECASE) or re.fullmatch(
            r"[ap]m", letters, re.IGNORECASE
        ):
            return None  # 4th, 1990s, Model 3s, 5pm
        base = letters.split("-")[0]
        name = UNITS.get(letters) or UNITS.get(base) or (UNITS.get(base.lower()) if len(base) > 2 else None)
        if name is None:
            return None  # 4G, 3D, 2FA: a name, not an amount
        kind, unit, end = "measure", name, end + len(letters.split("-")[0])
    return Amount(text[start:end], start, end, value, kind=kind, unit=unit, spelled=spelled)


SCALE_AT_END = re.compile(
    r"\d\s?(hundred|thousand|million|billion|trillion|mn|mln|bn|bln|tn|trn|[mbkMBK])\b", re.IGNORECASE
)
UNIT_THEN_TO = re.compile(r"\s+[A-Za-z./]+(?:\s+[A-Za-z./]+){0,2}\s+to\s+")


def _join_range(text: str, first: Amount, second: Amount, join: str, context: str, newsquant: bool) -> Amount | None:
    """One range from two amounts joined by "-", "to", "and" (after "between") or "or"; None when they are two.

    `join` is "dash", "to", "and", "or", or "to-unit" ("from 208 pounds to 193", NewsQuant's reading only).
    """
    low, high = first.value, second.value
    if low is None or high is None:
        return None
    if first.kind != second.kind and (first.kind != "number" or second.kind == "number"):
        return None  # "up 9.4 per cent to $84": a change and a price, not a range
    between = re.search(r"\bbetween\s+$", context, re.IGNORECASE)
    if join == "and" and not between:
        return None
    if join == "or" and not (0 < low < high <= 10 * low and first.spelled == second.spelled):
        return None  # "three or four years" is a range; "5 or 500" is two figures
    from_to = join in ("to", "to-unit") and bool(
        re.search(r"\bfrom\s+(?:about\s+|around\s+|up\s+to\s+)?$", context, re.IGNORECASE)
    )
    if join == "to-unit" and not (from_to and newsquant):
        return None
    if join == "to" and first.kind != "number" and re.search(r"\bby\s+$", context, re.IGNORECASE):
        return None  # "increased by $43.6 billion to $419.2 billion": the change, then the level
    if from_to and not newsquant and not re.search(r"\b(?:rang\w*|vary\w*|varied)\s+from\s+$", context, re.IGNORECASE):
        return None  # "rose from 5% to 7%": a change between two figures, each its own
    scale = SCALE_AT_END.search(second.text) if not second.spelled else None
    if scale and not SCALE_AT_END.search(first.text) and not first.spelled:
        # "$89 to $93 billion", "1 to 2 thousand": a scale written once applies to both ends
        word = scale.group(1).lower()
        factor = SCALES.get(word) or SCALE_ABBREVIATIONS.get(word, 1.0)
        if low * factor <= high:
            low *= factor
    if not from_to and low >= high:
        return None  # 2-0, 89-89: a score; "5 to 3": not a range
    kind = second.kind if second.kind != "number" else first.kind
    start = first.start - (len(context) - between.start() if between else 0)
    return Amount(
        text[start : second.end],
        start,
        second.end,
        None,
        low,
        high,
        kind=kind,
        unit=second.unit or first.unit,
        spelled=first.spelled and second.spelled,
        from_to=from_to,
    )


def _join_kind(joiner: str) -> str | None:
    """How two neighbouring amounts are joined: "dash", "to", "and", "or", "to-unit", or None (not joined)."""
    if RANGE_JOIN.fullmatch(joiner):
        word = joiner.strip().lower()
        return "to" if word.startswith("to") else "dash" if word in ("-", "–", "—") else word
    if UNIT_THEN_TO.fullmatch(joiner):
        return "to-unit"
    return None


def _specials(text: str) -> list[Amount]:
    """Fractions ("two-thirds of"), "one in five", and vague plurals ("dozens", "tens of thousands")."""
    found: list[Amount] = []
    for match in FRACTION.finditer(text):
        numerator = match.group("numerator")
        if numerator is None and match.group("denominator").lower() not in ("half",):
            continue
        if numerator is None and re.search(
            r"\b(?:the|this|that|first|second|last|each|per)\s+$", text[: match.start()], re.IGNORECASE
        ):
            continue  # "the first half", "this half": a period, not a share
        top = 1.0 if numerator is None or numerator.lower() in ("a", "an") else words_to_number(numerator) or 1.0
        denominator = DENOMINATORS[
            re.sub(r"s$", "", match.group("denominator").lower())
            if match.group("denominator").lower() != "halves"
            else "half"
        ]
        found.append(
            Amount(
                match.group(),
                match.start(),
                match.end(),
                top / denominator,
                kind="fraction",
                unit="fraction",
                spelled=True,
            )
        )
    for match in DIGIT_FRACTION.finditer(text):
        top, bottom = float(match.group(1)), float(match.group(2))
        if bottom:
            found.append(
                Amount(match.group(), match.start(), match.end(), top / bottom, kind="fraction", unit="fraction")
            )
    for match in ONE_IN.finditer(text):
        top = words_to_number(match.group(1)) if not match.group(1).isdigit() else float(match.group(1))
        bottom = words_to_number(match.group(2)) if not match.group(2).isdigit() else float(match.group(2))
        if top and bottom and top < bottom:
            found.append(
                Amount(
                    match.group(),
                    match.start(),
                    match.end(),
                    top / bottom,
                    kind="fraction",
                    unit="fraction",
                    spelled=True,
                )
            )
    for match in VAGUE.finditer(text):
        vague = re.sub(r"\s+", " ", match.group().lower())
        end, kind, unit = match.end(), "vague", None
        if (money := VAGUE_MONEY.match(text, end)) is not None:
            kind, unit = (
                "money",
                CURRENCY_WORDS.get((money.group("word") or "").lower(), "GBP" if money.group("pounds") else None),
            )
        found.append(Amount(match.group(), match.start(), end, None, kind=kind, unit=unit, vague=vague, spelled=True))
    return found


def _overlaps(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in taken)


def scan(text: str, newsquant: bool = False) -> list[Amount]:
    """Every amount stated in `text`, in order; dates, clock times, phone and list numbers are left out.

    `newsquant` reads text the way the NewsQuant gold does: "from 240 to 273" is one range and
    "PS2.7m" is £2.7 million. The default reads news: "from 240 to 273" is two figures.

    >>> [(a.text, a.value, a.kind) for a in scan("Prices rose 12% to €40m on Nov. 12")]
    [('12%', 12.0, 'percent'), ('€40m', 40000000.0, 'money')]
    """
    blocked = [m.span() for m in NOT_AMOUNTS.finditer(text)]
    amounts = [a for a in _specials(text) if not _overlaps((a.start, a.end), blocked)]
    taken = blocked + [(a.start, a.end) for a in amounts]
    singles: list[Amount] = []
    for core in CORE.finditer(text):
        if _overlaps(core.span(), taken) or (singles and core.start() < singles[-1].end):
            continue
        before = text[: core.start()]
        if re.search(r"[A-Za-z]-$", before) and not re.search(r"\b(?:minus|sub|to|now|over|under)-$", before, re.I):
            continue  # COVID-19, F-35, TA-125: part of a name
        if re.search(r"\b[A-Z]{2,}\s-$", before):
            continue  # "COVID -19"
        amount = _read_one(text, core, newsquant)
        if amount is not None and not _overlaps((amount.start, amount.end), blocked):
            singles.append(amount)
    merged: list[Amount] = []
    index = 0
    while index < len(singles):
        amount = singles[index]
        if index + 1 < len(singles):
            following = singles[index + 1]
            joiner = text[amount.end : following.start]
            join = _join_kind(joiner)
            if join and not _overlaps((amount.end, following.start), taken):
                joined = _join_range(text, amount, following, join, text[: amount.start], newsquant)
                if joined is not None:
                    merged.append(joined)
                    index += 2
                    continue
                if (
                    join == "dash"
                    and following.value is not None
                    and amount.value is not None
                    and following.value <= amount.value
                ):
                    index += 2  # a score ("2-0"): neither number counts anything
                    continue
        merged.append(amount)
        index += 1
    return sorted(amounts + merged, key=lambda a: a.start)


def qualifier_before(text: str, start: int) -> tuple[str, str, int] | None:
    """(qualifier, its words, where they start) when a qualifier ends right before `start`.

    Quote marks may stand between: in `"well over" 100,000` the qualifier is over.

    >>> qualifier_before("killed more than 100", 17)
    ('over', 'more than', 7)
    """
    match = _QUALIFIER_RE.search(text[max(0, start - 24) : start])
    if match is None:
        return None
    return QUALIFIERS[match.group("word").lower()], match.group("word"), start - len(match.group())


def with_vague_range(amount: Amount) -> Amount:
    """NewsQuant's reading of a vague plural: "dozens" -> 12 to 120 (None when it has no reading)."""
    if amount.vague and amount.vague in VAGUE_RANGES:
        low, high = VAGUE_RANGES[amount.vague]
        return replace(amount, low=low, high=high)
    return amount
