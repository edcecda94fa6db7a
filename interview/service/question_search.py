"""Finding a question to practise: by words of its text, its id, and its tags.

What the start form's question search calls. Plain objects only; the catalog is the
service's (loaded on first use).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..banks import Catalog, QuestionRef
    from .app import Service

TAG_PREFIXES = ("tag:", "#")


@dataclass(frozen=True)
class QuestionHit:
    id: str
    title: str
    """The prompt's first line, without Markdown markers."""
    round: str
    round_title: str
    difficulty: str
    tags: tuple[str, ...]
    bank: str


@dataclass(frozen=True)
class Query:
    words: tuple[str, ...]
    """Each must appear in the id, the prompt, a tag, the bank or the round's title."""
    tags: tuple[str, ...]
    """``tag:x`` or ``#x``: each must start one of the question's tags."""

    @classmethod
    def parse(cls, text: str) -> Query:
        words: list[str] = []
        tags: list[str] = []
        for raw in text.lower().split():
            prefix = next((p for p in TAG_PREFIXES if raw.startswith(p)), None)
            if prefix is None:
                words.append(raw)
            elif raw[len(prefix):]:
                tags.append(raw[len(prefix):])
        return cls(tuple(words), tuple(tags))


def _haystack(ref: QuestionRef, round_title: str) -> str:
    q = ref.question
    return " ".join((q.id, q.prompt, " ".join(q.tags), ref.bank.bank, round_title)).lower()


def search_in(cat: Catalog, text: str, *, round_: str | None = None,
              limit: int = 200) -> list[QuestionHit]:
    """Questions matching ``text`` (all words, and all ``tag:`` prefixes), in round order and
    then by id; ``round_`` keeps one round. An empty text matches every question."""
    from ..banks import ROUND_TITLES, ROUNDS
    from ..banks.summary import question_title as _title

    query = Query.parse(text)
    order = {r: i for i, r in enumerate(ROUNDS)}
    hits: list[QuestionHit] = []
    for ref in sorted(cat.questions.values(),
                      key=lambda r: (order.get(r.round, len(order)), r.id)):
        if round_ and ref.round != round_:
            continue
        q = ref.question
        title = ROUND_TITLES.get(ref.round, ref.round)
        tags = [t.lower() for t in q.tags]
        if not all(any(t.startswith(want) for t in tags) for want in query.tags):
            continue
        hay = _haystack(ref, title)
        if not all(w in hay for w in query.words):
            continue
        hits.append(QuestionHit(q.id, _title(q.prompt), ref.round, title, q.difficulty,
                                tuple(q.tags), ref.bank.bank))
        if len(hits) >= limit:
            break
    return hits


def search_questions(service: Service, text: str, *, round_: str | None = None,
                     limit: int = 200) -> list[QuestionHit]:
    """``search_in`` over the service's catalog."""
    return search_in(service.catalog(), text, round_=round_, limit=limit)


def tag_counts(cat: Catalog, prefix: str = "") -> list[tuple[str, int]]:
    """Tags (starting with ``prefix``) with how many questions carry each, most used first:
    how a user discovers which tags exist."""
    counts: dict[str, int] = {}
    for ref in cat.questions.values():
        for t in ref.question.tags:
            if t.lower().startswith(prefix.lower()):
                counts[t] = counts.get(t, 0) + 1
    return sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))


@dataclass(frozen=True)
class SearchResult:
    hits: list[QuestionHit]
    tags: list[tuple[str, int]]
    """Tags to suggest: those starting with the tag being typed, else the most used."""


def search_with_tags(service: Service, text: str, *, round_: str | None = None,
                     limit: int = 200) -> SearchResult:
    """``search_in`` plus tag suggestions for the word being typed (``tag:x`` or ``#x``)."""
    cat = service.catalog()
    last = text.split()[-1].lower() if text.split() and not text.endswith(" ") else ""
    prefix = next((last[len(p):] for p in TAG_PREFIXES if last.startswith(p)), "")
    return SearchResult(search_in(cat, text, round_=round_, limit=limit),
                        tag_counts(cat, prefix))
