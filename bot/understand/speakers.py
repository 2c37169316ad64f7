"""Speakers as people: one identity per person across briefings (pure: no I/O).

Two steps, each cautious, because crediting a quote to the wrong person is the worst mistake:

1. Within one briefing (`resolve_labels`): a one-word label ("Ian", "Brzezinski") becomes the full
   name the same briefing gives ("Ian Brzezinski"), when the briefing names exactly one such person.
   Otherwise it stays as written.
2. Across the archive (`group_people`): speakers with the same full name are one person; a
   one-word speaker joins a full name only when the roster says so (`[roster.Ian] full_name = ...`).
   Otherwise a lone "Ian" or "Chen" stays its own speaker: two people called Ian stay apart, and a
   surname is never credited to someone the briefing did not name.

`from:` lookups (`match_people`) answer for one person only; when the name fits several, the caller
asks which one.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from bot.understand.attribute import lexicon as lx

_UPPER = "A-ZÀ-ÖØ-Þ"
_WORD = rf"[{_UPPER}](?:\.|[\w’'-]*)"  # a word, or an initial (`J.`); `Luxembourg.` ends a name
_PARTICLE = "|".join(sorted(lx.PARTICLES))
#: Two or more capitalised words (particles such as `van der` may stand between them).
NAME_RUN = re.compile(rf"(?<![\w’'-]){_WORD}(?:\s+(?:(?:{_PARTICLE})\s+)*{_WORD})+")
_POSSESSIVE = re.compile(r"[’']s?$")
_FROM = re.compile(r"(?:^|\s)from:\s*(?:\"([^\"]*)\"|“([^”]*)”|(\S+))", re.IGNORECASE)
MAX_NAME_WORDS = 5
_GIVEN = frozenset(n.lower() for n in (*lx.FEMALE_NAMES, *lx.MALE_NAMES))


def name_key(name: str) -> str:
    """A comparable form of a name: case, accents, possessives and punctuation set aside."""
    folded = unicodedata.normalize("NFKD", name.casefold())
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    words = [_POSSESSIVE.sub("", w).strip(".,;:’'-") for w in plain.replace("’", "'").split()]
    return " ".join(w for w in words if w)


def is_person_name(name: str) -> bool:
    """A name of two to five words that looks like a person's (not `European Central Bank`)."""
    words = name.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS:
        return False
    if words[-1] in lx.INSTITUTIONS or words[0] in lx.STOP_CAPS or words[-1] in lx.STOP_CAPS:
        return False
    return all(w in lx.PARTICLES or (w[:1].isupper() and not w.isupper()) for w in words)


def full_names(paragraphs: Iterable[str]) -> set[str]:
    """Full person names written in the text (`Ian Brzezinski`, `Annelies van der Veen`), titles dropped."""
    found: set[str] = set()
    for paragraph in paragraphs:
        for m in NAME_RUN.finditer(paragraph):
            words = [_POSSESSIVE.sub("", w).rstrip(".") for w in m.group().split()]
            while words and (words[0] in lx.TITLES or words[0] in lx.STOP_CAPS):
                words = words[1:]
            name = " ".join(words)
            if is_person_name(name):
                found.add(name)
    return found


def resolve_labels(labels: Iterable[str], paragraphs: Iterable[str]) -> dict[str, str]:
    """Each speaker label -> the full name this briefing gives that person (the label itself when
    the briefing gives none, or several)."""
    labels = [label for label in dict.fromkeys(labels) if label]
    known = {n for n in labels if is_person_name(n)} | full_names(paragraphs)
    out: dict[str, str] = {}
    for label in labels:
        out[label] = label
        if len(label.split()) != 1:
            continue
        key = name_key(label)
        fits = {name_key(n): n for n in known if key in (name_key(n).split()[0], name_key(n).split()[-1])}
        if len(fits) > 1:  # `Donald Trump` beside `Post Trump`: keep the names that start with a given name
            fits = {k: n for k, n in fits.items() if k.split()[0] in _GIVEN and k.split()[0] != key}
        if len(fits) == 1:
            out[label] = next(iter(fits.values()))
    return out


