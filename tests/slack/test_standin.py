from __future__ import annotations

import http.client
import urllib.error

import pytest
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from tests.support.slack_standin import STANDIN_TOKEN


@pytest.fixture
def web(slack_standin) -> WebClient:
    return WebClient(token=STANDIN_TOKEN, base_url=slack_standin.url, timeout=2, retry_handlers=[])


def meta(n: int) -> dict:
    return {"event_type": "digestbot_digest_v1", "event_payload": {"n": n}}


def test_post_and_read_back_newest_first_with_metadata(slack_standin, web):
    first = web.chat_postMessage(channel="C1", text="one", metadata=meta(1))
    second = web.chat_postMessage(channel="C1", text="two", metadata=meta(2))
    assert first["ok"] and float(second["ts"]) > float(first["ts"])
    plain = web.conversations_history(channel="C1")["messages"]
    assert [m["text"] for m in plain] == ["two", "one"] and "metadata" not in plain[0]
    full = web.conversations_history(channel="C1", include_all_metadata=True, oldest=first["ts"])["messages"]
    assert [m["metadata"]["event_payload"] for m in full] == [{"n": 2}]
    assert [c.method for c in slack_standin.calls] == ["chat.postMessage"] * 2 + ["conversations.history"] * 2


def test_threads_update_permalink_auth_views(slack_standin, web):
    parent = web.chat_postMessage(channel="C1", text="parent")["ts"]
    web.chat_postMessage(channel="C1", text="reply", thread_ts=parent)
    assert [m["text"] for m in web.conversations_history(channel="C1")["messages"]] == ["parent"]
    assert [m["text"] for m in web.conversations_replies(channel="C1", ts=parent)["messages"]] == ["parent", "reply"]
    assert web.chat_update(channel="C1", ts=parent, text="edited")["ts"] == parent
    assert slack_standin.posted("C1")[0]["text"] == "edited"
    assert web.chat_getPermalink(channel="C1", message_ts=parent)["permalink"].endswith(parent.replace(".", ""))
    assert web.auth_test()["user_id"].startswith("U")
    web.views_publish(user_id="U1", view={"type": "home", "blocks": []})
    assert slack_standin.views["U1"]["type"] == "home"


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"channel": "C1"}, "no_text"),
        ({"channel": "C1", "blocks": [{"type": "divider"}] * 51, "text": "x"}, "invalid_blocks"),
        (
            {"channel": "C1", "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "x" * 3001}}]},
            "invalid_blocks",
        ),
        ({"channel": "CGONE", "text": "x"}, "channel_not_found"),
        ({"channel": "COUT", "text": "x"}, "not_in_channel"),
    ],
)
@pytest.mark.filterwarnings("ignore:The top-level `text` argument is missing")
def test_rejections(slack_standin, web, kwargs, error):
    slack_standin.unknown_channels.add("CGONE")
    slack_standin.outside_channels.add("COUT")
    with pytest.raises(SlackApiError) as info:
        web.chat_postMessage(**kwargs)
    assert info.value.response["error"] == error
    assert slack_standin.posted(kwargs["channel"]) == []


def test_bad_token_and_dropped_metadata(slack_standin):
    with pytest.raises(SlackApiError) as info:
        WebClient(token="xoxb-wrong", base_url=slack_standin.url).auth_test()
    assert info.value.response["error"] == "invalid_auth"
    web = WebClient(token=STANDIN_TOKEN, base_url=slack_standin.url)
    response = web.chat_postMessage(channel="C1", text="x", metadata={"event_type": "a.b", "event_payload": {}})
    assert response["response_metadata"]["warnings"] == ["invalid_metadata_schema"]
    assert "metadata" not in web.conversations_history(channel="C1", include_all_metadata=True)["messages"][0]


def test_fail_next_status_and_error(slack_standin, web):
    slack_standin.fail_next("chat.postMessage", 429, headers={"Retry-After": "7"})
    with pytest.raises(SlackApiError) as info:
        web.chat_postMessage(channel="C1", text="x")
    assert info.value.response.status_code == 429 and info.value.response.headers["Retry-After"] == "7"
    slack_standin.fail_next("chat.postMessage", 200, error="internal_error", process=True)
    with pytest.raises(SlackApiError) as info:
        web.chat_postMessage(channel="C1", text="y")
    assert info.value.response["error"] == "internal_error"
    assert [m["text"] for m in slack_standin.posted("C1")] == ["y"]  # it went through behind the error
    assert web.chat_postMessage(channel="C1", text="z")["ok"]


def test_drop_stores_then_closes(slack_standin, web):
    slack_standin.drop_next("chat.postMessage")
    with pytest.raises(http.client.RemoteDisconnected):
        web.chat_postMessage(channel="C1", text="lost answer")
    assert [m["text"] for m in slack_standin.posted("C1")] == ["lost answer"]


def test_hang_times_out_the_client(slack_standin):
    web = WebClient(token=STANDIN_TOKEN, base_url=slack_standin.url, timeout=0.2, retry_handlers=[])
    slack_standin.hang_next("chat.postMessage", 0.6)
    with pytest.raises(TimeoutError):
        web.chat_postMessage(channel="C1", text="slow")


def test_down_and_up(slack_standin, web):
    slack_standin.down()
    with pytest.raises(SlackApiError) as info:
        web.auth_test()
    assert info.value.response.status_code == 503
    slack_standin.down("refuse")
    with pytest.raises(urllib.error.URLError) as refused:
        web.auth_test()
    assert isinstance(refused.value.reason, ConnectionRefusedError)
    slack_standin.up()
    assert web.auth_test()["ok"]
