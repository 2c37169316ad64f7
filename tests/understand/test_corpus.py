"""The gold-labelled briefings in tests/corpus as regression tests (the scorer's figures, per file)."""

import json
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from bot.understand.analyze import read

CORPUS = Path(__file__).parent.parent / "corpus"
FOLD = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})


def norm(s):
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", s or "").translate(FOLD)).strip()


def toks(s):
    return re.findall(r"\w+", norm(s).casefold())


def overlap(a, b):
    ta, tb = Counter(toks(a)), Counter(toks(b))
    return sum((ta & tb).values()) / max(sum(ta.values()), sum(tb.values()), 1)


def golds():
    """The seed and examples, and the held-out sets written to measure rules on unseen text (extra*/)."""
    return sorted(CORPUS.glob("*.gold.json")) + sorted(CORPUS.glob("extra*/*.gold.json"))


@pytest.mark.parametrize("gold_path", golds(), ids=lambda p: p.name.split(".")[0])
def test_analysis_matches_gold(gold_path):
    gold = json.loads(gold_path.read_text())
    items = gold if isinstance(gold, list) else [gold]
    src = gold_path.parent / items[0]["source"]
    got = read(src.read_bytes(), src.name)
    for g, p in zip(items, got, strict=True):
        assert (p.title, p.date and p.date.isoformat()) == (g["title"], g["date"])
        assert [s.heading for s in p.sections if s.heading] == [s["heading"] for s in g["sections"] if s["heading"]]
        assert [norm(x) for s in p.sections for x in s.paragraphs] == [
            norm(x) for s in g["sections"] for x in s["paragraphs"]
        ]
        used, right = set(), 0
        for gq in g["quotes"]:
            best = max(
                ((overlap(gq["text"], q.text), i) for i, q in enumerate(p.quotes) if i not in used), default=(0, None)
            )
            assert best[0] >= 0.8, f"quote not found: {gq['text']!r}"
            used.add(best[1])
            spk = set(toks(p.quotes[best[1]].speaker or ""))
            right += set(toks(gq["speaker"])) <= spk
        assert len(p.quotes) == len(g["quotes"]), "extra quotes"
        assert right / max(1, len(g["quotes"])) >= 0.9
