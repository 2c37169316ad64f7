from __future__ import annotations

import datetime as dt
from html import escape

import feedparser
import pytest

from bot.pipeline import Pipeline
from bot.sources import FeedSource, SourceError
from bot.store import Store
from bot.understand.analyze import read_entry
from bot.understand.parse.feed import FeedEntry
from tests.sources.conftest import LOOPBACK
from tests.support.http_server import Reply

LONG = (
    "The foreign minister met her counterparts in Brussels on Monday. "
    "\u201cWe will not accept a frozen conflict,\u201d she said after the meeting. "
    + "Officials discussed sanctions, energy prices and the timetable for talks in detail. "
    * 8
)


def rss(*items: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Briefings</title>'
        f"<link>http://example.org/</link><description>d</description>{''.join(items)}</channel></rss>"
    ).encode()


def item(
    guid: str, title: str, body: str, link: str = "http://example.org/x", date: str = "Mon, 04 Mar 2024 09:00:00 GMT"
) -> str:
    return (
        f'<item><guid isPermaLink="false">{guid}</guid><title>{escape(title)}</title><link>{escape(link)}</link>'
        f"<pubDate>{date}</pubDate><description>{escape(body)}</description></item>"
    )


ARTICLE = """<!doctype html><html><head><title>Ministers meet</title>
<meta property="article:published_time" content="2024-03-04"></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>Ministers meet in Brussels</h1>
<p>The foreign minister met her counterparts in Brussels on Monday to discuss the war.</p>
<h2>Sanctions</h2>
<p>\u201cWe will not accept a frozen conflict,\u201d the foreign minister said after the meeting, adding that the
next package of sanctions would target energy revenues and shipping.</p>
<p>Officials said the timetable for talks would be set next week, after consultations with partners in the region
and a review of the existing measures by the legal services of the council.</p>
<h2>Energy</h2>
<p>Energy prices were also discussed at length, with several ministers calling for joint purchasing of gas before
the winter and for new interconnectors between national grids to be built faster than planned.</p>
</article><footer>Copyright 2024</footer></body></html>"""


def test_conditional_get_gives_items_once(http):
    http.routes["/feed"] = Reply(
        rss(item("g1", "One", LONG), item("g2", "Two", LONG)),
        content_type="application/rss+xml",
        etag='"abc"',
        last_modified="Mon, 04 Mar 2024 10:00:00 GMT",
    )
    source = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK)
    items, state = source.poll({})
    assert [i.item_key for i in items] == ["g1", "g2"]
    assert state["etag"] == '"abc"' and state["last_modified"] == "Mon, 04 Mar 2024 10:00:00 GMT"
    items, state2 = source.poll(state)
    assert items == [] and state2 == state
    assert http.requests[-1][1]["if-none-match"] == '"abc"'


def test_items_carry_the_parsed_entry_which_is_read_without_parsing_again(http):
    http.routes["/feed"] = Reply(rss(item("g1", "Ministers", LONG, link="http://example.org/m")))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})
    assert it.content_type == "text/html" and it.name == "http://example.org/m" and it.source == "f"
    assert it.entry == FeedEntry(
        "g1", "Ministers", "http://example.org/m", dt.date(2024, 3, 4), LONG.strip(), html=True
    )
    assert it.data == LONG.strip().encode()  # the entry's content, kept as the briefing's raw text
    briefing = read_entry(it.entry, it.name)
    assert briefing.title == "Ministers"
    assert briefing.item_key == "g1" and briefing.link == "http://example.org/m"
    assert str(briefing.date) == "2024-03-04"
    assert any("frozen conflict" in q.text for q in briefing.quotes)


def test_a_polled_feed_is_parsed_once_from_fetch_to_store(http, tmp_path, monkeypatch):
    calls: list[int] = []
    library_parse = feedparser.parse

    def counting(*args, **kwargs):  # the library's own parser, counted
        calls.append(1)
        return library_parse(*args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", counting)
    http.routes["/feed"] = Reply(rss(item("g1", "One", LONG), item("g2", "Two", LONG)))
    store = Store.open(f"sqlite:///{tmp_path}/f.db")
    try:
        report = Pipeline(store, [FeedSource("f", http.url("/feed"), allow_private=LOOPBACK)]).poll()
        assert report.count("new") == 2 and not report.errors
        assert len(calls) == 1
        assert {s.briefing.title for s in store.latest(5)} == {"One", "Two"}
    finally:
        store.close()


def test_feed_without_validators_still_yields_only_new_or_edited_entries(http):
    http.routes["/feed"] = Reply(rss(item("g1", "One", LONG), item("g2", "Two", LONG)))
    source = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK)
    _, state = source.poll({})
    edited = LONG.replace("Monday", "Tuesday")
    http.routes["/feed"] = Reply(rss(item("g1", "One", LONG), item("g2", "Two", edited), item("g3", "Three", LONG)))
    items, state = source.poll(state)
    assert [i.item_key for i in items] == ["g2", "g3"]
    assert b"Tuesday" in items[0].data
    items, _ = source.poll(state)
    assert items == []


