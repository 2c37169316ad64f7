"""Choosing the speaker of a quote among the candidates: the cue that governs it, a signature, a
colon introduction, a possessive (`Putin’s response`), a later cue, or the last speaker; and
resolving pronouns to the nearest earlier person who fits."""

from __future__ import annotations

import bisect
import re

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.cues import (
    RECORDINGS,
    Cue,
    Subject,
    addressed,
    sentence_subject,
    skip_back,
    skippable,
    speech_verb,
)
from bot.understand.attribute.document import Found, Sentence
from bot.understand.attribute.names import acronym, clean_name, is_name_word, is_role, not_a_person, plural, possessive
from bot.understand.attribute.nonspeech import WH_WORDS
from bot.understand.attribute.sentences import Item

_POSSESSIVE_NOUNS = {
    "view",
    "take",
    "verdict",
    "answer",
    "words",
    "line",
    "assessment",
    "warning",
    "argument",
    "advice",
    "prediction",
    "conclusion",
    "reply",
    "response",
    "message",
    "phrase",
    "demand",
    "demands",
    "comments",
    "remarks",
    "statement",
    "claim",
    "pitch",
    "promise",
    "vow",
    "description",
    "complaint",
    "criticism",
    "objection",
    "point",
    "question",
    "plea",
    "threat",
    "pledge",
}


_GLUE = {",", "—", "–", "-", ":", ";", "as", "(", ")"}


class State:
    def __init__(self, people: dict[str, str]):
        self.people = people  # any token of a known person -> that person's label
        self.genders: dict[str, str] = {}  # surname -> 'm' or 'f', when the text says so
        self.last_speaker: str | None = None
        self.last_para = -1  # paragraph where the last speaker was last seen speaking
        self.runs_on = False  # their last quote ran on past the end of its paragraph
        self.last_how = "none"  # how the last speaker was found
        self.sentences = 0  # sentences closed so far
        self.last_at = -1  # the sentence number where the last speaker spoke
        self.colon_intro: tuple[int, str] | None = None  # (paragraph, speaker) of a sentence ending with a colon
        self.reading: tuple[list[Sentence], int] = ([], -1)  # the sentences and the one being read
        self.subject_here: tuple[int, Subject | None] = (-1, None)  # its subject (a pronoun resolved), once asked
        self.org_words: set[str] | None = None  # single words that name no person here, once asked
        self.titled: dict[tuple[str, str], str] = {}  # (surname, gender) -> `Mrs. Hale`, for a shared surname
        self.shared: set[str] | None = None  # surnames of a man and a woman here, once asked
        self.honorifics: dict[str, set[str]] = {}  # surname -> the sexes `Mr.`, `Mrs.`, `Ms.` give it here

    def gender(self, label: str) -> str | None:
        """'m' or 'f' from the first name, or from `Mr.`/`Mrs.`/`Ms.` and full names elsewhere in the text,
        or from the noun of a description."""
        parts = label.split()
        if not parts:
            return None
        if len(parts) > 1 and parts[0] in lx.HONORIFICS:
            return lx.HONORIFICS[parts[0]]  # `Mrs. Hale`
        if label.islower() or parts[0].lower() in lx.DETERMINERS:  # `his mother`: the noun says (not `de Vries`)
            return lx.GENDERED_NOUNS.get(parts[-1].lower())
        known = self.genders.get(parts[-1])
        if len(parts) == 1:  # `Obama`, `Becerra`: a surname alone says nothing by its ending
            return known or lx.gender(label, by_ending=False)
        listed = lx.gender(label, by_ending=False)
        if listed is None and label[:1].isupper():
            tail = " " + label  # `Ortega Luna` after `Carlos Ortega Luna`: his first name, not an ending
            listed = next(
                (g for full in self.people.values() if full.endswith(tail) for g in [lx.gender(full, False)] if g), None
            )
        return listed or lx.gender(label) or known

    def person(self, label: str) -> str | None:
        """The known speaker `label` names, or `label` itself when it starts with a first name."""
        if label in self.people.values():
            return label
        for part in reversed(label.split()):
            if part in self.people:
                known = self.people[part]
                if _other_sex(label, known):
                    return label  # `Mrs. Hale` beside a known `Tom Hale`: his wife, not him
                fuller = len(label.split()) > len(known.split()) and known in label and label[:1].isupper()
                if fuller or _other_first_name(label, known):
                    return label  # `Dawit Mengesha` over a bare `Mengesha`; `Ana Vance` is not `Ben Vance`
                return known
        parts = label.split()
        first = parts[0].casefold() if parts else ""
        if first in lx.FEMALE_NAMES or first in lx.MALE_NAMES:
            return label
        if len(parts) > 1 and lx.gender(label) and not not_a_person(label):
            return label  # `Tina Harrow`: a first name and a surname
        return None

    def no_one(self, word: str) -> bool:
        """`Zelmora announced ...`, `Audiences can expect ...`: a word the text never gives a first name, a
        title or an honorific, that reports as an organisation does or that it also writes in lower case."""
        if self.org_words is None:
            self.org_words = _org_words(self.reading[0])
        return word in self.org_words

    def shared_surname(self, surname: str) -> bool:
        """`Mr. Hale` and `Mrs. Hale`, or `Tom Hale` and `Ana Hale`: a surname a man and a woman share."""
        if self.shared is None:
            self.shared = _shared_surnames(self.reading[0], self.honorifics)
        return surname in self.shared

    def clause_subject(self) -> Subject | None:
        """The subject of the sentence being read, worked out the first time it is asked for."""
        sentences, si = self.reading
        if self.subject_here[0] != si:
            self.subject_here = (si, _clause_opener(sentences, si, self))
        return self.subject_here[1]

    def introducer(self, sent: Sentence, pos: int) -> str | None:
        """The speaker of a paragraph ending with a colon, for a quote that opens the next paragraph."""
        if self.colon_intro is None or self.colon_intro[0] != sent.para - 1 or not _opens_sentence(sent, pos):
            return None
        return self.colon_intro[1]

    def follow_up(self, sent: Sentence, pos: int) -> str:
        """How a quote with no cue of its own is tied to the last speaker."""
        if self.last_speaker is None:
            return "none"
        opens = _opens_sentence(sent, pos)
        if self.last_para == sent.para:
            if self.last_how in ("guess", "they"):
                return "guess"
            if opens:
                return "continuation"
            others = [
                label
                for p, label, subj in sent.mentions
                if p < pos and (subj or self.person(label) or lx.gender(label))
            ]
            if self.last_at == self.sentences - 1 and not others:
                return "cont-next"  # `Costa points out ... . Doing so would be “a defeat.”`
            return "cont-embedded"
        if (self.runs_on or self.last_how == "transcript") and self.last_para == sent.para - 1 and opens:
            return "continuation"  # the paragraph re-opens the quote that ran on
        if (
            self.last_para == sent.para - 1
            and opens
            and self.last_at == self.sentences - 1
            and self.last_how not in ("guess", "they")
        ):
            return "next-paragraph"  # a quote-only paragraph right after its speaker spoke: a likely guess
        return "guess"

    def close_sentence(self, sent: Sentence, quotes: list[tuple[int, Found]]) -> None:
        self.sentences += 1
        if sent.items and sent.items[-1].text == ":" and not quotes:
            cue = next((c for c in reversed(sent.cues) if c.subject.kind in ("name", "role")), None)
            subject = cue.subject if cue else sentence_subject(sent.items)
            person = subject and (self.person(subject.label) or (subject.label if cue else None))
            self.colon_intro = (sent.para, person) if person else None  # not `Partial transcript as follows:`
        events = [(pos, f.speaker, f.how) for pos, f in quotes if f.speaker]
        events += [
            (c.verb, c.subject.label, "cue")
            for c in sent.cues
            if c.subject.kind in ("name", "role")
            and not (events and (_subordinate(sent.items, c.first) or _where_clause(sent.items, c.first)))
            and (quotes or not _inside_report(sent.items, sent.cues, c))
        ]
        if events:
            _, self.last_speaker, self.last_how = max(events)
            self.last_at = self.sentences - 1
            self.last_para = sent.para
            self.runs_on = bool(quotes) and quotes[-1][1].span.close_at is None
        elif not any(not f.scare for _, f in quotes) and sent.mentions:
            # `Priya sees a longer game. “Every country ...”`: a known speaker as the subject takes the floor
            # (also after an opening phrase: `On “Meet the Harbor,” Sen. Ben Sorrel named ...`)
            opener = sent.mentions[0][1] if sent.mentions[0][2] else _opening_subject(sent.items)
            person = self.person(opener) if opener else None
            if person:
                self.last_speaker, self.last_para, self.last_how, self.runs_on = person, sent.para, "floor", False
        if quotes and quotes[-1][1].how == "unresolved" and all(at < quotes[-1][0] for at, _, _ in events):
            self.last_speaker, self.last_how = None, "none"  # `“...,” it said.`: whoever it is, not the last one


def _unsexed_source(seq: list[Item], cue: Cue, state: State) -> bool:
    """`According to the Harbor Ledger, Hale praised ...`: a source no he or she is known to fit, which a
    he or she after it means less likely than the person it reports on."""
    return seq[cue.verb].lower == "according" and state.gender(cue.subject.label) is None


def _other_sex(label: str, known: str) -> bool:
    """`Mrs. Hale` and `Tom Hale`: an honorific and a first name that give two sexes."""
    parts = label.split()
    title = lx.HONORIFICS.get(parts[0]) if len(parts) > 1 else None
    return title is not None and lx.gender(known, by_ending=False) not in (None, title)


def _other_first_name(label: str, known: str) -> bool:
    """`Ana Vance` beside a known `Ben Vance`: two first names the lists know, so two people."""
    first, other = label.split()[0].casefold(), known.split()[0].casefold()
    if first == other or len(known.split()) < 2:
        return False
    return (first in lx.FEMALE_NAMES or first in lx.MALE_NAMES) and (other in lx.FEMALE_NAMES or other in lx.MALE_NAMES)


