"""bidkit: validate a consortium's evidence and merge it into grant documents.

The public API is small: `load(folder)` gives validated Evidence or raises EvidenceInvalid with every Problem;
`build(...)` writes the documents. Names load lazily so `import bidkit` stays cheap.
"""
__version__ = "0.1.0"
__all__ = ["Evidence", "EvidenceInvalid", "BidkitError", "Problem", "load", "build"]


def __getattr__(name):
    if name in ("Evidence", "load"):
        from . import evidence
        return getattr(evidence, name)
    if name in ("EvidenceInvalid", "BidkitError", "Problem"):
        from . import problems
        return getattr(problems, name)
    if name == "build":
        from .build import build
        return build
    raise AttributeError(name)
