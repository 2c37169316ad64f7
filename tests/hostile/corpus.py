"""The hostile corpus: every case is a file name, its bytes and what the bot must do with it.

Small cases live in `tests/hostile/inputs/` (written by `make_inputs.py` from the builders below);
the large ones (`big=True`) are built at test time so nothing over ~200 KB is committed.
"""

from __future__ import annotations

import codecs
import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

INPUTS = Path(__file__).resolve().parent / "inputs"

PING = "<!channel> <!here> <!everyone> <@U123> <#C123> <!subteam^S123> <https://evil.example|click>"
RLO, LRO, PDF = "\u202e", "\u202d", "\u202c"
ZWSP, ZWJ, ZWNJ, WJ = "\u200b", "\u200d", "\u200c", "\u2060"


@dataclass(frozen=True)
class Case:
    id: str
    name: str  # file name in the inbox; its suffix picks the parser
    build: Callable[[], bytes]
    expect: str = "either"  # "parsed" | "rejected" | "either"
    reason: str = ""  # a rejected case's reason starts with this
    item: str = ""  # catalogue item(s) of reliability.md 3.9, or "brief"
    big: bool = False
    absent: tuple[str, ...] = ()  # never in the stored briefing
    present: tuple[str, ...] = ()  # in the stored briefing
    quoted: str = ""  # a quote containing this text is found
    link: str | None = None  # the briefing's own source link, allowed as a <link> in posts
    bug: str = ""  # a known bug in bot/: the content checks are expected to fail (xfail strict)

    def data(self) -> bytes:
        if self.big:
            return self.build()
        return (INPUTS / self.name).read_bytes()


def brief(
    title: str = "THE HOSTILE BRIEF",
    quote: str = "We will publish the plan within weeks",
    speaker: str = "Minister Alvarez",
    heading: str = "The plan",
    extra: str = "",
) -> str:
    """A small plain-text briefing in the house style, with one attributed quote."""
    return (
        f" date 2025-06-02 {title}\n\n"
        "Grids first. On Monday the ministers agreed to plan the offshore grid together. "
        f"“{quote},” {speaker} said, adding that the details would follow. {extra}\n\n"
        f"{heading}\n\n"
        f"{speaker} calls the agreement “the first real plan for a shared sea,” because it links the farms.\n\n"
        "What to watch\n\n"
        "The September summit will test the promise, says Ingrid Berg. “If the budget is not there, the plan slips a year,” she says.\n"
    )


def utf8(text: str) -> Callable[[], bytes]:
    return lambda: text.encode("utf-8")


def html(body: str, head: str = "") -> Callable[[], bytes]:
    page = f"<!doctype html><html><head><title>HTML hostile brief</title>{head}</head><body><article>{body}</article></body></html>"
    return utf8(page)


GOOD_HTML = (
    "<h1>HTML hostile brief</h1><h2>The plan</h2>"
    "<p>“We will publish the plan within weeks,” Minister Alvarez said on Monday in Brussels.</p>"
    "<p>“The budget comes first,” Ingrid Berg says.</p>"
)


def rss(items: str, doctype: str = "", link: str = "https://news.example.org/") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{doctype}<rss version="2.0"><channel><title>Hostile feed</title>'
        f"<link>{link}</link><description>d</description>{items}</channel></rss>"
    ).encode()


def item(
    n: int | str, body: str = "", guid: bool = True, date: str = "Mon, 02 Jun 2025 08:00:00 GMT", title: str = ""
) -> str:
    body = body or f"“Item {n} is on the agenda,” Ingrid Berg said of the plan for the grid."
    g = f"<guid>urn:hostile:{n}</guid>" if guid else ""
    return (
        f"<item><title>{title or f'Feed item {n}'}</title><link>https://news.example.org/{n}</link>{g}"
        f"<pubDate>{date}</pubDate><description>{body}</description></item>"
    )


