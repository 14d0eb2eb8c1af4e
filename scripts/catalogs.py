"""Exercise text catalogs: one definition, text per language (``i18n/<lang>/exercises/<id>.toml``).

The definition (``exercises/**/<id>.toml``) holds the structure (ids, keys, answers, scoring
rules, thresholds, order) and the English text. A catalog holds only the text of one language::

    schema = 1
    exercise = "cl-referral"

    [text]
    "title" = "…"
    "items.before-interview.prompt" = "…"

A key is the path of a text field, made from the ids: a list of tables is keyed by each table's
``id`` (``fact`` for the decision aid's questions, ``min`` for the CBI's bands), a list of strings
by position (``notes.0``). Structural fields (ids and references to ids, kinds, types, answers,
pages, anchors, facts, verdicts, the self-checks' ``distress`` rules, numbers and booleans) have no
key, so a catalog can replace text and nothing else. The build localises each definition with its
catalog (:func:`localised`) before the edition's fragments are rendered and the definition is
embedded in the page, so the browser's Python scores the localised text. ``<id>.back.toml`` (a
back-translation into English, kept for instruments such as the CBI) must have the same keys and is
shown nowhere.

Every problem names the file and the key; :class:`CatalogError` carries one problem per line.
"""

from __future__ import annotations

import copy
import json
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selfcheck import Catalogue, Exercise, SelfcheckError, parse_definition

from . import paths

SCHEMA = 1
#: Fields whose string (or list of strings) names an id, a kind, an answer or a place: never text.
STRUCTURAL = frozenset({
    "schema", "id", "kind", "type", "correct", "objective", "style", "section", "page", "anchor", "fact",
    "verdict", "country", "scale", "response", "revisit", "strategies", "critical_level", "others_level",
    "distress",
})
#: Structural names that are also the name of a list of tables with text: a criterion's ``revisit``
#: lists ids (structure), the rubric's ``[[revisit]]`` tables have titles (text); a group's
#: ``strategies`` lists ids, the wellbeing exercises' ``[[strategies]]`` tables have titles and texts.
TABLES_TOO = frozenset({"revisit", "strategies"})
#: How the tables of a list are told apart in a key, in order of preference.
KEY_FIELDS = ("id", "fact", "min")
BACK_SUFFIX = ".back.toml"
ALLOWED_TOP = {"schema", "exercise", "lang", "text"}


class CatalogError(Exception):
    """Catalogs that do not fit their definitions; one problem per line, each naming file and key."""


def _key_field(tables: list[Mapping[str, Any]], where: str) -> str:
    for field in KEY_FIELDS:
        values = [table.get(field) for table in tables]
        usable = all(isinstance(v, str | int) and not isinstance(v, bool) for v in values)
        if usable and len(set(values)) == len(values):
            return field
    raise CatalogError(f"{where}: the tables of this list have no unique {' or '.join(KEY_FIELDS)}: no catalog keys")


def _tables(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, Mapping) for v in value)


def _walk(value: Any, path: tuple[str, ...], out: dict[str, str]) -> None:
    if isinstance(value, Mapping):
        for name, inner in value.items():
            if name not in STRUCTURAL or (name in TABLES_TOO and _tables(inner)):
                _walk(inner, (*path, str(name)), out)
    elif isinstance(value, list):
        if value and all(isinstance(v, Mapping) for v in value):
            field = _key_field(value, ".".join(path))
            for table in value:
                _walk(table, (*path, str(table[field])), out)
        elif all(isinstance(v, str) for v in value):
            for number, text in enumerate(value):
                out[".".join((*path, str(number)))] = text
    elif isinstance(value, str):
        out[".".join(path)] = value


def text_fields(definition: Mapping[str, Any]) -> dict[str, str]:
    """Every text field of a definition: catalog key → English text, in the definition's order."""
    found: dict[str, str] = {}
    _walk(definition, (), found)
    return found


def _replace(value: Any, path: tuple[str, ...], texts: Mapping[str, str]) -> Any:
    if isinstance(value, Mapping):
        return {name: inner if name in STRUCTURAL and not (name in TABLES_TOO and _tables(inner))
                else _replace(inner, (*path, str(name)), texts)
                for name, inner in value.items()}
    if isinstance(value, list):
        if value and all(isinstance(v, Mapping) for v in value):
            field = _key_field(value, ".".join(path))
            return [_replace(table, (*path, str(table[field])), texts) for table in value]
        if all(isinstance(v, str) for v in value):
            return [texts[".".join((*path, str(n)))] for n in range(len(value))]
        return copy.deepcopy(value)
    if isinstance(value, str):
        return texts[".".join(path)]
    return value


