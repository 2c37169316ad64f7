"""Hostile slash-command texts against the running HTTP app, and the `whosaid` CLI."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.pipeline import ingest
from bot.store import Store
from tests.hostile.corpus import PDF, PING, RLO, brief
from tests.support.bot_server import SEED

QUERIES = {
    "long-5000": "root causes " * 416 + "root",
    "double-quote": '"',
    "unbalanced-phrase": 'multi-agent "unbalanced',
    "star": "*",
    "prefix-star": "roo*",
    "near": "NEAR(root causes)",
    "near-unclosed": "NEAR(root",
    "or": "root OR causes",
    "and-not": "root AND NOT causes",
    "column": "speaker:Bob",
    "caret": "^root",
    "paren": "(",
    "parens-deep": "(" * 500 + "root" + ")" * 499,
    "dash": "-",
    "dash-word": "-root causes",
    "nul": "root\x00causes",
    "emoji-only": "🔥🚀👩🏽‍💻🇪🇺",
    "rtl": f"الخطة جاهزة {RLO}root{PDF} עברית",
    "channel": "<!channel>",
    "pings": PING,
    "empty": "",
    "spaces": "   \t  ",
    "zalgo": "r" + "\u0336" * 500 + "oot",
    "sql": "root'; DROP TABLE quotes; --",
    "fts-quote-star": '"root causes"*',
    "nfc": "marché",
}
MENTION = re.compile(r"<[!@#]")


def reply_text(reply: dict) -> str:
    return json.dumps(reply.get("blocks", []), ensure_ascii=False) + reply.get("text", "")


def assert_polite(response) -> dict:  # type: ignore[no-untyped-def]
    assert response.status_code == 200, response.text[:300]
    reply = response.json()
    assert reply["response_type"] == "ephemeral"
    text = reply_text(reply)
    assert text.strip(), reply
    assert not MENTION.search(text), text[:500]
    assert "<https://evil.example" not in text
    assert "Traceback" not in text
    return reply


@pytest.mark.timeout(15)
@pytest.mark.parametrize("query", list(QUERIES.values()), ids=list(QUERIES))
def test_whosaid_query_gets_a_polite_ephemeral_reply(bot_server, query):
    reply = assert_polite(bot_server.command("/whosaid", query))
    if "<!channel>" in query:
        assert "&lt;!channel&gt;" in reply_text(reply) or "channel" not in reply_text(reply)


DIGEST_TEXTS = {
    **QUERIES,
    "search-ping": f"search {PING}",
    "subscribe-ping": f"subscribe {PING}",
    "unsubscribe-ping": f"unsubscribe {PING}",
    "date-ping": "2025-13-45 <!here>",
    "help-ping": "help <!channel>",
}


@pytest.mark.timeout(15)
@pytest.mark.parametrize(
    "text",
    [pytest.param(v, id=k) for k, v in DIGEST_TEXTS.items()],
)
def test_digest_text_gets_a_polite_ephemeral_reply(bot_server, text):
    assert_polite(bot_server.command("/digest", text))


@pytest.mark.timeout(15)
def test_nfd_quote_is_found_by_an_nfc_query(bot_server):
    """Item 39: the same é typed two ways finds the same quote."""
    store = bot_server.runtime.store
    ingest(store, brief(quote="Le marche\u0301 de\u0301cidera").encode(), "nfd.txt")
    reply = assert_polite(bot_server.command("/whosaid", "marché décidera"))
    assert "Alvarez" in reply_text(reply) or "ministers" in reply_text(reply), reply_text(reply)[:500]


@pytest.mark.timeout(30)
def test_no_query_makes_the_bot_post_anything_to_slack(bot_server):
    """Slash-command answers are ephemeral HTTP replies: no query may make the bot post or ping."""
    before = len(bot_server.standin.calls)
    for query in QUERIES.values():
        bot_server.command("/whosaid", query)
    for text in DIGEST_TEXTS.values():
        if "subscribe" not in text:
            bot_server.command("/digest", text)
    posts = [c for c in bot_server.standin.calls[before:] if c.method.startswith("chat.")]
    assert not [c for c in posts if MENTION.search(json.dumps(c.params, ensure_ascii=False))], posts


# ---------------------------------------------------------------------------------------------
# The CLI

CLI_QUERIES = {k: v for k, v in QUERIES.items() if "\x00" not in v and v.strip()}  # argv cannot carry NUL


@pytest.fixture(scope="module")
def seeded_db(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('cli') / 'h.db'}"
    store = Store.open(url)
    ingest(store, SEED.read_bytes(), "seed.txt")
    store.close()
    return url


@pytest.mark.timeout(30)
@pytest.mark.parametrize("query", list(CLI_QUERIES.values()), ids=list(CLI_QUERIES))
def test_whosaid_cli_prints_json_or_one_line_reason(seeded_db, query, tmp_path: Path):
    run = [sys.executable, "-m", "bot", "whosaid", "--json", "--db", seeded_db, "--", query]
    done = subprocess.run(run, capture_output=True, text=True, timeout=30, cwd=tmp_path)
    assert "Traceback" not in done.stderr, done.stderr[-2000:]
    assert done.returncode in (0, 1), (done.returncode, done.stderr)
    if done.returncode == 0:
        assert isinstance(json.loads(done.stdout), list)
    else:
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("digestbot: "), done.stderr
