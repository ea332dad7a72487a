"""Only the package list lives here: setuptools finds every bidkit subpackage itself (so a new one can never be
left out of a wheel) and adds the two folders shipped inside the package. Everything else is in pyproject.toml."""
from setuptools import find_packages, setup

setup(packages=find_packages(include=["bidkit", "bidkit.*"]) + ["bidkit._templates", "bidkit._example"])
