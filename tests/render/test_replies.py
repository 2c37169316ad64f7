"""Short replies (help, listings, sources) as Slack shows them."""

from __future__ import annotations

import datetime as dt
import re

from bot.render.replies import briefing_list, help_blocks, message, source_line
from bot.understand.model import Briefing, Section

RAW_ANGLE = re.compile(r"<(?!https?://)[^>]*>")


def test_help_keeps_its_lines_and_shows_placeholders_as_typed():
    blocks = help_blocks()
    digest = blocks[0]["text"]["text"]
    assert digest.count("\n• ") >= 8  # one command per line, not one run-on paragraph
    assert "`/digest search &lt;words&gt;`" in digest and "`/whosaid &lt;phrase&gt;`" in blocks[1]["text"]["text"]
    assert not any(RAW_ANGLE.search(b["text"]["text"]) for b in blocks)


def test_listings_and_sources_keep_one_item_a_line():
    b = Briefing(
        source="x", title="Grid & <power>", date=dt.date(2025, 6, 2), sections=[Section("A", [], [])], quotes=[]
    )
    [block] = briefing_list("*The latest briefings*", [(b, None)] * 3)
    lines = block["text"]["text"].split("\n")
    assert lines[0] == "*The latest briefings*" and len(lines) == 4 and "Grid &amp; &lt;power&gt;" in lines[1]
    text = "*Sources*\n" + "\n".join(source_line({"name": f"s{i}", "kind": "feed"}) for i in range(3))
    assert message(text)[0]["text"]["text"].count("\n") == 3


def test_a_long_reply_is_cut_at_a_line_under_the_limit():
    [block] = message("\n".join(f"• line {i} " + "x" * 80 for i in range(100)))
    assert len(block["text"]["text"]) <= 3000 and block["text"]["text"].endswith("\n…")
