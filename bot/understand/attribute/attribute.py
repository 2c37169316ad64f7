"""Who said each quote.

Cues, strongest first:
1. an attribution right after the quote: `“...,” Ian tells us`, `“...,” says Dan`, `“...,” he argues`;
2. the nearest speech verb before it in the same sentence: `Ian calls Trump’s proposal “...”`,
   `However, says Hanna, “...”`, `Dan adds that ...: “...”`, `according to X`;
3. a speech verb later in the same sentence: `“...” will be tested, says Dana`;
4. otherwise the last speaker (a quote with no verb belongs to whoever spoke last).
Pronouns resolve to the nearest earlier person of a fitting gender, preferring sentence subjects,
and never to a group or an institution. Afterwards a role named later (`The executive, Steven
Marsh, said`) gets its name, a quote credited by the next sentence (`That was Mirela`) gets that
speaker, and a short phrase that re-quotes words someone said earlier goes back to that someone.
Quote marks around words nobody said are recognised in `bot.understand.attribute.nonspeech`; names in `bot.understand.attribute.names`.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.names import (
    INITIALS_TOKEN, clean_name, is_name_word, is_role, name_parts, nickname_at,
    not_a_person, possessive,
)
from bot.understand.attribute.nonspeech import FUNCTION_WORDS, WH_WORDS, is_nickname, is_scare, is_term, is_title
from bot.understand.attribute.quotes import Span, find_spans
from bot.understand.attribute.sentences import Item, items, split
from bot.understand.text import words

_INVERTIBLE = {
    "say", "tell", "warn", "argue", "note", "add", "ask", "point out", "surmise", "caution", "explain",
    "write", "observe", "insist", "contend", "suggest", "quip", "joke", "declare", "remark", "reckon",
    "counter", "reply", "respond", "according to", "concede", "acknowledge", "recall", "conclude",
    "predict", "stress", "emphasize", "agree", "disagree", "sum up",
}
_POSSESSIVE_NOUNS = {
    "view", "take", "verdict", "answer", "words", "line", "assessment", "warning", "argument", "advice",
    "prediction", "conclusion", "reply", "response", "message", "phrase", "demand", "demands", "comments", "remarks", "statement", "claim", "pitch", "promise", "vow", "description", "complaint",
    "criticism", "objection", "point", "question", "plea", "threat", "pledge",
}
_HYPOTHETICAL = {"would", "could", "should", "might", "may"}
_GLUE = {",", "—", "–", "-", ":", ";", "as", "(", ")"}
REQUOTE_MAX_WORDS = 8


@dataclass(slots=True)
class Subject:
    kind: str  # "name", "role" or "pronoun"
    label: str
    pos: int  # index of its first item in the sentence


@dataclass(slots=True)
class Cue:
    verb: int  # item index of the speech verb
    subject: Subject

    @property
    def first(self) -> int:
        return min(self.verb, self.subject.pos)


@dataclass(slots=True)
class Sentence:
    para: int  # running paragraph number in the document
    text: str
    spans: list[Span]
    items: list[Item]
    cues: list[Cue] = field(default_factory=list)
    mentions: list[tuple[int, str, bool]] = field(default_factory=list)  # (pos, label, is_subject)
    persons: set[str] = field(default_factory=set)  # names the sentence shows to be people


@dataclass(slots=True)
class Found:
    """A quote found in paragraph `para` of the document, with its speaker (or None)."""

    para: int
    span: Span
    text: str
    speaker: str | None
    scare: bool = False
    term: bool = False  # a quoted term (`a “solidarity pool”`): no quote unless someone said it before
    sentence: tuple[int, int] = (0, 0)  # the sentence's offsets in the paragraph


def attribute(paragraphs: list[str], known: set[str] | None = None) -> list[Found]:
    """Find and attribute every quote in a document's paragraphs (in reading order)."""
    sentences = _sentences(paragraphs)
    state = _State(_known_people(sentences, known or set()))
    roles = {c.subject.label for s in sentences for c in s.cues if c.subject.kind == "role"}
    found: list[Found] = []
    for si, sent in enumerate(sentences):
        _name_the_role(sentences, si, found, roles)
        _resolve_cues(sentences, si, state)
        here: list[tuple[int, Found]] = []
        for pos, item in enumerate(sent.items):
            if item.quote is None:
                continue
            span = sent.spans[item.quote]
            term = is_term(sent.text, span) and not _spoken_term(sent.items, pos)
            title = is_title(sent.text[span.start:span.end]) and not _verb_right_before(sent.items, pos)
            scare = term or title or (is_scare(sent.text, span) and not _spoken_term(sent.items, pos))
            speaker = None if scare else _speaker_for(sent, pos, state)
            bounds = (sent.items[0].start, sent.items[-1].end)
            quote = sent.text[span.start:span.end]
            here.append((pos, Found(sent.para, span, quote, speaker, scare, term, bounds)))
        state.close_sentence(sent, here)
        found += [f for _, f in here]
    _attributed_after(sentences, found, state)
    _requotes(found)
    return [f for f in found if not f.scare]


