"""Naming each speaker by the fullest form the document gives: `Podesta` becomes `John Podesta`
when the text introduces him so, and `Putin` becomes `Vladimir Putin` when another quote names
him in full. A short name that could be two people (`Marsh`, with both `Bill Marsh` and
`Hillary Marsh` in the text) stays as it is."""

from __future__ import annotations

import re

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.cues import sentence_subject
from bot.understand.attribute.describe import describe, head_at, named_in
from bot.understand.attribute.document import Found, Sentence
from bot.understand.attribute.names import acronym, is_role, not_a_person, plural

_NAME = r"[A-Z][\w’'-]+(?: (?:[A-Z]\.|[A-Z][\w’'-]+)){1,3}"
_OWNER = r"(?:the |a |an |his |her |their |its )?(?:[\w.-]+(?:’s|'s|’|') )?"
#: `Kellyanne Conway, the mayor’s campaign manager,` and `campaign manager Kellyanne Conway`
_NAME_THEN_ROLE = re.compile(
    rf"({_NAME}), {_OWNER}((?:[A-Z][\w-]* )?[a-z][a-z -]{{2,40}}?)(?=,| of | for | at | who | in |\.)"
)
_ROLE_THEN_NAME = re.compile(rf"(?<![\w’'])([a-z][a-z-]+(?: [a-z][a-z-]+){{0,2}}) ({_NAME})")


def name_in_full(
    found: list[Found], sentences: list[Sentence], paragraphs: list[str], honorifics: dict[str, set[str]]
) -> None:
    """Replace each short speaker label by the one fuller name the document gives it, and a role
    (`the campaign manager`) by the one person the text names in that role. `honorifics`: surname ->
    the sexes `Mr.`, `Mrs.` and `Ms.` give it in the text (`Mr. Pell` is not `Michelle Pell`)."""
    _name_roles(found, paragraphs)
    _describe_roles(found, sentences)
    labels = {f.speaker for f in found if f.speaker}
    if not any(" " not in label or label.split()[0] in lx.HONORIFICS for label in labels):
        return
    full_forms = _full_forms(sentences, labels)
    longer: dict[str, str] = {}
    words: set[str] = set()
    for label in labels:
        parts = label.split()
        if len(parts) == 2 and parts[0] in lx.HONORIFICS:  # `Mrs. Hale`: the one full name of a woman Hale
            plain = [m for m in full_forms if m.split()[0] not in lx.HONORIFICS]
            fuller = _by_surname(parts[1], plain, {parts[1]: {lx.HONORIFICS[parts[0]]}})
            if fuller and lx.gender(fuller, by_ending=False) == lx.HONORIFICS[parts[0]]:
                longer[label] = fuller
            continue
        if len(parts) != 1 or not label[:1].isupper() or not_a_person(label):
            continue
        fuller = _by_surname(label, full_forms, honorifics) or _by_first_name(label, labels)
        if fuller:
            longer[label] = fuller
        elif _maybe_word(label, full_forms):
            words.add(label)
    longer.update(dict.fromkeys(_common_words(words, sentences), ""))
    for f in found:
        if f.speaker in longer:
            f.speaker = longer[f.speaker] or None
            if f.speaker is None:
                f.how = "none"


def _maybe_word(label: str, full_forms: list[str]) -> bool:
    """A one-word label that may be a common word rather than a name: no given name, no role
    (`Protesters chanted “...”` is a description), and in no fuller name the text gives."""
    if acronym(label) or label.casefold() in lx.MALE_NAMES or label.casefold() in lx.FEMALE_NAMES:
        return False
    if is_role(label.lower()) or (label.endswith("s") and is_role(label[:-1].lower())):
        return False
    return not any(label in form.split() for form in full_forms)


def _common_words(labels: set[str], sentences: list[Sentence]) -> set[str]:
    """`People`, `Audiences`, `Shortly`: words capitalised only where they open a sentence (or follow
    punctuation) and which the text also writes in lower case: no names."""
    if not labels:
        return set()
    lowers = {label.lower(): label for label in labels}
    seen, named = set(), set()
    for sent in sentences:
        for i, item in enumerate(sent.items):
            if item.text in lowers:
                seen.add(lowers[item.text])
            elif item.text in labels and i > 0 and sent.items[i - 1].is_word:
                named.add(item.text)  # capitalised inside a sentence: a name
    return seen - named


