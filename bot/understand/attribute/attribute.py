"""Who said each quote: the entry point of the attribution, in reading order.

The work is split by concern:
- `quotes` finds the quote spans, `nonspeech` the quote marks around words nobody said (scare
  quotes, terms, titles of shows and books, nicknames, labels);
- `sentences` and `document` turn paragraphs into sentences of words and quotes;
- `cues` finds the speaker candidates: speech verbs and their subjects, either order, and names;
- `speaker` chooses each quote's speaker (the cue that governs it, a signature, a colon, a
  transcript turn, the quote it continues) and resolves he/she/they;
- `followups` passes over the whole document (a quote credited by the next sentence, a role named
  later, re-quotes); `naming` names each speaker in full; `confidence` says how far to trust it.
"""

from __future__ import annotations

from bot.understand.attribute.confidence import DISTANT, rate
from bot.understand.attribute.document import Found, Sentence, to_sentences
from bot.understand.attribute.followups import attributed_after, name_the_role, requotes
from bot.understand.attribute.naming import name_in_full
from bot.understand.attribute.nonspeech import (
    inside_noun_phrase,
    is_label,
    is_scare,
    is_term,
    is_title,
    is_work_title,
    names_thing,
    reported,
    short_phrase,
    title_case,
)
from bot.understand.attribute.quotes import Span
from bot.understand.attribute.sentences import Item
from bot.understand.attribute.speaker import (
    State,
    fragment,
    honorific_genders,
    known_genders,
    known_people,
    possessive_cue,
    resolve_cues,
    speaker_for,
    spoken_term,
    verb_right_before,
)

__all__ = ["Found", "attribute"]


#: Speakers found without a cue of the quote's own: a quote of a few words with one of these is a
#: phrase or a name unless a verb of saying governs it.
_LOOSE = {"guess", "none", "unresolved", "continuation", "cont-embedded", "cont-next", "next-paragraph", "subject"}


def _governed(sent: Sentence, pos: int, span: Span) -> tuple[bool, bool]:
    """Whether a verb of saying governs the quote (`warned that the plan was “dead on arrival”`), and
    whether the quote only names a thing (`the “unity” lunch`), which no verb makes anyone's words."""
    seq = sent.items
    if inside_noun_phrase(seq, pos):
        return spoken_term(seq, pos), True  # `Ian called for a “calm” debate`
    return reported(seq, pos, "," in sent.text[span.end : span.outer_end]) or bool(possessive_cue(seq, pos)), False


def _subject(seq: list[Item], pos: int) -> bool:
    """The quote opens its sentence, maybe after `the`, and a word follows it: the sentence is about it."""
    first = pos == 0 or (pos == 1 and seq[0].lower in ("the", "this", "that", "what"))
    return first and pos + 1 < len(seq) and seq[pos + 1].is_word


def _alone(sent: Sentence, pos: int, quote: str) -> bool:
    """A paragraph that is a quote of a few words and nothing else (`“Yes!”`, `“The Road Back”`)."""
    seq = sent.items
    return (
        len(quote.split()) <= _ALONE_WORDS
        and seq[0].start == 0
        and seq[-1].end >= len(sent.text.rstrip())
        and all(i.quote is None and not i.is_word for i in seq[:pos] + seq[pos + 1 :])
    )


_ALONE_WORDS = 3


_WEAK_TIES = {"guess", "none", "unresolved", "cont-embedded", "cont-next", "next-paragraph"}
_COORDINATORS = {",", "and", "or", "nor", "but", "not", "to"}


def _coordinated(seq: list[Item], pos: int, here: list[tuple[int, Found]]) -> tuple[str, str] | None:
    """`as “Lady Tide” and “Miss Ledger”`, `not to “...” but to “...”`: a quote coordinated with the one
    right before it has that one's speaker."""
    last, before = here[-1]
    between = seq[last + 1 : pos]
    if not between or len(between) > 3 or any(b.lower not in _COORDINATORS for b in between):
        return None
    if before.scare or not before.speaker or before.how in _WEAK_TIES:
        return None
    return before.speaker, before.how


def attribute(paragraphs: list[str], known: set[str] | None = None) -> list[Found]:
    """Find and attribute every quote in a document's paragraphs (in reading order)."""
    sentences = to_sentences(paragraphs)
    honorifics = honorific_genders(sentences)
    genders = known_genders(sentences, honorifics)  # `Mr. Hale`, `Ms. Costa`: people, and which pronoun fits them
    state = State(known_people(sentences, (known or set()) | set(genders)))
    state.honorifics = honorifics
    state.genders = genders
    roles = {c.subject.label for s in sentences for c in s.cues if c.subject.kind == "role"}
    found: list[Found] = []
    for si, sent in enumerate(sentences):
        name_the_role(sentences, si, found, roles)
        resolve_cues(sentences, si, state)
        here: list[tuple[int, Found]] = []
        for pos, qi in [(i, item.quote) for i, item in enumerate(sent.items) if item.quote is not None]:
            span = sent.spans[qi]
            said: bool | None = None  # a verb of saying governs it: worked out only where it matters
            naming = False
            term = is_term(sent.text, span)
            if term:
                said, naming = _governed(sent, pos, span)
                term = not said
            title = (
                is_title(sent.text[span.start : span.end]) and not verb_right_before(sent.items, pos)
            ) or is_work_title(sent.text, span)
            scare = (
                title
                or (is_scare(sent.text, span) and not spoken_term(sent.items, pos))
                or names_thing(sent.text, span)
            )
            speaker, how = (None, "none") if scare else speaker_for(sent, pos, state)
            if not scare and how in _WEAK_TIES and here:
                speaker, how = _coordinated(sent.items, pos, here) or (speaker, how)
            if term and how != "cue":  # a quoted term, unless a speech verb governs it (`charged that X “hid”`)
                scare, speaker, how = True, None, "none"
            term = term and scare and not naming  # `the “binary choice” framework` names, never re-quotes
            bounds = (sent.items[0].start, sent.items[-1].end)
            quote = sent.text[span.start : span.end]
            short = how in _LOOSE and short_phrase(sent.text, span, sent.items, pos)
            name = not short and how in _LOOSE | DISTANT and title_case(quote)
            if (short or name) and said is None:
                said, naming = _governed(sent, pos, span)
            if short and not said:
                # a short phrase no cue ties to anyone: not a quote, unless it re-quotes someone; a name never
                # does, nor a phrase the sentence is about (`“Low tide” is the best time`)
                scare, term = True, not naming and not title_case(quote) and not _subject(sent.items, pos)
            elif how in ("guess", "next-paragraph", "none") and _alone(sent, pos, quote):
                scare = True  # `“Yes!”` as a paragraph of its own: nobody's words
            elif name and not said:
                scare = True  # a name or a title (`her memoir, “Open Water”`), even where quoted before
            scare = scare or is_label(quote)
            here.append((pos, Found(sent.para, span, quote, speaker, scare, term, bounds, how)))
        state.close_sentence(sent, here)
        found += [f for _, f in here]
    attributed_after(sentences, found, state)
    requotes(found)
    found = [f for f in found if not f.scare]
    name_in_full(found, sentences, paragraphs, honorifics)
    for f in found:
        if f.speaker and fragment(f.speaker):
            f.speaker = None  # `of Ohio`, `with the campaign`: a piece of a phrase, nobody
    rate(found)
    return found
