"""Score stories and claims against story gold: ../shared/gold/story.json or examples/gold/stories.json.

A gold claim is found when one system claim's support overlaps the gold evidence in every article
that carries it, and (for a claim only one source carries) in no article outside those; its status
is right when it is corroborated / conflicting / single_source as the gold says. Clustering is
scored with BCubed against the gold stories; independent sources and wire copies per story too.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import GoldError
from .articles import article_name
from .ecbplus import bcubed

STATUS = {"both": "corroborated", "conflict": "conflicting", "corroborated": "corroborated", "conflicting": "conflicting"}


def load_story_gold(path: Path) -> list[dict[str, Any]]:
    """Gold stories as [{articles, claims: [{status, evidence: {article name: (start, end) | substring}}], ...}]."""
    try:
        data = json.loads(Path(path).read_text("utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise GoldError(f"{path}: not a story gold file ({exc})") from exc
    if "stories" in data:
        return data["stories"]
    claims = []
    for claim in data["claims"]:
        spans = {v["article"]: (v["start"], v["end"]) for v in claim.get("evidence_spans", [])}
        claims.append(dict(claim, evidence=spans))
    return [dict(data, claims=claims)]


def _spans(gold_claim: dict[str, Any], texts: dict[str, str]) -> dict[str, tuple[int, int]] | None:
    """Evidence as article name -> (start, end); substrings are found in the system's text."""
    out = {}
    for name, evidence in gold_claim["evidence"].items():
        if isinstance(evidence, (list, tuple)):
            out[name] = (int(evidence[0]), int(evidence[1]))
            continue
        text = texts.get(name)
        index = text.find(evidence) if text is not None else -1
        if index < 0:
            index = _loose_find(text or "", evidence)
        if index < 0:
            return None
        out[name] = (index, index + len(evidence))
    return out


def _loose_find(text: str, needle: str) -> int:
    """Find `needle` in `text` ignoring quote-mark style (extractors turn ’ into ' and back)."""
    table = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "\u00a0": " "})
    return text.translate(table).find(needle.translate(table))


def score_claims(brief: dict[str, Any], documents: Sequence[dict[str, Any]], gold_stories: Sequence[dict[str, Any]]) -> dict[str, Any]:
    name_of = {d["id"]: article_name(d) for d in documents}
    texts = {article_name(d): d.get("text", "") for d in documents}
    claims = [c for s in brief["stories"] for c in s["claims"]]
    support = [_group(c["support"], name_of) for c in claims]
    found = right = unresolved = total = 0
    for story in gold_stories:
        for g in story["claims"]:
            total += 1
            spans = _spans(g, texts)
            if spans is None:
                unresolved += 1
                continue
            want = STATUS.get(g["status"], "single_source")
            single = want == "single_source"
            for c, sp in zip(claims, support, strict=False):
                covered = all(any(b < end and start < a for b, a in sp.get(art, [])) for art, (start, end) in spans.items())
                if covered and (not single or set(sp) <= set(spans)):
                    found += 1
                    right += c["status"] == want
                    break
    result: dict[str, Any] = {
        "claims": total,
        "claim_recall": round(found / total, 4) if total else 0.0,
        "claim_recall_with_status": round(right / total, 4) if total else 0.0,
        "system_claims": len(claims),
    }
    if unresolved:
        result["gold_evidence_not_found_in_text"] = unresolved
    return result


def _group(spans: Sequence[dict[str, Any]], name_of: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for sp in spans:
        out.setdefault(name_of.get(sp["article"], sp["article"]), []).append((sp["start"], sp["end"]))
    return out


def score_stories(brief: dict[str, Any], documents: Sequence[dict[str, Any]], gold_stories: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Clustering (BCubed), independent sources and wire copies per gold story."""
    name_of = {d["id"]: article_name(d) for d in documents}
    gold = {a: s.get("id", str(i)) for i, s in enumerate(gold_stories) for a in s["articles"]}
    system = {name_of[a]: s["id"] for s in brief["stories"] for a in s["articles"] if name_of.get(a) in gold}
    result = {f"bcubed_{k}": v for k, v in bcubed(system, gold).items()}
    sources_right = copies_right = copies_total = 0
    for story in gold_stories:
        members = set(story["articles"])
        best = max(brief["stories"], key=lambda s: len(members & {name_of.get(a) for a in s["articles"]}), default=None)
        if best is not None and best["independent_sources"] == story.get("independent_sources"):
            sources_right += 1
        for article, provenance in (story.get("wire_provenance") or {}).items():
            if provenance.get("copy_of") is None or best is None:
                continue
            copies_total += 1
            found = {name_of.get(a): name_of.get((w or {}).get("copy_of")) for a, w in best["wire_provenance"].items()}
            copies_right += found.get(article) == provenance["copy_of"] or found.get(provenance["copy_of"]) == article
    result["independent_sources_right"] = f"{sources_right}/{len(gold_stories)}"
    if copies_total:
        result["wire_copies_found"] = f"{copies_right}/{copies_total}"
    return result


def score_story_file(gold_file: Path, sources: Sequence[str]) -> dict[str, Any]:
    """Analyse `sources`, brief them, and score stories and claims against `gold_file`."""
    from .. import analyze, brief

    gold_stories = load_story_gold(gold_file)
    documents = [a.to_dict() for a in analyze(sources, on_error=lambda e: None)]
    built = brief(documents)
    return score_stories(built, documents, gold_stories) | score_claims(built, documents, gold_stories)
