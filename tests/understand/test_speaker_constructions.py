"""Who said it, by the construction of the sentence: verbs of manner after a quote, possessive speech
nouns, names with a nickname, crowds chanting. Every sentence here is invented for these tests."""

import pytest

from bot.understand.attribute.attribute import attribute


def speakers(*paragraphs: str) -> list[str | None]:
    return [f.speaker for f in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("“We will not move,” reacted Tom Hale.", ["Tom Hale"]),
        # a question mark ends the quote, not the sentence: the verb after it still reports it
        ("“Would the council agree to that?” Ana Ruiz pressed.", ["Ana Ruiz"]),
        ("“What was the turning point?” Ben Cho questioned.", ["Ben Cho"]),
        # an article and an adjective before the name
        (
            "Tom Hale said the port was lost. “The port will never close,” an angry Ana Ruiz retaliated.",
            ["Ana Ruiz"],
        ),
    ],
)
def test_a_verb_of_manner_right_after_the_quote(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # the quote is the content of a speech noun that someone owns: that owner said it
        ("Ana Ruiz brushed aside Tom Hale’s warning that the dam would “give way by spring.”", ["Tom Hale"]),
        ("Ben Cho welcomed the report and Tom Hale’s conclusion that the canal was “a lost cause.”", ["Tom Hale"]),
        ("Ana Ruiz mocked Tom Hale’s answer, which was that “nobody reads the fine print.”", ["Tom Hale"]),
        # but the word someone else uses for those words is theirs
        ("Ana Ruiz called Tom Hale’s remarks “absurd.”", ["Ana Ruiz"]),
        ("Ana Ruiz issued a statement, saying Tom Hale’s remarks are “a new low for the council.”", ["Ana Ruiz"]),
    ],
)
def test_a_possessive_speech_noun_after_the_verb(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph",
    [
        # a quantifier before the participle is its subject: a crowd, not the place that opens the sentence
        "Dover was on the minds of marchers, with many chanting “We are Dover” as they passed.",
        # nor the person whose speech the crowd answered
        "Tom Hale spoke at the dock, with some shouting “Let him talk!” from the back.",
    ],
)
def test_a_counted_crowd_chanting_is_no_named_speaker(paragraph: str) -> None:
    assert speakers(paragraph) == [None]


def test_a_speaker_reported_inside_another_report_does_not_take_the_floor() -> None:
    """The quote-only paragraph goes on from the one who reports, not from who they report on."""
    found = speakers(
        "Ben Cho said that for years some critics had predicted a collapse of the mill.",
        "“That is because the valley still needs the jobs we make here every single day.”",
    )
    assert found == ["Ben Cho"]


def test_state_at_the_end_of_a_sentence_with_no_quote_is_a_noun() -> None:
    found = speakers(
        "Ana Ruiz praised the council's work in a heavily Republican state.",
        "“We need someone who can cut through the noise and get things done.”",
    )
    assert found == ["Ana Ruiz"]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # `had written` reports like `wrote`
        (
            "Tom Hale spoke. As the columnist Ana Ruiz had written a few years earlier, “We could not have a"
            " harbour without the mill.”",
            ["Ana Ruiz"],
        ),
        # a title in quote marks closes the apposition after the name, right before the verb
        (
            "Tom Hale spoke. As Ben Cho, professor of law at Dover and author of “The Quiet Valley,” put it,"
            " “The council should remember who elected it.”",
            ["Ben Cho"],
        ),
    ],
)
def test_as_someone_put_it(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph)[-1:] == expected


def test_a_dash_and_a_surname_sign_the_quote_paragraph_before() -> None:
    """A weaker tie than a full name: the speaker is right, but shown as a guess."""
    found = attribute(
        [
            "Tom Hale took questions at the dock. Ben Cho said the mill was fine.",
            "“The idea that I would close the mill is just not accurate.”",
            "- Hale.",
            "Hale tends to overstate.",
        ]
    )
    assert [(f.speaker, f.how) for f in found] == [("Tom Hale", "guess")]


def test_a_dash_and_a_word_that_names_no_one_signs_nothing() -> None:
    found = speakers(
        "Ben Cho said the mill was fine.",
        "“The idea that I would close the mill is just not accurate.”",
        "- Reuters.",
    )
    assert found != ["Reuters"]


def test_a_quote_coordinated_with_the_one_before_has_its_speaker() -> None:
    found = speakers(
        "Tom Hale spoke first. At the forum, Ana Ruiz cited Hale’s past references to the mayor as “Lady Tide”"
        " and “Miss Ledger” as examples of his tone."
    )
    assert found == ["Ana Ruiz", "Ana Ruiz"]


def test_said_of_after_a_name_with_a_party_label_credits_the_quote() -> None:
    found = speakers("Ben Cho spoke first.", "“Perpetual motion!” Rep. Tom Hale, R-Del., said of the swirl of events.")
    assert found == ["Tom Hale"]


