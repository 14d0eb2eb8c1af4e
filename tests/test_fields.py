"""Tests for selfcheck._fields: typed, located access to definition tables."""

from __future__ import annotations

import pytest

from selfcheck._errors import DefinitionError
from selfcheck._fields import ID_PATTERN, Table, read_links, unique_ids

ORIGIN = "exercises/demo.toml"


def test_non_mapping_is_rejected_with_location() -> None:
    """Building a Table from something that is not a mapping fails, naming origin, item and field."""
    with pytest.raises(DefinitionError) as info:
        Table(["not", "a", "table"], ORIGIN, item="q1", field="options")
    assert str(info.value) == f"{ORIGIN}: item 'q1': field 'options': must be a table"


def test_text_strips_and_requires_content() -> None:
    """text() returns the stripped string; missing, empty or non-string values fail naming the field."""
    table = Table({"title": "  Hello  ", "blank": "   ", "num": 3}, ORIGIN, item="q1")
    assert table.text("title") == "Hello"
    with pytest.raises(DefinitionError, match=r"item 'q1': field 'blank': must be a non-empty string"):
        table.text("blank")
    with pytest.raises(DefinitionError, match=r"field 'num': must be a non-empty string"):
        table.text("num")
    with pytest.raises(DefinitionError) as info:
        table.text("prompt")
    assert str(info.value) == f"{ORIGIN}: item 'q1': field 'prompt': is missing"


def test_opt_text_default_and_type() -> None:
    """opt_text() gives the default when absent, the stripped value when present, and rejects non-strings."""
    table = Table({"intro": " Hi ", "bad": 1}, ORIGIN)
    assert table.opt_text("intro") == "Hi"
    assert table.opt_text("absent", "fallback") == "fallback"
    with pytest.raises(DefinitionError, match=r"field 'bad': must be a string"):
        table.opt_text("bad")


@pytest.mark.parametrize("value", ["ok", "a-b_c", "x1", "1x"])
def test_ident_accepts_valid_ids(value: str) -> None:
    """ident() accepts lower-case letters, digits, '-' and '_' starting with a letter or digit."""
    assert Table({"id": value}, ORIGIN).ident() == value
    assert ID_PATTERN.match(value)


@pytest.mark.parametrize("value", ["Upper", "has space", "-lead", "dot.ted", "é"])
def test_ident_rejects_invalid_ids(value: str) -> None:
    """ident() rejects ids with upper case, spaces, a leading '-' or other characters, quoting the value."""
    with pytest.raises(DefinitionError) as info:
        Table({"id": value}, ORIGIN, item="q1").ident()
    assert f"field 'id': {value!r} is not a valid id" in str(info.value)


def test_integer_rejects_bools_and_floats() -> None:
    """integer() returns ints, uses the default when absent, and rejects booleans and floats."""
    table = Table({"n": 3, "flag": True, "f": 1.5}, ORIGIN)
    assert table.integer("n") == 3
    assert table.integer("absent", 7) == 7
    for field in ("flag", "f"):
        with pytest.raises(DefinitionError, match=rf"field '{field}': must be an integer"):
            table.integer(field)
    with pytest.raises(DefinitionError, match=r"field 'absent': is missing"):
        table.integer("absent")


def test_number_accepts_ints_and_floats_but_not_bools() -> None:
    """number() converts ints and floats to float, uses the default when absent, rejects booleans and strings."""
    table = Table({"i": 2, "f": 0.5, "b": False, "s": "1"}, ORIGIN)
    assert table.number("i") == 2.0
    assert isinstance(table.number("i"), float)
    assert table.number("f") == 0.5
    assert table.number("absent", 0.8) == 0.8
    for field in ("b", "s"):
        with pytest.raises(DefinitionError, match=rf"field '{field}': must be a number"):
            table.number(field)


def test_boolean_default_and_type() -> None:
    """boolean() returns the value or the default, and rejects non-booleans."""
    table = Table({"yes": True, "one": 1}, ORIGIN)
    assert table.boolean("yes", False) is True
    assert table.boolean("absent", True) is True
    with pytest.raises(DefinitionError, match=r"field 'one': must be true or false"):
        table.boolean("one", False)


def test_choice_lists_allowed_values() -> None:
    """choice() accepts a listed value, uses the default when absent, and otherwise names the allowed values."""
    table = Table({"type": "single", "bad": "triple", "odd": ["single"]}, ORIGIN, item="q1")
    assert table.choice("type", ["single", "multiple"]) == "single"
    assert table.choice("absent", ["a", "b"], "b") == "b"
    with pytest.raises(DefinitionError) as info:
        table.choice("bad", ["single", "multiple"])
    assert str(info.value) == f"{ORIGIN}: item 'q1': field 'bad': must be one of single, multiple (got 'triple')"
    with pytest.raises(DefinitionError, match="must be one of"):
        table.choice("odd", ["single", "multiple"])
    with pytest.raises(DefinitionError, match=r"field 'absent': is missing"):
        table.choice("absent", ["a"])


def test_texts_list_of_non_empty_strings() -> None:
    """texts() returns stripped strings, [] when optional and absent, and rejects mixed or blank entries."""
    table = Table({"ok": [" a ", "b"], "mixed": ["a", 1], "blank": ["a", " "], "str": "a"}, ORIGIN)
    assert table.texts("ok") == ["a", "b"]
    assert table.texts("absent", required=False) == []
    for field in ("mixed", "blank", "str"):
        with pytest.raises(DefinitionError, match=rf"field '{field}': must be a list of non-empty strings"):
            table.texts(field)
    with pytest.raises(DefinitionError, match="is missing"):
        table.texts("absent")


