"""Hostile briefing files: each is parsed or rejected with a one-line reason, never raises, never pings."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

import pytest

from bot.outbox import METADATA_EVENT_TYPE
from bot.pipeline import ingest
from bot.runtime import build
from bot.store import Store
from tests.hostile.corpus import CASES, Case
from tests.support.archive import briefing_ids
from tests.support.archive import rejected as rejected_files
from tests.support.bot_server import settings_for

OUTCOMES = {"new", "updated", "unchanged", "rejected"}
SMALL_BUDGET = 5  # seconds per small case (pytest-timeout), far above the few ms they take
BIG_BUDGET = 20  # the generated multi-megabyte cases take one or two seconds


def case_params(cases: list[Case]) -> list:
    return [pytest.param(c, id=c.id, marks=marks(c)) for c in cases]


def marks(case: Case) -> list:
    found = [pytest.mark.timeout(BIG_BUDGET if case.big else SMALL_BUDGET)]
    if case.bug:
        found.append(pytest.mark.xfail(strict=True, reason=case.bug))
    return found


def stored_text(store: Store, briefing_id: int) -> str:
    stored = store.briefing(briefing_id)
    assert stored is not None
    return json.dumps(stored.briefing.to_record(), ensure_ascii=False)


def assert_clean_text(text: str) -> None:
    """No NUL and no lone surrogate ever reaches the database."""
    assert "\x00" not in text
    text.encode("utf-8")  # raises on a lone surrogate


@pytest.mark.parametrize("case", case_params(CASES))
def test_case_is_parsed_or_rejected_with_a_one_line_reason(case: Case, tmp_path: Path) -> None:
    store = Store.open(f"sqlite:///{tmp_path}/h.db")
    data = case.data()
    results = ingest(store, data, case.name)
    assert results and {r.outcome for r in results} <= OUTCOMES
    rejected = [r for r in results if r.outcome == "rejected"]
    if case.expect == "parsed":
        assert not rejected, rejected[0].reason
    if case.expect == "rejected":
        assert len(rejected) == len(results)
    for r in rejected:
        assert r.reason and "\n" not in r.reason and len(r.reason) <= 300, r.reason
        assert r.reason.startswith(case.reason), r.reason
    if rejected:
        kept = [k for k in rejected_files(store) if k.name == case.name]
        assert kept and kept[0].size == len(data) and kept[0].reason == rejected[0].reason
        return
    texts = [stored_text(store, r.briefing_id) for r in results if r.briefing_id is not None]
    assert texts
    for text in texts:
        assert_clean_text(text)
        for bad in case.absent:
            assert bad not in text, f"{bad!r} is in the stored briefing"
    everything = "".join(texts)
    for good in case.present:
        assert good in everything, f"{good!r} is missing from the stored briefing"
    if case.quoted:
        quotes = [q.text for r in results if r.briefing_id for q in store.briefing(r.briefing_id).briefing.quotes]
        assert any(case.quoted in q for q in quotes), quotes


def test_every_stored_speaker_name_is_free_of_bidi_and_zero_width_marks(tmp_path: Path) -> None:
    """Items 37 and the zero-width case: names are what people search for and what Slack shows."""
    store = Store.open(f"sqlite:///{tmp_path}/h.db")
    for case in CASES:
        if not case.big:
            ingest(store, case.data(), case.name)
    for briefing_id in briefing_ids(store):
        for quote in store.briefing(briefing_id).briefing.quotes:
            name = quote.speaker or ""
            marks = [c for c in name if unicodedata.category(c) == "Cf"]
            assert not marks, (name, marks)


def test_metadata_event_type_has_no_period() -> None:
    """Item 45: Slack silently drops message metadata whose event_type contains a period."""
    assert re.fullmatch(r"[a-z0-9_-]+", METADATA_EVENT_TYPE)


# ---------------------------------------------------------------------------------------------
# The whole corpus in one inbox, through the real bot and the Slack stand-in

LINK = re.compile(r"<([^<>]*)>")


def strings(value: object):
    """The texts Slack parses for markup: plain_text objects (headers) are shown literally."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict) and value.get("type") != "plain_text":
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


def unsafe_markup(message: dict, allowed: set[str]) -> list[str]:
    """Every `<...>` in the message's texts that is not a link to an allowed source URL."""
    bad = []
    for text in strings({"text": message.get("text"), "blocks": message.get("blocks")}):
        for inner in LINK.findall(text):
            url = inner.split("|", 1)[0].replace("&amp;", "&")
            if url not in allowed:
                bad.append(f"<{inner}>")
    return bad


@pytest.mark.slow  # about 20 s: the multi-megabyte cases and some 700 posts
@pytest.mark.timeout(180)
def test_whole_corpus_in_one_inbox_posts_each_good_briefing_once_and_pings_nobody(tmp_path, slack_standin):
    settings = settings_for(tmp_path, slack_standin)
    for case in CASES:
        (settings.inbox / case.name).write_bytes(case.data())
    (settings.inbox / "passwd.txt").symlink_to("/etc/passwd")  # item 43
    runtime = build(settings)
    runtime.runner.sender.min_interval = 0.0  # Slack's one post a second per channel; the stand-in needs no pacing
    for _ in range(30):
        runtime.runner.tick()
        if not runtime.store.outbox.counts().get("pending"):
            break
    store = runtime.store
    assert store.outbox.counts().get("pending", 0) == 0, store.outbox.counts()
    assert not store.outbox.counts().get("failed"), store.outbox.counts()

    rejected = {r.name: r.reason for r in rejected_files(store, limit=1000)}
    for case in CASES:
        if case.expect == "rejected":
            assert case.name in rejected, case.id
        if case.expect == "parsed":
            assert case.name not in rejected, (case.id, rejected.get(case.name))
    stored = [store.briefing(i) for i in briefing_ids(store)]
    assert all(s is not None for s in stored)
    assert "symbolic link" in rejected["passwd.txt"]  # refused with a reason, its target never read
    assert [r.size for r in rejected_files(store, limit=1000) if r.name == "passwd.txt"] == [0]
    assert all(not s.item_key.startswith("passwd") for s in stored)

    posted = slack_standin.posted("C0DIGEST")
    firsts: dict[int, int] = {}
    for message in posted:
        payload = message["metadata"]["event_payload"]
        if payload["part"] == 0:
            firsts[payload["briefing_id"]] = firsts.get(payload["briefing_id"], 0) + 1
    assert firsts == {s.id: 1 for s in stored}

    allowed = {s.briefing.link for s in stored if s.briefing.link}
    pings = {m["metadata"]["event_payload"]["briefing_id"]: unsafe_markup(m, allowed) for m in posted}
    assert {k: v for k, v in pings.items() if v} == {}
    assert not any("root:x:" in json.dumps(m) for m in posted)
