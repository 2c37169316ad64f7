"""Finding speaker candidates: speech verbs (`says`, `told`, `according to`) and their subjects,
before or after the verb (`Ian says`, `says Dan`, `said UN spokesperson Amara Diallo`), and the names
a sentence mentions."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.describe import description_after, description_before
from bot.understand.attribute.names import (
    INITIALS_TOKEN,
    WORD_CACHE,
    clean_name,
    dutch_particle,
    is_name_word,
    is_role,
    name_parts,
    nickname_at,
    possessive,
)
from bot.understand.attribute.nonspeech import FUNCTION_WORDS, WH_WORDS
from bot.understand.attribute.sentences import Item

INVERTIBLE = {
    "say",
    "warn",
    "argue",
    "note",
    "add",
    "ask",
    "point out",
    "surmise",
    "caution",
    "explain",
    "write",
    "observe",
    "insist",
    "contend",
    "suggest",
    "quip",
    "joke",
    "declare",
    "remark",
    "reckon",
    "counter",
    "reply",
    "respond",
    "according to",
    "concede",
    "acknowledge",
    "recall",
    "conclude",
    "chime in",
    "interject",
    "shoot back",
    "fire back",
    "hit back",
    "push back",
    "go on",
    "continue",
    "rebut",
    "assert",
    "proclaim",
    "exclaim",
    "muse",
    "opine",
    "recount",
    "boast",
    "gush",
    "lament",
    "tweet",
    "post",
    "text",
    "email",
    "retort",
    "reply to",
    "answer",
    "admit",
    "confess",
    "offer",
    "elaborate",
    "begin",
    "state",
    "announce",
    "plead",
    "demand",
    "yell",
    "shout",
    "whisper",
    "laugh",
    "sigh",
    "scoff",
    "cry",
    "predict",
    "stress",
    "emphasize",
    "agree",
    "disagree",
    "sum up",
    *lx.MANNER_VERBS.values(),
}


def _names_a_thing(seq: list[Item], v: int) -> bool:
    """`a group called Friends of the Quay`: `called` after an indefinite noun phrase, before a name."""
    if v + 1 >= len(seq) or seq[v + 1].quote is not None or not seq[v + 1].text[:1].isupper():
        return False
    for k in range(v - 1, max(-1, v - 5), -1):
        if seq[k].quote is not None or not seq[k].is_word:
            return False
        if seq[k].lower in ("a", "an"):
            return 0 < k < v - 1  # not `A senator called Ruiz “a liar”`: the sentence's subject
    return False


_COUNSEL_KINDS = {"general", "legal", "special", "chief", "senior", "deputy", "outside", "associate", "independent"}
_HYPOTHETICAL = {"would", "could", "should", "might", "may", "can"}


@dataclass(slots=True)
class Subject:
    kind: str  # "name", "role" or "pronoun"
    label: str
    pos: int  # index of its first item in the sentence
    via: str = "cue"  # how the label was found: "cue", "pronoun" (resolved), "role" (named later)


@dataclass(slots=True)
class Cue:
    verb: int  # item index of the speech verb
    subject: Subject

    @property
    def first(self) -> int:
        return min(self.verb, self.subject.pos)


def find_cues(seq: list[Item]) -> list[Cue]:
    cues: list[Cue] = []
    for v in [v for v, item in enumerate(seq) if item.lower in lx.SPEECH_VERBS or item.lower in lx.MANNER_VERBS]:
        lemma = speech_verb(seq, v)
        if not lemma:
            agent = _passive_agent(seq, v)  # `has been called “...” by Joshua Hendricks`
            if agent:
                cues.append(Cue(v, agent))
            continue
        participle = seq[v].lower.endswith("ing") and lemma != "according to"
        subject = None
        if participle and cues and v > 0 and (seq[v - 1].text == "," or seq[v - 1].quote is not None):
            subject = cues[-1].subject  # `Ana Costa said ..., adding ...`: the main clause's speaker
        elif participle and cues and v > 0 and seq[v - 1].lower in ("before", "after", "while", "when", "by"):
            subject = cues[-1].subject  # `“...,” Blige sings to Clay before asking her, “...”`
        elif participle and cues and v > 0 and seq[v - 1].lower == "and" and seq[cues[-1].verb].lower.endswith("ing"):
            subject = cues[-1].subject  # `with Hale tweeting that ... and asking ...`: the same speaker
        elif not participle and cues and v > 0 and seq[v - 1].lower == "and" and cues[-1].subject.pos < cues[-1].verb:
            subject = cues[-1].subject  # `Lazaro said he welcomed it and added, “...”`: the same speaker
        if subject is None and participle and v > 1 and _counted_subject(seq, v):
            subject = Subject("unresolved", seq[v - 1].text, v - 1, "group")  # `with many chanting “...”`: no one named
        if subject is None and cues and _relative_of(seq, cues[-1], v):
            subject = cues[-1].subject  # `said Ana Ruiz, 32, a former aide in Dover who said she ...`: Ruiz
        subject = subject or _antecedent(seq, v) or _subject_before(seq, v)
        if subject is None and lemma in INVERTIBLE and not participle and not _after_relative(seq, v):
            subject = _subject_after(seq, v, lemma)  # `said Ana Costa`; never `telling Channel 9 ...`
        if subject is None and (participle or (v > 0 and (seq[v - 1].text == "," or seq[v - 1].quote is not None))):
            main = sentence_subject(seq)  # `Costa issued a statement saying ...`, `Costa, citing “...”, said`
            inserted = participle or seq[v - 1].text == "," or (main is not None and _comma_after(seq, main.pos))
            subject = main if main and main.pos < v and inserted else None
        if subject is None and participle and 0 < v <= 2 and seq[v - 1].lower in _OPENING_PREPOSITIONS:
            subject = _subject_after_opening(seq, v)  # `In calling it “not fair,” the mayor ...`
        if subject is None and not participle:
            described = description_before(seq, skip_back(seq, v - 1))  # `“...,” the statement said`
            subject = Subject("role", *described) if described else None
        if subject is not None and _object_relative(seq, subject, v):
            continue
        if subject is not None:
            cues.append(Cue(v, subject))
    return cues


def _after_relative(seq: list[Item], v: int) -> bool:
    """`a woman who said Hale cheated her`: `who` is the verb's subject, and the name after the verb is
    in what was said, never an inverted subject."""
    return v > 0 and seq[v - 1].lower in ("who", "that", "which")


_OPENING_PREPOSITIONS = {"in", "after", "by", "while", "before", "on", "upon", "when"}


def _subject_after_opening(seq: list[Item], v: int) -> Subject | None:
    """`After calling the levy “not fair,” Ruiz left`: the opening phrase ends with the quote (its comma
    inside the closing mark), and the subject of the main clause after it is the one who called it so."""
    if any(seq[i].is_word for i in range(v - 1)):
        return None
    q = next((i for i in range(v + 1, min(len(seq), v + 12)) if seq[i].quote is not None), None)
    if q is None:
        return None
    start = q + 2 if q + 1 < len(seq) and seq[q + 1].text == "," else q + 1
    rest = seq[start:]
    if not rest or not rest[0].is_word:
        return None
    subject = sentence_subject(rest)
    if subject is None or subject.kind not in ("name", "role"):
        return None
    return Subject(subject.kind, subject.label, subject.pos + start, subject.via)


#: Words a relative clause with its object left out can describe (`Nothing the governor said ...`)
_OBJECT_RELATIVES = {"nothing", "everything", "something", "anything", "little"}


_NAMING_VERBS = {"called", "calls", "dubbed", "termed", "labeled", "labelled", "described"}


def _object_relative(seq: list[Item], subject: Subject, v: int) -> bool:
    """`Nothing the governor said “will calm them,” the senator said`: the first cue only describes the
    subject of what the second speaker says, so it is no cue for the quote."""
    k = subject.pos - 1
    if k >= 0 and seq[k].lower in ("the", "a", "an"):
        k -= 1
    if k < 0 or seq[k].lower not in _OBJECT_RELATIVES or subject.pos > v or seq[v].lower in _NAMING_VERBS:
        return False  # `under what Hale called “...”`: what he called it is his
    after = next((i for i in range(v + 1, len(seq)) if seq[i].quote is not None), None)
    return after is not None and any(speech_verb(seq, i) for i in range(after + 1, len(seq)) if seq[i].is_word)


def _relative_of(seq: list[Item], cue: Cue, v: int) -> bool:
    """The verb at `v` opens a relative clause (`who said`) that ends the apposition of the cue's
    subject, which follows its verb: `said Ana Ruiz, 32, a former aide for the Hale campaign in Dover
    who said ...`."""
    subject = cue.subject
    who = v - 1
    while who > 0 and seq[who].is_word and skippable(seq[who].text) and seq[who].lower != "who":
        who -= 1  # `who has accused`
    if subject.kind != "name" or subject.pos < cue.verb or who < 1 or seq[who].lower != "who":
        return False
    between = seq[subject.pos : who]
    return 3 <= len(between) <= 30 and all(i.quote is None for i in between) and any(i.text == "," for i in between)


def _antecedent(seq: list[Item], v: int) -> Subject | None:
    """`a lecture from the Ohio governor, who said ...`: the role a relative clause is about."""
    who = v - 1
    while who > 0 and seq[who].is_word and skippable(seq[who].text) and seq[who].lower != "who":
        who -= 1
    if who < 3 or seq[who].lower != "who" or seq[who - 1].text != ",":
        return None
    r = who - 2
    if seq[r].quote is not None or not seq[r].is_word or not seq[r].text.islower() or not is_role(seq[r].text):
        return None
    role = _role_back(seq, r)
    start = role.pos
    for p in range(role.pos - 1, max(-1, role.pos - 6), -1):
        if not seq[p].is_word or seq[p].quote is not None:
            break
        if seq[p].lower in _ROLE_DETERMINERS:
            start = p  # `the presumptive Republican presidential nominee`
            break
    if start >= 2 and seq[start - 1].text == "," and seq[start - 2].quote is None and is_name_word(seq[start - 2].text):
        return _name_run_back(seq, start - 2)  # `Ana Ruiz, the party's nominee, who said`: Ruiz
    return role


_PASSIVE_SPEECH = {"called", "described", "labeled", "labelled", "characterized", "asked", "told", "praised", "hailed"}


def _passive_agent(seq: list[Item], v: int) -> Subject | None:
    """`was asked by host Sam Orley, ...`, `has been called “...” by Ivo Brandt`: the agent of a
    passive verb of saying is its speaker."""
    if seq[v].lower not in _PASSIVE_SPEECH or not seq[v].text.islower():
        return None
    prev = skip_back(seq, v - 1)
    if prev < 0 or seq[prev].lower not in lx.BE_FORMS:
        return None
    by = next((k for k in range(v + 1, min(len(seq) - 1, v + 4)) if seq[k].lower == "by"), None)
    if by is None or any(seq[k].text in (",", ";", ":") for k in range(v + 1, by)):
        return None
    tok = seq[by + 1]
    if tok.quote is not None:
        return None
    described = described_name(seq, by + 1)
    if described:
        return described  # `by host Sam Orley`
    if is_name_word(tok.text):
        end = by + 1
        while end + 1 < len(seq) and seq[end + 1].quote is None and is_name_word(seq[end + 1].text):
            end += 1
        if end + 1 < len(seq) and (
            seq[end + 1].is_word and seq[end + 1].lower not in _NAME_ENDS or possessive(seq[end].text)
        ):
            return None  # `by Ruiz’s aides`, `by Ruiz supporters`
        return Subject("name", clean_name(name_parts(seq[by + 1 : end + 1])), by + 1)
    return None


def addressed(seq: list[Item], mark: int) -> bool:
    """`Hale was asked, “...”`, `Aides were told: “...”`: a passive verb of asking or telling right before
    the comma or colon that opens the quote; its subject heard the words, someone else said them."""
    v = mark - 1
    if v < 1 or seq[v].lower not in ("asked", "told") or seq[mark].text not in (",", ":"):
        return False
    prev = skip_back(seq, v - 1)
    return prev >= 0 and seq[prev].lower in lx.BE_FORMS


def speech_verb(seq: list[Item], v: int) -> str | None:
    item = seq[v]
    if not item.is_word:
        return None
    lemma = lx.SPEECH_VERBS.get(item.lower)
    if lemma is None and item.lower in lx.MANNER_VERBS and item.text.islower():
        k = v - 1
        while k >= 0 and v - k <= 4 and seq[k].quote is None and is_name_word(seq[k].text):
            k -= 1  # `“...,” Blice sings to Clay`: the name between the quote and the verb
        k = _skip_article_adjective(seq, k) if k < v - 1 else k  # `“...,” an angry Hale retorted`
        after_quote = k >= 0 and (seq[k].quote is not None or _comma_after_quote(seq, k))
        after_quote = after_quote or (  # `as his friends jeered, “...”`: or right before one
            v + 2 < len(seq) and seq[v + 1].text in (",", ":") and seq[v + 2].quote is not None
        )
        return lx.MANNER_VERBS[item.lower] if after_quote else None  # `“Wow!” beamed Hart`, never `the sun beamed`
    if lemma is None or (item.text[0].isupper() and lemma != "according to" and not _opening_inversion(seq, v)):
        return None
    particle = lx.PARTICLE.get(lemma)
    if particle and (v + 1 >= len(seq) or seq[v + 1].lower != particle):
        return None
    if (
        item.lower == "state"
        and v + 1 < len(seq)
        and seq[v + 1].is_word
        and seq[v + 1].lower not in ("that", "the", "a", "an", "it", "this", "their", "his", "her", "its")
        and not _group_states(seq, v)
    ):
        return None  # `Kessel state delegate Mary Ann`, `state law`: a noun
    if (
        item.lower == "state"
        and (v + 1 == len(seq) or not seq[v + 1].is_word)
        and all(s.quote is None for s in seq[:v])
    ):
        return None  # `a heavily Harbor-voting state.`: the verb takes an object unless it follows its quote
    if item.lower == "written" and not any(w.lower in ("had", "has", "have") for w in seq[max(0, v - 3) : v]):
        return None  # `a book written by ...`: only `Hale had written` reports
    if item.lower == "think" and v + 1 < len(seq) and seq[v + 1].lower in ("tank", "tanks"):
        return None  # `the Acme Policy think tank`: a noun
    if item.lower == "called" and _names_a_thing(seq, v):
        return None  # `a super PAC called Harbor45`: a name, not speech
    if item.lower == "counsel" and v > 0 and seq[v - 1].lower in _COUNSEL_KINDS:
        return None  # `FBI general counsel Jim Bakely said`: a lawyer, not a verb
    if lemma == "go on" and v + 2 < len(seq) and seq[v + 2].is_word and seq[v + 2].lower not in ("to", "about"):
        return None  # `once the council goes on recess`: no speech
    if v > 0 and seq[v - 1].lower in _HYPOTHETICAL:
        return None  # `Copenhagen would ask the Commission to ...` reports no speech
    prev = skip_back(seq, v - 1)
    if prev >= 0 and seq[prev].quote is None:
        word = seq[prev].lower
        if item.lower in lx.NOUN_LIKE and v > 0 and seq[v - 1].text in lx.TITLES:
            return None  # `Republican claims`, `Democratic calls`: a noun after an adjective
        if item.lower in lx.NOUN_LIKE and v + 1 < len(seq) and seq[v + 1].lower == "of":
            return None  # `Republican claims of ...`: a noun
        if item.lower in lx.NOUN_LIKE and word in lx.DETERMINERS:
            return None
        if (
            item.lower in lx.NOUN_LIKE
            and prev >= 1
            and seq[prev].text.islower()
            and seq[prev - 1].lower in lx.DETERMINERS
        ):
            return None  # `her official pledge`
        if (
            item.lower in lx.NOUN_LIKE
            and seq[prev].text[0].isupper()
            and prev >= 1
            and (seq[prev - 1].lower in _COUNTING or seq[prev - 1].text.isdigit())
        ):
            return None  # "the Baltic states", "the Commission notes", "many Asian states", "22 Ruiz emails"
        if (
            item.lower in lx.NOUN_LIKE
            and item.lower.endswith("s")
            and prev >= 1
            and seq[prev].text.islower()
            and word not in lx.PRONOUNS
            and word not in lx.ADVERBS
            and word not in ("who", "that", "which")
            and seq[prev - 1].is_word
            and seq[prev - 1].text.islower()
            and seq[prev - 1].lower not in lx.DETERMINERS
            and not _determined(seq, prev - 1)
        ):
            return (
                None  # `voters remember campaign promises`: a noun after a noun, no subject (not `the new ad claims`)
            )
        if word in lx.BE_FORMS and not item.lower.endswith("ing"):
            return None  # passive: "Allies were told"
    return lemma


_QUANTIFIERS = {"many", "several", "some", "most", "few", "all", "both", "other", "two", "three", "four", "dozens"}
_COUNTING = frozenset(lx.DETERMINERS) | _QUANTIFIERS  # `the Baltic states`, `many Asian states`
_CROWDS = _QUANTIFIERS | {"others"}


def _counted_subject(seq: list[Item], v: int) -> bool:
    """`with many chanting`, `some shouting`: a quantifier right before a participle is its subject."""
    return seq[v - 1].lower in _CROWDS and seq[v - 2].lower in ("with", ",", "and", "as")


def _affiliation_and_person(seq: list[Item], j: int) -> Subject | None:
    """`Harbor News and former radio anchor Ana Ruiz has ...`: a name with no first name, `and former`,
    a role and a person's full name describe one person, the subject."""
    e = j
    while e < len(seq) and e - j < 4 and seq[e].quote is None and is_name_word(seq[e].text):
        e += 1
    if e == j or e + 2 >= len(seq) or seq[e].lower != "and" or seq[e + 1].lower not in ("former", "ex"):
        return None
    if lx.gender(" ".join(s.text for s in seq[j:e]), by_ending=False):
        return None  # `Ana Ruiz and former mayor Tom Hale`: two people
    k = e + 2
    while k < min(len(seq), e + 9):
        end = k
        while end < len(seq) and end - k < 4 and seq[end].quote is None and is_name_word(seq[end].text):
            end += 1
        if end > k + 1 and end < len(seq) and seq[end].is_word and seq[end].text.islower():
            name = clean_name([s.text for s in seq[k:end]])  # `... anchor Ana Ruiz has`, past `TV`
            return Subject("name", name, k) if lx.gender(name, by_ending=False) else None
        k = max(end, k + 1)
    return None


