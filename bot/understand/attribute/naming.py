"""Naming each speaker by the fullest form the document gives: `Podesta` becomes `John Podesta`
when the text introduces him so, and `Putin` becomes `Vladimir Putin` when another quote names
him in full. A short name that could be two people (`Clinton`, with both `Bill Clinton` and
`Hillary Clinton` in the text) stays as it is."""

from __future__ import annotations

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.document import Found, Sentence
from bot.understand.attribute.names import acronym, not_a_person


def name_in_full(found: list[Found], sentences: list[Sentence]) -> None:
    """Replace each short speaker label by the one fuller name the document gives it."""
    labels = {f.speaker for f in found if f.speaker}
    full_forms = _full_forms(sentences, labels)
    longer: dict[str, str] = {}
    for label in labels:
        parts = label.split()
        if len(parts) != 1 or not label[:1].isupper() or not_a_person(label):
            continue
        fuller = _by_surname(label, full_forms) or _by_first_name(label, labels)
        if fuller:
            longer[label] = fuller
    for f in found:
        if f.speaker in longer:
            f.speaker = longer[f.speaker]


def _full_forms(sentences: list[Sentence], labels: set[str]) -> list[str]:
    """Person-like names of two to four words, speaker labels first, then mentions in reading order."""
    seen: dict[str, None] = {}
    for label in sorted(labels):
        if _person_like(label):
            seen.setdefault(label)
    for sent in sentences:
        for _, label, _ in sent.mentions:
            if _person_like(label):
                seen.setdefault(label)
    return list(seen)


def _person_like(label: str) -> bool:
    parts = label.split()
    return (
        2 <= len(parts) <= 4
        and parts[0].rstrip(".") not in lx.TITLES
        and not any(acronym(p) or p in lx.INSTITUTIONS for p in parts)
        and not not_a_person(label)
    )


def _by_surname(label: str, full_forms: list[str]) -> str | None:
    matches = [m for m in full_forms if m.split()[-1] == label]
    firsts = {m.split()[0] for m in matches}
    if len(firsts) != 1:
        return None  # none, or two people who share the surname
    return max(matches, key=lambda m: len(m.split()))


def _by_first_name(label: str, labels: set[str]) -> str | None:
    """`Ian` for `Ian Bremmer` when he is quoted under both (a first name, not a surname written first)."""
    if lx.gender(label) is None:
        return None
    fuller = [m for m in labels if m != label and len(m.split()) > 1 and m.split()[0] == label]
    return fuller[0] if len(fuller) == 1 else None
