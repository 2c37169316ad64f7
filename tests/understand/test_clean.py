import pytest

from bot.understand.clean import repair, repair_sections
from bot.understand.text import tidy

PREV = "Ian calls the plan “a real test of resolve” in Ukraine since 2022."


@pytest.mark.parametrize(
    "prev, para, expected",
    [
        # the echo starts right after the linked name and runs to the end of the previous paragraph
        (
            PREV,
            "calls the plan “a real test of resolve” in Ukraine since 2022. The plan, endorsed on Monday, is new.",
            "The plan, endorsed on Monday, is new.",
        ),
        # a stray verb
        ("“It works,” Ian tells us.", "tells us. Jeddah was a turning point.", "Jeddah was a turning point."),
        # the echo starts one token before the name, with the name cut out of its middle
        (
            "“It seemed odd,” says Hanna . “Yet again, it failed.”",
            "says . “Yet again, it failed.” Belarus has been quiet.",
            "Belarus has been quiet.",
        ),
        # punctuation first, and the echo stops in the middle of the previous paragraph
        (
            "Will he push for more , Dan asks, or will he wait?",
            ", asks, Ian argues that waiting is costly.",
            "Ian argues that waiting is costly.",
        ),
        (
            "Putin started it, Justina points out. Accepting it would be a defeat.",
            "points out. Putin’s conditions are weak.",
            "Putin’s conditions are weak.",
        ),
        # a pronoun that was a link
        (
            "The limits are “a reminder,” he argues.",
            "argues. Leila warns that it could harden.",
            "Leila warns that it could harden.",
        ),
        # mid-quote start
        (
            "“What is unknown,” says Dan , “is what he told them.”",
            ", “is what he told them.” “Next,” Ian warns.",
            "“Next,” Ian warns.",
        ),
        # from inside a quote, a few words after the name, to the end of the previous paragraph
        (
            "“Every pilot wants the shortcut,” Rosa says, “but no airline wants to be first.”",
            "but no airline wants to be first.” The strikes resumed in March.",
            "The strikes resumed in March.",
        ),
        ("‘Ask me in June: will the numbers hold?’", "will the numbers hold?’ Tom expects calm.", "Tom expects calm."),
        # a repeated phrase earlier in the tail does not stop the echo short
        (
            "It meant a year of no new roads, no new hiring and higher prices.”",
            "no new hiring and higher prices.” A working group reports in May.",
            "A working group reports in May.",
        ),
        # the name was cut out near the end of the echo
        (
            "“Both sides learned that hunger is a weapon,” Omar says.",
            "hunger is a weapon,” says. The UAE has leverage.",
            "The UAE has leverage.",
        ),
    ],
)
def test_echo_is_removed_and_genuine_text_kept(prev, para, expected):
    assert repair([prev, para])[1] == expected


def test_paragraph_that_is_only_echo_disappears():
    assert repair(["“Fine,” Ian says.", "says."]) == ["“Fine,” Ian says."]


@pytest.mark.parametrize(
    "para",
    [
        "The plan, endorsed on Monday, is new.",  # an ordinary paragraph
        "Ian calls it a test.",  # repeats a name, not an echo
        "in Ukraine there is more to say.",  # lower-case start, but no name was cut
    ],
)
def test_ordinary_paragraphs_are_untouched(para):
    assert repair([PREV, para])[1] == para


def test_echo_after_a_heading_is_repaired_too():
    assert repair_sections([["“Done,” Ian tells us."], ["tells us. New section text."]]) == [
        ["“Done,” Ian tells us."],
        ["New section text."],
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("says Dan , “is what", "says Dan, “is what"),
        ("says Hanna . “Yet", "says Hanna. “Yet"),
        ("cease-fire , Dan asks", "cease-fire, Dan asks"),
        ("wait ... and see", "wait ... and see"),
        ("a .5 percent rise", "a .5 percent rise"),
    ],
)
def test_tidy_removes_only_spaces_links_left(text, expected):
    assert tidy(text) == expected


def test_echo_of_a_possessive_name():
    prev = "Marit’s reading of the data is blunt. “Anchors do not fall off,” she says."
    para = "’s reading of the data is blunt. “Anchors do not fall off,” she says. Investigators need the anchor."
    assert repair([prev, para])[1] == "Investigators need the anchor."
