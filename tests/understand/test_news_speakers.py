"""Who said it on news-style text, by category of the sentence's structure. Every sentence here
is invented for these tests."""

import pytest

from bot.understand.attribute.attribute import attribute


def speakers(*paragraphs: str) -> list[str | None]:
    return [f.speaker for f in attribute(list(paragraphs))]


def hows(*paragraphs: str) -> list[str]:
    return [f.how for f in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # no speech verb: the subject of the clause the quote sits in
        (
            [
                "Ines Marlow spoke first.",
                "In recent weeks, Tobias Renn has gone after Marlow as “a tired hand at the wheel.”",
            ],
            ["Tobias Renn"],
        ),
        (
            [
                "Talking to farmers in Delby, where the vote is close, Ruth Annesley welcomed what she called"
                " “the end of the long wait for fair prices.”"
            ],
            ["Ruth Annesley"],
        ),
        (
            ["Norland’s Chancellor Vera Osk hailed the border accord as “a quiet revolution for the valley.”"],
            ["Vera Osk"],
        ),
    ],
)
def test_speaker_by_structure(paragraphs: list[str], expected: list[str | None]) -> None:
    assert speakers(*paragraphs) == expected


def test_clause_subject_is_not_a_guess() -> None:
    paragraphs = [
        "Osman Petrie, the council leader, spoke at noon.",
        "Later, Gilda Farr applauded “a budget that finally adds up.”",
    ]
    assert speakers(*paragraphs) == ["Gilda Farr"]
    assert hows(*paragraphs) == ["subject"]