def _gerund_subject(seq: list[Item], j: int) -> Subject | None:
    """The name right before an earlier `-ing` verb that the participle after the comma at `j` goes on from."""
    for k in range(j - 1, max(0, j - 20), -1):
        if seq[k].quote is not None:
            return None
        if seq[k].is_word and seq[k].text.islower() and seq[k].lower.endswith("ing") and is_name_word(seq[k - 1].text):
            return _name_run_back(seq, k - 1)
    return None


def _unclosed_apposition(seq: list[Item], v: int) -> Subject | None:
    """`“...,” Ana Ruiz, the pollster who founded the site tweeted`: the apposition after the name right
    after the quote is never closed by a comma before the verb."""
    q = next((i for i in range(v - 1, max(-1, v - 16), -1) if seq[i].quote is not None or seq[i].text == ","), None)
    if q is None or seq[q].text != "," or q < 2 or seq[q + 1].lower not in ("the", "a", "an"):
        return None
    start = q
    while start - 1 >= 0 and q - start < 4 and seq[start - 1].quote is None and is_name_word(seq[start - 1].text):
        start -= 1
    if start == q or start == 0 or seq[start - 1].quote is None:
        return None
    return Subject("name", clean_name([s.text for s in seq[start:q]]), start)


def _that_clause_subject(seq: list[Item], j: int) -> Subject | None:
    """The name that opens the `that` clause `and` at `j` goes on in, with no comma or clause between."""
    t = next((i for i in range(j - 1, max(-1, j - 25), -1) if seq[i].lower in ("that", ",", ";", "who", "which")), None)
    if t is None or seq[t].lower != "that":
        return None
    end = t + 1
    while end < j and seq[end].quote is None and is_name_word(seq[end].text) and end - t <= 3:
        end += 1
    if end == t + 1 or end >= j or not (seq[end].is_word and seq[end].text.islower()):
        return None
    return Subject("name", clean_name([s.text for s in seq[t + 1 : end]]), t + 1)


