import datetime as dt

import pytest

from bot.understand.model import BriefingError
from bot.understand.parse import detect, looks_like_briefing, parse
from bot.understand.parse.decode import decode


def one(data: bytes | str, name: str = "b.txt"):
    docs = parse(data.encode() if isinstance(data, str) else data, name)
    assert len(docs) == 1
    return docs[0]


def test_plain_header_line_gives_date_and_title():
    doc = one(" date 2025-03-14 GET UP TO SPEED\n\nLede here.\n\nFirst heading\n\nBody one.\n\nBody two.\n")
    assert (doc.date, doc.title) == (dt.date(2025, 3, 14), "GET UP TO SPEED")
    assert [(s.heading, s.paragraphs) for s in doc.sections] == [
        (None, ["Lede here."]),
        ("First heading", ["Body one.", "Body two."]),
    ]


def test_plain_hard_wrapped_lines_join_into_one_paragraph():
    doc = one(" date 2025-01-02 T\n\nA long sentence\nwrapped over lines.\n")
    assert doc.sections[0].paragraphs == ["A long sentence wrapped over lines."]


@pytest.mark.parametrize(
    "line, heading",
    [
        ("Trump’s pitch", True),
        ("What to watch", True),
        ("What comes next?", True),
        ("Chips down.", False),
        ("tells us.", False),
        ("“Quoted line”", False),
        ("A line that is clearly far too long to be a heading because it goes on and on and on", False),
    ],
)
def test_heading_rule(line, heading):
    doc = one(f" date 2025-01-02 T\n\nLede.\n\n{line}\n\nBody.\n")
    assert any(s.heading == line for s in doc.sections) is heading


def test_plain_without_date_line_takes_title_and_null_date():
    doc = one("Weekly energy brief\n\nGas prices fell.\n\nMarkets\n\nTraders shrugged.\n")
    assert doc.title == "Weekly energy brief"
    assert doc.date is None
    assert [s.heading for s in doc.sections] == [None, "Markets"]


@pytest.mark.parametrize(
    "line, expected",
    [
        ("March 14, 2025", dt.date(2025, 3, 14)),
        ("*Friday, March 14, 2025*", dt.date(2025, 3, 14)),
        ("14 Mar 2025", dt.date(2025, 3, 14)),
        ("2025-03-14", dt.date(2025, 3, 14)),
    ],
)
def test_date_line_under_title(line, expected):
    assert one(f"Brief\n{line}\n\nBody text here.\n").date == expected


def test_markdown_title_headings_links_and_front_matter():
    doc = one(
        "---\ndate: 2025-04-01\n---\n# The title\n\nLede with [Ian](https://x.example/ian) says hi.\n\n"
        "## Section A\n\n**Bold** text here.\n",
        "b.md",
    )
    assert (doc.title, doc.date) == ("The title", dt.date(2025, 4, 1))
    assert [(s.heading, s.paragraphs) for s in doc.sections] == [
        (None, ["Lede with Ian says hi."]),
        ("Section A", ["Bold text here."]),
    ]


def test_markdown_date_line_is_metadata_not_a_paragraph():
    doc = one("# T\n\n*March 3, 2025*\n\nBody.\n", "b.md")
    assert doc.date == dt.date(2025, 3, 3)
    assert doc.sections[0].paragraphs == ["Body."]


HTML = """<html><head><title>Site | Brief</title><script>var x = "“not a quote,” he said";</script>
<style>p{}</style><meta property="article:published_time" content="2025-05-21T08:00:00Z"></head>
<body><nav><a href="/">Home</a></nav><div class="social-share">Share on X</div>
<article><h1>Real title</h1><p>Lede &amp; more with &ldquo;entities&rdquo;.</p>
<h2>Part one</h2><p><a href="/e/n">Nadia</a> says hello.</p><ul><li>A list item.</li></ul>
<p>Click here to unsubscribe.</p></article>
<footer><p>&copy; 2025 Desk. <a href="/unsubscribe">Unsubscribe</a></p></footer></body></html>"""


def test_html_keeps_the_article_and_drops_the_chrome():
    doc = one(HTML, "b.html")
    assert (doc.title, doc.date) == ("Real title", dt.date(2025, 5, 21))
    assert [(s.heading, s.paragraphs) for s in doc.sections] == [
        (None, ["Lede & more with “entities”."]),
        ("Part one", ["Nadia says hello.", "A list item."]),
    ]


def test_html_table_newsletter_without_paragraph_tags():
    doc = one(
        "<html><body><table><tr><td><h1>T</h1>First line.<br><br>Second block.</td></tr></table></body></html>",
        "n.html",
    )
    assert doc.sections[0].paragraphs == ["First line.", "Second block."]


