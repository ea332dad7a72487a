"""The plain-English words for problems that come from libraries, in one table.

pydantic's own messages ("Input should be a valid integer") are written for programmers; a partner reads these
instead. Each entry is a pydantic error type and a text that may use the error's context (`{ge}`, `{expected}`).
A type not in the table keeps pydantic's message, with its first letter lowered to fit after the field name.
"""
from __future__ import annotations

PYDANTIC = {
    "missing": "is required but not given",
    "extra_forbidden": "is not a known key",
    "greater_than_equal": "must be {ge} or more",
    "greater_than": "must be more than {gt}",
    "less_than_equal": "must be {le} or less",
    "less_than": "must be less than {lt}",
    "too_short": "needs at least one value",
    "model_type": "should be a set of 'key: value' lines",
    "model_attributes_type": "should be a set of 'key: value' lines",
    "dict_type": "should be a set of 'key: value' lines",
    "list_type": "should be a list",
    "literal_error": "is not one of {expected}",
}


def plain_message(err: dict) -> str:
    """One pydantic error (from `ValidationError.errors()`) as the words a partner reads."""
    kind, ctx = err["type"], err.get("ctx") or {}
    if kind == "value_error":           # our own validators: their message is already plain English
        return str(ctx.get("error", err["msg"]))
    if kind in PYDANTIC:
        return PYDANTIC[kind].format(**{k: str(v).replace("'", "") for k, v in ctx.items()})
    return err["msg"][0].lower() + err["msg"][1:]