# -- sentences and cues ---------------------------------------------------------------------------


def _sentences(paragraphs: list[str]) -> list[Sentence]:
    out = []
    for pi, text in enumerate(paragraphs):
        spans = [s for s in find_spans(text) if not is_nickname(text, s)]
        seq = items(text, spans)
        for part in split(text, spans, seq):
            sent = Sentence(pi, text, spans, part)
            sent.cues = _cues(part)
            sent.mentions = _mentions(part)
            sent.persons = _persons(part, sent.mentions)
            out.append(sent)
    return out


def _cues(seq: list[Item]) -> list[Cue]:
    cues = []
    for v in range(len(seq)):
        lemma = _speech_verb(seq, v)
        if not lemma:
            continue
        subject = _subject_before(seq, v)
        if subject is None and lemma in _INVERTIBLE:
            subject = _subject_after(seq, v, lemma)
        if subject is not None:
            cues.append(Cue(v, subject))
    return cues


def _speech_verb(seq: list[Item], v: int) -> str | None:
    item = seq[v]
    if not item.is_word:
        return None
    lemma = lx.SPEECH_VERBS.get(item.lower)
    if lemma is None or (item.text[0].isupper() and lemma != "according to"):
        return None
    particle = lx.PARTICLE.get(lemma)
    if particle and (v + 1 >= len(seq) or seq[v + 1].lower != particle):
        return None
    if v > 0 and seq[v - 1].lower in _HYPOTHETICAL:
        return None  # `Copenhagen would ask the Commission to ...` reports no speech
    prev = _skip_back(seq, v - 1)
    if prev >= 0 and seq[prev].quote is None:
        word = seq[prev].lower
        if item.lower in lx.NOUN_LIKE and word in lx.DETERMINERS:
            return None
        if item.lower in lx.NOUN_LIKE and seq[prev].text[0].isupper() and prev >= 1 and seq[prev - 1].lower in lx.DETERMINERS:
            return None  # "the Baltic states", "the Commission notes"
        if word in lx.BE_FORMS and not item.lower.endswith("ing"):
            return None  # passive: "Allies were told"
    return lemma


def _skip_back(seq: list[Item], j: int) -> int:
    while j >= 0 and seq[j].is_word and _skippable(seq[j].text):
        j -= 1
    return j


def _skippable(word: str) -> bool:
    w = word.lower()
    return word.islower() and (w in lx.ADVERBS or w in lx.AUXILIARIES or (w.endswith("ly") and len(w) > 4))


