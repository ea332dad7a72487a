"""Which partner a file belongs to, from where it lies and what it is called, so each partner is sent its own problems.

SPEC ("A project folder") lets one kind of evidence be split by partner: a subfolder (`partners/wcva/meetings.xlsx`,
or any folder named after a partner) or a file-name suffix (`meetings-wcva.csv`). The same rule says whose a
problem is: a facilitator sends each partner the problems in the files that partner sent. Ids and names are matched
exactly first, then folded (`taxonomies.fold`), so `partners/Wales Council for Voluntary Action/` is wcva's too;
references in records are resolved by the same `PartnerKeys`. Pure: the partners are given, nothing is read.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from . import taxonomies as tx
from .files import fold_stem, kind_of_name

SEPARATORS = re.compile(r"[-_\s]+")


class PartnerKeys:
    """Which partner someone meant by an id or a name as written: the one way a partner is found, for a reference
    in a record and for a file's owner alike. An exact id comes first, then an exact name, then the text folded
    (case, spaces, `-` and `_` aside): so `cardiff-volunteer-centre` is that partner's id even when another
    partner is called Cardiff Volunteer Centre. Among folded keys the first partner to claim one keeps it (two
    partners whose folded ids or names collide are an error of the partners file: `checks.check_partners`)."""

    def __init__(self, partners):
        self.ids: dict[str, str] = {}
        self.names: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        for pid, name in partners:
            if not pid:
                continue
            self.ids.setdefault(pid, pid)
            if name:
                self.names.setdefault(name, pid)
            for key in (pid, name):
                if key:
                    self.folded.setdefault(tx.fold(key), pid)

    def find(self, ref) -> str | None:
        """The id of the partner `ref` names, or None."""
        if ref is None:
            return None
        ref = str(ref)
        text = ref.strip()
        return (self.ids.get(ref) or self.ids.get(text) or self.names.get(ref) or self.names.get(text)
                or self.folded.get(tx.fold(ref)))


def owner_keys(partners) -> PartnerKeys:
    """The partners, from `(id, name)` pairs, as `owner_of` finds them."""
    return PartnerKeys(partners)


def owner_of(rel: str, keys: PartnerKeys) -> str | None:
    """The id of the partner whose file `rel` (relative to the project folder) is, or None for the facilitator's.

    The innermost folder named after a partner wins (`partners/wcva/meetings.xlsx`); otherwise the end of the file
    name (`meetings-wcva.csv`, `workbook_ehr-coalition.xlsx`, `wcva.xlsx`), the longest ending that names a partner.
    """
    path = PurePosixPath(rel)
    for folder in reversed(path.parts[:-1]):
        found = keys.find(folder)
        if found:
            return found
    stem = fold_stem(path.name)
    kind = kind_of_name(path.name)
    if kind is not None:
        stem = stem[len(kind):].lstrip("-")
    parts = [p for p in SEPARATORS.split(stem) if p]
    for start in range(len(parts)):              # longest ending first: `ehr-coalition` before `coalition`
        found = keys.find("-".join(parts[start:]))
        if found:
            return found
    return None
