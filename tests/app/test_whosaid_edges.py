"""/whosaid and Share against the real HTTP app and the Slack stand-in: hostile archive content and
queries never give an HTTP 500, typed text is read the way Slack sends it, a quote is answered once."""

from __future__ import annotations

import json
from urllib.parse import urlencode

import httpx

from bot.pipeline import ingest
from tests.support.signing import sign
from tests.support.waiting import wait_for

HEAVY = ("we fund R&D & <AI> & more " * 100)[:2400]  # 2,400 characters, over 4,000 once escaped


def brief(*paragraphs: str, title: str = "THE EDGE BRIEF", date: str = "2025-07-01") -> bytes:
    return ("\n\n".join([f" date {date} {title}", *paragraphs]) + "\n").encode()


def reply(response: httpx.Response) -> dict:
    assert response.status_code == 200, response.text[:300]
    return response.json()


def answers(body: dict) -> list[str]:
    return [b["text"]["text"] for b in body["blocks"][1::2] if b["type"] == "section"]


def test_a_top_hit_heavy_in_ampersands_is_answered_not_500(bot_server):
    ingest(bot_server.runtime.store, brief("Budgets", f"“{HEAVY},” Marta Velez said on Monday."), "heavy.txt")
    body = reply(bot_server.command("/whosaid", "R&amp;D &lt;AI&gt;"))
    assert "Velez" in answers(body)[0]
    assert all(len(t) <= 3000 for t in answers(body))


def test_a_query_full_of_control_characters_is_answered_not_500(bot_server):
    body = reply(bot_server.command("/whosaid", "\x01" * 480 + "root causes"))
    assert "Putin" in answers(body)[0]
    value = body["blocks"][-1]["elements"][0]["value"]
    assert len(value) <= 2000 and json.loads(value) == {"q": "root causes"}


def test_typed_ampersands_are_read_as_typed(bot_server):
    ingest(bot_server.runtime.store, brief("Labs", "“Our R&D budget doubles next year,” Maria Lopez said."), "rd.txt")
    body = reply(bot_server.command("/whosaid", "R&amp;D budget"))  # how Slack sends `R&D budget`
    assert "Lopez" in answers(body)[0] and "*R&amp;D budget*" in answers(body)[0]
    assert "“R&amp;D budget”" in body["blocks"][0]["text"]["text"]  # shown once-escaped, not &amp;amp;


def test_zero_width_characters_in_a_query_do_not_split_words(bot_server):
    ingest(bot_server.runtime.store, brief("Labs", "“Our R&D budget doubles next year,” Maria Lopez said."), "rd.txt")
    body = reply(bot_server.command("/whosaid", "bud\u200bget dou\u00adbles"))
    assert "Lopez" in answers(body)[0] and "*budget doubles*" in answers(body)[0]


def test_a_quote_and_its_re_quote_are_one_answer(bot_server):
    body = reply(bot_server.command("/whosaid", "root causes"))
    putin = [t for t in answers(body) if "Putin" in t]
    assert len(putin) == 1, answers(body)
    context = body["blocks"][2]["elements"][0]["text"]
    assert "also in In brief" in context


def test_stopword_only_queries_say_so(bot_server):
    body = reply(bot_server.command("/whosaid", "the of and"))
    assert "only common words" in json.dumps(body)


def _share(bot_server, value: str, hook: str) -> None:
    payload = {
        "type": "block_actions",
        "user": {"id": "U0ASKER"},
        "channel": {"id": "C0DIGEST"},
        "team": {"id": "T0STANDIN"},
        "api_app_id": "A0DIGEST",
        "response_url": bot_server.standin.hook_url + hook,
        "trigger_id": "1.2.3",
        "actions": [{"action_id": "whosaid_share", "block_id": "b", "type": "button", "value": value}],
    }
    assert bot_server.post(urlencode({"payload": json.dumps(payload)}).encode()).status_code == 200


def test_share_posts_then_deletes_the_private_answer_in_two_calls(bot_server):
    standin = bot_server.standin
    _share(bot_server, json.dumps({"q": "root causes"}), "share")
    assert wait_for(lambda: standin.hook_deleted)
    [(path, posted)] = standin.hook_posts
    assert path == "/hooks/share" and posted["response_type"] == "in_channel" and "Putin" in json.dumps(posted)
    assert "delete_original" not in posted
    assert [body for _, body in standin.hooks if body.get("delete_original")] == [{"delete_original": True}]


def test_share_after_the_response_url_expired_tells_the_user(bot_server):
    standin = bot_server.standin
    standin.expire_hook("late")
    _share(bot_server, json.dumps({"q": "root causes"}), "late")
    assert wait_for(lambda: standin.ephemeral)
    [note] = standin.ephemeral
    assert note["user"] == "U0ASKER" and note["channel"] == "C0DIGEST" and "expired" in note["text"]
    assert standin.hook_posts == [] and standin.hook_deleted == []


def test_heavy_answers_can_be_shared(bot_server):
    ingest(bot_server.runtime.store, brief("Budgets", f"“{HEAVY},” Marta Velez said on Monday."), "heavy.txt")
    _share(bot_server, json.dumps({"q": "R&D <AI>"}), "heavy")
    assert wait_for(lambda: bot_server.standin.hook_deleted)
    assert "Velez" in json.dumps(bot_server.standin.hook_posts)


def test_signed_whosaid_with_every_hostile_character_is_never_a_500(bot_server):
    for query in ["&amp;" * 99, "&lt;" * 120 + "root", "\u200b" * 400 + "root", "\x7f\x1b" * 200 + "root causes"]:
        body = reply(bot_server.post(_slash(query)))
        assert body["response_type"] == "ephemeral"


def _slash(text: str) -> bytes:
    from tests.support.signing import slash_body

    return slash_body("/whosaid", text)


__all__ = ["sign"]
