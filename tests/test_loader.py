"""Tests for selfcheck._loader: reading TOML definitions, validating them, building the catalogue."""

from __future__ import annotations

from pathlib import Path

import pytest

from selfcheck._base import SCHEMA_VERSION
from selfcheck._errors import DefinitionError, UnknownExerciseError
from selfcheck._loader import KINDS, definition_files, load_catalogue, load_file, parse_definition, read_toml
from support import EXERCISES

ITEM = """
[[items]]
id = "{item}"
type = "single"
objective = "main"
style = "recall"
prompt = "Pick A"
correct = ["{correct}"]
explanation = "A is right."
source = "guide §2.1"

  [[items.options]]
  id = "a"
  label = "A"
  feedback = "A is the rule."

  [[items.options]]
  id = "{second}"
  label = "B"
  feedback = "B is not."
"""

OBJECTIVE = """
[[objectives]]
id = "main"
text = "Know A."
section = "a"
"""


def quiz_toml(ident: str = "demo", *, header: str = "", items: str | None = None, schema: str = "2",
              kind: str = "quiz") -> str:
    """A valid quiz definition (a one-item bank) in TOML, with hooks to break one part of it."""
    body = ITEM.format(item="q1", correct="a", second="b") if items is None else items
    return (f'schema = {schema}\nid = "{ident}"\nkind = "{kind}"\ntitle = "Demo"\nsource = "guide §2.1"\n'
            f'page = "modules/demo.md"\ndraw = 1\n{header}\n{OBJECTIVE}\n{body}')


def write(directory: Path, name: str, text: str) -> Path:
    """Write ``text`` to ``directory/name`` (creating folders) and return the path."""
    path = directory / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def load_error(path: Path) -> str:
    """The DefinitionError message of loading ``path``."""
    with pytest.raises(DefinitionError) as info:
        load_file(path)
    return str(info.value)


def test_valid_file_loads(tmp_path: Path) -> None:
    """A well-formed definition loads into an exercise of its kind with its common fields."""
    exercise = load_file(write(tmp_path, "demo.toml", quiz_toml()))
    assert (exercise.id, exercise.kind, exercise.title, exercise.source) == ("demo", "quiz", "Demo", "guide §2.1")


def test_invalid_toml_names_file(tmp_path: Path) -> None:
    """A TOML syntax error is reported as a DefinitionError naming the file and saying 'invalid TOML'."""
    path = write(tmp_path, "demo.toml", 'schema = 2\nid = "demo\n')
    message = load_error(path)
    assert message.startswith(f"{path}: invalid TOML: ")
    assert "\n" not in message


def test_non_utf8_file_is_a_definition_error(tmp_path: Path) -> None:
    """A file that is not UTF-8 gives a DefinitionError naming the file, not a UnicodeDecodeError."""
    path = tmp_path / "demo.toml"
    path.write_bytes(b'title = "\xff"\n')
    assert load_error(path) == f"{path}: invalid TOML: the file is not UTF-8 text"


def test_unreadable_file_names_file(tmp_path: Path) -> None:
    """A missing file is reported as a DefinitionError naming the file."""
    path = tmp_path / "absent.toml"
    with pytest.raises(DefinitionError, match=r"absent\.toml: cannot be read"):
        read_toml(path)


def test_duplicate_item_id(tmp_path: Path) -> None:
    """Two items with the same id: the message names file, item and field id."""
    items = ITEM.format(item="q1", correct="a", second="b") * 2
    path = write(tmp_path, "demo.toml", quiz_toml(items=items))
    assert load_error(path) == f"{path}: item 'q1': field 'id': duplicate id 'q1'"


def test_duplicate_option_id(tmp_path: Path) -> None:
    """Two options with the same id: the message names file, the item/option and field id."""
    path = write(tmp_path, "demo.toml", quiz_toml(items=ITEM.format(item="q1", correct="a", second="a")))
    assert load_error(path) == f"{path}: item 'q1/a': field 'id': duplicate id 'a'"


def test_unknown_option_in_answer_key(tmp_path: Path) -> None:
    """An answer key naming an option that does not exist: file, item and field correct are named."""
    path = write(tmp_path, "demo.toml", quiz_toml(items=ITEM.format(item="q1", correct="zz", second="b")))
    assert load_error(path) == (
        f"{path}: item 'q1': field 'correct': unknown option 'zz' in the answer key (offered: a, b)"
    )


@pytest.mark.parametrize("field", ["title", "source", "kind", "schema", "id"])
def test_missing_common_field(tmp_path: Path, field: str) -> None:
    """Leaving out any common field gives '<file>: field '<name>': is missing'."""
    lines = [line for line in quiz_toml().splitlines() if not line.startswith(f"{field} =")]
    path = write(tmp_path, "demo.toml", "\n".join(lines))
    assert load_error(path) == f"{path}: field '{field}': is missing"


def test_missing_item_field(tmp_path: Path) -> None:
    """An item without a prompt: the message names file, item and field prompt."""
    items = ITEM.format(item="q1", correct="a", second="b").replace('prompt = "Pick A"\n', "")
    path = write(tmp_path, "demo.toml", quiz_toml(items=items))
    assert load_error(path) == f"{path}: item 'q1': field 'prompt': is missing"


def test_unknown_top_level_field(tmp_path: Path) -> None:
    """A misspelt top-level field is rejected, naming file and field."""
    path = write(tmp_path, "demo.toml", quiz_toml(header='intor = "typo"'))
    assert load_error(path) == f"{path}: field 'intor': is not a known field"


