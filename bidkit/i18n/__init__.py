"""Languages: the gettext catalogue and babel's formats. Imports nothing else of bidkit's."""
from .catalogue import BCP47, gettext_for, ngettext_for, translations
from .formats import format_date, format_list, format_money, format_month, format_number

__all__ = ["BCP47", "format_date", "format_list", "format_money", "format_month", "format_number", "gettext_for", "ngettext_for",
           "translations"]
