"""Passes over the whole document after each quote has a first speaker: a quote credited by the next
sentence, a role named later, and short re-quotes of words someone said earlier."""

from __future__ import annotations

from bot.understand.attribute.confidence import LATER
from bot.understand.attribute.document import Found, Sentence
from bot.understand.attribute.names import clean_name, is_name_word, is_role, not_a_person
from bot.understand.attribute.speaker import State
from bot.understand.text import words

REQUOTE_MAX_WORDS = 8
#: Ties a re-quote overrides: not a cue whose subject comes before the quote (`Ruiz said that, with
#: his talk of “...”, ...`), however far its verb: that speaker repeats the words.
_WEAK = {"none", "unresolved", "cont-embedded"} | LATER


_BACK_REFERENCES = ("that", "this", "such", "so", "those", "these")


def attributed_after(sentences: list[Sentence], found: list[Found], state: State) -> None:
    """A paragraph that is nothing but a quote, credited by the next one: `“Nobody was driving.”` /
    `That is how Raj describes the problem.`, `That was the verdict of Callum Reid, ...`."""
    for here, nxt in zip(sentences, sentences[1:]):
        if here.cues or not _only_quotes(here) or not any(i.quote is not None for i in here.items):
            continue
        signed, how = _signature_line(here, nxt, state)
        speaker = signed or _credited_by(nxt, state)
        if not speaker:
            continue
        start = here.items[0].start
        for f in found:
            # `“...,” Ortez said. “...”` / `That sentiment ...`: the paragraph already ties the quote
            if f.para == here.para and f.sentence[0] == start and not f.scare and (signed or f.how != "continuation"):
                f.speaker, f.how = speaker, how


_DASHES = ("-", "—", "–", "―", "--")


def _signature_line(here: Sentence, nxt: Sentence, state: State) -> tuple[str | None, str]:
    """`“...”` / `— Ilse Varga, harbor master`: a paragraph that is only a dash and a person's name
    (maybe a title after a comma) signs the quote paragraph right before it; not `— Associated Press`.
    A surname alone (`— Varga.`) signs for the person the text named in full, as a weaker tie."""
    seq = nxt.items
    if nxt.para != here.para + 1 or len(seq) < 2 or seq[0].text not in _DASHES or seq[0].start != 0:
        return None, "credited"
    end = 1
    while end < len(seq) and end <= 4 and seq[end].quote is None and is_name_word(seq[end].text):
        end += 1
    rest = seq[end:]
    if end == 1 or rest and rest[0].text not in (",", ".") or any(i.quote is not None for i in rest):
        return None, "credited"
    if rest and rest[0].text == "." and len(rest) > 1:
        return None, "credited"
    name = clean_name([s.text for s in seq[1:end]])
    person = state.person(name)
    if not person or not_a_person(name):
        return None, "credited"
    if len(name.split()) >= 2:
        return name, "signed"
    return (person, "signed-surname") if person in state.people.values() else (None, "credited")


def _only_quotes(sent: Sentence) -> bool:
    return all(i.quote is not None or not i.is_word for i in sent.items)


def _credited_by(sent: Sentence, state: State) -> str | None:
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


def name_the_role(sentences: list[Sentence], si: int, found: list[Found], roles: set[str]) -> None:
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
    name = clean_name([s.text for s in seq[comma + 1 : end]])
    para = sentences[si].para
    window = {(s.para, s.items[0].start) for s in sentences[max(0, si - 2) : si] if s.para == para}
    for f in reversed(found[-12:]):
        if f.speaker in roles and (f.para, f.sentence[0]) in window:
            f.speaker, f.how = name, "role"


def requotes(found: list[Found]) -> None:
    """A short phrase that re-quotes words someone said earlier belongs to that someone. Alone that is
    a weak tie (on news, right less than two times in three); with a possessive that names the same
    person (`Putin’s answer tied it to “root causes”`) it is a firm one (`requote-named`)."""
    texts = [tuple(words(f.text)) for f in found]
    wanted = _short_phrases(texts)
    said: dict[tuple[str, ...], str] = {}  # every short word sequence quoted so far -> first speaker
    for f, toks in zip(found, texts, strict=True):
        if f.term and toks in said:
            f.scare = False
        if f.scare:
            continue
        if 0 < len(toks) <= REQUOTE_MAX_WORDS and toks in said:
            if f.how in _WEAK:
                f.speaker, f.how = said[toks], "requote"
            elif f.how == "possessive" and f.speaker == said[toks]:  # two weak ties that agree
                f.how = "requote-named"
        if f.speaker:
            said.setdefault(toks, f.speaker)
            _remember_phrases(said, toks, f.speaker, wanted)


def _short_phrases(texts: list[tuple[str, ...]]) -> dict[str, set[int]]:
    """First word -> lengths of the quotes of 2 to REQUOTE_MAX_WORDS words: the only phrases a later
    quote can re-quote, so the only ones worth remembering of each longer quote."""
    wanted: dict[str, set[int]] = {}
    for toks in texts:
        if 2 <= len(toks) <= REQUOTE_MAX_WORDS:
            wanted.setdefault(toks[0], set()).add(len(toks))
    return wanted


def _remember_phrases(
    said: dict[tuple[str, ...], str], toks: tuple[str, ...], speaker: str, wanted: dict[str, set[int]]
) -> None:
    """Credit `speaker` with each phrase of `toks` that a quote re-quotes (one common word is no evidence)."""
    for i, word in enumerate(toks):
        for n in wanted.get(word, ()):
            if i + n <= len(toks):
                said.setdefault(toks[i : i + n], speaker)
