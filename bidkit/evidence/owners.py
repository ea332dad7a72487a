"""Which partner a file belongs to, from where it lies and what it is called, so each partner is sent its own problems.

SPEC ("A project folder") lets one kind of evidence be split by partner: a subfolder (`partners/wcva/meetings.xlsx`,
or any folder named after a partner) or a file-name suffix (`meetings-wcva.csv`). The same rule says whose a
problem is: a facilitator sends each partner the problems in the files that partner sent. Ids and names are matched
folded (`taxonomies.fold`), so `partners/Wales Council for Voluntary Action/` is wcva's too. Pure: the partners are
given, nothing is read.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

from . import taxonomies as tx
from .files import fold_stem, kind_of_name

SEPARATORS = re.compile(r"[-_\s]+")


def owner_keys(partners) -> dict[str, str]:
    """Folded id and name -> id, from `(id, name)` pairs; the first partner to claim a key keeps it."""
    keys: dict[str, str] = {}
    for pid, name in partners:
        for key in (pid, name):
            if key:
                keys.setdefault(tx.fold(key), pid)
    return keys


def owner_of(rel: str, keys: dict[str, str]) -> str | None:
    """The id of the partner whose file `rel` (relative to the project folder) is, or None for the facilitator's.

    The innermost folder named after a partner wins (`partners/wcva/meetings.xlsx`); otherwise the end of the file
    name (`meetings-wcva.csv`, `workbook_ehr-coalition.xlsx`, `wcva.xlsx`), the longest ending that names a partner.
    """
    path = PurePosixPath(rel)
    for folder in reversed(path.parts[:-1]):
        found = keys.get(tx.fold(folder))
        if found:
            return found
    stem = fold_stem(path.name)
    kind = kind_of_name(path.name)
    if kind is not None:
        stem = stem[len(kind):].lstrip("-")
    parts = [p for p in SEPARATORS.split(stem) if p]
    for start in range(len(parts)):              # longest ending first: `ehr-coalition` before `coalition`
        found = keys.get(tx.fold("".join(parts[start:])))
        if found:
            return found
    return None
