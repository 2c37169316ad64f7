"""Who said it: ranked full-text search over quotes, and plain search over briefings.

User text never reaches FTS5 (or tsquery) syntax raw: the query is cut into words here and every
word is double-quoted (SQLite) or passed through plainto_tsquery (PostgreSQL).

Ranking tiers, best first: the exact phrase inside the quote, all words present, stemmed match
(FTS porter / english stemming), typo-tolerant match (rapidfuzz against the vocabulary of quote
words). Within a tier, attributed quotes rank above quotes with no speaker.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import math
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rapidfuzz import fuzz, process
from sqlalchemy import Connection, Row, func, select, text
from sqlalchemy.exc import DBAPIError

from bot.store.schema import briefings, quotes, vocab
from bot.store.stopwords import STOPWORDS
from bot.understand.model import Appearance, WhosaidHit

log = logging.getLogger(__name__)

MAX_QUERY_CHARS = 500
MAX_TERMS = 16
CANDIDATES = 40  # candidates per tier, ranked by relevance; the answer shows 5
WORD = re.compile(r"[^\W_]+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: Invisible format characters (zero-width spaces and joiners, soft hyphens, bidi marks, BOM): pasted
#: text carries them inside words, where they would split one word in two.
INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
TIER_EXACT, TIER_ALL, TIER_STEM, TIER_TYPO = 3, 2, 1, 0


@dataclass(frozen=True, slots=True)
class Window:
    """Which matches are ranked. Ranking scores every match, so a very common word would cost time in
    proportion to the archive: only the newest `rank` matches are ranked, and they are looked for among
    the newest `recent` quotes (by id) first. When those hold fewer than CANDIDATES matches, the window
    is the newest `rank` matches in the whole archive, found through the full-text index.

    The recent quotes bound the work for words that are everywhere: walking the newest quotes is what
    finds their newest matches cheaply, and it never goes further back than `recent` quotes. Rarer
    words, found few times there, are looked up in the index, where they cost little."""

    rank: int = 3000
    recent: int = 20_000


WINDOW = Window()


class QueryError(ValueError):
    """A search query that cannot be run; the message says why, in one line."""


@dataclass(frozen=True, slots=True)
class _Row:
    quote_id: int
    briefing_id: int
    speaker: str | None
    text: str
    section: str | None
    title: str
    date: dt.date | None
    relevance: float  # >= 0, higher is better


def words_of(text_: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text_)]


def clean_query(query: str) -> str:
    """The query as typed, without invisible characters and in NFC (é typed either way is one letter)."""
    return unicodedata.normalize("NFC", INVISIBLE.sub("", query))


def query_words(query: str) -> list[str]:
    """The words of a user query, or QueryError for input that is not a query at all."""
    if not isinstance(query, str):
        raise QueryError("The search text must be text.")
    if "\x00" in query:
        raise QueryError("The search text contains a NUL character; type it again without it.")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"The search text is {len(query)} characters long; use at most {MAX_QUERY_CHARS}.")
    query = clean_query(query)
    if not CONTROL.sub(" ", query).strip():
        raise QueryError("Type some words to search for, for example: root causes")
    words = words_of(query)[:MAX_TERMS]
    if words and all(w in STOPWORDS for w in words):
        raise QueryError(
            f"“{' '.join(words)[:100]}” is only common words, which are not indexed; add a less common word from the quote"
        )
    return words


class Vocabulary:
    """Distinct quote words, loaded incrementally from the `vocab` table and shared by all threads."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._last_id = 0
        self._words: set[str] = set()
        self._by_length: dict[int, list[str]] = defaultdict(list)

    def refresh(self, conn: Connection) -> None:
        with self._lock:
            rows = conn.execute(select(vocab.c.id, vocab.c.word).where(vocab.c.id > self._last_id)).all()
            for row in rows:
                id_, word = int(row.id), str(row.word)
                if word not in self._words:
                    self._words.add(word)
                    self._by_length[len(word)].append(word)
                self._last_id = max(self._last_id, id_)

    def alternatives(self, word: str) -> list[str]:
        """The word itself plus up to three close spellings that occur in quotes."""
        if word in self._words or len(word) < 3:
            return [word]
        pool = [w for n in range(len(word) - 2, len(word) + 3) for w in self._by_length.get(n, ())]
        found = process.extract(word, pool, scorer=fuzz.ratio, score_cutoff=70, limit=3)
        return [word] + [w for w, _score, _i in found]


