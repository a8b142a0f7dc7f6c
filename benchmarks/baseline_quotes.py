"""newsloom's quotes stage against textacy's, on the seeds gold and PolNeAR dev, scored the same way.

The baseline is what a careful user of textacy 0.13 would write: `extract.triples.direct_quotations`
on the article's Doc, plus a said-heuristic for reported speech (a subject and a clausal complement
of "say"), with the speaker as the words of the sentence. Both systems read the same spaCy model.

    pip install textacy==0.13.0      # the `baselines` extra; it installs beside our numpy and spaCy
    python benchmarks/baseline_quotes.py [--limit N]

Seeds are scored with ../shared/tools/score_seeds.py's own matching (quotes: words >= 0.8 and the
speaker; reported speech: the speaker and words >= 0.3); PolNeAR with `newsloom.evaluate.polnear`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import time
import warnings
from pathlib import Path

from newsloom.evaluate import polnear
from newsloom.stages import entities, language, places, quotes

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = ("000_9fa3f24055475fae.txt", "003_2a9ac05d5c7f9857.txt")
QUOTE_MARKS = "\"'“”‘’«»"


def textacy_records(text: str) -> tuple[list[dict], list[dict], bool]:
    """textacy's direct quotations and a said-heuristic on one article; the flag says textacy gave up."""
    from textacy.extract import triples

    doc = language.load_pipeline()(text)
    found_quotes, gave_up = [], False
    try:
        for triple in triples.direct_quotations(doc):
            content = triple.content
            start, end = content.start_char, content.end_char
            while start < end and text[start] in QUOTE_MARKS:
                start += 1
            while end > start and text[end - 1] in QUOTE_MARKS:
                end -= 1
            speaker = " ".join(t.text for t in triple.speaker)
            found_quotes.append({"text": text[start:end], "start": start, "end": end, "speaker": speaker})
    except ValueError:  # "N quotation marks found, indicating an unclosed quotation"
        gave_up = True
    speech = []
    for token in doc:
        if token.lemma_ != "say":
            continue
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        clauses = [c for c in token.children if c.dep_ == "ccomp"]
        if subjects and clauses:
            words = [t for c in clauses for t in c.subtree]
            start, end = min(t.idx for t in words), max(t.idx + len(t.text) for t in words)
            speaker = " ".join(t.text for t in triples.expand_noun(subjects[0]))
            speech.append({"content": text[start:end], "start": start, "end": end, "speaker": speaker})
    return found_quotes, speech, gave_up


def textacy_items(text: str, paragraphs: list[language.Paragraph]) -> list[polnear.Item]:
    found_quotes, speech, _ = textacy_records(text)
    inside = [q for q in found_quotes if not any(s["start"] <= q["start"] and q["end"] <= s["end"] for s in speech)]
    return [polnear.Item(((r["start"], r["end"]),), r["speaker"]) for r in speech + inside]


def _score_seeds_module():
    spec = importlib.util.spec_from_file_location("score_seeds", SHARED / "tools" / "score_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def seed_scores(system: str) -> dict[str, float]:
    """Quotes and reported-speech F1 (with speaker) on the two seeds, as score_seeds.py matches them."""
    scorer = _score_seeds_module()
    nlp = language.load_pipeline()
    totals = {"quotes": [0, 0, 0], "reported": [0, 0, 0]}
    for name in SEEDS:
        text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
        gold = json.loads((SHARED / "gold" / f"{name}.json").read_text(encoding="utf-8"))
        if system == "textacy":
            found_quotes, speech, _ = textacy_records(text)
        else:
            roles = {int(n): role for n, role in gold["line_roles"].items()}
            spans = [s for s in language.content_spans(text) if roles.get(s[0]) not in {"boilerplate", "caption"}]
            paragraphs = language.parse(nlp, text, spans, [roles[s[0]] for s in spans])
            found_entities, _ = entities.find_entities(paragraphs, text, places.find_places(paragraphs, text))
            quote_records, speech_records = quotes.find_quotes(paragraphs, found_entities, text)
            found_quotes = [vars(q) for q in quote_records]
            speech = [vars(r) for r in speech_records]
        quote_ok = lambda g, s: scorer.overlap(g["text"], s["text"]) >= 0.8 and scorer.same_speaker(g["speaker"], s["speaker"])  # noqa: E731
        speech_ok = lambda g, s: scorer.same_speaker(g["speaker"], s["speaker"]) and scorer.overlap(g["content"], s["content"]) >= 0.3  # noqa: E731
        for key, gold_items, items, ok in (
            ("quotes", gold["quotes"], found_quotes, quote_ok),
            ("reported", gold["reported_speech"], speech, speech_ok),
        ):
            totals[key][0] += scorer.match(gold_items, items, ok)
            totals[key][1] += len(items)
            totals[key][2] += len(gold_items)
    return {key: round(scorer.prf(*counts)[2], 3) for key, counts in totals.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="PolNeAR dev articles to score (all 84 by default)")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message=r".*\[W036\].*")
    data = SHARED / "data" / "polnear"
    rows = []
    for name, system in (("newsloom", polnear.newsloom_items), ("textacy", textacy_items)):
        began = time.perf_counter()
        seeds = seed_scores(name)
        dev = polnear.score(data, "dev", limit=args.limit, system=system)
        rows.append((name, seeds["quotes"], seeds["reported"], dev["content"]["f1"], dev["speaker"]["f1"], time.perf_counter() - began))
    gave_up = [name for name in SEEDS if textacy_records((SHARED / "seeds" / name).read_text(encoding="utf-8"))[2]]
    print(f"{'system':10} {'seeds quotes F1':>16} {'seeds reported F1':>18} {'PolNeAR content F1':>19} {'PolNeAR speaker F1':>19} {'seconds':>8}")
    for name, seed_quotes, seed_reported, content, speaker, seconds in rows:
        print(f"{name:10} {seed_quotes:16.3f} {seed_reported:18.3f} {content:19.3f} {speaker:19.3f} {seconds:8.1f}")
    print(f"textacy gave up on {len(gave_up)} of {len(SEEDS)} seeds (unbalanced quote marks): {', '.join(gave_up) or 'none'}")
    print(f"PolNeAR dev: {dev['articles']} articles, content matched at word Jaccard >= {polnear.MIN_OVERLAP}")
    print(re.sub(r"\s+", " ", "newsloom - textacy, PolNeAR speaker F1: " f"{rows[0][4] - rows[1][4]:+.3f}"))


if __name__ == "__main__":
    main()
