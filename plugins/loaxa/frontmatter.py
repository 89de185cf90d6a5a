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
# Characters no page, feed or PDF can carry: controls (a vertical tab or bell pasted from Word)
# and the two non-characters XML forbids. Tab and line feed are text.
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff]")
# Front matter is a handful of fields: anchors and aliases beyond this size are an attack.
MAX_NODES = 2_000
# What PyYAML reports, by what staff did: the message names the mistake in their words.
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "yaml.colon"),
    ("could not find expected ':'", "yaml.colon"),
    ("quoted scalar", "yaml.quote"),
    ("alias", "yaml.alias"),
    ("anchor", "yaml.alias"),
    ("expected <block end>", "yaml.indent"),
    ("block mapping", "yaml.indent"),
    ("flow", "yaml.bracket"),
)


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
    plain: bool = False  # written without quotes, so YAML may have read it as a number

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
    forbidden = FORBIDDEN.search(text)
    if forbidden is not None:
        raise FrontMatterError("post.control_char", text.count("\n", 0, forbidden.start()) + 1,
                               char=f"U+{ord(forbidden[0]):04X}")
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
    try:
        fields, duplicates = _fields(source, first_line, start + 1)
    except FrontMatterError as error:
        # A `---` divider in the body closed a front matter that lacks its own closing line:
        # the first line that is no field is where the `---` belongs.
        unclosed = _body_line(lines, start + 1, end)
        if error.kind != "post.yaml_tab" and unclosed is not None and error.line >= unclosed:
            raise FrontMatterError("post.front_matter_unclosed_at", unclosed,
                                   open_line=start + 1) from None
        raise
    return FrontMatter(fields, body, start + 1, duplicates, body_line)


_FIELD_LINE = re.compile(r"^(?:[\w\- ]+:(?:\s|$)|\s|#|-\s|$)")


def _body_line(lines: list[str], first: int, end: int) -> int | None:
    """The 1-based line of the first body-like line (not `name: value`, an indented
    continuation, a list item or a comment) after a blank line among `lines[first:end]`."""
    blank = False
    for index in range(first, end):
        line = lines[index]
        if not line.strip():
            blank = True
        elif blank and not _FIELD_LINE.match(line):
            return index + 1
    return None


def _fields(source: str, first_line: int, open_line: int) -> tuple[dict[str, Field], list]:
    for number, line in enumerate(source.split("\n")):
        if line.startswith((" \t", "\t")) and line.strip() and not _in_block_text(source, number):
            raise FrontMatterError("post.yaml_tab", first_line + number)
    loader = _Loader(source)
    try:
        node = loader.get_single_node()
        if node is None:
            return {}, []
        if not isinstance(node, yaml.MappingNode):
            raise FrontMatterError("post.not_mapping", first_line + node.start_mark.line)
        _limit_size(node, first_line)
        fields: dict[str, Field] = {}
        duplicates: list[tuple[Field, int]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise FrontMatterError("post.key_not_text", first_line + key_node.start_mark.line)
            name = str(loader.construct_object(key_node, deep=True))
            value = loader.construct_object(value_node, deep=True)
            text = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
            plain = text is not None and not value_node.style  # libyaml says "", PyYAML None
            if plain and text in _NULLS:
                value, text = None, ""
            item = Field(name, value, first_line + key_node.start_mark.line, text, plain=plain)
            if name in fields:
                duplicates.append((item, fields[name].line))
            fields[name] = item
        return fields, duplicates
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = first_line + mark.line if mark else open_line
        said = f"{error.context or ''} {error.problem or ''}"
        if "'\\t'" in said:
            raise FrontMatterError("post.yaml_tab", line) from None
        kind = next((kind for words, kind in _YAML_PROBLEMS if words in said), "yaml.other")
        raise FrontMatterError("post.yaml_syntax", line, problem=kind) from None
    except yaml.YAMLError:
        raise FrontMatterError("post.yaml_syntax", open_line, problem="yaml.other") from None
    except RecursionError:
        raise FrontMatterError("post.yaml_too_big", open_line, limit=MAX_NODES) from None
    finally:
        loader.dispose()


def _in_block_text(source: str, number: int) -> bool:
    """Whether line `number` continues a `|` or `>` block of text, where a tab is text."""
    lines = source.split("\n")
    for previous in reversed(lines[:number]):
        if previous.strip() and not previous.startswith((" ", "\t")):
            return bool(re.search(r":\s*[|>][+-]?\d*\s*(#.*)?$", previous))
    return False


def _limit_size(root: yaml.Node, first_line: int) -> None:
    """Refuse front matter whose aliases would expand past MAX_NODES values, or loop."""
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()

    def size(node: yaml.Node) -> int:
        if id(node) in sizes:
            return sizes[id(node)]
        if id(node) in open_nodes:
            raise FrontMatterError("post.yaml_too_big", first_line + node.start_mark.line,
                                   limit=MAX_NODES)
        open_nodes.add(id(node))
        total = 1
        children = node.value if isinstance(node, yaml.SequenceNode) else (
            [part for pair in node.value for part in pair] if isinstance(node, yaml.MappingNode) else [])
        for child in children:
            total += size(child)
            if total > MAX_NODES:
                raise FrontMatterError("post.yaml_too_big", first_line + child.start_mark.line,
                                       limit=MAX_NODES)
        open_nodes.discard(id(node))
        sizes[id(node)] = total
        return total

    size(root)
