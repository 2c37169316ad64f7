"""The Web API client used for digests.

slack_sdk's default retry handler re-sends a request after a lost connection, which would repost a
`chat.postMessage` whose response was lost. This client retries only what is safe: 429s (rejected
before processing) and 500/503 on methods other than `chat.postMessage`. An uncertain post is left to
the outbox, which reconciles it against the channel history.
"""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry import BackoffRetryIntervalCalculator, HttpRequest, HttpResponse, RetryHandler, RetryState
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler, ServerErrorRetryHandler

#: Methods whose repetition can create a second message.
NOT_REPEATABLE = frozenset({"chat.postMessage", "chat.postEphemeral", "chat.meMessage", "files.upload"})


class RepeatableServerErrorRetryHandler(ServerErrorRetryHandler):
    """Retries 500/503 with backoff, except on methods that may have taken effect before the error."""

    def _can_retry(
        self,
        *,
        state: RetryState,
        request: HttpRequest,
        response: HttpResponse | None = None,
        error: Exception | None = None,
    ) -> bool:
        if _method(request.url) in NOT_REPEATABLE:
            return False
        return super()._can_retry(state=state, request=request, response=response, error=error)


def _method(url: str) -> str:
    return url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]


def make_client(
    token: str | None,
    base_url: str | None = None,
    timeout: float = 10,
    *,
    rate_limit_retries: int = 1,
    server_error_retries: int = 2,
    backoff_factor: float = 0.5,
) -> WebClient:
    """A WebClient with bounded 429 and 5xx retries and no connection-error retry.

    A 429 retry sleeps `Retry-After` in the calling thread; pass `rate_limit_retries=0` where the
    caller reschedules instead (the sender's outbox does).
    """
    handlers: list[RetryHandler] = []
    if rate_limit_retries > 0:
        handlers.append(RateLimitErrorRetryHandler(max_retry_count=rate_limit_retries))
    if server_error_retries > 0:
        calculator = BackoffRetryIntervalCalculator(backoff_factor=backoff_factor)
        handlers.append(RepeatableServerErrorRetryHandler(server_error_retries, calculator))
    kwargs = {"base_url": base_url} if base_url else {}
    return WebClient(token=token, timeout=timeout, retry_handlers=handlers, **kwargs)  # type: ignore[arg-type]
