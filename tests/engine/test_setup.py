from __future__ import annotations

import pytest

from interview.banks import ROUNDS, Catalog
from interview.engine import SessionConfig, SetupError, candidate_pool, pick_questions, plan


def test_single_round_picks_n_distinct_questions_from_that_round(catalog: Catalog) -> None:
    refs = pick_questions(catalog, SessionConfig(round="ml-theory", n=2), seed=1)
    assert len(refs) == 2
    assert len({r.id for r in refs}) == 2
    assert all(r.round == "ml-theory" for r in refs)


def test_the_seed_makes_the_pick_reproducible(catalog: Catalog) -> None:
    cfg = SessionConfig(round="ml-theory", n=2)
    picks = {tuple(r.id for r in pick_questions(catalog, cfg, seed=s)) for s in range(20)}
    assert len(picks) > 1  # different seeds, different picks
    for s in range(5):
        assert pick_questions(catalog, cfg, seed=s) == pick_questions(catalog, cfg, seed=s)


def test_loop_asks_one_question_per_round_in_order(catalog: Catalog) -> None:
    refs = pick_questions(catalog, SessionConfig(round="loop", n=9), seed=4)
    assert [r.round for r in refs] == list(ROUNDS)


def test_n_larger_than_the_pool_takes_them_all(catalog: Catalog) -> None:
    refs = pick_questions(catalog, SessionConfig(round="ml-theory", n=50), seed=0)
    assert sorted(r.id for r in refs) == ["mlt-fx-bias", "mlt-fx-leak", "mlt-fx-overfit"]


@pytest.mark.parametrize(("cfg", "expected"), [
    (SessionConfig(round="ml-theory", tags=("data",)), {"mlt-fx-leak"}),
    (SessionConfig(round="ml-theory", difficulty="easy"), {"mlt-fx-overfit"}),
    (SessionConfig(round="ml-theory", tags=("generalisation",), difficulty="medium"),
     {"mlt-fx-bias"}),
    (SessionConfig(round="behavioral", banks=("fixture-loop",)), {"beh-fx-conflict"}),
])
def test_filters(catalog: Catalog, cfg: SessionConfig, expected: set[str]) -> None:
    pool = candidate_pool(catalog, cfg)
    assert {r.id for refs in pool.values() for r in refs} == expected


def test_unknown_round_suggests_the_closest(catalog: Catalog) -> None:
    with pytest.raises(SetupError, match="unknown round 'ml-theroy' \\(did you mean 'ml-theory'"):
        pick_questions(catalog, SessionConfig(round="ml-theroy"), seed=0)


@pytest.mark.parametrize(("cfg", "message"), [
    (SessionConfig(round="ml-theory", tags=("nothing-has-this",)), "no questions match"),
    (SessionConfig(round="ml-theory", banks=("fixture-mlx",)), "unknown bank 'fixture-mlx'"),
    (SessionConfig(round="ml-theory", n=0), "at least 1"),
    (SessionConfig(round="ml-theory", difficulty="brutal"), "unknown difficulty"),
    (SessionConfig(round="ml-theory", mode="quiz"), "unknown mode"),  # type: ignore[arg-type]
    (SessionConfig(question_ids=("mlt-fx-overfitt",)), "did you mean mlt-fx-overfit, "),
])
def test_bad_setups_are_one_line_errors(catalog: Catalog, cfg: SessionConfig,
                                        message: str) -> None:
    with pytest.raises(SetupError, match=message) as info:
        pick_questions(catalog, cfg, seed=0)
    assert "\n" not in str(info.value)


def test_explicit_questions_keep_their_order(catalog: Catalog) -> None:
    cfg = SessionConfig(question_ids=("sd-fx-recs", "mlt-fx-leak"))
    assert [r.id for r in pick_questions(catalog, cfg, seed=0)] == ["sd-fx-recs", "mlt-fx-leak"]


def test_plan_freezes_question_and_rubric_with_a_stable_hash(catalog: Catalog) -> None:
    refs = pick_questions(catalog, SessionConfig(question_ids=("mlt-fx-overfit",)), seed=0)
    [p] = plan(catalog, refs)
    assert p.time_limit == 120
    assert [c.id for c in p.rubric.criteria] == ["definition", "detection", "remedy"]
    again = type(p).from_snapshot(p.snapshot())
    assert again == p
    assert again.content_hash() == p.content_hash()
    assert len(p.content_hash()) == 64
