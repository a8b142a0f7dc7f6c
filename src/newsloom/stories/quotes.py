"""Quotes grouped by speaker across a story, with the variants outlets print.

Two outlets rarely print a quote identically: a comma moves, a word changes ("from nowhere" /
"out of nowhere"), one trims the end. Quotes of one speaker whose words overlap enough are one
quote with variants; that drift is itself a finding, so the variants are kept, not merged away.

>>> docs = [{"id": "a", "source": "a.txt", "outlet": "A", "quotes": [{"text": "The water came out of nowhere.", "speaker": "Ana Lima", "start": 0, "end": 30}]},
...         {"id": "b", "source": "b.txt", "outlet": "B", "quotes": [{"text": "The water came from nowhere,", "speaker": "Ana Lima", "start": 5, "end": 33}]}]
>>> [(q["text"], [v["text"] for v in q["variants"]]) for q in quotes_by_speaker(docs)["Ana Lima"]]
[('The water came out of nowhere.', ['The water came from nowhere,'])]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from rapidfuzz import fuzz

SAME_QUOTE = 75  # rapidfuzz token-set ratio; rewordings of one quote score 80-100, different quotes of one speaker under 60
MIN_WORDS = 3  # a two-word partial quote ("difficult decision") is matched only when identical


def _normalized(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.lower()).split())


def quotes_by_speaker(documents: Sequence[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Speaker -> quotes, each {text, article, source, outlet, start, end, kind, variants: [...]}."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for d in documents:
        for q in d.get("quotes", []):
            speaker = q.get("speaker") or "unattributed"
            record = {
                "text": q["text"],
                "article": d["id"],
                "source": d.get("source"),
                "outlet": d.get("outlet"),
                "start": q.get("start"),
                "end": q.get("end"),
                "kind": q.get("kind"),
                "cue": q.get("cue"),
            }
            quotes = grouped.setdefault(speaker, [])
            match = next((existing for existing in quotes if _same(existing["text"], q["text"])), None)
            if match is None:
                quotes.append(dict(record, variants=[], outlets=[d.get("outlet")]))
            else:
                if d.get("outlet") not in match["outlets"]:
                    match["outlets"].append(d.get("outlet"))
                if _normalized(match["text"]) != _normalized(q["text"]) or match["article"] != d["id"]:
                    match["variants"].append(record)
    return dict(sorted(grouped.items(), key=lambda kv: (kv[0] == "unattributed", -len(kv[1]), kv[0])))


def _same(a: str, b: str) -> bool:
    x, y = _normalized(a), _normalized(b)
    if x == y:
        return True
    if min(len(x.split()), len(y.split())) < MIN_WORDS:
        return False
    return fuzz.token_set_ratio(x, y) >= SAME_QUOTE and fuzz.ratio(x, y) >= SAME_QUOTE - 15
