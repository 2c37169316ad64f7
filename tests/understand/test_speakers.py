"""Speaker identity: who is the same person, within a briefing and across the archive."""

from __future__ import annotations

from bot.understand.speakers import (
    Speaker,
    extend_name,
    full_names,
    group_people,
    match_people,
    name_key,
    parse_from,
    resolve_labels,
)


def test_name_key_ignores_case_accents_and_possessives():
    assert name_key("Tomás Álvarez’s") == name_key("TOMAS alvarez") == "tomas alvarez"


def test_full_names_drop_titles_and_stop_at_sentence_ends():
    text = [
        "Finance Minister Dawit Mengesha spoke first.",
        "Complaints were filed in Luxembourg. Grace disagreed.",
        "Annelies van der Veen, the rapporteur, agreed.",
    ]
    assert full_names(text) == {"Dawit Mengesha", "Annelies van der Veen"}


def test_a_one_word_label_takes_the_full_name_the_briefing_gives():
    paragraphs = ["Ian Brzezinski, a fellow, spoke.", "“We wait,” Brzezinski said.", "“Or not,” Ian added."]
    assert resolve_labels(["Brzezinski", "Ian"], paragraphs) == {
        "Brzezinski": "Ian Brzezinski",
        "Ian": "Ian Brzezinski",
    }


def test_a_label_the_briefing_gives_two_full_names_for_stays_as_written():
    paragraphs = ["Hillary Clinton and Bill Clinton arrived.", "“Later,” Clinton said."]
    assert resolve_labels(["Clinton"], paragraphs) == {"Clinton": "Clinton"}


def test_same_full_name_is_one_person_and_two_ians_stay_apart():
    people = group_people(
        [
            Speaker(1, "Ian Brzezinski", 3),
            Speaker(2, "Ian Brzezinski", 2),
            Speaker(3, "Ian Bremmer", 4),
            Speaker(4, "Ian", 5),
        ]
    )
    by_name = {p.name: p for p in people}
    assert by_name["Ian Brzezinski"].speaker_ids == [1, 2] and by_name["Ian Brzezinski"].quotes == 5
    assert set(by_name) == {"Ian Brzezinski", "Ian Bremmer", "Ian"}
    assert len(match_people("Ian", people)) == 3  # ambiguous: the caller asks which one
    assert [p.name for p in match_people("Brzezinski", people)] == ["Ian Brzezinski"]
    assert [p.name for p in match_people("Ian", people, exact=True)] == ["Ian"]


def test_a_surname_alone_is_never_credited_to_a_full_name_across_briefings():
    people = group_people([Speaker(1, "Maya Chen", 3), Speaker(2, "Chen", 2)])
    assert {p.name for p in match_people("Chen", people)} == {"Maya Chen", "Chen"}
    assert [p.name for p in match_people("Maya Chen", people)] == ["Maya Chen"]


def test_the_roster_merges_a_first_name_with_its_full_name():
    roster = {"Ian": {"full_name": "Ian Bremmer"}}
    people = group_people([Speaker(1, "Ian", 5), Speaker(2, "Ian Bremmer", 1)], roster)
    assert len(people) == 1 and people[0].name == "Ian Bremmer" and people[0].quotes == 6
    assert [p.name for p in match_people("Ian", people)] == ["Ian Bremmer"]


def test_parse_from_and_name_extension():
    q = parse_from("from:Ian NATO")
    assert (q.name, q.words, q.exact) == ("Ian", "NATO", False)
    q = parse_from("grid from:“Ian Brzezinski”")
    assert (q.name, q.words, q.exact) == ("Ian Brzezinski", "grid", True)
    assert parse_from("root causes") is None
    people = group_people([Speaker(1, "Ian Brzezinski", 1), Speaker(2, "Ian Bremmer", 1)])
    q = extend_name(parse_from("from:Ian Brzezinski NATO"), people)
    assert (q.name, q.words) == ("Ian Brzezinski", "NATO")