def _name_before_title(seq: list[Item], j: int) -> Subject | None:
    """`As Ben Cho, author of “The Quiet Valley,” put it`: a title closes the apposition after the name."""
    comma = next((c for c in range(j - 2, max(0, j - 16), -1) if seq[c].text == "," or seq[c].quote is not None), None)
    if comma is None or seq[comma].text != "," or not is_name_word(seq[comma - 1].text):
        return None
    return _name_run_back(seq, comma - 1)


def _skip_article_adjective(seq: list[Item], k: int) -> int:
    """Back over `an angry` or `the` before a name."""
    if k >= 1 and seq[k].is_word and seq[k].text.islower() and seq[k - 1].lower in ("a", "an", "the"):
        return k - 2
    return k - 1 if k >= 0 and seq[k].lower == "the" else k


def _comma_after_quote(seq: list[Item], j: int) -> bool:
    return j > 0 and seq[j].text == "," and seq[j - 1].quote is not None


def _determined(seq: list[Item], k: int) -> bool:
    """A determiner opens the run of lower-case words that ends at `k` (`the new ad`)."""
    for i in range(k, max(-1, k - 3), -1):
        if (
            seq[i].quote is not None
            or not seq[i].is_word
            or not seq[i].text.islower()
            and seq[i].lower not in lx.DETERMINERS
        ):
            return False
        if seq[i].lower in lx.DETERMINERS:
            return True
    return False


def _group_states(seq: list[Item], v: int) -> bool:
    """`“...,” the Danes state in the paper`: `state` after a quote and a plural group is a verb."""
    if v < 3 or seq[v + 1].lower not in ("in", "on") or seq[v - 2].lower != "the" or not seq[v - 1].lower.endswith("s"):
        return False
    return seq[v - 3].quote is not None or (v >= 4 and seq[v - 3].text == "," and seq[v - 4].quote is not None)


def _opening_inversion(seq: list[Item], v: int) -> bool:
    """`Said Ellis: “...”`, `Added the senator, “...”`: a sentence that opens with the verb."""
    return (
        v == 0
        and seq[0].text in ("Said", "Says", "Added", "Adds", "Asked", "Wrote")
        and len(seq) > 1
        and seq[1].quote is None
        and (is_name_word(seq[1].text) or seq[1].lower in ("the", "a", "an"))
    )


def skip_back(seq: list[Item], j: int) -> int:
    while j >= 0 and seq[j].is_word and skippable(seq[j].text):
        j -= 1
    return j


def skippable(word: str) -> bool:
    w = word.lower()
    return word.islower() and (w in lx.ADVERBS or w in lx.AUXILIARIES or (w.endswith("ly") and len(w) > 4))


_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def _skip_time(seq: list[Item], j: int) -> int:
    """`Hale, the party's leader, on Tuesday called ...`: the time phrase before the verb is skipped."""
    k = j
    if k >= 0 and seq[k].lower in ("night", "morning", "afternoon", "evening") and k >= 1:
        k -= 1
    if k >= 1 and seq[k].lower in _WEEKDAYS and seq[k - 1].lower in ("on", "last", "this", "later", "earlier", "late"):
        return skip_back(seq, k - 2)
    return j


def _subject_before(seq: list[Item], v: int, depth: int = 0) -> Subject | None:
    j = _skip_time(seq, skip_back(seq, v - 1))
    if j > 0 and seq[v].lower.endswith("ing") and seq[j].lower in lx.BE_FORMS:
        j = skip_back(seq, j - 1)  # `Ana Costa is calling it ...`
    if j >= 2 and seq[j].quote is not None and depth == 0 and seq[j - 1].lower in ("of", "titled"):
        return _name_before_title(seq, j)
    if j < 0 or seq[j].quote is not None:
        return None
    tok = seq[j]
    if tok.lower == "having":
        return None  # `Having said that, ...`: a perfect participle, whose subject is the main clause's
    if tok.text == ")" and depth == 0:
        opening = next((o for o in range(j - 1, max(-1, j - 40), -1) if seq[o].text == "("), None)
        return _subject_before(seq, opening, depth=1) if opening else None  # `Ben (who advised ...) says`
    if depth == 0 and _is_dash(seq, j):
        return _dash_apposition(seq, j)
    if tok.text == "," and depth == 0 and seq[v].lower.endswith("ing") and seq[v].lower != "according":
        subject = sentence_subject(seq)  # `Vance, in an interview, softened his tone, describing ...`
        if subject and subject.pos < j and subject.label.lower() not in ("i", "we"):
            return subject
        gerund = _gerund_subject(seq, j)
        if gerund:
            return gerund  # `I remember Tom Hale going on air, declaring “...”`: Hale declares
        if subject and subject.pos < j:
            return subject
        if _finite_clause_before(seq, j):
            return None  # `..., when Lund fishermen drowned her out, chanting`: not a name before it
    if tok.text == "," and depth == 0 and j > 0 and seq[j - 1].text == ")":
        opening = next((o for o in range(j - 2, max(-1, j - 10), -1) if seq[o].text == "("), None)
        label = opening and all(
            not (w.is_word and w.text.islower()) and w.quote is None for w in seq[opening + 1 : j - 1]
        )
        if opening and label and is_name_word(seq[opening - 1].text) and seq[opening - 1].quote is None:
            return _subject_before(seq, opening, depth=1)  # `state Del. Ann Oaks (D-Rivertown), shouted`
    if tok.text == "," and depth == 0:
        return _apposition_head(seq, v, j) or _subject_across_comma(seq, j)
    if tok.lower in lx.PRONOUNS and (tok.text.islower() or j == 0):
        return Subject("pronoun", tok.lower, j)
    if is_name_word(tok.text):
        subject = _name_run_back(seq, j)
        before = subject.pos - 1 if subject else -1
        if before > 0 and seq[before].lower in ("our", "their", "its", "his", "her"):
            before -= 1  # `chairman of Our Values Pac`
        with_the = seq[before].lower == "the" and before > 0 and seq[before - 1].lower == "with"
        if subject and before >= 0 and seq[before].lower in _OBJECT_BEFORE and depth == 0 and not with_the:
            if seq[v].lower.endswith("ing") and subject.pos > 1 and seq[subject.pos - 2].lower in RECORDINGS:
                return subject  # `footage of Clay asking, “...”`: the one recorded speaks
            if seq[v].lower.endswith("ing"):  # `wrote a letter to Mayor Lund asking ...`: Lund asks nothing
                main = sentence_subject(seq)
                return main if main and main.pos < subject.pos else None
            head = _apposition_head(seq, v, v)  # `Ana Costa, president of Acme Union stated`
            if head and head.pos < subject.pos:
                return head
        role = _role_before_object(seq, subject) if subject and depth == 0 else None
        return role or subject
    if possessive(tok.text) and tok.text[0].isupper() and j > 0 and seq[j - 1].is_word and is_role(seq[j - 1].text):
        return Subject("name", tok.text, j)  # `the ratings agency Moody’s said`: a name that ends like a possessive
    if tok.text.islower() and is_role(tok.text):
        role = _role_back(seq, j)
        if depth == 0 and seq[v].lower.endswith("ing") and role.pos > 0 and seq[role.pos - 1].lower in _TO_OBJECTS:
            main = sentence_subject(seq)  # `sent a text to volunteers saying: “...”`: they say nothing
            return main if main and main.pos < role.pos else None
        return role
    if tok.text.islower() and tok.is_word and depth == 0 and seq[v].lower not in lx.NOUN_LIKE:
        framed = _subject_before_phrase(seq, j) or _unclosed_apposition(seq, v)
        if framed:
            return framed
    if tok.lower == "as" and seq[v].lower == "saying" and j >= 2 and seq[j - 1].lower == "quoted":
        k = skip_back(seq, j - 2)  # `Brayson is quoted as saying`, `Brayson was quoted as saying`
        if k >= 0 and seq[k].lower in lx.BE_FORMS:
            k = skip_back(seq, k - 1)
        return _name_run_back(seq, k) if k >= 0 and seq[k].quote is None and is_name_word(seq[k].text) else None
    if tok.lower == "to" and depth == 0 and not seq[v].lower.endswith("ing"):
        return _infinitive_subject(seq, j)
    if tok.lower in ("and", "but") and depth == 0:
        inner = _that_clause_subject(seq, j)
        if inner:
            return inner  # `... such a force that Hale thanked them “...” and called it “...”`
        subject = sentence_subject(seq)  # `The bank left rates unchanged and said that ...`
        return subject if subject and subject.pos < j else None
    return None


