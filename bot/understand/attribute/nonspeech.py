"""Quote marks around words nobody said: scare quotes, quoted terms, titles, slogans, nicknames; and
the signs that a short quote is somebody's words after all (a verb of saying that governs it)."""

from __future__ import annotations

import re

from bot.understand.attribute import lexicon as lx
from bot.understand.attribute.names import possessive
from bot.understand.attribute.quotes import Span
from bot.understand.attribute.sentences import Item

_NICKNAME = re.compile(r"[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)?")


def is_nickname(text: str, span: Span) -> bool:
    """`Margaret “Peg” Holloway`: a quoted nickname inside a name."""
    if span.close_at is None or not _NICKNAME.fullmatch(text[span.start : span.end]):
        return False
    before = text[max(0, span.open_at - 20) : span.open_at]
    after = text[span.outer_end : span.outer_end + 19]
    return bool(re.search(r"[A-Z][a-z]+ $", before)) and bool(re.match(r" [A-Z][a-z]", after))


def is_scare(text: str, span: Span) -> bool:
    """`so-called “rebels”`, `a shirt that read “Vote Now”`, `the term “pivot”`: a phrase the text points
    at. A sentence after such a word is someone's words (`a column titled “Why I Will Vote No Again”`)."""
    before = text[max(0, span.open_at - 24) : span.open_at].lower().rstrip().rstrip(",:").rstrip()
    if not before.endswith(lx.SCARE_MARKERS):
        return False
    return before.endswith(_ALWAYS_SCARE) or len(text[span.start : span.end].split()) <= SHORT_PHRASE_WORDS


_ALWAYS_SCARE = ("so-called", "so called", "quote-unquote", "quote unquote")


def names_thing(text: str, span: Span) -> bool:
    """`a show called “Harbor Lights”`, `an account named “HaleWatch”`: a short quote that names a
    thing, where `called` is not a verb of saying."""
    if len(text[span.start : span.end].split()) > SHORT_PHRASE_WORDS:
        return False
    before = text[max(0, span.open_at - 60) : span.open_at].rstrip().rstrip(",")
    return before[-6:].lower().endswith(("called", "named", "titled")) and bool(_THING_CALLED.search(before))


#: A thing (never a person) that the next words name: `a new satirical show called`.
_THING_CALLED = re.compile(
    r"\b(?:a|an|the|its|their|his|her)\s+(?:[\w’'-]+\s+){0,3}?(?:"
    r"show|program|programme|play|film|movie|book|account|page|site|website|blog|app|feed|newsletter|group|"
    r"organi[sz]ation|company|firm|outlet|initiative|plan|project|document|section|feature|series|"
    r"event|tour|bill|law|measure|report|exhibit|exhibition|game|podcast|channel|brand|product"
    r")s?,?\s+(?:called|named|titled)$",
    re.IGNORECASE,
)


def is_title(quoted: str) -> bool:
    """`‘North Sea Cod: A Stock at Risk’`, `“Faster, Fairer, Final”`: a title or a name, not speech."""
    words_ = re.findall(r"[^\W\d_][\w’'-]*", quoted)
    if len(words_) < 3 or quoted.rstrip().endswith(("?", "!")) or quoted.rstrip(". ").count(".") > 0:
        return False
    content = [w for w in words_ if w.lower() not in _SMALL_WORDS]
    return len(content) >= 3 and all(w[0].isupper() for w in content)


def is_work_title(text: str, span: Span) -> bool:
    """`on WXYZ’s “Meet the Press”`, `the drama “Harbor Lights,”`, `her memoir, “Open Water.”`: the
    title of a show, book or film, in Title Case right after the word that names it; or after or before
    a noun for a work, colon and exclamation mark included (`the movie “Go West: Part 2!”`, `“Harbor
    Lights,” a drama set in Maine`, `“Go West!” -- the musical`)."""
    if text.count(" ", span.start, span.end) > 7:
        return False  # a sentence
    quoted = text[span.start : span.end].rstrip(",. ")
    before = text[max(0, span.open_at - 40) : span.open_at].rstrip().rstrip(",").split()
    last = before[-1].lower() if before else ""
    if quoted[:1].isupper() and (last in _WORK_NOUNS or _WORK_APPOSITION.match(text, span.outer_end)):
        return True
    words_ = re.findall(r"[^\W\d_][\w’'-]*", quoted)
    if not words_ or len(words_) > 6 or quoted.endswith(("?", "!")) or any(c in quoted for c in ",;:"):
        return False
    if not all(w[0].isupper() for w in words_ if w.lower() not in _SMALL_WORDS) or not words_[0][0].isupper():
        return False
    after = text[span.outer_end : span.outer_end + 12].split()
    if after and after[0].lower().strip(",.") in _WORK_AFTER:
        return True  # `“Harbor Lights” star Ana Costa`
    return last in _WORK_BEFORE or (bool(before) and possessive(before[-1]) and before[-1][:1].isupper())


