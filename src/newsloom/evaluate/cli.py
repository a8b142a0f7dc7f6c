"""`newsloom evaluate ...`: score newsloom against gold, per category, as a table or JSON.

\b
newsloom evaluate articles ../shared/gold                 # analyses ../shared/seeds, scores every category
newsloom evaluate articles examples/gold --output out.json  # scores a saved `analyze --format json`
newsloom evaluate tempeval3 ../shared/data/tempeval3
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

import click

from .scores import PRF


def _emit(scores: dict[str, Any], fmt: str, elapsed: float) -> None:
    if fmt == "json":
        plain = {k: v.as_dict() if isinstance(v, PRF) else v for k, v in scores.items()}
        click.echo(json.dumps(plain, indent=1))
        return
    for category, value in scores.items():
        if isinstance(value, PRF):
            click.echo(
                f"{category:24s} P {value.precision:.3f}  R {value.recall:.3f}  F1 {value.f1:.3f}"
                f"   (tp {value.tp}, system {value.n_system}, gold {value.n_gold})"
            )
        elif isinstance(value, float):
            click.echo(f"{category:24s} {value:.3f}")
        else:
            click.echo(f"{category:24s} {value}")
    click.echo(f"({elapsed:.1f} s)", err=True)


format_option = click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
limit_option = click.option("--limit", type=int, default=None, help="Score only the first N documents.")


@click.group()
def evaluate() -> None:
    """Score newsloom against gold annotations (precision, recall, F1 per category)."""


def default_sources(gold_dir: Path) -> Path:
    """The articles a gold folder annotates: ../seeds beside shared/gold, ../corpus beside examples/gold."""
    for name in ("seeds", "corpus"):
        candidate = gold_dir.resolve().parent / name
        if candidate.is_dir():
            return candidate
    raise click.UsageError(f"no sources found beside {gold_dir}; give them as arguments or --output")


@evaluate.command("articles")
@click.argument("gold_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.argument("sources", nargs=-1)
@click.option("--output", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A saved `newsloom analyze --format json` to score.")
@format_option
def articles_command(gold_dir: Path, sources: tuple[str, ...], output: Path | None, fmt: str) -> None:
    """Per-article categories (lines, outlet, quotes, figures, dates, places, entities) on gold in the shared format."""
    from .. import analyze
    from .articles import load_gold, score

    started = time.perf_counter()
    gold = load_gold(gold_dir)
    if output is not None:
        documents = json.loads(output.read_text("utf-8"))
    else:
        paths = list(sources) or [str(default_sources(gold_dir))]
        documents = [a.to_dict() for a in analyze(paths, on_error=lambda e: click.echo(f"newsloom: error: {e}", err=True))]
    _emit(dict(score(documents, gold)), fmt, time.perf_counter() - started)


def _dataset_command(name: str, module: str, help_text: str, extra: list[Any] | None = None) -> None:
    @evaluate.command(name, help=help_text)
    @click.argument("data_dir", type=click.Path(exists=True, file_okay=False, path_type=Path))
    @limit_option
    @format_option
    def command(data_dir: Path, limit: int | None, fmt: str, **options: Any) -> None:
        import importlib

        started = time.perf_counter()
        scorer = importlib.import_module(f"newsloom.evaluate.{module}")
        _emit(scorer.score(data_dir, limit=limit, **options), fmt, time.perf_counter() - started)

    for option in extra or []:
        command = option(command)


_dataset_command("tempeval3", "tempeval", "TIMEX3 value accuracy against each document's DCT (TempEval-3 TBAQ).")
_dataset_command(
    "geoparsing",
    "geoparsing",
    "Toponyms found and geocoded within 161 km (LGL, GeoVirus, TR-News).",
    [click.option("--corpus", type=click.Choice(["lgl", "geovirus", "trnews"]), default="lgl", show_default=True)],
)
_dataset_command(
    "polnear",
    "polnear",
    "Attribution: content-overlap and speaker-attributed F1 (PolNeAR).",
    [click.option("--split", type=click.Choice(["train", "dev"]), default="dev", show_default=True)],
)
_dataset_command("newsquant", "newsquant", "Figures: value and value+unit F1 (NewsQuant, CQE scoring).")
_dataset_command("ecbplus", "ecbplus", "Story clustering: BCubed precision, recall and F1 at the subtopic level (ECB+).")


@evaluate.command("story")
@click.argument("gold_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.argument("sources", nargs=-1)
@format_option
def story_command(gold_file: Path, sources: tuple[str, ...], fmt: str) -> None:
    """Claims against story gold (shared/gold/story.json or examples/gold/stories.json)."""
    from .stories import score_story_file

    started = time.perf_counter()
    paths = list(sources) or [str(default_sources(gold_file.parent))]
    _emit(score_story_file(gold_file, paths), fmt, time.perf_counter() - started)


if __name__ == "__main__":
    sys.exit(evaluate())