def _subject_before(seq: list[Item], v: int, depth: int = 0) -> Subject | None:
    j = _skip_back(seq, v - 1)
    if j < 0 or seq[j].quote is not None:
        return None
    tok = seq[j]
    if tok.text == ")" and depth == 0:
        opening = next((o for o in range(j - 1, max(-1, j - 40), -1) if seq[o].text == "("), None)
        return _subject_before(seq, opening, depth=1) if opening else None  # `Ben (who advised ...) says`
    if tok.text == "," and depth == 0 and seq[v].lower.endswith("ing") and seq[v].lower != "according":
        subject = _sentence_subject(seq)  # `Vance, in an interview, softened his tone, describing ...`
        if subject and subject.pos < j:
            return subject
    if tok.text == "," and depth == 0:
        return _subject_across_comma(seq, j)
    if tok.lower in lx.PRONOUNS and (tok.text.islower() or j == 0):
        return Subject("pronoun", tok.lower, j)
    if is_name_word(tok.text):
        return _name_run_back(seq, j)
    if possessive(tok.text) and tok.text[0].isupper() and j > 0 and seq[j - 1].is_word and is_role(seq[j - 1].text):
        return Subject("name", tok.text, j)  # `the ratings agency Moody’s said`: a name that ends like a possessive
    if tok.text.islower() and is_role(tok.text):
        return _role_back(seq, j)
    if tok.lower in ("and", "but") and depth == 0:
        subject = _sentence_subject(seq)  # `The bank left rates unchanged and said that ...`
        return subject if subject and subject.pos < j else None
    return None


def _sentence_subject(seq: list[Item]) -> Subject | None:
    """The name or role the sentence opens with (after an article): its grammatical subject."""
    j = 1 if seq and seq[0].lower in ("the", "a", "an") else 0
    if j >= len(seq) or seq[j].quote is not None:
        return None
    if is_name_word(seq[j].text):
        k = j
        while k + 1 < len(seq) and seq[k + 1].quote is None and is_name_word(seq[k + 1].text):
            k += 1
        if k + 1 < len(seq) and (possessive(seq[k + 1].text) or seq[k + 1].text == "’"):
            return None
        run = [s.text for s in seq[j:k + 1]]
        if all(w.rstrip(".") in lx.TITLES for w in run) and k + 1 < len(seq) and seq[k + 1].text.islower():
            return None  # `The Danish fleet`: an adjective before a noun
        return Subject("name", clean_name(run), j)
    for k in range(j, min(j + 4, len(seq))):
        if not (seq[k].is_word and seq[k].text.islower()):
            break
        if is_role(seq[k].text):
            return Subject("role", " ".join(s.text for s in seq[j:k + 1]), j)
    return None


def _subject_across_comma(seq: list[Item], j: int) -> Subject | None:
    """`Dan, however, says` or `Ian Brzezinski, a senior fellow, says`."""
    c = j - 1
    while c >= 0 and j - c <= 15 and seq[c].quote is None and seq[c].text != ",":
        c -= 1
    if c < 0 or seq[c].text != "," or seq[c].quote is not None:
        return None
    between = seq[c + 1:j]
    if between and all(b.is_word and _skippable(b.text) for b in between):
        return _subject_before(seq, c, depth=1)
    run = between
    if any(b.lower == "of" for b in between):  # `The chair, Tomás Echeverría of Chile, told`
        run = between[:next(i for i, b in enumerate(between) if b.lower == "of")]
    tail = len(run)
    while tail > 0 and is_name_word(run[tail - 1].text):
        tail -= 1  # `The council’s president, Jamaican diplomat Corinne Whyte, said`
    lead = run[:tail]
    described = all(b.is_word and b.lower not in FUNCTION_WORDS for b in lead) and (
        not lead or any(is_role(b.text) for b in lead))
    if tail < len(run) and len(run) - tail <= 4 and len(between) <= 8 and described:
        return Subject("name", clean_name([b.text for b in run[tail:]]), c + 1 + tail)
    if between and (between[0].lower in ("who", "which") or between[0].text.isdigit()):
        subject = _sentence_subject(seq)  # `Marguerite Lavoie, 54, who runs a startup, said`
        if subject and subject.pos < c:
            return subject
    k = c - 1
    if k >= 0 and is_name_word(seq[k].text):
        return _name_run_back(seq, k)
    return _role_phrase_before(seq, c)