def _inside_report(seq: list[Item], cues: list[Cue], cue: Cue) -> bool:
    """`Carter said that for years some critics had predicted ...`: a cue inside what an earlier cue
    of the sentence reports; the earlier speaker keeps the floor."""
    outer = next((o for o in cues if o.subject.kind in ("name", "role") and o.subject.pos < o.verb < cue.first), None)
    if outer is None or seq[outer.verb].lower.endswith("ing"):
        return False
    between = seq[outer.verb + 1 : cue.first]
    return not any(
        b.text == ";" or (b.lower in ("and", "but") and i > 0 and between[i - 1].text == ",")
        for i, b in enumerate(between)
    )


#: What an organisation does when it speaks (`Zelmora announced`, `Zelmora said in a statement`)
_ORG_REPORTS = {"announced", "announces", "reported", "reports", "disclosed", "discloses"}


_LOWER_WORD = re.compile(r"\b[a-z][a-z-]+\b")
_IN_A_STATEMENT = (["said", "in", "a", "statement"], ["says", "in", "a", "statement"])


def _its(seq: list[Item], i: int) -> bool:
    """`Zelmora announced that it would ...`: `it` or `its` follows in the clause, before any he or she."""
    for item in seq[i + 1 : i + 25]:
        if item.quote is not None or item.lower in ("he", "she", "his", "her", "him", ";"):
            return False
        if item.lower in ("it", "its"):
            return True
    return False


def _org_words(sentences: list[Sentence]) -> set[str]:
    """Capitalised single words that are no person's name in this text: never after a name word, a
    title or an honorific, and either reporting as an organisation does or written in lower case too."""
    lower: set[str] = set()
    named: set[str] = set()  # words seen inside a longer name, or after a title
    reporting: set[str] = set()
    opening: set[str] = set()
    para = -1
    for sent in sentences:
        seq = sent.items
        if sent.para != para:  # a sentence's text is its whole paragraph: read each paragraph once
            para = sent.para
            lower.update(_LOWER_WORD.findall(sent.text))
        first = next((i for i, item in enumerate(seq) if item.is_word), len(seq))
        for i, item in enumerate(seq):
            if item.quote is not None or not item.is_word or not is_name_word(item.text):
                continue
            if i and seq[i - 1].quote is None and (is_name_word(seq[i - 1].text) or seq[i - 1].text in lx.HONORIFICS):
                named.add(item.text)
            if i + 1 < len(seq) and seq[i + 1].quote is None and is_name_word(seq[i + 1].text):
                named.add(item.text)
            rest = [s.lower for s in seq[i + 1 : i + 5]]
            if rest and (rest[0] in _ORG_REPORTS or rest[:4] in _IN_A_STATEMENT) and _its(seq, i):
                reporting.add(item.text)
            if i == first:
                opening.add(item.text)
    common = {w for w in opening if w.lower() in lower or w.lower().rstrip("s") in lower}
    found = (reporting | common) - named
    return {w for w in found if w.casefold() not in lx.MALE_NAMES and w.casefold() not in lx.FEMALE_NAMES}


def _opening_subject(seq: list[Item]) -> str | None:
    """The name that is the subject of a sentence opening with a phrase (`In Ohio, Hale ...`)."""
    if not seq or seq[0].lower not in ("in", "on", "at", "during", "after", "speaking", "asked", "later", "earlier"):
        return None
    subject = sentence_subject(seq)
    if subject is None:  # `On “Meet the Harbor,” Sen. Ben Sorrel ...`: the comma inside the title's quote marks
        q = next((i for i, item in enumerate(seq[:8]) if item.quote is not None), None)
        subject = sentence_subject(seq[q + 1 :]) if q is not None and q + 1 < len(seq) else None
    return subject.label if subject and subject.kind == "name" else None


_SUBORDINATORS = {
    "after",
    "before",
    "when",
    "as",
    "while",
    "because",
    "since",
    "although",
    "though",
    "if",
    "until",
    "unless",
    "whereas",
    "once",
}


def _opens_sentence(sent: Sentence, pos: int) -> bool:
    """The quote opens its sentence (`“...” ` after `“...,” Costa said.`), maybe after a dash or ellipsis."""
    return all(not i.is_word and i.quote is None for i in sent.items[:pos])


def _subordinate(seq: list[Item], first: int) -> bool:
    """`..., after van Orley stated ...`: a cue in a subordinate clause does not take the floor."""
    return any(seq[i].lower in _SUBORDINATORS for i in range(max(0, first - 2), first))


def _after_that(seq: list[Item], cue: Cue) -> bool:
    """`Ruiz, claiming that Mayor Ben Ortiz wanted to admit them, said ...`: a cue whose subject opens a
    `that` clause another verb frames."""
    k = cue.subject.pos - 1
    while k >= max(0, cue.subject.pos - 3) and seq[k].quote is None and is_name_word(seq[k].text):
        k -= 1
    return 0 < k < cue.verb and seq[k].lower == "that"


def _where_clause(seq: list[Item], first: int) -> bool:
    """`..., Pell said at the dinner in Bristol, where Varga also spoke`: a cue in a relative clause about
    a place does not take the floor from the quote's speaker."""
    return any(seq[i].lower == "where" and seq[i - 1].text == "," for i in range(max(1, first - 2), first))


def honorific_genders(sentences: list[Sentence]) -> dict[str, set[str]]:
    """Surname -> the sexes its honorifics give in the text (`Mr. Pell`, `Mrs. Pell`)."""
    seen: dict[str, set[str]] = {}
    for sent in sentences:
        seq = sent.items
        for i in range(len(seq) - 1) if "M" in sent.text else ():
            if (
                seq[i].quote is None
                and seq[i].text in lx.HONORIFICS
                and seq[i + 1].quote is None
                and is_name_word(seq[i + 1].text)
            ):
                seen.setdefault(seq[i + 1].text, set()).add(lx.HONORIFICS[seq[i].text])
    return seen


def known_genders(sentences: list[Sentence], honorifics: dict[str, set[str]]) -> dict[str, str]:
    """Surname -> gender, from `Mr. Hale` / `Ms. Costa` (`honorifics`) and from full names with a known
    first name; a surname seen with both is left out."""
    seen = {name: set(given) for name, given in honorifics.items()}
    for sent in sentences:
        for _, label, _ in sent.mentions:
            parts = label.split()
            if len(parts) >= 2 and (parts[0].casefold() in lx.MALE_NAMES) != (parts[0].casefold() in lx.FEMALE_NAMES):
                seen.setdefault(parts[-1], set()).add("m" if parts[0].casefold() in lx.MALE_NAMES else "f")
            elif len(parts) >= 2 and parts[0].casefold() in lx.UNISEX_NAMES:
                seen.setdefault(parts[-1], set()).add("?")  # `Chris Dunst` beside `Anne Dunst`: either
    return {name: next(iter(g)) for name, g in seen.items() if len(g) == 1 and "?" not in g}


def _shared_surnames(sentences: list[Sentence], titles: dict[str, set[str]]) -> set[str]:
    """Surnames the text gives both `Mr.` and `Mrs.`/`Ms.` (`titles`), or the full names of a man and a woman."""
    firsts: dict[str, set[str]] = {}
    for sent in sentences:
        for _, label, _ in sent.mentions:
            parts = label.split()
            first = parts[0].casefold() if len(parts) >= 2 else ""
            if (first in lx.MALE_NAMES) != (first in lx.FEMALE_NAMES) and first not in lx.UNISEX_NAMES:
                firsts.setdefault(parts[-1], set()).add("m" if first in lx.MALE_NAMES else "f")
    return {name for seen in (titles, firsts) for name, g in seen.items() if len(g) == 2}


def known_people(sentences: list[Sentence], known: set[str]) -> dict[str, str]:
    labels = set(known)
    for sent in sentences:
        labels.update(c.subject.label for c in sent.cues if c.subject.kind in ("name", "role"))
        labels.update(sent.persons)
        seq = sent.items
        labels.update(  # `Sen. Hale`, `Mayor Ruiz`: a title that only a person carries
            label
            for pos, label, _ in sent.mentions
            if seq[pos].text.rstrip(".") in lx.PERSON_TITLES and label != seq[pos].text and " and " not in label
        )
    people: dict[str, str] = {}
    for joint in [label for label in labels if " and " in label]:
        labels.update(joint.split(" and "))  # `Marcus and Leila` are also each their own person
    for label in sorted(labels, key=len):
        if " and " in label:
            people[label] = label
            continue
        for part in label.split():
            if part not in lx.TITLES:
                people.setdefault(part, label)
        people[label] = label
        last = label.split()[-1] if label.split() else ""
        if last in lx.INSTITUTIONS:
            people.setdefault(last.lower(), label)  # `the bank` is the `European Central Bank`
    return people


def resolve_cues(sentences: list[Sentence], si: int, state: State) -> None:
    sent = sentences[si]
    state.reading = (sentences, si)
    for cue in sent.cues:
        if cue.subject.kind in ("name", "role"):
            _own_subject(sent, cue, state)
        if cue.subject.kind == "name" and " " not in cue.subject.label:
            cue.subject.label = _titled_label(sent.items, cue.subject, state)
        if cue.subject.kind == "pronoun":
            label = _resolve_pronoun(sentences, si, cue.first, cue.subject.label, state)
            kind = ("role" if _description(label) else "name") if label else "pronoun"
            # `The tenants who wrote to Ruiz say they ...`: a they taken for one person is a loose tie
            single = label is not None and cue.subject.label == "they" and _one_person(label, state)
            cue.subject = Subject(kind, label or cue.subject.label, cue.subject.pos, "they" if single else "pronoun")
            if not label:
                cue.subject.kind = "unresolved"
        elif cue.subject.kind == "role" and _definite_office(sent.items, cue.subject):
            person = _office_holder(sentences, si, state)
            if person:
                cue.subject = Subject("name", person, cue.subject.pos, "role")


