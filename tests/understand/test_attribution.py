import pytest

from bot.understand.attribute.attribute import attribute
from bot.understand.attribute.quotes import find_spans


def speakers(*paragraphs: str) -> list:
    return [f.speaker for f in attribute(list(paragraphs))]


def quotes(*paragraphs: str) -> list:
    return [f.text for f in attribute(list(paragraphs))]


@pytest.mark.parametrize(
    "text, expected",
    [
        # speech verb after the quote, both orders, pronouns, stray verbs
        ("“We will not back down,” Ian tells us.", ["Ian"]),
        ("“Why now?” asks Dan.", ["Dan"]),
        ("“Why now?” Ian asks. “Nobody knows.”", ["Ian", "Ian"]),
        ("“It is over,” the minister said.", ["the minister"]),
        ("“We will not back down,” said Foreign Minister Anna Kovacs on Monday.", ["Anna Kovacs"]),
        # speech verb before the quote in the same sentence
        ("Ian calls Trump’s proposal “the most tangible prospect” in years.", ["Ian"]),
        ("However, says Hanna, “With uncertainties, he is less relevant.”", ["Hanna"]),
        ("Dana adds that allies will ask one question: “What do we get?”", ["Dana"]),
        ("Dan, however, says that the talks are “stuck.”", ["Dan"]),
        ("Ian Brzezinski, a senior fellow at the council, says the plan is “a gamble.”", ["Ian Brzezinski"]),
        ("That is why, Ian surmises, Trump has “put his credibility on the line.”", ["Ian"]),
        ("Given that Trump called it “incomplete,” Dan says this means Trump “will push.”", ["Trump", "Dan"]),
        ("According to Dan Smith, the deal is “dead on arrival.”", ["Dan Smith"]),
        ("As Grace put it: “Money talks.”", ["Grace"]),
        ("What Ian calls “strategic patience” is over.", ["Ian"]),
        # a quote interrupted by its attribution
        ("“The first part,” Hanna says, “and the second part.”", ["Hanna", "Hanna"]),
        # several quotes after one verb
        ("Ian argues the policy is “a trap” and “a waste.”", ["Ian", "Ian"]),
        # straight quotes and single quotes nested in double ones
        ('"Straight quotes work too," Dana says.', ["Dana"]),
        ("“We’re ‘cautiously optimistic,’ frankly,” said Felix.", ["Felix"]),
        # passive voice is no speech
        ("Allies were told on Monday. “Sign up later,” Leila tells us.", ["Leila"]),
    ],
)
def test_speech_verbs_in_both_orders(text, expected):
    assert speakers(text) == expected


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a following quote with no verb belongs to the last speaker
        (["Shifting focus mattered, says Justina. “The first results are visible.”"], ["Justina"]),
        (["Prices fell, Felix notes.", "“Twenty percent sounds modest.”"], ["Felix"]),
        # he / she / they resolve to the right earlier person
        (["Marcus sees a narrower aim. “This is about data centers,” he says."], ["Marcus"]),
        (["Marcus and Leila disagree. “It is a bluff,” she says."], ["Leila"]),
        (["Leila spoke first. Then Marcus spoke. “It is a bluff,” she says."], ["Leila"]),
        (["Nadia says the point was never science. “Nobody agrees who pays,” she tells us."], ["Nadia"]),
        # a pronoun with nobody to refer to stays unattributed
        (["“I don’t know,” he admitted, after Dan asked."], [None]),
        # a quote that runs on into the next paragraph without a closing mark
        (["Felix says: “First paragraph of a long quote", "“and the end of it.”"], ["Felix", "Felix"]),
    ],
)
def test_continuity_and_pronouns(paragraphs, expected):
    assert speakers(*paragraphs) == expected


def test_a_short_phrase_requoted_later_belongs_to_its_first_speaker():
    found = attribute(
        [
            "“Any deal must address the root causes,” Putin said.",
            "Putin’s demand about “root causes” is a stalling tactic, Ian tells us.",
            "The claim is “a fence, not a wall” according to Lutnick, who added more.",
            "That “a fence, not a wall” line will be tested, says Dana.",
        ]
    )
    assert [(f.text, f.speaker) for f in found] == [
        ("Any deal must address the root causes", "Putin"),
        ("root causes", "Putin"),
        ("a fence, not a wall", "Lutnick"),
        ("a fence, not a wall", "Lutnick"),
    ]
    # the words are Putin's and the possessive names him: stated as fact; a bare re-quote is a guess
    assert [f.how for f in found] == ["cue", "requote", "cue", "guess"]


@pytest.mark.parametrize(
    "text",
    [
        "The so-called “peace dividend” is gone, Ian notes.",
        'The so-called "reset" failed, Dana says.',
        "The report, titled “Chips and Power,” says exports fell.",
    ],
)
def test_scare_quotes_and_titles_are_not_quotes(text):
    assert quotes(text) == []