def _role_phrase_before(seq: list[Item], c: int) -> Subject | None:
    """`The head of Ireland’s grid operator, asked ..., said`: a role phrase opening the sentence."""
    k = c - 1
    while k >= 0 and c - k <= 9 and seq[k].quote is None and seq[k].text not in (",", ";", ":"):
        k -= 1
    phrase = [s.text for s in seq[k + 1:c]]
    if k >= 0 or not phrase or phrase[0].lower() not in lx.DETERMINERS:
        return None
    if not any(is_role(w) and w.islower() for w in phrase[1:]):
        return None
    return Subject("role", " ".join(phrase[1:]), 0)


def _subject_after(seq: list[Item], v: int, lemma: str) -> Subject | None:
    j = v + 1 + (1 if lemma in lx.PARTICLE else 0)
    while j < len(seq) and seq[j].quote is None and seq[j].lower in lx.OBJECT_WORDS:
        j += 1
    if j >= len(seq) or seq[j].quote is not None:
        return None
    tok = seq[j]
    if lemma == "according to" and tok.lower in ("a", "an", "the") and j + 3 < len(seq) \
            and seq[j + 2].lower in ("from", "by", "of") and seq[j + 1].text.islower():
        return _subject_after(seq, j + 1, "according to")  # `according to a statement from the WHO`
    if tok.lower == "the" and j + 1 < len(seq) and seq[j + 1].quote is None and is_name_word(seq[j + 1].text):
        j, tok = j + 1, seq[j + 1]  # `according to the WHO secretariat`, `says the Kremlin spokesman`
    if tok.lower in ("he", "she", "they") and tok.text.islower():
        return Subject("pronoun", tok.lower, j)
    if is_name_word(tok.text):
        k = j
        while k + 1 < len(seq):
            if is_name_word(seq[k + 1].text) or seq[k + 1].text in lx.PARTICLES:
                k += 1
            elif nickname_at(seq, k + 1):
                k += 4  # `Margaret “Peg” Holloway`
            else:
                break
        if possessive(seq[k].text):
            return None
        parts = name_parts(seq[j:k + 1])
        if parts[-1].rstrip(".") in lx.TITLES and k + 1 < len(seq) and seq[k + 1].text == ",":
            named = _name_at(seq, k + 2)  # `said the Environment Secretary, Rachel Moorcroft, who`
            if named:
                return named
        if k + 1 < len(seq) and seq[k + 1].is_word and seq[k + 1].text.islower() and is_role(seq[k + 1].text):
            named = _name_at(seq, k + 2)  # `said UN spokesperson Amara Diallo`
            return named or Subject("role", " ".join(parts + [seq[k + 1].text]), j)  # `the WHO secretariat`
        return Subject("name", clean_name(parts), j)
    appositive = _appositive_name(seq, j)
    if appositive:
        return appositive
    if tok.lower in ("the", "a", "an", "one", "another", "its", "their"):  # not `warned that voters ...`
        for k in range(j + 1, min(j + 5, len(seq))):
            if not (seq[k].is_word and seq[k].text.islower()):
                break
            if is_role(seq[k].text):
                return Subject("role", " ".join(s.text for s in seq[j + 1:k + 1]), j)
    return None


def _name_at(seq: list[Item], start: int) -> Subject | None:
    end = start
    while end < len(seq) and seq[end].quote is None and is_name_word(seq[end].text) and end - start < 4:
        end += 1
    if end == start or (end < len(seq) and seq[end].is_word):
        return None
    return Subject("name", clean_name([s.text for s in seq[start:end]]), start)


def _appositive_name(seq: list[Item], j: int) -> Subject | None:
    """`said the group’s chief negotiator, Wendell Osei`: the name after the role is the speaker."""
    comma = next((k for k in range(j, min(j + 7, len(seq))) if seq[k].text == ","), None)
    if comma is None or comma == j or not any(is_role(s.text) for s in seq[j:comma] if s.is_word):
        return None
    end = comma + 1
    while end < len(seq) and seq[end].quote is None and is_name_word(seq[end].text) and end - comma <= 4:
        end += 1
    if end == comma + 1 or (end < len(seq) and seq[end].is_word):
        return None
    return Subject("name", clean_name([s.text for s in seq[comma + 1:end]]), comma + 1)


