"""bidkit: validate a consortium's evidence and merge it into grant documents."""
from .evidence import Evidence, load
from .problems import BidkitError, EvidenceInvalid, Problem

__all__ = ["Evidence", "EvidenceInvalid", "BidkitError", "Problem", "load"]
__version__ = "0.1.0"
