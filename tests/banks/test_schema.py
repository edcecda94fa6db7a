"""The committed JSON Schemas stay in sync with the models."""

from __future__ import annotations

import json

from interview.banks.schema import schema_text
from interview.paths import shipped_dir


def test_committed_schemas_in_sync() -> None:
    for kind in ("bank", "rubric"):
        committed = (shipped_dir("schemas") / f"{kind}.schema.json").read_text(encoding="utf-8")
        assert committed == schema_text(kind), (
            f"schemas/{kind}.schema.json is stale: run "
            f"`interview bank schema --kind {kind} > schemas/{kind}.schema.json`")


def test_schema_describes_the_format() -> None:
    schema = json.loads(schema_text("bank"))
    assert schema["required"] == ["bank", "round"]
    assert set(schema["properties"]) >= {"bank", "title", "round", "version", "questions"}
    question = schema["$defs"]["Question"]
    assert set(question["properties"]) >= {"id", "prompt", "difficulty", "tags", "time_limit",
                                           "model_answer", "hints", "rubric", "examples"}
    assert question["additionalProperties"] is False
