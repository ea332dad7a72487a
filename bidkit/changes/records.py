"""Evidence records added, removed or changed between two drafts, matched by what makes a record the same one.

IDENTITY is the one table: a kind of evidence and the fields that name one of its records. Text is folded (case,
spaces and punctuation aside, as `taxonomies.fold` does) and a list of partners compares as a set, so a title
retyped in capitals or partners listed in another order is the same meeting with no change. A kind added later is
one line here.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ..evidence import Evidence
from ..evidence import taxonomies as tx

IDENTITY: dict[str, tuple[str, ...]] = {
    "project": (),                                   # project.yaml: one record, compared key by key
    "partners": ("id",),
    "meetings": ("date", "title", "partners"),
    "outcomes": ("id",),
    "reading-list": ("title",),
    "action-plan": ("activity",),
    "budget": ("heading", "year", "description"),
    "delivery-plan": ("year", "quarter", "activity"),
    "other-funding": ("source", "year"),
}
PRIVATE = {"contact", "contact_email"}          # internal: never printed, so never shown as a change either


@dataclass
class FieldChange:
    field: str
    old: str
    new: str


@dataclass
class RecordChange:
    kind: str
    change: str                 # added | removed | changed
    key: str                    # the record's identity, as a person reads it
    place: str                  # in NEW; in OLD for a removed record
    fields: list[FieldChange] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {"kind": self.kind, "change": self.change, "key": self.key, "place": self.place,
                "fields": [vars(f) for f in self.fields]}


def records_of(ev: Evidence, kind: str) -> list:
    return [ev.project] if kind == "project" else list(getattr(ev, kind.replace("-", "_"), None) or [])


def folded(value):
    if isinstance(value, str):
        return tx.fold(value)
    if isinstance(value, (list, tuple, set, frozenset)):
        return frozenset(folded(v) for v in value)
    return value


def identity(record, fields: tuple[str, ...]) -> tuple:
    return tuple(folded(getattr(record, name, None)) for name in fields)


def shown(value) -> str:
    """A value as a person would write it in the file: dates day first is the documents' job, here ISO."""
    if value is None or value == [] or value == {}:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return "; ".join(shown(v) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {shown(v)}" for k, v in value.items())
    if hasattr(value, "model_dump"):
        return "; ".join(f"{k}: {shown(v)}" for k, v in dumped(value).items() if shown(v))
    return str(value)


def dumped(record) -> dict:
    """Field -> value, as the record holds it (nested models kept as they are, for `shown`)."""
    return {name: getattr(record, name) for name in type(record).model_fields if name not in PRIVATE}


def label(record, fields: tuple[str, ...]) -> str:
    if not fields:
        return "project.yaml"
    return ", ".join(shown(getattr(record, name, None)) or "(none)" for name in fields)


def place_of(record) -> str:
    place = getattr(record, "place", None)
    return str(place) if place is not None else "project.yaml"


def file_of(record) -> str | None:
    place = getattr(record, "place", None)
    return place.file if place is not None else None


def field_changes(old, new) -> list[FieldChange]:
    before, after = dumped(old), dumped(new)
    found = []
    for name in after:
        a, b = shown(before.get(name)), shown(after[name])
        if a != b:
            found.append(FieldChange(name, a, b))
    return found


def compare_records(old: Evidence, new: Evidence) -> list[RecordChange]:
    """Every record added, removed or changed, kind by kind in IDENTITY's order, then in NEW's order (removed
    ones last, in OLD's order). Two records with the same identity in one folder are paired in file order, one
    from the same file first."""
    found: list[RecordChange] = []
    for kind, fields in IDENTITY.items():
        waiting: dict[tuple, list] = {}
        for record in records_of(old, kind):
            waiting.setdefault(identity(record, fields), []).append(record)
        for record in records_of(new, kind):
            twins = waiting.get(identity(record, fields))
            if twins:
                same_file = [i for i, twin in enumerate(twins) if file_of(twin) == file_of(record)]
                changes = field_changes(twins.pop(same_file[0] if same_file else 0), record)
                if changes:
                    found.append(RecordChange(kind, "changed", label(record, fields), place_of(record),
                                              changes))
            else:
                found.append(RecordChange(kind, "added", label(record, fields), place_of(record)))
        for twins in waiting.values():
            found += [RecordChange(kind, "removed", label(r, fields), place_of(r)) for r in twins]
    return found
