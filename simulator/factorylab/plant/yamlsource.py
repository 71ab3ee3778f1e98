"""YAML loading that remembers where every value came from (file and line).

Used by scenario files and the course file so that an error can name the
file, the line and the problem.

Limits, checked while the file is read and before any data is built, so
that a small hostile file (a "billion laughs" of nested aliases, a
thousand nested brackets) is refused at once instead of eating seconds and
memory:

* the file is at most :data:`MAX_FILE_BYTES` long;
* values nest at most :data:`MAX_DEPTH` levels deep;
* the data holds at most :data:`MAX_NODES` values (keys, values and list
  items, counting every value an alias repeats).

Anchors and aliases (``&name`` / ``*name``) stay allowed within these
limits, so a file can repeat a block it wrote once; an alias inside the
value it refers to, and merge keys (``<<: *name``), are refused (scenarios
reuse a whole file with ``extends``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

#: Longest file read, bytes (a scenario with a 1000-order book is about 50 kB).
MAX_FILE_BYTES = 1_000_000
#: Deepest nesting of mappings and lists (scenarios need 5, the course 6).
MAX_DEPTH = 20
#: Most values in a file, aliases expanded (the built-in files hold fewer than 600).
MAX_NODES = 100_000

_MERGE_TAG = "tag:yaml.org,2002:merge"


class YamlSourceError(Exception):
    """A YAML file could not be read: ``path``, ``line`` (1-based) and ``problem``.

    ``problem`` is in English, ``problem_ko`` the same in Korean.
    """

    def __init__(self, path: Path, line: int | None, problem: str, problem_ko: str | None = None) -> None:
        self.path = path
        self.line = line
        self.problem = problem
        self.problem_ko = problem_ko if problem_ko is not None else problem
        where = f"{path}:{line}" if line else str(path)
        super().__init__(f"{where}: {problem}")


class YamlDocument:
    """Parsed YAML data plus a map from data paths to line numbers."""

    def __init__(self, path: Path, data: Any, lines: dict[tuple, int]) -> None:
        self.path = path
        self.data = data
        self._lines = lines

    def line_of(self, loc: tuple) -> int | None:
        """Line (1-based) of the value at ``loc`` or of its nearest parent."""
        loc = tuple(loc)
        while loc:
            if loc in self._lines:
                return self._lines[loc]
            loc = loc[:-1]
        return self._lines.get(())

    def has(self, loc: tuple) -> bool:
        """True if the file itself has a value at ``loc`` (a key path)."""
        return tuple(loc) in self._lines


class _Refused(Exception):
    """A limit was hit while composing: ``line`` (1-based), English and Korean."""

    def __init__(self, line: int, en: str, ko: str) -> None:
        super().__init__(en)
        self.line, self.en, self.ko = line, en, ko


class _BoundedLoader(yaml.SafeLoader):
    """A safe loader that counts values (aliases expanded) and depth as it composes.

    Every node gets its expanded size and height when it is finished; an
    alias adds the size of the node it repeats, so nested aliases are
    refused as soon as the count passes the limit, without expanding them.
    """

    def __init__(self, text: str, max_depth: int, max_nodes: int) -> None:
        super().__init__(text)
        self.max_depth = max_depth
        self.max_nodes = max_nodes
        self.total = 0
        self._frames: list[list[int]] = []  # [expanded size, height] of the nodes being composed
        self._shape: dict[int, tuple[int, int]] = {}  # id(node) -> (expanded size, height)

    def _count(self, size: int, depth: int, line: int) -> None:
        self.total += size
        if self.total > self.max_nodes:
            raise _Refused(
                line,
                f"too many values: more than {self.max_nodes} (an alias counts every value it repeats)",
                f"값이 너무 많습니다: {self.max_nodes}개 초과 (별칭은 되풀이하는 값을 모두 셉니다)",
            )
        if depth > self.max_depth:
            raise _Refused(
                line,
                f"values nest more than {self.max_depth} levels deep",
                f"값이 {self.max_depth}단계보다 깊게 중첩되어 있습니다",
            )

    def _grow_parent(self, size: int, height: int) -> None:
        if self._frames:
            parent = self._frames[-1]
            parent[0] += size
            parent[1] = max(parent[1], height + 1)

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is not None:  # (an undefined alias is a syntax error, raised below)
                shape = self._shape.get(id(target))
                if shape is None:  # the anchored value is still open: the alias is inside it
                    raise _Refused(
                        line,
                        f"alias *{event.anchor} is inside the value it refers to",
                        f"자신을 담은 값을 가리키는 별칭입니다: *{event.anchor}",
                    )
                size, height = shape
                self._count(size, len(self._frames) + height, line)
                self._grow_parent(size, height)
            return super().compose_node(parent, index)
        self._count(1, len(self._frames) + 1, line)
        frame = [1, 1]  # expanded size and height of this node, grown by its children
        self._frames.append(frame)
        node = super().compose_node(parent, index)
        self._frames.pop()
        if event.anchor is not None:
            self._shape[id(node)] = (frame[0], frame[1])
        self._grow_parent(frame[0], frame[1])
        return node


def load_yaml(
    path: str | Path, *, max_depth: int = MAX_DEPTH, max_nodes: int = MAX_NODES, max_bytes: int = MAX_FILE_BYTES
) -> YamlDocument:
    """Read a YAML file; raise :class:`YamlSourceError` on any problem.

    Duplicate keys are an error (PyYAML would silently keep the last one), so
    are files, nesting and alias expansions past the limits (see the module
    docstring).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise YamlSourceError(
                path,
                None,
                f"the file is too large: {size} bytes (at most {max_bytes})",
                f"파일이 너무 큽니다: {size}바이트 (최대 {max_bytes}바이트)",
            )
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlSourceError(path, None, "file not found", "파일을 찾을 수 없습니다") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlSourceError(path, None, f"cannot read file ({exc})", f"파일을 읽을 수 없습니다 ({exc})") from None
    loader = _BoundedLoader(text, max_depth, max_nodes)
    try:
        node = loader.get_single_node()
        if node is None:
            raise YamlSourceError(path, 1, "the file is empty", "파일이 비어 있습니다")
        lines: dict[tuple, int] = {}
        data = _convert(path, loader, node, (), lines)
    except _Refused as exc:
        raise YamlSourceError(path, exc.line, exc.en, exc.ko) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or exc.context
        raise YamlSourceError(path, line, f"YAML syntax error: {what}", f"YAML 문법 오류: {what}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors
        raise YamlSourceError(path, None, f"YAML error: {exc}", f"YAML 오류: {exc}") from None
    finally:
        loader.dispose()
    return YamlDocument(path, data, lines)


def _convert(path: Path, loader: yaml.SafeLoader, node: yaml.Node, loc: tuple, lines: dict[tuple, int]) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == _MERGE_TAG:
                raise YamlSourceError(
                    path,
                    line,
                    "merge keys (<<) are not supported: write the keys out (or start from a scenario with extends)",
                    "병합 키(<<)는 쓸 수 없습니다: 키를 직접 적으세요 (시나리오라면 extends로 시작할 수 있습니다)",
                )
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSourceError(path, line, "a key must be a plain name", "키는 단순한 이름이어야 합니다")
            key = _scalar(path, loader, key_node)
            if key in result:
                raise YamlSourceError(path, line, f"duplicate key {key!r}", f"같은 키가 두 번 나옵니다 ({key!r})")
            result[key] = _convert(path, loader, value_node, loc + (key,), lines)
            lines[loc + (key,)] = line
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(path, loader, item, loc + (index,), lines) for index, item in enumerate(node.value)]
    return _scalar(path, loader, node)


