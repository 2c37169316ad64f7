"""Which person a he or she in a cue means, by the structure of the sentences before it. Every
sentence here is invented for these tests."""

from bot.understand.attribute.attribute import attribute


def speakers(*paragraphs: str) -> list[str | None]:
    return [f.speaker for f in attribute(list(paragraphs))]


def test_two_first_names_on_one_surname_are_two_people() -> None:
    # `Maria Lopez Vance` is not the `Ben Vance` named later, so the he is the man who spoke before
    paragraphs = [
        "“We cannot keep every promise we have made,” said Mr. Hale of the Dover Institute. Plans so far"
        " from the Green front-runner, Maria Lopez Vance, to raise fees on rentals, he added, amount to"
        " “tinkering at the margins.”",
        "Later, Ben Vance spoke at the Ardent Club.",
    ]
    assert speakers(*paragraphs) == ["Hale", "Hale"]


def test_a_he_never_means_a_woman_the_text_describes() -> None:
    # `his mother` is the last subject, but a he cannot be her: no speaker rather than the wrong one
    paragraphs = [
        "“Nobody asked me before the vote,” he said of the board.",
        "After the family moved north, his mother would not let him play rugby, saying the boy had enough"
        " bruises. Even so, the captain rarely talks about the sport he missed. The old rumors about that"
        " still irk him.",
        "“People like to invent a past for me, and it gets tiring,” he said.",
    ]
    assert speakers(*paragraphs)[-1] != "his mother"


def test_a_source_after_according_to_yields_to_the_person_it_reports_on() -> None:
    # the she goes on with what Hale told the millers, not with the newspaper that reported it
    paragraphs = [
        "“We will manage,” Hale said last week.",
        "According to the Harbor Ledger, Hale thanked her “faithful backers” at the fair, and she urged the"
        " millers to hold their prices. She also said the drought was not the farmers’ doing, “not in the"
        " least.”",
    ]
    assert speakers(*paragraphs)[-1] == "Hale"


def test_a_speaker_inside_a_that_clause_yields_to_the_main_one() -> None:
    # Ortiz `wanted` inside what Ruiz was claiming: the next he is Ruiz
    paragraphs = [
        "Ruiz, later claiming - wrongly - that Mayor Ben Ortiz wanted to admit 5,000 settlers, said he would"
        " turn them away. (On Monday he said he would “weigh hard” shutting the ferry.)"
    ]
    assert speakers(*paragraphs) == ["Ruiz"]


def test_a_chain_of_she_sentences_leads_back_to_the_woman_named() -> None:
    # three sentences open with `She` after Ana Ruiz is named; Marsh, met on the way, is not the she
    paragraphs = [
        "“We lost control of the docks,” Marsh said in May.",
        "Ana Ruiz ran the port for six years.",
        "She met Marsh twice last winter.",
        "She left the talks early. She went home to Tessa.",
        "“I don’t think we are at war with the dockers,” she said.",
    ]
    assert speakers(*paragraphs) == ["Marsh", "Ana Ruiz"]


def test_a_sentence_in_brackets_ends_at_the_bracket() -> None:
    # the company's later verb is a sentence of its own, so the she in brackets keeps the quote
    paragraphs = [
        "Then, Ellen Kerr, Dorvane’s head of sales for ten years, lost her post. (She claimed to be “stepping"
        " back.”) Then Dorvane, barely a month later, announced a deal with Tessel."
    ]
    assert speakers(*paragraphs) == ["Ellen Kerr"]


def test_a_name_that_qualifies_a_noun_is_nobody_a_pronoun_means() -> None:
    # `the Hale phone bank` names a campaign's office, not a she: the volunteer named before speaks
    paragraphs = [
        "“Count every vote,” Hale said on Friday.",
        "“We knock on every door,” said Rosa Vint, who runs the office.",
        "Dina Loft, 71, has lived in Tessa all her life.",
        "For Loft, a retiree and one of the helpers at the Hale phone bank, making calls each Tuesday is a"
        " way to show her grandsons how a town works.",
        "“Ruiz gives a fine speech to the young,” she said.",
    ]
    assert speakers(*paragraphs)[-1] == "Dina Loft"


def test_a_generational_suffix_does_not_hide_the_person() -> None:
    # `II` after the surname is no acronym: the he chain leads back to Tom R. Dorset II
    paragraphs = [
        "Tom R. Dorset II, who once kept the books of the Harbor League in Tessa, later moved north."
        " He married in Dover last year.",
        "“The fees are just too high,” he said.",
    ]
    assert speakers(*paragraphs) == ["Tom R. Dorset II"]


def test_what_it_said_is_never_the_last_person_s() -> None:
    # `it stated` is the board's memo speaking: no person, and nobody for the quote that goes on from it
    paragraphs = [
        "“We will appeal,” Tom Hale said on Monday.",
        "The board sent a memo on Friday. “So far, 12 of the 40 claims were new,” it stated. “The review is"
        " the first of its kind.”",
        "It added, “Nobody here signs off on the sale.”",
    ]
    assert speakers(*paragraphs) == ["Tom Hale", None, None, None]


def test_what_it_added_stays_with_the_newspaper_that_spoke() -> None:
    paragraphs = [
        "“The mayor has lost the town,” the newspaper wrote on Sunday.",
        "It added, “Dover deserves a clean start.”",
    ]
    assert speakers(*paragraphs) == ["the newspaper", "the newspaper"]