def test_quote_text_is_verbatim_without_marks_or_trailing_comma():
    text = "“The idea is correct, and we support it,” Putin said, before citing the war’s “root causes.”"
    assert quotes(text) == ["The idea is correct, and we support it", "root causes."]
    assert [text[s.start : s.end] for s in find_spans(text)] == quotes(text)


def test_unclosed_quote_runs_to_the_end_of_its_paragraph():
    spans = find_spans("He said “this never ends")
    assert len(spans) == 1 and spans[0].close_at is None


def test_empty_and_punctuation_only_quotes_are_ignored():
    assert quotes('He wrote “” and “...” and "" here.') == []


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a role named in the next sentence by apposition
        (
            [
                "The head of the port authority, asked whether ships would wait, said that “the queue is the plan.” "
                "The executive, Marta Lindqvist, later told reporters the cranes were “old, but moving.”"
            ],
            ["Marta Lindqvist", "Marta Lindqvist"],
        ),
        (
            [
                "Its chief economist, speaking on Tuesday, called the budget “a promise with no receipt.” "
                "The economist, Tom Okafor, said the gap would grow."
            ],
            ["Tom Okafor"],
        ),
        # `NAME of PLACE said`: the person, not the place
        (["Trade Minister Lena Hoff of Norway said the deal was “late but real.”"], ["Lena Hoff"]),
        # a plural group is not `he`
        (
            [
                "According to Karim, the rules are clear. Farmers worry about the cost. “Nobody planned for this,” he says."
            ],
            ["Karim"],
        ),
        # a known speaker as a sentence's subject takes the floor for a bare quote
        (["“Prices will rise,” says Jonas.", "Greta sees it differently. “Prices will fall.”"], ["Jonas", "Greta"]),
        # `the Baltic states` is no speech verb
        (["For the Nordic states, the risk is real, says Ilse. “We are exposed,” she says."], ["Ilse"]),
    ],
)
def test_roles_places_groups_and_topics(paragraphs, expected):
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Members would pay into a “solidarity pool” under which costs are shared.",
        "Half the money goes to “climate-related” projects, the rest to roads.",
    ],
)
def test_quoted_terms_are_not_quotes(text):
    assert quotes(text) == []


def test_a_quoted_term_that_re_quotes_a_speaker_is_theirs():
    assert speakers("“It is a mere brochure,” says Ana.", "The fear of a “mere brochure” remains.") == ["Ana", "Ana"]


def test_a_short_quote_after_a_speech_verb_is_kept():
    assert speakers("Ian called for “restraint” in the talks.") == ["Ian"]


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # institutions and acronyms speak too; `and said` goes back to the sentence's subject
        (["The IMF said that the terms were “consistent with the targets.”"], ["IMF"]),
        (
            ["The European Central Bank held its rate on Thursday and said that prices were “on target.”"],
            ["European Central Bank"],
        ),
        (["Chile’s foreign ministry called the vote “void.”"], ["Chile’s foreign ministry"]),  # keeps its possessor
        (["A Pentagon spokesperson said ships would “stay close.”"], ["a Pentagon spokesperson"]),
        # a title before the name goes; a particle name stays whole
        (["Environment Commissioner Annelies van der Veen said the rule was “overdue.”"], ["Annelies van der Veen"]),
        # a colon after a sentence that names the speaker
        (["Minister Dawit Alemu defended the deal on Thursday: “We are not rewarding anyone.”"], ["Dawit Alemu"]),
        # he/she never mean an institution; `Name, who ...` is a person
        (["The RSF promised safe passage, Amal notes. “A convoy is forty targets,” she says."], ["Amal"]),
        (["Shirin, who spent years as an inspector, is blunt. “We count what we cannot see,” she says."], ["Shirin"]),
        # a quote-only paragraph credited by the next one
        (["“Nobody was driving either car.”", "That is how Raj describes the problem."], ["Raj"]),
        (
            [
                "“We will not be told how many fish to land.”",
                "That was the verdict of Callum Reid, chief executive of the fleet.",
            ],
            ["Callum Reid"],
        ),
        # an institution's possessive re-quotes it
        (
            [
                "The European Central Bank said it was “ready to adjust its instruments.”",
                "Later it dropped the bank’s promise to be “ready to adjust its instruments”, a line repeated for years.",
            ],
            ["European Central Bank", "European Central Bank"],
        ),
    ],
)
def test_institutions_colons_and_credits_after(paragraphs, expected):
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The council’s report, ‘North Sea Cod: A Stock at Risk’, put the spawning stock low.",
        "Protesters carried banners reading “Sanctions are war.”",
        "The bank’s slogan for its campaign, “Your money, your choice”, drew questions.",
        "The three powers triggered the accord’s “snapback” mechanism in August.",
        "The sticking point was “comparability of treatment,” the principle that lenders share losses.",
    ],
)
def test_titles_banners_slogans_and_defined_terms_are_not_quotes(text):
    assert quotes(text) == []


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        # a name before a parenthesis or an em-dash clause
        (
            ["Ben (who advised the negotiators until last year) says the upstream states see “no reason to pay.”"],
            ["Ben"],
        ),
        (["Marit—who commanded a frigate—doubts it. “You cannot guard every cable,” she says."], ["Marit"]),
        # initials, and a quoted nickname inside a name
        (["US Vice President J.D. Vance said allies should “pay their share.”"], ["J.D. Vance"]),
        (["“You cannot mop the floor,” said Margaret “Peg” Holloway, who leads the program."], ["Margaret Holloway"]),
        # the name in an apposition with its place
        (
            ["The chair, Tomás Echeverría of Chile, told Reuters the draft was “the best we have had.”"],
            ["Tomás Echeverría"],
        ),
        # a participle after a comma goes back to the sentence's subject
        (["Vance, in a later interview, softened his tone, describing the allies as “good friends.”"], ["Vance"]),
    ],
)
def test_parentheses_initials_nicknames_and_participles(paragraphs, expected):
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "text",
    [
        "She hopes a smaller “coalition of the willing” can move first.",
        "We asked what the new “side-by-side” system means.",
        "Much of it is over “paper water,” allocations that exist only on paper.",
    ],
)
def test_more_quoted_terms_are_not_quotes(text):
    assert quotes(text) == []


