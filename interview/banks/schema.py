"""JSON Schema of the bank and shared-rubric formats (committed under schemas/)."""

from __future__ import annotations

import json
from typing import Any

from .models import Bank, SharedRubric

SCHEMA_FILES = {"bank.schema.json": Bank, "rubric.schema.json": SharedRubric}


def json_schema(kind: str = "bank") -> dict[str, Any]:
    model = Bank if kind == "bank" else SharedRubric
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "interview question bank" if kind == "bank" else "interview shared rubric"
    return schema


def schema_text(kind: str = "bank") -> str:
    return json.dumps(json_schema(kind), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
