"""bidkit's version, in one place: the package metadata, `--version` and the build manifest all read it here."""
__version__ = "0.1.0"
