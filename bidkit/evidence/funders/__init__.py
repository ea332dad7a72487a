"""Funder profiles: the funder's questions, word limits and money rules, as data (the YAML files beside this)."""
