"""How each speaker was found, in words a reader can use, and how far to trust it.

The rules that choose a speaker record which of them fired; this module maps that to the public
`how` of a quote and a confidence between 0 and 1 (the share of such attributions that were right
when measured on held-apart news articles, rounded down):

- `cue`: a speech verb whose subject is the speaker (`“...,” said Ana Costa`, `Costa told ...: “...”`);
- `signed`: a quote signed with a dash and a name;
- `colon`: a sentence that names its subject and introduces the quote with a colon;
- `pronoun`: a speech verb whose subject is he/she/they, resolved to the person it refers to;
- `subject`: a quote with no speech verb in the predicate of a clause whose subject is the speaker
  (`In recent weeks, Hale has gone after Ruiz as a “...”`);
- `role`: a role (`the executive`) that the text later names;
- `continuation`: a quote that goes on from the same speaker's quote (same paragraph, or a
  paragraph that re-opens a quote that ran on);
- `transcript`: a transcript turn that names its speaker (`“HOST: ...”`); a `Q:` turn is left unnamed;
- `guess`: nothing in the text ties the quote to the speaker; it is only the last person who spoke
  (0.7 when the quote is a paragraph of its own right after that person spoke, 0.25 otherwise).
  Ties that were right less than two times in three on news are guesses too: a `they` taken for
  one person (`The tenants who wrote to Ruiz say they ...`), a possessive (`Costa’s answer: “...”`),
  a quote-only paragraph credited by the next one (`That was how Costa put it.`) or signed by a
  surname alone (`- Costa.`), and a re-quote of words someone was quoted saying earlier, unless a
  possessive names the same person (`requote`: `Putin’s answer tied it to “root causes”`).
  Digests and `/whosaid` never state a guess as fact.
"""

from __future__ import annotations

from bot.understand.attribute.document import Found

#: Rules that tie a quote to a cue later in the sentence that does not govern it (`That “...” line will
#: be tested, says Dana`): the loosest of the distant ties.
LATER = frozenset({"cue-later", "pronoun-later", "role-later"})

#: Rules that tie a quote to a speaker from a distance (a verb further off in the sentence, or one the
#: quote stands between): a later, closer tie may override them, and a name they credit is not sure.
DISTANT = frozenset({"cue-far", "pronoun-far", "role-far", "cue-around", "pronoun-around", "role-around"} | LATER)

#: rule that fired -> (public how, confidence)
_RULES: dict[str, tuple[str, float]] = {
    "cue": ("cue", 0.95),
    "cue-far": ("cue", 0.85),
    "cue-later": ("cue", 0.85),
    "cue-around": ("guess", 0.6),
    "pronoun-around": ("guess", 0.5),
    "role-around": ("guess", 0.5),
    "signed": ("cue", 0.8),
    "signed-surname": ("guess", 0.6),
    "colon": ("colon", 0.55),
    "subject": ("subject", 0.85),
    "possessive": ("guess", 0.5),
    "pronoun": ("pronoun", 0.65),
    "pronoun-far": ("pronoun", 0.6),
    "pronoun-later": ("pronoun", 0.6),
    "they": ("guess", 0.4),
    "they-far": ("guess", 0.3),
    "they-around": ("guess", 0.3),
    "they-later": ("guess", 0.3),
    "role": ("role", 0.6),
    "role-far": ("role", 0.5),
    "role-later": ("role", 0.5),
    "transcript": ("transcript", 0.9),
    "continuation": ("continuation", 0.9),
    "cont-next": ("continuation", 0.5),
    "credited": ("guess", 0.4),
    "requote": ("guess", 0.4),
    "requote-named": ("requote", 0.5),
    "guess": ("guess", 0.25),
    "next-paragraph": ("guess", 0.7),
}


def rate(found: list[Found]) -> None:
    """Give each quote its public `how` and its confidence (a quote without a speaker gets none)."""
    for f in found:
        if not f.speaker:
            f.how, f.confidence = "none", 0.0
            continue
        f.how, f.confidence = _RULES.get(f.how, ("guess", 0.25))