def test_tables_label_entries_by_id_or_position() -> None:
    """tables() labels each entry by its id, or by field[index] when it has none."""
    table = Table({"items": [{"id": "q1"}, {"prompt": "no id"}]}, ORIGIN)
    first, second = table.tables("items")
    assert first.item == "q1"
    assert second.item == "items[2]"


def test_nested_tables_include_parent_item() -> None:
    """Tables nested under an item (e.g. options) are labelled parent/child, so errors say which question."""
    item = Table({"options": [{"id": "a"}, {"label": "x"}]}, ORIGIN, item="q1")
    first, second = item.tables("options")
    assert first.item == "q1/a"
    assert second.item == "q1/options[2]"
    with pytest.raises(DefinitionError) as info:
        second.text("label2")
    assert str(info.value) == f"{ORIGIN}: item 'q1/options[2]': field 'label2': is missing"


@pytest.mark.parametrize("value", [[], "x", [{"id": "a"}, "not a table"]])
def test_tables_rejects_bad_lists(value: object) -> None:
    """tables() rejects an empty list, a non-list, and a list holding a non-table."""
    with pytest.raises(DefinitionError, match="must be"):
        Table({"items": value}, ORIGIN).tables("items")


def test_tables_optional_absent_is_empty() -> None:
    """An optional, absent list of tables gives an empty list; a required one is reported missing."""
    table = Table({}, ORIGIN)
    assert table.tables("sections", required=False) == []
    with pytest.raises(DefinitionError, match=r"field 'items': is missing"):
        table.tables("items")


def test_table_sub_table() -> None:
    """table() returns a sub-table located at the same item, and rejects a non-table value."""
    parent = Table({"meta": {"a": "b"}, "bad": 3}, ORIGIN, item="q1")
    assert parent.table("meta").text("a") == "b"
    with pytest.raises(DefinitionError) as info:
        parent.table("bad")
    assert str(info.value) == f"{ORIGIN}: item 'q1': field 'bad': must be a table"


def test_finish_rejects_unread_fields() -> None:
    """finish() names the first unknown field (alphabetically) and passes when every field was read."""
    table = Table({"id": "x", "promt": "typo", "zeta": 1}, ORIGIN, item="q1")
    table.ident()
    with pytest.raises(DefinitionError) as info:
        table.finish()
    assert str(info.value) == f"{ORIGIN}: item 'q1': field 'promt': is not a known field"
    clean = Table({"id": "x"}, ORIGIN)
    clean.ident()
    clean.finish()


def test_finish_counts_optional_fields_as_known() -> None:
    """Asking for an optional field that is absent does not make finish() complain later."""
    table = Table({"id": "x"}, ORIGIN)
    table.ident()
    table.opt_text("intro")
    table.finish()


def test_unique_ids_returns_ids_in_order() -> None:
    """unique_ids() returns the ids in the given order."""
    owner = Table({"items": [{"id": "b"}, {"id": "a"}]}, ORIGIN)
    assert unique_ids(owner.tables("items"), owner) == ["b", "a"]


def test_unique_ids_names_the_duplicate() -> None:
    """unique_ids() fails on the first duplicate, naming file, the duplicated item and field id."""
    owner = Table({"items": [{"id": "a"}, {"id": "b"}, {"id": "a"}]}, ORIGIN)
    with pytest.raises(DefinitionError) as info:
        unique_ids(owner.tables("items"), owner)
    assert str(info.value) == f"{ORIGIN}: item 'a': field 'id': duplicate id 'a'"


def test_raw_returns_any_shape_and_counts_as_read() -> None:
    """raw() gives the value as it is (None when absent) and marks the field read, so finish() accepts it."""
    table = Table({"when": [{"act": "yes"}], "presume": {"age": "yes"}}, "rules.toml", item="r")
    assert table.raw("when") == [{"act": "yes"}]
    assert table.raw("absent") is None
    with pytest.raises(DefinitionError, match="'presume': is not a known field"):
        table.finish()
    table.raw("presume")
    table.finish()


def test_links_need_a_unique_id_and_a_well_formed_page_and_anchor() -> None:
    """read_links() keeps each link's words, page and anchor; a missing or repeated id (the catalog key) fails."""
    link = {"id": "plan", "text": "Your plan", "page": "wellbeing/prevention-plan.md", "anchor": "make-your-plan"}
    (read,) = read_links(Table({"next": [link]}, ORIGIN), "next")
    assert read.to_json() == {"text": "Your plan", "href": "wellbeing/prevention-plan/#make-your-plan"}
    with pytest.raises(DefinitionError, match=r"duplicate id 'plan'"):
        read_links(Table({"next": [link, dict(link)]}, ORIGIN), "next")
    without = {k: v for k, v in link.items() if k != "id"}
    with pytest.raises(DefinitionError, match=r"field 'id': is missing"):
        read_links(Table({"next": [without]}, ORIGIN), "next")
    with pytest.raises(DefinitionError, match=r"field 'anchor'"):
        read_links(Table({"next": [{**link, "anchor": "Not An Anchor"}]}, ORIGIN), "next")
