"""The question-bank format: pydantic v2 models for banks, questions and rubrics.

These models are the domain. The YAML loader (``loader.py``) turns files into them and
reports errors with FILE:LINE:COL; ``schema.py`` exports their JSON Schema.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    FieldSerializationInfo,
    SerializerFunctionWrapHandler,
    ValidationInfo,
    field_serializer,
    field_validator,
    model_validator,
)

from ..rounds import ROUND_TIME_LIMITS, ROUND_TITLES, ROUNDS
from .deferred import CONTEXT, DeferredField

__all__ = ["ROUNDS", "ROUND_TIME_LIMITS", "ROUND_TITLES"]

Round = Literal["coding-screen", "ml-theory", "system-design", "behavioral", "portfolio"]
Difficulty = Literal["easy", "medium", "hard"]

Identifier = Annotated[
    str,
    Field(
        min_length=1,
        max_length=120,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$",
        description="Letters, digits, '-', '_' and '.', starting with a letter or digit.",
    ),
]
Phrase = Annotated[str, Field(min_length=1, max_length=300)]
# A literal value for coding-screen test cases: plain YAML scalars, lists and mappings only.
Literal_ = Any


class StrictModel(BaseModel):
    """Unknown fields are errors (with a did-you-mean from the loader).

    Validators are built on first use (``defer_build``): a start that only rebuilds models
    from the bank cache (trusted.py) never needs them."""

    model_config = ConfigDict(extra="forbid", frozen=False, str_strip_whitespace=True,
                              defer_build=True)


class WithDeferred(StrictModel):
    """A model some of whose list fields a warm load validates on first use (deferred.py):
    serialising reads them through the field, so a dump holds their real values."""

    def _deferred(self, value: Any, handler: SerializerFunctionWrapHandler,
                  info: FieldSerializationInfo) -> Any:
        return handler(getattr(self, info.field_name))


CriterionKind = Literal["concept", "situation", "task", "action", "result", "reflection",
                        "approach"]


class Relation(StrictModel):
    """A claim with a direction that the criterion checks: "L1 -> exact zeros".

    The answer states the relation when a ``subject`` phrase and an ``object`` phrase occur in
    one sentence. Stating it the right way round earns the criterion; stating it reversed
    (the object negated: "boosting is hard to overfit"), or with a ``swapped`` subject
    ("L2 gives exact zeros"), or, for a ``direction`` relation, with the trend reversed
    ("bias grows with capacity"), is a contradiction: no credit, ``penalty`` points off,
    and ``note`` shown. See docs/authoring.md, "Claims with direction".
    """

    subject: list[Phrase] = Field(description="Phrases naming the subject (e.g. l1, lasso).")
    object: list[Phrase] = Field(description="Phrases naming what it leads to (exact zeros).")
    polarity: Literal["positive", "negative"] = Field(
        "positive", description="positive: the subject does lead to the object; negative: "
                                "it does not (\"bagging -> does not reduce bias\").")
    swapped: list[Phrase] = Field(
        default_factory=list,
        description="Subjects for which the relation is false (l2, ridge): saying them with "
                    "the object is a contradiction.")
    direction: Literal["same", "inverse"] | None = Field(
        None, description="For trends: 'inverse' when the object falls as the subject rises "
                          "(bias falls as capacity rises), 'same' when both move together.")
    penalty: float = Field(10.0, ge=0, le=100,
                           description="Points off for a contradiction (0-100 scale).")
    note: str = Field("", description="Why the reversed claim is wrong; shown to the candidate.")

    @field_validator("subject", "object")
    @classmethod
    def _not_empty(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("must list at least one phrase")
        return v


class Criterion(StrictModel):
    """One idea the answer should contain.

    ``keywords`` lists phrases that express the idea: alternatives and synonyms for the one
    idea, grouped together. Matching any of them (fuzzily) earns the criterion's credit.
    """

    id: Identifier
    label: str = Field("", description="Short human-readable name; defaults to the id.")
    weight: float = Field(1.0, description="Relative weight; must be > 0.")
    keywords: list[Phrase] = Field(
        default_factory=list,
        description="Phrases expressing this idea: alternatives and synonyms, any of which counts.",
    )
    required: bool = Field(
        False, description="A must-have point: missing it costs more (its weight counts "
                           "extra), but never caps the total.")
    probe: str | None = Field(
        None, description="The follow-up question an interviewer asks when this is missed."
    )
    kind: CriterionKind = Field(
        "concept", description=(
            "concept: earned by saying the idea. situation, task, action, result, reflection "
            "(STAR) and approach (coding) are structural: they earn credit for specifics "
            "(a named context, 'I <verb> <object>', a measured outcome), not for cue phrases "
            "alone. See docs/authoring.md."))
    relations: list[Relation] = Field(
        default_factory=list, description="Claims with a direction this criterion checks.")

    @field_validator("weight")
    @classmethod
    def _weight_positive(cls, v: float) -> float:
        if not math.isfinite(v):
            raise ValueError(f"weight must be a finite number, got {v:g}")
        if v <= 0:
            raise ValueError(f"weight must be > 0, got {v:g}")
        return v

    @field_validator("keywords")
    @classmethod
    def _keywords_not_empty(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("keywords must list at least one phrase")
        return v

    @property
    def display_label(self) -> str:
        return self.label or self.id.replace("_", " ").replace("-", " ")


class CriterionOverride(StrictModel):
    """A criterion in a question's rubric: a new one, or an override of an inherited one.

    When the id matches a criterion of the ``extends`` rubric, only the fields given here
    replace the inherited ones; otherwise it is a new criterion and needs ``keywords``.
    """

    id: Identifier
    label: str | None = None
    weight: float | None = None
    keywords: list[Phrase] | None = None
    required: bool | None = None
    probe: str | None = None
    kind: CriterionKind | None = None
    relations: list[Relation] | None = None

    @field_validator("weight")
    @classmethod
    def _weight_positive(cls, v: float | None) -> float | None:
        if v is not None and not math.isfinite(v):
            raise ValueError(f"weight must be a finite number, got {v:g}")
        if v is not None and v <= 0:
            raise ValueError(f"weight must be > 0, got {v:g}")
        return v

    @field_validator("keywords")
    @classmethod
    def _keywords_not_empty(cls, v: list[str] | None) -> list[str] | None:
        if v is not None and not v:
            raise ValueError("keywords must list at least one phrase")
        return v


class RedFlag(StrictModel):
    """A misconception. Saying it (not negated) subtracts ``penalty`` points (0-100 scale)."""

    id: Identifier | None = None
    keywords: list[Phrase]
    penalty: float = Field(10.0, ge=0, le=100)
    note: str = Field("", description="Why it is wrong; shown to the candidate.")

    @field_validator("keywords")
    @classmethod
    def _keywords_not_empty(cls, v: list[str]) -> list[str]:
        if not v:
            raise ValueError("keywords must list at least one phrase")
        return v


class Rubric(WithDeferred):
    """A question's rubric: inline criteria and red flags, and/or ``extends`` a shared rubric."""

    extends: Identifier | None = Field(None, description="Id of a shared rubric in rubrics/.")
    criteria: list[CriterionOverride] = Field(default_factory=list)
    red_flags: list[RedFlag] = Field(default_factory=list)

    _serialize_deferred = field_serializer("criteria", "red_flags", mode="wrap")(
        WithDeferred._deferred)