def _scalar(path: Path, loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    line = node.start_mark.line + 1
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlSourceError(path, line, str(exc.problem), f"이 값은 읽을 수 없습니다 ({exc.problem})") from None
    except (ValueError, OverflowError):  # an integer of more than 4300 digits, a date like 2024-13-45
        text = str(node.value)
        shown = text if len(text) <= 40 else f"{text[:40]}... ({len(text)}자)"
        shown_en = text if len(text) <= 40 else f"{text[:40]}... ({len(text)} characters)"
        raise YamlSourceError(
            path, line, f"this value cannot be read: {shown_en}", f"이 값은 읽을 수 없습니다: {shown}"
        ) from None


def problem(ko: str, en: str, loc: tuple = ()) -> Any:
    """A pydantic validation problem that carries its Korean text along.

    ``loc``: the path of the field at fault below the model that raises it
    (for a check of several fields at once), so the error names its line.
    """
    from pydantic_core import PydanticCustomError

    context: dict[str, Any] = {"ko": ko}
    if loc:
        context["loc"] = tuple(loc)
    return PydanticCustomError("factorylab", en.replace("{", "(").replace("}", ")"), context)


def error_location(error: dict[str, Any]) -> tuple:
    """The data path of one pydantic error.

    A check of several fields at once (a model validator) cannot set the
    error's location itself; it passes the path below the model in the
    error's context as ``loc`` (see :func:`problem`).
    """
    return tuple(error["loc"]) + tuple(error.get("ctx", {}).get("loc", ()))


def first_error(exc: Any) -> dict[str, Any]:
    """The error of a pydantic ValidationError to report first."""
    errors = exc.errors()
    # a misspelt key also makes the real one "missing": name the misspelling first
    return next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])


