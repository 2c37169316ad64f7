"""Deterministic synthetic briefings for benchmarks: sections, expert quotes, scraping echoes."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

EXPERTS = [
    "Ian",
    "Justina",
    "Dan",
    "Hanna",
    "Leila",
    "Marcus",
    "Dana",
    "Nadia",
    "Felix",
    "Grace",
    "Omar",
    "Priya",
    "Tomas",
    "Ingrid",
    "Kwame",
    "Mei",
    "Pavel",
    "Sofia",
    "Arjun",
    "Elena",
]
OFFICIALS = ["Putin", "Trump", "Lutnick", "Macron", "Scholz", "Modi", "Lula", "Erdogan"]
TOPICS = [
    "cease-fire",
    "export controls",
    "tariffs",
    "sanctions",
    "vaccine pact",
    "grid upgrade",
    "AI rules",
    "climate finance",
    "border deal",
    "chip supply",
    "election reform",
    "naval drills",
    "debt relief",
]
WORDS = (
    "pressure leverage allies markets credibility timeline framework negotiations deterrence supply "
    "capacity budget coalition strategy escalation reform investment security incentives compliance "
    "mandate oversight rollout backlog licensing talks summit envoy treaty quota"
).split()
VERBS_AFTER = ["tells us", "says", "warns", "argues", "notes", "adds", "points out", "cautions"]
HEADINGS = [
    "The pitch",
    "The balk",
    "On the sidelines",
    "On deck",
    "What to watch",
    "The fine print",
    "Beijing’s reply",
    "Markets react",
    "The politics",
    "Next steps",
    "Who gains",
    "The risk",
]


def _phrase(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def briefing_text(i: int, seed: int = 7) -> str:
    """One briefing in the plain-text format, echoes included."""
    rng = random.Random(seed * 100_003 + i)
    date = dt.date(2024, 1, 1) + dt.timedelta(days=i % 700)
    topic = rng.choice(TOPICS)
    official = rng.choice(OFFICIALS)
    lines = [f" date {date.isoformat()} BRIEFING {i}: {topic.upper()}", ""]
    lines += [f"On {topic}, {official} said the plan was “{_phrase(rng, 6)}.” Our experts explain what comes next.", ""]
    for heading in rng.sample(HEADINGS, rng.randint(3, 5)):
        lines += [heading, ""]
        previous = None
        for _ in range(rng.randint(2, 4)):
            expert = rng.choice(EXPERTS)
            verb = rng.choice(VERBS_AFTER)
            para = (
                f"The {topic} {_phrase(rng, rng.randint(5, 14))}. “{_phrase(rng, rng.randint(6, 18)).capitalize()},” "
                f"{expert} {verb}. {rng.choice(OFFICIALS)} {_phrase(rng, 8)} “{_phrase(rng, 3)}.”"
            )
            if previous and rng.random() < 0.5:
                para = f"{previous} {para}"  # the scraping echo: the tail after the linked name
            lines += [para, ""]
            previous = f"{verb}."
    return "\n".join(lines)


def write_folder(folder: Path, count: int, seed: int = 7) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        path = folder / f"briefing-{i:05d}.txt"
        if not path.exists():
            path.write_text(briefing_text(i, seed), encoding="utf-8")
        paths.append(path)
    return paths