def test_edited_entry_behind_a_new_etag_keeps_its_key(http):
    http.routes["/feed"] = Reply(rss(item("g1", "One", LONG)), etag='"v1"')
    source = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK)
    (first,), state = source.poll({})
    http.routes["/feed"] = Reply(rss(item("g1", "One (corrected)", LONG + " A correction was added.")), etag='"v2"')
    (second,), state = source.poll(state)
    assert first.item_key == second.item_key == "g1"
    assert first.data != second.data and b"correction" in second.data
    assert state["etag"] == '"v2"'


def test_teaser_entries_are_replaced_by_the_linked_article(http):
    http.routes["/article/1"] = Reply(ARTICLE.encode())
    teaser = "Ministers met in Brussels. Read more."
    http.routes["/feed"] = Reply(rss(item("t1", "Ministers meet", teaser, link=http.url("/article/1"))))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})
    assert http.hits("/article/1") == 1
    assert it.entry is not None
    briefing = read_entry(it.entry, it.name)
    assert briefing.item_key == "t1" and briefing.link == http.url("/article/1")
    headings = [s.heading for s in briefing.sections]
    assert "Sanctions" in headings and "Energy" in headings
    assert any("frozen conflict" in q.text for q in briefing.quotes)
    assert b"Home" not in it.data and b"Copyright" not in it.data


def test_teasers_are_kept_when_fetching_is_off_or_the_article_fails(http):
    teaser = "Ministers met in Brussels. Read more."
    http.routes["/feed"] = Reply(rss(item("t1", "Ministers meet", teaser, link=http.url("/gone"))))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})
    assert b"Read more" in it.data and http.hits("/gone") == 1
    http.routes["/article/1"] = Reply(ARTICLE.encode())
    http.routes["/feed"] = Reply(rss(item("t2", "Ministers meet", teaser, link=http.url("/article/1"))))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK, fetch_teasers=False).poll({})
    assert b"Read more" in it.data and http.hits("/article/1") == 0


def test_teaser_links_to_private_addresses_are_not_fetched(http):
    teaser = "Short teaser."
    http.routes["/feed"] = Reply(rss(item("t1", "T", teaser, link="http://169.254.169.254/latest/meta-data/")))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})
    assert b"Short teaser" in it.data


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE rss [
<!ENTITY lol "lol">
<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
<!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
<!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
<!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
<!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
<!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
<!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>t</title><item><title>&lol9;</title><guid>x</guid></item></channel></rss>"""


def quadratic_blowup() -> bytes:
    entity = "A" * 10_000
    refs = "&a;" * 10_000
    return (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "{entity}">]>'
        f'<rss version="2.0"><channel><title>t</title><item><guid>x</guid><description>{refs}</description>'
        "</item></channel></rss>"
    ).encode()


XXE = b"""<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/hostname">]>
<rss version="2.0"><channel><title>t</title><item><guid>x</guid><description>&x;</description></item></channel></rss>"""


@pytest.mark.parametrize("body", [BILLION_LAUGHS, quadratic_blowup(), XXE], ids=["billion-laughs", "quadratic", "xxe"])
def test_entity_attacks_are_refused_with_a_clear_reason(http, body):
    http.routes["/evil"] = Reply(body, content_type="application/rss+xml")
    with pytest.raises(SourceError, match=r"^feed refused: xml_entities_forbidden: EntitiesForbidden$"):
        FeedSource("f", http.url("/evil"), allow_private=LOOPBACK).poll({})


def test_html_error_page_is_not_a_feed(http):
    http.routes["/feed"] = Reply(
        b"<!doctype html><html><body><p>Oops</p></body></html>", content_type="application/rss+xml"
    )
    with pytest.raises(SourceError, match="feed"):
        FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})


def test_javascript_links_are_dropped(http):
    http.routes["/feed"] = Reply(rss(item("g1", "One", LONG, link="javascript:alert(1)")))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})
    assert b"javascript" not in it.data and it.name == http.url("/feed")


def test_markup_in_entries_cannot_break_out_of_the_item(http):
    nasty = LONG + "</content></entry><entry><id>forged</id><title>Forged</title></entry>"
    http.routes["/feed"] = Reply(rss(item("g1", "One <b>bold</b> & co", nasty)))
    (it,), _ = FeedSource("f", http.url("/feed"), allow_private=LOOPBACK).poll({})
    assert it.entry is not None
    briefing = read_entry(it.entry, it.name)
    assert briefing.item_key == "g1" and briefing.title == "One <b>bold</b> & co"


def test_loopback_feed_is_refused_by_default(http):
    http.routes["/feed"] = Reply(rss(item("g1", "One", LONG)))
    with pytest.raises(SourceError, match=r"^refused: 127\.0\.0\.1 is a loopback address$"):
        FeedSource("f", http.url("/feed")).poll({})
