"""Evidence files into validated Evidence, or every problem found in them. Imports nothing later in the flow."""
from .load import Evidence, load

__all__ = ["Evidence", "load"]
