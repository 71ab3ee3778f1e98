"""YAML loading that remembers where every value came from (file and line).

Used by scenario files (and later the course file) so that an error can name
the file, the line and the problem.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class YamlSourceError(Exception):
    """A YAML file could not be read: ``path``, ``line`` (1-based) and ``problem``."""

    def __init__(self, path: Path, line: int | None, problem: str) -> None:
        self.path = path
        self.line = line
        self.problem = problem
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


def load_yaml(path: str | Path) -> YamlDocument:
    """Read a YAML file; raise :class:`YamlSourceError` on any problem.

    Duplicate keys are an error (PyYAML would silently keep the last one).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise YamlSourceError(path, None, "file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise YamlSourceError(path, None, f"cannot read file ({exc})") from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise YamlSourceError(path, line, f"YAML syntax error: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:  # pragma: no cover - other parser errors
        raise YamlSourceError(path, None, f"YAML error: {exc}") from None
    if node is None:
        raise YamlSourceError(path, 1, "the file is empty")
    lines: dict[tuple, int] = {}
    data = _convert(path, node, (), lines)
    return YamlDocument(path, data, lines)


def _convert(path: Path, node: yaml.Node, loc: tuple, lines: dict[tuple, int]) -> Any:
    lines[loc] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raise YamlSourceError(path, key_node.start_mark.line + 1, "a key must be a plain name")
            key = _scalar(path, key_node)
            if key in result:
                raise YamlSourceError(path, key_node.start_mark.line + 1, f"duplicate key {key!r}")
            result[key] = _convert(path, value_node, loc + (key,), lines)
            lines[loc + (key,)] = key_node.start_mark.line + 1
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(path, item, loc + (index,), lines) for index, item in enumerate(node.value)]
    return _scalar(path, node)


def _scalar(path: Path, node: yaml.Node) -> Any:
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        raise YamlSourceError(path, node.start_mark.line + 1, str(exc.problem)) from None
    finally:
        loader.dispose()


def problem(ko: str, en: str) -> Any:
    """A pydantic validation problem that carries its Korean text along."""
    from pydantic_core import PydanticCustomError

    return PydanticCustomError("factorylab", en.replace("{", "(").replace("}", ")"), {"ko": ko})


def describe_validation_error(doc: YamlDocument, exc: Any) -> tuple[int | None, str, str]:
    """(line, Korean, English) for the first problem of a pydantic ValidationError.

    The message starts with the field's dotted path; the line is where that
    field (or its nearest parent) stands in the file.
    """
    errors = exc.errors()
    # a misspelt key also makes the real one "missing": name the misspelling first
    error = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
    loc = tuple(error["loc"])
    field = ".".join(str(part) for part in loc) or "(file)"
    line = doc.line_of(loc)
    ko, en = _describe(error)
    if len(exc.errors()) > 1:
        more = len(exc.errors()) - 1
        ko += f" (그 밖에 문제 {more}개 더)"
        en += f" (and {more} more problem{'s' if more > 1 else ''})"
    return line, f"{field}: {ko}", f"{field}: {en}"


def _describe(error: dict[str, Any]) -> tuple[str, str]:
    kind = error["type"]
    ctx = error.get("ctx", {})
    got = error.get("input")
    if kind == "missing":
        return "꼭 있어야 하는 항목이 없습니다", "this field is required"
    if kind == "extra_forbidden":
        return "알 수 없는 항목입니다 (철자를 확인하세요)", "unknown field (check the spelling)"
    if kind in ("greater_than_equal", "greater_than"):
        return (
            f"{ctx.get('ge', ctx.get('gt'))} 이상이어야 합니다 (입력: {got})",
            f"must be at least {ctx.get('ge', ctx.get('gt'))} (got {got})",
        )
    if kind in ("less_than_equal", "less_than"):
        return (
            f"{ctx.get('le', ctx.get('lt'))} 이하여야 합니다 (입력: {got})",
            f"must be at most {ctx.get('le', ctx.get('lt'))} (got {got})",
        )
    if kind == "literal_error":
        return (
            f"다음 중 하나여야 합니다: {ctx.get('expected')} (입력: {got!r})",
            f"must be one of {ctx.get('expected')} (got {got!r})",
        )
    if kind in ("float_type", "int_type", "float_parsing", "int_parsing"):
        return f"숫자여야 합니다 (입력: {got!r})", f"must be a number (got {got!r})"
    if kind in ("bool_type", "bool_parsing"):
        return f"true 또는 false 여야 합니다 (입력: {got!r})", f"must be true or false (got {got!r})"
    if kind in ("string_type",):
        return f"글자여야 합니다 (입력: {got!r})", f"must be text (got {got!r})"
    if kind == "string_pattern_mismatch":
        return (
            "소문자 영어, 숫자, _ 와 - 로 된 이름이어야 합니다 (영어 소문자로 시작)",
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
