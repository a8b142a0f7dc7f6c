"""Sentence and clause spans of an article's lines, without cutting "Gen. Milley" or "U.S. forces" in two.

News sentences pack several claims into one ("Troops took three villages, where officials had moved
civilians out"); outlets carry them apart, so claims are compared clause by clause.

>>> text = "Gen. Mark Milley spoke. U.S. forces stayed."
>>> [text[s:e] for s, e in split_sentences(text, 0, len(text))]
['Gen. Mark Milley spoke.', 'U.S. forces stayed.']
>>> text = "Crews cleared the road, while engineers inspected the old bridge."
>>> [text[s:e] for s, e in split_clauses(text, 0, len(text))]
['Crews cleared the road', 'while engineers inspected the old bridge.']
"""

from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[.!?][\"”’']?\s+(?=[\"“‘'A-Z0-9])")
ABBREVIATIONS = frozenset(
    ["mr", "ms", "mrs", "dr", "st", "no", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "u.s", "u.k", "u.n", "e.u", "inc", "co", "corp", "vs", "etc", "jr", "sr", "prof", "rev"]
)
# Where a news sentence starts another clause: a semicolon or a spaced dash; a comma before a relative
# or subordinate clause ("..., where", "..., shortly after") or a participle ("..., killing 19"); a clause joined by "and" with a pronoun
# subject ("... and it remains unclear"); and the event-linking prepositions news ledes chain events
# with, comma or not ("diminished following the withdrawal", "two months after its forces left").
CLAUSE_BREAK = re.compile(
    r";\s+|\s+[—–]\s+"
    r"|,\s+(?=(?:\w+\s+)?(?:where|which|who|whose|while|whereas|though|although|but|as|after|before|following|amid|despite|saying)\b)"
    r"|,\s+(?!(?:including|according|regarding|concerning|during|excluding)\s)(?=[a-z]+ing\s)"
    r"|\s+(?=and\s+(?:it|he|she|they|we)\s)"
    r"|\s+(?=(?:following|after|amid|despite|while|whereas|although|though|rather\s+than)\s)"
)
RELATIVE = re.compile(r"(?:where|which|who|whose)\b")
MIN_CLAUSE_WORDS = 3  # a piece with fewer content words ("shortly", "just two months") stays with its neighbour


# the frame of a quotation said elsewhere: a speaker (with an apposition), a speech verb, a venue:
# "Rui Valadares, the civil protection commander, told reporters on the riverbank."
SPEECH_FRAME = re.compile(
    r"(?:[A-Z][\w’'.-]*\s+)*[A-Z][\w’'.-]*(?:,[^,]+,)?\s+(?:said|says|told|added|stated|explained|warned|noted|declared)\b"
    r"(?:\s+[\w’'-]+){0,8}\s*[.!]"
)
ATTRIBUTION_TAIL = re.compile(r"^\W*(?:said|says|told|added|warned|explained|noted|according to)\b", re.IGNORECASE)
"""A clause left over from a quotation's sentence: '...," said Rui Valadares, the commander.'"""


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


def split_clauses(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Clause spans within text[start:end]; a piece too short to state anything joins the next one
    (the last one joins the one before).

    Quotation marks are respected: a break inside a quotation is not taken.
    """
    cuts = [start]
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if _inside_quotes(text, start, match.start()):
            continue
        if RELATIVE.match(text, match.end()) and "," in text[match.end() : end]:
            continue  # "farmers from Extremadura, where quotas were cut, crossed the border": the relative clause sits mid-sentence

        cuts.append(match.start())
        cuts.append(match.end())
    cuts.append(end)
    pieces = [(cuts[i], cuts[i + 1]) for i in range(0, len(cuts), 2) if cuts[i + 1] > cuts[i]]
    merged: list[tuple[int, int]] = []
    pending: int | None = None  # start of a short piece that introduces the next one (", shortly | after ...")
    for s, e in pieces:
        s = s if pending is None else pending
        if _words(text[s:e]) < MIN_CLAUSE_WORDS:
            pending = s
            continue
        pending = None
        merged.append((s, e))
    if pending is not None:
        merged = merged[:-1] + [(merged[-1][0] if merged else pending, end)]
    return merged


def _words(piece: str) -> int:
    from .cluster import content_words

    return len(content_words(piece))


def _inside_quotes(text: str, start: int, at: int) -> bool:
    before = text[start:at]
    return before.count('"') % 2 == 1 or before.count("“") > before.count("”")
