"""The bot's work between the adapters: poll sources, read what they bring into briefings and
store them (`ingest`), plan digests into the outbox.

Sending is the Slack sender's job (or the console's); timing is the scheduler's. Every step takes
`now` from its caller, so the same code runs under the scheduler, the CLI and the tests.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from bot.outbox import with_metadata
from bot.render.digest import digest_messages
from bot.schedule.triggers import ASAP, missed_run
from bot.settings import ChannelConfig
from bot.sources import Source
from bot.sources.health import Health, poll_safely
from bot.store import IngestResult, Store, Subscription
from bot.store.briefings import IngestOutcome
from bot.understand.analyze import read, read_entry
from bot.understand.model import Briefing, BriefingError
from bot.understand.parse.feed import FeedEntry

log = logging.getLogger(__name__)
Clock = Callable[[], dt.datetime]
#: How a digest looks where it goes: a briefing (and the roster) to the parts of one message.
Render = Callable[[Briefing, Mapping[str, Any]], list[dict[str, Any]]]
RENDERED_KEPT = 256  # rendered digests kept in memory, newest versions first


def slack_parts(briefing: Briefing, roster: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Block Kit: part 0 for the channel, further parts as thread replies."""
    return digest_messages(briefing, roster=roster)


def digest_parts(
    briefing: Briefing, *, briefing_id: int, version: int, roster: Mapping[str, Any], render: Render = slack_parts
) -> list[dict[str, Any]]:
    """The messages of one digest version as planned, stored and sent: rendered parts, each with the
    metadata that finds it again in the channel history."""
    return with_metadata(render(briefing, roster), briefing_id, version)


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass
class PollReport:
    results: list[IngestResult] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)  # source name -> last error

    def count(self, outcome: IngestOutcome) -> int:
        return sum(1 for r in self.results if r.outcome == outcome)


@dataclass
class Pipeline:
    store: Store
    sources: list[Source]
    roster: Mapping[str, Any] = field(default_factory=dict)
    clock: Clock = utcnow
    render: Render = slack_parts
    _rendered: OrderedDict[tuple[int, int], list[dict[str, Any]]] = field(
        default_factory=OrderedDict, init=False, repr=False
    )
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)  # Slack listeners plan too

    def poll(self) -> PollReport:
        """Fetch every source that is due; one broken source never stops the others."""
        report = PollReport()
        now = self.clock()
        for source in self.sources:
            was = self.store.source_state(source.name)
            health = Health(was["failures"], was["last_error"], was["last_success"], was["next_try"])
            outcome = poll_safely(source, was["data"], now, health)
            if outcome.skipped:
                continue
            for item in outcome.items:
                if item.error:  # the source found it but could not take it (unreadable, a symlink)
                    results = [self.store.reject(item.data, name=item.name, source=item.source, reason=item.error)]
                else:
                    results = ingest(
                        self.store,
                        item.data,
                        item.name,
                        source=item.source,
                        content_type=item.content_type,
                        item_key=item.item_key,
                        entry=item.entry,
                    )
                report.results += results
                for r in results:
                    if r.outcome == "rejected":
                        log.warning("briefing %s from %s rejected: %s", r.name, source.name, r.reason)
            _acknowledge(source, outcome.items)
            health = outcome.health
            refused = [f"{i.name}: {i.error}" for i in outcome.items if i.error]
            if refused and not outcome.error:
                health = replace(health, last_error=f"{len(refused)} file(s) refused: " + "; ".join(refused)[:400])
            self.store.update_source_state(source.name, data=outcome.state, **asdict(health))
            if outcome.error:
                report.errors[source.name] = outcome.error
                log.warning("source %s failed: %s", source.name, outcome.error)
        return report

    def plan(self, channel: str | None = None) -> int:
        """Queue the digests each subscribed channel has not had yet (or has in an older version).

        Without `channel`, only `asap` subscriptions are planned; a scheduled channel is planned
        when its schedule fires (`run_schedule`).
        """
        queued = 0
        for sub in self.store.subscriptions():
            if channel is None and sub.schedule != ASAP:
                continue
            if channel is not None and sub.channel != channel:
                continue
            queued += self._plan_channel(sub.channel, sub.source)
        return queued

    def _plan_channel(self, channel: str, source: str) -> int:
        had = self.store.outbox.planned(channel)
        queued = 0
        for briefing_id, version in self.store.briefing_versions(None if source == "*" else source).items():
            seen = had.get(briefing_id)
            if seen and (seen[1] == "seeded" or seen[0] >= version):
                continue
            queued += self.queue(channel, briefing_id, version)
        return queued

    def queue(self, channel: str, briefing_id: int, version: int | None = None) -> int:
        """Queue one briefing's digest (its current version) for a channel; 1 when queued."""
        planned = self._parts(briefing_id, version)
        if planned is None:
            return 0
        version, parts = planned
        return 1 if self.store.outbox.enqueue(channel, briefing_id, version, parts) else 0

    def _parts(self, briefing_id: int, version: int | None) -> tuple[int, list[dict[str, Any]]] | None:
        """A digest version is rendered once, whichever channels it goes to."""
        with self._lock:
            kept = self._rendered.get((briefing_id, version)) if version is not None else None
            if kept is not None and version is not None:
                self._rendered.move_to_end((briefing_id, version))
                return version, kept
        stored = self.store.briefing(briefing_id)
        if stored is None:
            return None
        parts = digest_parts(
            stored.briefing, briefing_id=stored.id, version=stored.version, roster=self.roster, render=self.render
        )
        with self._lock:
            self._rendered[(stored.id, stored.version)] = parts
            while len(self._rendered) > RENDERED_KEPT:
                self._rendered.popitem(last=False)
        return stored.version, parts

    def subscribe(
        self, channel: str, source: str = "*", schedule: str = ASAP, timezone: str = "UTC", *, seed: bool = True
    ) -> int:
        """Subscribe a channel; what the source already holds is recorded as seen, never posted."""
        existing = {(s.channel, s.source) for s in self.store.subscriptions()}
        self.store.subscribe(channel, source=source, schedule=schedule, timezone=timezone)
        self.store.record_run(schedule_key(channel, source), f"subscribed {self.clock().isoformat()}", self.clock())
        if not seed or (channel, source) in existing:
            return 0
        ids = list(self.store.briefing_versions(None if source == "*" else source))
        return self.store.outbox.seed(channel, ids)

    def run_schedule(self, channel: str, source: str, fire_key: str) -> int:
        """A scheduled channel's run: plan it once per fire key, however many schedulers fire."""
        if not self.store.record_run(schedule_key(channel, source), fire_key, self.clock()):
            return 0
        return self._plan_channel(channel, source)

    def catch_up(self) -> list[tuple[Subscription, dt.datetime]]:
        """Runs missed while the bot was down, one per schedule (coalesced), from the store's last runs."""
        now = self.clock()
        missed = []
        for sub in self.store.subscriptions():
            if sub.schedule == ASAP:
                continue
            fire = missed_run(
                sub.schedule, sub.timezone, self.store.last_run(schedule_key(sub.channel, sub.source)), now
            )
            if fire is not None:
                missed.append((sub, fire))
        return missed