def _name_run_back(seq: list[Item], j: int) -> Subject | None:
    k = j
    while k - 1 >= 0 and seq[k - 1].quote is None:
        if is_name_word(seq[k - 1].text):
            k -= 1
            continue
        p = k - 1  # `Annelies van der Veen`: particles between name words
        while p >= 0 and seq[p].text in lx.PARTICLES:
            p -= 1
        if p < k - 1 and p >= 0 and seq[p].quote is None and is_name_word(seq[p].text):
            k = p
            continue
        if k - 4 >= 0 and nickname_at(seq, k - 3) and is_name_word(seq[k - 4].text):
            k -= 4  # `Margaret “Peg” Holloway`
            continue
        if k - 2 >= 0 and seq[k - 1].text == "." and INITIALS_TOKEN.fullmatch(seq[k - 2].text):
            k -= 2  # `J.D. Vance` (the tokenizer leaves the last full stop apart)
            continue
        break
    if k - 1 >= 0 and seq[k - 1].quote is None and possessive(seq[k - 1].text) and seq[k - 1].text[0].isupper():
        return _role_like_title(seq, k, j)
    if k == j == 0 and is_role(seq[0].text.lower()):
        return Subject("role", seq[0].text.lower(), 0)  # `Farmers worry`: a capital only because it starts the sentence
    of = k - 2 if k - 2 >= 0 and seq[k - 1].lower == "the" else k - 1
    if of >= 1 and seq[of].lower == "of" and seq[of - 1].quote is None and is_name_word(seq[of - 1].text):
        person = _name_run_back(seq, of - 1)  # `Ana Ruiz of Colombia`, `Anna Smith of the Brookings Institution`
        if person and (" " in person.label or lx.gender(person.label)):
            return person
    label = clean_name(name_parts(seq[k:j + 1]))
    if k >= 2 and seq[k - 1].lower == "and" and seq[k - 2].quote is None and is_name_word(seq[k - 2].text):
        first = _name_run_back(seq, k - 2)  # `Bangladesh and Rwanda said`: both speak
        if first and " and " not in first.label:
            return Subject("name", f"{first.label} and {label}", first.pos)
    return Subject("name", label, k)


def _role_like_title(seq: list[Item], k: int, j: int) -> Subject:
    """`Russia’s President Putin` -> the name after the possessor."""
    return Subject("name", clean_name([s.text for s in seq[k:j + 1]]), k)


def _role_back(seq: list[Item], j: int) -> Subject:
    k = j
    while k - 1 >= 0 and j - k < 3 and seq[k - 1].is_word and seq[k - 1].text.islower() and seq[k - 1].lower not in lx.DETERMINERS and not lx.SPEECH_VERBS.get(seq[k - 1].lower):
        k -= 1
    m = k  # `A Pentagon spokesperson`: a proper name between the article and the role belongs to it
    while m - 1 >= 1 and seq[m - 1].quote is None and is_name_word(seq[m - 1].text) and k - m < 3:
        m -= 1
    if m < k and seq[m - 1].lower in ("a", "an", "the"):
        k = m
    return Subject("role", " ".join(s.text for s in seq[k:j + 1]), k)


def _mentions(seq: list[Item]) -> list[tuple[int, str, bool]]:
    out = []
    j = 0
    while j < len(seq):
        if seq[j].quote is None and (is_name_word(seq[j].text) or (possessive(seq[j].text) and seq[j].text[0].isupper())):
            k = j
            while k + 1 < len(seq) and is_name_word(seq[k + 1].text):
                k += 1
            if k + 1 < len(seq) and possessive(seq[k + 1].text) and seq[k + 1].text[0].isupper():
                k += 1
            names = [s.text for s in seq[j:k + 1]]
            owned = possessive(names[-1])
            if owned:
                names[-1] = names[-1][:-2] if names[-1].endswith(("’s", "'s")) else names[-1][:-1]
            label = clean_name(names)
            out.append((j, label, j == 0 and not owned))
            j = k + 1
        else:
            j += 1
    return out