_CLAUSE_STARTS = {",", "with", "that", "and", "but", "as", "when", "while", "after", "before", "so", "because"}
_PREPOSITIONS = {"to", "on", "at", "in", "from", "with", "for", "by", "into", "onto"}


def _subject_before_phrase(seq: list[Item], j: int) -> Subject | None:
    """`when Brandt in his budget speech called them “...”`: a phrase in, at or during something
    between the subject and its verb."""
    k = j
    while k > 0 and j - k < 4 and seq[k].is_word and seq[k].text.islower() and seq[k].lower not in _FRAMES:
        if seq[k].lower in ("to", "and", "or", "that", "who", "which") or seq[k].lower.endswith("ing"):
            return None  # a verb or a clause of its own, not a phrase
        k -= 1
    if (
        k < 1
        or seq[k].lower not in _FRAMES
        or k == j
        or seq[k - 1].quote is not None
        or not is_name_word(seq[k - 1].text)
    ):
        return None
    subject = _name_run_back(seq, k - 1)
    if (
        subject is None
        or subject.kind != "name"
        or (subject.pos > 0 and seq[subject.pos - 1].lower not in _CLAUSE_STARTS)
    ):
        return None
    return subject


_FRAMES = {"in", "at", "during"}


def _infinitive_subject(seq: list[Item], to: int) -> Subject | None:
    """`Ruiz was prompted to say`, `with Pike taking to Twitter to call Dunst “...”`: the subject of
    the clause the infinitive hangs on, when only its verb (and a preposition's object) come between;
    not `urged Ruiz to call it ...`, whose Ruiz is an object."""
    k = to - 1
    verbs = 0
    while k >= 0 and to - k <= 7 and seq[k].quote is None and seq[k].is_word:
        word = seq[k]
        if word.text.islower():
            if word.lower in _HYPOTHETICAL or (
                word.lower in _DESCRIPTOR_STOPS - lx.BE_FORMS - _PREPOSITIONS and word.lower not in lx.AUXILIARIES
            ):
                return None  # `Ruiz would do well to start “...”`: nothing said
            verbs += word.lower not in _PREPOSITIONS
            k -= 1
            continue
        end = k
        while end + 1 < to and is_name_word(seq[end + 1].text):
            end += 1
        absolute = seq[k - 1].lower == "with" and seq[end + 1].lower.endswith("ing")  # `with Lewis taking`
        if k > 0 and seq[k - 1].lower in _PREPOSITIONS and not absolute:
            k -= 2  # `to Twitter`, `on CNN`
            continue
        break
    if k < 0 or not verbs or not seq[k].is_word or not is_name_word(seq[k].text):
        return None
    subject = _name_run_back(seq, k)
    before = seq[subject.pos - 1] if subject and subject.pos > 0 else None
    if subject is None or subject.kind != "name" or (before is not None and before.lower not in _CLAUSE_STARTS):
        return None
    return subject


def _finite_clause_before(seq: list[Item], j: int) -> bool:
    """The words between the comma at `j` and the comma before it hold a clause (a subject and its verb:
    `when protesters interrupted her speech`), not an apposition (`a senior fellow at Acme`)."""
    c = j - 1
    while c >= 0 and j - c <= 15 and seq[c].quote is None and seq[c].text != ",":
        c -= 1
    between = seq[c + 1 : j]
    return any(
        b.is_word and b.text.islower() and (b.lower.endswith("ed") or b.lower in lx.BE_FORMS) for b in between[1:]
    ) and not any(b.lower in ("who", "which", "whose") for b in between[:2])


_DASHES = {"--", "—", "–", "―"}


def _is_dash(seq: list[Item], k: int) -> bool:
    """A dash that sets off a phrase: `—`, `--`, or a hyphen with spaces around it."""
    item = seq[k]
    if item.text in _DASHES:
        return True
    if item.text != "-" or k == 0 or k + 1 >= len(seq):
        return False
    return (
        seq[k - 1].text == "-"
        or seq[k + 1].text == "-"
        or (seq[k - 1].end < item.start and item.end < seq[k + 1].start)
    )


def _dash_apposition(seq: list[Item], j: int) -> Subject | None:
    """`A former candidate -- John Mast, who lost in 2008 -- said ...`: the name between the dashes, or
    the subject before them."""
    if seq[j - 1].text == "-":
        j -= 1  # `--` as two tokens
    opening = next((o for o in range(j - 1, max(-1, j - 25), -1) if _is_dash(seq, o)), None)
    if opening is None or any(seq[i].quote is not None for i in range(opening, j)):
        return None
    if opening > 0 and seq[opening - 1].text == "-":
        opening -= 1
    if opening + 1 < j and seq[opening + 1].text == "-":
        opening += 1
    k = opening + 1
    while k < j and k - opening <= 4 and is_name_word(seq[k].text):
        k += 1
    if k > opening + 1 and (k == j or seq[k].text == ","):
        parts = name_parts(seq[opening + 1 : k])
        if len(parts) > 1 or lx.gender(parts[0]):
            return Subject("name", clean_name(parts), opening + 1)
    return _subject_before(seq, opening, depth=1)


_TO_OBJECTS = {"of", "to", "at", "for", "from", "by", "on"}
RECORDINGS = {"footage", "video", "videos", "audio", "clip", "clips", "recording", "tape", "images", "film"}
_OBJECT_BEFORE = {"of", "to", "at", "for", "from", "by", "on", "the"}  # not `with X telling ...`: X tells
_ROLE_PREPOSITIONS = {"of", "at", "for", "from", "in", "inside", "on", "with", "to"}


def _role_before_object(seq: list[Item], subject: Subject) -> Subject | None:
    """`One operative inside Acme Tower said`, `The senator from Ohio said`: the name is the object
    of a preposition after a role, and the role (with its phrase) is the subject."""
    p = subject.pos - 1
    if p >= 0 and seq[p].lower == "the":
        p -= 1
    if p < 1 or seq[p].lower not in _ROLE_PREPOSITIONS or not seq[p].text.islower():
        return None
    r = p - 1
    if seq[r].quote is not None or not seq[r].is_word or not seq[r].text.islower() or not is_role(seq[r].text):
        return None
    role = _role_back(seq, r)
    opener = role.pos - 1
    if opener >= 0 and seq[opener].quote is None and seq[opener].lower in _ROLE_DETERMINERS:
        opener -= 1
    if opener >= 0 and seq[opener].quote is None and seq[opener].is_word:
        return None  # `... wrote a letter to Mayor Lund`: the role is no subject either
    return role


def _long_apposition(seq: list[Item], s: int) -> Subject | None:
    """`“...,” Tom Hale, the president of ..., a group that ... (forty words and more), said`: the
    name right after the quote, set off by a comma, when the quote is within eighty items."""
    q = s
    while q >= 0 and seq[q].quote is None and s - q < 40:
        q -= 1
    if q < 0 or seq[q].quote is None:
        return None
    k = q + 1
    while k < s and k - q <= 5 and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    if k == q + 1 or seq[k].text != "," or all(seq[i].text.rstrip(".") in lx.TITLES for i in range(q + 1, k)):
        return None
    return Subject("name", clean_name(name_parts(seq[q + 1 : k])), q + 1)


