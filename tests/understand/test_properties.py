"""Any input yields a briefing or a clear BriefingError, quickly, and never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.understand.analyze import read
from bot.understand.model import BriefingError

QUOTEY = st.text(alphabet=st.sampled_from(list("ab IanDsy.,;:?“”‘’\"'\n-—")) | st.characters(), max_size=400)


def outcome(data: bytes, name: str):
    try:
        briefings = read(data, name)
    except BriefingError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    for b in briefings:
        b.to_dict()
        for q in b.quotes:
            assert q.text
    return briefings


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=QUOTEY, name=st.sampled_from(["a.txt", "a.md", "a.html", "a.eml", "a.xml", "a"]))
def test_any_text_in_any_format(text, name):
    outcome(text.encode("utf-8", "surrogatepass"), name)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=2000))
def test_any_bytes(data):
    outcome(data, "a.txt")


@settings(max_examples=100, deadline=None)
@given(paras=st.lists(QUOTEY, min_size=1, max_size=12))
def test_paragraph_sequences_with_headings(paras):
    outcome(("\n\n".join([" date 2025-01-01 T", *paras])).encode("utf-8", "surrogatepass"), "a.txt")


def test_five_megabytes_of_briefing_text_is_analysed():
    seed = (
        b" date 2025-01-01 BIG\n\n"
        + b"Heading\n\n\xe2\x80\x9cA quote here,\xe2\x80\x9d Ian says. Then more text follows.\n\n" * 80_000
    )
    (briefing,) = read(seed[: 5 * 1024 * 1024], "big.txt")
    assert briefing.quotes


def test_one_huge_paragraph():
    (briefing,) = read(b"T\n\n" + b"words and more words " * 100_000, "one.txt")
    assert briefing.sections


def test_ten_thousand_tiny_sections():
    data = b" date 2025-01-01 T\n\n" + b"".join(
        b"Heading %d\n\nShort paragraph %d.\n\n" % (i, i) for i in range(10_000)
    )
    (briefing,) = read(data, "many.txt")
    assert len(briefing.sections) == 10_000