def _persons(seq: list[Item], mentions: list[tuple[int, str, bool]]) -> set[str]:
    """Names the text shows to be people: `Shirin, who spent ...`, `Callum Reid, chief executive of`,
    `Omar, a former logistics officer`."""
    found = set()
    for pos, label, _ in mentions:
        end = pos
        while end < len(seq) and seq[end].quote is None and (is_name_word(seq[end].text) or possessive(seq[end].text)):
            end += 1
        if end >= len(seq) or possessive(seq[end - 1].text):
            continue
        after = [s for s in seq[end:end + 6] if s.quote is None]
        opener = len(after) > 1 and after[0].text in (",", "—", "–", "(", "-") and after[1].lower == "who"
        if after and after[0].lower == "who" or opener:
            found.add(label)
        elif after and after[0].text == ",":
            for s in after[1:]:
                if not (s.is_word and s.text.islower()):
                    break
                if is_role(s.text) and s.lower not in lx.INSTITUTION_NOUNS:
                    found.add(label)
                    break
    return found


_BACK_REFERENCES = ("that", "this", "such", "so", "those", "these")


def _attributed_after(sentences: list[Sentence], found: list[Found], state: _State) -> None:
    """A paragraph that is nothing but a quote, credited by the next one: `“Nobody was driving.”` /
    `That is how Raj describes the problem.`, `That was the verdict of Callum Reid, ...`."""
    for here, nxt in zip(sentences, sentences[1:]):
        if here.cues or not _only_quotes(here) or not any(i.quote is not None for i in here.items):
            continue
        speaker = _credited_by(nxt, state)
        if not speaker:
            continue
        start = here.items[0].start
        for f in found:
            if f.para == here.para and f.sentence[0] == start and not f.scare:
                f.speaker = speaker


def _only_quotes(sent: Sentence) -> bool:
    return all(i.quote is not None or not i.is_word for i in sent.items)


def _credited_by(sent: Sentence, state: _State) -> str | None:
    seq = sent.items
    if not seq or seq[0].lower not in _BACK_REFERENCES:
        return None
    named = next((c.subject.label for c in sent.cues if c.subject.kind in ("name", "role")), None)
    if named:
        return named
    for pos, label, _ in sent.mentions:
        if pos > 0 and seq[pos - 1].lower in ("of", "from", "by", "how", "was", "is"):
            return state.person(label) or label
    return None


def _name_the_role(sentences: list[Sentence], si: int, found: list[Found], roles: set[str]) -> None:
    """`... its chief executive called it “a tax.” The executive, Steven Marsh, said ...`: the role
    quoted in the last two sentences is the person the apposition names."""
    seq = sentences[si].items
    if len(seq) < 5 or seq[0].lower != "the":
        return
    comma = next((i for i in range(1, min(len(seq), 5)) if seq[i].text == ","), None)
    if comma is None or not any(is_role(w.text) and w.text.islower() for w in seq[1:comma]):
        return
    end = comma + 1
    while end < len(seq) and end - comma <= 4 and is_name_word(seq[end].text):
        end += 1
    if end == comma + 1 or end >= len(seq) or seq[end].text != ",":
        return
    name = clean_name([s.text for s in seq[comma + 1:end]])
    para = sentences[si].para
    window = {(s.para, s.items[0].start) for s in sentences[max(0, si - 2):si] if s.para == para}
    for f in reversed(found[-12:]):
        if f.speaker in roles and (f.para, f.sentence[0]) in window:
            f.speaker = name


# -- resolution -----------------------------------------------------------------------------------


