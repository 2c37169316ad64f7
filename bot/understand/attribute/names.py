"""Words that make up speakers: names, initials, nicknames, roles and institutions."""

from __future__ import annotations

import re
from functools import lru_cache

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.sentences import Item

QUOTE_MARKS = frozenset("“”\"‘’'«»„")


def nickname_at(seq: list[Item], i: int) -> bool:
    return (
        i + 3 < len(seq)
        and seq[i].text in QUOTE_MARKS
        and is_name_word(seq[i + 1].text)
        and seq[i + 2].text in QUOTE_MARKS
        and is_name_word(seq[i + 3].text)
    )


def dutch_particle(seq: list[Item], i: int) -> int:
    """How many items the particle at `i` takes when it is `’t` or `in ’t`/`van ’t` before a name
    (`Sophie in ’t Veld`); 0 otherwise."""
    k = i + 1 if i < len(seq) and seq[i].text in ("in", "van") else i
    if (
        k + 2 < len(seq)
        and seq[k].text in ("’", "'")
        and seq[k + 1].text == "t"
        and seq[k + 2].quote is None
        and is_name_word(seq[k + 2].text)
    ):
        return k + 2 - i
    return 0


def name_parts(run: list[Item]) -> list[str]:
    """The words of a name, without a quoted nickname."""
    parts: list[str] = []
    skip = 0
    for i, item in enumerate(run):
        if skip:
            skip -= 1
            continue
        if item.text in ("’", "'") and i + 1 < len(run) and run[i + 1].text == "t":
            parts.append(item.text + "t")  # `van ’t Berg`
            skip = 1
            continue
        if item.text in QUOTE_MARKS:
            skip = 2  # the nickname and its closing mark
            continue
        if item.text == "." and parts:
            parts[-1] += "."  # `J.D` `.` -> `J.D.`
            continue
        parts.append(item.text)
    return parts


#: How many words the word-level tests remember (a bounded cache: a long-running bot reads many).
WORD_CACHE = 1 << 14

INITIALS = re.compile(r"(?:[A-Z]\.){1,3}")
INITIALS_TOKEN = re.compile(r"[A-Z](?:\.[A-Z]){0,2}")


@lru_cache(maxsize=WORD_CACHE)  # a pure test of one word, asked for the same words again and again
def is_name_word(word: str) -> bool:
    return (
        bool(word)
        and word[0].isupper()
        and word not in lx.STOP_CAPS
        and word.split("-")[0] not in _NUMBERS  # `Twenty-two years ago`
        and not word.startswith(("I’", "I'"))
        and not possessive(word)
        and (any(c.islower() for c in word[1:] or "x") or acronym(word) or bool(INITIALS.fullmatch(word)))
        and all(c.isalpha() or c in "-’'." for c in word)
    )


_NUMBERS = frozenset("Twenty Thirty Forty Fifty Sixty Seventy Eighty Ninety Hundred Hundreds Thousands Dozens".split())


def acronym(word: str) -> bool:
    """`IMF`, `ECB`, `NATO`: an institution's short name."""
    return 2 <= len(word) <= 6 and word.isalpha() and word.isupper()


def possessive(word: str) -> bool:
    return word.endswith(("’s", "'s", "s’", "s'"))


def is_role(word: str) -> bool:
    w = word.lower()
    return w in lx.ROLE_NOUNS or w.split("-")[-1] in lx.ROLE_NOUNS or w.endswith(("ist", "ists"))


def clean_name(parts: list[str]) -> str:
    """`Finance Minister Dawit Mengesha` -> `Dawit Mengesha`; an institution keeps its whole name."""
    if len(parts) == 1:
        return parts[0]  # the usual case, and one word is itself whatever it is
    if parts and (parts[-1] in lx.INSTITUTIONS or all(p.rstrip(".") in lx.TITLES for p in parts)):
        return " ".join(parts)  # `European Central Bank`, `UK Finance`
    if len(parts) == 2 and parts[0] in _COMPASS:
        return " ".join(parts)  # `West Virginia`, `South Carolina`: a place, not a title and a name
    last_title = max((i for i, p in enumerate(parts[:-1]) if p.rstrip(".") in lx.TITLES), default=-1)
    parts = parts[last_title + 1 :]
    while len(parts) > 1 and parts[0] in lx.PARTICLES:
        parts = parts[1:]
    return " ".join(parts)


_COMPASS = {"North", "South", "East", "West"}


def not_a_person(label: str) -> bool:
    """What `he` or `she` cannot mean: a group (`pharmacists`, `Bangladesh and Rwanda`) or an
    institution (`RSF`, `the ministry`)."""
    last = label.split()[-1] if label.split() else ""
    return (
        " and " in label
        or label in lx.PLACES
        or plural(label)
        or acronym(last)
        or last in lx.INSTITUTIONS
        or last.lower() in lx.INSTITUTION_NOUNS
        or last.lower() in lx.THING_NOUNS
    )


def plural(label: str) -> bool:
    """`pharmacists`, `senior officials`: a group, which `he` or `she` cannot refer to."""
    words_ = label.split()
    if not words_ or not label[:1].islower():
        return False
    last = words_[-1].lower()
    return last.endswith("ists") or (last.endswith("s") and is_role(last) and is_role(last[:-1]))
