from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from bot.render.digest import HEADER_MAX, MESSAGE_TEXT_BUDGET, digest_messages
from bot.understand.analyze import read
from bot.understand.model import Briefing, Bullet, Section

CORPUS = Path(__file__).parent.parent / "corpus"


def briefing(sections: list[Section], title: str = "Daily brief", **kw) -> Briefing:
    return Briefing(
        source=kw.pop("source", "Example Wire"),
        title=title,
        date=dt.date(2025, 6, 2),
        sections=sections,
        quotes=[],
        **kw,
    )


def texts(block: dict) -> list[str]:
    if "text" in block:
        return [block["text"]["text"]]
    return [e["text"] for e in block.get("elements", []) if isinstance(e.get("text"), str)]


def all_text(message: dict) -> str:
    return "\n".join([message["text"]] + [t for b in message["blocks"] for t in texts(b)])


def section_texts(messages: list[dict]) -> list[str]:
    return [b["text"]["text"] for m in messages for b in m["blocks"] if b["type"] == "section"]


def test_seed_briefing_is_one_valid_message():
    b = read((CORPUS / "seed.txt").read_bytes(), "seed.txt")[0]
    [msg] = digest_messages(b)
    assert "metadata" not in msg  # the planner adds it (tests/test_pipeline.py)
    assert msg["unfurl_links"] is False and msg["unfurl_media"] is False
    kinds = [blk["type"] for blk in msg["blocks"]]
    assert kinds[0] == "header" and kinds[-1] == "context" and set(kinds[1:-1]) == {"section"}
    assert msg["blocks"][0]["text"]["type"] == "plain_text"
    bullets = [bl for s in b.sections for bl in s.bullets]
    assert all_text(msg).count("• ") == len(bullets)
    assert msg["text"].startswith(b.title)


def test_user_text_never_pings_or_links():
    evil = "<!channel> & <@U123> <https://evil.example|click> <!here>"
    b = briefing(
        [Section(heading="*Bold* _it_ ~x~ " + evil, paragraphs=[], bullets=[Bullet(evil)])],
        title=evil,
        source=evil,
        link="https://evil.example/x|<y>",
    )
    [msg] = digest_messages(b)
    body = all_text(msg).replace(msg["blocks"][0]["text"]["text"], "")  # the header is plain_text
    assert "<" not in body and ">" not in body
    assert "&lt;!channel&gt;" in body and "&lt;@U123&gt;" in body and "&amp;" in body
    heading = msg["blocks"][1]["text"]["text"].splitlines()[0]
    assert heading.startswith("*") and heading.endswith("*") and heading.count("*") == 2
    assert "_" not in heading and "~" not in heading


def test_long_title_is_cut_and_keeps_the_date():
    [msg] = digest_messages(briefing([], title="word " * 80))
    header = msg["blocks"][0]["text"]["text"]
    assert len(header) <= HEADER_MAX and header.endswith("… — 2025-06-02")
    assert "No summary points" in all_text(msg)


def test_two_hundred_sections_split_into_thread_parts():
    sections = [
        Section(
            heading=f"Topic {i}", paragraphs=[], bullets=[Bullet(f"Point {i}.{j} " + "detail " * 20) for j in range(3)]
        )
        for i in range(200)
    ]
    parts = digest_messages(briefing(sections))
    assert len(parts) > 1
    for p in parts:
        assert len(p["blocks"]) <= 50
        assert sum(len(t) for b in p["blocks"] for t in texts(b)) <= MESSAGE_TEXT_BUDGET
        assert all(len(t) <= 3000 for t in section_texts([p]))
    assert parts[0]["blocks"][0]["type"] == "header" and parts[1]["blocks"][0]["type"] == "context"
    joined = "\n".join(section_texts(parts))
    for i in range(200):
        assert f"*Topic {i}*" in joined
        for j in range(3):
            assert f"• Point {i}.{j} " in joined
    order = [int(m) for m in re.findall(r"\*Topic (\d+)\*", joined)]
    assert order == list(range(200))


def test_one_huge_bullet_is_split_without_cutting_entities():
    text = ("a&b " * 1500) + "x" * 4000
    parts = digest_messages(briefing([Section("Big", [], [Bullet(text)])]))
    chunks = section_texts(parts)
    assert len(chunks) >= 4 and all(len(c) <= 3000 for c in chunks)
    for chunk in chunks:
        assert "&" not in chunk.replace("&amp;", "")
    assert "".join(chunks).replace(" ", "").replace("\n", "").count("a&amp;b") == 1500


def test_roster_links_speaker_names():
    roster = {
        "Ian": {"full_name": "Ian Brzezinski", "title": "Senior fellow", "link": "https://example.org/ian?x=1&y=2"},
        "Dan": {"full_name": "Dan Fried", "title": "Distinguished fellow"},
    }
    b = briefing(
        [
            Section(
                "Views",
                [],
                [
                    Bullet("Ian says talks are stalled.", ("Ian",)),
                    Bullet("Dan disagrees.", ("Dan",)),
                    Bullet("Nobody <b>knows</b>."),
                ],
            )
        ]
    )
    [msg] = digest_messages(b, roster=roster)
    body = msg["blocks"][1]["text"]["text"]
    assert "• <https://example.org/ian?x=1&amp;y=2|Ian Brzezinski> says talks are stalled." in body
    assert "• Dan Fried (Distinguished fellow) disagrees." in body
    assert "&lt;b&gt;knows&lt;/b&gt;" in body


def test_source_link_in_context():
    [msg] = digest_messages(briefing([], link="https://example.org/brief?a=1&b=2"))
    assert msg["blocks"][-1]["elements"][0]["text"] == "Source: <https://example.org/brief?a=1&amp;b=2|Example Wire>"
