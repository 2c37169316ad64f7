"""How a quote is tied to its cue and the cue to its subject: participles, infinitives, asides,
appositions and inverted verbs of manner, and quotes a paragraph already ties. All sentences are
written for these tests."""

import pytest

from bot.understand.attribute.attribute import attribute


def ties(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(f.speaker, f.how) for f in attribute(list(paragraphs))]


def speakers(*paragraphs: str) -> list[str | None]:
    return [f.speaker for f in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a participle after a quote or a comma takes the clause's speaker, never a verb and its object
        (
            [
                "In May, Mr. Pallson, who made a fortune on one bet, told investors that the fears were "
                "“overblown,” adding that the firm had “plenty of upside.”"
            ],
            ["Pallson", "Pallson"],
        ),
        # a person's campaign or aide as the subject of the clause
        (
            ["Wilde’s campaign shrugged off Brisk’s remarks, telling reporters, “Nobody asked for his support.”"],
            ["Wilde’s campaign"],
        ),
        (
            [
                "In reply to Tom Wade’s plan to close the border, Rina Clay’s right-hand woman rallied "
                "supporters, saying: “We have to be ready to stop him.”"
            ],
            ["Rina Clay’s right-hand woman"],
        ),
        # `general counsel` is a lawyer, not a verb of saying
        (
            ["In a letter filed on Monday, agency general counsel Jim Bakely said the review is “ongoing.”"],
            ["Jim Bakely"],
        ),
        # a time phrase between the apposition and the verb
        (
            ["Speaker Tom D. Wilde, the party’s top official, on Tuesday called Ann Brisk’s remarks “racist.”"],
            ["Tom D. Wilde"],
        ),
        # an infinitive hangs on its clause's subject
        (
            ["The debate was so calm that Mr. Hale was prompted to say, “I cannot believe how civil it is.”"],
            ["Hale"],
        ),
        (
            ["The Wade campaign denied it, with Lewis taking to Twitter to call Fields “totally delusional.”"],
            ["Lewis"],
        ),
        # `X said ... and added` is one speaker
        (
            [
                "In a long, jailhouse interview with reporter Matei Roscan, Lazaro said he welcomed the "
                "trial and added, “I will plead guilty, no problem.”"
            ],
            ["Lazaro"],
        ),
        # an aside: what CNN did is Cruzo's report
        (["Carl Cruzo apologized. CNN, Cruzo said, called the news “highly significant.”"], ["Carl Cruzo"]),
        # inverted verbs of manner right after a quote, and `is quoted as saying`
        (["“This is fantastic!” beamed Donald Hart of Madison, who had snuck onto the floor."], ["Donald Hart"]),
        (["“We are in and out of the field fast,” Brayson is quoted as saying."], ["Brayson"]),
        # a long apposition with a short quote of its own between the subject and the verb
        (
            [
                "“We have had better conventions than this one,” Texas delegate Bill Eastman, wearing a "
                "cowboy hat and “Vote Lee” pins, said matter-of-factly as the crowd left."
            ],
            ["Bill Eastman"],
        ),
        (
            [
                "“The odds are better than even that the bench stays short,” said another leading court "
                "advocate, Andrew J. Pinto of the firm Mayer Brown."
            ],
            ["Andrew J. Pinto"],
        ),
        # an inverted description with capitalised words in it
        (
            [
                "“There is no data to suggest it,” said one unaligned Ohio Republican strategist. "
                "“There is no home-state edge.”"
            ],
            ["one unaligned Ohio Republican strategist", "one unaligned Ohio Republican strategist"],
        ),
        # a time phrase or a phrase in, at or during something between the subject and the verb
        (["Dolan later Thursday told a radio host: “Both men meet next week.”"], ["Dolan"]),
        (["The break was complete when Wade in his launch speech called the migrants “thieves.”"], ["Wade"]),
        (["Freddy confided to her that the Lunds were “the first new family on the street.”"], ["Freddy"]),
        # the agent of a passive verb of saying
        (["The tactic has been called “strategic ambiguity” by Joshua Hendricks, a professor."], ["Joshua Hendricks"]),
        (["Sanders was asked by host Bill Marr, who backs him, “Has the story moved, has it not?”"], ["Bill Marr"]),
        # a single name before an apposition that opens with `at`
        (
            ["For now, Pantucci, at the Royal Services Institute, said the two have a “modus vivendi” here."],
            ["Pantucci"],
        ),
        # a clause inside the report is not a new clause of the sentence
        (["On Tuesday, Comay said that while Clay had been “extremely careless,” no charges were due."], ["Comay"]),
        (["Rubin pushed back, arguing that he and Cruse shared “almost all the same views.”"], ["Rubin"]),
        # a cue that opens the next quote with a colon is not the one before
        (
            ["After Scalo said some students might do better at “less advanced schools,” Wade said: “I disagree.”"],
            ["Scalo", "Wade"],
        ),
        # a dateline, `Amid ...` and a possessor before the name are not the subject
        (["Salem (AFP) - Democrat Rina Clay took a swipe at Wade, saying that “loud comments” hurt."], ["Rina Clay"]),
        (
            [
                "Amid calls to name those listed, The Courier’s Matt Walsh offered a reason, saying it is "
                "necessary to “remember their names.”"
            ],
            ["Matt Walsh"],
        ),
        # `a group called Citizens for Wade` names a group: nobody speaks
        (
            [
                "“You will have a problem,” said Tim Salty, organizer of a group called Citizens for Wade, "
                "which expects 5,000 people. “They made it worse.”"
            ],
            ["Tim Salty", "Tim Salty"],
        ),
        # a participle after `before`, a verb of manner after the name, the one a recording shows
        (
            ["“Keep your hands in sight,” Blice sings to Clay before asking her, “Where do we go from here?”"],
            ["Blice", "Blice"],
        ),
        (["The ad uses footage of Rina Clay asking, “Why am I not 50 points ahead?”"], ["Rina Clay"]),
        (["The spot ends with footage of Wade saying at the debate, “That makes me smart,” to cheers."], ["Wade"]),
        # an age before the name; a name set off by dashes; `said the president “...”` reports the president
        (
            [
                "76-year-old Morton Blackwood, founder of an institute and a committeeman from Virginia, endorsed "
                "Cruse last week, saying he “has shown his deep commitment.”"
            ],
            ["Morton Blackwood"],
        ),
        (
            [
                "A former candidate -- John Mast, who lost the 2008 election to Olan -- said the president "
                "“offered no changes to his strategy.”"
            ],
            ["John Mast"],
        ),
    ],
)
def test_cue_subjects(paragraphs, expected):
    got = speakers(*paragraphs)
    assert got[: len(expected)] == expected


