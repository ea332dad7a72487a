"""Languages: the gettext catalogue, babel's formats and the Welsh alphabet. Imports nothing later in the flow."""
from .catalogue import BCP47, N_, Words, gettext_for, languages, ngettext_for, translations, words
from .collation import sort_key
from .formats import format_date, format_list, format_money, format_month, format_number

__all__ = ["BCP47", "N_", "Words", "format_date", "format_list", "format_money", "format_month", "format_number",
           "gettext_for", "languages", "ngettext_for", "sort_key", "translations", "words"]