def _apposition_head(seq: list[Item], v: int, j: int) -> Subject | None:
    """`“...,” Mr. Hale, now 81 and retired in Dover, Del., said`: the name that opens the clause,
    before its apposition, is the subject (not the last name inside the apposition)."""
    s = v - 1
    while s >= 0 and (seq[s].quote is None or _inner_quote(seq, s)) and v - s < 40:
        s -= 1
    if s >= 0 and seq[s].quote is None and j == v - 1 and seq[j].text == ",":
        far = _long_apposition(seq, s)
        if far is not None:
            return far
    starts = [s + 1] + [i + 1 for i in range(s + 1, j) if seq[i].text == ","]  # the clause may follow an opening phrase
    for start in reversed(starts):
        if start > s + 1 and any(seq[i].lower in ("who", "whose", "which") for i in range(s + 1, start)):
            continue  # `Mr. Tolley, whose venture, Keelworks, uses ...`: a name inside a relative clause
        k = start
        while k < j and k - start < 5 and is_name_word(seq[k].text) and seq[k].quote is None:
            k += 1
        if start == s + 1 and s >= 0 and k < j and seq[k].is_word and seq[k].text.islower():
            described = described_name(seq, start, reach=8)  # `“...,” Texas delegate Bill Eastman, wearing ..., said`
            if described and _comma_follows_name(seq, described.pos):
                return described
        end = k
        if k < j and k > start and seq[k].text == "(":  # `Rep. Jim Fenn (R-Ohio), a panel member, said`
            k = next((c + 1 for c in range(k + 1, min(j, k + 8)) if seq[c].text == ")"), j)
        if end == start or k >= j or seq[k].text != ",":
            continue
        parts = name_parts(seq[start:end])
        if all(p.rstrip(".") in lx.TITLES or p in lx.INSTITUTIONS for p in parts) or parts[-1] in lx.INSTITUTIONS:
            continue
        if start == 0 and _opening_adverb(parts) and k + 1 < j and is_name_word(seq[k + 1].text):
            continue  # `Domestically, Ana Ruiz, who ...`: an adverb opens the sentence
        inserted = k + 1 < j and (
            seq[k + 1].lower in ("at", "of", "who", "whose", "a", "an") or seq[k + 1].text.isdigit()
        )
        if start > s + 1 and not (len(parts) > 1 or lx.gender(parts[0], by_ending=False) or inserted):
            continue  # after an opening phrase, only a full name: not `..., Ohio, ...`, `..., Paradata, ...` (but `Pantucci, at Rusi, said`)
        return Subject("name", clean_name(parts), start)
    return None


def _opening_adverb(parts: list[str]) -> bool:
    """`Domestically`, `Separately`: one long capitalised word in -ly that is no first name (nor a surname
    such as `Donnelly`)."""
    if len(parts) != 1 or len(parts[0]) < 7 or not parts[0].endswith("ly"):
        return False
    word = parts[0]
    return (word.endswith("ally") or not word.endswith("lly")) and lx.gender(word, by_ending=False) is None


def _dateline_end(seq: list[Item]) -> int:
    """Where the sentence starts after a dateline: a place (and an agency in brackets) and a dash."""
    if not seq or not seq[0].is_word or not seq[0].text[:1].isupper():
        return 0
    for k in range(1, min(len(seq) - 1, 10)):
        item = seq[k]
        if item.text in ("—", "–", "-", "--", "―"):
            return k + 1 if k > 0 and seq[k + 1].is_word and seq[k + 1].text[:1].isupper() else 0
        if item.quote is not None or (item.is_word and not item.text[:1].isupper() and not item.text[:1].isdigit()):
            return 0
    return 0


_AGE = re.compile(r"\d+-year-old")
_LEADING_WORDS = {
    "and",
    "but",
    "so",
    "yet",
    "now",
    "then",
    "still",
    "meanwhile",
    "instead",
    "also",
    "thus",
    "here’s",
    "here's",
}


def _inner_quote(seq: list[Item], s: int) -> bool:
    """`wearing a hat and “Vote Lee” pins`: a short quote inside a phrase (a word before and after it)."""
    return (
        0 < s < len(seq) - 1
        and seq[s - 1].is_word
        and seq[s - 1].text.islower()
        and seq[s + 1].is_word
        and seq[s].end - seq[s].start <= 40
    )


def sentence_subject(seq: list[Item]) -> Subject | None:
    """The name or role the sentence opens with (after an article): its grammatical subject."""
    dateline = _dateline_end(seq)
    if dateline:  # `Portby (HNS) - Dana Pike said ...`, `DOVER FALLS, Me. - Gov. Mike Tarn ...`
        subject = sentence_subject(seq[dateline:])
        return Subject(subject.kind, subject.label, subject.pos + dateline, subject.via) if subject else None
    j = 1 if seq and seq[0].lower in ("the", "a", "an") else 0
    if j < len(seq) and _AGE.fullmatch(seq[j].lower):
        j += 1  # `68-year-old Harriet Moss, founder of ..., endorsed ...`
    if j >= len(seq) or seq[j].quote is not None:
        return None
    if (
        j == 0
        and seq[0].lower in _LEADING_WORDS
        and len(seq) > 2
        and seq[1].quote is None
        and is_name_word(seq[1].text)
    ):
        subject = sentence_subject(seq[1:])  # `And Mr. Brisk gloated: “...”`, `Now Tom Wade, the nominee, is ...`
        return Subject(subject.kind, subject.label, subject.pos + 1, subject.via) if subject else None
    affiliated = _affiliation_and_person(seq, j)
    if affiliated:
        return affiliated  # `Harbor News and former radio anchor Ana Ruiz has ...`: one person
    described = described_name(seq, j, opens=True) if is_name_word(seq[j].text) else None
    if described:
        return described  # `Union campaign manager Rob Tully told ...`
    counted = _counted_role(seq) if j == 0 else None
    if counted:
        return counted  # `One early backer, Rep. Lee Zell, said`
    opener = seq[0].text in lx.STOP_CAPS and seq[0].lower not in lx.PRONOUNS and seq[0].lower not in lx.DETERMINERS
    # `Hours later, Hale ...`, `Days ago, ...`: a capitalised common word before a time adverb opens a phrase
    opener = opener or (len(seq) > 2 and seq[1].lower in ("later", "earlier", "ago", "after", "before"))
    opener = opener or (len(seq) > 3 and seq[2].lower in ("later", "earlier", "ago"))  # `Eight years ago, ...`
    # `Chastened by the reviews, Wade revised ...`: a participle opens the sentence
    opener = opener or (
        seq[0].lower.endswith("ed") and len(seq) > 2 and seq[1].lower in ("by", "with", "about", "over")
    )
    if (
        j == 0
        and len(seq) > 1
        and (opener or seq[0].lower.endswith(("ing", "ly")) and (seq[1].text.islower() or seq[1].text == ","))
    ):
        # `Continuing to explain, Ruiz rejected ...`: the subject follows the opening phrase (or the
        # next one: `Speaking in Ohio, where the race is close, Ruiz said ...`)
        first: Subject | None = None
        for comma in range(1, min(len(seq), 30)):
            if seq[comma].quote is not None:
                return first
            if seq[comma].text != ",":
                continue
            subject = sentence_subject(seq[comma + 1 :])
            if subject:
                subject = Subject(subject.kind, subject.label, subject.pos + comma + 1)
                if not _comma_follows_name(seq, subject.pos):
                    return subject
                # `Speaking in Salem, New Hampshire, Hale said`: a place in the opening phrase
                first = first or subject
            if comma >= 14:
                return first
        return first
    if (
        possessive(seq[j].text)
        and seq[j].text[0].isupper()
        and j + 2 < len(seq)
        and seq[j + 1].text.rstrip(".") in lx.TITLES
        and seq[j + 1].quote is None
    ):
        k = j + 1  # `Germany’s Chancellor Ada Lind`: the name after the possessor and the title
        while k < len(seq) and k - j < 6 and seq[k].quote is None and is_name_word(seq[k].text):
            k += 1
        run = [s.text for s in seq[j + 1 : k]]
        if run and not all(w.rstrip(".") in lx.TITLES for w in run):
            return Subject("name", clean_name(run), j + 1)
    if possessive(seq[j].text) and seq[j].text[0].isupper():
        return _possessed_role(seq, j)  # `Wilde’s campaign shrugged off ...`
    if is_name_word(seq[j].text):
        k = j
        while k + 1 < len(seq) and seq[k + 1].quote is None and is_name_word(seq[k + 1].text):
            k += 1
        if (
            k + 2 < len(seq)
            and seq[k + 1].lower == "of"
            and all(w.text.rstrip(".") in lx.TITLES for w in seq[j : k + 1])
            and is_name_word(seq[k + 2].text)
        ):
            k += 2  # `Former Secretary of State Ann Hale`
            while k + 1 < len(seq) and seq[k + 1].quote is None and is_name_word(seq[k + 1].text):
                k += 1
        if k + 1 < len(seq) and (possessive(seq[k + 1].text) or seq[k + 1].text == "’"):
            return _possessed_role(seq, j)
        run = [s.text for s in seq[j : k + 1]]
        if (
            j == 1
            and k + 1 < len(seq)
            and seq[k + 1].text in lx.ROLE_NOUNS
            and seq[k + 1].text not in lx.INSTITUTION_NOUNS
        ):
            return Subject("role", " ".join([*run, seq[k + 1].text]), j)  # `The Ohio senator sought ...`
        if all(w.rstrip(".") in lx.TITLES for w in run) and k + 1 < len(seq) and seq[k + 1].text.islower():
            return None  # `The Danish fleet`: an adjective before a noun
        joint = _joined_name(seq, k)
        if joint:
            return Subject("name", f"{clean_name(run)} and {joint}", j)  # `Ruiz and Hale issued a statement`
        return Subject("name", clean_name(run), j)
    for k in range(j, min(j + 4, len(seq))):
        if not (seq[k].is_word and seq[k].text.islower()) or seq[k].lower in _NOT_DESCRIPTORS | FUNCTION_WORDS:
            break  # `told investors`: a verb and its object, no subject
        if seq[k].lower in WH_WORDS | _CLAUSE_OPENERS:
            break  # `when my mother mentioned it, I said`: a clause, not the subject
        if is_role(seq[k].text):
            return _named_after_clause(seq, k) or Subject("role", " ".join(s.text for s in seq[j : k + 1]), j)
    return None