def test_a_quote_the_paragraph_ties_is_not_credited_by_the_next_one():
    got = ties(
        "Ana Ortez, a father of six, shook his head as he watched the rally.",
        "“She is not going to change anything,” Ortez said. “She is not part of us.”",
        "That sentiment captures one of Rina Clay’s biggest problems.",
    )
    assert got == [("Ana Ortez", "cue"), ("Ana Ortez", "continuation")]


def test_a_quote_ending_its_sentence_keeps_a_cue_with_an_apposition():
    got = ties(
        "The first two volunteers at the door are Eva Millet and Gloria Majors.",
        "“I am calling from the campaign. How are you today?” Millet, a retired plant worker, said pleasantly.",
    )
    assert got == [("Eva Millet", "cue")]
    # but `Name, owner, said the ...` opens a sentence of its own
    got = ties(
        "In October, the director wrote in an email: “We want to use this now.” Steve Adley, the firm’s owner, "
        "said the campaign has yet to follow up."
    )
    assert got[0][0] != "Steve Adley"


def test_coordination_inside_a_reported_clause_keeps_the_cue():
    got = speakers(
        "Columnist Dan Brookes stated that the debate was calmer and the Florida senator “did well because it was a "
        "substantive debate.”"
    )
    assert got and got[0] is not None and got[0].endswith("Dan Brookes")


