"""The kinds of evidence: the one list every reader, check and page of the guide takes its names from."""
from __future__ import annotations

TABLE_KINDS = ("partners", "meetings", "reading-list", "action-plan", "delivery-plan", "budget", "other-funding")
YAML_ONLY_KINDS = ("outcomes",)
KINDS = TABLE_KINDS + YAML_ONLY_KINDS
