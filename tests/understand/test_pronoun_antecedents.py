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
