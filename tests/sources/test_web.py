from __future__ import annotations

import pytest

from bot.sources import SourceError, WebSource
from bot.sources.web import sitemap_urls
from bot.understand.analyze import read
from tests.sources.conftest import LOOPBACK
from tests.sources.test_feed import ARTICLE
from tests.support.http_server import Reply

SITEMAP = """<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{}</urlset>"""


def _sitemap(*urls: str) -> bytes:
    return SITEMAP.format("".join(f"<url><loc>{u}</loc></url>" for u in urls)).encode()


def test_page_becomes_an_html_item_with_headings(http):
    http.routes["/a"] = Reply(ARTICLE.encode())
    (it,), state = WebSource("w", [http.url("/a")], allow_private=LOOPBACK).poll({})
    assert (it.source, it.name, it.item_key, it.content_type) == ("w", http.url("/a"), http.url("/a"), "text/html")
    assert b"<h2>Sanctions</h2>" in it.data and b"Home" not in it.data
    (briefing,) = read(it.data, it.name, it.content_type)
    assert briefing.title == "Ministers meet in Brussels" and str(briefing.date) == "2024-03-04"
    assert [s.heading for s in briefing.sections if s.heading] == ["Sanctions", "Energy"]
    assert any("frozen conflict" in q.text for q in briefing.quotes)
    assert "digest" in state["pages"][http.url("/a")]


def test_unchanged_pages_are_not_yielded_again(http):
    http.routes["/a"] = Reply(ARTICLE.encode(), etag='"p1"')
    http.routes["/b"] = Reply(ARTICLE.replace("Brussels", "Luxembourg").encode())
    source = WebSource("w", [http.url("/a"), http.url("/b")], allow_private=LOOPBACK)
    items, state = source.poll({})
    assert len(items) == 2
    items, state = source.poll(state)
    assert items == []
    assert http.requests[-2][1]["if-none-match"] == '"p1"'
    http.routes["/b"] = Reply(ARTICLE.replace("Brussels", "Vilnius").encode())
    items, _ = source.poll(state)
    assert [i.item_key for i in items] == [http.url("/b")] and b"Vilnius" in items[0].data


def test_sitemap_lists_the_pages(http):
    http.routes["/a"] = Reply(ARTICLE.encode())
    http.routes["/b"] = Reply(ARTICLE.replace("Brussels", "Riga").encode())
    http.routes["/sitemap.xml"] = Reply(
        _sitemap(http.url("/a"), http.url("/b"), "javascript:x"), content_type="application/xml"
    )
    items, _ = WebSource("w", [http.url("/sitemap.xml")], allow_private=LOOPBACK).poll({})
    assert [i.item_key for i in items] == [http.url("/a"), http.url("/b")]


def test_sitemap_index_is_followed_one_level(http):
    http.routes["/a"] = Reply(ARTICLE.encode())
    http.routes["/pages-sitemap.xml"] = Reply(_sitemap(http.url("/a")))
    index = (
        '<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"<sitemap><loc>{http.url('/pages-sitemap.xml')}</loc></sitemap></sitemapindex>"
    )
    http.routes["/sitemap_index.xml"] = Reply(index.encode())
    items, _ = WebSource("w", [http.url("/sitemap_index.xml")], allow_private=LOOPBACK).poll({})
    assert [i.item_key for i in items] == [http.url("/a")]


def test_hostile_sitemap_is_refused():
    evil = b'<?xml version="1.0"?><!DOCTYPE u [<!ENTITY a "aaaa">]><urlset><url><loc>&a;</loc></url></urlset>'
    with pytest.raises(SourceError, match="sitemap refused: xml_entities_forbidden"):
        sitemap_urls(evil)


def test_one_failing_page_is_recorded_the_others_still_come(http):
    http.routes["/a"] = Reply(ARTICLE.encode())
    items, state = WebSource("w", [http.url("/missing"), http.url("/a")], allow_private=LOOPBACK).poll({})
    assert [i.item_key for i in items] == [http.url("/a")]
    assert "HTTP 404" in state["errors"][http.url("/missing")]


def test_all_pages_failing_is_a_source_error(http):
    with pytest.raises(SourceError, match="HTTP 404"):
        WebSource("w", [http.url("/missing")], allow_private=LOOPBACK).poll({})


def test_loopback_page_is_refused_by_default(http):
    http.routes["/a"] = Reply(ARTICLE.encode())
    with pytest.raises(SourceError, match=r"^refused: 127\.0\.0\.1 is a loopback address$"):
        WebSource("w", [http.url("/a")]).poll({})
    assert http.requests == []
