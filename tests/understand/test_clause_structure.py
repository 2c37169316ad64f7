"""Where the clause around a quote ends, and whose clause it is: relative clauses about places,
places after a described person, and object relatives. All sentences are written for these tests."""

import pytest

from bot.understand.attribute.attribute import attribute


def ties(*paragraphs: str) -> list[tuple[str | None, str]]:
    return [(f.speaker, f.how) for f in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a cue in a `where` clause about the place does not take the floor from the quote's speaker
        (
            [
                "“Our harbor is on the ballot,” Mr. Pell said on Saturday at the dockworkers dinner in Bristol, "
                "where Mrs. Varga also spoke. “Fairness is on the ballot.”"
            ],
            [("Pell", "cue"), ("Pell", "continuation")],
        ),
        # a described person in a place: the person speaks, not the town or the state
        (["“It is a hard winter,” a woman in Dover, Delaware, told the paper."], [("a woman in Dover", "cue")]),
        (["“It is a hard winter,” a farmer from Dover told the paper."], [("a farmer from Dover", "cue")]),
        (["“It is a hard winter,” voters in New Hampshire said."], [("voters in New Hampshire", "cue")]),
        # a name in apposition still speaks
        (["“No,” the mayor of Dover, Ana Ruiz, said."], [("Ana Ruiz", "cue")]),
        # an object relative: what the first cue said is only the subject of the second speaker's words
        (
            ["Sen. Ada Morrow spoke after the address. Nothing Gov. Lund said “will calm the farmers,” Morrow said."],
            [("Ada Morrow", "cue")],
        ),
        (["Everything the chair said “was rehearsed,” Ruiz said."], [("Ruiz", "cue")]),
        (["Under what Mr. Hale called “the old model,” the club told members it would close."], [("Hale", "cue")]),
        # an opening phrase that ends with the quote (its comma inside the closing mark): the main
        # clause's subject called it so
        (
            ["In declaring the plan “not workable,” the Ohio bishop again showed his flair."],
            [("the Ohio bishop", "cue")],
        ),
        (["After calling the levy “not fair,” Ruiz left the room."], [("Ruiz", "cue")]),
        (["After calling the levy “not fair”, Ruiz left the room."], [("Ruiz", "cue")]),
        # a party label in brackets between the name and its verb
        (
            [
                "“What a fine evening for the harbor!” Pell’s niece, state Del. Marta Oaks (D-Rivertown), "
                "shouted to the crowd. “The council is listening.”"
            ],
            [("Marta Oaks", "cue"), ("Marta Oaks", "continuation")],
        ),
        (
            ["Tom Birch, chairman of Valley Forward (a farm PAC), wrote: “Nobody asked us.”"],
            [("Tom Birch", "cue")],
        ),
        (
            [
                "“What a fine evening for our next mayor, Tom Pell!” Pell’s niece, state Del. Marta “Mimi” "
                "Oaks (D-Rivertown), shouted to the crowd."
            ],
            [("Marta Oaks", "cue")],
        ),
        # an apposition of more than forty words between the name and its verb
        (
            [
                "“These rules are a slow death for small farms,” Tom Hale, the president of the Northern "
                "Growers League, a group that represents more than two hundred orchards across the river valley "
                "and lobbies the state legislature every spring on water rights, pesticide rules and the price "
                "of diesel for the harvest machines that its members rent, said in an interview."
            ],
            [("Tom Hale", "cue")],
        ),
        # an earlier quote whose comma sits inside its closing mark ends the cue's clause; a name with a
        # verb of its own opens the clause that holds the next quote
        (
            ["In a clip that Judge Ana Vale called “distasteful,” Hale expressed a desire to “run them all out.”"],
            [("Ana Vale", "cue"), ("Hale", "subject")],
        ),
        (
            ["Ruiz said that by avoiding the phrase “school closure,” Trustees are “ducking the vote.”"],
            [("Ruiz", "cue"), ("Ruiz", "cue")],
        ),
        # a cue inside an opening `With ...` phrase does not speak for the main clause's colon
        (
            [
                "With council members growing nervous about the budget, Mayor Ann Ruiz is trying out a fresh and "
                "plainer message: “It is about the harbor.”"
            ],
            [("Ann Ruiz", "colon")],
        ),
        (["With Ruiz calling it “a fraud,” the council voted."], [("Ruiz", "cue")]),
        # a person's apposition, even with an `and` inside, is passed over to reach the verb whose
        # object the quote is
        (
            [
                "Ted Norvik, co-founder of the Harbor Institute and backer of a broad push for cleaner "
                "ferries, welcomed “the admission that the old docks cannot last.”"
            ],
            [("Ted Norvik", "subject")],
        ),
        (
            ["Potholes are so common here that city inspectors described the road past the school as “a moonscape.”"],
            [("city inspectors", "cue")],
        ),
        # a relative clause inside the predicate, with no speech verb of its own
        (
            [
                "Aaron Kell, the head of the port board at Lakeside College, compared Wade to a skipper who is "
                "“steering by guesswork.”"
            ],
            [("Aaron Kell", "subject")],
        ),
        # the one recorded speaks, not the ad that shows the recording
        (
            [
                "The video ends with a clip of Wade saying at the council meeting last month, “That saves us "
                "money,” when Ruiz questioned him."
            ],
            [("Wade", "cue")],
        ),
        # `as X put it` after the quote, with a document as X
        (
            ["The chief test for the grant is a “settled home address,” as a school board memo put it."],
            [("a school board memo", "cue")],
        ),
        # a noun-like verb after a name with a quantifier or a number before it is a noun
        (
            [
                "The council has drawn mixed reviews in many Northern states, and it has used “soft words” "
                "in its talks with them, said Nadia Kerrova, a lecturer at Dover Falls College."
            ],
            [("Nadia Kerrova", "cue")],
        ),
        (
            ["The Harbor Council has said that it has sealed 14 Ruiz emails as “strictly private.”"],
            [("Harbor Council", "cue")],
        ),
        # `Will` as a first name right after an inverted verb
        (
            [
                "“It is a pricey plan,” Kantor said. “It is a costly way to run a school,” said Will Dorn, "
                "a professor at Carver College in Dover Falls, Maine. “The biggest cost is staff.”"
            ],
            [("Kantor", "cue"), ("Will Dorn", "cue"), ("Will Dorn", "continuation")],
        ),
        (["“Stop!” Police arrived, and officers said the road was closed."], [(None, "none")]),
    ],
)
def test_clause_ties(paragraphs: list[str], expected: list[tuple[str | None, str]]) -> None:
    assert ties(*paragraphs) == expected


def test_an_honorific_keeps_a_surname_from_a_relative_of_the_other_sex() -> None:
    paragraphs = [
        "First lady Helen Pell spoke on Friday. “We are proud,” she said.",
        "“Our harbor is on the ballot,” Mr. Pell said on Saturday at the dinner in Bristol.",
    ]
    assert ties(*paragraphs) == [("Helen Pell", "pronoun"), ("Pell", "cue")]