def _joined_name(seq: list[Item], k: int) -> str | None:
    """`Ruiz and Hale issued ...`: a second name joined by `and` to the name ending at `k`, with the verb
    right after it: both are the subject."""
    if k + 2 >= len(seq) or seq[k + 1].lower != "and" or seq[k + 2].quote is not None:
        return None
    m = k + 2
    while m < len(seq) and m - k < 7 and seq[m].quote is None and is_name_word(seq[m].text):
        m += 1
    if m == k + 2 or m >= len(seq) or not seq[m].is_word or not seq[m].text.islower() or possessive(seq[m - 1].text):
        return None
    if seq[m].lower in FUNCTION_WORDS or all(w.text.rstrip(".") in lx.TITLES for w in seq[k + 2 : m]):
        return None
    return clean_name([w.text for w in seq[k + 2 : m]])


def _named_after_clause(seq: list[Item], k: int) -> Subject | None:
    """`The clerk I spoke with, Tim Grove, stood up ...`: a short clause after the role, then the
    person's name between commas."""
    comma = next(
        (c for c in range(k + 2, min(len(seq), k + 8)) if not seq[c].is_word or seq[c].quote is not None), None
    )
    if comma is None or seq[comma].text != "," or seq[k + 1].text.islower():
        return None  # `The clerk, Tim Grove, ...` is named elsewhere; only a clause opening with `I` or a name
    end = comma + 1
    while end < len(seq) and end - comma <= 4 and seq[end].quote is None and is_name_word(seq[end].text):
        end += 1
    if end - comma < 3 or end >= len(seq) or seq[end].text != ",":
        return None
    name = clean_name([s.text for s in seq[comma + 1 : end]])
    return Subject("name", name, comma + 1) if lx.gender(name, by_ending=False) else None


_CLAUSE_OPENERS = {"while", "as", "if", "because", "after", "before", "since", "although", "though", "once", "until"}


_COUNTS = {"one", "another", "two", "three", "four", "five", "several", "some", "many"}


def _counted_role(seq: list[Item]) -> Subject | None:
    """`One early supporter, Rep. Lee Zell, Republican of Ohio, said`: a counted role, then the
    person's name between commas, opens the sentence."""
    if len(seq) < 5 or seq[0].lower not in _COUNTS or not seq[1].text.islower():
        return None
    comma = next((c for c in range(1, min(len(seq), 6)) if not seq[c].is_word or seq[c].quote is not None), None)
    if comma is None or seq[comma].text != "," or not any(is_role(w.text) for w in seq[1:comma]):
        return None
    named = described_name(seq, comma + 1) or _bounded_name(seq, comma + 1)
    if named is None or not _comma_follows_name(seq, named.pos):
        return None
    return named


_PEOPLE_NOUNS = {"woman", "man", "team", "camp", "people", "staff"}


def _possessed_role(seq: list[Item], j: int) -> Subject | None:
    """`Rina Clay’s right-hand woman rallied ...`, `Wilde’s campaign shrugged off ...`: a person's
    campaign, office or aide as the subject (a role that names its owner), a verb after it."""
    k = j
    while k < len(seq) and k - j < 4 and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    if k < len(seq) and seq[k].text == "’" and k > j:
        k += 1  # `Jones’ campaign`: the tokenizer leaves the apostrophe apart
    elif k < len(seq) and seq[k].quote is None and possessive(seq[k].text) and seq[k].text[0].isupper():
        k += 1
    else:
        return None
    start = k
    end = k
    while end < len(seq) and end - k < 4 and seq[end].quote is None and is_name_word(seq[end].text):
        end += 1
    if end - k >= 2 and lx.gender(seq[k].text, by_ending=False) and not (end < len(seq) and possessive(seq[end].text)):
        return Subject("name", clean_name(name_parts(seq[k:end])), k)  # `The Harbor Gazette’s Lia Frost provided ...`
    while k < len(seq) and k - start < 3 and seq[k].is_word and seq[k].text.islower():
        if seq[k].lower in _DESCRIPTOR_STOPS or seq[k].lower in _NOT_DESCRIPTORS:
            return None
        if is_role(seq[k].text) or seq[k].lower in _PEOPLE_NOUNS:
            nxt = seq[k + 1] if k + 1 < len(seq) else None
            if nxt is None or not (nxt.is_word and nxt.text.islower()) or nxt.lower in ("of", "for", "at", "to"):
                return None  # `Ryan’s campaign manager ...`, `Ryan’s office of ...`: not the end of the phrase
            return Subject("role", " ".join(s.text for s in seq[j : k + 1]), j)
        k += 1
    return None


#: Words that end a description before its role noun: a verb of saying, an auxiliary, a relative.
_NOT_DESCRIPTORS = (
    {w for w in lx.SPEECH_VERBS if w.endswith("ed") and w != "alleged"}
    | {"said", "says", "told", "tells", "wrote", "writes", "spoke", "thought"}
    | lx.BE_FORMS
    | lx.AUXILIARIES
    | {"who", "which", "that", "whose"}
)


def _subject_across_comma(seq: list[Item], j: int) -> Subject | None:
    """`Dan, however, says` or `Ian Brzezinski, a senior fellow, says`."""
    c = j - 1
    while c >= 0 and j - c <= 15 and seq[c].quote is None and seq[c].text != ",":
        c -= 1
    if c < 0 or seq[c].text != "," or seq[c].quote is not None:
        return None
    between = seq[c + 1 : j]
    if between and all(b.is_word and skippable(b.text) for b in between):
        return _subject_before(seq, c, depth=1)
    if _two_names(between):  # `Two aides, Ana Ruiz and Ben Cho, said`: both, never one of them
        return Subject("name", " ".join(b.text for b in between), c + 1)
    run = between
    if any(b.lower == "of" for b in between):  # `The chair, Tomás Echeverría of Chile, told`
        run = between[: next(i for i, b in enumerate(between) if b.lower == "of")]
    tail = len(run)
    while tail > 0 and is_name_word(run[tail - 1].text):
        tail -= 1  # `The council’s president, Jamaican diplomat Corinne Whyte, said`
    lead = run[:tail]
    described = all(b.is_word and b.lower not in FUNCTION_WORDS for b in lead) and (
        not lead or any(is_role(b.text) for b in lead)
    )
    if tail < len(run) and len(run) - tail <= 4 and len(between) <= 8 and described:
        if not lead and c >= 1 and seq[c - 1].quote is None and is_name_word(seq[c - 1].text):
            place = _name_run_back(seq, c - 1)  # `a woman in Dover, Delaware, told`: the woman, not the state
            if place and place.kind == "role":
                return place
        return Subject("name", clean_name([b.text for b in run[tail:]]), c + 1 + tail)
    if between and (between[0].lower in ("who", "which") or between[0].text.isdigit()):
        subject = sentence_subject(seq)  # `Marguerite Lavoie, 54, who runs a startup, said`
        if subject and subject.pos < c:
            return subject
    k = c - 1
    if k >= 0 and is_name_word(seq[k].text):
        return _name_run_back(seq, k)
    return _role_phrase_before(seq, c)


def _two_names(run: list[Item]) -> bool:
    """`Ana Ruiz and Ben Cho`, `Ana and Ben Ruiz`: names joined by `and`, nothing else."""
    joins = [i for i, b in enumerate(run) if b.lower == "and"]
    return (
        len(joins) == 1
        and 0 < joins[0] < len(run) - 1
        and all(b.quote is None and is_name_word(b.text) for i, b in enumerate(run) if i != joins[0])
        and not all(b.text.rstrip(".") in lx.TITLES for b in run[: joins[0]])
    )


def _role_phrase_before(seq: list[Item], c: int) -> Subject | None:
    """`The head of Ireland’s grid operator, asked ..., said`: a role phrase opening the sentence."""
    k = c - 1
    while k >= 0 and c - k <= 9 and seq[k].quote is None and seq[k].text not in (",", ";", ":"):
        k -= 1
    phrase = [s.text for s in seq[k + 1 : c]]
    if k >= 0 or not phrase or phrase[0].lower() not in lx.DETERMINERS:
        return None
    if not any(is_role(w) and w.islower() for w in phrase[1:]):
        return None
    return Subject("role", " ".join(phrase[1:]), 0)


