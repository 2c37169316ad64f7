"""Digests of documents without sections (articles, press releases, speeches), and the promises
every bullet block keeps: the news first, every quoted person with a verbatim quote, at most
about 45 words a bullet, 1-4 bullets a section, about 40% of the words."""

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understand.analyze import read
from bot.understand.model import Quote

QUOTED = re.compile(r"“([^”]+)”")

HARBOUR = [
    "The harbour authority voted on Tuesday to close the old ferry terminal at the end of the year, ending a ferry service that has carried islanders to the mainland for ninety years.",
    "“We kept the ferry terminal open as long as the harbour accounts allowed it,” said Ruth Okafor, who chairs the harbour authority. “The pier is failing and the ferry timetable cannot be saved.”",
    "Islanders crowded the harbour hall for the vote, and many of them carried placards about the ferry timetable and the pier.",
    "“Without the ferry our island becomes a place you visit, not a place you live,” said Tomas Lind, a fisherman who crosses the harbour every morning with his catch.",
    "The harbour engineers found cracks in the pier last winter, and the ferry operator warned that insurance for the terminal would lapse in the spring.",
    "“The cracks in the pier are older than the ferry itself,” Okafor said. “Nobody wants to be on that pier when it goes.”",
    "The ferry operator said a smaller boat could run from the fishing harbour in summer, though the islanders doubt the harbour can take the ferry's cars.",
]
SCHOOLS = [
    "Across town, the school board published a budget that cuts two teaching posts at the secondary school and closes the music classrooms for pupils in the autumn term.",
    "“Every pupil loses something when a teacher goes,” said Priya Nair, the head teacher of the secondary school. “The music classrooms are where the quietest pupils find their voice.”",
    "Parents have started a petition against the school budget, and the teachers' union asked the board to publish the figures behind each classroom cut.",
    "“We were handed a budget with no room in it,” said Jonas Berg, who leads the school board. “Teachers and classrooms are most of what a school spends.”",
    "The board will vote on the school budget next month, after a public meeting with teachers, parents and pupils at the secondary school gym.",
    "“I will take the petition to every classroom door if I have to,” said Lena Fisk, a parent of two pupils.",
    "The teachers' union said the budget would raise class sizes to thirty pupils, the largest classrooms the secondary school has seen in a decade.",
]


def article(*paragraphs: str, title: str = "Island votes to close its ferry terminal") -> bytes:
    return "\n\n".join([title, *paragraphs]).encode()


def digest(data: bytes, name: str = "article.txt"):
    (briefing,) = read(data, name)
    return briefing


def bullets(briefing):
    return [b for s in briefing.sections for b in s.bullets]


def words(briefing) -> int:
    return sum(len(b.text.split()) for b in bullets(briefing))


def test_a_long_article_is_split_where_subject_and_speakers_change():
    text = HARBOUR + SCHOOLS
    b = digest(article(*text))
    assert [s.heading is None for s in b.sections] == [True, False]
    assert [p for s in b.sections for p in s.paragraphs] == text  # nothing lost, nothing reordered
    assert b.sections[1].paragraphs[0].startswith("Across town")
    heading = b.sections[1].heading
    assert 1 <= len(heading.split()) <= 4
    assert heading.casefold() in " ".join(SCHOOLS).casefold()  # the article's own words
    assert not any(q in heading for q in '“”"')


def test_a_short_article_stays_one_section():
    b = digest(article(*HARBOUR[:4]))
    assert len(b.sections) == 1 and b.sections[0].heading is None


def test_a_long_text_on_one_subject_stays_one_section_with_a_budget_that_grows():
    paragraphs = [
        f"The ferry timetable for week {i} keeps the early crossing, the harbour pier opens at dawn, and "
        f"the terminal staff check every ticket at the ferry gate before the islanders board for the mainland."
        for i in range(24)
    ]
    b = digest(article(*paragraphs))
    assert len(b.sections) == 1
    assert 4 < len(b.sections[0].bullets) <= 12
    assert words(b) <= 0.4 * b.word_count()


def test_the_news_opens_the_digest_and_every_quoted_person_has_a_verbatim_quote():
    b = digest(article(*HARBOUR, *SCHOOLS))
    assert bullets(b)[0].text == HARBOUR[0]
    source = " ".join(HARBOUR + SCHOOLS)
    people = {"Ruth Okafor", "Tomas Lind", "Priya Nair", "Jonas Berg", "Lena Fisk"}
    for person in people:
        mine = [x for x in bullets(b) if person in x.speakers]
        assert mine, f"{person} missing"
        assert any(QUOTED.search(x.text) for x in mine)
    for x in bullets(b):
        assert len(x.text.split()) <= 45
        for quoted in QUOTED.findall(x.text):
            for part in quoted.split("…"):
                assert part.strip() in source
    named = [s for x in bullets(b) for s in x.speakers]
    assert len(named) == len(set(named)), "a person is named once in a text without headings"
    assert words(b) <= 0.4 * b.word_count()