@dataclass(slots=True)
class Speaker:
    """One stored speaker: a name as resolved in a briefing, with its quote count."""

    id: int
    name: str
    quotes: int = 0


@dataclass(slots=True)
class Person:
    """Stored speakers that are the same person; `name` is the fullest name known."""

    name: str
    speaker_ids: list[int] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    quotes: int = 0
    full: bool = False  # has a full name (not a lone first name or surname)

    @property
    def key(self) -> str:
        return name_key(self.name)


def _roster_names(roster: Mapping[str, object]) -> dict[str, str]:
    """name_key(label) -> full name, from `[roster.<label>] full_name = ...` entries."""
    out: dict[str, str] = {}
    for label, entry in roster.items():
        full = entry.get("full_name") if isinstance(entry, Mapping) else getattr(entry, "full_name", None)
        if full and isinstance(full, str):
            out[name_key(label)] = full
    return out


def group_people(speakers: Sequence[Speaker], roster: Mapping[str, object] | None = None) -> list[Person]:
    """The archive's speakers grouped into people, most quoted first."""
    aliases = _roster_names(roster or {})
    people: dict[str, Person] = {}

    def person(name: str, full: bool) -> Person:
        key = name_key(name)
        if key not in people:
            people[key] = Person(name=name, full=full)
        return people[key]

    for s in speakers:
        full = len(s.name.split()) > 1 or name_key(s.name) in aliases
        _add(person(aliases.get(name_key(s.name), s.name), full), s)
    return sorted(people.values(), key=lambda p: (-p.quotes, p.key))


def _add(p: Person, s: Speaker) -> None:
    p.speaker_ids.append(s.id)
    if s.name not in p.names:
        p.names.append(s.name)
    p.quotes += s.quotes


@dataclass(frozen=True, slots=True)
class FromQuery:
    name: str
    words: str  # the rest of the query: words the quotes must contain
    exact: bool  # the name was quoted: `from:"Ian"` is the speaker called exactly that


def parse_from(query: str) -> FromQuery | None:
    """`from:Ian NATO` -> Ian + NATO; `from:"Ian Brzezinski" grid` -> Ian Brzezinski (exact) + grid;
    None when the query has no `from:`."""
    m = _FROM.search(query)
    if m is None:
        return None
    quoted = m.group(1) if m.group(1) is not None else m.group(2)
    name = (quoted if quoted is not None else m.group(3)).strip()
    rest = (query[: m.start()] + " " + query[m.end() :]).strip()
    return FromQuery(name, " ".join(rest.split()), quoted is not None)


def extend_name(q: FromQuery, people: Sequence[Person]) -> FromQuery:
    """`from:Ian Brzezinski NATO` means Ian Brzezinski: the longest name a known person has."""
    if q.exact:
        return q
    words = q.words.split()
    for n in range(min(3, len(words)), 0, -1):
        if not all(w[:1].isupper() for w in words[:n]):
            continue
        longer = " ".join([q.name, *words[:n]])
        if match_people(longer, people):
            return FromQuery(longer, " ".join(words[n:]), False)
    return q


def match_people(name: str, people: Sequence[Person], exact: bool = False) -> list[Person]:
    """The people `name` can mean: every word of it in their name (or one of their names);
    with `exact`, the people called exactly that. A full name fitting one person exactly picks
    that person even when it is part of a longer name too."""
    key = name_key(name)
    if not key:
        return []
    exactly = [p for p in people if key in {p.key, *map(name_key, p.names)}]
    if exact or (len(exactly) == 1 and len(key.split()) > 1):
        return exactly
    wanted = set(key.split())
    return [p for p in people if any(wanted <= set(name_key(n).split()) for n in [p.name, *p.names])]