def _subject_after(seq: list[Item], v: int, lemma: str) -> Subject | None:
    j = v + 1 + (1 if lemma in lx.PARTICLE else 0)
    while j < len(seq) and seq[j].quote is None and seq[j].lower in lx.OBJECT_WORDS:
        j += 1
    if j >= len(seq) or seq[j].quote is not None or seq[j].lower in ("of", "about", "that"):
        return None  # `said of Mr. Hale`: whom it was said about
    tok = seq[j]
    if tok.text == "Will" and j == v + 1 and j + 1 < len(seq) and seq[j + 1].quote is None:
        rest = _bounded_name(seq, j + 1) if is_name_word(seq[j + 1].text) else None
        if rest is not None and rest.kind == "name" and rest.pos == j + 1 and " " not in rest.label:
            return Subject("name", f"Will {rest.label}", j)  # `said Will Dorn, a professor`: a first name
    if (
        lemma == "according to"
        and tok.lower in ("a", "an", "the")
        and j + 3 < len(seq)
        and seq[j + 2].lower in ("from", "by", "of")
        and seq[j + 1].text.islower()
    ):
        return _subject_after(seq, j + 1, "according to")  # `according to a statement from the WHO`
    if tok.lower == "the" and j + 1 < len(seq) and seq[j + 1].quote is None and is_name_word(seq[j + 1].text):
        j, tok = j + 1, seq[j + 1]  # `according to the WHO secretariat`, `says the Kremlin spokesman`
    if (
        possessive(tok.text)
        and tok.text[0].isupper()
        and j + 1 < len(seq)
        and seq[j + 1].quote is None
        and (is_name_word(seq[j + 1].text) or seq[j + 1].text.islower())
    ):
        j, tok = j + 1, seq[j + 1]  # `noted NBC’s Dante Ruffo`, `said Acme’s chief executive Dan Ives`
    if tok.lower in ("he", "she", "they") and tok.text.islower():
        return Subject("pronoun", tok.lower, j)
    described = described_name(seq, j)
    if described:
        return described
    after_quote = (
        v >= 2 and seq[v - 1].text == "," and seq[v - 2].quote is not None or v >= 1 and seq[v - 1].quote is not None
    )
    if after_quote:  # `“...,” said retired harbour pilot Ben Okafor`, `“...,” added another Kessel Democrat`
        inverted = _inverted_subject(seq, j)
        if inverted:
            return inverted
    if is_name_word(tok.text):
        k = j
        while k + 1 < len(seq):
            if is_name_word(seq[k + 1].text) or seq[k + 1].text in lx.PARTICLES:
                k += 1
            elif dutch_particle(seq, k + 1):
                k += dutch_particle(seq, k + 1)  # `Sophie van ’t Berg`
            elif (
                seq[k].text in lx.INSTITUTIONS
                and seq[k + 1].lower == "of"
                and k + 2 < len(seq)
                and seq[k + 2].quote is None
                and is_name_word(seq[k + 2].text)
            ):
                k += 2  # `said the Federation of Pilots`
            elif nickname_at(seq, k + 1):
                k += 4  # `Margaret “Peg” Holloway`
            else:
                break
        if possessive(seq[k].text) or _clause_follows(seq, k + 1):
            return None  # `said Hale would win`: Hale is the subject of what was said
        parts = name_parts(seq[j : k + 1])
        if "of" in parts and not _clause_follows(seq, k + 1):
            return Subject("name", " ".join(parts), j)  # `the Harbor Federation of Pilots`: the whole name
        named = _second_office(seq, parts, k + 1)
        if named:
            return named
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
        capitals = 0  # `“...,” said one unaffiliated Kessel Republican organizer`: capitalised words in the description
        for k in range(j + 1, min(j + 8, len(seq))):
            if k - j - capitals > 4:
                break
            if after_quote and capitals < 3 and seq[k].quote is None and is_name_word(seq[k].text):
                if possessive(seq[k].text):
                    break
                capitals += 1
                continue
            if not (seq[k].is_word and seq[k].text.islower()):
                break
            reported = (
                not after_quote and k + 1 < len(seq) and seq[k + 1].quote is not None
            )  # `said the president “...”`
            if (
                is_role(seq[k].text) and not _clause_follows(seq, k + 1) and not reported
            ):  # not `said the candidate could`
                return Subject("role", " ".join(s.text for s in seq[j + 1 : k + 1]), j)
    if after_quote:
        description = description_after(seq, j)  # `“...,” said a person close to the family`
        if description:
            return Subject("role", *description)
    return None


_OFFICES = {
    "President",
    "Chairman",
    "Chairwoman",
    "Chair",
    "Director",
    "Secretary",
    "Spokesman",
    "Spokeswoman",
    "Spokesperson",
    "Mayor",
    "Governor",
    "Senator",
    "Representative",
    "Minister",
    "Chief",
    "Commissioner",
}
_NAME_ENDS = {
    "who",
    "whose",
    "said",
    "says",
    "told",
    "wrote",
    "on",
    "in",
    "at",
    "during",
    "after",
    "when",
    "as",
    "to",
    "of",
    "from",
    "before",
    "while",
    "last",
    "this",
    "earlier",
    "later",
    "recently",
    "also",
}
_DESCRIPTOR_STOPS = (
    FUNCTION_WORDS - {"of", "for"}
    | lx.AUXILIARIES
    | lx.BE_FORMS
    | set(lx.PRONOUNS)
    | {"it", "we", "i", "you", "not", "no", "if", "because", "when", "while", "where", "whether"}
)


def described_name(seq: list[Item], j: int, reach: int = 10, opens: bool = False) -> Subject | None:
    """`said union leader Ana Costa`, `says economist Ben Cho`, `said Acme chief executive Dan Ives`,
    `said former Sen. Tom Hale`: a description, then the person's name, is the subject."""
    end = min(len(seq), j + reach)
    k = j
    while k < end and seq[k].quote is None and (seq[k].is_word or seq[k].text in ("/", "-")):  # `9/11 widow`
        word = seq[k]
        of_office = k - 2 >= j and seq[k - 1].lower == "of" and is_role(seq[k - 2].text)  # `secretary of state`
        two_roles = word.lower == "and" and k > j and is_role(seq[k - 1].text)  # `former clerk and Dover Mayor`
        if (
            word.lower in _DESCRIPTOR_STOPS
            and not two_roles
            or (k > j and word.lower in lx.DETERMINERS)
            or (word.text.islower() and lx.SPEECH_VERBS.get(word.lower) and not of_office)
        ):
            return None
        if opens and k > j and word.text.islower() and not is_role(word.text) and _person_run(seq, j, k):
            return None  # `Mr. Dunn endorsed Sen. Pell`: the person is the subject, the verb follows
        nxt = seq[k + 1] if k + 1 < len(seq) else None
        if nxt is not None and nxt.quote is None and is_name_word(nxt.text) and not possessive(nxt.text):
            titled = nxt.text.rstrip(".") in lx.TITLES and word.text.islower()
            office = word.text in _OFFICES and nxt.text.rstrip(".") not in lx.TITLES  # `Union President Dora Meys`
            if (word.text.islower() and (is_role(word.text) or of_office)) or titled or office:
                named = _bounded_name(seq, k + 1, opens)
                if named:
                    return named
        k += 1
    return None


def _comma_follows_name(seq: list[Item], k: int) -> bool:
    while k < len(seq) and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    return k < len(seq) and seq[k].text == ","


def _person_run(seq: list[Item], j: int, k: int) -> bool:
    """`Mr. Dunn`, `Tom Brisk`: the words j..k-1 are all name words and make a person's name (a person's
    title or a first name, then a name that is not a title)."""
    run = seq[j:k]
    if not all(w.quote is None and is_name_word(w.text) for w in run) or run[-1].text.rstrip(".") in lx.TITLES:
        return False
    return run[0].text.rstrip(".") in lx.PERSON_TITLES or lx.gender(run[0].text, by_ending=False) is not None


def _inverted_subject(seq: list[Item], j: int) -> Subject | None:
    """After `“...,” said`: a lowercase description then a name, or `a`/`another` and a capitalised
    description (`another Kessel Democrat`)."""
    if seq[j].lower in ("a", "an", "another", "one"):
        k = j + 1
        while k < len(seq) and k - j <= 4 and seq[k].quote is None and is_name_word(seq[k].text):
            k += 1
        if k > j + 1 and (k >= len(seq) or not seq[k].is_word):
            return Subject("role", " ".join(s.text for s in seq[j + 1 : k]), j)
        return None
    k = j
    while (
        k < len(seq)
        and k - j < 6
        and seq[k].quote is None
        and seq[k].is_word
        and seq[k].text.islower()
        and seq[k].lower not in _DESCRIPTOR_STOPS
        and not lx.SPEECH_VERBS.get(seq[k].lower)
    ):
        k += 1
    if k == j or k >= len(seq) or seq[k].quote is not None or not is_name_word(seq[k].text):
        return None
    named = _bounded_name(seq, k)
    if named and named.label.split()[-1].rstrip(".") in lx.TITLES:
        end = k + len(named.label.split())
        return _second_office(seq, named.label.split(), end) or named
    return named


def _second_office(seq: list[Item], parts: list[str], end: int) -> Subject | None:
    """`former Kessel Gov. and party Chairman Ed Tarn`: a name run that ends with a title (`end` just after
    it) and a second office joined by `and`: the person is named after the second one."""
    if not parts or parts[-1].rstrip(".") not in lx.TITLES:
        return None
    if end < len(seq) and seq[end].text == ".":
        end += 1
    if end + 1 >= len(seq) or seq[end].lower != "and":
        return None
    return described_name(seq, end + 1)


def _bounded_name(seq: list[Item], start: int, opens: bool = False) -> Subject | None:
    """The name that starts at `start`, if it ends where a name can end (punctuation, `who`, `said`...;
    when the name `opens` the sentence, also a verb such as `has`: `The Courier columnist Rina Falk has ...`)."""
    end = start
    while (
        end < len(seq)
        and end - start < 5
        and seq[end].quote is None
        and (is_name_word(seq[end].text) or (end > start and seq[end].text in lx.PARTICLES))
    ):
        end += 1
    if (
        end < len(seq)
        and seq[end].quote is None
        and (
            possessive(seq[end].text)
            or (
                seq[end].is_word
                and seq[end].lower not in _NAME_ENDS
                and not (opens and seq[end].text.islower() and seq[end].lower not in FUNCTION_WORDS)
            )
        )
    ):
        return None
    parts = name_parts(seq[start:end])
    if all(p.rstrip(".") in lx.TITLES for p in parts):
        return None
    return Subject("name", clean_name(parts), start)