def title_case(quoted: str) -> bool:
    """`Palm Point`, `Harbor Lights`: every word capitalised, like a name or a title."""
    head = quoted[:1]
    if head.isalpha() and head.islower() and quoted.split(None, 1)[0].lower() not in _SMALL_WORDS:
        return False  # a lower-case word first (the quick answer for most quotes)
    words_ = re.findall(r"[^\W\d_][\w’'-]*", quoted)
    content = [w for w in words_ if w.lower() not in _SMALL_WORDS]
    return (
        0 < len(words_) <= 6
        and bool(content)
        and all(w[0].isupper() for w in content)
        and not quoted.rstrip().endswith(("?", "!"))
        and ". " not in quoted  # `The Donald. Big Daddy.`: sentences
    )


def is_label(quoted: str) -> bool:
    """A link or a label (`http://...`, `Related:`), not words anybody said."""
    q = quoted.strip()
    return q.startswith(("http://", "https://", "www.")) or (q.endswith(":") and len(q.split()) <= 2)


_WORK_BEFORE = {
    "on",
    "show",
    "program",
    "programme",
    "film",
    "movie",
    "book",
    "memoir",
    "play",
    "drama",
    "series",
    "sitcom",
    "musical",
    "song",
    "album",
    "novel",
    "documentary",
    "column",
    "podcast",
    "titled",
    "entitled",
    "comedy",
    "thriller",
    "anthem",
    "essay",
    "newsletter",
    "broadcast",
    "told",  # `told “Morning Tonight” on Sunday`: a show, the one spoken to
    "tells",
}
_WORK_NOUNS = set(
    "film movie book memoir play drama series sitcom musical song album novel documentary comedy thriller".split()
)
_WORK_APPOSITION = re.compile(
    r"[”\"’']*\s*(?:(?:,|—|–|--?)\s*)?(?:a|an|the)\s+(?:[\w’'-]+\s+){0,3}?(?:" + "|".join(_WORK_NOUNS) + r")\b"
)
_WORK_AFTER = {
    "star",
    "stars",
    "actor",
    "actress",
    "host",
    "creator",
    "author",
    "cast",
    "co-star",
    "showrunner",
    "episode",
    "premiere",
    "finale",
    "season",
}
_SMALL_WORDS = {"a", "an", "the", "of", "and", "or", "for", "to", "in", "on", "at", "by", "with", "from", "but"}
_TERM_BEFORE = ("a", "an")
_MODIFIER_BEFORE = ("for", "of", "on", "in", "with", "to", "as")


def is_term(text: str, span: Span) -> bool:
    """A short quoted term inside running text, in a sentence with no speech verb:
    `under a “solidarity pool” under which`, `1.5 percent for “defence-related” items`."""
    quoted = text[span.start : span.end].rstrip(",")
    toks = quoted.split()
    if not toks or len(toks) > 4 or any(c in quoted for c in ".,;:!?") or span.close_at is None:
        return False
    after = text[span.outer_end : span.outer_end + 7]
    if _DEFINED.match(text, span.end if text[span.end - 1 : span.end] == "," else span.outer_end):
        return True  # `was “comparability of treatment,” the principle that ...`
    if not (len(after) >= 2 and after[0] == " " and after[1].islower()):
        return False
    before = text[max(0, span.open_at - 40) : span.open_at].split()
    last = before[-1] if before else ""
    if len(toks) <= 2 and last[:1].islower() and possessive(last):
        return True  # `the accord’s “snapback” mechanism`
    det = len(before) - 1
    while (
        det >= 0
        and len(before) - det <= 2
        and before[det].isalpha()
        and before[det].islower()
        and before[det] not in _TERM_DETERMINERS | FUNCTION_WORDS
        and before[det] not in lx.SPEECH_VERBS
    ):
        det -= 1  # `a smaller “coalition of the willing”`, `the new “side-by-side” system`
    if det >= 0 and before[det].lower() in _TERM_DETERMINERS and (det < len(before) - 1 or len(toks) <= 3):
        # `a “solidarity pool” under which`, `the new “side-by-side” system`, `the “miracle drugs” of the 1940s`
        return (
            before[det].lower() in _TERM_BEFORE or det < len(before) - 1 or after.startswith(" of ") or len(toks) <= 2
        )  # `the “home hardening” craze`
    return len(toks) == 1 and last.lower() in _MODIFIER_BEFORE


