"""Score the figures stage on NewsQuant (news sentences, each with its quantities) as the CQE paper does.

CQE (Almasian et al., EMNLP 2023) scores quantity extraction sentence by sentence, at two levels:
- value: a gold quantity is found when some extracted quantity has the same value (numpy `isclose`,
  relative 1e-5; a range `a-b` must match as a pair), counted at most once per gold quantity;
- value+unit: the value and the normalised unit both match, and that extracted quantity is used up.
Precision divides by every quantity extracted, recall by every gold one. Its loop has a quirk we
keep so that our numbers compare with the paper's: an extracted quantity whose unit did not match
stays available, so one extraction can give the value credit to two gold quantities of a sentence.

Our figures are read with `conventions="newsquant"` (see `figures.find_figures`): NewsQuant counts
generic "one X", reads "from A to B" as a range and gives vague plurals a range ("dozens" = 12-120).

>>> score(Path("../shared/data/newsquant"), limit=20)["value"]["f1"]  # doctest: +SKIP
0.93
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from spacy.language import Language

from ..errors import UsageError
from ..models import Figure
from ..stages import figures, language
from ..stages.figures import amounts
from .scores import PRF

Value = float | tuple[float, float]

# fmt: off
CURRENCY_NAMES = {
    "USD": "dollar", "EUR": "euro", "GBP": "pound sterling", "JPY": "japanese yen", "AUD": "australian dollar",
    "CAD": "canadian dollar", "HKD": "hong kong dollar", "NZD": "new zealand dollar", "SGD": "singapore dollar",
    "ILS": "shekel", "DKK": "danish krone", "NOK": "norwegian krone", "SEK": "swedish krona",
    "MYR": "malaysian ringgit", "CNY": "chinese yuan", "INR": "indian rupee", "RUB": "russian ruble",
    "CHF": "swiss franc", "HRK": "croatian kuna", "UAH": "ukrainian hryvnia", "BRL": "brazilian real",
    "ZAR": "south african rand", "TRY": "turkish lira", "KRW": "south korean won", "MXN": "mexican peso",
    "PLN": "polish zloty", "HUF": "hungarian forint", "TWD": "taiwan dollar",
}
# fmt: on
"""Our ISO codes -> the unit names of NewsQuant's `normalized_unit`."""
# fmt: off
UNIT_NAMES = {
    "percent": "percentage", "percentage points": "percentage point", "years of age": "year of age",
    "months of age": "month of age", "weeks of age": "week of age", "days of age": "day of age", "fraction": "-",
}
# fmt: on

KNOWN_NAMES = (
    frozenset(amounts.UNITS.values())
    | frozenset(amounts.SPACED_UNIT_NAMES.values())
    | frozenset(amounts.MEASURE_WORDS.values())
)
"""Unit names our tables already give in NewsQuant's form ("milliampere-hour"): not lemmatised again."""


@dataclass(frozen=True)
class Quantity:
    """One quantity as CQE compares it: a value (a pair for a range) and a normalised unit."""

    value: Value
    unit: str


def read_newsquant(data_dir: Path) -> list[dict[str, Any]]:
    """The sentences of the NewsQuant file in `data_dir` (`NewsQuant-dev.json`, or any `NewsQuant*.json`)."""
    paths = sorted(Path(data_dir).glob("NewsQuant*.json"))
    if not paths:
        raise UsageError(f"no NewsQuant*.json in {data_dir}: pass the folder that holds NewsQuant-dev.json")
    return json.loads(paths[0].read_text(encoding="utf-8"))


def gold_value(raw: str, average_ranges: bool = False) -> Value:
    """CQE's reading of a gold value: "12-120" is a range (averaged for systems that give one value)."""
    raw = raw.strip()
    if "E" not in raw and not raw.startswith("-") and "-" in raw:
        low, high = (float(part) for part in raw.split("-")[:2])
        return (low + high) / 2 if average_ranges else (low, high)
    return float(raw)


def values_match(gold: Value, system: Value) -> bool:
    """numpy.isclose(gold, system) with CQE's tolerances; a range only matches a range."""
    if isinstance(gold, tuple) != isinstance(system, tuple):
        return False
    pairs = zip(gold, system, strict=False) if isinstance(gold, tuple) else [(gold, system)]
    return all(abs(g - s) <= 1e-8 + 1e-5 * abs(s) for g, s in pairs)


