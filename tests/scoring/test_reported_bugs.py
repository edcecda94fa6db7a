"""Regression tests for the matching bugs bank authors reported (one test per bug)."""

from __future__ import annotations

import pytest

from interview.banks import Criterion, EffectiveRubric, RedFlag
from interview.scoring import score_answer
from interview.scoring.report import CriterionResult


def crit(keyword: str, answer: str) -> CriterionResult:
    rub = EffectiveRubric(criteria=[Criterion(id="a", keywords=[keyword])])
    return score_answer(answer, rub).criteria[0]


def flagged(keyword: str, answer: str) -> bool:
    rub = EffectiveRubric(criteria=[Criterion(id="a", keywords=["placeholder"])],
                          red_flags=[RedFlag(id="f", keywords=[keyword], penalty=10)])
    return bool(score_answer(answer, rub).red_flags)


# 1. A negation inside the matched window negates the match.
@pytest.mark.parametrize(("keyword", "answer"), [
    ("I added", "I didn't add any alerting."),
    ("I rolled back", "I didn't roll back the release."),
    ("is unique", "The key is not unique."),
    ("is_unique", "The key is not unique."),
])
def test_negation_inside_the_matched_window(keyword: str, answer: str) -> None:
    c = crit(keyword, answer)
    assert c.earned == 0 and c.status == "missed"


def test_a_plain_mention_still_matches_next_to_the_negated_one() -> None:
    assert crit("I added", "I added alerting.").status == "hit"
    assert crit("not unique", "The key is not unique.").status == "hit"


# 2. Negation scope: counted in words, running through coordinated objects.
@pytest.mark.parametrize(("keyword", "answer"), [
    ("root cause", "We never did a postmortem or looked for the root cause of the outage."),
    ("postmortem", "We never did a postmortem or looked for the root cause."),
    ("online store", "We never needed point-in-time joins or a separate online store."),
    ("latency", "There was no need to monitor the feature drift of inputs and the serving latency."),
])
def test_negation_scope_runs_through_coordination_and_counts_words(keyword: str,
                                                                   answer: str) -> None:
    c = crit(keyword, answer)
    assert c.earned == 0 and c.negated


def test_negation_scope_still_ends_at_the_clause() -> None:
    assert crit("root cause", "We never did a postmortem, but we found the root cause.").status \
        == "hit"


# 3. Big-O notation keeps its parentheses.
@pytest.mark.parametrize("answer", ["It depends on the size.", "Call it on n items.",
                                    "The o and n keys."])
def test_big_o_does_not_match_ordinary_words(answer: str) -> None:
    assert crit("o(n)", answer).earned == 0


@pytest.mark.parametrize(("keyword", "answer"), [
    ("o(n)", "A single pass, so O(n) time."),
    ("O(n log n)", "Sorting is O(n log n) overall."),
    ("O(n log n)", "sorting costs o(nlogn)"),
    ("O(1)", "Lookups are O(1) on average."),
])
def test_big_o_matches_real_notation(keyword: str, answer: str) -> None:
    assert crit(keyword, answer).status == "hit"


def test_big_o_needs_the_same_complexity() -> None:
    assert crit("O(n log n)", "It is O(n) time.").earned == 0
    assert crit("O(1)", "It is O(n) time.").earned == 0


# 4. A multi-word keyword needs (nearly) all its words.
@pytest.mark.parametrize(("keyword", "answer"), [
    ("out of range", "The range is wide."),
    ("more data", "The data is big."),
    ("most variance", "The variance is high."),
    ("one-hot", "That is a hot take."),
    ("held-out", "I held it."),
    ("out-of-bag", "Put it in a bag."),
    ("per class", "The classes are balanced."),
    ("I owned", "Teams own their services."),
    ("my job was", "The jobs were slow."),
    ("taught me", "I caught it."),
    ("also tried", "Then try again."),
    ("labeled myself", "The labels were noisy."),
    ("at the time", "We checked the watch time."),
])
def test_multi_word_keyword_needs_its_words(keyword: str, answer: str) -> None:
    assert crit(keyword, answer).earned == 0


