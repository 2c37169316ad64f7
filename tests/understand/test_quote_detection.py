"""Which quote marks hold someone's words in news text: partial quotes under a verb of saying are
quotes; scare quotes, terms, names and titles are not; and the quote marks themselves are read the
way news writes them. All sentences are written for these tests."""

import pytest

from bot.understand.analyze import read
from bot.understand.attribute.attribute import attribute
from bot.understand.attribute.quotes import find_spans
from bot.understand.parse.decode import decode
from bot.understand.text import tidy


def quotes(*paragraphs: str) -> list[str]:
    return [f.text for f in attribute(list(paragraphs))]


def spans(text: str) -> list[str]:
    return [text[s.start : s.end] for s in find_spans(text)]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a verb of saying in the quote's clause, however far, makes a short quote someone's words
        (["The mayor likened the new parking rules to “a circus.”"], ["a circus."]),
        (["Ortiz warned on Tuesday that the harbor plan was “dead on arrival” in the council."], ["dead on arrival"]),
        (["Board members described the budget as “thin” and the timetable as “heroic.”"], ["thin", "heroic."]),
        # every quote of a list stays under the verb, relative clause included
        (
            ["Vela called the mayor a “tired clerk” who is “utterly lost,” a “bully” and a “relic.”"],
            ["tired clerk", "utterly lost", "bully", "relic."],
        ),
        # a verb that introduces the quote with a comma
        (["Asked whether the ferry would run, Ines Marr said, “Probably.”"], ["Probably."]),
        # the sentence ends crediting someone: `…,” Ruiz said.`
        (["Most riders saw the new fare as “a quiet tax,” Tomas Ruiz said."], ["a quiet tax"]),
        (["The summit achieved “far too little,” the minister added on the radio."], ["far too little"]),
        (["Locals trusted the old bridge as a “sturdy friend,” comparing it to the new one."], ["sturdy friend"]),
        # the quote's own attribution right after it, before the quote goes on
        (["“Your Honor,” I said, “may I explain the delay?”"], ["Your Honor", "may I explain the delay?"]),
    ],
)
def test_a_short_quote_under_a_verb_of_saying_is_a_quote(paragraphs, expected):
    assert quotes(*paragraphs) == expected


@pytest.mark.parametrize(
    "paragraphs, phrase",
    [
        # a short phrase nothing ties to a speaker, the final full stop inside the marks included
        (
            ["“We will widen the road,” said Dana Pike.", "Traffic then turned into a slow “parade of regret.”"],
            "regret",
        ),
        (["“Nobody listens,” said Omar Reyes.", "The harbor still waits for its “second spring.”"], "spring"),
        # a verb of saying far off, and the phrase only names a thing: the “unity” lunch
        (["Lina Moss said the board members who run the port now back the “harbor first” plan."], "harbor"),
        # the subject of its sentence
        (["“Open the gates,” Colm Hart said.", "“Fair share” is what the guild calls its levy."], "Fair share"),
        # a show, the one spoken to
        (["“We are ready,” the senator told “Morning Tonight” on Sunday."], "Morning"),
        # a title, named by its work noun, colon and exclamation mark included
        (["The band played in the movie “Harbor Nights: The Return!” last year."], "Harbor"),
        (["The hall showed “Lanterns at Dusk,” a drama set in a fishing town."], "Lanterns"),
        # a paragraph that is only a short quote, with no cue: a crowd's answer, a slogan
        (["“Should we give up?” Mara Voss asked the crowd.", "“No!”"], "No!"),
        # a slogan worn or carried: it names the thing after it
        (
            ["Marchers sang as they walked, and a group dressed in “Harbor Strong” T-shirts marched in silence."],
            "Strong",
        ),
        (["Delegates wearing “Vote Pike” pins cheered when Dana Pike said she would run again."], "Vote"),
        # a thing, named: `called` is not a verb of saying here
        (["Ruiz’s campaign set up an account called “Hale Watch” that posts his old votes."], "Watch"),
        (["Ana Ruiz said her firm built an app called “tide watch” for the harbor crews."], "tide"),
        # a pseudonym or an alias
        (["Letters signed with the pseudonym “a worried neighbor” reached the editor, Ruiz said."], "worried"),
        (["Under the alias “quiet heron,” Hale wrote to the council for years."], "heron"),
    ],
)
def test_phrases_names_and_titles_are_not_quotes(paragraphs, phrase):
    assert [q for q in quotes(*paragraphs) if phrase in q] == []


