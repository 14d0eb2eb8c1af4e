"""Reading definitions: TOML files on the host, JSON objects in the browser.

Both paths go through :func:`parse_definition`, so a definition that passes the
build is read in exactly the same way by the browser's Python.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

from . import (
    _bank,
    _cbi,
    _checklist,
    _distinction,
    _insurance,
    _observation,
    _plan,
    _quiz,
    _reflection,
    _support_plan,
    _timeline,
)
from ._base import SCHEMA_VERSION, Common, Exercise
from ._errors import DefinitionError, UnknownExerciseError
from ._fields import Table

Parser = Callable[[Table, Common], Exercise]

#: Every exercise kind and the function that parses it.
KINDS: dict[str, Parser] = {
    _bank.KIND: _quiz.parse,
    _cbi.KIND: _cbi.parse,
    _reflection.KIND: _reflection.parse,
    _plan.KIND: _plan.parse,
    _checklist.KIND: _checklist.parse,
    _support_plan.KIND: _support_plan.parse,
    _timeline.KIND: _timeline.parse,
    _insurance.KIND: _insurance.parse,
    _distinction.KIND: _distinction.parse,
    _distinction.AID_KIND: _distinction.parse_aid,
    _observation.KIND: _observation.parse,
}


def parse_definition(data: Mapping[str, object], origin: str) -> Exercise:
    """Validate one definition (a parsed TOML or JSON object) and return the exercise."""
    table = Table(data, origin)
    schema = table.integer("schema")
    if schema != SCHEMA_VERSION:
        raise table.error(
            "schema",
            f"unsupported schema version {schema} (this selfcheck reads version {SCHEMA_VERSION} only; "
            f"see ARCHITECTURE.md on moving a definition to schema {SCHEMA_VERSION})",
        )
    kind = table.text("kind")
    if kind not in KINDS:
        raise table.error("kind", f"unknown kind {kind!r} (known kinds: {', '.join(sorted(KINDS))})")
    common = Common(id=table.ident(), title=table.text("title"), source=table.text("source"))
    return KINDS[kind](table, common)


def read_toml(path: Path) -> dict[str, object]:
    """Parse a TOML file, turning syntax errors into a :class:`DefinitionError`."""
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise DefinitionError(str(path), f"invalid TOML: {exc}") from None
    except UnicodeDecodeError:
        raise DefinitionError(str(path), "invalid TOML: the file is not UTF-8 text") from None
    except OSError as exc:
        raise DefinitionError(str(path), f"cannot be read: {exc.strerror}") from None


def load_file(path: Path) -> Exercise:
    """Load and validate one definition file; its id must match the file name."""
    return _checked_against_file_name(parse_definition(read_toml(path), str(path)), path)


def _checked_against_file_name(exercise: Exercise, path: Path) -> Exercise:
    if exercise.id != path.stem:
        raise DefinitionError(str(path), f"id {exercise.id!r} must match the file name {path.stem!r}", field="id")
    return exercise


def definition_files(directory: Path) -> Iterator[Path]:
    """Every ``*.toml`` under ``directory``, in a stable order."""
    yield from sorted(directory.rglob("*.toml"))


class Catalogue:
    """All exercises of a directory, by id, in file order."""

    def __init__(
        self,
        exercises: Mapping[str, Exercise],
        files: Mapping[str, Path],
        data: Mapping[str, Mapping[str, object]],
    ) -> None:
        self._exercises = dict(exercises)
        #: The file each exercise came from, and its validated source data (embedded in pages).
        self.files = dict(files)
        self.data = dict(data)

    def __iter__(self) -> Iterator[Exercise]:
        return iter(self._exercises.values())

    def __len__(self) -> int:
        return len(self._exercises)

    def __contains__(self, ident: object) -> bool:
        return ident in self._exercises

    def get(self, ident: str) -> Exercise:
        """The exercise with this id, or :class:`UnknownExerciseError`."""
        try:
            return self._exercises[ident]
        except KeyError:
            raise UnknownExerciseError(f"unknown exercise id {ident!r} (see 'python -m selfcheck list')") from None


def load_catalogue(directory: Path) -> Catalogue:
    """Load every definition under ``directory``; duplicate ids name both files."""
    if not directory.is_dir():
        raise DefinitionError(str(directory), "is not a directory of exercise definitions")
    exercises: dict[str, Exercise] = {}
    files: dict[str, Path] = {}
    data: dict[str, Mapping[str, object]] = {}
    for path in definition_files(directory):
        raw = read_toml(path)
        exercise = _checked_against_file_name(parse_definition(raw, str(path)), path)
        if exercise.id in exercises:
            raise DefinitionError(
                str(path), f"duplicate exercise id {exercise.id!r} (also in {files[exercise.id]})", field="id"
            )
        exercises[exercise.id] = exercise
        files[exercise.id] = path
        data[exercise.id] = raw
    return Catalogue(exercises, files, data)
