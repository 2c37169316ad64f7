"""/whosaid answers stay inside Slack's limits for any archive content and any query.

Slack refuses a section over 3,000 characters, a button value over 2,000 and a message over about
13,200; slack_sdk raises before sending, which inside a command's acknowledgement is an HTTP 500.
"""

from __future__ import annotations

import datetime as dt
import json
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render.mrkdwn import BUTTON_VALUE_MAX, escape_cut, fit_prefix, unescape
from bot.render.whosaid import whosaid_blocks
from bot.understand.model import Appearance, WhosaidHit
from tests.support.slack_standin import _blocks_error

HOSTILE = "&<>" * 4 + "\x00\x01\x07\x1b\x7f\u200b\u200c\u200d\u2060\ufeff\u202e\u00ad" + "ab é*_~|\n\t "
ENTITY_FREE = re.compile(r"&(?!amp;|lt;|gt;)")
LINK = re.compile(r"<https?://[^\s<>|]+\|[^<>]*>")


def hit(quote: str, match=None, **kw) -> WhosaidHit:  # type: ignore[no-untyped-def]
    base = dict(
        speaker="Ana Ruiz", title="Brief", date=dt.date(2025, 6, 2), section="Grid", score=1.0, briefing_id=1, also=()
    )
    return WhosaidHit(quote=quote, match=match, **{**base, **kw})


def check(blocks: list[dict]) -> None:
    """Every limit the stand-in (and Slack) checks, and mrkdwn that pings or links nothing by accident."""
    assert _blocks_error({"blocks": blocks}) is None
    for block in blocks:
        texts = [block["text"]["text"]] if "text" in block else [e.get("text", "") for e in block.get("elements", [])]
        for text in texts:
            if isinstance(text, dict):
                text = text["text"]
            bare = LINK.sub("", text)
            assert "<" not in bare and ">" not in bare, bare[:200]
            assert not ENTITY_FREE.search(bare), bare[:200]
        for element in block.get("elements", []):
            if element.get("type") == "button":
                assert len(element["value"]) <= BUTTON_VALUE_MAX
                json.loads(element["value"])


def test_a_quote_heavy_in_ampersands_fits_after_escaping():
    quote = ("R&D <AI> & " * 300)[:2400]
    check(whosaid_blocks("R&D", [hit(quote, (0, 3))]))
    check(whosaid_blocks("nothing", [hit(quote)]))


def test_a_query_of_control_characters_fits_the_button():
    blocks = whosaid_blocks("\x01" * 499 + "root", [hit("root causes", (0, 4))])
    check(blocks)
    assert json.loads(blocks[-1]["elements"][0]["value"]) == {"q": "root"}


def test_five_long_quotes_stay_under_the_message_limit():
    quote = "&" * 3000
    blocks = whosaid_blocks("x", [hit(quote, (10, 20), title="&" * 400, section="<" * 400)] * 20)
    check(blocks)


def test_a_repeated_quote_is_one_answer_listing_where_else_it_stands():
    also = (
        Appearance(title="Brief", date=dt.date(2025, 6, 2), section=None, briefing_id=1),
        Appearance(title="Other <b>", date=dt.date(2025, 6, 3), section="X", briefing_id=2),
    )
    blocks = whosaid_blocks(
        "root", [hit("root causes", (0, 4), also=also)], permalinks={2: "https://t.slack.test/archives/C1/p2"}
    )
    context = blocks[2]["elements"][0]["text"]
    assert context == (
        "Brief · 2025-06-02 · Grid · also in In brief, "
        "<https://t.slack.test/archives/C1/p2|Other &lt;b&gt;> (2025-06-03)"
    )


def test_escape_then_cut_never_splits_an_entity():
    assert escape_cut("a&b" * 10, 12) == "a&amp;ba…"  # the next "&amp;" would pass 12
    assert fit_prefix("<<<", 8) == "<<"
    assert unescape("R&amp;D &lt;AI&gt;") == "R&D <AI>"


texts = st.text(alphabet=st.sampled_from(HOSTILE), max_size=4000)
hits = st.builds(
    lambda quote, speaker, title, section, span, n_also: hit(
        quote,
        (min(span[0], len(quote)), min(span[0] + span[1], len(quote))) if span else None,
        speaker=speaker or None,
        title=title,
        section=section or None,
        also=tuple(Appearance(title=title, date=None, section=section, briefing_id=i % 3) for i in range(n_also)),
    ),
    texts,
    st.text(alphabet=st.sampled_from(HOSTILE), max_size=300),
    texts,
    texts,
    st.none() | st.tuples(st.integers(0, 4000), st.integers(1, 4000)),
    st.integers(0, 6),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(query=st.text(alphabet=st.sampled_from(HOSTILE), max_size=3000), found=st.lists(hits, max_size=25))
def test_any_archive_content_and_query_render_inside_slacks_limits(query, found):
    check(whosaid_blocks(query, found))
    check(whosaid_blocks(query, found, share=False))
