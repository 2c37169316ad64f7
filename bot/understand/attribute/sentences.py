"""A paragraph as a sequence of items (words and punctuation outside quotes, one item per quote),
split into sentences. Quote contents are opaque here, so names and full stops inside quotes never
confuse the attribution."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from operator import attrgetter

from bot.understand.attribute.lexicon import (
    ABBREVIATIONS,
    MANNER_VERBS,
    NAME_ABBREVIATIONS,
    PRONOUNS,
    SPEECH_VERBS,
    STOP_CAPS,
)
from bot.understand.attribute.quotes import Span
from bot.understand.text import token_matches

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


def items(text: str, spans: list[Span]) -> list[Item]:
    """The paragraph's words and punctuation outside its quotes, and one item for each quote: a
    quote's words are never read, so they are not made."""
    out: list[Item] = []
    at = 0
    for qi, span in enumerate(spans):
        out += _words(text, at, span.open_at)
        out.append(Item("", span.open_at, span.outer_end, qi))
        at = span.outer_end
    out += _words(text, at, len(text))
    return _with_abbreviations(text, out)


def _words(text: str, start: int, end: int) -> list[Item]:
    return [
        Item(w, m.start(), m.end(), None, w[0].isalnum() or w[0] == "_", w.lower())
        for m in token_matches(text, start, end)
        for w in (m.group(),)
    ]


_start = attrgetter("start")  # an item's start offset, the key its list is sorted by


def _with_abbreviations(text: str, seq: list[Item]) -> list[Item]:
    """`Mr` `.` `Smith` -> `Mr.` `Smith`, `C` `.` `Altman` -> `C.` `Altman`: a title or an initial keeps
    its full stop, so names run across it and no sentence ends there."""
    stops = []
    at = text.find(".")
    while at != -1:  # only the full stops: a paragraph has far fewer of them than tokens
        i = bisect_left(seq, at, key=_start)
        if (
            1 <= i < len(seq) - 1
            and seq[i].start == at
            and seq[i].text == "."
            and seq[i - 1].end == at
            and _abbreviation(seq[i - 1].text, seq[i + 1].text)
        ):
            stops.append(i)
        at = text.find(".", at + 1)
    for i in reversed(stops):
        word = seq[i - 1]
        seq[i - 1 : i + 1] = [Item(word.text + ".", word.start, seq[i].end, None, word.is_word, word.lower + ".")]
    return seq


def _abbreviation(word: str, following: str) -> bool:
    if word in NAME_ABBREVIATIONS:
        return following[:1].isupper() or (word in ("Jr", "Sr") and following in (",", ")"))
    # `in the U.S. He says ...`: initials before a word that opens a sentence end it
    return following[:1].isupper() and bool(_INITIAL.fullmatch(word)) and following not in _OPENS_SENTENCE


_OPENS_SENTENCE = frozenset("He She They It We I The This That But And Yet So".split())


def split(text: str, spans: list[Span], seq: list[Item]) -> list[list[Item]]:
    ends = [
        i + 1
        for i in range(len(seq) - 1)
        if (seq[i].quote is not None or seq[i].text in _TERMINAL)
        and _ends_sentence(text, spans, seq, i)
        or seq[i].text == ")"
        and _closes_sentence(text, spans, seq, i)
    ]
    bounds = [0, *ends, len(seq)]
    return [seq[a:b] for a, b in zip(bounds, bounds[1:], strict=False) if b > a]


def _ends_sentence(text: str, spans: list[Span], seq: list[Item], i: int) -> bool:
    item, nxt = seq[i], seq[i + 1]
    if not _starts_sentence(nxt):
        return False
    if item.quote is not None:
        span = spans[item.quote]
        content_end = text[span.start : span.end].rstrip().rstrip("])")  # `“[a failed bid.]”`
        if not content_end or content_end[-1] not in _TERMINAL:
            return False
        return _inside_clause(seq, i) or not _attribution_follows(seq, i + 1)
    if item.text not in _TERMINAL and item.text != ".":
        return False
    if item.text == "." and i > 0:
        prev = seq[i - 1]
        if prev.quote is None and (prev.lower in ABBREVIATIONS or _initials(prev.text)):
            return len(prev.text) > 1 and nxt.quote is None and nxt.text in _OPENS_SENTENCE  # `U.S. He`, not `J. He`
    return True


def _inside_clause(seq: list[Item], i: int) -> bool:
    """`Ruiz teased Hale, calling him “a clerk.” Hale shot back on air, ...`: a quote that words of its own
    sentence lead up to ends that sentence; the name and verb after it open the next one."""
    return i > 0 and seq[i - 1].quote is None and (seq[i - 1].is_word or seq[i - 1].text in (",", ":"))