def test_a_day_after_the_verb_may_open_a_new_report() -> None:
    """`Hale, a local activist, warned Saturday that ...` is a sentence of its own after the quote."""
    found = speakers(
        "Ben Cho called the vote “rigged.” Tom Hale, a local activist, warned Saturday that the count was late.",
        "“The count is the count,” he wrote.",
    )
    assert found == ["Ben Cho", "Tom Hale"]


def test_a_family_speaks_as_a_group() -> None:
    found = speakers(
        "Tom Hale spoke first. Ana Ruiz's family urged the harbour board to publish the ship logs “as a matter"
        " of plain fairness” and asked for calm."
    )
    assert found == ["Ana Ruiz's family"]


def test_a_possessive_with_the_apostrophe_alone() -> None:
    found = speakers(
        "Tom Hale spoke first. The mill moved because, in Jones’ words, “the valley is the best place for it.”"
    )
    assert found == ["Jones"]


def test_heres_someone_introduces_their_words() -> None:
    found = speakers(
        "Ben Cho wrote a book about the port.",
        "Here’s Hale in the spring of 2009: “A harbour town lives or dies by its tides.”",
    )
    assert found == ["Hale"]


def test_and_goes_on_with_the_subject_of_the_that_clause() -> None:
    found = speakers(
        "Ben Cho spoke first.",
        "The union has become such a force on the trail that Hale during a Sunday rally praised its"
        " members and called the Dock Workers Union “one of our best friends.”",
    )
    assert found == ["Hale"]


def test_ruled_reports_a_verdict() -> None:
    assert speakers("Tom Hale spoke first. Dover Watch then ruled that the mayor’s figure is “mostly false.”") == [
        "Dover Watch"
    ]


def test_an_outlet_and_former_role_describe_one_person() -> None:
    found = speakers(
        "Tom Hale spoke first.",
        "Dover Daily and former radio show host Ana Ruiz has urged a humble approach in several recent speeches,"
        " advising graduates in 2009 to “keep your feet wet,” and telling one class, “If you are too proud for a"
        " small boat, you are too small for a big ship.”",
    )
    assert found == ["Ana Ruiz", "Ana Ruiz"]


def test_a_participle_goes_on_from_an_earlier_name_and_ing_verb() -> None:
    found = speakers(
        "Ben Cho wrote a book about the port.",
        "I can still picture Mayor Tom Hale standing on the quay one wet May morning, declaring a “state of"
        " emergency” for the harbour, and telling the town that “we need to dredge the channel now.”",
    )
    assert found == ["Tom Hale", "Tom Hale"]


def test_an_apposition_left_open_before_the_verb() -> None:
    found = speakers(
        "Tom Hale spoke first.",
        "“We need a plan for the valley,” Ana Ruiz, the pollster who founded harborpoll.com tweeted on"
        " Wednesday. “They are clearly drawing from his side now.”",
    )
    assert found == ["Ana Ruiz", "Ana Ruiz"]


def test_a_role_with_a_short_clause_then_the_name_between_commas() -> None:
    found = speakers(
        "Ben Cho wrote a book about the port.",
        "The clerk I spoke with, Tim Grove, stood up to declare, “Then the harbour is finished.”",
    )
    assert found == ["Tim Grove"]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # words of its own sentence lead up to the quote: the name and verb after it open the next sentence
        (
            "At the dock hearing Ana Ruiz teased Tom Hale, calling him, on more than one occasion, “a tired old"
            " clerk.” Hale shot back on the radio two weeks later, accusing Ruiz of “pure spite.”",
            ["Ana Ruiz", "Tom Hale"],
        ),
        (
            "At the dock hearing Ana Ruiz teased Tom Hale, calling him, on more than one occasion, “[a tired old"
            " clerk.]” Hale shot back on the radio two weeks later, accusing Ruiz of “pure spite.”",
            ["Ana Ruiz", "Tom Hale"],
        ),
        # a quote that opens its sentence is still credited by the name and verb after it
        ("Ana Ruiz left early. “We are done here.” Tom Hale sighed.", ["Tom Hale"]),
    ],
)
def test_a_quote_ending_a_sentence_of_its_own(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # an office written `X of Y` before the name: the person is named after it
        ("The vote was close. Former secretary of state Ana Ruiz: “We lost the port by a hair.”", ["Ana Ruiz"]),
        ("Harbor Party director of communications Tom Hale: “Nobody saw the swing coming.”", ["Tom Hale"]),
        ("Dover Chief of Staff Ana Ruiz said the deal was “a fair trade.”", ["Ana Ruiz"]),
        ("“It is a fair trade,” Dover Chief of Staff Ana Ruiz said.", ["Ana Ruiz"]),
        # a person `of` a place is still that person
        ("Tom Hale of State College said the deal was “a fair trade.”", ["Tom Hale"]),
    ],
)
def test_an_office_with_of_before_the_name(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph) == expected


