"""A speaker the text only describes: `said a spokesman for River Networks`, `wrote one Hale
supporter`, `said the former chief clerk to Mayor Ivo Brandt`. The speaker is the whole noun phrase,
with its determiner and modifiers, cut where a clause begins (`, who ...`, `speaking publicly`); not
its head noun alone (`spokesman`), and not a name inside it (`River Networks`)."""

from __future__ import annotations

import re

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.names import is_name_word, is_role, possessive
from bot.understand.attribute.nonspeech import FUNCTION_WORDS, WH_WORDS
from bot.understand.attribute.sentences import Item

#: Words that open a description (kept in it, in lower case).
OPENERS = frozenset(
    """a an the one another two three four five six seven eight nine ten eleven twelve several some many
    multiple other his her their its our my your""".split()
)
_POSSESSIVES = frozenset("his her their its our my your".split())
#: Prepositions (and adjectives with theirs) that tie a phrase to the description's head.
_LINKS = {"of", "for", "to", "at", "in", "from", "with", "inside", "within", "on"}
_LINKED_ADJECTIVES = {"close": "to", "familiar": "with", "loyal": "to", "allied": "with", "near": ""}
#: Nouns after `said the ...` that are no speaker: `said the other day`, `said the same`.
NOT_SPEAKERS = frozenset(
    """day days week weeks month months year years time times night morning afternoon evening weekend moment
    hour hours minute minutes decade decades past future end start beginning same other thing things way least
    most word words following rest case point matter issue idea so too very just now then line lines phrase
    term expression quote remark remarks comment comments refrain mantra""".split()
)
#: `the port chief known as Gus`, `a teacher named Dana Pike`: the phrase names the person.
_NAMING = {"named", "called"}
_MAX_WORDS = 14
_INITIALS = re.compile(r"[A-Z](?:\.[A-Z])+")
_DIGITS = re.compile(r"\d[\d,.]*(?:-[a-z]+)*")


def _word(item: Item) -> bool:
    return item.quote is None and item.is_word


def _modifier(item: Item) -> bool:
    """A word that may stand inside a noun phrase before its head: `former`, `top`, `2008`, `Hale`."""
    if not _word(item):
        return False
    if _DIGITS.fullmatch(item.text):
        return True
    if item.text[0].isupper():  # `Hale`, `Hale’s`, `NY1`
        return (
            is_name_word(item.text)
            or possessive(item.text)
            or (item.text.isalnum() and item.text[1:].isupper())
            or bool(_INITIALS.fullmatch(item.text))
        )
    w = item.lower
    return (
        w not in FUNCTION_WORDS
        and w not in WH_WORDS
        and w not in lx.AUXILIARIES
        and w not in lx.BE_FORMS
        and w not in lx.PRONOUNS
        and w not in lx.DETERMINERS
        and w not in OPENERS
        and lx.SPEECH_VERBS.get(w) in (None, w)  # `said` is no modifier; `state`, `report` may be nouns
    )


def _boundary(seq: list[Item], k: int, limit: int) -> bool:
    """Where a description may end: punctuation, a quote, the verb, `who`, or the end of the sentence."""
    if k >= len(seq) or k >= limit:
        return True
    item = seq[k]
    if item.quote is not None or not item.is_word:
        return True
    return item.lower in ("who", "which", "whose", "that") or bool(lx.SPEECH_VERBS.get(item.lower))


def head_at(seq: list[Item], pos: int, label: str) -> int | None:
    """Where the label's last word stands, at or after `pos`."""
    words = label.split()
    if not words:
        return None
    last = words[-1]
    for k in range(pos, min(len(seq), pos + len(words) + 4)):
        if seq[k].quote is None and seq[k].lower in (last.lower(), last.lower().rstrip("’'")):
            return k
    return None


def describe(seq: list[Item], pos: int, label: str, limit: int | None = None) -> str | None:
    """The whole description around the role `label` found at `pos` (its first item), or None when
    it is not a plain noun phrase there. `limit`: the item the description must end before (its verb)."""
    head = head_at(seq, pos, label)
    if head is None:
        return None
    if limit is None or limit <= head:
        limit = len(seq)
    while head + 1 < limit and _word(seq[head + 1]) and seq[head + 1].text.islower() and is_role(seq[head + 1].text):
        head += 1  # `one former senior port official`: the role the label stopped short of
    start = _left(seq, min(pos, head), head)
    end = _right(seq, head, limit, limit < len(seq))
    if end - start > _MAX_WORDS:
        return None
    named = _appositive(seq, end, limit)
    return named or _text(seq[start:end])


