"""Splitting a post file into YAML front matter and body, keeping each field's line."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field

import yaml

from .errors import FrontMatterError

_BOM = b"\xef\xbb\xbf"
_OPEN = re.compile(r"^---[ \t]*$")
_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")
_NULLS = {"", "~", "null", "Null", "NULL"}


# libyaml's parser, where PyYAML was built with it, reads front matter several times faster.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):
    """SafeLoader that leaves dates as text, so loaxa reads them (and reports them) itself."""


_Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}



@dataclass(frozen=True)
class Field:
    """One front-matter field: its value, its 1-based line in the file, its raw text if scalar."""

    name: str
    value: object
    line: int
    text: str | None

    @property
    def is_null(self) -> bool:
        return self.value is None or (self.text is not None and self.text.strip() == "")


@dataclass(frozen=True)
class FrontMatter:
    fields: dict[str, Field]
    body: str
    line: int
    duplicates: list[tuple[Field, int]] = field(default_factory=list)
    body_line: int = 1  # 1-based line of the body's first line in the file


def decode(data: bytes) -> str:
    """UTF-8 text (BOM dropped) with LF line ends, NFC-normalised."""
    if data.startswith(_BOM):
        data = data[len(_BOM):]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FrontMatterError("post.not_utf8", data[: error.start].count(b"\n") + 1) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


# A preview server rebuilds on every save: posts that did not change are not parsed again.
# FrontMatter is never changed by its readers, so one object can serve every build.
@functools.lru_cache(maxsize=4096)
def read(data: bytes) -> FrontMatter:
    """The front matter and body of a post file's bytes; raises `FrontMatterError`."""
    return parse(decode(data))


def parse(text: str) -> FrontMatter:
    """The front matter and body of decoded post text."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    if start == len(lines) or not _OPEN.match(lines[start]):
        raise FrontMatterError("post.no_front_matter", start + 1 if start < len(lines) else 1)
    end = next((i for i in range(start + 1, len(lines)) if _CLOSE.match(lines[i])), None)
    if end is None:
        raise FrontMatterError("post.front_matter_unclosed", start + 1)
    first_line = start + 2  # 1-based line of the first YAML line
    source = "\n".join(lines[start + 1 : end])
    rest = "\n".join(lines[end + 1 :])
    body = rest.lstrip("\n")
    body_line = end + 2 + len(rest) - len(body)
    fields, duplicates = _fields(source, first_line, start + 1)
    return FrontMatter(fields, body, start + 1, duplicates, body_line)


def _fields(source: str, first_line: int, open_line: int) -> tuple[dict[str, Field], list]:
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, []
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError("post.not_mapping", first_line + node.start_mark.line)
        fields: dict[str, Field] = {}
        duplicates: list[tuple[Field, int]] = []
        for key_node, value_node in node.value:
            name = str(loader.construct_object(key_node, deep=True))
            value = loader.construct_object(value_node, deep=True)
            text = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            if text is not None and value_node.style is None and text in _NULLS:
                value, text = None, ""
            item = Field(name, value, first_line + key_node.start_mark.line, text)
            if name in fields:
                duplicates.append((item, fields[name].line))
            fields[name] = item
        return fields, duplicates
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else open_line
        problem = error.problem or error.context or "YAML"
        raise FrontMatterError("post.yaml_syntax", line, problem=problem) from None
    except yaml.YAMLError as error:
        raise FrontMatterError("post.yaml_syntax", open_line, problem=str(error)) from None
    finally:
        loader.dispose()