def describe_validation_error(doc: YamlDocument, exc: Any) -> tuple[int | None, str, str]:
    """(line, Korean, English) for the first problem of a pydantic ValidationError.

    The message starts with the field's dotted path; the line is where that
    field (or its nearest parent) stands in the file.
    """
    error = first_error(exc)
    loc = error_location(error)
    line = doc.line_of(loc)
    ko, en = describe_error(error, exc.error_count())
    return line, ko, en


def describe_error(error: dict[str, Any], count: int = 1) -> tuple[str, str]:
    """(Korean, English) for one pydantic error, starting with its dotted path.

    ``count`` is the number of problems found in all; the rest are mentioned.
    """
    field = ".".join(str(part) for part in error_location(error)) or "(file)"
    ko, en = _describe(error)
    if count > 1:
        more = count - 1
        ko += f" (그 밖에 문제 {more}개 더)"
        en += f" (and {more} more problem{'s' if more > 1 else ''})"
    return f"{field}: {ko}", f"{field}: {en}"


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx", {})
    got = _Shown(error.get("input"))
    if kind == "missing":
        return "꼭 있어야 하는 항목이 없습니다", "this field is required"
    if kind == "extra_forbidden":
        return "알 수 없는 항목입니다 (철자를 확인하세요)", "unknown field (check the spelling)"
    if kind == "greater_than_equal":
        return f"{ctx['ge']} 이상이어야 합니다 (입력: {got})", f"must be at least {ctx['ge']} (got {got})"
    if kind == "greater_than":
        return f"{ctx['gt']}보다 커야 합니다 (입력: {got})", f"must be more than {ctx['gt']} (got {got})"
    if kind == "less_than_equal":
        return f"{ctx['le']} 이하여야 합니다 (입력: {got})", f"must be at most {ctx['le']} (got {got})"
    if kind == "less_than":
        return f"{ctx['lt']}보다 작아야 합니다 (입력: {got})", f"must be less than {ctx['lt']} (got {got})"
    if kind == "string_too_long":
        limit = ctx.get("max_length")
        return f"최대 {limit}자까지 쓸 수 있습니다", f"must be at most {limit} characters long"
    if kind == "string_too_short":
        return "비어 있으면 안 됩니다", "must not be empty"
    if kind == "too_long":
        limit = ctx.get("max_length")
        return f"최대 {limit}개까지 쓸 수 있습니다", f"at most {limit} items are allowed"
    if kind == "literal_error":
        return (
            f"다음 중 하나여야 합니다: {ctx.get('expected')} (입력: {got!r})",
            f"must be one of {ctx.get('expected')} (got {got!r})",
        )
    if kind == "finite_number":
        return (
            f"유한한 수여야 합니다 (.inf, .nan은 쓸 수 없습니다, 입력: {got})",
            f"must be a finite number (.inf and .nan are not allowed, got {got})",
        )
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        return f"숫자여야 합니다 (입력: {got!r})", f"must be a number (got {got!r})"
    if kind in ("bool_type", "bool_parsing"):
        return f"true 또는 false 여야 합니다 (입력: {got!r})", f"must be true or false (got {got!r})"
    if kind in ("string_type",):
        return f"글자여야 합니다 (입력: {got!r})", f"must be text (got {got!r})"
    if kind == "string_pattern_mismatch":
        return (
            "소문자 영어, 숫자, 밑줄(_)과 붙임표(-)로 된 이름이어야 합니다 (영어 소문자로 시작)",
            "must be a name of lowercase letters, digits, _ and - (starting with a letter)",
        )
    if kind in ("tuple_type", "list_type"):
        return "목록이어야 합니다 (예: [panel, feeder])", "must be a list (e.g. [panel, feeder])"
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return "'키: 값' 형식이어야 합니다", "must be a mapping of keys to values"
    if kind == "factorylab":
        return ctx["ko"], str(error["msg"])
    message = str(error.get("msg", kind))
    return message, message


class _Shown:
    """An input value as a message shows it: cut short if long."""

    def __init__(self, value: Any) -> None:
        self.value = value

    def _cut(self, text: str) -> str:
        return text if len(text) <= 60 else text[:57] + "..."

    def __str__(self) -> str:
        return self._cut(str(self.value))

    def __repr__(self) -> str:
        return self._cut(repr(self.value))