@pytest.mark.parametrize(("keyword", "answer"), [
    ("out of range", "The index was out of range."),
    ("more data", "We collected more data."),
    ("one-hot", "I used one hot encoding."),
    ("held-out", "On a held out set."),
    ("per class", "Recall per class."),
    ("I owned", "I owned the rollout."),
    ("taught me", "It taught me patience."),
    ("at the time", "At the time we had no tests."),
])
def test_multi_word_keyword_still_matches_when_said(keyword: str, answer: str) -> None:
    assert crit(keyword, answer).status == "hit"


# 5. Fuzzy matching tolerates typos, not different words.
@pytest.mark.parametrize(("keyword", "answer"), [
    ("reverted", "We recovered quickly."),
    ("backward pass", "Walk it backwards."),
    ("precision", "I measured it precisely."),
    ("duplicates", "We deduplicate rows."),
])
def test_different_words_do_not_fuzzy_match(keyword: str, answer: str) -> None:
    assert crit(keyword, answer).earned == 0


@pytest.mark.parametrize(("keyword", "answer"), [
    ("overfitting", "The model is overfiting."),
    ("regularization", "Add regularizaton."),
    ("reverted", "We revetred it."),
    ("precision", "Report precision and recall."),
])
def test_typos_still_match(keyword: str, answer: str) -> None:
    assert crit(keyword, answer).status == "hit"


# 6. Red flags: a "no" inside, across sentences, out of order, and mistake framing.
@pytest.mark.parametrize(("keyword", "answer"), [
    ("trees need feature scaling", "Trees need no feature scaling."),
    ("ridge does feature selection", "Lasso does feature selection. L2 is ridge."),
    ("ridge does feature selection", "Feature selection does ridge no favours."),
    ("tuning on the test set", "Tuning on the test set is a mistake."),
    ("peeking at the test set", "A common pitfall is peeking at the test set."),
    ("peeking at the test set", "Avoid peeking at the test set."),
    ("rely on accuracy", "Relying on accuracy alone is a myth that fails on skewed data."),
    ("rely on accuracy", "I'd use F1 instead of relying on accuracy."),
])
def test_red_flag_not_said_as_a_belief(keyword: str, answer: str) -> None:
    assert not flagged(keyword, answer)


@pytest.mark.parametrize(("keyword", "answer"), [
    ("trees need feature scaling", "Trees need feature scaling, always."),
    ("ridge does feature selection", "Ridge does feature selection by zeroing weights."),
    ("tuning on the test set", "I kept tuning on the test set until it looked good."),
])
def test_red_flag_said_as_a_belief_still_fires(keyword: str, answer: str) -> None:
    assert flagged(keyword, answer)


# 8. Numbers are whole tokens.
def test_decimal_numbers_are_one_token() -> None:
    assert crit("threshold of 0.5", "A threshold on 3 features with 5 trees, 0 errors.").earned \
        == 0
    assert crit("threshold of 0.5", "I set a threshold of 0.5.").status == "hit"
    assert crit("0.5", "I used 0.05.").earned == 0
    assert crit("0.5", "The default is 0.5.").status == "hit"


# 7. First person is the point of STAR: "we decided" is not "I decided".
def test_first_person_keyword_needs_the_first_person() -> None:
    assert crit("I decided", "I decided to roll back.").status == "hit"
    assert crit("I decided", "I'd decided to roll back.").status == "hit"
    assert crit("I decided", "We decided to roll back.").earned == 0
    # The subject shared by a coordinated verb still counts for most of the phrase.
    assert crit("I loop over", "I'd sort them, or loop over the rows.").status == "hit"


# "I'd" swallows "would": the auxiliary counts for little.
def test_contracted_auxiliary_matches() -> None:
    assert crit("I would test", "I'd test it with an empty list.").status == "hit"


def test_framing_words_elsewhere_do_not_hide_a_red_flag() -> None:
    assert flagged("tune on the test set", "To avoid overfitting, I tune on the test set.")
    assert flagged("tune on the test set", "I tune on the test set to avoid mistakes.")


def test_words_ending_in_ly_that_are_not_adverbs_still_inflect() -> None:
    assert crit("rely on accuracy", "Relying on accuracy alone.").status == "hit"
    assert crit("monthly", "We retrain every month.").status == "hit"
    assert flagged("rely on accuracy", "I would rely on accuracy alone.")
    assert flagged("rely on accuracy", "Relying on accuracy alone is fine.")
    assert not flagged("rely on accuracy", "Relying on accuracy alone is a myth.")
