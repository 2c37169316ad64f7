"""Texts without a title line: the headline is the title, a byline or dateline gives the date."""

import datetime as dt

import pytest

from bot.understand.parse import parse

BODY = (
    "The harbour authority voted on Tuesday to close the old ferry terminal by the end of the year, "
    "ending a service that has run for ninety years.\n\n"
    "“We kept it open as long as the numbers allowed,” said Ruth Okafor, who chairs the authority.\n"
)


def one(text: str, name: str = "story.txt"):
    (doc,) = parse(text.encode(), name)
    return doc


def paragraphs(doc):
    return [p for s in doc.sections for p in s.paragraphs]


@pytest.mark.parametrize(
    "headline, title",
    [
        ("Harbour Board Votes to Close Old Ferry Terminal.", "Harbour Board Votes to Close Old Ferry Terminal"),
        ("Ferry terminal to close; ", "Ferry terminal to close"),
        ("Okafor: the ferry ‘ran out of road’", "Okafor: the ferry ‘ran out of road’"),
        ("‘End of an era’ as harbour closes ferry terminal.", "‘End of an era’ as harbour closes ferry terminal"),
        ("Ferry service cut after talks with the U.S.", "Ferry service cut after talks with the U.S."),
        ("Is this the end for the ferry?", "Is this the end for the ferry?"),
    ],
)
def test_first_line_that_reads_as_a_headline_is_the_title(headline, title):
    doc = one(f"{headline}\n\n{BODY}")
    assert doc.title == title
    assert paragraphs(doc)[0].startswith("The harbour authority voted")


def test_a_headline_over_a_run_of_short_paragraphs_is_the_title():
    doc = one(f"After the Ferry, Will the Island Bus Be Next?\n\nThe ferry.\n\nThe night train.\n\nThe tram.\n\n{BODY}")
    assert doc.title == "After the Ferry, Will the Island Bus Be Next?"
    assert paragraphs(doc)[0] == "The ferry."


def test_a_headline_closed_by_a_semicolon_sits_right_above_its_lede():
    lede = "The harbour authority voted on Tuesday to close the old ferry terminal by the end of the year, ending a service that has run for ninety years and carried the island's children to school."
    doc = one(f"Ferry terminal to close;\n{lede}\n\n{BODY}")
    assert doc.title == "Ferry terminal to close"
    assert paragraphs(doc)[0] == lede


def test_a_subhead_under_the_headline_stays_a_paragraph():
    doc = one(f"Ferry terminal to close;\nNinety-year service ends in December.\n\n{BODY}")
    assert doc.title == "Ferry terminal to close"
    assert paragraphs(doc)[0] == "Ninety-year service ends in December."


@pytest.mark.parametrize(
    "first",
    [
        "“We are ready,” the minister said on Monday.",  # a lead that opens with a quote
        "and then the board voted.",  # starts in lower case
        "Dear members of the harbour authority,",  # a salutation
    ],
)
def test_a_first_line_that_is_not_a_headline_stays_text(first):
    doc = one(f"{first}\n\n{BODY}")
    assert doc.title == ""
    assert paragraphs(doc)[0] == first


def test_a_lone_paragraph_is_not_its_own_title():
    doc = one("Markets were calm on Monday.\n")
    assert doc.title == "" and paragraphs(doc) == ["Markets were calm on Monday."]


@pytest.mark.parametrize(
    "top, date",
    [
        ("PORTSMOUTH, March 3, 2025 (Wire) — ", dt.date(2025, 3, 3)),
        ("PORTSMOUTH — 3 March 2025 — ", dt.date(2025, 3, 3)),
        ("PORTSMOUTH, March 3 (Wire) — ", None),  # no year: no date rather than a guessed one
        ("PORTSMOUTH (Wire) — ", None),
    ],
)
def test_a_dateline_with_a_year_dates_the_document(top, date):
    doc = one(f"Harbour Board Votes to Close Ferry Terminal\n\n{top}{BODY}")
    assert doc.date == date
    assert paragraphs(doc)[0].startswith(top.strip())


def test_a_byline_with_a_date_dates_the_document_and_is_not_a_paragraph():
    doc = one(f"Harbour Board Votes to Close Ferry Terminal.\n\nBy Lena Fisk | Published March 3, 2025\n\n{BODY}")
    assert (doc.title, doc.date) == ("Harbour Board Votes to Close Ferry Terminal", dt.date(2025, 3, 3))
    assert paragraphs(doc)[0].startswith("The harbour authority voted")


def test_a_byline_under_a_plain_title_dates_it_too():
    doc = one(f"Weekly harbour brief\n\nBy Lena Fisk, 4 April 2025\n\n{BODY}")
    assert (doc.title, doc.date) == ("Weekly harbour brief", dt.date(2025, 4, 4))


def test_lines_too_long_to_be_wrapped_are_paragraphs_of_their_own():
    long_a = "The harbour authority voted on Tuesday to close the old ferry terminal, ending ninety years of service to the islands."
    long_b = "“We kept it open as long as the numbers allowed,” said Ruth Okafor, who chairs the authority and has done so since 2019."
    doc = one(f"Ferry terminal to close\n\n{long_a}\n{long_b}\nShort last line.\n")
    assert paragraphs(doc) == [long_a, long_b, "Short last line."]


def test_hard_wrapped_lines_still_join():
    doc = one(
        "Ferry terminal to close\n\nThe harbour authority voted on Tuesday\nto close the old ferry terminal.\n\nMore.\n"
    )
    assert paragraphs(doc)[0] == "The harbour authority voted on Tuesday to close the old ferry terminal."