_THEN_WORDS = {"then", "later", "also", "again", "even", "still", "now"}


def _clause_pronoun(seq: list[Item], cue: Cue) -> int | None:
    """`Hale called Ruiz a “...” once she docked her yacht and blamed the crowding on “...”`: a verb
    joined by `and` to the verb of a subordinate clause shares that clause's he, she or they, not the
    main subject; the index of that pronoun."""
    verb, subject = cue.verb, cue.subject.pos
    j = verb - 1
    if j > 0 and (seq[j].lower in _THEN_WORDS or seq[j].lower.endswith("ly")):
        j -= 1
    if not (subject < j and seq[j].lower == "and"):
        return None
    for k in range(j - 3, max(subject, j - 20), -1):
        item = seq[k]
        if item.quote is not None or item.text in (";", ":") or item.lower in ("that", "who", "which", "and"):
            return None
        if item.lower in _SUBORDINATORS and seq[k + 1].lower in lx.PRONOUNS and seq[k + 2].text.islower():
            return k + 1
    return None


def _titled_label(seq: list[Item], subject: Subject, state: State) -> str:
    """`Mrs. Hale said` in a text that also names a man Hale: `Mrs. Hale`, so she is not taken for him
    (the surname alone says neither, as the text gives it to a man and a woman)."""
    at = subject.pos
    if (
        at < len(seq)
        and seq[at].text in lx.HONORIFICS
        and seq[at].quote is None
        and state.shared_surname(subject.label)
    ):
        titled = f"{seq[at].text} {subject.label}"
        state.titled.setdefault((subject.label, lx.HONORIFICS[seq[at].text]), titled)
        return titled
    return subject.label


def _one_person(label: str, state: State) -> bool:
    """A single person (`Ana Ruiz`), not two (`Hale and Ruiz`) nor a group or an organisation."""
    return (
        label[:1].isupper()
        and " and " not in label
        and not plural(label)
        and not not_a_person(label)
        and state.person(label) is not None
    )


def _own_subject(sent: Sentence, cue: Cue, state: State) -> None:
    """Give the cue the subject of its own clause when the one found is another clause's: a he or she
    (resolved later) or a name."""
    own = _clause_pronoun(sent.items, cue)  # `Hale called Ruiz “...” after she toured ... and blamed ...`
    own = _reporter_of(sent, cue) if own is None else own  # `she cited rumors that Hale called ...`
    if own is None and cue.verb < cue.subject.pos and cue.verb and sent.items[cue.verb - 1].lower in lx.PRONOUNS:
        own = cue.verb - 1  # `He said Welsh farmers “...”`: the he before the verb, not a subject after it
    if own is None:
        return
    word = sent.items[own].lower
    if word in lx.PRONOUNS:
        named = _named_between(sent, cue.subject.pos, own, word, state)
        cue.subject = Subject("name", named, own, "pronoun") if named else Subject("pronoun", word, own)
        return
    label = next(label for p, label, _ in sent.mentions if p == own)  # `Ruiz cited rumors that ...`
    cue.subject = Subject("name", state.person(label) or label, own)


#: Nouns whose `that` clause is what others say (`rumors that Hale called it “...”`)
_REPORT_NOUNS = {"reports", "report", "claims", "allegations", "accounts", "rumors", "rumours", "stories", "news"}


def _reporter_of(sent: Sentence, cue: Cue) -> int | None:
    """`she cited rumors that Hale called the bread “...”`: a cue inside what a report or a rumor
    says is its content; whoever cites it (a he, a she or a name just before) gives the quote."""
    seq, k = sent.items, cue.subject.pos
    if not (cue.subject.via == "cue" and 2 < k < cue.verb and seq[k - 1].lower == "that"):
        return None
    if seq[k - 2].lower not in _REPORT_NOUNS:
        return None
    for j in range(k - 3, max(-1, k - 8), -1):
        if seq[j].quote is not None or not seq[j].is_word:
            return None
        if seq[j].lower in ("he", "she") and seq[j + 1].text.islower():
            return j
        if seq[j + 1].text.islower() and is_name_word(seq[j].text):  # `Ruiz cited rumors that ...`
            return next((p for p, label, _ in sent.mentions if p <= j < p + len(label.split())), None)
    return None


def _named_between(sent: Sentence, start: int, end: int, pronoun: str, state: State) -> str | None:
    """The last person named between the main subject and the clause's pronoun whom the pronoun surely
    fits (`Hale called Ruiz “...” after she ...`: Ruiz, a woman)."""
    want = lx.PRONOUNS.get(pronoun)
    for p, label, _ in reversed(sent.mentions):
        if start < p < end and want and not _owner_at(sent.items, p) and not _modifier(sent.items, p):
            person = state.person(label) or (label if _full_name(label) else None)
            if person and not not_a_person(person) and state.gender(person) == want:
                return person
    return None


#: Offices a person named earlier in the text is then called by (`the senator`, `the former governor`)
_OFFICES = {
    "senator",
    "governor",
    "candidate",
    "nominee",
    "congressman",
    "congresswoman",
    "mayor",
    "businessman",
    "businesswoman",
    "billionaire",
    "frontrunner",
    "front-runner",
    "lawmaker",
    "senator-elect",
    "governor-elect",
}


def _definite_office(seq: list[Item], subject: Subject, loose: bool = False) -> bool:
    """`the Florida senator`, `the former governor and presidential candidate`: a definite role whose
    head is an office, not `a spokesman` or `the spokesman` (someone else, unnamed)."""
    end = subject.pos + len(subject.label.split())
    if end < len(seq) and seq[end].lower in ("of", "from", "for", "at"):
        return False  # `the senator from Vermont`, `the governor of Ohio`: the text names the office
    words = subject.label.split()
    if not words or words[-1].lower() not in _OFFICES or not (subject.label.islower() or loose and words[-1].islower()):
        return False  # `the Vermont senator` keeps the words the text uses (but `he` may mean the senator named)
    k = subject.pos - 1
    while k >= 0 and subject.pos - k <= 8 and seq[k].quote is None and seq[k].is_word:
        if seq[k].lower == "the":
            return True
        if not seq[k].text.islower():
            return False
        if seq[k].lower in lx.DETERMINERS or seq[k].lower in ("one", "another", "who", "which", "that"):
            return False
        k -= 1
    return subject.pos < len(seq) and seq[subject.pos].lower == "the"


def _office_holder(sentences: list[Sentence], si: int, state: State) -> str | None:
    """The person a definite office refers to: the subject of one of the last few sentences (the
    most recent first), when it is a known person."""
    for back in range(si - 1, max(-1, si - 4), -1):
        prev = sentences[back]
        main = sentence_subject(prev.items)
        labels = [main.label] if main and main.kind == "name" else []
        labels += [c.subject.label for c in prev.cues if c.subject.kind == "name"]
        for label in labels:
            person = state.person(label)
            if person is None and _full_name(label):
                person = label
            if person and not not_a_person(person) and not plural(person):
                return person
    return None


