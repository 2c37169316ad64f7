from __future__ import annotations

import http.client

import pytest
from slack_sdk.errors import SlackApiError

from bot.slack.client import make_client
from tests.support.slack_standin import STANDIN_TOKEN


def test_lost_post_answer_is_not_retried(slack_standin):
    client = make_client(STANDIN_TOKEN, slack_standin.url, timeout=2)
    slack_standin.drop_next("chat.postMessage")
    with pytest.raises(http.client.RemoteDisconnected):
        client.chat_postMessage(channel="C1", text="once")
    assert len(slack_standin.calls_to("chat.postMessage")) == 1
    assert len(slack_standin.posted("C1")) == 1


def test_server_errors_retried_only_where_repeatable(slack_standin):
    client = make_client(STANDIN_TOKEN, slack_standin.url, timeout=2, backoff_factor=0.01)
    ts = client.chat_postMessage(channel="C1", text="a")["ts"]
    slack_standin.fail_next("chat.postMessage", 500)
    with pytest.raises(SlackApiError):
        client.chat_postMessage(channel="C1", text="b")
    assert len(slack_standin.calls_to("chat.postMessage")) == 2
    slack_standin.fail_next("chat.update", 503)
    assert client.chat_update(channel="C1", ts=ts, text="a2")["ok"]
    assert len(slack_standin.calls_to("chat.update")) == 2


def test_rate_limit_retried_after_retry_after(slack_standin):
    client = make_client(STANDIN_TOKEN, slack_standin.url, timeout=2)
    slack_standin.fail_next("chat.postMessage", 429, headers={"Retry-After": "0"})
    assert client.chat_postMessage(channel="C1", text="x")["ok"]
    assert len(slack_standin.calls_to("chat.postMessage")) == 2 and len(slack_standin.posted("C1")) == 1


def test_token_is_not_in_the_client_repr(slack_standin):
    client = make_client(STANDIN_TOKEN, slack_standin.url)
    assert client.base_url == slack_standin.url and client.timeout == 10
    assert STANDIN_TOKEN not in repr(client)