def _full_forms(sentences: list[Sentence], labels: set[str]) -> list[str]:
    """Person-like names of two to four words, speaker labels first, then mentions in reading order."""
    seen: dict[str, None] = {}
    for label in sorted(labels):
        if _person_like(label):
            seen.setdefault(label)
    for sent in sentences:
        if not any(" " in label for _, label, _ in sent.mentions) or _title_case(sent):
            continue  # a headline (`Mayor Calls Rival Unfit`) names nobody in full
        for _, label, _ in sent.mentions:
            if _person_like(label):
                seen.setdefault(label)
    return list(seen)


def _title_case(sent: Sentence) -> bool:
    words = [i.text for i in sent.items if i.quote is None and i.is_word and i.text.isalpha() and len(i.text) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _person_like(label: str) -> bool:
    parts = label.split()
    return (
        2 <= len(parts) <= 4
        and parts[0].rstrip(".") not in lx.TITLES
        and not any(acronym(p) or p in lx.INSTITUTIONS for p in parts)
        and not not_a_person(label)
    )


def _by_surname(label: str, full_forms: list[str], honorifics: dict[str, set[str]] | None = None) -> str | None:
    matches = [m for m in full_forms if m.split()[-1] == label]
    given = (honorifics or {}).get(label, set())
    if len(given) == 1:  # `Mr. Pell` is not `Michelle Pell`
        other = lx.FEMALE_NAMES if "m" in given else lx.MALE_NAMES
        same = lx.MALE_NAMES if "m" in given else lx.FEMALE_NAMES
        matches = [m for m in matches if not (m.split()[0].casefold() in other and m.split()[0].casefold() not in same)]
    firsts = {m.split()[0] for m in matches}
    if len(firsts) != 1:
        return None  # none, or two people who share the surname
    return max(matches, key=lambda m: len(m.split()))


def _by_first_name(label: str, labels: set[str]) -> str | None:
    """`Ian` for `Ian Bremmer` when he is quoted under both (a first name, not a surname written first)."""
    if label.casefold() not in lx.MALE_NAMES and label.casefold() not in lx.FEMALE_NAMES:
        return None
    fuller = [m for m in labels if m != label and len(m.split()) > 1 and m.split()[0] == label]
    return fuller[0] if len(fuller) == 1 else None


def _name_roles(found: list[Found], paragraphs: list[str]) -> None:
    roles = {f.speaker for f in found if f.speaker and f.speaker[:1].islower()}
    if not roles:
        return
    links: list[tuple[str, str]] = []  # (role phrase, name)
    for text in paragraphs:
        links += [(m[2], m[1]) for m in _NAME_THEN_ROLE.finditer(text) if is_role(m[2].split()[-1])]
        links += [(m[1], m[2]) for m in _ROLE_THEN_NAME.finditer(text) if is_role(m[1].split()[-1])]
    named: dict[str, str] = {}
    for role in roles:
        words = role.split()
        people = {
            name for phrase, name in links if phrase.split()[-1] == words[-1] and set(words) <= set(phrase.split())
        }
        if len(people) == 1 and not plural(role):
            named[role] = people.pop()
    for f in found:
        if f.speaker in named:
            f.speaker, f.how = named[f.speaker], "role"


def _describe_roles(found: list[Found], sentences: list[Sentence]) -> None:
    """A role nobody names (`spokesman`) becomes the whole description the text gives it where it
    speaks (`a spokesman for River Networks`), or the name that description gives (`the base chief
    known as Bob` -> `Bob`)."""
    roles = {f.speaker for f in found if f.speaker}
    places: list[tuple[tuple[int, int], str, str]] = []  # ((paragraph, offset), role, description)
    for sent in sentences:
        for cue in sent.cues:
            subject = cue.subject
            if subject.kind != "role" or subject.label not in roles:
                continue
            seq = sent.items
            limit = cue.verb if subject.pos < cue.verb else None
            head = head_at(seq, subject.pos, subject.label)
            text = (named_in(seq, head, limit) if head is not None else None) or describe(
                seq, subject.pos, subject.label, limit
            )
            places.append(((sent.para, seq[subject.pos].start), subject.label, text or subject.label))
    cued = {label for _, label, _ in places}
    if any(r[:1].islower() and r not in cued for r in roles):  # a role as a sentence's subject (`a friend noted:`)
        for sent in sentences:
            opener = sentence_subject(sent.items)
            if opener and opener.kind == "role" and opener.label in roles and opener.label not in cued:
                text = describe(sent.items, opener.pos, opener.label)
                if text and text != opener.label:
                    places.append(((sent.para, sent.items[opener.pos].start), opener.label, text))
    if all(role == text for _, role, text in places):
        return
    for f in found:
        mine = [(at, text) for at, role, text in places if role == f.speaker]
        if mine:
            before = [text for at, text in mine if at <= (f.para, f.sentence[1])]
            f.speaker = before[-1] if before else mine[0][1]