def _appositive(seq: list[Item], end: int, limit: int) -> str | None:
    """`wrote the harbor auditor at the time, Ivo Brandt.`: a name set off by commas after the description."""
    if end >= limit or seq[end].text != "," or seq[end].quote is not None:
        return None
    p = end - 1
    while p > 0 and seq[p].quote is None and is_name_word(seq[p].text):
        p -= 1
    if p < end - 1 and seq[p].lower in ("in", "from"):
        return None  # `a woman in Dover, Delaware,`: the state of a place, not her name
    k = end + 1
    while k < limit and k - end <= 5 and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    if k == end + 1 or (k < limit and seq[k].is_word) or seq[k - 1].text.rstrip(".") in lx.TITLES:
        return None
    return " ".join(seq[i].text for i in range(end + 1, k))


def _left(seq: list[Item], pos: int, head: int) -> int:
    """The description's first item: back over modifiers to a determiner (`a top Hale adviser`), and
    over a first role joined by `and` (`the Dover sheriff and mayoral candidate`)."""
    k = pos - 1
    joined = -1  # the `and` passed, if any
    role = False  # a role before the `and`: `the former clerk of the harbor and ...`, not `a server and ...`
    while k >= 0 and head - k <= 12:
        item = seq[k]
        if _word(item) and item.lower in OPENERS:
            return k if joined < 0 or role else joined + 1
        role = role or (joined >= 0 and _word(item) and item.text.islower() and is_role(item.text))
        if _word(item) and item.lower == "and" and joined < 0 and k > 0 and _modifier(seq[k - 1]):
            joined = k
        elif item.text == "." and k > 0 and _INITIALS.fullmatch(seq[k - 1].text):
            pass  # `U.S.`: the tokenizer leaves the last full stop apart
        elif not (_modifier(item) or (joined >= 0 and _word(item) and item.lower == "of")):
            break
        k -= 1
    if joined >= 0:
        return joined + 1  # no determiner before the first conjunct: only the second one
    if k < 0 or (seq[k].quote is None and not seq[k].is_word and seq[k].text in (",", ":", ";", "—", "–")):
        return k + 1  # the sentence or a clause opens with it: `Lund supporters responded`
    return pos


def _right(seq: list[Item], head: int, limit: int, before_verb: bool = False) -> int:
    """After the head: one linked phrase (`for River Networks`, `close to the Pikes`, `to both
    Brandts`), and `of` phrases after it; kept only when a boundary follows it (or, before the verb,
    another verb: `A spokesman for Acme declined to ... but said`)."""
    k = head + 1
    end = k
    links = 0
    while k < limit and _word(seq[k]) and links < 3:
        w = seq[k].lower
        if w in _LINKED_ADJECTIVES:
            particle = _LINKED_ADJECTIVES[w]
            if particle and (k + 1 >= limit or seq[k + 1].lower != particle):
                break
            k += 2 if particle else 1
        elif w in _LINKS and (links == 0 or w in ("of", "for")):
            k += 1
        else:
            break
        phrase = k
        while k < limit and (_modifier(seq[k]) or (_word(seq[k]) and seq[k].lower in OPENERS | {"and"})):
            if seq[k].lower == "and" and (k + 1 >= limit or not _modifier(seq[k + 1])):
                break
            if before_verb and k > phrase and _verb_like(seq[k]) and not seq[k - 1].text.islower():
                break  # `for Acme declined`
            k += 1
        verb_follows = before_verb and k < limit and _verb_like(seq[k])
        if (
            k == phrase
            or seq[k - 1].lower in OPENERS | {"and"}
            or not (_boundary_or_link(seq, k, limit) or verb_follows)
        ):
            return end
        end = k
        links += 1
    return end


def _verb_like(item: Item) -> bool:
    w = item.lower
    return _word(item) and item.text.islower() and (w.endswith("ed") or w in lx.AUXILIARIES or w in lx.BE_FORMS)


def _boundary_or_link(seq: list[Item], k: int, limit: int) -> bool:
    return _boundary(seq, k, limit) or (_word(seq[k]) and seq[k].lower in ("of", "for"))


