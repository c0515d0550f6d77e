"""The demo's tables, read from the YAML files in `data/` (each file says what it holds)."""

import functools
from pathlib import Path

import yaml

FOLDER = Path(__file__).resolve().parent / "data"


@functools.cache
def read(name: str):
    """The contents of `data/<name>.yaml`. Shared between calls: never change them."""
    return yaml.safe_load((FOLDER / f"{name}.yaml").read_text(encoding="utf-8"))
