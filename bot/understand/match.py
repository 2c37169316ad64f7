"""Which archived quotes a pasted message contains, quotes or nearly quotes (pure: no I/O).

A message shortcut hands us any text: a colleague's pasted sentence with a typo, a quote cut
short, curly or straight marks, a thread arguing about who said what. Each candidate quote is
compared word by word (marks and case set aside) with the message and with each quoted stretch in
it, by rapidfuzz's best partial alignment, so a quote inside a long message, or a message that is
part of a long quote, both score high.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from rapidfuzz import fuzz

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")
QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]")
MATCH = 88.0  # at or above: the message quotes it
NEAR = 70.0  # at or above: shown as a near miss when nothing matches
RUN = 6  # this many words in a row shared with a quote is that quote, cut short
SHORT = 3  # a quote of this many words or fewer must appear word for word
STOP = frozenset(
    """a an and are as at be but by for from had has have he her his i in is it its of on or our she so
that the their them they this to was we were what who will with you your said says did does""".split()
)


@dataclass(frozen=True, slots=True)
class Scored:
    hit: Any  # the candidate (speaker, quote, title, date, section, briefing_id...)
    score: float


def words(text: str) -> list[str]:
    return [w.casefold().replace("’", "'") for w in WORD.findall(text)]


def search_words(message: str, limit: int = 30) -> list[str]:
    """The message's telling words (longest first) to find candidate quotes with."""
    seen = dict.fromkeys(w for w in words(message) if len(w) >= 3 and w not in STOP)
    return sorted(seen, key=len, reverse=True)[:limit]


def pieces(message: str) -> list[str]:
    """The stretches of the message a quote may be: each quoted stretch, then the whole message."""
    found = [m.group(1) for m in QUOTED.finditer(message)]
    return [*found, message]


def score(message_pieces: Sequence[str], quote: str) -> float:
    """0-100: how closely the message (or a quoted stretch of it) contains or is part of the quote."""
    q = words(quote)
    if not q:
        return 0.0
    quote_text = " ".join(q)
    best = 0.0
    for piece in message_pieces:
        m = words(piece)
        if not m:
            continue
        if len(q) <= SHORT or len(m) <= SHORT:
            short, long_ = (q, m) if len(q) <= len(m) else (m, q)
            if len(short) < 2:
                continue
            joined = " " + " ".join(long_) + " "
            best = max(best, 100.0 if " " + " ".join(short) + " " in joined else 0.0)
            continue
        best = max(best, fuzz.partial_ratio(quote_text, " ".join(m)), _shared_run(q, m))
    return best


def _shared_run(q: list[str], m: list[str]) -> float:
    """A quote cut short: the longest stretch of words both share, when long enough to tell."""
    run = SequenceMatcher(None, q, m, autojunk=False).find_longest_match(0, len(q), 0, len(m)).size
    if run >= RUN or run / len(q) >= 0.8 and run > SHORT:
        return MATCH + (100 - MATCH) * run / len(q)
    return 0.0


def rank(message: str, candidates: Sequence[Any], limit: int = 5) -> tuple[list[Scored], list[Scored]]:
    """(matches, near misses), best first; near misses only when nothing matches."""
    parts = pieces(message)
    scored = sorted((Scored(c, score(parts, c.quote)) for c in candidates), key=lambda s: -s.score)
    matches = [s for s in scored if s.score >= MATCH][:limit]
    near = [] if matches else [s for s in scored if NEAR <= s.score < MATCH][:3]
    return matches, near