class _State:
    def __init__(self, people: dict[str, str]):
        self.people = people  # any token of a known person -> that person's label
        self.last_speaker: str | None = None

    def person(self, label: str) -> str | None:
        """The known speaker `label` names, or `label` itself when it starts with a first name."""
        if label in self.people.values():
            return label
        for part in reversed(label.split()):
            if part in self.people:
                known = self.people[part]
                fuller = len(label.split()) > len(known.split()) and known in label and label[:1].isupper()
                return label if fuller else known  # `Dawit Mengesha` over a bare `Mengesha`
        first = label.split()[0].casefold() if label.split() else ""
        return label if first in lx.FEMALE_NAMES or first in lx.MALE_NAMES else None

    def close_sentence(self, sent: Sentence, quotes: list[tuple[int, Found]]) -> None:
        events = [(c.verb, c.subject.label) for c in sent.cues if c.subject.kind in ("name", "role")]
        events += [(pos, f.speaker) for pos, f in quotes if f.speaker]
        if events:
            self.last_speaker = max(events)[1]
        elif not quotes and sent.mentions and sent.mentions[0][2]:
            # `Priya sees a longer game. “Every country ...”`: a known speaker as the subject takes the floor
            person = self.person(sent.mentions[0][1])
            if person:
                self.last_speaker = person


def _known_people(sentences: list[Sentence], known: set[str]) -> dict[str, str]:
    labels = set(known)
    for sent in sentences:
        labels.update(c.subject.label for c in sent.cues if c.subject.kind in ("name", "role"))
        labels.update(sent.persons)
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


def _resolve_cues(sentences: list[Sentence], si: int, state: _State) -> None:
    sent = sentences[si]
    for cue in sent.cues:
        if cue.subject.kind == "pronoun":
            label = _resolve_pronoun(sentences, si, cue.first, cue.subject.label, state)
            cue.subject = Subject("name" if label else "pronoun", label or cue.subject.label, cue.subject.pos)
            if not label:
                cue.subject.kind = "unresolved"


def _resolve_pronoun(sentences: list[Sentence], si: int, pos: int, pronoun: str, state: _State) -> str | None:
    want = lx.PRONOUNS.get(pronoun)
    candidates: list[str] = []
    here = sentences[si]
    near = pos - 80  # a pronoun looks back a few dozen words in its own sentence, then a few sentences
    candidates += [c.subject.label for c in reversed(here.cues) if near < c.verb < pos and c.subject.kind in ("name", "role")]
    candidates += [label for p, label, _ in reversed(here.mentions) if near < p < pos]
    for back in range(si - 1, max(-1, si - 6), -1):
        prev = sentences[back]
        candidates += [c.subject.label for c in reversed(prev.cues[-8:]) if c.subject.kind in ("name", "role")]
        candidates += [label for _, label, subj in prev.mentions[:4] if subj]
        candidates += [label for _, label, _ in reversed(prev.mentions[-12:])]
    for label in candidates:
        person = state.person(label)
        if all(w.rstrip(".") in lx.TITLES for w in label.split()):
            continue  # `Danish`, `European`: an adjective, not a person
        if person and (want is None or lx.gender(person) in (want, None)) and not (want and not_a_person(person)):
            return person
    return None


def _speaker_for(sent: Sentence, pos: int, state: _State) -> str | None:
    cues = sent.cues  # in verb order
    k = bisect.bisect_right([c.verb for c in cues], pos) if len(cues) > 8 else sum(c.verb < pos for c in cues)
    before = next((c for c in reversed(cues[:k]) if c.subject.kind in ("name", "role") and c.first < pos), None)
    if before and _governs(sent.items, before.verb, pos):
        return before.subject.label  # `Trump called it “incomplete,” Dan says ...`: the verb's own object
    signed = _signed(sent.items, pos)
    if signed:
        return signed
    following = next((c for c in cues[k:k + 2] if c.first > pos), None)
    if following and _adjacent(sent.items, pos, following.first):
        return following.subject.label if following.subject.kind in ("name", "role") else None
    if before and not _new_clause(sent.items, before.verb, pos):
        return before.subject.label
    if pos > 0 and sent.items[pos - 1].text == ":" and not cues:
        subject = _sentence_subject(sent.items)  # `Tomás puts the stakes plainly: “...”`
        if subject:
            return state.person(subject.label) or subject.label
    possessor = _possessive_cue(sent.items, pos)
    if possessor:
        return state.person(possessor) or possessor
    after = next((c for c in cues[k:] if c.subject.kind in ("name", "role") and c.first > pos), None)
    if after:
        return after.subject.label
    if any(c.subject.kind == "unresolved" for c in cues):
        return None
    return state.last_speaker


