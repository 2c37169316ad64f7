"""The label of a speaker's noun phrase: the person a long phrase is headed by (not a place or an
organisation among its modifiers), and the whole description when the text names nobody. Every
sentence here is invented for these tests."""

import pytest

from bot.understand.attribute.attribute import attribute
from bot.understand.parse.decode import decode


def speakers(*paragraphs: str) -> list[str | None]:
    return [f.speaker for f in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a person of a town and its state
        (
            ["Nora Quill of Brandon, Vermont says she hopes the mill will keep “doing what it has always done.”"],
            ["Nora Quill"],
        ),
        # an age written before the name, then a long apposition with a place at its end
        (
            [
                "81-year-old Amos Tenney, founder of the Brightwater Institute, a council member in the 1980s and"
                " longtime committeeman from Maine, backed Ruiz last week, saying she “has shown real resolve.”"
            ],
            ["Amos Tenney"],
        ),
        # `think tank` is no verb: the organisation does not speak
        (
            ["“The real cost is staff,” said Dale Harlan, president of the Open Ledger Network think tank."],
            ["Dale Harlan"],
        ),
        # a relative clause after the apposition belongs to the person, not to the city in it
        (
            [
                "“You will see many tactics,” said Greta Holm, 29, a former volunteer for the Ruiz campaign in"
                " Dover who said she would march. “We will not be quiet about it, not this time around.”"
            ],
            ["Greta Holm", "Greta Holm"],
        ),
        # two offices joined by `and` before the name
        (
            [
                "“He has done this before,” said former Idaho Gov. and party Chairman Ed Brannock.",
                "“He will do it again, and he will win again,” said former Utah Gov. and Western Growers"
                " Association Chairman Lou Fenner.",
            ],
            ["Ed Brannock", "Lou Fenner"],
        ),
        # a colon after a description that ends with the name
        (["Former Ruiz speechwriter Joel Amsel: “This is not how a campaign should end.”"], ["Joel Amsel"]),
        # Dutch particles
        (
            ["“Europe is drifting apart,” said Saskia van ’t Hoff, a Dutch member of the assembly."],
            ["Saskia van ’t Hoff"],
        ),
        (["“It is a risk everywhere,” said Pim in 't Zand, a Dutch lawmaker."], ["Pim in 't Zand"]),
        # number words and `Local` open a phrase; they name nobody
        (["Eleven civic groups are asking Ruiz to “step aside” before the vote."], [None]),
        (["Soviet dissident Ivo Marek referred to the “new nobility” of the party."], ["Ivo Marek"]),
    ],
)
def test_the_person_a_phrase_is_headed_by(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["“Nobody asked the ferry crews,” said a person close to the Pikes."], ["a person close to the Pikes"]),
        (["“It was a mistake,” wrote one Ruiz supporter."], ["one Ruiz supporter"]),
        (
            ["“If the levy fails, the pier shuts,” said one well-placed Liberal familiar with the budget."],
            ["one well-placed Liberal familiar with the budget"],
        ),
        (["“We learned a lot in that race,” said a 2008 campaign veteran."], ["a 2008 campaign veteran"]),
        (["“The fabric is cheap,” said the stylist, who sews for a rival house."], ["the stylist"]),
        (["“We did nothing wrong,” said a spokesman for Kestrel Networks."], ["a spokesman for Kestrel Networks"]),
        (
            [
                "“She took the harbor route,” said the former chief clerk to Mayor Ivo Brandt. “If it floods, we warned them.”"
            ],
            ["the former chief clerk to Mayor Ivo Brandt", "the former chief clerk to Mayor Ivo Brandt"],
        ),
        (
            ["“His maps are out of date,” said a veteran aide to Ruiz, who asked not to be named."],
            ["a veteran aide to Ruiz"],
        ),
        (["“Vote for Ruiz and the whole slate,” said the printed slate card."], ["the printed slate card"]),
        (
            ["A top Tom Pell adviser says the grocer has a “clear run” at the harbor seat."],
            ["a top Tom Pell adviser"],
        ),
        (
            ["One clerk inside Harbor Hall said the mood was “calm as a slack tide in here.”"],
            ["one clerk inside Harbor Hall"],
        ),
        (
            ["The alderman from Dover Falls said the ferry timetable was “broken before it began.”"],
            ["the alderman from Dover Falls"],
        ),
        (
            ["“Did the dredging slip? Surely,” said one former senior port official."],
            ["one former senior port official"],
        ),
        # a phrase that names the person gives the name
        (["“Nobody ever told us to shut the gates,” said the port chief known as Gus."], ["Gus"]),
        # not a speaker: time, or a clause that follows
        (["Ruiz spoke at noon. “We will win,” she said the other day."], ["Ruiz"]),
    ],
)
def test_a_description_is_the_speaker_in_full(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


def test_a_description_keeps_each_place_it_speaks() -> None:
    got = speakers(
        "“His maps are out of date,” said a veteran aide to Ruiz.",
        "“This feels like the flood of 2009,” said one veteran aide to Ben Lund.",
    )
    assert got == ["a veteran aide to Ruiz", "one veteran aide to Ben Lund"]


def test_a_description_after_its_quote_is_a_cue() -> None:
    found = attribute(["Ada Lund spoke first.", "“We never got the minutes,” said a person close to the board."])
    assert [(f.speaker, f.how) for f in found] == [("a person close to the board", "cue")]


def test_mojibake_with_decomposed_letters_is_repaired() -> None:
    text = decode("President Ana Pe\u0041\u0303\u00b1a Ruiz urged voters not to “turn inward.”".encode())
    assert "Peña" in text
    assert speakers(text) == ["Ana Peña Ruiz"]


def test_a_counted_role_then_a_name_between_commas() -> None:
    found = attribute(
        [
            "One early backer, Representative Lee Zell, Republican of Ohio, tried the line on Tuesday:"
            " “You can easily argue the point and still win it.”"
        ]
    )
    assert [f.speaker for f in found] == ["Lee Zell"]


def test_a_man_calling_himself_a_name() -> None:
    assert speakers("“Whoever moved the bus stop should resign!” wrote a man calling himself Rolf Rolf.") == [
        "Rolf Rolf"
    ]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["“We will appeal at once,” the statement said."], ["the statement"]),
        (["The new ad claims “Ruiz is the one you can trust.”"], ["the new ad"]),
        (["“Ana runs a tight ship,” said the 52-year-old."], ["the 52-year-old"]),
    ],
)
def test_a_description_before_its_verb(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


def test_he_is_never_a_document() -> None:
    got = speakers(
        "The foundation will keep raising money from donors at home.",
        "“The only factor is the perception,” he said.",
    )
    assert got != ["the foundation"]


def test_a_possessive_before_a_noun_like_a_verb_is_no_description() -> None:
    got = speakers("A county auditor general’s report released in May found “three gaps in the ledger.”")
    assert not any(s and "general" in s for s in got)


def test_an_institution_of_its_members_is_one_name() -> None:
    assert speakers("In a statement, the Association of Flight Crews called Ruiz a “friend of every crew.”") == [
        "Association of Flight Crews"
    ]
    assert speakers("“We stand with her,” said Ana Lutz of the Association of Flight Crews.") == ["Ana Lutz"]


def test_a_number_word_opening_the_sentence_is_no_name() -> None:
    got = speakers("Thirty-one years ago, a Courier article praised Ruiz as “the best swimmer on the bay.”")
    assert "Thirty-one" not in got


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (
            [
                "“She promises one thing at every pier,”Dana Pike, who is chairman of Harbor Watch Pac said"
                " in a statement. “Week after week, she sounds like the kind of councillor boaters dread.”"
            ],
            ["Dana Pike", "Dana Pike"],
        ),
        (["“We stand firm with her,” said the American Federation of Porters."], ["American Federation of Porters"]),
        (["Council general counsel Nell Voss said the audit is “careful and thorough.”"], ["Nell Voss"]),
        (
            [
                "“The school run will be chaos,” said Tom Pell, organizer of a group called Parents for Dover Falls,"
                " which expects 3,000 people. “They have made the crossing far less safe.”"
            ],
            ["Tom Pell", "Tom Pell"],
        ),
    ],
)
def test_organisations_inside_the_phrase(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (
            [
                "With her help, the council was “trying to mend its books,” wrote the harbor auditor at the time, Ivo Brandt."
            ],
            ["Ivo Brandt"],
        ),
        (
            ["“We have flagged the silt for months,” the Dover sheriff and Liberal mayoral candidate said."],
            ["the Dover sheriff and Liberal mayoral candidate"],
        ),
        (
            [
                "A spokesman for River Networks declined to discuss the audit but said in a statement that"
                " “River Networks kept to every harbor rule.”"
            ],
            ["a spokesman for River Networks"],
        ),
        (
            [
                "“Are they reading an old bus timetable?” said Lev Ostrow, a trustee and Ruiz supporter who has"
                " accused Hale supporters of heckling his neighbours. “Are they reading the minutes at all?”"
            ],
            ["Lev Ostrow", "Lev Ostrow"],
        ),
    ],
)
def test_descriptions_joined_and_named_after(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (
            ["On the show, the former mayor of Dover and current Green party nominee said she would speak “plainly.”"],
            ["the former mayor of Dover and current Green party nominee"],
        ),
        (
            ["The former school principal and U.S. envoy said it was “an error” to skip the safety drill."],
            ["the former school principal and U.S. envoy"],
        ),
        (
            [
                "During a long argument over the budget, a neighbour commented: “For you, the ferry is all that matters.”"
            ],
            ["a neighbour"],
        ),
        (["“We live in a fallen world,” my father often said."], ["my father"]),
    ],
)
def test_descriptions_in_full_before_the_verb(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


def test_a_subordinate_clause_is_no_subject() -> None:
    got = speakers("Once, when my aunt brought up the tide tables at dinner, I laughed and said, “I never read them.”")
    assert "when my aunt" not in got


def test_a_common_word_opening_the_sentence_is_no_speaker() -> None:
    got = speakers(
        "Tunnels run under the whole town, and the tunnels keep growing.",
        "Tunnels are so many that locals call the hill “a honeycomb” now.",
    )
    assert "Tunnels" not in got


def test_a_name_that_is_also_a_word_stays_a_name() -> None:
    got = speakers(
        "Grant Young, a farmer, spoke first. He is young at heart.",
        "Young said the harvest was “the best in years.”",
    )
    assert got == ["Grant Young"]


def test_a_group_opening_the_sentence_stays_the_speaker() -> None:
    got = speakers("The protesters kept marching.", "Protesters sang “Open the library!” until late in the evening.")
    assert got == ["Protesters"]


def test_a_dateline_is_no_subject() -> None:
    got = speakers(
        "Dover (AFP) – Democrat Ana Ruiz has criticised her rival, saying that “empty promises” cost the town."
    )
    assert got == ["Ana Ruiz"]


def test_a_dash_inside_the_subject_is_no_dateline() -> None:
    got = speakers("Governor Tom Hale – a Dover Rovers fan – gave a two-word reply: “Dover, obviously.”")
    assert "Dover Rovers" not in got


def test_the_place_before_a_role_opening_the_sentence_is_no_name() -> None:
    got = speakers("The Dover sheriff tried to settle the crowd, saying the boy would “not be punished” at the fair.")
    assert got == ["the Dover sheriff"]


def test_each_quote_takes_the_description_nearest_before_it() -> None:
    got = speakers(
        "Prosecutors said the case was “closed for now.”",
        "If he could go back, prosecutors say, he told one agent, “You did a fine job with it all.”",
    )
    assert got == ["Prosecutors", "prosecutors"]


def test_a_role_that_a_relative_clause_is_about() -> None:
    got = speakers(
        "In Dover, Hale endured a lecture from the Norland president, who said the pact was “good for both.”"
    )
    assert got == ["the Norland president"]
    got = speakers(
        "Many worry that Ana Ruiz, the presumptive Green nominee, who has called the plan “a hoax,” will win."
    )
    assert got == ["Ana Ruiz"]


def test_a_possessive_pronoun_is_no_description_of_its_own() -> None:
    got = speakers(
        "Ana Ruiz built her campaign on equal pay.",
        "Her school plan promises to “give every pupil a warm lunch at noon.”",
    )
    assert "her school plan" not in got


def test_people_of_a_places_institute() -> None:
    got = speakers(
        "“Salt would eat the new pilings,” engineers Mara Holt and Jon Vail-Ostrow of Dover's Institute"
        " for Tides and Shipping wrote in September."
    )
    assert got == ["Mara Holt and Jon Vail-Ostrow"]


def test_an_organisation_with_a_participle_is_its_subject() -> None:
    got = speakers(
        "Parents backed Ruiz early, with the Federation of Ferry Pilots calling her “the steady hand the harbor wants.”"
    )
    assert got == ["Federation of Ferry Pilots"]


def test_a_one_word_apposition_after_whose_is_no_speaker() -> None:
    got = speakers(
        "Mr. Slinn, whose newest shop, Tidewell, sells rope to boat owners, said the candidate was"
        " “a harbor kind of woman, through and through.”"
    )
    assert got == ["Slinn"]
