"""The annotated example in docs/policy-packs.md must stay a valid pack, and the same
as the file the tests load."""

import re
from pathlib import Path

from hamwe.policy.validation import parse

ROOT = Path(__file__).resolve().parents[3]


def _yaml_blocks(markdown):
    return re.findall(r"```yaml\n(.*?)```", markdown, flags=re.S)


def test_the_documented_example_is_a_valid_pack_and_matches_the_test_copy():
    blocks = _yaml_blocks((ROOT / "docs" / "policy-packs.md").read_text(encoding="utf-8"))
    example = max(blocks, key=len)
    pack = parse(example, file="docs/policy-packs.md")
    copy = (Path(__file__).parent / "example-pack.yaml").read_text(encoding="utf-8")
    assert parse(copy) == pack
    assert pack.strategy is not None and pack.expectations


def test_the_documented_translation_is_valid_and_matches_the_test_copy():
    from hamwe.policy.validation import parse_file, parse_translation

    blocks = _yaml_blocks((ROOT / "docs" / "policy-packs.md").read_text(encoding="utf-8"))
    example = next(b for b in blocks if b.startswith("# A French translation"))
    copy = Path(__file__).parent / "example-pack.fr.yaml"
    assert example == copy.read_text(encoding="utf-8")
    pack = parse_file(Path(__file__).parent / "example-pack.yaml")
    documented = parse_translation(example, file="docs/policy-packs.md", pack=pack,
                                   language="fr")
    assert pack.translations["fr"] == documented
