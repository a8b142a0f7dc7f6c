"""newsloom's quotes stage against textacy's, on the seeds gold and PolNeAR dev, scored the same way.

The baseline is what a careful user of textacy 0.13 would write: `extract.triples.direct_quotations`
on the article's Doc, plus a said-heuristic for reported speech (a subject and a clausal complement
of "say"), with the speaker as the words of the sentence. Both systems read the same spaCy model.
"textacy-lines" runs the same line by line, so that an unbalanced mark costs one paragraph only.

    pip install textacy==0.13.0      # the `baselines` extra; it installs beside our numpy and spaCy
    python benchmarks/baseline_quotes.py [--limit N]

Seeds are scored with ../shared/tools/score_seeds.py's own matching (quotes: words >= 0.8 and the
speaker; reported speech: the speaker and words >= 0.3); PolNeAR with `newsloom.evaluate.polnear`.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
import warnings
from pathlib import Path

from newsloom.evaluate import polnear
from newsloom.stages import entities, language, places, quotes

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = ("000_9fa3f24055475fae.txt", "003_2a9ac05d5c7f9857.txt")
QUOTE_MARKS = "\"'“”‘’«»"


def textacy_records(text: str, per_paragraph: bool = False) -> tuple[list[dict], list[dict], bool]:
    """textacy's direct quotations and a said-heuristic on one article; the flag says textacy gave up.

    textacy is meant for a Doc of the whole article; `per_paragraph` runs it line by line instead,
    so that one unbalanced mark costs a paragraph rather than the article (a kinder baseline).
    """
    from textacy.extract import triples

    nlp = language.load_pipeline()
    pieces = [(start, nlp(text[start:end])) for _, start, end in language.content_spans(text)] if per_paragraph else [(0, nlp(text))]
    found_quotes, speech, gave_up = [], [], False
    for offset, doc in pieces:
        try:
            for triple in triples.direct_quotations(doc):
                start, end = offset + triple.content.start_char, offset + triple.content.end_char
                while start < end and text[start] in QUOTE_MARKS:
                    start += 1
                while end > start and text[end - 1] in QUOTE_MARKS:
                    end -= 1
                speaker = " ".join(t.text for t in triple.speaker)
                found_quotes.append({"text": text[start:end], "start": start, "end": end, "speaker": speaker})
        except ValueError:  # "N quotation marks found, indicating an unclosed quotation"
            gave_up = True
        for token in doc:
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            clauses = [c for c in token.children if c.dep_ == "ccomp"]
            if token.lemma_ == "say" and subjects and clauses:
                words = [t for c in clauses for t in c.subtree]
                start = offset + min(t.idx for t in words)
                end = offset + max(t.idx + len(t.text) for t in words)
                speaker = " ".join(t.text for t in triples.expand_noun(subjects[0]))
                speech.append({"content": text[start:end], "start": start, "end": end, "speaker": speaker})
    return found_quotes, speech, gave_up


def textacy_items(text: str, paragraphs: list[language.Paragraph], per_paragraph: bool = False) -> list[polnear.Item]:
    found_quotes, speech, _ = textacy_records(text, per_paragraph)
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
        if system.startswith("textacy"):
            found_quotes, speech, _ = textacy_records(text, per_paragraph=system.endswith("lines"))
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
    parser.add_argument("--min-overlap", type=float, default=polnear.MIN_OVERLAP, help="word Jaccard for a PolNeAR content match")
    args = parser.parse_args()
    warnings.filterwarnings("ignore", message=r".*\[W036\].*")
    data = SHARED / "data" / "polnear"
    rows = []
    systems = (
        ("newsloom", polnear.newsloom_items),
        ("textacy", textacy_items),
        ("textacy-lines", lambda text, paragraphs: textacy_items(text, paragraphs, per_paragraph=True)),
    )
    for name, system in systems:
        began = time.perf_counter()
        seeds = seed_scores(name)
        dev = polnear.score(data, "dev", limit=args.limit, min_overlap=args.min_overlap, system=system)
        rows.append((name, seeds["quotes"], seeds["reported"], dev["content"]["f1"], dev["speaker"]["f1"], time.perf_counter() - began))
    gave_up = [name for name in SEEDS if textacy_records((SHARED / "seeds" / name).read_text(encoding="utf-8"))[2]]
    print(f"{'system':14} {'seeds quotes F1':>16} {'seeds reported F1':>18} {'PolNeAR content F1':>19} {'PolNeAR speaker F1':>19} {'seconds':>8}")
    for name, seed_quotes, seed_reported, content, speaker, seconds in rows:
        print(f"{name:14} {seed_quotes:16.3f} {seed_reported:18.3f} {content:19.3f} {speaker:19.3f} {seconds:8.1f}")
    print(f"textacy gave up on {len(gave_up)} of {len(SEEDS)} seeds (unbalanced quote marks): {', '.join(gave_up) or 'none'}")
    print(f"PolNeAR dev: {dev['articles']} articles, content matched at word Jaccard >= {args.min_overlap}")
    best = max(rows[1:], key=lambda row: row[4])
    print(f"newsloom - best textacy ({best[0]}), PolNeAR speaker F1: {rows[0][4] - best[4]:+.3f}")


if __name__ == "__main__":
    main()
