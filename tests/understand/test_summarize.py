import re
from pathlib import Path

import pytest

from bot.understand.analyze import analyze, read
from bot.understand.parse import parse

CORPUS = Path(__file__).parent.parent / "corpus"
QUOTED = re.compile(r"[“\"]([^”\"]{3,})[”\"]")


def corpus_briefings():
    for path in sorted(CORPUS.iterdir()):
        if path.suffix in (".txt", ".html", ".md", ".eml", ".xml"):
            for b in read(path.read_bytes(), path.name):
                yield path, b


@pytest.mark.parametrize("path, briefing", list(corpus_briefings()), ids=lambda x: getattr(x, "name", ""))
def test_bullet_blocks_keep_the_rules(path, briefing):
    source = path.read_text(encoding="utf-8", errors="replace")
    quoted = {q.asserted_speaker for q in briefing.quotes if q.asserted_speaker}
    named = {s for section in briefing.sections for b in section.bullets for s in b.speakers}
    assert quoted <= named, f"{quoted - named} quoted but missing from the digest"
    for section in briefing.sections:
        assert 1 <= len(section.bullets) <= 4, section.heading
        for bullet in section.bullets:
            assert len(bullet.text.split()) <= 50
            for span in QUOTED.findall(bullet.text):
                for part in span.replace("…", "  ").split("  "):
                    part = part.strip().strip(".,;:!?")
                    if part:
                        assert part in source, f"bullet quote not verbatim: {part!r}"
    digest_words = sum(len(b.text.split()) for s in briefing.sections for b in s.bullets)
    assert digest_words <= max(40, 0.42 * briefing.word_count())


def test_long_quote_is_cut_with_an_ellipsis_and_names_its_speaker():
    long_quote = " ".join(f"word{i}" for i in range(80))
    doc = parse(f" date 2025-01-01 T\n\nHeading\n\nIan spoke at length. “{long_quote},” he says.\n".encode(), "x.txt")[
        0
    ]
    lead, bullet = analyze(doc).sections[0].bullets
    assert lead.text == "Ian spoke at length."
    assert "…" in bullet.text and bullet.speakers == ("Ian",)


def test_a_section_without_quotes_gets_its_lead_sentence():
    doc = parse(b" date 2025-01-01 T\n\nMarkets were calm on Monday. Traders waited.\n", "x.txt")[0]
    assert [b.text for b in analyze(doc).sections[0].bullets] == ["Markets were calm on Monday."]


def test_analysis_is_deterministic():
    data = (CORPUS / "seed.txt").read_bytes()
    assert read(data, "seed.txt")[0].to_dict() == read(data, "seed.txt")[0].to_dict()


def test_a_short_quote_keeps_the_words_of_its_sentence():
    text = (
        "date 2025-01-01 Council notes\n\nBudget\n\nThe council met on Tuesday to vote on the ferry plan. "
        "Mayor Lena Ortiz said the ferry plan was “dead on arrival” after a long session that ran past midnight "
        "and covered budgets, ports, schools, buses, parks, libraries, water mains, street lights and housing "
        "permits, and left the room without taking any questions from the reporters who were waiting outside.\n"
    )
    doc = parse(text.encode(), "x.txt")[0]
    _, bullet = analyze(doc).sections[0].bullets
    assert bullet.text == "Mayor Lena Ortiz said the ferry plan was “dead on arrival” …"  # not `Lena Ortiz: “dead …”`
    assert bullet.speakers == ("Lena Ortiz",)


def test_a_described_speaker_opens_its_bullet_with_a_capital():
    long_quote = " ".join(f"word{i}" for i in range(80))
    text = f"date 2025-01-01 T\n\nHeading\n\nThe mill met. “{long_quote},” said a spokesman for Kestrel Networks.\n"
    doc = parse(text.encode(), "x.txt")[0]
    bullet = analyze(doc).sections[0].bullets[-1]
    assert bullet.speakers == ("a spokesman for Kestrel Networks",)
    assert bullet.text.startswith("A spokesman for Kestrel Networks: “word0")