def whosaid(
    conn: Connection, vocabulary: Vocabulary, query: str, limit: int = 5, window: Window = WINDOW
) -> list[WhosaidHit]:
    words = query_words(query)
    if not words or limit <= 0:
        return []
    fetch = _fetch_sqlite if conn.dialect.name == "sqlite" else _fetch_postgres
    rows: dict[int, tuple[_Row, list[list[str]] | None]] = {}
    try:
        floor = recent_floor(conn, window)
        # The exact phrase, then all the words: a tier is only searched while the ones before it hold
        # fewer than `limit` quotes, since it could only rank below them.
        for row in fetch(conn, _exact_tiers(words), [[w] for w in words], limit, window, floor):
            rows.setdefault(row.quote_id, (row, None))
        if len(rows) < limit:
            vocabulary.refresh(conn)
            alternatives = {w: vocabulary.alternatives(w) for w in dict.fromkeys(words)}
            if any(len(g) > 1 for g in alternatives.values()):
                for row in fetch(conn, ("any",), list(alternatives.values()), limit, window, floor):
                    rows.setdefault(row.quote_id, (row, [alternatives[w] for w in words]))
    except DBAPIError:
        log.exception("quote search failed for %r", query)
        return []
    hits = [_hit(row, words, groups) for row, groups in rows.values()]
    hits.sort(key=lambda h: (-h.score, -(h.date.toordinal() if h.date else 0), h.briefing_id))
    return merge_repeats(hits)[:limit]


def quote_key(speaker: str | None, quote: str) -> tuple[str, str]:
    """What makes two quotes the same: the speaker and the words, ignoring case, spacing and edge punctuation."""
    return (speaker or "").casefold(), " ".join(words_of(clean_query(quote)))


def merge_repeats(hits: list[WhosaidHit]) -> list[WhosaidHit]:
    """One hit per distinct quote (the best-ranked copy), listing where else it stands."""
    first: dict[tuple[str, str], int] = {}
    merged: list[WhosaidHit] = []
    for hit in hits:
        key = quote_key(hit.speaker, hit.quote)
        if key not in first or not key[1]:
            first[key] = len(merged)
            merged.append(hit)
            continue
        i = first[key]
        where = Appearance(hit.title, hit.date, hit.section, hit.briefing_id)
        merged[i] = dataclasses.replace(merged[i], also=merged[i].also + (where,))
    return merged


def _hit(row: _Row, words: list[str], groups: list[list[str]] | None) -> WhosaidHit:
    """Score one candidate; `groups` holds the typo alternatives when it came from the typo search."""
    span = _span(row.text, [[w] for w in words], loose=False)
    if span is not None:
        tier = TIER_EXACT
    elif set(words) <= set(words_of(row.text)):
        tier = TIER_ALL
    else:
        tier = TIER_STEM if groups is None else TIER_TYPO
        span = _span(row.text, groups or [[w] for w in words], loose=True)
    score = tier * 10 + (5 if row.speaker else 0) + row.relevance / (1 + row.relevance)
    return WhosaidHit(row.speaker, row.text, row.title, row.date, row.section, round(score, 6), row.briefing_id, span)


def _span(quote: str, groups: list[list[str]], *, loose: bool) -> tuple[int, int] | None:
    """Where the words stand next to each other in the quote (loose: any ending, any alternative)."""
    if loose:
        parts = ["(?:" + "|".join(re.escape(w[: max(3, len(w) - 2)]) + r"\w*" for w in g) + ")" for g in groups]
    else:
        parts = [re.escape(g[0]) for g in groups]
    m = re.search(r"(?<!\w)" + r"[\W_]+".join(parts) + r"(?!\w)", quote, re.IGNORECASE)
    return m.span() if m else None