def _resolve_pronoun(
    sentences: list[Sentence], si: int, pos: int, pronoun: str, state: State, depth: int = 0
) -> str | None:
    want = lx.PRONOUNS.get(pronoun)
    candidates: list[tuple[str, str | None]] = []  # (label, the gender its honorific gives)
    here = sentences[si]
    seq = here.items
    bound = _objects_of(here, pos) if want else set()
    near = pos - 80  # a pronoun looks back a few dozen words in its own sentence, then a few sentences
    own = [c for c in here.cues if near < c.verb < pos and c.subject.kind in ("name", "role")]
    after_quote = pos and seq[pos - 1].quote is not None  # `... had said “...,” she said`
    outer = (
        _reporting_cue(seq, own, pos)
        if want and len(own) > 1 and pos and (seq[pos - 1].text == "," or after_quote)
        else None
    )
    if outer is not None:  # `Kane replied that she was glad Ruiz had said it because, she said, ...`: Kane
        own = [c for c in own if c is not outer] + [outer]
    sources = [c for c in own if want and _unsexed_source(seq, c, state)]
    candidates += [
        (c.subject.label, "?")  # the sentence's own speaker: a first name's ending is no evidence against
        for c in reversed(own)
        if c not in sources
    ]
    subjects: set[str] = set()
    main_here = sentence_subject(seq)
    if main_here and main_here.kind == "name" and near < main_here.pos < pos:
        candidates.append((main_here.label, _honorific(seq, main_here.pos)))  # `Hale went after Ruiz, saying he`
        subjects.add(main_here.label)
    candidates += [(c.subject.label, "?") for c in sources]
    # not `Asked on Fox News ..., he said` nor `his Christian values`: an object or a modifier; a
    # clause's subject before an object (`While Hale said he likes Ruiz, he also ...`: Hale)
    mentions = [
        (p, label)
        for p, label, _ in reversed(here.mentions)
        if near < p < pos and not (want and (_object_of_preposition(seq, p) or _modifier(seq, p)))
    ]
    if want:
        mentions.sort(key=lambda m: not _opens_clause(seq, m[0]))
    candidates += [(label, _honorific(seq, p)) for p, label in mentions]
    described = _described_subject(seq, pos) if want and not own and not subjects else None
    if described and described[2] and described[1] in (want, None) and not described[0].startswith("the "):
        return described[0]  # `My mother has mellowed over the years, but she still says ...`: the mother
    later = _later_described(seq, max(near, 0), pos, want) if want else None
    if later and not any(later[0] < p for p, _ in mentions) and not any(later[0] < c.subject.pos for c in own):
        return later[1]  # `Brandt left early, but his wife stayed, and she said ...`: his wife
    found = _first_fit(candidates, subjects, want, state, bound)
    reach = max(-1, si - 6)
    fallback: str | None = None  # `The woman who ran the shop ...`, when no one named before is surely a she

    def done(label: str | None) -> str | None:
        return label if fallback is None or (label and state.gender(label) == want) else fallback

    for back in range(si - 1, reach, -1):
        if found:
            return done(found)
        if back <= reach:
            return None  # past the sentence before one whose subject describes who `he` may be
        prev = sentences[back]
        items = prev.items
        # the main clause's speaker first (`He notes that the board announced ...`: he), not one in
        # a clause it frames (`Hale sounded unsure when Marsh asked ...`: Hale)
        framed = [
            c
            for c in prev.cues[:8]
            if c.subject.kind in ("name", "role") and (_subordinate(items, c.first) or _after_that(items, c))
        ]
        main_cues = [c for c in prev.cues[:8] if c.subject.kind in ("name", "role") and c not in framed]
        if want:  # `Ruiz promised to fight, Hale said.`: the closing report is the main clause
            main_cues.sort(key=lambda c: not _closing_report(items, c))
        sources = [c for c in main_cues if want and _unsexed_source(items, c, state)]
        main_cues = [c for c in main_cues if c not in sources]
        described = _described_subject(items, len(items)) if want and not main_cues else None
        if described and described[1] == want and not described[0].startswith("the "):
            # `His wife was less sure.` / `“...,” she said` (but `the woman` may be one named before her)
            return described[0]
        if described and described[1] == want and fallback is None:
            fallback = described[0]
        candidates = [
            (_holder(sentences, back, c.subject, state) if want else c.subject.label, None) for c in main_cues
        ]
        joint = _coordinated(items) if pronoun == "they" else None
        if joint:
            candidates.insert(0, (joint, None))
        main = _main_subject(items)
        if main and main.kind == "name":
            candidates.append((main.label, _honorific(items, main.pos)))  # `In an interview with Ruiz, Hale ...`
            subjects.add(main.label)
        elif want and main is None and prev.mentions and _owner_at(items, prev.mentions[0][0]):
            lead = prev.mentions[0][0]  # `Hale’s article attacked Ruiz. He calls ...`: Hale
            if all(not i.is_word or i.lower in _LEADS for i in items[:lead]):
                candidates.append((prev.mentions[0][1], _honorific(items, lead)))
        elif want and main and main.kind == "pronoun" and main.label == pronoun and depth < 4:
            # `He nodded to his finish behind Ruiz.` / `“...,” he said`: the same person as that he
            found = _first_fit(candidates, subjects, want, state, bound)
            return done(found or _resolve_pronoun(sentences, back, main.pos, pronoun, state, depth + 1))
        candidates += [(c.subject.label, None) for c in sources]
        candidates += [(label, _honorific(items, p)) for p, label, subj in prev.mentions[:4] if subj]
        if want:  # `The day before, in Dover, Mr. Hale was blunt, claiming that Ruiz ...`: Hale
            opening = [(p, label) for p, label, _ in prev.mentions[:12] if _clause_subject_at(items, p)]
            candidates += [(label, _honorific(items, p)) for p, label in opening]
            subjects.update(label for _, label in opening)
        candidates += [(c.subject.label, None) for c in framed]
        again = next((i for i, item in enumerate(items) if item.quote is None and item.lower == pronoun), None)
        if want and again is not None and depth < 4:
            # `... when she heard Hale talking about Acme, the only thing she could do was shout.` / `“...,” she said`
            found = _first_fit(candidates, subjects, want, state, bound)
            return done(found or _resolve_pronoun(sentences, back, again, pronoun, state, depth + 1))
        if want and main and main.kind == "role" and main.pos > 0 and items[main.pos - 1].lower == "the":
            # `The radio host filled his speeches with Ruiz. He ...`: the host, whom an earlier sentence names,
            # or this one before it (`Though Hale was unsure, the front-runner ...`), never Ruiz
            candidates += [(label, _honorific(items, p)) for p, label, _ in prev.mentions if _opens_clause(items, p)]
            titled = _titled_as(sentences, back, main.label.split()[-1].lower())  # `Adm. Harris` ... `the admiral`
            candidates += [(titled, None)] if titled else []
            found = _first_fit(candidates, subjects, want, state, bound)
            continue
        rest = [(p, label) for p, label, _ in reversed(prev.mentions[-12:])]
        if want:  # objects of a preposition and possessors after the others; modifiers never
            rest = [m for m in rest if not _modifier(items, m[0])]
            rest.sort(key=lambda m: _object_of_preposition(items, m[0]) or _owner_at(items, m[0]))
        candidates += [(label, _honorific(items, p)) for p, label in rest]
        found = _first_fit(candidates, subjects, want, state, bound)
        if want and not found and main and _unknown_subject(items, main, state):
            reach = max(reach, back - 1)  # `Decker dodged the question.` / `“...,” he said`: not one before him
        if want and not found and described and described[1] in (want, None) and _person_noun(described[0]):
            reach = max(reach, back - 2)  # `The radioman was on deck.` / `“...,” he said`: a name just
            # before may be his; one further back is someone else
    return done(found)


#: Words a speaker's label never starts with: a label that does is a piece of a phrase (`of Ohio`)
_FRAGMENT_OPENERS = {"and", "or", "nor", "but", "as", "when", "if", "than", "whether"}


_CAPITAL_OPENERS = set(
    """Of In With From For At By About Into Through Against Among Between Without And But Or Nor As When If
    While Whether""".split()
)


def fragment(label: str) -> bool:
    """`of Ohio`, `In Sanders`, `when my mother`: a label that opens with a preposition or a
    conjunction is a fragment of a phrase, never a speaker."""
    words = label.split()
    if not words:
        return False
    first = words[0]
    low = first.lower()
    if first.islower():
        return low in _PREPOSITIONS or low in _SUBORDINATORS or low in _FRAGMENT_OPENERS
    return len(words) > 1 and first in _CAPITAL_OPENERS  # not `To Lam`, `Than Shwe`, `On Yee`


def _coordinated(seq: list[Item]) -> str | None:
    """`Senators Ann Roe, Republican of Ohio, and Bob Lee, Democrat of Maine, sent ...`: two full names
    joined by `and` (each maybe with an apposition) as a clause's subject, for a `they`."""
    names: list[tuple[int, int]] = []
    k = 0
    while k < min(len(seq), 40):
        if seq[k].quote is None and is_name_word(seq[k].text) and (k == 0 or not is_name_word(seq[k - 1].text)):
            end = k
            while end < len(seq) and seq[end].quote is None and is_name_word(seq[end].text):
                end += 1
            names.append((k, end))
            k = end
        else:
            k += 1
    people = [(a, end, _bare_name(seq[a:end])) for a, end in names]
    people = [(a, end, name) for a, end, name in people if _full_name(name) and lx.gender(name)]
    for (a, a_end, first), (b, b_end, second) in zip(people, people[1:]):
        if seq[b - 1].lower != "and" or (a and _object_of_preposition(seq, a) and seq[a - 1].lower != "like"):
            continue
        between = seq[a_end : b - 1]  # nothing, or an apposition between commas
        if between and (between[0].text != "," or between[-1].text != "," or len(between) > 8):
            continue
        k = b_end
        if k < len(seq) and seq[k].text == ",":  # the second one's apposition
            close = next((i for i in range(k + 1, min(len(seq), k + 9)) if seq[i].text == ","), None)
            k = close + 1 if close else k
        if k < len(seq) and seq[k].is_word and seq[k].text.islower() and seq[k].lower not in _NOT_VERBS:
            return f"{first} and {second}"
    return None


def _bare_name(run: list[Item]) -> str:
    """The name without the titles before it, plural ones too (`Senators Ann Roe`)."""
    words = [i.text for i in run]
    while len(words) > 1 and words[0].endswith("s") and words[0][:-1] in lx.TITLES:
        words = words[1:]
    return clean_name(words)


#: Words for a party's members, never a surname (unlike `Cuban`, `English`)
_PARTY_WORDS = {"Democrat", "Republican", "Democratic", "Independent", "Libertarian", "Socialist"}

_SHORT_TITLES = {"sen": "senator", "gov": "governor", "adm": "admiral", "gen": "general", "rep": "representative"}


def _titled_as(sentences: list[Sentence], si: int, office: str) -> str | None:
    """The person a recent sentence names with the title of `office` (`Adm. Harris` for `the admiral`)."""
    for back in range(si, max(-1, si - 4), -1):
        seq = sentences[back].items
        for p, label, _ in reversed(sentences[back].mentions):
            title = seq[p].text.rstrip(".").lower()
            if _SHORT_TITLES.get(title, title) == office and label != seq[p].text:
                return label
    return None


def _holder(sentences: list[Sentence], si: int, subject: Subject, state: State) -> str:
    """`Hale said ... . The Texas senator added .... “...,” he said`: he is the senator, when the person the
    text named just before is one who spoke."""
    if subject.kind == "role" and _definite_office(sentences[si].items, subject, loose=True):
        holder = _office_holder(sentences, si, state)
        spoke = {c.subject.label for s in sentences[max(0, si - 3) : si] for c in s.cues if c.subject.kind == "name"}
        spoke |= {p for p in map(state.person, spoke) if p}
        return holder if holder and holder in spoke else subject.label
    return subject.label


def _objects_of(sent: Sentence, pos: int) -> set[str]:
    """`He has declared Lund to be “chosen”`, `he told Marsh`: the surnames named in the pronoun's
    own clause after it (not in one it frames, not a possessor), whom the pronoun does not mean."""
    seq = sent.items
    if pos + 1 >= len(seq) or not seq[pos + 1].is_word or not seq[pos + 1].text.islower():
        return set()
    end = next(
        (i for i in range(pos + 1, len(seq)) if seq[i].quote is not None or seq[i].lower in _OWN_CLAUSE_ENDS), len(seq)
    )
    return {label.split()[-1] for p, label, _ in sent.mentions if pos < p < end and not _owner_at(seq, p)}


