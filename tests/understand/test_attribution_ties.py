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
                "In June, Mr. Pell, who made his name on one ferry deal, told the council that the delays were "
                "“temporary,” adding that the port had “room to grow.”"
            ],
            ["Pell", "Pell"],
        ),
        # a person's campaign or aide as the subject of the clause
        (
            ["Ruiz’s campaign brushed off Pike’s letter, telling reporters, “The dock plan stays as it is.”"],
            ["Ruiz’s campaign"],
        ),
        (
            [
                "In reply to Ivo Brandt’s plan to close the pier, Dana Pike’s right-hand woman rallied "
                "neighbours, saying: “The pier belongs to all of us.”"
            ],
            ["Dana Pike’s right-hand woman"],
        ),
        # `general counsel` is a lawyer, not a verb of saying
        (
            ["In a memo sent on Friday, council general counsel Ed Marlow said the audit is “still open.”"],
            ["Ed Marlow"],
        ),
        # a time phrase between the apposition and the verb
        (
            ["Mayor Tom D. Pell, the town’s top official, on Tuesday called Ana Ruiz’s budget “reckless.”"],
            ["Tom D. Pell"],
        ),
        # an infinitive hangs on its clause's subject
        (
            ["The hearing was so brief that Ms. Ruiz was prompted to say, “That must be a record for this board.”"],
            ["Ruiz"],
        ),
        (
            ["The Brandt office denied it, with Pike taking to Twitter to call Ruiz “plainly confused.”"],
            ["Pike"],
        ),
        # `X said ... and added` is one speaker
        (
            [
                "In a long, late-night interview with reporter Lena Hock, Orsini said he welcomed the "
                "audit and added, “I will sign the report, no question.”"
            ],
            ["Orsini"],
        ),
        # an aside: what the station did is Pell's report
        (["Tom Pell apologized. Harbor Radio, Pell said, called the vote “a fresh start.”"], ["Tom Pell"]),
        # inverted verbs of manner right after a quote, and `is quoted as saying`
        (["“What a view!” beamed Nell Barker of Kessel, who had climbed onto the pier."], ["Nell Barker"]),
        (["“The ferry runs on time now,” Okafor is quoted as saying."], ["Okafor"]),
        # a long apposition with a short quote of its own between the subject and the verb
        (
            [
                "“We have had livelier meetings than this one,” Kessel delegate Ben Ostrow, wearing a "
                "rain hat and “Save the Dock” pins, said dryly while the hall emptied."
            ],
            ["Ben Ostrow"],
        ),
        (
            [
                "“The chances are good that the ferry fare stays low,” said another leading harbour "
                "advocate, Mara K. Dunst of the firm Pike Lowell."
            ],
            ["Mara K. Dunst"],
        ),
        # an inverted description with capitalised words in it
        (
            [
                "“Nobody has counted the boats,” said one unaffiliated Kessel Republican organizer. "
                "“The figures are guesses.”"
            ],
            ["one unaffiliated Kessel Republican organizer", "one unaffiliated Kessel Republican organizer"],
        ),
        # a time phrase or a phrase in, at or during something between the subject and the verb
        (["Marlow later Friday told a local paper: “The two boards meet in March.”"], ["Marlow"]),
        (["The split was final when Brandt in his budget speech called the auditors “amateurs.”"], ["Brandt"]),
        (["Gilda confided to him that the Harrows were “the last fishing family on the quay.”"], ["Gilda"]),
        # the agent of a passive verb of saying
        (["The plan has been called “slow-motion dredging” by Ivo Brandt, an engineer."], ["Ivo Brandt"]),
        (
            ["Hale was asked by host Sam Orley, who backs him, “Is the harbor plan dead, or only resting?”"],
            ["Sam Orley"],
        ),
        # a single name before an apposition that opens with `at`
        (
            ["For now, Castell, at the Harbor Studies Institute, said the two boards have a “working truce” here."],
            ["Castell"],
        ),
        # a clause inside the report is not a new clause of the sentence
        (["On Monday, Vance said that while Pike had been “rather hasty,” no penalty was due."], ["Vance"]),
        (["Dunst pushed back, arguing that she and Ruiz wanted “nearly the same harbour.”"], ["Dunst"]),
        # a cue that opens the next quote with a colon is not the one before
        (
            ["After Orley said some pupils would be happier at “smaller village schools,” Ruiz said: “Not here.”"],
            ["Orley", "Ruiz"],
        ),
        # a dateline, `Amid ...` and a possessor before the name are not the subject
        (["Portby (HNS) - Democrat Dana Pike took a jab at Brandt, saying that “empty promises” hurt."], ["Dana Pike"]),
        (
            [
                "Amid calls to publish the ledger, The Harbor Gazette’s Lia Frost offered a reason, saying it is "
                "important to “show every figure.”"
            ],
            ["Lia Frost"],
        ),
        # `a group called Friends of the Quay` names a group: nobody speaks
        (
            [
                "“The pier will flood,” said Rob Tallis, organizer of a group called Friends of the Quay, "
                "which expects 300 members. “Nobody listened.”"
            ],
            ["Rob Tallis", "Rob Tallis"],
        ),
        # a participle after `before`, a verb of manner after the name, the one a recording shows
        (
            ["“Row a little closer,” Marek sings to Ruiz before asking her, “Which way is the harbour?”"],
            ["Marek", "Marek"],
        ),
        (["The new ad shows footage of Dana Pike asking, “Why is the ferry late again?”"], ["Dana Pike"]),
        (["The spot ends with footage of Brandt saying at the forum, “That saves us money,” to applause."], ["Brandt"]),
        # an age before the name; a name set off by dashes; `said the mayor “...”` reports the mayor
        (
            [
                "68-year-old Harriet Moss, founder of a rowing club and a board member from Kessel, endorsed "
                "Ruiz last week, saying she “has kept every promise on the harbour.”"
            ],
            ["Harriet Moss"],
        ),
        (
            [
                "A former councillor -- Ned Ambry, who lost the 2014 election to Ruiz -- said the mayor "
                "“offered nothing new on the budget.”"
            ],
            ["Ned Ambry"],
        ),
    ],
)
def test_cue_subjects(paragraphs, expected):
    got = speakers(*paragraphs)
    assert got[: len(expected)] == expected