def _closes_sentence(text: str, spans: list[Span], seq: list[Item], i: int) -> bool:
    """`(She called it “a rest.”) Then Acme ...`, `(He left.) Later ...`: a sentence in brackets ends at
    the bracket, when what it holds ends as a sentence does and the next word opens one."""
    if i < 1 or not _starts_sentence(seq[i + 1]) or seq[i + 1].text[:1] in "([":
        return False
    opening = next((k for k in range(i - 1, max(-1, i - 60), -1) if seq[k].text in ("(", ")")), None)
    if opening is None or seq[opening].text != "(" or (opening and seq[opening - 1].text not in _TERMINAL):
        return False  # `Mayor Ruiz (Ariz.) Sheriff ...`: brackets inside a sentence
    last = seq[i - 1]
    if last.quote is not None:
        content = text[spans[last.quote].start : spans[last.quote].end].rstrip()
        return bool(content) and content[-1] in _TERMINAL
    return last.text in _TERMINAL


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
        return not _introduces_next(seq, j)
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
        return not _introduces_next(seq, k)
    if k > j and k + 1 < len(seq) and seq[k].text in MANNER_VERBS and seq[k + 1].text in _TERMINAL:
        return True  # `“Why now?” Ana Costa pressed.`: a verb of manner that ends the sentence
    if k > j and k < len(seq) and seq[k].text == ",":  # `“...?” Miller, a retired worker, said pleasantly.`
        close = next(
            (m for m in range(k + 1, min(len(seq), k + 14)) if seq[m].text == "," or seq[m].quote is not None), None
        )
        verb = close + 1 if close is not None and seq[close].text == "," else len(seq)
        if verb < len(seq) and seq[verb].text in SPEECH_VERBS:
            nxt = seq[verb + 1] if verb + 1 < len(seq) else None
            # `..., said pleasantly.` credits the quote; `..., said the campaign has ...` opens a clause of its own
            return (
                nxt is None
                or (not nxt.is_word and nxt.quote is None)
                or nxt.lower.endswith("ly")
                or nxt.lower in _AFTER_SAID  # `..., said of the plan.`
            )
    for m in range(j, min(len(seq), j + 16)):  # a description before the name: `Acme chief executive Dan Ives said`
        item = seq[m]
        if item.quote is not None or not (item.is_word or (m > j and item.text in _NAME_PUNCTUATION)):
            return False
        prev = seq[m - 2] if m > j + 1 and seq[m - 1].text == "," else seq[m - 1]  # `Dan Ives (D-Ohio), said`
        named = prev.text == ")" or (m - j < 10 and prev.text[:1].isupper() and prev.text not in STOP_CAPS)
        if m > j and item.text in SPEECH_VERBS and named:  # only a party label in brackets reaches further
            return not _introduces_next(seq, m)
    return False


#: Words after `said` that report no clause of their own (not `said Monday that ...`)
_AFTER_SAID = frozenset(("of", "about"))
#: Marks inside a name and its labels: `Marta “Mimi” Oaks (D-Rivertown),`
_NAME_PUNCTUATION = frozenset((",", "(", ")", "“", "”", '"'))
_REPORTING = frozenset(("said", "says", "added", "wrote", "noted", "argued", "insisted", "claimed"))
_DETERMINERS = frozenset(("the", "a", "an", "some", "many", "most", "no", "every", "all"))
_CLAUSE_OPENERS = frozenset(
    ("he", "she", "they", "it", "we", "i", "you", "there", "both", "his", "her", "their", "its", "this", "these")
)


def _introduces_next(seq: list[Item], verb: int) -> bool:
    """`“We are done.” Ana Costa said: “...”`, `“...” Hale said that ...`: after a quote that ends its
    sentence, the name and verb open a new sentence that introduces what comes next."""
    nxt = seq[verb + 1] if verb + 1 < len(seq) else None
    if nxt is None:
        return False
    if nxt.quote is not None or nxt.text == ":" or nxt.lower == "that":
        return True
    if seq[verb].lower in _REPORTING and nxt.lower in _CLAUSE_OPENERS:
        return True  # `“...” Hale said he would resign.`: the verb reports a clause of its own
    if seq[verb].lower in _REPORTING and nxt.lower in _DETERMINERS and seq[verb - 1].text[:1].isupper():
        return True  # `“...” Hale said the plan is dead.` (but `“...” said the senator.` credits the quote)
    return nxt.text == "," and verb + 2 < len(seq) and seq[verb + 2].quote is not None