def test_what_i_said_is_the_writer_s_not_the_last_person_named() -> None:
    # a first-person account: the judge spoke last, but `I said` is the unnamed writer
    paragraphs = [
        "“Tell me why you are here,” Judge Lena Ortiz asked.",
        "My answer came out badly. “Fine,” I said, trying again. “I came to Dover at nineteen.”",
    ]
    assert speakers(*paragraphs) == ["Lena Ortiz", None, None]


def test_a_verb_joined_to_a_clause_with_its_own_she_is_hers() -> None:
    # `blamed` follows `once she ... and`: the woman's words, not those of the man who spoke first
    paragraphs = [
        "The ferry captain Sam Hale called Ana Ruiz “a menace” to the crossing once she docked her yacht"
        " in his berth and blamed the crowding on “a greedy harbor office” at the quay."
    ]
    assert speakers(*paragraphs) == ["Sam Hale", "Ana Ruiz"]


def test_a_possessor_inside_the_main_clause_is_not_the_clause_pronoun() -> None:
    # `Ben Cole’s outburst` owns a noun; the he who mentioned the fire is the main subject
    paragraphs = [
        "Retired Col. Sam Hale provoked Ben Cole’s outburst as he mentioned the mill fire and then added,"
        " “It is not just the mill.”"
    ]
    assert speakers(*paragraphs) == ["Sam Hale"]


def test_it_before_a_quote_is_the_organisation_not_the_last_person() -> None:
    # any verb of `it` right before the quote: the authority's words, never a guess at the man named before
    paragraphs = [
        "“Our choir will sing at every match,” Tom Hale told the supporters’ club.",
        "The Dover Harbor Authority is wary of the plan; it flagged “noise from the terraces at night”.",
    ]
    assert speakers(*paragraphs) == ["Tom Hale", "Dover Harbor Authority"]


def test_a_cue_inside_what_reports_say_gives_the_quote_to_who_points_to_them() -> None:
    # `Hale called` is the content of the reports; the she who cites them gives the quoted words
    paragraphs = [
        "At the bakery guild’s dinner, Ana Ruiz took the floor to defend the apprentices, and she cited"
        " rumors that Tom Hale called their bread “a disgrace to the trade” during the judging."
    ]
    assert speakers(*paragraphs) == ["Ana Ruiz"]


def test_a_he_right_before_the_verb_is_its_subject_not_the_words_after_it() -> None:
    # `He said Welsh farmers “...”`: the farmers are whom he talks about, not who speaks
    paragraphs = [
        "Tom Hale, who chairs the Dover growers’ board, spoke out against the grazing levy on Friday,"
        " calling it “a tax on sheep.” He said Welsh farmers “have paid for every bad harvest already.”"
    ]
    assert speakers(*paragraphs) == ["Tom Hale", "Tom Hale"]


def test_a_surname_a_man_and_a_woman_share_is_told_apart_by_the_title() -> None:
    # `Mr. Hale` and `Mrs. Hale` both speak; only he is named in full, so she stays `Mrs. Hale`
    paragraphs = [
        "Tom Hale opened the village fete on Saturday with his wife.",
        "“The marrows were never bigger,” Mrs. Hale said.",
        "“We should have brought more jars,” she added.",
        "Mr. Hale judged the cakes. “Every one of them deserves a ribbon,” he said.",
        "Mrs. Hale disagreed. “The lemon tart was dry,” she said.",
    ]
    assert speakers(*paragraphs) == ["Mrs. Hale", "Mrs. Hale", "Tom Hale", "Mrs. Hale"]


def test_a_titled_surname_takes_the_full_name_of_the_same_sex() -> None:
    # `Mrs. Hale` is `Ana Hale` and `Mr. Hale` is `Tom Hale`, though both share the surname
    paragraphs = [
        "Tom Hale and Ana Hale run the bakery on Mill Lane together.",
        "“We start at four,” Mrs. Hale said.",
        "“She starts at four; I start at five,” Mr. Hale said.",
    ]
    assert speakers(*paragraphs) == ["Ana Hale", "Tom Hale"]


def test_the_owner_of_a_speech_noun_before_a_participle_gives_the_quote() -> None:
    # `his comments praising ... “...”`: the he who owns the comments, not the woman whose verb follows
    paragraphs = [
        "“The ferry must run all winter,” Ana Ruiz said.",
        "Although Mr. Hale stood by his comments praising the old ferry as “the pride of the coast” at the"
        " regatta dinner, Ms. Ruiz firmly objected.",
    ]
    assert speakers(*paragraphs) == ["Ana Ruiz", "Hale"]


def test_a_they_taken_for_one_person_is_only_a_guess() -> None:
    # the residents are not named, so the they lands on Ruiz: shown as a guess, never as fact
    found = attribute(
        [
            "“Every flat will be inspected,” Ana Ruiz said on Monday.",
            "Ruiz met with residents of the Mill Lane flats. They said the council had “ignored every letter"
            " we sent since the spring.”",
        ]
    )
    assert [f.how for f in found] == ["cue", "guess"]


def test_an_ing_word_opening_the_sentence_is_no_speaker() -> None:
    # `Echoing ...,` opens a participle phrase; the word is nobody's name
    paragraphs = [
        "“We need the ferry,” Ana Ruiz said.",
        "It was a contrast to Hale. Echoing one of her oldest slogans, the former mayor talked about"
        " keeping the “harbor open for everyone” and her promise “to fight every closure.”",
    ]
    assert "Echoing" not in speakers(*paragraphs)
