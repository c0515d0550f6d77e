"""The README and the docs link only to what the repository holds: a newcomer who clones
it finds every page they are sent to."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_relative_link_in_the_readme_and_docs_resolves():
    broken = []
    for document in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")),
                     *sorted((ROOT / "hamwe").glob("*/README.md"))]:
        for target in LINK.findall(document.read_text(encoding="utf-8")):
            if re.match(r"^[a-z]+:", target):  # http:, mailto:
                continue
            if not (document.parent / target).resolve().exists():
                broken.append(f"{document.relative_to(ROOT)} -> {target}")
            elif not (document.parent / target).resolve().is_relative_to(ROOT):
                broken.append(f"{document.relative_to(ROOT)} -> {target} (outside the repository)")
    assert not broken, "\n".join(broken)