_OWN_CLAUSE_ENDS = {";", ":", ",", "—", "(", "that", "who", "whom", "which", "when", "where", "why", "how", "if"}
_OWN_CLAUSE_ENDS |= _SUBORDINATORS


def _first_fit(
    candidates: list[tuple[str, str | None]],
    subjects: set[str],
    want: str | None,
    state: State,
    bound: set[str] | None = None,
) -> str | None:
    """The first candidate that is a person the pronoun can mean (none named in its own clause: `bound`)."""
    for label, titled in candidates:
        if bound and (label.split()[-1] in bound or (state.person(label) or "-").split()[-1] in bound):
            continue
        if fragment(label):
            continue  # `of Ohio`, `with the campaign`: a piece of a phrase, nobody
        person = state.person(label)
        if person is None and label in subjects and _full_name(label):
            person = label  # `Ivo Brandt made clear ...`: a full name as a clause's subject is a person
        if person is None and want:
            person = _titled_person(label, state)
        if all(w.rstrip(".") in lx.TITLES for w in label.split()) and (
            not want or state.people.get(label) != label or label in _PARTY_WORDS or " " in label
        ):
            continue  # `Danish`, `European`: an adjective, not a person (but `Cuban said`: a speaker's name)
        if want and (titled not in (want, None, "?") or _not_him_or_her(label) or (person and _not_him_or_her(person))):
            continue  # `Mrs. Kane` is not he; `Fox News`, `Wall Street` are neither
        if want and " " not in label and state.no_one(label):
            continue  # `Zelmora announced ... that it`, `Audiences can expect`
        if person is None or (want and not_a_person(_without_suffix(person))):
            continue
        if titled in ("m", "f") and " " not in person and person[:1].isupper() and state.shared_surname(person):
            # `Mrs. Hale was blunt.` where a man is a Hale too: her, by the title
            person = state.titled.get((person, titled)) or f"{'Mr.' if titled == 'm' else 'Ms.'} {person}"
        gender = state.gender(person)
        if titled == "?" and gender and gender != want:
            gender = state.genders.get(person.split()[-1]) or lx.gender(person, by_ending=False)
        if want is None or gender in (want, None):
            return person
    return None


_SUFFIXES = {"II", "III", "IV", "Jr.", "Jr", "Sr.", "Sr"}


def _without_suffix(label: str) -> str:
    """`Tom R. Dorset II` -> `Tom R. Dorset`: a generational suffix is no acronym of an institution."""
    words = label.split()
    return " ".join(words[:-1]) if len(words) > 1 and words[-1] in _SUFFIXES else label


#: The last word of a name that is a company, a medium, a place or a group, which he or she never means
#: (not words that are also surnames: `Park`, `Mills`, `Church`, `Tower`)
_NOT_PERSON_HEADS = {
    "News",
    "Media",
    "Press",
    "Corp",
    "Corp.",
    "Inc",
    "Inc.",
    "Co.",
    "Ltd",
    "Ltd.",
    "LLC",
    "Street",
    "Avenue",
    "Heights",
    "Square",
    "County",
    "City",
    "Valley",
    "Island",
    "Islands",
    "Security",
    "Chiefs",
    "Motors",
    "Airlines",
    "Industries",
    "Holdings",
    "Partners",
    "Capital",
    "University",
    "College",
    "School",
    "Hospital",
    "Campaign",
    "Project",
    "Institution",
    "Republicans",
    "Democrats",
    "Xinhua",
    "Reuters",
    "Twitter",
    "Facebook",
    "Instagram",
    "Snapchat",
    "YouTube",
    "Google",
    "Univision",
    "Telemundo",
    "Medicare",
    "Medicaid",
    "Obamacare",
    "World",
    "Brigade",
    "Brigades",
    "Movement",
    "Front",
    "Taliban",
    "Hamas",
    "Hezbollah",
    "Qaeda",
    "Shabaab",
}

_PREPOSITIONS = {
    "of",
    "on",
    "to",
    "with",
    "in",
    "at",
    "for",
    "from",
    "by",
    "about",
    "behind",
    "like",
    "between",
    "against",
    "toward",
    "towards",
    "into",
    "over",
    "under",
    "among",
    "than",
    "including",
    "without",
    "through",
    "near",
    "alongside",
    "versus",
    "along",
    "across",
    "around",
    "beyond",
    "upon",
    "onto",
    "within",
    "throughout",
    "amid",
}

_POSSESSIVE_DETERMINERS = {"his", "her", "their", "its", "our", "my", "your"}


_GROUPS = {"Hispanics", "Latinos", "Latinas", "Blacks", "Whites", "Democrats", "Republicans", "Evangelicals"}


def _titled_person(label: str, state: State) -> str | None:
    """`Sheriff Joe Tallis`: a name after words that describe its bearer, from a first name on."""
    words = label.split()
    for i, word in enumerate(words[1:-1], 1):
        if word.casefold() in lx.FEMALE_NAMES or word.casefold() in lx.MALE_NAMES:
            described = is_role(words[i - 1]) or words[i - 1].rstrip(".") in lx.TITLES
            return state.person(" ".join(words[i:])) if described else None
    return None


def _not_him_or_her(label: str) -> bool:
    """`Fox News`, `Wall Street`, `Acme Corp.`: a company, a medium or a place; `Hispanics`, `Latin`:
    a group or an adjective."""
    words = label.split()
    if len(words) == 1 and (words[0] in _GROUPS or words[0] in ("Latin", "Latino", "Latina", "Hispanic")):
        return True
    if len(words) == 1 and words[0].endswith("s") and words[0][:-1] in lx.TITLES:
        return True  # `Americans`, `Canadians`
    return bool(words) and (words[-1].split("-")[-1] in _NOT_PERSON_HEADS or words[0] in ("Don’t", "Don't"))


def _honorific(seq: list[Item], p: int) -> str | None:
    """The gender an honorific right before the name says (`Mrs. Kane`: 'f')."""
    for k in (p, p - 1):
        if 0 <= k < len(seq) and seq[k].quote is None and seq[k].text in lx.HONORIFICS:
            return lx.HONORIFICS[seq[k].text]
    return None


def _object_of_preposition(seq: list[Item], p: int) -> bool:
    """`on Fox News`, `behind Sam Ruiz`, `for the Hale campaign`: a name governed by a preposition."""
    k = p - 1
    if k >= 0 and seq[k].lower in ("the", "a", "an"):
        k -= 1
    if k > 0 and seq[k].lower in ("for", "to") and seq[k - 1].lower == "as":
        return False  # `As for Hale, he said ...`: the topic, and the pronoun's referent
    return k >= 0 and seq[k].quote is None and seq[k].lower in _PREPOSITIONS


def _closing_report(seq: list[Item], cue: Cue) -> bool:
    """`..., Hale said.`, `..., said Hale, a lawyer.`: a cue after a comma that ends its sentence."""
    first = cue.first
    if first == 0 or seq[first - 1].text != "," or seq[first - 1].quote is not None:
        return False
    rest = seq[max(cue.verb, cue.subject.pos) + 1 :]
    return len(rest) <= 8 and all(i.quote is None for i in rest)


def _opens_clause(seq: list[Item], p: int) -> bool:
    """`While Hale said ...`, `..., and Hale went ...`: the name is a clause's subject (a verb follows it)."""
    if p > 0 and seq[p - 1].text != "," and seq[p - 1].lower not in _SUBORDINATORS and seq[p - 1].lower not in _LEADS:
        return False
    k = p
    while k < len(seq) and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    return k < len(seq) and seq[k].is_word and seq[k].text.islower() and seq[k].lower not in _NOT_VERBS


def _modifier(seq: list[Item], p: int) -> bool:
    """`his Christian values`, `the Hale phone bank`: a capitalised word after a possessive determiner,
    or a name between an article and the noun it qualifies, not a person."""
    if p < 1 or seq[p - 1].quote is not None:
        return False
    if seq[p - 1].lower in _POSSESSIVE_DETERMINERS:
        return True
    if seq[p - 1].lower not in ("the", "a", "an"):
        return False
    k = p
    while k < len(seq) and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    return k < len(seq) and seq[k].is_word and seq[k].text.islower() and seq[k].lower not in _NOT_VERBS


def _owner_at(seq: list[Item], p: int) -> bool:
    """`Tom Bell’s former chief of staff`: the name is a possessor."""
    k = p
    while k < len(seq) and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    return k < len(seq) and seq[k].quote is None and possessive(seq[k].text)


_LEADS = {"and", "but", "so", "yet", "or", "still", "then", "now", "also", "meanwhile"}


def _main_subject(seq: list[Item]) -> Subject | None:
    """The subject of a sentence after an opening conjunction or bracket (`And campaign chairman Rob
    Pike — ... — offered`); a he or she there is returned as a pronoun."""
    j = 0
    while j < len(seq) and seq[j].quote is None and (not seq[j].is_word or seq[j].lower in _LEADS):
        j += 1
    if j < len(seq) and seq[j].quote is None and seq[j].lower in ("he", "she"):
        return Subject("pronoun", seq[j].lower, j)
    subject = sentence_subject(seq[j:]) if j else sentence_subject(seq)
    return Subject(subject.kind, subject.label, subject.pos + j) if subject and j else subject


_DESCRIPTION_OPENERS = {"the", "my", "his", "her", "their", "our", "your"}
_OPENING_CLAUSES = {"when", "while", "as", "if", "because", "after", "before", "since", "although", "though", "once"}
_OWN_OPENERS = {"my", "our", "your", "their"}  # whose `his` or `her` would be someone else's


