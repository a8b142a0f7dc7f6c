"""Token runs as readable phrases: shared by what a figure counts and who claims it."""

from __future__ import annotations

import re
from collections.abc import Sequence

from spacy.tokens import Token


def phrase(tokens: Sequence[Token]) -> str | None:
    """The tokens' text in reading order, a space where tokens were left out, without a leading article."""
    ordered = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    parts = []
    for previous, token in zip([None, *ordered], ordered, strict=False):
        if previous is not None:
            parts.append(previous.whitespace_ if token.i == previous.i + 1 else " ")
        parts.append(token.text)
    text = re.sub(r"\s+", " ", "".join(parts)).strip(" ,")
    return re.sub(r"^(?:the|a|an)\s+", "", text, flags=re.IGNORECASE) or None