def test_html_drops_preview_text_bylines_and_the_footer_block():
    page = (
        "<html><body><div style='display:none;max-height:0'>Preview text nobody reads.</div>"
        "<h1>Brief</h1><p class='byline'>By the Desk · 4 min read</p><p class='meta'>Posted today</p>"
        "<p>The lede.</p><span class='sr-only'>Skip</span>"
        "<table><tr><td>Real paragraph in a cell.</td></tr>"
        "<tr><td><a href='#'>LinkedIn</a> · <a href='#'>Bluesky</a><br>Desk, 1 Main Street, Springfield<br>"
        "You are receiving this because you signed up. <a href='#'>Unsubscribe</a></td></tr></table></body></html>"
    )
    doc = one(page, "b.html")
    assert [p for s in doc.sections for p in s.paragraphs] == ["The lede.", "Real paragraph in a cell."]


def test_html_takes_the_date_from_the_byline_and_drops_kickers_ads_and_browser_links():
    page = (
        "<html><body><p><a href='#'>View this email in your browser</a> · <a href='#'>Forward</a></p>"
        "<p class='kicker'><a href='/x'>Trade policy</a></p><h1>Brief</h1>"
        "<p class='byline'>By Ana Ruiz, Editor · Thursday 30 October 2025</p><p>The lede.</p>"
        "<p><b>Sponsored</b> · Hedge your exposure today. <a href='#'>Open an account</a></p></body></html>"
    )
    doc = one(page, "b.html")
    assert doc.date == dt.date(2025, 10, 30)
    assert [p for s in doc.sections for p in s.paragraphs] == ["The lede."]


def test_markdown_byline_line_gives_the_date_and_is_dropped():
    doc = one("# Cocoa\n\nBy the Commodities Desk · 3 December 2025\n\nThe lede.\n", "c.md")
    assert doc.date == dt.date(2025, 12, 3) and doc.sections[0].paragraphs == ["The lede."]


FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
<item><title>Brief one</title><link>https://desk.example/1</link><guid>g-1</guid>
<pubDate>Tue, 20 May 2025 08:00:00 GMT</pubDate>
<description><![CDATA[<p>Lede one.</p><h2>Heading</h2><p>&ldquo;Quote,&rdquo; Ian says.</p>]]></description></item>
<item><title>Brief two</title><link>javascript:alert(1)</link><description>Plain lede two.</description></item>
</channel></rss>"""


def test_feed_file_gives_one_document_per_item():
    docs = parse(FEED, "desk.xml")
    assert [d.title for d in docs] == ["Brief one", "Brief two"]
    assert docs[0].date == dt.date(2025, 5, 20)
    assert (docs[0].item_key, docs[0].link) == ("g-1", "https://desk.example/1")
    assert [s.heading for s in docs[0].sections] == [None, "Heading"]
    assert docs[1].link is None  # javascript: links are dropped


def test_feed_with_entity_expansion_is_refused():
    bomb = b"""<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]>
<rss><channel><item><title>&b;</title><description>x</description></item></channel></rss>"""
    with pytest.raises(BriefingError, match="xml_entities_forbidden"):
        parse(bomb, "bomb.xml")


EML = b"""From: Desk <desk@example.org>
To: team@example.org
Subject: Daily brief: talks stall
Date: Wed, 21 May 2025 07:00:00 +0000
Message-ID: <abc@example.org>
MIME-Version: 1.0
Content-Type: multipart/alternative; boundary="b"

--b
Content-Type: text/plain; charset=utf-8

Talks stalled.

--b
Content-Type: text/html; charset=utf-8

<html><body><p>Talks stalled.</p><h2>Why</h2><p>&ldquo;Money,&rdquo; Grace says.</p>
<p><a href="https://x/unsub">Unsubscribe</a></p></body></html>
--b--
"""


def test_email_uses_subject_date_message_id_and_html_part():
    doc = one(EML, "brief.eml")
    assert (doc.title, doc.date, doc.item_key) == (
        "Daily brief: talks stall",
        dt.date(2025, 5, 21),
        "<abc@example.org>",
    )
    assert [(s.heading, s.paragraphs) for s in doc.sections] == [
        (None, ["Talks stalled."]),
        ("Why", ["“Money,” Grace says."]),
    ]


def test_email_is_recognised_without_the_eml_suffix():
    assert one(EML, "message.txt").title == "Daily brief: talks stall"


@pytest.mark.parametrize(
    "data, text",
    [
        ("\ufeffhello “x”".encode("utf-8"), "hello “x”"),
        ("hello “x”".encode("utf-16"), "hello “x”"),
        ("caf\u00e9 \u201cx\u201d".encode("cp1252"), "café “x”"),
        (b"a\x00b\r\nc\rd", "ab\nc\nd"),
    ],
)
def test_decode(data, text):
    assert decode(data) == text


@pytest.mark.parametrize("data", [b"", b"   \n\t ", b"\x00\x01\x02\x03" * 100, bytes(range(256)) * 10])
def test_unreadable_input_is_a_clear_error(data):
    with pytest.raises(BriefingError):
        parse(data, "x.txt")


def test_detect_and_briefing_names():
    assert detect(b"<!DOCTYPE html><p>x", "x") == "html"
    assert detect(b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>", "x.xml") == "feed"
    assert looks_like_briefing("a.txt") and looks_like_briefing("b.eml")
    assert not looks_like_briefing("a.gold.json") and not looks_like_briefing("README.md")
    assert not looks_like_briefing(".hidden.txt")
