"""Matching a pasted message against archived quotes."""

from __future__ import annotations

from types import SimpleNamespace

from bot.understand.match import rank, search_words

QUOTES = [
    SimpleNamespace(quote=q)
    for q in (
        "A ceasefire that nobody monitors is only a pause before the next round",
        "root causes",
        "Budgets are promises written in numbers",
    )
]


def _best(message: str) -> tuple[list[str], list[str]]:
    matches, near = rank(message, QUOTES)
    return [m.hit.quote for m in matches], [n.hit.quote for n in near]


def test_a_pasted_sentence_with_a_typo_and_straight_marks_matches():
    assert _best('He said "a ceasfire that nobody monitors is only a pause before the next round" today')[0] == [
        QUOTES[0].quote
    ]


def test_a_quote_cut_short_matches():
    assert _best("so, “a ceasefire that nobody monitors is only a pause…”")[0] == [QUOTES[0].quote]


def test_a_short_quote_must_appear_word_for_word():
    assert _best("who said root causes?")[0] == ["root causes"]
    assert _best("the root of all causes")[0] == []


def test_nothing_matches_an_unrelated_message_and_near_misses_are_offered():
    assert _best("lunch is at noon on the terrace") == ([], [])
    matches, near = _best("budgets are promises about numbers")
    assert matches == [] and near == [QUOTES[2].quote]


def test_a_close_paraphrase_matches():
    assert _best("budgets are promises in numbers, more or less")[0] == [QUOTES[2].quote]


def test_search_words_skip_short_and_common_words():
    assert "the" not in search_words("the ceasefire is a pause") and "ceasefire" in search_words("the ceasefire")
