"""On HTML, newsloom's article lines must be no worse than trafilatura's extraction alone.

Both are scored the same way against the hand-made `paragraph_roles` of examples/gold: each
visible block of the page is content in an output when a content line of that output is the block.
trafilatura alone keeps every line it extracts as content; newsloom keeps trafilatura's text (with
the headline and dek restored) and then classifies each line.
"""

from __future__ import annotations

import json

import pytest
import trafilatura

from newsloom.evaluate.articles import paragraph_line_counts
from newsloom.evaluate.scores import PRF
from newsloom.models import Article
from newsloom.pipeline import analyze
from tests.conftest import EXAMPLES

PAGES = sorted(p.name for p in (EXAMPLES / "corpus").glob("*.html"))


def as_document(text: str, roles: dict[int, str] | None = None) -> dict:
    lines, offset = [], 0
    for n, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            lines.append({"n": n, "start": offset, "end": offset + len(line), "role": (roles or {}).get(n, "body")})
        offset += len(line) + 1
    return {"text": text, "lines": lines}


@pytest.mark.parametrize("page", PAGES)
def test_newsloom_lines_are_no_worse_than_trafilatura_alone(page: str, example_documents) -> None:
    gold = json.loads((EXAMPLES / "gold" / f"{page}.json").read_text("utf-8"))["paragraph_roles"]
    html = (EXAMPLES / "corpus" / page).read_text("utf-8")
    baseline = PRF(*paragraph_line_counts(as_document(trafilatura.extract(html) or ""), gold))
    ours_document = next(d for d in example_documents if d["source"].endswith(page))
    ours = PRF(*paragraph_line_counts(ours_document, gold))
    assert ours.f1 >= baseline.f1, f"{page}: newsloom F1 {ours.f1:.3f} < trafilatura alone {baseline.f1:.3f}"
    assert ours.f1 >= 0.98


def test_cleaning_removes_furniture_that_trafilatura_keeps() -> None:
    text = "Ferry capsizes\n\nRescuers pulled 41 people from the river, officials said.\n\nDOWNLOAD THE HARBOUR LEDGER APP FOR ALERTS"
    roles = {line.n: line.role for line in analyze(Article.from_text(text)).lines}
    assert roles == {1: "title", 3: "body", 5: "boilerplate"}
