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