def test_a_chant_is_a_quote_but_the_same_words_on_t_shirts_are_not():
    found = quotes(
        "Dover was on the minds of marchers, with many chanting “We are Dover” and “No more fear.”",
        "In the square, a group dressed in “We are Dover” T-shirts marched in silence. Tom Pike carried a photo.",
    )
    assert found.count("We are Dover") == 1


def test_a_sentence_after_a_scare_marker_is_a_quote():
    assert quotes("The union posted a letter titled “Why we will strike again on Monday.”") == [
        "Why we will strike again on Monday."
    ]
    assert quotes("Marchers carried a banner reading “Fair pay now.”") == []


def test_a_phrase_that_only_names_a_thing_is_not_revived_as_a_re_quote():
    paragraphs = ["“This is a binary choice,” said Ada Kern.", "The whole “binary choice” framework was new."]
    assert quotes(*paragraphs) == ["This is a binary choice"]


def test_two_apostrophes_quote_partial_quotes_too():
    assert quotes("Mr. Hale said the deal was ''a real bargain'' for the town.") == ["a real bargain"]


@pytest.mark.parametrize(
    "text, expected",
    [
        # an opening mark typed for the closing one closes the quote
        ("“Are we done?“ he asked. “Not yet,” she said.", ["Are we done?", "Not yet"]),
        ("She called the plan “reckless“ in a post on Sunday.", ["reckless"]),
        # a height is not a quote mark
        ('The center is 6\'11" tall and "very quick," his coach said.', ["very quick"]),
    ],
)
def test_quote_marks_as_news_types_them(text, expected):
    assert spans(text) == expected


def test_single_marks_quote_only_where_the_document_quotes_with_them():
    american = [
        "Mayor Lunde says the levy is ‘a quiet tax on every family’",
        "“It is a quiet tax,” Mayor Ida Lunde said on Monday.",
        "“We will fight it,” the union said.",
    ]
    assert quotes(*american) == ["It is a quiet tax", "We will fight it"]
    british = ["‘It is a quiet tax,’ the mayor said.", "‘We will fight it,’ the union said."]
    assert quotes(*british) == ["It is a quiet tax", "We will fight it"]


def test_mojibake_is_repaired_only_where_the_repair_is_clean():
    clean = "He said â€œyesâ€\x9d to the plan."
    assert decode(clean.encode("utf-8")) == "He said “yes” to the plan."
    damaged = "na\u00c3 \u0304vet\u00c3\u00a9 of the plan\nâ€œYesâ€\x9d, he said."
    lines = decode(damaged.encode("utf-8")).split("\n")
    assert lines == ["na\u00c3 \u0304vet\u00c3\u00a9 of the plan", "“Yes”, he said."]


def test_tidy_keeps_spaces_inside_a_quote_closed_with_an_opening_mark():
    text = "“Please see www.example.org .“ Then he left."
    assert tidy(text).startswith("“Please see www.example.org .“")


def test_a_short_line_quoted_in_two_apostrophes_is_a_paragraph_not_a_heading():
    text = "TIDE REPORT\n\nThe harbor flooded again on Monday.\n\nMayor Lunde told reporters: ''We will rebuild.''\n"
    (briefing,) = read(text.encode(), "tide.txt")
    assert [q.text for q in briefing.quotes] == ["We will rebuild."]
    assert all(s.heading != "Mayor Lunde told reporters: ''We will rebuild.''" for s in briefing.sections)
