"""bidkit: validate a consortium's evidence and merge it into grant documents.

The public API is these few names; everything else is internal and may move. Names load lazily, so
`import bidkit` stays cheap (a build with nothing to do never imports pydantic or a renderer).

    problems = bidkit.check("evidence")             # every problem, errors and warnings; [] when clean
    evidence = bidkit.load_evidence("evidence")     # validated Evidence, or raises EvidenceInvalid
    report = bidkit.build_documents("evidence", "outputs")
"""
from .version import __version__
__all__ = ["BidkitError", "Evidence", "EvidenceInvalid", "Problem", "build_documents", "check", "load_evidence",
           "__version__"]


def load_evidence(project):
    """Validated Evidence from a project folder; raises EvidenceInvalid (every problem) or BidkitError."""
    from .evidence import load

    return load(project)


def check(project) -> list:
    """Every problem `bidkit check` reports for the folder (errors and warnings), as Problem records."""
    from .problems import EvidenceInvalid

    try:
        return load_evidence(project).warnings
    except EvidenceInvalid as exc:
        return exc.problems


def build_documents(project, out, docs=None, formats=None, jobs=None, force=False):
    """Build what is out of date into `out`; returns a Report. Raises EvidenceInvalid or BidkitError."""
    from .build import build

    return build(project, out, docs, formats, jobs, force)


def __getattr__(name):
    if name == "Evidence":
        from .evidence import Evidence
        return Evidence
    if name in ("EvidenceInvalid", "BidkitError", "Problem"):
        from . import problems
        return getattr(problems, name)
    raise AttributeError(name)