WH_WORDS = {"what", "which", "who", "whom", "whether", "how", "why", "where", "when", "that"}
_TERM_DETERMINERS = {"a", "an", "the", "this", "its", "their", "our"}
_DEFINED = re.compile(
    r"[”\"’']?,?[”\"’']?,? (?:(?:the|a|an) [a-z]+ (?:that|which|of|for|under|by)|[a-z]+s (?:that|which))\b"
)
FUNCTION_WORDS = {
    "at",
    "of",
    "in",
    "on",
    "for",
    "to",
    "with",
    "by",
    "from",
    "and",
    "or",
    "but",
    "that",
    "as",
    "than",
    "into",
    "about",
    "over",
    "under",
    "is",
    "was",
    "are",
    "were",
    "be",
}


def _inflections(lemma: str) -> tuple[str, ...]:
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2:-1] not in ("a", "e", "o", "u"):
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        return lemma, lemma + "es", lemma + "ed", lemma + "ing"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


_SPEECH_LEMMAS = {lemma for lemma in lx.SPEECH_VERBS.values() if " " not in lemma}
#: Every form of a verb that reports or characterises words (`said`, `likening`, `calls`).
REPORTING = frozenset(
    {form for lemma in (*lx.REPORTING_LEMMAS, *_SPEECH_LEMMAS) for form in _inflections(lemma)}
    | {form for form, lemma in lx.SPEECH_VERBS.items() if lemma not in lx.PARTICLE}
    | lx.REPORTING_FORMS
)
_QUESTION_WORDS = {"what", "whether", "how", "why", "where", "when"}
_ARTICLES = set("the a an his her its their our my your".split())
_NOUN_DETERMINERS = set("the a an his her its their our my your this that these those".split())
#: Words that follow a quote without being the noun it modifies (`a “crazy system” during the rally`).
_NOT_A_NOUN = (
    FUNCTION_WORDS
    | WH_WORDS
    | set(
        """if while because so has have had will would could should can may might did does do not he she they it
        we i you during after before since until against among between through without within across around
        behind beyond despite like toward towards upon amid including""".split()
    )
)


def _reporting_verb(seq: list[Item], j: int) -> bool:
    item = seq[j]
    if not (item.is_word and item.lower in REPORTING and item.text[:1].islower()):
        return False
    if j > 0 and _article(seq[j - 1]):
        return False  # `her call for`; not `a hat that says`
    if item.lower in lx.NOUN_LIKE:  # `the Baltic states`, `Republican claims of`
        if j > 1 and seq[j - 1].is_word and _article(seq[j - 2]):
            return False
        if j + 1 < len(seq) and seq[j + 1].lower == "of":
            return False
    return True


def _determiner(item: Item) -> bool:
    return item.lower in _NOUN_DETERMINERS or possessive(item.text)


def _article(item: Item) -> bool:
    """A determiner that only ever stands before a noun (not `that`, which also opens a clause)."""
    return item.lower in _ARTICLES or possessive(item.text)


def reported(seq: list[Item], pos: int, comma_inside: bool = False) -> bool:
    """A verb that reports words governs the quote at `pos`: it stands in the quote's clause, with only
    words (or other quotes of a list) between them: `warned that the plan was “dead on arrival”`,
    `called it “slow,” “costly” and “late”`, or introduces it: `Ruiz said, “Probably.”`, or ends the
    sentence after a comma (`comma_inside`: the quote's own closing comma, as in `“a machine,” Ruiz said`)."""
    j = pos - 1
    if j >= 1 and seq[j].text in (",", ":") and _reporting_verb(seq, j - 1):
        return True
    if _attribution_ends(seq, pos, comma_inside) or _attribution_follows(seq, pos, comma_inside):
        return True
    while j >= 0:
        item = seq[j]
        if item.quote is not None or (item.text == "," and j > 0 and seq[j - 1].quote is not None):
            j -= 1  # a list of quotes
            continue
        if not item.is_word or item.lower in _QUESTION_WORDS:
            return False  # `asked what the states can do about a “shadow fleet”`
        if item.lower in REPORTING and _reporting_verb(seq, j):
            return True
        j -= 1
    return False