def _described_subject(seq: list[Item], limit: int) -> tuple[str, str | None, bool] | None:
    """`My mother has softened ...`, `His wife was ...`, `The radioman was ...`: the sentence's subject
    when it describes one person (a determiner, up to two modifiers, a noun, then a verb), before
    `limit`: its words, the gender its noun gives, and whether it may be a he or she as it is (a noun
    for a person that gives the gender, or one after `my`, `our`, `your` or `their`)."""
    j = 0
    while j < len(seq) and seq[j].quote is None and (not seq[j].is_word or seq[j].lower in _LEADS):
        j += 1
    if j < len(seq) and seq[j].quote is None and seq[j].lower in _OPENING_CLAUSES:
        comma = next((c for c in range(j + 1, min(j + 16, limit)) if seq[c].text == ","), None)
        if comma is None or any(i.quote is not None for i in seq[j:comma]):
            return None
        j = comma + 1  # `When the mill closed, his daughter was furious.`
    if j >= len(seq) or seq[j].quote is not None or seq[j].lower not in _DESCRIPTION_OPENERS:
        return None
    for k in range(j + 1, min(j + 4, limit - 1, len(seq) - 1)):
        word, after = seq[k], seq[k + 1]
        if word.quote is not None or not word.is_word or not word.text.islower():
            return None
        if word.lower in _PREPOSITIONS or word.lower in lx.DETERMINERS or word.lower in _NOT_VERBS:
            return None
        if after.quote is not None or not after.is_word or not after.text.islower():
            continue
        if after.lower in _PREPOSITIONS or after.lower in ("and", "or", "but", "nor"):
            return None  # `the mother of ...`: a longer phrase than this reads
        verb = after.lower in lx.BE_FORMS or after.lower in lx.AUXILIARIES
        head = word.lower
        if head in lx.THING_NOUNS or head in lx.INSTITUTION_NOUNS or plural(head):
            return None
        gender = lx.GENDERED_NOUNS.get(head)
        if gender is None and not verb:
            continue
        label = " ".join([seq[j].lower] + [i.text for i in seq[j + 1 : k + 1]])
        personal = gender is not None or (seq[j].lower in _OWN_OPENERS and is_role(head))
        return label, gender, personal
    return None


def _later_described(seq: list[Item], start: int, pos: int, want: str) -> tuple[int, str] | None:
    """`..., but his wife stayed, and she ...`: the last clause before `pos` whose subject is a
    description whose noun gives the pronoun's gender: where it starts, and its words."""
    for c in range(pos - 1, start, -1):
        if seq[c].quote is None and seq[c].text in (",", ";"):
            described = _described_subject(seq[c + 1 :], pos - c - 1)
            if described and described[1] == want:
                return c + 1, described[0]
    return None


def _unknown_subject(seq: list[Item], main: Subject, state: State) -> bool:
    """`Decker dodged the question, ...`: a sentence opening with a lone capitalised word the text never
    shows as a person, a group or a thing, then a verb: it may be the he or she that follows."""
    k = main.pos + 1
    return (
        main.kind == "name"
        and main.pos == 0
        and " " not in main.label
        and main.label.isalpha()
        and k < len(seq)
        and seq[k].quote is None
        and seq[k].lower.endswith("ed")
        and state.person(main.label) is None
        and not state.no_one(main.label)
        and main.label.rstrip(".") not in lx.TITLES
        and not _not_him_or_her(main.label)
    )


def _person_noun(label: str) -> bool:
    """`the radioman`, `the driver`, `the senator`: a description whose noun reads as a person's."""
    head = label.split()[-1].lower()
    return head in lx.GENDERED_NOUNS or is_role(head) or head.endswith(("man", "woman", "er", "or", "ist", "ian"))


def _description(label: str) -> bool:
    """`my mother`, `the radioman`: a label a pronoun resolved to that describes, and names no one."""
    return label.split(" ", 1)[0] in _DESCRIPTION_OPENERS


def _clause_subject_at(seq: list[Item], p: int) -> bool:
    """The name at `p` opens a clause after a comma and a verb follows it: `..., Mr. Hale was ...`."""
    before = seq[p - 1] if p else None
    # `..., Mr. Hale was`, `Later on ''Harbor Week,'' Sen. Hale questioned`, `Channel News’ Lena Hock noticed`
    if before is None or not (before.text in (",", "’") or before.quote is not None or _owner_word(before.text)):
        return False
    k = p
    while k < len(seq) and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    return k < len(seq) and seq[k].is_word and seq[k].text.islower() and seq[k].lower not in _NOT_VERBS


def _owner_word(word: str) -> bool:
    return possessive(word) and word[:1].isupper()


_NOT_VERBS = {"and", "or", "of", "in", "on", "at", "to", "for", "with", "from", "who", "which", "that", "the", "a"}


def _full_name(label: str) -> bool:
    """`Ivo Brandt`: two to four name words, none of them a title, an institution, an acronym or a place."""
    parts = label.split()
    return (
        2 <= len(parts) <= 4
        and not any(p.rstrip(".") in lx.TITLES or p in lx.INSTITUTIONS or acronym(p) for p in parts)
        and not not_a_person(label)
    )


def _clause_opener(sentences: list[Sentence], si: int, state: State) -> Subject | None:
    """The person the sentence is about: its subject when that is a name or a person's pronoun."""
    seq = sentences[si].items
    j = 0
    while j < len(seq) and not seq[j].is_word and seq[j].quote is None:
        j += 1
    if j < len(seq) and seq[j].lower in ("he", "she") and seq[j].quote is None:
        label = _resolve_pronoun(sentences, si, j, seq[j].lower, state)
        return Subject("role" if _description(label) else "name", label, j, "pronoun") if label else None
    if (
        len(seq) > 1
        and seq[1].quote is None
        and seq[1].is_word
        and seq[1].text.islower()
        and not is_role(seq[1].text)
        and seq[0].quote is None
        and is_name_word(seq[0].text)
        and seq[0].text.rstrip(".") not in lx.TITLES
        and not _participle_opener(seq[0].text, state)
    ):
        subject: Subject | None = Subject("name", seq[0].text, 0)  # `Hale welcomed ...`: the short way
    else:
        subject = sentence_subject(seq)
    if subject is None or subject.kind != "name" or plural(subject.label):
        return None
    if all(w.rstrip(".") in lx.TITLES for w in subject.label.split()):
        return None
    return Subject("name", state.person(subject.label) or subject.label, subject.pos)


def _participle_opener(word: str, state: State) -> bool:
    """`Echoing one of her slogans, the mayor ...`: an -ing word opening the sentence, no one's name here
    (unlike a `Manning` the text quotes)."""
    return word.endswith("ing") and state.person(word) is None


_CLAUSE_BREAKS = {";", ":", "and", "but", "while", "whereas", "because", "although", "though", "if", "when"}


def _in_predicate(seq: list[Item], subject: int, pos: int) -> bool:
    """The quote at `pos` sits in the predicate of the clause whose subject starts at `subject`:
    a verb follows the subject and no other clause or speaker comes between."""
    if subject >= pos:
        return False
    k = subject
    while k < pos and seq[k].quote is None and (is_name_word(seq[k].text) or seq[k].lower in ("he", "she")):
        k += 1
    first = seq[subject].lower
    person = k - subject >= 2 and (first in lx.MALE_NAMES or first in lx.FEMALE_NAMES)
    if k < pos and seq[k].text == "," and person:  # `Ted Norvik, co-founder of X and advocate of Y, welcomed`
        close = next(
            (i for i in range(k + 1, min(pos, k + 30)) if seq[i].text == "," or seq[i].quote is not None), None
        )
        if close is not None and seq[close].text == ",":
            k = close + 1
    verb = False
    for i in range(k, pos):
        item = seq[i]
        if item.quote is not None:
            continue
        if verb and person and item.lower == "and" and _same_subject_after(seq, i + 1):
            continue  # `is backing Ruiz and in a letter credited her for “...”`
        if verb and person and item.lower == "who" and seq[i - 1].text != "," and not _speaks_after(seq, i, pos):
            continue  # `Kall compared Lund to a coach who is “...”`: a relative clause inside the predicate
        if item.lower in _CLAUSE_BREAKS or item.lower in ("who", "whom", "whose", "which", "where", "when"):
            return False
        if item.is_word and item.text.islower():
            verb = True
        elif (
            verb
            and item.is_word
            and (is_name_word(item.text) or item.lower in lx.PRONOUNS)
            and i + 1 < pos
            and seq[i + 1].is_word
            and seq[i + 1].text.islower()
            and speech_verb(seq, i + 1)
        ):
            return False  # `Hale said Ruiz called it “...”`: another speaker
    return verb


def _speaks_after(seq: list[Item], i: int, pos: int) -> bool:
    return any(seq[m].is_word and speech_verb(seq, m) for m in range(i + 1, pos))


def _same_subject_after(seq: list[Item], i: int) -> bool:
    """After `and`: a lower-case word that opens no clause of its own (no determiner, no pronoun)."""
    if i >= len(seq) or seq[i].quote is not None or not seq[i].is_word or not seq[i].text.islower():
        return False
    return seq[i].lower not in lx.PRONOUNS and seq[i].lower not in _OPENING_DETERMINERS


_OPENING_DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "some", "many", "most", "all", "other"}


Choice = tuple[str | None, str]  # (speaker, how it was found: see `bot.understand.attribute.confidence`)