def test_unknown_item_field(tmp_path: Path) -> None:
    """A misspelt item field is rejected, naming file, item and field."""
    items = ITEM.format(item="q1", correct="a", second="b")
    items = items.replace('prompt = "Pick A"', 'prompt = "Pick A"\npromt = "x"')
    path = write(tmp_path, "demo.toml", quiz_toml(items=items))
    assert load_error(path) == f"{path}: item 'q1': field 'promt': is not a known field"


def test_unknown_kind(tmp_path: Path) -> None:
    """An unknown kind is rejected, naming file, field kind and the known kinds."""
    path = write(tmp_path, "demo.toml", quiz_toml(kind="puzzle"))
    message = load_error(path)
    assert message.startswith(f"{path}: field 'kind': unknown kind 'puzzle' (known kinds: ")
    assert "quiz" in message


@pytest.mark.parametrize("schema", ["1", "3", "0"])
def test_wrong_schema_version(tmp_path: Path, schema: str) -> None:
    """A schema version other than 2 (schema 1 included) is rejected, naming field schema and both versions."""
    assert SCHEMA_VERSION == 2
    path = write(tmp_path, "demo.toml", quiz_toml(schema=schema))
    assert load_error(path) == (
        f"{path}: field 'schema': unsupported schema version {schema} (this selfcheck reads version 2 only; "
        "see ARCHITECTURE.md on moving a definition to schema 2)"
    )


def test_every_definition_of_the_site_is_schema_2() -> None:
    """Every file under exercises/ declares schema = 2 (the whole catalogue moved with the banks)."""
    for path in definition_files(EXERCISES):
        assert read_toml(path)["schema"] == 2, path


def test_schema_must_be_an_integer(tmp_path: Path) -> None:
    """A schema given as a string ("1") is rejected as not an integer."""
    path = write(tmp_path, "demo.toml", quiz_toml(schema='"1"'))
    assert load_error(path) == f"{path}: field 'schema': must be an integer"


def test_id_must_equal_file_stem(tmp_path: Path) -> None:
    """A definition whose id differs from its file name is rejected, naming file, field id and both names."""
    path = write(tmp_path, "other.toml", quiz_toml("demo"))
    assert load_error(path) == f"{path}: field 'id': id 'demo' must match the file name 'other'"


def test_invalid_id(tmp_path: Path) -> None:
    """An id with characters outside a-z, 0-9, '-' and '_' is rejected."""
    path = write(tmp_path, "Demo.toml", quiz_toml("Demo"))
    assert "field 'id': 'Demo' is not a valid id" in load_error(path)


def test_parse_definition_on_plain_mappings(tmp_path: Path) -> None:
    """parse_definition() works on plain mappings (the browser's path) and uses the given origin in errors."""
    with pytest.raises(DefinitionError) as info:
        parse_definition({"schema": 2, "kind": "quiz"}, "exercise x")
    assert str(info.value) == "exercise x: field 'id': is missing"
    with pytest.raises(DefinitionError, match="exercise x: must be a table"):
        parse_definition([], "exercise x")  # type: ignore[arg-type]


def test_catalogue_loads_nested_files_in_order(tmp_path: Path) -> None:
    """load_catalogue() reads every *.toml under the folder, sorted by path, keeping files and raw data."""
    write(tmp_path, "b/second.toml", quiz_toml("second"))
    write(tmp_path, "a/first.toml", quiz_toml("first"))
    write(tmp_path, "a/notes.txt", "not a definition")
    catalogue = load_catalogue(tmp_path)
    assert [e.id for e in catalogue] == ["first", "second"]
    assert len(catalogue) == 2
    assert "first" in catalogue and "third" not in catalogue
    assert catalogue.files["second"] == tmp_path / "b" / "second.toml"
    assert catalogue.data["first"]["id"] == "first"
    assert catalogue.get("second").id == "second"
    assert list(definition_files(tmp_path)) == [tmp_path / "a/first.toml", tmp_path / "b/second.toml"]


def test_catalogue_unknown_id(tmp_path: Path) -> None:
    """Catalogue.get() of an unknown id raises UnknownExerciseError naming the id."""
    write(tmp_path, "demo.toml", quiz_toml())
    with pytest.raises(UnknownExerciseError, match=r"unknown exercise id 'nope'"):
        load_catalogue(tmp_path).get("nope")


def test_duplicate_exercise_id_across_files(tmp_path: Path) -> None:
    """Two files defining the same exercise id: the error names the second file, field id and the first file."""
    first = write(tmp_path, "a/demo.toml", quiz_toml())
    second = write(tmp_path, "b/demo.toml", quiz_toml())
    with pytest.raises(DefinitionError) as info:
        load_catalogue(tmp_path)
    assert str(info.value) == f"{second}: field 'id': duplicate exercise id 'demo' (also in {first})"


def test_catalogue_reports_first_bad_file(tmp_path: Path) -> None:
    """One malformed file makes the whole catalogue fail, naming that file."""
    write(tmp_path, "good.toml", quiz_toml("good"))
    bad = write(tmp_path, "bad.toml", quiz_toml("bad", kind="nope"))
    with pytest.raises(DefinitionError, match=rf"^{bad}: field 'kind'"):
        load_catalogue(tmp_path)


def test_catalogue_of_missing_directory(tmp_path: Path) -> None:
    """A folder that does not exist is reported as a DefinitionError naming it."""
    with pytest.raises(DefinitionError) as info:
        load_catalogue(tmp_path / "nowhere")
    assert str(info.value) == f"{tmp_path / 'nowhere'}: is not a directory of exercise definitions"


def test_real_exercises_all_load() -> None:
    """Every definition under exercises/ is valid, of a registered kind, and has a unique id equal to its stem."""
    catalogue = load_catalogue(EXERCISES)
    assert "palermo-definition" in catalogue
    for exercise in catalogue:
        assert exercise.kind in KINDS
        assert catalogue.files[exercise.id].stem == exercise.id