def test_a_dateline_is_not_part_of_the_lead_bullet():
    b = digest(article("PORTSMOUTH (Wire) — " + HARBOUR[0], *HARBOUR[1:]))
    assert bullets(b)[0].text == HARBOUR[0]


def test_with_many_people_the_most_quoted_come_first():
    names = [f"Alex Speaker{chr(65 + i)}" for i in range(12)]
    paragraphs = ["The council met on Monday to hear residents on the new harbour parking rules before the vote."]
    for i, name in enumerate(names):
        times = 3 if i >= 9 else 1  # the last three people are quoted three times each
        for k in range(times):
            paragraphs.append(f"“Parking point {k} matters to my street and my family,” said {name}.")
    b = digest(article(*paragraphs))
    named = {s for x in bullets(b) for s in x.speakers}
    assert set(names[9:]) <= named
    assert words(b) <= 0.4 * b.word_count()
    assert all(len(x.text.split()) <= 45 for x in bullets(b))


def briefing_with_speakers(n: int, quote_words: int = 20) -> bytes:
    quote = " ".join(["words"] * quote_words)
    body = "\n\n".join(f"“{quote} number {i},” said Speaker Number{i}." for i in range(n))
    return f" date 2025-01-01 T\n\nLede of the day is here.\n\nCrowded room\n\n{body}\n\nQuiet end\n\nNothing else.\n".encode()


def test_a_section_with_300_speakers_keeps_its_block_small():
    b = digest(briefing_with_speakers(300), "crowded.txt")
    crowded = next(s for s in b.sections if s.heading == "Crowded room")
    assert 1 <= len(crowded.bullets) <= 4
    assert max(len(x.text.split()) for x in crowded.bullets) <= 45
    assert max(len(x.text) for x in crowded.bullets) < 600


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(1, 60), quote_words=st.integers(1, 120))
def test_any_number_of_speakers_and_quote_lengths_keep_the_promise(n, quote_words):
    b = digest(briefing_with_speakers(n, quote_words), "any.txt")
    for section in b.sections:
        assert 1 <= len(section.bullets) <= 4
        assert all(len(x.text.split()) <= 45 for x in section.bullets)
    assert words(b) <= max(40, 0.4 * b.word_count())


def test_a_guessed_speaker_is_never_shown_as_fact():
    import dataclasses

    from bot.understand.attribute.attribute import Found
    from bot.understand.model import Section
    from bot.understand.summarize import summarize

    section = Section(None, ["“We will open the gates at dawn,” he said."])
    quote = Quote("We will open the gates at dawn,", "Ruth Okafor", None, 0, 0, 1, 32)
    guessed = dataclasses.replace(quote, how="guess")
    found = Found(0, None, quote.text, quote.speaker, sentence=(0, len(section.paragraphs[0])))  # type: ignore[arg-type]
    assert any("Ruth Okafor" in x.speakers for x in summarize(section, [(quote, found)]))
    assert not any(
        "Ruth Okafor" in x.speakers or "Ruth Okafor" in x.text for x in summarize(section, [(guessed, found)])
    )


def test_quoted_words_never_stand_as_narrative():
    """A section that opens with a quote of several sentences has no lead made of its first
    sentence with the quote marks taken off: those words would read as the document's own."""
    opening = (
        '"Every pupil loses something when a teacher goes. The music classrooms are where the quietest pupils'
        ' find their voice. We will fight this budget," said Priya Nair, the head teacher of the secondary'
        " school, after the school board published a budget that cuts two teaching posts."
    )
    b = digest(article(*HARBOUR, opening, *SCHOOLS[1:]))
    quotes = [q.text for q in b.quotes]
    assert any(q.startswith("Every pupil loses something") for q in quotes)
    for bullet in bullets(b):
        if "“" not in bullet.text and '"' not in bullet.text:
            assert not any(bullet.text.rstrip(" …")[:40] in q for q in quotes), bullet.text


def test_a_transcript_turn_is_not_labelled_twice():
    turns = [
        "Ana Ruiz, the harbour minister, spoke to the island radio on Sunday about the ferry terminal.",
        '"HOST: Will the ferry terminal close at the end of the year, as the harbour authority voted?',
        '"RUIZ: The pier is failing and the ferry timetable cannot be saved. We looked at every option.',
        '"HOST: What do you say to the islanders who crowded the harbour hall for the vote?',
        '"RUIZ: That a smaller boat will run from the fishing harbour in summer, and that we will listen.',
    ]
    b = digest(article(*turns, title="Minister on the ferry terminal"))
    shown = " ".join(bullet.text for bullet in bullets(b))
    assert "Ruiz" in shown
    assert not re.search(r"[A-Za-z]: “[A-Z]+: ", shown), shown
