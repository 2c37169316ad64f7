"""Precision and recall of `from:<surname>` lookups against gold-labelled briefings.

    .venv/bin/python bench/speakers.py BRIEFINGS-WITH-GOLD tests/corpus NEWS-SPLIT

Each folder is read at run time and ingested into a fresh SQLite archive under bench/out/ through
the real store. Two gold layouts are understood: `NAME.ext` with `NAME.gold.json` beside it
(folders searched recursively), and a news split (`gold.json` plus `text/`), whose name-source quotes
are used (a quote whose source is a pronoun or a description names nobody to look up).

Who is the same person in the gold: a one-word gold name means the full name the same document
gives for it (when it gives exactly one, e.g. "Jorgensen" beside "Dan Jorgensen"), else itself;
names are compared case- and accent-insensitively. Across the folder everyone with one surname is
one person, unless the gold gives that surname with different first names (Hillary and Bill
Clinton): then the first name decides, and a quote the gold gives to the bare surname cannot be
told and is left out of the figures.

For every gold person (their name's last word capitalised, so not "the negotiator"), the script
asks `from:<last word of the name>` as a user would:
  * one answer: every returned quote is matched to the gold quotes of its document (token overlap
    >= 80% of the longer, one-to-one); a returned quote is right when its gold person is the one
    asked for. Precision = right / returned quotes that match a gold quote (quotes the gold does not
    have are counted apart); recall = right / that person's gold quotes.
  * "could be A or B" (the surname fits several people): counted as ambiguous, and the lookup is
    asked again as `from:"<full name>"`, as the answer tells the user to.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import sys
import tempfile
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.pipeline import ingest  # noqa: E402
from bot.store import QueryError, Store  # noqa: E402
from bot.store.speakers import AmbiguousSpeaker  # noqa: E402

BRIEFING_EXTS = {".txt", ".md", ".html", ".htm", ".eml", ".xml"}
TOKEN = re.compile(r"[^\W_]+")
CAPS = re.compile(r"[A-Z][\w’'.-]*(?:\s+(?:(?:van|von|der|de|den|da|di|du|le|la|al|bin|ibn)\s+)*[A-Z][\w’'.-]*)*")


def key(name: str) -> str:
    plain = "".join(c for c in unicodedata.normalize("NFKD", name.casefold()) if not unicodedata.combining(c))
    words = [re.sub(r"['’]s?$", "", w).strip(".,;:’'-") for w in plain.replace("’", "'").split()]
    return " ".join(w for w in words if w)


def tokens(text: str) -> list[str]:
    return [t.lower() for t in TOKEN.findall(text)]


@dataclass
class GoldQuote:
    doc: str
    text: str
    person: str  # key of the person's name
    surname: str  # what a user types after from:
    full: str | None  # the full name when the gold gives one


@dataclass
class Folder:
    name: str
    files: list[tuple[str, bytes]] = field(default_factory=list)  # (document name, bytes)
    gold: list[GoldQuote] = field(default_factory=list)


def _person(label: str, others: list[str]) -> tuple[str, str | None]:
    """(person key, full name) of a gold label, given the other names its document uses."""
    label = label.strip()
    if len(label.split()) == 1:
        fits = {
            key(o): o for o in others if len(o.split()) > 1 and key(label) in (key(o).split()[0], key(o).split()[-1])
        }
        if len(fits) == 1:
            full = next(iter(fits.values()))
            return key(full), full
        return key(label), None
    return key(label), label


def briefing_folder(path: Path) -> Folder:
    folder = Folder(str(path))
    for gold_file in sorted(path.rglob("*.gold.json")):
        stem = gold_file.name[: -len(".gold.json")]
        doc = next((p for p in gold_file.parent.glob(stem + ".*") if p.suffix in BRIEFING_EXTS), None)
        if doc is None:
            continue
        name = str(doc.relative_to(path))
        folder.files.append((name, doc.read_bytes()))
        gold = json.loads(gold_file.read_text("utf-8"))
        for item in gold if isinstance(gold, list) else [gold]:  # a feed file holds several briefings
            labels = [q["speaker"] for q in item["quotes"] if q.get("speaker")]
            for q in item["quotes"]:
                label = q.get("speaker") or ""
                if not label[:1].isupper() or not label.split()[-1][:1].isupper():
                    continue  # a role ("the negotiator"), not a name
                person, full = _person(label, labels)
                folder.gold.append(GoldQuote(name, q["text"], person, person.split()[-1], full))
    return folder


def news_folder(path: Path, score_news: object | None) -> Folder:
    folder = Folder(str(path))
    gold = json.loads((path / "gold.json").read_text("utf-8"))
    for article in gold["articles"]:
        doc = path / article["text"]
        name = doc.name
        folder.files.append((name, doc.read_bytes()))
        for q in article["quotes"]:
            if q.get("speaker_kind") != "name" or not q.get("speaker"):
                continue
            surname = _head_surname(q["speaker"], score_news)
            if not surname:
                continue
            names = [q["speaker"], *(q.get("speaker_coref_names") or [])]
            runs = [_untitled(r) for n in names for r in CAPS.findall(n.replace("\u00a0", " "))]
            fulls = sorted({r for r in runs if len(r.split()) > 1 and key(r).split()[-1] == surname}, key=len)
            full = " ".join(fulls[0].split()[-2:]) if fulls else None  # first and last name, titles dropped
            person = key(full) if full else surname
            folder.gold.append(GoldQuote(name, q["text"], person, surname, full))
    return folder


TITLES = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "senator", "secretary", "vice", "former", "the"}


def _untitled(run: str) -> str:
    words = run.split()
    while words and key(words[0]) in TITLES:
        words = words[1:]
    return " ".join(words)


def _head_surname(speaker: str, score_news: object | None) -> str | None:
    if score_news is not None:
        found = score_news.head_surname(speaker)  # type: ignore[attr-defined]
        return key(found) if found else None
    words = [w for w in CAPS.findall(speaker) if w]
    return key(words[-1].split()[-1]) if words else None


def load_score_news(path: Path) -> object | None:
    """The news scorer's head-name rule, so "the gold person" means the same here as in its figures."""
    tool = path.parent.parent / "tools" / "score_news.py"
    if not tool.exists():
        return None
    spec = importlib.util.spec_from_file_location("score_news", tool)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def identify(gold: list[GoldQuote]) -> list[GoldQuote]:
    """Who each gold quote's person is across the folder: everyone with one surname is one person,
    unless the gold gives that surname with different first names; then a quote giving the first
    name is that person's and a quote giving only the surname cannot be told (person "")."""
    firsts: dict[str, set[str]] = defaultdict(set)
    for g in gold:
        if g.full and len(key(g.full).split()) > 1:
            firsts[g.surname].add(key(g.full).split()[0])
    for g in gold:
        if len(firsts[g.surname]) <= 1:
            g.person = g.surname
        else:
            g.person = key(g.full) if g.full and len(key(g.full).split()) > 1 else ""
    return gold


