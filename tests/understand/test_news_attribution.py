"""Attribution on news-style text: the speaker is the subject of the speech verb, named in full,
and a speaker nothing in the text ties to the quote is marked as a guess. All sentences are
written for these tests."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.understand.analyze import read
from bot.understand.attribute.attribute import attribute
from bot.understand.attribute.quotes import find_spans
from bot.understand.attribute.speaker import fragment
from bot.understand.model import BriefingError
from bot.understand.text import tidy


def found(*paragraphs: str):
    return attribute(list(paragraphs))


def speakers(*paragraphs: str) -> list[str | None]:
    return [f.speaker for f in found(*paragraphs)]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # inverted and unusual cues
        (["“We will not back down,” responded Maya Okafor, the union’s negotiator."], ["Maya Okafor"]),
        (["“That is a fairy tale,” chimed in Tomas Berg."], ["Tomas Berg"]),
        (["“Not on my watch,” shot back Lena Falk."], ["Lena Falk"]),
        (["“Then vote against it,” Priscilla Moreau interjected."], ["Priscilla Moreau"]),
        # titles, honorifics and initials with a full stop stay inside the name
        (["“The plan is dead,” said Sen. Rhea Calloway."], ["Rhea Calloway"]),
        (["“The plan is dead,” said Mr. Okonkwo, who chairs the panel."], ["Okonkwo"]),
        (["“We need more time,” said Gen. Barton T. Lisle, the former commander."], ["Barton T. Lisle"]),
        (["“I was never asked,” said former Gov. Wendell Strand."], ["Wendell Strand"]),
        # a description before the name (newswire style)
        (["“Wages have to rise,” said union leader Ana Costa."], ["Ana Costa"]),
        (["“Rates will fall,” says economist Ben Cho."], ["Ben Cho"]),
        (["Demand is “softening fast,” according to analyst Carla Diaz."], ["Carla Diaz"]),
        (["“We expect a strong year,” said Acme chief executive Dan Ives."], ["Dan Ives"]),
        (["“Go, go, go!” Brevia party leader Ottavio Renzi wrote online."], ["Ottavio Renzi"]),
        # the name that opens an apposition, not a place inside it
        (["“The ferry was never coming,” Mr. Halvorsen, now 79 and living in Dover, Del., said."], ["Halvorsen"]),
        # a participle takes the main clause's speaker, never its object
        (["Nadia Berg issued a statement saying “the count was fair.”"], ["Nadia Berg"]),
        (["“We started talks,” Mr. Quist said, adding of the mayor, “She wants a deal.”"], ["Quist", "Quist"]),
        (
            ["The Harbor Fund declined to comment, telling Channel 9 that it was focused on “the work.”"],
            ["Harbor Fund"],
        ),
        (["Pell accuses Obrecht of “steering by the stars” and Obrecht says he is “winning.”"], ["Pell", "Obrecht"]),
        # an office or campaign keeps its owner; a group word is not a name
        (["Jones’ campaign called the report a “hasty sketch.”"], ["Jones’ campaign"]),
        (["Hale’s office called the suit “hollow.”"], ["Hale’s office"]),
        (["Continuing to explain, Ruiz rejected the idea, saying that he “would mend it first.”"], ["Ruiz"]),
        (["“Nobody expected it,” wrote Gazette bureau chief Lina Park."], ["Lina Park"]),
        (["Aides met Republican claims of “major progress” with silence on Friday, Ruiz said."], ["Ruiz"]),
        (["“We should vote on it today,” said Del. Ada Pruitt of Guam."], ["Ada Pruitt"]),
        (
            ["Independent candidate Gus Lorne’s doctor is calling him “as strong as an ox.”"],
            ["Independent candidate Gus Lorne’s doctor"],
        ),
        (["“It was the only route open,” Mr. Vogel of the Alpine Club said."], ["Vogel"]),
        (
            ["Union campaign manager Rob Tully told the paper that the mayor may end up calling it “a lie.”"],
            ["Rob Tully"],
        ),
        (
            ["The mayor was met with shouts of “Rosa!” last month, according to Harbor Union President Dora Meys."],
            ["Dora Meys"],
        ),
        (["“Thanks for coming,” said master of ceremonies Oren Tabor, an engineer."], ["Oren Tabor"]),
        (["“It is over,” added another Ohio Democrat."], ["another Ohio Democrat"]),
        (
            ["Earlier this week, Ruiz shared her worry with donors, “Nobody can tell me what the river will do.”"],
            ["Ruiz"],
        ),
        (
            ["Walking to the vote, Senator Ida Moore Kell, Independent of Maine, called out, “Count me in.”"],
            ["Ida Moore Kell"],
        ),
        (
            [
                "Rhea Sand, the head of Civic Ledger, charged that Ms. Hale “buried” files that contradict her official pledge."
            ],
            ["Rhea Sand"],
        ),
        (
            [
                "The flood set off a debate, with Senator Jon Mack telling reporters the agency was “asleep at the wheel.”"
            ],
            ["Jon Mack"],
        ),
        (["Forecasters agree - Ana Costa: “The lesson was simple.”"], ["Ana Costa"]),
        (["Mr. Halvorsen, citing “the pull of the harbor,” said the candidate could win."], ["Halvorsen"]),
        # what was said about someone does not make them the speaker
        (["Aides said Halvorsen would win “by a mile.”"], [None]),
        # a cue in a subordinate clause does not take the floor
        (
            [
                "“The leases stand,” Ron Vance told the paper in July, after Mayor Ida Lund voiced a wish to end them. "
                "“Every clause holds.”"
            ],
            ["Ron Vance", "Ron Vance"],
        ),
    ],
)
def test_news_cues(paragraphs, expected):
    assert speakers(*paragraphs) == expected


def test_a_label_that_opens_with_a_preposition_is_no_speaker():
    assert all(map(fragment, ["of Ohio", "In Roe", "with the campaign", "when my mother", "as analyst"]))
    assert not any(map(fragment, ["To Lam", "de Blasio", "Will", "Ann Roe and Bob Lee", "Al Sharpton"]))


def test_a_noun_after_a_noun_is_no_speech_verb():
    assert speakers("Voters remember campaign promises “that never came true for anyone,” Lind said.") == ["Lind"]
    assert speakers("Ann Lind, who never minces words, also promises “a fight to the very end.”") == ["Ann Lind"]


def test_a_group_states_in_the_present():
    assert speakers(
        "The report came out on Sunday.",
        "“Our goal is calm water in the whole bay,” the Harborites state in the brief.",
        "“The costs are rising every month,” the officials write.",
    ) == ["Harborites", "the officials"]
    assert speakers("Ohio state delegate Mary Susan said the vote was “a farce.”") == ["Mary Susan"]


def test_two_apostrophes_are_quote_marks():
    text = "''Our nets came back empty,'' said Jorge Almeida, a fisherman."
    (f,) = found(text)
    assert (f.text, f.speaker) == ("Our nets came back empty", "Jorge Almeida")


def test_marks_inside_markup_are_not_quotes():
    text = 'She posted it. <embed post-id="12345" author="@someone">Read this</embed> “It works,” she said.'
    assert [text[s.start : s.end] for s in find_spans(text)] == ["It works,"[:-1]]


def test_fullest_name_the_document_gives():
    assert speakers("John Podesta, the campaign chairman, spoke on Friday.", "“It is over,” Podesta said.") == [
        "John Podesta"
    ]
    # two people share the surname: the short name stays
    assert speakers("Ned Marsh and Lucy Marsh arrived.", "“It is over,” Marsh said.") == ["Marsh"]


def test_a_role_is_named_when_the_text_links_it():
    quotes = found(
        "Kellyanne Marsh, the mayor’s campaign manager, spoke on Sunday.",
        "“We are winning,” the campaign manager said.",
    )
    assert [(q.speaker, q.how) for q in quotes] == [("Kellyanne Marsh", "role")]


def test_pronouns_follow_honorifics():
    quotes = found("Mr. Okafor met Ms. Lindqvist on Friday.", "“We agreed on nothing,” she said.")
    assert [q.speaker for q in quotes] == ["Lindqvist"]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # the subject of the sentence before, not the object, a possessor or a name in a framed clause
        (
            [
                "Later on the program, Senator Tomas Roe questioned Mr. Bob Lee's honesty.",
                "He called him “a liar who cannot be trusted on anything,” and moved on.",
            ],
            ["Tomas Roe"],
        ),
        (
            [
                "Mr. Vance also did not sound confident when Nina Cole asked about the race.",
                "“It will be a very close fight in the fall,” he said.",
            ],
            ["Vance"],
        ),
        (
            [
                "Darren Vale spoke after the vote. While Pete Ortiz pledged to work with everyone, Vale insisted "
                "that change will come.",
                "“Nothing real will happen without a fight,” he said.",
            ],
            ["Darren Vale"],
        ),
        (
            [
                "And campaign chairman Rob Pike — Tom Bell’s old deputy — had a motto ready when someone asked "
                "how the campaign would answer.",
                "“We will fight for every family in the state,” he said.",
            ],
            ["Rob Pike"],
        ),
        (
            [
                "Ivan Petrov defended his brother and refused to criticize senators, like Tom Bell, who had opposed "
                "the bill.",
                "“Family farmers are not out to hurt anyone,” he said.",
            ],
            ["Ivan Petrov"],
        ),
        (
            [
                "Gary Olsen’s column also attacked Lena Park for backing Tom Bell. He calls her endorsement "
                "“the least surprising news of the year.”"
            ],
            ["Gary Olsen"],
        ),
        # a he or she that opens the sentence before is the same person
        (
            [
                "Gus Trammell won the state by ten points on Tuesday.",
                "He mentioned only in passing his third-place showing in Dover Falls behind Sam Ruiz.",
                "“We found out a great deal about knocking on doors in a month,” he said.",
            ],
            ["Gus Trammell"],
        ),
        (
            [
                "Ella Marsh has worked at the plant for 14 years.",
                "And when she saw Mr. Cole praising Bricktown Mills on television, she could only clap. "
                "“I loved it,” she said.",
            ],
            ["Ella Marsh"],
        ),
        # `..., Moss said.` closes the sentence: its main clause, whoever else a verb there has
        (
            [
                "Carl Dunn stirred the small crowds with speeches and promises to fix the roads, Hal Moss said.",
                "“He was very sharp and well prepared,” he said.",
            ],
            ["Hal Moss"],
        ),
        # in its own sentence, a name after a preposition or a possessive is not the pronoun's referent
        (
            [
                "Joe Varga eased his tone on Monday.",
                "Asked on River Radio who runs the council, he said Nolan. “For now I would pick Nolan,” he said.",
            ],
            ["Joe Varga"],
        ),
        (
            [
                "Senator Tomas Roe is running hard.",
                "Lately, he has been talking up his record on schools more.",
                "“I care deeply about the problems our schools have,” he said.",
            ],
            ["Tomas Roe"],
        ),
        (
            [
                "Mr. Dean Holt spoke to analysts about the move on Monday.",
                "Still he dismissed the idea that pressure from River Networks had driven it. “This was a tough "
                "choice,” he said.",
            ],
            ["Dean Holt"],
        ),
        (
            [
                "Carl Ibsen was asked about the rally.",
                "While Ibsen affirmed that he likes Ruiz, he also said a day earlier, “If Ruiz wins, we lose the state.”",
            ],
            ["Carl Ibsen"],
        ),
        (
            [
                "Radio Norte’s Bruno Salas noticed that no station cut away. He said his network “stayed with it” "
                "all night."
            ],
            ["Bruno Salas"],
        ),
        # the senator who spoke just before, once a pronoun stands for `the Nevada senator`
        (
            [
                "Senator Ana Ruiz said the plan was fair to every county.",
                "The Nevada senator told reporters the vote would come soon and would pass.",
                "“We have the numbers this time,” she said.",
            ],
            ["Ana Ruiz"],
        ),
        # an unnamed `the radio host` is not the name in its predicate; `the admiral` is `Adm. Dace`
        (
            [
                "The radio host has filled his speeches with praise for Tim Walsh.",
                "He has called Walsh “the next great leader of this state.”",
            ],
            [None],
        ),
        (
            [
                "Adm. Rolf Dace met the minister on Monday. In a talk overheard by aides, the admiral was blunt.",
                "“We will not leave the strait,” he said.",
            ],
            ["Rolf Dace"],
        ),
        # a name after the words that describe its bearer; a company is never he or she
        (
            [
                "Earlier, Dune County Sheriff Joe Pratt vouched for Ruiz’s plan to hire more deputies.",
                "He said, “Ruiz will keep this county safe for every family.”",
            ],
            ["Joe Pratt"],
        ),
        (["Acme Corp. announced new layoffs on Monday.", "“We have no other choice this year,” he said."], [None]),
        # an honorific says which pronoun fits
        (["Mrs. Kane, with her record in office, “is seen as the safer choice by many voters,” he said."], [None]),
        # `they` after two people joined by `and`, each with an apposition: both, never a piece of one
        (
            [
                "Critics such as Senators Ann Roe, Republican of Ohio, and Bob Lee, Democrat of Maine, wrote to"
                " the agency on Tuesday.",
                "“The agency has failed to explain its choices,” they wrote.",
            ],
            ["Ann Roe and Bob Lee"],
        ),
        (
            [
                "Critics such as Roe, Republican of Ohio, and Lee, Democrat of Maine, wrote to the agency.",
                "“The agency has failed to explain its choices,” they wrote.",
            ],
            [None],
        ),
        # a single word that reports as an organisation, or a common word opening a sentence, is no he
        (
            [
                "Zelmora announced on Monday that it would cut 300 jobs at its plant in Fenwick.",
                "“This was a hard decision,” he said.",
            ],
            [None],
        ),
        (
            [
                "Ivo Stamm sang for an hour. Listeners can count on him to take more risks.",
                "“It comes from the gut,” he said, “and any crowd can tell.”",
            ],
            ["Ivo Stamm", "Ivo Stamm"],
        ),
        (
            ["Dorn announced on Monday that he would run again.", "“This was an easy decision,” he said."],
            ["Dorn"],
        ),
        # a nationality word as a speaker's name is a surname; a number opening a sentence is nobody
        (
            [
                "Cuban said the league was in trouble and the owners knew it.",
                "“We have waited too long to fix this mess,” he said.",
                "Eight years ago, he told the board, “the yard was close to ruin and nobody cared at all.”",
            ],
            ["Cuban", "Cuban"],
        ),
        # he is never the person his own clause names after the verb
        (
            [
                "Vic Hardy rallied in Dover on Sunday with Dale Ormond, a radio host.",
                "The radio host has filled his speeches for Hardy with praise. He has called Hardy “the next great"
                " leader of this land” more than once.",
            ],
            ["Dale Ormond"],
        ),
        (
            [
                "Tim Vask, a voter, asked Senator Rob Pell about the mill.",
                "“We were abused by that program for years,” he told Pell.",
            ],
            ["Tim Vask"],
        ),
        # a parenthetical `she said` inside what an earlier cue reports is that cue's speaker
        (
            [
                "Mrs. Kane replied that she was glad Ms. Ruiz had said it because, she said, it showed “how"
                " intolerant some of them really are.”"
            ],
            ["Kane"],
        ),
        # a first name borne by women and men alike says nothing about he or she
        (
            ["Marty Quill, a farmer in the valley, said the rains came late.", "“We lost half the crop,” she said."],
            ["Marty Quill"],
        ),
        (["Chris Dunmore spoke after Nell Dunmore.", "“Nobody warned us,” he said."], ["Chris Dunmore"]),
        # a description whose noun gives the gender is the he or she of its own clause, or of the next sentence
        (
            [
                "Ivo Brandt grew up on a farm near Tarlo. He left at 17.",
                "My mother has grown gentler over the years, yet even today she says things such as, “Never trust a man"
                " who sings at breakfast.”",
            ],
            ["my mother"],
        ),
        (
            ["Ivo Brandt grew up on a farm near Tarlo.", "His wife was less sure. “We never had the money,” she said."],
            ["his wife"],
        ),
        (["Ana Ruiz grew up near Tarlo.", "My father worked nights. “We never saw him,” she said."], ["Ana Ruiz"]),
        (
            [
                "Ana Ruiz ran the mill for years.",
                "Ivo Brandt left early, but his wife stayed, and she said, “We never had the money.”",
            ],
            ["his wife"],
        ),
        (
            [
                "Ivo Brandt ran the mill.",
                "When the mill closed, his daughter was furious. “We never had it,” she said.",
            ],
            ["his daughter"],
        ),
        # after a sentence opening with a lone surname the text says nothing else of, he is not someone before
        (
            [
                "Ivo Brandt conceded that his choice was tactical. “With the budget vote in mind,” he said.",
                "Decker sidestepped the question, and didn’t pick a side. “I will name the winner later,” he said.",
            ],
            ["Ivo Brandt", None],
        ),
        # `the woman` is the one named before her only when that one is surely a woman
        (
            ["Ivo Brandt ran the mill.", "The woman who ran the shop was less sure. “We never had it,” she said."],
            ["the woman"],
        ),
        (
            ["Ana Ruiz ran the mill.", "The woman who ran the shop was less sure. “We never had it,” she said."],
            ["Ana Ruiz"],
        ),
        # after a sentence about `the radioman`, he is a man named just before, never one further back
        (
            [
                "Ivo Brandt grew up near Tarlo.",
                "Ana Ruiz grew up on a farm.",
                "The radioman was on deck when Ruiz arrived. “We saw the lights first,” he said.",
            ],
            [None],
        ),
        (
            [
                "Ivo Brandt served on the trawler for a decade.",
                "The radioman was on deck when the storm hit. “We saw the lights first,” he said.",
            ],
            ["Ivo Brandt"],
        ),
        # a full name with a known male first name is male, whatever its surnames end with
        (
            [
                "Ana Ruiz flew to Tarlo in June.",
                "President Enrique Vela Osuna met her on Tuesday. Vela Osuna spoke for an hour."
                " “The border is open for business,” she said.",
            ],
            ["Ana Ruiz"],
        ),
        # a `she said` after a quote that an embedded cue reports is the main clause's speaker's
        (
            ["Mrs. Orla Penn replied that Ms. Ida Vasko had said “the count was rigged,” she said."],
            ["Orla Penn"],
        ),
    ],
)
def test_pronouns_resolve_to_the_subject_chain(paragraphs, expected):
    assert speakers(*paragraphs) == expected


def test_transcript_turns_and_colon_introductions():
    quotes = found(
        "Partial transcript as follows:",
        "“HOST: Will she be there?”",
        "“OKAFOR: She will not.”",
        "“And that is final.”",
        "“Q: Why not?”",
        "The Daily Ledger reports:",
        "“Donors stayed home.”",
    )
    assert [(q.speaker, q.how) for q in quotes] == [
        ("Host", "transcript"),
        ("Okafor", "transcript"),
        ("Okafor", "continuation"),
        (None, "none"),
        ("Daily Ledger", "colon"),
    ]


def test_signed_quotes():
    assert speakers("“He is unqualified.” ― Ana Costa “He is a bully.” ― Ben Cho") == ["Ana Costa", "Ben Cho"]


def test_a_signature_line_after_a_quote_paragraph():
    quotes = found(
        "The debate over the port went on for hours.",
        "“We cannot keep paying for a harbor nobody uses.”",
        "- Ilse Varga.",
        "“The port is the heart of this town.”",
        "— Omar Tull, harbor master",
        "“It is too late for that.”",
        "- Varga.",
    )
    assert [(q.speaker, q.how) for q in quotes[:2]] == [("Ilse Varga", "cue"), ("Omar Tull", "cue")]
    assert quotes[2].how != "cue"


def test_a_headline_names_nobody_in_full():
    assert speakers("Quist Slams Rival As Unfit", "“He is not ready.”") == [None]
    assert speakers("Ana Costa Leads Harbor Board", "“We start today,” Costa said.") == ["Costa"]


def test_how_and_confidence():
    quotes = found(
        "“We will win,” said Ana Costa.",
        "“And we will win again.” The vote is on Sunday.",
        "Costa left early. “Nobody asked me,” she added.",
    )
    assert [q.how for q in quotes] == ["cue", "guess", "pronoun"]
    assert quotes[0].confidence > quotes[2].confidence > 0 and 0 < quotes[1].confidence < quotes[0].confidence


def test_a_continued_quote_is_a_continuation():
    quotes = found(
        "“We will win,” said Ana Costa. “Nobody doubts it.”",
        "“The first line,” said Ben Cho. “It runs on",
        "“and ends here.”",
    )
    assert [(q.speaker, q.how) for q in quotes] == [
        ("Ana Costa", "cue"),
        ("Ana Costa", "continuation"),
        ("Ben Cho", "cue"),
        ("Ben Cho", "continuation"),
        ("Ben Cho", "continuation"),
    ]


def test_a_guessed_speaker_is_not_stated_in_bullets():
    text = " date 2025-01-01 T\n\nTalks\n\n“We will win,” said Ana Costa.\n\nThe vote is close. “Nobody knows the count.”\n"
    (b,) = read(text.encode(), "g.txt")
    guess = [q for q in b.quotes if q.how == "guess"]
    assert guess and guess[0].speaker == "Ana Costa" and guess[0].asserted_speaker is None
    assert all(
        "Nobody knows the count" not in bullet.text or not bullet.speakers for s in b.sections for bullet in s.bullets
    )


def test_tidy_leaves_quotes_alone():
    assert tidy("says Dan , “So . . . in , fact” and Ian , yes") == "says Dan, “So . . . in , fact” and Ian, yes"


# -- quotes stay word for word ---------------------------------------------------------------------

_WORDS = st.sampled_from(
    [
        "the plan",
        "Ana Costa",
        "said",
        "says",
        "Mr.",
        "Sen.",
        "J.",
        "Hale",
        "told reporters",
        "according to",
        "analyst",
        "So . . . in",
        "well ,",
        "it",
        "—",
        "(D-N.Y.)",
        ":",
        ";",
        "was",
        "dead on arrival",
        "Meet the Press",
        '<tag id="7">',
        "he",
        "she",
        ",",
    ]
)
_MARKS = st.sampled_from(["“", "”", '"', "''", "‘", "’", "«", "»", ". ", ", "])
_PARA = st.lists(_WORDS | _MARKS, min_size=1, max_size=40).map(" ".join)


@settings(max_examples=200, deadline=None)
@given(paras=st.lists(_PARA, min_size=1, max_size=6))
def test_quotes_and_bullet_quotes_are_verbatim(paras):
    data = ("\n\n".join([" date 2025-01-01 T", "Heading", *paras]) + "\n").encode()
    try:
        briefings = read(data, "v.txt")
    except BriefingError:
        return
    for briefing in briefings:
        text = "\n".join(p for s in briefing.sections for p in s.paragraphs)
        for q in briefing.quotes:
            para = briefing.sections[q.section_index].paragraphs[q.paragraph_index]
            assert para[q.start : q.end] == q.text
        for s in briefing.sections:
            for bullet in s.bullets:
                for quoted in re.findall(r"“([^”]*)”", bullet.text):
                    for piece in quoted.split("…"):
                        assert piece.strip() in text