class SharedRubric(StrictModel):
    """A reusable rubric file (rubrics/*.yaml)."""

    rubric: Identifier = Field(description="The id other rubrics name in `extends`.")
    title: str = ""
    description: str = ""
    version: str | int | float = "1"
    criteria: list[Criterion] = Field(default_factory=list)
    red_flags: list[RedFlag] = Field(default_factory=list)


class Expectation(StrictModel):
    min: float = Field(0, ge=0, le=100)
    max: float = Field(100, ge=0, le=100)

    @model_validator(mode="after")
    def _ordered(self) -> Expectation:
        if self.min > self.max:
            raise ValueError(f"expect.min ({self.min:g}) is greater than expect.max ({self.max:g})")
        return self


class Example(StrictModel):
    """A calibration example: an answer and the score band it should fall in."""

    answer: str
    expect: Expectation = Field(default_factory=Expectation)
    label: str = Field("", description="e.g. strong, partial, weak, negated, stuffed")
    note: str = ""
    source: Literal["authored", "blind"] = Field(
        "authored", description=("authored: written by the bank's authors, who knew the rubric; "
                                 "blind: written by someone who saw only the prompt and graded "
                                 "by another person. `bank test` reports the two separately."))
    known_gap: str | None = Field(
        None, description=("Why the scorer cannot yet place this example in its band: a "
                           "documented limitation. `bank test` still scores it and lists it as a "
                           "known gap (and says so when it lands in band) instead of failing."))


