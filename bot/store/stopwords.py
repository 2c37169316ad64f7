"""The English stopwords PostgreSQL's `english` text-search configuration leaves out of its index.

A query made only of these words finds nothing on PostgreSQL; SQLite is told to answer the same way,
so both databases give one answer to one question.
"""

from __future__ import annotations

STOPWORDS = frozenset(
    """
i me my myself we our ours ourselves you your yours yourself yourselves he him his himself she
her hers herself it its itself they them their theirs themselves what which who whom this that
these those am is are was were be been being have has had having do does did doing a an the and
but if or because as until while of at by for with about against between into through during
before after above below to from up down in out on off over under again further then once here
there when where why how all any both each few more most other some such no nor not only own
same so than too very s t can will just don should now""".split()
)