def _fts5(groups: Sequence[Sequence[str]], mode: str) -> str:
    quoted = [['"' + w.replace('"', '""') + '"' for w in g] for g in groups]
    if mode == "phrase":
        return '"' + " ".join(g[0][1:-1] for g in quoted) + '"'
    return " AND ".join("(" + " OR ".join(g) + ")" for g in quoted)


def fts5_any(words: Sequence[str]) -> str:
    """An FTS5 query for any of the words, each quoted."""
    return " OR ".join('"' + w.replace('"', '""') + '"' for w in words)


_SQLITE_COUNT = text("SELECT count(*) FROM (SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH :m LIMIT :cap)")


def split_rare(conn: Connection, words: Sequence[str], window: Window = WINDOW) -> tuple[list[str], list[str]]:
    """The words that fewer than `window.rank` quotes hold (all their matches fit in the window), and
    the others. SQLite counts (and stops counting there); PostgreSQL estimates from the statistics
    (_PG_SHARES: every word is rare before the first ANALYZE, and a word with no lexeme is neither)."""
    cap = window.rank
    if conn.dialect.name == "sqlite":
        rare = {w for w in words if conn.execute(_SQLITE_COUNT, {"m": fts5_any([w]), "cap": cap}).scalar_one() < cap}
        return [w for w in words if w in rare], [w for w in words if w not in rare]
    rows = {r[0]: (r[1], r[2]) for r in conn.execute(_PG_SHARES, {"words": sorted(set(words)), "t": "quotes"})}
    if not rows:
        return list(words), []
    count = {w: None if share is None else float(share) * max(float(n or 0), 0.0) for w, (share, n) in rows.items()}
    return [w for w in words if (c := count[w]) is not None and c < cap], [
        w for w in words if (c := count[w]) is not None and c >= cap
    ]


def _exact_tiers(words: Sequence[str]) -> tuple[str, ...]:
    return ("phrase", "all") if len(words) > 1 else ("phrase",)


def recent_floor(conn: Connection, window: Window, table: str = "quotes") -> int:
    """Rows of `table` (quotes or briefings) with an id above this are the recent ones (0 or less: the
    whole archive is recent). On PostgreSQL the same round trip sets up the transaction for searching
    (_PG_SEARCH_SETTINGS)."""
    if conn.dialect.name == "postgresql":
        newest = conn.execute(_PG_SEARCH_SETTINGS[table]).scalar()
    else:
        newest = conn.execute(select(func.max(_TABLES[table].c.id))).scalar()
    return int(newest or 0) - window.recent


_TABLES = {"quotes": quotes, "briefings": briefings}

_SQLITE_QUOTES = text(
    "SELECT q.id, q.briefing_id, q.speaker, q.text, q.section, b.title, b.date, f.rank "
    "FROM (SELECT rid, rank FROM (SELECT rowid AS rid, rank FROM quotes_fts WHERE quotes_fts MATCH :m "
    "AND rowid > :floor ORDER BY rowid DESC LIMIT :w) ORDER BY rank LIMIT :n) AS f "
    "JOIN quotes AS q ON q.id = f.rid JOIN briefings AS b ON b.id = q.briefing_id ORDER BY f.rank"
)


def _fetch_sqlite(
    conn: Connection, modes: Sequence[str], groups: Sequence[Sequence[str]], limit: int, window: Window, floor: int
) -> list[_Row]:
    """Each tier in turn. FTS5 walks its index backwards by rowid from the newest match, within the
    recent quotes first; fewer than CANDIDATES rows back means fewer matches than that among them,
    and then the whole archive is searched."""
    out: list[_Row] = []
    for mode in modes:
        params = {"m": _fts5(groups, mode), "w": window.rank, "n": CANDIDATES, "floor": floor}
        found = conn.execute(_SQLITE_QUOTES, params).all()
        if len(found) < CANDIDATES and floor > 0:
            found = conn.execute(_SQLITE_QUOTES, params | {"floor": 0}).all()
        out += [_row(r, -float(r.rank)) for r in found]
        if len({r.quote_id for r in out}) >= limit:
            break
    return out