def _new_clause(seq: list[Item], verb: int, pos: int) -> bool:
    """`Its members agreed X, and Washington is now “...”`: another subject took over after the verb."""
    for i in range(verb + 1, pos - 1):
        if seq[i].lower in ("and", "but", "while") and seq[i + 1].quote is None and is_name_word(seq[i + 1].text):
            return True
    return False


def _signed(seq: list[Item], pos: int) -> str | None:
    """`“...” — Femi Adeyemi, physician`: a quote signed with a dash and a name."""
    j = pos + 1
    if j + 1 >= len(seq) or seq[j].text not in ("—", "–", "-") or not is_name_word(seq[j + 1].text):
        return None
    k = j + 1
    while k + 1 < len(seq) and seq[k + 1].quote is None and is_name_word(seq[k + 1].text):
        k += 1
    return clean_name([s.text for s in seq[j + 1:k + 1]])


def _governs(seq: list[Item], verb: int, pos: int) -> bool:
    """The quote is the verb's direct object: at most a few words, and no punctuation, between them."""
    between = seq[verb + 1:pos]
    return len(between) <= 4 and all(b.is_word for b in between)


def _adjacent(seq: list[Item], pos: int, first: int) -> bool:
    between = seq[pos + 1:first]
    return all(b.quote is None and (b.lower in _GLUE or (b.is_word and _skippable(b.text))) for b in between)


def _possessive_cue(seq: list[Item], pos: int) -> str | None:
    """`Putin’s response tying ... “root causes”`, `Lutnick’s line that ... “a fence”`."""
    for j in range(pos - 1, max(-1, pos - 12), -1):
        item = seq[j]
        if item.quote is not None:
            return None
        owner = item.text[:-2] if item.text.endswith(("’s", "'s")) else item.text[:-1]
        if not (possessive(item.text) and (item.text[0].isupper() or owner in lx.INSTITUTION_NOUNS)):
            continue
        if j + 1 < pos and seq[j + 1].lower in _POSSESSIVE_NOUNS:
            return owner  # `the bank’s promise`: the institution named earlier
    return None


def _verb_right_before(seq: list[Item], pos: int) -> bool:
    j = _skip_back(seq, pos - 1)
    return j >= 0 and seq[j].is_word and _speech_verb(seq, j) is not None


def _spoken_term(seq: list[Item], pos: int) -> bool:
    """`Ian called for “calm”`, `Ruiz’s warning about a “brochure”`: a short quote someone is credited with."""
    if _possessive_cue(seq, pos):
        return True
    for j in range(pos - 1, max(-1, pos - 5), -1):  # `called the report “...”`, `called for “calm”`
        if not seq[j].is_word or seq[j].quote is not None or seq[j].lower in WH_WORDS:
            return False
        if _speech_verb(seq, j) is not None:
            return True
    return False


def _requotes(found: list[Found]) -> None:
    """A short phrase that re-quotes words someone said earlier belongs to that someone."""
    said: dict[tuple[str, ...], str] = {}  # every short word sequence quoted so far -> first speaker
    for f in found:
        toks = tuple(words(f.text))
        if f.term and toks in said:
            f.scare = False
        if f.scare:
            continue
        if 0 < len(toks) <= REQUOTE_MAX_WORDS and toks in said:
            f.speaker = said[toks]
        if f.speaker:
            said.setdefault(toks, f.speaker)
            for n in range(2, min(REQUOTE_MAX_WORDS, len(toks)) + 1):  # one common word is no evidence
                for i in range(len(toks) - n + 1):
                    said.setdefault(toks[i:i + n], f.speaker)
