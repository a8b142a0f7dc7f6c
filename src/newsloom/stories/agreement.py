"""When do two reported figures agree? Intervals from qualifiers, compared with a tolerance.

"over 40 towns" and "41 settlements" agree (41 lies above 40); "more than 100,000" and "well over
100,000" agree; "12 dead" and "19 dead" conflict. A figure becomes the interval of values its
words allow, and two figures agree when their intervals meet, after widening exact values by a
small tolerance for rounding ("about 2,000" vs "1,950").

>>> agree({"value": 41, "qualifier": "exact"}, {"value": 40, "low": 40, "qualifier": "over"})
True
>>> agree({"value": 12, "qualifier": "exact"}, {"value": 19, "qualifier": "exact"})
False
"""

from __future__ import annotations

import math
from typing import Any

ROUNDING = 0.05  # reporters round: 1,950 reported as "about 2,000" is the same figure
ABOUT = 0.15  # "about", "around", "nearly": ±15%
OPEN_ENDED = 1.5  # "more than 20" is said of 24, rarely of 30: reporters round down to the nearest round number


def interval(figure: dict[str, Any]) -> tuple[float, float] | None:
    """The values a figure allows, or None when it has no number (dozens, weeks)."""
    value, low, high = figure.get("value"), figure.get("low"), figure.get("high")
    qualifier = figure.get("qualifier") or "exact"
    if qualifier == "range" and low is not None and high is not None:
        return float(low), float(high)
    if value is None:
        if low is not None:
            return float(low), float(low) * OPEN_ENDED
        if high is not None:
            return 0.0, float(high)
        return None
    v = float(value)
    if qualifier in ("over", "at_least"):
        return v, v * OPEN_ENDED if v > 0 else math.inf
    if qualifier in ("up_to", "under"):
        return 0.0, v
    if qualifier == "about":
        return v * (1 - ABOUT), v * (1 + ABOUT)
    return v * (1 - ROUNDING), v * (1 + ROUNDING)


def agree(a: dict[str, Any], b: dict[str, Any]) -> bool | None:
    """True when the figures can be the same number, False when they cannot, None when unknown."""
    x, y = interval(a), interval(b)
    if x is None or y is None:
        return None
    return x[0] <= y[1] and y[0] <= x[1]


def same_unit(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Money compares with money of the same currency, percentages with percentages, counts with counts."""
    special = {"USD", "EUR", "GBP", "percent", "years of age"}
    ua, ub = a.get("unit"), b.get("unit")
    if ua in special or ub in special:
        return ua == ub
    return True