def _tsquery(groups: Sequence[Sequence[str]], mode: str, params: dict[str, object]) -> str:
    if mode == "phrase":
        params["p"] = " ".join(g[0] for g in groups)
        return "phraseto_tsquery('english', :p)"
    if mode == "all":
        params["p"] = " ".join(g[0] for g in groups)
        return "plainto_tsquery('english', :p)"
    ands = []
    for i, group in enumerate(groups):
        ors = []
        for j, word in enumerate(group):
            params[f"w{i}_{j}"] = word
            ors.append(f"plainto_tsquery('english', :w{i}_{j})")
        ands.append("(" + " || ".join(ors) + ")")
    return " && ".join(ands)


#: For this transaction: plan each search for its own words, since the right plan depends on how common
#: they are (psycopg prepares a statement run 5 times on a connection, and PostgreSQL would then
#: settle on one generic plan for all words); and no JIT compilation, since the estimated cost counts
#: the older quotes' branch, which mostly never runs, and compiling would take longer than running.
_PG_SEARCH_SETTINGS = {
    table: text(
        f"SELECT (SELECT max(id) FROM {table}), set_config('plan_cache_mode', 'force_custom_plan', true), "  # noqa: S608 - a fixed table name
        "set_config('jit', 'off', true)"
    )
    for table in ("quotes", "briefings")
}


def _has_rare_term(conn: Connection, groups: Sequence[Sequence[str]]) -> bool:
    """Whether some group of words (all its alternatives) is rare in the archive."""
    words = sorted({w for g in groups for w in g})
    shares = {r[0]: r[1] for r in conn.execute(_PG_SHARES, {"words": words, "t": "quotes"})}
    # a word with a lexeme outside the most common ones (share 0) is rare; so is every word before ANALYZE
    rare = set(words) if not shares else {w for w, share in shares.items() if share is not None and share == 0}
    return any(all(w in rare for w in g) for g in groups)


_PG_RECENT_BY_WALK = (
    "SELECT s.id, s.tsv FROM (SELECT id, tsv FROM quotes WHERE id > :floor ORDER BY id DESC OFFSET 0) AS s, "
    "(SELECT {wq} AS query) AS wq WHERE s.tsv @@ wq.query LIMIT :w"
)
_PG_RECENT_BY_INDEX = (
    "SELECT id, tsv FROM quotes, (SELECT {wq} AS query) AS wq WHERE id > :floor AND tsv @@ wq.query "
    "ORDER BY id DESC LIMIT :w"
)
#: One tier: the best CANDIDATES quotes of the window matching its query, by relevance; a tier after
#: the first runs only while the tiers before it hold fewer than `limit` quotes.
_PG_TIER = (
    "tier{i} AS MATERIALIZED (SELECT w.id, {i} AS tier, ts_rank(w.tsv, t.query) AS rank "
    "FROM win AS w, (SELECT {tq} AS query) AS t WHERE w.tsv @@ t.query{gate} ORDER BY rank DESC, w.id LIMIT :n)"
)
_PG_GATE = " AND (SELECT count(DISTINCT id) FROM ({earlier}) AS e) < :limit"
_PG_WINDOW = (
    "WITH recent AS MATERIALIZED ({recent}), "
    "older AS MATERIALIZED (SELECT id, tsv FROM quotes, (SELECT {wq} AS query) AS wq "
    "WHERE id <= :floor AND tsv @@ wq.query AND (SELECT count(*) FROM recent) < :n), "
    "win AS MATERIALIZED (SELECT id, tsv FROM recent UNION ALL "
    "(SELECT id, tsv FROM older ORDER BY id DESC LIMIT :w - (SELECT count(*) FROM recent))), {tiers} "
    "SELECT q.id, q.briefing_id, q.speaker, q.text, q.section, b.title, b.date, r.rank "
    "FROM ({ranked}) AS r JOIN quotes AS q ON q.id = r.id JOIN briefings AS b ON b.id = q.briefing_id "
    "ORDER BY r.tier, r.rank DESC, q.id"
)


