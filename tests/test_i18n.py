"""Every message key the code uses exists in both languages, and every key in the table is used."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from loaxa.editor import message_keys
from loaxa.i18n import _STRINGS
from loaxa.newpost import _KINDS
from loaxa.posts import FIELDS

PACKAGE = Path(__file__).resolve().parent.parent / "plugins" / "loaxa"
KEY = re.compile(r"^[a-z_]+\.[a-z_0-9]+$")


def string_constants() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.add(node.value)
    return found


def test_every_key_in_the_table_is_used():
    # Keys made from a name: posts.py t(f"example.{name}"), newpost.py t(f"new.body.{kind}").
    made = {f"example.{name}" for name in FIELDS}
    made |= {f"new.body.{kind}" for kind in {*_KINDS.values(), "news"}}
    made |= message_keys()  # editor.py: t(f"editor.field.{name}") and the like
    used = string_constants() | made
    unused = sorted(set(_STRINGS) - used)
    assert unused == []


def test_every_key_the_code_names_exists():
    prefixes = {key.split(".")[0] for key in _STRINGS}
    named = {c for c in string_constants() if KEY.match(c) and c.split(".")[0] in prefixes}
    assert named, "the scan found no key at all"
    assert sorted(named - set(_STRINGS)) == []


def test_every_key_has_vietnamese_and_english_with_the_same_placeholders():
    for key, table in _STRINGS.items():
        assert set(table) == {"vi", "en"}, key
        fields = [sorted(re.findall(r"(?<!\{)\{(\w+)\}", table[lang])) for lang in ("vi", "en")]
        assert fields[0] == fields[1], key
