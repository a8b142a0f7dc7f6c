"""Independent sources: wire copies, one agency's reporting and one outlet's articles count once.

Two outlets printing the same agency story are one source reported twice; an outlet's own story and
the agency copy it also printed are two. `story.wire_copies` (near-duplicate text found by
clustering) joins articles even when they credit nobody.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..models import Story
from ..stages.clean import outlet_key


@dataclass
class Provenance:
    """Who an article's reporting comes from, for counting independent sources."""

    source_of: dict[str, str] = field(default_factory=dict)
    """article id -> independent source key (shared by copies, one outlet, one wire agency)."""
    labels: dict[str, str] = field(default_factory=dict)
    """independent source key -> a readable name ("AFP", "Fox News")."""

    def count(self, articles: Iterable[str]) -> int:
        return len({self.source_of[a] for a in articles})

    def names(self, articles: Iterable[str]) -> list[str]:
        return sorted({self.labels[self.source_of[a]] for a in articles})


def provenance(documents: Sequence[dict[str, Any]], story: Story) -> Provenance:
    """Independent sources: union of articles that copy one another, carry one wire agency's
    reporting, or are one outlet's own reporting."""
    parent = {d["id"]: d["id"] for d in documents}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def union(a: str, b: str) -> None:
        parent[find(a)] = find(b)

    first_by: dict[str, str] = {}
    for d in documents:
        # An article that credits a wire agency is that agency's reporting; an outlet's own
        # reporting is the outlet's. One outlet can be both (its own story and a wire copy).
        keys = [f"wire:{w}" for w in d.get("wire_agencies", [])]
        if not keys and d.get("outlet"):
            keys.append(f"outlet:{outlet_key(d['outlet'])}")
        for key in keys:
            if key in first_by:
                union(d["id"], first_by[key])
            else:
                first_by[key] = d["id"]
    for copy, original in story.wire_copies.items():
        if copy in parent and original in parent:
            union(copy, original)
    result = Provenance()
    for d in documents:
        root = find(d["id"])
        result.source_of[d["id"]] = root
    for root in set(result.source_of.values()):
        members = [d for d in documents if result.source_of[d["id"]] == root]
        wires = sorted({w for d in members for w in d.get("wire_agencies", [])})
        outlets = sorted({d.get("outlet") or "unknown outlet" for d in members})
        result.labels[root] = wires[0] if wires else outlets[0]
    return result
