"""Digest quality over a folder of documents: who is quoted in the digest, and how short it is.

    python bench/digest.py FOLDER [--show N] [--json]

FOLDER is either a folder of documents (every briefing file below it) or a gold split folder
with `gold.json` (`{"articles": [{"name", "text": "<path relative to FOLDER>",
"quotes": [{"speaker", "speaker_kind"}, ...]}]}`), such as a news split with gold quotes.

Per document, the quoted people are the distinct named sources of its gold quotes (speaker_kind
`name`, one person per head surname), at most 8: the most quoted first. Printed, as means over the
documents that have any:

  attributed in a bullet   the share of those people named as a speaker of some bullet
  named in the digest      the share whose surname appears anywhere in the bullets or headings
  named in the lead        the same for the document's first words, cut to the digest's length
                           (the baseline a digest has to beat)
  speaker of any quote     the share the analysis credits with some quote: the ceiling for the
                           first figure (quote attribution, not the digest, limits it)

and over all documents: compression (bullet words / document words, mean and max, over documents
of 100 words or more: a shorter one's digest is its lead sentence), the largest
bullet in words, bullets per document, and how many documents got a title. Without gold only the
second group is printed. `--show N` prints the N documents with the lowest attributed share.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.understand.analyze import read as read_document
from bot.understand.model import Briefing, BriefingError
from bot.understand.parse import looks_like_briefing

MAX_PEOPLE = 8
SHORT = 100  # words: a shorter document's digest is its lead sentence, whatever its share
_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")
#: Capitalised words that are not a person's name in a source description.
_NOT_NAMES = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "sen",
    "rep",
    "gov",
    "del",
    "rev",
    "president",
    "senator",
    "governor",
    "representative",
    "secretary",
    "minister",
    "the",
    "a",
    "an",
    "former",
    "republican",
    "democrat",
    "democratic",
    "gop",
    "us",
    "u.s",
    "american",
    "he",
    "she",
    "they",
    "his",
    "her",
    "their",
}


@dataclass
class Doc:
    name: str
    briefing: Briefing | None
    people: list[str] = field(default_factory=list)  # head surnames, lower case, most quoted first
    error: str | None = None


def head_surname(source: str) -> str | None:
    """The last capitalised word of a source's head name: 'Jane Roe, a lawyer at X' -> 'roe'."""
    head = re.split(r",| at | of | from | for | with | who | \(", source)[0]
    if re.search(r"['’]s\b", head) and "," in source:
        head = re.split(r" at | of | from | for | with | who | \(", source.split(",")[1])[0] or head
    for part in (head, source):
        words = [re.sub(r"['’]s?$", "", w).rstrip(".").lower() for w in _WORD.findall(part) if w[:1].isupper()]
        words = [w for w in words if w not in _NOT_NAMES and len(w) > 1]
        if words:
            return words[-1]
    return None


def name_words(text: str) -> set[str]:
    return {re.sub(r"['’]s?$", "", w).lower() for w in _WORD.findall(text) if w[:1].isupper()}


def load(folder: Path) -> list[tuple[str, Path, list[dict] | None]]:
    gold = folder / "gold.json"
    if gold.is_file():
        data = json.loads(gold.read_text(encoding="utf-8"))
        return [(a["name"], folder / a["text"], a.get("quotes") or []) for a in data["articles"]]
    files = sorted(p for p in folder.rglob("*") if p.is_file() and looks_like_briefing(p.name))
    return [(str(p.relative_to(folder)), p, None) for p in files]


def people(quotes: list[dict]) -> list[str]:
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for i, q in enumerate(quotes):
        if q.get("speaker_kind") != "name":
            continue
        head = head_surname(q.get("speaker") or "")
        if head:
            counts[head] += 1
            first.setdefault(head, i)
    return sorted(counts, key=lambda h: (-counts[h], first[h]))[:MAX_PEOPLE]


def bullet_words(b: Briefing) -> int:
    return sum(len(x.text.split()) for s in b.sections for x in s.bullets)


def doc_words(b: Briefing) -> list[str]:
    return [w for s in b.sections for p in s.paragraphs for w in p.split()]