LOL = "".join(f'<!ENTITY lol{i} "{("&lol%d;" % (i - 1)) * 10}">' for i in range(1, 10))
BILLION_LAUGHS = f'<!DOCTYPE rss [<!ENTITY lol0 "lol">{LOL}]>'


def quadratic() -> bytes:
    return rss(item(1, "&a;" * 20_000), f'<!DOCTYPE rss [<!ENTITY a "{"A" * 5_000}">]>')


def eml(charset: str, body: bytes, cte: str = "8bit") -> bytes:
    head = (
        "From: Briefings <brief@news.example.org>\r\nTo: desk@example.org\r\n"
        "Subject: THE MAIL BRIEF\r\nDate: Mon, 02 Jun 2025 08:00:00 +0000\r\nMessage-ID: <m1@news.example.org>\r\n"
        f'MIME-Version: 1.0\r\nContent-Type: text/plain; charset="{charset}"\r\nContent-Transfer-Encoding: {cte}\r\n\r\n'
    )
    return head.encode("ascii") + body


def gzip_bomb() -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", compresslevel=9) as gz:
        chunk = b"\0" * (1 << 20)
        for _ in range(64):
            gz.write(chunk)
    return buf.getvalue()


def nested(depth: int) -> Callable[[], bytes]:
    return html("<div>" * depth + "“Deep words,” Ingrid Berg said." + "</div>" * depth + GOOD_HTML)