def localise(definition: Mapping[str, Any], texts: Mapping[str, str]) -> dict[str, Any]:
    """A copy of ``definition`` with every text field replaced by ``texts`` (which must have every key)."""
    result = _replace(definition, (), texts)
    assert isinstance(result, dict)
    return result


@dataclass(frozen=True)
class Catalog:
    """One catalog file: the exercise it translates and its texts by key."""

    path: Path
    exercise: str
    texts: dict[str, str]


def catalog_dir(lang: str, i18n: Path = paths.I18N) -> Path:
    """Where a language's exercise catalogs live."""
    return i18n / lang / "exercises"


def _rel(path: Path) -> str:
    try:
        return path.relative_to(paths.ROOT).as_posix()
    except ValueError:
        return str(path)


def read_catalog(path: Path, lang: str | None = None) -> tuple[Catalog | None, list[str]]:
    """Parse one catalog; returns it (or None) and its format problems (file and key named)."""
    name = _rel(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        return None, [f"{name}: invalid TOML: {exc}"]
    problems = [f"{name}: key {key!r}: unknown top-level key (allowed: {', '.join(sorted(ALLOWED_TOP))})"
                for key in data if key not in ALLOWED_TOP]
    if data.get("schema") != SCHEMA:
        problems.append(f"{name}: key 'schema': must be {SCHEMA}")
    exercise = data.get("exercise")
    expected = path.name[: -len(BACK_SUFFIX)] if path.name.endswith(BACK_SUFFIX) else path.stem
    if not isinstance(exercise, str) or exercise != expected:
        problems.append(f"{name}: key 'exercise': must be {expected!r}, the file's name")
    if lang is not None and "lang" in data and data["lang"] != lang:
        problems.append(f"{name}: key 'lang': {data['lang']!r}, but the file is under i18n/{lang}/")
    table = data.get("text")
    if not isinstance(table, dict):
        return None, [*problems, f"{name}: key 'text': missing [text] table"]
    texts: dict[str, str] = {}
    for key, value in table.items():
        if not isinstance(value, str):
            problems.append(f"{name}: key {key!r}: not text ({type(value).__name__}); a catalog holds text only")
        else:
            texts[key] = value
    return Catalog(path, expected, texts), problems


def compare(catalog: Catalog, english: Mapping[str, str]) -> list[str]:
    """Missing, extra and untranslated (empty) keys of a catalog against its definition's text fields."""
    name = _rel(catalog.path)
    problems = [f"{name}: key {key!r}: missing (English: {_short(english[key])})"
                for key in english if key not in catalog.texts]
    problems += [f"{name}: key {key!r}: extra: the definition has no such text field"
                 for key in catalog.texts if key not in english]
    problems += [f"{name}: key {key!r}: empty: not translated yet"
                 for key, text in catalog.texts.items() if key in english and not text.strip()]
    return problems


def _short(text: str, length: int = 60) -> str:
    line = " ".join(text.split())
    return repr(line if len(line) <= length else line[: length - 1] + "…")


def catalog_files(lang: str, i18n: Path = paths.I18N) -> list[Path]:
    """Every catalog and back-translation file of a language."""
    folder = catalog_dir(lang, i18n)
    return sorted(folder.glob("*.toml")) if folder.is_dir() else []


def check_language(catalogue: Catalogue, lang: str, i18n: Path = paths.I18N,
                   *, complete: bool = True) -> tuple[dict[str, Catalog], list[str]]:
    """Read and check every catalog of ``lang``; returns the catalogs by exercise id and all problems.

    ``complete``: a definition without a catalog is a problem too (a built edition needs them all).
    """
    problems: list[str] = []
    found: dict[str, Catalog] = {}
    for path in catalog_files(lang, i18n):
        catalog, trouble = read_catalog(path, lang)
        problems += trouble
        if catalog is None:
            continue
        if catalog.exercise not in catalogue:
            problems.append(f"{_rel(path)}: key 'exercise': no exercise {catalog.exercise!r} under exercises/")
            continue
        problems += compare(catalog, text_fields(catalogue.data[catalog.exercise]))
        if not path.name.endswith(BACK_SUFFIX):
            found[catalog.exercise] = catalog
    if complete:
        folder = _rel(catalog_dir(lang, i18n))
        problems += [f"{folder}/{exercise.id}.toml: missing: no catalog for exercise {exercise.id!r} "
                     f"(python -m scripts i18n skeleton {lang} {exercise.id})"
                     for exercise in catalogue if exercise.id not in found]
    return found, problems


def localised(catalogue: Catalogue, lang: str, i18n: Path = paths.I18N) -> Catalogue:
    """The catalogue in ``lang``: every definition localised by its catalog and validated again.

    Raises :class:`CatalogError` listing every problem; a definition that the localised text breaks
    (a check of the kind's parser) is reported against the catalog file.
    """
    catalogs, problems = check_language(catalogue, lang, i18n)
    if problems:
        raise CatalogError("\n".join(problems))
    exercises: dict[str, Exercise] = {}
    files: dict[str, Path] = {}
    data: dict[str, Mapping[str, object]] = {}
    for exercise in catalogue:
        catalog = catalogs[exercise.id]
        local = localise(catalogue.data[exercise.id], catalog.texts)
        try:
            exercises[exercise.id] = parse_definition(local, _rel(catalog.path))
        except SelfcheckError as exc:
            problems.append(str(exc))
            continue
        files[exercise.id] = catalog.path
        data[exercise.id] = local
    if problems:
        raise CatalogError("\n".join(problems))
    return Catalogue(exercises, files, data)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a valid TOML basic string


def _comment(text: str) -> list[str]:
    lines = text.splitlines() or [""]
    return [f"# en: {lines[0]}", *[f"#     {line}" for line in lines[1:]]]


def _entries(english: Mapping[str, str], keys: Iterable[str]) -> list[str]:
    out: list[str] = []
    for key in keys:
        out += ["", *_comment(english[key]), f"{_toml_string(key)} = \"\""]
    return out


def skeleton(catalogue: Catalogue, lang: str, ids: Iterable[str] = (), i18n: Path = paths.I18N) -> list[str]:
    """Write or complete the catalogs of ``lang`` (all exercises, or ``ids``); returns one report line each.

    A new catalog gets every key, empty, under its English text as a comment. An existing one is
    never rewritten: missing keys are appended at its end (the ``[text]`` table is the file's last
    table), and extra keys are reported, not removed.
    """
    wanted = list(ids) or [exercise.id for exercise in catalogue]
    report: list[str] = []
    folder = catalog_dir(lang, i18n)
    for ident in wanted:
        exercise = catalogue.get(ident)
        english = text_fields(catalogue.data[ident])
        path = folder / f"{ident}.toml"
        name = _rel(path)
        if not path.exists():
            folder.mkdir(parents=True, exist_ok=True)
            source = _rel(catalogue.files[ident])
            header = [
                f"# {exercise.title}: the {lang} text of {source}.",
                "# Translate every value; its English text is the comment above it. Keys, ids, answers and",
                "# numbers stay in the definition: a catalog holds text only. Check: python -m scripts i18n check",
                f"schema = {SCHEMA}",
                f"exercise = {_toml_string(ident)}",
                "",
                "[text]",
            ]
            path.write_text("\n".join([*header, *_entries(english, english)[1:]]) + "\n", encoding="utf-8")
            report.append(f"{name}: written, {len(english)} keys to translate")
            continue
        catalog, problems = read_catalog(path, lang)
        if catalog is None:
            report += problems
            continue
        missing = [key for key in english if key not in catalog.texts]
        extra = [key for key in catalog.texts if key not in english]
        if missing:
            text = path.read_text(encoding="utf-8").rstrip("\n")
            note = f"# Added by 'python -m scripts i18n skeleton': {len(missing)} new text fields of the definition."
            added = ["", note, *_entries(english, missing)]
            path.write_text(text + "\n" + "\n".join(added) + "\n", encoding="utf-8")
        line = f"{name}: {len(missing)} missing keys added"
        if extra:
            line += f"; extra keys (remove them): {', '.join(extra)}"
        report.append(line)
    return report