def shares(doc: Doc) -> tuple[float, float, float, float]:
    b = doc.briefing
    assert b is not None
    bullets = [x for s in b.sections for x in s.bullets]
    speakers: set[str] = set()
    for x in bullets:
        for s in x.speakers:
            speakers |= name_words(s)
    digest = name_words(" ".join([x.text for x in bullets] + [s.heading or "" for s in b.sections]))
    lead = name_words(" ".join(doc_words(b)[: bullet_words(b)]))
    found = {w for q in b.quotes if q.speaker for w in name_words(q.speaker)}
    n = len(doc.people)
    return (
        sum(p in speakers for p in doc.people) / n,
        sum(p in digest for p in doc.people) / n,
        sum(p in lead for p in doc.people) / n,
        sum(p in found for p in doc.people) / n,
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("folder", type=Path)
    ap.add_argument("--show", type=int, default=0, help="print the N documents with the lowest attributed share")
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = ap.parse_args()
    if not args.folder.is_dir():
        ap.error(f"not a folder: {args.folder}")
    docs: list[Doc] = []
    start = time.perf_counter()
    for name, path, quotes in load(args.folder):
        try:
            briefings = read_document(path.read_bytes(), path.name)
        except (OSError, BriefingError) as exc:
            docs.append(Doc(name, None, error=str(exc).splitlines()[0] if str(exc) else type(exc).__name__))
            continue
        for briefing in briefings[:1] if quotes is not None else briefings:
            docs.append(Doc(name, briefing, people(quotes) if quotes is not None else []))
    seconds = time.perf_counter() - start
    read = [d for d in docs if d.briefing is not None]
    figures: dict[str, float | int | None] = {"documents": len(docs), "unreadable": len(docs) - len(read)}
    with_people = [d for d in read if d.people]
    if with_people:
        rows = [shares(d) for d in with_people]
        figures.update(
            documents_with_quoted_people=len(with_people),
            people=sum(len(d.people) for d in with_people),
            attributed_in_bullet=statistics.mean(r[0] for r in rows),
            named_in_digest=statistics.mean(r[1] for r in rows),
            named_in_lead=statistics.mean(r[2] for r in rows),
            speaker_of_a_quote=statistics.mean(r[3] for r in rows),
        )
    briefings = [d.briefing for d in read if d.briefing]
    ratios = [bullet_words(b) / len(doc_words(b)) for b in briefings if len(doc_words(b)) >= SHORT]
    bullets = [len(x.text.split()) for d in read if d.briefing for s in d.briefing.sections for x in s.bullets]
    figures.update(
        compression_mean=statistics.mean(ratios) if ratios else None,
        compression_max=max(ratios, default=None),
        short_documents=sum(len(doc_words(b)) < SHORT for b in briefings),
        largest_bullet_words=max(bullets, default=0),
        bullets_per_document=len(bullets) / len(read) if read else 0,
        titled=sum(bool(d.briefing and d.briefing.title.strip()) for d in read),
        seconds=round(seconds, 2),
    )
    print(f"documents: {len(docs)} ({figures['unreadable']} unreadable), analysed in {seconds:.1f} s")
    if with_people:
        print(
            f"quoted people (named sources, up to {MAX_PEOPLE} a document): {figures['people']} in {len(with_people)} documents"
        )
        print(f"  attributed in a bullet:  {figures['attributed_in_bullet']:.3f}   (goal >= 0.9)")
        print(f"  named in the digest:     {figures['named_in_digest']:.3f}")
        print(f"  named in the lead (same length, baseline): {figures['named_in_lead']:.3f}")
        print(f"  speaker of any quote the analysis found (the ceiling): {figures['speaker_of_a_quote']:.3f}")
    elif not any(d.people for d in docs):
        print("no gold quotes: quoted-people figures skipped")
    if ratios:
        print(
            f"compression (documents of {SHORT}+ words): mean {figures['compression_mean']:.3f}, "
            f"max {figures['compression_max']:.3f}   (goal <= 0.4); {figures['short_documents']} shorter documents"
        )
    print(
        f"largest bullet: {figures['largest_bullet_words']} words; bullets per document: {figures['bullets_per_document']:.1f}"
    )
    print(f"documents with a title: {figures['titled']} of {len(read)}")
    for d in docs:
        if d.error:
            print(f"  unreadable: {d.name}: {d.error}")
    if args.show and with_people:
        worst = sorted(with_people, key=lambda d: shares(d)[0])[: args.show]
        for d in worst:
            b = d.briefing
            assert b is not None
            named = {w for s in b.sections for x in s.bullets for sp in x.speakers for w in name_words(sp)}
            print(f"\n{d.name}: {shares(d)[0]:.2f}, missing {[p for p in d.people if p not in named]}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