def big_text(size: int) -> bytes:
    para = brief().encode()
    filler = ("The grid plan is discussed at length by everyone involved in the talks. " * 40 + "\n\n").encode()
    return para + filler * (size // len(filler) + 1)


def one_paragraph(size: int) -> bytes:
    sentence = "The grid plan is discussed at length by everyone involved in the talks, says Ingrid Berg. "
    return (brief() + "\n" + sentence * (size // len(sentence)) + "\n").encode()


def single_line(size: int) -> bytes:
    unit = "word “quoted,” he said ".encode()
    return b" date 2025-06-02 ONE LINE " + unit * (size // len(unit))


def tiny_sections(n: int) -> bytes:
    parts = [" date 2025-06-02 TEN THOUSAND SECTIONS\n"]
    for i in range(n):
        parts.append(f"S{i}\n\n“Point {i},” Ingrid Berg said.\n")
    return "\n".join(parts).encode()


def sloppy_cp1252(data: bytes) -> str:
    """How Windows shows UTF-8 read as Windows-1252: the five unassigned bytes pass through."""
    return "".join(bytes([x]).decode("cp1252", errors="ignore") or chr(x) for x in data)


MOJIBAKE = sloppy_cp1252(brief().encode("utf-8")).encode("utf-8")
UNBALANCED = (
    ' date 2025-06-02 UNBALANCED\n\n“Open never closed, Ingrid Berg said. "Half, ‘single “nested ” says ’\n\n'
    'Heading “\n\n” closing first “ then opening” „low-9 “ «guillemets ‹ » " " "\n\n'
    + "“" * 500
    + " words "
    + "”" * 3
    + '"' * 301
    + "\n"
)
ZALGO = "Z" + "\u0336\u0337\u0338\u0334\u0335" * 100 + "algo"
EMOJI_RTL = brief(
    title="🔥🌍 موجز الشبكة 📈 תדריך",
    quote=f"الخطة جاهزة {RLO}txet desrever{PDF} 🚀👩🏽‍💻🇪🇺",
    speaker=f"{RLO}zeravlA{PDF} رئيس الوزراء",
    heading=f"{LRO}עברית{PDF} 🧵 الخطة",
)
ZERO_WIDTH = brief(speaker=f"Ing{ZWSP}rid{ZWJ} B{ZWNJ}erg{WJ}\ufeff", quote=f"Zero{ZWSP}width words inside")
INJECTION = brief(
    title=f"*bold* {PING}",
    quote=f"Ping {PING} and *everyone* _now_ ~gone~ `code` > quote &amp; &",
    speaker="*Bold Speaker*",
    heading="<!here> <@U123> *heading*",
    extra=f"Body text {PING}.",
)


def cases() -> list[Case]:
    b = brief()
    return [
        # ---- encodings and bytes
        Case("empty", "empty.txt", lambda: b"", "rejected", "empty", "1"),
        Case(
            "whitespace-only",
            "whitespace.txt",
            lambda: b" \t\r\n\v\f" * 100 + "\u3000\u00a0".encode(),
            "rejected",
            "empty",
            "2",
        ),
        Case(
            "utf8-bom",
            "utf8-bom.txt",
            lambda: codecs.BOM_UTF8 + b.encode(),
            "parsed",
            item="3",
            absent=("\ufeff",),
            quoted="publish the plan",
        ),
        Case(
            "utf16le-bom",
            "utf16le-bom.txt",
            lambda: codecs.BOM_UTF16_LE + b.encode("utf-16-le"),
            "parsed",
            item="4",
            quoted="publish the plan",
        ),
        Case(
            "utf16be-bom",
            "utf16be-bom.txt",
            lambda: codecs.BOM_UTF16_BE + b.encode("utf-16-be"),
            "parsed",
            item="4",
            quoted="publish the plan",
        ),
        Case("utf16le-no-bom", "utf16le-nobom.txt", lambda: b.encode("utf-16-le"), item="5", absent=("\x00",)),
        Case("utf16be-no-bom", "utf16be-nobom.txt", lambda: b.encode("utf-16-be"), item="5", absent=("\x00",)),
        Case(
            "latin1",
            "latin1.txt",
            lambda: (
                brief(speaker="Señor Müller", quote="Le marché décidera")
                .replace("“", '"')
                .replace("”", '"')
                .encode("latin-1")
            ),
            "parsed",
            item="brief",
            present=("Müller",),
        ),
        Case(
            "cp1252-smart-quotes",
            "cp1252.txt",
            lambda: brief(quote="Prices – not plans – matter").encode("cp1252"),
            "parsed",
            item="6",
            quoted="Prices",
        ),
        Case(
            "invalid-utf8",
            "invalid-utf8.txt",
            lambda: b.encode()[:200] + b"\xff\xfe\xc3\x28\xa0\xa1\xe2\x82" + b.encode()[200:],
            "parsed",
            item="7",
            quoted="publish the plan",
        ),
        Case(
            "invalid-utf8-long",
            "invalid-utf8-long.txt",
            lambda: (b.encode() * 4)[:200] + b"\xff\xfe\xc3\x28" + (b.encode() * 4)[200:],
            "parsed",
            item="7",
            quoted="publish the plan",
        ),
        Case(
            "mojibake", "mojibake.txt", lambda: MOJIBAKE, "parsed", item="8", absent=("â€",), quoted="publish the plan"
        ),
        Case("nul-bytes", "nul.txt", lambda: b.encode().replace(b" ", b" \x00"), item="9", absent=("\x00",)),
        Case(
            "nul-sprinkled-few",
            "nul-few.txt",
            lambda: b.encode()[:300] + b"\x00\x00" + b.encode()[300:],
            "parsed",
            item="9",
            absent=("\x00",),
        ),
        Case(
            "lone-surrogate",
            "surrogate.html",
            html(GOOD_HTML + "<p>Bad &#xD800; and \\ud800 and &#0; here.</p>"),
            "parsed",
            item="10",
            absent=("\ud800",),
        ),
        Case(
            "cesu-surrogate-bytes",
            "surrogate.txt",
            lambda: b.encode()[:250] + b"\xed\xa0\x80" + b.encode()[250:],
            "parsed",
            item="10",
            absent=("\ud800",),
        ),
        Case(
            "cr-only",
            "cr-only.txt",
            lambda: b.replace("\n", "\r").encode(),
            "parsed",
            item="11",
            quoted="publish the plan",
        ),
        Case("binary", "binary.txt", lambda: bytes(range(256)) * 64, "rejected", item="brief"),
        Case("png-as-txt", "image.txt", lambda: b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, "rejected", item="brief"),
        Case("gzip-bomb-file", "bomb.txt", gzip_bomb, "rejected", item="14"),
        # ---- sizes
        Case("10mb-single-line", "single-line.txt", lambda: single_line(10_000_000), item="12", big=True),
        Case("20mb-text", "twenty-mb.txt", lambda: big_text(20 * 1024 * 1024), "rejected", "too_large", "13", big=True),
        Case("2mb-paragraph", "paragraph.txt", lambda: one_paragraph(2 * 1024 * 1024), item="brief", big=True),
        Case("10000-sections", "sections.txt", lambda: tiny_sections(10_000), item="36", big=True),
        Case("title-10000", "long-title.txt", utf8(brief(title="T" * 10_000)), "parsed", item="brief"),
        Case("heading-5000", "long-heading.txt", utf8(brief(heading="Heading " * 625)), "parsed", item="brief"),
        Case(
            "quote-50000", "long-quote.txt", utf8(brief(quote="We will publish the plan " * 2000)), "parsed", item="35"
        ),
        # ---- text content
        Case("unbalanced-quotes", "unbalanced.txt", utf8(UNBALANCED), item="41"),
        Case(
            "zalgo", "zalgo.txt", utf8(brief(speaker=f"{ZALGO} Berg", quote=f"Words {ZALGO} here")), "parsed", item="38"
        ),
        Case("emoji-rtl-bidi", "emoji-rtl.txt", utf8(EMOJI_RTL), "parsed", item="37"),
        Case("zero-width-names", "zero-width.txt", utf8(ZERO_WIDTH), "parsed", item="brief"),
        Case("nfd-quote", "nfd.txt", utf8(brief(quote="Le marche\u0301 de\u0301cidera")), "parsed", item="39"),
        Case("slack-injection", "injection.txt", utf8(INJECTION), "parsed", item="34", quoted="Ping"),
        Case(
            "slack-injection-md",
            "injection.md",
            utf8(
                f"# *bold* {PING}\n\n## <!here>\n\n“Ping {PING},” Ingrid Berg said.\n\n[click](javascript:alert(1)) <https://evil.example|bank>\n"
            ),
            "parsed",
            item="34",
        ),
        # ---- HTML
        Case(
            "html-script-style-iframe",
            "scripts.html",
            html(
                GOOD_HTML + "<script>var q = “I never said this,” Fake Person said;</script>"
                "<style>p:after{content:'“Styled quote,” said Nobody'}</style><noscript>“Noscript quote,” said Nobody.</noscript>"
                "<!-- “Comment quote,” said Nobody --><iframe src='https://evil.example/'>“Iframe quote,” said Nobody</iframe>",
                "<script>alert('“Head script,” said Nobody')</script><style>body{}</style>",
            ),
            "parsed",
            item="16,17",
            absent=("never said", "Styled quote", "Noscript", "Comment quote", "Head script", "alert("),
        ),
        Case(
            "html-entity-script",
            "entity-script.html",
            html(GOOD_HTML + "<p>Literal &lt;script&gt;alert(1)&lt;/script&gt; and &amp;lt;b&amp;gt; stays.</p>"),
            "parsed",
            item="18",
            present=("<script>alert(1)</script>", "&lt;b&gt;"),
        ),
        Case(
            "html-handlers-js-links",
            "handlers.html",
            html(
                GOOD_HTML.replace("<p>", '<p onclick="steal()" onmouseover="steal()">', 1)
                + '<p><a href="javascript:alert(1)">js link</a> <a href="data:text/html,x">data</a> <a href="file:///etc/passwd">file</a>'
                ' <a href="vbscript:x">vb</a> <img src=x onerror="steal()"> <svg onload="steal()"></svg></p>'
            ),
            "parsed",
            item="19,20",
            absent=("javascript:", "data:text", "file:///", "steal()", "vbscript"),
        ),
        Case(
            "html-base-href",
            "base.html",
            html(
                GOOD_HTML + '<p><a href="/relative">relative</a> <a href="//evil.example/x">scheme-relative</a></p>',
                '<base href="javascript:alert(1)//">',
            ),
            "parsed",
            item="21",
            absent=("javascript:",),
        ),
        Case(
            "html-internal-links",
            "internal-links.html",
            html(
                GOOD_HTML
                + '<p><a href="http://169.254.169.254/latest/meta-data/">meta</a> <a href="http://2130706433/">dec</a> <a href="http://[::ffff:127.0.0.1]/">v6</a> <a href="http://[64:ff9b::7f00:1]/">nat64</a></p>'
            ),
            "parsed",
            item="30,31,32,33",
        ),
        Case("html-nested-10000", "nested-10k.html", nested(10_000), item="15"),
        Case("html-nested-100000", "nested-100k.html", nested(100_000), item="15", big=True),
        Case(
            "html-no-body",
            "nobody.html",
            utf8("<!doctype html><html><head><script>x</script></head></html>"),
            "rejected",
            item="brief",
        ),
        # ---- feeds
        Case(
            "feed-billion-laughs",
            "laughs.rss",
            lambda: rss(item(1, "&lol9;"), BILLION_LAUGHS),
            "rejected",
            "xml_entities_forbidden",
            "22",
        ),
        Case(
            "feed-xxe",
            "xxe.rss",
            lambda: rss(item(1, "&x;"), '<!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'),
            "rejected",
            "xml_entities_forbidden",
            "23",
            absent=("root:",),
        ),
        Case("feed-quadratic", "quadratic.rss", quadratic, "rejected", "xml_entities_forbidden", "24"),
        Case("feed-html-as-rss", "page.rss", html(GOOD_HTML), item="25"),
        Case(
            "feed-10000-items",
            "many.rss",
            lambda: rss("".join(item(i) for i in range(10_000))),
            "parsed",
            item="26",
            big=True,
        ),
        Case(
            "feed-no-guid",
            "noguid.rss",
            lambda: rss(item("a", guid=False) + item("b", guid=False)),
            "parsed",
            item="27",
        ),
        Case(
            "feed-guid-churn",
            "churn.rss",
            lambda: rss(item("same") + item("same").replace("urn:hostile:same", "urn:hostile:other")),
            "parsed",
            item="28",
        ),
        Case(
            "feed-bad-dates",
            "dates.rss",
            lambda: rss(item(1, date="not a date") + item(2, date="Fri, 01 Jan 9999 00:00:00 GMT") + item(3, date="")),
            "parsed",
            item="29",
        ),
        Case(
            "feed-malformed-xml",
            "malformed.rss",
            lambda: rss(item(1)).replace(b"</channel>", b"<item><title>oops</channel>"),
            "rejected",
            item="brief",
        ),
        Case(
            "feed-injection",
            "inject.rss",
            lambda: rss(
                item(
                    1,
                    f"“Ping {PING},” Ingrid Berg said.".replace("<", "&lt;").replace(">", "&gt;"),
                    title="&lt;!channel&gt; *bold*",
                )
                + item("js").replace("https://news.example.org/js", "javascript:alert(1)")
            ),
            "parsed",
            item="34",
        ),
        # ---- e-mail
        Case("eml-bogus-charset", "bogus.eml", lambda: eml("x-no-such-charset", brief().encode()), item="brief"),
        Case(
            "eml-wrong-charset",
            "wrong.eml",
            lambda: eml("us-ascii", brief(speaker="Señor Müller").encode()),
            "parsed",
            item="brief",
        ),
        Case(
            "eml-bad-base64",
            "base64.eml",
            lambda: eml("utf-8", b"!!!not base64***\r\n====\r\n", "base64"),
            item="brief",
        ),
        # ---- metadata / inbox-level items are in test_briefings.py (43, 44, 45)
    ]


CASES = cases()
BY_ID = {c.id: c for c in CASES}
