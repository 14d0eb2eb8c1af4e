"""Tests for scripts.sections: the published order of items and sections that form and paper share."""

from __future__ import annotations

import pytest

from scripts.sections import grouped


def test_loose_items_first_then_sections_in_published_order() -> None:
    """Items without a section come first; then every section in order, with its items, even when empty."""
    items = [{"id": "b", "section": "s2"}, {"id": "a"}, {"id": "c", "section": "s1"}, {"id": "d", "section": "s2"}]
    sections = [{"id": "s1"}, {"id": "s2"}, {"id": "s3"}]
    groups = [(None if s is None else s["id"], [i["id"] for i in members]) for s, members in grouped(items, sections)]
    assert groups == [(None, ["a"]), ("s1", ["c"]), ("s2", ["b", "d"]), ("s3", [])]


def test_no_loose_group_when_every_item_has_a_section() -> None:
    """Without loose items there is no leading ``None`` group."""
    assert [s["id"] for s, _ in grouped([{"id": "a", "section": "s"}], [{"id": "s"}])] == ["s"]


def test_unknown_section_is_an_error() -> None:
    """An item naming a section that is not declared raises, naming it."""
    with pytest.raises(ValueError, match="unknown sections: ghost"):
        list(grouped([{"id": "a", "section": "ghost"}], []))
