"""Tests for selfcheck._settings: content/knowledge-checks.toml (lint thresholds, schedule, paper seed)."""

from __future__ import annotations

import copy
import tomllib
from typing import Any

import pytest

from banks import SETTINGS_FILE
from selfcheck._errors import DefinitionError
from selfcheck._settings import load_settings, parse_settings

RAW = tomllib.loads(SETTINGS_FILE.read_text(encoding="utf-8"))


def test_site_settings_load() -> None:
    """The site's settings file loads: the thresholds of issue 14, the schedule and a paper seed."""
    loaded = load_settings(SETTINGS_FILE)
    assert (loaded.lint.min_items, loaded.lint.max_longest_share, loaded.lint.max_position_share) == (15, 0.4, 0.4)
    assert loaded.lint.min_application_share == 0.5 and loaded.lint.min_wrong_multiple == 2
    assert "all of the above" in loaded.lint.banned_phrases and "none of the above" in loaded.lint.banned_phrases
    assert loaded.refresh.intervals == (2, 7, 21, 60)
    assert loaded.paper_seed == RAW["paper"]["seed"]


def changed(table: str | None, field: str, value: Any) -> dict[str, Any]:
    """The raw settings with one field of one table (or of the top level) changed; None deletes it."""
    data = copy.deepcopy(RAW)
    target = data if table is None else data[table]
    if value is None:
        del target[field]
    else:
        target[field] = value
    return data


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (changed(None, "schema", 1), "s: field 'schema': unsupported schema version 1 (this selfcheck reads version 2"),
        (changed("paper", "seed", -1), "s [paper]: field 'seed': must be a whole number from 0 to 9007199254740991"),
        (changed("paper", "seed", "x"), "s [paper]: field 'seed': must be an integer"),
        (changed("lint", "min_items", None), "s [lint]: field 'min_items': is missing"),
        (changed("refresh", "intervals", [5, 3]), "s [refresh]: field 'intervals': must be whole days"),
        (changed(None, "extra", 1), "s: field 'extra': is not a known field"),
        (changed(None, "refresh", None), "s: field 'refresh': is missing"),
        (changed(None, "refresh", 3), "s: field 'refresh': must be a table"),
    ],
)
def test_bad_settings_name_the_table_and_field(data: dict[str, Any], message: str) -> None:
    """A malformed settings file fails with the file, the table and the field named."""
    with pytest.raises(DefinitionError) as info:
        parse_settings(data, "s")
    assert str(info.value).startswith(message)
