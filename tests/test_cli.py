"""The command line: output on stdout only, one line per failed input, exit status 0/1/2,
idempotent ingest, and a store that survives `kill -9` mid-batch."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsloom.cli import main

CONTRACT_FIELDS = {
    "id", "source", "outlet", "wire_agencies", "title", "published", "text", "lines",
    "entities", "places", "quotes", "reported_speech", "figures", "dates",
}  # fmt: skip

ARTICLE = """Dam holds after storm in {town}

Engineers said on Monday that the dam above {town} had held through the storm, the regional water authority said.

"We were lucky," said Marta Duarte, the authority's director. About {n} residents were evacuated overnight.
"""


def write_articles(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"article-{i:03d}.txt"
        path.write_text(ARTICLE.format(town=f"Vila {i}", n=100 + i), encoding="utf-8")
        paths.append(path)
    return paths


def run(args: list[str]):
    return CliRunner().invoke(main, args, catch_exceptions=False)


def test_analyze_prints_one_contract_document_per_article(tmp_path) -> None:
    write_articles(tmp_path / "in", 2)
    result = run(["analyze", str(tmp_path / "in"), "--format", "json", "--quiet"])
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert len(documents) == 2
    for document in documents:
        assert set(document) >= CONTRACT_FIELDS
        for line in document["lines"]:
            assert document["text"][line["start"] : line["end"]].strip()


def test_jsonl_is_one_document_per_line(tmp_path) -> None:
    write_articles(tmp_path / "in", 2)
    result = run(["analyze", str(tmp_path / "in"), "--format", "jsonl", "-q"])
    lines = result.stdout.strip().split("\n")
    assert [json.loads(line)["source"].endswith(".txt") for line in lines] == [True, True]


def test_bad_inputs_are_named_one_line_each_and_the_batch_goes_on(tmp_path) -> None:
    write_articles(tmp_path / "in", 1)
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 200)
    result = run(["analyze", str(tmp_path / "in"), "--format", "json", "-q"])
    assert result.exit_code == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("newsloom: error:")]
    assert len(errors) == 2
    assert any("empty.txt" in e and "empty" in e.split("empty.txt", 1)[1] for e in errors)
    assert any("photo.png" in e and "PNG" in e for e in errors)
    assert len(json.loads(result.stdout)) == 1


def test_a_missing_source_is_an_input_error(tmp_path) -> None:
    result = run(["analyze", str(tmp_path / "nowhere.txt"), "-q"])
    assert result.exit_code == 1
    assert "nowhere.txt" in result.stderr


def test_usage_errors_exit_2() -> None:
    assert run(["analyze", "x.txt", "--format", "xml"]).exit_code == 2
    assert run(["no-such-command"]).exit_code == 2


def test_ingest_twice_stores_once_and_lists_and_searches(tmp_path) -> None:
    write_articles(tmp_path / "in", 3)
    db = str(tmp_path / "news.db")
    first = run(["ingest", str(tmp_path / "in"), "--db", db, "-q"])
    assert first.exit_code == 0 and "stored 3 new articles" in first.stderr
    second = run(["ingest", str(tmp_path / "in"), "--db", db, "-q"])
    assert "stored 0 new articles, 3 already stored" in second.stderr
    listing = json.loads(run(["articles", "--db", db, "--format", "json"]).stdout)
    assert len(listing) == 3
    hits = json.loads(run(["search", "Vila 1", "--db", db, "--format", "json"]).stdout)
    assert hits and hits[0]["title"].startswith("Dam holds")
    stories = json.loads(run(["stories", "--db", db, "--format", "json"]).stdout)
    assert sum(s["articles"] for s in stories) == 3


def test_brief_from_files_in_every_format(tmp_path) -> None:
    write_articles(tmp_path / "in", 2)
    source = str(tmp_path / "in")
    markdown = run(["brief", source, "-q"]).stdout
    assert markdown.startswith("# ") and "## Key claims" in markdown
    brief = json.loads(run(["brief", source, "--format", "json", "-q"]).stdout)
    story = brief["stories"][0]
    assert {"id", "title", "articles", "outlets", "independent_sources", "claims", "quotes_by_speaker", "figures", "timeline", "places", "outlets_compared"} <= set(story)
    assert json.loads(run(["brief", source, "--format", "geojson", "-q"]).stdout)["type"] == "FeatureCollection"
    assert "events" in json.loads(run(["brief", source, "--format", "timeline", "-q"]).stdout)
    html = run(["brief", source, "--format", "html", "-q"]).stdout
    assert html.startswith("<!doctype html>") and "<script" not in html


def test_brief_of_an_unknown_story_is_a_usage_error(tmp_path) -> None:
    result = run(["brief", "s-0000", "--db", str(tmp_path / "news.db")])
    assert result.exit_code == 2 and "no story s-0000" in result.output


@pytest.mark.slow
def test_kill_9_mid_ingest_then_rerun_leaves_a_complete_store_without_duplicates(tmp_path) -> None:
    """A crash loses at most the chunk in progress; the next run stores the rest, nothing twice."""
    paths = write_articles(tmp_path / "in", 80)
    db = tmp_path / "news.db"
    command = [sys.executable, "-m", "newsloom.cli", "ingest", str(tmp_path / "in"), "--db", str(db), "-q"]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 240
    stored = 0
    while time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.2)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= 1:
                break
    assert process.poll() is None, "ingest finished before it could be killed; the test needs more articles"
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    connection = sqlite3.connect(db)
    assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    before = connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 1 <= before < len(paths)
    connection.close()
    rerun = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    connection = sqlite3.connect(db)
    assert connection.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (len(paths), len(paths))
    assert connection.execute("SELECT count(*) FROM articles_fts").fetchone()[0] == len(paths)