_CLAUSE_VERBS = lx.AUXILIARIES - {"also", "who"} | lx.BE_FORMS | {"had", "would", "will", "won’t", "won't"}


def _comma_after(seq: list[Item], start: int) -> bool:
    """The name at `start` is followed by a comma: an inserted phrase comes before its verb."""
    k = start
    while k < len(seq) and seq[k].quote is None and is_name_word(seq[k].text):
        k += 1
    return k < len(seq) and seq[k].text == ","


def _clause_follows(seq: list[Item], k: int) -> bool:
    """The words after a would-be subject make a clause of their own (`said the candidate could ...`)."""
    return k < len(seq) and seq[k].quote is None and seq[k].lower in _CLAUSE_VERBS


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
    if end == comma + 1 or (end < len(seq) and seq[end].is_word and seq[end].lower not in ("of", "who", "at")):
        return None  # but `said another advocate, Mara K. Dunst of the firm Pike Lowell`
    return Subject("name", clean_name([s.text for s in seq[comma + 1 : end]]), comma + 1)


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
    inst = k  # `the Association of Ferry Pilots`: an institution `of` its members is one name
    if (
        inst >= 2
        and seq[inst - 1].lower == "of"
        and seq[inst - 2].quote is None
        and seq[inst - 2].text in lx.INSTITUTIONS
    ):
        inst -= 2
        while inst >= 1 and seq[inst - 1].quote is None and is_name_word(seq[inst - 1].text):
            inst -= 1
    org = inst  # `Jeffrey Lorne of the Center for Arms Studies`: the whole organisation's name
    while (
        org >= 3
        and seq[org - 1].lower in ("for", "on", "and")
        and seq[org - 2].quote is None
        and is_name_word(seq[org - 2].text)
    ):
        org -= 2
        while org >= 1 and seq[org - 1].quote is None and is_name_word(seq[org - 1].text):
            org -= 1
    of = org - 2 if org - 2 >= 0 and seq[org - 1].lower == "the" else org - 1
    if of >= 1 and seq[of].quote is None and possessive(seq[of].text) and seq[of].text[0].isupper():
        of -= 1  # `Ana Ruiz of Dover’s Institute for Trade`
    if of >= 1 and seq[of].lower in ("of", "at") and seq[of - 1].quote is None and is_name_word(seq[of - 1].text):
        person = _name_run_back(seq, of - 1)  # `Ana Ruiz of Colombia`, `Anna Smith of the Brookings Institution`
        organisation = seq[of + 1].lower == "the"  # `Mr. Morgan of the Harbor Trust`
        office = seq[of - 1].text.rstrip(".") in lx.TITLES and seq[of + 1].text in lx.TITLES
        if (
            person
            and (" " in person.label or lx.gender(person.label) or organisation)
            and not all(w.rstrip(".") in lx.TITLES for w in person.label.split())
            and not office  # `Party Chief of Staff Ana Ruiz`: an office before the name
        ):
            return person
    if (
        k >= 2
        and j - k < 2
        and seq[k - 1].text == ","
        and seq[k - 2].quote is None
        and is_name_word(seq[k - 2].text)
        and seq[k - 2].text.rstrip(".") not in lx.TITLES
    ):
        place = _name_run_back(seq, k - 2)  # `Ana Ruiz of Dover, Delaware, says`: Ruiz, not Delaware
        if place and (place.kind == "role" or any(seq[i].lower in ("of", "at") for i in range(place.pos, k - 2))):
            return place
    if (
        k >= 2
        and seq[k - 1].lower in ("in", "from")
        and seq[k - 2].quote is None
        and seq[k - 2].is_word
        and seq[k - 2].text.islower()
        and (is_role(seq[k - 2].text) or seq[k - 2].lower in _PERSONS)
    ):
        return _role_back(seq, k - 2)  # `a woman in Dover, Delaware, told`: the woman, not the place
    if inst < k:
        return Subject("name", " ".join(name_parts(seq[inst : j + 1])), inst)
    label = clean_name(name_parts(seq[k : j + 1]))
    if k >= 2 and seq[k - 1].lower == "and" and seq[k - 2].quote is None and is_name_word(seq[k - 2].text):
        first = _name_run_back(seq, k - 2)  # `Bangladesh and Rwanda said`: both speak
        if first and " and " not in first.label:
            return Subject("name", f"{first.label} and {label}", first.pos)
    return Subject("name", label, k)


_PERSONS = {"woman", "man", "women", "men", "girl", "boy"}


def _role_like_title(seq: list[Item], k: int, j: int) -> Subject:
    """`Russia’s President Putin` -> the name after the possessor."""
    return Subject("name", clean_name([s.text for s in seq[k : j + 1]]), k)


_ROLE_DETERMINERS = {"a", "an", "the", "one", "another", "two", "three", "some", "several", "many", "other"}


def _role_back(seq: list[Item], j: int) -> Subject:
    k = j
    while (
        k - 1 >= 0
        and j - k < 3
        and seq[k - 1].is_word
        and seq[k - 1].text.islower()
        and seq[k - 1].lower not in lx.DETERMINERS
        and not lx.SPEECH_VERBS.get(seq[k - 1].lower)
        and seq[k - 1].lower not in FUNCTION_WORDS | WH_WORDS
    ):
        k -= 1
    m = k  # `A Pentagon spokesperson`: a proper name between the article and the role belongs to it
    while m - 1 >= 1 and seq[m - 1].quote is None and is_name_word(seq[m - 1].text) and k - m < 3:
        m -= 1
    if m < k and (m == 0 or seq[m - 1].lower in _ROLE_DETERMINERS):
        k = m  # `one Harbor insider`, `Costa aides`
    if (
        k >= 2
        and seq[k - 1].text in ("’", "'")
        and seq[k - 2].quote is None
        and seq[k - 2].text.endswith("s")
        and is_name_word(seq[k - 2].text)
    ):
        k -= 1  # `Jones’ campaign`: the tokenizer leaves the apostrophe apart
        seq_k = seq[k - 1]
        return Subject("role", seq_k.text + "’ " + " ".join(s.text for s in seq[k + 1 : j + 1]), k - 1)
    if k >= 1 and seq[k - 1].quote is None and possessive(seq[k - 1].text) and seq[k - 1].text[0].isupper():
        k -= 1  # `Ryan’s office said`: the office is Ryan's
        while (
            k >= 1 and seq[k - 1].quote is None and is_name_word(seq[k - 1].text) and seq[k - 1].text not in lx.TITLES
        ):
            k -= 1
    return Subject("role", " ".join(s.text for s in seq[k : j + 1]), k)


def find_mentions(seq: list[Item]) -> list[tuple[int, str, bool]]:
    out = []
    n = len(seq)
    j = 0  # the first item not yet part of a mention
    for i in [i for i, item in enumerate(seq) if item.quote is None and _opens_mention(item.text)]:
        if i < j:
            continue
        j = i
        k = j
        while k + 1 < n and is_name_word(seq[k + 1].text):
            k += 1
        if k + 1 < n and _owner(seq[k + 1].text):
            k += 1
        names = [s.text for s in seq[j : k + 1]]
        owned = possessive(names[-1])
        if owned:
            names[-1] = names[-1][:-2] if names[-1].endswith(("’s", "'s")) else names[-1][:-1]
        label = clean_name(names)
        out.append((j, label, j == 0 and not owned))
        j = k + 1
    return out


@lru_cache(maxsize=WORD_CACHE)
def _opens_mention(word: str) -> bool:
    return is_name_word(word) or _owner(word)


def _owner(word: str) -> bool:
    """`Costa’s`: a name as a possessor (not `Here’s`, `It’s`)."""
    return possessive(word) and word[0].isupper() and word not in lx.STOP_CAPS


@lru_cache(maxsize=WORD_CACHE)
def _in_name(word: str) -> bool:
    return is_name_word(word) or possessive(word)


_NOT_APPOSITION = {"to", "in", "on", "at", "with", "and", "but", "for", "from", "by", "that", "which", "as"}


def find_persons(seq: list[Item], mentions: list[tuple[int, str, bool]]) -> set[str]:
    """Names the text shows to be people: `Shirin, who spent ...`, `Callum Reid, chief executive of`,
    `Omar, a former logistics officer`."""
    found = set()
    for pos, label, _ in mentions:
        end = pos
        while end < len(seq) and seq[end].quote is None and _in_name(seq[end].text):
            end += 1
        if end >= len(seq) or possessive(seq[end - 1].text):
            continue
        after = [s for s in seq[end : end + 6] if s.quote is None]
        opener = len(after) > 1 and after[0].text in (",", "—", "–", "(", "-") and after[1].lower == "who"
        if after and after[0].lower == "who" or opener:
            found.add(label)
        elif after and after[0].text == ",":
            for s in after[1:]:
                if not (s.is_word and s.text.islower()) or s.lower in lx.PRONOUNS or s.lower in _NOT_APPOSITION:
                    break  # `In Concord, he referred to protesters`: a clause, not an apposition
                if is_role(s.text) and s.lower not in lx.INSTITUTION_NOUNS:
                    found.add(label)
                    break
    return found
