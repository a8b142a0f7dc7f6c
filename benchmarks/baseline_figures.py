"""newsloom's figures stage against quantulum3, on NewsQuant dev and the seeds gold, scored the same way.

The baseline is quantulum3's `parser.parse` on each sentence (NewsQuant) or line (seeds), read the way the
CQE authors read it in their evaluation: its value, its unit's name mapped to NewsQuant's unit names, and
gold ranges averaged to one value (quantulum3 returns a range as its middle and an uncertainty). On the
seeds a quantulum3 range (value with uncertainty) counts as its low and high ends.

    pip install quantulum3          # the `baselines` extra (or a throwaway venv with --system-site-packages)
    python benchmarks/baseline_figures.py [--limit N]

NewsQuant is scored by `newsloom.evaluate.newsquant` (CQE's value and value+unit F1); the seeds by
../shared/tools/score_seeds.py's own figure matching (text contained either way, value/low/high equal).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import time
import warnings
from pathlib import Path

from newsloom.evaluate import newsquant
from newsloom.stages import entities, figures, language, places, quotes

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = ("000_9fa3f24055475fae.txt", "003_2a9ac05d5c7f9857.txt")
QUANTULUM_UNITS = {
    # quantulum3 unit names -> NewsQuant's (the CQE evaluation's own mapping of the same names)
    "dimensionless": "-", "unk": "-", "per cent": "percentage", "dollar dollar": "dollar",
    "united states dollar": "dollar", "tonne": "metric ton", "degree angle": "degree", "degree celsius": "celsius",
    "degree fahrenheit": "fahrenheit", "percentage drop": "percentage", "second of arc": "second",
    "minute of arc": "minute", "yard yard": "yard", "cubic centimetre": "millilitre",
}  # fmt: skip


def quantulum_parse(text: str) -> list:
    from quantulum3 import classifier, parser

    # Its unit classifier is an optional extra whose shipped pickle needs an older scikit-learn than ours:
    # run it as `pip install quantulum3` installs it, with the rule-based disambiguation.
    classifier.USE_CLF = False

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parser.parse(text)


def quantulum_newsquant(sentences: list[str]) -> list[list[newsquant.Quantity]]:
    found = []
    for text in sentences:
        found.append(
            [
                newsquant.Quantity(float(q.value), QUANTULUM_UNITS.get(q.unit.name.lower(), q.unit.name).strip())
                for q in quantulum_parse(text)
            ]
        )
    return found


def newsquant_scores(limit: int | None) -> dict[str, dict]:
    data = newsquant.read_newsquant(SHARED / "data" / "newsquant")[:limit]
    sentences = [s["text"] for s in data]
    nlp = language.load_pipeline()
    results = {}
    started = time.perf_counter()
    ours = newsquant.extract(nlp, sentences)
    results["newsloom"] = newsquant.cqe_scores(
        (newsquant.gold_quantities(s), f) for s, f in zip(data, ours, strict=True)
    )
    results["newsloom"]["seconds"] = time.perf_counter() - started
    news = newsquant.extract(nlp, sentences, conventions="news")
    results["newsloom (news conventions)"] = newsquant.cqe_scores(
        (newsquant.gold_quantities(s), f) for s, f in zip(data, news, strict=True)
    )
    started = time.perf_counter()
    theirs = quantulum_newsquant(sentences)
    results["quantulum3"] = newsquant.cqe_scores(
        (newsquant.gold_quantities(s, average_ranges=True), f) for s, f in zip(data, theirs, strict=True)
    )
    results["quantulum3"]["seconds"] = time.perf_counter() - started
    return results


def _score_seeds_module():
    spec = importlib.util.spec_from_file_location("score_seeds", SHARED / "tools" / "score_seeds.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _content_spans(text: str, gold: dict) -> list[tuple[int, int, int]]:
    return [span for span in language.content_spans(text) if span[0] not in gold["boilerplate_lines"]]


def newsloom_seed_figures(text: str, gold: dict) -> list[dict]:
    """Our figures with the upstream stages as the pipeline runs them (places, entities, quotes)."""
    paragraphs = language.parse(language.load_pipeline(), text, _content_spans(text, gold))
    found_places = places.find_places(paragraphs, text)
    found_entities, _ = entities.find_entities(paragraphs, text, found_places)
    found_quotes, speech = quotes.find_quotes(paragraphs, found_entities, text)
    return [f.__dict__ for f in figures.find_figures(paragraphs, found_entities, found_quotes, speech, text)]


def quantulum_seed_figures(text: str, gold: dict) -> list[dict]:
    """quantulum3 on each content line; a value with an uncertainty is a range."""
    found = []
    for _n, start, end in _content_spans(text, gold):
        for q in quantulum_parse(text[start:end]):
            value, low, high = float(q.value), None, None
            if q.uncertainty:
                value, low, high = None, float(q.value - q.uncertainty), float(q.value + q.uncertainty)
            found.append({"text": q.surface, "value": value, "low": low, "high": high, "claimed_by": None})
    return found


def seed_scores() -> dict[str, dict[str, float]]:
    scorer = _score_seeds_module()

    def same(gold_figure: dict, system_figure: dict) -> bool:
        a, b = scorer.norm(gold_figure["text"]), scorer.norm(system_figure.get("text", ""))
        if not b or not (a in b or b in a):
            return False
        return all(
            gold_figure.get(k) == system_figure.get(k)
            for k in ("value", "low", "high")
            if gold_figure.get(k) is not None
        )

    results = {}
    for system, extract in (("newsloom", newsloom_seed_figures), ("quantulum3", quantulum_seed_figures)):
        tp = n_system = n_gold = 0
        for name in SEEDS:
            text = (SHARED / "seeds" / name).read_text(encoding="utf-8")
            gold = json.loads((SHARED / "gold" / f"{name}.json").read_text(encoding="utf-8"))
            found = extract(text, gold)
            tp += scorer.match(gold["figures"], found, same)
            n_system, n_gold = n_system + len(found), n_gold + len(gold["figures"])
        precision, recall, f1 = scorer.prf(tp, n_system, n_gold)
        results[system] = {
            "precision": precision,
            "recall": recall,
            "f1": f1,
            "tp": tp,
            "system": n_system,
            "gold": n_gold,
        }
    return results


def main() -> None:
    arguments = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments.add_argument("--limit", type=int, default=None, help="score only the first N NewsQuant sentences")
    limit = arguments.parse_args().limit
    if importlib.util.find_spec("quantulum3") is None:
        raise SystemExit("quantulum3 is not installed: pip install quantulum3 (the `baselines` extra)")
    print("NewsQuant dev (CQE scoring)            value P / R / F1      value+unit F1   seconds")
    for system, scores in newsquant_scores(limit).items():
        value, unit = scores["value"], scores["value+unit"]
        seconds = f"{scores['seconds']:7.1f}" if "seconds" in scores else "       "
        print(
            f"  {system:36} {value['precision']:.3f} / {value['recall']:.3f} / {value['f1']:.3f}   {unit['f1']:.3f}        {seconds}"
        )
    print("Seeds gold (score_seeds.py matching)   figures(value) P / R / F1")
    for system, scores in seed_scores().items():
        print(
            f"  {system:36} {scores['precision']:.3f} / {scores['recall']:.3f} / {scores['f1']:.3f}   (tp {scores['tp']}, system {scores['system']}, gold {scores['gold']})"
        )


if __name__ == "__main__":
    main()