def cqe_counts(gold: Sequence[Quantity], system: Sequence[Quantity]) -> tuple[int, int]:
    """(value matches, value+unit matches) in one sentence, in CQE's loop order (sorted by unit)."""
    tags = sorted(system, key=lambda q: q.unit)
    remaining = len(gold)
    correct_value = correct_unit = 0
    for quantity in sorted(gold, key=lambda q: q.unit):
        for tag in tags:
            if values_match(quantity.value, tag.value):
                if remaining > 0:
                    correct_value += 1
                    remaining -= 1
                if tag.unit == quantity.unit:
                    correct_unit += 1
                    tags.remove(tag)
                    break
    return correct_value, correct_unit


def cqe_scores(pairs: Iterable[tuple[Sequence[Quantity], Sequence[Quantity]]]) -> dict[str, dict[str, float | int]]:
    """Value and value+unit precision, recall and F1 over (gold, system) quantities per sentence."""
    value, value_unit = PRF(), PRF()
    for gold, system in pairs:
        correct_value, correct_unit = cqe_counts(gold, system)
        value.add(correct_value, len(system), len(gold))
        value_unit.add(correct_unit, len(system), len(gold))
    return {"value": value.as_dict(), "value+unit": value_unit.as_dict()}


def gold_quantities(sentence: dict[str, Any], average_ranges: bool = False) -> list[Quantity]:
    return [
        Quantity(gold_value(q["value"], average_ranges), q["normalized_unit"].lower().strip())
        for q in sentence["quantities"]
    ]


def unit_name(nlp: Language, unit: str | None) -> str:
    """Our unit in NewsQuant's normalised form: ISO code -> "dollar", "towns" -> "town", None -> "-"."""
    if not unit:
        return "-"
    head, _, rate = unit.partition(" per ")
    if rate:
        return f"{unit_name(nlp, head)} per {unit_name(nlp, rate)}"
    if unit in CURRENCY_NAMES or unit in UNIT_NAMES:
        return CURRENCY_NAMES.get(unit) or UNIT_NAMES[unit]
    if unit in KNOWN_NAMES:
        return unit
    words = [t.lemma_.lower() + t.whitespace_ for t in nlp(unit) if t.dep_ != "cc" and t.lower_ not in ("and", "of")]
    return "".join(words).strip() or "-"


def figure_quantity(nlp: Language, figure: Figure) -> Quantity | None:
    """A figure as a CQE quantity (None for a figure without a number, e.g. "for weeks")."""
    if figure.value is not None:
        value: Value = figure.value
    elif figure.low is not None and figure.high is not None:
        value = (figure.low, figure.high)
    else:
        return None
    return Quantity(value, unit_name(nlp, figure.unit))


def extract(
    nlp: Language, sentences: Sequence[str], conventions: figures.Conventions = "newsquant"
) -> list[list[Quantity]]:
    """Our figures in each sentence, as CQE quantities (each sentence parsed as one paragraph)."""
    items = [(text, language.content_spans(text), None) for text in sentences]
    parsed = language.parse_many(nlp, items)
    found = []
    for text, paragraphs in zip(sentences, parsed, strict=False):
        quantities = [
            figure_quantity(nlp, f) for f in figures.find_figures(paragraphs, [], [], [], text, conventions=conventions)
        ]
        found.append([q for q in quantities if q is not None])
    return found


def score(
    data_dir: Path,
    limit: int | None = None,
    conventions: figures.Conventions = "newsquant",
    nlp: Language | None = None,
) -> dict[str, Any]:
    """Value and value+unit P/R/F1 of our figures on the NewsQuant sentences in `data_dir`."""
    sentences = read_newsquant(data_dir)[:limit]
    nlp = nlp or language.load_pipeline()
    system = extract(nlp, [s["text"] for s in sentences], conventions)
    result = cqe_scores((gold_quantities(s), found) for s, found in zip(sentences, system, strict=False))
    return {"sentences": len(sentences), "conventions": conventions, **result}


def misses(data_dir: Path, limit: int | None = None, nlp: Language | None = None) -> list[str]:
    """One line per sentence where our values and the gold's differ: for reading errors, not scoring."""
    sentences = read_newsquant(data_dir)[:limit]
    nlp = nlp or language.load_pipeline()
    lines = []
    for sentence, found in zip(sentences, extract(nlp, [s["text"] for s in sentences]), strict=False):
        gold = gold_quantities(sentence)
        extra = [q for q in found if not any(values_match(g.value, q.value) for g in gold)]
        missed = [g for g in gold if not any(values_match(g.value, q.value) for q in found)]
        if extra or missed:
            lines.append(
                f"{sentence['text']}\n  missed {[(g.value, g.unit) for g in missed]}\n  extra  {[(q.value, q.unit) for q in extra]}"
            )
    return lines


# fmt: off
__all__ = [
    "Quantity", "cqe_counts", "cqe_scores", "extract", "gold_quantities", "gold_value", "misses", "read_newsquant",
    "score", "values_match",
]
# fmt: on
