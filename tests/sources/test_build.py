from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from bot.settings import SourceConfig
from bot.sources import FeedSource, ImapSource, InboxSource, Source, WebSource, build_source

SOURCE: TypeAdapter = TypeAdapter(SourceConfig)  # one [[sources]] table, as the settings read it


def test_builds_each_kind(tmp_path):
    specs = [
        ({"name": "in", "kind": "inbox", "path": str(tmp_path)}, InboxSource),
        ({"name": "ft", "kind": "feed", "url": "https://example.org/rss", "fetch_teasers": False}, FeedSource),
        ({"name": "w", "kind": "web", "urls": ["https://example.org/a"]}, WebSource),
        ({"name": "w1", "kind": "web", "url": "https://example.org/a"}, WebSource),
        ({"name": "m", "kind": "imap", "host": "mail.example.org", "user": "u", "password": "p"}, ImapSource),
    ]
    for spec, cls in specs:
        source = build_source(SOURCE.validate_python(spec))
        assert isinstance(source, cls) and isinstance(source, Source) and source.name == spec["name"]


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"name": "x", "kind": "ftp"}, "does not match any of the expected tags: 'inbox', 'feed', 'web', 'imap'"),
        ({"kind": "inbox", "path": "/tmp"}, "inbox.name\n  Field required"),
        ({"name": "", "kind": "inbox", "path": "/tmp"}, "at least 1 character"),
        ({"name": "x", "kind": "feed"}, "feed.url\n  Field required"),
        ({"name": "x", "kind": "inbox", "path": "/tmp", "colour": "red"}, "colour\n  Extra inputs are not permitted"),
        ({"name": "x", "kind": "feed", "url": "https://e.org/rss", "timeout": "soon"}, "timeout\n  Input should be"),
        ({"name": "m", "kind": "imap", "host": "mail.example.org", "user": "u"}, "needs password_env"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec, message):
    with pytest.raises(ValidationError, match=message):
        SOURCE.validate_python(spec)