def test_a_quote_the_paragraph_ties_is_not_credited_by_the_next_one():
    got = ties(
        "Ivo Kern, a ferry pilot, frowned as he listened to the vote.",
        "“She will not fix the dock,” Kern said. “She never comes down here.”",
        "That view sums up one of Ana Ruiz’s hardest problems.",
    )
    assert got == [("Ivo Kern", "cue"), ("Ivo Kern", "continuation")]


def test_a_quote_ending_its_sentence_keeps_a_cue_with_an_apposition():
    got = ties(
        "The two volunteers at the harbour stall are Rosa Venn and Edith Crane.",
        "“I am here for the harbour fund. Can you spare a minute?” Venn, a retired ferry clerk, said cheerfully.",
    )
    assert got == [("Rosa Venn", "cue")]
    # but `Name, owner, said the ...` opens a sentence of its own
    got = ties(
        "In March, the harbour manager wrote in a memo: “We need the crane this week.” Paul Brenner, the yard’s "
        "owner, said the council has yet to reply."
    )
    assert got[0][0] != "Paul Brenner"


def test_coordination_inside_a_reported_clause_keeps_the_cue():
    got = speakers(
        "Columnist Nora Fell stated that the meeting was calmer and the harbour chair “did well because the agenda "
        "was short.”"
    )
    assert got and got[0] is not None and got[0].endswith("Nora Fell")


def test_a_verb_of_manner_is_a_cue_only_right_after_a_quote():
    got = ties(
        "“The board said no, and she kept rowing anyway,” remembered Otto Faber, a former harbour clerk. "
        "“Each refusal only made her more stubborn.”"
    )
    assert got == [("Otto Faber", "cue"), ("Otto Faber", "continuation")]
    # elsewhere the verb makes nobody's words of a quote
    assert speakers("Residents should remember that the “new” ferry was hardly different from the old one.") in (
        [],
        [None],
    )


def test_no_speaker_from_a_verb_that_is_not_speech():
    # `the sun beamed` reports no words; `fans can expect` neither
    assert speakers("The sun beamed over the “Freedom Fest” crowd as Nora Lund arrived.") in ([], [None])
    got = ties("Fans can expect her to sing with “a bit more swagger than usual.”")
    assert all(how != "cue" for _, how in got)


def test_a_hypothetical_infinitive_is_no_cue():
    # `would do well to begin` reports nothing: the inverted cue after the quote is the speaker
    got = speakers(
        "Still, Ms. Ruiz would do well to start “clearing the air” with Mr. Brandt, said Colin Yarrow, a strategist."
    )
    assert got == ["Colin Yarrow"]


def test_a_participle_after_a_clause_with_its_own_subject_takes_no_name_from_it():
    # the fishermen chant, not the academy named before them
    got = ties(
        "The loudest booing came during a visit to the Marine Academy of Kessel at Portby, when "
        "fishermen drowned her out, chanting “keep the quay open!”"
    )
    assert all(speaker != "Kessel" for speaker, _ in got)


def test_a_phrase_before_a_noun_is_no_subject():
    # `remarks` is a noun here: Ruiz made no remarks at the hearing
    got = speakers(
        "Pell went after Ruiz at the hearing refusing to take back earlier remarks, when he called it “wasteful.”"
    )
    assert got != ["Ruiz"]


def test_the_subject_after_an_opening_phrase_takes_the_floor():
    got = ties(
        "Rep. Ben Sorrel spoke first.",
        "On “Meet the Harbor,” Sen. Ben Sorrel, who lost the primaries, named the boredom of young residents as "
        "a reason. “The younger people have stopped coming to meetings.”",
    )
    assert got == [("Ben Sorrel", "continuation")]


def test_initials_before_a_pronoun_end_the_sentence():
    got = ties(
        "Tarn says Brandt is trying to hide the gaps in his port plan for the U.S. He says residents do not want "
        "any more “glossy brochures.”"
    )
    assert got == [("Tarn", "pronoun")]


def test_a_dash_before_a_gloss_is_no_signature():
    got = speakers("Once, Pip circled the ferry as the deckhands shouted “Hasta luego!” - Spanish for “see you later.”")
    assert "Spanish" not in got


def test_the_object_of_a_preposition_does_not_speak_for_a_participle():
    got = speakers(
        "Even before Sorrel took the podium, his campaign sent a text to volunteers saying: “The levy passed!”"
    )
    assert got == ["his campaign"]


def test_a_number_of_years_ago_opens_a_phrase():
    got = speakers("Six years ago, he backed Brandt over Ruiz and said, “She never fixed a single pier.”")
    assert got != ["Six"]


def test_a_role_after_the_article_is_still_the_subject_of_a_participle():
    assert speakers("The Kessel senator is telling voters that he will have “plenty of votes” soon.") == [
        "the Kessel senator"
    ]


def test_a_name_inside_a_relative_clause_is_not_the_subject():
    got = speakers(
        "Mr. Tolley, whose latest venture, Keelworks, helps marinas find welders, said Mr. Brandt was a "
        "mayor in the mould of the harbour: “He is a roll-up-your-sleeves kind of guy.”"
    )
    assert got == ["Tolley"]
