"""Finding a question to practise: words of its text or id, ``tag:`` prefixes, tag counts."""

from __future__ import annotations

from pathlib import Path

import pytest

from interview.config import Settings
from interview.service import Service
from interview.service.question_search import Query, search_with_tags

FIXTURES = Path(__file__).parents[1] / "engine" / "fixtures"


@pytest.fixture
def svc() -> Service:
    return Service(Settings.build(banks=[str(FIXTURES)], shipped_banks=False))


def ids(svc: Service, text: str, round_: str | None = None) -> list[str]:
    return [h.id for h in search_with_tags(svc, text, round_=round_).hits]


def test_query_words_and_tags() -> None:
    assert Query.parse("Overfit  tag:Eval #data tag:") == Query(("overfit",), ("eval", "data"))


def test_words_match_the_prompt_id_and_tags_all_of_them(svc: Service) -> None:
    assert ids(svc, "overfit") == ["mlt-fx-overfit"]
    assert ids(svc, "MLT-FX") == ["mlt-fx-bias", "mlt-fx-leak", "mlt-fx-overfit"]
    assert ids(svc, "bias variance") == ["mlt-fx-bias"]
    assert ids(svc, "bias nothing-like-this") == []


def test_tags_are_prefixes_and_combine(svc: Service) -> None:
    assert ids(svc, "tag:eval") == ["mlt-fx-leak", "mlt-fx-overfit"]
    assert ids(svc, "tag:eval #data") == ["mlt-fx-leak"]
    assert ids(svc, "tag:eval", round_="coding-screen") == []


def test_rounds_in_interview_order_then_ids(svc: Service) -> None:
    found = ids(svc, "")
    assert found[0].startswith("cs-") and len(found) == len(svc.catalog().questions)


def test_tag_suggestions_follow_the_tag_being_typed(svc: Service) -> None:
    tags = dict(search_with_tags(svc, "tag:gen").tags)
    assert tags == {"generalisation": 2}
    most_used = search_with_tags(svc, "").tags
    assert most_used[0][1] >= most_used[-1][1] and ("evaluation", 2) in most_used
