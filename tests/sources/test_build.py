from __future__ import annotations

import pytest

from bot.settings import SourceConfig
from bot.sources import FeedSource, ImapSource, InboxSource, Source, WebSource, build_source


def test_builds_each_kind(tmp_path):
    specs = [
        ({"name": "in", "kind": "inbox", "path": str(tmp_path)}, InboxSource),
        ({"name": "ft", "kind": "feed", "url": "https://example.org/rss", "fetch_teasers": False}, FeedSource),
        ({"name": "w", "kind": "web", "urls": ["https://example.org/a"]}, WebSource),
        ({"name": "w1", "kind": "web", "url": "https://example.org/a"}, WebSource),
        ({"name": "m", "kind": "imap", "host": "mail.example.org", "user": "u", "password": "p"}, ImapSource),
    ]
    for spec, cls in specs:
        source = build_source(SourceConfig.model_validate(spec))
        assert isinstance(source, cls) and isinstance(source, Source) and source.name == spec["name"]


@pytest.mark.parametrize(
    "spec, message",
    [
        ({"name": "x", "kind": "ftp"}, "Input should be 'inbox', 'feed', 'web' or 'imap'"),
        ({"kind": "inbox", "path": "/tmp"}, "name\n  Field required"),
        ({"name": "", "kind": "inbox", "path": "/tmp"}, "needs a name"),
        ({"name": "x", "kind": "feed"}, "'x' \\(feed\\)"),
        ({"name": "x", "kind": "inbox", "path": "/tmp", "colour": "red"}, "colour"),
    ],
)
def test_bad_specs_say_what_is_wrong(spec, message):
    with pytest.raises(ValueError, match=message):  # the kind and the name are checked by the settings' model
        build_source(SourceConfig.model_validate(spec))
