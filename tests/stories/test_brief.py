"""The brief's "what happened": whole sentences of narration, widely carried ones first, told in order.

The two reports below are fictional (a dam, a town and its people made up for the test).
"""

from __future__ import annotations

import pytest

import newsloom
from newsloom.settings import Settings
from newsloom.stories.brief import _narrates

FIRST_REPORT = (
    "Floodwater breaks through Corran dam\n"
    "CORRAN, Estland (NPA) — Floodwater broke through the Corran dam on Sunday night and forced "
    "about 3,000 people from their homes in the valley below, the regional fire service said.\n"
    "Mayor Ilse Varn said the town hall would stay open all night for families who had nowhere to go.\n"
    "\"We have never seen the river rise this fast,\" Varn told reporters at the town hall.\n"
    "Varn told reporters at the town hall.\n"
    "She will visit the shelters on Monday.\n"
    "The dam, built in 1961, was last inspected in the spring, according to the water board."
)
SECOND_REPORT = (
    "Thousands flee as Corran dam bursts\n"
    "Floodwater broke through the Corran dam on Sunday night and forced about 3,000 people from their "
    "homes in the valley below, the regional fire service said.\n"
    "Rescue boats from three neighbouring towns searched the flooded streets until dawn on Monday.\n"
    "The dam, built in 1961, was last inspected in the spring, according to the water board."
)


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> list[dict]:
    folder = tmp_path_factory.mktemp("dam")
    (folder / "first.txt").write_text(FIRST_REPORT, encoding="utf-8")
    (folder / "second.txt").write_text(SECOND_REPORT, encoding="utf-8")
    documents = [a.to_dict() for a in newsloom.analyze([str(folder / "first.txt"), str(folder / "second.txt")], Settings(published="2031-05-04"))]
    (story,) = newsloom.brief(documents)["stories"]
    return story["summary"]


def test_summary_tells_whole_sentences_carried_by_both_reports_first(summary) -> None:
    texts = [s["text"] for s in summary]
    assert texts[0].startswith("Floodwater broke through the Corran dam")  # the dateline is not the news
    assert texts[0].endswith("the regional fire service said.")  # the whole sentence, frame included
    assert summary[0]["independent_sources"] == 2
    assert "The dam, built in 1961, was last inspected in the spring, according to the water board." in texts
    assert 3 <= len(summary) <= 5


def test_summary_leaves_out_quotations_their_frames_and_dangling_pronouns(summary) -> None:
    texts = " ".join(s["text"] for s in summary)
    assert "never seen the river" not in texts
    assert "Varn told reporters at the town hall." not in texts
    assert "She will visit" not in texts


def test_every_summary_sentence_points_to_its_spans(summary) -> None:
    for sentence in summary:
        for support in sentence["support"]:
            assert support["text"] and support["end"] > support["start"]


@pytest.mark.parametrize(
    ("sentence", "narrates"),
    [
        ("Floodwater broke through the Corran dam on Sunday night, the fire service said.", True),
        ("Zelda Marr told reporters on Sunday that the dam had been inspected in the spring.", True),
        ("Mayor Ilse Varn said that the town hall would stay open all night for families.", True),
        ("Ilse Varn, the mayor of the town, told reporters at the town hall.", False),  # a quotation's frame
        ("He said the river had never risen so fast in living memory.", False),  # who is "he"?
        ("Local media identified him as Tomás Ribeira, a skipper of twenty years.", False),  # who is "him"?
        ("Police arrested the skipper, Tomás Ribeira, after he returned to the quay.", True),
        ("“We have never seen the river rise this fast,” the mayor said on Sunday.", False),
        ("Thousands flee as Corran dam bursts", False),  # a headline
        ("forced about 3,000 people from their homes in the valley below.", False),  # a clause
    ],
)
def test_what_reads_as_narration(sentence, narrates) -> None:
    assert _narrates(sentence) is narrates
