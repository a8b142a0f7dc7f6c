"""Precision, recall and F1 counts, and greedy one-to-one matching: shared by every evaluation."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

G = TypeVar("G")
S = TypeVar("S")


@dataclass
class PRF:
    """True positives, system items and gold items; precision, recall and F1 derived."""

    tp: int = 0
    n_system: int = 0
    n_gold: int = 0

    def add(self, tp: int, n_system: int, n_gold: int) -> None:
        self.tp += tp
        self.n_system += n_system
        self.n_gold += n_gold

    @property
    def precision(self) -> float:
        return self.tp / self.n_system if self.n_system else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "system": self.n_system,
            "gold": self.n_gold,
        }


def match(gold: Sequence[G], system: Sequence[S], same: Callable[[G, S], bool]) -> int:
    """Greedy one-to-one matching in gold order; returns the number of matched gold items."""
    used: set[int] = set()
    matched = 0
    for g in gold:
        for i, s in enumerate(system):
            if i not in used and same(g, s):
                used.add(i)
                matched += 1
                break
    return matched


def norm(text: Any) -> str:
    """Case, quote marks, dashes and white space folded: for lenient text comparison."""
    s = unicodedata.normalize("NFKC", str(text or "")).lower()
    s = re.sub(r"[\"'“”‘’«»]", "", s)
    s = re.sub(r"[^\w$%.,-]+", " ", s)
    return re.sub(r"\s+", " ", s).strip(" .,")


def token_overlap(a: str, b: str) -> float:
    """Jaccard overlap of the normalised word sets."""
    x, y = set(norm(a).split()), set(norm(b).split())
    return len(x & y) / max(1, len(x | y))


def same_name(a: Any, b: Any) -> bool:
    """Names match when equal, when one contains the other, or on the surname."""
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    return x == y or x in y or y in x or x.split()[-1] == y.split()[-1]


def kilometres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, l1, p2, l2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))