def test_a_verb_of_manner_is_a_cue_only_right_after_a_quote():
    got = ties(
        "“Analysts said no, and she set out to prove them wrong,” remembered Roy Verlan, a former spokesman. "
        "“The more the criticism mounted, the more determined she was.”"
    )
    assert got == [("Roy Verlan", "cue"), ("Roy Verlan", "continuation")]
    # elsewhere the verb makes nobody's words of a quote
    assert speakers("Voters should remember that the “new” Nixon was a lot like the old one.") in ([], [None])


def test_no_speaker_from_a_verb_that_is_not_speech():
    # `the sun beamed` reports no words; `audiences can expect` neither
    assert speakers("The sun beamed over the “Freedom Fest” crowd as Nora Lund arrived.") in ([], [None])
    got = ties("Audiences can expect him to sing with “a little more recklessness than usual.”")
    assert all(how != "cue" for _, how in got)


def test_a_hypothetical_infinitive_is_no_cue():
    # `would do well to begin` reports nothing: the inverted cue after the quote is the speaker
    got = speakers(
        "But Ms. Clay would do well to begin “building bridges” to Mr. Wade, said David Axton, a strategist."
    )
    assert got == ["David Axton"]


def test_a_participle_after_a_clause_with_its_own_subject_takes_no_name_from_it():
    # the protesters shout, not the university named before them
    got = ties(
        "The first outburst came during a speech at the State University of New York at Purchase, when "
        "protesters interrupted her, shouting “she wins, we lose!”"
    )
    assert all(speaker != "New York" for speaker, _ in got)


def test_a_phrase_before_a_noun_is_no_subject():
    # `remarks` is a noun here: Trump made no remarks at the debate
    got = speakers(
        "Bush went after Trump at the debate refusing to recant earlier remarks, when he called it “unhinged.”"
    )
    assert got != ["Trump"]


def test_the_subject_after_an_opening_phrase_takes_the_floor():
    got = ties(
        "Rep. Ben Saunders spoke first.",
        "On “Face the Nation,” Sen. Ben Saunders, who lost the primaries, named the fatigue of young voters as "
        "a reason. “The younger people are sick and tired of it.”",
    )
    assert got == [("Ben Saunders", "continuation")]


def test_initials_before_a_pronoun_end_the_sentence():
    got = ties(
        "Coxe says Olan is trying to distract from his lack of a plan in the U.S. He says Americans do not need "
        "any more “condescending lectures.”"
    )
    assert got == [("Coxe", "pronoun")]


def test_a_dash_before_a_gloss_is_no_signature():
    got = speakers("Once, Freddo circled the trawler as the crew shouted “Do svidaniya!” - Russian for “goodbye.”")
    assert "Russian" not in got


def test_the_object_of_a_preposition_does_not_speak_for_a_participle():
    got = speakers("Even before Saunders took the stage, his campaign sent a text to supporters saying: “We won!”")
    assert got == ["his campaign"]


def test_a_number_of_years_ago_opens_a_phrase():
    got = speakers("Eight years ago, he backed Olan over Clay and said, “She has never done anything for us.”")
    assert got != ["Eight"]


def test_a_role_after_the_article_is_still_the_subject_of_a_participle():
    assert speakers("The Florida senator is telling reporters that he will have “a lot of delegates” soon.") == [
        "the Florida senator"
    ]


def test_a_name_inside_a_relative_clause_is_not_the_subject():
    got = speakers(
        "Mr. Slinker, whose latest start-up, Paradata, helps brands find suppliers, said Mr. Wade was a "
        "candidate in the spirit of the valley: “He is a start-up kind of guy.”"
    )
    assert got == ["Slinker"]
