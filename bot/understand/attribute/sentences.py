"""A paragraph as a sequence of items (words and punctuation outside quotes, one item per quote),
split into sentences. Quote contents are opaque here, so names and full stops inside quotes never
confuse the attribution."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.understand.attribute.lexicon import ABBREVIATIONS, NAME_ABBREVIATIONS, PRONOUNS, SPEECH_VERBS, STOP_CAPS
from bot.understand.attribute.quotes import Span
from bot.understand.text import Token, tokens

_INITIAL = re.compile(r"[A-Z](?:\.[A-Z]){0,2}")

_TERMINAL = frozenset(".!?…")


@dataclass(slots=True)
class Item:
    text: str  # the token, or "" for a quote
    start: int
    end: int
    quote: int | None = None  # index of the span in the paragraph
    is_word: bool = False  # a word outside quotes (not punctuation, not a quote)
    lower: str = ""  # the token in lower case


def _word(t: Token) -> Item:
    c = t.text[0]
    return Item(t.text, t.start, t.end, None, c.isalnum() or c == "_", t.text.lower())


def items(text: str, spans: list[Span]) -> list[Item]:
    out: list[Item] = []
    toks = _with_abbreviations(tokens(text))
    ti = 0
    for qi, span in enumerate(spans):
        while ti < len(toks) and toks[ti].start < span.open_at:
            out.append(_word(toks[ti]))
            ti += 1
        out.append(Item("", span.open_at, span.outer_end, qi))
        while ti < len(toks) and toks[ti].start < span.outer_end:
            ti += 1
    out.extend(_word(t) for t in toks[ti:])
    return out


def _with_abbreviations(toks: list[Token]) -> list[Token]:
    """`Mr` `.` `Smith` -> `Mr.` `Smith`, `C` `.` `Altman` -> `C.` `Altman`: a title or an initial keeps
    its full stop, so names run across it and no sentence ends there."""
    stops = [
        i
        for i in range(1, len(toks) - 1)
        if toks[i].text == "."
        and toks[i].start == toks[i - 1].end
        and _abbreviation(toks[i - 1].text, toks[i + 1].text)
    ]
    if not stops:
        return toks
    out = list(toks)
    for i in reversed(stops):
        t = toks[i - 1]
        out[i - 1 : i + 1] = [Token(t.text + ".", t.start, toks[i].end)]
    return out


def _abbreviation(word: str, following: str) -> bool:
    if word in NAME_ABBREVIATIONS:
        return following[:1].isupper() or (word in ("Jr", "Sr") and following in (",", ")"))
    return following[:1].isupper() and bool(_INITIAL.fullmatch(word))


def split(text: str, spans: list[Span], seq: list[Item]) -> list[list[Item]]:
    sentences: list[list[Item]] = [[]]
    for i, item in enumerate(seq):
        sentences[-1].append(item)
        if i + 1 < len(seq) and _ends_sentence(text, spans, seq, i):
            sentences.append([])
    return [s for s in sentences if s]


def _ends_sentence(text: str, spans: list[Span], seq: list[Item], i: int) -> bool:
    item, nxt = seq[i], seq[i + 1]
    if not _starts_sentence(nxt):
        return False
    if item.quote is not None:
        span = spans[item.quote]
        content_end = text[span.start : span.end].rstrip()
        if not content_end or content_end[-1] not in _TERMINAL:
            return False
        return not _attribution_follows(seq, i + 1)
    if item.text not in _TERMINAL and item.text != ".":
        return False
    if item.text == "." and i > 0:
        prev = seq[i - 1]
        if prev.quote is None and (prev.lower in ABBREVIATIONS or _initials(prev.text)):
            return False
    return True


def _initials(text: str) -> bool:
    """`J` or `J.D` before a full stop: initials, not the end of a sentence."""
    return all(len(part) == 1 and part.isupper() for part in text.split("."))


def _starts_sentence(item: Item) -> bool:
    if item.quote is not None:
        return True
    c = item.text[0]
    return c.isupper() or c.isdigit() or c in "(["


def _attribution_follows(seq: list[Item], j: int) -> bool:
    """`“Why now?” Ian asks.` keeps the attribution in the quote's sentence; so does `“Go!” the union
    leader Ana Costa wrote`."""
    if j < len(seq) and seq[j].quote is None and seq[j].lower in ("said", "says", "added", "asked", "told", "wrote"):
        return True
    if (
        j + 1 < len(seq)
        and seq[j].text in ("—", "–", "―")
        and seq[j + 1].quote is None
        and seq[j + 1].text[:1].isupper()
    ):
        return True  # `“...” ― Ana Costa`: a signature
    k = j
    while k < len(seq) and k < j + 4 and seq[k].is_word and (seq[k].text[0].isupper() or seq[k].lower in PRONOUNS):
        if seq[k].text in STOP_CAPS and seq[k].lower not in PRONOUNS:
            return False
        k += 1
    if k > j and k < len(seq) and seq[k].quote is None and seq[k].text in SPEECH_VERBS:
        return True
    for m in range(j, min(len(seq), j + 10)):  # a description before the name: `Acme chief executive Dan Ives said`
        item = seq[m]
        if not item.is_word or item.quote is not None:
            return False
        if m > j and item.text in SPEECH_VERBS and seq[m - 1].text[:1].isupper() and seq[m - 1].text not in STOP_CAPS:
            return True
    return False
