"""JSON Schema for each kind of evidence, so editors can check a file as it is typed."""
from __future__ import annotations

from .models import TABLE_MODELS, Project


def schemas() -> dict[str, dict]:
    found = {"project": Project.model_json_schema()}
    for kind, model in TABLE_MODELS.items():
        found[kind] = model.model_json_schema()
    for kind, body in found.items():
        body["$id"] = f"https://bidkit.example/schema/{kind}.schema.json"
        body.setdefault("description", f"One {kind} record, as bidkit reads it.")
    return found
