"""The course: ``curriculum/course.yaml`` as one validated source.

Units with hours, level on the Korean smart-factory ladder, ISA-95 levels,
objectives in Korean and English, prerequisites, labs and checks (which must
exist unless marked planned) and scenarios (which must exist). A mistake in
the file raises :class:`CourseError` naming the file, the line and the field.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .i18n import BilingualError
from .plant.scenario import builtin_ids
from .plant.yamlsource import YamlSourceError, describe_validation_error, load_yaml, problem

#: The Korean smart-factory ladder (Ministry of SMEs and Startups), lowest first.
LEVELS = ("기초", "중간1", "중간2", "고도화")
LEVEL_NAMES_EN = {"기초": "basic", "중간1": "intermediate 1", "중간2": "intermediate 2", "고도화": "advanced"}
ISA95 = ("L0", "L1", "L2", "L3", "L4")


class CourseError(BilingualError):
    """course.yaml could not be loaded: ``path`` and ``line`` say where."""

    def __init__(self, path: Path, line: int | None, ko: str, en: str) -> None:
        self.path = path
        self.line = line
        where = f"{path}:{line}: " if line else f"{path}: "
        super().__init__(where + ko, where + en)


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(_Strict):
    ko: str = Field(min_length=1)
    en: str = Field(min_length=1)


class LabRef(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    planned: bool = False
    #: class hours of a planned lab (a written lab says its own hours in its header)
    hours: float | None = Field(default=None, gt=0, le=60)


class Unit(_Strict):
    id: str = Field(pattern=r"^u[0-9]+$")
    number: int = Field(ge=0, le=99)
    title: Text
    hours: float = Field(gt=0, le=60)
    level: Literal["기초", "중간1", "중간2", "고도화"]
    isa95: list[Literal["L0", "L1", "L2", "L3", "L4"]] = Field(min_length=1)
    scenarios: list[str] = Field(min_length=1)
    prerequisites: list[str] = []
    objectives: list[Text] = Field(min_length=1)
    labs: list[LabRef] = []
    checks: list[str | LabRef] = []

    @field_validator("scenarios")
    @classmethod
    def _scenarios_exist(cls, scenarios: list[str]) -> list[str]:
        known = builtin_ids()
        for name in scenarios:
            if name not in known:
                raise problem(
                    f"'{name}' 시나리오가 없습니다 (있는 것: {', '.join(known)})",
                    f"there is no scenario '{name}' (known: {', '.join(known)})",
                )
        return scenarios

    @field_validator("labs")
    @classmethod
    def _labs_exist(cls, labs: list[LabRef]) -> list[LabRef]:
        from . import lab

        known = [source.id for source in lab.sources()]
        for ref in labs:
            if not ref.planned and ref.id not in known:
                raise problem(
                    f"'{ref.id}' 실습이 없습니다. 아직 없으면 planned: true라고 표시하세요 (있는 것: {', '.join(known)})",
                    f"there is no lab '{ref.id}'. If it is still to come, mark it planned: true (known: {', '.join(known)})",
                )
        return labs

    @field_validator("checks")
    @classmethod
    def _checks_exist(cls, checks: list[str | LabRef]) -> list[str | LabRef]:
        from .control import checks as check_registry

        known = check_registry.names()
        for ref in checks:
            name, planned = (ref, False) if isinstance(ref, str) else (ref.id, ref.planned)
            if not planned and name not in known:
                raise problem(
                    f"'{name}' 검사가 없습니다. 아직 없으면 {{id: {name}, planned: true}}처럼 쓰세요 (있는 것: {', '.join(known)})",
                    f"there is no check '{name}'. If it is still to come, write {{id: {name}, planned: true}} (known: {', '.join(known)})",
                )
        return checks

    @model_validator(mode="after")
    def _labs_fill_the_unit(self) -> Unit:
        """A unit's labs take its hours, and their exercises' checks are the unit's checks."""
        from . import lab

        written = {source.id: source for source in lab.sources()}
        total = 0.0
        for ref in self.labs:
            source = None if ref.planned else written.get(ref.id)
            hours = source.hours if source is not None else ref.hours
            if not hours:
                raise problem(
                    f"'{ref.id}' 실습의 시간이 없습니다 (실습 머리말의 hours, 또는 예정 실습이면 hours:)",
                    f"the lab '{ref.id}' has no hours (hours in the lab's header, or hours: for a planned lab)",
                )
            total += hours
            if source is not None:
                missing = [name for name in source.checks if name not in self.check_ids]
                if missing:
                    raise problem(
                        f"'{ref.id}' 실습이 쓰는 검사가 이 단원의 checks에 없습니다: {', '.join(missing)}",
                        f"the checks {', '.join(missing)} of the lab '{ref.id}' are not in this unit's checks",
                    )
        if self.labs and abs(total - self.hours) > 1e-9:
            raise problem(
                f"실습 시간의 합({total:g}시간)이 단원 시간({self.hours:g}시간)과 다릅니다",
                f"the labs add up to {total:g} hours, not the unit's {self.hours:g}",
            )
        return self

    @property
    def check_ids(self) -> list[str]:
        """The unit's check ids (planned ones included)."""
        return [c if isinstance(c, str) else c.id for c in self.checks]


class Course(_Strict):
    title: Text
    hours: float = Field(gt=0)
    units: list[Unit] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> Course:
        ids = [unit.id for unit in self.units]
        if len(set(ids)) != len(ids):
            raise problem("단원 id가 겹칩니다", "unit ids must be unique")
        if [unit.number for unit in self.units] != sorted(unit.number for unit in self.units):
            raise problem("단원은 번호 순서대로 쓰세요", "list the units in number order")
        seen: set[str] = set()
        for unit in self.units:
            for prerequisite in unit.prerequisites:
                if prerequisite not in seen:
                    raise problem(
                        f"{unit.id}의 선수 단원 '{prerequisite}'는 앞에 있는 단원이어야 합니다",
                        f"{unit.id}'s prerequisite '{prerequisite}' must be an earlier unit",
                    )
            seen.add(unit.id)
        total = sum(unit.hours for unit in self.units)
        if abs(total - self.hours) > 1e-9:
            raise problem(
                f"단원 시간의 합({total:g} 시간)이 과정 시간({self.hours:g} 시간)과 다릅니다",
                f"the units add up to {total:g} hours, not the course's {self.hours:g}",
            )
        return self

    def unit(self, unit_id: str) -> Unit:
        """A unit by id."""
        for unit in self.units:
            if unit.id == unit_id:
                return unit
        raise KeyError(unit_id)


def default_path() -> Path:
    """Where the shipped course.yaml is."""
    return Path(str(resources.files("factorylab.curriculum") / "course.yaml"))


def load(path: str | Path | None = None) -> Course:
    """Load and validate a course file (default: the shipped one)."""
    path = Path(path) if path is not None else default_path()
    return _load(str(path))


@functools.lru_cache(maxsize=8)
def _load(path_text: str) -> Course:
    path = Path(path_text)
    try:
        doc = load_yaml(path)
    except YamlSourceError as exc:
        raise CourseError(path, exc.line, exc.problem, exc.problem) from None
    try:
        return Course.model_validate(doc.data)
    except ValidationError as exc:
        line, ko, en = describe_validation_error(doc, exc)
        raise CourseError(path, line, ko, en) from None