def speaker_for(sent: Sentence, pos: int, state: State) -> Choice:
    cues = sent.cues  # in verb order
    k = bisect.bisect_right([c.verb for c in cues], pos) if len(cues) > 8 else sum(c.verb < pos for c in cues)
    before = _reporting_cue(
        sent.items, [c for c in cues[:k] if c.subject.kind in ("name", "role") and c.first < pos], pos
    )
    last = next((c for c in reversed(cues[:k]) if c.first < pos), None)
    if last and last.subject.via == "group" and (before is None or last.verb > before.verb):
        return None, "unresolved"  # `Hale spoke, with many chanting “...”`: the crowd, no one named
    owner = _owned_words(sent.items, pos, before.verb) if before else None
    if owner:
        return state.person(owner) or owner, "possessive"
    if before and _governs(sent.items, before.verb, pos):
        return before.subject.label, before.subject.via  # `Trump called it “incomplete,” Dan says ...`
    signed = _signed(sent.items, pos)
    if signed:
        return signed, "signed"
    turn = _transcript_turn(sent, pos)
    if turn:
        return (None, "unresolved") if turn == "Q" else (turn, "transcript")
    named = _name_before_colon(sent.items, pos) if pos > 1 else None
    if named:
        return state.person(named) or named, "colon"
    around = next((c for c in cues[k:] if c.subject.pos < pos < c.verb and c.subject.kind in ("name", "role")), None)
    if around and not before:
        return around.subject.label, around.subject.via + "-around"  # `Hale, citing “...”, said ...`
    following = next((c for c in cues[k : k + 2] if c.first > pos), None)
    if following and before and _introduces_quote(sent.items, following):
        following = None  # `After Scalo said ... “...,” Wade said: “...”`: Wade's cue is for the next quote
    if following and _adjacent(sent.items, pos, following.first):
        if following.subject.kind in ("name", "role"):
            return following.subject.label, following.subject.via
        return None, "unresolved"
    taken = _clause_after_quote(sent, before.verb, pos) if before else None
    if taken:
        return state.person(taken) or taken, "subject"  # `in a clip Judge Vale called “vile,” Hale vowed to “...”`
    if before and not _new_clause(sent.items, before.verb, pos) and not _subordinate_before(sent.items, before, pos):
        return before.subject.label, before.subject.via + "-far"
    introduced = pos > 0 and (
        sent.items[pos - 1].text == ":"
        or (
            sent.items[pos - 1].text == ","
            and pos == len(sent.items) - 1 - (sent.items[-1].quote is None)
            and _quote_words(sent, pos) >= 5
        )
    )
    framed = before is not None and all(c.first < pos for c in cues) and _subordinate_before(sent.items, before, pos)
    if introduced and addressed(sent.items, pos - 1):
        return None, "unresolved"  # `Hale was asked, “...”`: Hale is who the question was put to
    if introduced and (not cues or framed):  # `With aides worried about ..., Ruiz has a message: “...”`
        subject = sentence_subject(sent.items)  # `Tomás puts the stakes plainly: “...”`
        if subject:
            return state.person(subject.label) or subject.label, "colon"
    possessor = possessive_cue(sent.items, pos)
    if possessor:
        return state.person(possessor) or possessor, "possessive"
    at = _pronoun_owner(sent.items, pos)
    if at is not None:  # `Hale stood by his comments praising ... “...”`: whom that his means
        sentences, si = state.reading
        label = _resolve_pronoun(sentences, si, at, "he" if sent.items[at].lower == "his" else "she", state)
        if label:
            return label, "possessive"
    after = next((c for c in cues[k:] if c.subject.kind in ("name", "role") and c.first > pos), None)
    if after:
        return after.subject.label, after.subject.via + "-later"  # `That “...” line will be tested, says Dana`
    if before and any(c.subject.label == before.subject.label for c in cues[k:]):
        return before.subject.label, before.subject.via + "-far"  # `X called Y “...” and said ...`
    if any(c.subject.kind == "unresolved" for c in cues):
        return None, "unresolved"
    reporter = _reporting_pronoun(sent.items, pos)
    if reporter == "it":  # an organisation the sentence names before, or one that spoke last, else nobody
        body = next((label for p, label, _ in sent.mentions if p < pos and _organisation(label, state)), None)
        if body:
            return body, "pronoun"
        prior = state.last_speaker
        return (prior, "guess") if prior and not_a_person(prior) else (None, "unresolved")
    if reporter:  # `“Okay,” I said`: the writer, whom the text does not name
        return None, "unresolved"
    introducer = state.introducer(sent, pos)
    if introducer:
        return introducer, "colon"  # `The Times reports:` / `“...”`
    follow = state.follow_up(sent, pos)
    subject = state.clause_subject() if follow != "continuation" and pos > 1 else None
    if subject and _in_predicate(sent.items, subject.pos, pos):
        return subject.label, "subject"  # `In recent weeks, Hale has gone after Ruiz as a “...”`
    return state.last_speaker, follow


def _organisation(label: str, state: State) -> bool:
    """A name no he or she can mean: an institution, or a word never given a first name here."""
    return not_a_person(label) or (" " not in label and state.no_one(label))


_IT_VERBS = {"said", "says", "added", "adds", "stated", "states", "read", "reads", "continued", "continues", "wrote"}


def _reporting_pronoun(seq: list[Item], pos: int) -> str | None:
    """`“...,” it said.`, `It added: “...”`, `“Okay,” I said`: `it` (a document or an organisation) or
    `I`/`we` (the writer) reports the quote, never the last person who spoke."""
    after = pos + 1 + (pos + 1 < len(seq) and seq[pos + 1].text == ",")
    if after + 1 < len(seq) and _reports(seq[after].lower, seq[after + 1].lower):
        return seq[after].lower
    k = pos - 1
    while k > 0 and seq[k].quote is None and seq[k].text in (",", ":"):
        k -= 1
    if k > 0 and k == pos - 1 and seq[k - 1].lower == "it" and _it_verb(seq[k].text):
        return "it"  # `it flagged “...”`, `what it dubs “...”`: its own words, whatever the verb
    return seq[k - 1].lower if k > 0 and _reports(seq[k - 1].lower, seq[k].lower) else None


def _it_verb(word: str) -> bool:
    """`flagged`, `dubs`: a verb in the past or the present that `it` can do (not `is`, `was`)."""
    return word.islower() and word.endswith(("ed", "s")) and word not in lx.AUXILIARIES and len(word) > 3


def _reports(pronoun: str, verb: str) -> bool:
    return verb in _IT_VERBS if pronoun == "it" else pronoun in ("i", "we") and verb in lx.SPEECH_VERBS


def _reporting_cue(seq: list[Item], befores: list[Cue], pos: int) -> Cue | None:
    """The cue whose report holds the quote: the last one before it, unless that one sits inside what
    an earlier one reports (`Hale said Ruiz called it “...”`, `Hale tells residents who wonder why ...
    that he “...”`): the quoted words are then the reporter's. Not when the later cue has a clause
    of its own (`When Ruiz noted ..., Hale boasted, “...”`, `Hale wrote after Ruiz argued that “...”`)."""
    if len(befores) < 2:
        return befores[-1] if befores else None
    last = befores[-1]
    at = last.subject.pos
    if at >= 2 and at < last.verb and seq[at - 1].lower == "of" and seq[at - 2].lower in RECORDINGS:
        return last  # `The spot ends with footage of Wade saying, “...”`: the one recorded speaks
    for aside in befores[:-1]:
        if _aside(seq, aside) and any(o.subject.pos < aside.first and o.verb > aside.verb for o in befores):
            return aside  # `CNN, Cruzo said, called it “...”`: what CNN did is Cruzo's report
    for outer in befores[:-1]:
        if (
            outer.verb < last.first
            and outer.subject.pos < outer.verb
            and not _subordinate(seq, outer.first)
            and not (outer.verb > 0 and seq[outer.verb - 1].lower in ("who", "which", "that"))
            and _one_clause(seq, outer.verb, last.first)
            and (not _subordinate(seq, last.first) or not _one_clause(seq, last.verb, pos))
        ):
            return outer
    return last


def _introduces_quote(seq: list[Item], cue: Cue) -> bool:
    """`Wade said: “...”`: the cue's verb (with its subject before it) opens a quote with a colon."""
    after = cue.verb + 1
    return (
        cue.subject.pos < cue.verb
        and after + 1 < len(seq)
        and seq[after].text == ":"
        and seq[after + 1].quote is not None
    )


def _aside(seq: list[Item], cue: Cue) -> bool:
    """`, Cruzo said,`: a cue set off by commas inside another clause."""
    return (
        cue.subject.pos < cue.verb
        and cue.subject.pos > 1
        and seq[cue.subject.pos - 1].text == ","
        and cue.verb + 1 < len(seq)
        and seq[cue.verb + 1].text == ","
        and seq[cue.verb].lower in ("said", "says", "added", "adds", "noted", "notes", "argued", "argues")
    )


_BREAKS = {";", ":", "—", "–", "―", "-", "--", "(", ","}


def _one_clause(seq: list[Item], start: int, end: int) -> bool:
    """No quote, comma or other break between the two items."""
    return all(i.quote is None and i.text not in _BREAKS for i in seq[start + 1 : end])


_TURN = re.compile(r"((?:[A-Z][A-Z.'’-]+ ){0,2}[A-Z][A-Z.'’-]+|Q|A):\s")


def _quote_words(sent: Sentence, pos: int) -> int:
    """How many words the quote at item `pos` holds (0 when the item is not a quote)."""
    index = sent.items[pos].quote
    if index is None:
        return 0
    span = sent.spans[index]
    return len(sent.text[span.start : span.end].split())


def _transcript_turn(sent: Sentence, pos: int) -> str | None:
    """`“HOST: Let’s start ...”`, `“Q: ...”`: a transcript turn names its speaker in capitals."""
    index = sent.items[pos].quote
    if index is None:
        return None
    span = sent.spans[index]
    m = _TURN.match(sent.text, span.start, span.end)
    if not m:
        return None
    label = m.group(1)
    if label == "A":
        return None
    return "Q" if label == "Q" else " ".join(w.capitalize() for w in label.split())