def _union(count: int, columns: str = "id") -> str:
    return " UNION ALL ".join(f"SELECT {columns} FROM tier{i}" for i in range(count))  # noqa: S608


def _fetch_postgres(
    conn: Connection, modes: Sequence[str], groups: Sequence[Sequence[str]], limit: int, window: Window, floor: int
) -> list[_Row]:
    """The window as on SQLite, and every tier over it, in one statement. A phrase is checked inside
    the window of quotes holding all its words: the positional check reads each row, so it must not
    run over every quote that holds a common word.

    How the recent matches are found depends on the words. When each of them is common, walking the
    primary key backwards from the newest quote finds their newest matches soonest, and the walk ends
    at the floor; the full-text index would read every quote's entry for every word. When one of them
    is rare, the index finds its few quotes at once, where the walk would read every recent quote.
    `older` runs only when the recent quotes hold fewer than CANDIDATES matches, through the index
    (it has no ORDER BY ... LIMIT of its own, so the planner never walks the whole table backwards)."""
    # Built from fixed fragments and bound parameter names only: no user text reaches the SQL.
    params: dict[str, object] = {"n": CANDIDATES, "w": window.rank, "floor": floor, "limit": limit}
    wq = _tsquery(groups, "any" if modes == ("any",) else "all", params)
    if _has_rare_term(conn, groups):
        recent = _PG_RECENT_BY_INDEX.format(wq=wq)
    else:
        recent = _PG_RECENT_BY_WALK.format(wq=wq)
    tiers = [
        _PG_TIER.format(i=i, tq=_tsquery(groups, mode, params), gate=_PG_GATE.format(earlier=_union(i)) if i else "")
        for i, mode in enumerate(modes)
    ]
    ranked = _union(len(modes), "*")
    sql = _PG_WINDOW.format(recent=recent, wq=wq, tiers=", ".join(tiers), ranked=ranked)
    return [_row(r, float(r.rank)) for r in conn.execute(text(sql), params)]


def _row(r: Row[Any], relevance: float) -> _Row:
    date = r.date
    if isinstance(date, str):
        date = dt.date.fromisoformat(date)
    return _Row(r.id, r.briefing_id, r.speaker, r.text, r.section, r.title, date, max(relevance, 0.0))


#: The briefings searched by /digest search: a briefing is long, so its window is smaller.
BRIEFING_WINDOW = Window(rank=500, recent=5000)

