"""Score the date normaliser and detector on TempEval-3 (TimeML `.tml` files with a DCT).

Two separate figures, as in TempEval-3:
- value accuracy: each gold TIMEX3 extent is normalised with the document's creation time (DCT)
  as publication day and the tense of its clause from our parse; the value must equal the gold
  value (per type: DATE, TIME, DURATION, SET; `accuracy` is DATE + TIME + DURATION);
- extents: what our detector finds in the plain text, against the gold extents (strict = same
  characters, relaxed = overlapping), as recall and precision.

Equivalent spellings of one TimeML value count as equal: "2000-W08" = "2000-W8", "199" = "199X"
(the 1990s), "19XX" = "19" (the 20th century), "T09:00:00" = "T09:00".

>>> score(Path("../shared/data/tempeval3/TBAQ-cleaned"), limit=2)["documents"]  # doctest: +SKIP
2
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from spacy.language import Language

from ..errors import UsageError
from ..stages import language
from ..stages.dates.spans import clause_tense, find_spans, next_word
from ..stages.dates.timex import Context, normalize

TYPES = ("DATE", "TIME", "DURATION", "SET")
SCORED_TYPES = ("DATE", "TIME", "DURATION")
"""The types `accuracy` averages over; SET (frequencies) is reported apart, newsloom does not output it."""


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(frozen=True)
class TimeMLDocument:
    name: str
    text: str
    creation: date
    timexes: tuple[GoldTimex, ...]


def read_timeml(path: Path) -> TimeMLDocument:
    """The plain text of TEXT (its itertext), the DCT and every TIMEX3 inside TEXT with offsets."""
    root = ElementTree.parse(path).getroot()
    creation = root.find("DCT/TIMEX3")
    body = root.find("TEXT")
    if creation is None or body is None:
        raise UsageError(f"{path}: not a TimeML document with a DCT and a TEXT element")
    pieces: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(element: ElementTree.Element) -> None:
        if element.tag == "TIMEX3":
            start = sum(map(len, pieces))
            inner = "".join(element.itertext())
            pieces.append(inner)
            timexes.append(
                GoldTimex(start, start + len(inner), inner, element.get("type", ""), element.get("value", ""))
            )
        else:
            pieces.append(element.text or "")
            for child in element:
                walk(child)
                pieces.append(child.tail or "")

    walk(body)
    value = creation.get("value", "")
    return TimeMLDocument(path.name, "".join(pieces), date.fromisoformat(value[:10]), tuple(timexes))


def canonical(value: str | None) -> str:
    """One spelling per TimeML value (see the module docstring)."""
    value = (value or "").strip().upper()
    value = re.sub(r"-W0(\d)", r"-W\1", value)
    value = re.sub(r"^(\d{3})X$|^(\d{2})XX$", r"\1\2", value)
    return re.sub(r"(T\d\d:\d\d):00$", r"\1", value)


def score(data_dir: Path, limit: int | None = None, nlp: Language | None = None) -> dict[str, float | int]:
    """Value accuracy per TIMEX3 type and overall, and extent recall/precision of our detector."""
    files = sorted(Path(data_dir).rglob("*.tml"))
    if not files:
        raise UsageError(f"no .tml files under {data_dir}: point at a TempEval-3 / TimeBank folder")
    files = files[:limit] if limit else files
    nlp = nlp or language.load_pipeline()
    documents = [read_timeml(path) for path in files]
    parsed = language.parse_many(nlp, [(d.text, language.content_spans(d.text), None) for d in documents])
    total: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    extent: Counter[str] = Counter()
    for document, paragraphs in zip(documents, parsed, strict=True):
        _score_values(document, paragraphs, total, correct)
        _score_extents(document, paragraphs, extent)
    result: dict[str, float | int] = {"documents": len(documents)}
    for kind in TYPES:
        result[f"count_{kind}"] = total[kind]
        result[f"accuracy_{kind}"] = round(correct[kind] / total[kind], 4) if total[kind] else 0.0
    scored = sum(total[kind] for kind in SCORED_TYPES)
    result["count"] = scored
    result["accuracy"] = round(sum(correct[kind] for kind in SCORED_TYPES) / scored, 4) if scored else 0.0
    for measure in ("strict", "relaxed"):
        result[f"extent_recall_{measure}"] = _ratio(extent[f"gold_found_{measure}"], extent["gold"])
        result[f"extent_precision_{measure}"] = _ratio(extent[f"system_right_{measure}"], extent["system"])
        result[f"extent_recall_date_{measure}"] = _ratio(extent[f"date_found_{measure}"], extent["date"])
    return result


def _ratio(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0


def _score_values(
    document: TimeMLDocument, paragraphs: list[language.Paragraph], total: Counter[str], correct: Counter[str]
) -> None:
    reference: str | None = None
    for gold in document.timexes:
        paragraph = next((p for p in paragraphs if p.start <= gold.start < p.end), None)
        tense, following = None, None
        if paragraph is not None:
            span = paragraph.doc.char_span(
                gold.start - paragraph.start, min(gold.end, paragraph.end) - paragraph.start, alignment_mode="expand"
            )
            tense = clause_tense(span) if span is not None and len(span) else None
            following = next_word(span)
        timex = normalize(gold.text, Context(document.creation, tense, reference, following))
        if timex is not None and timex.is_reference:
            reference = timex.value
        total[gold.type] += 1
        correct[gold.type] += timex is not None and canonical(timex.value) == canonical(gold.value)


def _score_extents(document: TimeMLDocument, paragraphs: list[language.Paragraph], extent: Counter[str]) -> None:
    system = [
        (paragraph.start + start, paragraph.start + end)
        for paragraph in paragraphs
        for start, end, expression in find_spans(paragraph.doc.text, paragraph.doc, durations=True)
        if normalize(expression, Context(document.creation)) is not None
    ]
    gold = [(g.start, g.end, g.type) for g in document.timexes]
    extent["gold"] += len(gold)
    extent["system"] += len(system)
    extent["date"] += sum(1 for *_, kind in gold if kind == "DATE")
    for start, end, kind in gold:
        strict = (start, end) in system
        relaxed = any(s < end and start < e for s, e in system)
        extent["gold_found_strict"] += strict
        extent["gold_found_relaxed"] += relaxed
        if kind == "DATE":
            extent["date_found_strict"] += strict
            extent["date_found_relaxed"] += relaxed
    gold_spans = {(start, end) for start, end, _ in gold}
    for start, end in system:
        extent["system_right_strict"] += (start, end) in gold_spans
        extent["system_right_relaxed"] += any(s < end and start < e for s, e in gold_spans)