def _name_before_colon(seq: list[Item], pos: int) -> str | None:
    """`Pollsters agree - Ana Costa: “...”`: a name right before the colon is the speaker."""
    k = pos - 2
    end = k
    while k >= 0 and seq[k].quote is None and end - k < 9:
        if not is_name_word(seq[k].text) and not (  # `Ana Costa and Ben Cho: “...”`: both
            seq[k].lower == "and" and k < end and k > 0 and is_name_word(seq[k - 1].text)
        ):
            break
        k -= 1
    if end - k > 4 and not any(seq[i].lower == "and" for i in range(k + 1, end)):
        return None
    if k == end or seq[pos - 1].text != ":" or (k >= 0 and seq[k].lower not in ("-", "—", "–", ",", ";", "from")):
        return None  # `From Ana Costa: “...”`, `More from Ana Costa and Ben Cho: “...”`: theirs too
    return clean_name([s.text for s in seq[k + 1 : end + 1]])


_FRAMING_OPENERS = _SUBORDINATORS | {"with"}  # `With aides worried about X, Ruiz ...` too


def _subordinate_before(seq: list[Item], cue: Cue, pos: int) -> bool:
    """`After Ruiz asked about it, the Hales became “agitated”`: the cue sits in a subordinate clause
    that a comma closes before the quote's own clause."""
    opener = next((i for i, item in enumerate(seq) if item.is_word), -1)
    if opener < 0 or seq[opener].lower not in _FRAMING_OPENERS or seq[opener].lower == "as" or cue.first - opener > 2:
        return False  # only a sentence that opens with the clause; `As Hale put it, “...”` is Hale's
    if cue.subject.pos > cue.verb:
        return False
    if seq[opener].lower == "with":  # `With aides worried about X, Ruiz has a new and bolder message: “...”`
        comma = next((i for i in range(cue.verb + 1, pos) if seq[i].text == ","), None)
        return comma is not None and not any(
            seq[i].lower in ("and", "but") or speech_verb(seq, i) for i in range(cue.verb + 1, comma)
        )
    return any(seq[i].text == "," for i in range(cue.verb + 1, pos)) and not any(
        seq[i].lower in ("and", "but") or speech_verb(seq, i) for i in range(cue.verb + 1, pos)
    )


def _clause_after_quote(sent: Sentence, verb: int, pos: int) -> str | None:
    """`in a clip that Judge Vale called “vile,” Hale vowed to “...”`: an earlier quote whose comma sits
    inside its closing mark ends the cue's clause, and a name with a verb of its own opens the clause
    that holds this quote: that name, not the earlier cue's speaker."""
    seq = sent.items
    for i in range(verb + 1, pos - 2):
        if seq[i].lower in ("that", "while", "by") or (
            i == verb + 1 and seq[i].quote is None and seq[i].text[:1].isupper()
        ):
            return None  # `Hale said that ... “...,” Ruiz is “...”`: the later clause is still what Hale said
        qi = seq[i].quote
        if qi is None:
            continue
        span = sent.spans[qi]
        if not sent.text[span.start : span.close_at or span.end].rstrip().endswith(","):
            continue
        k = i + 1
        while k < pos and seq[k].quote is None and is_name_word(seq[k].text):
            k += 1
        verb_after = seq[k] if k < pos else None
        if (
            k > i + 1
            and verb_after is not None
            and verb_after.is_word
            and verb_after.text.islower()
            and verb_after.lower not in _NOT_VERBS
            and not speech_verb(seq, k)
            and seq[i + 1].text.rstrip(".") not in lx.TITLES
        ):
            return clean_name([s.text for s in seq[i + 1 : k]])
    return None


_NOT_VERBS = {"and", "or", "of", "in", "at", "for", "to", "on", "with", "by", "from", "the", "a", "an"}


def _new_clause(seq: list[Item], verb: int, pos: int) -> bool:
    """`Its members agreed X, and Washington is now “...”`: another subject took over after the verb."""
    reported = verb + 1 < len(seq) and seq[verb + 1].lower == "that"  # `stated that A and B was “...”`
    for i in range(verb + 1, pos - 1):
        if reported and seq[i].lower == "and" and seq[i - 1].text != ",":
            continue
        if seq[i].lower in ("and", "but", "while") and seq[i + 1].quote is None and is_name_word(seq[i + 1].text):
            before = seq[i - 1]
            if before.lower == "that" or (
                before.quote is None and (before.lower in lx.PRONOUNS or is_name_word(before.text))
            ):
                continue  # `said that while Clay ...`, `he and Cruse shared ...`: still what was said
            if _listed(seq, i):
                continue  # `expects Ruiz, Hale, and Stone to ...`: the last of a list of names
            return True
    return False


def _listed(seq: list[Item], i: int) -> bool:
    """`Ruiz, Hale, and Stone`: the `and` at `i` follows a comma that ends the second of at least two
    names separated by commas."""
    k = i - 2
    if k < 0 or seq[i - 1].text != ",":
        return False
    while k >= 0 and seq[k].quote is None and is_name_word(seq[k].text):
        k -= 1
    return k < i - 2 and k >= 1 and seq[k].text == "," and seq[k - 1].quote is None and is_name_word(seq[k - 1].text)


def _signed(seq: list[Item], pos: int) -> str | None:
    """`“...” — Femi Adeyemi, physician`: a quote signed with a dash and a name."""
    j = pos + 1
    if j + 1 >= len(seq) or seq[j].text not in ("—", "–", "-", "―") or not is_name_word(seq[j + 1].text):
        return None
    k = j + 1
    while k + 1 < len(seq) and seq[k + 1].quote is None and is_name_word(seq[k + 1].text):
        k += 1
    if k + 1 < len(seq) and seq[k + 1].is_word and seq[k + 1].text.islower():
        return None  # `“Do svidaniya!” - Russian for “goodbye”`: a gloss, not a signature
    return clean_name([s.text for s in seq[j + 1 : k + 1]])


def _governs(seq: list[Item], verb: int, pos: int) -> bool:
    """The quote is the verb's direct object: at most a few words, and no punctuation, between them."""
    between = seq[verb + 1 : pos]
    return len(between) <= 4 and all(b.is_word for b in between)


def _adjacent(seq: list[Item], pos: int, first: int) -> bool:
    between = seq[pos + 1 : first]
    return all(b.quote is None and (b.lower in _GLUE or (b.is_word and skippable(b.text))) for b in between)


def possessive_cue(seq: list[Item], pos: int) -> str | None:
    """`Putin’s response tying ... “root causes”`, `Lutnick’s line that ... “a fence”`."""
    found = _possessive_at(seq, pos)
    return found[1] if found else None


def _possessive_at(seq: list[Item], pos: int) -> tuple[int, str] | None:
    """Where a possessor of a speech noun stands before the quote at `pos`, and who it is."""
    for j in range(pos - 1, max(-1, pos - 12), -1):
        item = seq[j]
        if item.quote is not None:
            return None
        if j + 1 == pos or seq[j + 1].lower not in _POSSESSIVE_NOUNS:
            continue  # the quick test first: a speech noun must follow
        owner = item.text[:-2] if item.text.endswith(("’s", "'s")) else item.text[:-1]
        if item.text in ("’", "'") and j > 0 and seq[j - 1].text.endswith("s") and is_name_word(seq[j - 1].text):
            owner = seq[j - 1].text  # `in Jones’ words`: the apostrophe stands apart
        elif not (possessive(item.text) and (item.text[0].isupper() or owner in lx.INSTITUTION_NOUNS)):
            continue
        return j, owner  # `the bank’s promise`: the institution named earlier
    return None


def _pronoun_owner(seq: list[Item], pos: int) -> int | None:
    """Where a `his` or `her` owning a speech noun that a participle follows (`his remarks calling ...`)
    stands before the quote at `pos`, in the same stretch of words."""
    for j in range(pos - 2, max(-1, pos - 12), -1):
        if seq[j].quote is not None or seq[j].text in (";", ":"):
            return None
        if seq[j].lower in ("his", "her") and seq[j + 1].lower in _POSSESSIVE_NOUNS:
            after = seq[j + 2] if j + 2 < pos else None
            return j if after is not None and after.lower.endswith("ing") else None
    return None


_CONTENT_OPENERS = {"that", ":", ",", "of", "—", "–"}


def _owned_words(seq: list[Item], pos: int, verb: int) -> str | None:
    """`Ruiz mocked Hale’s claim that the levy “...”`: a speech noun someone owns, after the verb and
    opening the quote's clause, credits its owner rather than the verb's subject."""
    found = _possessive_at(seq, pos)
    if not found or found[0] + 1 < verb:  # `Hale’s warning` may be the cue itself, read as a verb
        return None
    noun = found[0] + 1
    if noun + 2 < pos and seq[noun + 1].lower in lx.BE_FORMS and seq[noun + 2].lower in ("that", ":"):
        noun += 1  # `Hale’s answer was that ...`; never `Hale’s comments are “...”`: someone's word for them
    if noun + 1 >= pos or seq[noun + 1].lower not in _CONTENT_OPENERS:
        return None  # `Ruiz called Hale’s claim “absurd”`: Ruiz's word for the claim
    if any(seq[m].is_word and speech_verb(seq, m) for m in range(noun + 1, pos)):
        return None
    return found[1]


def verb_right_before(seq: list[Item], pos: int) -> bool:
    j = skip_back(seq, pos - 1)
    return j >= 0 and seq[j].is_word and speech_verb(seq, j) is not None


def spoken_term(seq: list[Item], pos: int) -> bool:
    """`Ian called for “calm”`, `Ruiz’s warning about a “brochure”`: a short quote someone is credited with."""
    if possessive_cue(seq, pos):
        return True
    for j in range(pos - 1, max(-1, pos - 10), -1):  # `called the report “...”`, `accuses X of being an “...”`
        if not seq[j].is_word or seq[j].quote is not None or seq[j].lower in WH_WORDS:
            return False
        if speech_verb(seq, j) is not None:
            return True
    return False