def overlap(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    common = sum(min(ta.count(t), tb.count(t)) for t in set(ta))
    return common / max(len(ta), len(tb))


@dataclass
class Tally:
    lookups: int = 0
    ambiguous: int = 0
    returned: int = 0
    matched: int = 0  # returned quotes that are gold quotes
    right: int = 0
    gold: int = 0
    found: int = 0  # gold quotes of the person that were returned

    def add(self, other: Tally) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def line(self, label: str) -> str:
        p = self.right / self.matched if self.matched else 1.0
        r = self.found / self.gold if self.gold else 0.0
        return (
            f"{label:<34} lookups={self.lookups:<4} ambiguous={self.ambiguous:<3} returned={self.returned:<5} "
            f"not-in-gold={self.returned - self.matched:<4} precision={p:.3f} recall={r:.3f}"
        )


def measure(folder: Folder, workdir: Path) -> tuple[Tally, Tally, list[str]]:
    store = Store.open(f"sqlite:///{workdir / 'archive.db'}")
    doc_of: dict[int, str] = {}
    for name, data in folder.files:
        for result in ingest(store, data, Path(name).name, item_key=name):
            if result.briefing_id is not None:
                doc_of[result.briefing_id] = name
    by_doc: dict[str, list[GoldQuote]] = defaultdict(list)
    for g in folder.gold:
        by_doc[g.doc].append(g)
    people: dict[str, list[GoldQuote]] = defaultdict(list)
    for g in identify(folder.gold):
        if g.person:
            people[g.person].append(g)
    surname_tally, asked_again, errors = Tally(), Tally(), []
    for person, golds in sorted(people.items()):
        surname = golds[0].surname
        full = next((g.full for g in golds if g.full and len(g.full.split()) > 1), None)
        tally = Tally(lookups=1, gold=len(golds))
        try:
            hits = store.whosaid(f"from:{surname}", limit=10_000)
        except AmbiguousSpeaker:
            tally.ambiguous = 1
            surname_tally.add(tally)
            if full:
                again = Tally(lookups=1, gold=len(golds))
                _score(store.whosaid(f'from:"{full}"', limit=10_000), person, by_doc, doc_of, again, errors)
                asked_again.add(again)
            continue
        except QueryError as exc:
            errors.append(f"from:{surname}: {exc}")
            surname_tally.add(tally)
            continue
        _score(hits, person, by_doc, doc_of, tally, errors)
        surname_tally.add(tally)
    store.close()
    return surname_tally, asked_again, errors


def _score(
    hits: list, person: str, by_doc: dict[str, list[GoldQuote]], doc_of: dict[int, str], tally: Tally, errors: list[str]
) -> None:
    used: set[int] = set()
    for hit in hits:
        tally.returned += 1
        candidates = by_doc.get(doc_of.get(hit.briefing_id, ""), [])
        best = max(
            ((overlap(hit.quote, g.text), i) for i, g in enumerate(candidates) if id(g) not in used), default=(0.0, -1)
        )
        if best[0] < 0.8:
            continue
        gold = candidates[best[1]]
        used.add(id(gold))
        if not gold.person:
            continue  # the gold cannot tell whose (a surname two people share, given alone)
        tally.matched += 1
        if gold.person == person:
            tally.right += 1
            tally.found += 1
        else:
            errors.append(f"asked for {person!r}, got {gold.person!r}'s quote: {hit.quote[:60]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--show-errors", type=int, default=5)
    args = parser.parse_args()
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    total, total_again = Tally(), Tally()
    for path in args.folders:
        if (path / "gold.json").exists():
            folder = news_folder(path, load_score_news(path.resolve()))
        else:
            folder = briefing_folder(path)
        with tempfile.TemporaryDirectory(dir=out) as tmp:
            tally, again, errors = measure(folder, Path(tmp))
        print(tally.line(f"{path} from:<surname>"))
        if again.lookups:
            print(again.line(f"{path}   ambiguous, full name"))
        for line in errors[: args.show_errors]:
            print("   ", line)
        total.add(tally)
        total_again.add(again)
    print(total.line("all from:<surname>"))
    if total_again.lookups:
        print(total_again.line("all   ambiguous, full name"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