_SQLITE_BRIEFINGS = text(
    "SELECT rid FROM (SELECT rowid AS rid, rank FROM briefings_fts WHERE briefings_fts MATCH :m AND rowid > :floor "
    "ORDER BY rowid DESC LIMIT :w) ORDER BY rank, rid DESC LIMIT :n"
)
_PG_BRIEFINGS_BY_WALK = (
    "WITH recent AS MATERIALIZED (SELECT s.id, s.tsv, s.sort_date FROM (SELECT id, tsv, sort_date FROM briefings "
    "WHERE id > :floor ORDER BY id DESC OFFSET 0) AS s, (SELECT plainto_tsquery('english', :p) AS query) AS q "
    "WHERE s.tsv @@ q.query LIMIT :w), "
    "older AS MATERIALIZED (SELECT id FROM briefings, (SELECT plainto_tsquery('english', :p) AS query) AS q "
    "WHERE id <= :floor AND tsv @@ q.query AND (SELECT count(*) FROM recent) < :n), "
    "win AS (SELECT * FROM recent UNION ALL SELECT b.id, b.tsv, b.sort_date FROM "
    "(SELECT id FROM older ORDER BY id DESC LIMIT :w) AS o JOIN briefings AS b ON b.id = o.id) "
    "SELECT win.id FROM win, (SELECT plainto_tsquery('english', :p) AS query) AS q "
    "ORDER BY ts_rank(win.tsv, q.query) DESC, win.sort_date DESC, win.id DESC LIMIT :n"
)
_PG_BRIEFINGS_BY_INDEX = (
    "WITH recent AS MATERIALIZED (SELECT id, tsv, sort_date FROM briefings, "
    "(SELECT plainto_tsquery('english', :p) AS query) AS q WHERE tsv @@ q.query AND id > :floor), "
    "older AS MATERIALIZED (SELECT id, tsv, sort_date FROM briefings, (SELECT plainto_tsquery('english', :p) AS query) "
    "AS q WHERE tsv @@ q.query AND id <= :floor AND (SELECT count(*) FROM recent) < :n), "
    "win AS (SELECT * FROM recent UNION ALL SELECT * FROM older ORDER BY id DESC LIMIT :w) "
    "SELECT win.id FROM win, (SELECT plainto_tsquery('english', :p) AS query) AS q "
    "ORDER BY ts_rank(win.tsv, q.query) DESC, win.sort_date DESC, win.id DESC LIMIT :n"
)
#: For the rest of the transaction: no plain index scans, so that the recent briefings holding the
#: words are found by ANDing the full-text index's bitmap with the primary key's range (a few
#: hundred heap rows) rather than by reading every recent briefing's long tsvector in id order.
_PG_BITMAPS_ONLY = text("SELECT set_config('enable_indexscan', 'off', true)")
#: How many rows of a table hold each word, as ANALYZE estimates it from the most common lexemes of
#: its tsvector column (the word's rarest lexeme; 0 for one outside them): (word, share, rows), with
#: None for a word with no lexeme, such as `the`; no rows before the first ANALYZE.
_PG_SHARES = text(
    "WITH common AS MATERIALIZED (SELECT most_common_elems::text::text[] AS lexemes, most_common_elem_freqs AS freqs "
    "FROM pg_stats WHERE schemaname = current_schema() AND tablename = :t AND attname = 'tsv' "
    "AND most_common_elems IS NOT NULL) "
    "SELECT w, (SELECT min(coalesce(c.freqs[array_position(c.lexemes, l)], 0)) "
    "FROM unnest(tsvector_to_array(to_tsvector('english', w))) AS l), "
    "(SELECT reltuples FROM pg_class WHERE oid = to_regclass(:t)) "
    "FROM unnest(CAST(:words AS text[])) AS w, common AS c"
)
#: Walk the newest briefings when at least this share of them is expected to hold all the words.
WALK_SHARE = 0.2


def briefing_ids_matching(conn: Connection, words_text: str, limit: int, window: Window = BRIEFING_WINDOW) -> list[int]:
    """Ids of briefings whose title or paragraphs contain all the words, best first.

    As for quotes, only a window is ranked: the newest `window.rank` matches among the newest
    `window.recent` briefings, or in the whole archive when those hold fewer than `limit`. On
    PostgreSQL the newest briefings are walked only when many of them hold all the words, by the
    statistics (_PG_SHARES); otherwise the full-text index finds the recent ones (_PG_BITMAPS_ONLY)."""
    words = query_words(words_text)
    if not words or limit <= 0:
        return []
    try:
        floor = recent_floor(conn, window, "briefings")
        if conn.dialect.name == "sqlite":
            params = {"m": _fts5([[w] for w in words], "all"), "n": limit, "w": window.rank, "floor": floor}
            found: list[int] = [r[0] for r in conn.execute(_SQLITE_BRIEFINGS, params)]
            if len(found) < limit and floor > 0:
                found = [r[0] for r in conn.execute(_SQLITE_BRIEFINGS, params | {"floor": 0})]
            return [int(i) for i in found]
        shares = [r[1] for r in conn.execute(_PG_SHARES, {"words": sorted(set(words)), "t": "briefings"})]
        share = math.prod(1.0 if f is None else float(f) for f in shares) if shares else 0.0
        sql = _PG_BRIEFINGS_BY_WALK if share >= WALK_SHARE else _PG_BRIEFINGS_BY_INDEX
        if sql is _PG_BRIEFINGS_BY_INDEX:
            conn.execute(_PG_BITMAPS_ONLY)
        params = {"p": " ".join(words), "n": limit, "w": window.rank, "floor": floor}
        return [int(r[0]) for r in conn.execute(text(sql), params)]
    except DBAPIError:
        log.exception("briefing search failed for %r", words_text)
        return []