def test_the_subject_of_a_relative_clause_is_its_antecedent() -> None:
    # `who` is the subject of `said`: the name after the verb is in what the woman said
    found = speakers("Tom Hale spoke. A woman who said Hale cheated her called him “a crook.”")
    assert found == ["a woman"]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Domestically, Ana Ruiz, who called the plan “a disgrace,” has won support.", ["Ana Ruiz"]),
        ("Separately, Tom Hale, who called the levy “a trap,” kept his seat.", ["Tom Hale"]),
    ],
)
def test_an_adverb_opening_the_sentence_is_no_name(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph) == expected


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "Tom Hale left the firm. Two of his old staffers, Ana and Ben Ruiz, recall that he “never trusted a poll.”",
            "Ana and Ben Ruiz",
        ),
        (
            "Tom Hale left the firm. Two aides, Ana Ruiz and Ben Cho, said the plan was “dead in the water.”",
            "Ana Ruiz and Ben Cho",
        ),
    ],
)
def test_two_names_in_apposition_speak_together(paragraph: str, expected: str) -> None:
    # two people say it together: both are credited, never one of them or anyone else
    assert speakers(paragraph) == [expected]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # the subject of a passive `was asked` heard the question: someone else asked it
        ("During the town forum Tom Hale was asked, “Will the ferry run in winter?”", [None]),
        ("Ferry crews were told: “Stay in the harbour until the storm passes.”", [None]),
        # the same subject answering speaks
        ("Tom Hale was asked about the port and said, “We will dredge it.”", ["Tom Hale"]),
    ],
)
def test_a_passive_verb_of_asking_before_the_quote(paragraph: str, expected: list[str | None]) -> None:
    assert speakers(paragraph) == expected


@pytest.mark.parametrize(
    "second, expected",
    [
        # a cue before the quote reports it, however far its verb: the words are repeated by its speaker
        ("Ana Ruiz said that with his talk of “a board that failed,” the mayor was “hiding.”", "Ana Ruiz"),
        ("Ana Ruiz keeps coming back to “a board that failed” in speeches, and blamed Hale for it.", "Ana Ruiz"),
        # a cue after the quote that does not govern it is weaker than the words' first speaker
        ("That “a board that failed” line will be tested, says Ben Cho.", "Tom Hale"),
    ],
)
def test_a_requote_and_a_distant_cue(second: str, expected: str) -> None:
    found = speakers("“We have a board that failed the town,” Tom Hale said.", second)
    assert found[:2] == ["Tom Hale", expected]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        (
            "The late swing showed early in the week. A note from Ana Ruiz and Ben Cho: “The numbers moved in"
            " the final week.”",
            "Ana Ruiz and Ben Cho",
        ),
        ("From Ana Ruiz: “The numbers moved in the final week.”", "Ana Ruiz"),
    ],
)
def test_a_name_after_from_before_the_colon(paragraph: str, expected: str | None) -> None:
    assert speakers("Tom Hale spoke first.", paragraph)[-1:] == [expected]


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        ("Ruiz and Hale later posted a short video calling the deal “a fair trade.”", ["Ruiz and Hale"]),
        ("Ana Ruiz and Tom Hale put out a joint note calling the deal “a fair trade.”", ["Ana Ruiz and Tom Hale"]),
    ],
)
def test_two_names_joined_by_and_open_the_sentence(paragraph: str, expected: list[str]) -> None:
    assert speakers("Ana Ruiz met Tom Hale at the port.", paragraph) == expected


def test_two_roles_joined_by_and_before_the_name() -> None:
    found = attribute(
        [
            "Tom Hale spoke first.",
            "Former clerk and Dover Mayor Ana Ruiz, a friend of Hale, spent an hour on WDOV’s “Harbor Hour,”"
            " calling the plan a “sure loser” for the port.",
        ]
    )
    assert [f.speaker for f in found if f.text == "sure loser"] == ["Ana Ruiz"]


def test_having_before_a_verb_of_saying_is_no_name() -> None:
    # `Having said that, ...`: a perfect participle opens the sentence; `Having` names nobody
    found = speakers("Tom Hale spoke first.", "Having said so, there are people who call the levy “a small price.”")
    assert found and "Having" not in found


@pytest.mark.parametrize(
    "paragraph, expected",
    [
        # `and` before the last of a list of names goes on with the same report
        (
            "At the Harbor Council, Ben Cho argued the town wants Ruiz, Hale, and Stone to “settle the levy"
            " before the winter.”",
            "Ben Cho",
        ),
    ],
)
def test_a_serial_list_of_names_is_no_new_clause(paragraph: str, expected: str) -> None:
    assert speakers("Tom Hale spoke first.", paragraph) == [expected]
