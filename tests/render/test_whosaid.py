"""/whosaid answers as Block Kit."""

from __future__ import annotations

import datetime as dt
import json

from bot.render.whosaid import whosaid_blocks
from bot.understand.model import WhosaidHit


def hit(**kw) -> WhosaidHit:
    base = dict(
        speaker="Vladimir Putin",
        quote="any deal must address the war's root causes",
        title="Get up to speed",
        date=dt.date(2025, 3, 14),
        section="Putin's balk",
        score=1.0,
        briefing_id=4,
        match=(32, 43),
    )
    return WhosaidHit(**{**base, **kw})


def test_whosaid_hit_bolds_the_match_and_shares():
    blocks = whosaid_blocks("root causes", [hit(), hit(speaker=None, match=None, quote="<!channel> now")])
    assert blocks[1]["text"]["text"] == "*Vladimir Putin*: “any deal must address the war's *root causes*”"
    assert blocks[2]["elements"][0]["text"] == "Get up to speed · 2025-03-14 · Putin's balk"
    assert blocks[3]["text"]["text"] == "*Unattributed*: “&lt;!channel&gt; now”"
    [button] = blocks[-1]["elements"]
    assert button["action_id"] == "whosaid_share" and json.loads(button["value"]) == {"q": "root causes"}
    assert button["text"]["text"] == "Share in channel"


def test_whosaid_permalink_empty_and_many():
    linked = whosaid_blocks("x", [hit()], permalinks={4: "https://standin.slack.test/archives/C1/p1"}, share=False)
    assert linked[2]["elements"][0]["text"].startswith("<https://standin.slack.test/archives/C1/p1|Get up to speed>")
    assert all(b["type"] != "actions" for b in linked)
    [empty] = whosaid_blocks("<!here> nothing", [])
    assert "No quotes matching" in empty["text"]["text"] and "<!here>" not in empty["text"]["text"]
    many = whosaid_blocks("root", [hit()] * 60)
    assert len(many) <= 50 and "showing the first" in many[0]["text"]["text"]


def test_whosaid_long_quote_keeps_match_visible():
    quote = "x " * 3000 + "the needle" + " y" * 3000
    start = quote.index("the needle")
    [_, section, _, _] = whosaid_blocks("needle", [hit(quote=quote, match=(start, start + 10))])
    assert "*the needle*" in section["text"]["text"] and len(section["text"]["text"]) <= 3000


def test_whosaid_described_speaker_opens_with_a_capital():
    blocks = whosaid_blocks("root causes", [hit(speaker="a spokesman for Kestrel Networks")])
    assert blocks[1]["text"]["text"].startswith("*A spokesman for Kestrel Networks*: ")