def _text(items: list[Item]) -> str:
    words: list[str] = []
    for item in items:
        if item.text in ("’", "'", ".") and words:
            words[-1] += item.text  # `Jones’ campaign`, `U.S.`
        else:
            words.append(item.text)
    if words and words[0].lower() in OPENERS:
        words[0] = words[0][:1].lower() + words[0][1:]  # `A spokesman said` -> `a spokesman`
    return " ".join(words)


def named_in(seq: list[Item], head: int, limit: int | None = None) -> str | None:
    """`the port chief known as Gus`, `a teacher named Dana Pike`: the name the phrase gives."""
    k = head + 1
    if k < len(seq) and seq[k].lower in _NAMING:
        k += 1
    elif k + 1 < len(seq) and seq[k].lower in ("known", "identified") and seq[k + 1].lower == "as":
        k += 2
    elif k + 1 < len(seq) and seq[k].lower == "calling" and seq[k + 1].lower in ("himself", "herself"):
        k += 2  # `a man calling himself Rolf Rolf`
    else:
        return None
    end = k
    while end < len(seq) and end - k < 4 and seq[end].quote is None and is_name_word(seq[end].text):
        end += 1
    if end == k or not _boundary(seq, end, limit or len(seq)):
        return None
    return " ".join(s.text for s in seq[k:end])


def description_after(seq: list[Item], j: int) -> tuple[str, int] | None:
    """After `“...,” said`: a description with no name in it (`a person close to the Smiths`, `a 2008
    campaign veteran`, `the designer, who ...`): its head words (without the determiner) and where
    they start. None when the words are no such phrase (`said the other day`, `said the plan would`)."""
    if j >= len(seq) or not _word(seq[j]) or seq[j].lower not in OPENERS - _POSSESSIVES:
        return None  # `her liberal friends`: whose they are is for the pronoun resolution
    k = j + 1
    while k < len(seq) and k - j <= 6 and _modifier(seq[k]) and seq[k].lower not in _LINKED_ADJECTIVES:
        k += 1
    if k == j + 1:
        return None
    head = k - 1
    if not _head(seq[head]):
        return None
    end = _right(seq, head, len(seq))
    if not _boundary(seq, end, len(seq)) and not named_in(seq, head):
        return None
    return " ".join(s.text for s in seq[j + 1 : head + 1]), j


_AGE = re.compile(r"\d+-year-old")
#: Capitalised nouns that head a description (`one Democrat close to the talks ...`).
_PARTY_MEMBERS = frozenset(
    "Democrat Democrats Republican Republicans Conservative Conservatives Liberal Liberals".split()
)


def _head(item: Item) -> bool:
    """A word that can head a description of a speaker: `statement`, `designer`, `46-year-old`."""
    if _AGE.fullmatch(item.text) or item.text in _PARTY_MEMBERS:
        return True
    w = item.lower
    return (
        w not in NOT_SPEAKERS
        and item.text.islower()
        and not _DIGITS.fullmatch(w)
        and not possessive(w)
        and w not in lx.ADVERBS
        and not (w.endswith("ly") and not is_role(w))
        and not (w.endswith("ed") and not is_role(w))  # `a previously unpublished memo`: an adjective
    )


def description_before(seq: list[Item], head: int) -> tuple[str, int] | None:
    """Before the verb, right after a quote or opening the sentence: a description with no name in it
    (`“...,” the statement said`, `The ad claims “...”`): its words without the determiner, and where
    they start."""
    if head < 1 or not _word(seq[head]) or not _head(seq[head]) or not _modifier(seq[head]):
        return None
    k = head - 1
    while k >= 0 and head - k <= 5 and _modifier(seq[k]) and seq[k].lower not in _LINKED_ADJECTIVES:
        k -= 1
    if k < 0 or not _word(seq[k]) or seq[k].lower not in OPENERS - _POSSESSIVES:
        return None
    before = k - 1
    if before >= 1 and seq[before].lower == "as" and seq[before].quote is None:
        before -= 1  # `“...,” as a state memo put it`
    if before >= 0 and seq[before].text == "," and before >= 1 and seq[before - 1].quote is not None:
        before -= 1
    if before >= 0 and seq[before].quote is None:
        return None  # only after a quote or at the start of the sentence: `the board met and the chair said`
    return " ".join(s.text for s in seq[k + 1 : head + 1]), k