def _attribution_ends(seq: list[Item], pos: int, comma_inside: bool) -> bool:
    """`Voters saw the party as “a machine,” Ruiz said.`: the sentence ends with a clause of a few words,
    after a comma, that credits it."""
    end = len(seq)
    while end > pos + 1 and seq[end - 1].quote is None and not seq[end - 1].is_word:
        end -= 1
    k = end - 1
    while k > pos and end - k <= 8 and seq[k].quote is None and seq[k].is_word:
        k -= 1
    if k < end - 1 and ((k == pos and comma_inside) or (k > pos and seq[k].text == ",")):
        # `…,” Ruiz said`, `…,” said Ruiz`, `…,” adding`; not `…,” posted the clip` (the main clause's verb)
        if seq[k + 1].lower in _INVERTED or (seq[k + 1].lower.endswith("ing") and _reporting_verb(seq, k + 1)):
            return True
        return any(_reporting_verb(seq, i) for i in range(k + 2, min(end, k + 7)))
    return False


def _attribution_follows(seq: list[Item], pos: int, comma_inside: bool) -> bool:
    """`“Your Honor,” I said, “may I answer?”`: a clause of a few words right after the quote's comma,
    up to the next punctuation or quote, that credits it."""
    k = pos + 1
    if not comma_inside:
        if k >= len(seq) or seq[k].text != ",":
            return False
        k += 1
    end = k
    while end < len(seq) and end - k < 6 and seq[end].quote is None and seq[end].is_word:
        end += 1
    if end == k or (end < len(seq) and seq[end].is_word) or seq[k].lower in WH_WORDS:
        return False  # no clause, a longer one, or a relative clause (`“reform,” which he described as`)
    if seq[k].lower in _INVERTED:
        return True
    return any(_reporting_verb(seq, i) for i in range(k + 1, end))


_INVERTED = {"said", "says", "added", "adds", "asked", "asks", "wrote", "writes"}
_NOUN_SHAPE = re.compile(r"(?:[A-Z]-)?[a-z]+(?:-[a-z]+)*")  # `lunch`, `T-shirts`, `stay-at-home`
_WORN_WITH = {"in", "with", "wearing", "carrying", "holding", "waving", "bearing"}


def inside_noun_phrase(seq: list[Item], pos: int) -> bool:
    """`the “unity” lunch`, `her “clawback” plan`: a quote between a determiner and the noun it modifies
    names a thing, even in a sentence that reports speech."""
    if pos + 1 >= len(seq):
        return False
    head = seq[pos + 1]
    word = head.text
    if (
        head.quote is not None
        or not _NOUN_SHAPE.fullmatch(word)
        or head.lower in _NOT_A_NOUN
        or head.lower in lx.ADVERBS
        or head.lower in _NOUN_DETERMINERS
        or head.lower in REPORTING
        or word.endswith("ed")
    ):
        return False
    plural = word.endswith("s") and not word.endswith("ss")
    if plural and pos > 0 and seq[pos - 1].lower in _WORN_WITH:  # `in “Vote Lee” T-shirts`, `wearing “…” pins`
        return True
    for j in range(pos - 1, max(-1, pos - 4), -1):
        item = seq[j]
        if item.quote is not None or not item.is_word:
            return False
        if _determiner(item):  # `a “mere brochure” remains`: after a singular determiner, a verb
            return not (item.lower in ("a", "an", "this", "that") and word.endswith("s") and not word.endswith("ss"))
        if not item.text[:1].islower():
            return False
    return False


SHORT_PHRASE_WORDS = 5


def short_phrase(text: str, span: Span, seq: list[Item], pos: int) -> bool:
    """A few words quoted inside a sentence (`is a “dead end”`, `the company’s “broccoli.”`), or opening
    it as its subject (`“Containment” has been the policy`): a phrase, not a sentence someone said."""
    q = text[span.start : span.end].rstrip()
    if q.endswith(("!", "?")):
        return False
    after_word = pos > 0 and seq[pos - 1].is_word and seq[pos - 1].quote is None
    if q.endswith((".", "…")):
        if not after_word:
            return False
        q = q.rstrip(".…")  # the sentence's full stop, set inside the closing mark
    elif pos == 0:  # the subject of its sentence: no comma closes it, a verb follows
        nxt = seq[1] if len(seq) > 1 else None
        if (
            nxt is None
            or "," in text[span.end : span.outer_end]
            or not nxt.is_word
            or not nxt.text[:1].islower()
            or nxt.lower in lx.PRONOUNS
            or nxt.lower in REPORTING
        ):
            return False
    return len(q.split()) <= SHORT_PHRASE_WORDS
