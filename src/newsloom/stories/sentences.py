"""Sentence spans of an article's lines, without cutting "Gen. Milley" or "U.S. forces" in two.

>>> text = "Gen. Mark Milley spoke. U.S. forces stayed."
>>> [text[s:e] for s, e in split_sentences(text, 0, len(text))]
['Gen. Mark Milley spoke.', 'U.S. forces stayed.']
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z0-9])")
ABBREVIATIONS = frozenset(
    ["mr", "ms", "mrs", "dr", "st", "no", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "inc", "co", "corp", "vs", "etc", "jr", "sr", "prof", "rev"]
)


def split_sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans within text[start:end] (article offsets); "Gen. Milley" and "U.S. forces" stay whole."""
    spans, cursor = [], start
    for match in SENTENCE_END.finditer(text, start, end):
        before = text[cursor : match.start() + 1].split()
        word = before[-1].lower().rstrip(".!?").lstrip("\"“‘'(") if before else ""
        if word in ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue  # an abbreviation or an initial, not the end of a sentence
        spans.append((cursor, match.start() + len(match.group(0).rstrip())))
        cursor = match.end()
    spans.append((cursor, end))
    return [(s, e) for s, e in spans if text[s:e].strip()]