def ingest(
    store: Store,
    data: bytes,
    name: str,
    *,
    source: str = "inbox",
    content_type: str | None = None,
    item_key: str | None = None,
    entry: FeedEntry | None = None,
) -> list[IngestResult]:
    """Read one file into briefings and store them; a file that holds none is kept as rejected.

    What the bot, `digestbot ingest` and `digestbot post` all do with what a source brings. A feed
    entry the source already parsed is read as it is; `data` is then its content, kept as raw.
    """
    try:
        found = [read_entry(entry, name)] if entry is not None else read(data, name, content_type)
    except BriefingError as exc:
        return [store.reject(data, name=name, source=source, content_type=content_type, reason=str(exc))]
    except Exception as exc:  # a briefing that trips a bug is kept and reported, never lost
        log.exception("analysing %s failed", name)
        reason = f"could not be analysed ({type(exc).__name__}); kept for a later version to retry"
        return [store.reject(data, name=name, source=source, content_type=content_type, reason=reason)]
    if not found:
        return [
            store.reject(
                data, name=name, source=source, content_type=content_type, reason="no briefing found in the file"
            )
        ]
    raw = data if len(found) == 1 else None  # a feed's items are kept as their records
    return [
        store.save(briefing, key=key, name=name, source=source, content_type=content_type, raw=raw)
        for key, briefing in _keyed(found, name, item_key)
    ]


def _keyed(found: list[Briefing], name: str, item_key: str | None) -> list[tuple[str, Briefing]]:
    """Each briefing's identity at its source: the item's own key (a feed entry's guid), the
    source's key for the file, else the file name (numbered within a multi-briefing file)."""
    keyed = []
    for i, briefing in enumerate(found):
        key = briefing.item_key or item_key or (name if len(found) == 1 else f"{name}#{i}")
        if not briefing.link and key.startswith(("https://", "http://")):
            briefing.link = key  # a web page's address is its link
        keyed.append((key, briefing))
    return keyed


def _acknowledge(source: Source, items: list[Any]) -> None:
    """Tell a source (an IMAP mailbox) that its items are stored; a failure only means a refetch."""
    ack = getattr(source, "ack", None)
    if ack is None or not items:
        return
    try:
        ack(items)
    except Exception as exc:  # noqa: BLE001 - the store dedupes what comes again
        log.warning("source %s: could not acknowledge %d items: %s", source.name, len(items), exc)


def schedule_key(channel: str, source: str) -> str:
    return f"channel:{channel}:{source}"


def ensure_subscriptions(pipeline: Pipeline, channels: Iterable[ChannelConfig]) -> None:
    """Subscribe the channels named in the settings (config file or DIGEST_CHANNEL), keeping their schedules current."""
    current = {(s.channel, s.source): s for s in pipeline.store.subscriptions()}
    for ch in channels:
        for source in ch.sources:
            sub = current.get((ch.id, source))
            if sub is None:
                pipeline.subscribe(ch.id, source, ch.schedule, ch.timezone)
            elif (sub.schedule, sub.timezone) != (ch.schedule, ch.timezone):
                pipeline.store.subscribe(ch.id, source=source, schedule=ch.schedule, timezone=ch.timezone)
        if ch.team or ch.enterprise:  # posted with that workspace's token
            pipeline.store.set_workspace(ch.id, ch.team, ch.enterprise)