class CodeTest(StrictModel):
    """A coding-screen test case. Values are plain YAML literals; nothing is evaluated.

    Python questions call the entrypoint with ``args``/``kwargs`` and compare the returned
    value with ``expect``. SQL questions run the candidate's query on the question's fixture
    database (plus this test's ``setup``) and compare the rows with ``expect``, a list of rows.
    """

    args: list[Literal_] = Field(default_factory=list, description="Python: positional arguments.")
    kwargs: dict[str, Literal_] = Field(default_factory=dict,
                                        description="Python: keyword arguments.")
    expect: Literal_ = Field(None, description=(
        "Python: the value the call must return. SQL: the rows the query must return, a list "
        "of rows, each a list of scalars (column names are not compared)."))
    hidden: bool = False
    name: str = ""
    setup: str | None = Field(None, description=(
        "SQL only: more SQL run after the question's sql_fixture, for this test only (vary the "
        "data so results cannot be hard-coded)."))
    ordered: bool = Field(False, description=(
        "SQL only: compare rows in order (for queries with ORDER BY); otherwise as a multiset."))


class Question(WithDeferred):
    id: Identifier
    prompt: str = Field(min_length=1, description="Markdown.")
    difficulty: Difficulty = "medium"
    tags: list[str] = Field(default_factory=list)
    time_limit: int | None = Field(None, gt=0, description="Seconds.")
    model_answer: str | None = None
    hints: list[str] = Field(default_factory=list)
    rubric: Rubric | None = None
    examples: list[Example] = Field(default_factory=list)
    # Coding screen
    language: Literal["python", "sql"] = Field(
        "python", description="What the candidate writes: a Python function or one SQL query.")
    sql_fixture: str | None = Field(None, description=(
        "SQL questions: an SQL script (CREATE TABLE + INSERT) that builds the base database the "
        "candidate's query runs on (SQLite)."))
    entrypoint: str | None = Field(
        None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$", description="Function the tests call."
    )
    starter_code: str | None = None
    tests: list[CodeTest] = Field(default_factory=list)
    test_weight: float | None = Field(
        None, ge=0, le=1, description="Share of the score from passing tests (default 0.6)."
    )

    _serialize_deferred = field_serializer("examples", "tests", mode="wrap")(
        WithDeferred._deferred)

    @model_validator(mode="after")
    def _has_something_to_score(self, info: ValidationInfo) -> Question:
        if info.context == CONTEXT:  # read back from the cache without its rubric's parts
            return self
        has_rubric = self.rubric is not None and (self.rubric.criteria or self.rubric.extends)
        if not has_rubric and not (self.model_answer and self.model_answer.strip()):
            raise ValueError("a question needs a rubric or a model_answer to be scored")
        if self.language == "sql":
            if self.entrypoint:
                raise ValueError("an sql question has no entrypoint: the tests run the "
                                 "candidate's query (remove 'entrypoint')")
            if not (self.sql_fixture and self.sql_fixture.strip()):
                raise ValueError("an sql question needs an sql_fixture (CREATE TABLE and "
                                 "INSERT statements that build its database)")
            if not self.tests:
                raise ValueError("an sql question needs tests (the rows its query must return)")
            return self
        if self.sql_fixture is not None:
            raise ValueError("sql_fixture is only for questions with language: sql")
        if self.tests and not self.entrypoint:
            raise ValueError("a question with tests needs an entrypoint")
        return self

    @property
    def runs_tests(self) -> bool:
        """True when the code runner has something to run: Python tests with an entrypoint,
        or an SQL question's tests."""
        if not self.tests:
            return False
        return self.language == "sql" or bool(self.entrypoint)


class Bank(StrictModel):
    bank: Identifier = Field(description="The bank's id.")
    title: str = ""
    round: Round
    version: str | int | float = "1"
    description: str = ""
    time_limit: int | None = Field(None, gt=0, description="Default seconds per question.")
    questions: list[Question] = Field(default_factory=list)

    @property
    def display_title(self) -> str:
        return self.title or self.bank


class EffectiveRubric(BaseModel):
    """A fully merged rubric, ready for scoring: no ``extends`` left."""

    model_config = ConfigDict(extra="forbid", defer_build=True)

    criteria: list[Criterion]
    red_flags: list[RedFlag] = Field(default_factory=list)
    source: Literal["inline", "extends", "auto"] = "inline"
    extends: str | None = None


# Fields a warm catalog load leaves to be validated on first use (deferred.py).
Question.examples = DeferredField("examples")  # type: ignore[assignment]
Question.tests = DeferredField("tests")  # type: ignore[assignment]
Rubric.criteria = DeferredField("criteria")  # type: ignore[assignment]
Rubric.red_flags = DeferredField("red_flags")  # type: ignore[assignment]