def test_a_short_quote_after_an_article_and_a_noun_is_still_a_quote():
    assert (
        len(quotes("The agency said it put the chance of a collision at “about one in forty,” far above the norm."))
        == 1
    )


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (
            ["The council’s president, Jamaican diplomat Corinne Whyte, said the talks made “real progress.”"],
            ["Corinne Whyte"],
        ),
        (["“We will not sell our samples,” said the group’s chief negotiator, Wendell Osei."], ["Wendell Osei"]),
        (
            ["‘It is fair,’ said the Environment Secretary, Rachel Moorcroft, who called it a start."],
            ["Rachel Moorcroft"],
        ),
        (
            ["According to a statement from the WHO secretariat, talks resume with “a mandate to close the gaps.”"],
            ["the WHO secretariat"],
        ),
        (
            ["Marguerite Lavoie, 54, who runs a startup, said she would apply. “If we lose, we close,” she said."],
            ["Marguerite Lavoie"],
        ),
        (
            ["“Twelve percent is what you charge a company you expect to fail.” That was Mirela, our analyst."],
            ["Mirela"],
        ),
        (["“We are asking companies to keep it in a drawer.” — Femi Adeyemi, physician in Lagos"], ["Femi Adeyemi"]),
        (["Declan disagrees, and he and Yara argue about it. “It can happen here,” she says."], ["Yara"]),
    ],
)
def test_appositions_statements_signatures_and_genders(paragraphs, expected):
    assert speakers(*paragraphs) == expected


def test_a_quoted_label_of_an_era_is_not_a_quote():
    assert quotes("The “miracle drugs” of the 1940s were made in another world.") == []


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["UK Finance, which speaks for the lenders, warned that deposits could “leave at speed.”"], ["UK Finance"]),
        (["The panel said the closure was “based on the best advice.”"], ["the panel"]),
        (["Holmgaard said Copenhagen would ask the Commission to “seek remedies.”"], ["Holmgaard"]),
        (
            ["The Danish fleet is angry, according to Eamon. “A principle doesn't pay for a trawler,” he told us."],
            ["Eamon"],
        ),
    ],
)
def test_institution_names_panels_hypotheticals_and_adjectives(paragraphs, expected):
    assert speakers(*paragraphs) == expected


@pytest.mark.parametrize(
    "text",
    ["The seat had been treated as “safe” since 1997.", "Teodoro is sceptical of the “home hardening” craze."],
)
def test_single_word_and_label_quotes_are_not_quotes(text):
    assert quotes(text) == []


@pytest.mark.parametrize(
    "paragraphs, expected",
    [
        (["The ratings agency Moody’s said a reversal would be “credit negative.”"], ["Moody’s"]),
        (["“Do more with less,” said UN spokesperson Amara Diallo."], ["Amara Diallo"]),
        (
            ["Bangladesh and Rwanda, the largest contributors, said they would “review their commitments.”"],
            ["Bangladesh and Rwanda"],
        ),
        (
            [
                "Beatriz argues that the treaty is flexible. Its members agreed long ago, and Washington is now "
                "“reading the rules its own way.”"
            ],
            ["Beatriz"],
        ),
        (["Putin’s stated conditions are “not a promising start,” Dan tells us."], ["Dan"]),
    ],
)
def test_possessive_looking_names_titles_before_names_joint_speakers_and_new_clauses(paragraphs, expected):
    assert speakers(*paragraphs) == expected
